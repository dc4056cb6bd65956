//! Walks the sections of the reference and turns them into groups, operations and definitions.
//!
//! An entry is a heading whose next heading, one level deeper, is `METHOD /path` (or another part
//! of an entry: a heading followed by `Responses` without a method is an entry that is missing
//! one). Its group is the chapter heading it sits under. The `Definitions` chapter holds one
//! definition per sub-heading.

use super::blocks::{Block, Table};
use super::sections::{classify, prose, section_end, HeadingKind, Section};
use super::tables::{self, Layout, ParamPlace};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::frontend::text;
use crate::spec::{Authorization, Definition, Example, Group, Method, Operation, RequestBody};

/// What the walk produced.
#[derive(Debug, Default)]
pub struct Reference {
    pub groups: Vec<Group>,
    pub operations: Vec<Operation>,
    pub definitions: Vec<Definition>,
    /// Entries seen, including those that could not be represented.
    pub entries_seen: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// The text after `Authorizations:` on a line of an entry's paragraphs, in bold or not
/// (`**Authorizations:** oauth2_implicit (...)`); written out rather than as the capturing regex
/// `^\*{0,2}Authorizations:\s*\*{0,2}\s*(.*)$` (the tests hold it to it): every line of every
/// entry's prose is tried.
fn authorization_text(line: &str) -> Option<&str> {
    let stars = line.len() - line.trim_start_matches('*').len();
    let rest = line[stars.min(2)..].strip_prefix("Authorizations:")?;
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("**")
        .or(rest.strip_prefix('*'))
        .unwrap_or(rest);
    Some(rest.trim_start())
}

/// The content type of a body section that does not name one.
const DEFAULT_CONTENT_TYPE: &str = "application/json";

/// One step of the walk over the sections, in document order.
enum Step {
    /// An entry: its sections `start..end` and the chapter it sits in.
    Entry {
        start: usize,
        end: usize,
        chapter: Option<usize>,
    },
    /// The sub-headings of a `Definitions` chapter.
    Definitions { start: usize, end: usize },
    /// A `METHOD /path` heading that is not one level under an operation-name heading.
    Misplaced {
        at: usize,
        method: Method,
        path: String,
    },
}

/// How many entries a document needs before half of them are read on a second thread.
const ENTRIES_WORTH_A_THREAD: usize = 32;

/// What one entry reads to, before it joins the reference.
struct EntryRead {
    diagnostics: Vec<Diagnostic>,
    /// The operation and its group (name, description), unless the entry is unusable.
    operation: Option<(Operation, Group)>,
}

/// Reads every entry, group and definition in document order. The entries, most of the work,
/// are read on two threads (each entry on its own, see [`read_entry`]); what they read joins the
/// reference in document order, so the result is the same as reading them one after another.
pub fn read(sections: &[Section]) -> Reference {
    let steps = walk(sections);
    let entries: Vec<(usize, usize, Option<&Section>)> = steps
        .iter()
        .filter_map(|step| match step {
            Step::Entry {
                start,
                end,
                chapter,
            } => Some((*start, *end, chapter.map(|c| &sections[c]))),
            _ => None,
        })
        .collect();
    let read = crate::parallel::map_in_order(
        &entries,
        ENTRIES_WORTH_A_THREAD,
        |&(start, end, chapter)| read_entry(&sections[start..end], chapter),
    );
    let mut read = read.into_iter();
    let mut reference = Reference::default();
    for step in steps {
        match step {
            Step::Entry { .. } => {
                reference.entries_seen += 1;
                let entry = read.next().expect("one read per entry");
                reference.diagnostics.extend(entry.diagnostics);
                if let Some((operation, group)) = entry.operation {
                    if !reference.groups.iter().any(|g| g.name == group.name) {
                        reference.groups.push(group);
                    }
                    reference.operations.push(operation);
                }
            }
            Step::Definitions { start, end } => {
                read_definitions(&sections[start..end], &mut reference)
            }
            Step::Misplaced { at, method, path } => {
                reference.entries_seen += 1;
                reference.diagnostics.push(Diagnostic::error(
                    DiagnosticKind::UnexpectedContent,
                    sections[at].location.clone(),
                    format!(
                        "`{method} {path}` is not one level under an operation-name heading; left out of the spec"
                    ),
                ));
            }
        }
    }
    reference
}

/// The steps of the walk: where the entries, the definitions and misplaced methods are.
fn walk(sections: &[Section]) -> Vec<Step> {
    let mut steps = Vec::new();
    // Enclosing chapter headings (never entries), outermost first, as indices into `sections`.
    let mut chapters: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < sections.len() {
        let section = &sections[i];
        if starts_entry(sections, i) {
            let end = entry_end(sections, i);
            let chapter = chapters
                .iter()
                .rev()
                .copied()
                .find(|&c| sections[c].level < section.level)
                .filter(|&c| sections[c].level > 0);
            steps.push(Step::Entry {
                start: i,
                end,
                chapter,
            });
            i = end;
            continue;
        }
        while chapters
            .last()
            .is_some_and(|&c| sections[c].level >= section.level)
        {
            chapters.pop();
        }
        if section.title.trim().eq_ignore_ascii_case("definitions") {
            let end = section_end(sections, i);
            steps.push(Step::Definitions { start: i + 1, end });
            i = end;
            continue;
        }
        if let HeadingKind::Method { method, path } = classify(&section.title) {
            steps.push(Step::Misplaced {
                at: i,
                method,
                path,
            });
        }
        chapters.push(i);
        i += 1;
    }
    steps
}

/// The index after the last section of the entry at `start`. Entries do not nest: the next
/// entry heading ends this one even when a wrong `leveloffset` put it deeper.
fn entry_end(sections: &[Section], start: usize) -> usize {
    let end = section_end(sections, start);
    (start + 1..end)
        .find(|&j| starts_entry(sections, j))
        .unwrap_or(end)
}

/// Whether `sections[i]` is the name heading of an entry: the next heading is one of an entry's
/// parts and lies deeper.
fn starts_entry(sections: &[Section], i: usize) -> bool {
    let Some(next) = sections.get(i + 1) else {
        return false;
    };
    next.level > sections[i].level
        && classify(&sections[i].title) == HeadingKind::Other
        && classify(&next.title).is_entry_part()
}

/// What the parts of an entry have said so far, besides the operation's tables.
#[derive(Default)]
struct EntryState {
    method_seen: bool,
    /// Why a method-like heading was not usable (`FETCH /x`).
    unknown_method: Option<String>,
    /// Prose under the name heading and under the method heading.
    descriptions: Vec<String>,
    authorization: Option<Authorization>,
}

fn read_entry(entry: &[Section], chapter: Option<&Section>) -> EntryRead {
    let head = &entry[0];
    let name = head.title.trim().to_string();
    let mut operation = Operation {
        name: name.clone(),
        group: String::new(),
        description: String::new(),
        method: Method::Get,
        path: String::new(),
        authorization: Authorization::default(),
        path_params: Vec::new(),
        query_params: Vec::new(),
        body: None,
        responses: Vec::new(),
        examples: Vec::new(),
        location: head.location.clone(),
        response_schema: None,
        since: None,
        param_history: Vec::new(),
    };
    let mut state = EntryState {
        descriptions: vec![prose(&head.body)],
        ..EntryState::default()
    };
    let mut diagnostics = Vec::new();
    for section in &entry[1..] {
        read_part(section, &mut operation, &mut state, &mut diagnostics);
    }
    let mut diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .map(|d| d.for_operation(&name))
        .collect();
    if !state.method_seen {
        let why = state
            .unknown_method
            .map_or_else(String::new, |why| format!(" ({why})"));
        diagnostics.push(
            Diagnostic::error(
                DiagnosticKind::MissingMethodPath,
                head.location.clone(),
                format!("entry `{name}` has no usable `METHOD /path` heading{why}; left out of the spec"),
            )
            .for_operation(&name),
        );
        return EntryRead {
            diagnostics,
            operation: None,
        };
    }
    operation.description = join_paragraphs(&state.descriptions);
    operation.authorization = state.authorization.unwrap_or_else(|| {
        diagnostics.push(
            Diagnostic::warning(
                DiagnosticKind::UnreadableAuthorization,
                head.location.clone(),
                "no `Authorizations:` line under the method heading; read as a public endpoint",
            )
            .for_operation(&name),
        );
        Authorization::default()
    });
    let group = group_for(&operation, chapter, &mut diagnostics);
    operation.group = group.name.clone();
    EntryRead {
        diagnostics,
        operation: Some((operation, group)),
    }
}

/// Reads one sub-heading of an entry into the operation.
fn read_part(
    section: &Section,
    operation: &mut Operation,
    state: &mut EntryState,
    out: &mut Vec<Diagnostic>,
) {
    match classify(&section.title) {
        HeadingKind::Method { method, path } if state.method_seen => out.push(Diagnostic::warning(
            DiagnosticKind::UnexpectedContent,
            section.location.clone(),
            format!(
                "second method heading `{method} {path}` in one entry; only `{} {}` is read",
                operation.method, operation.path
            ),
        )),
        HeadingKind::Method { method, path } => {
            state.method_seen = true;
            operation.method = method;
            operation.path = absolute_path(path, section, out);
            let (text, authorization) = method_prose(&section.body);
            state.descriptions.push(text);
            state.authorization = state.authorization.take().or(authorization);
        }
        HeadingKind::UnknownMethod { word } => {
            state.unknown_method.get_or_insert(format!(
                "`{word}` at line {} is not an HTTP method",
                section.location.line
            ));
        }
        HeadingKind::PathParameters => read_parameters(section, ParamPlace::Path, operation, out),
        HeadingKind::QueryParameters => read_parameters(section, ParamPlace::Query, operation, out),
        HeadingKind::RequestBody { content_type } => {
            read_body(section, content_type, operation, out)
        }
        HeadingKind::Responses => read_responses(section, operation, out),
        HeadingKind::Example { is_output } => {
            read_examples(section, is_output, &mut operation.examples)
        }
        HeadingKind::Other => out.push(Diagnostic::warning(
            DiagnosticKind::UnexpectedContent,
            section.location.clone(),
            format!(
                "section `{}` is not part of the entry layout; not read",
                section.title.trim()
            ),
        )),
    }
}

/// The group of an operation: its chapter (added to the groups on first use). An entry that is
/// a chapter of its own gets a group named after the first fixed segment of its path.
fn group_for(
    operation: &Operation,
    chapter: Option<&Section>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Group {
    let (name, description) = match chapter {
        Some(chapter) => (chapter.title.trim().to_string(), prose(&chapter.body)),
        None => {
            let name = text::group_from_path(&operation.path);
            diagnostics.push(
                Diagnostic::warning(
                    DiagnosticKind::UnexpectedContent,
                    operation.location.clone(),
                    format!(
                        "entry is not inside a group chapter; put in group `{name}`, from its path"
                    ),
                )
                .for_operation(&operation.name),
            );
            (name, String::new())
        }
    };
    Group { name, description }
}

/// The path of a method heading; one written without the leading `/` is read as if it had one.
fn absolute_path(path: String, section: &Section, out: &mut Vec<Diagnostic>) -> String {
    if path.starts_with('/') {
        return path;
    }
    let fixed = format!("/{path}");
    out.push(Diagnostic::warning(
        DiagnosticKind::UnexpectedContent,
        section.location.clone(),
        format!("path `{path}` does not start with `/`; read as `{fixed}`"),
    ));
    fixed
}

/// The prose under the method heading, without the `Authorizations:` line, and that line read.
fn method_prose(body: &[Block]) -> (String, Option<Authorization>) {
    let mut authorization = None;
    let mut paragraphs = Vec::new();
    for block in body {
        let Block::Paragraph { text, .. } = block else {
            continue;
        };
        let mut kept = Vec::new();
        for line in text.lines() {
            match authorization_text(line) {
                Some(raw) if authorization.is_none() => {
                    authorization = Some(text::parse_authorization(raw));
                }
                _ => kept.push(line),
            }
        }
        if !kept.is_empty() {
            paragraphs.push(kept.join("\n"));
        }
    }
    (paragraphs.join("\n\n"), authorization)
}

fn join_paragraphs(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The tables of a section, each checked against the layout that section expects.
fn tables_of<'s>(
    section: &'s Section,
    expected: &[Layout],
    out: &mut Vec<Diagnostic>,
) -> Vec<(Layout, Vec<&'s [super::blocks::Cell]>)> {
    let mut found = Vec::new();
    for block in &section.body {
        let Block::Table(table) = block else { continue };
        match checked_rows(table, expected, out) {
            Some(rows) => found.push(rows),
            None => continue,
        }
    }
    found
}

fn checked_rows<'t>(
    table: &'t Table,
    expected: &[Layout],
    out: &mut Vec<Diagnostic>,
) -> Option<(Layout, Vec<&'t [super::blocks::Cell]>)> {
    match tables::rows(table, out) {
        Ok(rows) if expected.contains(&rows.layout) => Some((rows.layout, rows.rows)),
        Ok(rows) => {
            out.push(Diagnostic::warning(
                DiagnosticKind::UnexpectedTableColumns,
                table.location.clone(),
                format!("a {:?} table is not expected here; not read", rows.layout),
            ));
            None
        }
        Err(diagnostic) => {
            out.push(diagnostic);
            None
        }
    }
}

/// Reads a parameters section. Beside a `Type|...` table, a `Name|Description|Schema` table is
/// some other schema that lost its heading; alone, it lists the parameters the heading names.
fn read_parameters(
    section: &Section,
    section_place: ParamPlace,
    operation: &mut Operation,
    out: &mut Vec<Diagnostic>,
) {
    let has_type_column = section.body.iter().any(|block| match block {
        Block::Table(table) => table
            .cells
            .first()
            .is_some_and(|c| c.text.eq_ignore_ascii_case("type")),
        _ => false,
    });
    let layouts: &[Layout] = if has_type_column {
        &[Layout::Parameters]
    } else {
        &[Layout::Parameters, Layout::Fields]
    };
    read_rows(section, section_place, layouts, operation, out);
}

/// Reads the parameter or field tables of a section. A row's `Type` cell says where it goes;
/// rows without one go to `section_place`.
fn read_rows(
    section: &Section,
    section_place: ParamPlace,
    layouts: &[Layout],
    operation: &mut Operation,
    out: &mut Vec<Diagnostic>,
) {
    for (_, rows) in tables_of(section, layouts, out) {
        for row in rows {
            let (place, name, description, schema) = match row {
                [kind, name, description, schema] => {
                    let Some(place) = tables::param_place(kind) else {
                        out.push(Diagnostic::warning(
                            DiagnosticKind::MalformedTableRow,
                            kind.location.clone(),
                            format!(
                                "parameter type `{}` is none of path, query, body; row skipped",
                                kind.text
                            ),
                        ));
                        continue;
                    };
                    (place, name, description, schema)
                }
                [name, description, schema] => (section_place, name, description, schema),
                _ => continue,
            };
            let fields = tables::fields(name, description, schema, out);
            match place {
                ParamPlace::Path => operation.path_params.extend(fields),
                ParamPlace::Query => operation.query_params.extend(fields),
                ParamPlace::Body => body_of(operation, None).fields.extend(fields),
            }
        }
    }
}

/// Reads a request body section. Rows typed `path` or `query` in it go where their type says; a
/// body is recorded when the section has body fields, or names a content type without a table.
/// `Request body` with prose only ("No request body.") means the operation takes none.
fn read_body(
    section: &Section,
    content_type: Option<String>,
    operation: &mut Operation,
    out: &mut Vec<Diagnostic>,
) {
    let has_table = section.body.iter().any(|b| matches!(b, Block::Table(_)));
    read_rows(
        section,
        ParamPlace::Body,
        &[Layout::Fields, Layout::Parameters],
        operation,
        out,
    );
    if operation.body.is_none() && (has_table || content_type.is_none()) {
        return;
    }
    let body = body_of(operation, None);
    if let Some(content_type) = content_type {
        body.content_type = content_type;
    }
    body.description = prose(&section.body);
}

/// The operation's request body, created on first use.
fn body_of(operation: &mut Operation, content_type: Option<String>) -> &mut RequestBody {
    operation.body.get_or_insert_with(|| RequestBody {
        content_type: content_type.unwrap_or_else(|| DEFAULT_CONTENT_TYPE.to_string()),
        description: String::new(),
        fields: Vec::new(),
        array: false,
        shapes: Vec::new(),
    })
}

fn read_responses(section: &Section, operation: &mut Operation, out: &mut Vec<Diagnostic>) {
    for (_, rows) in tables_of(section, &[Layout::Responses], out) {
        for row in rows {
            if let Some(response) = tables::response(row, out) {
                operation.responses.push(response);
            }
        }
    }
}

/// Listings under an example heading: commands, and the output shown after a command (a listing
/// titled `.Example output`/`.Example response`, or under an `Example output` heading).
fn read_examples(section: &Section, section_is_output: bool, examples: &mut Vec<Example>) {
    for block in &section.body {
        let Block::Listing {
            title,
            content,
            location,
        } = block
        else {
            continue;
        };
        let titled_output = title.as_deref().is_some_and(|t| {
            let t = t.to_ascii_lowercase();
            t.contains("output") || t.contains("response")
        });
        let waiting_command = examples.last_mut().filter(|e| e.output.is_none());
        match waiting_command {
            Some(example) if section_is_output || titled_output => {
                example.output = Some(content.clone());
            }
            _ => examples.push(Example {
                command: content.clone(),
                output: None,
                location: location.clone(),
                request: None,
                exceptions: Vec::new(),
            }),
        }
    }
}

fn read_definitions(children: &[Section], reference: &mut Reference) {
    let Some(level) = children.first().map(|s| s.level) else {
        return;
    };
    for (index, section) in children.iter().enumerate() {
        if section.level != level {
            continue;
        }
        let mut fields = Vec::new();
        let end = section_end(children, index);
        for part in &children[index..end] {
            for (_, rows) in tables_of(part, &[Layout::Fields], &mut reference.diagnostics) {
                for row in rows {
                    if let [name, description, schema] = row {
                        fields.extend(tables::fields(
                            name,
                            description,
                            schema,
                            &mut reference.diagnostics,
                        ));
                    }
                }
            }
        }
        reference.definitions.push(Definition {
            name: section.title.trim().to_string(),
            description: prose(&section.body),
            fields,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_from_paths() {
        assert_eq!(
            text::group_from_path("/api/v1/bootstrap/renew"),
            "bootstrap"
        );
        assert_eq!(text::group_from_path("/api/v1/{x}/thing"), "thing");
        assert_eq!(text::group_from_path("/v2/{org}/referrers"), "v2");
        assert_eq!(text::group_from_path("/"), "default");
    }

    #[test]
    fn authorization_line_forms() {
        for line in [
            "**Authorizations: **oauth2_implicit (**repo:read**)",
            "**Authorizations:** oauth2_implicit (**repo:read**)",
            "Authorizations: oauth2_implicit (repo:read)",
        ] {
            let raw = authorization_text(line).expect(line);
            let auth = text::parse_authorization(raw);
            assert_eq!(auth.scopes, vec!["repo:read"], "{line}");
        }
        let public = authorization_text("**Authorizations: **").expect("public");
        assert_eq!(text::parse_authorization(public), Authorization::default());
        assert_eq!(authorization_text("***Authorizations: x"), None);
    }

    proptest::proptest! {
        #[test]
        fn authorization_lines_read_as_the_regex_reads_them(
            line in "\\*{0,3}(Authorizations:|Authorization|)[* \t\u{a0}]{0,5}[a-z(*:)]{0,4}"
        ) {
            let regex = regex::Regex::new(r"^\*{0,2}Authorizations:\s*\*{0,2}\s*(.*)$")
                .expect("valid regex");
            let expected = regex
                .captures(&line)
                .map(|caps| caps.get(1).expect("a group").as_str());
            proptest::prop_assert_eq!(authorization_text(&line), expected);
        }
    }
}
