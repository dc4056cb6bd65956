//! Compares the spec with what a server's discovery document says it serves, and words each
//! disagreement as a finding with the overlay correction that would make the spec agree.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;

use crate::spec::{Field, Location, Operation, RequestBody, Schema, Spec};

use super::discovery::{ServerApi, ServerOperation, ServerParam};
use crate::overlay::FieldDef;

/// One difference between the spec and the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// A stable kind (`query-required`, `body-type`, ...), as `server-decision` entries name it.
    pub kind: &'static str,
    pub operation: String,
    /// The parameter or body field concerned (`refs`, `body`), if the finding is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The docs entry of the operation, where the spec has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What differs, in one sentence: the docs' side, then the server's.
    pub message: String,
    /// A `[[correction]]` for `spec/overlay.toml` that makes the spec agree, when one of the
    /// overlay's kinds can say it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<String>,
    /// `false` for notes that need no decision (an operation the server has and the docs do not
    /// document).
    pub disagreement: bool,
}

/// Who the server is, for the reasons of suggested corrections.
#[derive(Debug, Clone)]
pub struct ServerIdentity {
    /// How the report names the server (`Quay 3.18 at http://127.0.0.1:8080`).
    pub label: String,
}

/// Every difference between `spec` and `server`, in the spec's operation order, then the
/// server's operations the spec does not have.
pub fn compare(spec: &Spec, server: &ServerApi, who: &ServerIdentity) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut matched: BTreeSet<&str> = BTreeSet::new();
    for op in &spec.operations {
        // A server may route one operation at several paths: the one the docs name wins.
        let named: Vec<&ServerOperation> = server
            .operations
            .iter()
            .filter(|s| s.name == op.name)
            .collect();
        let same_route = server
            .operations
            .iter()
            .find(|s| s.method == op.method && s.path == op.path);
        let by_name = named
            .iter()
            .find(|s| s.method == op.method && s.path == op.path)
            .or(named.first())
            .copied();
        let found = match (by_name, same_route) {
            (Some(server_op), _) => Some(server_op),
            (None, Some(server_op)) => {
                findings.push(finding(
                    op,
                    "operation-name",
                    None,
                    format!(
                        "the docs name {} {} `{}`; the server names it `{}`",
                        op.method, op.path, op.name, server_op.name
                    ),
                    Some(correction(
                        "rename-operation",
                        &op.name,
                        &[("value", quoted(&server_op.name))],
                        &format!(
                            "{} names {} {} `{}`",
                            who.label, op.method, op.path, server_op.name
                        ),
                    )),
                ));
                Some(server_op)
            }
            (None, None) => {
                findings.push(finding(
                    op,
                    "operation-not-served",
                    None,
                    format!(
                        "the docs document {} {}; the server serves no operation of that name or route",
                        op.method, op.path
                    ),
                    None,
                ));
                None
            }
        };
        if let Some(server_op) = found {
            matched.insert(server_op.name.as_str());
            compare_operation(op, server_op, who, &mut findings);
        }
    }
    for server_op in &server.operations {
        if !matched.contains(server_op.name.as_str()) {
            findings.push(Finding {
                kind: "undocumented-operation",
                operation: server_op.name.clone(),
                subject: None,
                location: None,
                message: format!(
                    "the server serves {} {}{}; the docs do not document it",
                    server_op.method,
                    server_op.path,
                    if server_op.internal {
                        " (internal)"
                    } else {
                        ""
                    }
                ),
                correction: None,
                disagreement: false,
            });
        }
    }
    findings
}

