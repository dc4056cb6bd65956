//! Quota notifications of a namespace (the organization's and the user's): created by e-mail
//! (recipients are the namespace's, so `config` is empty), listed, read, tested, their failure
//! count reset, then deleted. They run while the namespace has a quota with a limit.

use quay_client::models::{CreateOrgNotificationBody, CreateUserNotificationBody};
use serde_json::json;

use super::{id_of, json, object};
use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

pub async fn org(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let org = &world.org;
    let title = world.name("quota warning");
    let body = CreateOrgNotificationBody::new(
        "quota_warning",
        "email",
        object(json!({})),
        object(json!({})),
    )
    .title(&title);
    let created = call!(
        suite,
        client
            .namespacenotification()
            .create_org_notification(org, body)
    );
    let listed = call!(
        suite,
        client.namespacenotification().list_org_notifications(org)
    );
    let uuid = id_of(&json(&created), "uuid").or_else(|| {
        listed
            .as_ref()?
            .body()
            .notifications
            .iter()
            .find(|n| n.title == title)
            .map(|n| n.uuid.clone())
    });
    let Some(uuid) = uuid else {
        eprintln!("  note  no notification of {org}: its calls are skipped");
        return;
    };
    let api = client.namespacenotification();
    call!(suite, api.get_org_notification(org, &uuid));
    call!(suite, api.test_org_notification(org, &uuid));
    call!(suite, api.reset_org_notification_failures(org, &uuid));
    call!(suite, api.delete_org_notification(org, &uuid));
}

pub async fn user(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let title = world.name("quota rejection");
    let body = CreateUserNotificationBody::new(
        "quota_error",
        "email",
        object(json!({})),
        object(json!({})),
    )
    .title(&title);
    let created = call!(
        suite,
        client
            .namespacenotification()
            .create_user_notification(body)
    );
    let listed = call!(
        suite,
        client.namespacenotification().list_user_notifications()
    );
    let uuid = id_of(&json(&created), "uuid").or_else(|| {
        listed
            .as_ref()?
            .body()
            .notifications
            .iter()
            .find(|n| n.title == title)
            .map(|n| n.uuid.clone())
    });
    let Some(uuid) = uuid else {
        eprintln!("  note  no notification of the user: its calls are skipped");
        return;
    };
    let api = client.namespacenotification();
    call!(suite, api.get_user_namespace_notification(&uuid));
    call!(suite, api.test_user_namespace_notification(&uuid));
    call!(suite, api.reset_user_namespace_notification_failures(&uuid));
    call!(suite, api.delete_user_notification(&uuid));
}
