//! The emitter: [`Spec`] to the files of the `quay-client` crate, in memory.
//!
//! [`emit`] lowers the spec once into a [`model::ClientModel`] (every Rust name chosen there),
//! then each submodule prints one generated file: Rust as text in prettyplease's layout
//! ([`rust_text`]; prettyplease itself only for what that writer does not model), the
//! `Cargo.toml` and README through askama templates. The same spec gives byte-identical files;
//! nothing here touches the disk (see `xtask generate` for the atomic write).

mod api;
pub mod cli;
mod conformance;
mod example_tests;
mod lib_rs;
pub(crate) mod model;
mod models;
mod naming;
mod operations;
mod redact;
mod response_examples;
mod responses;
mod rust_file;
mod rust_text;
mod samples;
mod templates;
mod worked_examples;

use std::collections::BTreeSet;

use crate::spec::Spec;

use rust_file::RustFile;
pub use rust_file::RUST_HEADER;

/// One generated file, its path relative to the crate directory (`src/api/tag.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// Why the spec could not be turned into a crate.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("emitting {path}: the generated code is not valid Rust: {message}")]
    InvalidRust { path: String, message: String },
    #[error("emitting {path}: template failed: {message}")]
    Template { path: String, message: String },
    #[error("the spec has no operations; refusing to emit an empty client")]
    NoOperations,
    /// An example command that differs from its entry with no `example-exception` recorded.
    #[error("emitting tests/examples.rs: {0}")]
    UnexplainedExample(String),
}

/// Generated files that are not per group. Together with `src/api/*.rs` these are every file the
/// emitter owns; anything else in the crate (the runtime, examples, `tests/runtime_*.rs`) is
/// hand-written and never touched.
pub const FIXED_FILES: [&str; 10] = [
    "Cargo.toml",
    "README.md",
    "src/lib.rs",
    "src/models.rs",
    "src/operations.rs",
    "src/api/mod.rs",
    "tests/operations.rs",
    "tests/blocking.rs",
    example_tests::PATH,
    "tests/response_examples.rs",
];

/// Directory whose `.rs` files all belong to the emitter.
pub const GROUP_DIR: &str = "src/api";

/// Whether a crate-relative path is one the emitter owns (and so may replace or delete).
pub fn is_generated_path(path: &str) -> bool {
    FIXED_FILES.contains(&path)
        || path
            .strip_prefix(GROUP_DIR)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|name| !name.contains('/') && name.ends_with(".rs"))
}

/// The crate version a fresh client starts at.
pub const INITIAL_CRATE_VERSION: &str = "0.1.0";

/// Emits every file of the crate, sorted by path. `crate_version` goes into `Cargo.toml`: it is
/// kept from the committed crate and bumped only when the API changes (`xtask generate --docs`).
pub fn emit(spec: &Spec, crate_version: &str) -> Result<Vec<GeneratedFile>, EmitError> {
    emit_with(spec, crate_version, EmitOptions::default())
}

/// How [`emit_with`] treats what [`emit`] refuses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmitOptions {
    /// Leave example commands that differ from their entry with no recorded exception out of
    /// `tests/examples.rs` instead of failing: for a spec built without the overlay, where
    /// nobody has reviewed them (`generate --no-overlay` warns about each).
    pub skip_unexplained_examples: bool,
}

/// [`emit`] with options.
pub fn emit_with(
    spec: &Spec,
    crate_version: &str,
    options: EmitOptions,
) -> Result<Vec<GeneratedFile>, EmitError> {
    if spec.operations.is_empty() {
        return Err(EmitError::NoOperations);
    }
    let model = model::ClientModel::new(spec);
    let sources = ClientSources::new(&model, options);
    let rust = rust_file::format_files(&sources.rust_files())?;
    client_files(&model, crate_version, rust)
}

/// The files of both crates, `quay-client` and `quay-cli` (see [`cli::emit`]), each sorted by
/// path: what `generate` and `check` write and compare.
#[derive(Debug)]
pub struct Crates {
    pub client: Vec<GeneratedFile>,
    pub cli: Vec<GeneratedFile>,
}

/// [`emit_with`] and [`cli::emit`] at once, from one lowering of the spec, with the Rust files of
/// both formatted by one pool of workers (one per core, each file's parts spread over them).
pub fn emit_crates(
    spec: &Spec,
    crate_version: &str,
    options: EmitOptions,
) -> Result<Crates, EmitError> {
    if spec.operations.is_empty() {
        return Err(EmitError::NoOperations);
    }
    let model = model::ClientModel::new(spec);
    let cli_model = cli::CliModel::new(&model);
    let client_sources = ClientSources::new(&model, options);
    let cli_sources = cli::CliSources::new(&cli_model);
    let mut files = client_sources.rust_files();
    let client_count = files.len();
    files.extend(cli_sources.rust_files());
    // The templated files are rendered before the Rust is formatted: after it, this thread would
    // render them alone while the other cores wait.
    let client_templated = client_templated(&model, crate_version)?;
    let cli_templated = cli::templated(&cli_model, crate_version)?;
    let mut rust = rust_file::format_files(&files)?;
    let cli_rust = rust.split_off(client_count);
    Ok(Crates {
        client: crate_files(client_templated, rust),
        cli: crate_files(cli_templated, cli_rust),
    })
}

