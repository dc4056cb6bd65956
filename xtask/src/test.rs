//! `cargo xtask test`: every test of the project, in one command (what CI runs).

use std::process::{Command, ExitCode};

use anyhow::{bail, Context};

use crate::paths;

/// Each step: what it checks, the program (`cargo` or a script of the project), its arguments,
/// and extra environment.
type Step = (
    &'static str,
    Program,
    Vec<&'static str>,
    Vec<(&'static str, &'static str)>,
);

#[derive(Clone, Copy)]
enum Program {
    Cargo,
    /// A script under the project root.
    Script(&'static str),
}

/// Steps run in order; the first failure stops the run.
fn steps() -> Vec<Step> {
    vec![
        (
            "unit and integration tests",
            Program::Cargo,
            vec!["test", "--workspace", "--locked"],
            vec![],
        ),
        (
            "lints",
            Program::Cargo,
            vec![
                "clippy",
                "--workspace",
                "--all-targets",
                "--locked",
                "--",
                "-D",
                "warnings",
            ],
            vec![],
        ),
        (
            "client docs (broken links and bad HTML fail)",
            Program::Cargo,
            vec!["doc", "-p", "quay-client", "--no-deps", "--locked"],
            vec![("RUSTDOCFLAGS", "-D warnings")],
        ),
        (
            "generated files up to date",
            Program::Cargo,
            vec!["xtask", "check"],
            vec![],
        ),
        (
            "OpenAPI export passes a third-party validator",
            Program::Script(".ci/validate-openapi"),
            vec!["spec/quay-api.openapi.json"],
            vec![],
        ),
    ]
}

pub fn run() -> anyhow::Result<ExitCode> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let root = paths::project_root();
    for (what, program, args, env) in steps() {
        let program = match program {
            Program::Cargo => std::path::PathBuf::from(&cargo),
            Program::Script(script) => root.join(script),
        };
        eprintln!("==> {what}: {} {}", program.display(), args.join(" "));
        let status = Command::new(&program)
            .args(&args)
            .current_dir(paths::project_root())
            .envs(env)
            .status()
            .with_context(|| format!("running {} {}", program.display(), args.join(" ")))?;
        if !status.success() {
            bail!("{what} failed ({} {})", program.display(), args.join(" "));
        }
    }
    Ok(ExitCode::SUCCESS)
}
