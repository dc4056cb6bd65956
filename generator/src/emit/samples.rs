//! Sample arguments for an operation, with the exact request they must produce: shared by the
//! conformance tests and the README example, so both exercise the real generated signatures.

use proc_macro2::TokenStream;
use serde_json::{json, Value};

use super::model::{ClientModel, OperationModel, ParamModel, PathPart, RustType};
use super::rust_text::{string_literal, Expr};

/// A call with sample arguments and what goes on the wire.
pub struct SampleCall {
    /// How many links of `chain` are the group and the method with its positional arguments.
    positional_links: usize,
    /// The calls after `client`, one per link of the chain: `.tag()`,
    /// `.list_repo_tags("ns/repo")`, `.page(2)`.
    pub links: Vec<Expr>,
    /// The same links as text, each as prettyplease prints it on one line.
    pub chain: Vec<String>,
    /// The percent-decoded path the server sees.
    pub path: String,
    /// Query pairs in the order they are sent.
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
}

pub fn call(model: &ClientModel<'_>, group_module: &str, op: &OperationModel<'_>) -> SampleCall {
    let mut args = Vec::new();
    let mut path = String::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) => path.push_str(text),
            PathPart::Param(index) => {
                let param = &op.path_params[*index];
                let (text, wire) = path_value(param);
                path.push_str(&wire);
                args.push((*index, text));
            }
        }
    }
    args.sort_by_key(|(index, _)| *index);
    let mut args: Vec<Expr> = args.into_iter().map(|(_, t)| Expr::atom(t)).collect();
    let mut query = Vec::new();
    for param in &op.required_query {
        let (text, wires) = query_value(param);
        args.push(Expr::atom(text));
        query.extend(wires.into_iter().map(|w| (param.wire.clone(), w)));
    }
    let mut body = None;
    if let Some(name) = &op.body {
        let (expr, value) = body_value(model, name);
        if op.body_array {
            // A macro: the writer does not break it, so a wide one goes to prettyplease.
            args.push(Expr::atom(format!("vec![{}]", expr.source())));
            body = Some(Value::Array(vec![value]));
        } else {
            args.push(expr);
            body = Some(value);
        }
    }
    let method = if args.is_empty() {
        Expr::atom(format!(".{}()", op.method_name))
    } else {
        Expr::call(format!(".{}", op.method_name), args)
    };
    let mut links = vec![Expr::atom(format!(".{group_module}()")), method];
    let positional_links = links.len();
    for param in &op.optional_query {
        let (text, wires) = query_value(param);
        links.push(Expr::atom(format!(".{}({text})", param.ident)));
        query.extend(wires.into_iter().map(|w| (param.wire.clone(), w)));
    }
    SampleCall {
        positional_links,
        chain: links.iter().map(Expr::source).collect(),
        links,
        path,
        query,
        body,
    }
}

impl SampleCall {
    /// `client.tag().list_repo_tags("ns/repo")` (without optional setters or `.send()`), as
    /// tokens.
    pub fn positional_call(&self) -> TokenStream {
        tokens(&format!(
            "client{}",
            self.chain[..self.positional_links].concat()
        ))
    }
}

/// Tokens of Rust this module wrote as text.
pub(super) fn tokens(text: &str) -> TokenStream {
    text.parse()
        .expect("sample calls are written from literals and names the model validated")
}

/// The argument as Rust text, and its text on the wire.
pub(super) fn path_value(param: &ParamModel) -> (String, String) {
    if param.wire == "repository" {
        let repository = "sample-ns/sample-repo";
        return (string_literal(repository), repository.into());
    }
    match param.ty {
        RustType::Integer => ("7".into(), "7".into()),
        RustType::Number => ("1.5".into(), "1.5".into()),
        RustType::Boolean => ("true".into(), "true".into()),
        _ => {
            let text = format!("sample-{}", param.wire.replace('_', "-"));
            (string_literal(&text), text)
        }
    }
}

