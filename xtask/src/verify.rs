//! `cargo xtask verify`: the spec checked against a real server's discovery document.
//!
//! Reads `GET /api/v1/discovery` (also `?internal=true`, which a superuser token may read),
//! compares it with the spec (`generator::server`) and prints each disagreement like the lint,
//! with the overlay correction that would make the spec agree. A disagreement that has neither
//! a correction (then it would not be reported: the spec already agrees) nor a reviewed
//! `server-decision` in `spec/overlay.toml` fails the run; so does a decision that matches no
//! finding any more. Then every GET operation that can be filled with values found by listing is
//! sent once and its answer walked against the spec's response type (`verify_reads`). Read-only
//! unless `--destructive` (loopback servers only) also runs the e2e scenario.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use generator::overlay::{self, Correction};
use generator::server::{self, Finding, ServerApi, ServerIdentity};

use crate::generate::read_spec;
use crate::verify_reads::{ReadOutcome, Reader, Reads};
use crate::{e2e, paths};

#[derive(clap::Args)]
pub struct Args {
    /// The server's base URL (`https://quay.example.com`).
    #[arg(
        long,
        required_unless_present = "test_server",
        conflicts_with = "test_server"
    )]
    server: Option<String>,
    /// An OAuth token for the server (default: $QUAY_TOKEN); a superuser's also reads the
    /// internal operations.
    #[arg(long)]
    token: Option<String>,
    /// Start the local Quay test server of ../shared/quay-server and verify against it.
    #[arg(long)]
    test_server: bool,
    /// How reasons name the server (default: "the Quay at URL").
    #[arg(long)]
    server_label: Option<String>,
    /// The spec to check (default: the committed one).
    #[arg(long)]
    spec: Option<PathBuf>,
    /// Print the findings as JSON.
    #[arg(long)]
    json: bool,
    /// Also list the operations the server has and the docs do not document.
    #[arg(long)]
    notes: bool,
    /// Only compare the discovery document; send no GET operation.
    #[arg(long)]
    no_reads: bool,
    /// Write each 2xx body of the GET operations as an observed output into DIR (one file per
    /// operation, secrets replaced).
    #[arg(long, value_name = "DIR")]
    record: Option<PathBuf>,
    /// Also run the e2e scenario (creates, changes and deletes) against the server: refused
    /// unless it is on a loopback address.
    #[arg(long)]
    destructive: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let spec_path = args.spec.clone().unwrap_or_else(paths::committed_spec);
    let spec = read_spec(&spec_path)?;
    let overlay_path = paths::project_root().join("spec").join("overlay.toml");
    let decisions = decisions(&overlay_path)?;

    let test_server = if args.test_server {
        match e2e::start_test_server()? {
            Some(server) => Some(server),
            None => return Ok(ExitCode::SUCCESS),
        }
    } else {
        None
    };
    let (url, token, label) = match &test_server {
        Some(server) => (
            server.url(),
            Some(server.tokens().full.clone()),
            e2e::test_server_label(server),
        ),
        None => {
            let url = args.server.clone().unwrap_or_default();
            check_url(&url)?;
            let token = args
                .token
                .clone()
                .or_else(|| std::env::var("QUAY_TOKEN").ok());
            let label = args
                .server_label
                .clone()
                .unwrap_or_else(|| format!("the Quay at {url}"));
            (url, token, label)
        }
    };
    if args.destructive && !is_loopback(&url) {
        bail!("--destructive creates and deletes on the server: refused for {url}, which is not a loopback address");
    }
    let discovery = fetch_discovery(&url, token.as_deref())?;
    let api = ServerApi::from_json(&discovery).context("reading the discovery document")?;
    let findings = server::compare(
        &spec,
        &api,
        &ServerIdentity {
            label: label.clone(),
        },
    );
    let verdict = judge(&findings, &decisions);
    let reads = if args.no_reads {
        None
    } else {
        let reader = Reader::new(&url, token.as_deref(), &label)?;
        let secrets: Vec<&str> = token.iter().map(String::as_str).collect();
        Some(reader.read_all(&spec, args.record.is_some(), &secrets))
    };
    if let (Some(dir), Some(reads)) = (&args.record, &reads) {
        let written = write_observed(dir, reads)?;
        eprintln!(
            "{written} observed output file(s) written to {}",
            dir.display()
        );
    }
    if args.json {
        let mut json = verdict.json(&findings);
        if let Some(reads) = &reads {
            json["reads"] = reads_json(reads);
        }
        println!("{}", serde_json::to_string_pretty(&json)?);
    } else {
        if let Some(reads) = &reads {
            print!("{}", reads_text(reads));
        }
        print!("{}", verdict.text(&findings, &label, args.notes));
    }
    let mut ok = verdict.undecided.is_empty() && verdict.stale.is_empty();
    if args.destructive {
        ok &= e2e::run_suite_against(&url, token.as_deref())?;
    }
    drop(test_server);
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn is_loopback(url: &str) -> bool {
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?']).next())
        .unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = if let Some(v6) = host.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host.split(':').next().unwrap_or("")
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn write_observed(dir: &std::path::Path, reads: &Reads) -> anyhow::Result<usize> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for (operation, file) in &reads.observed {
        let path = dir.join(format!("{operation}.json"));
        let temporary = dir.join(format!(".{operation}.json.tmp"));
        std::fs::write(&temporary, file.to_json())
            .and_then(|()| std::fs::rename(&temporary, &path))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(reads.observed.len())
}

fn joined(set: &std::collections::BTreeSet<String>, separator: &str) -> String {
    set.iter().cloned().collect::<Vec<_>>().join(separator)
}

fn reads_text(reads: &Reads) -> String {
    let mut out = String::new();
    let (mut ok, mut skipped, mut failed, mut outside, mut misfits) = (0, 0, 0, 0, 0);
    for (operation, outcome) in &reads.outcomes {
        match outcome {
            ReadOutcome::Ok { strictness, .. } => {
                ok += 1;
                outside += strictness.extra_fields.len();
                misfits += strictness.misfits.len();
                if !strictness.extra_fields.is_empty() {
                    out.push_str(&format!(
                        "read: {operation}: fields outside the type: {}\n",
                        joined(&strictness.extra_fields, ", ")
                    ));
                }
                if !strictness.misfits.is_empty() {
                    out.push_str(&format!(
                        "read: {operation}: values that do not fit: {}\n",
                        joined(&strictness.misfits, "; ")
                    ));
                }
            }
            ReadOutcome::NotJson { .. } => ok += 1,
            ReadOutcome::Skipped { .. } => skipped += 1,
            ReadOutcome::Status { status, body } => {
                failed += 1;
                out.push_str(&format!("read: {operation}: answered {status}: {body}\n"));
            }
            ReadOutcome::Transport(why) => {
                failed += 1;
                out.push_str(&format!("read: {operation}: {why}\n"));
            }
        }
    }
    out.push_str(&format!(
        "reads: {} GET operation(s): {ok} answered 2xx, {failed} did not, {skipped} skipped (no value found for a parameter); fields outside the types {outside}, values that do not fit {misfits}\n",
        reads.outcomes.len()
    ));
    out
}

fn reads_json(reads: &Reads) -> serde_json::Value {
    let outcomes: Vec<serde_json::Value> = reads
        .outcomes
        .iter()
        .map(|(operation, outcome)| match outcome {
            ReadOutcome::Ok { status, strictness } => serde_json::json!({
                "operation": operation, "status": status,
                "fields_outside": strictness.extra_fields, "misfits": strictness.misfits,
            }),
            ReadOutcome::NotJson { status } => {
                serde_json::json!({"operation": operation, "status": status, "json": false})
            }
            ReadOutcome::Status { status, body } => {
                serde_json::json!({"operation": operation, "status": status, "body": body})
            }
            ReadOutcome::Skipped { missing } => {
                serde_json::json!({"operation": operation, "skipped": missing})
            }
            ReadOutcome::Transport(why) => {
                serde_json::json!({"operation": operation, "error": why})
            }
        })
        .collect();
    serde_json::Value::Array(outcomes)
}

fn check_url(url: &str) -> anyhow::Result<()> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        bail!("--server {url:?} must be an http:// or https:// URL");
    }
    Ok(())
}

