//! Problems found in the documents, each tied to a file and line.
//!
//! An [`Severity::Error`] means an entry could not be represented in the spec (it is left out); a
//! [`Severity::Warning`] means the docs are inconsistent but the entry was still read.

use serde::{Deserialize, Serialize};

use crate::spec::Location;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// What kind of problem a diagnostic reports. The snake_case name is stable: snapshots, `--json`
/// output and summaries use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// An entry heading with no `METHOD /path` line after it.
    MissingMethodPath,
    /// A table whose header row is not one of the known layouts.
    UnexpectedTableColumns,
    /// A table row that could not be read (wrong cell count, no name).
    MalformedTableRow,
    /// A path parameter documented but absent from the path template.
    PathParamNotInTemplate,
    /// A `{placeholder}` in the path template with no documented parameter.
    TemplateParamUndocumented,
    /// A schema string outside the type model.
    UnknownSchema,
    /// Two entries with the same operation name.
    DuplicateOperation,
    /// An `include::` whose target does not exist or cannot be read.
    UnresolvedInclude,
    /// An `include::` that leaves the docs tree, loops, or nests too deep.
    ForbiddenInclude,
    /// A response code that is not a number.
    InvalidResponseCode,
    /// An `Authorizations:` line that could not be read.
    UnreadableAuthorization,
    /// A section or line in an entry that the front-end does not understand.
    UnexpectedContent,
    /// A cross reference to a definition that does not exist.
    UnknownReference,
    /// An example command that is not a `curl` command that could be read.
    UnparsableExampleCommand,
    /// An example command whose `-d` body is not JSON (even with placeholders tolerated).
    ExampleBodyNotJson,
    /// An example output that is not JSON (even with prompts and trailing text tolerated).
    UnreadableExampleOutput,
    /// Example outputs of one operation that disagree on the kind of a value.
    ConflictingExampleOutputs,
    /// The docs' example outputs and the server's observed answers (`spec/observed/`) disagree
    /// on the kind of a value: the field takes a type that accepts both.
    ExampleOutputDisagreesWithServer,
    /// The docs' example outputs of an operation have another shape than every answer the server
    /// gave (a list where the server sends one object): the server's shape wins.
    ExampleOutputOfAnotherShape,
    /// The server's observed answers of an operation typed by a definition the reference names
    /// hold fields the definition lacks: they are added to it, optional.
    DefinitionMissesServerFields,
    /// A guide example command that matches no operation, or more than one.
    UnmatchedGuideExample,
    /// (lint) An operation name about users on an organization path, or the reverse.
    NameContradictsPath,
    /// (lint) Two operations documenting the same method and path.
    DuplicateEndpoint,
    /// (lint) A field with no schema at all: only typable as any JSON value.
    UntypedSchema,
    /// (lint) The example command uses another method than its entry.
    ExampleMethodMismatch,
    /// (lint) The example command calls another path than its entry.
    ExamplePathMismatch,
    /// (lint) The example body has a key the body table does not document.
    ExampleBodyKeyUndocumented,
    /// (lint) The example passes a query parameter the entry does not document.
    ExampleQueryUndocumented,
    /// An entry whose docs give no operation name (the 3.5 layout): named after its method and
    /// path, or from `--names-from`.
    DerivedOperationName,
}

impl DiagnosticKind {
    /// The stable snake_case name.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: DiagnosticKind,
    pub location: Location,
    /// The operation the problem concerns, where there is one.
    pub operation: Option<String>,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(kind: DiagnosticKind, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            kind,
            location,
            operation: None,
            message: message.into(),
        }
    }

    pub fn error(kind: DiagnosticKind, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..Diagnostic::warning(kind, location, message)
        }
    }

    pub fn for_operation(mut self, operation: impl Into<String>) -> Self {
        self.operation = Some(operation.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Diagnostic {
    /// `file:line: warning[kind] (operation): message`, the shape compilers use.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}: {severity}[{}]", self.location, self.kind.name())?;
        if let Some(op) = &self.operation {
            write!(f, " ({op})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Counts of diagnostics by severity and kind, for summaries.
pub fn count_by_kind(diagnostics: &[Diagnostic]) -> Vec<(Severity, DiagnosticKind, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for d in diagnostics {
        *counts.entry((d.severity, d.kind)).or_insert(0) += 1;
    }
    counts.into_iter().map(|((s, k), n)| (s, k, n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_file_line_kind_and_operation() {
        let d = Diagnostic::warning(
            DiagnosticKind::PathParamNotInTemplate,
            Location {
                file: "modules/x.adoc".into(),
                line: 12,
            },
            "`title` is not in the path",
        )
        .for_operation("createAppToken");
        assert_eq!(
            d.to_string(),
            "modules/x.adoc:12: warning[path_param_not_in_template] (createAppToken): `title` is not in the path"
        );
    }
}
