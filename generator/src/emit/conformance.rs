//! `tests/operations.rs`: one wiremock test per operation, derived from the spec, so coverage is
//! every operation and stays so when the docs grow. Each test calls the operation with sample
//! arguments and asserts method, path, exact query, JSON body and Authorization header, and that
//! the 2xx body decodes.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Value};

use super::model::{ident, ClientModel, GroupModel, OperationModel, Pagination, RustType};
use super::naming::Namespace;
use super::rust_file::{inner_doc_markdown, Items, RustFile};
use super::rust_text::{string_literal, RustText};
use super::samples;

/// One test of `tests/operations.rs`, named before any is built: names are unique across the
/// file, and the file is built in parts.
pub struct Test<'a, 's> {
    group: &'a GroupModel<'s>,
    op: &'a OperationModel<'s>,
    kind: TestKind,
}

enum TestKind {
    /// The sample call sends the documented request and decodes the answer.
    Exchange { name: String },
    /// `.pages()` walks two pages, and `.items()` their elements where they are typed.
    Pages {
        pagination: Pagination,
        name: String,
        items_name: Option<String>,
    },
}

/// The tests of `tests/operations.rs` in order: each operation's, then its pages' (and items').
pub fn tests<'a, 's>(model: &'a ClientModel<'s>) -> Vec<Test<'a, 's>> {
    let mut names = Namespace::default();
    let mut tests = Vec::new();
    for (group, op) in model.operations() {
        let mut name = |suffix: &str| {
            names.snake(&format!(
                "{}_{}{suffix}",
                group.module.trim_start_matches("r#"),
                op.method_name.trim_start_matches("r#")
            ))
        };
        let exchange = TestKind::Exchange { name: name("") };
        let pages = op.pagination.map(|pagination| TestKind::Pages {
            pagination,
            name: name("_pages"),
            items_name: op.items.is_some().then(|| name("_items")),
        });
        for kind in std::iter::once(exchange).chain(pages) {
            tests.push(Test { group, op, kind });
        }
    }
    tests
}

/// `tests/operations.rs`, in parts of a few tests each.
pub fn file<'a>(model: &'a ClientModel<'_>, tests: &'a [Test<'a, '_>]) -> RustFile<'a> {
    const TESTS_PER_PART: usize = 24;
    RustFile::with_head("tests/operations.rs", || {
        let module_doc = inner_doc_markdown(
            "Conformance of every documented operation against a loopback HTTP server: method, \
             path, query, JSON body, Authorization header, and decoding of the 2xx body.",
        );
        let stream_ext = model
            .operations()
            .any(|(_, op)| op.pagination.is_some())
            .then(|| {
                quote!(
                    use futures_util::StreamExt;
                )
            });
        let prelude = prelude(quote!(Client), quote!(build));
        quote! {
            #module_doc
            #stream_ext
            use quay_client::{ApiResponse, Client};
            #prelude
        }
    })
    .chunks(tests, TESTS_PER_PART, move |test| match &test.kind {
        TestKind::Exchange { name } => {
            Items::from(operation_test(model, test.group, test.op, name))
        }
        TestKind::Pages {
            pagination,
            name,
            items_name,
        } => pages_test(
            model,
            test.group,
            test.op,
            *pagination,
            name,
            items_name.as_deref(),
        )
        .into(),
    })
}

/// `tests/blocking.rs` (feature `blocking`): the first operation of every group through
/// `quay_client::blocking::Client` and `send_blocking()`, with the same exchanges as
/// `tests/operations.rs`. The mock server runs on a runtime of its own threads while the test's
/// thread blocks.
pub fn blocking_tokens(model: &ClientModel<'_>) -> TokenStream {
    let module_doc = inner_doc_markdown(
        "The blocking client (feature `blocking`): the first operation of every group sent with \
         `send_blocking()` against a loopback HTTP server, checked like `tests/operations.rs`.",
    );
    let mut names = Namespace::default();
    let tests: Vec<TokenStream> = model
        .groups
        .iter()
        .filter_map(|group| group.operations.first().map(|op| (group, op)))
        .map(|(group, op)| blocking_test(model, group, op, &mut names))
        .collect();
    let prelude = prelude(
        quote!(quay_client::blocking::Client),
        quote!(build_blocking),
    );
    quote! {
        #![cfg(feature = "blocking")]
        #module_doc
        use quay_client::ApiResponse;
        #prelude

        /// A mock server on a multi-threaded runtime, so it answers while the test blocks.
        fn mock_server() -> (tokio::runtime::Runtime, MockServer) {
            let runtime = tokio::runtime::Runtime::new().expect("a runtime for the mock server");
            let server = runtime.block_on(MockServer::start());
            (runtime, server)
        }

        #(#tests)*
    }
}

