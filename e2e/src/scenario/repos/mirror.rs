//! A mirror of an upstream repository into a scratch repository of the user: configured with
//! a robot of its own, read, changed, synced now and cancelled (no worker ever syncs here), then
//! the scratch repository is deleted.
//!
//! The mirror's robot stays: Quay refuses to delete a robot that a mirror configuration uses, and
//! the configuration of a deleted repository goes only when the garbage-collection worker removes
//! the repository, which never runs here (no background workers).

use quay_client::models::{
    ChangeRepoMirrorConfigBody, ChangeRepoMirrorConfigBodyRootRule,
    ChangeRepoMirrorConfigBodyRootRuleRuleKind, CreateRepoBody, CreateRepoBodyVisibility,
    CreateRepoMirrorConfigBody, CreateRepoMirrorConfigBodyExternalRegistryConfig,
    CreateRepoMirrorConfigBodyRootRule, CreateRepoMirrorConfigBodyRootRuleRuleKind,
    CreateUserRobotBody,
};

use super::{iso8601, now_epoch};
use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

/// The upstream registry, by a public address: the server checks a mirror's registry against
/// its SSRF rules and resolves names to do so, and this server resolves no names (no outbound
/// network), so a host name would be refused before anything is stored.
const UPSTREAM: &str = "1.2.3.4:443";

pub async fn run(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let mirror = client.mirror();

    call!(
        suite,
        mirror
            .get_repository_mirror_health()
            .namespace(&world.user)
            .detailed(true)
    );

    let name = world.name("mirror");
    let repo = format!("{}/{name}", world.user);
    let body = CreateRepoBody::new(
        &name,
        CreateRepoBodyVisibility::Private,
        "mirror made by the e2e suite",
    )
    .namespace(&world.user);
    if call!(suite, client.repository().create_repo(body)).is_none() {
        return;
    }

    let robot_short = world.name("mirrorbot");
    let robot = format!("{}+{robot_short}", world.user);
    let body = CreateUserRobotBody::new().description("pushes the mirror of the e2e suite");
    if call!(suite, client.robot().create_user_robot(&robot_short, body)).is_none() {
        call!(suite, client.repository().delete_repository(&repo));
        return;
    }

    let tags = |tags: &[&str]| tags.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    let body = CreateRepoMirrorConfigBody::new(
        format!("{UPSTREAM}/e2e/{name}"),
        iso8601(now_epoch() + 3600),
        86_400,
        CreateRepoMirrorConfigBodyRootRule::new(
            CreateRepoMirrorConfigBodyRootRuleRuleKind::TagGlobCsv,
            tags(&["latest", "v*"]),
        ),
        300,
    )
    .robot_username(&robot)
    .is_enabled(true)
    .external_registry_config(
        CreateRepoMirrorConfigBodyExternalRegistryConfig::new()
            .verify_tls(true)
            .unsigned_images(false),
    );
    if call!(suite, mirror.create_repo_mirror_config(&repo, body)).is_some() {
        call!(suite, mirror.get_repo_mirror_config(&repo));
        let body = ChangeRepoMirrorConfigBody::new()
            .skopeo_timeout_interval(600)
            .sync_interval(3600)
            .sync_start_date(iso8601(now_epoch() + 7200))
            .root_rule(ChangeRepoMirrorConfigBodyRootRule::new(
                ChangeRepoMirrorConfigBodyRootRuleRuleKind::TagGlobCsv,
                tags(&["latest"]),
            ))
            .is_enabled(true);
        call!(suite, mirror.change_repo_mirror_config(&repo, body));
        call!(suite, mirror.get_repo_mirror_config(&repo));
        call!(suite, mirror.sync_now(&repo));
        call!(suite, mirror.sync_cancel(&repo));
        call!(
            suite,
            mirror
                .get_repository_mirror_health()
                .namespace(&world.user)
                .detailed(true)
        );
    }
    call!(suite, client.repository().delete_repository(&repo));
    eprintln!("  note  robot {robot} stays: the deleted repository's mirror still uses it");
}
