//! `cargo xtask check`: regenerates everything in memory and fails, listing every stale, missing
//! or extra file, when the committed spec or the committed client differs from what the
//! generator makes now. Nothing is written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use generator::emit::{self, EmitOptions, GeneratedFile};

use generator::frontend::InputFormat;
use generator::pipeline::Inputs;

use crate::generate::{
    build_spec, committed_crate_version, extra_generated_files, openapi_document, read_spec,
};
use crate::inputs::{Defaults, SourceArgs};
use crate::paths;

#[derive(clap::Args)]
pub struct Args {
    /// The docs the committed spec must be the spec of (default: ../shared/quay-docs/adoc/3.18).
    #[arg(long)]
    docs: Option<PathBuf>,
    /// The guide and overlay to build them with (default: as `generate --docs`).
    #[command(flatten)]
    source: SourceArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut problems = crate::history::problems()?;
    let history_stale = !problems.is_empty();
    match spec_problems(&args) {
        Ok(found) => problems.extend(found),
        // A stale history may not fit the docs at all: the spec cannot be rebuilt before it is.
        Err(err) if history_stale => problems.push(format!(
            "stale: spec/quay-api.json (cannot be rebuilt before the history: {err:#})"
        )),
        Err(err) => return Err(err),
    }
    let spec = read_spec(&paths::committed_spec())?;
    let client_dir = paths::client_dir();
    let crates = emit::emit_crates(
        &spec,
        &committed_crate_version(&client_dir)?,
        EmitOptions::default(),
    )?;
    let files = crates.client;
    problems.extend(client_problems(&client_dir, &files)?);
    problems.extend(crate::cli_files::problems(&crates.cli)?);
    problems.extend(openapi_problem(&spec));
    if problems.is_empty() {
        println!(
            "up to date: spec/history.json, spec/quay-api.json and {} generated file(s)",
            files.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &problems {
        eprintln!("{problem}");
    }
    eprintln!(
        "error: {} generated file(s) out of date; run `cargo xtask history` if the history is \
         stale, then `cargo xtask generate --docs ../shared/quay-docs/adoc/3.18`",
        problems.len()
    );
    Ok(ExitCode::FAILURE)
}

/// The committed spec against a fresh build of the 3.18 docs (skipped without `../shared`,
/// except under CI), or of the docs and options given.
fn spec_problems(args: &Args) -> anyhow::Result<Vec<String>> {
    let docs = args.docs.clone().unwrap_or_else(paths::shared_adoc_3_18);
    if !docs.is_dir() {
        if paths::is_ci() {
            bail!("CI=true but the docs are missing at {}", docs.display());
        }
        eprintln!(
            "SKIPPED: spec check, {} is missing (set CI=true to make this a failure)",
            docs.display()
        );
        return Ok(Vec::new());
    }
    let shared_docs = paths::project_root()
        .join("..")
        .join("shared")
        .join("quay-docs");
    let inputs = if args.docs.is_none() && !args.source.is_given() {
        Inputs::committed(&shared_docs, &paths::project_root())
    } else {
        let resolved = args
            .source
            .resolve(&docs, InputFormat::Auto, Defaults::Generate);
        resolved.report();
        resolved.inputs
    };
    let fresh = build_spec(&inputs)?.to_json();
    let committed_path = paths::committed_spec();
    Ok(match std::fs::read_to_string(&committed_path) {
        Ok(committed) if committed == fresh => Vec::new(),
        Ok(_) => vec![format!(
            "stale: spec/quay-api.json (differs from parsing {})",
            docs.display()
        )],
        Err(_) => vec!["missing: spec/quay-api.json".to_string()],
    })
}

/// The committed OpenAPI document against a fresh export of the committed spec.
fn openapi_problem(spec: &generator::spec::Spec) -> Option<String> {
    match std::fs::read(paths::committed_openapi()) {
        Ok(committed) if committed == openapi_document(spec) => None,
        Ok(_) => Some(
            "stale: spec/quay-api.openapi.json (differs from exporting spec/quay-api.json)".into(),
        ),
        Err(_) => Some("missing: spec/quay-api.openapi.json".into()),
    }
}

/// Every generated file compared with the disk, plus generated group modules the spec no longer
/// produces. Paths are relative to the project root.
pub fn client_problems(client_dir: &Path, files: &[GeneratedFile]) -> anyhow::Result<Vec<String>> {
    let mut problems = Vec::new();
    for file in files {
        let shown = format!("generated-client/{}", file.path);
        match std::fs::read(client_dir.join(&file.path)) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(_) => problems.push(format!("stale: {shown}")),
            Err(_) => problems.push(format!("missing: {shown}")),
        }
    }
    for extra in extra_generated_files(client_dir, files)? {
        let name = extra
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        problems.push(format!(
            "extra: generated-client/{}/{name}",
            emit::GROUP_DIR
        ));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_stale_missing_and_extra_files() {
        let dir = std::env::temp_dir().join(format!("xtask-check-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src/api")).expect("scratch");
        std::fs::write(dir.join("src/lib.rs"), "old").expect("seed");
        std::fs::write(dir.join("src/api/gone.rs"), "old").expect("seed");
        std::fs::write(dir.join("README.md"), "same").expect("seed");
        let file = |path: &str, contents: &str| GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        };
        let files = [
            file("src/lib.rs", "new"),
            file("README.md", "same"),
            file("src/api/tag.rs", "tag"),
        ];
        let problems = client_problems(&dir, &files).expect("compares");
        assert_eq!(
            problems,
            [
                "stale: generated-client/src/lib.rs",
                "missing: generated-client/src/api/tag.rs",
                "extra: generated-client/src/api/gone.rs",
            ]
        );
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
