//! `tests/examples.rs`: every example command of the docs replayed through the generated client.
//!
//! Each example that [`vectors`] finds matching its entry becomes one call of the client with the
//! example's values (path segments, query values, body keys through the body struct's typed
//! fields) and one row of `VECTORS`: what the recorded request must look like (method, path with
//! the example's placeholders as one-segment wildcards, query keys, body keys with their JSON
//! types). The comparison itself is hand-written in `tests/example_vectors/mod.rs`. Examples
//! with a recorded exception are listed with their reasons; an example that differs without
//! one cannot be emitted, so [`EmitError::UnexplainedExample`] names it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::model::{ident, ClientModel, OperationModel, ParamModel, PathPart, RustType};
use super::samples;
use super::EmitError;
use crate::examples::vectors::{self, is_placeholder, PathBinding, REPOSITORY_PARAM};
use crate::spec::{ExampleRequest, Operation};

/// The generated file's path in the crate.
pub const PATH: &str = "tests/examples.rs";

/// The tokens of `tests/examples.rs`, or every example that differs with no exception. With
/// `skip_unexplained`, such examples are left out instead (not replayed, not counted).
pub fn tokens(model: &ClientModel<'_>, skip_unexplained: bool) -> Result<TokenStream, EmitError> {
    let mut verdicts = vectors::review(model.spec);
    if skip_unexplained {
        verdicts.retain(|verdict| verdict.unexplained().is_empty());
    }
    let mut rows = Vec::new();
    let mut arms = Vec::new();
    let mut exceptions = Vec::new();
    let unexplained: Vec<String> = verdicts
        .iter()
        .flat_map(|verdict| verdict.describe_unexplained())
        .collect();
    if !unexplained.is_empty() {
        return Err(EmitError::UnexplainedExample(unexplained.join("\n  ")));
    }
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
        let index = Literal::usize_unsuffixed(rows.len());
        rows.push(case.row(verdict.operation, &verdict.example.location.to_string()));
        let call = case.call;
        arms.push(quote!(#index => { let _ = #call.send().await; }));
    }
    let examples = Literal::usize_unsuffixed(verdicts.len());
    // With no vectors the client is not used (an unused argument would warn).
    let client = if arms.is_empty() {
        quote!(_client)
    } else {
        quote!(client)
    };
    Ok(quote! {
        //! Every example command of the docs, replayed through the client against a loopback
        //! server: the recorded request must have the example's method, path (its placeholders
        //! match any one segment), query keys, and body keys with the example's JSON types.
        //! Examples that cannot be replayed are listed in `EXCEPTIONS` with the overlay's reason.
        mod example_vectors;
        use example_vectors::{Exception, Vector};
        use quay_client::Client;
        /// Example commands in the spec, replayed or not.
        const EXAMPLES: usize = #examples;
        /// Examples the overlay records as wrong in the docs: operation, example, reason.
        const EXCEPTIONS: &[Exception] = &[#(#exceptions),*];
        /// What each replayed example's request must look like.
        const VECTORS: &[Vector] = &[#(#rows),*];
        /// Sends the request of `VECTORS[index]`; the answer does not matter.
        async fn send(#client: &Client, index: usize) {
            match index {
                #(#arms)*
                _ => panic!("no example vector {index}"),
            }
        }
        #[tokio::test]
        async fn examples_replay_through_the_client() {
            example_vectors::replay(EXAMPLES, EXCEPTIONS, VECTORS, |client, index| {
                Box::pin(async move { send(&client, index).await })
            })
            .await;
        }
    })
}

fn exception_row(verdict: &vectors::Verdict<'_>) -> TokenStream {
    let operation = &verdict.operation.name;
    let example = verdict.example.location.to_string();
    let reasons: Vec<String> = verdict
        .example
        .exceptions
        .iter()
        .map(|e| format!("{}: {}", e.what, e.reason))
        .collect();
    let reason = reasons.join("; ");
    quote!(Exception { operation: #operation, example: #example, reason: #reason })
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
    call: TokenStream,
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
        let mut args: Vec<TokenStream> = op
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
                        .map(|item| body_argument(model, name, Some(item)));
                    quote!(vec![#(#items),*])
                }
                (true, other) => {
                    let item = body_argument(model, name, other);
                    quote!(vec![#item])
                }
                (false, body) => body_argument(model, name, body),
            });
        }
        let setters = op
            .optional_query
            .iter()
            .filter(|param| request.query.iter().any(|(key, _)| *key == param.wire))
            .map(|param| {
                let setter = ident(&param.ident);
                let value = query_argument(param, values_of(request, &param.wire));
                quote!(.#setter(#value))
            });
        let module = ident(group);
        let method = ident(&op.method_name);
        let mut query_keys: Vec<String> = request.query.iter().map(|(k, _)| k.clone()).collect();
        query_keys.sort();
        query_keys.dedup();
        Some(Case {
            call: quote!(client.#module().#method(#(#args),*) #(#setters)*),
            path: expected_path(op, &bindings),
            query_keys,
            body: request.body.as_ref().map(Value::to_string),
        })
    }

    fn row(&self, operation: &Operation, example: &str) -> TokenStream {
        let name = &operation.name;
        let method = operation.method.as_str();
        let path = &self.path;
        let query = &self.query_keys;
        let body = match &self.body {
            Some(text) => quote!(Some(#text)),
            None => quote!(None),
        };
        quote!(Vector {
            operation: #name,
            example: #example,
            method: #method,
            path: #path,
            query_keys: &[#(#query),*],
            body: #body,
        })
    }
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

fn path_argument(param: &ParamModel, binding: Option<&PathBinding>) -> TokenStream {
    let Some(binding) = binding else {
        return samples::tokens(&samples::path_value(param).0);
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
        return quote!(#value);
    }
    let text = texts.join("/");
    scalar_from_text(&param.ty, &text)
        .unwrap_or_else(|| samples::tokens(&samples::path_value(param).0))
}

/// A path or query text as a literal of a scalar type; `None` when it is not one (placeholders).
fn scalar_from_text(ty: &RustType, text: &str) -> Option<TokenStream> {
    match ty {
        RustType::String => Some(quote!(#text)),
        RustType::Integer => text.parse::<i64>().ok().map(|n| {
            let n = Literal::i64_unsuffixed(n);
            quote!(#n)
        }),
        RustType::Number => text.parse::<f64>().ok().filter(|f| f.is_finite()).map(|f| {
            let f = Literal::f64_unsuffixed(f);
            quote!(#f)
        }),
        RustType::Boolean => text.parse::<bool>().ok().map(|b| quote!(#b)),
        _ => None,
    }
}

fn query_argument(param: &ParamModel, values: Vec<&str>) -> TokenStream {
    let typed = match &param.ty {
        RustType::List(items) => values
            .iter()
            .map(|text| {
                scalar_from_text(items, text).map(|t| match **items {
                    RustType::String => quote!(#t.to_string()),
                    _ => t,
                })
            })
            .collect::<Option<Vec<_>>>()
            .map(|items| quote!(vec![#(#items),*])),
        ty => values.last().and_then(|text| scalar_from_text(ty, text)),
    };
    typed.unwrap_or_else(|| samples::tokens(&samples::query_value(param).0))
}

/// The body struct built with every example key set through its field; required fields the
/// example leaves out get sample values.
fn body_argument(model: &ClientModel<'_>, name: &str, example: Option<&Value>) -> TokenStream {
    let ty = ident(name);
    let Some(def) = model.struct_named(name) else {
        return quote!(quay_client::models::#ty::default());
    };
    let keys = example.and_then(Value::as_object);
    let value_of = |wire: &str| keys.and_then(|k| k.get(wire));
    let new_args = def
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| match value_of(&f.wire) {
            Some(value) => typed_value(model, &f.ty, &f.wire, value),
            None => samples::field_value(model, &f.ty, &f.wire, 0).0,
        });
    let setters = def.fields.iter().filter(|f| !f.required).filter_map(|f| {
        let value = typed_value(model, &f.ty, &f.wire, value_of(&f.wire)?);
        let setter = ident(&f.ident);
        Some(quote!(.#setter(#value)))
    });
    quote!(quay_client::models::#ty::new(#(#new_args),*) #(#setters)*)
}

/// An example's JSON value as an argument of the field's type; a placeholder gets a sample.
fn typed_value(model: &ClientModel<'_>, ty: &RustType, wire: &str, value: &Value) -> TokenStream {
    let placeholder = value.as_str().is_some_and(is_placeholder);
    let sample = || samples::field_value(model, ty, wire, 0).0;
    if placeholder && *ty != RustType::String {
        return sample();
    }
    match (ty, value) {
        (RustType::String, Value::String(text)) => quote!(#text),
        (RustType::Integer, Value::Number(n)) => n.as_i64().map_or_else(sample, |n| {
            let n = Literal::i64_unsuffixed(n);
            quote!(#n)
        }),
        (RustType::Number, Value::Number(n)) => n.as_f64().map_or_else(sample, |f| {
            let f = Literal::f64_unsuffixed(f);
            quote!(#f)
        }),
        (RustType::Boolean, Value::Bool(b)) => quote!(#b),
        // A value outside an enum's values cannot be sent through the client: a sample is.
        (RustType::Model(name), value)
            if model.enum_named(name).is_some_and(|e| {
                !e.variants
                    .iter()
                    .any(|v| value.as_str() == Some(v.wire.as_str()))
            }) =>
        {
            sample()
        }
        (RustType::List(items), Value::Array(values)) => {
            let items: Vec<TokenStream> = values
                .iter()
                .map(|v| match (&**items, typed_value(model, items, wire, v)) {
                    (RustType::String, t) => quote!(#t.to_string()),
                    (_, t) => t,
                })
                .collect();
            quote!(vec![#(#items),*])
        }
        (RustType::JsonMap | RustType::JsonValue | RustType::Model(_), _) => {
            let text = value.to_string();
            let ty = match ty {
                RustType::Model(name) => {
                    let name = ident(name);
                    quote!(quay_client::models::#name)
                }
                other => other.tokens(),
            };
            quote!(serde_json::from_str::<#ty>(#text).expect("the example's JSON"))
        }
        _ => sample(),
    }
}
