//! `tests/examples.rs`: every example command of the docs replayed through the generated client.
//!
//! Each example that [`vectors`] finds matching its entry becomes one call of the client with the
//! example's values (path segments, query values, body keys through the body struct's typed
//! fields) and one row of `VECTORS`: what the recorded request must look like (method, path with
//! the example's placeholders as one-segment wildcards, query keys, body keys with their JSON
//! types). The comparison itself is hand-written in `tests/example_vectors/mod.rs`. Examples
//! with a recorded exception are listed with their reasons; an example that differs without
//! one cannot be emitted, so [`EmitError::UnexplainedExample`] names it.

use proc_macro2::Literal;
use serde_json::Value;

use super::model::{ClientModel, OperationModel, ParamModel, PathPart, RustType};
use super::rust_text::{string_literal, Expr, RustText};
use super::samples;
use super::EmitError;
use crate::examples::vectors::{self, is_placeholder, PathBinding, REPOSITORY_PARAM};
use crate::spec::{ExampleRequest, Operation};

/// The generated file's path in the crate.
pub const PATH: &str = "tests/examples.rs";

/// The test that replays every vector; it does not depend on the spec.
const REPLAY_TEST: &str = include_str!("../../templates/example_replay_test.rs");

/// `tests/examples.rs` as text, or every example that differs with no exception. With
/// `skip_unexplained`, such examples are left out instead (not replayed, not counted).
pub fn text(model: &ClientModel<'_>, skip_unexplained: bool) -> Result<RustText, EmitError> {
    let mut verdicts = vectors::review(model.spec);
    if skip_unexplained {
        verdicts.retain(|verdict| verdict.unexplained().is_empty());
    }
    let unexplained: Vec<String> = verdicts
        .iter()
        .flat_map(|verdict| verdict.describe_unexplained())
        .collect();
    if !unexplained.is_empty() {
        return Err(EmitError::UnexplainedExample(unexplained.join("\n  ")));
    }
    let mut rows = Vec::new();
    let mut cases = Vec::new();
    let mut exceptions = Vec::new();
    for verdict in &verdicts {
        if !verdict.matches() {
            exceptions.push(exception_row(verdict));
            continue;
        }
        let (Some(request), Some((group, op))) = (
            &verdict.example.request,
            operation_model(model, verdict.operation),
        ) else {
            continue;
        };
        let Some(case) = Case::new(model, group, op, request) else {
            continue;
        };
        rows.push(case.row(verdict.operation, &verdict.example.location.to_string()));
        cases.push(case);
    }
    let mut text = RustText::new();
    text.inner_doc_markdown(
        "Every example command of the docs, replayed through the client against a loopback\n\
         server: the recorded request must have the example's method, path (its placeholders\n\
         match any one segment), query keys, and body keys with the example's JSON types.\n\
         Examples that cannot be replayed are listed in `EXCEPTIONS` with the overlay's reason.",
    );
    text.line("mod example_vectors;");
    text.line("use example_vectors::{Exception, Vector};");
    text.line("use quay_client::Client;");
    text.doc_markdown("Example commands in the spec, replayed or not.");
    text.line(&format!("const EXAMPLES: usize = {};", verdicts.len()));
    text.doc_markdown(
        "Examples the overlay records as wrong in the docs: operation, example, reason.",
    );
    let list = |elements| Expr::Array {
        prefix: "&",
        elements,
    };
    text.statement("const EXCEPTIONS: &[Exception] = ", &list(exceptions), ";");
    text.doc_markdown("What each replayed example's request must look like.");
    text.statement("const VECTORS: &[Vector] = ", &list(rows), ";");
    text.doc_markdown("Sends the request of `VECTORS[index]`; the answer does not matter.");
    // With no vectors the client is not used (an unused argument would warn).
    let client = if cases.is_empty() {
        "_client"
    } else {
        "client"
    };
    text.open(&format!(
        "async fn send({client}: &Client, index: usize) {{"
    ));
    text.open("match index {");
    for (index, case) in cases.iter().enumerate() {
        text.open(&format!("{index} => {{"));
        text.statement("let _ = ", &case.call, ";");
        text.close("}");
    }
    text.line("_ => panic!(\"no example vector {index}\"),");
    text.close("}");
    text.close("}");
    text.verbatim(REPLAY_TEST);
    Ok(text)
}

