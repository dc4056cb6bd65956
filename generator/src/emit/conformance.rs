//! `tests/operations.rs`: one wiremock test per operation, derived from the spec, so coverage is
//! every operation and stays so when the docs grow. Each test calls the operation with sample
//! arguments and asserts method, path, exact query, JSON body and Authorization header, and that
//! the 2xx body decodes.

use serde_json::{json, Value};

use super::model::{ClientModel, GroupModel, OperationModel, Pagination, RustType};
use super::naming::Namespace;
use super::rust_file::{Items, RustFile};
use super::rust_text::{string_literal, Expr, RustText};
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
        let mut text = RustText::new();
        text.inner_doc_markdown(
            "Conformance of every documented operation against a loopback HTTP server: method, \
             path, query, JSON body, Authorization header, and decoding of the 2xx body.",
        );
        if model.operations().any(|(_, op)| op.pagination.is_some()) {
            text.line("use futures_util::StreamExt;");
        }
        text.line("use quay_client::{ApiResponse, Client};");
        prelude(&mut text, "Client", ".build()");
        text
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
pub fn blocking_text(model: &ClientModel<'_>) -> RustText {
    let mut text = RustText::new();
    text.line("#![cfg(feature = \"blocking\")]");
    text.inner_doc_markdown(
        "The blocking client (feature `blocking`): the first operation of every group sent with \
         `send_blocking()` against a loopback HTTP server, checked like `tests/operations.rs`.",
    );
    text.line("use quay_client::ApiResponse;");
    prelude(
        &mut text,
        "quay_client::blocking::Client",
        ".build_blocking()",
    );
    text.doc_markdown(
        "A mock server on a multi-threaded runtime, so it answers while the test blocks.",
    );
    text.open("fn mock_server() -> (tokio::runtime::Runtime, MockServer) {");
    text.line(
        "let runtime = tokio::runtime::Runtime::new().expect(\"a runtime for the mock server\");",
    );
    text.line("let server = runtime.block_on(MockServer::start());");
    text.line("(runtime, server)");
    text.close("}");
    let mut names = Namespace::default();
    for group in &model.groups {
        if let Some(op) = group.operations.first() {
            blocking_test(&mut text, model, group, op, &mut names);
        }
    }
    text
}

fn blocking_test(
    text: &mut RustText,
    model: &ClientModel<'_>,
    group: &GroupModel<'_>,
    op: &OperationModel<'_>,
    names: &mut Namespace,
) {
    let test_name = names.snake(&format!(
        "{}_{}_blocking",
        group.module.trim_start_matches("r#"),
        op.method_name.trim_start_matches("r#")
    ));
    let sample = samples::call(model, &group.module, op);
    let status = success_status(op);
    let response = response_body(model, op, status);
    text.line("#[test]");
    text.open(&format!("fn {test_name}() {{"));
    sample_fields(op, &sample, status, response.as_ref()).write(text, "let exchange = ", ";");
    text.line("let (runtime, server) = mock_server();");
    text.line("runtime.block_on(expect_exchange(&server, &exchange));");
    text.line("let client = client_for(&server);");
    call_statement(
        text,
        &sample,
        &[".send_blocking()", ".expect(\"the operation succeeds\")"],
    );
    text.line("assert_answer(&response, &exchange);");
    text.close("}");
}

/// `let response = client...;`: the sample call, then `then`.
fn call_statement(text: &mut RustText, sample: &samples::SampleCall, then: &[&str]) {
    let mut links = sample.links.clone();
    links.extend(then.iter().map(|link| Expr::atom(*link)));
    text.statement(
        "let response = ",
        &Expr::chain(Expr::atom("client"), links),
        ";",
    );
}

/// The helpers both test files share: the `Exchange` a test expects, a client of `client_type`
/// made with `build`, the exact-query matcher, mounting and the answer check. All but the client
/// are templates in prettyplease's layout (the layout test checks them).
fn prelude(text: &mut RustText, client_type: &str, build: &str) {
    text.verbatim(include_str!("../../templates/conformance_head.rs"));
    text.open(&format!(
        "fn client_for(server: &MockServer) -> {client_type} {{"
    ));
    let links = vec![
        Expr::atom(".base_url(server.uri())"),
        Expr::atom(".bearer_token(TOKEN)"),
        Expr::atom(build),
        Expr::atom(".expect(\"a client for the mock server\")"),
    ];
    let builder = Expr::chain(Expr::atom(format!("{client_type}::builder()")), links);
    text.statement("", &builder, "");
    text.close("}");
    text.verbatim(include_str!("../../templates/conformance_helpers.rs"));
}

