//! Example commands as test vectors of the generated client: does an example's request fit its
//! own entry well enough that the client, given the example's values, sends the same request?
//!
//! An example matches when: it was read; its method is the entry's; its path fits the entry's
//! template (a parameter takes one or two segments, as in [`super::matching`]) with literal values
//! of the parameter's type; every query key is a documented query parameter and every required
//! one is there; every body key is a body field whose schema accepts the value's JSON type.
//! A whole `<placeholder>` (or `{placeholder}`) value stands for any value of the right type. Trailing and doubled
//! slashes do not matter.
//!
//! Whatever does not match needs an `example-exception` in the overlay naming the [`ExampleAspect`]
//! and why ([`Verdict::unexplained`] lists what lacks one). The emitter turns every matching
//! example into a call of the generated client (`tests/examples.rs`); the same rules decide here,
//! so the generated test can only fail on a client bug.

use serde_json::Value;

use crate::spec::{Example, ExampleAspect, ExampleRequest, Field, Operation, Schema, Spec};

/// One way an example differs from its entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub aspect: ExampleAspect,
    pub message: String,
}

impl Mismatch {
    fn new(aspect: ExampleAspect, message: impl Into<String>) -> Mismatch {
        Mismatch {
            aspect,
            message: message.into(),
        }
    }
}

/// The outcome for one example of one operation.
#[derive(Debug, Clone)]
pub struct Verdict<'s> {
    pub operation: &'s Operation,
    pub example: &'s Example,
    pub mismatches: Vec<Mismatch>,
}

impl Verdict<'_> {
    pub fn matches(&self) -> bool {
        self.mismatches.is_empty()
    }

    /// Mismatches whose aspect has no recorded exception on the example.
    pub fn unexplained(&self) -> Vec<&Mismatch> {
        self.mismatches
            .iter()
            .filter(|m| !self.example.exceptions.iter().any(|e| e.what == m.aspect))
            .collect()
    }

    /// `file:line: (operation) what: message` for each unexplained mismatch.
    pub fn describe_unexplained(&self) -> Vec<String> {
        self.unexplained()
            .iter()
            .map(|m| {
                format!(
                    "{}: ({}) example {} differs: {}",
                    self.example.location, self.operation.name, m.aspect, m.message
                )
            })
            .collect()
    }
}

/// Every example of `spec`, in spec order, with its mismatches.
pub fn review(spec: &Spec) -> Vec<Verdict<'_>> {
    spec.operations
        .iter()
        .flat_map(|operation| {
            operation.examples.iter().map(move |example| Verdict {
                operation,
                example,
                mismatches: check(spec, operation, example),
            })
        })
        .collect()
}

/// How many examples match, are explained by an exception, or are not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VectorCounts {
    pub examples: usize,
    pub matching: usize,
    pub excepted: usize,
    pub unexplained: usize,
}

impl std::fmt::Display for VectorCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} examples: {} match, {} recorded exceptions, {} unexplained",
            self.examples, self.matching, self.excepted, self.unexplained
        )
    }
}

