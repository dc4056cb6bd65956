//! The CLI emitter: [`Spec`] to the generated files of the `quay-cli` crate (`generated-cli/`,
//! binary `quay`), in memory, beside the client.
//!
//! The spec is lowered once into the client model (the same Rust names the client has), then
//! into a [`model::CliModel`] (every command and flag name chosen there). Each submodule prints
//! files: the clap commands and their calls of the typed client (`commands`), the in-process
//! tests of every command (`conformance`), and `Cargo.toml`/README (`templates`). The
//! hand-written parts of the crate (`src/main.rs`, `src/runtime/**`, `tests/support/**`, other
//! tests) are never written or deleted here.

mod commands;
mod conformance;
mod model;
mod templates;

use super::model::ClientModel;
use super::rust_file::{format_files, RustFile};
use super::{EmitError, GeneratedFile};
use crate::spec::Spec;

pub(crate) use model::CliModel;
pub use model::RESERVED_LONGS;

/// The CLI crate's directory, relative to the project root.
pub const CRATE_DIR: &str = "generated-cli";

/// Generated files that are not per group (paths relative to [`CRATE_DIR`]).
pub const FIXED_FILES: [&str; 5] = [
    "Cargo.toml",
    "README.md",
    "src/lib.rs",
    "src/commands/mod.rs",
    "tests/commands.rs",
];

/// Directory whose `.rs` files (one per group) all belong to the emitter.
pub const GROUP_DIR: &str = "src/commands";

/// Whether a path relative to [`CRATE_DIR`] is one the CLI emitter owns (and so may replace or
/// delete).
pub fn is_generated_path(path: &str) -> bool {
    FIXED_FILES.contains(&path)
        || path
            .strip_prefix(GROUP_DIR)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|name| !name.contains('/') && name.ends_with(".rs") && name != "mod.rs")
}

/// Emits every generated file of `quay-cli`, sorted by path. `crate_version` is the client's:
/// the two crates are released together.
pub fn emit(spec: &Spec, crate_version: &str) -> Result<Vec<GeneratedFile>, EmitError> {
    if spec.operations.is_empty() {
        return Err(EmitError::NoOperations);
    }
    let client = ClientModel::new(spec);
    let model = CliModel::new(&client);
    let sources = CliSources::new(&model);
    let rust = format_files(&sources.rust_files())?;
    crate_files(&model, crate_version, rust)
}

/// The crate's files: the templated ones and the formatted Rust, sorted by path.
pub(crate) fn crate_files(
    model: &CliModel<'_, '_>,
    crate_version: &str,
    rust: Vec<GeneratedFile>,
) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(super::crate_files(templated(model, crate_version)?, rust))
}

/// The crate's templated files: its `Cargo.toml` and its README.
pub(crate) fn templated(
    model: &CliModel<'_, '_>,
    crate_version: &str,
) -> Result<super::Templated, EmitError> {
    Ok(super::Templated {
        cargo_toml: templates::cargo_toml(model, crate_version)?,
        readme: templates::readme(model)?,
    })
}

/// What the CLI's Rust files are built from: the command tests with their unique names, worked
/// out once before the files are split into parts.
pub(crate) struct CliSources<'a, 'm, 's> {
    model: &'a CliModel<'m, 's>,
    tests: Vec<conformance::Test<'a, 'm, 's>>,
}

impl<'a, 'm, 's> CliSources<'a, 'm, 's> {
    pub(crate) fn new(model: &'a CliModel<'m, 's>) -> Self {
        CliSources {
            model,
            tests: conformance::tests(model),
        }
    }

    /// Every Rust file of the crate, biggest first (see [`format_files`]); `tests/commands.rs`,
    /// the biggest, is split by test.
    pub(crate) fn rust_files(&self) -> Vec<RustFile<'_>> {
        let model = self.model;
        let mut files = vec![
            conformance::file(model, &self.tests),
            RustFile::whole("src/commands/mod.rs", || commands::mod_text(model)),
        ];
        let mut groups: Vec<&model::CliGroup<'_, '_>> = model.groups.iter().collect();
        groups.sort_by_key(|group| std::cmp::Reverse(group.operations.len()));
        files.extend(groups.into_iter().map(|group| {
            let path = format!("{GROUP_DIR}/{}.rs", group.module);
            RustFile::whole(path, move || commands::group_text(group))
        }));
        files.push(RustFile::whole("src/lib.rs", lib_rs));
        files
            .into_iter()
            .map(|file| file.in_dir(CRATE_DIR))
            .collect()
    }
}

/// `src/lib.rs`: the module tree; the crate's documentation is its README.
fn lib_rs() -> proc_macro2::TokenStream {
    quote::quote! {
        #![doc = include_str!("../README.md")]
        #![warn(missing_docs)]
        pub mod commands;
        pub mod runtime;
        pub use runtime::{run, CliError, CliResult, Env, Io};
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_paths_are_recognised() {
        assert!(is_generated_path("src/commands/tag.rs"));
        assert!(is_generated_path("src/commands/mod.rs"));
        assert!(is_generated_path("tests/commands.rs"));
        assert!(!is_generated_path("src/runtime/config.rs"));
        assert!(!is_generated_path("src/main.rs"));
        assert!(!is_generated_path("tests/support/mod.rs"));
        assert!(!is_generated_path("tests/cli_config.rs"));
        assert!(!is_generated_path("src/commands/nested/x.rs"));
    }

    #[test]
    fn emission_is_deterministic_and_every_file_is_marked() {
        let spec = crate::spec::testing::spec(vec![crate::spec::testing::operation(
            "listThings",
            crate::spec::Method::Get,
            "/api/v1/things/{namespace}",
        )]);
        let first = emit(&spec, "0.1.0").expect("emits");
        assert_eq!(first, emit(&spec, "0.1.0").expect("emits"));
        for file in &first {
            assert!(
                file.contents
                    .contains("@generated by `cargo xtask generate`"),
                "{}",
                file.path
            );
        }
        let paths: Vec<&str> = first.iter().map(|f| f.path.as_str()).collect();
        assert!(paths.contains(&"tests/commands.rs"), "{paths:?}");
    }
}