fn compare_operation(
    op: &Operation,
    server: &ServerOperation,
    who: &ServerIdentity,
    out: &mut Vec<Finding>,
) {
    if op.method != server.method {
        out.push(finding(
            op,
            "method",
            None,
            format!(
                "the docs say {}; the server routes {}",
                op.method, server.method
            ),
            Some(correction(
                "set-method",
                &op.name,
                &[("value", quoted(server.method.as_str()))],
                &format!("{} routes `{}` as {}", who.label, op.name, server.method),
            )),
        ));
    }
    if op.path != server.path {
        let slash = op.path.trim_end_matches('/') == server.path.trim_end_matches('/');
        out.push(finding(
            op,
            "path",
            None,
            format!(
                "the docs say {}; the server routes {}{}",
                op.path,
                server.path,
                if slash {
                    " (a trailing slash differs)"
                } else {
                    ""
                }
            ),
            Some(correction(
                "set-path",
                &op.name,
                &[("value", quoted(&server.path))],
                &format!("{} routes `{}` at {}", who.label, op.name, server.path),
            )),
        ));
    }
    compare_params(op, "path", &op.path_params, &server.path_params, who, out);
    compare_params(
        op,
        "query",
        &op.query_params,
        &server.query_params,
        who,
        out,
    );
    compare_body(op, server.body.as_ref(), who, out);
    let docs: BTreeSet<&str> = op.authorization.scopes.iter().map(String::as_str).collect();
    let served: BTreeSet<&str> = server.scopes.iter().map(String::as_str).collect();
    if docs != served {
        let value = served
            .iter()
            .map(|s| quoted(s))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(finding(
            op,
            "scopes",
            None,
            format!("the docs list scopes {docs:?}; the server requires {served:?}"),
            Some(correction(
                "set-scopes",
                &op.name,
                &[("value", format!("[{value}]"))],
                &format!(
                    "{} requires the scopes [{}] for `{}`",
                    who.label,
                    served.iter().copied().collect::<Vec<_>>().join(", "),
                    op.name
                ),
            )),
        ));
    }
}

fn compare_params(
    op: &Operation,
    location: &str,
    docs: &[Field],
    server: &[ServerParam],
    who: &ServerIdentity,
    out: &mut Vec<Finding>,
) {
    for param in server {
        let Some(documented) = docs.iter().find(|f| f.name == param.name) else {
            let schema = param.ty.as_deref().unwrap_or("string");
            out.push(finding(
                op,
                "param-missing",
                Some(&param.name),
                format!(
                    "the docs do not list the {location} parameter `{}`; the server takes it ({}{schema})",
                    param.name,
                    if param.required { "required, " } else { "optional, " }
                ),
                Some(correction(
                    "add-param",
                    &op.name,
                    &[
                        ("location", quoted(location)),
                        (
                            "field",
                            format!(
                                "{{ name = {}, required = {}, schema = {} }}",
                                quoted(&param.name),
                                param.required,
                                quoted(schema)
                            ),
                        ),
                    ],
                    &format!("{} takes the {location} parameter `{}`", who.label, param.name),
                )),
            ));
            continue;
        };
        if documented.required != param.required {
            out.push(finding(
                op,
                "param-required",
                Some(&param.name),
                format!(
                    "the docs make the {location} parameter `{}` {}; the server makes it {}",
                    param.name,
                    required_word(documented.required),
                    required_word(param.required)
                ),
                Some(correction(
                    "set-required",
                    &op.name,
                    &[
                        ("location", quoted(location)),
                        ("name", quoted(&param.name)),
                        ("value", param.required.to_string()),
                    ],
                    &format!(
                        "{} makes the {location} parameter `{}` {}",
                        who.label,
                        param.name,
                        required_word(param.required)
                    ),
                )),
            ));
        }
        if let Some(server_type) = param.ty.as_deref() {
            if !schema_is(&documented.schema, server_type) {
                out.push(finding(
                    op,
                    "param-type",
                    Some(&param.name),
                    format!(
                        "the docs type the {location} parameter `{}` {}; the server types it {server_type}",
                        param.name,
                        schema_text(&documented.schema)
                    ),
                    Some(correction(
                        "set-type",
                        &op.name,
                        &[
                            ("location", quoted(location)),
                            ("name", quoted(&param.name)),
                            ("schema", quoted(server_type)),
                        ],
                        &format!("{} types the {location} parameter `{}` {server_type}", who.label, param.name),
                    )),
                ));
            }
        }
    }
    for documented in docs {
        if !server.iter().any(|p| p.name == documented.name) {
            out.push(finding(
                op,
                "param-not-served",
                Some(&documented.name),
                format!(
                    "the docs list the {location} parameter `{}`; the server does not take it",
                    documented.name
                ),
                Some(correction(
                    "remove-param",
                    &op.name,
                    &[
                        ("location", quoted(location)),
                        ("name", quoted(&documented.name)),
                    ],
                    &format!(
                        "{} does not take the {location} parameter `{}`",
                        who.label, documented.name
                    ),
                )),
            ));
        }
    }
}

