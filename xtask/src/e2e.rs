//! `cargo xtask e2e`: the end-to-end suite (crate `quay-e2e`) against a real Quay.
//!
//! Installs the test server of `../shared/quay-server` when needed (its `setup.sh` is idempotent
//! and caches outside the clone), builds the suite, starts the server on a free loopback port
//! with a fresh copy of the sample database, runs the suite and stops the server. Stopping is the
//! job of a guard ([`Server`]'s `Drop`, and a Ctrl-C/SIGTERM handler), not of a line at the end,
//! so a failing or panicking suite, or an interrupted run, never leaves a server behind.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;

use anyhow::{bail, Context};

use crate::paths;

#[derive(clap::Args)]
pub struct Args {
    /// Run only these areas of the scenario (comma-separated: basics, repos, orgs, cli,
    /// superuser, runtime); only what they call is judged.
    #[arg(long)]
    only: Option<String>,
    /// List every field outside the response types and every value that does not fit.
    #[arg(long)]
    details: bool,
    /// Print every call as it is made.
    #[arg(long)]
    verbose: bool,
    /// Also print the results as a Markdown table by group (as in the README).
    #[arg(long)]
    markdown: bool,
    /// Write every 2xx JSON body as an observed output into DIR (`spec/observed` is the
    /// committed set), secrets replaced.
    #[arg(long, value_name = "DIR")]
    record: Option<PathBuf>,
    /// Start the server on this port instead of a free one.
    #[arg(long)]
    port: Option<u16>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !test_server_present()? {
        return Ok(ExitCode::SUCCESS);
    }
    install(&paths::shared_quay_server())?;
    let suite = build_suite()?;
    let port = args.port;
    let server = Server::start(&paths::shared_quay_server(), port)?;
    eprintln!(
        "==> e2e: Quay on {} (log {})",
        server.url(),
        server.log().display()
    );
    let mut suite_args = Vec::new();
    if let Some(only) = &args.only {
        suite_args.extend(["--only".to_string(), only.clone()]);
    }
    for (on, flag) in [
        (args.details, "--details"),
        (args.verbose, "--verbose"),
        (args.markdown, "--markdown"),
    ] {
        if on {
            suite_args.push(flag.to_string());
        }
    }
    if let Some(dir) = &args.record {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.clone());
        suite_args.extend(["--record".to_string(), dir.display().to_string()]);
    }
    let status = Command::new(&suite)
        .args(&suite_args)
        .env("QUAY_E2E_SERVER", test_server_label(&server))
        .env("QUAY_E2E_URL", server.url())
        .env("QUAY_E2E_TOKEN", &server.tokens.full)
        .env("QUAY_E2E_TOKEN_READONLY", &server.tokens.readonly)
        .env("QUAY_E2E_LOG", server.log())
        .env("QUAY_E2E_SPEC", paths::committed_spec())
        .env("QUAY_E2E_CLI", sibling(&suite, "quay"))
        .status()
        .with_context(|| format!("running {}", suite.display()))?;
    drop(server);
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        eprintln!("error: the e2e suite failed ({status})");
        ExitCode::FAILURE
    })
}

/// Runs the e2e scenario against a server that is already running (`verify --destructive`),
/// with one token for both of the suite's clients. Returns whether it passed.
pub fn run_suite_against(url: &str, token: Option<&str>) -> anyhow::Result<bool> {
    let Some(token) = token else {
        bail!("--destructive needs a token (--token or QUAY_TOKEN)");
    };
    let suite = build_suite()?;
    let status = Command::new(&suite)
        .env("QUAY_E2E_URL", url)
        .env("QUAY_E2E_TOKEN", token)
        .env("QUAY_E2E_TOKEN_READONLY", token)
        .env("QUAY_E2E_SPEC", paths::committed_spec())
        .stdout(std::io::stderr())
        .status()
        .with_context(|| format!("running {}", suite.display()))?;
    Ok(status.success())
}

