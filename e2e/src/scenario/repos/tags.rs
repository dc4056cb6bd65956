//! Tags, manifests, labels, the security report and the referrers of a manifest, on the sample
//! repository: a scratch tag is pointed at the sample manifest, moved, deleted, restored and
//! deleted again; a scratch label is added to the manifest and removed.

use quay_client::models::{AddManifestLabelBody, ChangeTagBody, RestoreTagBody};
use serde_json::{json, Value};

use super::{now_epoch, text};
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
            .restore_tag(repo, &tag, RestoreTagBody::new(digest))
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
            AddManifestLabelBody::new(&key, "made by the e2e suite", json!("text/plain"))
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
    let token = match registry_token(&suite.settings.url, &world.user, repo).await {
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

/// A pull token for `repo`, as a registry client gets one: `GET /v2/` answers 401 with a
/// challenge that names the token endpoint (realm) and the service, and the token endpoint
/// hands out a token for that service with the user's password.
async fn registry_token(base_url: &str, user: &str, repo: &str) -> Result<String, String> {
    quay_client::runtime::install_crypto_provider();
    let base = base_url.trim_end_matches('/');
    let http = reqwest::Client::builder()
        .build()
        .map_err(|e| format!("building the HTTP client: {e}"))?;
    let challenge = http
        .get(format!("{base}/v2/"))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let header = challenge
        .headers()
        .get("www-authenticate")
        .and_then(|h| h.to_str().ok())
        .ok_or_else(|| {
            format!(
                "GET /v2/ answered {} without a challenge",
                challenge.status()
            )
        })?
        .to_owned();
    let realm = challenge_param(&header, "realm").ok_or(format!("no realm in {header}"))?;
    let service = challenge_param(&header, "service").ok_or(format!("no service in {header}"))?;
    // The realm is the server's own token endpoint; ask it at the address the suite uses.
    let path = realm
        .split("://")
        .nth(1)
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_owned()))
        .unwrap_or_else(|| "/v2/auth".to_owned());
    let answer = http
        .get(format!(
            "{base}{path}?service={service}&scope=repository:{repo}:pull"
        ))
        // The sample users' password (`../shared/quay-server/README.md`).
        .basic_auth(user, Some("password"))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = answer.status();
    let body = answer.text().await.map_err(|e| e.to_string())?;
    if !status.is_success() {
        return Err(format!("{status}: {body}"));
    }
    let json: Value = serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))?;
    text(&json, "token").ok_or_else(|| format!("no token in {body}"))
}

/// A quoted parameter of a `WWW-Authenticate: Bearer realm="...",service="..."` challenge.
fn challenge_param(header: &str, name: &str) -> Option<String> {
    let start = header.find(&format!("{name}=\""))? + name.len() + 2;
    let rest = &header[start..];
    Some(rest[..rest.find('"')?].to_owned())
}

#[cfg(test)]
mod tests {
    use super::challenge_param;

    #[test]
    fn challenge_params_are_read() {
        let header = r#"Bearer realm="http://localhost:8091/v2/auth",service="localhost:8091""#;
        assert_eq!(
            challenge_param(header, "realm").as_deref(),
            Some("http://localhost:8091/v2/auth")
        );
        assert_eq!(
            challenge_param(header, "service").as_deref(),
            Some("localhost:8091")
        );
        assert_eq!(challenge_param(header, "scope"), None);
    }
}
