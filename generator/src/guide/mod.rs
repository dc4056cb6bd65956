//! The API *guide*: procedures whose `curl` commands are followed by the output of a real call.
//!
//! The guide is not a reference: it has no entries, only listing blocks. [`source`] reads the
//! listing blocks of an AsciiDoc guide tree and [`plain`] those of a plain-text chapter (the
//! seed); [`pair_examples`] pairs each command with the `Example output` that follows it, and
//! [`match_examples`] finds the operation each command calls (see
//! [`crate::examples::matching`]). The matched outputs feed [`crate::infer`].

pub mod plain;
pub mod source;

pub use source::GuideError;

use std::collections::HashSet;

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::examples::curl::{self, CurlError};
use crate::examples::matching::{self, Match};
use crate::infer::OutputSample;
use crate::spec::{ExampleRequest, Location, Spec};

/// A verbatim block of the guide with the title written above it (`.Example output`).
pub use crate::frontend::adoc::Listing;

/// One curl command of the guide and the output shown after it, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct GuideExample {
    pub command: String,
    pub request: Result<ExampleRequest, CurlError>,
    pub output: Option<String>,
    /// Where the command's block starts.
    pub location: Location,
    /// Where the output's block starts.
    pub output_location: Option<Location>,
}

/// What pairing found, beside the examples: outputs that follow no curl command.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paired {
    pub examples: Vec<GuideExample>,
    /// Outputs after a block that is not a curl command (a `podman` call, a script).
    pub orphan_outputs: Vec<Location>,
}

/// Pairs each curl command with the `Example output` block right after its block. A block with
/// several commands gives one example each; the output belongs to the last (the one whose
/// result a reader sees). Any other block in between breaks the pair.
pub fn pair_examples(listings: &[Listing]) -> Paired {
    let mut paired = Paired::default();
    let mut waiting: Option<usize> = None;
    for listing in listings {
        if listing.is_output() {
            match waiting.take() {
                Some(index) => {
                    let example = &mut paired.examples[index];
                    example.output = Some(listing.content.clone());
                    example.output_location = Some(listing.location.clone());
                }
                None => paired.orphan_outputs.push(listing.location.clone()),
            }
            continue;
        }
        let requests = curl::parse_all(&listing.content);
        waiting = None;
        for request in requests {
            paired.examples.push(GuideExample {
                command: listing.content.clone(),
                request,
                output: None,
                location: listing.location.clone(),
                output_location: None,
            });
            waiting = Some(paired.examples.len() - 1);
        }
    }
    paired
}

/// The guide's examples matched against a spec: output samples for inference, and reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GuideReport {
    /// Every curl command read, including those in `commands_in_reference`.
    pub commands: usize,
    /// Commands that are an entry's own example (a tree holding both reference and guide, like
    /// 3.13's): the spec has them already, so they are not counted again.
    pub commands_in_reference: usize,
    pub commands_unparsable: usize,
    /// Commands that call exactly one operation.
    pub commands_matched: usize,
    /// Outputs read, other than those of entries' own examples.
    pub outputs: usize,
    /// Outputs of matched commands, ready for [`crate::infer::fill_response_schemas`].
    pub samples: Vec<OutputSample>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Matches every command to the operation of `spec` it calls. Unparsable commands, commands that
/// match no operation or several, and outputs after no command are reported with their location.
/// Commands at the location of an entry's own example are skipped: the spec holds them already.
pub fn match_examples(spec: &Spec, paired: &Paired) -> GuideReport {
    let in_reference: HashSet<&Location> = spec
        .operations
        .iter()
        .flat_map(|op| op.examples.iter().map(|e| &e.location))
        .collect();
    let templates = matching::Templates::new(spec);
    let mut report = GuideReport {
        commands: paired.examples.len(),
        outputs: paired.orphan_outputs.len(),
        ..GuideReport::default()
    };
    for location in &paired.orphan_outputs {
        report.diagnostics.push(Diagnostic::warning(
            DiagnosticKind::UnmatchedGuideExample,
            location.clone(),
            "example output follows no curl command; it is not used",
        ));
    }
    for example in &paired.examples {
        if in_reference.contains(&example.location) {
            report.commands_in_reference += 1;
            continue;
        }
        report.outputs += usize::from(example.output.is_some());
        let request = match &example.request {
            Ok(request) => request,
            Err(err) => {
                report.commands_unparsable += 1;
                report.diagnostics.push(Diagnostic::warning(
                    DiagnosticKind::UnparsableExampleCommand,
                    example.location.clone(),
                    format!("guide command cannot be read: {err}"),
                ));
                continue;
            }
        };
        let problem = match templates.match_request(request) {
            Match::One(index) => {
                report.commands_matched += 1;
                let operation = &spec.operations[index].name;
                if let (Some(text), Some(location)) = (&example.output, &example.output_location) {
                    report.samples.push(OutputSample {
                        operation: operation.clone(),
                        text: text.clone(),
                        location: location.clone(),
                    });
                }
                continue;
            }
            Match::None => "matches no operation".to_string(),
            Match::Several(indices) => {
                let names: Vec<&str> = indices
                    .iter()
                    .map(|&i| spec.operations[i].name.as_str())
                    .collect();
                format!(
                    "matches several operations equally well: {}",
                    names.join(", ")
                )
            }
        };
        report.diagnostics.push(Diagnostic::warning(
            DiagnosticKind::UnmatchedGuideExample,
            example.location.clone(),
            format!(
                "guide command {} {} {problem}",
                request.method, request.path
            ),
        ));
    }
    report
}

#[cfg(test)]
mod tests;
