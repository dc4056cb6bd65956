//! Sample arguments for an operation, with the exact request they must produce: shared by the
//! conformance tests and the README example, so both exercise the real generated signatures.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Value};

use super::model::{
    ident, ClientModel, FieldModel, OperationModel, ParamModel, PathPart, RustType,
};

/// A call with sample arguments and what goes on the wire.
pub struct SampleCall {
    /// `client.tag().list_repo_tags("ns/repo").page(2)` (without `.send()`), as tokens.
    pub call: TokenStream,
    /// The same call with only its positional arguments (no optional setters).
    pub positional_call: TokenStream,
    /// The percent-decoded path the server sees.
    pub path: String,
    /// Query pairs in the order they are sent.
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
}

pub fn call(model: &ClientModel<'_>, group_module: &str, op: &OperationModel<'_>) -> SampleCall {
    let module = ident(group_module);
    let method = ident(&op.method_name);
    let mut args = Vec::new();
    let mut path = String::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) => path.push_str(text),
            PathPart::Param(index) => {
                let param = &op.path_params[*index];
                let (tokens, wire) = path_value(param);
                path.push_str(&wire);
                args.push((*index, tokens));
            }
        }
    }
    args.sort_by_key(|(index, _)| *index);
    let mut args: Vec<TokenStream> = args.into_iter().map(|(_, t)| t).collect();
    let mut query = Vec::new();
    for param in &op.required_query {
        let (tokens, wires) = query_value(param);
        args.push(tokens);
        query.extend(wires.into_iter().map(|w| (param.wire.clone(), w)));
    }
    let mut body = None;
    if let Some(name) = &op.body {
        let (tokens, value) = body_value(model, name);
        if op.body_array {
            args.push(quote!(vec![#tokens]));
            body = Some(json!([value]));
        } else {
            args.push(tokens);
            body = Some(value);
        }
    }
    let mut setters = Vec::new();
    for param in &op.optional_query {
        let (tokens, wires) = query_value(param);
        let setter = ident(&param.ident);
        setters.push(quote!(.#setter(#tokens)));
        query.extend(wires.into_iter().map(|w| (param.wire.clone(), w)));
    }
    SampleCall {
        call: quote!(client.#module().#method(#(#args),*) #(#setters)*),
        positional_call: quote!(client.#module().#method(#(#args),*)),
        path,
        query,
        body,
    }
}

pub(super) fn path_value(param: &ParamModel) -> (TokenStream, String) {
    if param.wire == "repository" {
        return (
            quote!("sample-ns/sample-repo"),
            "sample-ns/sample-repo".into(),
        );
    }
    match param.ty {
        RustType::Integer => (quote!(7), "7".into()),
        RustType::Number => (quote!(1.5), "1.5".into()),
        RustType::Boolean => (quote!(true), "true".into()),
        _ => {
            let text = format!("sample-{}", param.wire.replace('_', "-"));
            (quote!(#text), text)
        }
    }
}

/// Tokens of the argument and the wire text of each pair it produces.
pub(super) fn query_value(param: &ParamModel) -> (TokenStream, Vec<String>) {
    match &param.ty {
        RustType::Integer => (quote!(2), vec!["2".into()]),
        RustType::Number => (quote!(0.5), vec!["0.5".into()]),
        RustType::Boolean => (quote!(true), vec!["true".into()]),
        RustType::List(items) => {
            let (one, wire) = query_item(items, &param.wire);
            (quote!(vec![#one]), vec![wire])
        }
        _ => {
            let text = format!("q-{}", param.wire);
            (quote!(#text), vec![text])
        }
    }
}

fn query_item(ty: &RustType, wire: &str) -> (TokenStream, String) {
    match ty {
        RustType::Integer => (quote!(3), "3".into()),
        RustType::Number => (quote!(0.25), "0.25".into()),
        RustType::Boolean => (quote!(false), "false".into()),
        _ => {
            let text = format!("item-{wire}");
            (quote!(#text.to_string()), text)
        }
    }
}

/// A body struct with every field set, and its JSON.
fn body_value(model: &ClientModel<'_>, name: &str) -> (TokenStream, Value) {
    let ty = ident(name);
    let Some(def) = model.struct_named(name) else {
        return (quote!(quay_client::models::#ty::default()), json!({}));
    };
    let required: Vec<&FieldModel> = def.fields.iter().filter(|f| f.required).collect();
    let mut json = serde_json::Map::new();
    let new_args = required.iter().map(|f| {
        let (tokens, value) = field_value(model, &f.ty, &f.wire, 0);
        json.insert(f.wire.clone(), value);
        tokens
    });
    let new_args: Vec<TokenStream> = new_args.collect();
    let setters: Vec<TokenStream> = def
        .fields
        .iter()
        .filter(|f| !f.required)
        .map(|f| {
            let (tokens, value) = field_value(model, &f.ty, &f.wire, 0);
            json.insert(f.wire.clone(), value);
            let setter = ident(&f.ident);
            quote!(.#setter(#tokens))
        })
        .collect();
    (
        quote!(quay_client::models::#ty::new(#(#new_args),*) #(#setters)*),
        Value::Object(json),
    )
}

/// A sample value of a field type as tokens (for the generated test) and as JSON.
pub fn field_value(
    model: &ClientModel<'_>,
    ty: &RustType,
    wire: &str,
    depth: usize,
) -> (TokenStream, Value) {
    match ty {
        RustType::String => {
            let text = format!("value-{wire}");
            (quote!(#text), json!(text))
        }
        RustType::Integer => (quote!(42), json!(42)),
        RustType::Number => (quote!(2.5), json!(2.5)),
        RustType::Boolean => (quote!(true), json!(true)),
        RustType::List(items) => {
            let (item, value) = field_value(model, items, wire, depth + 1);
            let item = match **items {
                RustType::String => quote!(#item.to_string()),
                _ => item,
            };
            (quote!(vec![#item]), json!([value]))
        }
        RustType::Nullable(inner) => {
            let (item, value) = field_value(model, inner, wire, depth);
            (quote!(Some(#item)), value)
        }
        RustType::Map(values) => {
            let (item, value) = field_value(model, values, wire, depth + 1);
            let item = match **values {
                RustType::String => quote!(#item.to_string()),
                _ => item,
            };
            (
                quote!(std::collections::BTreeMap::from([("key".to_string(), #item)])),
                json!({ "key": value }),
            )
        }
        RustType::JsonMap => (
            quote!(serde_json::Map::from_iter([(
                "key".to_string(),
                serde_json::json!("value")
            )])),
            json!({"key": "value"}),
        ),
        RustType::JsonValue => (
            quote!(serde_json::json!({"any": [1, "two"]})),
            json!({"any": [1, "two"]}),
        ),
        RustType::Model(name) => {
            let value = response_json(model, name, depth + 1);
            let text = value.to_string();
            let ty = ident(name);
            (
                quote!(serde_json::from_str::<quay_client::models::#ty>(#text).expect("sample model")),
                value,
            )
        }
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
        .map(|f| (f.wire.clone(), field_value(model, &f.ty, &f.wire, depth).1))
        .collect();
    Value::Object(fields)
}
