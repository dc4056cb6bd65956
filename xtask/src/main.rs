//! `cargo xtask`: the project's command line. Each subcommand lives in its own module.

mod bench;
mod lint;
mod parse;
mod paths;
mod test;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Parse the Quay API docs and generate the quay-client crate"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a docs tree, assembly or Markdown file into a spec, print a summary and write it.
    Parse(parse::Args),
    /// Report every inconsistency in the docs, with file, line, kind and operation.
    Lint(lint::Args),
    /// Run every test of the project (what CI runs).
    Test,
    /// Time the pipeline stages (use a release build: `cargo run --release -p xtask -- bench`).
    Bench(bench::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Test => test::run(),
        Command::Bench(args) => bench::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
