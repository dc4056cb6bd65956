//! `quay tag prune`: a dry run by default, `--yes` deletes, the newest `--keep` are kept, and
//! failures are reported with exit status 1.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::quay_against;

const DAY: i64 = 86_400;

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64
}

/// A repository with tags `latest` (today), `pr-1` (40 days), `pr-2` (50 days), `v1` (60 days)
/// and `pr-3` (1 day) on two pages; `deletable` tags may be deleted (each exactly `deletions`
/// times), `broken` ones answer 500.
async fn repository(deletable: &[&str], deletions: u64, broken: &[&str]) -> MockServer {
    let server = MockServer::start().await;
    let tag = |name: &str, age_days: i64| {
        crate::support::tag_json(name, now() - age_days * DAY, 0, "sha256:0")
    };
    Mock::given(method("GET"))
        .and(path("/api/v1/repository/ns/repo/tag/"))
        .and(query_param("onlyActiveTags", "true"))
        .and(query_param("page", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "tags": [tag("latest", 0), tag("pr-1", 40), tag("pr-2", 50)],
            "has_additional": true
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/repository/ns/repo/tag/"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "tags": [tag("v1", 60), tag("pr-3", 1)],
            "has_additional": false
        })))
        .expect(1)
        .mount(&server)
        .await;
    for name in deletable {
        Mock::given(method("DELETE"))
            .and(path(format!("/api/v1/repository/ns/repo/tag/{name}")))
            .respond_with(ResponseTemplate::new(204))
            .expect(deletions)
            .mount(&server)
            .await;
    }
    for name in broken {
        Mock::given(method("DELETE"))
            .and(path(format!("/api/v1/repository/ns/repo/tag/{name}")))
            .respond_with(
                ResponseTemplate::new(500).set_body_json(json!({"error_message": "disk on fire"})),
            )
            .mount(&server)
            .await;
    }
    // Anything else deleted fails the test through this mock's expectation.
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_dry_run_lists_what_would_be_deleted_and_deletes_nothing() {
    let server = repository(&["pr-1", "pr-2"], 0, &[]).await;
    let output = quay_against(
        &server,
        &[
            "tag",
            "prune",
            "ns/repo",
            "--older-than",
            "30d",
            "--pattern",
            "^pr-",
        ],
    )
    .await;
    assert_eq!(output.code, 0, "{output:?}");
    assert_eq!(
        output.stdout,
        "would delete ns/repo:pr-1\nwould delete ns/repo:pr-2\n"
    );
    assert!(
        output
            .stderr
            .contains("2 of 5 tag(s) would be deleted (dry run"),
        "{output:?}"
    );
}

#[tokio::test]
async fn yes_deletes_the_selected_tags_and_keeps_the_newest() {
    let server = repository(&["pr-2", "v1"], 1, &[]).await;
    let output = quay_against(
        &server,
        &[
            "tag",
            "prune",
            "ns/repo",
            "--older-than",
            "30d",
            "--keep",
            "3",
            "--yes",
        ],
    )
    .await;
    assert_eq!(output.code, 0, "{output:?}");
    // Newest first: latest, pr-3, pr-1 are kept; pr-2 and v1 are old enough.
    assert_eq!(output.stdout, "deleted ns/repo:pr-2\ndeleted ns/repo:v1\n");
    assert!(
        output.stderr.contains("2 of 5 tag(s) deleted, 0 failed"),
        "{output:?}"
    );
}

#[tokio::test]
async fn failures_are_reported_and_exit_1_after_the_other_deletions() {
    let server = repository(&["pr-2"], 1, &["pr-1"]).await;
    let output = quay_against(
        &server,
        &[
            "tag",
            "prune",
            "ns/repo",
            "--older-than",
            "30d",
            "--pattern",
            "^pr-",
            "--yes",
        ],
    )
    .await;
    assert_eq!(output.code, 1, "{output:?}");
    assert_eq!(output.stdout, "deleted ns/repo:pr-2\n");
    assert!(
        output
            .stderr
            .contains("failed ns/repo:pr-1: deleteFullTag: the server answered 500"),
        "{output:?}"
    );
    assert!(output.stderr.contains("disk on fire"), "{output:?}");
    assert!(
        output.stderr.contains("error: 1 of 2 deletion(s) failed"),
        "{output:?}"
    );
}

#[tokio::test]
async fn a_prune_without_a_rule_is_refused() {
    let server = MockServer::start().await;
    let output = quay_against(&server, &["tag", "prune", "ns/repo", "--yes"]).await;
    assert_eq!(output.code, 2, "{output:?}");
    assert!(output.stderr.contains("needs a rule"), "{output:?}");
}
