//! The same document as OpenAPI 3.0, for tools that read only 3.0 (progenitor, for one).
//!
//! The export is written as 3.1 (JSON Schema 2020-12); this rewrites what 3.0's schema dialect
//! says differently and drops what it does not have. Only schemas are rewritten, found where
//! OpenAPI puts them (component schemas, parameters, request bodies, responses and their
//! headers) and below them (`properties`, `items`, `additionalProperties`, `anyOf`, `oneOf`,
//! `allOf`, `not`), so that example values and property names are never touched:
//!
//! - `null` as a type: a `{"type": "null"}` member of `anyOf`/`oneOf` goes and the schema gets
//!   `nullable: true`; when one member is left it stands for the whole (a `$ref` as
//!   `allOf: [{$ref}]`, since 3.0 ignores the siblings of a `$ref`; another schema inlined).
//!   `type` lists with `null` become one `type` (or an `anyOf` of single types) with `nullable`.
//!   A schema of only `null` is `enum: [null]` with `nullable`.
//! - a `$ref` with siblings (a field's description) becomes `allOf: [{$ref}]` beside them;
//! - `const` becomes a one-value `enum`, schema `examples` its first `example`, numeric
//!   `exclusiveMinimum`/`exclusiveMaximum` a bound with the boolean flag, `true`/`false` schemas
//!   `{}` and `{"not": {}}`;
//! - the 3.1-only document fields (`jsonSchemaDialect`, `webhooks`, `info.summary`,
//!   `license.identifier`) go.
//!
//! Other 2020-12 keywords (`$defs`, `prefixItems`, `if`, `unevaluatedProperties`, ...) have no
//! 3.0 form; the export writes none of them.

use serde_json::{json, Map, Value};

/// The OpenAPI version written by [`downgrade`].
pub const OPENAPI_VERSION: &str = "3.0.3";

/// The operations of a path item.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The 3.0 form of a 3.1 document.
pub fn downgrade(document: &Value) -> Value {
    let mut document = document.clone();
    let Some(root) = document.as_object_mut() else {
        return document;
    };
    root.insert("openapi".into(), Value::String(OPENAPI_VERSION.into()));
    root.shift_remove("jsonSchemaDialect");
    root.shift_remove("webhooks");
    if let Some(info) = root.get_mut("info").and_then(Value::as_object_mut) {
        info.shift_remove("summary");
        if let Some(license) = info.get_mut("license").and_then(Value::as_object_mut) {
            license.shift_remove("identifier");
        }
    }
    each_value(root.get_mut("paths"), path_item);
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        // Path items as components are 3.1's.
        components.shift_remove("pathItems");
        each_value(components.get_mut("schemas"), schema);
        each_value(components.get_mut("parameters"), parameter);
        each_value(components.get_mut("headers"), parameter);
        each_value(components.get_mut("requestBodies"), with_content);
        each_value(components.get_mut("responses"), response);
        if let Some(Value::Object(callbacks)) = components.get_mut("callbacks") {
            callbacks.values_mut().for_each(callback);
        }
    }
    document
}

fn each_value(map: Option<&mut Value>, rewrite: fn(&mut Value)) {
    if let Some(Value::Object(map)) = map {
        map.values_mut().for_each(rewrite);
    }
}

fn each_item(list: Option<&mut Value>, rewrite: fn(&mut Value)) {
    if let Some(Value::Array(items)) = list {
        items.iter_mut().for_each(rewrite);
    }
}

fn path_item(item: &mut Value) {
    let Some(item) = item.as_object_mut() else {
        return;
    };
    each_item(item.get_mut("parameters"), parameter);
    for method in METHODS {
        let Some(Value::Object(operation)) = item.get_mut(method) else {
            continue;
        };
        each_item(operation.get_mut("parameters"), parameter);
        if let Some(body) = operation.get_mut("requestBody") {
            with_content(body);
        }
        each_value(operation.get_mut("responses"), response);
        if let Some(Value::Object(callbacks)) = operation.get_mut("callbacks") {
            callbacks.values_mut().for_each(callback);
        }
    }
}

/// A callback: expressions to path items.
fn callback(callback: &mut Value) {
    each_value(Some(callback), path_item);
}

/// A parameter or a header: a schema, or content.
fn parameter(parameter: &mut Value) {
    if let Some(schema_value) = parameter.get_mut("schema") {
        schema(schema_value);
    }
    with_content(parameter);
}

/// A request body (or parameter) with `content`: each media type's schema.
fn with_content(value: &mut Value) {
    each_value(value.get_mut("content"), |media| {
        if let Some(schema_value) = media.get_mut("schema") {
            schema(schema_value);
        }
    });
}