fn literal(text: &str) -> Expr {
    Expr::atom(string_literal(text))
}

fn exception_row(verdict: &vectors::Verdict<'_>) -> Expr {
    let reasons: Vec<String> = verdict
        .example
        .exceptions
        .iter()
        .map(|e| format!("{}: {}", e.what, e.reason))
        .collect();
    Expr::Struct {
        prefix: "",
        path: "Exception".to_string(),
        fields: vec![
            ("operation".to_string(), literal(&verdict.operation.name)),
            (
                "example".to_string(),
                literal(&verdict.example.location.to_string()),
            ),
            ("reason".to_string(), literal(&reasons.join("; "))),
        ],
    }
}

fn operation_model<'m, 's>(
    model: &'m ClientModel<'s>,
    operation: &Operation,
) -> Option<(&'m str, &'m OperationModel<'s>)> {
    model
        .operations()
        .find(|(_, op)| std::ptr::eq(op.op, operation))
        .map(|(group, op)| (group.module.as_str(), op))
}

/// One example as a client call and the request it must record.
struct Case {
    /// `client.group().method(args).setter(value).send().await`.
    call: Expr,
    path: String,
    query_keys: Vec<String>,
    body: Option<String>,
}

impl Case {
    fn new(
        model: &ClientModel<'_>,
        group: &str,
        op: &OperationModel<'_>,
        request: &ExampleRequest,
    ) -> Option<Case> {
        let bindings = vectors::bind_path(&op.op.path, &request.path)?;
        let mut args: Vec<Expr> = op
            .path_params
            .iter()
            .map(|param| path_argument(param, binding_of(&bindings, &param.wire)))
            .collect();
        for param in &op.required_query {
            args.push(query_argument(param, values_of(request, &param.wire)));
        }
        if let Some(name) = &op.body {
            args.push(match (op.body_array, request.body.as_ref()) {
                (true, Some(Value::Array(items))) => {
                    let items = items
                        .iter()
                        .map(|item| body_argument(model, name, Some(item)))
                        .collect();
                    vec_macro(items)
                }
                (true, other) => {
                    let item = body_argument(model, name, other);
                    vec_macro(vec![item])
                }
                (false, body) => body_argument(model, name, body),
            });
        }
        let mut links = vec![
            Expr::atom(format!(".{group}()")),
            Expr::call(format!(".{}", op.method_name), args),
        ];
        for param in &op.optional_query {
            if request.query.iter().any(|(key, _)| *key == param.wire) {
                let value = query_argument(param, values_of(request, &param.wire));
                links.push(Expr::call(format!(".{}", param.ident), vec![value]));
            }
        }
        links.extend([Expr::atom(".send()"), Expr::atom(".await")]);
        let mut query_keys: Vec<String> = request.query.iter().map(|(k, _)| k.clone()).collect();
        query_keys.sort();
        query_keys.dedup();
        Some(Case {
            call: Expr::chain(Expr::atom("client"), links),
            path: expected_path(op, &bindings),
            query_keys,
            body: request.body.as_ref().map(Value::to_string),
        })
    }

