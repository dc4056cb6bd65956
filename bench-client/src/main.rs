//! The client's overhead over plain reqwest, measured side by side in one run against a
//! loopback server: a small GET, a listing of a few hundred tags decoded into typed items, and a
//! POST with a JSON body. Each round times one typed call and the same request made with
//! reqwest (alternating which goes first), so both see the same machine at the same moment.
//! The reqwest side decodes each answer into the same model types with `serde_json`, as a
//! caller of plain reqwest with those types would, and sends the same request the client sends
//! (the same `User-Agent` and `Accept` headers, set once on its reqwest client as a plain
//! reqwest caller would) over the same connection (the typed client is built on that reqwest
//! client), so the wire and the server's work are the same for both: the ratio is
//! the client's own overhead (request building, the token, retries, timeouts and limits,
//! pagination), not the types' decoding nor the length of the request. The reqwest side sets no
//! timeout, so the client's timer counts as its overhead.
//!
//! `cargo run --release -p bench-client -- [--rounds N]` prints one line per case with both
//! medians and their ratio; `cargo xtask bench` runs it.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const TOKEN: &str = "bench-token";
/// The `User-Agent` both sides send.
const USER_AGENT: &str = "quay-client-bench";
/// Tags in the listing case.
const TAGS: usize = 300;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let rounds = rounds_from_args().unwrap_or_else(|why| {
        eprintln!("bench-client: {why}");
        std::process::exit(2);
    });
    quay_client::runtime::install_crypto_provider();
    let base = serve().await;
    // The headers quay-client sends with every request (it asks for JSON).
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT,
        reqwest::header::HeaderValue::from_static("application/json"),
    );
    let raw = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(USER_AGENT)
        .default_headers(headers)
        .build()
        .expect("a reqwest client");
    // Both sides share one connection pool, so both talk over the same kept-alive connection:
    // two connections of their own can differ in latency by a few percent for the whole run
    // (which socket, which core handles it), more than the overhead measured here.
    let client = quay_client::Client::builder()
        .base_url(&base)
        .bearer_token(TOKEN)
        .user_agent(USER_AGENT)
        .reqwest_client(raw.clone())
        .build()
        .expect("a client of the loopback server");
    // Warm the connection pool and both paths.
    for _ in 0..20 {
        typed_get(&client).await;
        raw_get(&raw, &base).await;
    }
    println!(
        "client overhead over plain reqwest ({rounds} rounds each, medians, loopback server):"
    );
    let (typed, plain) = measure(rounds, || typed_get(&client), || raw_get(&raw, &base)).await;
    report("small GET (getLoggedInUser)", typed, plain);
    let (typed, plain) = measure(rounds, || typed_tags(&client), || raw_tags(&raw, &base)).await;
    report(
        &format!("listing of {TAGS} tags, typed items (listRepoTags)"),
        typed,
        plain,
    );
    let (typed, plain) = measure(rounds, || typed_post(&client), || raw_post(&raw, &base)).await;
    report("POST with a body (createRepo)", typed, plain);
}

fn rounds_from_args() -> Result<usize, String> {
    let mut args = std::env::args().skip(1);
    let mut rounds = 2000;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or("--rounds needs a positive number")?;
            }
            other => return Err(format!("unknown argument `{other}` (--rounds N)")),
        }
    }
    Ok(rounds)
}

/// Times `rounds` calls of each, alternating which goes first; returns both medians.
async fn measure<A, AF, B, BF>(rounds: usize, mut a: A, mut b: B) -> (Duration, Duration)
where
    A: FnMut() -> AF,
    AF: std::future::Future<Output = ()>,
    B: FnMut() -> BF,
    BF: std::future::Future<Output = ()>,
{
    let mut first = Vec::with_capacity(rounds);
    let mut second = Vec::with_capacity(rounds);
    for round in 0..rounds {
        if round % 2 == 0 {
            first.push(timed(a()).await);
            second.push(timed(b()).await);
        } else {
            second.push(timed(b()).await);
            first.push(timed(a()).await);
        }
    }
    (median(first), median(second))
}

