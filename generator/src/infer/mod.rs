//! Response schemas inferred from example outputs.
//!
//! All outputs of one operation are merged into one [`shape::Shape`] (field presence, nulls,
//! integer or float, array items), which is then turned into an [`InferredResponse`]: a root type
//! plus named object types, each name derived from the operation and field path
//! ([`naming`]). [`fill_response_schemas`] does this for a whole spec and reports outputs that
//! cannot be read and examples that disagree.

pub mod naming;
pub mod shape;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::examples::output;
use crate::spec::{
    is_credential_name, Field, FieldEvidence, InferredField, InferredResponse, InferredStruct,
    InferredType, Location, Operation, Schema, Spec,
};

use naming::Names;
use shape::{FieldShape, Kind, Shape};

/// One example output, read, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub value: Value,
    pub location: Location,
}

/// A place where examples disagree on the kind of value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// `$` for the whole body, `$.token.expiration`, `$.tokens[]` inside it.
    pub path: String,
    /// The kinds met there, in the order met (`["string", "object"]`).
    pub kinds: Vec<&'static str>,
}

/// The result of merging the samples of one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inference {
    pub response: InferredResponse,
    pub conflicts: Vec<Conflict>,
}

/// Infers one response schema from every sample of operation `operation`; `None` without samples.
pub fn infer(operation: &str, samples: &[Sample]) -> Option<Inference> {
    infer_naming(operation, samples, &mut Names::default())
}

/// [`infer`], taking type names from `names`, so that the types of several operations (which
/// end up in one crate) never share a name.
pub fn infer_naming(operation: &str, samples: &[Sample], names: &mut Names) -> Option<Inference> {
    if samples.is_empty() {
        return None;
    }
    let shape = merged(samples);
    let provenance = samples.iter().map(|s| s.location.clone()).collect();
    Some(name_types(operation, &shape, provenance, names))
}

/// The one shape of `samples`, merged in order.
fn merged<'a>(samples: impl IntoIterator<Item = &'a Sample>) -> Shape {
    let mut shape = Shape::default();
    for sample in samples {
        shape.merge(&sample.value);
    }
    shape
}

/// The types of the merged `shape` of an operation's samples (found at `provenance`), named
/// from `names`.
fn name_types(
    operation: &str,
    shape: &Shape,
    provenance: Vec<Location>,
    names: &mut Names,
) -> Inference {
    let mut builder = Builder {
        names,
        types: Vec::new(),
        conflicts: Vec::new(),
    };
    let body = builder.type_of(shape, &[operation.to_string()], Position::Root, "$");
    Inference {
        response: InferredResponse {
            body,
            types: builder.types.into_iter().flatten().collect(),
            provenance,
            observed: 0,
        },
        conflicts: builder.conflicts,
    }
}

/// Where a shape sits, which decides how its object type is named.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    /// The whole body: `CreateAppTokenResponse`.
    Root,
    /// A field or array element: the name is the prefix itself (`CreateAppTokenToken`).
    Inner,
}

struct Builder<'n> {
    names: &'n mut Names,
    /// Slots in the order types are first named (outermost first); filled once built.
    types: Vec<Option<InferredStruct>>,
    conflicts: Vec<Conflict>,
}

