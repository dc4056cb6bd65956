//! The crate's non-Rust files from askama templates (`generator/templates/`): `Cargo.toml` and
//! `README.md` (which is also the crate's documentation page).

use askama::Template;
use quote::quote;

use super::model::{ClientModel, OperationModel};
use super::responses;
use super::rust_file::format_statements;
use super::samples;
use super::worked_examples::{self, WorkedExample};
use super::EmitError;
use crate::spec::Method;

/// Dependencies of the generated crate, what the runtime (`src/runtime/`) and the generated code
/// use. Kept here, not in the template, so a change is one reviewed list.
const DEPENDENCIES: &[&str] = &[
    // Response bodies stay in the `Bytes` hyper read them into (one chunk: no copy).
    r#"bytes = "1""#,
    r#"fastrand = "2""#,
    r#"futures-core = "0.3""#,
    r#"futures-util = { version = "0.3", default-features = false, features = ["std"] }"#,
    r#"httpdate = "1""#,
    r#"percent-encoding = "2""#,
    r#"reqwest = { version = "0.13", default-features = false, features = ["rustls-no-provider"] }"#,
    r#"rustls = { version = "0.23", default-features = false, features = ["ring", "std", "tls12"] }"#,
    r#"serde = { version = "1", features = ["derive"] }"#,
    r#"serde_json = "1""#,
    r#"thiserror = "2""#,
    r#"tokio = { version = "1", features = ["time"] }"#,
];

const DEV_DEPENDENCIES: &[&str] = &[
    // The example outputs of the docs are read at test time by the generator itself
    // (`tests/response_examples.rs`); they are never copied into the crate.
    r#"quay-codegen = { path = "../generator" }"#,
    r#"futures-util = { version = "0.3", default-features = false, features = ["std"] }"#,
    r#"regex = "1""#,
    r#"tokio = { version = "1", features = ["macros", "rt-multi-thread", "net", "io-util", "time"] }"#,
    r#"tokio-rustls = { version = "0.26", default-features = false, features = ["ring"] }"#,
    r#"wiremock = "0.6""#,
];

#[derive(Template)]
#[template(path = "Cargo.toml.askama", escape = "none")]
struct CargoToml<'a> {
    version: &'a str,
    docs_version: &'a str,
    dependencies: &'a [&'a str],
    dev_dependencies: &'a [&'a str],
    /// The spec has what the hand-written `examples/prune_tags.rs` calls.
    prune_tags_example: bool,
}

struct GroupRow {
    name: String,
    accessor: String,
    operation_count: usize,
}

/// The operations one Quay version added, by name.
struct VersionRow {
    version: String,
    operations: Vec<String>,
}

/// A parameter or body field a version added to an older operation, or removed from it.
struct ParamChangeRow {
    operation: String,
    place: &'static str,
    name: String,
    added: String,
    removed: String,
}

/// The operations by the version that added them, oldest first; empty without a history.
fn version_rows(model: &ClientModel<'_>) -> Vec<VersionRow> {
    let mut by_version: Vec<VersionRow> = Vec::new();
    for op in &model.spec.operations {
        let Some(since) = &op.since else { continue };
        match by_version.iter_mut().find(|row| row.version == *since) {
            Some(row) => row.operations.push(op.name.clone()),
            None => by_version.push(VersionRow {
                version: since.clone(),
                operations: vec![op.name.clone()],
            }),
        }
    }
    by_version.sort_by_key(|row| crate::history::version_key(&row.version));
    for row in &mut by_version {
        row.operations.sort();
    }
    by_version
}

fn param_change_rows(model: &ClientModel<'_>) -> Vec<ParamChangeRow> {
    let mut rows: Vec<ParamChangeRow> = model
        .spec
        .operations
        .iter()
        .flat_map(|op| {
            op.param_history.iter().map(|change| ParamChangeRow {
                operation: op.name.clone(),
                place: change.location.describe(),
                name: change.name.clone(),
                added: change
                    .added
                    .as_ref()
                    .map(|v| format!("Quay {v}"))
                    .unwrap_or_default(),
                removed: change
                    .removed
                    .as_ref()
                    .map(|v| format!("Quay {v}"))
                    .unwrap_or_default(),
            })
        })
        .collect();
    rows.sort_by(|a, b| (&a.operation, a.place, &a.name).cmp(&(&b.operation, b.place, &b.name)));
    rows
}

#[derive(Template)]
#[template(path = "README.md.askama", escape = "none")]
struct Readme<'a> {
    versions: Vec<VersionRow>,
    param_changes: Vec<ParamChangeRow>,
    docs_version: &'a str,
    operation_count: usize,
    group_count: usize,
    example: String,
    groups: Vec<GroupRow>,
    typed: Vec<responses::TypedRow>,
    typed_from_examples: usize,
    min_outputs_for_plain: usize,
    worked_examples: Vec<&'static WorkedExample>,
}

fn docs_version<'a>(model: &'a ClientModel<'_>) -> &'a str {
    model
        .spec
        .source
        .docs_version
        .as_deref()
        .unwrap_or("unknown")
}

pub fn cargo_toml(model: &ClientModel<'_>, version: &str) -> Result<String, EmitError> {
    CargoToml {
        version,
        docs_version: docs_version(model),
        dependencies: DEPENDENCIES,
        dev_dependencies: DEV_DEPENDENCIES,
        prune_tags_example: worked_examples::has_prune_tags_program(model),
    }
    .render()
    .map(with_newline)
    .map_err(|source| EmitError::Template {
        path: "Cargo.toml".into(),
        message: source.to_string(),
    })
}

pub fn readme(model: &ClientModel<'_>) -> Result<String, EmitError> {
    Readme {
        docs_version: docs_version(model),
        versions: version_rows(model),
        param_changes: param_change_rows(model),
        operation_count: model.spec.operations.len(),
        group_count: model.groups.len(),
        example: example(model)?,
        groups: model
            .groups
            .iter()
            .map(|g| GroupRow {
                name: g.name.clone(),
                accessor: g.module.trim_start_matches("r#").to_string(),
                operation_count: g.operations.len(),
            })
            .collect(),
        typed: responses::typed_rows(model),
        typed_from_examples: model
            .operations()
            .filter(|(_, op)| op.response_from_examples)
            .count(),
        min_outputs_for_plain: responses::MIN_OUTPUTS_FOR_PLAIN,
        worked_examples: worked_examples::applicable(model),
    }
    .render()
    .map(with_newline)
    .map_err(|source| EmitError::Template {
        path: "README.md".into(),
        message: source.to_string(),
    })
}

/// A real call for the README example: the first GET (paginated if any is), with sample
/// positional arguments, so the doctest compiles against the generated signatures.
fn example(model: &ClientModel<'_>) -> Result<String, EmitError> {
    let operations: Vec<_> = model.operations().collect();
    let is_get = |op: &OperationModel<'_>| op.op.method == Method::Get;
    let chosen = operations
        .iter()
        .find(|(_, op)| op.pagination.is_some() && is_get(op))
        .or_else(|| operations.iter().find(|(_, op)| is_get(op)))
        .or(operations.first());
    let Some((group, op)) = chosen else {
        return Err(EmitError::NoOperations);
    };
    let call = samples::call(model, &group.module, op).positional_call();
    format_statements("README.md", quote!(let response = #call.send().await?;))
}

fn with_newline(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}