/// Whether `../shared/quay-server` is there; without it a skip with a message, or under
/// `CI=true` an error.
fn test_server_present() -> anyhow::Result<bool> {
    let server_dir = paths::shared_quay_server();
    if server_dir.join("setup.sh").is_file() {
        return Ok(true);
    }
    if paths::is_ci() {
        bail!(
            "CI=true but the Quay test server is missing at {}",
            server_dir.display()
        );
    }
    eprintln!(
        "SKIPPED: the Quay test server is missing at {} (set CI=true to make this a failure)",
        server_dir.display()
    );
    Ok(false)
}

/// Installs the test server (idempotent; cached outside the clone).
fn install(server_dir: &Path) -> anyhow::Result<()> {
    eprintln!("==> installing the Quay test server (cached after the first run)");
    // Its messages go to stderr: stdout is the command's own (verify --json).
    let status = script(server_dir, "setup.sh", &[])
        .stdout(std::io::stderr())
        .status()
        .context("running setup.sh")?;
    if !status.success() {
        bail!("installing the Quay test server failed (setup.sh, output above)");
    }
    Ok(())
}

/// Installs and starts the test server on a free port for another command (verify); `None`
/// when it is absent outside CI (a skip, with a message).
pub fn start_test_server() -> anyhow::Result<Option<Server>> {
    if !test_server_present()? {
        return Ok(None);
    }
    let dir = paths::shared_quay_server();
    install(&dir)?;
    Server::start(&dir, None).map(Some)
}

/// How reasons cite the test server: Quay at the commit its `env.sh` names.
pub fn test_server_label(server: &Server) -> String {
    format!(
        "Quay at commit {} (the test server of ../shared/quay-server)",
        server.commit.get(..8).unwrap_or(&server.commit)
    )
}

/// Builds the suite (and the `quay` command line its `cli` area runs) before the server starts,
/// so the server never waits on the compiler.
fn build_suite() -> anyhow::Result<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let root = paths::project_root();
    eprintln!("==> e2e: building the suite");
    let status = Command::new(cargo)
        .args([
            "build",
            "--package",
            "quay-e2e",
            "--package",
            "quay-cli",
            "--locked",
        ])
        .current_dir(&root)
        .status()
        .context("running cargo build -p quay-e2e")?;
    if !status.success() {
        bail!("building the e2e suite failed");
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let binary = target
        .join("debug")
        .join(format!("quay-e2e{}", std::env::consts::EXE_SUFFIX));
    if !binary.is_file() {
        bail!(
            "the e2e suite was built but {} is missing",
            binary.display()
        );
    }
    Ok(binary)
}