fn response(response: &mut Value) {
    with_content(response);
    each_value(response.get_mut("headers"), parameter);
}

/// Rewrites one schema and every schema below it.
fn schema(value: &mut Value) {
    if let Value::Bool(accepts) = value {
        *value = if *accepts {
            json!({})
        } else {
            json!({"not": {}})
        };
        return;
    }
    let Value::Object(object) = value else {
        return;
    };
    // First, while `null` members still read as 3.1 (the rewrite below changes them); again
    // while a merged member brings an `anyOf` of its own.
    while null_members(object, "anyOf") | null_members(object, "oneOf") {}
    for key in ["items", "not"] {
        if let Some(child) = object.get_mut(key) {
            schema(child);
        }
    }
    // `additionalProperties: true/false` is 3.0 too; only a schema there is rewritten.
    if let Some(child @ Value::Object(_)) = object.get_mut("additionalProperties") {
        schema(child);
    }
    each_value(object.get_mut("properties"), schema);
    for key in ["anyOf", "oneOf", "allOf"] {
        each_item(object.get_mut(key), schema);
    }
    keywords(object);
    ref_siblings(object);
}

/// Whether `schema` accepts only `null` (`{"type": "null"}`, perhaps with a description).
fn is_null(schema: &Value) -> bool {
    let Some(object) = schema.as_object() else {
        return false;
    };
    let null_type = match object.get("type") {
        Some(Value::String(ty)) => ty == "null",
        Some(Value::Array(types)) => !types.is_empty() && types.iter().all(|t| t == "null"),
        _ => false,
    };
    null_type
        && object
            .keys()
            .all(|k| matches!(k.as_str(), "type" | "description" | "title"))
}

/// `anyOf`/`oneOf` (`key`) with a `null` member: the member goes and the schema is `nullable`;
/// one member left stands for the whole (merged into the schema when no keyword of it is there
/// already; a `$ref` then moves into `allOf` in [`ref_siblings`]).
/// Whether a member went.
fn null_members(object: &mut Map<String, Value>, key: &str) -> bool {
    let Some(Value::Array(members)) = object.get_mut(key) else {
        return false;
    };
    let before = members.len();
    members.retain(|member| !is_null(member));
    if members.len() == before {
        return false;
    }
    let members = std::mem::take(members);
    let position = index_of(object, key);
    object.shift_remove(key);
    match <[Value; 1]>::try_from(members) {
        // Only `null`.
        Err(members) if members.is_empty() => {
            if !object.contains_key("enum") {
                object.insert("enum".into(), json!([null]));
            }
        }
        Err(members) => {
            object.shift_insert(position, key.into(), Value::Array(members));
        }
        Ok([Value::Object(member)]) if member.keys().all(|k| !object.contains_key(k)) => {
            for (offset, (name, value)) in member.into_iter().enumerate() {
                object.shift_insert(position + offset, name, value);
            }
        }
        Ok([member]) => {
            object.shift_insert(position, key.into(), Value::Array(vec![member]));
        }
    }
    object.insert("nullable".into(), Value::Bool(true));
    true
}

fn index_of(object: &Map<String, Value>, key: &str) -> usize {
    object.keys().position(|k| k == key).unwrap_or(object.len())
}

/// Replaces `key` by `new_key` with `value` at the same place.
fn replace(object: &mut Map<String, Value>, key: &str, new_key: &str, value: Value) {
    let position = index_of(object, key);
    object.shift_remove(key);
    object.shift_insert(position, new_key.into(), value);
}

/// The keywords that 3.0's schemas spell differently.
fn keywords(object: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = object.get("type") {
        let nullable = types.iter().any(|t| t == "null");
        let others: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        match <[Value; 1]>::try_from(others) {
            Ok([one]) => {
                object.insert("type".into(), one);
            }
            // Only `null`: no 3.0 type says it.
            Err(others) if others.is_empty() => {
                object.shift_remove("type");
                if nullable && !object.contains_key("enum") {
                    object.insert("enum".into(), json!([null]));
                }
            }
            // Several: 3.0 says it with `anyOf` of single types.
            Err(several) => {
                let choices = several.into_iter().map(|t| json!({ "type": t })).collect();
                replace(object, "type", "anyOf", Value::Array(choices));
            }
        }
        if nullable {
            object.insert("nullable".into(), Value::Bool(true));
        }
    } else if object.get("type").is_some_and(|t| t == "null") {
        object.shift_remove("type");
        if !object.contains_key("enum") {
            object.insert("enum".into(), json!([null]));
        }
        object.insert("nullable".into(), Value::Bool(true));
    }
    if let Some(value) = object.get("const").cloned() {
        if value.is_null() {
            object.insert("nullable".into(), Value::Bool(true));
        }
        replace(object, "const", "enum", Value::Array(vec![value]));
    }
    // Schema `examples` is a list; 3.0's `example` is one value. (Media-type and parameter
    // `examples` are maps of named examples in both versions and are not schemas.)
    if let Some(Value::Array(examples)) = object.get("examples") {
        match examples.first().cloned() {
            Some(first) => replace(object, "examples", "example", first),
            None => {
                object.shift_remove("examples");
            }
        }
    }
    // 3.1's exclusive bounds are numbers; 3.0's are flags beside `minimum`/`maximum`.
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(limit @ Value::Number(_)) = object.get(exclusive).cloned() {
            replace(object, exclusive, bound, limit);
            object.insert(exclusive.into(), Value::Bool(true));
        }
    }
}

