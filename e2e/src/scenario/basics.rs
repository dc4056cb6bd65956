//! Area `basics`: what a new user of the API tries first. The server describes itself
//! (discovery, capabilities, an error type), the user looks around (other users, search,
//! stars) and makes an app-specific token, reads it, lists and revokes it.

use futures_util::StreamExt;
use serde_json::Value;

use crate::call;
use crate::harness::Suite;
use crate::scenario::{text, World};

pub async fn run(suite: &mut Suite, world: &World) {
    server(suite).await;
    users_and_search(suite, world).await;
    stars(suite, world).await;
    app_tokens(suite, world).await;
}

/// What the server says of itself.
async fn server(suite: &mut Suite) {
    let client = suite.client.clone();
    call!(suite, client.discovery().discovery().internal(false));
    call!(suite, client.capabilities().get_registry_capabilities());
    // An error type the API itself reports: the first one of the discovery document's
    // definitions would be too indirect; `not_found` is the type every 404 of the API carries.
    let error_type = missing_repository_error_type(suite).await;
    call!(suite, client.error().get_error_description(error_type));
}

/// The `error_type` of a real 404 answer of the API (asking for a repository that does not
/// exist), so the error description asked for is one the server really uses.
async fn missing_repository_error_type(suite: &mut Suite) -> String {
    let answer = suite
        .client
        .repository()
        .get_repo("e2e-no-such-namespace/e2e-no-such-repository")
        .send()
        .await;
    let from_answer = match answer {
        Err(quay_client::Error::Api {
            body: quay_client::ErrorBody::Documented(error),
            ..
        }) => error.error_type.clone().or(error.title.clone()),
        _ => None,
    };
    from_answer.unwrap_or_else(|| "not_found".to_string())
}

async fn users_and_search(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    call!(suite, client.user().get_user_information(&world.user));
    let (_, repo_name) = world.sample.repository.split_once('/').unwrap_or_default();
    call!(suite, client.search().conduct_search().query(repo_name));
    let found = call!(
        suite,
        client
            .search()
            .conduct_repo_search()
            .query(repo_name)
            .include_usage(true)
    );
    let hits = found
        .and_then(|r| r.raw_json().ok())
        .and_then(|json| json.get("results").and_then(Value::as_array).map(Vec::len))
        .unwrap_or(0);
    suite.check(
        format!("conductRepoSearch finds the sample repository `{repo_name}`"),
        if hits > 0 {
            Ok(())
        } else {
            Err("no results".into())
        },
    );
    // The first two letters of the user's name: the user is among the entities.
    let prefix: String = world.user.chars().take(2).collect();
    let entities = call!(
        suite,
        client
            .search()
            .get_matching_entities(prefix)
            .include_orgs(true)
            .include_teams(true)
            .namespace(&world.org)
    );
    let names: Vec<String> = entities
        .and_then(|r| r.raw_json().ok())
        .and_then(|json| json.get("results").and_then(Value::as_array).cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|e| text(e, "name"))
        .collect();
    suite.check(
        "getMatchingEntities finds the user by a prefix",
        if names.contains(&world.user) {
            Ok(())
        } else {
            Err(format!("{} not among {names:?}", world.user))
        },
    );
}

async fn stars(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let (namespace, name) = world.user_repo.split_once('/').unwrap_or_default();
    let body = quay_client::models::CreateStarBody::new(namespace, name);
    call!(suite, client.user().create_star(body));
    let starred = call!(suite, client.user().list_starred_repos());
    let listed = starred
        .and_then(|r| r.raw_json().ok())
        .and_then(|json| json.get("repositories").and_then(Value::as_array).cloned())
        .unwrap_or_default()
        .iter()
        .any(|r| text(r, "name").as_deref() == Some(name));
    suite.check(
        "listStarredRepos lists the repository just starred",
        if listed {
            Ok(())
        } else {
            Err(format!("{} is not listed", world.user_repo))
        },
    );
    // The typed items of the starred listing, through every page.
    let items: Vec<_> = client.user().list_starred_repos().items().collect().await;
    suite.check(
        "listStarredRepos .items() decodes every starred repository",
        match items.iter().find_map(|i| i.as_ref().err()) {
            Some(error) => Err(error.to_string()),
            None if items.is_empty() => Err("no items".into()),
            None => Ok(()),
        },
    );
    call!(suite, client.user().delete_star(&world.user_repo));
}

async fn app_tokens(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let title = world.name("token");
    let body = quay_client::models::CreateAppTokenBody::new(&title);
    let Some(created) = call!(suite, client.appspecifictokens().create_app_token(body)) else {
        return;
    };
    let token = created.into_body().token;
    suite.check(
        "createAppToken answers the token with the title asked for",
        if token.title == title && !token.token_code.is_empty() {
            Ok(())
        } else {
            Err(format!("title {:?}", token.title))
        },
    );
    call!(suite, client.appspecifictokens().list_app_tokens());
    call!(
        suite,
        client.appspecifictokens().list_app_tokens().expiring(true)
    );
    call!(suite, client.appspecifictokens().get_app_token(&token.uuid));
    call!(
        suite,
        client.appspecifictokens().revoke_app_token(&token.uuid)
    );
}
