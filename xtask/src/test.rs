//! `cargo xtask test`: every test of the project, in one command (what CI runs).

use std::process::{Command, ExitCode};

use anyhow::{bail, Context};

use crate::paths;

/// Steps run in order; the first failure stops the run.
fn steps() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![(
        "unit and integration tests",
        vec!["test", "--workspace", "--locked"],
    )]
}

pub fn run() -> anyhow::Result<ExitCode> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    for (what, args) in steps() {
        eprintln!("==> {what}: cargo {}", args.join(" "));
        let status = Command::new(&cargo)
            .args(&args)
            .current_dir(paths::project_root())
            .status()
            .with_context(|| format!("running cargo {}", args.join(" ")))?;
        if !status.success() {
            bail!("{what} failed (cargo {})", args.join(" "));
        }
    }
    Ok(ExitCode::SUCCESS)
}