fn compare_body(
    op: &Operation,
    server: Option<&Value>,
    who: &ServerIdentity,
    out: &mut Vec<Finding>,
) {
    let docs = op.body.as_ref();
    let Some(schema) = server else {
        return;
    };
    let server_type = json_types(schema);
    if server_type.contains("array") && !server_type.contains("object") {
        let items = schema.get("items");
        if let (Some(docs), Some(items)) = (docs, items) {
            if docs.array {
                return compare_body_fields(op, docs, items, who, out);
            }
        }
        let described = items.map(describe_schema).unwrap_or_else(|| "any".into());
        let item_object = items.is_some_and(|i| json_types(i).contains("object"));
        out.push(finding(
            op,
            "body-type",
            Some("body"),
            format!(
                "the docs describe the body as {}; the server accepts only a JSON array of {described}",
                if docs.is_some() {
                    "one object"
                } else {
                    "nothing"
                }
            ),
            (docs.is_some() && item_object).then(|| {
                correction(
                    "set-body-array",
                    &op.name,
                    &[],
                    &format!(
                        "{} accepts the body of `{}` only as a JSON array of {described}",
                        who.label, op.name
                    ),
                )
            }),
        ));
        // The items' fields are compared now too, so that one round of suggestions (the array
        // and what its items hold) makes the spec agree.
        if let (Some(docs), Some(items), true) = (docs, items, item_object) {
            compare_body_fields(op, docs, items, who, out);
        }
        return;
    } else if docs.is_some_and(|d| d.array) {
        out.push(finding(
            op,
            "body-type",
            Some("body"),
            format!(
                "the spec makes the body a JSON array; the server validates one object ({})",
                describe_schema(schema)
            ),
            None,
        ));
    }
    let Some(docs) = docs else {
        out.push(finding(
            op,
            "body-missing",
            Some("body"),
            format!(
                "the docs describe no body; the server validates one ({})",
                describe_schema(schema)
            ),
            None,
        ));
        return;
    };
    compare_body_fields(op, docs, schema, who, out);
}

/// The documented fields of a body (of each item, for an array) against the server's object schema.
fn compare_body_fields(
    op: &Operation,
    docs: &RequestBody,
    schema: &Value,
    who: &ServerIdentity,
    out: &mut Vec<Finding>,
) {
    let properties = schema
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let required: BTreeSet<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for (name, property) in &properties {
        let server_required = required.contains(name.as_str());
        let Some(field) = docs.fields.iter().find(|f| &f.name == name) else {
            out.push(finding(
                op,
                "body-field-missing",
                Some(name),
                format!(
                    "the docs do not list the body field `{name}`; the server takes it ({}{})",
                    if server_required {
                        "required, "
                    } else {
                        "optional, "
                    },
                    describe_schema(property)
                ),
                // With the field's enum values or nested fields, as `set-type` would give them.
                Some(server_field(name, property, server_required))
                    .filter(|def| def.schema != "any")
                    .map(|def| {
                        correction(
                            "add-param",
                            &op.name,
                            &[("location", quoted("body")), ("field", toml_field(&def))],
                            &format!("{} takes the body field `{name}`", who.label),
                        )
                    }),
            ));
            continue;
        };
        if field.required != server_required {
            out.push(finding(
                op,
                "body-field-required",
                Some(name),
                format!(
                    "the docs make the body field `{name}` {}; the server makes it {}",
                    required_word(field.required),
                    required_word(server_required)
                ),
                Some(correction(
                    "set-required",
                    &op.name,
                    &[
                        ("location", quoted("body")),
                        ("name", quoted(name)),
                        ("value", server_required.to_string()),
                    ],
                    &format!(
                        "{} makes the body field `{name}` {}",
                        who.label,
                        required_word(server_required)
                    ),
                )),
            ));
        }
        compare_field_type(op, docs, field, property, who, out);
    }
    let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
    for field in &docs.fields {
        if !properties.contains_key(&field.name) && (closed || !properties.is_empty()) {
            out.push(finding(
                op,
                "body-field-not-served",
                Some(&field.name),
                format!(
                    "the docs list the body field `{}`; the server's schema has no such field{}",
                    field.name,
                    if closed {
                        " and rejects unknown fields"
                    } else {
                        ""
                    }
                ),
                Some(correction(
                    "remove-param",
                    &op.name,
                    &[("location", quoted("body")), ("name", quoted(&field.name))],
                    &format!(
                        "{}'s schema for `{}` has no field `{}`",
                        who.label, op.name, field.name
                    ),
                )),
            ));
        }
    }
}

