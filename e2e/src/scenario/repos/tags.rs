//! Tags, manifests, labels, the security report and the referrers of a manifest, on the sample
//! repository: a scratch tag is pointed at the sample manifest, moved, deleted, restored and
//! deleted again; a scratch label is added to the manifest and removed.

use quay_client::models::{
    AddManifestLabelBody, AddManifestLabelBodyMediaType, ChangeTagBody, RestoreTagBody,
};
use serde_json::json;

use super::now_epoch;
use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

pub async fn run(suite: &mut Suite, world: &World) {
    tags(suite, world).await;
    manifest(suite, world).await;
    referrers(suite, world).await;
}

async fn tags(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let repo = &world.sample.repository;
    let digest = &world.sample.manifest_digest;
    let tag = world.name("tag");

    call!(
        suite,
        client
            .tag()
            .list_repo_tags(repo)
            .only_active_tags(true)
            .limit(50)
    );
    // A new tag on the sample manifest, then an expiration a day from now.
    call!(
        suite,
        client.tag().change_tag(
            repo,
            &tag,
            ChangeTagBody::new().manifest_digest(json!(digest))
        )
    );
    call!(
        suite,
        client.tag().change_tag(
            repo,
            &tag,
            ChangeTagBody::new().expiration(json!(now_epoch() + 86_400))
        )
    );
    call!(
        suite,
        client
            .tag()
            .list_repo_tags(repo)
            .specific_tag(&tag)
            .filter_tag_name(format!("like:{tag}"))
    );
    call!(suite, client.tag().get_tag_pull_statistics(repo, &tag));
    call!(
        suite,
        client.tag().get_manifest_pull_statistics(repo, digest)
    );

    call!(suite, client.tag().delete_full_tag(repo, &tag));
    call!(
        suite,
        client
            .tag()
            .restore_tag(repo, &tag, RestoreTagBody::new().manifest_digest(digest))
    );
    call!(suite, client.tag().delete_full_tag(repo, &tag));
}

async fn manifest(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let repo = &world.sample.repository;
    let digest = &world.sample.manifest_digest;

    call!(suite, client.manifest().get_repo_manifest(repo, digest));
    call!(
        suite,
        client
            .secscan()
            .get_repo_manifest_security(repo, digest)
            .vulnerabilities(true)
    );

    let key = format!("{}.label", world.scratch);
    let added = call!(
        suite,
        client.manifest().add_manifest_label(
            repo,
            digest,
            AddManifestLabelBody::new(
                &key,
                "made by the e2e suite",
                AddManifestLabelBodyMediaType::TextPlain
            )
        )
    );
    call!(
        suite,
        client
            .manifest()
            .list_manifest_labels(repo, digest)
            .filter(&key)
    );
    let Some(id) = added.map(|a| a.into_body().label.id) else {
        return;
    };
    call!(
        suite,
        client.manifest().get_manifest_label(repo, digest, &id)
    );
    call!(
        suite,
        client.manifest().delete_manifest_label(repo, digest, &id)
    );
}

/// The OCI referrers of the sample manifest. The `/v2` API wants a registry token, which only
/// the registry's token endpoint gives for the user's password, and the crate has no operation
/// for it: getting the token goes by raw HTTP (a finding), then `getReferrers` goes through a
/// client of the crate with that token.
async fn referrers(suite: &mut Suite, world: &World) {
    let repo = &world.sample.repository;
    let Some((namespace, name)) = repo.split_once('/') else {
        return;
    };
    let token = match crate::registry::token(&suite.settings.url, &world.user, repo, "pull").await {
        Ok(token) => token,
        Err(why) => {
            eprintln!("  FAIL  registry token for getReferrers: {why}");
            suite.finding(
                "getReferrers",
                format!("could not get a registry token from GET /v2/auth: {why}"),
            );
            return;
        }
    };
    suite.finding(
        "getReferrers",
        "the /v2 endpoint wants a registry token, which only the registry's token endpoint \
         (the realm of GET /v2/'s challenge, GET /v2/auth with basic auth) hands out; the crate \
         has no operation for either, so the suite gets the token by raw HTTP and builds a \
         client of the crate with it",
    );
    let registry = match suite.settings.client(&token) {
        Ok(client) => client,
        Err(why) => {
            eprintln!("  FAIL  registry client: {why}");
            return;
        }
    };
    call!(
        suite,
        registry
            .referrers()
            .get_referrers(namespace, name, &world.sample.manifest_digest)
    );
}
