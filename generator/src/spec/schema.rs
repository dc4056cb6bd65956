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

/// The deepest `array of array of ...` read as a type (the docs nest two at most); deeper is
/// [`Schema::Unknown`].
pub const MAX_ARRAY_DEPTH: usize = 8;

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
        // Iterative, not recursive: a hostile cell of thousands of `array of` must neither
        // overflow the stack nor produce a spec that later stages cannot read.
        let mut item = lower.as_str();
        let mut depth = 0;
        while let Some(inner) = item.strip_prefix("array of ") {
            item = inner.trim();
            depth += 1;
        }
        let scalar = match item {
            "string" | "strings" => Some(Schema::String),
            "integer" | "integers" => Some(Schema::Integer),
            "number" | "numbers" => Some(Schema::Number),
            "boolean" | "booleans" => Some(Schema::Boolean),
            "object" | "objects" => Some(Schema::Object),
            _ => None,
        };
        match scalar {
            Some(scalar) if depth <= MAX_ARRAY_DEPTH => {
                (0..depth).fold(scalar, |items, _| Schema::array(items))
            }
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

    #[test]
    fn array_nesting_is_bounded() {
        let nested = |depth: usize| format!("{}string", "array of ".repeat(depth));
        let mut expected = Schema::String;
        for _ in 0..MAX_ARRAY_DEPTH {
            expected = Schema::array(expected);
        }
        assert_eq!(Schema::parse(&nested(MAX_ARRAY_DEPTH)), expected);
        assert_eq!(
            Schema::parse(&nested(MAX_ARRAY_DEPTH + 1)),
            Schema::Unknown {
                text: nested(MAX_ARRAY_DEPTH + 1)
            }
        );
        // Deep enough to overflow the stack of a recursive parser.
        assert!(Schema::parse(&nested(200_000)).has_unknown_text());
    }
}
