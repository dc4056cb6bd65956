//! Auto-prune policies of the scratch organization, of a scratch repository and of the user:
//! each is created, listed, read, changed and deleted.

use quay_client::models::{
    CreateOrganizationAutoPrunePolicyBody, CreateRepositoryAutoPrunePolicyBody,
    CreateUserAutoPrunePolicyBody, UpdateOrganizationAutoPrunePolicyBody,
    UpdateRepositoryAutoPrunePolicyBody, UpdateUserAutoPrunePolicyBody,
};
use serde_json::json;

use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

pub async fn run(suite: &mut Suite, world: &World) {
    organization(suite, world).await;
    repository(suite, world).await;
    user(suite, world).await;
}

/// The tags this run's policies touch (none exist: nothing is pruned).
fn pattern(world: &World) -> String {
    format!("^{}.*", world.scratch)
}

async fn organization(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let policy = client.policy();
    let org = &world.org;
    call!(suite, policy.list_organization_auto_prune_policies(org));
    let body = CreateOrganizationAutoPrunePolicyBody::new("number_of_tags", json!(10))
        .tag_pattern(pattern(world))
        .tag_pattern_matches(true);
    let Some(uuid) = call!(
        suite,
        policy.create_organization_auto_prune_policy(org, body)
    )
    .map(|c| c.into_body().uuid) else {
        return;
    };
    call!(suite, policy.list_organization_auto_prune_policies(org));
    call!(suite, policy.get_organization_auto_prune_policy(org, &uuid));
    let body = UpdateOrganizationAutoPrunePolicyBody::new("creation_date", json!("7d"))
        .tag_pattern(pattern(world))
        .tag_pattern_matches(true);
    call!(
        suite,
        policy.update_organization_auto_prune_policy(org, &uuid, body)
    );
    call!(suite, policy.get_organization_auto_prune_policy(org, &uuid));
    call!(
        suite,
        policy.delete_organization_auto_prune_policy(org, &uuid)
    );
}

async fn repository(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let policy = client.policy();
    let repo = &world.org_repo;
    call!(suite, policy.list_repository_auto_prune_policies(repo));
    let body = CreateRepositoryAutoPrunePolicyBody::new("number_of_tags", json!(5))
        .tag_pattern(pattern(world))
        .tag_pattern_matches(true);
    let Some(created) = call!(
        suite,
        policy.create_repository_auto_prune_policy(repo, body)
    ) else {
        return;
    };
    let uuid = created.into_body().uuid;
    call!(suite, policy.list_repository_auto_prune_policies(repo));
    call!(suite, policy.get_repository_auto_prune_policy(repo, &uuid));
    let body = UpdateRepositoryAutoPrunePolicyBody::new("creation_date", json!("2w"))
        .tag_pattern(pattern(world))
        .tag_pattern_matches(false);
    call!(
        suite,
        policy.update_repository_auto_prune_policy(repo, &uuid, body)
    );
    call!(suite, policy.get_repository_auto_prune_policy(repo, &uuid));
    call!(
        suite,
        policy.delete_repository_auto_prune_policy(repo, &uuid)
    );
}

async fn user(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let policy = client.policy();
    call!(suite, policy.list_user_auto_prune_policies());
    let body = CreateUserAutoPrunePolicyBody::new("number_of_tags", json!(25))
        .tag_pattern(pattern(world))
        .tag_pattern_matches(true);
    let Some(uuid) =
        call!(suite, policy.create_user_auto_prune_policy(body)).map(|c| c.into_body().uuid)
    else {
        return;
    };
    call!(suite, policy.list_user_auto_prune_policies());
    call!(suite, policy.get_user_auto_prune_policy(&uuid));
    let body = UpdateUserAutoPrunePolicyBody::new("creation_date", json!("30d"))
        .tag_pattern(pattern(world))
        .tag_pattern_matches(true);
    call!(suite, policy.update_user_auto_prune_policy(&uuid, body));
    call!(suite, policy.get_user_auto_prune_policy(&uuid));
    call!(suite, policy.delete_user_auto_prune_policy(&uuid));
}