/// 3.0 ignores every sibling of a `$ref`: a `$ref` beside other keywords (a description,
/// `nullable`) moves into `allOf`.
fn ref_siblings(object: &mut Map<String, Value>) {
    if object.len() < 2 {
        return;
    }
    let Some(reference) = object.get("$ref").cloned() else {
        return;
    };
    let reference = json!({ "$ref": reference });
    match object.get_mut("allOf") {
        Some(Value::Array(all)) => {
            all.insert(0, reference);
            object.shift_remove("$ref");
        }
        _ => replace(object, "$ref", "allOf", json!([reference])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The 3.0 form of `schema` as a component schema.
    fn downgraded(schema: Value) -> Value {
        let document = json!({"openapi": "3.1.0", "components": {"schemas": {"S": schema}}});
        downgrade(&document)["components"]["schemas"]["S"].clone()
    }

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
            json!({"type": "string", "example": "x", "nullable": true})
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
    fn a_reference_or_null_is_all_of_the_reference_nullable() {
        assert_eq!(
            downgraded(json!({"anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}]})),
            json!({"allOf": [{"$ref": "#/components/schemas/T"}], "nullable": true})
        );
        // `null` first, in `oneOf`, a description beside: the same.
        assert_eq!(
            downgraded(json!({
                "description": "d",
                "oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/T"}]
            })),
            json!({
                "description": "d",
                "allOf": [{"$ref": "#/components/schemas/T"}],
                "nullable": true
            })
        );
    }

    #[test]
    fn another_schema_or_null_is_that_schema_nullable() {
        assert_eq!(
            downgraded(json!({"anyOf": [
                {"type": "array", "items": {"type": ["string", "null"]}},
                {"type": "null"}
            ]})),
            json!({
                "type": "array",
                "items": {"type": "string", "nullable": true},
                "nullable": true
            })
        );
        assert_eq!(
            downgraded(json!({"anyOf": [
                {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/T"}},
                {"type": "null"}
            ]})),
            json!({
                "type": "object",
                "additionalProperties": {"$ref": "#/components/schemas/T"},
                "nullable": true
            })
        );
        // A keyword of the member already beside the `anyOf`: the member stays in it.
        assert_eq!(
            downgraded(json!({
                "description": "outer",
                "anyOf": [{"type": "integer", "description": "inner"}, {"type": "null"}]
            })),
            json!({
                "description": "outer",
                "anyOf": [{"type": "integer", "description": "inner"}],
                "nullable": true
            })
        );
    }

    #[test]
    fn several_members_or_null_keep_their_any_of() {
        assert_eq!(
            downgraded(json!({"anyOf": [
                {"type": "string"},
                {"type": "null"},
                {"$ref": "#/components/schemas/T"}
            ]})),
            json!({
                "anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/T"}],
                "nullable": true
            })
        );
    }

    #[test]
    fn only_null_is_an_enum_of_null() {
        let only_null = json!({"enum": [null], "nullable": true});
        assert_eq!(downgraded(json!({"type": "null"})), only_null);
        assert_eq!(downgraded(json!({"type": ["null"]})), only_null);
        assert_eq!(downgraded(json!({"anyOf": [{"type": "null"}]})), only_null);
        assert_eq!(
            downgraded(json!({"const": null})),
            json!({"enum": [null], "nullable": true})
        );
    }

    #[test]
    fn null_members_go_at_every_depth_and_place() {
        let nullable_ref = json!({"anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}]});
        let expected_ref = json!({"allOf": [{"$ref": "#/components/schemas/T"}], "nullable": true});
        let document = json!({
            "openapi": "3.1.0",
            "paths": {"/x/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": ["string", "null"]}}],
                "post": {
                    "parameters": [{"name": "q", "in": "query", "schema": nullable_ref}],
                    "requestBody": {"content": {"application/json": {"schema": {
                        "type": "array",
                        "items": {"type": "object", "properties": {"deep": {"type": "object", "properties": {"r": nullable_ref}}}}
                    }}}},
                    "responses": {
                        "200": {
                            "headers": {"X-Next": {"schema": {"type": ["integer", "null"]}}},
                            "content": {"application/json": {"schema": nullable_ref}}
                        }
                    }
                }
            }},
            "components": {
                "schemas": {"T": {"type": "object", "properties": {
                    "list": {"type": "array", "items": nullable_ref},
                    "map": {"type": "object", "additionalProperties": nullable_ref},
                    "either": {"anyOf": [nullable_ref, {"type": "string"}]}
                }}},
                "responses": {"Shared": {"content": {"application/json": {"schema": nullable_ref}}}},
                "requestBodies": {"Shared": {"content": {"application/json": {"schema": nullable_ref}}}},
                "parameters": {"Shared": {"name": "p", "in": "query", "schema": nullable_ref}}
            }
        });
        let old = downgrade(&document);
        let path = &old["paths"]["/x/{id}"];
        assert_eq!(
            path["parameters"][0]["schema"],
            json!({"type": "string", "nullable": true})
        );
        let post = &path["post"];
        assert_eq!(post["parameters"][0]["schema"], expected_ref);
        assert_eq!(
            post["requestBody"]["content"]["application/json"]["schema"]["items"]["properties"]
                ["deep"]["properties"]["r"],
            expected_ref
        );
        let ok = &post["responses"]["200"];
        assert_eq!(
            ok["headers"]["X-Next"]["schema"],
            json!({"type": "integer", "nullable": true})
        );
        assert_eq!(ok["content"]["application/json"]["schema"], expected_ref);
        let components = &old["components"];
        let t = &components["schemas"]["T"]["properties"];
        assert_eq!(t["list"]["items"], expected_ref);
        assert_eq!(t["map"]["additionalProperties"], expected_ref);
        assert_eq!(
            t["either"],
            json!({"anyOf": [expected_ref, {"type": "string"}]})
        );
        for place in ["responses", "requestBodies"] {
            assert_eq!(
                components[place]["Shared"]["content"]["application/json"]["schema"], expected_ref,
                "{place}"
            );
        }
        assert_eq!(components["parameters"]["Shared"]["schema"], expected_ref);
    }

    #[test]
    fn a_reference_with_siblings_moves_into_all_of() {
        assert_eq!(
            downgraded(json!({"$ref": "#/components/schemas/T", "description": "d"})),
            json!({"allOf": [{"$ref": "#/components/schemas/T"}], "description": "d"})
        );
        assert_eq!(
            downgraded(json!({"$ref": "#/components/schemas/T"})),
            json!({"$ref": "#/components/schemas/T"}),
            "a lone reference stays"
        );
    }

    #[test]
    fn bounds_and_boolean_schemas() {
        assert_eq!(
            downgraded(json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10})),
            json!({
                "type": "integer",
                "minimum": 0,
                "maximum": 10,
                "exclusiveMinimum": true,
                "exclusiveMaximum": true
            })
        );
        assert_eq!(
            downgraded(
                json!({"type": "object", "properties": {"any": true, "none": false}, "additionalProperties": false})
            ),
            json!({"type": "object", "properties": {"any": {}, "none": {"not": {}}}, "additionalProperties": false})
        );
    }

    #[test]
    fn example_values_and_property_names_are_not_schemas() {
        let example = json!({"type": ["a", "null"], "const": 1, "anyOf": [{"type": "null"}]});
        let document = json!({
            "openapi": "3.1.0",
            "paths": {"/x": {"get": {"responses": {"200": {"content": {"application/json": {
                "schema": {"type": "object", "properties": {
                    "const": {"type": "string"},
                    "type": {"type": ["string", "null"]},
                    "examples": {"type": "array", "items": {"type": "string"}}
                }},
                "example": example,
                "examples": {"named": {"value": example}}
            }}}}}}}
        });
        let old = downgrade(&document);
        let media = &old["paths"]["/x"]["get"]["responses"]["200"]["content"]["application/json"];
        assert_eq!(media["example"], example);
        assert_eq!(media["examples"]["named"]["value"], example);
        assert_eq!(
            media["schema"]["properties"],
            json!({
                "const": {"type": "string"},
                "type": {"type": "string", "nullable": true},
                "examples": {"type": "array", "items": {"type": "string"}}
            })
        );
    }

    #[test]
    fn keywords_keep_their_places() {
        let old = downgraded(json!({
            "description": "d",
            "type": ["string", "integer"],
            "const": "c",
            "title": "t"
        }));
        let keys: Vec<&str> = old
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["description", "anyOf", "enum", "title"]);
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
