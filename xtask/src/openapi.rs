//! `cargo xtask openapi`: the spec as an OpenAPI 3.1 document.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use generator::openapi;

use crate::inputs::SourceArgs;
use crate::{diff::load_spec, paths};

#[derive(clap::Args)]
pub struct Args {
    /// The spec file or docs path to export (default: spec/quay-api.json).
    #[arg(long)]
    spec: Option<PathBuf>,
    /// Where to write the document (default: spec/quay-api.openapi.json).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let input = args.spec.unwrap_or_else(paths::committed_spec);
    let spec = load_spec(&input, &SourceArgs::default())?;
    let export = openapi::export(&spec);
    for skipped in &export.skipped {
        eprintln!("warning: left out of the OpenAPI document: {skipped}");
    }
    let out = args.out.unwrap_or_else(paths::committed_openapi);
    generator::output::write_file_atomically(&out, export.to_json().as_bytes())
        .with_context(|| format!("writing {}", out.display()))?;
    println!(
        "wrote {} ({} operations, OpenAPI {})",
        out.display(),
        spec.operations.len() - export.skipped.len(),
        openapi::OPENAPI_VERSION
    );
    Ok(ExitCode::SUCCESS)
}
