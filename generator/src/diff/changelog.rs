//! The generated crate's `CHANGELOG.md` entry and version bump for a diff.

use super::{diff, ApiDiff, Bump, MarkdownOptions};
use crate::spec::Spec;

const TITLE: &str = "# Changelog";

/// What `generate --docs` writes when the spec changed: the bumped crate version and the
/// changelog with a new entry on top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub bump: Bump,
    pub version: String,
    pub changelog: String,
}

/// The release for going from `old` to `new`, or `None` when the API did not change (source
/// lines or hashes alone do not count), in which case nothing should be written.
pub fn release(
    old: &Spec,
    new: &Spec,
    changelog: &str,
    crate_version: &str,
) -> Result<Option<Release>, VersionError> {
    let api_diff = diff(old, new);
    if api_diff.is_empty() {
        return Ok(None);
    }
    let bump = api_diff.bump();
    let version = bump.apply(crate_version)?;
    let docs = new
        .source
        .docs_version
        .as_deref()
        .unwrap_or("(unknown version)");
    let heading = format!("{version} — Quay {docs} docs");
    Ok(Some(Release {
        bump,
        changelog: prepend(changelog, &heading, &api_diff),
        version,
    }))
}

/// Returns `existing` with a new entry for `diff` on top: a `## {version_heading}` section
/// holding the Markdown report. The file's `# ` title is kept (or `# Changelog` written) and
/// older entries follow unchanged.
pub fn prepend(existing: &str, version_heading: &str, diff: &ApiDiff) -> String {
    let (title, older) = split_title(existing);
    let report = diff.to_markdown(&MarkdownOptions {
        list_descriptions: false,
        heading_level: 3,
    });
    let mut text = format!("{title}\n\n## {version_heading}\n\n{}", report.trim_end());
    text.push('\n');
    if !older.trim().is_empty() {
        text.push('\n');
        text.push_str(older.trim_start_matches('\n'));
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}

/// The title line (or the default one) and everything after it.
fn split_title(existing: &str) -> (&str, &str) {
    let first_line = existing.lines().next().unwrap_or_default();
    if first_line.starts_with("# ") {
        (first_line, &existing[first_line.len()..])
    } else {
        (TITLE, existing)
    }
}

/// A crate version that is not `MAJOR.MINOR.PATCH`.
#[derive(Debug, thiserror::Error)]
#[error("crate version `{version}` is not a semver version: {source}")]
pub struct VersionError {
    version: String,
    #[source]
    source: semver::Error,
}

impl Bump {
    /// The crate version after this bump. Pre-release and build tags are dropped by any bump;
    /// [`Bump::None`] returns the version as it was.
    ///
    /// Cargo treats the first non-zero component as the major one, so for `0.y.z` a breaking
    /// change bumps `y` and anything else bumps `z`; for `0.0.z` every change bumps `z`.
    pub fn apply(self, version: &str) -> Result<String, VersionError> {
        let parsed = semver::Version::parse(version.trim()).map_err(|source| VersionError {
            version: version.to_string(),
            source,
        })?;
        if self == Bump::None {
            return Ok(version.trim().to_string());
        }
        let (major, minor, patch) = (parsed.major, parsed.minor, parsed.patch);
        let next = match (self, major, minor) {
            (Bump::None, ..) => (major, minor, patch),
            (_, 0, 0) => (0, 0, patch + 1),
            (Bump::Major, 0, _) => (0, minor + 1, 0),
            (Bump::Minor | Bump::Patch, 0, _) => (0, minor, patch + 1),
            (Bump::Major, ..) => (major + 1, 0, 0),
            (Bump::Minor, ..) => (major, minor + 1, 0),
            (Bump::Patch, ..) => (major, minor, patch + 1),
        };
        Ok(format!("{}.{}.{}", next.0, next.1, next.2))
    }
}
