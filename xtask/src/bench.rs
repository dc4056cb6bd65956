//! `cargo xtask bench`: wall-clock timings of the pipeline stages, as a list of measurements.
//!
//! Each measurement runs its stage a number of times and reports the minimum and the median.
//! Timings of a debug build mean little: use `cargo run --release -p xtask -- bench`.
//! New stages (emit, build) add one entry to [`measurements`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use generator::frontend::adoc;

use crate::{bench_cli, bench_client, paths};

#[derive(clap::Args)]
pub struct Args {
    /// The AsciiDoc docs tree to parse (default: the 3.18 tree in `../shared` beside the project).
    #[arg(long)]
    docs: Option<PathBuf>,
    /// How many times each stage runs.
    #[arg(long, default_value_t = 20)]
    runs: usize,
    /// How many timed builds of the generated crate (0 skips them).
    #[arg(long, default_value_t = 3)]
    build_runs: usize,
    /// How many timed runs of the release `quay` binary (0 skips building and timing it).
    #[arg(long, default_value_t = 20)]
    cli_runs: usize,
    /// How many timed runs of `generate --docs` as a whole process (0 skips them).
    #[arg(long, default_value_t = 20)]
    generate_runs: usize,
    /// Rounds of typed client calls against plain reqwest, side by side (0 skips them). A
    /// round of all three cases takes well under a millisecond; fewer than a couple of thousand
    /// leave the medians' ratio a percent or two apart from run to run.
    #[arg(long, default_value_t = 2000)]
    client_rounds: usize,
    /// Another build of xtask (an earlier commit's `target/release/xtask`, copied aside) whose
    /// `generate --docs` runs alternate with this one's, for a change measured side by side on a
    /// machine whose speed drifts. Both run in this checkout, so both must generate its files
    /// byte for byte (`check --docs` passes for each).
    #[arg(long, value_name = "EXE")]
    baseline: Option<PathBuf>,
}

/// One stage to time: a name and a function that runs it once.
struct Measurement {
    name: &'static str,
    run: fn(&Path) -> anyhow::Result<()>,
}

fn measurements() -> Vec<Measurement> {
    vec![
        Measurement {
            name: "parse adoc (whole tree)",
            run: parse_adoc,
        },
        Measurement {
            name: "spec pipeline (+ guide, overlay)",
            run: bench_client::pipeline_only,
        },
        Measurement {
            name: "emit + format client",
            run: bench_client::emit_only,
        },
        Measurement {
            name: "regenerate (pipeline + emit)",
            run: bench_client::parse_and_emit,
        },
        Measurement {
            name: "emit + format quay-cli",
            run: bench_client::emit_cli_only,
        },
        Measurement {
            name: "release (committed spec, diff)",
            run: bench_client::release_only,
        },
        Measurement {
            name: "spec JSON + OpenAPI export",
            run: bench_client::exports_only,
        },
    ]
}