fn compare_field_type(
    op: &Operation,
    body: &RequestBody,
    field: &Field,
    server: &Value,
    who: &ServerIdentity,
    out: &mut Vec<Finding>,
) {
    let name = field.name.as_str();
    let docs = &field.schema;
    let types = json_types(server);
    let docs_shape = body.shape(name);
    if let Some(values) = server.get("enum").and_then(Value::as_array) {
        let strings = enum_strings(values);
        if docs_shape.is_some_and(|s| Some(&s.values) == strings.as_ref())
            && *docs == Schema::String
        {
            return;
        }
        let listed: Vec<String> = values.iter().map(Value::to_string).collect();
        out.push(finding(
            op,
            "body-field-enum",
            Some(name),
            format!(
                "the docs type the body field `{name}` {}; the server allows only {}",
                shape_text(docs, docs_shape.map(|s| s.values.as_slice())),
                listed.join(", ")
            ),
            strings.map(|values| {
                correction(
                    "set-type",
                    &op.name,
                    &[
                        ("location", quoted("body")),
                        ("name", quoted(name)),
                        ("schema", quoted("string")),
                        ("values", toml_strings(&values)),
                    ],
                    &format!(
                        "{} allows only {} in the body field `{name}`",
                        who.label,
                        listed.join(", ")
                    ),
                )
            }),
        ));
        return;
    }
    let props = server
        .get("properties")
        .and_then(Value::as_object)
        .filter(|p| !p.is_empty());
    if let (Some(props), true) = (
        props,
        types.contains("object") && matches!(docs, Schema::Object | Schema::Unknown { .. }),
    ) {
        let wanted = server_fields(server);
        let documented = docs_fields(body, name);
        if *docs == Schema::Object && documented.as_ref() == Some(&wanted) {
            return;
        }
        out.push(finding(
            op,
            "body-field-object",
            Some(name),
            format!(
                "the docs type the body field `{name}` as {}; the server's object has {}",
                if documented.is_some() {
                    "an object with other fields"
                } else {
                    "an object without fields"
                },
                props
                    .keys()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some(correction(
                "set-type",
                &op.name,
                &[
                    ("location", quoted("body")),
                    ("name", quoted(name)),
                    ("schema", quoted("object")),
                    ("fields", toml_field_list(&wanted)),
                ],
                &format!(
                    "{} wants the body field `{name}` as {}",
                    who.label,
                    describe_schema(server)
                ),
            )),
        ));
        return;
    }
    // An untyped cell says nothing to disagree with, but the server's one type is better: for an
    // object (`null` there means absent), or a value the server never takes as `null` (where it
    // does, `null` means something, and only the untyped JSON value can send it).
    let untyped_fits =
        matches!(docs, Schema::Unknown { .. }) && (types.contains("object") || !nullable(server));
    if let (true, Some(schema)) = (untyped_fits, simple_schema(server)) {
        out.push(finding(
            op,
            "body-field-type",
            Some(name),
            format!(
                "the docs leave the body field `{name}` untyped; the server wants {}",
                describe_schema(server)
            ),
            Some(correction(
                "set-type",
                &op.name,
                &[
                    ("location", quoted("body")),
                    ("name", quoted(name)),
                    ("schema", quoted(&schema)),
                ],
                &format!(
                    "{} wants the body field `{name}` as {}",
                    who.label,
                    describe_schema(server)
                ),
            )),
        ));
        return;
    }
    if types.is_empty() || types.iter().any(|t| schema_is(docs, t)) {
        return;
    }
    out.push(finding(
        op,
        "body-field-type",
        Some(name),
        format!(
            "the docs type the body field `{name}` {}; the server wants {}",
            schema_text(docs),
            describe_schema(server)
        ),
        simple_schema(server).map(|schema| {
            correction(
                "set-type",
                &op.name,
                &[
                    ("location", quoted("body")),
                    ("name", quoted(name)),
                    ("schema", quoted(&schema)),
                ],
                &format!(
                    "{} wants the body field `{name}` as {}",
                    who.label,
                    describe_schema(server)
                ),
            )
        }),
    ));
}

fn finding(
    op: &Operation,
    kind: &'static str,
    subject: Option<&str>,
    message: String,
    correction: Option<String>,
) -> Finding {
    Finding {
        kind,
        operation: op.name.clone(),
        subject: subject.map(str::to_owned),
        location: Some(op.location.clone()),
        message,
        correction,
        disagreement: true,
    }
}

/// A `[[correction]]` entry of `spec/overlay.toml`.
fn correction(change: &str, operation: &str, fields: &[(&str, String)], reason: &str) -> String {
    let mut text = format!(
        "[[correction]]\nchange = {}\noperation = {}\n",
        quoted(change),
        quoted(operation)
    );
    for (key, value) in fields {
        text.push_str(&format!("{key} = {value}\n"));
    }
    text.push_str(&format!("reason = {}\n", quoted(reason)));
    text
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

fn required_word(required: bool) -> &'static str {
    if required {
        "required"
    } else {
        "optional"
    }
}

/// The JSON types a schema allows (`type` may be one name or a list, `null` left out).
fn json_types(schema: &Value) -> BTreeSet<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => [t.as_str()].into_iter().filter(|t| *t != "null").collect(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => BTreeSet::new(),
    }
}

