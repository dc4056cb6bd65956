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

/// A loopback URL where nothing listens (a port just bound and released): connection refused.
pub fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("its address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}
