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
mod mirror;
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
    mirror::run(suite, world).await;
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

/// The time now as Quay's ISO 8601 form `YYYY-MM-DDTHH:MM:SSZ` (UTC).
fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_now_has_quays_format() {
        let now = super::utc_now();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.starts_with("20") && now.ends_with('Z'), "{now}");
        assert_eq!(&now[10..11], "T", "{now}");
    }
}
