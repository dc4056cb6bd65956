//! `tests/response_examples.rs`: every example output of the docs decoded into the typed response
//! of its operation and re-encoded without losing a value.
//!
//! Only the operation-to-type `match` depends on the spec; the outputs themselves are read at run
//! time from `../shared` through the generator crate (`examples::round_trip`), because the docs'
//! outputs must never be committed.

use super::model::{ClientModel, RustType};
use super::rust_text::{string_literal, Expr, RustText};

/// The helpers and tests that do not depend on the spec, in prettyplease's layout (the layout
/// test checks it). Its comments live here, since prettyplease drops comments:
/// - the plain-text chapters' outputs of operations this spec leaves untyped are not checked
///   (the chapters were written for one version, the spec may be another's);
/// - the observed answers are committed beside the spec (`spec/observed`); a spec built without
///   them need not fit them.
const HARNESS: &str = include_str!("../../templates/response_examples_harness.rs");

pub fn text(model: &ClientModel<'_>) -> RustText {
    let mut text = RustText::new();
    text.inner_doc_markdown(
        "Every example output of the docs (the reference's, the API guide's, and the plain-text \
         guide chapters in `../shared/seed`) decoded into the typed response of its operation and \
         re-encoded: no value may be lost. The outputs are read at run time from `../shared`; \
         without it the tests are skipped, and under `CI=true` they fail.",
    );
    let typed_from_examples = model
        .operations()
        .filter(|(_, op)| op.response_from_examples)
        .count();
    text.doc_markdown(
        "Operations whose response type is inferred from example outputs: their outputs must\n\
         decode.",
    );
    text.line(&format!(
        "const TYPED_FROM_EXAMPLES: usize = {typed_from_examples};"
    ));
    text.line("use std::path::{Path, PathBuf};");
    text.line("use quay_codegen::examples::round_trip::{self, ExampleOutput};");
    text.line("use quay_codegen::spec::Spec;");
    text.line("use serde_json::Value;");
    typed_decoding(&mut text, model);
    text.verbatim(HARNESS);
    text
}

/// `round_trip_typed`: the operation-to-type `match`. Without typed responses (docs without
/// example outputs) nothing is decoded, and the helpers that decode would be unused.
fn typed_decoding(text: &mut RustText, model: &ClientModel<'_>) {
    let typed: Vec<_> = model
        .operations()
        .filter(|(_, op)| op.response != RustType::JsonValue)
        .collect();
    let returns = " -> Option<Result<Value, serde_json::Error>> {";
    if typed.is_empty() {
        text.doc_markdown(
            "No operation of this spec has a typed response: every output stays JSON.",
        );
        text.signature(
            "fn round_trip_typed",
            &["_operation: &str".to_string(), "_value: Value".to_string()],
            returns,
        );
        text.line("None");
        text.close("}");
        return;
    }
    text.doc_markdown("The emitted types name `crate::models::..`.");
    text.open("mod models {");
    text.line("pub use quay_client::models::*;");
    text.close("}");
    text.signature(
        "fn via<T: serde::de::DeserializeOwned + serde::Serialize>",
        &["value: Value".to_string()],
        " -> Result<Value, serde_json::Error> {",
    );
    text.line("serde_json::to_value(serde_json::from_value::<T>(value)?)");
    text.close("}");
    text.doc_markdown(
        "Decodes `value` as the typed response of `operation` and encodes it again; `None` when\n\
         the operation's response is untyped JSON.",
    );
    text.signature(
        "fn round_trip_typed",
        &["operation: &str".to_string(), "value: Value".to_string()],
        returns,
    );
    text.open("let result = match operation {");
    for (_, op) in typed {
        let via = Expr::call(
            format!("via::<{}>", op.response.text()),
            vec![Expr::atom("value")],
        );
        text.arm(&string_literal(&op.op.name), &via);
    }
    text.line("_ => return None,");
    text.close("};");
    text.line("Some(result)");
    text.close("}");
}
