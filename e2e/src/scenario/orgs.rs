//! Area `orgs` of the scenario: what an organization's admin does with it, in that order.
//!
//! The details and members of the scratch organization, its OAuth applications and their
//! tokens, teams (members, invites, permissions) and default permissions, a quota with limits and
//! the quota notifications that go with it (for the organization and for the user), immutability
//! policies (organization and repository), and on a second scratch organization (which must be
//! empty) an organization mirror and then a proxy cache. Everything made here is deleted here.

mod apps;
mod details;
mod immutability;
mod notifications;
mod quota;
mod teams;

use serde_json::{Map, Value};

use crate::harness::Suite;
use crate::scenario::World;

pub async fn run(suite: &mut Suite, world: &World) {
    details::run(suite, world).await;
    let outsider = details::members(suite, world).await;
    apps::run(suite, world).await;
    teams::run(suite, world, outsider.as_deref()).await;
    let org_quota = quota::set_up_org(suite, world).await;
    notifications::org(suite, world).await;
    quota::tear_down_org(suite, world, org_quota).await;
    let user_quota = quota::set_up_user(suite, world).await;
    notifications::user(suite, world).await;
    quota::tear_down_user(suite, world, user_quota).await;
    immutability::run(suite, world).await;
}

/// The JSON of an answer (`null` when it had no body or no answer came).
fn json<T>(answer: &Option<quay_client::ApiResponse<T>>) -> Value {
    answer
        .as_ref()
        .and_then(|a| a.raw_json().ok())
        .unwrap_or(Value::Null)
}

/// A JSON object literal as the map a request body wants.
fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// A string or number field as text (ids come as either).
fn id_of(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
