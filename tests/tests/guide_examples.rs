//! The 3.18 API guide's commands and outputs, matched against the 3.18 reference, feed the
//! response schemas; the seed chapter's `createAppToken` output yields its typed response.

use std::collections::BTreeSet;
use std::path::Path;

use generator::diagnostics::DiagnosticKind;
use generator::examples::output;
use generator::frontend::{parse_path, InputFormat};
use generator::guide::{self, plain, source};
use generator::infer;
use generator::spec::{InferredType, Spec};

fn reference_3_18(docs: &Path) -> Spec {
    parse_path(&docs.join("adoc").join("3.18"), InputFormat::Adoc)
        .expect("3.18 reference parses")
        .spec
}

#[test]
fn guide_3_18_outputs_feed_response_schemas() {
    let Some(docs) = integration_tests::shared_docs() else {
        return;
    };
    let read = source::read_listings(&docs.join("guide").join("3.18")).expect("guide reads");
    assert!(read.diagnostics.is_empty(), "{:#?}", read.diagnostics);

    // The guide has 107 example outputs in 43 modules.
    let outputs: Vec<_> = read.listings.iter().filter(|l| l.is_output()).collect();
    let output_files: BTreeSet<&str> = outputs.iter().map(|l| l.location.file.as_str()).collect();
    assert_eq!(outputs.len(), 107);
    assert_eq!(output_files.len(), 43);

    let paired = guide::pair_examples(&read.listings);
    let mut spec = reference_3_18(&docs);
    let report = guide::match_examples(&spec, &paired);
    let readable = report
        .samples
        .iter()
        .filter(|s| output::read(&s.text).is_ok())
        .count();
    let matched_operations: BTreeSet<&str> = report
        .samples
        .iter()
        .map(|s| s.operation.as_str())
        .collect();
    eprintln!(
        "guide outputs matched to {} operations",
        matched_operations.len()
    );
    let filled = infer::fill_response_schemas(&mut spec, &report.samples);
    eprintln!(
        "guide 3.18: {} commands ({} unparsable, {} matched to one operation); {} outputs paired \
         with a command, {} after no curl command; {} samples of matched commands, {} readable; \
         {} error bodies left out; {} operations with an inferred schema",
        report.commands,
        report.commands_unparsable,
        report.commands_matched,
        report.outputs - paired.orphan_outputs.len(),
        paired.orphan_outputs.len(),
        report.samples.len(),
        readable,
        filled.error_outputs,
        filled.operations_with_schema
    );
    for d in report.diagnostics.iter().chain(&filled.diagnostics) {
        eprintln!("{d}");
    }

    // Every output is accounted for: paired with a command, or reported as following none.
    assert_eq!(report.outputs, outputs.len());
    // Every command that did not match exactly one operation is reported at its location.
    assert_eq!(
        report.commands_in_reference, 0,
        "the guide has no reference entries"
    );
    let unmatched = report.commands - report.commands_matched - report.commands_unparsable;
    let reported = report
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::UnmatchedGuideExample)
        .count();
    assert_eq!(reported, unmatched + paired.orphan_outputs.len());
    // Most commands of the guide call a documented operation.
    assert!(
        report.commands_matched * 4 > report.commands * 3,
        "{} of {} matched",
        report.commands_matched,
        report.commands
    );
    // Each operation with a schema lists where its examples are.
    let with_schema: Vec<_> = spec
        .operations
        .iter()
        .filter_map(|op| op.response_schema.as_ref().map(|s| (op, s)))
        .collect();
    assert_eq!(with_schema.len(), filled.operations_with_schema);
    assert!(with_schema.len() >= 40, "{} schemas", with_schema.len());
    for (op, schema) in &with_schema {
        assert!(!schema.provenance.is_empty(), "{}", op.name);
        for location in &schema.provenance {
            assert!(
                location.file.starts_with("modules/"),
                "{}: {location}",
                op.name
            );
        }
    }
    // Permissions keyed by user name are a map, not a record with a field per user.
    let permissions = spec
        .operation("listRepoUserPermissions")
        .and_then(|op| op.response_schema.as_ref())
        .expect("the guide shows listRepoUserPermissions");
    let root = &permissions.types[0];
    assert!(
        matches!(root.fields[0].ty, InferredType::Map { .. }),
        "{:?}",
        root.fields[0]
    );
    insta::assert_snapshot!("guide_3_18_inferred_schemas", render_schemas(&spec));
    // The spec with schemas still round-trips.
    assert_eq!(Spec::from_json(&spec.to_json()).expect("reads"), spec);
}

