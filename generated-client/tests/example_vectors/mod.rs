//! Hand-written support of the generated `tests/examples.rs`: a loopback server that records
//! every request, and the comparison of a recorded request with the docs' example command.

use std::future::Future;
use std::pin::Pin;

use percent_encoding::percent_decode_str;
use quay_client::Client;
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// What the request of one example command must look like.
pub struct Vector {
    pub operation: &'static str,
    /// `file:line` of the example in the docs.
    pub example: &'static str,
    pub method: &'static str,
    /// The path with `*` for each segment the example writes as a placeholder.
    pub path: &'static str,
    /// Every query key of the example, each once, sorted.
    pub query_keys: &'static [&'static str],
    /// The example's JSON body: each key must be sent with the same JSON type (a
    /// `<placeholder>` value with any type).
    pub body: Option<&'static str>,
}

/// An example that is not replayed, and the overlay's reason.
pub struct Exception {
    pub operation: &'static str,
    pub example: &'static str,
    pub reason: &'static str,
}

/// Replays every vector against one loopback server, prints the counts and the exceptions, and
/// fails listing every vector whose recorded request differs.
pub async fn replay<F>(examples: usize, exceptions: &[Exception], vectors: &[Vector], send: F)
where
    F: Fn(Client, usize) -> Pin<Box<dyn Future<Output = ()> + std::marker::Send>>,
{
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw("{}", "application/json"))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("example-token")
        .build()
        .expect("a client for the loopback server");
    let mut failures = Vec::new();
    for (index, vector) in vectors.iter().enumerate() {
        let before = recorded(&server).await.len();
        send(client.clone(), index).await;
        let requests = recorded(&server).await;
        let problems = match &requests[before..] {
            [request] => differences(vector, request),
            other => vec![format!("{} requests recorded instead of one", other.len())],
        };
        failures.extend(
            problems
                .into_iter()
                .map(|p| format!("{} ({}): {p}", vector.example, vector.operation)),
        );
    }
    println!(
        "{examples} examples: {} match, {} recorded exceptions",
        vectors.len() - failures_by_example(&failures),
        exceptions.len()
    );
    for exception in exceptions {
        println!(
            "  exception {} ({}): {}",
            exception.example, exception.operation, exception.reason
        );
    }
    assert_eq!(
        vectors.len() + exceptions.len(),
        examples,
        "every example is replayed or excepted"
    );
    assert!(
        failures.is_empty(),
        "requests differ from the docs' examples:\n{}",
        failures.join("\n")
    );
}

fn failures_by_example(failures: &[String]) -> usize {
    let mut examples: Vec<&str> = failures
        .iter()
        .filter_map(|f| f.split(' ').next())
        .collect();
    examples.dedup();
    examples.len()
}

async fn recorded(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("the server records requests")
}

/// Every way `request` differs from `vector`.
pub fn differences(vector: &Vector, request: &Request) -> Vec<String> {
    let mut out = Vec::new();
    if request.method.as_str() != vector.method {
        out.push(format!(
            "method {} instead of {}",
            request.method, vector.method
        ));
    }
    if !path_matches(vector.path, request.url.path()) {
        out.push(format!(
            "path {} does not match {}",
            request.url.path(),
            vector.path
        ));
    }
    let mut keys: Vec<String> = request
        .url
        .query_pairs()
        .map(|(k, _)| k.into_owned())
        .collect();
    keys.sort();
    keys.dedup();
    let mut expected: Vec<&str> = vector.query_keys.to_vec();
    expected.sort();
    if keys != expected {
        out.push(format!("query keys {keys:?} instead of {expected:?}"));
    }
    if let Some(body) = vector.body {
        out.extend(body_differences(body, &request.body));
    }
    out
}

/// Segment by segment, `*` matching any one; empty segments (trailing slashes) do not count.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let expected: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let actual: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    expected.len() == actual.len()
        && expected
            .iter()
            .zip(&actual)
            .all(|(e, a)| *e == "*" || e == a)
}

fn body_differences(example: &str, sent: &[u8]) -> Vec<String> {
    let example: Value = serde_json::from_str(example).expect("the vector's body is JSON");
    let Ok(sent) = serde_json::from_slice::<Value>(sent) else {
        return vec!["the body sent is not JSON".into()];
    };
    match (example, sent) {
        (Value::Object(example), Value::Object(sent)) => object_differences(&example, &sent, ""),
        // An array body (a correction after the server): item by item.
        (Value::Array(example), Value::Array(sent)) if example.len() == sent.len() => example
            .iter()
            .zip(&sent)
            .enumerate()
            .flat_map(|(index, pair)| match pair {
                (Value::Object(example), Value::Object(sent)) => {
                    object_differences(example, sent, &format!("item {index}: "))
                }
                _ => vec![format!("item {index} of the body is not a JSON object")],
            })
            .collect(),
        (Value::Array(example), Value::Array(sent)) => vec![format!(
            "the body sent has {} items where the example has {}",
            sent.len(),
            example.len()
        )],
        (Value::Object(_), _) => vec!["the body sent is not a JSON object".into()],
        (Value::Array(_), _) => vec!["the body sent is not a JSON array".into()],
        _ => vec!["the example's body is neither a JSON object nor an array".into()],
    }
}

fn object_differences(
    example: &serde_json::Map<String, Value>,
    sent: &serde_json::Map<String, Value>,
    item: &str,
) -> Vec<String> {
    example
        .iter()
        .filter_map(|(key, value)| match sent.get(key) {
            None => Some(format!("{item}body key `{key}` not sent")),
            Some(got) if !same_json_type(value, got) => Some(format!(
                "{item}body key `{key}` sent as {got} where the example has {value}"
            )),
            Some(_) => None,
        })
        .collect()
}

/// JSON types as JSON has them (one number type); a `<placeholder>` string is any type.
fn same_json_type(example: &Value, sent: &Value) -> bool {
    let is_placeholder = example
        .as_str()
        .is_some_and(|s| s.len() > 2 && s.starts_with('<') && s.ends_with('>'));
    is_placeholder || std::mem::discriminant(example) == std::mem::discriminant(sent)
}

#[test]
fn paths_match_with_wildcards_and_decoded_segments() {
    assert!(path_matches(
        "/api/v1/repository/*/*/tag/",
        "/api/v1/repository/a/b/tag"
    ));
    assert!(path_matches(
        "/api/v1/user/robots/org+bot",
        "/api/v1/user/robots/org%2Bbot"
    ));
    assert!(!path_matches(
        "/api/v1/repository/*/*",
        "/api/v1/repository/a"
    ));
    assert!(!path_matches("/api/v1/user/x", "/api/v1/user/y"));
}

#[test]
fn bodies_compare_keys_and_json_types() {
    assert!(body_differences(
        r#"{"a": 1, "b": "<x>"}"#,
        br#"{"a": 2.5, "b": 3, "c": true}"#
    )
    .is_empty());
    let found = body_differences(r#"{"a": 1, "b": "s"}"#, br#"{"a": "1"}"#);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("`a` sent as \"1\""));
    assert!(found[1].contains("`b` not sent"));
}
