//! Area `runtime`: the client's own behaviour against the real server, beyond single calls.
//! Pagination walks more than one page (`.pages()` and typed `.items()`) of a repository
//! listing, a tag listing and a log listing; a 404, a 401 and a 403 come back as `Error::Api`
//! with the server's message and error type; and no 4xx is retried (counted in the server's
//! log).

use std::time::Duration;

use futures_util::StreamExt;
use quay_client::{Error, ErrorBody};
use serde_json::Value;

use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

/// Repositories per page of `listRepos` are a server setting (100 in Quay); enough are created
/// to need at least two pages whatever it is, up to this many.
const MAX_SCRATCH_REPOS: usize = 105;

pub async fn run(suite: &mut Suite, world: &World) {
    repository_pages(suite, world).await;
    tag_pages(suite, world).await;
    error_answers(suite, world).await;
    server_operations(suite).await;
}

/// `Client::server_operations()` against the real server: every operation the suite called
/// successfully under `/api/` is one the server lists (the registry API under `/v2` is not in
/// the discovery document).
async fn server_operations(suite: &mut Suite) {
    let served = match suite.client.server_operations().await {
        Ok(served) => served,
        Err(error) => {
            suite.check(
                "server_operations() reads the discovery document",
                Err(error.to_string()),
            );
            return;
        }
    };
    let succeeded: Vec<&'static str> = suite
        .records()
        .iter()
        .filter(|(_, record)| record.first_failure().is_none() && !record.calls.is_empty())
        .map(|(name, _)| *name)
        .filter(|name| {
            quay_client::OPERATIONS
                .iter()
                .any(|op| op.name == *name && op.path.starts_with("/api/"))
        })
        .collect();
    let unlisted: Vec<&str> = succeeded
        .iter()
        .copied()
        .filter(|op| !served.serves(op))
        .collect();
    let missing: Vec<&str> = served.missing().collect();
    suite.check(
        format!(
            "server_operations() lists every operation that succeeded here ({} of {}; not listed: {})",
            served.served().count(),
            quay_client::OPERATIONS.len(),
            if missing.is_empty() { "none".to_string() } else { missing.join(", ") }
        ),
        if unlisted.is_empty() {
            Ok(())
        } else {
            Err(format!("served but not listed: {unlisted:?}"))
        },
    );
}

/// An organization of its own with enough repositories that `listRepos` needs a second page;
/// every page and every typed item; then the organization deleted with its repositories.
async fn repository_pages(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let org = world.name("pages");
    let body =
        quay_client::models::CreateOrganizationBody::new(&org).email(format!("{org}@example.com"));
    if call!(suite, client.organization().create_organization(body)).is_none() {
        return;
    }
    let mut created = Vec::new();
    for n in 0..MAX_SCRATCH_REPOS {
        let name = format!("{}page{n:03}", world.scratch);
        let body = quay_client::models::CreateRepoBody::new(
            &name,
            quay_client::models::CreateRepoBodyVisibility::Private,
            "pagination",
        )
        .namespace(&org);
        if call!(suite, client.repository().create_repo(body)).is_none() {
            break;
        }
        created.push(name);
    }
    let listing = || client.repository().list_repos().namespace(&org);
    let pages: Vec<_> = listing().pages().collect().await;
    let items: Vec<_> = listing().items().collect().await;
    let expected = created.len();
    suite.check(
        format!("listRepos .pages() over {expected} repositories of an organization"),
        pages_ok(&pages, 2),
    );
    suite.check(
        format!("listRepos .items() yields all {expected} repositories, typed"),
        items_ok(&items, expected),
    );
    // The log of this organization is the log listing walked below.
    log_pages(suite, &org).await;
    call!(
        suite,
        client.organization().delete_admined_organization(&org)
    );
}

/// `listRepoTags` of the sample repository with a limit of half its tags: two pages at least.
async fn tag_pages(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let repository = &world.sample.repository;
    let all: Vec<_> = client
        .tag()
        .list_repo_tags(repository)
        .only_active_tags(true)
        .items()
        .collect()
        .await;
    let count = all.len();
    if count < 2 {
        suite.check(
            "listRepoTags pages of the sample repository",
            Err(format!(
                "{repository} has {count} tag(s); two pages need two"
            )),
        );
        return;
    }
    let limit = i64::try_from(count / 2).unwrap_or(1);
    let listing = || {
        client
            .tag()
            .list_repo_tags(repository)
            .only_active_tags(true)
            .limit(limit)
    };
    let pages: Vec<_> = listing().pages().collect().await;
    let items: Vec<_> = listing().items().collect().await;
    suite.check(
        format!("listRepoTags .pages() with limit {limit} over {count} tags"),
        pages_ok(&pages, 2),
    );
    suite.check(
        format!("listRepoTags .items() with limit {limit} yields all {count} tags, typed"),
        items_ok(&items, count),
    );
    call!(suite, listing().page(1));
}

