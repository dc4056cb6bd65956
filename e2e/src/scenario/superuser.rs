//! Area `superuser`: what an administrator of the registry does, on scratch objects only: a
//! user created, changed and deleted; an organization renamed and deleted; quotas of both set,
//! changed and removed; a service key created, approved, changed and deleted; a global message
//! posted and taken down; the registry-wide listings, builds and sizes read.

use serde_json::{json, Map, Value};

use crate::call;
use crate::harness::Suite;
use crate::scenario::{repositories_of, text, World};

pub async fn run(suite: &mut Suite, world: &World) {
    listings(suite).await;
    let user = install_user(suite, world).await;
    if let Some(user) = &user {
        user_quota(suite, user).await;
    }
    organization(suite, world).await;
    service_keys(suite, world).await;
    global_messages(suite, world).await;
    registry(suite, world).await;
    if let Some(user) = user {
        delete_install_user(suite, &user).await;
    }
    unavailable_here(suite).await;
}

/// The registry-wide listings.
async fn listings(suite: &mut Suite) {
    let client = suite.client.clone();
    let su = client.superuser();
    call!(suite, su.list_all_users().limit(50));
    call!(suite, su.list_all_users().disabled(true));
    call!(suite, su.list_all_organizations());
    call!(suite, su.list_all_logs());
    call!(suite, su.list_all_app_tokens());
    call!(suite, su.list_all_app_tokens().expiring(true));
    call!(suite, su.list_service_keys());
    call!(suite, su.get_super_user_repository_mirror_health());
}

/// A scratch user, created by the superuser, then changed.
async fn install_user(suite: &mut Suite, world: &World) -> Option<String> {
    let client = suite.client.clone();
    let username = world.name("user");
    let body = quay_client::models::CreateInstallUserBody::new(&username)
        .email(format!("{username}@example.com"));
    let created = call!(suite, client.superuser().create_install_user(body))?;
    let password = created.body().password.clone();
    suite.check(
        "createInstallUser answers the new user's name and a generated password",
        if created.body().username == username && !password.is_empty() {
            Ok(())
        } else {
            Err(format!("username {:?}", created.body().username))
        },
    );
    let body = quay_client::models::ChangeInstallUserBody::default()
        .email(format!("{username}.changed@example.com"))
        .enabled(false);
    call!(
        suite,
        client.superuser().change_install_user(&username, body)
    );
    let body = quay_client::models::ChangeInstallUserBody::default().enabled(true);
    call!(
        suite,
        client.superuser().change_install_user(&username, body)
    );
    Some(username)
}

async fn delete_install_user(suite: &mut Suite, username: &str) {
    let client = suite.client.clone();
    let body = quay_client::models::DeleteInstallUserBody::new(username);
    call!(
        suite,
        client.superuser().delete_install_user(username, body)
    );
}

/// The quota of a user namespace, set by the superuser (`/superuser/users/{namespace}/quota`;
/// the docs name these operations `...OrganizationQuotaSuperUser`).
async fn user_quota(suite: &mut Suite, user: &str) {
    let client = suite.client.clone();
    let su = client.superuser();
    let body = quay_client::models::CreateOrganizationQuotaSuperUserBody::default()
        .limit_bytes(2_000_000_000);
    call!(suite, su.create_organization_quota_super_user(user, body));
    let Some(quota_id) = first_quota_id(suite, "listOrganizationQuotaSuperUser", user, true).await
    else {
        return;
    };
    let body = quay_client::models::ChangeOrganizationQuotaSuperUserBody::default()
        .limit_bytes(3_000_000_000);
    call!(
        suite,
        su.change_organization_quota_super_user(user, &quota_id, body)
    );
    call!(
        suite,
        su.delete_organization_quota_super_user(user, &quota_id)
    );
}

/// The id of the first quota of a namespace, listed through the users or the organization path.
async fn first_quota_id(
    suite: &mut Suite,
    what: &str,
    namespace: &str,
    user_path: bool,
) -> Option<String> {
    let client = suite.client.clone();
    let su = client.superuser();
    let json = if user_path {
        call!(suite, su.list_organization_quota_super_user(namespace))?.raw_json()
    } else {
        call!(suite, su.list_user_quota_super_user(namespace))?.raw_json()
    };
    let id = json
        .ok()
        .and_then(|list| list.as_array()?.first()?.get("id").map(id_text));
    suite.check(
        format!("{what} lists the quota just created"),
        id.is_some()
            .then_some(())
            .ok_or_else(|| "no quota listed".to_string()),
    );
    id
}

