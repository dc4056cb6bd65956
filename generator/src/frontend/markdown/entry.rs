//! One entry while it is read, and how it becomes an [`Operation`].

use super::blocks::Inline;
use super::headings::{section_of, Section};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::frontend::text;
use crate::spec::{
    Authorization, Example, Field, Location, Method, Operation, RequestBody, Response,
};

/// Content type assumed for a body declared without one (`Request Body` with `body` rows): the
/// only one the reference uses.
const DEFAULT_CONTENT_TYPE: &str = "application/json";

/// An entry being read.
pub struct Entry {
    pub name: String,
    pub level: u8,
    pub location: Location,
    pub group: String,
    pub description: Vec<String>,
    pub method_path: Option<(Method, String)>,
    /// `None` until an `Authorizations:` line is read.
    pub authorization: Option<Authorization>,
    pub section: Section,
    pub path_params: Vec<Field>,
    pub query_params: Vec<Field>,
    /// Body fields read so far; `Some` once one was.
    pub body_fields: Option<Vec<Field>>,
    /// The request body section, if the entry has one.
    pub body_section: Option<BodySection>,
    pub responses: Vec<Response>,
    pub examples: Vec<Example>,
    /// Path parameters read from a table without a `Type` column, with their lines: the section
    /// heading was the only evidence that they are path parameters.
    pub untyped_path_params: Vec<(String, u32)>,
}

/// What a `Request body` section says besides its rows.
pub struct BodySection {
    /// `application/json` in `Request body schema (application/json)`.
    pub content_type: Option<String>,
    pub description: Vec<String>,
    pub has_table: bool,
}

impl Entry {
    pub fn new(name: String, level: u8, location: Location) -> Self {
        Entry {
            name,
            level,
            location,
            group: String::new(),
            description: Vec::new(),
            method_path: None,
            authorization: None,
            section: Section::Intro,
            path_params: Vec::new(),
            query_params: Vec::new(),
            body_fields: None,
            body_section: None,
            responses: Vec::new(),
            examples: Vec::new(),
            untyped_path_params: Vec::new(),
        }
    }

    /// The operation this entry documents, and the problems found in assembling it; an error if
    /// the entry has no method and path.
    pub fn into_operation(mut self) -> Result<(Operation, Vec<Diagnostic>), Diagnostic> {
        let Some((method, path)) = self.method_path.take() else {
            return Err(Diagnostic::error(
                DiagnosticKind::MissingMethodPath,
                self.location.clone(),
                format!(
                    "entry `{}` has no `METHOD /path` heading; it is left out",
                    self.name
                ),
            )
            .for_operation(&self.name));
        };
        let mut diagnostics = self.read_untyped_path_params_as_body(&path);
        let authorization = self.authorization.take().unwrap_or_else(|| {
            diagnostics.push(
                Diagnostic::warning(
                    DiagnosticKind::UnreadableAuthorization,
                    self.location.clone(),
                    "no `Authorizations:` line under the method heading; read as a public endpoint",
                )
                .for_operation(&self.name),
            );
            Authorization::default()
        });
        let body = self.request_body();
        let operation = Operation {
            name: self.name,
            group: self.group,
            description: self.description.join("\n\n"),
            method,
            path,
            authorization,
            path_params: self.path_params,
            query_params: self.query_params,
            body,
            responses: self.responses,
            examples: self.examples,
            location: self.location,
            response_schema: None,
            since: None,
            param_history: Vec::new(),
        };
        Ok((operation, diagnostics))
    }

    /// The request body: there is one when body fields were read, or when a body section names
    /// a content type and has no table ("Request body schema (application/json)" alone). A body
    /// section whose table only had `path` or `query` rows, or one with prose only ("No request
    /// body."), gives none. (The AsciiDoc front-end reads body sections the same way.)
    fn request_body(&mut self) -> Option<RequestBody> {
        let section = self.body_section.take();
        let fields = match self.body_fields.take() {
            Some(fields) => fields,
            None if section
                .as_ref()
                .is_some_and(|s| s.content_type.is_some() && !s.has_table) =>
            {
                Vec::new()
            }
            None => return None,
        };
        let (content_type, description) = section
            .map(|s| (s.content_type, s.description.join("\n\n")))
            .unwrap_or_default();
        Some(RequestBody {
            content_type: content_type.unwrap_or_else(|| DEFAULT_CONTENT_TYPE.to_string()),
            description,
            fields,
            array: false,
            shapes: Vec::new(),
        })
    }

