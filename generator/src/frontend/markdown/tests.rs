//! Tests of the whole Markdown front-end on small fixtures written for them
//! (`generator/tests/fixtures/markdown/`), one per diagnostic plus well-formed documents.

use std::path::PathBuf;

use super::parse_file;
use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use crate::frontend::{ParseError, Parsed};
use crate::spec::{Method, Schema};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/markdown")
        .join(name)
}

fn parse(name: &str) -> Parsed {
    match parse_file(&fixture(name)) {
        Ok(parsed) => parsed,
        Err(err) => panic!("{name} did not parse: {err}"),
    }
}

/// `(severity, kind, file:line, operation)` of every diagnostic, for compact assertions.
fn summary(parsed: &Parsed) -> Vec<(Severity, DiagnosticKind, String, Option<String>)> {
    parsed
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.severity,
                d.kind,
                d.location.to_string(),
                d.operation.clone(),
            )
        })
        .collect()
}

fn only(parsed: &Parsed, kind: DiagnosticKind) -> Vec<&Diagnostic> {
    parsed
        .diagnostics
        .iter()
        .filter(|d| d.kind == kind)
        .collect()
}

#[test]
fn reads_every_part_of_an_entry() {
    let parsed = parse("entries.md");
    assert_eq!(summary(&parsed), vec![], "{:#?}", parsed.diagnostics);
    let spec = &parsed.spec;
    assert_eq!(spec.source.files, vec!["entries.md"]);
    assert_eq!(spec.source.docs_version, None);
    assert_eq!(spec.groups.len(), 1);
    assert_eq!(spec.groups[0].name, "widgets");
    assert_eq!(spec.groups[0].description, "Manage widgets.");

    let op = spec
        .operation("createWidget")
        .expect("createWidget is read");
    assert_eq!(op.group, "widgets");
    assert_eq!(op.description, "Create a widget in a namespace.");
    assert_eq!(op.method, Method::Post);
    assert_eq!(op.path, "/api/v1/namespace/{namespace}/widget");
    assert_eq!(op.location.line, 11);
    assert_eq!(op.authorization.scheme.as_deref(), Some("oauth2_implicit"));
    assert_eq!(op.authorization.scopes, vec!["repo:write"]);
    assert_eq!(op.authorization.text, "oauth2_implicit (repo:write)");

    assert_eq!(op.path_params.len(), 1);
    assert_eq!(op.path_params[0].name, "namespace");
    assert!(op.path_params[0].required);
    assert_eq!(op.path_params[0].schema, Schema::String);
    assert_eq!(op.query_params.len(), 1);
    assert_eq!(op.query_params[0].name, "dry_run");
    assert!(!op.query_params[0].required);
    assert_eq!(op.query_params[0].description, "Only validate <it>");
    assert_eq!(op.query_params[0].schema, Schema::Boolean);

    let body = op.body.as_ref().expect("a request body");
    assert_eq!(body.content_type, "application/json");
    assert_eq!(body.description, "Description of a new widget.");
    let names: Vec<_> = body
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(names, vec![("title", true), ("tags", false)]);
    assert_eq!(body.fields[1].schema, Schema::array(Schema::String));
    assert_eq!(body.fields[1].constraints, vec!["non-empty", "unique"]);

    let codes: Vec<u16> = op.responses.iter().map(|r| r.code).collect();
    assert_eq!(codes, vec![201, 400]);
    assert_eq!(
        op.responses[0].schema,
        Some(Schema::Ref {
            name: "WidgetView".into()
        })
    );
    assert_eq!(op.examples.len(), 1);
    assert_eq!(
        op.examples[0].command,
        "$ curl -X POST \\\n  \"https://quay.example.com/api/v1/namespace/<namespace>/widget\""
    );
    assert_eq!(op.examples[0].output.as_deref(), Some("{\"id\": 1}"));
    assert_eq!(op.examples[0].location.line, 50);

    let public = spec.operation("listWidgets").expect("listWidgets is read");
    assert_eq!(public.authorization, Default::default());
    assert!(public.body.is_none());
    assert_eq!(public.responses[0].schema, None);

    let definitions: Vec<_> = spec.definitions.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(definitions, vec!["ApiError", "WidgetView"]);
    let view = spec.definition("WidgetView").expect("WidgetView");
    assert_eq!(view.description, "A widget.");
    assert_eq!(view.fields[1].name, "kids");
    assert_eq!(view.fields[1].schema, Schema::array(Schema::Object));
}