/// The discovery document, with the internal operations when the token may read them.
fn fetch_discovery(url: &str, token: Option<&str>) -> anyhow::Result<String> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .context("building the HTTP client")?;
    let base = url.trim_end_matches('/');
    let get = |internal: bool| -> anyhow::Result<(u16, String)> {
        let mut request = http.get(format!(
            "{base}/api/v1/discovery{}",
            if internal { "?internal=true" } else { "" }
        ));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request
            .send()
            .with_context(|| format!("GET {base}/api/v1/discovery"))?;
        let status = response.status().as_u16();
        Ok((
            status,
            response.text().context("reading the discovery document")?,
        ))
    };
    if token.is_some() {
        let (status, body) = get(true)?;
        if status == 200 {
            return Ok(body);
        }
        eprintln!("note: ?internal=true answered {status}; reading the public operations only");
    }
    match get(false)? {
        (200, body) => Ok(body),
        (status, body) => bail!(
            "GET {base}/api/v1/discovery answered {status}: {}",
            body.chars().take(200).collect::<String>()
        ),
    }
}

/// A reviewed decision of the overlay: operation, finding kind, subject.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decision {
    operation: String,
    finding: String,
    subject: Option<String>,
    line: usize,
}

fn decisions(overlay_path: &std::path::Path) -> anyhow::Result<Vec<Decision>> {
    let text = std::fs::read_to_string(overlay_path)
        .with_context(|| format!("reading {}", overlay_path.display()))?;
    let name = overlay_path.display().to_string();
    let parsed = overlay::parse(&name, &text).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(parsed
        .corrections
        .iter()
        .filter_map(|spanned| match spanned.get_ref() {
            Correction::ServerDecision {
                operation,
                finding,
                subject,
                ..
            } => Some(Decision {
                operation: operation.clone(),
                finding: finding.clone(),
                subject: subject.clone(),
                line: text[..spanned.span().start].matches('\n').count() + 1,
            }),
            _ => None,
        })
        .collect())
}