pub fn counts(verdicts: &[Verdict<'_>]) -> VectorCounts {
    let mut counts = VectorCounts {
        examples: verdicts.len(),
        ..VectorCounts::default()
    };
    for verdict in verdicts {
        if verdict.matches() {
            counts.matching += 1;
        } else if verdict.unexplained().is_empty() {
            counts.excepted += 1;
        } else {
            counts.unexplained += 1;
        }
    }
    counts
}

/// Every way `example` differs from `operation` (empty when it matches).
pub fn check(spec: &Spec, operation: &Operation, example: &Example) -> Vec<Mismatch> {
    let Some(request) = &example.request else {
        return vec![Mismatch::new(
            ExampleAspect::Command,
            "the example command cannot be read",
        )];
    };
    let mut out = Vec::new();
    if request.method != operation.method {
        out.push(Mismatch::new(
            ExampleAspect::Method,
            format!(
                "the example uses {} but the entry is {}",
                request.method, operation.method
            ),
        ));
    }
    check_path(operation, request, &mut out);
    check_query(operation, request, &mut out);
    check_body(spec, operation, request, &mut out);
    out
}

fn check_path(operation: &Operation, request: &ExampleRequest, out: &mut Vec<Mismatch>) {
    let Some(bindings) = bind_path(&operation.path, &request.path) else {
        out.push(Mismatch::new(
            ExampleAspect::Path,
            format!(
                "the example calls {} which does not fit {}",
                request.path, operation.path
            ),
        ));
        return;
    };
    for binding in bindings {
        let field = operation
            .path_params
            .iter()
            .find(|f| f.name == binding.param);
        if let Some(problem) = path_value_problem(&binding, field) {
            out.push(Mismatch::new(ExampleAspect::Path, problem));
        }
    }
}

fn path_value_problem(binding: &PathBinding, field: Option<&Field>) -> Option<String> {
    let value = binding.segments.join("/");
    if binding.param == REPOSITORY_PARAM {
        let fits = binding.segments.len() == 2
            || (binding.segments.len() == 1 && is_placeholder(&binding.segments[0]));
        return (!fits).then(|| format!("`{{repository}}` is `{value}`, not `namespace/name`"));
    }
    if binding.segments.len() != 1 {
        return Some(format!(
            "`{{{}}}` takes two segments `{value}`",
            binding.param
        ));
    }
    let schema = field.map_or(&Schema::String, |f| &f.schema);
    (!text_fits(&value, schema)).then(|| {
        format!(
            "path parameter `{}` is `{value}`, not {}",
            binding.param,
            schema.display()
        )
    })
}

fn check_query(operation: &Operation, request: &ExampleRequest, out: &mut Vec<Mismatch>) {
    for (key, value) in &request.query {
        match operation.query_params.iter().find(|f| f.name == *key) {
            None => out.push(Mismatch::new(
                ExampleAspect::Query,
                format!("query parameter `{key}` is not documented"),
            )),
            Some(field) if !text_fits(value, &field.schema) => out.push(Mismatch::new(
                ExampleAspect::Query,
                format!(
                    "query parameter `{key}` is `{value}`, not {}",
                    field.schema.display()
                ),
            )),
            Some(_) => {}
        }
    }
    for field in operation.query_params.iter().filter(|f| f.required) {
        if !request.query.iter().any(|(key, _)| *key == field.name) {
            out.push(Mismatch::new(
                ExampleAspect::Query,
                format!("required query parameter `{}` is missing", field.name),
            ));
        }
    }
}

fn check_body(
    spec: &Spec,
    operation: &Operation,
    request: &ExampleRequest,
    out: &mut Vec<Mismatch>,
) {
    let mut report = |message: String| out.push(Mismatch::new(ExampleAspect::Body, message));
    let body = match (&request.body, &request.body_text) {
        (None, None) => return,
        (None, Some(_)) => return report("the example body is not JSON".into()),
        (Some(body), _) => body,
    };
    let Some(documented) = &operation.body else {
        return report("the example sends a body but the entry documents none".into());
    };
    let objects: Vec<&Value> = match body {
        Value::Array(items) if documented.array => items.iter().collect(),
        _ if documented.array => {
            return report("the example body is not a JSON array; the body is one".into())
        }
        other => vec![other],
    };
    for object in objects {
        let Value::Object(keys) = object else {
            return report(if documented.array {
                "an item of the example body is not a JSON object".into()
            } else {
                "the example body is not a JSON object".into()
            });
        };
        check_keys(spec, documented, keys, &mut report);
    }
}

fn check_keys(
    spec: &Spec,
    documented: &crate::spec::RequestBody,
    keys: &serde_json::Map<String, Value>,
    report: &mut impl FnMut(String),
) {
    for (key, value) in keys {
        match documented.fields.iter().find(|f| f.name == *key) {
            None => report(format!("body key `{key}` is not a body field")),
            Some(field) => {
                if let Some(problem) = value_problem(spec, value, &field.schema, 0)
                    .or_else(|| shape_problem(spec, documented, key, value))
                {
                    report(format!("body key `{key}`: {problem}"));
                }
            }
        }
    }
}

/// Why a value the schema accepts still cannot be set through a corrected field (`None`: it
/// can): an enum takes only its values (a placeholder is given one); a nested object takes only its fields, each required one present.
fn shape_problem(
    spec: &Spec,
    body: &crate::spec::RequestBody,
    path: &str,
    value: &Value,
) -> Option<String> {
    let shape = body.shape(path)?;
    if !shape.values.is_empty() {
        // A placeholder is replaced by a sample value, one of the enum's, as in any field.
        return match value.as_str() {
            Some(text) if is_placeholder(text) || shape.values.iter().any(|v| v == text) => None,
            _ => Some(format!("{value} is not one of {}", shape.values.join(", "))),
        };
    }
    let Value::Object(keys) = value else {
        return None;
    };
    for (key, inner) in keys {
        let Some(field) = shape.fields.iter().find(|f| f.name == *key) else {
            return Some(format!("`{key}` is not a field of `{path}`"));
        };
        let inner_path = format!("{path}.{key}");
        if let Some(problem) = value_problem(spec, inner, &field.schema, 1)
            .or_else(|| shape_problem(spec, body, &inner_path, inner))
        {
            return Some(format!("`{inner_path}`: {problem}"));
        }
    }
    shape
        .fields
        .iter()
        .find(|f| f.required && !keys.contains_key(&f.name))
        .map(|f| format!("`{path}` lacks its required field `{}`", f.name))
}

/// How deep nested definitions are followed; deeper values are accepted as they are.
const MAX_DEPTH: usize = 8;

/// Why a JSON `value` cannot be set through a field of `schema` (`None`: it can).
fn value_problem(spec: &Spec, value: &Value, schema: &Schema, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH || matches!(schema, Schema::Unknown { .. }) {
        return None;
    }
    if let Value::String(text) = value {
        if is_placeholder(text) {
            return None;
        }
    }
    let fits = match (schema, value) {
        (_, Value::Null) => false,
        (Schema::String, Value::String(_)) => true,
        (Schema::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Schema::Number, Value::Number(_)) => true,
        (Schema::Boolean, Value::Bool(_)) => true,
        (Schema::Object, Value::Object(_)) => true,
        (Schema::Array { items }, Value::Array(values)) => {
            return values
                .iter()
                .find_map(|v| value_problem(spec, v, items, depth + 1))
                .map(|p| format!("an element: {p}"));
        }
        (Schema::Ref { name }, Value::Object(keys)) => {
            return definition_problem(spec, name, keys, depth);
        }
        _ => false,
    };
    (!fits).then(|| format!("{} is not {}", json_type(value), schema.display()))
}

fn definition_problem(
    spec: &Spec,
    name: &str,
    keys: &serde_json::Map<String, Value>,
    depth: usize,
) -> Option<String> {
    let definition = spec.definition(name)?;
    keys.iter().find_map(
        |(key, value)| match definition.fields.iter().find(|f| f.name == *key) {
            None => Some(format!("`{key}` is not a field of {name}")),
            Some(field) => value_problem(spec, value, &field.schema, depth + 1)
                .map(|p| format!("`{key}`: {p}")),
        },
    )
}

/// The JSON type of a value, as the messages name it.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Whether a path or query text can be a value of `schema` (placeholders always can).
fn text_fits(text: &str, schema: &Schema) -> bool {
    if is_placeholder(text) {
        return true;
    }
    match schema {
        Schema::Integer => text.parse::<i64>().is_ok(),
        Schema::Number => text.parse::<f64>().is_ok(),
        Schema::Boolean => matches!(text, "true" | "false"),
        Schema::Array { items } => text_fits(text, items),
        _ => true,
    }
}

/// Whether `text` is one whole `<placeholder>` (or `{placeholder}`, as some examples copy the
/// template).
pub fn is_placeholder(text: &str) -> bool {
    [('<', '>'), ('{', '}')].iter().any(|&(open, close)| {
        text.len() > 2
            && text.starts_with(open)
            && text.ends_with(close)
            && !text[1..text.len() - 1].contains([open, close])
    })
}

/// The path parameter that is `namespace/name`, two segments.
pub const REPOSITORY_PARAM: &str = "repository";

/// The example segments one template parameter took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathBinding {
    pub param: String,
    pub segments: Vec<String>,
}

