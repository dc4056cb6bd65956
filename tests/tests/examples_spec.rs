//! The example stage applied to the spec the AsciiDoc front-end reads from the real 3.18 docs:
//! every example command becomes a request, and the reference's own outputs feed inference.

use generator::diagnostics::DiagnosticKind;
use generator::examples::{self, matching};
use generator::frontend::{parse_path, InputFormat};
use generator::infer;

#[test]
fn reference_3_18_examples_fill_the_spec() {
    let Some(docs) = integration_tests::shared_docs() else {
        return;
    };
    let parsed = parse_path(&docs.join("adoc").join("3.18"), InputFormat::Adoc).expect("parses");
    let mut spec = parsed.spec;
    let diagnostics = examples::fill_requests(&mut spec);
    let report = infer::fill_response_schemas(&mut spec, &[]);
    let counts = examples::count(&spec);
    let with_request = spec
        .operations
        .iter()
        .filter(|op| op.examples.iter().any(|e| e.request.is_some()))
        .count();
    eprintln!(
        "3.18 reference: {} example commands, {} parsed, {} operations with a parsed command; \
         {} outputs, {} read; {} operations with an inferred schema",
        counts.commands,
        counts.commands_parsed,
        with_request,
        counts.outputs,
        counts.outputs_read,
        report.operations_with_schema
    );
    for d in diagnostics.iter().chain(&report.diagnostics) {
        eprintln!("{d}");
    }
    assert_eq!(counts.commands_parsed, counts.commands, "{diagnostics:#?}");
    // 209 of the 218 entries carry a command; the front-end attaches all but a couple that sit
    // outside an "Example command" section.
    assert!(
        with_request >= 205,
        "{with_request} operations with a request"
    );
    // The docs' own slips (a GET in a DELETE entry, a path with an extra segment) are few:
    // almost every command calls its own entry's method and path.
    let mut mismatches = Vec::new();
    for op in &spec.operations {
        for example in &op.examples {
            let Some(request) = &example.request else {
                continue;
            };
            if matching::fits(op.method, &op.path, request).is_none() {
                mismatches.push(format!(
                    "{}: {} {} calls {} {}",
                    example.location, op.method, op.path, request.method, request.path
                ));
            }
        }
    }
    eprintln!("{mismatches:#?}");
    assert!(mismatches.len() * 20 < counts.commands, "{mismatches:#?}");
}

#[test]
fn every_version_s_commands_parse() {
    let Some(docs) = integration_tests::shared_docs() else {
        return;
    };
    for (version, _) in integration_tests::ADOC_VERSIONS {
        let Ok(parsed) = parse_path(&docs.join("adoc").join(version), InputFormat::Adoc) else {
            panic!("{version} does not parse");
        };
        let mut spec = parsed.spec;
        let diagnostics = examples::fill_requests(&mut spec);
        let counts = examples::count(&spec);
        eprintln!(
            "{version}: {} commands, {} parsed; {} outputs, {} read",
            counts.commands, counts.commands_parsed, counts.outputs, counts.outputs_read
        );
        let unparsable: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::UnparsableExampleCommand)
            .map(|d| d.to_string())
            .collect();
        assert!(unparsable.is_empty(), "{version}: {unparsable:#?}");
        assert_eq!(counts.commands_parsed, counts.commands, "{version}");
    }
}

/// The Markdown rendering gives the same example commands and outputs as the AsciiDoc source,
/// and every one is read.
#[test]
fn markdown_3_18_examples_match_the_asciidoc_ones() {
    let Some(docs) = integration_tests::shared_docs() else {
        return;
    };
    let mut counts = Vec::new();
    for path in [
        docs.join("adoc").join("3.18"),
        docs.join("markdown").join("3.18.md"),
    ] {
        let mut spec = parse_path(&path, InputFormat::Auto).expect("parses").spec;
        let enrichment = examples::enrich::enrich_spec(&mut spec, None).expect("no guide to read");
        let reference = enrichment.reference;
        assert_eq!(
            reference.commands_parsed,
            reference.commands,
            "{}",
            path.display()
        );
        assert_eq!(
            reference.outputs_read,
            reference.outputs,
            "{}",
            path.display()
        );
        counts.push((reference, enrichment.schemas.operations_with_schema));
    }
    assert_eq!(counts[0], counts[1]);
}