/// A quota id as the API sends it (a number), as the path wants it.
fn id_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A scratch organization: quota set, changed and removed by the superuser, then renamed and
/// deleted.
async fn organization(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let name = world.name("suorg");
    let body = quay_client::models::CreateOrganizationBody::new(&name)
        .email(format!("{name}@example.com"));
    if call!(suite, client.organization().create_organization(body)).is_none() {
        return;
    }
    let su = client.superuser();
    let body = quay_client::models::CreateUserQuotaSuperUserBody::new(1_000_000_000);
    call!(suite, su.create_user_quota_super_user(&name, body));
    if let Some(quota_id) = first_quota_id(suite, "listUserQuotaSuperUser", &name, false).await {
        let body =
            quay_client::models::ChangeUserQuotaSuperUserBody::default().limit_bytes(4_000_000_000);
        call!(
            suite,
            su.change_user_quota_super_user(&name, &quota_id, body)
        );
        call!(suite, su.delete_user_quota_super_user(&name, &quota_id));
    }
    let renamed = world.name("suorg2");
    let body = quay_client::models::ChangeOrganizationBody::default().name(&renamed);
    let current = match call!(suite, su.change_organization(&name, body)) {
        Some(_) => renamed,
        None => name,
    };
    call!(suite, su.delete_organization(&current));
}

/// A service key: created (the superuser's keys are approved at once), approved again with
/// notes, read, renamed and deleted.
async fn service_keys(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let su = client.superuser();
    let mut metadata = Map::new();
    metadata.insert("made_by".into(), json!("e2e"));
    // An expiration a day from now, as the unix timestamp the API wants.
    let tomorrow = unix_now() + 86_400;
    let body = quay_client::models::CreateServiceKeyBody::new("quay", json!(tomorrow))
        .name(world.name("key"))
        .metadata(metadata)
        .notes("made by the e2e suite");
    let Some(created) = call!(suite, su.create_service_key(body)) else {
        return;
    };
    let kid = created.raw_json().ok().and_then(|json| text(&json, "kid"));
    let Some(kid) = kid else {
        suite.check(
            "createServiceKey answers the new key's kid",
            Err("no kid in the answer".into()),
        );
        return;
    };
    let body = quay_client::models::ApproveServiceKeyBody::default().notes("approved by e2e");
    call!(suite, su.approve_service_key(&kid, body));
    call!(suite, su.get_service_key(&kid));
    let body = quay_client::models::UpdateServiceKeyBody::default()
        .name(world.name("key2"))
        .expiration(json!(tomorrow + 3_600));
    call!(suite, su.update_service_key(&kid, body));
    call!(suite, su.delete_service_key(&kid));
}

/// A message for every user of the registry, posted, listed and taken down.
async fn global_messages(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let content = format!("maintenance announced by {}", world.name("message"));
    let message = quay_client::models::CreateGlobalMessageBodyMessage::new(
        &content,
        quay_client::models::CreateGlobalMessageBodyMessageMediaType::TextPlain,
        quay_client::models::CreateGlobalMessageBodyMessageSeverity::Info,
    );
    let body = quay_client::models::CreateGlobalMessageBody::new(message);
    call!(suite, client.globalmessages().create_global_message(body));
    let listed = call!(suite, client.globalmessages().get_global_messages());
    let uuid = listed.and_then(|r| {
        r.body()
            .messages
            .iter()
            .find(|m| m.content == content)
            .map(|m| m.uuid.clone())
    });
    let Some(uuid) = uuid else {
        suite.check(
            "getGlobalMessages lists the message just posted",
            Err("not listed".into()),
        );
        return;
    };
    call!(suite, client.globalmessages().delete_global_message(&uuid));
}

/// The registry's size (queued, never computed here: no background workers) and the builds of
/// the sample data as the superuser sees them.
async fn registry(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let su = client.superuser();
    call!(suite, su.get_registry_size());
    let body = quay_client::models::PostRegistrySizeBody::default();
    call!(suite, su.post_registry_size(body));
    let Some(build) = find_build(suite, world).await else {
        suite.check(
            "a build of the sample data to read as the superuser",
            Err(format!("no repository of {} has a build", world.user)),
        );
        return;
    };
    call!(suite, su.get_repo_build_super_user(&build));
    call!(suite, su.get_repo_build_status_super_user(&build));
    call!(suite, su.get_repo_build_logs_super_user(&build));
}

/// The id of a build of the sample data: the first build of the user's repositories.
async fn find_build(suite: &mut Suite, world: &World) -> Option<String> {
    let client = suite.client.clone();
    for repository in repositories_of(suite, &world.user).await? {
        let builds = call!(suite, client.build().get_repo_builds(&repository).limit(5))?;
        let id = builds.raw_json().ok().and_then(|json| {
            json.get("builds")?
                .as_array()?
                .iter()
                .find_map(|b| text(b, "id"))
        });
        if id.is_some() {
            return id;
        }
    }
    None
}

/// The two superuser operations this server cannot serve (see the table for why); called so
/// that the table's claim is checked.
async fn unavailable_here(suite: &mut Suite) {
    let client = suite.client.clone();
    call!(suite, client.superuser().get_config_dump());
    call!(suite, client.bootstrap().renew_bootstrap_token());
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