#[test]
fn version_only_from_a_version_file_name() {
    use super::version_from_file_name;
    assert_eq!(version_from_file_name("3.18.md").as_deref(), Some("3.18"));
    assert_eq!(version_from_file_name("api.md"), None);
    assert_eq!(version_from_file_name("000_e33cba0abae4b242.txt"), None);
}

#[test]
fn docs_version_comes_from_a_version_file_name() {
    let parsed = super::parse_text("3.99.md", "## g\n\n### op\n\n#### GET /x\n", false);
    assert_eq!(parsed.spec.source.docs_version.as_deref(), Some("3.99"));
    assert_eq!(parsed.spec.source.files, vec!["3.99.md"]);
}

#[test]
fn entry_without_method_is_an_error_and_left_out() {
    let parsed = parse("missing_method.md");
    assert_eq!(
        summary(&parsed),
        vec![(
            Severity::Error,
            DiagnosticKind::MissingMethodPath,
            "missing_method.md:5".to_string(),
            Some("brokenWidget".to_string())
        )]
    );
    assert!(parsed.diagnostics[0].message.contains("METHOD /path"));
    let names: Vec<_> = parsed
        .spec
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, vec!["getWidget"]);
}

#[test]
fn table_with_unexpected_columns_is_a_warning() {
    let parsed = parse("unexpected_columns.md");
    assert_eq!(
        summary(&parsed),
        vec![(
            Severity::Warning,
            DiagnosticKind::UnexpectedTableColumns,
            "unexpected_columns.md:13".to_string(),
            Some("getWidget".to_string())
        )]
    );
    assert!(parsed.diagnostics[0].message.contains("`Code | Meaning`"));
    assert!(parsed.spec.operations[0].responses.is_empty());
}

#[test]
fn path_parameter_and_template_disagree_both_ways() {
    let parsed = parse("path_params.md");
    let kinds: Vec<_> = parsed.diagnostics.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        vec![
            DiagnosticKind::PathParamNotInTemplate,
            DiagnosticKind::TemplateParamUndocumented
        ]
    );
    assert!(parsed
        .diagnostics
        .iter()
        .all(|d| d.location.to_string() == "path_params.md:5"));
    assert!(parsed.diagnostics[0].message.contains("`widget`"));
    assert!(parsed.diagnostics[1].message.contains("{widget_id}"));
    // Warnings: the parameter is still read as written.
    assert_eq!(parsed.spec.operations[0].path_params[0].name, "widget");
}

#[test]
fn unknown_schema_strings_are_warnings_and_kept() {
    let parsed = parse("unknown_schema.md");
    let found: Vec<_> = only(&parsed, DiagnosticKind::UnknownSchema)
        .iter()
        .map(|d| (d.location.line, d.severity))
        .collect();
    assert_eq!(
        found,
        vec![(15, Severity::Warning), (21, Severity::Warning)]
    );
    assert_eq!(parsed.diagnostics.len(), 2, "{:#?}", parsed.diagnostics);
    let op = &parsed.spec.operations[0];
    assert_eq!(
        op.query_params[0].schema,
        Schema::Unknown {
            text: "dodecahedron".into()
        }
    );
    assert_eq!(
        op.responses[0].schema,
        Some(Schema::Unknown {
            text: r#"{"status": "rotated"}"#.into()
        })
    );
}

#[test]
fn duplicate_operation_names_are_reported_at_the_second() {
    let parsed = parse("duplicate_name.md");
    let duplicates = only(&parsed, DiagnosticKind::DuplicateOperation);
    assert_eq!(duplicates.len(), 1);
    assert_eq!(duplicates[0].location.to_string(), "duplicate_name.md:11");
    assert!(
        duplicates[0].message.contains("duplicate_name.md:5"),
        "{}",
        duplicates[0].message
    );
    assert_eq!(parsed.spec.operations.len(), 2);
}

#[test]
fn malformed_rows_name_their_line_and_the_rest_is_read() {
    let parsed = parse("malformed_rows.md");
    assert_eq!(
        summary(&parsed),
        vec![
            (
                Severity::Warning,
                DiagnosticKind::MalformedTableRow,
                "malformed_rows.md:15".to_string(),
                Some("getWidget".to_string())
            ),
            (
                Severity::Warning,
                DiagnosticKind::MalformedTableRow,
                "malformed_rows.md:16".to_string(),
                Some("getWidget".to_string())
            ),
            (
                Severity::Warning,
                DiagnosticKind::InvalidResponseCode,
                "malformed_rows.md:23".to_string(),
                Some("getWidget".to_string())
            ),
        ]
    );
    assert!(parsed.diagnostics[0].message.contains("`header`"));
    assert!(parsed.diagnostics[2].message.contains("`2xx`"));
    let op = &parsed.spec.operations[0];
    assert_eq!(op.query_params.len(), 1);
    assert_eq!(op.responses.len(), 1);
    assert_eq!(op.responses[0].code, 404);
}

