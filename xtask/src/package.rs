//! `cargo xtask package`: proves that the crates meant for crates.io package and work on their
//! own. `cargo publish --dry-run` packages each (and builds the packaged library); then the
//! packaged `quay-client` is unpacked outside the workspace and its own tests run there, so a
//! test that needs the generator or `../shared` cannot hide in the package.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context};

use crate::paths;

/// The crates of the workspace that are published (packaged together: `quay-cli` is verified
/// against the packaged `quay-client`).
const PUBLISHED: &[&str] = &["quay-client", "quay-cli"];

/// The packaged crates whose own tests run outside the workspace. (`quay-cli` names
/// `quay-client` by version, which only the dry run's local registry has.)
const TESTED_ALONE: &[&str] = &["quay-client"];

pub fn run() -> anyhow::Result<ExitCode> {
    let root = paths::project_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut args = vec!["publish", "--dry-run", "--allow-dirty", "--locked"];
    for name in PUBLISHED {
        args.extend(["--package", name]);
    }
    eprintln!("==> package: cargo {}", args.join(" "));
    let status = cargo_command(&cargo)
        .args(&args)
        .current_dir(&root)
        .status()
        .context("running cargo publish --dry-run")?;
    if !status.success() {
        bail!("cargo publish --dry-run failed");
    }
    let target = root.join("target");
    let packaged = target.join("package");
    // Outside the project, so that no workspace above it claims the copy and no path of the
    // project is reachable from it by a relative path. The folder is the same on every run of
    // this checkout (and another for another checkout), so the build of the copy is
    // incremental and leaves one set of artifacts in target/; removed afterwards.
    let unpacked = std::env::temp_dir().join(format!("quay-package-alone-{:016x}", {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        root.hash(&mut hasher);
        hasher.finish()
    }));
    let result = test_alone(&cargo, &packaged, &unpacked, &target);
    if unpacked.exists() {
        std::fs::remove_dir_all(&unpacked)
            .with_context(|| format!("removing {}", unpacked.display()))?;
    }
    result?;
    Ok(ExitCode::SUCCESS)
}

/// `cargo` without the package variables `cargo run` put in xtask's environment
/// (`CARGO_PKG_*`, `CARGO_MANIFEST_*`, ...). ring's build script watches some of them, and
/// the dry run's verification does not pass them on everywhere, so with them each run rebuilt
/// ring, rustls and reqwest twice.
fn cargo_command(cargo: &str) -> Command {
    let mut command = Command::new(cargo);
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        if name.starts_with("CARGO_PKG_")
            || matches!(
                name,
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
            )
        {
            command.env_remove(name);
        }
    }
    command
}

/// Copies each of [`TESTED_ALONE`] from `packaged` into `unpacked` and runs its tests there.
fn test_alone(cargo: &str, packaged: &Path, unpacked: &Path, target: &Path) -> anyhow::Result<()> {
    for name in TESTED_ALONE {
        let source = newest_package_dir(packaged, name)?;
        let copy = unpacked.join(source.file_name().unwrap_or_default());
        copy_dir(&source, &copy)?;
        eprintln!(
            "==> package: the packaged {name} tested on its own in {}",
            copy.display()
        );
        // Its own Cargo.lock, as packaged, and the workspace's target directory, so that the
        // dependencies built already are reused (artifacts are keyed by package, source and
        // features: nothing of the workspace's own crates is used by this build).
        let status = cargo_command(cargo)
            .args(["test", "--all-features", "--locked"])
            .current_dir(&copy)
            .env("CARGO_TARGET_DIR", target)
            .status()
            .with_context(|| format!("running cargo test in {}", copy.display()))?;
        if !status.success() {
            bail!("the packaged {name} does not pass its own tests");
        }
    }
    Ok(())
}

/// `target/package/<name>-<version>` (the one `cargo publish --dry-run` just wrote).
fn newest_package_dir(packaged: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let prefix = format!("{name}-");
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(packaged)
        .with_context(|| format!("reading {}", packaged.display()))?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_prefix(&prefix))
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, path)| path)
        .with_context(|| format!("no packaged {name} in {}", packaged.display()))
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_package_of_a_crate_is_found() {
        let dir = std::env::temp_dir().join(format!("xtask-package-{}", std::process::id()));
        for sub in [
            "quay-client-0.1.0",
            "quay-client-0.2.0",
            "quay-client-extra-1.0.0",
            "other-1.0.0",
        ] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let found = newest_package_dir(&dir, "quay-client").unwrap();
        assert!(found.ends_with("quay-client-0.2.0"), "{}", found.display());
        assert!(newest_package_dir(&dir, "missing").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