/// One block per operation with a schema: its body type and each named type with its fields
/// (`?` marks optional ones), then the number of examples merged.
fn render_schemas(spec: &Spec) -> String {
    let mut out = String::new();
    for op in &spec.operations {
        let Some(schema) = &op.response_schema else {
            continue;
        };
        out.push_str(&format!(
            "{} -> {}  ({} examples)\n",
            op.name,
            render_type(&schema.body),
            schema.provenance.len()
        ));
        for strukt in &schema.types {
            let fields: Vec<String> = strukt
                .fields
                .iter()
                .map(|f| {
                    let mark = if f.optional { "?" } else { "" };
                    format!("{}{mark}: {}", f.name, render_type(&f.ty))
                })
                .collect();
            out.push_str(&format!("  {} {{ {} }}\n", strukt.name, fields.join(", ")));
        }
    }
    out
}

fn render_type(ty: &InferredType) -> String {
    match ty {
        InferredType::String => "string".into(),
        InferredType::Integer => "integer".into(),
        InferredType::Number => "number".into(),
        InferredType::Boolean => "boolean".into(),
        InferredType::Array { items } => format!("[{}]", render_type(items)),
        InferredType::Map { values } => format!("map<{}>", render_type(values)),
        InferredType::Struct { name } => name.clone(),
        InferredType::Object => "object".into(),
        InferredType::Any => "any".into(),
    }
}

#[test]
fn seed_create_app_token_output_is_typed() {
    let Some(docs) = integration_tests::shared_docs() else {
        return;
    };
    let seed = docs
        .join("..")
        .join("seed")
        .join("000_e33cba0abae4b242.txt");
    let text = std::fs::read_to_string(&seed).expect("seed chapter");
    let listings = plain::listings(&text, "seed/000_e33cba0abae4b242.txt");
    let paired = guide::pair_examples(&listings);
    let mut spec = reference_3_18(&docs);
    let report = guide::match_examples(&spec, &paired);
    // The chapter's generic `<example>/<endpoint>` command matches nothing and is reported.
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.kind == DiagnosticKind::UnmatchedGuideExample));
    let samples: Vec<_> = report
        .samples
        .iter()
        .filter(|s| s.operation == "createAppToken")
        .cloned()
        .collect();
    assert_eq!(samples.len(), 1, "{:#?}", report.samples);
    infer::fill_response_schemas(&mut spec, &samples);
    let op = spec.operation("createAppToken").expect("documented");
    let schema = op.response_schema.as_ref().expect("inferred");
    assert_eq!(
        schema.body,
        InferredType::Struct {
            name: "CreateAppTokenResponse".into()
        }
    );
    let root = &schema.types[0];
    assert_eq!(root.fields.len(), 1);
    assert_eq!(root.fields[0].name, "token");
    let token_type = &root.fields[0].ty;
    let InferredType::Struct { name } = token_type else {
        panic!("token is {token_type:?}");
    };
    let token = schema
        .types
        .iter()
        .find(|t| &t.name == name)
        .expect("named");
    let field = |n: &str| token.fields.iter().find(|f| f.name == n).expect(n);
    assert_eq!(field("uuid").ty, InferredType::String);
    assert!(!field("uuid").optional);
    assert!(field("last_accessed").optional);
    assert!(field("expiration").optional);
    assert_eq!(field("token_code").ty, InferredType::String);
    assert_eq!(schema.provenance[0].file, "seed/000_e33cba0abae4b242.txt");
    insta::assert_json_snapshot!("seed_create_app_token_schema", schema);
}

/// 3.13's assembly holds the guide chapters beside the reference: reading it as a guide too adds
/// the chapters' outputs without counting the entries' own examples twice.
#[test]
fn reference_and_guide_in_one_tree_3_13() {
    let Some(docs) = integration_tests::shared_docs() else {
        return;
    };
    let root = docs.join("adoc").join("3.13");
    let mut spec = parse_path(&root, InputFormat::Adoc)
        .expect("3.13 parses")
        .spec;
    let entry_examples: usize = spec.operations.iter().map(|op| op.examples.len()).sum();
    let enrichment =
        generator::examples::enrich::enrich_spec(&mut spec, Some(&root)).expect("enriches");
    let guide = enrichment.guide.expect("guide read");
    eprintln!(
        "3.13: {} commands ({} are entries' own), {} matched; {} guide outputs; {} schemas",
        guide.commands,
        guide.commands_in_reference,
        guide.commands_matched,
        guide.outputs,
        enrichment.schemas.operations_with_schema
    );
    assert_eq!(guide.commands_in_reference, entry_examples);
    assert!(guide.commands_matched > 0 && !guide.samples.is_empty());
    for op in &spec.operations {
        if let Some(schema) = &op.response_schema {
            let unique: BTreeSet<_> = schema.provenance.iter().collect();
            assert_eq!(unique.len(), schema.provenance.len(), "{}", op.name);
        }
    }
}
