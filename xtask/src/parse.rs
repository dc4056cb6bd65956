//! `cargo xtask parse`: docs to spec, with a summary of what was read and what is wrong.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use generator::diagnostics::{count_by_kind, Severity};
use generator::frontend::{self, InputFormat, Parsed};

use crate::paths;

#[derive(clap::Args)]
pub struct Args {
    /// A docs tree, an AsciiDoc assembly file or a Markdown file.
    #[arg(long)]
    docs: PathBuf,
    #[arg(long, value_enum, default_value = "auto")]
    format: FormatArg,
    /// Where to write the spec (default: spec/quay-api.json).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Fail on warnings as well as errors.
    #[arg(long)]
    strict: bool,
    /// Apply the corrections in this overlay file (e.g. spec/overlay.toml) before writing.
    #[arg(long)]
    overlay: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
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
    let parsed = frontend::parse_path(&args.docs, args.format.into())?;
    for diagnostic in &parsed.diagnostics {
        eprintln!("{diagnostic}");
    }
    print_summary(&parsed);
    let errors = parsed.errors().count();
    let warnings = parsed.warnings().count();
    if errors > 0 || (args.strict && warnings > 0) {
        eprintln!(
            "error: {errors} error(s), {warnings} warning(s){}; spec not written",
            if args.strict { " (--strict)" } else { "" }
        );
        return Ok(ExitCode::FAILURE);
    }
    let spec = match &args.overlay {
        Some(path) => match generator::overlay::apply_file(&parsed.spec, path) {
            Ok(spec) => spec,
            Err(errors) => {
                for error in &errors {
                    eprintln!("error: {error}");
                }
                eprintln!("error: the overlay does not apply; spec not written");
                return Ok(ExitCode::FAILURE);
            }
        },
        None => parsed.spec,
    };
    println!(
        "{} overlay correction(s) applied",
        spec.applied_corrections.len()
    );
    let out = args.out.unwrap_or_else(paths::committed_spec);
    generator::output::write_file_atomically(&out, spec.to_json().as_bytes())
        .with_context(|| format!("writing {}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(ExitCode::SUCCESS)
}

fn print_summary(parsed: &Parsed) {
    let spec = &parsed.spec;
    println!(
        "docs version {}: {} operations in {} groups, {} definitions, {} files",
        spec.source.docs_version.as_deref().unwrap_or("unknown"),
        spec.operations.len(),
        spec.groups.len(),
        spec.definitions.len(),
        spec.source.files.len()
    );
    for (severity, kind, count) in count_by_kind(&parsed.diagnostics) {
        let label = match severity {
            Severity::Error => "errors",
            Severity::Warning => "warnings",
        };
        println!("  {label} {:<32} {count}", kind.name());
    }
}
