//! Reads a server's discovery document (`GET /api/v1/discovery`, Swagger 2.0) into a small model
//! of what the server serves: each operation's method, path, parameters, request body schema
//! (references resolved) and scopes.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::spec::Method;

/// What a server says it serves.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerApi {
    /// `info.version` of the document (Quay sends the API version, `v1`).
    pub api_version: Option<String>,
    pub operations: Vec<ServerOperation>,
}

/// One operation of the discovery document.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerOperation {
    /// `operationId`: the same names the docs use.
    pub name: String,
    pub method: Method,
    /// The path template as the server routes it (`/api/v1/repository/{repository}/tag/`).
    pub path: String,
    pub path_params: Vec<ServerParam>,
    pub query_params: Vec<ServerParam>,
    /// The JSON Schema the server validates the body against, with `$ref`s resolved.
    pub body: Option<Value>,
    /// The OAuth scopes of its `oauth2_implicit` security requirement.
    pub scopes: Vec<String>,
    /// Marked `x-internal` (listed only with `?internal=true`).
    pub internal: bool,
}

/// A path or query parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerParam {
    pub name: String,
    pub required: bool,
    /// The Swagger type (`string`, `integer`, `boolean`, `number`), if given.
    pub ty: Option<String>,
}

/// Why a discovery document could not be read.
#[derive(Debug, thiserror::Error)]
#[error("discovery document: {0}")]
pub struct DiscoveryError(String);

/// The deepest chain of `$ref`s followed; deeper (or a cycle) is left as the reference.
const MAX_REF_DEPTH: usize = 16;

impl ServerApi {
    /// Reads a Swagger 2.0 discovery document.
    pub fn from_json(text: &str) -> Result<ServerApi, DiscoveryError> {
        let doc: Value =
            serde_json::from_str(text).map_err(|e| DiscoveryError(format!("not JSON: {e}")))?;
        let paths = doc
            .get("paths")
            .and_then(Value::as_object)
            .ok_or_else(|| DiscoveryError("no `paths` object (is this Swagger 2.0?)".into()))?;
        let definitions = doc
            .get("definitions")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut operations = Vec::new();
        for (path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            let shared = params(item.get("parameters"));
            for (method, op) in item {
                let Some(method) = Method::parse(&method.to_ascii_uppercase()) else {
                    continue;
                };
                let Some(op) = op.as_object() else {
                    continue;
                };
                operations.push(operation(path, method, op, &shared, &definitions)?);
            }
        }
        Ok(ServerApi {
            api_version: doc
                .pointer("/info/version")
                .and_then(Value::as_str)
                .map(str::to_owned),
            operations,
        })
    }

    /// The operations by name (a name the server uses twice keeps its first route).
    pub fn by_name(&self) -> BTreeMap<&str, &ServerOperation> {
        let mut map = BTreeMap::new();
        for op in &self.operations {
            map.entry(op.name.as_str()).or_insert(op);
        }
        map
    }
}

fn operation(
    path: &str,
    method: Method,
    op: &Map<String, Value>,
    shared: &[(String, Value)],
    definitions: &Map<String, Value>,
) -> Result<ServerOperation, DiscoveryError> {
    let name = op
        .get("operationId")
        .and_then(Value::as_str)
        .ok_or_else(|| DiscoveryError(format!("{method} {path}: no operationId")))?
        .to_owned();
    // Operation parameters override path-level ones of the same name and location.
    let mut all: Vec<(String, Value)> = shared.to_vec();
    for (key, param) in params(op.get("parameters")) {
        all.retain(|(k, _)| *k != key);
        all.push((key, param));
    }
    let mut path_params = Vec::new();
    let mut query_params = Vec::new();
    let mut body = None;
    for (_, param) in &all {
        match param.get("in").and_then(Value::as_str) {
            Some("path") => path_params.push(server_param(param)),
            Some("query") => query_params.push(server_param(param)),
            Some("body") => {
                body = param
                    .get("schema")
                    .map(|schema| resolve(schema, definitions, 0));
            }
            _ => {}
        }
    }
    Ok(ServerOperation {
        name,
        method,
        path: path.to_owned(),
        path_params,
        query_params,
        body,
        scopes: scopes(op),
        internal: op.get("x-internal").and_then(Value::as_bool) == Some(true),
    })
}

