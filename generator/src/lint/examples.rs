//! Example commands that disagree with their own entry: another method, another path, body keys
//! the body table does not list, query parameters the entry does not document. The example is
//! the docs' second statement of the same request, so a disagreement means one of them is wrong.

use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::examples::matching::path_fits;
use crate::spec::{Example, ExampleRequest, Operation, Spec};

pub(super) fn check_examples(spec: &Spec, out: &mut Vec<Diagnostic>) {
    for op in &spec.operations {
        for example in &op.examples {
            if let Some(request) = &example.request {
                check_one(op, example, request, out);
            }
        }
    }
}

fn check_one(
    op: &Operation,
    example: &Example,
    request: &ExampleRequest,
    out: &mut Vec<Diagnostic>,
) {
    let mut report = |kind: DiagnosticKind, message: String| {
        out.push(
            Diagnostic::warning(kind, example.location.clone(), message).for_operation(&op.name),
        );
    };
    if request.method != op.method {
        report(
            DiagnosticKind::ExampleMethodMismatch,
            format!(
                "the example command uses {} but the entry is {} {}",
                request.method, op.method, op.path
            ),
        );
    }
    if path_fits(&op.path, &request.path).is_none() {
        report(
            DiagnosticKind::ExamplePathMismatch,
            format!(
                "the example command calls {} which does not fit the entry's path {}",
                request.path, op.path
            ),
        );
    }
    let documented_body: BTreeSet<&str> = op
        .body
        .iter()
        .flat_map(|b| &b.fields)
        .map(|f| f.name.as_str())
        .collect();
    if let Some(serde_json::Value::Object(body)) = &request.body {
        for key in body.keys() {
            if !documented_body.contains(key.as_str()) {
                report(
                    DiagnosticKind::ExampleBodyKeyUndocumented,
                    format!(
                        "the example body sets `{key}`, which the entry's body table does not list"
                    ),
                );
            }
        }
    }
    let documented_query: BTreeSet<&str> =
        op.query_params.iter().map(|f| f.name.as_str()).collect();
    for (key, _) in &request.query {
        if !documented_query.contains(key.as_str()) {
            report(
                DiagnosticKind::ExampleQueryUndocumented,
                format!(
                    "the example passes query parameter `{key}`, which the entry does not document"
                ),
            );
        }
    }
}
