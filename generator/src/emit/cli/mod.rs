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
use super::rust_file::format_file;
use super::{EmitError, GeneratedFile};
use crate::spec::Spec;

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
    let model = model::CliModel::new(&client);
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: templates::cargo_toml(&model, crate_version)?,
        },
        GeneratedFile {
            path: "README.md".into(),
            contents: templates::readme(&model)?,
        },
    ];
    files.extend(rust_files(&model)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

enum Job<'a, 'm, 's> {
    LibRs,
    CommandsMod,
    Tests,
    Group(&'a model::CliGroup<'m, 's>),
}

impl Job<'_, '_, '_> {
    fn path(&self) -> String {
        match self {
            Job::LibRs => "src/lib.rs".into(),
            Job::CommandsMod => "src/commands/mod.rs".into(),
            Job::Tests => "tests/commands.rs".into(),
            Job::Group(group) => format!("{GROUP_DIR}/{}.rs", group.module),
        }
    }

    fn run(&self, model: &model::CliModel<'_, '_>) -> Result<GeneratedFile, EmitError> {
        let tokens = match self {
            Job::LibRs => lib_rs(),
            Job::CommandsMod => commands::mod_tokens(model),
            Job::Tests => conformance::tokens(model),
            Job::Group(group) => commands::group_tokens(group),
        };
        let path = self.path();
        let contents = format_file(&format!("{CRATE_DIR}/{path}"), tokens)?;
        Ok(GeneratedFile { path, contents })
    }
}

/// Formats the files on all cores, as the client emitter does (formatting dominates).
fn rust_files(model: &model::CliModel<'_, '_>) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut jobs = vec![Job::Tests, Job::CommandsMod, Job::LibRs];
    jobs.extend(model.groups.iter().map(Job::Group));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    let results: Vec<Vec<Result<GeneratedFile, EmitError>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(index) else { break };
                        done.push(job.run(model));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    results.into_iter().flatten().collect()
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
