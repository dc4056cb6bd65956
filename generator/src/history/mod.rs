//! The version history of the API: which Quay version first documents each operation, and which
//! version added (or removed) a parameter or body field after the operation arrived.
//!
//! It is an input of the spec like the overlay: computed from the docs of every version
//! ([`compute`], [`from_docs`]), committed as `spec/history.json` ([`History::to_json`]), and
//! stamped onto the spec's operations by the pipeline ([`stamp`], `Operation::since` and
//! `Operation::param_history`). `cargo xtask history` rebuilds the file; `cargo xtask check`
//! fails while it is stale.
//!
//! How it is read from the docs:
//!
//! - Every version is read as written (no guide, no overlay), names for docs that give none (the
//!   3.5 layout) from the committed spec. The newest version is also built with the project's
//!   corrections: that spec's operations are the ones the history is about.
//! - An operation is the same across versions by name, else by method and path (placeholder names
//!   and a trailing slash aside): a renamed entry is the same endpoint of the server.
//! - `since` is the first version that documents it. An operation no version's docs have (one
//!   only the overlay makes) gets the newest version, the one the overlay was reviewed against,
//!   and `undocumented: true`.
//! - A parameter or body field is `added` in the first version that documents it when that is
//!   later than the operation's; one that only the overlay adds has no version of its own.
//! - A parameter or body field the spec does not have is `removed` in the first version after the
//!   last one that documents it; one the newest docs still have was removed by the overlay (a
//!   documentation error), not by a version, and is not listed.
//! - `removed_operations` lists the operations older docs had and newer ones dropped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::frontend::InputFormat;
use crate::pipeline::{self, Inputs, PipelineError};
use crate::spec::{path_shape, Method, Operation, ParamHistory, ParamPlace, Spec};

/// Bumped whenever the on-disk shape of [`History`] changes incompatibly.
pub const FORMAT_VERSION: u32 = 1;

/// The committed history's file name, under `spec/`.
pub const HISTORY_FILE: &str = "history.json";

/// The version history of every operation of one spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    pub format_version: u32,
    /// The docs it was read from, oldest first; the last is the spec's own version.
    pub versions: Vec<VersionSource>,
    /// One entry per operation of the spec, by name.
    pub operations: Vec<OperationHistory>,
    /// Operations that older docs document and newer ones no longer do, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_operations: Vec<RemovedOperation>,
}

/// One docs version the history was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSource {
    pub version: String,
    /// The docs' `content_hash` (see `Source::content_hash`).
    pub content_hash: String,
}

/// When one operation arrived and what changed in it later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationHistory {
    pub name: String,
    /// The first version that documents it.
    pub since: String,
    /// No version's docs document it (the overlay makes it): `since` is the newest version.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undocumented: bool,
    /// Parameters and body fields added after the operation or removed from it, by location
    /// and name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<ParamHistory>,
}

/// An operation that a version stopped documenting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedOperation {
    pub name: String,
    pub method: Method,
    /// The path of the last version that documents it.
    pub path: String,
    /// The first version that documents it.
    pub since: String,
    /// The first version after the last one that documents it.
    pub removed: String,
}

/// The spec of one docs version, read as written.
#[derive(Debug, Clone)]
pub struct Documented {
    pub version: String,
    pub spec: Spec,
}

impl History {
    /// The canonical on-disk form: pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("history types always serialize");
        text.push('\n');
        text
    }

    /// Reads a history file's text, refusing other format versions.
    pub fn from_json(text: &str) -> Result<History, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|err| format!("not a history file: {err}"))?;
        let found = value.get("format_version").and_then(|v| v.as_u64());
        if found != Some(u64::from(FORMAT_VERSION)) {
            return Err(format!(
                "history format_version is {found:?}, this tool reads version {FORMAT_VERSION}"
            ));
        }
        serde_json::from_value(value).map_err(|err| format!("not a history file: {err}"))
    }

    /// Reads the history file at `path`; the message names the file.
    pub fn read(path: &Path) -> Result<History, String> {
        let text =
            std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
        History::from_json(&text).map_err(|err| format!("{}: {err}", path.display()))
    }

    /// The newest version it was read from.
    pub fn newest(&self) -> Option<&str> {
        self.versions.last().map(|v| v.version.as_str())
    }

    pub fn operation(&self, name: &str) -> Option<&OperationHistory> {
        self.operations.iter().find(|op| op.name == name)
    }
}

