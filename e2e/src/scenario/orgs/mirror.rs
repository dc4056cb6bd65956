//! A second scratch organization, empty (as organization mirroring requires): first it mirrors
//! another registry's namespace, then (the mirror deleted) it becomes a proxy cache of an
//! upstream registry. Deleted at the end.
//!
//! The server resolves no names (no outbound network), and refuses loopback and private
//! addresses as upstreams (SSRF protection), so the upstream registry is given by a public
//! address. Nothing reaches it: the server's loopback guard refuses the connection, which is why
//! validating the proxy cache's upstream fails and the mirror's connection check says it failed.

use quay_client::models::{
    CreateOrgMirrorConfigBody, CreateOrgMirrorConfigBodyExternalRegistryType,
    CreateOrgMirrorConfigBodyVisibility, CreateOrgRobotBody, CreateOrganizationBody,
    CreateProxyCacheConfigBody, UpdateOrgMirrorConfigBody, ValidateProxyCacheConfigBody,
};

use super::{json, utc_now};
use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

/// The upstream registry's address: public (not loopback, private or reserved), never reached.
const UPSTREAM: &str = "192.0.3.1";

pub async fn run(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let org = world.name("mirrored");
    let body = CreateOrganizationBody::new(&org).email(format!("{org}@example.com"));
    if call!(suite, client.organization().create_organization(body)).is_none() {
        eprintln!("  note  no second organization: mirror and proxy cache calls are skipped");
        return;
    }
    mirror(suite, &org).await;
    proxy_cache(suite, &org).await;
    call!(
        suite,
        client.organization().delete_admined_organization(&org)
    );
}

/// The organization mirrors the namespace `projectquay` of a Quay registry, creating its
/// repositories through a robot of the organization.
async fn mirror(suite: &mut Suite, org: &str) {
    let client = suite.client.clone();
    let robot_short = "mirror";
    let body = CreateOrgRobotBody::new().description("creates the mirrored repositories");
    if call!(
        suite,
        client.robot().create_org_robot(org, robot_short, body)
    )
    .is_none()
    {
        eprintln!("  note  no robot in {org}: the mirror calls are skipped");
        return;
    }
    let robot = format!("{org}+{robot_short}");
    let api = client.org_mirror();
    let body = CreateOrgMirrorConfigBody::new(
        CreateOrgMirrorConfigBodyExternalRegistryType::Quay,
        format!("https://{UPSTREAM}"),
        "projectquay",
        &robot,
        CreateOrgMirrorConfigBodyVisibility::Private,
        86_400,
        utc_now(),
    )
    .is_enabled(true)
    .repository_filters(vec!["quay*".into()])
    .skopeo_timeout(300);
    let created = call!(suite, api.create_org_mirror_config(org, body));
    if created.is_some() {
        call!(suite, api.get_org_mirror_config(org));
        let body = UpdateOrgMirrorConfigBody::new()
            .sync_interval(3_600)
            .repository_filters(vec!["quay*".into(), "clair*".into()]);
        call!(suite, api.update_org_mirror_config(org, body));
        // Discovery needs the mirror worker: the list is empty here.
        call!(
            suite,
            api.list_org_mirror_repositories(org).page(1).limit(50)
        );
        let verified = call!(suite, api.verify_org_mirror_connection(org));
        let answer = json(&verified);
        if answer["success"] != true {
            eprintln!("  note  mirror connection check: {}", answer["message"]);
        }
        call!(suite, api.sync_org_mirror_now(org));
        call!(suite, api.cancel_org_mirror_sync(org));
        call!(suite, api.delete_org_mirror_config(org));
    }
    call!(suite, client.robot().delete_org_robot(org, robot_short));
}

/// The organization caches the upstream registry's `library` namespace.
async fn proxy_cache(suite: &mut Suite, org: &str) {
    let client = suite.client.clone();
    let api = client.organization();
    let upstream = format!("{UPSTREAM}/library");
    // Is it a proxy cache yet? (It is not.)
    call!(suite, api.get_proxy_cache_config(org));
    // Validating logs in to the upstream: no outbound network.
    call!(
        suite,
        api.validate_proxy_cache_config(org, ValidateProxyCacheConfigBody::new(&upstream))
    );
    let created = call!(
        suite,
        api.create_proxy_cache_config(org, CreateProxyCacheConfigBody::new(&upstream))
    );
    if created.is_some() {
        call!(suite, api.get_proxy_cache_config(org));
        call!(suite, api.delete_proxy_cache_config(org));
    }
}
