//! `src/operations.rs`: the `Scope` enum and the static table of every operation, so a tool can
//! check a token's scopes before it calls. Written as text in prettyplease's layout (see
//! [`RustText`]).

use super::model::ClientModel;
use super::rust_text::{string_literal, Expr, RustText};

pub fn text(model: &ClientModel<'_>) -> RustText {
    let mut text = RustText::new();
    text.inner_doc_markdown(
        "The OAuth scopes of the API and a table of every operation: name, group, method, path \
         template, the scopes that allow it and the Quay version that added it.",
    );
    scope_enum(&mut text, model);
    table(&mut text, model);
    text
}

/// Writes fixed source lines, each `(depth change, line)`: `1` opens a block after the line,
/// `-1` closes one before it.
fn fixed(text: &mut RustText, lines: &[(i8, &str)]) {
    for (change, line) in lines {
        match change {
            1 => text.open(line),
            -1 => text.close(line),
            _ => text.line(line),
        };
    }
}

fn scope_enum(text: &mut RustText, model: &ClientModel<'_>) {
    text.doc_markdown("An OAuth scope a token can carry.");
    text.line("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]");
    text.open("pub enum Scope {");
    for scope in &model.scopes {
        text.doc_markdown(&format!("`{}`", scope.wire));
        text.line(&format!("{},", scope.variant));
    }
    text.close("}");
    text.open("impl Scope {");
    text.doc_markdown("Every scope, sorted by name.");
    let all = model
        .scopes
        .iter()
        .map(|s| Expr::atom(format!("Scope::{}", s.variant)))
        .collect();
    text.statement(
        &format!("pub const ALL: [Scope; {}] = ", model.scopes.len()),
        &Expr::Array {
            prefix: "",
            elements: all,
        },
        ";",
    );
    text.doc_markdown("The scope as the API writes it (`repo:read`).");
    text.open("pub fn as_str(self) -> &'static str {");
    text.open("match self {");
    for scope in &model.scopes {
        text.arm(
            &format!("Scope::{}", scope.variant),
            &Expr::atom(string_literal(&scope.wire)),
        );
    }
    fixed(
        text,
        &[
            (-1, "}"),
            (-1, "}"),
            (-1, "}"),
            (1, "impl std::fmt::Display for Scope {"),
            (
                1,
                "fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {",
            ),
            (0, "f.write_str(self.as_str())"),
            (-1, "}"),
            (-1, "}"),
        ],
    );
    text.doc_markdown("A scope name that is not one of [`Scope::ALL`].");
    fixed(
        text,
        &[
            (0, "#[derive(Debug, Clone, PartialEq, Eq)]"),
            (0, "pub struct UnknownScope(pub String);"),
            (1, "impl std::fmt::Display for UnknownScope {"),
            (
                1,
                "fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {",
            ),
            (0, "write!(f, \"unknown OAuth scope `{}`\", self.0)"),
            (-1, "}"),
            (-1, "}"),
            (0, "impl std::error::Error for UnknownScope {}"),
            (1, "impl std::str::FromStr for Scope {"),
            (0, "type Err = UnknownScope;"),
            (1, "fn from_str(text: &str) -> Result<Self, Self::Err> {"),
            (1, "match text {"),
        ],
    );
    for scope in &model.scopes {
        text.arm(
            &string_literal(&scope.wire),
            &Expr::atom(format!("Ok(Scope::{})", scope.variant)),
        );
    }
    fixed(
        text,
        &[
            (0, "other => Err(UnknownScope(other.to_string())),"),
            (-1, "}"),
            (-1, "}"),
            (-1, "}"),
        ],
    );
}

fn table(text: &mut RustText, model: &ClientModel<'_>) {
    text.doc_markdown("One documented operation.");
    text.line("#[derive(Debug, Clone, Copy, PartialEq, Eq)]");
    text.open("pub struct OperationInfo {");
    let fields = [
        (
            "The operation name as documented (`listRepoTags`).",
            "pub name: &'static str,",
        ),
        (
            "The documentation group (`tag`).",
            "pub group: &'static str,",
        ),
        ("The HTTP method (`GET`).", "pub method: &'static str,"),
        (
            "The path template (`/api/v1/repository/{repository}/tag/`).",
            "pub path: &'static str,",
        ),
        (
            "Scopes any one of which allows the call; empty when none is documented.",
            "pub scopes: &'static [Scope],",
        ),
        (
            "The first Quay version whose API reference documents the operation (`3.17`);\n\
             `None` when the crate was generated without a version history. An older server\n\
             does not have it.",
            "pub since: Option<&'static str>,",
        ),
    ];
    for (doc, field) in fields {
        text.doc_markdown(doc);
        text.line(field);
    }
    text.close("}");
    text.open("impl OperationInfo {");
    text.doc_markdown(
        "Whether a token with `granted` scopes may call this operation: it needs any one of\n\
         the documented scopes (or none at all when none is documented).",
    );
    text.open("pub fn allowed_with(&self, granted: &[Scope]) -> bool {");
    text.line("self.scopes.is_empty() || self.scopes.iter().any(|s| granted.contains(s))");
    text.close("}");
    text.close("}");
    text.doc_markdown(
        "Every operation of the API reference, group by group, in document order within a group.",
    );
    let rows = model
        .operations()
        .map(|(group, op)| {
            let scopes = op
                .scopes
                .iter()
                .filter_map(|wire| model.scopes.iter().find(|s| s.wire == *wire))
                .map(|s| Expr::atom(format!("Scope::{}", s.variant)))
                .collect();
            let since = match &op.op.since {
                Some(version) => format!("Some({})", string_literal(version)),
                None => "None".to_string(),
            };
            let field = |name: &str, value: Expr| (name.to_string(), value);
            Expr::Struct {
                prefix: "",
                path: "OperationInfo".to_string(),
                fields: vec![
                    field("name", Expr::atom(string_literal(&op.op.name))),
                    field("group", Expr::atom(string_literal(&group.name))),
                    field("method", Expr::atom(string_literal(op.op.method.as_str()))),
                    field("path", Expr::atom(string_literal(&op.op.path))),
                    field(
                        "scopes",
                        Expr::Array {
                            prefix: "&",
                            elements: scopes,
                        },
                    ),
                    field("since", Expr::atom(since)),
                ],
            }
        })
        .collect();
    text.statement(
        "pub static OPERATIONS: &[OperationInfo] = ",
        &Expr::Array {
            prefix: "&",
            elements: rows,
        },
        ";",
    );
    text.doc_markdown("The operation with this documented name.");
    text.open("pub fn find_operation(name: &str) -> Option<&'static OperationInfo> {");
    text.line("OPERATIONS.iter().find(|op| op.name == name)");
    text.close("}");
}
