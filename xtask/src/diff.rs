//! `cargo xtask diff OLD NEW`: what changed in the API between two docs versions or specs, and
//! the semver bump the generated crate needs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use generator::diff::{self, MarkdownOptions};
use generator::frontend::{self, InputFormat};
use generator::spec::Spec;

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
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Markdown,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let old = load_spec(&args.old)?;
    let new = load_spec(&args.new)?;
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

/// Reads a spec file, or parses a docs path. Parse problems are summarised on stderr: entries
/// with errors are not in the spec, so they would show up as removed or added.
pub fn load_spec(path: &Path) -> anyhow::Result<Spec> {
    if path.is_file() && path.extension().is_some_and(|e| e == "json") {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        // The error's own text already includes its cause: no context chain to repeat it.
        return Spec::from_json(&text).map_err(|err| anyhow::anyhow!("{}: {err}", path.display()));
    }
    let parsed = frontend::parse_path(path, InputFormat::Auto)?;
    let errors = parsed.errors().count();
    if errors > 0 {
        eprintln!(
            "warning: {}: {errors} entr{} could not be read and are left out (see `cargo xtask parse --docs {}`)",
            path.display(),
            if errors == 1 { "y" } else { "ies" },
            path.display()
        );
    }
    if parsed.spec.operations.is_empty() {
        bail!("{}: no operations found", path.display());
    }
    Ok(parsed.spec)
}
