//! Error mapping, hostile bodies, success shapes and token redaction of the hand-written runtime.

use quay_client::runtime::{PathBuilder, Request};
use quay_client::{ApiResponse, Client, Error, ErrorBody, RetryPolicy};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "tok-3f9a-SECRET-value";

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client")
}

async fn answer(template: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/thing"))
        .respond_with(template)
        .mount(&server)
        .await;
    let client = client_for(&server);
    (server, client)
}

async fn get<T: serde::de::DeserializeOwned>(
    client: &Client,
) -> quay_client::Result<ApiResponse<T>> {
    let path = PathBuilder::new("getThing")
        .literal("/api/v1/thing")
        .finish();
    client
        .execute(Request::new("getThing", Method::GET, path))
        .await
}

fn api_error(result: quay_client::Result<ApiResponse<Value>>) -> (StatusCode, ErrorBody, String) {
    match result {
        Err(err @ Error::Api { .. }) => {
            let shown = err.to_string();
            let Error::Api {
                status,
                body,
                operation,
            } = err
            else {
                unreachable!()
            };
            assert_eq!(operation, "getThing");
            (status, body, shown)
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn documented_api_error_body() {
    let body = json!({"status": 404, "type": "https://quay.example/api/v1/error/not_found",
        "title": "not_found", "detail": "Not Found", "error_message": "Not Found"});
    let (_server, client) = answer(ResponseTemplate::new(404).set_body_json(body)).await;
    let (status, body, shown) = api_error(get(&client).await);
    assert_eq!(status, StatusCode::NOT_FOUND);
    let ErrorBody::Documented(error) = body else {
        panic!("expected Documented, got {body:?}")
    };
    assert_eq!(error.status, Some(404));
    assert_eq!(error.title.as_deref(), Some("not_found"));
    assert!(
        shown.contains("getThing") && shown.contains("404") && shown.contains("Not Found"),
        "{shown}"
    );
}

#[tokio::test]
async fn message_api_error_body() {
    let (_server, client) =
        answer(ResponseTemplate::new(403).set_body_json(json!({"message": "You are not allowed"})))
            .await;
    let (status, body, shown) = api_error(get(&client).await);
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body, ErrorBody::Message("You are not allowed".into()));
    assert!(shown.contains("You are not allowed"), "{shown}");
}

#[tokio::test]
async fn plain_text_api_error_body() {
    let (_server, client) =
        answer(ResponseTemplate::new(400).set_body_string("bad request, sorry")).await;
    let (status, body, _) = api_error(get(&client).await);
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body, ErrorBody::Text("bad request, sorry".into()));
}

#[tokio::test]
async fn html_500_page_is_kept_whole_and_shown_by_its_title() {
    let page = format!(
        "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body>{}</body></html>",
        "<p>Something broke.</p>".repeat(200)
    );
    let (_server, client) =
        answer(ResponseTemplate::new(500).set_body_raw(page.clone(), "text/html")).await;
    let (status, body, shown) = api_error(get(&client).await);
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        body,
        ErrorBody::Html {
            summary: "500 Internal Server Error".into(),
            page: page.clone(),
        }
    );
    assert!(shown.contains("500 Internal Server Error"), "{shown}");
    assert!(!shown.contains('<'), "markup in {shown}");
    assert!(
        shown.len() < 400,
        "Display must stay short: {} bytes",
        shown.len()
    );
}

#[tokio::test]
async fn empty_401() {
    let (_server, client) = answer(ResponseTemplate::new(401)).await;
    let (status, body, shown) = api_error(get(&client).await);
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body, ErrorBody::Empty);
    assert!(shown.contains("401"), "{shown}");
}

#[tokio::test]
async fn any_2xx_is_success_with_status_and_headers() {
    for (code, body) in [
        (200, Some(json!({"id": 1}))),
        (201, Some(json!({"id": 2}))),
        (202, None),
        (204, None),
    ] {
        let mut template = ResponseTemplate::new(code).insert_header("x-request-id", "abc");
        if let Some(body) = &body {
            template = template.set_body_json(body);
        }
        let (_server, client) = answer(template).await;
        let response: ApiResponse<Value> = get(&client).await.expect("2xx is success");
        assert_eq!(response.status().as_u16(), code);
        assert_eq!(response.headers()["x-request-id"], "abc");
        assert_eq!(response.body(), &body.unwrap_or(Value::Null));
    }
}

