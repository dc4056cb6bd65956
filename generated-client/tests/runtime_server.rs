//! A server that lacks an operation, as an older Quay answers for it: a 405 HTML page for a
//! write, a 308 to a trailing slash and then a 404 HTML page for a read, and a discovery
//! document without the operation. The client says the server does not have the operation and,
//! when the spec has a version history, which Quay version added it; an HTML error body is
//! summarised, never shown as markup. Loopback mock servers only. These hold for the spec of any
//! docs version; what needs the committed history (a page whose footer shows an older Quay than
//! the one that added the operation) is tested in `tests/tests/committed_unsupported.rs` of the
//! workspace.

use quay_client::runtime::Request;
use quay_client::{ApiResponse, Client, Error, ErrorBody, OPERATIONS};
use reqwest::Method;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PAGE: &str = "<!DOCTYPE html><html><head><title>Quay</title><script>x()</script></head>\
                    <body><h1>Not Found</h1></body></html>";

/// A discovery document that lists every operation of the crate except `missing`.
fn discovery_without(missing: &str) -> Value {
    let mut paths = serde_json::Map::new();
    for op in OPERATIONS.iter().filter(|op| op.name != missing) {
        let item = paths.entry(op.path.to_owned()).or_insert_with(|| json!({}));
        item[op.method.to_ascii_lowercase()] = json!({"operationId": op.name});
    }
    json!({"swagger": "2.0", "paths": paths})
}

async fn server_with_discovery(missing: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/discovery"))
        .respond_with(ResponseTemplate::new(200).set_body_json(discovery_without(missing)))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer, check: bool) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("server-test-token")
        .check_operations(check)
        .build()
        .expect("client")
}

/// An operation of the crate with the method asked for, and a concrete path for it.
fn operation(http_method: &str) -> (&'static str, String) {
    let op = OPERATIONS
        .iter()
        .find(|op| op.method == http_method && op.path.starts_with("/api/v1/"))
        .expect("an operation with that method");
    (op.name, op.path.replace(['{', '}'], ""))
}

async fn call(
    client: &Client,
    name: &'static str,
    http_method: Method,
    at: &str,
) -> quay_client::Result<ApiResponse<Value>> {
    client
        .execute(Request::new(name, http_method, at.to_owned()))
        .await
}

async fn requests_to(server: &MockServer, at: &str) -> usize {
    server
        .received_requests()
        .await
        .expect("recording is on")
        .iter()
        .filter(|r| r.url.path().trim_end_matches('/') == at.trim_end_matches('/'))
        .count()
}

#[tokio::test]
async fn a_405_html_page_for_a_write_the_server_does_not_list_is_unsupported() {
    let (name, at) = operation("POST");
    let server = server_with_discovery(name).await;
    Mock::given(method("POST"))
        .and(path(at.as_str()))
        .respond_with(ResponseTemplate::new(405).set_body_raw(PAGE, "text/html"))
        .mount(&server)
        .await;
    let err = call(&client(&server, false), name, Method::POST, &at)
        .await
        .expect_err("405");
    let (since, added) = since_of(name);
    assert!(
        matches!(&err, Error::Unsupported { operation, since: found, .. } if *operation == name && *found == since),
        "{err:?}"
    );
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!(
            "this server does not have operation {name}{added}: "
        )),
        "{shown}"
    );
    assert!(
        shown.contains("discovery document does not list it"),
        "{shown}"
    );
    assert!(!shown.contains('<'), "markup in {shown}");
}

/// The version of Quay that added the operation, from the crate's table (none for a spec built
/// without a version history), and how the error message names it.
fn since_of(name: &str) -> (Option<&'static str>, String) {
    let since = quay_client::operations::find_operation(name).and_then(|op| op.since);
    let shown = since.map_or_else(String::new, |v| format!(" (added in Quay {v})"));
    (since, shown)
}

#[tokio::test]
async fn a_redirect_to_a_trailing_slash_then_a_404_html_page_is_unsupported() {
    let (name, at) = operation("GET");
    let server = server_with_discovery(name).await;
    let slashed = format!("{}/", at.trim_end_matches('/'));
    let bare = at.trim_end_matches('/').to_owned();
    Mock::given(method("GET"))
        .and(path(bare.as_str()))
        .respond_with(ResponseTemplate::new(308).insert_header("location", slashed.as_str()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(slashed.as_str()))
        .respond_with(ResponseTemplate::new(404).set_body_raw(PAGE, "text/html"))
        .mount(&server)
        .await;
    let err = call(&client(&server, false), name, Method::GET, &bare)
        .await
        .expect_err("404");
    assert!(matches!(err, Error::Unsupported { .. }), "{err:?}");
}

#[tokio::test]
async fn with_the_opt_in_nothing_is_sent_for_an_operation_the_server_lacks() {
    let (name, at) = operation("POST");
    let server = server_with_discovery(name).await;
    let client = client(&server, true);
    for _ in 0..2 {
        let err = call(&client, name, Method::POST, &at)
            .await
            .expect_err("refused before sending");
        assert!(matches!(err, Error::Unsupported { .. }), "{err:?}");
        let (_, added) = since_of(name);
        assert!(
            err.to_string()
                .contains(&format!("does not have operation {name}{added}: ")),
            "{err}"
        );
    }
    assert_eq!(requests_to(&server, &at).await, 0, "nothing was sent");
    assert_eq!(
        requests_to(&server, "/api/v1/discovery").await,
        1,
        "the discovery document is read once per client"
    );
    let served = client.server_operations().await.expect("cached");
    assert!(!served.serves(name));
    assert_eq!(served.missing().collect::<Vec<_>>(), [name]);
}

#[tokio::test]
async fn an_html_404_of_an_operation_the_server_lists_stays_an_api_error_summarised() {
    let (name, at) = operation("GET");
    let server = server_with_discovery("no-such-operation").await;
    Mock::given(method("GET"))
        .and(path(at.as_str()))
        .respond_with(ResponseTemplate::new(404).set_body_raw(PAGE, "text/html"))
        .mount(&server)
        .await;
    let err = call(&client(&server, false), name, Method::GET, &at)
        .await
        .expect_err("404");
    let Error::Api {
        body: ErrorBody::Html { summary, .. },
        ..
    } = &err
    else {
        panic!("expected an HTML Api error, got {err:?}");
    };
    assert_eq!(summary, "Quay");
    assert!(!err.to_string().contains("<"), "{err}");
}

#[tokio::test]
async fn a_json_404_is_the_api_own_answer_and_is_not_checked() {
    let (name, at) = operation("GET");
    let server = server_with_discovery(name).await;
    Mock::given(method("GET"))
        .and(path(at.as_str()))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"error_type": "not_found", "detail": "Not Found"})),
        )
        .mount(&server)
        .await;
    let err = call(&client(&server, false), name, Method::GET, &at)
        .await
        .expect_err("404");
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(
        requests_to(&server, "/api/v1/discovery").await,
        0,
        "no discovery for the API's own 404"
    );
}
