//! The bearer token, kept where neither `Debug` nor error messages can show it.

use std::fmt;

use reqwest::header::HeaderValue;

use super::error::{Error, Result};

/// What `Debug` and redacted error bodies show instead of the token.
pub(crate) const REDACTED: &str = "[redacted]";

/// A bearer token and its ready-made `Authorization` header value (marked sensitive, so
/// reqwest and hyper keep it out of their own debug output).
#[derive(Clone)]
pub(crate) struct BearerToken {
    secret: String,
    header: HeaderValue,
}

impl BearerToken {
    pub(crate) fn new(secret: String) -> Result<Self> {
        if secret.trim().is_empty() {
            return Err(Error::Config {
                reason: "the bearer token is empty".into(),
            });
        }
        // The error from HeaderValue is dropped on purpose: it could describe the token.
        let mut header =
            HeaderValue::from_str(&format!("Bearer {secret}")).map_err(|_| Error::Config {
                reason:
                    "the bearer token contains characters that are not allowed in an HTTP header"
                        .into(),
            })?;
        header.set_sensitive(true);
        Ok(Self { secret, header })
    }

    pub(crate) fn header(&self) -> &HeaderValue {
        &self.header
    }

    /// `text` with every occurrence of the token replaced, for bodies that echo it back.
    pub(crate) fn redact(&self, text: String) -> String {
        if text.contains(&self.secret) {
            text.replace(&self.secret, REDACTED)
        } else {
            text
        }
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_redact_hide_the_secret() {
        let token = BearerToken::new("s3cr3t-value".into()).expect("valid token");
        assert_eq!(format!("{token:?}"), REDACTED);
        assert_eq!(
            token.redact("echo s3cr3t-value and s3cr3t-value".into()),
            "echo [redacted] and [redacted]"
        );
        assert!(token.header().is_sensitive());
    }

    #[test]
    fn empty_or_unsendable_tokens_are_rejected_without_echoing_them() {
        assert!(matches!(
            BearerToken::new("  ".into()),
            Err(Error::Config { .. })
        ));
        let err = BearerToken::new("bad\nsecret".into()).expect_err("newline is invalid");
        assert!(!err.to_string().contains("secret"));
    }
}
