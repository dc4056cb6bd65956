//! Retries, redirects, timeouts, size limits, path encoding, transport security and concurrency
//! of the hand-written runtime, against loopback servers only.

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use quay_client::runtime::{PathBuilder, Request};
use quay_client::{ApiResponse, Client, ClientBuilder, Error, RetryPolicy};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

const TOKEN: &str = "transport-test-token";

/// Retries with waits short enough for tests.
fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
}

fn builder_for(base: impl AsRef<str>) -> ClientBuilder {
    Client::builder()
        .base_url(base)
        .bearer_token(TOKEN)
        .retry_policy(fast_retries())
}

fn request(method: Method, path: &str) -> Request {
    Request::new("testOperation", method, path.to_owned())
}

async fn call(
    client: &Client,
    method: Method,
    path: &str,
) -> quay_client::Result<ApiResponse<Value>> {
    client.execute(request(method, path)).await
}

async fn hits(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("recording is on")
        .len()
}

// ---------------------------------------------------------------- retries

#[tokio::test]
async fn retry_after_in_seconds_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v1/busy"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/api/v1/busy"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    let client = builder_for(server.uri()).build().expect("client");
    let started = Instant::now();
    let response = call(&client, Method::GET, "/api/v1/busy")
        .await
        .expect("second attempt succeeds");
    let waited = started.elapsed();
    assert_eq!(response.body(), &json!({"ok": true}));
    assert_eq!(hits(&server).await, 2);
    assert!(
        waited >= Duration::from_secs(1),
        "Retry-After: 1 was not honoured ({waited:?})"
    );
    assert!(waited < Duration::from_secs(5), "{waited:?}");
}

#[tokio::test]
async fn retry_after_as_http_date_is_honoured() {
    let server = MockServer::start().await;
    let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(60));
    Mock::given(path("/api/v1/busy"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", past.as_str()))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/api/v1/busy"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = builder_for(server.uri()).build().expect("client");
    let response = call(&client, Method::PUT, "/api/v1/busy")
        .await
        .expect("retried");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(hits(&server).await, 2);
}

#[tokio::test]
async fn retries_are_bounded() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v1/always-busy"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .mount(&server)
        .await;
    let client = builder_for(server.uri())
        .retry_policy(fast_retries().max_attempts(4))
        .build()
        .expect("client");
    let err = call(&client, Method::DELETE, "/api/v1/always-busy")
        .await
        .expect_err("never succeeds");
    assert_eq!(err.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(hits(&server).await, 4);
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_fails_at_once() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v1/later"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "3600"))
        .mount(&server)
        .await;
    let client = builder_for(server.uri())
        .retry_policy(fast_retries().max_retry_after(Duration::from_secs(5)))
        .build()
        .expect("client");
    let started = Instant::now();
    let err = call(&client, Method::GET, "/api/v1/later")
        .await
        .expect_err("gives up");
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(hits(&server).await, 1);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn post_is_retried_only_on_opt_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let client = builder_for(server.uri()).build().expect("client");
    let err = call(&client, Method::POST, "/api/v1/create")
        .await
        .expect_err("502");
    assert_eq!(err.status(), Some(StatusCode::BAD_GATEWAY));
    assert_eq!(
        hits(&server).await,
        1,
        "POST must not be retried by default"
    );

    let client = builder_for(server.uri())
        .retry_policy(fast_retries().retry_post(true))
        .build()
        .expect("client");
    call(&client, Method::POST, "/api/v1/create")
        .await
        .expect_err("502");
    assert_eq!(hits(&server).await, 1 + 3);
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v1/broken"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let client = builder_for(server.uri()).build().expect("client");
    let err = call(&client, Method::GET, "/api/v1/broken")
        .await
        .expect_err("500");
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(hits(&server).await, 1);
}

#[tokio::test]
async fn connection_errors_are_retried_with_backoff() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = closed.local_addr().expect("address");
    drop(closed);
    let policy = RetryPolicy::default()
        .base_delay(Duration::from_millis(40))
        .max_delay(Duration::from_millis(80));
    let client = builder_for(format!("http://{address}"))
        .retry_policy(policy)
        .build()
        .expect("client");
    let started = Instant::now();
    let err = call(&client, Method::GET, "/api/v1/x")
        .await
        .expect_err("nothing listens");
    // Two backoffs of at least 20 ms and 40 ms (equal jitter keeps half of each step).
    assert!(
        started.elapsed() >= Duration::from_millis(60),
        "{:?}",
        started.elapsed()
    );
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

// ---------------------------------------------------------------- paths

#[tokio::test]
async fn hostile_path_parameters_cannot_change_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = builder_for(server.uri()).build().expect("client");
    let cases = [
        ("../../../user", "..%2F..%2F..%2Fuser"),
        ("x?admin=true", "x%3Fadmin%3Dtrue"),
        ("frag#ment", "frag%23ment"),
        ("sp ace", "sp%20ace"),
        ("%2e%2e", "%252e%252e"),
        ("ünï©ødé", "%C3%BCn%C3%AF%C2%A9%C3%B8d%C3%A9"),
    ];
    for (value, encoded) in cases {
        let path = PathBuilder::new("getRepoTag")
            .literal("/api/v1/repository/")
            .repository("repository", "my org/re?po")
            .expect("valid repository")
            .literal("/tag/")
            .segment("tag", value)
            .expect("valid segment")
            .literal("/images")
            .finish();
        call(&client, Method::GET, &path).await.expect("200");
        let received = server.received_requests().await.expect("recording");
        let url = &received.last().expect("one request").url;
        assert_eq!(
            url.path(),
            format!("/api/v1/repository/my%20org/re%3Fpo/tag/{encoded}/images"),
            "value {value:?}"
        );
        assert_eq!(url.query(), None, "value {value:?}");
    }
    for value in ["..", ".", ""] {
        let err = PathBuilder::new("getRepoTag")
            .literal("/tag/")
            .segment("tag", value)
            .expect_err("refused");
        assert!(
            err.to_string().contains("getRepoTag") && err.to_string().contains("`tag`"),
            "{err}"
        );
    }
    let err = PathBuilder::new("getRepo")
        .repository("repository", "../etc/passwd")
        .expect_err("two slashes");
    assert!(matches!(
        err,
        Error::InvalidArgument {
            argument: "repository",
            ..
        }
    ));
}

