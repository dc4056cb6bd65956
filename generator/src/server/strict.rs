//! Strict decoding: walks a 2xx body against the response type the spec gives its operation and
//! lists what the generated type does not model (used by the e2e suite and `cargo xtask verify`).
//!
//! Every generated response struct keeps unknown keys in a flattened `extra` map and leaves
//! `Any` parts as `serde_json::Value`, so a body can decode while most of it lands outside the
//! types. The decode alone cannot tell; this walk can, because the generated types are printed
//! from exactly these spec schemas (`response_schema` of the operation, or the definition its
//! first 2xx response names).

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// What a body showed beyond (or against) its type.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Strictness {
    /// JSON paths of keys that land in an `extra` map (`repositories[].foo`), one per key.
    pub extra_fields: BTreeSet<String>,
    /// Values that do not fit their type: `path: expected X, got Y`.
    pub misfits: BTreeSet<String>,
}

impl Strictness {
    pub fn merge(&mut self, other: Strictness) {
        self.extra_fields.extend(other.extra_fields);
        self.misfits.extend(other.misfits);
    }
}

/// The response types of every operation, read from the spec the client was generated from.
pub struct ResponseTypes {
    spec: Value,
}

impl ResponseTypes {
    /// The response types of a spec.
    pub fn of(spec: &crate::spec::Spec) -> Self {
        Self {
            spec: serde_json::to_value(spec).unwrap_or_default(),
        }
    }

    /// The response types of a spec file's text.
    pub fn from_spec_json(text: &str) -> Result<Self, String> {
        let spec: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        if !spec.get("operations").is_some_and(Value::is_array) {
            return Err("no `operations` array".into());
        }
        Ok(Self { spec })
    }

    fn operation(&self, name: &str) -> Option<&Value> {
        self.spec["operations"]
            .as_array()?
            .iter()
            .find(|op| op["name"] == name)
    }

    /// Walks `body` against the type of `operation`'s 2xx body. An operation without a type
    /// (the client returns `serde_json::Value`) has nothing outside its type.
    pub fn check(&self, operation: &str, body: &Value) -> Strictness {
        let mut out = Strictness::default();
        let Some(op) = self.operation(operation) else {
            return out;
        };
        // As the emitter chooses: a definition named by a 2xx response wins over examples.
        if let Some(definition) = self.success_definition(op) {
            self.definition(definition, body, "", &mut out);
        } else if let Some(inferred) = op.get("response_schema").filter(|v| !v.is_null()) {
            // The emitter makes a field plain only when two or more outputs were merged.
            let merged = inferred["provenance"].as_array().map_or(0, Vec::len);
            let walk = InferredWalk {
                types: &inferred["types"],
                plain_allowed: merged >= 2,
            };
            walk.value(&inferred["body"], body, "", &mut out);
        }
        out
    }

    /// The first definition a documented 2xx response refers to, as the emitter chooses it.
    fn success_definition<'a>(&'a self, op: &'a Value) -> Option<&'a Value> {
        op["responses"]
            .as_array()?
            .iter()
            .filter(|r| {
                r["code"]
                    .as_u64()
                    .is_some_and(|code| (200..300).contains(&code))
            })
            .find_map(|r| {
                let schema = &r["schema"];
                if schema["type"] != "ref" {
                    return None;
                }
                self.definition_named(schema["name"].as_str()?)
            })
    }

    fn definition_named(&self, name: &str) -> Option<&Value> {
        self.spec["definitions"]
            .as_array()?
            .iter()
            .find(|d| d["name"] == name)
    }

    fn definition(&self, definition: &Value, body: &Value, path: &str, out: &mut Strictness) {
        let Some(object) = body.as_object() else {
            if !body.is_null() {
                misfit(out, path, "an object", body);
            }
            return;
        };
        let fields = definition["fields"].as_array().cloned().unwrap_or_default();
        for (key, value) in object {
            match fields.iter().find(|f| f["name"] == key.as_str()) {
                // Definition fields are all `Option`: null is fine.
                Some(field) if !value.is_null() => {
                    self.schema(&field["schema"], value, &join(path, key), out)
                }
                Some(_) => {}
                None => {
                    out.extra_fields.insert(join(path, key));
                }
            }
        }
    }