async fn timed(call: impl std::future::Future<Output = ()>) -> Duration {
    let started = Instant::now();
    call.await;
    started.elapsed()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn report(case: &str, typed: Duration, plain: Duration) {
    let ratio = typed.as_secs_f64() / plain.as_secs_f64();
    println!(
        "  {case}: quay-client {:.1} µs, reqwest {:.1} µs, ratio {ratio:.3} ({:+.1} %)",
        typed.as_secs_f64() * 1e6,
        plain.as_secs_f64() * 1e6,
        (ratio - 1.0) * 100.0
    );
}

// ------------------------------------------------------------------ the calls

async fn typed_get(client: &quay_client::Client) {
    let user = client
        .user()
        .get_logged_in_user()
        .send()
        .await
        .expect("typed GET");
    assert!(user.body().email.is_some());
}

async fn raw_get(raw: &reqwest::Client, base: &str) {
    let body = raw
        .get(format!("{base}/api/v1/user/"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .expect("raw GET")
        .bytes()
        .await
        .expect("raw body");
    let user: quay_client::models::UserView = serde_json::from_slice(&body).expect("raw JSON");
    assert!(user.email.is_some());
}

async fn typed_tags(client: &quay_client::Client) {
    let tags: Vec<_> = client
        .tag()
        .list_repo_tags("bench/repo")
        .only_active_tags(true)
        .items()
        .collect()
        .await;
    assert_eq!(tags.len(), TAGS);
    assert!(tags.iter().all(Result::is_ok));
}

async fn raw_tags(raw: &reqwest::Client, base: &str) {
    let body = raw
        .get(format!(
            "{base}/api/v1/repository/bench/repo/tag/?onlyActiveTags=true&page=1"
        ))
        .bearer_auth(TOKEN)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .expect("raw listing")
        .bytes()
        .await
        .expect("raw body");
    let page: RawTagsPage = serde_json::from_slice(&body).expect("raw JSON");
    assert!(!page.has_additional);
    assert_eq!(page.tags.len(), TAGS);
}

/// What a plain reqwest caller decodes the listing into: the same item type as the client's.
#[derive(serde::Deserialize)]
struct RawTagsPage {
    tags: Vec<quay_client::models::ListRepoTagsTag>,
    has_additional: bool,
}

async fn typed_post(client: &quay_client::Client) {
    let body = quay_client::models::CreateRepoBody::new(
        "repo",
        quay_client::models::CreateRepoBodyVisibility::Private,
        "a benchmark",
    )
    .namespace("bench");
    client
        .repository()
        .create_repo(body)
        .send()
        .await
        .expect("typed POST");
}

async fn raw_post(raw: &reqwest::Client, base: &str) {
    let body = json!({"repository": "repo", "visibility": "private", "namespace": "bench", "description": "a benchmark"});
    let bytes = raw
        .post(format!("{base}/api/v1/repository"))
        .bearer_auth(TOKEN)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&body).expect("JSON"))
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .expect("raw POST")
        .bytes()
        .await
        .expect("raw body");
    let _: quay_client::models::CreateRepoResponse =
        serde_json::from_slice(&bytes).expect("raw JSON");
}

// ------------------------------------------------------------------ the server

/// A keep-alive HTTP/1.1 server on a free loopback port that answers the three cases with fixed
/// bodies; returns its base URL.
async fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    let user = json!({"username": "bench", "email": "bench@example.com", "verified": true, "anonymous": false}).to_string();
    let tags: Vec<Value> = (0..TAGS)
        .map(|n| json!({"name": format!("tag{n}"), "manifest_digest": format!("sha256:{n:064}"), "size": 1024 * n, "start_ts": 1_700_000_000 + n, "last_modified": "Tue, 01 Dec 2026 00:00:00 -0000", "reversion": false, "is_manifest_list": false}))
        .collect();
    let listing = json!({"tags": tags, "page": 1, "has_additional": false}).to_string();
    let created = json!({"namespace": "bench", "name": "repo", "kind": "image"}).to_string();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let (user, listing, created) = (user.clone(), listing.clone(), created.clone());
            tokio::spawn(async move { connection(stream, &user, &listing, &created).await });
        }
    });
    format!("http://{address}")
}

async fn connection(mut stream: TcpStream, user: &str, listing: &str, created: &str) {
    let mut buffer = Vec::new();
    loop {
        let Some(head_end) = read_head(&mut stream, &mut buffer).await else {
            return;
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).to_string();
        let length = content_length(&head);
        while buffer.len() < head_end + length {
            let mut chunk = [0u8; 8192];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        buffer.drain(..head_end + length);
        let (status, body) = if head.starts_with("POST /api/v1/repository ") {
            ("201 Created", created)
        } else if head.starts_with("GET /api/v1/repository/bench/repo/tag/") {
            ("200 OK", listing)
        } else if head.starts_with("GET /api/v1/user/ ") {
            ("200 OK", user)
        } else {
            ("404 Not Found", "{}")
        };
        let response = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// Reads until the end of a request head; its length including the blank line.
async fn read_head(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<usize> {
    loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            return Some(at + 4);
        }
        let mut chunk = [0u8; 8192];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

fn content_length(head: &str) -> usize {
    head.lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0)
}