/// The argument as Rust text, and the wire text of each pair it produces.
pub(super) fn query_value(param: &ParamModel) -> (String, Vec<String>) {
    match &param.ty {
        RustType::Integer => ("2".into(), vec!["2".into()]),
        RustType::Number => ("0.5".into(), vec!["0.5".into()]),
        RustType::Boolean => ("true".into(), vec!["true".into()]),
        RustType::List(items) => {
            let (one, wire) = query_item(items, &param.wire);
            (format!("vec![{one}]"), vec![wire])
        }
        _ => {
            let text = format!("q-{}", param.wire);
            (string_literal(&text), vec![text])
        }
    }
}

fn query_item(ty: &RustType, wire: &str) -> (String, String) {
    match ty {
        RustType::Integer => ("3".into(), "3".into()),
        RustType::Number => ("0.25".into(), "0.25".into()),
        RustType::Boolean => ("false".into(), "false".into()),
        _ => {
            let text = format!("item-{wire}");
            (format!("{}.to_string()", string_literal(&text)), text)
        }
    }
}

/// A body struct with every field set (`X::new(required).optional(value)`), and its JSON.
fn body_value(model: &ClientModel<'_>, name: &str) -> (Expr, Value) {
    let Some(def) = model.struct_named(name) else {
        return (
            Expr::atom(format!("quay_client::models::{name}::default()")),
            json!({}),
        );
    };
    let mut json = serde_json::Map::new();
    let mut new_args = Vec::new();
    let mut setters = Vec::new();
    // The JSON has the constructor's fields first, then the setters', as the calls set them.
    let (required, optional): (Vec<_>, Vec<_>) = def.fields.iter().partition(|f| f.required);
    for field in required.iter().chain(&optional) {
        let value = field_expr(model, &field.ty, &field.wire, 0);
        json.insert(
            field.wire.clone(),
            field_json(model, &field.ty, &field.wire, 0),
        );
        if field.required {
            new_args.push(value);
        } else {
            setters.push(Expr::call(format!(".{}", field.ident), vec![value]));
        }
    }
    let new = Expr::call(format!("quay_client::models::{name}::new"), new_args);
    let expr = if setters.is_empty() {
        new
    } else {
        Expr::chain(new, setters)
    };
    (expr, Value::Object(json))
}

/// A sample value of a field type as tokens (for the generated test) and as JSON.
pub fn field_value(
    model: &ClientModel<'_>,
    ty: &RustType,
    wire: &str,
    depth: usize,
) -> (TokenStream, Value) {
    (
        tokens(&field_text(model, ty, wire, depth)),
        field_json(model, ty, wire, depth),
    )
}

/// The Rust side of [`field_value`] as an expression to lay out: a sample model is decoded
/// from its JSON in a method chain, a map made from an array of one pair, so the writer can
/// break them; any other value is one piece.
pub(super) fn field_expr(model: &ClientModel<'_>, ty: &RustType, wire: &str, depth: usize) -> Expr {
    let from_pair = |callee: &str, value: String| {
        let pair = Expr::atom(format!("(\"key\".to_string(), {value})"));
        Expr::call(
            callee,
            vec![Expr::Array {
                prefix: "",
                elements: vec![pair],
            }],
        )
    };
    match ty {
        RustType::Model(name) => {
            let (call, expect) = sample_model(model, name, depth);
            Expr::chain(call, vec![expect])
        }
        RustType::Map(values) => from_pair(
            "std::collections::BTreeMap::from",
            owned(values, field_text(model, values, wire, depth + 1)),
        ),
        RustType::JsonMap => from_pair(
            "serde_json::Map::from_iter",
            "serde_json::json!(\"value\")".to_string(),
        ),
        _ => Expr::atom(field_text(model, ty, wire, depth)),
    }
}

/// `serde_json::from_str::<quay_client::models::X>("{json}")` and `.expect("sample model")`.
fn sample_model(model: &ClientModel<'_>, name: &str, depth: usize) -> (Expr, Expr) {
    let text = response_json(model, name, depth + 1).to_string();
    (
        Expr::call(
            format!("serde_json::from_str::<quay_client::models::{name}>"),
            vec![Expr::atom(string_literal(&text))],
        ),
        Expr::call(".expect", vec![Expr::atom("\"sample model\"")]),
    )
}