/// Sorts version names as numbers (`3.5` before `3.11`); what is not a number sorts last.
pub fn version_key(version: &str) -> Vec<u32> {
    version
        .split('.')
        .map(|part| part.parse::<u32>().unwrap_or(u32::MAX))
        .collect()
}

/// What a parameter is across versions: a body field, or a path or query parameter (older docs
/// put query parameters in the path table), by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Param,
    Body,
}

/// Every parameter and body field of an operation, by kind and name, with its location.
fn params(op: &Operation) -> BTreeMap<(Kind, &str), ParamPlace> {
    let mut out = BTreeMap::new();
    for p in &op.path_params {
        out.insert((Kind::Param, p.name.as_str()), ParamPlace::Path);
    }
    for p in &op.query_params {
        out.insert((Kind::Param, p.name.as_str()), ParamPlace::Query);
    }
    for p in op.body.iter().flat_map(|b| &b.fields) {
        out.insert((Kind::Body, p.name.as_str()), ParamPlace::Body);
    }
    out
}

/// The endpoint of an operation: method and path, placeholder names and a trailing slash aside.
/// The 3.5 docs write some paths `/api/vi/...`: the same endpoint as `/api/v1/...`.
fn endpoint(op: &Operation) -> (Method, String) {
    let shape = path_shape(&op.path);
    let shape = match shape.strip_prefix("/api/vi/") {
        Some(rest) => format!("/api/v1/{rest}"),
        None => shape,
    };
    (op.method, shape.trim_end_matches('/').to_owned())
}

/// The operation of `spec` that is `op`: the same name, else the same endpoint.
fn matching(spec: &Spec, op: &Operation) -> Option<usize> {
    spec.operations
        .iter()
        .position(|o| o.name == op.name)
        .or_else(|| {
            let wanted = endpoint(op);
            spec.operations.iter().position(|o| endpoint(o) == wanted)
        })
}

/// The history of `current`'s operations, from `documented`: every version's spec read as
/// written, oldest first (the last is `current`'s version as written). An empty `documented`
/// gives an empty history.
pub fn compute(documented: &[Documented], current: &Spec) -> History {
    let Some(newest) = documented.last() else {
        return History {
            format_version: FORMAT_VERSION,
            versions: Vec::new(),
            operations: Vec::new(),
            removed_operations: Vec::new(),
        };
    };
    let versions = documented
        .iter()
        .map(|d| VersionSource {
            version: d.version.clone(),
            content_hash: d.spec.source.content_hash.clone(),
        })
        .collect();
    // (version index, operation index) of every documented operation some current one is.
    let mut matched: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut operations = Vec::new();
    for op in &current.operations {
        let found: Vec<(usize, &Operation)> = documented
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                matching(&d.spec, op).map(|j| {
                    matched.insert((i, j));
                    (i, &d.spec.operations[j])
                })
            })
            .collect();
        let Some(&(first, _)) = found.first() else {
            operations.push(OperationHistory {
                name: op.name.clone(),
                since: newest.version.clone(),
                undocumented: true,
                params: Vec::new(),
            });
            continue;
        };
        let have = params(op);
        // Every parameter any version documents: the versions that do, and where the last did.
        let mut seen: BTreeMap<(Kind, &str), (Vec<usize>, ParamPlace)> = BTreeMap::new();
        for (i, documented_op) in &found {
            for (key, place) in params(documented_op) {
                let entry = seen.entry(key).or_insert((Vec::new(), place));
                entry.0.push(*i);
                entry.1 = place;
            }
        }
        let mut changes = Vec::new();
        for (key, (present, last_place)) in &seen {
            let place = have.get(key).copied().unwrap_or(*last_place);
            // A path parameter is part of the endpoint, which is matched as a whole.
            if place == ParamPlace::Path {
                continue;
            }
            let added = (present[0] > first).then(|| documented[present[0]].version.clone());
            let change = if have.contains_key(key) {
                added.map(|added| (Some(added), None))
            } else {
                // Removed in the first version after the last that documents it; one the
                // newest docs still have was removed by the overlay, not by a version.
                let last = present[present.len() - 1];
                found
                    .iter()
                    .map(|(i, _)| *i)
                    .find(|i| *i > last)
                    .map(|i| (added, Some(documented[i].version.clone())))
            };
            if let Some((added, removed)) = change {
                changes.push(ParamHistory {
                    location: place,
                    name: key.1.to_owned(),
                    added,
                    removed,
                });
            }
        }
        changes.sort_by(|a, b| (a.location, &a.name).cmp(&(b.location, &b.name)));
        operations.push(OperationHistory {
            name: op.name.clone(),
            since: documented[first].version.clone(),
            undocumented: false,
            params: changes,
        });
    }
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    History {
        format_version: FORMAT_VERSION,
        versions,
        operations,
        removed_operations: removed_operations(documented, &matched),
    }
}

