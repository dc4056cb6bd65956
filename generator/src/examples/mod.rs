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
use crate::spec::{Example, ExampleRequest, Operation, Spec};

/// Parses every example command of `spec` into its `request`, reporting the commands that cannot
/// be read and the bodies that are not JSON. (Whether a command fits its entry is the linter's
/// question; [`matching::fits`] answers it.) Examples that already have a request are parsed
/// again, so the result depends only on the command text.
pub fn fill_requests(spec: &mut Spec) -> Vec<Diagnostic> {
    read_requests(spec).fill(spec)
}

/// The requests of every example command of a spec, read without changing it (so that other
/// readers of the spec can run beside it), to be filled in by [`Requests::fill`].
pub struct Requests {
    /// Per operation, per example, in the spec's order.
    requests: Vec<Vec<Option<ExampleRequest>>>,
    diagnostics: Vec<Diagnostic>,
}

/// Parses every example command of `spec` (see [`fill_requests`]).
pub fn read_requests(spec: &Spec) -> Requests {
    let mut diagnostics = Vec::new();
    let requests = spec
        .operations
        .iter()
        .map(|operation| {
            operation
                .examples
                .iter()
                .map(|example| read_request(operation, example, &mut diagnostics))
                .collect()
        })
        .collect();
    Requests {
        requests,
        diagnostics,
    }
}

impl Requests {
    /// Sets the `request` of every example of `spec` (the spec they were read from); returns
    /// the problems found reading them.
    pub fn fill(self, spec: &mut Spec) -> Vec<Diagnostic> {
        for (operation, requests) in spec.operations.iter_mut().zip(self.requests) {
            for (example, request) in operation.examples.iter_mut().zip(requests) {
                example.request = request;
            }
        }
        self.diagnostics
    }
}

fn read_request(
    operation: &Operation,
    example: &Example,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ExampleRequest> {
    let warn = |kind, message: String| {
        Diagnostic::warning(kind, example.location.clone(), message).for_operation(&operation.name)
    };
    match curl::parse(&example.command) {
        Ok(request) => {
            if let Some(problem) = curl::body_problem(&request) {
                let message = format!("example command: {problem}");
                diagnostics.push(warn(DiagnosticKind::ExampleBodyNotJson, message));
            }
            Some(request)
        }
        Err(err) => {
            let message = format!("example command cannot be read: {err}");
            diagnostics.push(warn(DiagnosticKind::UnparsableExampleCommand, message));
            None
        }
    }
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
