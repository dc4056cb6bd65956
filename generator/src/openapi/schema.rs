//! Spec schemas and definitions as OpenAPI (JSON Schema 2020-12) schemas.

use std::collections::{BTreeMap, HashSet};

use serde_json::{json, Map, Value};

use super::object;
use crate::spec::{Field, FieldShape, RequestBody, Schema, Spec};

/// Converts schemas, knowing which definitions exist so that no `$ref` dangles.
pub(super) struct Converter<'a> {
    pub definitions: HashSet<&'a str>,
}

impl Converter<'_> {
    pub fn convert(&self, schema: &Schema) -> Value {
        match schema {
            Schema::String => json!({"type": "string"}),
            Schema::Integer => json!({"type": "integer"}),
            Schema::Number => json!({"type": "number"}),
            Schema::Boolean => json!({"type": "boolean"}),
            Schema::Object => json!({"type": "object"}),
            Schema::Array { items } => {
                object([("type", json!("array")), ("items", self.convert(items))])
            }
            Schema::Ref { name } if self.definitions.contains(name.as_str()) => {
                json!({"$ref": format!("#/components/schemas/{}", component_name(name))})
            }
            // Any value: the docs refer to a definition they do not contain.
            Schema::Ref { name } => {
                json!({"description": format!("`{name}` (not among the definitions)")})
            }
            Schema::Unknown { text } if text.is_empty() => json!({}),
            Schema::Unknown { text } => json!({"description": format!("Documented as `{text}`")}),
        }
    }

    /// An object schema with one property per field.
    pub fn object(&self, description: &str, fields: &[Field]) -> Value {
        self.shaped_object(description, fields, &[], "")
    }

    /// A request body's schema: its object, with each corrected field's shape (an `enum` of its
    /// values, a nested object of its fields); for an array body, an array of that object.
    pub fn body(&self, body: &RequestBody) -> Value {
        let shaped = self.shaped_object("", &body.fields, &body.shapes, "");
        let mut schema = if body.array {
            object([("type", json!("array")), ("items", shaped)])
        } else {
            shaped
        };
        if !body.description.is_empty() {
            schema["description"] = json!(body.description);
        }
        schema
    }

    /// `prefix` is the path of the object among the shapes (`""` for the body, `refs.` inside
    /// the nested object `refs`).
    fn shaped_object(
        &self,
        description: &str,
        fields: &[Field],
        shapes: &[FieldShape],
        prefix: &str,
    ) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for field in fields {
            if properties.contains_key(&field.name) {
                continue;
            }
            let path = format!("{prefix}{}", field.name);
            let mut property = match shapes.iter().find(|s| s.path == path) {
                Some(shape) if !shape.values.is_empty() => {
                    json!({"type": "string", "enum": shape.values})
                }
                Some(shape) if !shape.fields.is_empty() => {
                    self.shaped_object("", &shape.fields, shapes, &format!("{path}."))
                }
                _ => self.convert(&field.schema),
            };
            if !field.description.is_empty() {
                property = with_description(property, &field.description);
            }
            properties.insert(field.name.clone(), property);
            if field.required {
                required.push(field.name.clone());
            }
        }
        let mut object = object([
            ("type", json!("object")),
            ("properties", Value::Object(properties)),
        ]);
        if !required.is_empty() {
            object["required"] = json!(required);
        }
        if !description.is_empty() {
            object["description"] = json!(description);
        }
        object
    }
}

/// Adds a description beside a schema (allowed beside a `$ref` in OpenAPI 3.1). A note the
/// schema already carries (an untyped `Documented as ...`) follows the field's description.
fn with_description(mut schema: Value, description: &str) -> Value {
    if let Value::Object(map) = &mut schema {
        let text = match map.get("description").and_then(Value::as_str) {
            Some(note) => format!("{description} ({note})"),
            None => description.to_string(),
        };
        map.insert("description".into(), json!(text));
    }
    schema
}

/// A name OpenAPI accepts as a component key (`^[a-zA-Z0-9._-]+$`).
pub(super) fn component_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.is_empty() {
        "_".to_string()
    } else {
        cleaned
    }
}

/// Every definition as a component schema, keyed by its component name.
pub(super) fn definition_components(
    spec: &Spec,
    converter: &Converter<'_>,
) -> BTreeMap<String, Value> {
    spec.definitions
        .iter()
        .map(|d| {
            (
                component_name(&d.name),
                converter.object(&d.description, &d.fields),
            )
        })
        .collect()
}
