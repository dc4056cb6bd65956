//! For every version, the Markdown rendering yields the same spec as the AsciiDoc source:
//! operations, groups, methods, paths, parameters with required flags and types, scopes, body
//! fields and response codes exactly; descriptions and examples after the rendering differences
//! are normalised (`normalise_rendering_artifacts`). Differences are listed operation by
//! operation and field by field.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::LazyLock;

use generator::frontend::{adoc, markdown, text};
use generator::spec::{Field, Operation, Spec};
use integration_tests::{shared_docs, ADOC_VERSIONS};
use regex::Regex;

/// The only place where the two renderings are made alike before comparing. Each rule is a
/// difference the Markdown rendering introduces, not one of the documents' content; the
/// structure (names, types, flags, codes) is compared exactly, with no rule at all.
fn normalise_rendering_artifacts(spec: &mut Spec) {
    for group in &mut spec.groups {
        group.description = plain_words(&group.description);
    }
    for op in &mut spec.operations {
        op.description = plain_words(&op.description);
        op.authorization.text = plain_words(&op.authorization.text);
        let body_fields = op.body.iter_mut().flat_map(|b| b.fields.iter_mut());
        for field in op
            .path_params
            .iter_mut()
            .chain(&mut op.query_params)
            .chain(body_fields)
        {
            field.description = plain_words(&field.description);
        }
        if let Some(body) = &mut op.body {
            body.description = plain_words(&body.description);
        }
        for response in &mut op.responses {
            response.description = plain_words(&response.description);
        }
        for example in &mut op.examples {
            example.command = without_callouts(&example.command);
            example.output = example.output.as_deref().map(without_callouts);
        }
    }
    for definition in &mut spec.definitions {
        definition.description = plain_words(&definition.description);
        for field in &mut definition.fields {
            field.description = plain_words(&field.description);
        }
    }
}

/// Prose as words: each front-end keeps its own syntax's markup, entities and line breaks in
/// prose (AsciiDoc `link:url[text]`, `* item`, `&lt;`; Markdown `[text](url)`), and the Markdown
/// rendering made quotes typographic and wrote admonition labels (`Note:`) into the text.
fn plain_words(text: &str) -> String {
    static ADOC_LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"link:\S+?\[([^\]]*)\]").expect("valid regex"));
    static BULLET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^\s*[*-]\s+").expect("valid regex"));
    static ADMONITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^(?:Note|Important|Warning|Tip|Caution):\s*").expect("valid regex")
    });
    let text = text::unescape_html(text)
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    let text = ADOC_LINK.replace_all(&text, "$1");
    let text = BULLET.replace_all(&text, "");
    let text = ADMONITION.replace_all(&text, "");
    text::strip_markup(&text)
}

/// Example commands verbatim, except what the renderings do differently to them: callouts after
/// a line (AsciiDoc `<1>`, rendered `(1)`) and trailing whitespace (dropped by the rendering).
fn without_callouts(text: &str) -> String {
    static CALLOUT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*(?:<\d+>|\(\d+\))\s*$").expect("valid regex"));
    let lines: Vec<String> = text
        .lines()
        .map(|line| CALLOUT.replace(line, "").trim_end().to_string())
        .collect();
    lines.join("\n").trim_end().to_string()
}

/// A parameter or field as compared: name, required flag, type, constraint tags, description.
#[derive(Debug, PartialEq, Eq)]
struct FieldView {
    name: String,
    required: bool,
    schema: String,
    constraints: Vec<String>,
    description: String,
}

impl From<&Field> for FieldView {
    fn from(field: &Field) -> Self {
        FieldView {
            name: field.name.clone(),
            required: field.required,
            schema: field.schema.display(),
            constraints: field.constraints.clone(),
            description: field.description.clone(),
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
    compare(
        &mut diffs,
        "description",
        &adoc.description,
        &md.description,
    );
    compare(
        &mut diffs,
        "authorization text",
        &adoc.authorization.text,
        &md.authorization.text,
    );
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
        op.body.as_ref().map(|b| {
            (
                b.content_type.clone(),
                b.description.clone(),
                fields(&b.fields),
            )
        })
    };
    compare(&mut diffs, "request body", body(adoc), body(md));
    let responses = |op: &Operation| {
        op.responses
            .iter()
            .map(|r| {
                (
                    r.code,
                    r.description.clone(),
                    r.schema.as_ref().map(|s| s.display()),
                )
            })
            .collect::<Vec<_>>()
    };
    compare(&mut diffs, "responses", responses(adoc), responses(md));
    let examples = |op: &Operation| {
        op.examples
            .iter()
            .map(|e| (e.command.clone(), e.output.clone()))
            .collect::<Vec<_>>()
    };
    compare(&mut diffs, "examples", examples(adoc), examples(md));
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
            .map(|d| (d.name.clone(), d.description.clone(), fields(&d.fields)))
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