impl Builder<'_> {
    fn type_of(
        &mut self,
        shape: &Shape,
        prefix: &[String],
        at: Position,
        path: &str,
    ) -> InferredType {
        match &shape.kind {
            Kind::Nothing => InferredType::Any,
            Kind::String => InferredType::String,
            Kind::Integer => InferredType::Integer,
            Kind::Number => InferredType::Number,
            Kind::Boolean => InferredType::Boolean,
            Kind::Array(items) => {
                let item_prefix = match (at, prefix.split_last()) {
                    (Position::Inner, Some((last, parents))) => {
                        let mut parts = parents.to_vec();
                        parts.push(naming::singular(last));
                        parts
                    }
                    _ => with(prefix, "Item"),
                };
                let items =
                    self.type_of(items, &item_prefix, Position::Inner, &format!("{path}[]"));
                InferredType::Array {
                    items: Box::new(items),
                }
            }
            Kind::Map(values) => {
                let value_prefix = with(prefix, "Value");
                let values =
                    self.type_of(values, &value_prefix, Position::Inner, &format!("{path}.*"));
                InferredType::Map {
                    values: Box::new(values),
                }
            }
            Kind::Object(object) if object.fields.is_empty() => InferredType::Object,
            Kind::Object(object) => {
                let parts = match at {
                    Position::Root => with(prefix, "Response"),
                    Position::Inner => prefix.to_vec(),
                };
                let part_refs: Vec<&str> = parts.iter().map(String::as_str).collect();
                let name = self.names.claim(&part_refs);
                let slot = self.types.len();
                self.types.push(None);
                let fields = object
                    .fields
                    .iter()
                    .map(|field| InferredField {
                        name: field.name.clone(),
                        optional: field.optional(object.count),
                        ty: self.type_of(
                            &field.shape,
                            &with(prefix, &field.name),
                            Position::Inner,
                            &format!("{path}.{}", field.name),
                        ),
                        evidence: evidence(field, object.count),
                    })
                    .collect();
                self.types[slot] = Some(InferredStruct {
                    name: name.clone(),
                    fields,
                });
                InferredType::Struct { name }
            }
            Kind::Conflict(kinds) => {
                self.conflicts.push(Conflict {
                    path: path.to_string(),
                    kinds: kinds.clone(),
                });
                InferredType::Any
            }
        }
    }
}

/// What the outputs show of a field: presence, and its first short values unless it is a
/// credential.
fn evidence(field: &FieldShape, objects: usize) -> FieldEvidence {
    let shown = |value: &&Value| match value {
        Value::String(text) => {
            text.chars().count() <= FieldEvidence::MAX_EXAMPLE_CHARS
                && !text.contains(['`', '\n', '\r'])
                && !text.trim().is_empty()
        }
        _ => true,
    };
    let examples = if is_credential_name(&field.name) {
        Vec::new()
    } else {
        field
            .shape
            .samples
            .iter()
            .filter(shown)
            .take(FieldEvidence::MAX_EXAMPLES)
            .cloned()
            .collect()
    };
    FieldEvidence {
        present: field.present,
        of: objects,
        null: field.shape.null,
        examples,
    }
}

fn with(prefix: &[String], part: &str) -> Vec<String> {
    let mut parts = prefix.to_vec();
    parts.push(part.to_string());
    parts
}

/// Whether an output is an error body rather than the operation's result: the API's error
/// object (`error_type`, or an HTTP error `status`), or an object holding only a non-empty
/// `message`/`error`. Such outputs show a failed call and would corrupt the success schema.
pub fn is_error_body(value: &Value) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    if object.contains_key("error_type") {
        return true;
    }
    if object
        .get("status")
        .and_then(Value::as_u64)
        .is_some_and(|status| status >= 400)
    {
        return true;
    }
    object.len() == 1
        && ["message", "error"].iter().any(|key| {
            object
                .get(*key)
                .and_then(Value::as_str)
                .is_some_and(|text| !text.is_empty())
        })
}

/// An example output from outside the reference entries (the API guide), already matched to an
/// operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSample {
    pub operation: String,
    pub text: String,
    pub location: Location,
}

/// An answer the server actually gave (an observed output, see `crate::server::observed`),
/// already matched to its operation by name.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerSample {
    pub operation: String,
    pub value: Value,
    /// `spec/observed/<operation>.json` and the line the output starts at.
    pub location: Location,
}

/// What [`fill_response_schemas`] did, for reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FillReport {
    pub diagnostics: Vec<Diagnostic>,
    pub outputs_read: usize,
    pub outputs_unreadable: usize,
    /// Outputs that were error bodies and so were left out of the schemas.
    pub error_outputs: usize,
    pub operations_with_schema: usize,
    /// Observed outputs (server answers) merged into a schema.
    pub observed_merged: usize,
    /// Operations whose docs' outputs were left out because the server's answers have another
    /// shape.
    pub docs_outputs_replaced: usize,
}

/// Sets `response_schema` of every operation from the outputs of its own examples and the
/// `extra` outputs matched to it. Operations without a readable output get `None`. Type names
/// are unique across the spec and never those of a definition.
pub fn fill_response_schemas(spec: &mut Spec, extra: &[OutputSample]) -> FillReport {
    fill_response_schemas_observed(spec, extra, &[])
}

