//! `cargo xtask history`: rebuilds `spec/history.json`, the version history of the committed
//! spec's operations, from the docs of every version in `../shared` (see
//! `generator::history`). `cargo xtask check` compares it with a fresh build ([`problems`]).

use std::process::ExitCode;

use anyhow::{bail, Context};
use generator::history::{self, History};
use generator::pipeline::Inputs;

use crate::inputs::project_history;
use crate::paths;

#[derive(clap::Args)]
pub struct Args {
    /// Only compare: fail when spec/history.json differs from a fresh build (writes nothing).
    #[arg(long)]
    check: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Some(fresh) = fresh()? else {
        return Ok(ExitCode::SUCCESS);
    };
    let path = project_history();
    let text = fresh.to_json();
    let committed = std::fs::read_to_string(&path).ok();
    if args.check {
        let problems = compare(committed.as_deref(), &text);
        if !problems.is_empty() {
            for problem in &problems {
                eprintln!("{problem}");
            }
            return Ok(ExitCode::FAILURE);
        }
        println!("up to date: spec/history.json");
        return Ok(ExitCode::SUCCESS);
    }
    summary(&fresh);
    if committed.as_deref() == Some(text.as_str()) {
        println!("spec/history.json unchanged");
    } else {
        crate::generate::apply(&crate::generate::Plan {
            writes: vec![(path.clone(), text.into_bytes())],
            deletes: Vec::new(),
        })?;
        println!(
            "wrote spec/history.json; regenerate the spec and the crates with \
             `cargo xtask generate --docs ../shared/quay-docs/adoc/{}`",
            generator::pipeline::COMMITTED_VERSION
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The history built from `../shared` now, or `None` (with a message) when the docs are missing
/// outside CI.
fn fresh() -> anyhow::Result<Option<History>> {
    let shared_docs = paths::project_root()
        .join("..")
        .join("shared")
        .join("quay-docs");
    let adoc = shared_docs.join("adoc");
    if !adoc.is_dir() {
        if paths::is_ci() {
            bail!("CI=true but the docs are missing at {}", adoc.display());
        }
        eprintln!(
            "SKIPPED: version history, {} is missing (set CI=true to make this a failure)",
            adoc.display()
        );
        return Ok(None);
    }
    let current = Inputs::committed(&shared_docs, &paths::project_root());
    let committed_spec = paths::committed_spec();
    let names_from = committed_spec.is_file().then_some(committed_spec.as_path());
    history::from_docs(&adoc, &current, names_from)
        .map(Some)
        .context("building the version history")
}

/// What `check` says of the committed history against the fresh text.
fn compare(committed: Option<&str>, fresh: &str) -> Vec<String> {
    match committed {
        Some(text) if text == fresh => Vec::new(),
        Some(_) => vec![
            "stale: spec/history.json (differs from the docs of every version in ../shared; \
             run `cargo xtask history`)"
                .to_string(),
        ],
        None => vec!["missing: spec/history.json (run `cargo xtask history`)".to_string()],
    }
}

/// `check`'s part: the committed history against a fresh build (nothing without `../shared`
/// outside CI).
pub fn problems() -> anyhow::Result<Vec<String>> {
    let Some(fresh) = fresh()? else {
        return Ok(Vec::new());
    };
    let committed = std::fs::read_to_string(project_history()).ok();
    Ok(compare(committed.as_deref(), &fresh.to_json()))
}

/// Operations per version and the later parameters, on stdout.
fn summary(history: &History) {
    for version in &history.versions {
        let arrived = history
            .operations
            .iter()
            .filter(|op| op.since == version.version)
            .count();
        let params = history
            .operations
            .iter()
            .flat_map(|op| &op.params)
            .filter(|p| p.added.as_deref() == Some(version.version.as_str()))
            .count();
        let removed = history
            .removed_operations
            .iter()
            .filter(|op| op.removed == version.version)
            .count();
        println!(
            "Quay {}: {arrived} operation(s) arrived, {params} parameter(s) or body field(s) added to older ones, {removed} operation(s) no longer documented",
            version.version
        );
    }
    let undocumented: Vec<&str> = history
        .operations
        .iter()
        .filter(|op| op.undocumented)
        .map(|op| op.name.as_str())
        .collect();
    if !undocumented.is_empty() {
        println!(
            "in no version's docs (the overlay's), since the newest: {}",
            undocumented.join(", ")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_or_missing_history_is_a_problem() {
        assert!(compare(Some("a"), "a").is_empty());
        assert!(compare(Some("a"), "b")[0].starts_with("stale: spec/history.json"));
        assert!(compare(None, "b")[0].starts_with("missing: spec/history.json"));
    }
}
