//! `cargo xtask diff OLD NEW`: what changed in the API between two docs versions or specs, and
//! the semver bump the generated crate needs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use generator::diff::{self, MarkdownOptions};
use generator::frontend::InputFormat;
use generator::spec::Spec;

use crate::generate::build_spec;
use crate::inputs::{Defaults, SourceArgs};

#[derive(clap::Args)]
pub struct Args {
    /// The older API: a spec file (`.json`) or a docs path (parsed on the fly).
    old: PathBuf,
    /// The newer API: a spec file (`.json`) or a docs path (parsed on the fly).
    new: PathBuf,
    #[arg(long, value_enum, default_value = "markdown")]
    format: ReportFormat,
    /// List every changed description instead of counting them (Markdown).
    #[arg(long)]
    descriptions: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// For each side that is a docs path: the guide and overlay to build it with (as
    /// `generate --docs`; by default the guide found beside the docs and spec/overlay.toml).
    #[command(flatten)]
    source: SourceArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Markdown,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let old = load_spec(&args.old, &args.source)?;
    let new = load_spec(&args.new, &args.source)?;
    let diff = diff::diff(&old, &new);
    let report = match args.format {
        ReportFormat::Markdown => diff.to_markdown(&MarkdownOptions {
            list_descriptions: args.descriptions,
            ..MarkdownOptions::default()
        }),
        ReportFormat::Json => diff.to_json(),
    };
    match &args.out {
        Some(out) => {
            generator::output::write_file_atomically(out, report.as_bytes())
                .with_context(|| format!("writing {}", out.display()))?;
            eprintln!("wrote {} (bump: {})", out.display(), diff.bump().label());
        }
        None => print!("{report}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a spec file, or builds the spec of a docs path exactly as `generate --docs` does (the
/// same pipeline, guide and overlay options; docs with errors are refused). What the docs side
/// was built with goes to stderr, the report's stream being stdout.
pub fn load_spec(path: &Path, source: &SourceArgs) -> anyhow::Result<Spec> {
    if path.is_file() && path.extension().is_some_and(|e| e == "json") {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        // The error's own text already includes its cause: no context chain to repeat it.
        return Spec::from_json(&text).map_err(|err| anyhow::anyhow!("{}: {err}", path.display()));
    }
    let resolved = source.resolve(path, InputFormat::Auto, Defaults::Generate);
    for note in &resolved.notes {
        eprintln!("{}: {note}", path.display());
    }
    for warning in &resolved.warnings {
        eprintln!("warning: {warning}");
    }
    let spec = build_spec(&resolved.inputs)?;
    if spec.operations.is_empty() {
        bail!("{}: no operations found", path.display());
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths;

    /// The 3.18 docs in `../shared`, or `None` (a failure under `CI=true`).
    fn shared_3_18() -> Option<PathBuf> {
        let docs = paths::shared_adoc_3_18();
        if docs.is_dir() {
            return Some(docs);
        }
        assert!(!paths::is_ci(), "CI=true but {} is missing", docs.display());
        eprintln!("SKIPPED: {} is missing", docs.display());
        None
    }

    #[test]
    fn the_committed_spec_against_its_own_docs_has_no_changes() {
        let Some(docs) = shared_3_18() else { return };
        let committed = load_spec(&paths::committed_spec(), &SourceArgs::default()).expect("spec");
        let fresh = load_spec(&docs, &SourceArgs::default()).expect("docs build");
        let d = diff::diff(&committed, &fresh);
        assert!(
            d.is_empty(),
            "{}",
            d.to_markdown(&MarkdownOptions::default())
        );
    }

    #[test]
    fn without_the_guide_every_lost_typed_response_breaks_and_needs_a_major_bump() {
        let Some(docs) = shared_3_18() else { return };
        // Without the server's answers, which would type most of what the guide types (and
        // so without the overlay, some of whose corrections refine types only they show).
        let docs_only = SourceArgs {
            no_observed: true,
            no_overlay: true,
            ..SourceArgs::default()
        };
        let with_guide = load_spec(&docs, &docs_only).expect("docs build");
        let no_guide = SourceArgs {
            no_guide: true,
            ..docs_only
        };
        let without = load_spec(&docs, &no_guide).expect("docs build");
        let d = diff::diff(&with_guide, &without);
        assert_eq!(d.bump(), diff::Bump::Major);
        // Independently of the emitter: an inferred schema with fields or items that is gone, on
        // an operation whose 2xx responses name no definition, is a typed response lost.
        let has_shape = |op: &generator::spec::Operation| {
            op.response_schema.as_ref().is_some_and(|s| {
                !matches!(
                    s.body,
                    generator::spec::InferredType::Object | generator::spec::InferredType::Any
                )
            })
        };
        let names_a_definition = |op: &generator::spec::Operation| {
            op.responses.iter().any(|r| {
                (200..300).contains(&r.code)
                    && matches!(&r.schema, Some(generator::spec::Schema::Ref { .. }))
            })
        };
        let lost: Vec<&str> = with_guide
            .operations
            .iter()
            .filter(|op| has_shape(op) && !names_a_definition(op))
            .filter(|op| {
                without
                    .operation(&op.name)
                    .is_some_and(|o| o.response_schema.is_none())
            })
            .map(|op| op.name.as_str())
            .collect();
        assert!(lost.len() > 50, "the guide types most responses: {lost:?}");
        for name in &lost {
            let listed = d.changes.iter().any(|c| {
                c.subject == diff::Subject::Operation((*name).to_string())
                    && c.impact == diff::Impact::Breaking
                    && matches!(&c.kind, diff::ChangeKind::ResponseTypeChanged { new, .. } if new == "serde_json::Value")
            });
            assert!(listed, "{name}: lost typed response not listed as breaking");
        }
    }
}