/// The Rust side of [`field_value`]: an expression that makes the value [`field_json`] gives,
/// as prettyplease prints it on one line.
fn field_text(model: &ClientModel<'_>, ty: &RustType, wire: &str, depth: usize) -> String {
    match ty {
        RustType::String => string_literal(&format!("value-{wire}")),
        RustType::Integer => "42".to_string(),
        RustType::Number => "2.5".to_string(),
        RustType::Boolean => "true".to_string(),
        RustType::List(items) => {
            format!(
                "vec![{}]",
                owned(items, field_text(model, items, wire, depth + 1))
            )
        }
        RustType::Nullable(inner) => format!("Some({})", field_text(model, inner, wire, depth)),
        // The values `field_expr` can break: their text is its expression on one line.
        RustType::Map(_) | RustType::JsonMap | RustType::Model(_) => {
            field_expr(model, ty, wire, depth).source()
        }
        // prettyplease prints a macro's tokens with a space between each.
        RustType::JsonValue => "serde_json::json!({ \"any\" : [1, \"two\"] })".to_string(),
    }
}

/// A string element of a collection is an owned `String`.
fn owned(ty: &RustType, item: String) -> String {
    match ty {
        RustType::String => format!("{item}.to_string()"),
        _ => item,
    }
}

/// The JSON of [`field_value`], alone where no Rust is wanted (the response samples: building
/// the Rust too, only to drop it, printed every nested model as a string literal as well).
pub fn field_json(model: &ClientModel<'_>, ty: &RustType, wire: &str, depth: usize) -> Value {
    match ty {
        RustType::String => json!(format!("value-{wire}")),
        RustType::Integer => json!(42),
        RustType::Number => json!(2.5),
        RustType::Boolean => json!(true),
        RustType::List(items) => Value::Array(vec![field_json(model, items, wire, depth + 1)]),
        RustType::Nullable(inner) => field_json(model, inner, wire, depth),
        RustType::Map(values) => Value::Object(serde_json::Map::from_iter([(
            "key".to_string(),
            field_json(model, values, wire, depth + 1),
        )])),
        RustType::JsonMap => json!({"key": "value"}),
        RustType::JsonValue => json!({"any": [1, "two"]}),
        RustType::Model(name) => response_json(model, name, depth + 1),
    }
}

/// A JSON object with every field of a model set, as a server would send it.
pub fn response_json(model: &ClientModel<'_>, name: &str, depth: usize) -> Value {
    if let Some(values) = model.enum_named(name) {
        return values
            .variants
            .first()
            .map_or(Value::Null, |v| json!(v.wire));
    }
    let Some(def) = model.struct_named(name) else {
        return json!({});
    };
    // Deep in (possibly recursive) definitions only the fields a decode needs are set.
    let deep = depth > 3;
    let fields = def
        .fields
        .iter()
        .filter(|f| !deep || f.required)
        .map(|f| (f.wire.clone(), field_json(model, &f.ty, &f.wire, depth)))
        .collect();
    Value::Object(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Spec;

    /// The Rust of a sample model makes the JSON the test expects: the string literal it decodes
    /// is that JSON, for every model-typed field of the committed spec at every depth.
    #[test]
    fn a_sample_model_decodes_the_json_of_its_value() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/quay-api.json");
        let text = std::fs::read_to_string(path).expect("the committed spec");
        let spec = Spec::from_json(&text).expect("a spec");
        let model = ClientModel::new(&spec);
        let mut compared = 0;
        for strukt in &model.structs {
            for field in &strukt.fields {
                let RustType::Model(_) = &field.ty else {
                    continue;
                };
                for depth in 0..6 {
                    let (tokens, value) = field_value(&model, &field.ty, &field.wire, depth);
                    let call: syn::ExprMethodCall = syn::parse2(tokens).expect("a call");
                    let syn::Expr::Call(from_str) = *call.receiver else {
                        panic!("serde_json::from_str(..) expected")
                    };
                    let Some(syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(literal),
                        ..
                    })) = from_str.args.first()
                    else {
                        panic!("a string literal expected")
                    };
                    let decoded: Value =
                        serde_json::from_str(&literal.value()).expect("JSON in the literal");
                    assert_eq!(
                        decoded, value,
                        "{}.{} at depth {depth}",
                        strukt.name, field.wire
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 100, "only {compared} fields compared");
    }
}
