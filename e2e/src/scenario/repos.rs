//! Area `repos` of the scenario: what a user does with repositories, in the order they do it.
//!
//! The repository itself (read, describe, make public and private, read-only and back), its
//! tags and manifests (a scratch tag on a sample manifest, labels, the security report, the
//! referrers of the OCI API), robots and permissions, notifications, auto-prune policies, a
//! mirror configuration, builds and the sample build trigger, and last the logs of all that.
//! Every object made here is deleted here, but for the mirror's robot, which Quay keeps
//! while the deleted repository's mirror waits for a worker (see [`mirror`]). The build
//! trigger of the sample data is deleted too: it is the only trigger, and triggers cannot be
//! made through the API.

mod access;
mod builds;
mod history;
mod mirror;
mod notifications;
mod policies;
mod repository;
mod tags;

use quay_client::ApiResponse;
use serde_json::{Map, Value};

use crate::harness::Suite;
use crate::scenario::World;

pub async fn run(suite: &mut Suite, world: &World) {
    repository::run(suite, world).await;
    tags::run(suite, world).await;
    let robots = access::create_robots(suite, world).await;
    access::permissions(suite, world, &robots).await;
    notifications::run(suite, world).await;
    policies::run(suite, world).await;
    mirror::run(suite, world).await;
    builds::run(suite, world).await;
    access::delete_robots(suite, world, &robots).await;
    history::run(suite, world).await;
}

/// The JSON of an answer (`Null` when it is not JSON).
fn json_of<T>(response: &ApiResponse<T>) -> Value {
    response.raw_json().unwrap_or(Value::Null)
}

/// A JSON object from `json!({...})`.
fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// A string field of a JSON value.
fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(str::to_owned)
}

/// Seconds since the Unix epoch, now.
fn now_epoch() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// `YYYY-MM-DDTHH:MM:SSZ` of an epoch time, the format of mirror start dates.
fn iso8601(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::iso8601;

    #[test]
    fn iso8601_formats_epoch_times() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(1_767_225_599), "2025-12-31T23:59:59Z");
    }
}
