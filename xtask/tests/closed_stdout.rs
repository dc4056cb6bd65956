//! Every command survives a closed stdout (`cargo xtask parse ... | head`): no panic, the files
//! it writes are still written, and the exit code is the command's own.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ASSEMBLY: &str = "= Reference\n\n= widgets\nWidgets.\n\n== getWidget\nGet one.\n\n\
                        === GET /api/v1/widget\n\n**Authorizations: **oauth2_implicit (**repo:read**)\n";

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-closed-stdout-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("docs/api")).expect("scratch dir");
    std::fs::write(dir.join("docs/api/master.adoc"), ASSEMBLY).expect("assembly");
    dir
}

/// Runs xtask with its stdout a pipe whose reading end is already closed.
fn run_with_closed_stdout(args: &[&str], cwd: &Path) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xtask starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("xtask ends");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn parse_lint_and_diff_survive_a_closed_stdout() {
    let dir = scratch();
    let spec = dir.join("spec.json");
    let spec_arg = spec.display().to_string();
    let (ok, stderr) = run_with_closed_stdout(
        &[
            "parse",
            "--docs",
            "docs",
            "--no-guide",
            "--no-overlay",
            "--out",
            &spec_arg,
        ],
        &dir,
    );
    assert!(ok && !stderr.contains("panicked"), "parse: {stderr}");
    assert!(spec.is_file(), "parse still writes the spec: {stderr}");
    let (ok, stderr) = run_with_closed_stdout(&["lint", "--docs", "docs"], &dir);
    assert!(ok && !stderr.contains("panicked"), "lint: {stderr}");
    let (ok, stderr) = run_with_closed_stdout(
        &["diff", &spec_arg, "docs", "--no-guide", "--no-overlay"],
        &dir,
    );
    assert!(ok && !stderr.contains("panicked"), "diff: {stderr}");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}