/// Every item of both crates written as text whose layout prettyplease would print otherwise
/// (see `rust_file::layout_mismatches`): empty, or the writer is wrong.
pub fn layout_mismatches(spec: &Spec, options: EmitOptions) -> Result<Vec<String>, EmitError> {
    let model = model::ClientModel::new(spec);
    let cli_model = cli::CliModel::new(&model);
    let client_sources = ClientSources::new(&model, options);
    let cli_sources = cli::CliSources::new(&cli_model);
    let mut files = client_sources.rust_files();
    files.extend(cli_sources.rust_files());
    rust_file::layout_mismatches(&files)
}

/// The client's files: the templated ones and the formatted Rust, sorted by path.
fn client_files(
    model: &model::ClientModel<'_>,
    crate_version: &str,
    rust: Vec<GeneratedFile>,
) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(crate_files(client_templated(model, crate_version)?, rust))
}

/// A crate's templated files.
pub(crate) struct Templated {
    cargo_toml: String,
    readme: String,
}

/// The client's templated files: its `Cargo.toml` and its README.
fn client_templated(
    model: &model::ClientModel<'_>,
    crate_version: &str,
) -> Result<Templated, EmitError> {
    Ok(Templated {
        cargo_toml: templates::cargo_toml(model, crate_version)?,
        readme: templates::readme(model)?,
    })
}

/// A crate's generated files, sorted by path: its `Cargo.toml`, its README and its Rust files.
fn crate_files(templated: Templated, rust: Vec<GeneratedFile>) -> Vec<GeneratedFile> {
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: templated.cargo_toml,
        },
        GeneratedFile {
            path: "README.md".into(),
            contents: templated.readme,
        },
    ];
    files.extend(rust);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// What the client's Rust files are built from, worked out once before the files are split into
/// parts: the structs that can be `Eq`, and the conformance tests with their unique names.
struct ClientSources<'a, 's> {
    model: &'a model::ClientModel<'s>,
    options: EmitOptions,
    eq: BTreeSet<&'a str>,
    tests: Vec<conformance::Test<'a, 's>>,
}

impl<'a, 's> ClientSources<'a, 's> {
    fn new(model: &'a model::ClientModel<'s>, options: EmitOptions) -> Self {
        ClientSources {
            model,
            options,
            eq: models::eq_structs(model),
            tests: conformance::tests(model),
        }
    }

    /// Every Rust file of the crate, biggest first (see [`rust_file::format_files`]). The two
    /// biggest are split: `src/models.rs` by type and `tests/operations.rs` by test.
    fn rust_files(&self) -> Vec<RustFile<'_>> {
        let model = self.model;
        let skip_unexplained = self.options.skip_unexplained_examples;
        let mut files = vec![
            models::file(model, &self.eq),
            conformance::file(model, &self.tests),
            RustFile::fallible(example_tests::PATH, move || {
                example_tests::text(model, skip_unexplained)
            }),
            RustFile::whole("tests/blocking.rs", || conformance::blocking_text(model)),
            RustFile::whole("tests/response_examples.rs", || {
                response_examples::text(model)
            }),
            RustFile::whole("src/operations.rs", || operations::text(model)),
        ];
        let mut groups: Vec<&model::GroupModel<'_>> = model.groups.iter().collect();
        groups.sort_by_key(|group| std::cmp::Reverse(group.operations.len()));
        files.extend(groups.into_iter().map(|group| {
            let path = format!("{GROUP_DIR}/{}.rs", group.module.trim_start_matches("r#"));
            RustFile::whole(path, move || api::group_text(group))
        }));
        files.push(RustFile::whole("src/api/mod.rs", || api::mod_text(model)));
        files.push(RustFile::whole("src/lib.rs", lib_rs::tokens));
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_paths_are_recognised() {
        assert!(is_generated_path("src/api/tag.rs"));
        assert!(is_generated_path("tests/operations.rs"));
        assert!(is_generated_path("tests/response_examples.rs"));
        assert!(!is_generated_path("src/runtime/mod.rs"));
        assert!(!is_generated_path("src/api/nested/x.rs"));
        assert!(!is_generated_path("tests/runtime_retry.rs"));
        assert!(!is_generated_path("examples/prune_tags.rs"));
    }
}