fn blocking_test(
    model: &ClientModel<'_>,
    group: &GroupModel<'_>,
    op: &OperationModel<'_>,
    names: &mut Namespace,
) -> TokenStream {
    let test_name = ident(&names.snake(&format!(
        "{}_{}_blocking",
        group.module.trim_start_matches("r#"),
        op.method_name.trim_start_matches("r#")
    )));
    let (exchange, call) = sample_exchange(model, group, op);
    quote! {
        #[test]
        fn #test_name() {
            let exchange = #exchange;
            let (runtime, server) = mock_server();
            runtime.block_on(expect_exchange(&server, &exchange));
            let client = client_for(&server);
            let response = #call.send_blocking().expect("the operation succeeds");
            assert_answer(&response, &exchange);
        }
    }
}

/// The helpers both test files share: the `Exchange` a test expects, a client of `client_type`
/// made with `build`, the exact-query matcher, mounting and the answer check.
fn prelude(client_type: TokenStream, build: TokenStream) -> TokenStream {
    quote! {
        use wiremock::matchers::{body_json, header, method, path};
        use wiremock::{Mock, MockServer, Request, ResponseTemplate};

        const TOKEN: &str = "conformance-token";

        /// One request an operation must send, and the mock's answer.
        struct Exchange {
            method: &'static str,
            path: &'static str,
            /// Every query pair, in order: nothing more is accepted.
            query: &'static [(&'static str, &'static str)],
            /// The JSON body the request must carry.
            body: Option<&'static str>,
            status: u16,
            /// The JSON the mock answers with; `None` is an empty body.
            response: Option<&'static str>,
        }

        fn client_for(server: &MockServer) -> #client_type {
            #client_type::builder()
                .base_url(server.uri())
                .bearer_token(TOKEN)
                .#build()
                .expect("a client for the mock server")
        }

        fn json(text: &str) -> serde_json::Value {
            serde_json::from_str(text).expect("sample JSON")
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

        /// Mounts a mock that answers `exchange` once, and only a request matching it exactly.
        async fn expect_exchange(server: &MockServer, exchange: &Exchange) {
            let mut mock = Mock::given(method(exchange.method))
                .and(path(exchange.path))
                .and(exact_query(exchange.query))
                .and(header("authorization", format!("Bearer {TOKEN}").as_str()));
            if let Some(body) = exchange.body {
                mock = mock.and(body_json(json(body)));
            }
            let mut answer = ResponseTemplate::new(exchange.status);
            if let Some(response) = exchange.response {
                answer = answer.set_body_raw(response, "application/json");
            }
            mock.respond_with(answer).expect(1).mount(server).await;
        }

        /// The status is the mock's and the decoded body is the JSON it sent.
        fn assert_answer<T: serde::Serialize>(response: &ApiResponse<T>, exchange: &Exchange) {
            assert_eq!(response.status().as_u16(), exchange.status);
            let decoded = serde_json::to_value(response.body()).expect("the body serializes");
            assert_eq!(decoded, exchange.response.map_or(serde_json::Value::Null, json));
        }

    }
}

/// The request a test expects and the mock's answer: the fields of an `Exchange`.
struct ExchangeFields<'a> {
    method: &'a str,
    path: &'a str,
    /// Query pairs in the order they are sent.
    query: Vec<(&'a str, &'a str)>,
    body: Option<&'a Value>,
    status: u16,
    response: Option<&'a Value>,
}

