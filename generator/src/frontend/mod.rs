//! Front-ends: read a documentation rendering and produce a [`Spec`] plus [`Diagnostic`]s.
//!
//! Each front-end (AsciiDoc, Markdown) only knows its own syntax and fills a [`Document`];
//! [`Document::finish`] then runs the checks that do not depend on the syntax (path parameters
//! against the template, duplicate names, unknown references) and hashes the sources, so both
//! front-ends report those problems identically.

pub mod adoc;
pub mod legacy;
pub mod markdown;
pub mod text;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::spec::{Definition, DocFormat, Group, Operation, Schema, Source, Spec, FORMAT_VERSION};

/// Which front-end to use for a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Adoc,
    Markdown,
    /// Markdown for `.md`/`.markdown`/`.txt` files, AsciiDoc for `.adoc` files and directories.
    Auto,
}

/// The result of parsing: the spec of every entry that could be represented, and every problem.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub spec: Spec,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }
}

/// A failure that stops parsing altogether: nothing usable was read.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("{}: no such file or directory", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: cannot read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not an API reference ({reason})", path.display())]
    NotAnApiReference { path: PathBuf, reason: String },
}

/// Parses a docs tree, an AsciiDoc assembly file or a Markdown file.
pub fn parse_path(path: &Path, format: InputFormat) -> Result<Parsed, ParseError> {
    if !path.exists() {
        return Err(ParseError::NotFound {
            path: path.to_path_buf(),
        });
    }
    match resolve_format(path, format) {
        DocFormat::Adoc => adoc::parse(path),
        DocFormat::Markdown => markdown::parse_file(path),
    }
}

fn resolve_format(path: &Path, format: InputFormat) -> DocFormat {
    match format {
        InputFormat::Adoc => DocFormat::Adoc,
        InputFormat::Markdown => DocFormat::Markdown,
        InputFormat::Auto => {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            if path.is_file() && matches!(ext, "md" | "markdown" | "txt") {
                DocFormat::Markdown
            } else {
                DocFormat::Adoc
            }
        }
    }
}

/// What a front-end has read, before the syntax-independent checks.
#[derive(Debug)]
pub struct Document {
    pub format: DocFormat,
    pub docs_version: Option<String>,
    /// Files read, relative to the docs root, with their bytes, in the order first read.
    pub files: Vec<(String, Vec<u8>)>,
    pub groups: Vec<Group>,
    pub operations: Vec<Operation>,
    pub definitions: Vec<Definition>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    pub fn new(format: DocFormat) -> Self {
        Document {
            format,
            docs_version: None,
            files: Vec::new(),
            groups: Vec::new(),
            operations: Vec::new(),
            definitions: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Runs the checks shared by all front-ends and assembles the spec.
    pub fn finish(mut self) -> Parsed {
        check_path_params(&self.operations, &mut self.diagnostics);
        check_duplicate_names(&self.operations, &mut self.diagnostics);
        check_references(&self.operations, &self.definitions, &mut self.diagnostics);
        let source = Source {
            docs_version: self.docs_version,
            format: self.format,
            files: self.files.iter().map(|(name, _)| name.clone()).collect(),
            content_hash: content_hash(&self.files),
            guide: None,
        };
        Parsed {
            spec: Spec {
                format_version: FORMAT_VERSION,
                source,
                groups: self.groups,
                operations: self.operations,
                definitions: self.definitions,
                applied_corrections: Vec::new(),
            },
            diagnostics: self.diagnostics,
        }
    }
}

/// `sha256:<hex>` over files in order, each prefixed by its path and length.
pub(crate) fn content_hash(files: &[(String, Vec<u8>)]) -> String {
    let mut hasher = Sha256::new();
    for (name, bytes) in files {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn check_path_params(operations: &[Operation], out: &mut Vec<Diagnostic>) {
    for op in operations {
        let template: BTreeSet<&str> = op.template_params().into_iter().collect();
        for param in &op.path_params {
            if !template.contains(param.name.as_str()) {
                out.push(
                    Diagnostic::warning(
                        DiagnosticKind::PathParamNotInTemplate,
                        op.location.clone(),
                        format!(
                            "path parameter `{}` is not in the path template `{}`",
                            param.name, op.path
                        ),
                    )
                    .for_operation(&op.name),
                );
            }
        }
        for name in &template {
            if !op.path_params.iter().any(|p| p.name == *name) {
                out.push(
                    Diagnostic::warning(
                        DiagnosticKind::TemplateParamUndocumented,
                        op.location.clone(),
                        format!(
                            "`{{{name}}}` in the path template `{}` has no documented path parameter",
                            op.path
                        ),
                    )
                    .for_operation(&op.name),
                );
            }
        }
    }
}

fn check_duplicate_names(operations: &[Operation], out: &mut Vec<Diagnostic>) {
    let mut first_seen: HashMap<&str, &Operation> = HashMap::new();
    for op in operations {
        if let Some(first) = first_seen.get(op.name.as_str()) {
            out.push(
                Diagnostic::warning(
                    DiagnosticKind::DuplicateOperation,
                    op.location.clone(),
                    format!(
                        "operation name `{}` is already used at {} ({} {})",
                        op.name, first.location, first.method, first.path
                    ),
                )
                .for_operation(&op.name),
            );
        } else {
            first_seen.insert(&op.name, op);
        }
    }
}

fn check_references(
    operations: &[Operation],
    definitions: &[Definition],
    out: &mut Vec<Diagnostic>,
) {
    let known: BTreeSet<&str> = definitions.iter().map(|d| d.name.as_str()).collect();
    let mut report = |schema: &Schema, op: &Operation, what: &str| {
        if let Schema::Ref { name } = schema {
            if !known.contains(name.as_str()) {
                out.push(
                    Diagnostic::warning(
                        DiagnosticKind::UnknownReference,
                        op.location.clone(),
                        format!("{what} refers to `{name}`, which is not among the definitions"),
                    )
                    .for_operation(&op.name),
                );
            }
        }
    };
    if known.is_empty() {
        // A document without a Definitions section (a single chapter) cannot be checked.
        return;
    }
    for op in operations {
        for response in &op.responses {
            if let Some(schema) = &response.schema {
                report(schema, op, &format!("response {}", response.code));
            }
        }
    }
}
