//! `cargo xtask lint`: every inconsistency in the docs, as text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use generator::frontend::InputFormat;
use generator::pipeline;

use crate::inputs::{Defaults, SourceArgs};

#[derive(clap::Args)]
pub struct Args {
    /// A docs tree, an AsciiDoc assembly file or a Markdown file.
    #[arg(long)]
    docs: PathBuf,
    /// `--guide PATH` also reports the guide's commands that match no operation and its
    /// outputs that cannot be read; no guide and no overlay unless given.
    #[command(flatten)]
    source: SourceArgs,
    /// Print the findings and their counts as JSON (for CI).
    #[arg(long)]
    json: bool,
}

/// Prints the report; fails only when an entry could not be read at all (an error), since
/// warnings are the lint's normal output. The docs are linted as written: no overlay unless
/// `--overlay` is given.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let resolved = args
        .source
        .resolve(&args.docs, InputFormat::Auto, Defaults::AsWritten);
    for note in &resolved.notes {
        eprintln!("{note}");
    }
    let built = pipeline::build_spec(&resolved.inputs)?;
    let report = generator::lint::lint(&built.spec, &built.diagnostics);
    if args.json {
        print!("{}", report.to_json());
    } else {
        print!("{}", report.to_text());
    }
    Ok(if report.errors() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
