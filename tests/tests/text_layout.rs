//! The emitter writes most items as text in prettyplease's layout instead of formatting token
//! streams (see `generator::emit::rust_text`). This proves the layout for every docs version: each
//! item it did not leave to prettyplease is exactly what prettyplease prints of it. A version
//! whose names are longer or whose bodies are shaped otherwise than the committed spec's would
//! show a layout rule the writer gets wrong.

use generator::emit::{self, EmitOptions};
use generator::pipeline::{build_spec, Inputs};
use generator::spec::Spec;
use integration_tests::{project_root, shared_docs, ADOC_VERSIONS};

/// Examples no overlay has reviewed are left out, as `generate --no-overlay` does.
const UNREVIEWED: EmitOptions = EmitOptions {
    skip_unexplained_examples: true,
};

fn mismatches(label: &str, spec: &Spec, options: EmitOptions) -> Vec<String> {
    match emit::layout_mismatches(spec, options) {
        Ok(found) => found.into_iter().map(|m| format!("{label}: {m}")).collect(),
        Err(err) => vec![format!("{label}: {err}")],
    }
}

#[test]
fn the_committed_spec_s_text_is_laid_out_as_prettyplease_lays_it_out() {
    let text = std::fs::read_to_string(project_root().join("spec/quay-api.json"))
        .expect("the committed spec is readable");
    let spec = Spec::from_json(&text).expect("the committed spec reads");
    let found = mismatches("spec/quay-api.json", &spec, EmitOptions::default());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_docs_version_s_text_is_laid_out_as_prettyplease_lays_it_out() {
    let Some(docs) = shared_docs() else { return };
    let mut found = Vec::new();
    for (version, _) in ADOC_VERSIONS {
        let mut inputs = Inputs::docs(docs.join("adoc").join(version));
        inputs.guide = Some(docs.join("guide/3.18"));
        match build_spec(&inputs) {
            Ok(built) => found.extend(mismatches(version, &built.spec, UNREVIEWED)),
            Err(err) => found.push(format!("{version}: {err}")),
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
