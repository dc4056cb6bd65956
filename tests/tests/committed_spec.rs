//! `spec/quay-api.json` is exactly what the pipeline makes of the 3.18 docs, guide, overlay and
//! version history today, and every operation in it names the version that added it.

use generator::pipeline::{self, Inputs};
use integration_tests::{project_root, shared_docs};

#[test]
fn committed_spec_matches_the_3_18_docs() {
    let Some(docs) = shared_docs() else { return };
    let parsed = match pipeline::build_spec(&Inputs::committed(&docs, &project_root())) {
        Ok(built) => built,
        Err(err) => panic!("building the spec from the 3.18 docs, guide and overlay failed: {err}"),
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
             `cargo xtask generate --docs ../shared/quay-docs/adoc/3.18`"
        );
    }
}

#[test]
fn every_committed_operation_names_the_quay_version_that_added_it() {
    let path = project_root().join("spec").join("quay-api.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let spec = generator::spec::Spec::from_json(&text).expect("the committed spec reads");
    let history = generator::history::History::read(&project_root().join("spec/history.json"))
        .expect("the committed history reads");
    let newest = history.newest().expect("the history names its versions");
    assert_eq!(spec.source.docs_version.as_deref(), Some(newest));
    let versions: Vec<&str> = history
        .versions
        .iter()
        .map(|v| v.version.as_str())
        .collect();
    for op in &spec.operations {
        let since = op
            .since
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no since", op.name));
        assert!(versions.contains(&since), "{}: {since}", op.name);
    }
}
