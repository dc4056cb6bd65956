//! The whole docs-to-spec stage in one call, in its fixed order:
//! parse (a front-end, with names from `--names-from` where the docs give none) → examples and guide (requests, inferred response schemas) → overlay
//! → version history (`since` of every operation, see [`crate::history`]).
//!
//! The overlay comes after the examples so that a recorded correction can refine an inferred
//! schema too; the history comes last because it is about the corrected spec's operations. Every
//! command that makes a spec (`parse`, `generate --docs`, `check`) and the test that guards
//! `spec/quay-api.json` go through [`build_spec`], so they cannot disagree.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::examples::enrich::{enrich_spec_prepared, Enrichment, PreparedGuide};
use crate::examples::vectors;
use crate::frontend::{self, InputFormat, ParseError};
use crate::guide::source::GuideListings;
use crate::guide::GuideError;
use crate::infer::ServerSample;
use crate::overlay::{self, Cause, OverlayError};
use crate::spec::Spec;

/// What a spec is made from.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// A docs tree, an assembly file or a Markdown file.
    pub docs: PathBuf,
    pub format: InputFormat,
    /// An API guide tree whose example outputs add to the inferred response schemas.
    pub guide: Option<PathBuf>,
    /// Corrections to apply (`spec/overlay.toml`).
    pub overlay: Option<PathBuf>,
    /// A spec whose operation names replace the names derived for docs that give none (the 3.5
    /// layout): same method and path, same name (see [`frontend::legacy::take_names_from`]).
    pub names_from: Option<PathBuf>,
    /// A directory of observed outputs (`spec/observed`, see [`crate::server::observed`]): the
    /// server's answers, a further source of the inferred response schemas.
    pub observed: Option<PathBuf>,
    /// The version history (`spec/history.json`, see [`crate::history`]) whose `since` versions
    /// are stamped onto the operations.
    pub history: Option<PathBuf>,
}

impl Inputs {
    /// Just the docs, read with the front-end their path suggests.
    pub fn docs(docs: impl Into<PathBuf>) -> Inputs {
        Inputs {
            docs: docs.into(),
            format: InputFormat::Auto,
            guide: None,
            overlay: None,
            names_from: None,
            observed: None,
            history: None,
        }
    }

    /// The inputs of the committed `spec/quay-api.json`: the newest AsciiDoc reference and API
    /// guide in `shared_docs` (the `quay-docs` folder), the project's overlay and its observed
    /// outputs (`spec/observed`) and version history (`spec/history.json`).
    pub fn committed(shared_docs: &Path, project_root: &Path) -> Inputs {
        Inputs {
            docs: shared_docs.join("adoc").join(COMMITTED_VERSION),
            format: InputFormat::Adoc,
            guide: Some(shared_docs.join("guide").join(COMMITTED_VERSION)),
            overlay: Some(project_root.join("spec").join("overlay.toml")),
            names_from: None,
            observed: Some(project_root.join("spec").join(OBSERVED_DIR)),
            history: Some(project_root.join("spec").join(crate::history::HISTORY_FILE)),
        }
    }
}

/// The project's observed outputs, under `spec/`.
pub const OBSERVED_DIR: &str = "observed";

/// How provenance names a file of the observed directory `dir`: its last two path components
/// (`spec/observed`), so the spec does not depend on where the project is checked out.
pub fn observed_label(dir: &Path) -> String {
    let parts: Vec<String> = dir
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let from = parts.len().saturating_sub(2);
    parts[from..].join("/")
}

/// The docs version `spec/quay-api.json` is made from.
pub const COMMITTED_VERSION: &str = "3.18";

/// A spec with everything that was found on the way.
#[derive(Debug, Clone)]
pub struct Built {
    pub spec: Spec,
    /// Parse diagnostics, then those of the example stage.
    pub diagnostics: Vec<Diagnostic>,
    pub enrichment: Enrichment,
}

