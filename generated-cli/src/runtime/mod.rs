//! The hand-written part of `quay`: global options and dispatch (`app`), argument helpers for
//! the generated commands (`args`), configuration (`config`), output (`output`), `tag prune`
//! (`prune`) and the short aliases (`aliases`). The generator never writes here.
//!
//! [`run`] is the whole program with its environment and standard streams passed in, so tests
//! run `quay` in-process exactly as the binary does.

pub mod aliases;
pub mod app;
pub mod args;
pub mod config;
mod context;
mod error;
pub mod output;
pub mod prune;

use std::collections::BTreeMap;
use std::io::{Read, Write};

pub use app::run;
pub use context::Context;
pub use error::{CliError, CliResult, ErrorKind};
pub use output::Table;

/// A generated command and the operation it calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandInfo {
    /// `tag`.
    pub group: &'static str,
    /// `list-repo-tags`.
    pub command: &'static str,
    /// The documented operation name, `listRepoTags`.
    pub operation: &'static str,
}

/// The environment variables `quay` reads (`QUAY_URL`, `QUAY_TOKEN`, `QUAY_PROFILE`,
/// `QUAY_CONFIG`, `XDG_CONFIG_HOME`, `HOME`), captured once. Empty values count as unset.
#[derive(Clone, Default)]
pub struct Env {
    vars: BTreeMap<String, String>,
}

impl Env {
    /// The process environment (variables that are not UTF-8 are left out).
    pub fn from_process() -> Self {
        Self::from_pairs(
            std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))),
        )
    }

    /// An environment of exactly these variables.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Self {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// A variable's value, `None` when unset or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// Values are not shown: `QUAY_TOKEN` is one of them.
impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.vars.keys()).finish()
    }
}

/// The standard streams of one run, and whether stdout and stderr are terminals.
pub struct Io<'a> {
    /// Read by `--body -`.
    pub stdin: &'a mut dyn Read,
    /// Answers.
    pub stdout: &'a mut dyn Write,
    /// Errors, warnings, progress.
    pub stderr: &'a mut dyn Write,
    /// JSON is pretty on a terminal.
    pub stdout_is_terminal: bool,
    /// The `--all` progress line is shown on a terminal.
    pub stderr_is_terminal: bool,
}
