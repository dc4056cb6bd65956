//! Builds and build triggers. A build of an archive is requested on the organization's scratch
//! repository, read, and cancelled (no builder ever picks it up here). The build trigger of the
//! sample data is found by listing, read, and deleted last: it is a GitHub trigger that was
//! never activated, and activating it needs GitHub.

use quay_client::models::{
    ActivateBuildTriggerBody, ManuallyStartBuildTriggerBody, ManuallyStartBuildTriggerBodyRefs,
    ManuallyStartBuildTriggerBodyRefsKind, RequestRepoBuildBody, UpdateBuildTriggerBody,
};
use serde_json::{json, Value};

use super::{json_of, object, text};
use crate::call;
use crate::harness::Suite;
use crate::scenario::{repositories_of, World};

pub async fn run(suite: &mut Suite, world: &World) {
    build(suite, world).await;
    trigger(suite, world).await;
}

async fn build(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let builds = client.build();
    let repo = &world.org_repo;
    let tag = world.name("built");

    call!(suite, builds.get_repo_builds(repo).limit(10));
    let body = RequestRepoBuildBody::new()
        .archive_url(format!(
            "https://example.com/{}/context.tar.gz",
            world.scratch
        ))
        .dockerfile_path("/Dockerfile")
        .context("/")
        .docker_tags(vec![tag.clone()]);
    let Some(requested) = call!(suite, builds.request_repo_build(repo, body)) else {
        return;
    };
    let requested = json_of(&requested);
    let tags: Vec<&str> = requested
        .get("tags")
        .and_then(Value::as_array)
        .map(|tags| tags.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // The server reads the build's tags from `docker_tags` (verify's correction of the docs'
    // `tags`), and answers with them.
    suite.check(
        "requestRepoBuild pushes the tags of the body's docker_tags",
        if tags.contains(&tag.as_str()) {
            Ok(())
        } else {
            Err(format!("the build pushes {tags:?}, not {tag}"))
        },
    );
    let Some(uuid) = text(&requested, "id") else {
        eprintln!("  FAIL  requestRepoBuild: no id in the answer");
        return;
    };
    call!(suite, builds.get_repo_builds(repo).limit(10));
    call!(suite, builds.get_repo_build(repo, &uuid));
    call!(suite, builds.get_repo_build_status(repo, &uuid));
    call!(suite, builds.cancel_repo_build(repo, &uuid));
}

async fn trigger(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let triggers = client.trigger();
    let Some((repo, trigger)) = find_trigger(suite, world).await else {
        eprintln!(
            "  FAIL  no repository of {} has a build trigger",
            world.user
        );
        return;
    };
    call!(suite, triggers.get_build_trigger(&repo, &trigger));
    call!(
        suite,
        triggers
            .list_trigger_recent_builds(&repo, &trigger)
            .limit(5)
    );
    build_logs(suite, &repo).await;

    // Activating it (with the configuration it has) asks GitHub for a hook; only an active
    // trigger can be switched or started by hand.
    let config = call!(suite, triggers.get_build_trigger(&repo, &trigger))
        .map(|t| json_of(&t))
        .and_then(|t| t.get("config").cloned())
        .unwrap_or_else(|| json!({}));
    call!(
        suite,
        triggers.activate_build_trigger(
            &repo,
            &trigger,
            ActivateBuildTriggerBody::new(object(config))
        )
    );
    call!(
        suite,
        triggers.update_build_trigger(&repo, &trigger, UpdateBuildTriggerBody::new(false))
    );
    let run = ManuallyStartBuildTriggerBody::new().refs(ManuallyStartBuildTriggerBodyRefs::new(
        ManuallyStartBuildTriggerBodyRefsKind::Branch,
        "master",
    ));
    call!(
        suite,
        triggers.manually_start_build_trigger(&repo, &trigger, run)
    );

    call!(suite, triggers.delete_build_trigger(&repo, &trigger));
    call!(suite, triggers.list_build_triggers(&repo));
}

/// The logs of the newest build of the repository with the trigger. In its test mode Quay keeps
/// build logs for that build of the sample data only (a build requested here has none, and
/// asking for them answers 500), so the scratch build's logs are not asked for.
async fn build_logs(suite: &mut Suite, repo: &str) {
    let client = suite.client.clone();
    let Some(listed) = call!(suite, client.build().get_repo_builds(repo).limit(1)) else {
        return;
    };
    let newest = json_of(&listed)
        .get("builds")
        .and_then(Value::as_array)
        .and_then(|builds| builds.first())
        .and_then(|build| text(build, "id"));
    match newest {
        Some(uuid) => {
            call!(suite, client.build().get_repo_build_logs(repo, &uuid));
        }
        None => eprintln!("  FAIL  getRepoBuilds: {repo} has no build"),
    }
}

/// The first build trigger of a repository of the user, by listing repositories and triggers.
async fn find_trigger(suite: &mut Suite, world: &World) -> Option<(String, String)> {
    let client = suite.client.clone();
    for repo in repositories_of(suite, &world.user).await? {
        let Some(listed) = call!(suite, client.trigger().list_build_triggers(&repo)) else {
            continue;
        };
        let found = listed.body().triggers.first().map(|t| t.id.clone());
        if let Some(trigger) = found {
            return Some((repo, trigger));
        }
    }
    None
}
