//! Examples in the docs: `curl` commands parsed into requests ([`curl`]), matched to the
//! operation they call ([`matching`]), checked as test vectors of the client ([`vectors`]), and
//! example outputs read as JSON ([`output`]).
//! [`fill_requests`] applies the command parser to a whole [`Spec`]; [`enrich::enrich_spec`]
//! runs the whole example stage (entries, guide, inference) for the command line.

pub mod curl;
pub mod enrich;
pub mod json;
pub mod matching;
pub mod output;
pub mod round_trip;
pub mod vectors;

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::spec::Spec;

/// Parses every example command of `spec` into its `request`, reporting the commands that cannot
/// be read and the bodies that are not JSON. (Whether a command fits its entry is the linter's
/// question; [`matching::fits`] answers it.) Examples that already have a request are parsed
/// again, so the result depends only on the command text.
pub fn fill_requests(spec: &mut Spec) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for operation in &mut spec.operations {
        for example in &mut operation.examples {
            example.request = match curl::parse(&example.command) {
                Ok(request) => {
                    if let Some(problem) = curl::body_problem(&request) {
                        diagnostics.push(
                            Diagnostic::warning(
                                DiagnosticKind::ExampleBodyNotJson,
                                example.location.clone(),
                                format!("example command: {problem}"),
                            )
                            .for_operation(&operation.name),
                        );
                    }
                    Some(request)
                }
                Err(err) => {
                    diagnostics.push(
                        Diagnostic::warning(
                            DiagnosticKind::UnparsableExampleCommand,
                            example.location.clone(),
                            format!("example command cannot be read: {err}"),
                        )
                        .for_operation(&operation.name),
                    );
                    None
                }
            };
        }
    }
    diagnostics
}

/// Counts for reports: how many example commands and outputs a spec has, and how many were read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExampleCounts {
    pub commands: usize,
    pub commands_parsed: usize,
    pub outputs: usize,
    pub outputs_read: usize,
}

/// Counts the example commands and outputs of `spec` (after [`fill_requests`]).
pub fn count(spec: &Spec) -> ExampleCounts {
    let mut counts = ExampleCounts::default();
    for example in spec.operations.iter().flat_map(|op| &op.examples) {
        counts.commands += 1;
        counts.commands_parsed += usize::from(example.request.is_some());
        if let Some(text) = &example.output {
            counts.outputs += 1;
            counts.outputs_read += usize::from(output::read(text).is_ok());
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{testing, Example, Location, Method};

    fn spec_with_commands(commands: &[&str]) -> Spec {
        let mut operation = testing::operation("createThing", Method::Post, "/api/v1/thing");
        operation.location = Location {
            file: "modules/op.adoc".into(),
            line: 1,
        };
        operation.examples = commands
            .iter()
            .enumerate()
            .map(|(i, command)| Example {
                command: command.to_string(),
                output: None,
                location: Location {
                    file: "modules/op.adoc".into(),
                    line: 10 + i as u32,
                },
                request: None,
                exceptions: Vec::new(),
            })
            .collect();
        testing::spec(vec![operation])
    }

    #[test]
    fn fills_requests_and_reports_failures_with_location() {
        let mut spec = spec_with_commands(&[
            "$ curl -X POST -d '{\"name\": \"x\"}' https://h/api/v1/thing",
            "$ curl -X POST -d '{\"name\": \"x\" \"b\": 1}' https://h/api/v1/thing",
            "$ curl -X POST",
        ]);
        let diagnostics = fill_requests(&mut spec);
        let examples = &spec.operations[0].examples;
        assert_eq!(examples[0].request.as_ref().unwrap().path, "/api/v1/thing");
        assert!(examples[1].request.is_some());
        assert!(examples[2].request.is_none());
        let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(shown[0]
            .starts_with("modules/op.adoc:11: warning[example_body_not_json] (createThing)"));
        assert!(shown[1]
            .starts_with("modules/op.adoc:12: warning[unparsable_example_command] (createThing)"));
        assert_eq!(
            count(&spec),
            ExampleCounts {
                commands: 3,
                commands_parsed: 2,
                outputs: 0,
                outputs_read: 0
            }
        );
    }

    #[test]
    fn requests_survive_the_spec_round_trip() {
        let mut spec = spec_with_commands(&["curl -H 'A: b' 'https://h/api/v1/thing?x=1'"]);
        fill_requests(&mut spec);
        let text = spec.to_json();
        assert!(text.contains("\"request\""));
        assert_eq!(Spec::from_json(&text).unwrap(), spec);
    }
}
