//! Immutability policies: release tags (`v1.2.3`) of the organization and of its repository may
//! not be overwritten or deleted. Created, listed, read, changed, deleted.

use quay_client::models::{
    CreateOrgImmutabilityPolicyBody, CreateRepositoryImmutabilityPolicyBody,
    UpdateOrgImmutabilityPolicyBody, UpdateRepositoryImmutabilityPolicyBody,
};

use super::{id_of, json};
use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

const RELEASES: &str = r"^v[0-9]+\.[0-9]+\.[0-9]+$";
const STABLE: &str = r"^(stable|v[0-9]+\.[0-9]+\.[0-9]+)$";

pub async fn run(suite: &mut Suite, world: &World) {
    organization(suite, world).await;
    repository(suite, world).await;
}

/// The uuid of a new policy: from the creation's answer, else the listed one with `pattern`.
fn policy_uuid(
    created: &serde_json::Value,
    listed: &serde_json::Value,
    pattern: &str,
) -> Option<String> {
    id_of(created, "uuid").or_else(|| {
        listed["policies"]
            .as_array()?
            .iter()
            .find(|p| p["tagPattern"] == pattern)
            .and_then(|p| id_of(p, "uuid"))
    })
}

async fn organization(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let api = client.immutability_policy();
    let org = &world.org;
    let body = CreateOrgImmutabilityPolicyBody::new(RELEASES).tag_pattern_matches(true);
    let created = call!(suite, api.create_org_immutability_policy(org, body));
    let listed = call!(suite, api.list_org_immutability_policies(org));
    let Some(uuid) = policy_uuid(&json(&created), &json(&listed), RELEASES) else {
        eprintln!("  note  no immutability policy of {org}: its calls are skipped");
        return;
    };
    call!(suite, api.get_org_immutability_policy(org, &uuid));
    let body = UpdateOrgImmutabilityPolicyBody::new(STABLE).tag_pattern_matches(true);
    call!(suite, api.update_org_immutability_policy(org, &uuid, body));
    call!(suite, api.delete_org_immutability_policy(org, &uuid));
}

async fn repository(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let api = client.immutability_policy();
    let repo = &world.org_repo;
    let body = CreateRepositoryImmutabilityPolicyBody::new(RELEASES).tag_pattern_matches(true);
    let created = call!(suite, api.create_repository_immutability_policy(repo, body));
    let listed = call!(suite, api.list_repository_immutability_policies(repo));
    let Some(uuid) = policy_uuid(&json(&created), &json(&listed), RELEASES) else {
        eprintln!("  note  no immutability policy of {repo}: its calls are skipped");
        return;
    };
    call!(suite, api.get_repository_immutability_policy(repo, &uuid));
    // Everything but release tags is immutable now.
    let body = UpdateRepositoryImmutabilityPolicyBody::new(RELEASES).tag_pattern_matches(false);
    call!(
        suite,
        api.update_repository_immutability_policy(repo, &uuid, body)
    );
    call!(
        suite,
        api.delete_repository_immutability_policy(repo, &uuid)
    );
}
