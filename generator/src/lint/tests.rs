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
    let parsed = Parsed {
        spec: s,
        diagnostics: vec![parse_warning],
    };
    let report = lint(&parsed);
    assert_eq!(report.diagnostics.len(), 2);
    assert_eq!(report.summary.get("duplicate_endpoint"), Some(&1));
    assert_eq!(report.summary.get("template_param_undocumented"), Some(&1));
    let text = report.to_text();
    assert!(text.contains("2 finding(s)"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["summary"]["duplicate_endpoint"], 1);
    assert_eq!(json["diagnostics"][0]["location"]["file"], "getRepo.adoc");
}
