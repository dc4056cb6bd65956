//! Helpers shared by the cross-stage integration tests in `tests/tests/`.

use std::path::PathBuf;

/// The workspace root.
pub fn project_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}

/// `../shared/quay-docs` beside the project, if it is there.
///
/// Under `CI=true` a missing tree is a failure, never a silent skip. Elsewhere the caller skips
/// and says so on stderr.
pub fn shared_docs() -> Option<PathBuf> {
    let path = project_root().join("..").join("shared").join("quay-docs");
    if path.is_dir() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "CI=true but the shared docs are missing at {}; they are required inputs",
            path.display()
        );
    }
    eprintln!(
        "SKIPPED: {} is missing (set CI=true to make this a failure)",
        path.display()
    );
    None
}

/// The AsciiDoc versions in `../shared`, with the number of live operations each documents.
pub const ADOC_VERSIONS: [(&str, usize); 11] = [
    ("3.5", 126),
    ("3.6", 135),
    ("3.8", 159),
    ("3.9", 161),
    ("3.11", 177),
    ("3.12", 174),
    ("3.13", 176),
    ("3.14", 176),
    ("3.15", 178),
    ("3.17", 200),
    ("3.18", 218),
];
