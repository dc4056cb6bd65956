//! Hand-written behaviour tests of `quay`: configuration precedence, output formats, exit
//! statuses, usage errors, aliases, completions and `tag prune`, in-process against loopback
//! mocks; `binary` runs the built `quay` executable itself.

#[path = "../support/mod.rs"]
mod support;

mod binary;
mod config;
mod output;
mod prune;
mod usage;

/// A fresh scratch directory under the system temp dir.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("quay-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}
