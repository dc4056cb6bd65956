//! The plain-text seed (`../shared/seed/000_e33cba0abae4b242.txt`, a chapter of the API guide)
//! documents `createAppToken` in a rendering of its own. The Markdown front-end must recover that
//! entry, and only that entry, as the AsciiDoc reference documents it.

use std::path::PathBuf;

use generator::diagnostics::DiagnosticKind;
use generator::frontend::{adoc, markdown, Parsed};
use generator::spec::{Field, Method, Operation};
use integration_tests::shared_docs;

const SEED: &str = "000_e33cba0abae4b242.txt";

/// The seed beside `shared_docs()` (`../shared/seed/`), with the same rule: missing under
/// `CI=true` fails, elsewhere the test is skipped and says so.
fn seed() -> Option<(PathBuf, PathBuf)> {
    let docs = shared_docs()?;
    let path = docs
        .parent()
        .map_or_else(|| docs.join("seed"), |shared| shared.join("seed"))
        .join(SEED);
    if path.is_file() {
        return Some((docs, path));
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but the seed is missing at {}", path.display());
    }
    eprintln!("SKIPPED: {} is missing", path.display());
    None
}

fn parse_seed(path: &std::path::Path) -> Parsed {
    markdown::parse_file(path).unwrap_or_else(|err| panic!("the seed did not parse: {err}"))
}

fn create_app_token(parsed: &Parsed) -> &Operation {
    parsed
        .spec
        .operation("createAppToken")
        .unwrap_or_else(|| panic!("no createAppToken in {:?}", parsed.spec.operations))
}

#[test]
fn seed_yields_create_app_token_and_nothing_else() {
    let Some((_, path)) = seed() else { return };
    let parsed = parse_seed(&path);
    let names: Vec<&str> = parsed
        .spec
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(
        names,
        vec!["createAppToken"],
        "prose must not produce operations"
    );
    assert!(
        parsed.errors().next().is_none(),
        "{:#?}",
        parsed.diagnostics
    );

    let op = create_app_token(&parsed);
    assert_eq!(op.method, Method::Post);
    assert_eq!(op.path, "/api/v1/user/apptoken");
    assert_eq!(op.description, "Create a new app specific token for user.");
    assert_eq!(op.authorization.scopes, vec!["user:admin"]);
    assert!(op.path_params.is_empty(), "`title` is not a path parameter");
    let body = op.body.as_ref().expect("the declared JSON body");
    assert_eq!(body.content_type, "application/json");
    let fields: Vec<&str> = body.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(fields, vec!["title"]);
    let codes: Vec<u16> = op.responses.iter().map(|r| r.code).collect();
    assert_eq!(codes, vec![201, 400, 401, 403, 404]);

    // The rendering lists `title` under "Path parameters": that is reported, with its line.
    let warnings: Vec<_> = parsed.warnings().collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].kind, DiagnosticKind::PathParamNotInTemplate);
    assert_eq!(warnings[0].operation.as_deref(), Some("createAppToken"));
    assert!(warnings[0].location.file == SEED && warnings[0].location.line > 0);
}

/// What the acceptance criterion compares of a body field.
fn field_view(field: &Field) -> (String, bool, String) {
    (field.name.clone(), field.required, field.schema.display())
}

#[test]
fn seed_create_app_token_equals_the_asciidoc_reference() {
    let Some((docs, path)) = seed() else { return };
    let seed = parse_seed(&path);
    let reference = adoc::parse(&docs.join("adoc").join("3.18"))
        .unwrap_or_else(|err| panic!("3.18 AsciiDoc did not parse: {err}"));
    let from_seed = create_app_token(&seed);
    let from_adoc = create_app_token(&reference);

    assert_eq!(from_seed.method, from_adoc.method, "method");
    assert_eq!(from_seed.path, from_adoc.path, "path");
    assert_eq!(
        from_seed.authorization.scopes, from_adoc.authorization.scopes,
        "scopes"
    );
    let seed_fields: Vec<_> = from_seed
        .body
        .iter()
        .flat_map(|b| &b.fields)
        .map(field_view)
        .collect();
    let adoc_fields: Vec<_> = from_adoc
        .body
        .iter()
        .flat_map(|b| &b.fields)
        .map(field_view)
        .collect();
    assert_eq!(
        seed_fields, adoc_fields,
        "body fields (name, required, schema)"
    );
    let codes = |op: &Operation| op.responses.iter().map(|r| r.code).collect::<Vec<_>>();
    assert_eq!(codes(from_seed), codes(from_adoc), "response codes");
}
