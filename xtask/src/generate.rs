//! `cargo xtask generate`: (docs ->) spec -> the `quay-client` crate, written atomically.
//!
//! Every output is staged in memory first. Then all of them are written to temporary files beside
//! their targets, and only when every temporary is written are they renamed into place (and the
//! group modules the spec no longer produces removed). A failure before the renames leaves
//! `spec/` and `generated-client/` exactly as they were.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use generator::diff;
use generator::emit::{self, EmitOptions, GeneratedFile};
use generator::frontend::InputFormat;
use generator::pipeline::{self, Inputs};
use generator::spec::Spec;

use crate::inputs::{Defaults, SourceArgs};
use crate::paths;
use crate::timings::Timeline;

#[derive(clap::Args)]
pub struct Args {
    /// Parse this docs tree (or assembly, or Markdown file) and write the spec first; without it
    /// the client is emitted from the committed spec.
    #[arg(long)]
    docs: Option<PathBuf>,
    /// Emit from this spec file instead of the committed one (it is not copied into spec/).
    #[arg(long, conflicts_with = "docs")]
    spec: Option<PathBuf>,
    /// With --docs: the guide and overlay to build the spec with.
    #[command(flatten)]
    source: SourceArgs,
    /// Print to stderr when each stage of the run finished (milliseconds since the start).
    #[arg(long)]
    timings: bool,
}

/// What a run will write and delete, all decided before anything touches the disk.
#[derive(Debug, Default)]
pub struct Plan {
    pub writes: Vec<(PathBuf, Vec<u8>)>,
    pub deletes: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let timeline = Timeline::new(args.timings);
    let code = run_timed(args, &timeline)?;
    if let Some(report) = timeline.report() {
        eprint!("{report}");
    }
    Ok(code)
}

fn run_timed(args: Args, timeline: &Timeline) -> anyhow::Result<ExitCode> {
    let mut plan = Plan::default();
    let client_dir = paths::client_dir();
    let committed_version = committed_crate_version(&client_dir)?;
    if args.docs.is_none() && args.source.is_given() {
        bail!("--guide, --no-guide, --overlay, --no-overlay, --names-from, --observed, --no-observed, --history and --no-history need --docs");
    }
    let mut options = EmitOptions::default();
    // The release compares the new spec with the committed one: that is read (and the changelog)
    // on a thread of its own while the docs are parsed.
    let committed = args
        .docs
        .is_some()
        .then(|| std::thread::spawn(read_committed));
    let (spec, resolved) = match (&args.docs, &args.spec) {
        (Some(docs), _) => {
            let resolved = args
                .source
                .resolve(docs, InputFormat::Auto, Defaults::Generate);
            resolved.report();
            let spec = build_spec(&resolved.inputs)?;
            timeline.mark("spec built (docs, guide, observed answers, overlay, history)");
            if resolved.inputs.overlay.is_none() {
                options = unreviewed_examples(&spec);
            }
            (spec, true)
        }
        (None, Some(path)) => (read_spec(path)?, false),
        (None, None) => (read_spec(&paths::committed_spec())?, false),
    };
    // The client and the CLI are emitted (with the committed crate version) on a thread of their
    // own, which formats on every core, while this one makes the release, the spec's JSON and the
    // OpenAPI export; when the release bumps the version, both are emitted again.
    let (emitted, release, spec_json, mut openapi) = std::thread::scope(|scope| {
        let crates = scope.spawn(|| {
            let crates = emit_crates(&spec, &committed_version, options);
            timeline.mark("client and CLI emitted and formatted");
            crates
        });
        let spec_json = resolved.then(|| spec.to_json().into_bytes());
        let release = match committed {
            Some(committed) => release(
                &spec,
                spec_json.as_deref(),
                join_owned(committed),
                &committed_version,
            ),
            None => Ok(None),
        };
        timeline.mark("release (diff with the committed spec)");
        // The OpenAPI export follows the committed spec; a spec given by hand is not committed.
        let openapi = args.spec.is_none().then(|| openapi_export(&spec));
        timeline.mark("spec JSON and OpenAPI export");
        (join(crates), release, spec_json, openapi)
    });
    let crate_version;
    let crates = match release? {
        Some(release) => {
            println!(
                "API changed: {:?} bump, quay-client {committed_version} -> {}",
                release.bump, release.version
            );
            crate_version = release.version;
            plan.writes
                .push((client_dir.join(CHANGELOG), release.changelog.into_bytes()));
            drop(emitted);
            let crates = emit_crates(&spec, &crate_version, options)?;
            timeline.mark("client and CLI emitted again with the new version");
            crates
        }
        None => emitted?,
    };
    let mut client = crates.client;
    let mut cli = crate::cli_files::plan(crates.cli)?;
    if let Some(json) = spec_json {
        plan.writes.push((paths::committed_spec(), json));
    }
    if let Some((_, json)) = &mut openapi {
        plan.writes
            .push((paths::committed_openapi(), std::mem::take(json)));
    }
    plan.deletes = extra_generated_files(&client_dir, &client)?;
    plan.writes.extend(
        client
            .drain(..)
            .map(|f| (client_dir.join(&f.path), f.contents.into_bytes())),
    );
    plan.writes.append(&mut cli.writes);
    plan.deletes.append(&mut cli.deletes);
    let written = apply(&plan)?;
    timeline.mark("files compared and written");
    println!(
        "{} operations: {written} file(s) written, {} unchanged, {} removed",
        spec.operations.len(),
        plan.writes.len() - written,
        plan.deletes.len()
    );
    // Only the process's exit follows (`generate` runs once per process): the spec, the files
    // and the OpenAPI document's tree, hundreds of thousands of small allocations, are left to
    // the OS rather than freed one by one, which took a few percent of the run.
    std::mem::forget((spec, plan, openapi));
    Ok(ExitCode::SUCCESS)
}

