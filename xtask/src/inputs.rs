//! What a docs path is built with: the `--guide PATH | --no-guide`,
//! `--overlay FILE | --no-overlay`, `--observed DIR | --no-observed` and
//! `--history FILE | --no-history` options shared by
//! `parse`, `lint`, `generate`, `diff` and `check`, and where the API guide of a docs version is found when none is given.
//!
//! Every command that turns docs into a spec resolves its inputs here, so `diff` reads a docs
//! path exactly as `generate --docs` does.

use std::path::{Path, PathBuf};

use generator::frontend::InputFormat;
use generator::pipeline::Inputs;

use crate::paths;

/// The guide and overlay options.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SourceArgs {
    /// The API guide tree whose example outputs add to the inferred response schemas (default:
    /// the guide of the same version found beside the docs, see README "When the docs change").
    #[arg(long, conflicts_with = "no_guide")]
    pub guide: Option<PathBuf>,
    /// Read no API guide.
    #[arg(long)]
    pub no_guide: bool,
    /// The corrections to apply (default for every command but `lint`: spec/overlay.toml).
    #[arg(long, conflicts_with = "no_overlay")]
    pub overlay: Option<PathBuf>,
    /// Apply no corrections: examples that differ from their entry are then warnings and are
    /// left out of the generated example tests.
    #[arg(long)]
    pub no_overlay: bool,
    /// For docs that give no operation names (the 3.5 layout): take the name of the same method
    /// and path from this spec (e.g. spec/quay-api.json); otherwise names are derived from
    /// method and path, with a warning each.
    #[arg(long, value_name = "SPEC")]
    pub names_from: Option<PathBuf>,
    /// The server's observed outputs, a further source of the inferred response schemas
    /// (default for every command, `lint` included: spec/observed, when it exists).
    #[arg(long, value_name = "DIR", conflicts_with = "no_observed")]
    pub observed: Option<PathBuf>,
    /// Read no observed outputs: response types come from the docs' examples only.
    #[arg(long)]
    pub no_observed: bool,
    /// The version history whose `since` versions are stamped onto the operations (default for
    /// every command but `lint`, with the project's overlay: spec/history.json, when it exists).
    #[arg(long, value_name = "FILE", conflicts_with = "no_history")]
    pub history: Option<PathBuf>,
    /// Stamp no version history (for docs of another version than the history's newest).
    #[arg(long)]
    pub no_history: bool,
}

/// What a command reads when an option is not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defaults {
    /// The guide found beside the docs and the project's overlay (`parse`, `generate`, `diff`,
    /// `check`): the spec `generate --docs` makes.
    Generate,
    /// No guide and no overlay unless given (`lint` reads the docs as written).
    AsWritten,
}

/// The resolved inputs and a line saying what was used.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub inputs: Inputs,
    /// `guide: ...` and `overlay: ...`, for the user.
    pub notes: Vec<String>,
    /// Said out loud: no guide was found where one was looked for.
    pub warnings: Vec<String>,
}

impl Resolved {
    /// Prints the notes (stdout) and warnings (stderr).
    pub fn report(&self) {
        for note in &self.notes {
            println!("{note}");
        }
        for warning in &self.warnings {
            eprintln!("warning: {warning}");
        }
    }
}

impl SourceArgs {
    /// Whether any of the options was given.
    pub fn is_given(&self) -> bool {
        self.guide.is_some()
            || self.no_guide
            || self.overlay.is_some()
            || self.no_overlay
            || self.names_from.is_some()
            || self.observed.is_some()
            || self.no_observed
            || self.history.is_some()
            || self.no_history
    }