    fn row(&self, operation: &Operation, example: &str) -> Expr {
        let body = match &self.body {
            Some(text) => Expr::call("Some", vec![literal(text)]),
            None => Expr::atom("None"),
        };
        let query = self.query_keys.iter().map(|key| literal(key)).collect();
        let field = |name: &str, value: Expr| (name.to_string(), value);
        Expr::Struct {
            prefix: "",
            path: "Vector".to_string(),
            fields: vec![
                field("operation", literal(&operation.name)),
                field("example", literal(example)),
                field("method", literal(operation.method.as_str())),
                field("path", literal(&self.path)),
                field(
                    "query_keys",
                    Expr::Array {
                        prefix: "&",
                        elements: query,
                    },
                ),
                field("body", body),
            ],
        }
    }
}

/// `vec![items]`, a macro: one piece the writer does not break (a wide one goes to
/// prettyplease with its statement).
fn vec_macro(items: Vec<Expr>) -> Expr {
    let items: Vec<String> = items.iter().map(Expr::source).collect();
    Expr::atom(format!("vec![{}]", items.join(", ")))
}

/// A sample value of the generated tests, as the conformance tests write it.
fn sample_value(model: &ClientModel<'_>, ty: &RustType, wire: &str) -> Expr {
    samples::field_expr(model, ty, wire, 0)
}

fn binding_of<'b>(bindings: &'b [PathBinding], wire: &str) -> Option<&'b PathBinding> {
    bindings.iter().find(|b| b.param == wire)
}

fn values_of<'r>(request: &'r ExampleRequest, wire: &str) -> Vec<&'r str> {
    request
        .query
        .iter()
        .filter(|(key, _)| key == wire)
        .map(|(_, value)| value.as_str())
        .collect()
}

/// The path the server must see: literal segments of the template and of the example's values,
/// `*` where the example has a placeholder (a `{repository}` placeholder is two segments).
fn expected_path(op: &OperationModel<'_>, bindings: &[PathBinding]) -> String {
    let mut path = String::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) => path.push_str(text),
            PathPart::Param(index) => {
                let wire = &op.path_params[*index].wire;
                let segments = binding_of(bindings, wire).map_or(&[][..], |b| &b.segments[..]);
                let shown: Vec<&str> = segments
                    .iter()
                    .map(|s| if is_placeholder(s) { "*" } else { s.as_str() })
                    .collect();
                let repository_placeholder = wire == REPOSITORY_PARAM && shown == ["*"];
                path.push_str(&if repository_placeholder {
                    "*/*".to_string()
                } else {
                    shown.join("/")
                });
            }
        }
    }
    path
}

/// The text a placeholder stands for in a call: its name (`<namespace>` → `namespace`).
fn placeholder_text(segment: &str) -> String {
    if is_placeholder(segment) {
        segment[1..segment.len() - 1].to_string()
    } else {
        segment.to_string()
    }
}

fn path_argument(param: &ParamModel, binding: Option<&PathBinding>) -> Expr {
    let sample = || Expr::atom(samples::path_value(param).0);
    let Some(binding) = binding else {
        return sample();
    };
    let texts: Vec<String> = binding
        .segments
        .iter()
        .map(|s| placeholder_text(s))
        .collect();
    if param.wire == REPOSITORY_PARAM {
        let value = match texts.as_slice() {
            [one] => format!("namespace/{one}"),
            _ => texts.join("/"),
        };
        return literal(&value);
    }
    scalar_from_text(&param.ty, &texts.join("/")).map_or_else(sample, Expr::atom)
}

/// A path or query text as a literal of a scalar type; `None` when it is not one (placeholders).
fn scalar_from_text(ty: &RustType, text: &str) -> Option<String> {
    match ty {
        RustType::String => Some(string_literal(text)),
        RustType::Integer => text
            .parse::<i64>()
            .ok()
            .map(|n| Literal::i64_unsuffixed(n).to_string()),
        RustType::Number => text
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(|f| Literal::f64_unsuffixed(f).to_string()),
        RustType::Boolean => text.parse::<bool>().ok().map(|b| b.to_string()),
        _ => None,
    }
}