/// Whether a spec schema is the JSON type `ty` (an integer also fits `number`).
fn schema_is(schema: &Schema, ty: &str) -> bool {
    match (schema, ty) {
        (Schema::String, "string")
        | (Schema::Integer, "integer")
        | (Schema::Integer | Schema::Number, "number")
        | (Schema::Boolean, "boolean")
        | (Schema::Array { .. }, "array")
        | (Schema::Object | Schema::Ref { .. }, "object") => true,
        // An untyped cell says nothing to disagree with.
        (Schema::Unknown { .. }, _) => true,
        _ => false,
    }
}

fn schema_text(schema: &Schema) -> String {
    match schema {
        Schema::String => "string".into(),
        Schema::Integer => "integer".into(),
        Schema::Number => "number".into(),
        Schema::Boolean => "boolean".into(),
        Schema::Array { items } => format!("array of {}", schema_text(items)),
        Schema::Object => "object".into(),
        Schema::Ref { name } => name.clone(),
        Schema::Unknown { text } if text.is_empty() => "(untyped)".into(),
        Schema::Unknown { text } => format!("`{text}`"),
    }
}

/// A schema in words: `string`, `integer or null`, `an object with fields a, b`, `array of string`.
fn describe_schema(schema: &Value) -> String {
    let types: Vec<&str> = json_types(schema).into_iter().collect();
    let nullable = match schema.get("type") {
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "null"),
        _ => false,
    };
    let base = match types.as_slice() {
        ["array"] => format!(
            "array of {}",
            schema
                .get("items")
                .map(describe_schema)
                .unwrap_or_else(|| "any".into())
        ),
        ["object"] => match schema.get("properties").and_then(Value::as_object) {
            Some(props) if !props.is_empty() => format!(
                "an object with fields {}",
                props.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
            _ => "an object".into(),
        },
        [] => "any value".into(),
        several => several.join(" or "),
    };
    if nullable {
        format!("{base} or null")
    } else {
        base
    }
}

/// Whether a schema's `type` allows `null`.
fn nullable(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "null"),
        Some(Value::String(t)) => t == "null",
        _ => false,
    }
}