    /// The inputs of `docs` under these options.
    pub fn resolve(&self, docs: &Path, format: InputFormat, defaults: Defaults) -> Resolved {
        let mut notes = Vec::new();
        let mut warnings = Vec::new();
        let guide = if let Some(guide) = &self.guide {
            notes.push(format!("guide: {} (--guide)", guide.display()));
            Some(guide.clone())
        } else if self.no_guide {
            notes.push("guide: none (--no-guide)".to_string());
            None
        } else if defaults == Defaults::AsWritten {
            None
        } else {
            let candidates = guide_candidates(docs);
            match candidates.iter().find(|c| c.is_dir()) {
                Some(found) => {
                    notes.push(format!(
                        "guide: {} (found beside the docs)",
                        found.display()
                    ));
                    Some(found.clone())
                }
                None => {
                    let looked: Vec<String> =
                        candidates.iter().map(|c| c.display().to_string()).collect();
                    warnings.push(format!(
                        "no API guide found for {} (looked for {}); response types come from the \
                         reference's examples only. Pass --guide PATH, or --no-guide to say so",
                        docs.display(),
                        looked.join(", ")
                    ));
                    notes.push("guide: none found".to_string());
                    None
                }
            }
        };
        let overlay = if let Some(overlay) = &self.overlay {
            notes.push(format!("overlay: {} (--overlay)", overlay.display()));
            Some(overlay.clone())
        } else if self.no_overlay {
            notes.push("overlay: none (--no-overlay)".to_string());
            None
        } else if defaults == Defaults::AsWritten {
            None
        } else {
            let project = project_overlay();
            if project.is_file() {
                notes.push("overlay: spec/overlay.toml".to_string());
                Some(project)
            } else {
                notes.push("overlay: none (spec/overlay.toml is missing)".to_string());
                None
            }
        };
        // The lint reads them too: the server's answers are a second statement of the docs'
        // outputs, and a disagreement is a finding.
        let observed = if let Some(observed) = &self.observed {
            notes.push(format!("observed: {} (--observed)", observed.display()));
            Some(observed.clone())
        } else if self.no_observed {
            notes.push("observed: none (--no-observed)".to_string());
            None
        } else {
            let project = project_observed();
            if project.is_dir() {
                notes.push("observed: spec/observed".to_string());
                Some(project)
            } else {
                None
            }
        };
        let history = if let Some(history) = &self.history {
            notes.push(format!("history: {} (--history)", history.display()));
            Some(history.clone())
        } else if self.no_history {
            notes.push("history: none (--no-history)".to_string());
            None
        } else if defaults == Defaults::AsWritten || overlay.as_ref() != Some(&project_overlay()) {
            // The history is of the operations the project's overlay makes of the committed docs.
            if overlay.is_some() || self.no_overlay {
                notes.push("history: none (only with the project's overlay)".to_string());
            }
            None
        } else {
            let project = project_history();
            if project.is_file() {
                notes.push("history: spec/history.json".to_string());
                Some(project)
            } else {
                notes.push("history: none (spec/history.json is missing)".to_string());
                None
            }
        };
        Resolved {
            inputs: Inputs {
                docs: docs.to_path_buf(),
                format,
                guide,
                overlay,
                names_from: self.names_from.clone(),
                observed,
                history,
            },
            notes,
            warnings,
        }
    }
}

/// The project's corrections.
pub fn project_overlay() -> PathBuf {
    paths::project_root().join("spec").join("overlay.toml")
}

/// The project's version history (`spec/history.json`).
pub fn project_history() -> PathBuf {
    paths::project_root()
        .join("spec")
        .join(generator::history::HISTORY_FILE)
}

/// The project's observed outputs (`spec/observed`).
pub fn project_observed() -> PathBuf {
    paths::project_root()
        .join("spec")
        .join(generator::pipeline::OBSERVED_DIR)
}