impl ExchangeFields<'_> {
    /// `{head}Exchange { .. }{tail}`, one field per line.
    fn write(&self, text: &mut RustText, head: &str, tail: &str) {
        text.open(&format!("{head}Exchange {{"));
        text.line(&format!("method: {},", string_literal(self.method)));
        text.line(&format!("path: {},", string_literal(self.path)));
        let query: Vec<String> = self
            .query
            .iter()
            .map(|(n, v)| format!("({}, {})", string_literal(n), string_literal(v)))
            .collect();
        text.delimited("query: &[", &query, "],");
        optional_json(text, "body", self.body);
        text.line(&format!("status: {}u16,", self.status));
        optional_json(text, "response", self.response);
        text.close(&format!("}}{tail}"));
    }

    /// The literal as tokens, for the tests still built from token streams.
    fn tokens(&self) -> TokenStream {
        let mut text = RustText::new();
        self.write(&mut text, "", "");
        let source: String = text.finish().into_iter().map(|item| item.text).collect();
        samples::tokens(&source)
    }
}

/// `name: None,` or `name: Some("{json}"),` of an `Exchange`.
fn optional_json(text: &mut RustText, name: &str, json: Option<&Value>) {
    match json {
        Some(json) => {
            let literal = [string_literal(&json.to_string())];
            text.delimited(&format!("{name}: Some("), &literal, "),");
        }
        None => {
            text.line(&format!("{name}: None,"));
        }
    }
}

/// An operation's test, written as text (see [`RustText`]): the sample call sends the
/// documented request and decodes the answer.
fn operation_test(
    model: &ClientModel<'_>,
    group: &GroupModel<'_>,
    op: &OperationModel<'_>,
    name: &str,
) -> RustText {
    let sample = samples::call(model, &group.module, op);
    let status = success_status(op);
    let mut text = RustText::new();
    text.line("#[tokio::test]");
    text.open(&format!("async fn {name}() {{"));
    let response = response_body(model, op, status);
    sample_fields(op, &sample, status, response.as_ref()).write(&mut text, "let exchange = ", ";");
    text.line("let server = MockServer::start().await;");
    text.line("expect_exchange(&server, &exchange).await;");
    text.line("let client = client_for(&server);");
    let mut links = sample.chain;
    links.extend([
        ".send()".to_string(),
        ".await".to_string(),
        ".expect(\"the operation succeeds\")".to_string(),
    ]);
    if sample.literal_arguments {
        text.chain("let response = ", "client", &links, ";");
    } else {
        text.statement_laid_out(&format!("let response = client{};", links.concat()));
    }
    text.line("assert_answer(&response, &exchange);");
    text.close("}");
    text
}

/// The `Exchange` of an operation's sample call.
fn sample_fields<'a>(
    op: &'a OperationModel<'_>,
    sample: &'a samples::SampleCall,
    status: u16,
    response: Option<&'a Value>,
) -> ExchangeFields<'a> {
    ExchangeFields {
        method: op.op.method.as_str(),
        path: &sample.path,
        query: sample
            .query
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect(),
        body: sample.body.as_ref(),
        status,
        response,
    }
}

/// The `Exchange` of an operation's sample call, and the call, as tokens.
fn sample_exchange(
    model: &ClientModel<'_>,
    group: &GroupModel<'_>,
    op: &OperationModel<'_>,
) -> (TokenStream, TokenStream) {
    let sample = samples::call(model, &group.module, op);
    let status = success_status(op);
    let response = response_body(model, op, status);
    let exchange = sample_fields(op, &sample, status, response.as_ref()).tokens();
    (exchange, sample.call())
}