fn query_argument(param: &ParamModel, values: Vec<&str>) -> Expr {
    let typed = match &param.ty {
        RustType::List(items) => values
            .iter()
            .map(|text| {
                scalar_from_text(items, text).map(|t| match **items {
                    RustType::String => Expr::atom(format!("{t}.to_string()")),
                    _ => Expr::atom(t),
                })
            })
            .collect::<Option<Vec<_>>>()
            .map(vec_macro),
        ty => values
            .last()
            .and_then(|text| scalar_from_text(ty, text))
            .map(Expr::atom),
    };
    typed.unwrap_or_else(|| Expr::atom(samples::query_value(param).0))
}

/// The body struct built with every example key set through its field; required fields the
/// example leaves out get sample values.
fn body_argument(model: &ClientModel<'_>, name: &str, example: Option<&Value>) -> Expr {
    let Some(def) = model.struct_named(name) else {
        return Expr::atom(format!("quay_client::models::{name}::default()"));
    };
    let keys = example.and_then(Value::as_object);
    let value_of = |wire: &str| keys.and_then(|k| k.get(wire));
    let mut new_args = Vec::new();
    for f in def.fields.iter().filter(|f| f.required) {
        new_args.push(match value_of(&f.wire) {
            Some(value) => typed_value(model, &f.ty, &f.wire, value),
            None => sample_value(model, &f.ty, &f.wire),
        });
    }
    let mut setters = Vec::new();
    for f in def.fields.iter().filter(|f| !f.required) {
        if let Some(value) = value_of(&f.wire) {
            let value = typed_value(model, &f.ty, &f.wire, value);
            setters.push(Expr::call(format!(".{}", f.ident), vec![value]));
        }
    }
    let new = Expr::call(format!("quay_client::models::{name}::new"), new_args);
    if setters.is_empty() {
        new
    } else {
        Expr::chain(new, setters)
    }
}

/// An example's JSON value as an argument of the field's type; a placeholder gets a sample.
fn typed_value(model: &ClientModel<'_>, ty: &RustType, wire: &str, value: &Value) -> Expr {
    let placeholder = value.as_str().is_some_and(is_placeholder);
    if placeholder && *ty != RustType::String {
        return sample_value(model, ty, wire);
    }
    match (ty, value) {
        (RustType::String, Value::String(text)) => literal(text),
        (RustType::Integer, Value::Number(n)) => match n.as_i64() {
            Some(n) => Expr::atom(Literal::i64_unsuffixed(n).to_string()),
            None => sample_value(model, ty, wire),
        },
        (RustType::Number, Value::Number(n)) => match n.as_f64() {
            Some(f) => Expr::atom(Literal::f64_unsuffixed(f).to_string()),
            None => sample_value(model, ty, wire),
        },
        (RustType::Boolean, Value::Bool(b)) => Expr::atom(b.to_string()),
        // A value outside an enum's values cannot be sent through the client: a sample is.
        (RustType::Model(name), value)
            if model.enum_named(name).is_some_and(|e| {
                !e.variants
                    .iter()
                    .any(|v| value.as_str() == Some(v.wire.as_str()))
            }) =>
        {
            sample_value(model, ty, wire)
        }
        (RustType::List(items), Value::Array(values)) => {
            let items = values
                .iter()
                .map(|v| match (&**items, typed_value(model, items, wire, v)) {
                    (RustType::String, t) => Expr::atom(format!("{}.to_string()", t.source())),
                    (_, t) => t,
                })
                .collect();
            vec_macro(items)
        }
        (RustType::JsonMap | RustType::JsonValue | RustType::Model(_), _) => {
            let ty = match ty {
                RustType::Model(name) => format!("quay_client::models::{name}"),
                other => other.text(),
            };
            Expr::chain(
                Expr::call(
                    format!("serde_json::from_str::<{ty}>"),
                    vec![literal(&value.to_string())],
                ),
                vec![Expr::call(".expect", vec![literal("the example's JSON")])],
            )
        }
        _ => sample_value(model, ty, wire),
    }
}
