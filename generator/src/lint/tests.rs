use super::*;
use crate::spec::testing::{body, field, operation, spec};
use crate::spec::Method;

fn kinds(spec: &Spec) -> Vec<(DiagnosticKind, Option<String>)> {
    lint_spec(spec)
        .into_iter()
        .map(|d| (d.kind, d.operation))
        .collect()
}

#[test]
fn flags_a_name_that_contradicts_its_path() {
    let s = spec(vec![
        operation(
            "listUserQuotaSuperUser",
            Method::Get,
            "/api/v1/superuser/organization/{namespace}/quota",
        ),
        operation("listUserQuota", Method::Get, "/api/v1/user/quota"),
        operation("getOrganization", Method::Get, "/api/v1/user/{orgname}"),
    ]);
    assert_eq!(
        kinds(&s),
        vec![
            (
                DiagnosticKind::NameContradictsPath,
                Some("listUserQuotaSuperUser".into())
            ),
            (
                DiagnosticKind::NameContradictsPath,
                Some("getOrganization".into())
            ),
        ]
    );
}

#[test]
fn flags_one_endpoint_documented_twice() {
    let s = spec(vec![
        operation("getRepo", Method::Get, "/api/v1/repository/{repository}"),
        operation("getRepository", Method::Get, "/api/v1/repository/{repo}"),
        operation(
            "deleteRepo",
            Method::Delete,
            "/api/v1/repository/{repository}",
        ),
    ]);
    let found = lint_spec(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind, DiagnosticKind::DuplicateEndpoint);
    assert!(
        found[0].message.contains("`getRepo`"),
        "{}",
        found[0].message
    );
}

#[test]
fn flags_fields_without_a_schema() {
    let mut op = operation("createMirror", Method::Post, "/api/v1/mirror");
    op.body = body(vec![
        field(
            "username",
            false,
            Schema::Unknown {
                text: String::new(),
            },
        ),
        field(
            "weird",
            false,
            Schema::Unknown {
                text: "{ odd }".into(),
            },
        ),
        field("ok", true, Schema::String),
    ]);
    let found = lint_spec(&spec(vec![op]));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind, DiagnosticKind::UntypedSchema);
    assert!(found[0].message.contains("`username`"));
}

#[test]
fn report_counts_by_kind_and_keeps_parse_diagnostics() {
    let s = spec(vec![
        operation("getRepo", Method::Get, "/api/v1/repository/{repository}"),
        operation("getRepo2", Method::Get, "/api/v1/repository/{repository}"),
    ]);
    let parse_warning = Diagnostic::warning(
        DiagnosticKind::TemplateParamUndocumented,
        s.operations[0].location.clone(),
        "undocumented",
    );
    let report = lint(&s, &[parse_warning]);
    assert_eq!(report.diagnostics.len(), 2);
    assert_eq!(report.summary.get("duplicate_endpoint"), Some(&1));
    assert_eq!(report.summary.get("template_param_undocumented"), Some(&1));
    let text = report.to_text();
    assert!(text.contains("2 finding(s)"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["summary"]["duplicate_endpoint"], 1);
    assert_eq!(json["diagnostics"][0]["location"]["file"], "getRepo.adoc");
}

fn with_example(mut op: crate::spec::Operation, command: &str) -> crate::spec::Operation {
    op.examples = vec![crate::spec::Example {
        command: command.into(),
        output: None,
        location: crate::spec::Location {
            file: "example.adoc".into(),
            line: 7,
        },
        request: None,
        exceptions: Vec::new(),
    }];
    op
}

fn example_findings(op: crate::spec::Operation) -> Vec<Diagnostic> {
    let mut s = spec(vec![op]);
    crate::examples::fill_requests(&mut s);
    lint_spec(&s)
}

#[test]
fn an_example_that_agrees_with_its_entry_is_quiet() {
    let mut op = operation(
        "createRepo",
        Method::Post,
        "/api/v1/repository/{repository}/tag/",
    );
    op.query_params = vec![field("page", false, Schema::Integer)];
    op.body = body(vec![field("name", true, Schema::String)]);
    let op = with_example(
        op,
        "curl -X POST -d '{\"name\": \"x\"}' 'https://h/api/v1/repository/<ns>/<repo>/tag/?page=2'",
    );
    assert_eq!(example_findings(op), vec![]);
}

#[test]
fn flags_each_way_an_example_can_disagree() {
    let mut op = operation("createRepo", Method::Post, "/api/v1/repository");
    op.body = body(vec![field("name", true, Schema::String)]);
    let op = with_example(
        op,
        "curl -X PUT -d '{\"name\": \"x\", \"visibility\": \"public\"}' 'https://h/api/v1/repositories?limit=5'",
    );
    let found = example_findings(op);
    let kinds: Vec<_> = found.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        vec![
            DiagnosticKind::ExampleMethodMismatch,
            DiagnosticKind::ExamplePathMismatch,
            DiagnosticKind::ExampleBodyKeyUndocumented,
            DiagnosticKind::ExampleQueryUndocumented,
        ]
    );
    assert!(found
        .iter()
        .all(|d| d.location.line == 7 && d.operation.as_deref() == Some("createRepo")));
    assert!(found[2].message.contains("`visibility`"));
    assert!(found[3].message.contains("`limit`"));
}
