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
