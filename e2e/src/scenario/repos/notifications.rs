//! A notification on the scratch repository: on every push, a Quay notification to the user.

use quay_client::models::CreateRepoNotificationBody;
use serde_json::json;

use super::{json_of, object, text};
use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

pub async fn run(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let notes = client.repositorynotification();
    let repo = &world.user_repo;

    call!(suite, notes.list_repo_notifications(repo));
    let body = CreateRepoNotificationBody::new(
        "repo_push",
        "quay_notification",
        object(json!({ "target": { "kind": "user", "name": world.user } })),
        object(json!({})),
    )
    .title(format!("{} pushes", world.scratch));
    let Some(created) = call!(suite, notes.create_repo_notification(repo, body)) else {
        return;
    };
    let Some(uuid) = text(&json_of(&created), "uuid") else {
        eprintln!("  FAIL  createRepoNotification: no uuid in the answer");
        return;
    };
    call!(suite, notes.list_repo_notifications(repo));
    call!(suite, notes.get_repo_notification(repo, &uuid));
    call!(suite, notes.test_repo_notification(repo, &uuid));
    call!(
        suite,
        notes.reset_repository_notification_failures(repo, &uuid)
    );
    call!(suite, notes.delete_repo_notification(repo, &uuid));
}
