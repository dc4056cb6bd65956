//! Builds request paths from template text and percent-encoded parameters, so that no
//! parameter value can change which path is called.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::error::{Error, Result};

/// Everything except RFC 3986 "unreserved" characters is encoded, so a value stays one segment:
/// `/`, `?`, `#`, `%`, spaces and non-ASCII all become `%XX`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Assembles the path of one operation. Generated code only; not part of the public API.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct PathBuilder {
    operation: &'static str,
    path: String,
}

impl PathBuilder {
    pub fn new(operation: &'static str) -> Self {
        Self {
            operation,
            path: String::new(),
        }
    }

    /// Appends template text verbatim (it comes from the spec, never from a caller).
    pub fn literal(mut self, text: &'static str) -> Self {
        self.path.push_str(text);
        self
    }

    /// Appends `value` as exactly one percent-encoded path segment.
    pub fn segment(mut self, name: &'static str, value: &str) -> Result<Self> {
        self.check_segment(name, value)?;
        self.path.extend(utf8_percent_encode(value, SEGMENT));
        Ok(self)
    }

    /// Appends a `namespace/name` repository as two percent-encoded segments.
    pub fn repository(mut self, name: &'static str, value: &str) -> Result<Self> {
        let (namespace, repository) = value
            .split_once('/')
            .filter(|(_, repository)| !repository.contains('/'))
            .ok_or_else(|| Error::InvalidArgument {
                operation: self.operation,
                argument: name,
                reason: format!(
                    "expected `namespace/name` with exactly one `/`, got {:?}",
                    value
                ),
            })?;
        self.check_segment(name, namespace)?;
        self.check_segment(name, repository)?;
        self.path.extend(utf8_percent_encode(namespace, SEGMENT));
        self.path.push('/');
        self.path.extend(utf8_percent_encode(repository, SEGMENT));
        Ok(self)
    }

    pub fn finish(self) -> String {
        self.path
    }

    /// Empty, `.` and `..` would still change the path after encoding, so they are refused.
    fn check_segment(&self, name: &'static str, value: &str) -> Result<()> {
        let reason = match value {
            "" => "must not be empty",
            "." | ".." => "must not be `.` or `..`",
            _ => return Ok(()),
        };
        Err(Error::InvalidArgument {
            operation: self.operation,
            argument: name,
            reason: format!("{reason}, got {value:?}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag_path(repository: &str, tag: &str) -> Result<String> {
        Ok(PathBuilder::new("getTag")
            .literal("/api/v1/repository/")
            .repository("repository", repository)?
            .literal("/tag/")
            .segment("tag", tag)?
            .finish())
    }

    #[test]
    fn plain_values_pass_through() {
        assert_eq!(
            tag_path("my-org/my_repo.x", "v1.0~rc").expect("valid"),
            "/api/v1/repository/my-org/my_repo.x/tag/v1.0~rc"
        );
    }

    #[test]
    fn hostile_segment_values_stay_one_segment() {
        for (value, encoded) in [
            ("a/b", "a%2Fb"),
            ("../x", "..%2Fx"),
            ("a?b=c", "a%3Fb%3Dc"),
            ("a#b", "a%23b"),
            ("a b", "a%20b"),
            ("100%", "100%25"),
            ("%2e%2e", "%252e%252e"),
            ("é", "%C3%A9"),
            ("...", "..."),
        ] {
            assert_eq!(
                tag_path("ns/repo", value).expect("encodable"),
                format!("/api/v1/repository/ns/repo/tag/{encoded}"),
                "value {value:?}"
            );
        }
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for value in ["", ".", ".."] {
            let err = tag_path("ns/repo", value).expect_err("must be refused");
            assert!(
                matches!(
                    err,
                    Error::InvalidArgument {
                        operation: "getTag",
                        argument: "tag",
                        ..
                    }
                ),
                "{err:?}"
            );
        }
    }

    #[test]
    fn repository_needs_exactly_one_slash_and_valid_parts() {
        for value in ["repo", "a/b/c", "/repo", "ns/", "../repo", "ns/..", ""] {
            let err = tag_path(value, "latest").expect_err("must be refused");
            assert!(
                matches!(
                    err,
                    Error::InvalidArgument {
                        argument: "repository",
                        ..
                    }
                ),
                "{value:?}: {err:?}"
            );
        }
        assert_eq!(
            tag_path("n s/r?#", "t").expect("encodable"),
            "/api/v1/repository/n%20s/r%3F%23/tag/t"
        );
    }
}
