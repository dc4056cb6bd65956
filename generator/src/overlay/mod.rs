//! Hand-written corrections to the parsed spec, reviewed in one place (`spec/overlay.toml`).
//!
//! Documentation written by people has mistakes. Rather than patching the generated client, a
//! maintainer records each correction here with its reason; [`apply`] runs after parsing and
//! before the spec is written, and the spec lists what was applied. A correction that no longer
//! applies (its target is gone, or the docs now say the same thing) is an error, so corrections
//! do not silently rot when the docs change.

use serde::{Deserialize, Serialize};

mod inferred;

use crate::examples::vectors;
use crate::spec::{
    AppliedCorrection, Definition, ExampleAspect, ExampleException, Field, FieldShape, Method,
    Operation, Schema, Spec,
};

/// The file: a list of `[[correction]]` tables.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    #[serde(default, rename = "correction")]
    pub corrections: Vec<toml::Spanned<Correction>>,
}

/// Where a parameter lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamLocation {
    Path,
    Query,
    Body,
}

/// A field written out in full in the overlay (`add-param`, `add-definition`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub name: String,
    #[serde(default)]
    pub required: bool,
    /// A schema string as the docs write it (`string`, `array of string`) or a definition name.
    pub schema: String,
    #[serde(default)]
    pub description: String,
    /// For a body field: the values a string may take (an enum).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// For a body field of schema `object`: its own fields (a nested body struct).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldDef>,
}

/// One correction. `change` names the kind; every kind carries a `reason`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Correction {
    SetMethod {
        operation: String,
        value: String,
        reason: String,
    },
    SetPath {
        operation: String,
        value: String,
        reason: String,
    },
    RenameOperation {
        operation: String,
        value: String,
        reason: String,
    },
    DropOperation {
        operation: String,
        reason: String,
    },
    AddParam {
        operation: String,
        location: ParamLocation,
        field: FieldDef,
        reason: String,
    },
    RemoveParam {
        operation: String,
        location: ParamLocation,
        name: String,
        reason: String,
    },
    RenameParam {
        operation: String,
        location: ParamLocation,
        name: String,
        value: String,
        reason: String,
    },
    SetRequired {
        operation: String,
        location: ParamLocation,
        name: String,
        value: bool,
        reason: String,
    },
    /// Retypes a parameter or body field. A body field may also be given the `values` a string
    /// takes (an enum) or, with schema `object`, its own `fields` (a nested struct).
    SetType {
        operation: String,
        location: ParamLocation,
        name: String,
        schema: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        values: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        fields: Vec<FieldDef>,
        reason: String,
    },
    /// The body is a JSON array of objects with the documented fields, not one object.
    SetBodyArray {
        operation: String,
        reason: String,
    },
    /// Replaces the OAuth scopes an operation requires.
    SetScopes {
        operation: String,
        value: Vec<String>,
        reason: String,
    },
    /// Gives a response code a body schema (often a definition added with `add-definition`).
    SetResponse {
        operation: String,
        code: u16,
        schema: String,
        reason: String,
    },
    /// Adds a named structure, to be referred to by `set-type` or `set-response`.
    AddDefinition {
        name: String,
        #[serde(default)]
        description: String,
        fields: Vec<FieldDef>,
        reason: String,
    },
    /// Records why an operation's example command cannot be a test vector of the client in one
    /// aspect (`method`, `path`, `query`, `body`, `command`). Applied after every other kind, to
    /// the examples that still differ in that aspect; none left is a stale exception.
    ExampleException {
        operation: String,
        what: ExampleAspect,
        reason: String,
    },
    /// Refines one field of a response schema inferred from example outputs: whether it may be
    /// missing, and/or its type (`string`, `integer`, `number`, `boolean`, `object`, `any`,
    /// `array of X`, `map of X`, or the name of another inferred type of the operation).
    /// (To replace an inferred schema by a definition, use `set-response`: a definition the
    /// reference names always wins over examples.)
    SetInferredField {
        operation: String,
        /// The inferred type holding the field (`ListRepoTagsTag`).
        #[serde(rename = "type")]
        type_name: String,
        name: String,
        #[serde(default)]
        optional: Option<bool>,
        #[serde(default)]
        schema: Option<String>,
        reason: String,
    },
    /// Discards the schema inferred from an operation's example outputs (they are wrong or not
    /// representative): the operation returns untyped JSON.
    DropResponseSchema {
        operation: String,
        reason: String,
    },
    /// A disagreement between the docs and a server (a finding of `cargo xtask verify`) that was
    /// reviewed and decided for the docs: the spec keeps the docs' form. Changes nothing; verify
    /// stops reporting the finding, and fails when the decision matches no finding any more.
    ServerDecision {
        operation: String,
        /// The finding's kind (`body-field-required`).
        finding: String,
        /// The parameter or field the finding names, if it names one.
        #[serde(default)]
        subject: Option<String>,
        reason: String,
    },
}