/// An organization's audit log: every repository made above is an entry, so the listing
/// (pages of 20 in Quay) has several pages.
async fn log_pages(suite: &mut Suite, org: &str) {
    let client = suite.client.clone();
    let pages: Vec<_> = client.logs().list_org_logs(org).pages().collect().await;
    suite.check(
        "listOrgLogs .pages() walks an organization's log over several pages",
        pages_ok(&pages, 2),
    );
    let entries: usize = pages
        .iter()
        .filter_map(|p| p.as_ref().ok())
        .filter_map(|p| p.get("logs").and_then(Value::as_array))
        .map(Vec::len)
        .sum();
    suite.check(
        "listOrgLogs pages hold the log entries",
        if entries > 0 {
            Ok(())
        } else {
            Err("no log entries on any page".into())
        },
    );
}

fn pages_ok(pages: &[quay_client::Result<Value>], at_least: usize) -> Result<(), String> {
    if let Some(error) = pages.iter().find_map(|p| p.as_ref().err()) {
        return Err(error.to_string());
    }
    if pages.len() < at_least {
        return Err(format!(
            "{} page(s), expected at least {at_least}",
            pages.len()
        ));
    }
    Ok(())
}

fn items_ok<T>(items: &[quay_client::Result<T>], expected: usize) -> Result<(), String> {
    if let Some(error) = items.iter().find_map(|i| i.as_ref().err()) {
        return Err(error.to_string());
    }
    if items.len() != expected {
        return Err(format!("{} item(s), expected {expected}", items.len()));
    }
    Ok(())
}

/// A 404, a 401 and a 403, each sent once: `Error::Api` with the status, the server's error
/// type and message; and the server saw exactly one request (no retry of a 4xx).
async fn error_answers(suite: &mut Suite, world: &World) {
    let missing = format!("{}/{}missing", world.org, world.scratch);
    let answer = suite.client.repository().get_repo(&missing).send().await;
    let path = format!("/api/v1/repository/{missing}");
    let result = api_error(answer.map(drop), 404).and(once_in_log(suite, "GET", &path, 404).await);
    suite.check("a missing repository is Error::Api 404, sent once", result);

    let bad_token = suite.settings.client(&format!("{}x", world.scratch));
    let result = match bad_token {
        Ok(client) => {
            let answer = client.user().get_logged_in_user().send().await;
            api_error(answer.map(drop), 401)
                .and(once_in_log(suite, "GET", "/api/v1/user/", 401).await)
        }
        Err(why) => Err(why),
    };
    suite.check(
        "a token the server does not know is Error::Api 401, sent once",
        result,
    );

    let answer = suite.readonly.superuser().list_service_keys().send().await;
    let result = api_error(answer.map(drop), 403)
        .and(once_in_log(suite, "GET", "/api/v1/superuser/keys", 403).await);
    suite.check(
        "the repo:read token on a superuser operation is Error::Api 403, sent once",
        result,
    );
}

/// The answer is `Error::Api` with this status and a body that carries the server's error
/// type and a message.
fn api_error(answer: quay_client::Result<()>, status: u16) -> Result<(), String> {
    match answer {
        Ok(()) => Err(format!("succeeded; expected {status}")),
        Err(Error::Api {
            status: got, body, ..
        }) if got.as_u16() == status => match body {
            ErrorBody::Documented(error) => {
                let kind = error.error_type.as_deref().or(error.title.as_deref());
                let message = error.detail.as_deref().or(error.error_message.as_deref());
                match (kind, message) {
                    (Some(_), Some(_)) => Ok(()),
                    _ => Err(format!(
                        "{status} without an error type and message: {error:?}"
                    )),
                }
            }
            other => Err(format!(
                "{status} with a body not in the API's error shape: {other:?}"
            )),
        },
        Err(other) => Err(format!("expected Error::Api {status}, got: {other}")),
    }
}

/// The server answered `method path` with `status` exactly once over the whole run.
async fn once_in_log(suite: &Suite, method: &str, path: &str, status: u16) -> Result<(), String> {
    match count_in_log(suite, method, path, status).await? {
        1 => Ok(()),
        n => Err(format!(
            "the server answered {method} {path} with {status} {n} times (a 4xx must not be retried)"
        )),
    }
}

/// How many requests for `method path` (any query) the server's log shows answered with
/// `status`. The log line is written after the answer, so a moment is allowed for it.
async fn count_in_log(
    suite: &Suite,
    method: &str,
    path: &str,
    status: u16,
) -> Result<usize, String> {
    let Some(log) = &suite.settings.log else {
        return Err("QUAY_E2E_LOG is not set: cannot count the requests the server saw".into());
    };
    // Lines read `"GET /path?query HTTP/1.1" 404 -`, the request in colour codes.
    let needle = format!("{method} {path}");
    let answered = format!(" {status} ");
    let mut count = 0;
    for _ in 0..20 {
        let text = std::fs::read_to_string(log)
            .map_err(|e| format!("reading the server's log {}: {e}", log.display()))?;
        count = text
            .lines()
            .filter(|line| {
                line.split_once(&needle).is_some_and(|(_, rest)| {
                    rest.starts_with([' ', '?'])
                        && rest
                            .rsplit_once('"')
                            .is_some_and(|(_, tail)| tail.starts_with(&answered))
                })
            })
            .count();
        if count > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(count)
}
