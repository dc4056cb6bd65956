//! The lint over every AsciiDoc version in `../shared`: each version's full report (findings and
//! counts by kind) is an insta snapshot, so a docs change or a lint change shows in review.
//! 3.18 is linted with its API guide, so unmatched guide commands and unreadable outputs show too.

use generator::lint;
use generator::pipeline::{self, Inputs, COMMITTED_VERSION};
use integration_tests::{shared_docs, ADOC_VERSIONS};

#[test]
fn lint_report_of_every_version() {
    let Some(docs) = shared_docs() else { return };
    for (version, _) in ADOC_VERSIONS {
        let guide = docs.join("guide").join(version);
        let inputs = Inputs {
            guide: (version == COMMITTED_VERSION).then_some(guide),
            ..Inputs::docs(docs.join("adoc").join(version))
        };
        let built = pipeline::build_spec(&inputs).unwrap_or_else(|err| panic!("{version}: {err}"));
        let report = lint::lint(&built.spec, &built.diagnostics);
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