/// A binary built beside `binary` (same target directory and profile).
fn sibling(binary: &Path, name: &str) -> PathBuf {
    binary.with_file_name(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// A port that was free a moment ago on 127.0.0.1.
fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free loopback port")?;
    Ok(listener.local_addr()?.port())
}

/// The two OAuth tokens the install creates, as its `env.sh` names them (never printed).
pub struct Tokens {
    pub full: String,
    pub readonly: String,
}

impl Tokens {
    /// The tokens and the Quay commit the install is of.
    fn read(server_dir: &Path) -> anyhow::Result<(Self, String)> {
        let output = Command::new("bash")
            .args([
                "-c",
                r#"source "$1/env.sh" >/dev/null && printf '%s\n%s\n%s\n' "$QUAY_TOKEN" "$QUAY_TOKEN_READONLY" "$QUAY_COMMIT""#,
                "env",
            ])
            .arg(server_dir)
            .stderr(Stdio::inherit())
            .output()
            .context("reading the test server's tokens from env.sh")?;
        let text = String::from_utf8_lossy(&output.stdout);
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        match (lines.next(), lines.next(), lines.next()) {
            (Some(full), Some(readonly), commit) if output.status.success() => Ok((
                Self {
                    full: full.to_owned(),
                    readonly: readonly.to_owned(),
                },
                commit.unwrap_or("unknown").to_owned(),
            )),
            _ => bail!(
                "{}: QUAY_TOKEN and QUAY_TOKEN_READONLY are not set",
                server_dir.join("env.sh").display()
            ),
        }
    }
}

/// A running test server; dropping it stops it.
pub struct Server {
    dir: PathBuf,
    port: u16,
    state: PathBuf,
    tokens: Tokens,
    commit: String,
}

/// The server to stop when the run is interrupted (Ctrl-C, SIGTERM, SIGHUP).
static RUNNING: Mutex<Option<(PathBuf, u16, PathBuf)>> = Mutex::new(None);

impl Server {
    /// Starts it on `port`, or on a free loopback port.
    fn start(dir: &Path, port: Option<u16>) -> anyhow::Result<Self> {
        let (tokens, commit) = Tokens::read(dir)?;
        let port = match port {
            Some(port) => port,
            None => free_port()?,
        };
        let state = paths::project_root()
            .join("target")
            .join("quay-e2e")
            .join(format!("state-{port}"));
        std::fs::create_dir_all(&state).with_context(|| format!("creating {}", state.display()))?;
        install_interrupt_handler();
        *RUNNING.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((dir.to_path_buf(), port, state.clone()));
        // From here on the guard exists, so a server that half-started is stopped too.
        let server = Server {
            dir: dir.to_path_buf(),
            port,
            state,
            tokens,
            commit,
        };
        let output = server
            .script("start.sh")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .context("running start.sh")?;
        if !output.status.success() {
            bail!(
                "the Quay test server did not come up on port {port}:\n{}\n--- last lines of {}:\n{}",
                String::from_utf8_lossy(&output.stderr).trim_end(),
                server.log().display(),
                tail(&server.log(), 40)
            );
        }
        Ok(server)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn tokens(&self) -> &Tokens {
        &self.tokens
    }

    pub fn log(&self) -> PathBuf {
        self.state.join("server.log")
    }

    fn script(&self, name: &str) -> Command {
        let port = self.port.to_string();
        let state = self.state.display().to_string();
        script(
            &self.dir,
            name,
            &[("QUAY_PORT", &port), ("QUAY_STATE", &state)],
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        stop(&self.dir, self.port, &self.state);
        *RUNNING.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

fn stop(dir: &Path, port: u16, state: &Path) {
    let port_text = port.to_string();
    let state_text = state.display().to_string();
    let stopped = script(
        dir,
        "stop.sh",
        &[("QUAY_PORT", &port_text), ("QUAY_STATE", &state_text)],
    )
    .stdout(Stdio::null())
    .status();
    match stopped {
        Ok(status) if status.success() => eprintln!("==> e2e: Quay on port {port} stopped"),
        Ok(status) => eprintln!("warning: stop.sh for port {port} ended with {status}"),
        Err(err) => eprintln!("warning: could not run stop.sh for port {port}: {err}"),
    }
}

fn install_interrupt_handler() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let installed = ctrlc::set_handler(|| {
            if let Some((dir, port, state)) =
                RUNNING.lock().unwrap_or_else(|e| e.into_inner()).take()
            {
                stop(&dir, port, &state);
            }
            std::process::exit(130);
        });
        if let Err(err) = installed {
            eprintln!("warning: no interrupt handler ({err}); an interrupted run may leave the server running");
        }
    });
}

/// One of the server's scripts, run by bash with extra environment.
fn script(dir: &Path, name: &str, env: &[(&str, &str)]) -> Command {
    let mut command = Command::new("bash");
    command.arg(dir.join(name)).envs(env.iter().copied());
    command
}

/// The last `lines` lines of a file (or why there are none).
fn tail(path: &Path, lines: usize) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let all: Vec<&str> = text.lines().collect();
            all[all.len().saturating_sub(lines)..].join("\n")
        }
        Err(err) => format!("(cannot read it: {err})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_the_last_lines() {
        let dir = std::env::temp_dir().join(format!("xtask-e2e-tail-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("log");
        std::fs::write(&file, "a\nb\nc\nd\n").unwrap();
        assert_eq!(tail(&file, 2), "c\nd");
        assert_eq!(tail(&file, 10), "a\nb\nc\nd");
        assert!(tail(&dir.join("missing"), 2).starts_with("(cannot read it"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn free_ports_are_loopback_ports_nobody_holds() {
        let port = free_port().unwrap();
        assert!(port > 0);
        TcpListener::bind(("127.0.0.1", port)).expect("the port is free");
    }
}