impl Correction {
    /// The kind, as written in the file (`set-path`).
    pub fn kind(&self) -> &'static str {
        match self {
            Correction::SetMethod { .. } => "set-method",
            Correction::SetPath { .. } => "set-path",
            Correction::RenameOperation { .. } => "rename-operation",
            Correction::DropOperation { .. } => "drop-operation",
            Correction::AddParam { .. } => "add-param",
            Correction::RemoveParam { .. } => "remove-param",
            Correction::RenameParam { .. } => "rename-param",
            Correction::SetRequired { .. } => "set-required",
            Correction::SetType { .. } => "set-type",
            Correction::SetBodyArray { .. } => "set-body-array",
            Correction::SetScopes { .. } => "set-scopes",
            Correction::SetResponse { .. } => "set-response",
            Correction::AddDefinition { .. } => "add-definition",
            Correction::ExampleException { .. } => "example-exception",
            Correction::SetInferredField { .. } => "set-inferred-field",
            Correction::DropResponseSchema { .. } => "drop-response-schema",
            Correction::ServerDecision { .. } => "server-decision",
        }
    }

    /// What the correction is about: an operation, a parameter of one, or a definition.
    pub fn target(&self) -> String {
        match self {
            Correction::SetMethod { operation, .. }
            | Correction::SetPath { operation, .. }
            | Correction::RenameOperation { operation, .. }
            | Correction::DropOperation { operation, .. }
            | Correction::SetResponse { operation, .. }
            | Correction::SetScopes { operation, .. }
            | Correction::DropResponseSchema { operation, .. } => operation.clone(),
            Correction::SetBodyArray { operation, .. } => format!("{operation} body"),
            Correction::ServerDecision {
                operation,
                finding,
                subject,
                ..
            } => match subject {
                Some(subject) => format!("{operation} {finding} `{subject}`"),
                None => format!("{operation} {finding}"),
            },
            Correction::SetInferredField {
                operation,
                type_name,
                name,
                ..
            } => format!("{operation} inferred field `{type_name}.{name}`"),
            Correction::AddParam {
                operation,
                location,
                field,
                ..
            } => format!("{operation} {} `{}`", location.label(), field.name),
            Correction::RemoveParam {
                operation,
                location,
                name,
                ..
            }
            | Correction::RenameParam {
                operation,
                location,
                name,
                ..
            }
            | Correction::SetRequired {
                operation,
                location,
                name,
                ..
            }
            | Correction::SetType {
                operation,
                location,
                name,
                ..
            } => format!("{operation} {} `{name}`", location.label()),
            Correction::AddDefinition { name, .. } => format!("definition {name}"),
            Correction::ExampleException {
                operation, what, ..
            } => {
                format!("{operation} example {what}")
            }
        }
    }

    pub fn reason(&self) -> &str {
        match self {
            Correction::SetMethod { reason, .. }
            | Correction::SetPath { reason, .. }
            | Correction::RenameOperation { reason, .. }
            | Correction::DropOperation { reason, .. }
            | Correction::AddParam { reason, .. }
            | Correction::RemoveParam { reason, .. }
            | Correction::RenameParam { reason, .. }
            | Correction::SetRequired { reason, .. }
            | Correction::SetType { reason, .. }
            | Correction::SetBodyArray { reason, .. }
            | Correction::SetScopes { reason, .. }
            | Correction::SetResponse { reason, .. }
            | Correction::AddDefinition { reason, .. }
            | Correction::ExampleException { reason, .. }
            | Correction::SetInferredField { reason, .. }
            | Correction::DropResponseSchema { reason, .. }
            | Correction::ServerDecision { reason, .. } => reason,
        }
    }
}

impl ParamLocation {
    fn label(self) -> &'static str {
        match self {
            ParamLocation::Path => "path parameter",
            ParamLocation::Query => "query parameter",
            ParamLocation::Body => "body field",
        }
    }
}