fn emit_crates(
    spec: &Spec,
    crate_version: &str,
    options: EmitOptions,
) -> anyhow::Result<emit::Crates> {
    emit::emit_crates(spec, crate_version, options).context("emitting the client and the CLI")
}

/// A scoped thread's result; its panic goes on in this thread.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, anyhow::Result<T>>) -> anyhow::Result<T> {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The OpenAPI 3.1 export of `spec`, as committed beside it.
pub fn openapi_document(spec: &Spec) -> Vec<u8> {
    openapi_export(spec).1
}

/// The OpenAPI export of `spec` and its JSON (the export's tree is dropped by the caller, or
/// left to the OS at the end of a `generate`).
fn openapi_export(spec: &Spec) -> (generator::openapi::Export, Vec<u8>) {
    let export = generator::openapi::export(spec);
    for skipped in &export.skipped {
        eprintln!("warning: left out of the OpenAPI document: {skipped}");
    }
    let json = export.to_json().into_bytes();
    (export, json)
}

/// The generated crate's changelog, written by `generate --docs` when the API changes.
const CHANGELOG: &str = "CHANGELOG.md";

/// What `generate --docs PATH` reads without options: the docs, the API guide of the same
/// version found beside them (see [`crate::inputs::guide_candidates`]), and the project's
/// overlay, as `cargo xtask parse` and the committed spec do.
pub fn pipeline_inputs(docs: &Path) -> Inputs {
    SourceArgs::default()
        .resolve(docs, InputFormat::Auto, Defaults::Generate)
        .inputs
}

/// Without an overlay nobody has reviewed the examples that differ from their entry: each is a
/// warning and is left out of `tests/examples.rs` (with the overlay they fail the pipeline).
pub fn unreviewed_examples(spec: &Spec) -> EmitOptions {
    for verdict in generator::examples::vectors::review(spec) {
        for line in verdict.describe_unexplained() {
            eprintln!("warning: {line}; left out of the example tests (no overlay)");
        }
    }
    EmitOptions {
        skip_unexplained_examples: true,
    }
}

/// Runs the docs-to-spec pipeline, refusing (and so writing nothing) when there are errors.
pub fn build_spec(inputs: &Inputs) -> anyhow::Result<Spec> {
    let built = pipeline::build_spec(inputs)?;
    let errors = built.error_messages();
    if !errors.is_empty() {
        bail!(
            "{} error(s) parsing {}; nothing written:\n{}",
            errors.len(),
            inputs.docs.display(),
            errors.join("\n")
        );
    }
    Ok(built.spec)
}

/// The version in the committed `generated-client/Cargo.toml`, or the initial one.
pub fn committed_crate_version(client_dir: &Path) -> anyhow::Result<String> {
    let path = client_dir.join("Cargo.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(emit::INITIAL_CRATE_VERSION.to_string());
    };
    text.lines()
        .find_map(|line| {
            line.strip_prefix("version = \"")
                .and_then(|rest| rest.strip_suffix('"'))
        })
        .map(str::to_string)
        .with_context(|| format!("{}: no `version = \"...\"` line", path.display()))
}

/// The committed spec's JSON (none before the first `generate --docs`) and the changelog, as the
/// release starts from them.
struct Committed {
    spec_json: Option<Vec<u8>>,
    changelog: String,
}

fn read_committed() -> anyhow::Result<Committed> {
    let path = paths::committed_spec();
    let spec_json = path
        .is_file()
        .then(|| std::fs::read(&path))
        .transpose()
        .with_context(|| format!("reading the spec {}", path.display()))?;
    let changelog =
        std::fs::read_to_string(paths::client_dir().join(CHANGELOG)).unwrap_or_default();
    Ok(Committed {
        spec_json,
        changelog,
    })
}

