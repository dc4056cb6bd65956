//! Decoding of response structs, used by generated code: the body is read as a JSON object and
//! each modelled field is taken out of it, so what is left is kept as the struct's unknown fields.
//! One small function per struct instead of a derived visitor keeps the crate quick to build.

use serde::de::{DeserializeOwned, Deserializer, Error};
use serde::Deserialize;
use serde_json::{Map, Value};

/// A response body read as a JSON object. The struct's fields are taken out of it one by one
/// ([`Object::required`], [`Object::optional`]); what is left ([`Object::into_rest`]) are the
/// fields the struct does not model.
#[derive(Debug)]
pub struct Object(Map<String, Value>);

impl Object {
    /// Reads the body; anything but a JSON object is an error.
    pub fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(Object)
    }

    /// A field the examples always had: missing or of another type is an error naming the field.
    pub fn required<T: DeserializeOwned, E: Error>(&mut self, name: &'static str) -> Result<T, E> {
        let value = self.0.remove(name).ok_or_else(|| E::missing_field(name))?;
        decode(value, name)
    }

    /// A field that may be missing or `null` (both give `None`).
    pub fn optional<T: DeserializeOwned, E: Error>(
        &mut self,
        name: &'static str,
    ) -> Result<Option<T>, E> {
        match self.0.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => decode(value, name).map(Some),
        }
    }

    /// The fields not taken out.
    pub fn into_rest(self) -> Map<String, Value> {
        self.0
    }
}

fn decode<T: DeserializeOwned, E: Error>(value: Value, name: &str) -> Result<T, E> {
    T::deserialize(value).map_err(|err| E::custom(format_args!("field `{name}`: {err}")))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn object(value: Value) -> Object {
        Object::read(value).expect("an object")
    }

    #[test]
    fn fields_are_taken_out_and_the_rest_stays() {
        let mut object = object(json!({"name": "a", "size": null, "new": 1}));
        let name: String = object
            .required::<_, serde_json::Error>("name")
            .expect("name");
        let size: Option<i64> = object
            .optional::<_, serde_json::Error>("size")
            .expect("size");
        let gone: Option<i64> = object
            .optional::<_, serde_json::Error>("gone")
            .expect("gone");
        assert_eq!((name.as_str(), size, gone), ("a", None, None));
        assert_eq!(Value::Object(object.into_rest()), json!({"new": 1}));
    }

    #[test]
    fn missing_or_mistyped_fields_are_errors_naming_the_field() {
        let mut object = object(json!({"size": "big"}));
        let missing = object
            .required::<String, serde_json::Error>("name")
            .expect_err("missing");
        assert!(missing.to_string().contains("`name`"), "{missing}");
        let mistyped = object
            .optional::<i64, serde_json::Error>("size")
            .expect_err("a string");
        assert!(mistyped.to_string().contains("field `size`"), "{mistyped}");
    }

    #[test]
    fn a_body_that_is_not_an_object_is_an_error() {
        assert!(Object::read(json!([1, 2])).is_err());
    }
}
