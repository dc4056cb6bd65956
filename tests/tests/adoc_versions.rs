//! Every AsciiDoc version in `../shared/quay-docs/adoc/` parses with zero errors and exactly the
//! documented number of operations. Each version's warnings are an insta snapshot, so that any
//! change in them shows in review.

use generator::diagnostics::Diagnostic;
use generator::frontend::adoc;
use integration_tests::{shared_docs, ADOC_VERSIONS};

/// The warnings of one version, one per line in the order the parser reports them.
fn warning_lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| format!("{d}\n"))
        .collect()
}

#[test]
fn every_adoc_version_parses_with_the_documented_counts() {
    let Some(docs) = shared_docs() else { return };
    let mut failures = Vec::new();
    for (version, expected) in ADOC_VERSIONS {
        let tree = docs.join("adoc").join(version);
        let parsed = match adoc::parse(&tree) {
            Ok(parsed) => parsed,
            Err(err) => {
                failures.push(format!("{version}: {err}"));
                continue;
            }
        };
        let errors: Vec<String> = parsed.errors().map(ToString::to_string).collect();
        if !errors.is_empty() {
            failures.push(format!(
                "{version}: {} error(s):\n  {}",
                errors.len(),
                errors.join("\n  ")
            ));
        }
        let found = parsed.spec.operations.len();
        if found != expected {
            failures.push(format!(
                "{version}: {found} operations, expected {expected}"
            ));
        }
        if parsed.spec.source.docs_version.as_deref() != Some(version) {
            failures.push(format!(
                "{version}: docs version read as {:?}",
                parsed.spec.source.docs_version
            ));
        }
        insta::assert_snapshot!(
            format!("warnings_{}", version.replace('.', "_")),
            warning_lines(&parsed.diagnostics)
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