/// A paginated operation walks two pages: the first response points to the next page, the
/// second does not, and the stream yields exactly those two bodies.
fn pages_test(
    model: &ClientModel<'_>,
    group: &GroupModel<'_>,
    op: &OperationModel<'_>,
    pagination: Pagination,
    name: &str,
    items_name: Option<&str>,
) -> TokenStream {
    let test_name = ident(name);
    let sample = samples::call(model, &group.module, op);
    let call = &sample.call();
    // With a typed item array (`.items()`), the pages hold sample items of that type.
    let (items_field, first_item, second_item) = match &op.items {
        Some(items) => {
            let item = samples::field_value(model, &items.ty, &items.field, 0).1;
            (items.field.as_str(), item.clone(), item)
        }
        None => ("items", json!(1), json!(2)),
    };
    let (param, first_value, second_value, first_body, second_body) = match pagination {
        Pagination::Token => (
            "next_page",
            None,
            "token-2",
            json!({items_field: [first_item], "next_page": "token-2"}),
            json!({items_field: [second_item]}),
        ),
        Pagination::PageNumber => (
            "page",
            Some("1"),
            "2",
            json!({items_field: [first_item], "has_additional": true}),
            json!({items_field: [second_item], "has_additional": false}),
        ),
    };
    // The first request keeps the caller's sample token (token style) or starts at page 1.
    let page = |value: Option<&str>, body: &Value| {
        // A page is a GET: no body, whatever the sample call sends.
        let mut fields = sample_fields(op, &sample, 200, Some(body));
        fields.body = None;
        for (name, sent) in &mut fields.query {
            if *name == param {
                *sent = value.unwrap_or(sent);
            }
        }
        fields.tokens()
    };
    let first = page(first_value, &first_body);
    let second = page(Some(second_value), &second_body);
    let items_test = items_name.map(|name| items_test(op, ident(name), call, [&first, &second]));
    quote! {
        #[tokio::test]
        async fn #test_name() {
            let pages = [#first, #second];
            let server = MockServer::start().await;
            for page in &pages {
                expect_exchange(&server, page).await;
            }
            let client = client_for(&server);
            let walked: Vec<serde_json::Value> = #call
                .pages()
                .map(|page| page.expect("every page succeeds"))
                .collect()
                .await;
            let expected: Vec<serde_json::Value> =
                pages.iter().filter_map(|page| page.response).map(json).collect();
            assert_eq!(walked, expected);
        }

        #items_test
    }
}

/// `.items()` walks the same two pages and yields their elements decoded, which re-encode to
/// the JSON the mock sent.
fn items_test(
    op: &OperationModel<'_>,
    test_name: proc_macro2::Ident,
    call: &TokenStream,
    pages: [&TokenStream; 2],
) -> TokenStream {
    let Some(items) = &op.items else {
        return quote!();
    };
    let field = &items.field;
    let [first, second] = pages;
    quote! {
        #[tokio::test]
        async fn #test_name() {
            let pages = [#first, #second];
            let server = MockServer::start().await;
            for page in &pages {
                expect_exchange(&server, page).await;
            }
            let client = client_for(&server);
            let walked: Vec<serde_json::Value> = #call
                .items()
                .map(|item| serde_json::to_value(item.expect("every item decodes")).expect("re-encodes"))
                .collect()
                .await;
            let expected: Vec<serde_json::Value> = pages
                .iter()
                .filter_map(|page| page.response)
                .flat_map(|page| json(page)[#field].as_array().cloned().unwrap_or_default())
                .collect();
            assert_eq!(walked, expected);
        }
    }
}

/// The first documented 2xx code, or 200.
pub(super) fn success_status(op: &OperationModel<'_>) -> u16 {
    op.op
        .responses
        .iter()
        .map(|r| r.code)
        .find(|c| (200..300).contains(c))
        .unwrap_or(200)
}

/// The body the mock sends: a full model for typed responses, a small object for untyped ones,
/// nothing for 204.
pub(super) fn response_body(
    model: &ClientModel<'_>,
    op: &OperationModel<'_>,
    status: u16,
) -> Option<Value> {
    match &op.response {
        RustType::Model(name) => Some(samples::response_json(model, name, 0)),
        RustType::JsonValue | RustType::JsonMap | RustType::Nullable(_) if status == 204 => None,
        RustType::JsonValue | RustType::JsonMap => Some(json!({"operation": op.op.name})),
        typed => Some(samples::field_value(model, typed, "response", 0).1),
    }
}
