//! The committed OpenAPI document is the export of the committed spec: regenerating it after a
//! spec change is not forgotten. (CI validates the committed file with `.ci/validate-openapi`.)

use generator::openapi;
use generator::spec::Spec;
use integration_tests::project_root;

#[test]
fn committed_openapi_document_matches_the_committed_spec() {
    let spec_path = project_root().join("spec").join("quay-api.json");
    let openapi_path = project_root().join("spec").join("quay-api.openapi.json");
    let spec_text = std::fs::read_to_string(&spec_path)
        .unwrap_or_else(|err| panic!("{}: {err}", spec_path.display()));
    let spec =
        Spec::from_json(&spec_text).unwrap_or_else(|err| panic!("{}: {err}", spec_path.display()));
    let committed = std::fs::read_to_string(&openapi_path)
        .unwrap_or_else(|err| panic!("{}: {err}", openapi_path.display()));
    let export = openapi::export(&spec);
    assert!(
        committed == export.to_json(),
        "{} is stale: run `cargo xtask openapi` and commit the result",
        openapi_path.display()
    );
}

/// Everything the 3.0 form must not carry: `null` as a type, `type` lists, `const`, schema
/// `examples` lists, a `$ref` with siblings (3.0 ignores them). Walks every object, so it also
/// looks into example values; the committed export has none that look like these.
fn forms_3_0_lacks(value: &serde_json::Value, at: &str, found: &mut Vec<String>) {
    use serde_json::Value;
    match value {
        Value::Object(object) => {
            if object
                .get("type")
                .is_some_and(|t| t == "null" || t.is_array())
            {
                found.push(format!("{at}: type {}", object["type"]));
            }
            if object.contains_key("$ref") && object.len() > 1 {
                found.push(format!("{at}: $ref with siblings"));
            }
            if object.contains_key("const") {
                found.push(format!("{at}: const"));
            }
            for (key, child) in object {
                forms_3_0_lacks(child, &format!("{at}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                forms_3_0_lacks(child, &format!("{at}/{index}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn the_3_0_form_of_the_committed_export_says_null_the_3_0_way() {
    let spec_path = project_root().join("spec").join("quay-api.json");
    let spec_text = std::fs::read_to_string(&spec_path)
        .unwrap_or_else(|err| panic!("{}: {err}", spec_path.display()));
    let spec =
        Spec::from_json(&spec_text).unwrap_or_else(|err| panic!("{}: {err}", spec_path.display()));
    let export = openapi::export(&spec);
    let old = openapi::v3_0::downgrade(&export.document);
    assert_eq!(old["openapi"], openapi::v3_0::OPENAPI_VERSION);
    let mut found = Vec::new();
    forms_3_0_lacks(&old, "#", &mut found);
    assert!(found.is_empty(), "3.1 forms left: {found:#?}");
    // The typed responses' nullable fields are there, as `nullable`.
    let text = export.to_json_3_0();
    assert!(text.contains("\"nullable\": true"), "no nullable field");
    assert!(!text.contains("\"type\": \"null\""));
}
