//! The built `quay` executable, as a cron job or another program runs it: environment
//! configuration, compact JSON on a pipe, exit statuses.

use std::process::{Command, Stdio};

use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn quay() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quay"));
    command
        .env_clear()
        .env("HOME", "/nonexistent")
        .stdin(Stdio::null());
    command
}

#[tokio::test]
async fn the_binary_reads_quay_url_and_quay_token_and_prints_compact_json() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/user/"))
        .and(header("authorization", "Bearer bin-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"username": "me"})))
        .expect(1)
        .mount(&server)
        .await;
    let output = quay()
        .args(["user", "get-logged-in-user"])
        .env("QUAY_URL", server.uri())
        .env("QUAY_TOKEN", "bin-token")
        .output()
        .expect("quay runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(output.stdout, b"{\"username\":\"me\"}\n");
}

#[test]
fn exit_statuses_are_0_2_and_1() {
    let help = quay().arg("--help").output().expect("quay runs");
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage: quay"));
    let usage = quay()
        .args(["tag", "list-repo-tags", "--bogus"])
        .output()
        .expect("quay runs");
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("--bogus"));
    let transport = quay()
        .args([
            "--url",
            crate::refused_url().as_str(),
            "discovery",
            "discovery",
        ])
        .output()
        .expect("quay runs");
    assert_eq!(transport.status.code(), Some(1), "{transport:?}");
    assert!(String::from_utf8_lossy(&transport.stderr).starts_with("error: "));
}
