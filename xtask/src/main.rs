//! `cargo xtask`: the project's command line. Each subcommand lives in its own module.

// `print!` and `println!` for every module below: like `std`'s, but a closed stdout (`| head`)
// drops the output instead of panicking (see `out.rs`).
macro_rules! print {
    ($($arg:tt)*) => { $crate::out::write(format_args!($($arg)*)) };
}
macro_rules! println {
    () => { $crate::out::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::out::write(format_args!("{}\n", format_args!($($arg)*))) };
}

mod bench;
mod bench_cli;
mod bench_client;
mod check;
mod cli_files;
mod diff;
mod e2e;
mod generate;
mod history;
mod inputs;
mod lint;
mod openapi;
mod out;
mod package;
mod parse;
mod paths;
mod test;
mod timings;
mod verify;
mod verify_reads;
mod versions;

use std::process::ExitCode;

/// mimalloc instead of the system allocator: `generate` and `check` build and drop millions of
/// small token-stream and syntax-tree nodes (see the figures in README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    Check(check::Args),
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
    /// Run the end-to-end suite: every operation of quay-client against a real Quay (installed,
    /// started and stopped here).
    E2e(e2e::Args),
    /// Check the spec against a real server's discovery document: every disagreement with the
    /// overlay correction that would fix it.
    Verify(verify::Args),
    /// Regenerate every docs version in ../shared into target/versions; build and test the
    /// oldest, a middle and the newest crate.
    Versions(versions::Args),
    /// Rebuild spec/history.json (which Quay version added each operation, parameter and body
    /// field) from the docs of every version in ../shared.
    History(history::Args),
    /// Package the published crates (cargo publish --dry-run) and test the packaged quay-client
    /// on its own, outside the workspace.
    Package,
    /// Time the pipeline stages (use a release build: `cargo run --release -p xtask -- bench`).
    Bench(bench::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Check(args) => check::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Test => test::run(),
        Command::Diff(args) => diff::run(args),
        Command::Openapi(args) => openapi::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Package => package::run(),
        Command::E2e(args) => e2e::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Versions(args) => versions::run(args),
        Command::History(args) => history::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