impl Built {
    /// The error diagnostics (entries that could not be read), each as printed: a command that
    /// writes a spec refuses when there is any.
    pub fn error_messages(&self) -> Vec<String> {
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect()
    }
}

/// Why no spec could be made.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Guide(#[from] GuideError),
    #[error("observed outputs: {0}")]
    Observed(String),
    #[error("--names-from {}: {message}", path.display())]
    NamesFrom { path: PathBuf, message: String },
    #[error("{} error(s) in the docs; the overlay is only applied to docs that read without errors:\n  {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n  "))]
    DocErrors(Vec<Diagnostic>),
    #[error("{}", overlay_report(.0))]
    Overlay(Vec<OverlayError>),
    /// The version history does not fit the spec (it is older than the docs or the overlay).
    #[error("{}: the version history does not fit these docs (rebuild it with `cargo xtask history`, or build without it: --no-history):\n  {}", path.display(), problems.join("\n  "))]
    History {
        path: PathBuf,
        problems: Vec<String>,
    },
    /// Example commands that differ from their entry with no correction or exception saying why.
    #[error("example commands differ from their entries with no `example-exception` in the overlay:\n  {}", .0.join("\n  "))]
    UnexplainedExamples(Vec<String>),
}

/// Every correction that does not apply, grouped by why, and what to do: one message.
fn overlay_report(errors: &[OverlayError]) -> String {
    let mut causes: Vec<Cause> = errors.iter().map(|e| e.cause).collect();
    causes.sort();
    causes.dedup();
    let mut text = format!(
        "{} correction(s) of the overlay do not apply to these docs:",
        errors.len()
    );
    for cause in causes {
        text.push_str(&format!("\n  {}:", cause.explanation()));
        for error in errors.iter().filter(|e| e.cause == cause) {
            text.push_str(&format!("\n    {error}"));
        }
    }
    let not_in_docs = errors.iter().any(|e| e.cause == Cause::NotInDocs);
    text.push_str(
        "\nwhat to do: if these docs replace the ones the overlay was written for, remove the \
         corrections the docs now agree with and fix or remove the others",
    );
    if not_in_docs {
        text.push_str(
            "; if they are another version's docs, build without the project's corrections \
             (--no-overlay) or with an overlay written for them (--overlay FILE)",
        );
    }
    text
}

/// With an overlay, every example command must be a test vector of the client or have a
/// recorded exception (see [`crate::examples::vectors`]).
fn require_explained_examples(spec: &Spec) -> Result<(), PipelineError> {
    let unexplained: Vec<String> = vectors::review(spec)
        .iter()
        .flat_map(|verdict| verdict.describe_unexplained())
        .collect();
    if unexplained.is_empty() {
        Ok(())
    } else {
        Err(PipelineError::UnexplainedExamples(unexplained))
    }
}

/// Parses, enriches and corrects: the spec of `inputs`.
pub fn build_spec(inputs: &Inputs) -> Result<Built, PipelineError> {
    // The guide, the server's answers, the overlay and the history do not depend on the docs:
    // they are read (the guide's commands paired with their outputs) on a thread of their own
    // while the docs are parsed. A docs error still comes first.
    let (parsed, (observed, guide, overlay, history)) = std::thread::scope(|scope| {
        let others = scope.spawn(|| {
            (
                read_observed(inputs),
                read_guide(inputs),
                inputs.overlay.as_deref().map(overlay::read_file),
                inputs.history.as_deref().map(crate::history::History::read),
            )
        });
        let parsed = frontend::parse_path(&inputs.docs, inputs.format);
        let others = others
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (parsed, others)
    });
    let mut parsed = parsed?;
    if let Some(path) = &inputs.names_from {
        let names = std::fs::read_to_string(path)
            .map_err(|err| err.to_string())
            .and_then(|text| Spec::from_json(&text).map_err(|err| err.to_string()))
            .map_err(|message| PipelineError::NamesFrom {
                path: path.clone(),
                message,
            })?;
        frontend::legacy::take_names_from(&mut parsed, &names);
    }
    let mut spec = parsed.spec;
    let mut diagnostics = parsed.diagnostics;
    let observed = observed?;
    let enrichment = enrich_spec_prepared(&mut spec, guide?, &observed);
    diagnostics.extend(enrichment.diagnostics.iter().cloned());
    if let Some(overlay) = overlay {
        // Entries with errors are left out of the spec; corrections aimed at them would only
        // add confusing "not in the spec" reports on top of the real problem.
        let errors: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        if !errors.is_empty() {
            return Err(PipelineError::DocErrors(errors));
        }
        spec = overlay
            .and_then(|overlay| overlay.apply(spec))
            .map_err(PipelineError::Overlay)?;
        require_explained_examples(&spec)?;
    }
    if let (Some(path), Some(history)) = (&inputs.history, history) {
        let history = history.map_err(|problem| PipelineError::History {
            path: path.clone(),
            problems: vec![problem],
        })?;
        crate::history::stamp(&mut spec, &history).map_err(|problems| PipelineError::History {
            path: path.clone(),
            problems,
        })?;
    }
    Ok(Built {
        spec,
        diagnostics,
        enrichment,
    })
}

