//! Every Markdown rendering in `../shared/quay-docs/markdown/` parses with the same number of
//! entries as the AsciiDoc source of that version, without errors; its warnings are snapshotted so
//! that a change in what the front-end reports is reviewed.

use generator::frontend::markdown;
use integration_tests::{shared_docs, ADOC_VERSIONS};

#[test]
fn every_version_parses_to_the_expected_entries_without_errors() {
    let Some(docs) = shared_docs() else { return };
    for (version, expected) in ADOC_VERSIONS {
        let path = docs.join("markdown").join(format!("{version}.md"));
        let parsed = markdown::parse_file(&path)
            .unwrap_or_else(|err| panic!("{version}: the Markdown rendering did not parse: {err}"));
        let errors: Vec<String> = parsed.errors().map(ToString::to_string).collect();
        assert!(
            errors.is_empty(),
            "{version}: errors:\n{}",
            errors.join("\n")
        );
        assert_eq!(
            parsed.spec.operations.len(),
            expected,
            "{version}: number of operations"
        );
        assert_eq!(parsed.spec.source.docs_version.as_deref(), Some(version));
        assert_eq!(parsed.spec.source.files, vec![format!("{version}.md")]);
        // 3.5 has no Definitions section: its response models are JSON text.
        assert!(
            version == "3.5" || parsed.spec.definitions.iter().any(|d| d.name == "ApiError"),
            "{version}: the Definitions section is read"
        );
        for op in &parsed.spec.operations {
            assert!(
                parsed.spec.groups.iter().any(|g| g.name == op.group),
                "{version}: {} is in group `{}`, which is not among the groups",
                op.name,
                op.group
            );
        }

        let warnings: Vec<String> = parsed.warnings().map(ToString::to_string).collect();
        insta::assert_snapshot!(format!("markdown_warnings_{version}"), warnings.join("\n"));
    }
}