#[tokio::test]
async fn empty_body_into_a_type_that_needs_data_keeps_the_raw_text() {
    let (_server, client) = answer(ResponseTemplate::new(200)).await;
    let result: quay_client::Result<ApiResponse<Vec<String>>> = get(&client).await;
    assert!(
        matches!(result, Err(Error::Decode { ref raw, status, .. }) if raw.is_empty() && status == StatusCode::OK),
        "{result:?}"
    );
    let unit: ApiResponse<()> = get(&client).await.expect("unit accepts an empty body");
    assert_eq!(unit.status(), StatusCode::OK);
}

fn decode_error<T: std::fmt::Debug>(
    result: quay_client::Result<ApiResponse<T>>,
) -> (String, serde_json::Error) {
    match result {
        Err(Error::Decode {
            operation,
            status,
            raw,
            source,
        }) => {
            assert_eq!(operation, "getThing");
            assert_eq!(status, StatusCode::OK);
            (raw, source)
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)] // fields exist to be decoded
struct Repository {
    name: String,
    size: u64,
}

#[tokio::test]
async fn hostile_bodies_become_decode_errors() {
    // Invalid UTF-8 inside a JSON string.
    let (_server, client) = answer(
        ResponseTemplate::new(200)
            .set_body_raw(b"{\"name\": \"\xff\xfe\"}".to_vec(), "application/json"),
    )
    .await;
    let (raw, _) = decode_error(get::<Value>(&client).await);
    assert!(raw.contains('\u{fffd}') && raw.contains("name"), "{raw}");

    // Truncated JSON.
    let (_server, client) =
        answer(ResponseTemplate::new(200).set_body_raw(r#"{"name": "a", "si"#, "application/json"))
            .await;
    let (raw, source) = decode_error(get::<Value>(&client).await);
    assert_eq!(raw, r#"{"name": "a", "si"#);
    assert!(source.is_eof(), "{source}");

    // JSON of the wrong type.
    let (_server, client) =
        answer(ResponseTemplate::new(200).set_body_json(json!({"name": 5, "size": 1}))).await;
    let (raw, source) = decode_error(get::<Repository>(&client).await);
    assert!(
        source.is_data() && raw.contains("\"name\":5"),
        "{source} / {raw}"
    );

    // A number too large for its field, and one too large for any float.
    let (_server, client) = answer(ResponseTemplate::new(200).set_body_raw(
        r#"{"name": "a", "size": 123456789012345678901234567890}"#,
        "application/json",
    ))
    .await;
    let (raw, _) = decode_error(get::<Repository>(&client).await);
    assert!(raw.contains("123456789012345678901234567890"), "{raw}");
    let (_server, client) =
        answer(ResponseTemplate::new(200).set_body_raw(r#"{"size": 1e999}"#, "application/json"))
            .await;
    decode_error(get::<Value>(&client).await);

    // Deeply nested JSON hits serde_json's recursion limit instead of the stack.
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (_server, client) =
        answer(ResponseTemplate::new(200).set_body_raw(nested.clone(), "application/json")).await;
    let (raw, source) = decode_error(get::<Value>(&client).await);
    assert_eq!(raw.len(), nested.len());
    assert!(source.to_string().contains("recursion"), "{source}");
}

#[tokio::test]
async fn token_is_sent_but_never_shown() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v1/thing"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"message": format!("invalid token Bearer {TOKEN}")})),
        )
        .mount(&server)
        .await;
    let client = client_for(&server);
    let err = get::<Value>(&client).await.expect_err("401");
    let received = server.received_requests().await.expect("recording");
    assert_eq!(
        received[0].headers["authorization"],
        format!("Bearer {TOKEN}").as_str()
    );

    let builder = Client::builder().base_url(server.uri()).bearer_token(TOKEN);
    let shown = [
        format!("{err}"),
        format!("{err:?}"),
        format!("{client:?}"),
        format!("{builder:?}"),
    ];
    for text in &shown {
        assert!(!text.contains(TOKEN), "token leaked: {text}");
    }
    assert!(shown[0].contains("[redacted]"), "{}", shown[0]);
    assert!(shown[2].contains("[redacted]") && shown[3].contains("[redacted]"));

    // A transport error (nothing listening) does not show it either.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = closed.local_addr().expect("address");
    drop(closed);
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .bearer_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let err = get::<Value>(&client).await.expect_err("nothing listens");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains(TOKEN));
}
