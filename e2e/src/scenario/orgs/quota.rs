//! Storage quotas and their limits: the scratch organization's (made and changed by the
//! superuser, as only a superuser may), and the user's own (read by the user; made by the
//! superuser's quota operations when the user has none).

use quay_client::models::{
    ChangeOrganizationQuotaBody, ChangeOrganizationQuotaLimitBody, CreateOrganizationQuotaBody,
    CreateOrganizationQuotaLimitBody, CreateUserQuotaSuperUserBody,
};

use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

const GIB: i64 = 1 << 30;

/// A quota and a limit of it, and whether this run made the quota (and so deletes it).
pub struct Quota {
    id: String,
    limit: Option<String>,
    made_here: bool,
}

/// The organization's quota: listed (none yet), created, read, enlarged; a warning limit on it,
/// listed, read, changed. Deleted by [`tear_down_org`] after the notifications that use it.
pub async fn set_up_org(suite: &mut Suite, world: &World) -> Option<Quota> {
    let client = suite.client.clone();
    let org = &world.org;
    call!(suite, client.namespacequota().list_organization_quota(org));
    call!(
        suite,
        client
            .namespacequota()
            .create_organization_quota(org, CreateOrganizationQuotaBody::new(10 * GIB))
    );
    let quotas = call!(suite, client.namespacequota().list_organization_quota(org));
    let id = quotas
        .as_ref()
        .and_then(|q| q.body().iter().find(|q| q.limit_bytes == 10 * GIB))
        .map(|q| q.id.to_string());
    let Some(id) = id else {
        eprintln!("  note  no quota of {org}: its calls are skipped");
        return None;
    };
    call!(
        suite,
        client.namespacequota().get_organization_quota(org, &id)
    );
    let body = ChangeOrganizationQuotaBody::new().limit_bytes(20 * GIB);
    call!(
        suite,
        client
            .namespacequota()
            .change_organization_quota(org, &id, body)
    );

    let limit = add_limit(suite, org, &id, "Warning", 80).await;
    if let Some(limit) = &limit {
        call!(
            suite,
            client
                .namespacequota()
                .get_organization_quota_limit(org, &id, limit)
        );
        let body = ChangeOrganizationQuotaLimitBody::new().threshold_percent(90);
        call!(
            suite,
            client
                .namespacequota()
                .change_organization_quota_limit(org, &id, limit, body)
        );
    }
    Some(Quota {
        id,
        limit,
        made_here: true,
    })
}

pub async fn tear_down_org(suite: &mut Suite, world: &World, quota: Option<Quota>) {
    let Some(quota) = quota else { return };
    let client = suite.client.clone();
    let org = &world.org;
    if let Some(limit) = &quota.limit {
        call!(
            suite,
            client
                .namespacequota()
                .delete_organization_quota_limit(org, &quota.id, limit)
        );
    }
    call!(
        suite,
        client
            .namespacequota()
            .delete_organization_quota(org, &quota.id)
    );
}

/// The user's quota, read as the user reads it. The sample data gives the user none, so the
/// superuser makes one (`createUserQuotaSuperUser`) and a reject limit on it; Quay's own UI adds
/// a user's limits through the organization limit endpoint with the user's namespace.
pub async fn set_up_user(suite: &mut Suite, world: &World) -> Option<Quota> {
    let client = suite.client.clone();
    let listed = call!(suite, client.namespacequota().list_user_quota());
    let mut found = listed.as_ref().and_then(|q| q.body().first().map(|q| q.id));
    let mut made_here = false;
    if found.is_none() {
        let body = CreateUserQuotaSuperUserBody::new(5 * GIB);
        call!(
            suite,
            client
                .superuser()
                .create_user_quota_super_user(&world.user, body)
        );
        made_here = true;
        let listed = call!(suite, client.namespacequota().list_user_quota());
        found = listed.as_ref().and_then(|q| q.body().first().map(|q| q.id));
    }
    let Some(id) = found.map(|id| id.to_string()) else {
        eprintln!("  note  no quota of {}: its calls are skipped", world.user);
        return None;
    };
    call!(suite, client.namespacequota().get_user_quota(&id));

    let limits = call!(suite, client.namespacequota().list_user_quota_limit(&id));
    let mut limit = limits
        .as_ref()
        .and_then(|l| l.body().first().map(|l| l.id))
        .map(|id| id.to_string());
    let mut limit_made_here = false;
    if limit.is_none() {
        limit = add_limit(suite, &world.user, &id, "Reject", 95).await;
        limit_made_here = limit.is_some();
        call!(suite, client.namespacequota().list_user_quota_limit(&id));
    }
    if let Some(limit) = &limit {
        call!(
            suite,
            client.namespacequota().get_user_quota_limit(&id, limit)
        );
    }
    Some(Quota {
        id,
        limit: limit.filter(|_| limit_made_here),
        made_here,
    })
}

pub async fn tear_down_user(suite: &mut Suite, world: &World, quota: Option<Quota>) {
    let Some(quota) = quota else { return };
    let client = suite.client.clone();
    if let Some(limit) = &quota.limit {
        call!(
            suite,
            client
                .namespacequota()
                .delete_organization_quota_limit(&world.user, &quota.id, limit)
        );
    }
    if quota.made_here {
        call!(
            suite,
            client
                .superuser()
                .delete_user_quota_super_user(&world.user, &quota.id)
        );
    }
}

/// Adds a limit to a namespace's quota and gives its id (from listing the quota's limits).
async fn add_limit(
    suite: &mut Suite,
    namespace: &str,
    quota: &str,
    kind: &str,
    percent: i64,
) -> Option<String> {
    let client = suite.client.clone();
    let body = CreateOrganizationQuotaLimitBody::new(kind, percent);
    call!(
        suite,
        client
            .namespacequota()
            .create_organization_quota_limit(namespace, quota, body)
    );
    let limits = call!(
        suite,
        client
            .namespacequota()
            .list_organization_quota_limit(namespace, quota)
    );
    let limits = limits?;
    let limit = limits.body().iter().find(|l| l.limit_percent == percent)?;
    Some(limit.id.to_string())
}
