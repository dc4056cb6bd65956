//! Where things are: the project root, the committed spec, the shared docs.

use std::path::PathBuf;

/// The workspace root (the parent of `xtask/`).
pub fn project_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}

/// The committed spec of the newest docs version.
pub fn committed_spec() -> PathBuf {
    project_root().join("spec").join("quay-api.json")
}

/// The generated client crate.
pub fn client_dir() -> PathBuf {
    project_root().join("generated-client")
}

/// The docs the committed spec is parsed from: `../shared/quay-docs/adoc/3.18` beside the project.
pub fn shared_docs_for_spec() -> PathBuf {
    project_root()
        .join("..")
        .join("shared")
        .join("quay-docs")
        .join("adoc")
        .join("3.18")
}

/// Whether this run is CI, where missing inputs are failures rather than skips.
pub fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}
