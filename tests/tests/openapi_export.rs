//! The OpenAPI export of the newest docs holds every operation of the spec with its method,
//! path, parameters, body fields and scopes. (Its validity against the OpenAPI 3.1 schema is
//! checked in CI by `.ci/validate-openapi`.)

use std::collections::{BTreeSet, HashSet};

use generator::frontend::{self, InputFormat};
use generator::openapi;
use generator::spec::{Operation, Spec};
use integration_tests::shared_docs;
use serde_json::Value;

fn spec_3_18() -> Option<Spec> {
    let docs = shared_docs()?;
    let path = docs.join("adoc").join("3.18");
    match frontend::parse_path(&path, InputFormat::Adoc) {
        Ok(parsed) => Some(parsed.spec),
        Err(err) => panic!("parsing 3.18: {err}"),
    }
}

fn names_in(list: &Value, location: &str) -> BTreeSet<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == location)
        .filter_map(|p| p["name"].as_str().map(String::from))
        .collect()
}

fn component<'a>(doc: &'a Value, reference: &Value) -> &'a Value {
    let name = reference
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .unwrap_or_else(|| panic!("not a component reference: {reference}"));
    &doc["components"]["schemas"][name]
}

fn check_operation(doc: &Value, op: &Operation) {
    let method = op.method.as_str().to_ascii_lowercase();
    let exported = &doc["paths"][&op.path][&method];
    let what = format!("{} ({} {})", op.name, op.method, op.path);
    assert_eq!(exported["operationId"], op.name.as_str(), "{what}");

    let parameters = &exported["parameters"];
    let template: BTreeSet<String> = op.template_params().into_iter().map(String::from).collect();
    assert_eq!(
        names_in(parameters, "path"),
        template,
        "{what}: path parameters"
    );
    let query: BTreeSet<String> = op.query_params.iter().map(|p| p.name.clone()).collect();
    assert_eq!(
        names_in(parameters, "query"),
        query,
        "{what}: query parameters"
    );
    for param in &op.query_params {
        let found = parameters
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["in"] == "query" && p["name"] == param.name.as_str());
        let required = found.map(|p| p["required"].clone());
        assert_eq!(
            required,
            Some(Value::Bool(param.required)),
            "{what}: {}",
            param.name
        );
    }

    match &op.body {
        None => assert!(
            exported.get("requestBody").is_none(),
            "{what}: unexpected body"
        ),
        Some(body) => {
            let schema = &exported["requestBody"]["content"][&body.content_type]["schema"]["$ref"];
            let properties = &component(doc, schema)["properties"];
            for field in &body.fields {
                assert!(
                    properties.get(&field.name).is_some(),
                    "{what}: body field {}",
                    field.name
                );
            }
        }
    }

    let security = &exported["security"];
    match &op.authorization.scheme {
        None => assert_eq!(security, &Value::Array(Vec::new()), "{what}: public"),
        Some(_) => {
            let requirement = security[0].as_object().expect("one security requirement");
            let scopes: Vec<&str> = requirement
                .values()
                .flat_map(|v| v.as_array().into_iter().flatten())
                .filter_map(Value::as_str)
                .collect();
            let expected: Vec<&str> = op.authorization.scopes.iter().map(String::as_str).collect();
            if requirement.keys().any(|k| k.starts_with("oauth2")) {
                assert_eq!(scopes, expected, "{what}: scopes");
            }
        }
    }
}

#[test]
fn every_operation_of_3_18_is_exported_with_its_method_path_parameters_and_scopes() {
    let Some(spec) = spec_3_18() else { return };
    let export = openapi::export(&spec);
    let doc = &export.document;
    assert_eq!(doc["info"]["version"], "3.18");

    // What OpenAPI cannot hold, computed here: a later entry with a used name, or a method and
    // path already taken by another operation.
    let mut names = HashSet::new();
    let mut endpoints = HashSet::new();
    let mut expected_skips = 0;
    for op in &spec.operations {
        if !names.insert(op.name.as_str()) || !endpoints.insert((op.method, op.path.as_str())) {
            expected_skips += 1;
            continue;
        }
        check_operation(doc, op);
    }
    assert_eq!(export.skipped.len(), expected_skips, "{:?}", export.skipped);

    let exported: usize = doc["paths"]
        .as_object()
        .expect("paths")
        .values()
        .map(|item| item.as_object().map_or(0, |m| m.len()))
        .sum();
    assert_eq!(exported, spec.operations.len() - expected_skips);

    let all_scopes: BTreeSet<&str> = spec
        .operations
        .iter()
        .flat_map(|op| op.authorization.scopes.iter().map(String::as_str))
        .collect();
    let flow_scopes: BTreeSet<&str> = doc["components"]["securitySchemes"]["oauth2_implicit"]
        ["flows"]["implicit"]["scopes"]
        .as_object()
        .expect("oauth2_implicit scopes")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(flow_scopes, all_scopes);
}