/// A correction that could not be read or applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {kind} on {target}: {message}")]
pub struct OverlayError {
    pub file: String,
    pub line: usize,
    pub kind: String,
    pub target: String,
    pub message: String,
    /// Why it does not apply.
    pub cause: Cause,
}

/// Why a correction does not apply: what a maintainer does about it differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    /// What it corrects (the operation, parameter, response or inferred field) is not in these
    /// docs: docs of another version, or the entry is gone.
    NotInDocs,
    /// The docs now say what the correction says: it is stale.
    DocsAgree,
    /// The correction itself is wrong (unreadable, an unknown type, a name already taken).
    Invalid,
}

impl Cause {
    /// A heading for the corrections of this cause.
    pub fn explanation(self) -> &'static str {
        match self {
            Cause::NotInDocs => "what they correct is not in these docs",
            Cause::DocsAgree => "the docs now say the same: nothing left to correct",
            Cause::Invalid => "the correction itself is wrong",
        }
    }
}

/// Why one correction does not apply, before it is placed in the file.
#[derive(Debug)]
struct Refusal {
    cause: Cause,
    message: String,
}

impl Refusal {
    fn not_in_docs(message: impl Into<String>) -> Refusal {
        Refusal {
            cause: Cause::NotInDocs,
            message: message.into(),
        }
    }

    fn docs_agree(message: impl Into<String>) -> Refusal {
        Refusal {
            cause: Cause::DocsAgree,
            message: message.into(),
        }
    }
}

impl From<String> for Refusal {
    fn from(message: String) -> Refusal {
        Refusal {
            cause: Cause::Invalid,
            message,
        }
    }
}

impl From<&str> for Refusal {
    fn from(message: &str) -> Refusal {
        Refusal::from(message.to_string())
    }
}

/// Reads an overlay file's text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Overlay, OverlayError> {
    let overlay: Overlay = toml::from_str(text).map_err(|err| OverlayError {
        file: file.to_string(),
        line: err
            .span()
            .map(|span| line_of(text, span.start))
            .unwrap_or(1),
        kind: "parse".into(),
        target: "overlay".into(),
        message: err.message().to_string(),
        cause: Cause::Invalid,
    })?;
    for spanned in &overlay.corrections {
        if spanned.get_ref().reason().trim().is_empty() {
            return Err(OverlayError {
                file: file.to_string(),
                line: line_of(text, spanned.span().start),
                kind: spanned.get_ref().kind().into(),
                target: spanned.get_ref().target(),
                message: "every correction needs a non-empty `reason`".into(),
                cause: Cause::Invalid,
            });
        }
    }
    Ok(overlay)
}

/// Reads the overlay file at `path` and applies it to `spec` (see [`apply`]), which it takes
/// over: no copy is made, and on an error the half-corrected spec is dropped. A missing file is
/// an error: callers decide whether an overlay is expected.
pub fn apply_file(spec: Spec, path: &std::path::Path) -> Result<Spec, Vec<OverlayError>> {
    read_file(path)?.apply(spec)
}

/// An overlay file read and parsed, to be applied to a spec made meanwhile (the pipeline reads
/// it while the docs are parsed).
pub struct OverlayFile {
    name: String,
    text: String,
    overlay: Overlay,
}

/// Reads and parses the overlay file at `path`.
pub fn read_file(path: &std::path::Path) -> Result<OverlayFile, Vec<OverlayError>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|err| {
        vec![OverlayError {
            file: name.clone(),
            line: 0,
            kind: "read".into(),
            target: "overlay".into(),
            message: err.to_string(),
            cause: Cause::Invalid,
        }]
    })?;
    let overlay = parse(&name, &text).map_err(|err| vec![err])?;
    Ok(OverlayFile {
        name,
        text,
        overlay,
    })
}