/// An enum's values when they are all strings (a `null` among them only makes the field nullable).
fn enum_strings(values: &[Value]) -> Option<Vec<String>> {
    values
        .iter()
        .filter(|v| !v.is_null())
        .map(|v| v.as_str().map(str::to_owned))
        .collect::<Option<Vec<_>>>()
        .filter(|v| !v.is_empty())
}

fn shape_text(schema: &Schema, values: Option<&[String]>) -> String {
    match values {
        Some(values) if !values.is_empty() => format!("one of {}", values.join(", ")),
        _ => schema_text(schema),
    }
}

/// The fields of a server's object schema as overlay field definitions, nested objects and
/// enums included; a property no schema string can say is `any`.
fn server_fields(schema: &Value) -> Vec<FieldDef> {
    let required: BTreeSet<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    props
        .iter()
        .map(|(name, property)| server_field(name, property, required.contains(name.as_str())))
        .collect()
}

/// One property of a server's object schema as an overlay field definition: an enum of strings
/// as `string` with its `values`, an object with properties as `object` with its `fields`.
fn server_field(name: &str, property: &Value, required: bool) -> FieldDef {
    {
        {
            let values = property
                .get("enum")
                .and_then(Value::as_array)
                .and_then(|v| enum_strings(v))
                .unwrap_or_default();
            let nested = property
                .get("properties")
                .and_then(Value::as_object)
                .is_some_and(|p| !p.is_empty())
                && json_types(property).contains("object");
            let schema = if !values.is_empty() {
                "string".to_string()
            } else if nested {
                "object".to_string()
            } else {
                simple_schema(property).unwrap_or_else(|| "any".into())
            };
            FieldDef {
                name: name.to_string(),
                required,
                schema,
                description: String::new(),
                values,
                fields: if nested {
                    server_fields(property)
                } else {
                    Vec::new()
                },
            }
        }
    }
}

/// The spec's nested object at `path` as overlay field definitions, if it has one.
fn docs_fields(body: &RequestBody, path: &str) -> Option<Vec<FieldDef>> {
    let shape = body.shape(path).filter(|s| !s.fields.is_empty())?;
    Some(
        shape
            .fields
            .iter()
            .map(|f| {
                let inner = format!("{path}.{}", f.name);
                let values = body
                    .shape(&inner)
                    .map(|s| s.values.clone())
                    .unwrap_or_default();
                FieldDef {
                    name: f.name.clone(),
                    required: f.required,
                    schema: match &f.schema {
                        Schema::Unknown { .. } => "any".into(),
                        other => other.display(),
                    },
                    description: String::new(),
                    values,
                    fields: docs_fields(body, &inner).unwrap_or_default(),
                }
            })
            .collect(),
    )
}