/// The documented operations no current one is, whose last version is not the newest.
fn removed_operations(
    documented: &[Documented],
    matched: &BTreeSet<(usize, usize)>,
) -> Vec<RemovedOperation> {
    // (first version, last version, the last version's operation): an entry renamed between
    // two versions (same endpoint, documented in the one before) goes on under its new name.
    let mut gone: Vec<(usize, usize, &Operation)> = Vec::new();
    for (i, d) in documented.iter().enumerate() {
        for (j, op) in d.spec.operations.iter().enumerate() {
            if matched.contains(&(i, j)) {
                continue;
            }
            let same = gone
                .iter()
                .position(|(_, _, o)| o.name == op.name)
                .or_else(|| {
                    gone.iter()
                        .position(|(_, last, o)| *last + 1 == i && endpoint(o) == endpoint(op))
                });
            match same {
                Some(k) if gone[k].1 < i => {
                    gone[k].1 = i;
                    gone[k].2 = op;
                }
                Some(_) => {}
                None => gone.push((i, i, op)),
            }
        }
    }
    let mut gone: Vec<(&str, (usize, usize, &Operation))> = gone
        .into_iter()
        .map(|entry| (entry.2.name.as_str(), entry))
        .collect();
    gone.sort_by(|a, b| a.0.cmp(b.0));
    gone.into_iter()
        .filter_map(|(name, (first, last, op))| {
            // Still in the newest docs: the overlay dropped it, no version did.
            let removed = documented.get(last + 1)?;
            Some(RemovedOperation {
                name: name.to_owned(),
                method: op.method,
                path: op.path.clone(),
                since: documented[first].version.clone(),
                removed: removed.version.clone(),
            })
        })
        .collect()
}

/// Writes the history onto the spec's operations (`since`, `param_history`). Every operation
/// needs an entry and every entry an operation, and what an entry says of a parameter must fit
/// the spec; otherwise the history is stale and each mismatch is one message.
pub fn stamp(spec: &mut Spec, history: &History) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    if let (Some(docs), Some(newest)) = (spec.source.docs_version.as_deref(), history.newest()) {
        if docs != newest {
            problems.push(format!(
                "it was built for Quay {newest}, these docs are of Quay {docs}"
            ));
            return Err(problems);
        }
    }
    let names: BTreeSet<&str> = spec.operations.iter().map(|op| op.name.as_str()).collect();
    for entry in &history.operations {
        if !names.contains(entry.name.as_str()) {
            problems.push(format!(
                "operation `{}` is not in the spec (removed or renamed since the history was built)",
                entry.name
            ));
        }
    }
    for op in &mut spec.operations {
        let Some(entry) = history.operation(&op.name) else {
            problems.push(format!("operation `{}` has no entry", op.name));
            continue;
        };
        let have = params(op);
        for change in &entry.params {
            let kind = match change.location {
                ParamPlace::Body => Kind::Body,
                ParamPlace::Path | ParamPlace::Query => Kind::Param,
            };
            let present = have.get(&(kind, change.name.as_str())) == Some(&change.location);
            if change.removed.is_some() == present {
                problems.push(format!(
                    "operation `{}`: the {} `{}` is {} the spec, the history says it was {}",
                    op.name,
                    change.location.describe(),
                    change.name,
                    if present { "in" } else { "not in" },
                    if present { "removed" } else { "added" },
                ));
            }
        }
        if problems.is_empty() {
            op.since = Some(entry.since.clone());
            op.param_history = entry.params.clone();
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(format!("... and {more} more"));
    }
    Err(problems)
}

