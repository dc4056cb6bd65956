//! Prunes the tags of a repository: lists every active tag (all pages), selects those matching a
//! rule, and deletes them, or only prints them with `--dry-run`.
//!
//! ```text
//! QUAY_URL=https://quay.example.com QUAY_TOKEN=... \
//!   cargo run -p quay-client --example prune_tags -- \
//!   --repository ns/repo [--pattern REGEX] [--older-than-days N] [--dry-run]
//! ```
//!
//! A tag is pruned when it matches every rule given: its name matches `--pattern`, and it was
//! created (`start_ts`) more than `--older-than-days` days ago. At least one rule is required.
//! The token needs `repo:write` on the repository (`repo:read` is enough for `--dry-run`).

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use futures_util::StreamExt;
use quay_client::Client;
use regex::Regex;

/// Which tags to delete.
struct Rule {
    pattern: Option<Regex>,
    older_than_days: Option<u64>,
}

impl Rule {
    /// Whether a tag (one item of a page's `tags` array) is to be pruned at `now` (Unix seconds).
    fn selects(&self, tag: &serde_json::Value, now: u64) -> bool {
        let Some(name) = tag.get("name").and_then(|n| n.as_str()) else {
            return false;
        };
        let name_matches = self.pattern.as_ref().is_none_or(|p| p.is_match(name));
        let old_enough = self.older_than_days.is_none_or(|days| {
            tag.get("start_ts")
                .and_then(|t| t.as_u64())
                .is_some_and(|start| now.saturating_sub(start) > days * 24 * 60 * 60)
        });
        name_matches && old_enough
    }
}

struct Options {
    repository: String,
    rule: Rule,
    dry_run: bool,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut repository = None;
    let mut pattern = None;
    let mut older_than_days = None;
    let mut dry_run = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--repository" => repository = Some(value("--repository")?),
            "--pattern" => {
                let text = value("--pattern")?;
                pattern = Some(Regex::new(&text).map_err(|e| format!("--pattern: {e}"))?);
            }
            "--older-than-days" => {
                let text = value("--older-than-days")?;
                older_than_days = Some(
                    text.parse()
                        .map_err(|_| format!("--older-than-days: not a number: {text}"))?,
                );
            }
            "--dry-run" => dry_run = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let repository = repository.ok_or("--repository ns/name is required")?;
    if pattern.is_none() && older_than_days.is_none() {
        return Err("give at least one rule: --pattern or --older-than-days".into());
    }
    Ok(Options {
        repository,
        rule: Rule {
            pattern,
            older_than_days,
        },
        dry_run,
    })
}

/// Every active tag name of the repository that the rule selects, across all pages.
async fn select_tags(
    client: &Client,
    options: &Options,
    now: u64,
) -> quay_client::Result<Vec<String>> {
    let pages = client
        .tag()
        .list_repo_tags(options.repository.as_str())
        .only_active_tags(true)
        .limit(100)
        .pages();
    // The stream is not `Unpin`; pinning it on the stack lets `next()` borrow it.
    let mut pages = std::pin::pin!(pages);
    let mut selected = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page?;
        let tags = page
            .get("tags")
            .and_then(|t| t.as_array())
            .cloned()
            .unwrap_or_default();
        for tag in tags.iter().filter(|tag| options.rule.selects(tag, now)) {
            if let Some(name) = tag.get("name").and_then(|n| n.as_str()) {
                selected.push(name.to_string());
            }
        }
    }
    Ok(selected)
}

async fn prune(options: Options) -> Result<(), String> {
    let url = std::env::var("QUAY_URL").map_err(|_| "set QUAY_URL to the registry's base URL")?;
    let token = std::env::var("QUAY_TOKEN").map_err(|_| "set QUAY_TOKEN to an OAuth token")?;
    let client = Client::builder()
        .base_url(url)
        .bearer_token(token)
        .build()
        .map_err(|e| e.to_string())?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs();
    let selected = select_tags(&client, &options, now)
        .await
        .map_err(|e| e.to_string())?;
    for name in &selected {
        if options.dry_run {
            println!("would delete {}:{name}", options.repository);
            continue;
        }
        client
            .tag()
            .delete_full_tag(options.repository.as_str(), name.as_str())
            .send()
            .await
            .map_err(|e| e.to_string())?;
        println!("deleted {}:{name}", options.repository);
    }
    println!(
        "{} tag(s) {}",
        selected.len(),
        if options.dry_run {
            "would be deleted"
        } else {
            "deleted"
        }
    );
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let result = match parse_args(std::env::args().skip(1)) {
        Ok(options) => prune(options).await,
        Err(message) => Err(message),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("prune_tags: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    const DAY: u64 = 24 * 60 * 60;

    fn options(args: &[&str]) -> Options {
        parse_args(args.iter().map(|s| s.to_string())).expect("valid arguments")
    }

    #[test]
    fn a_rule_is_required() {
        let err = parse_args(["--repository".to_string(), "ns/r".to_string()]).err();
        assert!(err.is_some_and(|e| e.contains("at least one rule")));
    }

    #[test]
    fn both_rules_must_hold() {
        let rule = options(&[
            "--repository",
            "ns/r",
            "--pattern",
            "^pr-",
            "--older-than-days",
            "7",
        ])
        .rule;
        let now = 100 * DAY;
        let tag = |name: &str, age_days: u64| serde_json::json!({"name": name, "start_ts": now - age_days * DAY});
        assert!(rule.selects(&tag("pr-1", 8), now));
        assert!(!rule.selects(&tag("pr-1", 6), now));
        assert!(!rule.selects(&tag("latest", 30), now));
    }

    #[tokio::test]
    async fn selects_across_every_page() {
        let server = MockServer::start().await;
        for (page, body) in [
            (
                "1",
                serde_json::json!({"tags": [{"name": "pr-1", "start_ts": 0}, {"name": "v1", "start_ts": 0}], "has_additional": true}),
            ),
            (
                "2",
                serde_json::json!({"tags": [{"name": "pr-2", "start_ts": 0}], "has_additional": false}),
            ),
        ] {
            Mock::given(method("GET"))
                .and(path("/api/v1/repository/ns/r/tag/"))
                .and(query_param("page", page))
                .respond_with(ResponseTemplate::new(200).set_body_json(body))
                .expect(1)
                .mount(&server)
                .await;
        }
        let client = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .expect("client");
        let selected = select_tags(
            &client,
            &options(&["--repository", "ns/r", "--pattern", "^pr-"]),
            0,
        )
        .await
        .expect("listing succeeds");
        assert_eq!(selected, ["pr-1", "pr-2"]);
    }
}