/// The request a test expects and the mock's answer: the fields of an `Exchange` (the CLI's
/// tests have the same struct).
pub(crate) struct ExchangeFields<'a> {
    pub method: &'a str,
    pub path: &'a str,
    /// Query pairs in the order they are sent.
    pub query: Vec<(&'a str, &'a str)>,
    pub body: Option<&'a Value>,
    pub status: u16,
    pub response: Option<&'a Value>,
}

impl ExchangeFields<'_> {
    /// `{head}Exchange { .. }{tail}` as a statement.
    fn write(&self, text: &mut RustText, head: &str, tail: &str) {
        text.statement(head, &self.literal(), tail);
    }

    /// The `Exchange { .. }` literal.
    pub(crate) fn literal(&self) -> Expr {
        let literal = |text: &str| Expr::atom(string_literal(text));
        let json = |value: Option<&Value>| match value {
            Some(value) => Expr::call("Some", vec![literal(&value.to_string())]),
            None => Expr::atom("None"),
        };
        let query = self
            .query
            .iter()
            .map(|(n, v)| Expr::atom(format!("({}, {})", string_literal(n), string_literal(v))))
            .collect();
        let field = |name: &str, value: Expr| (name.to_string(), value);
        Expr::Struct {
            prefix: "",
            path: "Exchange".to_string(),
            fields: vec![
                field("method", literal(self.method)),
                field("path", literal(self.path)),
                field(
                    "query",
                    Expr::Array {
                        prefix: "&",
                        elements: query,
                    },
                ),
                field("body", json(self.body)),
                field("status", Expr::atom(format!("{}u16", self.status))),
                field("response", json(self.response)),
            ],
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
    call_statement(
        &mut text,
        &sample,
        &[".send()", ".await", ".expect(\"the operation succeeds\")"],
    );
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

/// A paginated operation walks two pages: the first response points to the next page, the
/// second does not, and the stream yields exactly those two bodies.
fn pages_test(
    model: &ClientModel<'_>,
    group: &GroupModel<'_>,
    op: &OperationModel<'_>,
    pagination: Pagination,
    name: &str,
    items_name: Option<&str>,
) -> RustText {
    let sample = samples::call(model, &group.module, op);
    // With a typed item array (`.items()`), the pages hold sample items of that type.
    let (items_field, first_item, second_item) = match &op.items {
        Some(items) => {
            let item = samples::field_json(model, &items.ty, &items.field, 0);
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
        fields.literal()
    };
    let pages = Expr::Array {
        prefix: "",
        elements: vec![
            page(first_value, &first_body),
            page(Some(second_value), &second_body),
        ],
    };
    let mut text = RustText::new();
    walk_test(
        &mut text,
        name,
        &pages,
        &sample,
        &[
            ".pages()",
            ".map(|page| page.expect(\"every page succeeds\"))",
        ],
        ".map(json)",
    );
    if let (Some(name), Some(items)) = (items_name, &op.items) {
        // `.items()` walks the same two pages and yields their elements decoded, which
        // re-encode to the JSON the mock sent.
        let elements = format!(
            ".flat_map(|page| json(page)[{}].as_array().cloned().unwrap_or_default())",
            string_literal(&items.field)
        );
        walk_test(
            &mut text,
            name,
            &pages,
            &sample,
            &[
                ".items()",
                ".map(|item| serde_json::to_value(item.expect(\"every item decodes\")).expect(\"re-encodes\"))",
            ],
            &elements,
        );
    }
    text
}

/// A test that mounts `pages`, walks them with the sample call and `walk`, and compares what
/// it yields with the pages' bodies mapped by `expect`.
fn walk_test(
    text: &mut RustText,
    name: &str,
    pages: &Expr,
    sample: &samples::SampleCall,
    walk: &[&str],
    expect: &str,
) {
    text.line("#[tokio::test]");
    text.open(&format!("async fn {name}() {{"));
    text.statement("let pages = ", pages, ";");
    text.line("let server = MockServer::start().await;");
    text.open("for page in &pages {");
    text.line("expect_exchange(&server, page).await;");
    text.close("}");
    text.line("let client = client_for(&server);");
    let mut links = sample.links.clone();
    links.extend(walk.iter().map(|link| Expr::atom(*link)));
    links.extend([Expr::atom(".collect()"), Expr::atom(".await")]);
    let walked = Expr::chain(Expr::atom("client"), links);
    text.statement("let walked: Vec<serde_json::Value> = ", &walked, ";");
    let links = [
        ".iter()",
        ".filter_map(|page| page.response)",
        expect,
        ".collect()",
    ];
    let expected = Expr::chain(
        Expr::atom("pages"),
        links.into_iter().map(Expr::atom).collect(),
    );
    text.statement("let expected: Vec<serde_json::Value> = ", &expected, ";");
    text.line("assert_eq!(walked, expected);");
    text.close("}");
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
        typed => Some(samples::field_json(model, typed, "response", 0)),
    }
}