fn toml_strings(values: &[String]) -> String {
    format!(
        "[{}]",
        values
            .iter()
            .map(|v| quoted(v))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Field definitions as a TOML array of inline tables, one per line.
fn toml_field_list(fields: &[FieldDef]) -> String {
    let mut text = String::from("[\n");
    for field in fields {
        text.push_str(&format!("  {},\n", toml_field(field)));
    }
    text.push(']');
    text
}

fn toml_field(field: &FieldDef) -> String {
    let mut text = format!(
        "{{ name = {}, required = {}, schema = {}",
        quoted(&field.name),
        field.required,
        quoted(&field.schema)
    );
    if !field.values.is_empty() {
        text.push_str(&format!(", values = {}", toml_strings(&field.values)));
    }
    if !field.fields.is_empty() {
        let inner: Vec<String> = field.fields.iter().map(toml_field).collect();
        text.push_str(&format!(", fields = [{}]", inner.join(", ")));
    }
    text.push_str(" }");
    text
}

/// The overlay's schema string for a server schema, where it has one.
fn simple_schema(schema: &Value) -> Option<String> {
    let types: Vec<&str> = json_types(schema).into_iter().collect();
    match types.as_slice() {
        [t @ ("string" | "integer" | "number" | "boolean")] => Some((*t).to_owned()),
        ["object"] if schema.get("properties").is_none() => Some("object".into()),
        ["array"] => {
            let items = schema.get("items").and_then(simple_schema)?;
            Some(format!("array of {items}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::testing::{body, field, operation, spec};
    use crate::spec::{Authorization, Method};
    use serde_json::json;

    fn spec_operation() -> Operation {
        let mut op = operation("changeThing", Method::Put, "/api/v1/thing/{id}");
        op.location.line = 3;
        op.path_params = vec![field("id", true, Schema::String)];
        op.query_params = vec![
            field("force", true, Schema::Boolean),
            field("gone", false, Schema::String),
        ];
        op.body = body(vec![
            field("name", true, Schema::String),
            field("size", false, Schema::String),
            field("refs", false, Schema::Object),
        ]);
        op.authorization = Authorization {
            scheme: None,
            scopes: vec!["repo:write".into()],
            text: String::new(),
        };
        op
    }

    fn server_operation() -> ServerOperation {
        ServerOperation {
            name: "changeThing".into(),
            method: Method::Put,
            path: "/api/v1/thing/{id}".into(),
            path_params: vec![ServerParam {
                name: "id".into(),
                required: true,
                ty: Some("string".into()),
            }],
            query_params: vec![ServerParam {
                name: "force".into(),
                required: false,
                ty: Some("boolean".into()),
            }],
            body: Some(json!({
                "type": "object",
                "required": ["name", "size"],
                "properties": {
                    "name": {"type": "string"},
                    "size": {"type": "integer"},
                    "refs": {"type": ["object", "null"], "properties": {"kind": {"type": "string"}}},
                    "mode": {"type": "string", "enum": ["a", "b"]}
                },
                "additionalProperties": false
            })),
            scopes: vec!["repo:admin".into(), "repo:write".into()],
            internal: false,
        }
    }

    fn run(op: Operation, server: ServerOperation) -> Vec<Finding> {
        let spec = spec(vec![op]);
        let api = ServerApi {
            api_version: None,
            operations: vec![server],
        };
        compare(
            &spec,
            &api,
            &ServerIdentity {
                label: "Quay 3.18 at http://127.0.0.1:1".into(),
            },
        )
    }

    fn kinds(findings: &[Finding]) -> Vec<(&str, Option<&str>)> {
        findings
            .iter()
            .map(|f| (f.kind, f.subject.as_deref()))
            .collect()
    }

    #[test]
    fn parameters_bodies_and_scopes_that_differ() {
        let findings = run(spec_operation(), server_operation());
        assert_eq!(
            kinds(&findings),
            [
                ("param-required", Some("force")),
                ("param-not-served", Some("gone")),
                ("body-field-required", Some("size")),
                ("body-field-type", Some("size")),
                ("body-field-object", Some("refs")),
                ("body-field-missing", Some("mode")),
                ("scopes", None),
            ]
        );
        let required = &findings[0];
        assert_eq!(required.location.as_ref().unwrap().line, 3);
        let toml = required.correction.as_deref().unwrap();
        assert!(toml.contains("change = \"set-required\""), "{toml}");
        assert!(toml.contains("value = false"), "{toml}");
        assert!(toml.contains("Quay 3.18 at http://127.0.0.1:1"), "{toml}");
        // Every suggested correction parses as an overlay entry.
        for finding in &findings {
            if let Some(toml) = &finding.correction {
                crate::overlay::parse("suggested.toml", toml)
                    .unwrap_or_else(|e| panic!("{toml}: {e}"));
            }
        }
    }

    #[test]
    fn an_array_body_and_a_renamed_or_missing_operation() {
        let mut server = server_operation();
        server.body = Some(
            json!({"type": "array", "items": {"type": "object", "properties": {"issuer": {"type": "string"}}}}),
        );
        let findings = run(spec_operation(), server.clone());
        let body = findings.iter().find(|f| f.kind == "body-type").unwrap();
        assert!(
            body.message
                .contains("only a JSON array of an object with fields issuer"),
            "{}",
            body.message
        );

        server.name = "updateThing".into();
        let findings = run(spec_operation(), server.clone());
        assert_eq!(findings[0].kind, "operation-name");
        assert!(findings[0]
            .correction
            .as_deref()
            .unwrap()
            .contains("rename-operation"));

        server.path = "/api/v1/thing/{id}/".into();
        let findings = run(spec_operation(), server);
        assert_eq!(kinds(&findings)[0], ("operation-not-served", None));
        let note = findings.last().unwrap();
        assert_eq!(
            (note.kind, note.disagreement),
            ("undocumented-operation", false)
        );
    }

    #[test]
    fn a_trailing_slash_is_a_path_difference() {
        let mut server = server_operation();
        server.path = "/api/v1/thing/{id}/".into();
        let findings = run(spec_operation(), server);
        let path = findings.iter().find(|f| f.kind == "path").unwrap();
        assert!(path.message.contains("trailing slash"), "{}", path.message);
    }

    /// Applies every suggested correction of `findings` to `spec` at once (as pasted into the
    /// overlay), checking that each parses as an overlay entry.
    fn apply_suggestions(spec: &Spec, findings: &[Finding]) -> Spec {
        let text: String = findings
            .iter()
            .filter_map(|f| f.correction.as_deref())
            .inspect(|toml| {
                crate::overlay::parse("suggested.toml", toml)
                    .unwrap_or_else(|e| panic!("{toml}: {e}"));
            })
            .collect::<Vec<_>>()
            .join("\n");
        let overlay = crate::overlay::parse("suggested.toml", &text).expect("parses");
        crate::overlay::apply(spec, &overlay, "suggested.toml", &text)
            .unwrap_or_else(|errors| panic!("{text}\n{errors:?}"))
    }

    fn findings_of(spec: &Spec, server: &ServerOperation) -> Vec<Finding> {
        let api = ServerApi {
            api_version: None,
            operations: vec![server.clone()],
        };
        compare(
            spec,
            &api,
            &ServerIdentity {
                label: "Quay 3.18 at http://127.0.0.1:1".into(),
            },
        )
    }

    #[test]
    fn applied_suggestions_make_their_findings_disappear() {
        let before = spec(vec![spec_operation()]);
        let server = server_operation();
        let findings = findings_of(&before, &server);
        assert!(
            findings.iter().all(|f| f.correction.is_some()),
            "{findings:?}"
        );
        let after = apply_suggestions(&before, &findings);
        let left = findings_of(&after, &server);
        assert!(left.is_empty(), "{:?}", kinds(&left));
        // What the corrections made: an enum, a nested object, the scopes.
        let op = after.operation("changeThing").unwrap();
        let body = op.body.as_ref().unwrap();
        let mode = body.shapes.iter().find(|s| s.path == "mode").unwrap();
        assert_eq!(mode.values, ["a", "b"]);
        let refs = body.shapes.iter().find(|s| s.path == "refs").unwrap();
        assert_eq!(refs.fields[0].name, "kind");
        assert_eq!(op.authorization.scopes.len(), 2);
    }

    #[test]
    fn applied_suggestions_make_an_array_body_and_nested_enums_agree() {
        let before = spec(vec![spec_operation()]);
        let mut server = server_operation();
        server.query_params[0].required = true;
        server.query_params.push(ServerParam {
            name: "gone".into(),
            required: false,
            ty: Some("string".into()),
        });
        server.scopes = vec!["repo:write".into()];
        server.body = Some(json!({
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "size": {"type": "string"},
                    "refs": {
                        "type": "object",
                        "required": ["kind"],
                        "properties": {"kind": {"type": "string", "enum": ["branch", "tag"]}}
                    }
                }
            }
        }));
        let findings = findings_of(&before, &server);
        assert!(
            findings.iter().any(|f| f.kind == "body-type"),
            "{:?}",
            kinds(&findings)
        );
        let after = apply_suggestions(&before, &findings);
        let left = findings_of(&after, &server);
        assert!(left.is_empty(), "{:?}", kinds(&left));
        let body = after
            .operation("changeThing")
            .unwrap()
            .body
            .clone()
            .unwrap();
        assert!(body.array);
        let kind = body.shapes.iter().find(|s| s.path == "refs.kind").unwrap();
        assert_eq!(kind.values, ["branch", "tag"]);
    }
}
