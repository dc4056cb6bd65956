//! `cargo xtask test`: every test of the project, in one command (what CI runs).

use std::process::{Command, ExitCode};

use anyhow::{bail, Context};

use crate::paths;

/// Each step: what it checks, cargo's arguments, and extra environment.
type Step = (&'static str, Vec<&'static str>, Vec<(&'static str, &'static str)>);

/// Steps run in order; the first failure stops the run.
fn steps() -> Vec<Step> {
    vec![
        ("unit and integration tests", vec!["test", "--workspace", "--locked"], vec![]),
        (
            "lints",
            vec!["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"],
            vec![],
        ),
        (
            "client docs (broken links and bad HTML fail)",
            vec!["doc", "-p", "quay-client", "--no-deps", "--locked"],
            vec![("RUSTDOCFLAGS", "-D warnings")],
        ),
        ("generated files up to date", vec!["xtask", "check"], vec![]),
    ]
}

pub fn run() -> anyhow::Result<ExitCode> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    for (what, args, env) in steps() {
        eprintln!("==> {what}: cargo {}", args.join(" "));
        let status = Command::new(&cargo)
            .args(&args)
            .current_dir(paths::project_root())
            .envs(env)
            .status()
            .with_context(|| format!("running cargo {}", args.join(" ")))?;
        if !status.success() {
            bail!("{what} failed (cargo {})", args.join(" "));
        }
    }
    Ok(ExitCode::SUCCESS)
}
