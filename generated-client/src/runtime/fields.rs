//! Decoding of response structs, used by generated code: the body is read as a JSON object and
//! each modelled field is taken out of it, so what is left is kept as the struct's unknown fields.
//! One small function per struct instead of a derived visitor keeps the crate quick to build.

use serde::de::{DeserializeOwned, Error};
use serde_json::{Map, Value};

/// A field the examples always had: missing or of another type is an error naming the field.
pub fn required<T: DeserializeOwned, E: Error>(
    object: &mut Map<String, Value>,
    name: &'static str,
) -> Result<T, E> {
    let value = object.remove(name).ok_or_else(|| E::missing_field(name))?;
    decode(value, name)
}

/// A field that may be missing or `null` (both give `None`).
pub fn optional<T: DeserializeOwned, E: Error>(
    object: &mut Map<String, Value>,
    name: &'static str,
) -> Result<Option<T>, E> {
    match object.remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => decode(value, name).map(Some),
    }
}

fn decode<T: DeserializeOwned, E: Error>(value: Value, name: &str) -> Result<T, E> {
    T::deserialize(value).map_err(|err| E::custom(format_args!("field `{name}`: {err}")))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    #[test]
    fn fields_are_taken_out_and_the_rest_stays() {
        let mut map = object(json!({"name": "a", "size": null, "new": 1}));
        let name: String = required::<_, serde_json::Error>(&mut map, "name").expect("name");
        let size: Option<i64> = optional::<_, serde_json::Error>(&mut map, "size").expect("size");
        let gone: Option<i64> = optional::<_, serde_json::Error>(&mut map, "gone").expect("gone");
        assert_eq!((name.as_str(), size, gone), ("a", None, None));
        assert_eq!(Value::Object(map), json!({"new": 1}));
    }

    #[test]
    fn missing_or_mistyped_fields_are_errors_naming_the_field() {
        let mut map = object(json!({"size": "big"}));
        let missing = required::<String, serde_json::Error>(&mut map, "name").expect_err("missing");
        assert!(missing.to_string().contains("`name`"), "{missing}");
        let mistyped = optional::<i64, serde_json::Error>(&mut map, "size").expect_err("a string");
        assert!(mistyped.to_string().contains("field `size`"), "{mistyped}");
    }
}
