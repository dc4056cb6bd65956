//! The `quay-cli` half of `generate` and `check`: the files of `generated-cli/` emitted from the
//! same spec (and crate version) as the client, the generated group modules the spec no longer
//! produces, and the problems `check` reports.

use std::path::{Path, PathBuf};

use anyhow::Context;
use generator::emit::cli;
use generator::emit::GeneratedFile;

use crate::paths;

/// The CLI crate's directory.
pub fn cli_dir() -> PathBuf {
    paths::project_root().join(cli::CRATE_DIR)
}

/// What `generate` writes into `generated-cli/` and deletes from it.
pub struct CliPlan {
    pub writes: Vec<(PathBuf, Vec<u8>)>,
    pub deletes: Vec<PathBuf>,
}

pub fn plan(files: Vec<GeneratedFile>) -> anyhow::Result<CliPlan> {
    let dir = cli_dir();
    let deletes = extra_files(&dir, &files)?;
    Ok(CliPlan {
        writes: files
            .into_iter()
            .map(|f| (dir.join(&f.path), f.contents.into_bytes()))
            .collect(),
        deletes,
    })
}

/// The CLI's generated `files` compared with the disk: `stale:`, `missing:`, `extra:`.
pub fn problems(files: &[GeneratedFile]) -> anyhow::Result<Vec<String>> {
    compare(&cli_dir(), files)
}

fn compare(dir: &Path, files: &[GeneratedFile]) -> anyhow::Result<Vec<String>> {
    let mut problems = Vec::new();
    for file in files {
        let shown = format!("{}/{}", cli::CRATE_DIR, file.path);
        match std::fs::read(dir.join(&file.path)) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(_) => problems.push(format!("stale: {shown}")),
            Err(_) => problems.push(format!("missing: {shown}")),
        }
    }
    for extra in extra_files(dir, files)? {
        let relative = extra.strip_prefix(dir).unwrap_or(&extra);
        problems.push(format!("extra: {}/{}", cli::CRATE_DIR, relative.display()));
    }
    Ok(problems)
}

/// Generated group modules on disk (`src/commands/*.rs`) that the spec no longer produces.
fn extra_files(dir: &Path, files: &[GeneratedFile]) -> anyhow::Result<Vec<PathBuf>> {
    let groups = dir.join(cli::GROUP_DIR);
    if !groups.is_dir() {
        return Ok(Vec::new());
    }
    let mut extra = Vec::new();
    for entry in
        std::fs::read_dir(&groups).with_context(|| format!("listing {}", groups.display()))?
    {
        let entry = entry.with_context(|| format!("listing {}", groups.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = format!("{}/{name}", cli::GROUP_DIR);
        if cli::is_generated_path(&relative) && !files.iter().any(|f| f.path == relative) {
            extra.push(entry.path());
        }
    }
    extra.sort();
    Ok(extra)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_stale_missing_and_extra_cli_files_but_never_hand_written_ones() {
        let dir = std::env::temp_dir().join(format!("xtask-cli-check-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src/commands")).expect("scratch");
        std::fs::create_dir_all(dir.join("src/runtime")).expect("scratch");
        std::fs::write(dir.join("src/lib.rs"), "old").expect("seed");
        std::fs::write(dir.join("src/commands/gone.rs"), "old").expect("seed");
        std::fs::write(dir.join("src/runtime/config.rs"), "hand").expect("seed");
        let file = |path: &str, contents: &str| GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        };
        let files = [
            file("src/lib.rs", "new"),
            file("src/commands/mod.rs", "mod"),
        ];
        let problems = compare(&dir, &files).expect("compares");
        assert_eq!(
            problems,
            [
                "stale: generated-cli/src/lib.rs",
                "missing: generated-cli/src/commands/mod.rs",
                "extra: generated-cli/src/commands/gone.rs",
            ]
        );
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