/// Where the API guide of the docs at `docs` may be, in the order tried. `version` is the docs'
/// last path component without `.md`/`.txt`/`.adoc`, so the layouts are:
///
/// - `quay-docs/adoc/<version>` or `quay-docs/markdown/<version>.md` with `quay-docs/guide/<version>`
///   (the layout of `../shared`);
/// - `<dir>/<version>` with `<dir>/guide/<version>` (versions and guides side by side);
/// - a docs tree with a `guide/` folder inside it.
pub fn guide_candidates(docs: &Path) -> Vec<PathBuf> {
    let mut candidates = Vec::new();
    let Some(version) = docs
        .file_name()
        .map(|name| Path::new(name).to_path_buf())
        .map(|name| match name.extension().and_then(|e| e.to_str()) {
            Some("md" | "txt" | "adoc") => name.with_extension(""),
            _ => name,
        })
    else {
        return candidates;
    };
    if let Some(parent) = docs.parent() {
        if let Some(root) = parent.parent() {
            candidates.push(root.join("guide").join(&version));
        }
        candidates.push(parent.join("guide").join(&version));
    }
    if docs.is_dir() {
        candidates.push(docs.join("guide"));
    }
    candidates.dedup();
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-inputs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    #[test]
    fn finds_the_guide_in_each_layout() {
        let dir = scratch("layouts");
        // quay-docs/{adoc,markdown}/<v> beside quay-docs/guide/<v>
        std::fs::create_dir_all(dir.join("a/adoc/3.18")).expect("docs");
        std::fs::create_dir_all(dir.join("a/guide/3.18")).expect("guide");
        std::fs::create_dir_all(dir.join("a/markdown")).expect("md dir");
        std::fs::write(dir.join("a/markdown/3.18.md"), "").expect("md");
        // <dir>/<v> beside <dir>/guide/<v>
        std::fs::create_dir_all(dir.join("b/3.9")).expect("docs");
        std::fs::create_dir_all(dir.join("b/guide/3.9")).expect("guide");
        // a tree with guide/ inside
        std::fs::create_dir_all(dir.join("c/tree/guide")).expect("guide");
        let found = |docs: PathBuf| {
            SourceArgs::default()
                .resolve(&docs, InputFormat::Auto, Defaults::Generate)
                .inputs
                .guide
        };
        assert_eq!(
            found(dir.join("a/adoc/3.18")),
            Some(dir.join("a/guide/3.18"))
        );
        assert_eq!(
            found(dir.join("a/markdown/3.18.md")),
            Some(dir.join("a/guide/3.18"))
        );
        assert_eq!(found(dir.join("b/3.9")), Some(dir.join("b/guide/3.9")));
        assert_eq!(found(dir.join("c/tree")), Some(dir.join("c/tree/guide")));
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn the_history_comes_with_the_project_overlay_only() {
        let docs = paths::project_root().join("no-such-docs");
        let default = SourceArgs::default().resolve(&docs, InputFormat::Auto, Defaults::Generate);
        assert_eq!(default.inputs.history, Some(project_history()));
        let no_overlay = SourceArgs {
            no_overlay: true,
            ..SourceArgs::default()
        }
        .resolve(&docs, InputFormat::Auto, Defaults::Generate);
        assert_eq!(no_overlay.inputs.history, None);
        let given = SourceArgs {
            no_overlay: true,
            history: Some(docs.join("h.json")),
            ..SourceArgs::default()
        }
        .resolve(&docs, InputFormat::Auto, Defaults::Generate);
        assert_eq!(given.inputs.history, Some(docs.join("h.json")));
        let none = SourceArgs {
            no_history: true,
            ..SourceArgs::default()
        };
        assert!(none.is_given());
        let none = none.resolve(&docs, InputFormat::Auto, Defaults::Generate);
        assert_eq!(none.inputs.history, None);
        let lint = SourceArgs::default().resolve(&docs, InputFormat::Auto, Defaults::AsWritten);
        assert_eq!(lint.inputs.history, None);
    }

    #[test]
    fn a_missing_guide_is_said_out_loud_and_options_win() {
        let dir = scratch("missing");
        std::fs::create_dir_all(dir.join("adoc/3.6")).expect("docs");
        let docs = dir.join("adoc/3.6");
        let resolved = SourceArgs::default().resolve(&docs, InputFormat::Auto, Defaults::Generate);
        assert_eq!(resolved.inputs.guide, None);
        assert_eq!(resolved.warnings.len(), 1, "{:?}", resolved.warnings);
        assert!(
            resolved.warnings[0].contains("guide/3.6"),
            "{:?}",
            resolved.warnings
        );
        let no_guide = SourceArgs {
            no_guide: true,
            no_overlay: true,
            ..SourceArgs::default()
        }
        .resolve(&docs, InputFormat::Auto, Defaults::Generate);
        assert!(no_guide.warnings.is_empty());
        assert_eq!(no_guide.inputs.overlay, None);
        assert_eq!(
            no_guide.notes[..2],
            ["guide: none (--no-guide)", "overlay: none (--no-overlay)"]
        );
        let observed = SourceArgs {
            observed: Some(dir.join("obs")),
            ..SourceArgs::default()
        };
        assert!(observed.is_given());
        let resolved = observed.resolve(&docs, InputFormat::Auto, Defaults::AsWritten);
        assert_eq!(resolved.inputs.observed, Some(dir.join("obs")));
        let none = SourceArgs {
            no_observed: true,
            ..SourceArgs::default()
        }
        .resolve(&docs, InputFormat::Auto, Defaults::Generate);
        assert_eq!(none.inputs.observed, None);
        assert!(none
            .notes
            .contains(&"observed: none (--no-observed)".to_string()));
        let lint = SourceArgs::default().resolve(&docs, InputFormat::Auto, Defaults::AsWritten);
        assert_eq!((lint.inputs.guide, lint.inputs.overlay), (None, None));
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
