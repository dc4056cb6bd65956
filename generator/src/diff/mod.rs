//! Compares two specs and classes every change by what it means for a user of the generated
//! `quay-client` crate: does their code still compile and do the same thing ([`Impact`])?
//!
//! Identity rules, so that counts can be checked independently:
//! - Operations are matched by name. An operation whose name is only in the old spec is
//!   *removed*, one whose name is only in the new spec is *added*, except that such a pair with
//!   the same method and path (placeholder names ignored) is a *rename* and counted as neither.
//!   A spec with duplicate names (a parser warning) is compared by each name's first entry.
//! - Parameters and body fields are matched by name within their location (path, query, body);
//!   one that leaves a location and appears in another under the same name has *moved*.
//! - Definitions are matched by name; their fields like parameters.
//! - Return types are what the generated method returns (`responses`): of two matched
//!   operations, the types are compared, and the fields of response structs inferred from
//!   examples are matched by wire name.

mod changelog;
mod compare;
#[cfg(test)]
pub(crate) mod fixtures;
mod markdown;
mod responses;

pub use changelog::{prepend, release, Release, VersionError};
pub use markdown::MarkdownOptions;

use serde::Serialize;

use crate::spec::{Method, Spec};

/// Computes every change from `old` to `new`, in a stable order: operations in the new spec's
/// document order, then removed operations in the old spec's order, then definitions likewise.
pub fn diff(old: &Spec, new: &Spec) -> ApiDiff {
    ApiDiff {
        old_version: old.source.docs_version.clone(),
        new_version: new.source.docs_version.clone(),
        changes: compare::changes(old, new),
    }
}

/// What a change means for code written against the previous generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Code compiles and behaves as before (documentation, error codes, a moved URL).
    Patch,
    /// New API surface only: existing code still compiles.
    Addition,
    /// Existing code may stop compiling or silently change meaning.
    Breaking,
}

impl Impact {
    pub fn label(self) -> &'static str {
        match self {
            Impact::Patch => "patch",
            Impact::Addition => "addition",
            Impact::Breaking => "breaking",
        }
    }
}

/// The semver bump the generated crate needs, ordered from none to major.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn of(impact: Impact) -> Bump {
        match impact {
            Impact::Patch => Bump::Patch,
            Impact::Addition => Bump::Minor,
            Impact::Breaking => Bump::Major,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// The changes between two specs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiDiff {
    pub old_version: Option<String>,
    pub new_version: Option<String>,
    pub changes: Vec<Change>,
}

/// One change, what it concerns, and its impact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub subject: Subject,
    #[serde(flatten)]
    pub kind: ChangeKind,
    pub impact: Impact,
}

/// What a change is about. For a renamed operation this is its new name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Operation(String),
    Definition(String),
    Group(String),
}

impl Subject {
    pub fn name(&self) -> &str {
        match self {
            Subject::Operation(name) | Subject::Definition(name) | Subject::Group(name) => name,
        }
    }
}

/// Where a parameter or field lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Path,
    Query,
    Body,
    /// A field of a definition (a response model).
    Field,
}

impl Place {
    pub fn label(self) -> &'static str {
        match self {
            Place::Path => "path parameter",
            Place::Query => "query parameter",
            Place::Body => "body field",
            Place::Field => "field",
        }
    }
}

/// The kinds of change, with what is needed to describe them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ChangeKind {
    OperationAdded {
        method: Method,
        path: String,
    },
    OperationRemoved {
        method: Method,
        path: String,
    },
    OperationRenamed {
        old_name: String,
        method: Method,
        path: String,
    },
    MethodChanged {
        old: Method,
        new: Method,
    },
    PathChanged {
        old: String,
        new: String,
    },
    GroupChanged {
        old: String,
        new: String,
    },
    FieldAdded {
        place: Place,
        name: String,
        required: bool,
        schema: String,
    },
    FieldRemoved {
        place: Place,
        name: String,
    },
    FieldMoved {
        name: String,
        old: Place,
        new: Place,
    },
    RequiredChanged {
        place: Place,
        name: String,
        required: bool,
    },
    TypeChanged {
        place: Place,
        name: String,
        old: String,
        new: String,
    },
    ConstraintsChanged {
        place: Place,
        name: String,
        old: Vec<String>,
        new: Vec<String>,
    },
    BodyContentTypeChanged {
        old: String,
        new: String,
    },
    AuthSchemeChanged {
        old: Option<String>,
        new: Option<String>,
    },
    ScopesChanged {
        added: Vec<String>,
        removed: Vec<String>,
    },
    ResponseAdded {
        code: u16,
    },
    ResponseRemoved {
        code: u16,
    },
    /// The type the generated method returns, as a caller writes it (`serde_json::Value`,
    /// `models::ListReposResponse`): typed to untyped, untyped to typed, or another type.
    ResponseTypeChanged {
        old: String,
        new: String,
    },
    /// The same response struct (same fields) under another name; `at` is the field path
    /// within the response, empty for the response itself.
    ResponseModelRenamed {
        at: String,
        old: String,
        new: String,
    },
    /// A field of a response struct inferred from examples; `name` is its path (`token.title`).
    ResponseFieldAdded {
        name: String,
        ty: String,
    },
    ResponseFieldRemoved {
        name: String,
    },
    /// Another type, or `Option<T>` to `T` and back.
    ResponseFieldRetyped {
        name: String,
        old: String,
        new: String,
    },
    DefinitionAdded,
    DefinitionRemoved,
    /// A description text changed; `what` names whose (`query parameter `limit``).
    DescriptionChanged {
        what: String,
        old: String,
        new: String,
    },
}

impl ApiDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The bump the most serious change needs; [`Bump::None`] when nothing changed.
    pub fn bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|c| Bump::of(c.impact))
            .max()
            .unwrap_or(Bump::None)
    }

    pub fn count(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact == impact).count()
    }

    /// Names of added operations (renames excluded), in the new spec's order.
    pub fn added_operations(&self) -> Vec<&str> {
        self.operations_where(|k| matches!(k, ChangeKind::OperationAdded { .. }))
    }

    /// Names of removed operations (renames excluded), in the old spec's order.
    pub fn removed_operations(&self) -> Vec<&str> {
        self.operations_where(|k| matches!(k, ChangeKind::OperationRemoved { .. }))
    }

    /// `(old name, new name)` of each renamed operation.
    pub fn renamed_operations(&self) -> Vec<(&str, &str)> {
        self.changes
            .iter()
            .filter_map(|c| match &c.kind {
                ChangeKind::OperationRenamed { old_name, .. } => {
                    Some((old_name.as_str(), c.subject.name()))
                }
                _ => None,
            })
            .collect()
    }

    fn operations_where(&self, wanted: impl Fn(&ChangeKind) -> bool) -> Vec<&str> {
        self.changes
            .iter()
            .filter(|c| matches!(c.subject, Subject::Operation(_)) && wanted(&c.kind))
            .map(|c| c.subject.name())
            .collect()
    }

    /// The report as pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("diff types always serialize");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests;