#[test]
fn rendering_artifacts_are_undone() {
    let parsed = parse("rendering_artifacts.md");
    let get = parsed.spec.operation("getWidget").expect("getWidget");
    // A responses table glued to the parameters table.
    assert_eq!(get.path_params.len(), 1);
    assert_eq!(get.responses.len(), 1);
    assert_eq!(get.responses[0].code, 200);
    // A table whose header row is empty takes its header from the first row.
    let put = parsed.spec.operation("putWidget").expect("putWidget");
    let body = put.body.as_ref().expect("body");
    assert_eq!(body.fields.len(), 1);
    assert_eq!(body.fields[0].name, "size");
    assert_eq!(body.fields[0].schema, Schema::Integer);
    // An entry heading above its chapter stays in the chapter, with a warning.
    let misplaced = parsed
        .spec
        .operation("misplacedEntry")
        .expect("misplacedEntry");
    assert_eq!(misplaced.group, "widgets");
    assert_eq!(misplaced.responses.len(), 1);
    assert_eq!(
        summary(&parsed),
        vec![(
            Severity::Warning,
            DiagnosticKind::UnexpectedContent,
            "rendering_artifacts.md:33".to_string(),
            Some("misplacedEntry".to_string())
        )]
    );
}

#[test]
fn plain_text_rendering_recovers_its_entry() {
    let parsed = parse("plain_entry.txt");
    let names: Vec<_> = parsed
        .spec
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(
        names,
        vec!["createWidget"],
        "prose must not become an entry"
    );
    let op = &parsed.spec.operations[0];
    assert_eq!(op.group, "Reading an entry");
    assert_eq!(op.description, "Create a widget.");
    assert_eq!(op.method, Method::Post);
    assert_eq!(op.path, "/api/v1/widget");
    assert_eq!(op.location.line, 10);
    assert_eq!(op.authorization.scopes, vec!["repo:write"]);
    assert!(op.path_params.is_empty());
    let body = op.body.as_ref().expect("the declared JSON body");
    assert_eq!(body.content_type, "application/json");
    assert_eq!(body.fields.len(), 1);
    assert_eq!(body.fields[0].name, "title");
    assert_eq!(body.fields[0].description, "Name of the widget.");
    assert_eq!(body.fields[0].schema, Schema::String);
    let responses: Vec<_> = op
        .responses
        .iter()
        .map(|r| (r.code, r.schema.clone()))
        .collect();
    assert_eq!(
        responses,
        vec![
            (201, None),
            (
                400,
                Some(Schema::Ref {
                    name: "ApiError".into()
                })
            )
        ]
    );
    assert_eq!(
        summary(&parsed),
        vec![(
            Severity::Warning,
            DiagnosticKind::PathParamNotInTemplate,
            "plain_entry.txt:21".to_string(),
            Some("createWidget".to_string())
        )]
    );
}

