//! Exports a [`Spec`] as an OpenAPI 3.1 document, for users of other tools.
//!
//! The document is a `serde_json::Value` whose maps are sorted, so the output is deterministic.
//! Operation ids are operation names; each definition and each request body becomes a component
//! schema; the OAuth2 implicit flow carries every scope found in the spec, and each operation
//! lists the scopes it needs. What OpenAPI cannot express (a second entry with an already used
//! name, or two operations on one method and path) is left out and reported in [`Export::skipped`].

mod inferred;
mod schema;
pub mod v3_0;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde_json::{json, Map, Value};

use crate::spec::{Field, Operation, RequestBody, Spec};

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// Where the OAuth2 implicit flow starts, relative to the Quay server.
pub const AUTHORIZATION_URL: &str = "/oauth/authorize";

/// The exported document and what could not be put in it.
#[derive(Debug, Clone)]
pub struct Export {
    pub document: Value,
    /// One line per operation left out, naming it and saying why.
    pub skipped: Vec<String>,
}

impl Export {
    /// The document as pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        pretty(&self.document)
    }

    /// The document as OpenAPI 3.0 ([`v3_0::downgrade`]), pretty JSON with a trailing newline.
    pub fn to_json_3_0(&self) -> String {
        pretty(&v3_0::downgrade(&self.document))
    }
}

fn pretty(document: &Value) -> String {
    // Room for the document without growing the text: about 5 KiB per path.
    let paths = document["paths"].as_object().map_or(0, |paths| paths.len());
    crate::spec::pretty::to_pretty_json(document, (paths + 1) * 6 * 1024)
        .expect("JSON values always serialize")
}

/// Builds the OpenAPI document for `spec`.
pub fn export(spec: &Spec) -> Export {
    let definitions: HashSet<&str> = spec.definitions.iter().map(|d| d.name.as_str()).collect();
    let schemas = schema::Converter { definitions };
    let mut components = schema::definition_components(spec, &schemas);
    let mut paths: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut names_seen = HashSet::new();
    for op in &spec.operations {
        if !names_seen.insert(op.name.as_str()) {
            skipped.push(format!(
                "{}: a second entry with this name ({} {})",
                op.name, op.method, op.path
            ));
            continue;
        }
        let method = op.method.as_str().to_ascii_lowercase();
        let item = paths.entry(op.path.clone()).or_default();
        if let Some(existing) = item.get(&method) {
            let first = existing["operationId"].as_str().unwrap_or_default();
            skipped.push(format!(
                "{}: {} {} is already operation {first}",
                op.name, op.method, op.path
            ));
            continue;
        }
        let body_ref = op
            .body
            .as_ref()
            .map(|body| add_body_component(op, body, &schemas, &mut components));
        let inferred = inferred::add_components(op, &mut components);
        item.insert(method, operation(op, body_ref, inferred, &schemas));
    }
    let paths: Map<String, Value> = paths
        .into_iter()
        .map(|(path, item)| (path, Value::Object(item)))
        .collect();
    let components: Map<String, Value> = components.into_iter().collect();
    let document = object([
        ("openapi", json!(OPENAPI_VERSION)),
        ("info", info(spec)),
        ("tags", tags(spec)),
        ("paths", Value::Object(paths)),
        (
            "components",
            object([
                ("schemas", Value::Object(components)),
                ("securitySchemes", security_schemes(spec)),
            ]),
        ),
    ]);
    Export { document, skipped }
}

/// A JSON object of `entries`, in order. The values are moved in: `json!` serializes a `Value`
/// it is given into a copy, which made copying most of the document's work.
pub(crate) fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect(),
    )
}

/// `{"application/json": {"schema": schema}}`, a response's or a body's content.
fn json_content(schema: Value) -> Value {
    object([("application/json", object([("schema", schema)]))])
}

fn info(spec: &Spec) -> Value {
    let version = spec.source.docs_version.as_deref().unwrap_or("unknown");
    json!({
        "title": "Red Hat Quay API",
        "version": version,
        "description": format!(
            "Derived from the Red Hat Quay {version} API reference ({} rendering, {}).",
            match spec.source.format {
                crate::spec::DocFormat::Adoc => "AsciiDoc",
                crate::spec::DocFormat::Markdown => "Markdown",
            },
            spec.source.content_hash
        ),
    })
}

fn tags(spec: &Spec) -> Value {
    let tags: Vec<Value> = spec
        .groups
        .iter()
        .map(|g| json!({"name": g.name, "description": g.description}))
        .collect();
    Value::Array(tags)
}

fn operation(
    op: &Operation,
    body_ref: Option<(String, bool)>,
    inferred: Option<Value>,
    schemas: &schema::Converter,
) -> Value {
    let mut out = Map::new();
    out.insert("operationId".into(), json!(op.name));
    out.insert("tags".into(), json!([op.group]));
    if !op.description.is_empty() {
        out.insert("description".into(), json!(op.description));
    }
    // The Quay version that added the operation (an extension: OpenAPI has no such field).
    if let Some(since) = &op.since {
        out.insert("x-since".into(), json!(format!("Quay {since}")));
    }
    let parameters = parameters(op, schemas);
    if !parameters.is_empty() {
        out.insert("parameters".into(), Value::Array(parameters));
    }
    if let (Some((reference, required)), Some(body)) = (body_ref, &op.body) {
        let mut request = json!({
            "required": required,
            "content": { body.content_type.clone(): { "schema": { "$ref": reference } } },
        });
        if !body.description.is_empty() {
            request["description"] = json!(body.description);
        }
        out.insert("requestBody".into(), request);
    }
    out.insert("responses".into(), responses(op, inferred, schemas));
    out.insert("security".into(), security(op));
    Value::Object(out)
}

