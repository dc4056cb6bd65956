//! `cargo xtask parse`: docs to spec, with a summary of what was read and what is wrong.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use generator::diagnostics::{count_by_kind, Diagnostic, Severity};
use generator::frontend::InputFormat;
use generator::pipeline::{self, Built};

use crate::inputs::{Defaults, SourceArgs};
use crate::paths;

#[derive(clap::Args)]
pub struct Args {
    /// A docs tree, an AsciiDoc assembly file or a Markdown file.
    #[arg(long)]
    docs: PathBuf,
    #[arg(long, value_enum, default_value = "auto")]
    format: FormatArg,
    #[command(flatten)]
    source: SourceArgs,
    /// Where to write the spec (default: spec/quay-api.json).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Fail on warnings as well as errors.
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Adoc,
    Markdown,
    Auto,
}

impl From<FormatArg> for InputFormat {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Adoc => InputFormat::Adoc,
            FormatArg::Markdown => InputFormat::Markdown,
            FormatArg::Auto => InputFormat::Auto,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let resolved = args
        .source
        .resolve(&args.docs, args.format.into(), Defaults::Generate);
    resolved.report();
    let built = pipeline::build_spec(&resolved.inputs)?;
    for diagnostic in &built.diagnostics {
        eprintln!("{diagnostic}");
    }
    print_summary(&built);
    if !acceptable(&built.diagnostics, args.strict) {
        return Ok(ExitCode::FAILURE);
    }
    let out = args.out.unwrap_or_else(paths::committed_spec);
    generator::output::write_file_atomically(&out, built.spec.to_json().as_bytes())
        .with_context(|| format!("writing {}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(ExitCode::SUCCESS)
}

/// Errors always stop the write; warnings only under `--strict`. Says why on stderr.
pub fn acceptable(diagnostics: &[Diagnostic], strict: bool) -> bool {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if errors > 0 || (strict && warnings > 0) {
        eprintln!(
            "error: {errors} error(s), {warnings} warning(s){}; spec not written",
            if strict { " (--strict)" } else { "" }
        );
        return false;
    }
    true
}

pub fn print_summary(built: &Built) {
    let spec = &built.spec;
    println!(
        "docs version {}: {} operations in {} groups, {} definitions, {} files",
        spec.source.docs_version.as_deref().unwrap_or("unknown"),
        spec.operations.len(),
        spec.groups.len(),
        spec.definitions.len(),
        spec.source.files.len()
    );
    let examples = &built.enrichment.reference;
    println!(
        "examples: {} of {} command(s) parsed, {} of {} output(s) read; {} operation(s) with an inferred response schema",
        examples.commands_parsed,
        examples.commands,
        examples.outputs_read,
        examples.outputs,
        spec.operations
            .iter()
            .filter(|op| op.response_schema.is_some())
            .count()
    );
    if !spec.applied_corrections.is_empty() {
        println!(
            "overlay: {} correction(s) applied",
            spec.applied_corrections.len()
        );
    }
    for (severity, kind, count) in count_by_kind(&built.diagnostics) {
        let label = match severity {
            Severity::Error => "errors",
            Severity::Warning => "warnings",
        };
        println!("  {label} {:<32} {count}", kind.name());
    }
}