/// The release of `spec` (whose JSON is `spec_json`) against the committed one: `None` when the
/// API did not change.
fn release(
    spec: &Spec,
    spec_json: Option<&[u8]>,
    committed: anyhow::Result<Committed>,
    crate_version: &str,
) -> anyhow::Result<Option<diff::Release>> {
    let committed = committed?;
    let Some(old_json) = committed.spec_json else {
        return Ok(None);
    };
    // A spec whose JSON is the committed file's, byte for byte, has no API change: the usual
    // regeneration skips reading the old spec back and diffing it.
    if spec_json == Some(old_json.as_slice()) {
        return Ok(None);
    }
    let path = paths::committed_spec();
    let old = String::from_utf8(old_json)
        .map_err(anyhow::Error::from)
        .and_then(|text| Ok(Spec::from_json(&text)?))
        .with_context(|| format!("reading the spec {}", path.display()))?;
    Ok(diff::release(
        &old,
        spec,
        &committed.changelog,
        crate_version,
    )?)
}

/// A thread's result; its panic goes on in this thread.
fn join_owned<T>(handle: std::thread::JoinHandle<T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

pub fn read_spec(path: &Path) -> anyhow::Result<Spec> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the spec {}", path.display()))?;
    Spec::from_json(&text).with_context(|| format!("reading the spec {}", path.display()))
}

/// Generated group modules on disk (`src/api/*.rs`) that the spec no longer produces.
pub fn extra_generated_files(
    client_dir: &Path,
    files: &[GeneratedFile],
) -> anyhow::Result<Vec<PathBuf>> {
    let dir = client_dir.join(emit::GROUP_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut extra = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))? {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = format!("{}/{name}", emit::GROUP_DIR);
        if emit::is_generated_path(&relative) && !files.iter().any(|f| f.path == relative) {
            extra.push(entry.path());
        }
    }
    extra.sort();
    Ok(extra)
}

/// Writes the plan: every changed file to a temporary beside it, then all renames, then the
/// deletions. Returns how many files changed.
pub fn apply(plan: &Plan) -> anyhow::Result<usize> {
    let changed = changed_writes(&plan.writes);
    let mut temps: Vec<(PathBuf, &Path)> = Vec::new();
    for (path, bytes) in &changed {
        match write_temp(path, bytes) {
            Ok(temp) => temps.push((temp, path)),
            Err(err) => {
                for (temp, _) in &temps {
                    let _ = std::fs::remove_file(temp);
                }
                return Err(err);
            }
        }
    }
    for (temp, path) in &temps {
        std::fs::rename(temp, path)
            .with_context(|| format!("renaming {} to {}", temp.display(), path.display()))?;
    }
    for path in &plan.deletes {
        std::fs::remove_file(path).with_context(|| format!("removing {}", path.display()))?;
    }
    Ok(changed.len())
}

/// The writes whose file does not already hold their bytes, in order. The files are read and
/// compared on two threads: after the emitter, nothing else is left to run on the cores.
fn changed_writes(writes: &[(PathBuf, Vec<u8>)]) -> Vec<&(PathBuf, Vec<u8>)> {
    fn changed_in(writes: &[(PathBuf, Vec<u8>)]) -> Vec<&(PathBuf, Vec<u8>)> {
        // One buffer for every file a thread reads, rather than fresh memory for each.
        let mut buffer = Vec::new();
        writes
            .iter()
            .filter(|(path, bytes)| !holds(path, bytes, &mut buffer))
            .collect()
    }
    let (first, second) = writes.split_at(writes.len() / 2);
    std::thread::scope(|scope| {
        let second = scope.spawn(|| changed_in(second));
        let mut changed = changed_in(first);
        changed.extend(
            second
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        );
        changed
    })
}

/// Whether the file at `path` holds exactly `bytes` (read into `buffer`); a file of another
/// length is not read.
fn holds(path: &Path, bytes: &[u8], buffer: &mut Vec<u8>) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != u64::try_from(bytes.len()).ok() {
        return false;
    }
    buffer.clear();
    file.read_to_end(buffer).is_ok() && buffer.as_slice() == bytes
}

