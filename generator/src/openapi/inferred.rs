//! Response schemas inferred from example outputs and the server's answers
//! (`Operation::response_schema`) as OpenAPI schemas, so that other generators get the typed
//! responses too.
//!
//! Each inferred struct becomes a component (its name, with `_` appended while a definition or an
//! earlier component holds it). A field is `required` under the client's rule (present and
//! non-null in every one of at least two merged outputs, and of a known type); other fields also
//! accept `null`. Unknown fields are allowed (`additionalProperties` is left open), as the client
//! keeps them.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::spec::{InferredResponse, InferredType, Operation};

use super::object;
use super::schema::component_name;

/// Adds the components of `op`'s inferred schema and returns the schema of its body; `None`
/// when it has none or it is any value (nothing typed to export).
pub(super) fn add_components(
    op: &Operation,
    components: &mut BTreeMap<String, Value>,
) -> Option<Value> {
    let schema = op.response_schema.as_ref()?;
    if matches!(schema.body, InferredType::Any | InferredType::Object) {
        return None;
    }
    let mut names = BTreeMap::new();
    for strukt in &schema.types {
        let mut name = component_name(&strukt.name);
        while components.contains_key(&name) || names.values().any(|n| n == &name) {
            name.push('_');
        }
        names.insert(strukt.name.as_str(), name);
    }
    let plain_allowed = schema.plain_allowed();
    for strukt in &schema.types {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for field in &strukt.fields {
            let ty = convert(&field.ty, &names);
            let is_required = plain_allowed && !field.optional && field.ty != InferredType::Any;
            let property = if is_required {
                required.push(json!(field.name));
                ty
            } else {
                or_null(ty)
            };
            properties.insert(field.name.clone(), property);
        }
        let mut object = object([
            ("type", json!("object")),
            ("description", json!(description(op, schema, &strukt.name))),
            ("properties", Value::Object(properties)),
        ]);
        if !required.is_empty() {
            object["required"] = Value::Array(required);
        }
        components.insert(names[strukt.name.as_str()].clone(), object);
    }
    Some(convert(&schema.body, &names))
}

fn description(op: &Operation, schema: &InferredResponse, name: &str) -> String {
    let whole = matches!(&schema.body, InferredType::Struct { name: body } if body == name);
    format!(
        "{} of `{}`, inferred from {} output(s) ({} of the docs, {} of the server): {}",
        if whole {
            "The response"
        } else {
            "Part of the response"
        },
        op.name,
        schema.provenance.len(),
        schema.docs_outputs(),
        schema.observed,
        schema
            .provenance
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn convert(ty: &InferredType, names: &BTreeMap<&str, String>) -> Value {
    match ty {
        InferredType::String => json!({"type": "string"}),
        InferredType::Integer => json!({"type": "integer"}),
        InferredType::Number => json!({"type": "number"}),
        InferredType::Boolean => json!({"type": "boolean"}),
        InferredType::Array { items } => {
            object([("type", json!("array")), ("items", convert(items, names))])
        }
        InferredType::Map { values } => object([
            ("type", json!("object")),
            ("additionalProperties", convert(values, names)),
        ]),
        InferredType::Struct { name } => match names.get(name.as_str()) {
            Some(component) => json!({"$ref": format!("#/components/schemas/{component}")}),
            None => json!({}),
        },
        InferredType::Object => json!({"type": "object"}),
        InferredType::Any => json!({}),
    }
}

/// `schema`, or `null` (a field that may be missing or null).
fn or_null(schema: Value) -> Value {
    match schema.get("type").and_then(Value::as_str) {
        Some(ty) if schema.as_object().is_some_and(|o| o.len() == 1) => {
            json!({"type": [ty, "null"]})
        }
        _ if schema.as_object().is_some_and(Map::is_empty) => schema,
        _ => object([("anyOf", Value::Array(vec![schema, json!({"type": "null"})]))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{testing, InferredField, InferredStruct, Location, Method, Response, Schema};

    fn field(name: &str, optional: bool, ty: InferredType) -> InferredField {
        InferredField {
            name: name.into(),
            optional,
            ty,
            evidence: Default::default(),
        }
    }

    fn listing(outputs: u32, observed: usize) -> Operation {
        let mut op = testing::operation("listTags", Method::Get, "/api/v1/tags");
        op.response_schema = Some(InferredResponse {
            body: InferredType::Struct {
                name: "ListTagsResponse".into(),
            },
            types: vec![
                InferredStruct {
                    name: "ListTagsResponse".into(),
                    fields: vec![
                        field(
                            "tags",
                            false,
                            InferredType::Array {
                                items: Box::new(InferredType::Struct {
                                    name: "ListTagsTag".into(),
                                }),
                            },
                        ),
                        field("page", true, InferredType::Integer),
                        field("meta", false, InferredType::Any),
                    ],
                },
                InferredStruct {
                    name: "ListTagsTag".into(),
                    fields: vec![field("name", false, InferredType::String)],
                },
            ],
            provenance: (1..=outputs)
                .map(|line| Location {
                    file: "spec/observed/listTags.json".into(),
                    line,
                })
                .collect(),
            observed,
        });
        op
    }

    #[test]
    fn inferred_structs_become_components_with_the_clients_required_rule() {
        let mut components = BTreeMap::new();
        components.insert("ListTagsTag".to_string(), json!({}));
        let body = add_components(&listing(2, 1), &mut components).expect("typed");
        assert_eq!(
            body,
            json!({"$ref": "#/components/schemas/ListTagsResponse"})
        );
        let response = &components["ListTagsResponse"];
        assert_eq!(response["required"], json!(["tags"]));
        assert_eq!(
            response["properties"]["tags"]["items"]["$ref"], "#/components/schemas/ListTagsTag_",
            "a taken name gets `_`"
        );
        assert_eq!(
            response["properties"]["page"],
            json!({"type": ["integer", "null"]})
        );
        assert_eq!(response["properties"]["meta"], json!({}));
        assert!(response["description"]
            .as_str()
            .unwrap()
            .contains("2 output(s) (1 of the docs, 1 of the server)"));
        // One output cannot show a field is always sent.
        let mut components = BTreeMap::new();
        add_components(&listing(1, 1), &mut components);
        assert!(components["ListTagsResponse"].get("required").is_none());
    }

    #[test]
    fn the_export_puts_the_body_in_the_first_undocumented_success_response() {
        let mut op = listing(2, 0);
        op.responses = vec![
            Response {
                code: 200,
                description: "OK".into(),
                schema: None,
            },
            Response {
                code: 400,
                description: "Bad".into(),
                schema: Some(Schema::Object),
            },
        ];
        let mut undocumented = listing(2, 0);
        undocumented.name = "listOther".into();
        undocumented.path = "/api/v1/other".into();
        let mut any = listing(1, 0);
        any.name = "getAny".into();
        any.path = "/api/v1/any".into();
        if let Some(schema) = &mut any.response_schema {
            schema.body = InferredType::Any;
        }
        let doc = crate::openapi::export(&testing::spec(vec![op, undocumented, any])).document;
        let ok = &doc["paths"]["/api/v1/tags"]["get"]["responses"]["200"];
        assert_eq!(ok["description"], "OK");
        assert_eq!(
            ok["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ListTagsResponse"
        );
        let other = &doc["paths"]["/api/v1/other"]["get"]["responses"]["200"];
        assert_eq!(
            other["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ListTagsResponse_"
        );
        let any = &doc["paths"]["/api/v1/any"]["get"]["responses"];
        assert!(any["200"].get("content").is_none(), "{any}");
    }
}
