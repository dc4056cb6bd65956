//! `spec/quay-api.json` is exactly what the parser makes of the 3.18 docs today.

use generator::frontend::adoc;
use integration_tests::{project_root, shared_docs};

#[test]
fn committed_spec_matches_the_3_18_docs() {
    let Some(docs) = shared_docs() else { return };
    let parsed = match adoc::parse(&docs.join("adoc").join("3.18")) {
        Ok(parsed) => parsed,
        Err(err) => panic!("parsing the 3.18 docs failed: {err}"),
    };
    let committed_path = project_root().join("spec").join("quay-api.json");
    let committed = std::fs::read_to_string(&committed_path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", committed_path.display()));
    let fresh = parsed.spec.to_json();
    if fresh != committed {
        let first_difference = fresh
            .lines()
            .zip(committed.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || "length differs".to_string(),
                |n| format!("first difference at line {}", n + 1),
            );
        panic!(
            "spec/quay-api.json is out of date ({first_difference}); regenerate it with \
             `cargo xtask parse --docs ../shared/quay-docs/adoc/3.18`"
        );
    }
}