/// How many mismatches [`stamp`] lists before it counts the rest.
const MAX_PROBLEMS: usize = 10;

/// Why the history could not be read from the docs.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("listing the docs versions in {}: {message}", dir.display())]
    Versions { dir: PathBuf, message: String },
    #[error("Quay {version} ({}): {source}", docs.display())]
    Build {
        version: String,
        docs: PathBuf,
        #[source]
        source: PipelineError,
    },
    #[error("Quay {version} ({}): {} error(s) in the docs:\n  {}", docs.display(), errors.len(), errors.join("\n  "))]
    DocErrors {
        version: String,
        docs: PathBuf,
        errors: Vec<String>,
    },
    #[error("the newest docs version in {} is {found}, the spec is made from {expected}", dir.display())]
    Newest {
        dir: PathBuf,
        found: String,
        expected: String,
    },
}

/// The version folders of an AsciiDoc docs root (`quay-docs/adoc`), oldest first.
pub fn docs_versions(adoc: &Path) -> Result<Vec<String>, HistoryError> {
    let error = |message: String| HistoryError::Versions {
        dir: adoc.to_path_buf(),
        message,
    };
    let mut versions: Vec<String> = std::fs::read_dir(adoc)
        .map_err(|err| error(err.to_string()))?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    versions.sort_by_key(|v| version_key(v));
    if versions.is_empty() {
        return Err(error("no version folders".into()));
    }
    Ok(versions)
}

/// The history of the spec `current` (its inputs, without a history) from every version under
/// `adoc` (`quay-docs/adoc`), each read as written with names for docs that give none from
/// `names_from`. The newest version must be `current`'s.
pub fn from_docs(
    adoc: &Path,
    current: &Inputs,
    names_from: Option<&Path>,
) -> Result<History, HistoryError> {
    let versions = docs_versions(adoc)?;
    let mut current_inputs = current.clone();
    current_inputs.history = None;
    let newest = versions.last().cloned().unwrap_or_default();
    let current_docs = current.docs.clone();
    let current_spec = build(&newest, &current_inputs)?;
    if current_spec.source.docs_version.as_deref() != Some(newest.as_str()) {
        return Err(HistoryError::Newest {
            dir: adoc.to_path_buf(),
            found: newest,
            expected: current_spec
                .source
                .docs_version
                .clone()
                .unwrap_or_else(|| current_docs.display().to_string()),
        });
    }
    let mut documented = Vec::new();
    for version in &versions {
        let inputs = Inputs {
            docs: adoc.join(version),
            format: InputFormat::Adoc,
            guide: None,
            overlay: None,
            names_from: names_from.map(Path::to_path_buf),
            observed: None,
            history: None,
        };
        documented.push(Documented {
            version: version.clone(),
            spec: build(version, &inputs)?,
        });
    }
    Ok(compute(&documented, &current_spec))
}

/// One version's spec; errors in the docs are refused.
fn build(version: &str, inputs: &Inputs) -> Result<Spec, HistoryError> {
    let built = pipeline::build_spec(inputs).map_err(|source| HistoryError::Build {
        version: version.to_owned(),
        docs: inputs.docs.clone(),
        source,
    })?;
    let errors = built.error_messages();
    if !errors.is_empty() {
        return Err(HistoryError::DocErrors {
            version: version.to_owned(),
            docs: inputs.docs.clone(),
            errors,
        });
    }
    Ok(built.spec)
}

#[cfg(test)]
mod tests;