/// Which findings were decided, which were not, and which decisions matched nothing.
struct Verdict {
    decided: Vec<usize>,
    undecided: Vec<usize>,
    notes: Vec<usize>,
    stale: Vec<Decision>,
}

fn judge(findings: &[Finding], decisions: &[Decision]) -> Verdict {
    let matches = |d: &Decision, f: &Finding| {
        d.operation == f.operation && d.finding == f.kind && d.subject == f.subject
    };
    let mut verdict = Verdict {
        decided: Vec::new(),
        undecided: Vec::new(),
        notes: Vec::new(),
        stale: Vec::new(),
    };
    for (i, finding) in findings.iter().enumerate() {
        if !finding.disagreement {
            verdict.notes.push(i);
        } else if decisions.iter().any(|d| matches(d, finding)) {
            verdict.decided.push(i);
        } else {
            verdict.undecided.push(i);
        }
    }
    verdict.stale = decisions
        .iter()
        .filter(|d| !findings.iter().any(|f| matches(d, f)))
        .cloned()
        .collect();
    verdict
}

impl Verdict {
    fn text(&self, findings: &[Finding], label: &str, notes: bool) -> String {
        let mut out = String::new();
        for &i in &self.undecided {
            let f = &findings[i];
            let place = f
                .location
                .as_ref()
                .map(|l| format!("{}:{}", l.file, l.line))
                .unwrap_or_else(|| "(server)".into());
            out.push_str(&format!(
                "{place}: {}: {}: {}\n",
                f.kind, f.operation, f.message
            ));
            match &f.correction {
                Some(toml) => {
                    out.push_str("  correction for spec/overlay.toml:\n");
                    for line in toml.lines() {
                        out.push_str(&format!("    {line}\n"));
                    }
                }
                None => out.push_str(
                    "  no overlay kind can say this yet; record a `server-decision` or extend the overlay\n",
                ),
            }
        }
        for decision in &self.stale {
            out.push_str(&format!(
                "spec/overlay.toml:{}: stale server-decision: {} {}{} matches no finding any more; remove it\n",
                decision.line,
                decision.operation,
                decision.finding,
                decision.subject.as_ref().map(|s| format!(" `{s}`")).unwrap_or_default()
            ));
        }
        if notes {
            for &i in &self.notes {
                let f = &findings[i];
                out.push_str(&format!(
                    "note: {}: {}: {}\n",
                    f.kind, f.operation, f.message
                ));
            }
        }
        out.push_str(&format!(
            "verify against {label}: {} disagreement(s) without a correction or decision, {} decided in the overlay, {} stale decision(s); {} undocumented operation(s) of the server{}\n",
            self.undecided.len(),
            self.decided.len(),
            self.stale.len(),
            self.notes.len(),
            if notes { "" } else { " (--notes lists them)" }
        ));
        out
    }

    fn json(&self, findings: &[Finding]) -> serde_json::Value {
        let pick = |indices: &[usize]| -> Vec<&Finding> {
            indices.iter().map(|&i| &findings[i]).collect()
        };
        serde_json::json!({
            "undecided": pick(&self.undecided),
            "decided": pick(&self.decided),
            "notes": pick(&self.notes),
            "stale_decisions": self.stale.iter().map(|d| serde_json::json!({
                "operation": d.operation, "finding": d.finding, "subject": d.subject, "line": d.line,
            })).collect::<Vec<_>>(),
        })
    }
}
