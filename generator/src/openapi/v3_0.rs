//! The same document as OpenAPI 3.0, for tools that read only 3.0 (progenitor, for one).
//!
//! The export is written as 3.1 (JSON Schema 2020-12); this rewrites what 3.0's schema dialect
//! says differently and drops what it does not have: `type` lists with `null` become
//! `nullable: true`, `const` becomes a one-value `enum`, `examples` in a schema becomes its
//! first `example`, and the 3.1-only document fields (`jsonSchemaDialect`, `webhooks`,
//! `info.summary`, `license.identifier`) go.

use serde_json::{Map, Value};

/// The OpenAPI version written by [`downgrade`].
pub const OPENAPI_VERSION: &str = "3.0.3";

/// The 3.0 form of a 3.1 document.
pub fn downgrade(document: &Value) -> Value {
    let mut document = document.clone();
    if let Some(root) = document.as_object_mut() {
        root.insert("openapi".into(), Value::String(OPENAPI_VERSION.into()));
        root.remove("jsonSchemaDialect");
        root.remove("webhooks");
        if let Some(info) = root.get_mut("info").and_then(Value::as_object_mut) {
            info.remove("summary");
            if let Some(license) = info.get_mut("license").and_then(Value::as_object_mut) {
                license.remove("identifier");
            }
        }
    }
    rewrite(&mut document);
    document
}

/// Rewrites every schema-shaped object below `value`.
fn rewrite(value: &mut Value) {
    match value {
        Value::Object(object) => {
            schema_object(object);
            object.values_mut().for_each(rewrite);
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite),
        _ => {}
    }
}

fn schema_object(object: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = object.get("type") {
        let nullable = types.iter().any(|t| t == "null");
        let others: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        match others.as_slice() {
            [one] => {
                object.insert("type".into(), one.clone());
            }
            // No type, or several: 3.0 says it with `anyOf` of single types.
            [] => {
                object.remove("type");
            }
            several => {
                object.remove("type");
                let choices = several
                    .iter()
                    .map(|t| Value::Object(Map::from_iter([("type".to_string(), t.clone())])))
                    .collect();
                object.insert("anyOf".into(), Value::Array(choices));
            }
        }
        if nullable {
            object.insert("nullable".into(), Value::Bool(true));
        }
    }
    if let Some(value) = object.remove("const") {
        object.insert("enum".into(), Value::Array(vec![value]));
    }
    // Schema `examples` is a list; 3.0's `example` is one value. (Media-type and parameter
    // `examples` are maps of named examples in both versions and stay.)
    if let Some(Value::Array(examples)) = object.get("examples") {
        let first = examples.first().cloned();
        object.remove("examples");
        if let Some(first) = first {
            object.insert("example".into(), first);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schemas_say_it_the_3_0_way() {
        let document = json!({
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
            "info": {"title": "t", "version": "1", "summary": "s", "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}},
            "components": {"schemas": {
                "A": {"type": ["string", "null"], "examples": ["x", "y"]},
                "B": {"type": ["string", "integer"]},
                "C": {"const": "only"},
                "D": {"type": "object", "properties": {"e": {"type": ["null", "boolean"]}}}
            }},
            "paths": {"/x": {"get": {"responses": {"200": {"content": {"application/json": {
                "examples": {"named": {"value": 1}}
            }}}}}}}
        });
        let old = downgrade(&document);
        assert_eq!(old["openapi"], "3.0.3");
        assert!(old.get("jsonSchemaDialect").is_none());
        assert!(old["info"].get("summary").is_none());
        assert!(old["info"]["license"].get("identifier").is_none());
        let schemas = &old["components"]["schemas"];
        assert_eq!(
            schemas["A"],
            json!({"type": "string", "nullable": true, "example": "x"})
        );
        assert_eq!(
            schemas["B"],
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
        );
        assert_eq!(schemas["C"], json!({"enum": ["only"]}));
        assert_eq!(
            schemas["D"]["properties"]["e"],
            json!({"type": "boolean", "nullable": true})
        );
        let media = &old["paths"]["/x"]["get"]["responses"]["200"]["content"]["application/json"];
        assert_eq!(
            media["examples"],
            json!({"named": {"value": 1}}),
            "named examples stay"
        );
    }

    #[test]
    fn the_committed_export_downgrades_to_a_3_0_document() {
        let spec = crate::spec::testing::spec(vec![crate::spec::testing::operation(
            "getThing",
            crate::spec::Method::Get,
            "/api/v1/thing",
        )]);
        let export = super::super::export(&spec);
        let old = downgrade(&export.document);
        assert_eq!(old["openapi"], OPENAPI_VERSION);
        assert_eq!(old["paths"], export.document["paths"]);
    }
}
