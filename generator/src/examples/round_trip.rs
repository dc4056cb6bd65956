//! Example outputs as test vectors for the typed responses: every readable success output of the
//! reference entries, an API guide tree and plain-text guide chapters, with its operation, and the
//! check that decoding into a type and re-encoding lost nothing.

use std::path::Path;

use serde_json::Value;

use crate::guide::{self, plain, source, GuideError};
use crate::infer::{is_error_body, OutputSample};
use crate::spec::{Location, Spec};

use super::output;

/// One readable success output and the operation it is an answer of.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleOutput {
    pub operation: String,
    pub location: Location,
    pub value: Value,
}

/// The entries' own outputs, then `extra` (guide outputs matched to operations), in order.
/// Unreadable outputs and error bodies are left out, as schema inference leaves them out; so are
/// the docs' outputs of an operation typed from the server's answers alone (outputs of another
/// shape, which the inference left out: see [`crate::infer::another_shape`]).
pub fn success_outputs(spec: &Spec, extra: &[OutputSample]) -> Vec<ExampleOutput> {
    let server_only: std::collections::BTreeSet<&str> = spec
        .operations
        .iter()
        .filter(|op| {
            op.response_schema
                .as_ref()
                .is_some_and(|s| s.observed > 0 && s.docs_outputs() == 0)
        })
        .map(|op| op.name.as_str())
        .collect();
    let own = spec.operations.iter().flat_map(|op| {
        op.examples.iter().filter_map(move |example| {
            let text = example.output.as_deref()?;
            Some((op.name.as_str(), text, &example.location))
        })
    });
    let matched = extra
        .iter()
        .map(|s| (s.operation.as_str(), s.text.as_str(), &s.location));
    own.chain(matched)
        .filter(|(operation, _, _)| !server_only.contains(operation))
        .filter_map(|(operation, text, location)| {
            let value = output::read(text).ok()?.value;
            (!is_error_body(&value)).then(|| ExampleOutput {
                operation: operation.to_string(),
                location: location.clone(),
                value,
            })
        })
        .collect()
}

/// The guide tree's outputs matched to `spec`'s operations.
pub fn guide_tree_samples(spec: &Spec, guide_root: &Path) -> Result<Vec<OutputSample>, GuideError> {
    let read = source::read_listings(guide_root)?;
    Ok(guide::match_examples(spec, &guide::pair_examples(&read.listings)).samples)
}

/// A plain-text guide chapter's outputs (the seed) matched to `spec`'s operations; `file` names
/// it in locations.
pub fn plain_chapter_samples(spec: &Spec, text: &str, file: &str) -> Vec<OutputSample> {
    let listings = plain::listings(text, file);
    guide::match_examples(spec, &guide::pair_examples(&listings)).samples
}

/// What of `original` is missing or different in `round_tripped`, as JSON paths (`$.tags[0].name`).
/// Numbers compare as numbers (`1` equals `1.0`); a `null` may come back absent, since an `Option`
/// field that is `None` is not written.
pub fn lost_values(original: &Value, round_tripped: &Value) -> Vec<String> {
    let mut lost = Vec::new();
    compare("$", original, Some(round_tripped), &mut lost);
    lost
}

fn compare(path: &str, original: &Value, after: Option<&Value>, lost: &mut Vec<String>) {
    match (original, after) {
        (Value::Null, None | Some(Value::Null)) => {}
        (Value::Object(fields), Some(Value::Object(after))) => {
            for (key, value) in fields {
                compare(&format!("{path}.{key}"), value, after.get(key), lost);
            }
        }
        (Value::Array(items), Some(Value::Array(after))) if items.len() == after.len() => {
            for (index, (item, again)) in items.iter().zip(after).enumerate() {
                compare(&format!("{path}[{index}]"), item, Some(again), lost);
            }
        }
        (Value::Number(a), Some(Value::Number(b))) if a.as_f64() == b.as_f64() => {}
        (a, Some(b)) if a == b => {}
        _ => lost.push(path.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::spec::{testing, Example, Method};

    #[test]
    fn nothing_lost_when_only_nulls_vanish_and_numbers_change_form() {
        let original = json!({"a": 1, "b": null, "c": [{"d": 2.0}], "e": {"f": "x"}});
        let after = json!({"a": 1.0, "c": [{"d": 2}], "e": {"f": "x", "new": true}});
        assert!(lost_values(&original, &after).is_empty());
    }

    #[test]
    fn missing_changed_and_shortened_values_are_reported_by_path() {
        let original = json!({"a": 1, "b": "x", "c": [1, 2], "d": {"e": true}});
        let after = json!({"b": "y", "c": [1], "d": {"e": false}});
        assert_eq!(
            lost_values(&original, &after),
            ["$.a", "$.b", "$.c", "$.d.e"]
        );
    }

    #[test]
    fn error_bodies_and_unreadable_outputs_are_not_vectors() {
        let mut op = testing::operation("getWidget", Method::Get, "/api/v1/widget");
        let example = |output: &str, line| Example {
            command: "curl https://h/api/v1/widget".into(),
            output: Some(output.into()),
            location: Location {
                file: "w.adoc".into(),
                line,
            },
            request: None,
            exceptions: Vec::new(),
        };
        op.examples = vec![
            example("{\"id\": 1}", 1),
            example("not json at all", 2),
            example("{\"error_type\": \"not_found\", \"detail\": \"gone\"}", 3),
        ];
        let spec = testing::spec(vec![op]);
        let extra = [OutputSample {
            operation: "getWidget".into(),
            text: "{\"id\": 2}".into(),
            location: Location {
                file: "guide.adoc".into(),
                line: 9,
            },
        }];
        let outputs = success_outputs(&spec, &extra);
        let values: Vec<&Value> = outputs.iter().map(|o| &o.value).collect();
        assert_eq!(values, [&json!({"id": 1}), &json!({"id": 2})]);
        assert_eq!(outputs[1].location.file, "guide.adoc");
    }

    #[test]
    fn a_plain_chapter_command_and_its_output_become_a_sample() {
        let spec = testing::spec(vec![testing::operation(
            "getWidget",
            Method::Get,
            "/api/v1/widget",
        )]);
        let chapter =
            "Get it:\n\n$ curl -X GET https://h/api/v1/widget\n\nExample output\n\n{\"id\": 3}\n";
        let samples = plain_chapter_samples(&spec, chapter, "chapter.txt");
        assert_eq!(samples.len(), 1, "{samples:?}");
        assert_eq!(samples[0].operation, "getWidget");
    }
}
