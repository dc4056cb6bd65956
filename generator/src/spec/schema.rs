//! The small type model that schema strings of the docs (`string`, `array of object`, a cross
//! reference to `ApiError`) are parsed into.

use serde::{Deserialize, Serialize};

/// The type of a parameter, field or response body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Schema {
    String,
    Integer,
    Number,
    Boolean,
    Array {
        items: Box<Schema>,
    },
    /// A JSON object whose fields the docs do not describe.
    Object,
    /// A reference to a [`crate::spec::Definition`] by name.
    Ref {
        name: String,
    },
    /// A schema string that could not be typed, kept as written (empty when the cell was empty).
    Unknown {
        text: String,
    },
}

impl Schema {
    pub fn array(items: Schema) -> Schema {
        Schema::Array {
            items: Box::new(items),
        }
    }

    /// Parses a schema string as the docs write it, after markup and cross references have been
    /// removed by the front-end. Case and a plural item (`array of strings`) are tolerated; anything
    /// else unrecognised becomes [`Schema::Unknown`] with the text kept.
    pub fn parse(text: &str) -> Schema {
        let trimmed = text.trim();
        let lower = trimmed.to_ascii_lowercase();
        if let Some(items) = lower.strip_prefix("array of ") {
            let items = Schema::parse(items);
            if let Schema::Unknown { .. } = items {
                return Schema::Unknown {
                    text: trimmed.to_string(),
                };
            }
            return Schema::array(items);
        }
        match lower.as_str() {
            "string" | "strings" => Schema::String,
            "integer" | "integers" => Schema::Integer,
            "number" | "numbers" => Schema::Number,
            "boolean" | "booleans" => Schema::Boolean,
            "object" | "objects" => Schema::Object,
            _ => Schema::Unknown {
                text: trimmed.to_string(),
            },
        }
    }

    /// Whether this schema, or an item type inside it, is [`Schema::Unknown`] with text.
    pub fn has_unknown_text(&self) -> bool {
        match self {
            Schema::Unknown { text } => !text.is_empty(),
            Schema::Array { items } => items.has_unknown_text(),
            _ => false,
        }
    }

    /// The docs' own spelling of this schema (`array of string`).
    pub fn display(&self) -> String {
        match self {
            Schema::String => "string".to_string(),
            Schema::Integer => "integer".to_string(),
            Schema::Number => "number".to_string(),
            Schema::Boolean => "boolean".to_string(),
            Schema::Array { items } => format!("array of {}", items.display()),
            Schema::Object => "object".to_string(),
            Schema::Ref { name } => name.clone(),
            Schema::Unknown { text } => text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(Schema::parse("string"), Schema::String);
        assert_eq!(Schema::parse(" Integer "), Schema::Integer);
        assert_eq!(Schema::parse("object"), Schema::Object);
        assert_eq!(
            Schema::parse("array of object"),
            Schema::array(Schema::Object)
        );
        assert_eq!(
            Schema::parse("array of strings"),
            Schema::array(Schema::String)
        );
    }

    #[test]
    fn keeps_unknown_text() {
        let s = Schema::parse(r#"{ "missing": "boolean" }"#);
        assert_eq!(
            s,
            Schema::Unknown {
                text: r#"{ "missing": "boolean" }"#.into()
            }
        );
        assert!(s.has_unknown_text());
        assert!(!Schema::parse("").has_unknown_text());
        assert!(Schema::parse("array of widgets").has_unknown_text());
    }

    #[test]
    fn serializes_with_a_type_tag() {
        let json = serde_json::to_string(&Schema::array(Schema::String)).unwrap();
        assert_eq!(json, r#"{"type":"array","items":{"type":"string"}}"#);
    }
}
