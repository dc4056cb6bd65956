//! For every version, the Markdown rendering yields the same spec as the AsciiDoc source:
//! operations, groups, methods, paths, parameters with required flags and types, scopes, body
//! fields and response codes. Differences are listed operation by operation and field by field.

use std::collections::BTreeMap;
use std::fmt::Debug;

use generator::frontend::{adoc, markdown};
use generator::spec::{Field, Operation, Spec};
use integration_tests::{shared_docs, ADOC_VERSIONS};

/// The only place where the two renderings are made alike before comparing. Each rule is a
/// difference the Markdown rendering introduces, not one of the documents' content.
fn normalise_rendering_artifacts(spec: &mut Spec) {
    // (No rule is needed yet: every difference found so far is listed in the report.)
    let _ = spec;
}

/// A parameter or field as compared: name, required flag, type, constraint tags.
#[derive(Debug, PartialEq, Eq)]
struct FieldView {
    name: String,
    required: bool,
    schema: String,
    constraints: Vec<String>,
}

impl From<&Field> for FieldView {
    fn from(field: &Field) -> Self {
        FieldView {
            name: field.name.clone(),
            required: field.required,
            schema: field.schema.display(),
            constraints: field.constraints.clone(),
        }
    }
}

fn fields(fields: &[Field]) -> Vec<FieldView> {
    fields.iter().map(FieldView::from).collect()
}

/// Appends `what: adoc … / markdown …` to `out` when the two differ.
fn compare<T: PartialEq + Debug>(out: &mut Vec<String>, what: &str, adoc: T, markdown: T) {
    if adoc != markdown {
        out.push(format!(
            "{what}:\n      adoc:     {adoc:?}\n      markdown: {markdown:?}"
        ));
    }
}

fn compare_operation(out: &mut Vec<String>, adoc: &Operation, md: &Operation) {
    let mut diffs = Vec::new();
    compare(&mut diffs, "group", &adoc.group, &md.group);
    compare(&mut diffs, "method", adoc.method, md.method);
    compare(&mut diffs, "path", &adoc.path, &md.path);
    compare(
        &mut diffs,
        "scheme",
        &adoc.authorization.scheme,
        &md.authorization.scheme,
    );
    compare(
        &mut diffs,
        "scopes",
        &adoc.authorization.scopes,
        &md.authorization.scopes,
    );
    compare(
        &mut diffs,
        "path parameters",
        fields(&adoc.path_params),
        fields(&md.path_params),
    );
    compare(
        &mut diffs,
        "query parameters",
        fields(&adoc.query_params),
        fields(&md.query_params),
    );
    let body = |op: &Operation| {
        op.body
            .as_ref()
            .map(|b| (b.content_type.clone(), fields(&b.fields)))
    };
    compare(&mut diffs, "request body", body(adoc), body(md));
    let responses = |op: &Operation| {
        op.responses
            .iter()
            .map(|r| (r.code, r.schema.as_ref().map(|s| s.display())))
            .collect::<Vec<_>>()
    };
    compare(&mut diffs, "responses", responses(adoc), responses(md));
    for diff in diffs {
        out.push(format!("  {}: {diff}", adoc.name));
    }
}

/// Every difference between the two specs, readable; empty when they agree.
fn differences(adoc: &Spec, md: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    let group_names = |spec: &Spec| {
        spec.groups
            .iter()
            .map(|g| g.name.clone())
            .collect::<Vec<_>>()
    };
    compare(&mut out, "groups", group_names(adoc), group_names(md));
    let op_names = |spec: &Spec| {
        spec.operations
            .iter()
            .map(|o| o.name.clone())
            .collect::<Vec<_>>()
    };
    compare(
        &mut out,
        "operations (in order)",
        op_names(adoc),
        op_names(md),
    );
    let by_name: BTreeMap<&str, &Operation> =
        md.operations.iter().map(|o| (o.name.as_str(), o)).collect();
    for op in &adoc.operations {
        match by_name.get(op.name.as_str()) {
            Some(md_op) => compare_operation(&mut out, op, md_op),
            None => out.push(format!("  {}: only in AsciiDoc", op.name)),
        }
    }
    let definitions = |spec: &Spec| {
        spec.definitions
            .iter()
            .map(|d| (d.name.clone(), fields(&d.fields)))
            .collect::<Vec<_>>()
    };
    compare(&mut out, "definitions", definitions(adoc), definitions(md));
    out
}

#[test]
fn markdown_yields_the_same_spec_as_asciidoc_for_every_version() {
    let Some(docs) = shared_docs() else { return };
    let mut report = Vec::new();
    for (version, _) in ADOC_VERSIONS {
        let mut from_adoc = adoc::parse(&docs.join("adoc").join(version))
            .unwrap_or_else(|err| panic!("{version}: AsciiDoc did not parse: {err}"))
            .spec;
        let mut from_md =
            markdown::parse_file(&docs.join("markdown").join(format!("{version}.md")))
                .unwrap_or_else(|err| panic!("{version}: Markdown did not parse: {err}"))
                .spec;
        normalise_rendering_artifacts(&mut from_adoc);
        normalise_rendering_artifacts(&mut from_md);
        let diffs = differences(&from_adoc, &from_md);
        if !diffs.is_empty() {
            report.push(format!("== {version}\n{}", diffs.join("\n")));
        }
    }
    assert!(
        report.is_empty(),
        "the renderings disagree:\n{}",
        report.join("\n")
    );
}