impl OverlayFile {
    /// Applies every correction to `spec` (see [`apply`]).
    pub fn apply(&self, spec: Spec) -> Result<Spec, Vec<OverlayError>> {
        apply_to(spec, &self.overlay, &self.name, &self.text)
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// Applies every correction to a copy of `spec`, in file order. On any error the spec is not
/// changed and every error is returned, each naming its correction.
pub fn apply(
    spec: &Spec,
    overlay: &Overlay,
    file: &str,
    text: &str,
) -> Result<Spec, Vec<OverlayError>> {
    apply_to(spec.clone(), overlay, file, text)
}

/// [`apply`] to a spec given away.
fn apply_to(
    mut corrected: Spec,
    overlay: &Overlay,
    file: &str,
    text: &str,
) -> Result<Spec, Vec<OverlayError>> {
    let mut errors = Vec::new();
    // Exceptions judge the examples against the corrected entries, so they go last.
    let (exceptions, changes): (Vec<_>, Vec<_>) = overlay
        .corrections
        .iter()
        .partition(|c| matches!(c.get_ref(), Correction::ExampleException { .. }));
    for spanned in changes.into_iter().chain(exceptions) {
        let correction = spanned.get_ref();
        match apply_one(&mut corrected, correction) {
            Ok(()) => corrected.applied_corrections.push(AppliedCorrection {
                change: correction.kind().to_string(),
                target: correction.target(),
                reason: correction.reason().to_string(),
            }),
            Err(refusal) => errors.push(OverlayError {
                file: file.to_string(),
                line: line_of(text, spanned.span().start),
                kind: correction.kind().to_string(),
                target: correction.target(),
                message: refusal.message,
                cause: refusal.cause,
            }),
        }
    }
    if errors.is_empty() {
        Ok(corrected)
    } else {
        Err(errors)
    }
}

/// Applies one correction; `Err` says why it does not apply (gone, or already true).
fn apply_one(spec: &mut Spec, correction: &Correction) -> Result<(), Refusal> {
    match correction {
        Correction::SetMethod {
            operation, value, ..
        } => {
            let method =
                Method::parse(value).ok_or_else(|| format!("`{value}` is not an HTTP method"))?;
            let op = operation_mut(spec, operation)?;
            unchanged_is_stale(op.method == method, "method", value)?;
            op.method = method;
        }
        Correction::SetPath {
            operation, value, ..
        } => {
            let op = operation_mut(spec, operation)?;
            unchanged_is_stale(op.path == *value, "path", value)?;
            op.path = value.clone();
        }
        Correction::RenameOperation {
            operation, value, ..
        } => {
            if spec.operation(value).is_some() {
                return Err(format!("an operation named `{value}` already exists").into());
            }
            operation_mut(spec, operation)?.name = value.clone();
        }
        Correction::DropOperation { operation, .. } => {
            let index = operation_index(spec, operation)?;
            spec.operations.remove(index);
        }
        Correction::AddParam {
            operation,
            location,
            field,
            ..
        } => {
            let schema = resolve_schema(spec, &field.schema)?;
            let mut shapes = Vec::new();
            if !field.values.is_empty() || !field.fields.is_empty() {
                if *location != ParamLocation::Body {
                    return Err("only a body field takes `values` or `fields`".into());
                }
                shape_of(
                    spec,
                    &field.name,
                    &schema,
                    &field.values,
                    &field.fields,
                    &mut shapes,
                )?;
            }
            let op = operation_mut(spec, operation)?;
            let fields = fields_mut(op, *location);
            if fields.iter().any(|f| f.name == field.name) {
                return Err(Refusal::docs_agree(format!(
                    "`{}` is already documented; remove this correction",
                    field.name
                )));
            }
            fields.push(field_from(field, schema));
            if let Some(body) = op.body.as_mut().filter(|_| !shapes.is_empty()) {
                body.shapes.extend(shapes);
            }
        }
        Correction::RemoveParam {
            operation,
            location,
            name,
            ..
        } => {
            let op = operation_mut(spec, operation)?;
            let fields = fields_mut(op, *location);
            let index = field_index(fields, name)?;
            fields.remove(index);
            if let (ParamLocation::Body, Some(body)) = (location, op.body.as_mut()) {
                let nested = format!("{name}.");
                body.shapes
                    .retain(|s| s.path != *name && !s.path.starts_with(&nested));
            }
        }
        Correction::RenameParam {
            operation,
            location,
            name,
            value,
            ..
        } => {
            let fields = fields_mut(operation_mut(spec, operation)?, *location);
            if fields.iter().any(|f| f.name == *value) {
                return Err(Refusal::docs_agree(format!(
                    "`{value}` is already documented; remove this correction"
                )));
            }
            let index = field_index(fields, name)?;
            fields[index].name = value.clone();
        }
        Correction::SetRequired {
            operation,
            location,
            name,
            value,
            ..
        } => {
            let fields = fields_mut(operation_mut(spec, operation)?, *location);
            let index = field_index(fields, name)?;
            unchanged_is_stale(
                fields[index].required == *value,
                "required",
                &value.to_string(),
            )?;
            fields[index].required = *value;
        }
        Correction::SetType {
            operation,
            location,
            name,
            schema,
            values,
            fields: nested,
            ..
        } => {
            let schema = resolve_schema(spec, schema)?;
            let mut shapes = Vec::new();
            if !values.is_empty() || !nested.is_empty() {
                if *location != ParamLocation::Body {
                    return Err("only a body field takes `values` or `fields`".into());
                }
                shape_of(spec, name, &schema, values, nested, &mut shapes)?;
            }
            let op = operation_mut(spec, operation)?;
            let fields = fields_mut(op, *location);
            let index = field_index(fields, name)?;
            let same_type = fields[index].schema == schema;
            fields[index].schema = schema.clone();
            if *location == ParamLocation::Body {
                let body = op.body.as_mut().expect("a body field was found");
                let nested_path = format!("{name}.");
                let (old, kept): (Vec<FieldShape>, Vec<FieldShape>) =
                    std::mem::take(&mut body.shapes)
                        .into_iter()
                        .partition(|s| s.path == *name || s.path.starts_with(&nested_path));
                unchanged_is_stale(same_type && old == shapes, "type", &schema.display())?;
                body.shapes = kept;
                body.shapes.extend(shapes);
            } else {
                unchanged_is_stale(same_type, "type", &schema.display())?;
            }
        }
        Correction::SetBodyArray { operation, .. } => {
            let body = operation_mut(spec, operation)?
                .body
                .as_mut()
                .ok_or_else(|| Refusal::not_in_docs("the docs describe no body"))?;
            unchanged_is_stale(body.array, "body", "an array")?;
            body.array = true;
        }
        Correction::SetScopes {
            operation, value, ..
        } => {
            let op = operation_mut(spec, operation)?;
            let mut before = op.authorization.scopes.clone();
            let mut after = value.clone();
            before.sort();
            after.sort();
            unchanged_is_stale(before == after, "scopes", &value.join(", "))?;
            op.authorization.scopes = value.clone();
        }
        Correction::SetResponse {
            operation,
            code,
            schema,
            ..
        } => {
            let schema = resolve_schema(spec, schema)?;
            let op = operation_mut(spec, operation)?;
            let response = op
                .responses
                .iter_mut()
                .find(|r| r.code == *code)
                .ok_or_else(|| {
                    Refusal::not_in_docs(format!("response {code} is not documented"))
                })?;
            unchanged_is_stale(
                response.schema.as_ref() == Some(&schema),
                "response schema",
                &schema.display(),
            )?;
            response.schema = Some(schema);
        }
        Correction::AddDefinition {
            name,
            description,
            fields,
            ..
        } => {
            if spec.definition(name).is_some() {
                return Err(Refusal::docs_agree(format!(
                    "definition `{name}` already exists; remove this correction"
                )));
            }
            let mut typed = Vec::new();
            for field in fields {
                if !field.values.is_empty() || !field.fields.is_empty() {
                    return Err("only a body field takes `values` or `fields`".into());
                }
                typed.push(field_from(field, resolve_schema(spec, &field.schema)?));
            }
            spec.definitions.push(Definition {
                name: name.clone(),
                description: description.clone(),
                fields: typed,
            });
        }
        Correction::SetInferredField {
            operation,
            type_name,
            name,
            optional,
            schema,
            ..
        } => inferred::set_field(
            operation_mut(spec, operation)?,
            type_name,
            name,
            *optional,
            schema.as_deref(),
        )?,
        Correction::DropResponseSchema { operation, .. } => {
            let op = operation_mut(spec, operation)?;
            if op.response_schema.take().is_none() {
                return Err(Refusal::not_in_docs(
                    "no response schema was inferred for it (no readable example output); \
                     remove this correction",
                ));
            }
        }
        Correction::ExampleException {
            operation,
            what,
            reason,
        } => record_example_exception(spec, operation, *what, reason)?,
        // Judged by `cargo xtask verify` against a server; here only its operation must exist.
        Correction::ServerDecision { operation, .. } => {
            operation_mut(spec, operation)?;
        }
    }
    Ok(())
}

/// Puts the exception on every example of `operation` that differs in `what`.
fn record_example_exception(
    spec: &mut Spec,
    operation: &str,
    what: ExampleAspect,
    reason: &str,
) -> Result<(), Refusal> {
    let index = operation_index(spec, operation)?;
    let differing: Vec<usize> = spec.operations[index]
        .examples
        .iter()
        .enumerate()
        .filter(|(_, example)| {
            vectors::check(spec, &spec.operations[index], example)
                .iter()
                .any(|m| m.aspect == what)
        })
        .map(|(i, _)| i)
        .collect();
    if differing.is_empty() {
        return Err(Refusal::docs_agree(format!(
            "no example of `{operation}` differs in its {what} any more; remove this exception"
        )));
    }
    for i in differing {
        spec.operations[index].examples[i]
            .exceptions
            .push(ExampleException {
                what,
                reason: reason.to_string(),
            });
    }
    Ok(())
}

fn unchanged_is_stale(already: bool, what: &str, value: &str) -> Result<(), Refusal> {
    if already {
        Err(Refusal::docs_agree(format!(
            "the docs already say {what} `{value}`; remove this correction"
        )))
    } else {
        Ok(())
    }
}

fn operation_index(spec: &Spec, name: &str) -> Result<usize, Refusal> {
    spec.operations
        .iter()
        .position(|op| op.name == name)
        .ok_or_else(|| Refusal::not_in_docs(format!("operation `{name}` is not in these docs")))
}

fn operation_mut<'a>(spec: &'a mut Spec, name: &str) -> Result<&'a mut Operation, Refusal> {
    let index = operation_index(spec, name)?;
    Ok(&mut spec.operations[index])
}