    fn schema(&self, schema: &Value, value: &Value, path: &str, out: &mut Strictness) {
        match schema["type"].as_str().unwrap_or("") {
            "string" => expect(out, path, "a string", value, value.is_string()),
            "integer" => expect(out, path, "an integer", value, is_integer(value)),
            "number" => expect(out, path, "a number", value, value.is_number()),
            "boolean" => expect(out, path, "a boolean", value, value.is_boolean()),
            "object" => expect(out, path, "an object", value, value.is_object()),
            "array" => match value.as_array() {
                Some(items) => {
                    for item in items {
                        self.schema(&schema["items"], item, &format!("{path}[]"), out);
                    }
                }
                None => misfit(out, path, "an array", value),
            },
            "ref" => {
                if let Some(definition) = schema["name"]
                    .as_str()
                    .and_then(|n| self.definition_named(n))
                {
                    self.definition(definition, value, path, out);
                }
            }
            // `unknown` and anything newer: `serde_json::Value` in the client.
            _ => {}
        }
    }
}

/// A walk through the inferred types of one operation.
struct InferredWalk<'a> {
    types: &'a Value,
    /// Whether fields the outputs always had are plain (not `Option`) in the generated struct.
    plain_allowed: bool,
}

impl InferredWalk<'_> {
    fn value(&self, ty: &Value, value: &Value, path: &str, out: &mut Strictness) {
        match ty["type"].as_str().unwrap_or("") {
            "string" => expect(out, path, "a string", value, value.is_string()),
            "integer" => expect(out, path, "an integer", value, is_integer(value)),
            "number" => expect(out, path, "a number", value, value.is_number()),
            "boolean" => expect(out, path, "a boolean", value, value.is_boolean()),
            "object" => expect(out, path, "an object", value, value.is_object()),
            "array" => match value.as_array() {
                Some(items) => {
                    for item in items {
                        self.value(&ty["items"], item, &format!("{path}[]"), out);
                    }
                }
                None => misfit(out, path, "an array", value),
            },
            "map" => match value.as_object() {
                Some(entries) => {
                    for entry in entries.values() {
                        self.value(&ty["values"], entry, &format!("{path}{{}}"), out);
                    }
                }
                None => misfit(out, path, "an object keyed by names", value),
            },
            "struct" => {
                let name = ty["name"].as_str().unwrap_or("");
                match (self.struct_named(name), value.as_object()) {
                    (Some(fields), Some(object)) => self.object(fields, object, path, out),
                    (_, None) => misfit(out, path, &format!("an object ({name})"), value),
                    (None, Some(_)) => {}
                }
            }
            // `any`: `serde_json::Value`, everything fits.
            _ => {}
        }
    }

    fn struct_named(&self, name: &str) -> Option<&Vec<Value>> {
        self.types
            .as_array()?
            .iter()
            .find(|t| t["name"] == name)?
            .get("fields")?
            .as_array()
    }

    fn object(
        &self,
        fields: &[Value],
        object: &Map<String, Value>,
        path: &str,
        out: &mut Strictness,
    ) {
        for field in fields {
            let name = field["name"].as_str().unwrap_or("");
            // `Any` fields are `Option<serde_json::Value>` whatever the outputs showed.
            let optional = field["optional"].as_bool().unwrap_or(true)
                || !self.plain_allowed
                || field["type"]["type"] == "any";
            match object.get(name) {
                None | Some(Value::Null) if optional => {}
                None => {
                    out.misfits
                        .insert(format!("{}: a required field is missing", join(path, name)));
                }
                Some(value) => self.value(&field["type"], value, &join(path, name), out),
            }
        }
        for key in object.keys() {
            if !fields.iter().any(|f| f["name"] == key.as_str()) {
                out.extra_fields.insert(join(path, key));
            }
        }
    }
}