#[test]
fn a_file_without_entries_is_not_an_api_reference() {
    let dir = std::env::temp_dir().join(format!("quay-md-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("notes.md");
    std::fs::write(&path, "# Notes\n\nNothing here.\n").expect("write");
    let err = parse_file(&path).expect_err("no entries");
    assert!(matches!(err, ParseError::NotAnApiReference { .. }), "{err}");
    assert!(err.to_string().contains("notes.md"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_and_non_utf8_files_are_clear_errors() {
    let missing = parse_file(&fixture("no-such-file.md")).expect_err("missing");
    assert!(matches!(missing, ParseError::NotFound { .. }), "{missing}");
    assert!(missing.to_string().contains("no-such-file.md"));

    let dir = std::env::temp_dir().join(format!("quay-md-bytes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bytes.md");
    std::fs::write(&path, [0xff, 0xfe, b'#']).expect("write");
    let err = parse_file(&path).expect_err("not UTF-8");
    assert!(err.to_string().contains("bytes.md"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn prose_blocks_captions_and_paths() {
    let parsed = parse("prose_blocks.md");
    let op = &parsed.spec.operations[0];
    // The indented docstring is prose; its lines are kept, their indentation is not.
    assert_eq!(op.description, "Sync a widget.\n\nReturns:\n204 on success");
    // A caption of a code block is not part of the body's description.
    assert_eq!(
        op.body.as_ref().map(|b| b.description.as_str()),
        Some("Widget selection.")
    );
    // A path written without its leading `/` is read with it, and reported.
    assert_eq!(op.path, "/widget/sync");
    assert_eq!(
        summary(&parsed),
        vec![(
            Severity::Warning,
            DiagnosticKind::UnexpectedContent,
            "prose_blocks.md:12".to_string(),
            Some("syncWidget".to_string())
        )]
    );
    // "No content" is no body schema.
    assert_eq!(op.responses[0].schema, None);
}

#[test]
fn body_sections_give_a_body_only_with_body_fields_or_a_bare_content_type() {
    let parsed = parse("body_sections.md");
    assert_eq!(summary(&parsed), vec![], "{:#?}", parsed.diagnostics);
    let refs = parsed
        .spec
        .operation("getWidgetRefs")
        .expect("getWidgetRefs");
    assert_eq!(
        refs.path_params.len(),
        1,
        "a `path` row is a path parameter in any section"
    );
    assert!(refs.body.is_none());
    let renew = parsed.spec.operation("renewWidget").expect("renewWidget");
    assert!(renew.body.is_none(), "`No request body.`");
    let touch = parsed.spec.operation("touchWidget").expect("touchWidget");
    let body = touch
        .body
        .as_ref()
        .expect("a declared JSON body without fields");
    assert_eq!(body.content_type, "application/json");
    assert_eq!(body.description, "Anything.");
    assert!(body.fields.is_empty());
}

/// Every prefix of every fixture (a document cut off anywhere between lines), in both
/// renderings, is read without a panic and every diagnostic has a line inside the text.
#[test]
fn truncated_documents_never_panic() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    assert!(entries.len() >= 10, "fixtures found: {entries:?}");
    for path in entries {
        let text = std::fs::read_to_string(&path).expect("fixture text");
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        for end in 0..=lines.len() {
            let prefix: String = lines[..end].concat();
            for plain_text in [false, true] {
                let parsed = super::parse_text("cut.md", &prefix, plain_text);
                for d in &parsed.diagnostics {
                    assert!(
                        d.location.line >= 1 && d.location.line as usize <= end.max(1),
                        "{}: line {end}: {d}",
                        path.display()
                    );
                }
            }
        }
    }
}

/// Pseudo-random text made of the characters that carry structure in both renderings is read
/// without a panic (a fixed seed keeps the test deterministic and bounded).
#[test]
fn structural_noise_never_panics() {
    const ALPHABET: &[&str] = &[
        "|",
        "#",
        "*",
        "`",
        "-",
        "\n",
        " ",
        ":",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "/",
        "1",
        "a",
        "GET ",
        "POST /a/{b}",
        "Responses",
        "Path parameters",
        "Name: ",
        "**x** *required*",
        "| Type | Name | Description | Schema |",
        "|---|---|",
        "    ",
        "*e*",
        "\u{a0}",
        "|===",
    ];
    let mut state: u64 = 0x5eed;
    for _ in 0..200 {
        let mut text = String::new();
        for _ in 0..120 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let index = usize::try_from(state >> 33).unwrap_or(0) % ALPHABET.len();
            text.push_str(ALPHABET[index]);
        }
        for plain_text in [false, true] {
            let _ = super::parse_text("noise.md", &text, plain_text);
        }
    }
}

#[test]
fn orphan_method_is_an_error_and_a_missing_authorization_a_warning() {
    let parsed = parse("orphan_method.md");
    assert_eq!(
        summary(&parsed),
        vec![
            (
                Severity::Warning,
                DiagnosticKind::UnreadableAuthorization,
                "orphan_method.md:5".to_string(),
                Some("getWidget".to_string())
            ),
            (
                Severity::Error,
                DiagnosticKind::UnexpectedContent,
                "orphan_method.md:15".to_string(),
                None
            ),
        ]
    );
    assert!(parsed.diagnostics[1]
        .message
        .contains("`DELETE /api/v1/widget`"));
    let names: Vec<_> = parsed
        .spec
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, vec!["getWidget"]);
    let codes: Vec<u16> = parsed.spec.operations[0]
        .responses
        .iter()
        .map(|r| r.code)
        .collect();
    assert_eq!(
        codes,
        vec![200],
        "the orphan's sections are not added to the entry before it"
    );
    assert_eq!(parsed.spec.operations[0].authorization, Default::default());
}
