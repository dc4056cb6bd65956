//! `cargo xtask versions`: every AsciiDoc docs version in `../shared` regenerates, spec and
//! client, into `target/versions/<version>` with the full pipeline (the version's API guide where
//! there is one, the committed overlay only for the committed version, names for docs that give
//! none from the committed spec), with zero errors. The oldest, a middle and the newest version
//! are also built, and their generated crate's own tests run
//! (`cargo test -p quay-client --tests`), in one shared target directory (the project's), so
//! dependencies are built once.
//!
//! Each regenerated project is laid out as the real one (`spec/quay-api.json`,
//! `generated-client/`, a workspace `Cargo.toml`, `../shared` as a symlink to the real one) so
//! the generated tests read what they read in the project. Nothing of the docs is copied.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use anyhow::{bail, Context};
use generator::emit::{self, EmitOptions};
use generator::frontend::InputFormat;
use generator::pipeline::{self, Inputs, COMMITTED_VERSION};

use crate::inputs::{project_history, project_observed, project_overlay};
use crate::paths;

#[derive(clap::Args)]
pub struct Args {
    /// Only regenerate (no crate builds or test runs).
    #[arg(long)]
    no_build: bool,
    /// Only these versions (repeatable); each is built and tested unless --no-build.
    #[arg(long, value_name = "VERSION")]
    only: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let shared = paths::project_root().join("..").join("shared");
    let adoc = shared.join("quay-docs").join("adoc");
    if !adoc.is_dir() {
        if paths::is_ci() {
            bail!("CI=true but the docs are missing at {}", adoc.display());
        }
        eprintln!(
            "SKIPPED: every-version regeneration, {} is missing (set CI=true to make this a failure)",
            adoc.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut versions = versions(&adoc)?;
    let built = if args.only.is_empty() {
        built_versions(&versions)
    } else {
        versions.retain(|v| args.only.contains(v));
        if versions.is_empty() {
            bail!("none of {} is in {}", args.only.join(", "), adoc.display());
        }
        versions.clone()
    };
    // A fixed place in the target directory: files are rewritten only when they change, so a
    // second run rebuilds only what changed.
    let scratch = target_dir().join("versions");
    std::fs::create_dir_all(&scratch).with_context(|| format!("creating {}", scratch.display()))?;
    let shared_real = shared
        .canonicalize()
        .with_context(|| format!("resolving {}", shared.display()))?;
    let link = scratch.join("shared");
    if std::fs::read_link(&link).ok().as_deref() != Some(shared_real.as_path()) {
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&shared_real, &link)
            .context("linking ../shared into the regenerated projects' folder")?;
    }
    let mut failures = Vec::new();
    for version in &versions {
        let started = Instant::now();
        let project = scratch.join(version);
        let result = regenerate(&shared, version, &project).and_then(|summary| {
            let build = !args.no_build && built.contains(version);
            if build {
                build_and_test(&project)?;
            }
            Ok((summary, build))
        });
        match result {
            Ok((summary, build)) => println!(
                "{version}: {summary}{} ({:.1} s)",
                if build {
                    "; crate built, its tests pass"
                } else {
                    ""
                },
                started.elapsed().as_secs_f64()
            ),
            Err(err) => {
                println!("{version}: FAILED: {err:#}");
                failures.push(version.clone());
            }
        }
    }
    eprintln!("the regenerated projects are in {}", scratch.display());
    if !failures.is_empty() {
        bail!(
            "{} of {} version(s) failed: {}",
            failures.len(),
            versions.len(),
            failures.join(", ")
        );
    }
    println!(
        "every version regenerates ({}); built and tested: {}",
        versions.len(),
        built.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

/// The version folders, oldest first (`3.5` before `3.11`).
fn versions(adoc: &Path) -> anyhow::Result<Vec<String>> {
    let mut versions: Vec<String> = std::fs::read_dir(adoc)
        .with_context(|| format!("listing {}", adoc.display()))?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    versions.sort_by_key(|v| {
        v.split('.')
            .map(|part| part.parse::<u32>().unwrap_or(u32::MAX))
            .collect::<Vec<_>>()
    });
    if versions.is_empty() {
        bail!("no docs versions in {}", adoc.display());
    }
    Ok(versions)
}

/// The oldest, the middle and the newest version.
fn built_versions(versions: &[String]) -> Vec<String> {
    let mut built = vec![
        versions[0].clone(),
        versions[versions.len() / 2].clone(),
        versions[versions.len() - 1].clone(),
    ];
    built.dedup();
    built
}

/// Builds the spec and emits the client of `version` into `project`; returns a summary.
fn regenerate(shared: &Path, version: &str, project: &Path) -> anyhow::Result<String> {
    let docs = shared.join("quay-docs");
    let guide = docs.join("guide").join(version);
    let overlay = (version == COMMITTED_VERSION).then(project_overlay);
    let inputs = Inputs {
        docs: docs.join("adoc").join(version),
        format: InputFormat::Adoc,
        guide: guide.is_dir().then_some(guide),
        overlay: overlay.clone(),
        names_from: Some(paths::committed_spec()),
        // The server's answers are of the committed version's server, like the overlay.
        observed: (version == COMMITTED_VERSION).then(project_observed),
        // The history is of the committed version's operations, like the overlay.
        history: (version == COMMITTED_VERSION).then(project_history),
    };
    let built = pipeline::build_spec(&inputs)?;
    let errors = built.error_messages();
    if !errors.is_empty() {
        bail!("{} error(s):\n{}", errors.len(), errors.join("\n"));
    }
    let options = EmitOptions {
        skip_unexplained_examples: overlay.is_none(),
    };
    let files = emit::emit_with(&built.spec, emit::INITIAL_CRATE_VERSION, options)?;
    let mut crate_files = hand_written(&paths::client_dir())?;
    // The generator the generated tests use (`quay-codegen = { path = "../generator" }`) is the
    // project's, by absolute path.
    let generator = paths::project_root().join("generator");
    for file in &files {
        let contents = if file.path == "Cargo.toml" {
            file.contents.replace(
                "path = \"../generator\"",
                &format!("path = \"{}\"", generator.display()),
            )
        } else {
            file.contents.clone()
        };
        crate_files.push((PathBuf::from(&file.path), contents.into_bytes()));
    }
    let client = project.join("generated-client");
    for (relative, contents) in &crate_files {
        write(&client.join(relative), contents)?;
    }
    remove_others(&client, &crate_files)?;
    write(
        &project.join("spec").join("quay-api.json"),
        built.spec.to_json().as_bytes(),
    )?;
    write(
        &project.join("Cargo.toml"),
        workspace_manifest()?.as_bytes(),
    )?;
    let lock = paths::project_root().join("Cargo.lock");
    write(
        &project.join("Cargo.lock"),
        &std::fs::read(&lock).with_context(|| format!("reading {}", lock.display()))?,
    )?;
    let typed = built
        .spec
        .operations
        .iter()
        .filter(|op| op.response_schema.is_some())
        .count();
    Ok(format!(
        "{} operations, 0 errors, {} warning(s), {typed} with an inferred response schema, guide {}, overlay {}, {} files",
        built.spec.operations.len(),
        built.diagnostics.len(),
        if inputs.guide.is_some() { "yes" } else { "no" },
        if inputs.overlay.is_some() { "yes" } else { "no" },
        files.len()
    ))
}

/// The project's workspace manifest with the generated crate as its only member.
fn workspace_manifest() -> anyhow::Result<String> {
    let path = paths::project_root().join("Cargo.toml");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = String::new();
    let mut in_members = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if in_members {
            in_members = !trimmed.contains(']');
            continue;
        }
        if trimmed.starts_with("members") {
            out.push_str("members = [\"generated-client\"]\n");
            in_members = !trimmed.contains(']');
            continue;
        }
        if trimmed.starts_with("exclude") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if let Ok(relative) = path.strip_prefix(root) {
                out.push(relative.to_path_buf());
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    if dir.is_dir() {
        walk(dir, dir, &mut files).with_context(|| format!("listing {}", dir.display()))?;
    }
    files.sort();
    Ok(files)
}

/// The crate's hand-written files (everything the emitter does not own) with their bytes.
fn hand_written(from: &Path) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut out = Vec::new();
    for relative in files_under(from)? {
        let shown = relative.to_string_lossy().replace('\\', "/");
        if emit::is_generated_path(&shown) || shown == "CHANGELOG.md" {
            continue;
        }
        let bytes = std::fs::read(from.join(&relative))
            .with_context(|| format!("reading {}", from.join(&relative).display()))?;
        out.push((relative, bytes));
    }
    Ok(out)
}

/// Removes what an earlier run left in `dir` that this run does not write (a group module the
/// spec no longer has would otherwise stay, and a test file would still be compiled).
fn remove_others(dir: &Path, keep: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<()> {
    for relative in files_under(dir)? {
        if !keep.iter().any(|(path, _)| *path == relative) {
            let path = dir.join(&relative);
            std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        }
    }
    Ok(())
}

/// Writes `bytes` unless the file already has them (its time stamp then stays, and cargo does
/// not rebuild).
fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

/// The project's target directory (`CARGO_TARGET_DIR` when set).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| paths::project_root().join("target"))
}

/// `cargo test -p quay-client --tests` (library, integration and example tests; doc tests are
/// the committed crate's) in the regenerated project, with the project's target directory.
fn build_and_test(project: &Path) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let target = target_dir();
    let output = Command::new(&cargo)
        .args([
            "test",
            "--offline",
            "-p",
            "quay-client",
            "--tests",
            "--manifest-path",
        ])
        .arg(project.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .current_dir(project)
        .output()
        .with_context(|| format!("running {cargo} test"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        bail!(
            "cargo test -p quay-client failed:\n{}\n{}",
            stdout
                .lines()
                .filter(|l| l.contains("FAILED") || l.contains("panicked"))
                .collect::<Vec<_>>()
                .join("\n"),
            tail.join("\n")
        );
    }
    // Pass the result lines through, so `cargo xtask test` counts these tests too.
    for line in stdout.lines().filter(|l| l.starts_with("test result: ")) {
        println!("{line}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_oldest_middle_and_newest() {
        let versions: Vec<String> = ["3.5", "3.6", "3.8", "3.11", "3.18"]
            .map(String::from)
            .to_vec();
        assert_eq!(built_versions(&versions), ["3.5", "3.8", "3.18"]);
    }

    #[test]
    fn the_workspace_has_only_the_generated_crate() {
        let manifest = workspace_manifest().expect("reads Cargo.toml");
        assert!(
            manifest.contains("members = [\"generated-client\"]\n"),
            "{manifest}"
        );
        assert!(!manifest.contains("exclude"), "{manifest}");
        assert!(manifest.contains("[workspace.package]"), "{manifest}");
    }
}
