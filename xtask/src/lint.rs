//! `cargo xtask lint`: every inconsistency in the docs, as text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use generator::frontend::{self, InputFormat};

#[derive(clap::Args)]
pub struct Args {
    /// A docs tree, an AsciiDoc assembly file or a Markdown file.
    #[arg(long)]
    docs: PathBuf,
    /// Print the findings and their counts as JSON (for CI).
    #[arg(long)]
    json: bool,
}

/// Prints the report; fails only when an entry could not be read at all (an error), since
/// warnings are the lint's normal output.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let parsed = frontend::parse_path(&args.docs, InputFormat::Auto)?;
    let report = generator::lint::lint(&parsed);
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
