//! Reading a response body within a size limit, and turning it into a value or an error.

use bytes::Bytes;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::error::{Error, ErrorBody, Result};
use super::token::BearerToken;

/// Reads the whole body, failing as soon as it grows past `limit` bytes (whether or not the
/// server announced a `Content-Length`), so a huge or endless body cannot exhaust memory. A
/// body that arrives in one chunk is kept as it is, without a copy.
pub(crate) async fn read_limited(
    operation: &'static str,
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Bytes> {
    let too_large = || Error::BodyTooLarge { operation, limit };
    let announced = response.content_length().unwrap_or(0);
    if usize::try_from(announced).map_or(true, |announced| announced > limit) {
        return Err(too_large());
    }
    let mut first: Option<Bytes> = None;
    let mut joined: Option<Vec<u8>> = None;
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|source| transport(operation, source))?
    {
        let so_far = joined.as_ref().map_or(0, Vec::len) + first.as_ref().map_or(0, Bytes::len);
        if so_far + chunk.len() > limit {
            return Err(too_large());
        }
        match (&mut joined, first.take()) {
            (Some(bytes), _) => bytes.extend_from_slice(&chunk),
            (None, None) => first = Some(chunk),
            (None, Some(earlier)) => {
                let capacity = usize::try_from(announced)
                    .unwrap_or(0)
                    .max(so_far + chunk.len());
                let mut bytes = Vec::with_capacity(capacity);
                bytes.extend_from_slice(&earlier);
                bytes.extend_from_slice(&chunk);
                joined = Some(bytes);
            }
        }
    }
    Ok(joined.map(Bytes::from).or(first).unwrap_or_default())
}

/// Maps a reqwest failure, keeping timeouts (from a caller-supplied reqwest client) apart.
pub(crate) fn transport(operation: &'static str, source: reqwest::Error) -> Error {
    if source.is_timeout() {
        Error::Timeout { operation }
    } else {
        Error::Transport { operation, source }
    }
}

/// Decodes a 2xx body. An empty body decodes as JSON `null`, so `()`, `Option<_>` and
/// `serde_json::Value` accept it.
pub(crate) fn decode<T: DeserializeOwned>(
    operation: &'static str,
    status: StatusCode,
    bytes: &[u8],
    token: Option<&BearerToken>,
) -> Result<T> {
    let decoded = if bytes.iter().all(u8::is_ascii_whitespace) {
        T::deserialize(serde_json::Value::Null)
    } else {
        serde_json::from_slice(bytes)
    };
    decoded.map_err(|source| Error::Decode {
        operation,
        status,
        raw: text_of(bytes, token),
        source,
    })
}

/// The error for a non-2xx answer.
pub(crate) fn api_error(
    operation: &'static str,
    status: StatusCode,
    bytes: &[u8],
    token: Option<&BearerToken>,
) -> Error {
    Error::Api {
        operation,
        status,
        body: ErrorBody::from_text(&text_of(bytes, token)),
    }
}

/// The body as text (invalid UTF-8 replaced), with any echo of the token redacted.
fn text_of(bytes: &[u8], token: Option<&BearerToken>) -> String {
    let text = String::from_utf8_lossy(bytes).into_owned();
    match token {
        Some(token) => token.redact(text),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_body_decodes_as_null_or_fails_with_raw_text() {
        let value: serde_json::Value =
            decode("op", StatusCode::NO_CONTENT, b"", None).expect("null");
        assert!(value.is_null());
        let unit: () = decode("op", StatusCode::OK, b"  ", None).expect("unit");
        assert_eq!(unit, ());
        let err = decode::<Vec<u8>>("op", StatusCode::OK, b"", None).expect_err("not null");
        assert!(
            matches!(err, Error::Decode { ref raw, .. } if raw.is_empty()),
            "{err:?}"
        );
    }

    #[test]
    fn decode_errors_keep_redacted_raw_text() {
        let token = BearerToken::new("tok3n".into()).expect("token");
        let err = decode::<u8>("op", StatusCode::OK, b"tok3n \xff", Some(&token))
            .expect_err("not a number");
        let Error::Decode { raw, .. } = err else {
            panic!("expected Decode");
        };
        assert_eq!(raw, "[redacted] \u{fffd}");
    }
}