/// Parameters keyed by `in` and `name`, in document order.
fn params(list: Option<&Value>) -> Vec<(String, Value)> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let name = p.get("name")?.as_str()?;
            let location = p.get("in")?.as_str()?;
            Some((format!("{location}:{name}"), p.clone()))
        })
        .collect()
}

fn server_param(param: &Value) -> ServerParam {
    ServerParam {
        name: param["name"].as_str().unwrap_or_default().to_owned(),
        required: param.get("required").and_then(Value::as_bool) == Some(true),
        ty: param.get("type").and_then(Value::as_str).map(str::to_owned),
    }
}

fn scopes(op: &Map<String, Value>) -> Vec<String> {
    let mut scopes: Vec<String> = op
        .get("security")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|requirement| requirement.get("oauth2_implicit")?.as_array())
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect();
    scopes.sort();
    scopes.dedup();
    scopes
}

/// The schema with every `$ref` to `#/definitions/...` replaced by the definition.
fn resolve(schema: &Value, definitions: &Map<String, Value>, depth: usize) -> Value {
    match schema {
        Value::Object(object) => {
            if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
                let target = reference
                    .strip_prefix("#/definitions/")
                    .and_then(|name| definitions.get(name));
                return match target {
                    Some(target) if depth < MAX_REF_DEPTH => {
                        resolve(target, definitions, depth + 1)
                    }
                    _ => schema.clone(),
                };
            }
            Value::Object(
                object
                    .iter()
                    .map(|(k, v)| (k.clone(), resolve(v, definitions, depth)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| resolve(v, definitions, depth))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document() -> String {
        json!({
            "swagger": "2.0",
            "info": {"version": "v1"},
            "paths": {
                "/api/v1/thing/{id}": {
                    "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
                    "put": {
                        "operationId": "changeThing",
                        "parameters": [
                            {"name": "body", "in": "body", "required": true,
                             "schema": {"$ref": "#/definitions/ChangeThing"}},
                            {"name": "force", "in": "query", "type": "boolean"}
                        ],
                        "security": [{"oauth2_implicit": ["repo:write", "repo:admin"]}]
                    },
                    "get": {"operationId": "getThing", "x-internal": true}
                }
            },
            "definitions": {
                "ChangeThing": {"type": "array", "items": {"$ref": "#/definitions/Item"}},
                "Item": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}},
                "Loop": {"$ref": "#/definitions/Loop"}
            }
        })
        .to_string()
    }

    #[test]
    fn operations_with_parameters_bodies_and_scopes() {
        let api = ServerApi::from_json(&document()).unwrap();
        assert_eq!(api.api_version.as_deref(), Some("v1"));
        let ops = api.by_name();
        let change = ops["changeThing"];
        assert_eq!(change.method, Method::Put);
        assert_eq!(change.path_params[0].name, "id");
        assert!(change.path_params[0].required);
        assert_eq!(change.query_params[0].ty.as_deref(), Some("boolean"));
        assert_eq!(change.scopes, ["repo:admin", "repo:write"]);
        assert_eq!(
            change.body.as_ref().unwrap()["items"]["properties"]["a"]["type"],
            "string"
        );
        assert!(ops["getThing"].internal);
        assert!(!change.internal);
    }

    #[test]
    fn reference_cycles_stop() {
        let definitions = json!({"Loop": {"$ref": "#/definitions/Loop"}});
        let resolved = resolve(
            &json!({"$ref": "#/definitions/Loop"}),
            definitions.as_object().unwrap(),
            0,
        );
        assert_eq!(resolved, json!({"$ref": "#/definitions/Loop"}));
    }

    #[test]
    fn not_a_discovery_document() {
        assert!(ServerApi::from_json("[]").is_err());
        assert!(ServerApi::from_json("{").is_err());
        let no_id = json!({"paths": {"/a": {"get": {}}}}).to_string();
        let err = ServerApi::from_json(&no_id).unwrap_err().to_string();
        assert!(err.contains("GET /a: no operationId"), "{err}");
    }
}
