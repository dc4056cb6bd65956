//! `tests/operations.rs`: one wiremock test per operation, derived from the spec, so coverage is
//! every operation and stays so when the docs grow. Each test calls the operation with sample
//! arguments and asserts method, path, exact query, JSON body and Authorization header, and that
//! the 2xx body decodes.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Value};

use super::model::{ident, ClientModel, GroupModel, OperationModel, RustType};
use super::naming::Namespace;
use super::rust_file::inner_doc;
use super::samples;

pub fn tokens(model: &ClientModel<'_>) -> TokenStream {
    let module_doc = inner_doc(
        "Conformance of every documented operation against a loopback HTTP server: method, path, \
         query, JSON body, Authorization header, and decoding of the 2xx body.",
    );
    let mut names = Namespace::default();
    let tests: Vec<TokenStream> = model
        .operations()
        .map(|(group, op)| operation_test(model, group, op, &mut names))
        .collect();
    quote! {
        #module_doc
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
        None => (quote!(ResponseTemplate::new(#status)), quote!(serde_json::Value::Null)),
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
