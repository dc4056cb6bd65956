//! The `quay` binary: everything is in the library (`quay_cli::run`), so tests drive the same
//! code in-process.

fn main() -> std::process::ExitCode {
    quay_cli::runtime::app::main()
}
