//! `cargo xtask`: the project's command line. Each subcommand lives in its own module.

mod bench;
mod bench_cli;
mod bench_client;
mod check;
mod cli_files;
mod diff;
mod generate;
mod lint;
mod openapi;
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
    /// Fail, listing every stale, missing or extra file, when the committed spec or client is out of date.
    Check,
    /// Emit the quay-client crate from the spec (parsing the docs first with --docs).
    Generate(generate::Args),
    /// Report every inconsistency in the docs, with file, line, kind and operation.
    Lint(lint::Args),
    /// Run every test of the project (what CI runs).
    Test,
    /// Show what changed in the API between two specs or docs paths, and the bump it needs.
    Diff(diff::Args),
    /// Write the spec as an OpenAPI 3.1 document.
    Openapi(openapi::Args),
    /// Time the pipeline stages (use a release build: `cargo run --release -p xtask -- bench`).
    Bench(bench::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Check => check::run(),
        Command::Lint(args) => lint::run(args),
        Command::Test => test::run(),
        Command::Diff(args) => diff::run(args),
        Command::Openapi(args) => openapi::run(args),
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
