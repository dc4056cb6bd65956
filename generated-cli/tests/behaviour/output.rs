//! Output formats, `--all` streaming and progress, and how errors are reported.

use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{quay_against, quay_with_terminals, tag_json, TOKEN};

async fn tags_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/repository/ns/repo/tag/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "tags": [
                tag_json("latest", 1700000000, 1200, "sha256:aa"),
                tag_json("v1.0", 1600000000, 0, "sha256:bb")
            ],
            "page": 1,
            "has_additional": false
        })))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn json_is_pretty_on_a_terminal_and_compact_when_piped() {
    let server = tags_server().await;
    let url = server.uri();
    let env = [("QUAY_URL", url.as_str()), ("QUAY_TOKEN", TOKEN)];
    let args = ["tag", "list-repo-tags", "ns/repo"];
    let piped = quay_with_terminals(&args, &env, "", false, false).await;
    assert_eq!(piped.code, 0, "{piped:?}");
    assert_eq!(piped.stdout.lines().count(), 1, "{piped:?}");
    let terminal = quay_with_terminals(&args, &env, "", true, false).await;
    assert!(terminal.stdout.lines().count() > 10, "{terminal:?}");
    assert!(terminal.stdout.contains("\n  \"tags\": ["), "{terminal:?}");
    let parsed: serde_json::Value = serde_json::from_str(&terminal.stdout).expect("JSON");
    assert_eq!(
        parsed,
        serde_json::from_str::<serde_json::Value>(&piped.stdout).expect("JSON")
    );
    // -o forces either way.
    let pretty = quay_with_terminals(
        &["-o", "pretty", "tag", "list", "ns/repo"],
        &env,
        "",
        false,
        false,
    )
    .await;
    assert_eq!(pretty.stdout, terminal.stdout);
    let compact = quay_with_terminals(
        &["tag", "list", "ns/repo", "-o", "compact"],
        &env,
        "",
        true,
        false,
    )
    .await;
    assert_eq!(compact.stdout, piped.stdout);
}

#[tokio::test]
async fn list_answers_print_as_tables_with_the_typed_columns() {
    let server = tags_server().await;
    let output = quay_against(
        &server,
        &["tag", "list-repo-tags", "ns/repo", "-o", "table"],
    )
    .await;
    assert_eq!(output.code, 0, "{output:?}");
    let lines: Vec<&str> = output.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{output:?}");
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "NAME",
            "REVERSION",
            "START_TS",
            "MANIFEST_DIGEST",
            "IS_MANIFEST_LIST",
            "SIZE",
            "LAST_MODIFIED",
            "END_TS",
            "EXPIRATION",
            "IMMUTABLE"
        ]
    );
    assert!(lines[1].starts_with("latest"), "{output:?}");
    assert_eq!(
        lines[1].split_whitespace().collect::<Vec<_>>(),
        [
            "latest",
            "false",
            "1700000000",
            "sha256:aa",
            "false",
            "1200",
            "2026-12-01"
        ]
    );
    // Columns line up: every value starts where its header does.
    let at = lines[0].find("MANIFEST_DIGEST").expect("column");
    assert_eq!(lines[2].find("sha256:bb"), Some(at), "{output:?}");
}

#[tokio::test]
async fn table_output_of_a_command_without_a_list_is_a_usage_error_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let output = quay_against(&server, &["user", "get-logged-in-user", "-o", "table"]).await;
    assert_eq!(output.code, 2, "{output:?}");
    assert!(output.stderr.contains("'--output'"), "{output:?}");
}

async fn two_pages() -> MockServer {
    let server = MockServer::start().await;
    let tag = |n: usize| tag_json(&format!("t{n}"), 0, n as i64, "sha256:0");
    Mock::given(method("GET"))
        .and(path("/api/v1/repository/ns/repo/tag/"))
        .and(query_param("page", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "tags": (0..150).map(tag).collect::<Vec<_>>(), "page": 1, "has_additional": true
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/repository/ns/repo/tag/"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "tags": (150..160).map(tag).collect::<Vec<_>>(), "page": 2, "has_additional": false
        })))
        .expect(1)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn all_streams_every_item_as_a_json_line_with_progress_only_on_a_terminal() {
    let server = two_pages().await;
    let url = server.uri();
    let env = [("QUAY_URL", url.as_str()), ("QUAY_TOKEN", TOKEN)];
    let args = ["tag", "list-repo-tags", "ns/repo", "--all"];
    let piped = quay_with_terminals(&args, &env, "", false, false).await;
    assert_eq!(piped.code, 0, "{piped:?}");
    let names: Vec<String> = piped
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON line")["name"]
                .as_str()
                .expect("name")
                .to_string()
        })
        .collect();
    assert_eq!(names, (0..160).map(|n| format!("t{n}")).collect::<Vec<_>>());
    assert_eq!(
        piped.stderr, "",
        "no progress when stderr is not a terminal"
    );
    let server = two_pages().await;
    let url = server.uri();
    let env = [("QUAY_URL", url.as_str()), ("QUAY_TOKEN", TOKEN)];
    let terminal = quay_with_terminals(&args, &env, "", false, true).await;
    assert_eq!(terminal.stdout, piped.stdout);
    assert!(
        terminal.stderr.contains("100 item(s)"),
        "{:?}",
        terminal.stderr
    );
    assert!(
        terminal.stderr.ends_with("\r\x1b[2K"),
        "the progress line is cleared: {:?}",
        terminal.stderr
    );
}

#[tokio::test]
async fn all_with_a_table_collects_every_page() {
    let server = two_pages().await;
    let output = quay_against(&server, &["tag", "list", "ns/repo", "--all", "-o", "table"]).await;
    assert_eq!(output.code, 0, "{output:?}");
    assert_eq!(output.stdout.lines().count(), 161, "header and 160 rows");
}

#[tokio::test]
async fn api_errors_print_the_server_message_and_error_type_and_exit_1() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "status": 404, "error_message": "Not Found", "error_type": "not_found", "detail": "Not Found"
        })))
        .mount(&server)
        .await;
    let output = quay_against(&server, &["tag", "list-repo-tags", "ns/repo"]).await;
    assert_eq!(output.code, 1, "{output:?}");
    assert_eq!(output.stdout, "");
    assert!(
        output
            .stderr
            .starts_with("error: listRepoTags: the server answered 404 Not Found"),
        "{output:?}"
    );
    assert!(
        output.stderr.contains("Not Found (error type: not_found)"),
        "{output:?}"
    );
    assert!(!output.stderr.contains(TOKEN));
}

#[tokio::test]
async fn transport_errors_exit_1() {
    // Nothing listens there (connection refused), and it is retried twice.
    let output = crate::support::quay(
        &[
            "--url",
            crate::refused_url().as_str(),
            "user",
            "get-logged-in-user",
        ],
        &[("QUAY_TOKEN", TOKEN)],
        "",
    )
    .await;
    assert_eq!(output.code, 1, "{output:?}");
    assert!(
        output.stderr.contains("getLoggedInUser: transport error"),
        "{output:?}"
    );
}

#[tokio::test]
async fn an_empty_answer_prints_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/repository/ns/repo/tag/old"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let output = quay_against(&server, &["tag", "delete", "ns/repo", "old"]).await;
    assert_eq!((output.code, output.stdout.as_str()), (0, ""), "{output:?}");
}
