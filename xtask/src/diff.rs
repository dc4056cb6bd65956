//! `cargo xtask diff OLD NEW`: what changed in the API between two docs versions or specs, and
//! the semver bump the generated crate needs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use generator::diff::{self, MarkdownOptions};
use generator::frontend::InputFormat;
use generator::spec::Spec;

use crate::generate::build_spec;
use crate::inputs::{Defaults, SourceArgs};

#[derive(clap::Args)]
pub struct Args {
    /// The older API: a spec file (`.json`) or a docs path (parsed on the fly).
    old: PathBuf,
    /// The newer API: a spec file (`.json`) or a docs path (parsed on the fly).
    new: PathBuf,
    #[arg(long, value_enum, default_value = "markdown")]
    format: ReportFormat,
    /// List every changed description instead of counting them (Markdown).
    #[arg(long)]
    descriptions: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// For each side that is a docs path: the guide and overlay to build it with (as
    /// `generate --docs`; by default the guide found beside the docs and spec/overlay.toml).
    #[command(flatten)]
    source: SourceArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Markdown,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let old = load_spec(&args.old, &args.source)?;
    let new = load_spec(&args.new, &args.source)?;
    let diff = diff::diff(&old, &new);
    let report = match args.format {
        ReportFormat::Markdown => diff.to_markdown(&MarkdownOptions {
            list_descriptions: args.descriptions,
            ..MarkdownOptions::default()
        }),
        ReportFormat::Json => diff.to_json(),
    };
    match &args.out {
        Some(out) => {
            generator::output::write_file_atomically(out, report.as_bytes())
                .with_context(|| format!("writing {}", out.display()))?;
            eprintln!("wrote {} (bump: {})", out.display(), diff.bump().label());
        }
        None => print!("{report}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a spec file, or builds the spec of a docs path exactly as `generate --docs` does (the
/// same pipeline, guide and overlay options; docs with errors are refused). What the docs side
/// was built with goes to stderr, the report's stream being stdout.
pub fn load_spec(path: &Path, source: &SourceArgs) -> anyhow::Result<Spec> {
    if path.is_file() && path.extension().is_some_and(|e| e == "json") {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        // The error's own text already includes its cause: no context chain to repeat it.
        return Spec::from_json(&text).map_err(|err| anyhow::anyhow!("{}: {err}", path.display()));
    }
    let resolved = source.resolve(path, InputFormat::Auto, Defaults::Generate);
    for note in &resolved.notes {
        eprintln!("{}: {note}", path.display());
    }
    for warning in &resolved.warnings {
        eprintln!("warning: {warning}");
    }
    let spec = build_spec(&resolved.inputs)?;
    if spec.operations.is_empty() {
        bail!("{}: no operations found", path.display());
    }
    Ok(spec)
}
