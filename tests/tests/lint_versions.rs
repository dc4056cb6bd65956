//! The lint over every AsciiDoc version in `../shared`: each version's full report (findings and
//! counts by kind) is an insta snapshot, so a docs change or a lint change shows in review.

use generator::frontend::adoc;
use generator::lint;
use integration_tests::{shared_docs, ADOC_VERSIONS};

#[test]
fn lint_report_of_every_version() {
    let Some(docs) = shared_docs() else { return };
    for (version, _) in ADOC_VERSIONS {
        let parsed = adoc::parse(&docs.join("adoc").join(version))
            .unwrap_or_else(|err| panic!("{version}: {err}"));
        let report = lint::lint(&parsed);
        assert_eq!(report.errors(), 0, "{version}: the lint found errors");
        let counted: usize = report.summary.values().sum();
        assert_eq!(
            counted,
            report.diagnostics.len(),
            "{version}: summary disagrees with findings"
        );
        insta::assert_snapshot!(
            format!("lint_{}", version.replace('.', "_")),
            report.to_text()
        );
    }
}