/// [`fill_response_schemas`] with the server's answers as a second source: they are merged
/// after the docs' outputs (so field order follows the docs). Where the docs' outputs have
/// another shape than the server's (another kind of body, or objects sharing no field) the
/// server's shape wins and the docs' outputs are left out, with an
/// [`DiagnosticKind::ExampleOutputOfAnotherShape`] warning; where they disagree on the kind of
/// a value inside, it is typed as any value, with an
/// [`DiagnosticKind::ExampleOutputDisagreesWithServer`] warning.
pub fn fill_response_schemas_observed(
    spec: &mut Spec,
    extra: &[OutputSample],
    observed: &[ServerSample],
) -> FillReport {
    // Reading each operation's samples and merging them into one shape needs nothing of the
    // other operations: that is done on two threads. Naming the types is not (one namespace for
    // the whole spec, as the emitter puts every type in one crate beside the definitions), so it
    // follows in document order.
    let used_by_requests = definitions_used_by_requests(spec);
    let prepared =
        crate::parallel::map_in_order(&spec.operations, OPERATIONS_WORTH_A_THREAD, |operation| {
            prepare(operation, extra, observed, &used_by_requests)
        });
    let mut report = FillReport::default();
    let mut names = Names::default();
    for definition in &spec.definitions {
        names.reserve(&naming::pascal(&definition.name));
    }
    for (operation, prepared) in spec.operations.iter_mut().zip(prepared) {
        let Prepared {
            docs,
            server,
            shape,
            from_server,
            counts,
            mut diagnostics,
        } = prepared;
        report.outputs_read += counts.outputs_read;
        report.outputs_unreadable += counts.outputs_unreadable;
        report.error_outputs += counts.error_outputs;
        report.docs_outputs_replaced += counts.docs_outputs_replaced;
        report.observed_merged += server.len();
        let mut warn = |kind: DiagnosticKind, message: String| {
            diagnostics.push(
                Diagnostic::warning(kind, operation.location.clone(), message)
                    .for_operation(&operation.name),
            );
        };
        let inference = shape.map(|shape| {
            let provenance = docs.iter().chain(&server).map(|s| s.location.clone());
            name_types(&operation.name, &shape, provenance.collect(), &mut names)
        });
        if let Some(inference) = &inference {
            report.operations_with_schema += 1;
            // Whose samples disagree is worked out only where some do: each answer is inferred
            // again beside the docs' outputs, which is most of this stage's work otherwise.
            let (docs_conflicts, server_conflicts, contradicted) = if inference.conflicts.is_empty()
            {
                Default::default()
            } else {
                conflict_sources(&operation.name, &docs, &server)
            };
            for conflict in &inference.conflicts {
                let kinds = conflict.kinds.join(" vs ");
                let path = &conflict.path;
                if contradicted.contains(path) {
                    warn(
                        DiagnosticKind::ExampleOutputDisagreesWithServer,
                        format!(
                            "the docs' example outputs ({}) and the server's answers ({}) \
                             disagree at `{path}`: {kinds} (typed as any value)",
                            locations(&docs),
                            locations(&server)
                        ),
                    );
                } else {
                    let whose = if server_conflicts.contains(path) && !docs_conflicts.contains(path)
                    {
                        "the server's answers"
                    } else {
                        "example outputs"
                    };
                    warn(
                        DiagnosticKind::ConflictingExampleOutputs,
                        format!("{whose} disagree at `{path}`: {kinds} (typed as any value)"),
                    );
                }
            }
        }
        if let Some((name, from_server)) = from_server {
            if let Some(definition) = spec.definitions.iter_mut().find(|d| d.name == name) {
                let added = add_missing_fields(&mut definition.fields, &from_server.response);
                if !added.is_empty() {
                    warn(
                        DiagnosticKind::DefinitionMissesServerFields,
                        format!(
                            "the server's answers ({}) hold field(s) the definition `{name}` \
                             lacks, added to it as optional: {}",
                            locations(&server),
                            added
                                .iter()
                                .map(|f| format!("`{f}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
            }
        }
        report.diagnostics.append(&mut diagnostics);
        operation.response_schema = inference.map(|i| InferredResponse {
            observed: server.len(),
            ..i.response
        });
    }
    report
}

/// How many operations a spec needs before their samples are read on a second thread.
const OPERATIONS_WORTH_A_THREAD: usize = 32;

/// What one operation's samples give before its types are named: the docs' outputs and the
/// server's answers, read, and merged into one shape.
struct Prepared {
    docs: Vec<Sample>,
    server: Vec<Sample>,
    /// `None` without samples.
    shape: Option<Shape>,
    /// The definition the operation's answers may extend, with the answers inferred alone.
    from_server: Option<(String, Inference)>,
    counts: SampleCounts,
    /// Its unreadable outputs, and its docs' outputs when left out for the server's.
    diagnostics: Vec<Diagnostic>,
}

/// One operation's share of the [`FillReport`] counts.
#[derive(Default)]
struct SampleCounts {
    outputs_read: usize,
    outputs_unreadable: usize,
    error_outputs: usize,
    docs_outputs_replaced: usize,
}

/// Reads the samples of `operation`: the outputs of its examples, the `extra` outputs matched
/// to it and the server's answers; the docs' outputs give way to the server's when their shape
/// is another.
fn prepare(
    operation: &Operation,
    extra: &[OutputSample],
    observed: &[ServerSample],
    used_by_requests: &std::collections::BTreeSet<String>,
) -> Prepared {
    let mut counts = SampleCounts::default();
    let mut diagnostics = Vec::new();
    let own = operation.examples.iter().filter_map(|example| {
        example
            .output
            .as_deref()
            .map(|text| (text, &example.location))
    });
    let matched = extra
        .iter()
        .filter(|sample| sample.operation == operation.name)
        .map(|sample| (sample.text.as_str(), &sample.location));
    let mut docs = Vec::new();
    for (text, location) in own.chain(matched) {
        match output::read(text) {
            Ok(read) if is_error_body(&read.value) => counts.error_outputs += 1,
            Ok(read) => {
                counts.outputs_read += 1;
                docs.push(Sample {
                    value: read.value,
                    location: location.clone(),
                });
            }
            Err(err) => {
                counts.outputs_unreadable += 1;
                diagnostics.push(
                    Diagnostic::warning(
                        DiagnosticKind::UnreadableExampleOutput,
                        location.clone(),
                        format!("example output cannot be read: {err}"),
                    )
                    .for_operation(&operation.name),
                );
            }
        }
    }
    let server: Vec<Sample> = observed
        .iter()
        .filter(|s| s.operation == operation.name && !is_error_body(&s.value))
        .map(|s| Sample {
            value: s.value.clone(),
            location: s.location.clone(),
        })
        .collect();
    if !docs.is_empty() && !server.is_empty() {
        if let Some(why) = another_shape(&docs, &server) {
            diagnostics.push(
                Diagnostic::warning(
                    DiagnosticKind::ExampleOutputOfAnotherShape,
                    operation.location.clone(),
                    format!(
                        "the docs' example output(s) ({}) are {why}; the server's answers ({}) \
                         give the type and the docs' outputs are left out",
                        locations(&docs),
                        locations(&server)
                    ),
                )
                .for_operation(&operation.name),
            );
            docs.clear();
            counts.docs_outputs_replaced += 1;
        }
    }
    let shape =
        (!docs.is_empty() || !server.is_empty()).then(|| merged(docs.iter().chain(&server)));
    let from_server = documented_definition(operation)
        .filter(|name| !used_by_requests.contains(name))
        .and_then(|name| Some((name, infer(&operation.name, &server)?)));
    Prepared {
        docs,
        server,
        shape,
        from_server,
        counts,
        diagnostics,
    }
}

/// Definitions a request body or parameter refers to (directly or as array items): those are
/// never extended from the server's answers.
fn definitions_used_by_requests(spec: &Spec) -> std::collections::BTreeSet<String> {
    fn named(schema: &Schema, out: &mut std::collections::BTreeSet<String>) {
        match schema {
            Schema::Ref { name } => {
                out.insert(name.clone());
            }
            Schema::Array { items } => named(items, out),
            _ => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    for op in &spec.operations {
        let body = op.body.iter().flat_map(|b| &b.fields);
        for field in body.chain(&op.path_params).chain(&op.query_params) {
            named(&field.schema, &mut out);
        }
    }
    out
}

/// The definition the first documented 2xx response of `op` names, if any.
fn documented_definition(op: &Operation) -> Option<String> {
    op.responses
        .iter()
        .filter(|r| (200..300).contains(&r.code))
        .find_map(|r| match &r.schema {
            Some(Schema::Ref { name }) => Some(name.clone()),
            _ => None,
        })
}

/// Adds to `fields` (a definition's) every field of the root object of `inferred` it lacks,
/// optional, typed as far as a definition's schema can say; returns their names.
fn add_missing_fields(fields: &mut Vec<Field>, inferred: &InferredResponse) -> Vec<String> {
    let InferredType::Struct { name } = &inferred.body else {
        return Vec::new();
    };
    let Some(root) = inferred.types.iter().find(|t| &t.name == name) else {
        return Vec::new();
    };
    let mut added = Vec::new();
    for field in &root.fields {
        if fields.iter().any(|f| f.name == field.name) {
            continue;
        }
        fields.push(Field {
            name: field.name.clone(),
            required: false,
            description: format!(
                "Not in the reference's definition: sent by the server ({}).",
                inferred
                    .provenance
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            schema: definition_schema(&field.ty),
            constraints: Vec::new(),
        });
        added.push(field.name.clone());
    }
    added
}

/// What a definition's field can say of an inferred type: scalars and arrays of them; objects
/// are `object`, anything else any value.
fn definition_schema(ty: &InferredType) -> Schema {
    match ty {
        InferredType::String => Schema::String,
        InferredType::Integer => Schema::Integer,
        InferredType::Number => Schema::Number,
        InferredType::Boolean => Schema::Boolean,
        InferredType::Array { items } => Schema::Array {
            items: Box::new(definition_schema(items)),
        },
        InferredType::Map { .. } | InferredType::Struct { .. } | InferredType::Object => {
            Schema::Object
        }
        InferredType::Any => Schema::Unknown {
            text: String::new(),
        },
    }
}

/// `file:line` of each sample, comma-separated.
fn locations(samples: &[Sample]) -> String {
    samples
        .iter()
        .map(|s| s.location.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The paths where the docs' outputs disagree among themselves, where the server's answers do,
/// and where one answer of the server alone contradicts the docs' outputs.
fn conflict_sources(
    operation: &str,
    docs: &[Sample],
    server: &[Sample],
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let docs_conflicts = conflict_paths(operation, docs);
    let server_conflicts = conflict_paths(operation, server);
    let contradicted: Vec<String> = if docs.is_empty() {
        Vec::new()
    } else {
        server
            .iter()
            .flat_map(|answer| {
                let mut pair = docs.to_vec();
                pair.push(answer.clone());
                conflict_paths(operation, &pair)
            })
            .filter(|path| !docs_conflicts.contains(path))
            .collect()
    };
    (docs_conflicts, server_conflicts, contradicted)
}

/// The paths where the samples alone already disagree.
fn conflict_paths(operation: &str, samples: &[Sample]) -> Vec<String> {
    infer(operation, samples)
        .map(|i| i.conflicts.into_iter().map(|c| c.path).collect())
        .unwrap_or_default()
}

/// Why the docs' outputs show another operation's body than the server's answers, if they do:
/// the whole bodies are of different kinds (a list where the server sends one object), or both
/// are objects with fields and not one field in common. Such outputs would make every real field
/// land in `extra`.
pub fn another_shape(docs: &[Sample], server: &[Sample]) -> Option<String> {
    let (docs, server) = (merged(docs), merged(server));
    match (&docs.kind, &server.kind) {
        (Kind::Nothing, _) | (_, Kind::Nothing) => None,
        (Kind::Object(d), Kind::Object(s)) if !d.fields.is_empty() && !s.fields.is_empty() => {
            let shared = d
                .fields
                .iter()
                .any(|f| s.fields.iter().any(|g| g.name == f.name));
            (!shared).then(|| {
                let keys = |o: &shape::ObjectShape| {
                    o.fields
                        .iter()
                        .map(|f| format!("`{}`", f.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                format!(
                    "objects with {} where the server sends {}: not one field in common",
                    keys(d),
                    keys(s)
                )
            })
        }
        (d, s) => matches!(
            shape::combine_kinds(d.clone(), s.clone()),
            Kind::Conflict(_)
        )
        .then(|| format!("{} where the server sends {}", kind_name(d), kind_name(s))),
    }
}

fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Array(_) => "a list",
        Kind::Object(_) | Kind::Map(_) => "an object",
        Kind::String => "a string",
        Kind::Integer | Kind::Number => "a number",
        Kind::Boolean => "a boolean",
        Kind::Nothing | Kind::Conflict(_) => "of mixed kinds",
    }
}

#[cfg(test)]
mod tests;