fn parse_adoc(docs: &Path) -> anyhow::Result<()> {
    let parsed = adoc::parse(docs).with_context(|| format!("parsing {}", docs.display()))?;
    if parsed.spec.operations.is_empty() {
        bail!("{}: no operations parsed", docs.display());
    }
    Ok(())
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.runs == 0 {
        bail!("--runs must be at least 1");
    }
    if args.baseline.is_some() && args.generate_runs == 0 {
        bail!("--baseline times `generate --docs`: it needs --generate-runs of at least 1");
    }
    let docs = args.docs.unwrap_or_else(paths::shared_adoc_3_18);
    if cfg!(debug_assertions) {
        eprintln!("note: this is a debug build; for real figures run `cargo run --release -p xtask -- bench`");
    }
    println!(
        "{:<34} {:>6} {:>10} {:>10}",
        "measurement", "runs", "min ms", "median ms"
    );
    for measurement in measurements() {
        let times = time_runs(&measurement, &docs, args.runs)?;
        println!(
            "{:<34} {:>6} {:>10.2} {:>10.2}",
            measurement.name,
            times.len(),
            millis(times[0]),
            millis(median(&times))
        );
    }
    if args.generate_runs > 0 {
        generate_process(&docs, args.generate_runs, args.baseline.as_deref())?;
    }
    bench_client::print_client_size(&bench_client::client_size(&docs)?);
    bench_client::print_cli_size(&docs)?;
    if args.build_runs > 0 {
        bench_client::print_build_times(args.build_runs)?;
    }
    if args.cli_runs > 0 {
        bench_cli::print_cli(args.cli_runs)?;
    }
    if args.client_rounds > 0 {
        client_overhead(args.client_rounds)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `generate --docs DOCS` as a whole process of this binary, docs to files on disk (the spec, the
/// OpenAPI export, the client and the CLI, compared with the disk and written where they differ),
/// and of the `baseline` binary in alternation when given. A binary is timed only when `check
/// --docs DOCS` passes for it, so that the timed runs rewrite nothing.
fn generate_process(docs: &Path, runs: usize, baseline: Option<&Path>) -> anyhow::Result<()> {
    let this = std::env::current_exe().context("finding this program")?;
    let mut binaries = vec![("generate --docs (whole process)".to_string(), this)];
    if let Some(baseline) = baseline {
        let baseline = baseline
            .canonicalize()
            .with_context(|| format!("--baseline {}", baseline.display()))?;
        println!("baseline: {}", baseline.display());
        binaries.push(("generate --docs, the baseline".to_string(), baseline));
    }
    for (_, exe) in &binaries {
        if !run_generator(exe, "check", docs)? {
            println!(
                "generate --docs (whole process): skipped, `{} check --docs {}` fails (the runs would rewrite committed files)",
                exe.display(),
                docs.display()
            );
            return Ok(());
        }
    }
    let mut times = vec![Vec::with_capacity(runs); binaries.len()];
    for _ in 0..runs {
        for ((_, exe), times) in binaries.iter().zip(&mut times) {
            let start = Instant::now();
            if !run_generator(exe, "generate", docs)? {
                bail!(
                    "{} generate --docs {} failed",
                    exe.display(),
                    docs.display()
                );
            }
            times.push(start.elapsed());
        }
    }
    for ((name, _), mut times) in binaries.iter().zip(times) {
        times.sort();
        println!(
            "{:<34} {:>6} {:>10.2} {:>10.2}",
            name,
            times.len(),
            millis(times[0]),
            millis(median(&times))
        );
    }
    Ok(())
}

/// Runs `exe COMMAND --docs DOCS` in the project root, quietly; whether it succeeded.
fn run_generator(exe: &Path, command: &str, docs: &Path) -> anyhow::Result<bool> {
    let status = std::process::Command::new(exe)
        .args([command, "--docs"])
        .arg(docs)
        .current_dir(paths::project_root())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("running {} {command}", exe.display()))?;
    Ok(status.success())
}

/// The client's overhead over plain reqwest: the release `bench-client`, which serves loopback
/// answers and times both side by side (`bench-client/src/main.rs`).
fn client_overhead(rounds: usize) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let status = std::process::Command::new(cargo)
        .args([
            "run",
            "--release",
            "--quiet",
            "-p",
            "bench-client",
            "--",
            "--rounds",
        ])
        .arg(rounds.to_string())
        .current_dir(paths::project_root())
        .status()
        .context("running bench-client")?;
    if !status.success() {
        bail!("bench-client failed");
    }
    Ok(())
}

/// Runs a stage `runs` times; the durations come back sorted.
fn time_runs(measurement: &Measurement, docs: &Path, runs: usize) -> anyhow::Result<Vec<Duration>> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        (measurement.run)(docs)?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok(times)
}

fn median(sorted: &[Duration]) -> Duration {
    sorted[sorted.len() / 2]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_baseline_needs_generate_runs() {
        let args = Args {
            docs: None,
            runs: 1,
            build_runs: 0,
            cli_runs: 0,
            generate_runs: 0,
            client_rounds: 0,
            baseline: Some(PathBuf::from("elsewhere/xtask")),
        };
        let err = run(args).expect_err("nothing to compare");
        assert!(err.to_string().contains("--generate-runs"), "{err}");
    }

    /// The baseline is checked before anything is timed: a missing one is named.
    #[test]
    fn a_missing_baseline_is_named() {
        let err = generate_process(Path::new("docs"), 1, Some(Path::new("/nonexistent/xtask")))
            .expect_err("no such binary");
        assert!(format!("{err:#}").contains("/nonexistent/xtask"), "{err:#}");
    }

    /// Every measured stage still runs on the real docs (a benchmark that errors measures
    /// nothing); its timing is not asserted.
    #[test]
    fn every_measurement_runs_once_on_the_committed_docs() {
        let docs = paths::shared_adoc_3_18();
        if !docs.is_dir() {
            assert!(!paths::is_ci(), "CI=true but {} is missing", docs.display());
            eprintln!("SKIPPED: {} is missing", docs.display());
            return;
        }
        for measurement in measurements() {
            (measurement.run)(&docs).unwrap_or_else(|err| panic!("{}: {err:#}", measurement.name));
        }
    }
}
