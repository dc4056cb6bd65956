//! The command-line half of `cargo xtask bench`: how long the release `quay` takes to answer
//! `--help` and to make one request, against the client alone making the same request, and
//! the size of the release binary.
//!
//! The request runs against a loopback HTTP server in this process (one fixed JSON answer), so
//! both programs do the same work: start, build a client, one round trip, print the JSON.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::paths;

/// Builds `quay` and the client-only example in release mode, then times them `runs` times.
pub fn print_cli(runs: usize) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let status = Command::new(&cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "quay-cli",
            "--bin",
            "quay",
            "--example",
            "client_call",
        ])
        .current_dir(paths::project_root())
        .status()
        .context("building quay (release)")?;
    if !status.success() {
        bail!("cargo build --release -p quay-cli failed");
    }
    let release = paths::project_root().join("target").join("release");
    let quay = release.join("quay");
    let example = release.join("examples").join("client_call");
    let size = std::fs::metadata(&quay)
        .with_context(|| format!("reading {}", quay.display()))?
        .len();
    println!(
        "quay release binary: {:.1} MB ({size} bytes; the release profile keeps line tables)",
        size as f64 / 1_000_000.0
    );
    if let Some(stripped) = stripped_size(&quay) {
        println!(
            "quay release binary, stripped: {:.1} MB ({stripped} bytes)",
            stripped as f64 / 1_000_000.0
        );
    }
    let help = time_process(&quay, &["--help"], None, runs)?;
    print_times("quay --help", &help);
    let server = Server::start()?;
    let env = [
        ("QUAY_URL", server.url.as_str()),
        ("QUAY_TOKEN", "bench-token"),
    ];
    let cli = time_process(&quay, &["user", "get-logged-in-user"], Some(&env), runs)?;
    print_times("quay user get-logged-in-user", &cli);
    let client = time_process(&example, &[], Some(&env), runs)?;
    print_times("quay-client alone, same call", &client);
    Ok(())
}

/// The size of a stripped copy, when `strip` is installed.
fn stripped_size(binary: &Path) -> Option<u64> {
    let copy = std::env::temp_dir().join(format!("quay-stripped-{}", std::process::id()));
    let status = Command::new("strip")
        .arg("-o")
        .arg(&copy)
        .arg(binary)
        .stderr(Stdio::null())
        .status()
        .ok()?;
    let size = status
        .success()
        .then(|| std::fs::metadata(&copy).ok().map(|m| m.len()))
        .flatten();
    let _ = std::fs::remove_file(&copy);
    size
}

fn print_times(name: &str, sorted: &[Duration]) {
    println!(
        "{name:<34} min {:.2} ms, median {:.2} ms over {} runs",
        millis(sorted[0]),
        millis(sorted[sorted.len() / 2]),
        sorted.len()
    );
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Runs a program `runs` times (stdout discarded, which must succeed); sorted durations.
fn time_process(
    program: &Path,
    args: &[&str],
    env: Option<&[(&str, &str)]>,
    runs: usize,
) -> anyhow::Result<Vec<Duration>> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let mut command = Command::new(program);
        command
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(env) = env {
            command
                .env_clear()
                .env("HOME", "/nonexistent")
                .envs(env.iter().copied());
        }
        let start = Instant::now();
        let output = command
            .output()
            .with_context(|| format!("running {}", program.display()))?;
        times.push(start.elapsed());
        if !output.status.success() {
            bail!(
                "{} {args:?} failed: {}",
                program.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    times.sort();
    Ok(times)
}

/// A loopback HTTP/1.1 server answering every request with the same small JSON body, on a
/// thread that lives as long as the process (the benchmark is short).
struct Server {
    url: String,
}

impl Server {
    fn start() -> anyhow::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").context("binding a loopback port")?;
        let url = format!("http://{}", listener.local_addr()?);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let Ok(reader_stream) = stream.try_clone() else {
                    continue;
                };
                let mut reader = BufReader::new(reader_stream);
                let mut line = String::new();
                // Read the request head; the benchmark's requests have no body.
                while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                    if line == "\r\n" {
                        break;
                    }
                    line.clear();
                }
                let body = br#"{"username":"bench"}"#;
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(body);
            }
        });
        Ok(Server { url })
    }
}
