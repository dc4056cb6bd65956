//! `cargo xtask openapi`: the spec as an OpenAPI 3.1 (or 3.0) document.

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
    /// Where to write the document (default: spec/quay-api.openapi.json; required for 3.0).
    #[arg(long)]
    out: Option<PathBuf>,
    /// The OpenAPI version: 3.1 (as committed) or 3.0 (for tools that read only 3.0).
    #[arg(long, default_value = "3.1", value_parser = ["3.1", "3.0"])]
    openapi_version: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let input = args.spec.unwrap_or_else(paths::committed_spec);
    let spec = load_spec(&input, &SourceArgs::default())?;
    let export = openapi::export(&spec);
    for skipped in &export.skipped {
        eprintln!("warning: left out of the OpenAPI document: {skipped}");
    }
    let (text, version) = if args.openapi_version == "3.0" {
        (export.to_json_3_0(), openapi::v3_0::OPENAPI_VERSION)
    } else {
        (export.to_json(), openapi::OPENAPI_VERSION)
    };
    let out = match args.out {
        Some(out) => out,
        None if args.openapi_version == "3.0" => {
            anyhow::bail!("--openapi-version 3.0 needs --out FILE (spec/quay-api.openapi.json is the 3.1 export)")
        }
        None => paths::committed_openapi(),
    };
    generator::output::write_file_atomically(&out, text.as_bytes())
        .with_context(|| format!("writing {}", out.display()))?;
    println!(
        "wrote {} ({} operations, OpenAPI {version})",
        out.display(),
        spec.operations.len() - export.skipped.len(),
    );
    Ok(ExitCode::SUCCESS)
}