// ---------------------------------------------------------------- redirects

#[tokio::test]
async fn a_cross_origin_redirect_does_not_carry_the_token() {
    let origin = MockServer::start().await;
    let other = MockServer::start().await;
    Mock::given(path("/api/v1/start"))
        .respond_with(ResponseTemplate::new(302).insert_header(
            "location",
            format!("{}/api/v1/landing", other.uri()).as_str(),
        ))
        .mount(&origin)
        .await;
    Mock::given(path("/api/v1/landing"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"landed": true})))
        .mount(&other)
        .await;
    let client = builder_for(origin.uri()).build().expect("client");
    let response = call(&client, Method::GET, "/api/v1/start")
        .await
        .expect("followed");
    assert_eq!(response.body(), &json!({"landed": true}));

    let first = origin.received_requests().await.expect("recording");
    assert_eq!(first.len(), 1);
    assert!(
        first[0].headers.contains_key("authorization"),
        "the base origin gets the token"
    );
    let second = other.received_requests().await.expect("recording");
    assert_eq!(second.len(), 1);
    assert!(
        !second[0].headers.contains_key("authorization"),
        "token leaked to another origin: {:?}",
        second[0].headers
    );
}

#[tokio::test]
async fn a_same_origin_redirect_keeps_the_token_and_303_turns_into_get() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v1/moved"))
        .respond_with(ResponseTemplate::new(303).insert_header("location", "/api/v1/here"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/here"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"here": true})))
        .mount(&server)
        .await;
    let client = builder_for(server.uri()).build().expect("client");
    let mut post = request(Method::POST, "/api/v1/moved");
    post.body = Some(json!({"name": "x"}));
    let response: ApiResponse<Value> = client.execute(post).await.expect("followed");
    assert_eq!(response.body(), &json!({"here": true}));
    let received = server.received_requests().await.expect("recording");
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].method.as_str(), "POST");
    assert_eq!(received[0].body, br#"{"name":"x"}"#);
    assert_eq!(received[1].method.as_str(), "GET");
    assert!(received[1].body.is_empty());
    assert_eq!(
        received[1].headers["authorization"],
        format!("Bearer {TOKEN}").as_str()
    );
}

