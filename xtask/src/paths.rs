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

/// The OpenAPI export of the committed spec.
pub fn committed_openapi() -> PathBuf {
    project_root().join("spec").join("quay-api.openapi.json")
}

/// The newest AsciiDoc docs tree in `../shared` beside the project.
pub fn shared_adoc_3_18() -> PathBuf {
    project_root()
        .join("..")
        .join("shared")
        .join("quay-docs")
        .join("adoc")
        .join("3.18")
}

/// The generated client crate.
pub fn client_dir() -> PathBuf {
    project_root().join("generated-client")
}

/// Whether this run is CI, where missing inputs are failures rather than skips.
pub fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The real Quay test server's scripts in `../shared` beside the project.
pub fn shared_quay_server() -> PathBuf {
    project_root().join("..").join("shared").join("quay-server")
}