fn is_integer(value: &Value) -> bool {
    value.is_i64() || value.is_u64()
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn expect(out: &mut Strictness, path: &str, expected: &str, value: &Value, fits: bool) {
    if !fits {
        misfit(out, path, expected, value);
    }
}

fn misfit(out: &mut Strictness, path: &str, expected: &str, value: &Value) {
    let path = if path.is_empty() { "(body)" } else { path };
    out.misfits
        .insert(format!("{path}: expected {expected}, got {}", kind(value)));
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn types() -> ResponseTypes {
        let spec = json!({
            "operations": [
                {"name": "listThings", "responses": [], "response_schema": {
                    "body": {"type": "struct", "name": "ListThings"},
                    "types": [
                        {"name": "ListThings", "fields": [
                            {"name": "things", "optional": false,
                             "type": {"type": "array", "items": {"type": "struct", "name": "Thing"}}}
                        ]},
                        {"name": "Thing", "fields": [
                            {"name": "name", "optional": false, "type": {"type": "string"}},
                            {"name": "size", "optional": true, "type": {"type": "integer"}}
                        ]}
                    ],
                    "provenance": [{"file": "a", "line": 1}, {"file": "b", "line": 2}]
                }},
                {"name": "getDefined", "responses": [
                    {"code": 200, "schema": {"type": "ref", "name": "Defined"}}
                ]},
                {"name": "untyped", "responses": [{"code": 200, "schema": null}]}
            ],
            "definitions": [
                {"name": "Defined", "fields": [
                    {"name": "id", "schema": {"type": "integer"}},
                    {"name": "tags", "schema": {"type": "array", "items": {"type": "string"}}}
                ]}
            ]
        });
        ResponseTypes::from_spec_json(&spec.to_string()).unwrap()
    }

    #[test]
    fn a_body_that_fits_has_nothing_outside() {
        let body = json!({"things": [{"name": "a", "size": 1}, {"name": "b", "size": null}]});
        assert_eq!(types().check("listThings", &body), Strictness::default());
    }

    #[test]
    fn unknown_keys_are_extra_fields_once_per_path() {
        let body = json!({"things": [{"name": "a", "colour": 1}, {"name": "b", "colour": 2}], "next": "x"});
        let seen = types().check("listThings", &body);
        let extra: Vec<_> = seen.extra_fields.iter().map(String::as_str).collect();
        assert_eq!(extra, ["next", "things[].colour"]);
        assert!(seen.misfits.is_empty());
    }

    #[test]
    fn wrong_types_and_missing_required_fields_are_misfits() {
        let body = json!({"things": [{"name": 3, "size": "big"}, {"size": 1}]});
        let seen = types().check("listThings", &body);
        let misfits: Vec<_> = seen.misfits.iter().map(String::as_str).collect();
        assert_eq!(
            misfits,
            [
                "things[].name: a required field is missing",
                "things[].name: expected a string, got an integer",
                "things[].size: expected an integer, got a string",
            ]
        );
    }

    #[test]
    fn definitions_are_walked_through_the_first_success_response() {
        let body = json!({"id": 1.5, "tags": ["a", 2], "other": true, "missing_ok": null});
        let seen = types().check("getDefined", &body);
        assert_eq!(
            seen.extra_fields.iter().collect::<Vec<_>>(),
            ["missing_ok", "other"]
        );
        assert_eq!(
            seen.misfits.iter().collect::<Vec<_>>(),
            [
                "id: expected an integer, got a fractional number",
                "tags[]: expected a string, got an integer"
            ]
        );
    }

    #[test]
    fn untyped_operations_have_nothing_outside_their_type() {
        assert_eq!(
            types().check("untyped", &json!({"a": 1})),
            Strictness::default()
        );
        assert_eq!(
            types().check("noSuchOperation", &json!({"a": 1})),
            Strictness::default()
        );
    }
}
