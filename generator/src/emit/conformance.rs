//! `tests/operations.rs`: one wiremock test per operation, derived from the spec, so coverage is
//! every operation and stays so when the docs grow. Each test calls the operation with sample
//! arguments and asserts method, path, exact query, JSON body and Authorization header, and that
//! the 2xx body decodes.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Value};

use super::model::{ident, ClientModel, GroupModel, OperationModel, Pagination, RustType};
use super::naming::Namespace;
use super::rust_file::inner_doc_markdown;
use super::samples;

pub fn tokens(model: &ClientModel<'_>) -> TokenStream {
    let module_doc = inner_doc_markdown(
        "Conformance of every documented operation against a loopback HTTP server: method, path, \
         query, JSON body, Authorization header, and decoding of the 2xx body.",
    );
    let mut names = Namespace::default();
    let mut tests: Vec<TokenStream> = Vec::new();
    for (group, op) in model.operations() {
        tests.push(operation_test(model, group, op, &mut names));
        if let Some(pagination) = op.pagination {
            tests.push(pages_test(model, group, op, pagination, &mut names));
        }
    }
    let stream_ext = model
        .operations()
        .any(|(_, op)| op.pagination.is_some())
        .then(|| {
            quote!(
                use futures_util::StreamExt;
            )
        });
    quote! {
        #module_doc
        #stream_ext
        use quay_client::Client;
        use wiremock::matchers::{body_json, header, method, path};
        use wiremock::{Mock, MockServer, Request, ResponseTemplate};

        const TOKEN: &str = "conformance-token";

        fn client_for(server: &MockServer) -> Client {
            Client::builder()
                .base_url(server.uri())
                .bearer_token(TOKEN)
                .build()
                .expect("a client for the mock server")
        }

        /// Matches when the query pairs are exactly `expected`, in order.
        fn exact_query(expected: &'static [(&'static str, &'static str)]) -> impl Fn(&Request) -> bool {
            move |request: &Request| {
                let pairs: Vec<(String, String)> = request
                    .url
                    .query_pairs()
                    .map(|(name, value)| (name.into_owned(), value.into_owned()))
                    .collect();
                pairs.len() == expected.len()
                    && pairs.iter().zip(expected).all(|((n, v), (en, ev))| n == en && v == ev)
            }
        }

        #(#tests)*
    }
}

fn operation_test(
    model: &ClientModel<'_>,
    group: &GroupModel<'_>,
    op: &OperationModel<'_>,
    names: &mut Namespace,
) -> TokenStream {
    let test_name = ident(&names.snake(&format!(
        "{}_{}",
        group.module.trim_start_matches("r#"),
        op.method_name.trim_start_matches("r#")
    )));
    let sample = samples::call(model, &group.module, op);
    let call = &sample.call;
    let http_method = op.op.method.as_str();
    let path = &sample.path;
    let query = sample.query.iter().map(|(n, v)| quote!((#n, #v)));
    let body_matcher = sample.body.as_ref().map(|body| {
        let text = body.to_string();
        quote!(.and(body_json(serde_json::from_str::<serde_json::Value>(#text).expect("sample body"))))
    });
    let status = success_status(op);
    let (respond, expected) = match response_body(model, op, status) {
        Some(body) => {
            let text = body.to_string();
            (
                quote!(ResponseTemplate::new(#status).set_body_raw(#text, "application/json")),
                quote!(serde_json::from_str::<serde_json::Value>(#text).expect("sample response")),
            )
        }
        None => (
            quote!(ResponseTemplate::new(#status)),
            quote!(serde_json::Value::Null),
        ),
    };
    quote! {
        #[tokio::test]
        async fn #test_name() {
            let server = MockServer::start().await;
            Mock::given(method(#http_method))
                .and(path(#path))
                .and(exact_query(&[#(#query),*]))
                .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
                #body_matcher
                .respond_with(#respond)
                .expect(1)
                .mount(&server)
                .await;
            let client = client_for(&server);
            let response = #call.send().await.expect("the operation succeeds");
            assert_eq!(response.status().as_u16(), #status);
            let decoded = serde_json::to_value(response.body()).expect("the body serializes");
            assert_eq!(decoded, #expected);
        }
    }
}

/// A paginated operation walks two pages: the first response points to the next page, the
/// second does not, and the stream yields exactly those two bodies.
fn pages_test(
    model: &ClientModel<'_>,
    group: &GroupModel<'_>,
    op: &OperationModel<'_>,
    pagination: Pagination,
    names: &mut Namespace,
) -> TokenStream {
    let test_name = ident(&names.snake(&format!(
        "{}_{}_pages",
        group.module.trim_start_matches("r#"),
        op.method_name.trim_start_matches("r#")
    )));
    let sample = samples::call(model, &group.module, op);
    let call = &sample.call;
    let http_method = op.op.method.as_str();
    let path = &sample.path;
    let (param, first_value, second_value, first_body, second_body) = match pagination {
        Pagination::Token => (
            "next_page",
            None,
            "token-2",
            json!({"items": [1], "next_page": "token-2"}),
            json!({"items": [2]}),
        ),
        Pagination::PageNumber => (
            "page",
            Some("1"),
            "2",
            json!({"items": [1], "has_additional": true}),
            json!({"items": [2], "has_additional": false}),
        ),
    };
    // The first request keeps the caller's sample token (token style) or starts at page 1.
    let query_with = |value: Option<&str>| -> Vec<TokenStream> {
        sample
            .query
            .iter()
            .map(|(n, v)| {
                let v = if n == param { value.unwrap_or(v) } else { v };
                quote!((#n, #v))
            })
            .collect()
    };
    let first_query = query_with(first_value);
    let second_query = query_with(Some(second_value));
    let (first_text, second_text) = (first_body.to_string(), second_body.to_string());
    quote! {
        #[tokio::test]
        async fn #test_name() {
            let server = MockServer::start().await;
            for (query, body) in [
                (&[#(#first_query),*] as &'static [(&str, &str)], #first_text),
                (&[#(#second_query),*], #second_text),
            ] {
                Mock::given(method(#http_method))
                    .and(path(#path))
                    .and(exact_query(query))
                    .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
                    .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
                    .expect(1)
                    .mount(&server)
                    .await;
            }
            let client = client_for(&server);
            let pages: Vec<serde_json::Value> = #call
                .pages()
                .map(|page| page.expect("every page succeeds"))
                .collect()
                .await;
            let expected: Vec<serde_json::Value> = [#first_text, #second_text]
                .iter()
                .map(|text| serde_json::from_str(text).expect("sample page"))
                .collect();
            assert_eq!(pages, expected);
        }
    }
}

/// The first documented 2xx code, or 200.
fn success_status(op: &OperationModel<'_>) -> u16 {
    op.op
        .responses
        .iter()
        .map(|r| r.code)
        .find(|c| (200..300).contains(c))
        .unwrap_or(200)
}

/// The body the mock sends: a full model for typed responses, a small object for untyped ones,
/// nothing for 204.
fn response_body(model: &ClientModel<'_>, op: &OperationModel<'_>, status: u16) -> Option<Value> {
    match &op.response {
        RustType::Model(name) => Some(samples::response_json(model, name, 0)),
        _ if status == 204 => None,
        _ => Some(json!({"operation": op.op.name})),
    }
}