#[tokio::test]
async fn a_redirect_loop_stops_at_the_limit() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v1/loop"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/api/v1/loop"))
        .mount(&server)
        .await;
    let client = builder_for(server.uri())
        .max_redirects(5)
        .build()
        .expect("client");
    let err = call(&client, Method::GET, "/api/v1/loop")
        .await
        .expect_err("loop");
    assert!(
        matches!(err, Error::TooManyRedirects { limit: 5, .. }),
        "{err:?}"
    );
    assert_eq!(hits(&server).await, 6);
}

// ---------------------------------------------------------------- timeouts and size limits

/// A loopback server that answers each connection (at most a few) with `handler`.
async fn raw_server<F, Fut>(handler: F) -> SocketAddr
where
    F: Fn(TcpStream) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        for _ in 0..4 {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(handler(stream));
        }
    });
    address
}

/// Reads up to the end of the request head (bounded).
async fn read_head(stream: &mut TcpStream) {
    let mut head = Vec::new();
    let mut buffer = [0u8; 1024];
    while head.len() < 16 * 1024 && !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(read) => head.extend_from_slice(&buffer[..read]),
        }
    }
}

fn quick_timeout_client(address: SocketAddr) -> Client {
    builder_for(format!("http://{address}"))
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client")
}

#[tokio::test]
async fn headers_then_a_stall_hit_the_timeout() {
    let address = raw_server(|mut stream| async move {
        read_head(&mut stream).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"a\":";
        let _ = stream.write_all(head.as_bytes()).await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let started = Instant::now();
    let err = call(&quick_timeout_client(address), Method::GET, "/api/v1/slow")
        .await
        .expect_err("stalls");
    assert!(
        matches!(
            err,
            Error::Timeout {
                operation: "testOperation"
            }
        ),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_server_that_never_answers_hits_the_timeout() {
    let address = raw_server(|mut stream| async move {
        read_head(&mut stream).await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let err = call(
        &quick_timeout_client(address),
        Method::GET,
        "/api/v1/silent",
    )
    .await
    .expect_err("silent");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
}

#[tokio::test]
async fn an_announced_body_over_the_limit_is_refused() {
    let server = MockServer::start().await;
    let exact = format!("\"{}\"", "a".repeat(4094));
    Mock::given(path("/api/v1/big"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("x".repeat(8192), "application/json"))
        .mount(&server)
        .await;
    Mock::given(path("/api/v1/exact"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(exact.clone(), "application/json"))
        .mount(&server)
        .await;
    let client = builder_for(server.uri())
        .max_response_bytes(4096)
        .build()
        .expect("client");
    let err = call(&client, Method::GET, "/api/v1/big")
        .await
        .expect_err("too big");
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 4096, .. }),
        "{err:?}"
    );
    let response = call(&client, Method::GET, "/api/v1/exact")
        .await
        .expect("exactly at the limit");
    assert_eq!(response.body().as_str().map(str::len), Some(4094));
}

#[tokio::test]
async fn an_endless_chunked_body_is_cut_at_the_limit() {
    let address = raw_server(|mut stream| async move {
        read_head(&mut stream).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = format!("200\r\n{}\r\n", "7".repeat(0x200));
        for _ in 0..256 {
            if stream.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n").await;
    })
    .await;
    let client = builder_for(format!("http://{address}"))
        .max_response_bytes(4096)
        .build()
        .expect("client");
    let err = call(&client, Method::GET, "/api/v1/endless")
        .await
        .expect_err("too big");
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 4096, .. }),
        "{err:?}"
    );
}

// ---------------------------------------------------------------- configuration

#[test]
fn a_token_over_plain_http_needs_an_explicit_opt_in() {
    let err = Client::builder()
        .base_url("http://quay.example.com")
        .bearer_token(TOKEN)
        .build()
        .expect_err("refused");
    assert!(
        matches!(err, Error::InsecureTransport { ref host } if host == "quay.example.com"),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("allow_insecure_http(true)") && message.contains("https://"),
        "{message}"
    );
    assert!(!message.contains(TOKEN));

    let allowed = Client::builder()
        .base_url("http://quay.example.com")
        .bearer_token(TOKEN)
        .allow_insecure_http(true)
        .build();
    assert!(allowed.is_ok());
    for base in [
        "http://127.0.0.1:8080",
        "http://localhost",
        "http://[::1]:9000",
        "https://quay.example.com",
    ] {
        let built = Client::builder().base_url(base).bearer_token(TOKEN).build();
        assert!(built.is_ok(), "{base}: {built:?}");
    }
    let anonymous = Client::builder()
        .base_url("http://quay.example.com")
        .build();
    assert!(anonymous.is_ok(), "no token, nothing to protect");
}

#[test]
fn builder_errors_are_explained() {
    let err = Client::builder()
        .base_url("https://quay.example.com")
        .add_root_certificate("not a certificate")
        .build()
        .expect_err("bad PEM");
    assert!(
        matches!(err, Error::Config { ref reason } if reason.contains("#1")),
        "{err:?}"
    );

    // Before any quay Client exists, reqwest needs the provider to build a client of its own.
    quay_client::runtime::install_crypto_provider();
    let err = Client::builder()
        .base_url("https://quay.example.com")
        .reqwest_client(reqwest::Client::new())
        .danger_accept_invalid_certs(true)
        .build()
        .expect_err("conflicting TLS settings");
    assert!(err.to_string().contains("reqwest::Client"), "{err}");

    let err = Client::builder().build().expect_err("no base URL");
    assert!(err.to_string().contains("base_url"), "{err}");

    let custom = Client::builder()
        .base_url("https://quay.example.com")
        .reqwest_client(reqwest::Client::new())
        .user_agent("my-tool/1.0")
        .timeout(Duration::from_secs(5))
        .danger_accept_invalid_certs(false)
        .build();
    assert!(custom.is_ok(), "{custom:?}");
    let insecure = Client::builder()
        .base_url("https://quay.example.com")
        .danger_accept_invalid_certs(true)
        .build();
    assert!(insecure.is_ok(), "{insecure:?}");
}

#[tokio::test]
async fn the_user_agent_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = builder_for(server.uri())
        .user_agent("my-tool/1.0")
        .build()
        .expect("client");
    call(&client, Method::GET, "/api/v1/x").await.expect("200");
    let default = builder_for(server.uri()).build().expect("client");
    call(&default, Method::GET, "/api/v1/x").await.expect("200");
    let received = server.received_requests().await.expect("recording");
    assert_eq!(received[0].headers["user-agent"], "my-tool/1.0");
    assert!(received[1].headers["user-agent"]
        .to_str()
        .expect("ascii")
        .starts_with("quay-client/"));
}

// ---------------------------------------------------------------- concurrency

fn assert_shareable<T: Clone + Send + Sync + 'static>() {}

/// Answers `/api/v1/item/<n>` by `n % 3`: 0 succeeds at once, 1 is rate limited on the first
/// hit, 2 is always unavailable. Counts hits per path.
struct FlakyItems {
    hits: Arc<Mutex<HashMap<String, u32>>>,
}

impl Respond for FlakyItems {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let path = request.url.path().to_owned();
        let hit = {
            let mut hits = self.hits.lock().expect("not poisoned");
            let count = hits.entry(path.clone()).or_insert(0);
            *count += 1;
            *count
        };
        let number: u64 = path
            .rsplit('/')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        match (number % 3, hit) {
            (1, 1) => ResponseTemplate::new(429).insert_header("retry-after", "0"),
            (2, _) => ResponseTemplate::new(503).insert_header("retry-after", "0"),
            _ => ResponseTemplate::new(200).set_body_json(json!({"item": number})),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundreds_of_concurrent_calls_share_one_client() {
    assert_shareable::<Client>();
    const CALLS: u64 = 300;
    let server = MockServer::start().await;
    let hits = Arc::new(Mutex::new(HashMap::new()));
    Mock::given(method("GET"))
        .respond_with(FlakyItems { hits: hits.clone() })
        .mount(&server)
        .await;
    let client = builder_for(server.uri()).build().expect("client");
    let calls: Vec<_> = (0..CALLS)
        .map(|number| {
            let client = client.clone();
            tokio::spawn(async move {
                let result = call(&client, Method::GET, &format!("/api/v1/item/{number}")).await;
                (number, result)
            })
        })
        .collect();
    let deadline = Duration::from_secs(60);
    for task in calls {
        let (number, result) = tokio::time::timeout(deadline, task)
            .await
            .expect("every call ends")
            .expect("no panic");
        match number % 3 {
            2 => assert_eq!(
                result.expect_err("always unavailable").status(),
                Some(StatusCode::SERVICE_UNAVAILABLE)
            ),
            _ => assert_eq!(result.expect("succeeds").body(), &json!({"item": number})),
        }
    }
    {
        let hits = hits.lock().expect("not poisoned");
        assert_eq!(hits.len() as u64, CALLS);
        for (path, count) in hits.iter() {
            let number: u64 = path
                .rsplit('/')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("number");
            let expected = [1, 2, 3][(number % 3) as usize];
            assert_eq!(*count, expected, "{path}");
        }
    }
    // 300 joins of finished tasks can use up this task's cooperative budget without yielding;
    // the mock server's `Drop` then blocks on an async lock that tokio keeps refusing, and spins
    // forever. A yield gives the task a fresh budget before the server is dropped.
    tokio::task::yield_now().await;
    drop(server);
}

// ---------------------------------------------------------------- TLS

const TEST_CA: &str = include_str!("runtime_fixtures/ca.pem");
const SERVER_CERT: &str = include_str!("runtime_fixtures/server.pem");
const SERVER_KEY: &str = include_str!("runtime_fixtures/server.key");

/// A loopback HTTPS server (certificate signed by the test CA) that answers `{"tls":true}`.
async fn tls_server() -> SocketAddr {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};

    let certificates = CertificateDer::pem_slice_iter(SERVER_CERT.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("server certificate");
    let key = PrivateKeyDer::from_pem_slice(SERVER_KEY.as_bytes()).expect("server key");
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocol versions")
    .with_no_client_auth()
    .with_single_cert(certificates, key)
    .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    raw_server(move |stream| {
        let acceptor = acceptor.clone();
        async move {
            // A client that rejects the certificate ends the handshake; that is expected.
            let Ok(mut stream) = acceptor.accept(stream).await else { return };
            let mut head = Vec::new();
            let mut buffer = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => return,
                    Ok(read) => head.extend_from_slice(&buffer[..read]),
                }
            }
            let body = r#"{"tls":true}"#;
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(answer.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
    })
    .await
}

#[tokio::test]
async fn a_private_ca_is_trusted_only_when_added() {
    let address = tls_server().await;
    let base = format!("https://127.0.0.1:{}", address.port());

    let strict = builder_for(&base)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let err = call(&strict, Method::GET, "/api/v1/discovery")
        .await
        .expect_err("unknown CA");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");

    let trusting = builder_for(&base)
        .add_root_certificate(TEST_CA)
        .build()
        .expect("client");
    let response = call(&trusting, Method::GET, "/api/v1/discovery")
        .await
        .expect("trusted CA");
    assert_eq!(response.body(), &json!({"tls": true}));

    let careless = builder_for(&base)
        .danger_accept_invalid_certs(true)
        .build()
        .expect("client");
    let response = call(&careless, Method::GET, "/api/v1/discovery")
        .await
        .expect("accepted");
    assert_eq!(response.body(), &json!({"tls": true}));
}