    /// A field listed under `Path parameters` in a table without a `Type` column, whose name is
    /// not in the path template, in an entry that declares a JSON request body: a reader takes it
    /// for a body field (the plain-text rendering of `createAppToken` does this with `title`).
    /// Parameters whose row says `path` stay path parameters (and `Document::finish` warns).
    fn read_untyped_path_params_as_body(&mut self, path: &str) -> Vec<Diagnostic> {
        let declares_json_body = self.body_section.as_ref().is_some_and(|body| {
            body.content_type
                .as_deref()
                .is_some_and(|ct| ct.eq_ignore_ascii_case("application/json"))
        });
        if !declares_json_body {
            return Vec::new();
        }
        let template = crate::spec::template_params(path);
        let mut diagnostics = Vec::new();
        for (name, line) in std::mem::take(&mut self.untyped_path_params) {
            if template.contains(&name.as_str()) {
                continue;
            }
            let Some(index) = self.path_params.iter().position(|p| p.name == name) else {
                continue;
            };
            let mut field = self.path_params.remove(index);
            // Listed as a path parameter, which is required by nature; the reader keeps that.
            field.required = true;
            body_of(self).push(field);
            let location = Location {
                file: self.location.file.clone(),
                line,
            };
            diagnostics.push(
                Diagnostic::warning(
                    DiagnosticKind::PathParamNotInTemplate,
                    location,
                    format!(
                        "`{name}` is listed under Path parameters but is not in the path template `{path}`; the entry declares a JSON request body, so it is read as a body field"
                    ),
                )
                .for_operation(&self.name),
            );
        }
        diagnostics
    }
}

/// The body fields of an entry, created on the first one.
pub fn body_of(entry: &mut Entry) -> &mut Vec<Field> {
    entry.body_fields.get_or_insert_with(Vec::new)
}

pub fn read_entry_paragraph(entry: &mut Entry, inline: &Inline, plain: &str, next_is_code: bool) {
    if let Some(section) =
        section_of(plain).filter(|s| matches!(s, Section::ExampleOutput | Section::ExampleCommand))
    {
        // `Example output` / `Example response` written as a paragraph rather than a heading.
        entry.section = section;
        return;
    }
    if next_is_code && is_caption(plain) {
        // The title of the code block below it (`Example request body`), not prose.
        return;
    }
    match entry.section {
        Section::Intro => {
            if let Some(raw) = authorization_text(inline) {
                entry.authorization = Some(text::parse_authorization(&raw));
            } else {
                push_paragraph(&mut entry.description, plain);
            }
        }
        Section::RequestBody { .. } => {
            if let Some(section) = &mut entry.body_section {
                push_paragraph(&mut section.description, plain);
            }
        }
        _ => {}
    }
}

/// A block title as the Markdown renders it: a short line such as `Example request body`.
fn is_caption(plain: &str) -> bool {
    plain.starts_with("Example") && !plain.ends_with('.') && plain.split_whitespace().count() <= 6
}

fn push_paragraph(paragraphs: &mut Vec<String>, plain: &str) {
    if !plain.is_empty() {
        paragraphs.push(plain.to_string());
    }
}

/// The text after `Authorizations:`, markup kept, or `None` if the paragraph is not that line.
fn authorization_text(inline: &Inline) -> Option<String> {
    let markup = inline.markup();
    let trimmed = markup.trim_start().trim_start_matches('*');
    let rest = trimmed.strip_prefix("Authorizations:")?;
    Some(
        rest.trim_start_matches(['*', ' ', '\u{a0}'])
            .trim()
            .to_string(),
    )
}