/// The server's observed answers, when the inputs name a directory of them.
fn read_observed(inputs: &Inputs) -> Result<Vec<ServerSample>, PipelineError> {
    match &inputs.observed {
        Some(dir) => crate::server::observed::read_samples(dir, &observed_label(dir))
            .map_err(PipelineError::Observed),
        None => Ok(Vec::new()),
    }
}

/// The API guide's listings, paired and hashed, when the inputs name a guide.
fn read_guide(inputs: &Inputs) -> Result<Option<PreparedGuide>, PipelineError> {
    let listings: Option<GuideListings> = inputs
        .guide
        .as_deref()
        .map(crate::guide::source::read_listings)
        .transpose()?;
    Ok(listings.map(PreparedGuide::new))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ASSEMBLY: &str = "= Reference\n\n= widgets\nWidgets.\n\n== getWidget\nGet one.\n\n=== GET /api/v1/widget\n\n**Authorizations: **oauth2_implicit (**repo:read**)\n";

    fn tree(assembly: &str, overlay: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("api")).expect("api dir");
        std::fs::write(dir.path().join("api/master.adoc"), assembly).expect("assembly");
        std::fs::write(dir.path().join("overlay.toml"), overlay).expect("overlay");
        dir
    }

    fn inputs(dir: &tempfile::TempDir) -> Inputs {
        Inputs {
            overlay: Some(dir.path().join("overlay.toml")),
            ..Inputs::docs(dir.path())
        }
    }

    #[test]
    fn parses_then_applies_the_overlay() {
        let dir = tree(
            ASSEMBLY,
            "[[correction]]\nchange = \"set-path\"\noperation = \"getWidget\"\nvalue = \"/api/v1/widget/\"\nreason = \"r\"\n",
        );
        let built = build_spec(&inputs(&dir)).expect("builds");
        assert_eq!(built.spec.operations[0].path, "/api/v1/widget/");
        assert_eq!(built.spec.applied_corrections.len(), 1);
    }

    #[test]
    fn a_stale_correction_fails_the_build() {
        let dir = tree(
            ASSEMBLY,
            "[[correction]]\nchange = \"set-path\"\noperation = \"getWidget\"\nvalue = \"/api/v1/widget\"\nreason = \"r\"\n",
        );
        let err = build_spec(&inputs(&dir)).expect_err("stale");
        assert!(matches!(err, PipelineError::Overlay(_)), "{err}");
        assert!(err.to_string().contains("already say"), "{err}");
    }

    #[test]
    fn corrections_for_other_docs_are_listed_in_one_message_with_why_and_what_to_do() {
        let dir = tree(
            ASSEMBLY,
            "[[correction]]\nchange = \"set-path\"\noperation = \"getWidget\"\nvalue = \"/api/v1/widget\"\nreason = \"r\"\n\n\
             [[correction]]\nchange = \"set-method\"\noperation = \"getGadget\"\nvalue = \"PUT\"\nreason = \"r\"\n\n\
             [[correction]]\nchange = \"drop-operation\"\noperation = \"oldThing\"\nreason = \"r\"\n",
        );
        let message = build_spec(&inputs(&dir))
            .expect_err("nothing applies")
            .to_string();
        assert!(message.starts_with("3 correction(s)"), "{message}");
        let not_in_docs = message
            .find("not in these docs:")
            .expect("a heading per cause");
        let agree = message
            .find("the docs now say the same")
            .expect("a heading per cause");
        let gadget = message
            .find("operation `getGadget` is not in these docs")
            .expect("listed");
        let old = message
            .find("operation `oldThing` is not in these docs")
            .expect("listed");
        let widget = message.find("the docs already say path").expect("listed");
        assert!(
            not_in_docs < gadget && gadget < old && old < agree && agree < widget,
            "{message}"
        );
        assert!(
            message.contains("overlay.toml:7:"),
            "each names its line: {message}"
        );
        assert!(
            message.contains("--no-overlay"),
            "says what to do: {message}"
        );
    }

    #[test]
    fn observed_outputs_are_an_input_located_under_their_directory() {
        let assembly = "= Reference\n\n= widgets\nWidgets.\n\n== getWidget\nGet one.\n\n=== GET /api/v1/widget\n\n**Authorizations: **oauth2_implicit (**repo:read**)\n\n==== Example command\n[source,terminal]\n----\n$ curl -X GET https://h/api/v1/widget\n----\n\n.Example output\n[source,json]\n----\n{\"id\": 1}\n----\n";
        let dir = tree(assembly, "");
        let observed = dir.path().join("spec").join("observed");
        std::fs::create_dir_all(&observed).unwrap();
        let mut file = crate::server::observed::ObservedFile::new("getWidget", "a server");
        file.add(crate::server::observed::ObservedOutput {
            request: crate::server::observed::ObservedRequest {
                method: "GET".into(),
                path: "/api/v1/widget".into(),
                query: Vec::new(),
            },
            status: 200,
            body: serde_json::json!({"id": 2, "size": 3}),
        });
        std::fs::write(observed.join("getWidget.json"), file.to_json()).unwrap();
        let with = Inputs {
            observed: Some(observed.clone()),
            ..Inputs::docs(dir.path())
        };
        let built = build_spec(&with).expect("builds");
        let schema = built.spec.operations[0]
            .response_schema
            .as_ref()
            .expect("typed");
        let files: Vec<&str> = schema.provenance.iter().map(|l| l.file.as_str()).collect();
        assert_eq!(files.len(), 2, "{files:?}");
        assert_eq!(files[1], "spec/observed/getWidget.json");
        assert_eq!(schema.types[0].fields.len(), 2);
        let without = build_spec(&Inputs::docs(dir.path())).expect("builds");
        let schema = without.spec.operations[0].response_schema.as_ref().unwrap();
        assert_eq!(schema.provenance.len(), 1);
        std::fs::write(observed.join("broken.json"), "{").unwrap();
        let err = build_spec(&with).expect_err("unreadable");
        assert!(err.to_string().contains("broken.json"), "{err}");
    }

    #[test]
    fn docs_with_errors_are_reported_before_the_overlay() {
        let dir = tree(&format!("{ASSEMBLY}include::gone.adoc[]\n"), "");
        let err = build_spec(&inputs(&dir)).expect_err("docs error");
        assert!(matches!(err, PipelineError::DocErrors(_)), "{err}");
        assert!(err.to_string().contains("gone.adoc"), "{err}");
        // Without an overlay the same docs build, errors among the diagnostics (for the lint).
        let built = build_spec(&Inputs::docs(dir.path())).expect("builds");
        assert!(built.diagnostics.iter().any(|d| d.is_error()));
    }
}