/// Path parameters in template order (every placeholder gets one, documented or not), then
/// query parameters. Documented path parameters that are not in the template cannot be
/// expressed and are left out; the parser already warns about them.
fn parameters(op: &Operation, schemas: &schema::Converter) -> Vec<Value> {
    let mut out = Vec::new();
    for name in op.template_params() {
        let documented = op.path_params.iter().find(|p| p.name == name);
        let mut description = documented
            .map(|p| p.description.clone())
            .unwrap_or_default();
        if name == "repository" && !description.contains("namespace/name") {
            description = format!("{description} The full repository name, `namespace/name`.")
                .trim()
                .to_string();
        }
        let schema =
            documented.map_or_else(|| json!({"type": "string"}), |p| schemas.convert(&p.schema));
        out.push(object([
            ("name", json!(name)),
            ("in", json!("path")),
            ("required", json!(true)),
            ("description", json!(description)),
            ("schema", schema),
        ]));
    }
    let mut seen = HashSet::new();
    for param in op
        .query_params
        .iter()
        .filter(|p| seen.insert(p.name.as_str()))
    {
        out.push(object([
            ("name", json!(param.name)),
            ("in", json!("query")),
            ("required", json!(param.required)),
            ("description", json!(param.description)),
            ("schema", schemas.convert(&param.schema)),
        ]));
    }
    out
}

/// Adds `<OperationName>Request` to the components (with the fields' enums and nested objects;
/// an array of the object for an array body); returns its reference and whether the body is
/// required.
fn add_body_component(
    op: &Operation,
    body: &RequestBody,
    schemas: &schema::Converter,
    components: &mut BTreeMap<String, Value>,
) -> (String, bool) {
    let mut name = format!("{}Request", upper_first(&schema::component_name(&op.name)));
    while components.contains_key(&name) {
        name.push('_');
    }
    components.insert(name.clone(), schemas.body(body));
    // An array is always sent; an object when any field is required.
    let required = body.array || body.fields.iter().any(|f: &Field| f.required);
    (format!("#/components/schemas/{name}"), required)
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The documented responses; the first 2xx without a documented schema carries the inferred one
/// (`inferred`), and an operation that documents no 2xx gets a `200` with it.
fn responses(op: &Operation, inferred: Option<Value>, schemas: &schema::Converter) -> Value {
    let mut out = Map::new();
    let documented_success = op
        .responses
        .iter()
        .any(|r| (200..300).contains(&r.code) && r.schema.is_some());
    let mut inferred = inferred.filter(|_| !documented_success);
    for response in &op.responses {
        let code = response.code.to_string();
        if out.contains_key(&code) {
            continue;
        }
        let description = if response.description.is_empty() {
            format!("Response {code}")
        } else {
            response.description.clone()
        };
        let mut entry = json!({ "description": description });
        if let Some(body) = &response.schema {
            entry["content"] = json_content(schemas.convert(body));
        } else if (200..300).contains(&response.code) && response.code != 204 {
            if let Some(schema) = inferred.take() {
                entry["content"] = json_content(schema);
            }
        }
        out.insert(code, entry);
    }
    if let Some(schema) = inferred {
        out.insert(
            "200".into(),
            object([
                (
                    "description",
                    json!("Success (not documented; the body as the outputs show it)"),
                ),
                ("content", json_content(schema)),
            ]),
        );
    }
    if out.is_empty() {
        out.insert(
            "default".into(),
            json!({ "description": "No response documented" }),
        );
    }
    Value::Object(out)
}

/// The security scheme name used in the components for a scheme as the docs write it.
fn scheme_key(scheme: &str) -> String {
    schema::component_name(scheme)
}

fn is_oauth2(scheme: &str) -> bool {
    scheme.to_ascii_lowercase().starts_with("oauth2")
}

fn security(op: &Operation) -> Value {
    match &op.authorization.scheme {
        // Public endpoint: explicitly no security.
        None => json!([]),
        Some(scheme) => {
            let scopes: Vec<&String> = if is_oauth2(scheme) {
                op.authorization.scopes.iter().collect()
            } else {
                Vec::new()
            };
            json!([{ scheme_key(scheme): scopes }])
        }
    }
}

/// One scheme per scheme name in the spec: OAuth2 implicit flows with every scope found, other
/// schemes (a bootstrap bearer token) as HTTP bearer.
fn security_schemes(spec: &Spec) -> Value {
    let mut schemes: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for op in &spec.operations {
        if let Some(scheme) = &op.authorization.scheme {
            schemes
                .entry(scheme.clone())
                .or_default()
                .extend(op.authorization.scopes.iter().map(String::as_str));
        }
    }
    let mut out = Map::new();
    for (scheme, scopes) in schemes {
        let value = if is_oauth2(&scheme) {
            let scopes: Map<String, Value> = scopes
                .into_iter()
                .map(|s| (s.to_string(), json!(format!("The `{s}` scope"))))
                .collect();
            json!({
                "type": "oauth2",
                "description": format!("`{scheme}` in the docs"),
                "flows": { "implicit": { "authorizationUrl": AUTHORIZATION_URL, "scopes": scopes } },
            })
        } else {
            json!({ "type": "http", "scheme": "bearer", "description": format!("`{scheme}` in the docs") })
        };
        out.insert(scheme_key(&scheme), value);
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests;
