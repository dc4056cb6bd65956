//! Example commands as test vectors, for every AsciiDoc version in `../shared`: each example is
//! checked against its own entry with the rules the emitter uses for `tests/examples.rs`
//! (`generator::examples::vectors`). The counts are printed and each version's list of examples
//! that do not match, with what differs, is an insta snapshot. 3.18 is built as the committed
//! spec is (guide and overlay), so every mismatch there must carry a recorded exception.

use generator::examples::vectors::{self, Verdict};
use generator::pipeline::{self, Inputs, COMMITTED_VERSION};
use integration_tests::{project_root, shared_docs, ADOC_VERSIONS};

#[test]
fn examples_of_every_version_against_their_entries() {
    let Some(docs) = shared_docs() else { return };
    for (version, _) in ADOC_VERSIONS {
        let inputs = if version == COMMITTED_VERSION {
            Inputs::committed(&docs, &project_root())
        } else {
            Inputs::docs(docs.join("adoc").join(version))
        };
        let built = pipeline::build_spec(&inputs).unwrap_or_else(|err| panic!("{version}: {err}"));
        let verdicts = vectors::review(&built.spec);
        let counts = vectors::counts(&verdicts);
        println!("{version}: {counts}");
        if version == COMMITTED_VERSION {
            assert!(counts.matching > 150, "{version}: {counts}");
            assert_eq!(counts.unexplained, 0, "{version}: {counts}");
            assert!(
                counts.excepted > 0,
                "{version}: the overlay's exceptions were not applied"
            );
        }
        insta::assert_snapshot!(
            format!("vectors_{}", version.replace('.', "_")),
            report(&counts.to_string(), &verdicts)
        );
    }
}

/// The counts, then one line per mismatch of each example that does not match, with the
/// exception's reason where one is recorded.
fn report(counts: &str, verdicts: &[Verdict<'_>]) -> String {
    let mut text = format!("{counts}\n");
    for verdict in verdicts.iter().filter(|v| !v.matches()) {
        for mismatch in &verdict.mismatches {
            let exception = verdict
                .example
                .exceptions
                .iter()
                .find(|e| e.what == mismatch.aspect)
                .map_or(String::new(), |e| format!(" [exception: {}]", e.reason));
            text.push_str(&format!(
                "{} ({}) {}: {}{exception}\n",
                verdict.example.location, verdict.operation.name, mismatch.aspect, mismatch.message
            ));
        }
    }
    text
}