fn fields_mut(op: &mut Operation, location: ParamLocation) -> &mut Vec<Field> {
    match location {
        ParamLocation::Path => &mut op.path_params,
        ParamLocation::Query => &mut op.query_params,
        ParamLocation::Body => {
            &mut op
                .body
                .get_or_insert_with(|| crate::spec::RequestBody::object(Vec::new()))
                .fields
        }
    }
}

fn field_index(fields: &[Field], name: &str) -> Result<usize, Refusal> {
    fields
        .iter()
        .position(|f| f.name == name)
        .ok_or_else(|| Refusal::not_in_docs(format!("`{name}` is not documented")))
}

/// A schema string as the docs write it, or the name of a definition (possibly `array of X`).
fn resolve_schema(spec: &Spec, text: &str) -> Result<Schema, String> {
    // `any`: any JSON value, as an untyped cell.
    if text.trim() == "any" {
        return Ok(Schema::Unknown {
            text: String::new(),
        });
    }
    let parsed = Schema::parse(text);
    if !parsed.has_unknown_text() {
        return Ok(parsed);
    }
    let trimmed = text.trim();
    if let Some(items) = trimmed.strip_prefix("array of ") {
        return resolve_schema(spec, items).map(Schema::array);
    }
    if spec.definition(trimmed).is_some() {
        return Ok(Schema::Ref {
            name: trimmed.to_string(),
        });
    }
    Err(format!(
        "`{text}` is neither a schema string nor a definition (add it first with add-definition)"
    ))
}