fn write_temp(path: &Path, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    let dir = path
        .parent()
        .with_context(|| format!("{} has no parent directory", path.display()))?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file path", path.display()))?;
    let temp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    std::fs::write(&temp, bytes).with_context(|| format!("writing {}", temp.display()))?;
    Ok(temp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("xtask-generate-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let dir = scratch("fail");
        let good = dir.join("a.txt");
        std::fs::write(&good, "old").expect("seed");
        // A directory where a file should go makes its temporary's rename impossible... but the
        // temporary write itself fails first when the parent is a file.
        let blocked = dir.join("a.txt").join("b.txt");
        let plan = Plan {
            writes: vec![(good.clone(), b"new".to_vec()), (blocked, b"x".to_vec())],
            deletes: vec![],
        };
        assert!(apply(&plan).is_err());
        assert_eq!(std::fs::read_to_string(&good).expect("kept"), "old");
        let leftovers: Vec<_> = std::fs::read_dir(&dir).expect("list").collect();
        assert_eq!(leftovers.len(), 1, "no temporaries left behind");
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    /// Every committed output of `generate`, with its bytes.
    fn committed_outputs() -> Vec<(PathBuf, Vec<u8>)> {
        let mut paths = vec![paths::committed_spec(), paths::committed_openapi()];
        let client = paths::client_dir();
        for dir in [
            client.clone(),
            client.join("src"),
            client.join("src/api"),
            client.join("tests"),
        ] {
            for entry in std::fs::read_dir(&dir)
                .expect("listing the client")
                .flatten()
            {
                if entry.path().is_file() {
                    paths.push(entry.path());
                }
            }
        }
        paths.sort();
        paths
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).expect("reading a committed output");
                (p, bytes)
            })
            .collect()
    }

    #[test]
    fn a_run_that_fails_midway_leaves_the_spec_and_client_intact() {
        // A docs tree whose assembly includes a file that is not there: the pipeline reads the
        // first entry, then fails on the error, after the committed outputs were read.
        let dir = scratch("broken-docs");
        std::fs::create_dir_all(dir.join("api")).expect("api dir");
        std::fs::write(
            dir.join("api/master.adoc"),
            "= Reference\n\n= widgets\nWidgets.\n\n== getWidget\n\n=== GET /api/v1/widget\n\n\
             include::missing-entry.adoc[]\n",
        )
        .expect("assembly");
        let before = committed_outputs();
        let result = run(Args {
            docs: Some(dir.clone()),
            spec: None,
            source: SourceArgs::default(),
            timings: false,
        });
        let message = format!(
            "{:#}",
            result.expect_err("a docs tree with an error must fail")
        );
        assert!(message.contains("missing-entry.adoc"), "{message}");
        assert!(
            committed_outputs() == before,
            "a failed run changed committed files"
        );
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn writes_changed_files_and_removes_stale_modules() {
        let dir = scratch("apply");
        let api = dir.join("src/api");
        std::fs::create_dir_all(&api).expect("api dir");
        std::fs::write(api.join("gone.rs"), "old group").expect("seed");
        std::fs::write(api.join("kept.rs"), "same").expect("seed");
        let files = vec![GeneratedFile {
            path: "src/api/kept.rs".into(),
            contents: "same".into(),
        }];
        let deletes = extra_generated_files(&dir, &files).expect("listing");
        assert_eq!(deletes, vec![api.join("gone.rs")]);
        let plan = Plan {
            writes: vec![
                (api.join("kept.rs"), b"same".to_vec()),
                (dir.join("src/lib.rs"), b"new".to_vec()),
            ],
            deletes,
        };
        assert_eq!(apply(&plan).expect("applies"), 1);
        assert!(!api.join("gone.rs").exists());
        assert_eq!(
            std::fs::read_to_string(dir.join("src/lib.rs")).expect("written"),
            "new"
        );
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn the_release_diffs_only_when_the_spec_json_differs_from_the_committed_file() {
        let json = std::fs::read(paths::committed_spec()).expect("the committed spec");
        let spec = read_spec(&paths::committed_spec()).expect("the committed spec parses");
        let committed = |spec_json: Vec<u8>| {
            Ok(Committed {
                spec_json: Some(spec_json),
                changelog: String::new(),
            })
        };
        // Unchanged bytes: no release, without reading the old spec back.
        let same = release(&spec, Some(&json), committed(json.clone()), "0.1.0");
        assert!(same.expect("no error").is_none());
        // The committed spec lacks an operation the new one has: a release that adds it.
        let mut older = spec.clone();
        let added = older.operations.remove(0).name;
        let bumped = release(
            &spec,
            Some(&json),
            committed(older.to_json().into_bytes()),
            "0.1.0",
        )
        .expect("no error")
        .expect("an added operation is a release");
        assert!(bumped.changelog.contains(&added), "{}", bumped.changelog);
        // Committed bytes that are not a spec: an error that names the file.
        let broken = release(
            &spec,
            Some(&json),
            committed(b"{ not json".to_vec()),
            "0.1.0",
        );
        let message = format!("{:#}", broken.expect_err("a broken committed spec"));
        assert!(message.contains("quay-api.json"), "{message}");
        assert_eq!(
            message.matches("key must be a string").count(),
            1,
            "{message}"
        );
    }
}
