//! The registry protocol (`/v2`), which the API reference does not describe and the crate
//! cannot speak: a registry token, and pushing a minimal image so that a scratch repository has
//! a manifest to tag. Every use is reported by the suite as a finding about the crate.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::scenario::text;

/// A token for `repo` with `actions` (`pull`, `push,pull`), as a registry client gets one:
/// `GET /v2/` answers 401 with a challenge that names the token endpoint (realm) and the service,
/// and the token endpoint hands out a token for that service with the user's password.
pub async fn token(
    base_url: &str,
    user: &str,
    repo: &str,
    actions: &str,
) -> Result<String, String> {
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
            "{base}{path}?service={service}&scope=repository:{repo}:{actions}"
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

/// Pushes a one-layer OCI image (an empty tar layer) to `repo` as `tag` and returns the
/// manifest's digest. Blobs go up monolithically (`POST` then `PUT ?digest=`).
pub async fn push_image(
    base_url: &str,
    token: &str,
    repo: &str,
    tag: &str,
) -> Result<String, String> {
    let base = base_url.trim_end_matches('/');
    let http = reqwest::Client::builder()
        .build()
        .map_err(|e| format!("building the HTTP client: {e}"))?;
    // An empty tar archive: two 512-byte blocks of zeros, padded to the 10240-byte record.
    let layer = vec![0u8; 10240];
    let layer_digest = digest(&layer);
    let config = json!({
        "architecture": "amd64",
        "os": "linux",
        "rootfs": {"type": "layers", "diff_ids": [layer_digest]},
        "config": {}
    })
    .to_string()
    .into_bytes();
    let config_digest = digest(&config);
    for (blob, blob_digest) in [(&layer, &layer_digest), (&config, &config_digest)] {
        let started = http
            .post(format!("{base}/v2/{repo}/blobs/uploads/"))
            .bearer_auth(token)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let location = started
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .ok_or_else(|| format!("starting a blob upload answered {}", started.status()))?;
        // The location names the server's own host; send it to the address the suite uses.
        let path = match location.split("://").nth(1) {
            Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]).to_owned(),
            None => location.to_owned(),
        };
        let separator = if path.contains('?') { '&' } else { '?' };
        let put = http
            .put(format!("{base}{path}{separator}digest={blob_digest}"))
            .bearer_auth(token)
            .header("content-type", "application/octet-stream")
            .body(blob.clone())
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !put.status().is_success() {
            return Err(format!(
                "uploading blob {blob_digest} answered {}",
                put.status()
            ));
        }
    }
    let manifest = json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer_digest, "size": layer.len()}]
    })
    .to_string()
    .into_bytes();
    let manifest_digest = digest(&manifest);
    let put = http
        .put(format!("{base}/v2/{repo}/manifests/{tag}"))
        .bearer_auth(token)
        .header("content-type", "application/vnd.oci.image.manifest.v1+json")
        .body(manifest)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !put.status().is_success() {
        let status = put.status();
        let body = put.text().await.unwrap_or_default();
        return Err(format!("pushing the manifest answered {status}: {body}"));
    }
    Ok(manifest_digest)
}

fn digest(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
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