/// The shapes a retyped body field at `path` takes: its values, or its nested fields (each
/// possibly shaped in turn, at `path.field`).
fn shape_of(
    spec: &Spec,
    path: &str,
    schema: &Schema,
    values: &[String],
    nested: &[FieldDef],
    out: &mut Vec<FieldShape>,
) -> Result<(), Refusal> {
    if !values.is_empty() && !nested.is_empty() {
        return Err(format!("`{path}` cannot have both `values` and `fields`").into());
    }
    if !values.is_empty() && *schema != Schema::String {
        return Err(format!("`{path}` with `values` must be of schema `string`").into());
    }
    if !nested.is_empty() && *schema != Schema::Object {
        return Err(format!("`{path}` with `fields` must be of schema `object`").into());
    }
    let mut fields = Vec::new();
    let mut inner = Vec::new();
    for def in nested {
        if fields.iter().any(|f: &Field| f.name == def.name) {
            return Err(format!("`{path}` lists the field `{}` twice", def.name).into());
        }
        let field_schema = resolve_schema(spec, &def.schema)?;
        if !def.values.is_empty() || !def.fields.is_empty() {
            let field_path = format!("{path}.{}", def.name);
            shape_of(
                spec,
                &field_path,
                &field_schema,
                &def.values,
                &def.fields,
                &mut inner,
            )?;
        }
        fields.push(field_from(def, field_schema));
    }
    out.push(FieldShape {
        path: path.to_string(),
        fields,
        values: values.to_vec(),
    });
    out.extend(inner);
    Ok(())
}

fn field_from(def: &FieldDef, schema: Schema) -> Field {
    Field {
        name: def.name.clone(),
        required: def.required,
        description: def.description.clone(),
        schema,
        constraints: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
