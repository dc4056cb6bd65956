//! The CLI crate's `Cargo.toml` and `README.md`, from askama templates
//! (`generator/templates/cli/`).

use askama::Template;

use super::model::CliModel;
use crate::emit::EmitError;

/// Dependencies of `quay-cli`: the runtime (`src/runtime/`) and the generated commands use these
/// (and `quay-client` of the same version, written by the template).
const DEPENDENCIES: &[&str] = &[
    r#"clap = "4.6.9""#,
    r#"clap_complete = "4.6""#,
    r#"futures-core = "0.3""#,
    r#"futures-util = { version = "0.3", default-features = false, features = ["std"] }"#,
    r#"regex = "1""#,
    r#"serde = { version = "1", features = ["derive"] }"#,
    r#"serde_json = "1""#,
    r#"tokio = { version = "1", features = ["rt", "time"] }"#,
    r#"toml = { version = "1", default-features = false, features = ["std", "serde", "parse"] }"#,
];

const DEV_DEPENDENCIES: &[&str] = &[
    r#"tokio = { version = "1", features = ["macros", "rt"] }"#,
    r#"wiremock = "0.6""#,
];

#[derive(Template)]
#[template(path = "cli/Cargo.toml.askama", escape = "none")]
struct CargoToml<'a> {
    version: &'a str,
    docs_version: &'a str,
    dependencies: &'a [&'a str],
    dev_dependencies: &'a [&'a str],
}

struct Row {
    group: String,
    command: String,
    operation: String,
    method: String,
    path: String,
    scopes: String,
    /// `Quay 3.17`, or empty without a version history.
    since: String,
}

#[derive(Template)]
#[template(path = "cli/README.md.askama", escape = "none")]
struct Readme<'a> {
    docs_version: &'a str,
    command_count: usize,
    group_count: usize,
    rows: Vec<Row>,
    /// The spec has a version history: the table has a "since" column.
    has_since: bool,
}

fn docs_version<'a>(model: &'a CliModel<'_, '_>) -> &'a str {
    model
        .client
        .spec
        .source
        .docs_version
        .as_deref()
        .unwrap_or("unknown")
}

pub fn cargo_toml(model: &CliModel<'_, '_>, version: &str) -> Result<String, EmitError> {
    CargoToml {
        version,
        docs_version: docs_version(model),
        dependencies: DEPENDENCIES,
        dev_dependencies: DEV_DEPENDENCIES,
    }
    .render()
    .map(with_newline)
    .map_err(|source| EmitError::Template {
        path: "generated-cli/Cargo.toml".into(),
        message: source.to_string(),
    })
}

pub fn readme(model: &CliModel<'_, '_>) -> Result<String, EmitError> {
    let rows = model
        .operations()
        .map(|(g, o)| Row {
            group: g.command.clone(),
            command: o.command.clone(),
            operation: o.op.op.name.clone(),
            method: o.op.op.method.to_string(),
            path: o.op.op.path.replace('|', "\\|"),
            since: o
                .op
                .op
                .since
                .as_ref()
                .map(|v| format!("Quay {v}"))
                .unwrap_or_default(),
            scopes: if o.op.scopes.is_empty() {
                "none documented".to_string()
            } else {
                o.op.scopes
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })
        .collect::<Vec<_>>();
    Readme {
        docs_version: docs_version(model),
        command_count: rows.len(),
        group_count: model.groups.len(),
        has_since: model
            .client
            .spec
            .operations
            .iter()
            .any(|op| op.since.is_some()),
        rows,
    }
    .render()
    .map(with_newline)
    .map_err(|source| EmitError::Template {
        path: "generated-cli/README.md".into(),
        message: source.to_string(),
    })
}

fn with_newline(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}
