//! The client half of `cargo xtask bench`: emit and regenerate timings, the size of the
//! generated code, and how long the generated crate alone takes to build.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{bail, Context};
use generator::emit;
use generator::spec::Spec;

use crate::{generate, paths};

/// The spec of `docs` as `generate --docs` makes it (the emitter needs the example stage and the
/// overlay), built once per process so the emit timing excludes it.
fn parsed_once(docs: &Path) -> anyhow::Result<&'static Spec> {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    if let Some(spec) = SPEC.get() {
        return Ok(spec);
    }
    let spec = generate::build_spec(&generate::pipeline_inputs(docs))
        .with_context(|| format!("building the spec of {}", docs.display()))?;
    Ok(SPEC.get_or_init(|| spec))
}

/// Emit and format every file of the client in memory (parsing excluded).
pub fn emit_only(docs: &Path) -> anyhow::Result<()> {
    let spec = parsed_once(docs)?;
    emit::emit(spec, emit::INITIAL_CRATE_VERSION).context("emitting")?;
    Ok(())
}

/// Emit and format every generated file of `quay-cli` in memory (parsing excluded).
pub fn emit_cli_only(docs: &Path) -> anyhow::Result<()> {
    let spec = parsed_once(docs)?;
    emit::cli::emit(spec, emit::INITIAL_CRATE_VERSION).context("emitting the CLI")?;
    Ok(())
}

/// What `generate --docs` does besides the pipeline and the emitters: reading the committed spec
/// and diffing it with the new one (the release decision).
pub fn release_only(docs: &Path) -> anyhow::Result<()> {
    let spec = parsed_once(docs)?;
    let old = generate::read_spec(&paths::committed_spec())?;
    generator::diff::release(&old, spec, "", emit::INITIAL_CRATE_VERSION)?;
    Ok(())
}

/// The spec's JSON and its OpenAPI export, as `generate --docs` writes them.
pub fn exports_only(docs: &Path) -> anyhow::Result<()> {
    let spec = parsed_once(docs)?;
    spec.to_json();
    generator::openapi::export(spec).to_json();
    Ok(())
}

/// The docs-to-spec pipeline alone (parse, examples and guide, overlay).
pub fn pipeline_only(docs: &Path) -> anyhow::Result<()> {
    generate::build_spec(&generate::pipeline_inputs(docs))?;
    Ok(())
}

/// A whole regenerate in memory, as `generate --docs` does it: the docs-to-spec pipeline (parse,
/// examples and guide, overlay), then emit and format the client.
pub fn parse_and_emit(docs: &Path) -> anyhow::Result<()> {
    let spec = generate::build_spec(&generate::pipeline_inputs(docs))?;
    emit::emit(&spec, emit::INITIAL_CRATE_VERSION).context("emitting")?;
    Ok(())
}

/// Lines of generated code for the spec of `docs`: library sources, the conformance tests, and
/// library lines per operation.
pub struct ClientSize {
    pub operations: usize,
    pub library_lines: usize,
    pub test_lines: usize,
}

pub fn client_size(docs: &Path) -> anyhow::Result<ClientSize> {
    let spec = parsed_once(docs)?;
    let files = emit::emit(spec, emit::INITIAL_CRATE_VERSION).context("emitting")?;
    let lines = |pred: fn(&str) -> bool| -> usize {
        files
            .iter()
            .filter(|f| pred(&f.path))
            .map(|f| f.contents.lines().count())
            .sum()
    };
    Ok(ClientSize {
        operations: spec.operations.len(),
        library_lines: lines(|p| p.starts_with("src/")),
        test_lines: lines(|p| p.starts_with("tests/")),
    })
}

/// Lines of the generated `quay-cli`: commands (`src/`) and tests.
pub fn print_cli_size(docs: &Path) -> anyhow::Result<()> {
    let spec = parsed_once(docs)?;
    let files = emit::cli::emit(spec, emit::INITIAL_CRATE_VERSION).context("emitting the CLI")?;
    let lines = |prefix: &str| -> usize {
        files
            .iter()
            .filter(|f| f.path.starts_with(prefix))
            .map(|f| f.contents.lines().count())
            .sum()
    };
    let library = lines("src/");
    println!(
        "generated quay-cli: {library} library lines ({:.1} per command), {} test lines",
        library as f64 / spec.operations.len().max(1) as f64,
        lines("tests/")
    );
    Ok(())
}

pub fn print_client_size(size: &ClientSize) {
    let per_operation = size.library_lines as f64 / size.operations.max(1) as f64;
    println!(
        "generated code: {} library lines ({per_operation:.1} per operation, {} operations), {} test lines",
        size.library_lines, size.operations, size.test_lines
    );
}

/// Build times of the committed `generated-client` alone (dependencies already built): its
/// sources are touched before each run so only the crate itself recompiles, and incremental
/// compilation is off so an unchanged crate is really compiled again.
pub fn print_build_times(runs: usize) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    // Builds the dependencies once, untimed.
    cargo_run(&cargo, "build")?;
    cargo_run(&cargo, "check")?;
    for subcommand in ["build", "check"] {
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            touch(&paths::client_dir().join("src").join("lib.rs"))?;
            let start = Instant::now();
            cargo_run(&cargo, subcommand)?;
            times.push(start.elapsed());
        }
        times.sort();
        println!(
            "quay-client alone, cargo {subcommand:<5} (debug): min {:.2} s, median {:.2} s over {} runs",
            secs(times[0]),
            secs(times[times.len() / 2]),
            times.len()
        );
    }
    Ok(())
}

fn cargo_run(cargo: &str, subcommand: &str) -> anyhow::Result<()> {
    let status = Command::new(cargo)
        .args([subcommand, "--quiet", "-p", "quay-client"])
        .current_dir(paths::project_root())
        .env("CARGO_INCREMENTAL", "0")
        .status()
        .with_context(|| format!("running cargo {subcommand} -p quay-client"))?;
    if !status.success() {
        bail!("cargo {subcommand} -p quay-client failed");
    }
    Ok(())
}

/// Marks a file modified now, so cargo rebuilds its crate.
fn touch(path: &Path) -> anyhow::Result<()> {
    std::fs::File::options()
        .append(true)
        .open(path)
        .and_then(|file| file.set_modified(SystemTime::now()))
        .with_context(|| format!("touching {}", path.display()))
}

fn secs(duration: Duration) -> f64 {
    duration.as_secs_f64()
}
