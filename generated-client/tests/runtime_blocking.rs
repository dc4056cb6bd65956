//! The blocking client (feature `blocking`) keeps every rule of the async runtime: retries of
//! 5xx and never of 4xx, redirects that drop the token across origins, timeouts, size caps, the
//! plain-http token rule; pagination as an iterator; and a clear error, never a panic, where
//! blocking is impossible. Loopback servers only; the mock servers run on a runtime of their own.
#![cfg(feature = "blocking")]

use std::time::{Duration, Instant};

use quay_client::blocking::{BlockingIter, Client};
use quay_client::runtime::{pagination, Request};
use quay_client::{ApiResponse, ClientBuilder, Error, RetryPolicy};
use reqwest::Method;
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "blocking-test-token";

/// A mock server on a multi-threaded runtime, so it answers while the test's thread blocks.
fn mock_server() -> (tokio::runtime::Runtime, MockServer) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime for the mock server");
    let server = runtime.block_on(MockServer::start());
    (runtime, server)
}

fn builder_for(base: impl AsRef<str>) -> ClientBuilder {
    Client::builder()
        .base_url(base)
        .bearer_token(TOKEN)
        .retry_policy(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(5))
                .max_delay(Duration::from_millis(20)),
        )
}

fn client_for(server: &MockServer) -> Client {
    builder_for(server.uri()).build_blocking().expect("client")
}

/// One GET through the blocking path the generated `send_blocking()` takes.
fn get(client: &Client, path: &str) -> quay_client::Result<ApiResponse<Value>> {
    let request = Request::new("testOperation", Method::GET, path.to_owned());
    client.block_on("testOperation", client.execute(request))?
}

fn hits(runtime: &tokio::runtime::Runtime, server: &MockServer) -> usize {
    runtime
        .block_on(server.received_requests())
        .expect("recording is on")
        .len()
}

#[test]
fn a_5xx_is_retried_and_the_answer_decoded() {
    let (runtime, server) = mock_server();
    runtime.block_on(
        Mock::given(path("/api/v1/flaky"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .mount(&server),
    );
    runtime.block_on(
        Mock::given(path("/api/v1/flaky"))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
            .mount(&server),
    );
    let response = get(&client_for(&server), "/api/v1/flaky").expect("retried");
    assert_eq!(response.body(), &json!({"ok": true}));
    assert_eq!(hits(&runtime, &server), 2);
}

#[test]
fn a_4xx_is_an_api_error_sent_once() {
    let (runtime, server) = mock_server();
    runtime.block_on(
        Mock::given(path("/api/v1/missing"))
            .respond_with(ResponseTemplate::new(404).set_body_json(
                json!({"error_type": "not_found", "detail": "Not Found", "status": 404}),
            ))
            .mount(&server),
    );
    let err = get(&client_for(&server), "/api/v1/missing").expect_err("404");
    assert!(
        matches!(err, Error::Api { status, .. } if status.as_u16() == 404),
        "{err:?}"
    );
    assert!(err.to_string().contains("Not Found"), "{err}");
    assert_eq!(hits(&runtime, &server), 1);
}

#[test]
fn a_cross_origin_redirect_does_not_carry_the_token() {
    let (runtime, first) = mock_server();
    let second = runtime.block_on(MockServer::start());
    runtime.block_on(
        Mock::given(path("/api/v1/moved"))
            .respond_with(
                ResponseTemplate::new(302)
                    .insert_header("location", format!("{}/api/v1/here", second.uri())),
            )
            .mount(&first),
    );
    runtime.block_on(
        Mock::given(path("/api/v1/here"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
            .mount(&second),
    );
    get(&client_for(&first), "/api/v1/moved").expect("followed");
    let seen = runtime
        .block_on(second.received_requests())
        .expect("recording is on");
    assert_eq!(seen.len(), 1);
    assert!(
        !seen[0].headers.contains_key("authorization"),
        "the token crossed origins"
    );
}

#[test]
fn a_server_that_never_answers_hits_the_timeout() {
    let (runtime, server) = mock_server();
    runtime.block_on(
        Mock::given(path("/api/v1/slow"))
            .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
            .mount(&server),
    );
    let client = builder_for(server.uri())
        .timeout(Duration::from_millis(300))
        .build_blocking()
        .expect("client");
    let started = Instant::now();
    let err = get(&client, "/api/v1/slow").expect_err("times out");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_body_over_the_limit_is_refused() {
    let (runtime, server) = mock_server();
    runtime.block_on(
        Mock::given(path("/api/v1/big"))
            .respond_with(
                ResponseTemplate::new(200).set_body_raw("x".repeat(8192), "application/json"),
            )
            .mount(&server),
    );
    let client = builder_for(server.uri())
        .max_response_bytes(4096)
        .build_blocking()
        .expect("client");
    let err = get(&client, "/api/v1/big").expect_err("too big");
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 4096, .. }),
        "{err:?}"
    );
}

#[test]
fn a_token_over_plain_http_to_another_host_is_refused() {
    let err = builder_for("http://quay.example.com")
        .build_blocking()
        .expect_err("refused");
    assert!(matches!(err, Error::InsecureTransport { .. }), "{err:?}");
    builder_for("http://quay.example.com")
        .allow_insecure_http(true)
        .build_blocking()
        .expect("an explicit opt-in is allowed");
}

#[test]
fn pages_are_an_iterator_that_fetches_on_demand() {
    let (runtime, server) = mock_server();
    runtime.block_on(
        Mock::given(method("GET"))
            .and(path("/api/v1/list"))
            .and(query_param("next_page", "two"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [3]})))
            .mount(&server),
    );
    runtime.block_on(
        Mock::given(method("GET"))
            .and(path("/api/v1/list"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"items": [1, 2], "next_page": "two"})),
            )
            .mount(&server),
    );
    let client = client_for(&server);
    let inner = client.as_async().clone();
    let pages = pagination::by_next_page(move |token| {
        let inner = inner.clone();
        async move {
            let mut request = Request::new("testList", Method::GET, "/api/v1/list".into());
            if let Some(token) = token {
                request.query.push(("next_page", token));
            }
            inner.execute::<Value>(request).await
        }
    });
    let mut iter = BlockingIter::new(client.as_async().clone(), "testList", pages);
    let first = iter.next().expect("a first page").expect("decoded");
    assert_eq!(first["items"], json!([1, 2]));
    assert_eq!(
        hits(&runtime, &server),
        1,
        "the second page is fetched only when needed"
    );
    let second = iter.next().expect("a second page").expect("decoded");
    assert_eq!(second["items"], json!([3]));
    assert!(iter.next().is_none());
    assert!(iter.next().is_none(), "stays finished");
}

#[test]
fn blocking_inside_an_async_runtime_is_an_error_not_a_panic() {
    let (runtime, server) = mock_server();
    let client = client_for(&server);
    let err = runtime
        .block_on(async { get(&client, "/api/v1/anything") })
        .expect_err("cannot block inside a runtime");
    assert!(
        matches!(
            err,
            Error::Blocking {
                operation: "testOperation",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains(".send().await"), "{err}");
}

#[test]
fn an_async_client_cannot_block() {
    let async_client = quay_client::Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("client");
    let request = Request::new("testOperation", Method::GET, "/x".into());
    let err = async_client
        .block_on("testOperation", async_client.execute::<Value>(request))
        .expect_err("no runtime of its own");
    assert!(err.to_string().contains("build_blocking"), "{err}");
}

#[test]
fn debug_output_never_shows_the_token() {
    let client = builder_for("http://127.0.0.1:9")
        .build_blocking()
        .expect("client");
    let shown = format!("{client:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
}
