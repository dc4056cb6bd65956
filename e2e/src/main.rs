//! The end-to-end suite: every operation of `quay-client` against a real Quay.
//!
//! Run by `cargo xtask e2e`, which installs and starts the test server of
//! `../shared/quay-server` and passes where it is in the environment:
//!
//! | variable | what |
//! |---|---|
//! | `QUAY_E2E_URL` | the server's base URL (a loopback address) |
//! | `QUAY_E2E_TOKEN` | an OAuth token with every scope, of a superuser |
//! | `QUAY_E2E_TOKEN_READONLY` | the same user's `repo:read`-only token |
//! | `QUAY_E2E_LOG` | the server's log, to count the requests it saw |
//! | `QUAY_E2E_SPEC` | the spec the client was generated from (default: the committed one) |
//! | `QUAY_E2E_SERVER` | how recorded outputs name the server |
//!
//! Arguments: `--only AREA[,AREA]` runs some areas of the scenario (judging only what they
//! called), `--details` lists every field outside the types, `--verbose` prints every call,
//! `--markdown` adds the results as a Markdown table by group, `--record DIR` writes every 2xx
//! JSON body as an observed output (`DIR/<operation>.json`, secrets replaced).

mod expected;
mod harness;
mod registry;
mod report;
mod scenario;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use quay_client::Client;

/// Where the server is and how the run was asked for.
pub struct Settings {
    pub url: String,
    pub token: String,
    pub readonly_token: String,
    pub log: Option<PathBuf>,
    pub only: Option<Vec<String>>,
    pub details: bool,
    pub verbose: bool,
    /// Also print the results as a Markdown table by group.
    pub markdown: bool,
    /// Where to write observed outputs, if anywhere.
    pub record: Option<PathBuf>,
    /// How observed outputs name the server.
    pub server_label: String,
}

impl Settings {
    fn from_env_and_args() -> Result<(Self, PathBuf), String> {
        let var = |name: &str| {
            std::env::var(name)
                .map_err(|_| format!("{name} is not set (run the suite with `cargo xtask e2e`)"))
        };
        let spec = std::env::var_os("QUAY_E2E_SPEC")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/quay-api.json")
            });
        let mut settings = Settings {
            url: var("QUAY_E2E_URL")?,
            token: var("QUAY_E2E_TOKEN")?,
            readonly_token: var("QUAY_E2E_TOKEN_READONLY")?,
            log: std::env::var_os("QUAY_E2E_LOG").map(PathBuf::from),
            only: None,
            details: false,
            verbose: false,
            markdown: false,
            record: None,
            server_label: std::env::var("QUAY_E2E_SERVER")
                .unwrap_or_else(|_| "the Quay test server".to_string()),
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--details" => settings.details = true,
                "--verbose" => settings.verbose = true,
                "--markdown" => settings.markdown = true,
                "--record" => {
                    let dir = args.next().ok_or("--record needs a directory")?;
                    settings.record = Some(PathBuf::from(dir));
                }
                "--only" => {
                    let areas = args.next().ok_or("--only needs a list of areas")?;
                    let areas: Vec<String> = areas.split(',').map(str::to_owned).collect();
                    for area in &areas {
                        if !scenario::AREAS.contains(&area.as_str()) {
                            return Err(format!(
                                "--only: no area `{area}` (areas: {})",
                                scenario::AREAS.join(", ")
                            ));
                        }
                    }
                    settings.only = Some(areas);
                }
                other => return Err(format!(
                    "unknown argument `{other}` (--only AREAS, --details, --verbose, --markdown, --record DIR)"
                )),
            }
        }
        let host = settings
            .url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ':']).next())
            .unwrap_or("");
        if !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
            return Err(format!(
                "QUAY_E2E_URL {} is not a loopback address: the suite creates and deletes, so it only runs against a local test server",
                settings.url
            ));
        }
        Ok((settings, spec))
    }

    /// A client of the server with one of the tokens.
    pub fn client(&self, token: &str) -> Result<Client, String> {
        Client::builder()
            .base_url(&self.url)
            .bearer_token(token)
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| format!("building the client: {e}"))
    }

    /// Whether the area runs in this run.
    pub fn runs(&self, area: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|a| a == area))
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("e2e: error: {error}");
            ExitCode::from(2)
        }
    }
}

async fn run() -> Result<ExitCode, String> {
    let (settings, spec_path) = Settings::from_env_and_args()?;
    let spec_text = std::fs::read_to_string(&spec_path)
        .map_err(|e| format!("reading the spec {}: {e}", spec_path.display()))?;
    let types = quay_codegen::server::strict::ResponseTypes::from_spec_json(&spec_text)
        .map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let details = settings.details;
    let markdown = settings.markdown;
    let limited = settings.only.is_some();
    let mut suite = harness::Suite::new(settings, types)?;
    scenario::run(&mut suite).await?;
    // A limited run judges only what its areas called; a whole run judges every operation.
    let called: Vec<&'static str> = suite.records().keys().copied().collect();
    let only = limited.then_some(called.as_slice());
    if let Some(dir) = suite.settings.record.clone() {
        let written = suite.write_observed(&dir)?;
        eprintln!(
            "e2e: {written} observed output file(s) written to {}",
            dir.display()
        );
    }
    let (text, totals) = report::render(&suite, only, details);
    print!("{text}");
    if markdown {
        println!("{}", report::markdown_table(&suite));
    }
    println!("{}", totals.line());
    let checks_failed = suite.checks().iter().any(|(_, failure)| failure.is_some());
    Ok(if totals.failed == 0 && !checks_failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
