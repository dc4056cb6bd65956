//! The committed client against a server of an older Quay, where the answer depends on the
//! version history (`spec/history.json`, so it cannot live in the generated crate, whose own
//! tests hold for the spec of any docs version): an HTML page whose footer shows an older Quay
//! than the one that added the operation is `Error::Unsupported` naming that version, without
//! reading the discovery document; a page of a new enough Quay still asks it. Loopback mock
//! servers only.

use quay_client::runtime::Request;
use quay_client::{ApiResponse, Client, Error, OPERATIONS};
use reqwest::Method;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

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

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("server-test-token")
        .build()
        .expect("client")
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

#[test]
fn every_operation_has_the_version_that_added_it() {
    let without: Vec<&str> = OPERATIONS
        .iter()
        .filter(|op| op.since.is_none())
        .map(|op| op.name)
        .collect();
    assert!(without.is_empty(), "no since: {without:?}");
}

/// An HTML page of the web application whose footer shows the Quay version, as Quay's do.
fn page_of(version: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Quay</title></head><body><h1>Not Found</h1>\
         <nav><ul><li>Quay v{version}</li></ul></nav></body></html>"
    )
}

/// An operation added after the oldest version, with the method asked for, and a path for it.
fn newer_operation(http_method: &str) -> (&'static str, &'static str, String) {
    let op = OPERATIONS
        .iter()
        .find(|op| {
            op.method == http_method
                && op.path.starts_with("/api/v1/")
                && op.since.is_some_and(|v| v != "3.5")
        })
        .expect("an operation newer than 3.5");
    (
        op.name,
        op.since.expect("checked"),
        op.path.replace(['{', '}'], ""),
    )
}

#[tokio::test]
async fn an_html_page_of_an_older_quay_says_which_version_added_the_operation() {
    let (name, since, at) = newer_operation("GET");
    // The discovery document lists everything: the page's version alone decides.
    let server = server_with_discovery("no-such-operation").await;
    Mock::given(method("GET"))
        .and(path(at.as_str()))
        .respond_with(ResponseTemplate::new(404).set_body_raw(page_of("3.5.2"), "text/html"))
        .mount(&server)
        .await;
    let err = call(&client(&server), name, Method::GET, &at)
        .await
        .expect_err("404");
    assert!(
        matches!(&err, Error::Unsupported { operation, since: Some(v), .. } if *operation == name && *v == since),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "this server does not have operation {name} (added in Quay {since}): it answered \
             404 Not Found with the HTML page of Quay 3.5.2"
        )
    );
    assert_eq!(
        requests_to(&server, "/api/v1/discovery").await,
        0,
        "the page's version is enough"
    );
}

#[tokio::test]
async fn an_html_page_of_a_new_enough_quay_still_asks_the_discovery_document() {
    let (name, since, at) = newer_operation("GET");
    let server = server_with_discovery("no-such-operation").await;
    Mock::given(method("GET"))
        .and(path(at.as_str()))
        .respond_with(
            ResponseTemplate::new(404).set_body_raw(page_of(&format!("{since}.1")), "text/html"),
        )
        .mount(&server)
        .await;
    let err = call(&client(&server), name, Method::GET, &at)
        .await
        .expect_err("404");
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(requests_to(&server, "/api/v1/discovery").await, 1);
}