/// Binds each `{param}` of `template` to the segments of `path` it stands for, choosing the way
/// with most literal segments (as [`super::matching::path_fits`] does); `None` if it does not fit.
pub fn bind_path(template: &str, path: &str) -> Option<Vec<PathBinding>> {
    let template: Vec<&str> = segments(template);
    let path: Vec<&str> = segments(path);
    bind(&template, &path).map(|(_, bindings)| bindings)
}

fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// The most segments one template parameter may stand for (`{repository}` = `ns/repo`).
const MAX_SEGMENTS_PER_PARAMETER: usize = 2;

fn bind(template: &[&str], path: &[&str]) -> Option<(usize, Vec<PathBinding>)> {
    let Some((first, rest)) = template.split_first() else {
        return path.is_empty().then(|| (0, Vec::new()));
    };
    let param = first
        .strip_prefix('{')
        .and_then(|p| p.strip_suffix('}'))
        .filter(|p| !p.is_empty());
    let Some(param) = param else {
        let (segment, path_rest) = path.split_first()?;
        if segment != first {
            return None;
        }
        return bind(rest, path_rest).map(|(score, bindings)| (score + 1, bindings));
    };
    let mut best: Option<(usize, Vec<PathBinding>)> = None;
    for taken in 1..=MAX_SEGMENTS_PER_PARAMETER.min(path.len()) {
        let Some((score, mut bindings)) = bind(rest, &path[taken..]) else {
            continue;
        };
        if best.as_ref().is_some_and(|(b, _)| *b >= score) {
            continue;
        }
        bindings.insert(
            0,
            PathBinding {
                param: param.to_string(),
                segments: path[..taken].iter().map(|s| s.to_string()).collect(),
            },
        );
        best = Some((score, bindings));
    }
    best
}

#[cfg(test)]
mod tests;
