//! The harness of the CLI tests (hand-written; `tests/commands.rs` is generated on top of it):
//! runs `quay` in-process through `quay_cli::run` with a given environment and captured
//! streams, against wiremock servers on loopback that accept only the exact request.
#![allow(dead_code)]

use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The token every mock expects.
pub const TOKEN: &str = "cli-test-token";

/// One request a command must send, and the mock's answer.
pub struct Exchange {
    pub method: &'static str,
    pub path: &'static str,
    /// Every query pair, in order: nothing more is accepted.
    pub query: &'static [(&'static str, &'static str)],
    /// The JSON body the request must carry.
    pub body: Option<&'static str>,
    pub status: u16,
    /// The JSON the mock answers with; `None` is an empty body.
    pub response: Option<&'static str>,
}

/// What a run printed and its exit status.
#[derive(Debug)]
pub struct Output {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `quay ARGS` with exactly `env` (no HOME unless given, so no real configuration file is
/// read) and `stdin`; stdout and stderr are not terminals.
pub async fn quay(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    quay_with_terminals(args, env, stdin, false, false).await
}

/// [`quay`] with stdout and/or stderr claimed to be terminals.
pub async fn quay_with_terminals(
    args: &[&str],
    env: &[(&str, &str)],
    stdin: &str,
    stdout_is_terminal: bool,
    stderr_is_terminal: bool,
) -> Output {
    let env = quay_cli::Env::from_pairs(env.iter().copied());
    let mut input = stdin.as_bytes();
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let io = quay_cli::Io {
        stdin: &mut input,
        stdout: &mut stdout,
        stderr: &mut stderr,
        stdout_is_terminal,
        stderr_is_terminal,
    };
    let argv = std::iter::once("quay").chain(args.iter().copied());
    let code = quay_cli::run(argv, &env, io).await;
    Output {
        code,
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `quay ARGS` against `server` (QUAY_URL and QUAY_TOKEN set).
pub async fn quay_against(server: &MockServer, args: &[&str]) -> Output {
    let url = server.uri();
    quay(
        args,
        &[("QUAY_URL", url.as_str()), ("QUAY_TOKEN", TOKEN)],
        "",
    )
    .await
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
            && pairs
                .iter()
                .zip(expected)
                .all(|((n, v), (en, ev))| n == en && v == ev)
    }
}

/// Mounts a mock that answers `exchange` once, and only a request matching it exactly.
pub async fn expect_exchange(server: &MockServer, exchange: &Exchange) {
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

/// The command sends exactly the exchange's request, exits 0 and prints the answer's JSON.
pub async fn check_command(args: &[&str], exchange: &Exchange) {
    let server = MockServer::start().await;
    expect_exchange(&server, exchange).await;
    let output = quay_against(&server, args).await;
    assert_eq!(output.code, 0, "quay {args:?}: {output:?}");
    match exchange.response {
        Some(response) => {
            let printed: serde_json::Value =
                serde_json::from_str(&output.stdout).expect("stdout is JSON");
            assert_eq!(printed, json(response), "quay {args:?}");
            assert_eq!(
                output.stdout.lines().count(),
                1,
                "piped JSON is compact: {output:?}"
            );
        }
        None => assert_eq!(output.stdout, "", "quay {args:?}"),
    }
}

/// `--all` walks every page (each mocked exactly) and prints `lines`, one JSON value each.
pub async fn check_all(args: &[&str], pages: &[Exchange], lines: &[&str]) {
    let server = MockServer::start().await;
    for page in pages {
        expect_exchange(&server, page).await;
    }
    let output = quay_against(&server, args).await;
    assert_eq!(output.code, 0, "quay {args:?}: {output:?}");
    let printed: Vec<serde_json::Value> = output
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let expected: Vec<serde_json::Value> = lines.iter().map(|l| json(l)).collect();
    assert_eq!(printed, expected, "quay {args:?}");
}

/// A tag as the server sends it (every field the typed `ListRepoTagsTag` requires).
pub fn tag_json(name: &str, start_ts: i64, size: i64, digest: &str) -> serde_json::Value {
    serde_json::json!({
        "name": name,
        "reversion": false,
        "start_ts": start_ts,
        "manifest_digest": digest,
        "is_manifest_list": false,
        "size": size,
        "last_modified": "2026-12-01"
    })
}
