//! `cargo xtask test`: every test of the project, in one command (what CI runs).

use std::io::{BufRead, BufReader};
use std::process::{Command, ExitCode, Stdio};

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
            "the blocking client (feature `blocking`)",
            Program::Cargo,
            vec![
                "test",
                "-p",
                "quay-client",
                "--features",
                "blocking",
                "--test",
                "blocking",
                "--test",
                "runtime_blocking",
                "--locked",
            ],
            vec![],
        ),
        (
            "lints",
            Program::Cargo,
            vec![
                "clippy",
                "--workspace",
                "--all-targets",
                "--all-features",
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
            vec![
                "doc",
                "-p",
                "quay-client",
                "--no-deps",
                "--all-features",
                "--locked",
            ],
            vec![("RUSTDOCFLAGS", "-D warnings")],
        ),
        (
            "generated files up to date",
            Program::Cargo,
            vec!["xtask", "check"],
            vec![],
        ),
        (
            "end-to-end suite against a real Quay (every operation)",
            Program::Cargo,
            vec!["xtask", "e2e"],
            vec![],
        ),
        (
            "the spec agrees with the test server's discovery document (every disagreement corrected or decided)",
            Program::Cargo,
            vec!["xtask", "verify", "--test-server"],
            vec![],
        ),
        (
            "every docs version regenerates with zero errors; three build and pass",
            Program::Cargo,
            // Also builds the oldest, a middle and the newest crate and runs their own tests.
            vec!["xtask", "versions"],
            vec![],
        ),
        (
            "the published crates package, and the packaged client passes its tests alone",
            Program::Cargo,
            vec!["xtask", "package"],
            vec![],
        ),
        (
            "OpenAPI export passes a third-party validator",
            Program::Script(".ci/validate-openapi"),
            vec!["spec/quay-api.openapi.json"],
            vec![],
        ),
        (
            "OpenAPI 3.0 export",
            Program::Cargo,
            vec![
                "xtask",
                "openapi",
                "--openapi-version",
                "3.0",
                "--out",
                "target/quay-api.openapi-3.0.json",
            ],
            vec![],
        ),
        (
            "OpenAPI 3.0 export passes the third-party validator",
            Program::Script(".ci/validate-openapi"),
            vec!["target/quay-api.openapi-3.0.json"],
            vec![],
        ),
    ]
}

pub fn run() -> anyhow::Result<ExitCode> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let root = paths::project_root();
    let mut totals = Totals::default();
    for (what, program, args, env) in steps() {
        let program = match program {
            Program::Cargo => std::path::PathBuf::from(&cargo),
            Program::Script(script) => root.join(script),
        };
        eprintln!("==> {what}: {} {}", program.display(), args.join(" "));
        let mut child = Command::new(&program)
            .args(&args)
            .current_dir(&root)
            .envs(env)
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("running {} {}", program.display(), args.join(" ")))?;
        // Pass the output through as it comes, counting cargo test's result lines.
        if let Some(stdout) = child.stdout.take() {
            for line in BufReader::new(stdout).lines() {
                let line = line.context("reading the step's output")?;
                println!("{line}");
                totals.add(&line);
            }
        }
        let status = child.wait().context("waiting for the step")?;
        if !status.success() {
            println!(
                "tests: {} passed, {} failed",
                totals.passed,
                totals.failed.max(1)
            );
            bail!("{what} failed ({} {})", program.display(), args.join(" "));
        }
    }
    // The closing line CI reads: every test of every crate, counted once.
    println!("tests: {} passed, {} failed", totals.passed, totals.failed);
    Ok(ExitCode::SUCCESS)
}

/// Test counts summed over cargo test's `test result:` lines.
#[derive(Debug, Default, PartialEq, Eq)]
struct Totals {
    passed: u64,
    failed: u64,
}

impl Totals {
    fn add(&mut self, line: &str) {
        if let Some(rest) = line.strip_prefix("e2e: ") {
            self.add_e2e(rest);
            return;
        }
        let Some(rest) = line.strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(count)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(count) = count.parse::<u64>() else {
                continue;
            };
            match label {
                "passed" => self.passed += count,
                "failed" => self.failed += count,
                _ => {}
            }
        }
    }
}

impl Totals {
    /// The e2e suite's closing line: every operation whose outcome is what its table says
    /// (ok, unavailable here, known failure) passed, the others failed.
    fn add_e2e(&mut self, rest: &str) {
        let Some((_, counts)) = rest.split_once("operations: ") else {
            return;
        };
        let counts = counts.split(';').next().unwrap_or("");
        for part in counts.split(',') {
            let part = part.trim();
            let Some((count, label)) = part.split_once(' ') else {
                continue;
            };
            let Ok(count) = count.parse::<u64>() else {
                continue;
            };
            if label == "failed" {
                self.failed += count;
            } else {
                self.passed += count;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_cargo_test_result_lines() {
        let mut totals = Totals::default();
        totals.add("test result: ok. 235 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 2.96s");
        totals
            .add("test result: FAILED. 3 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out");
        totals.add("running 5 tests");
        totals.add("test passed ... ok");
        totals.add("e2e: 218 operations: 210 ok, 5 unavailable here, 2 known failures, 1 failed; typed bodies 100, fields outside the types 0");
        totals.add("e2e: user devtable, sample repository devtable/simple");
        assert_eq!(
            totals,
            Totals {
                passed: 238 + 217,
                failed: 2 + 1
            }
        );
    }
}
