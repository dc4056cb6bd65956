//! JSON as the docs write it in examples: valid JSON except that a value may be an unquoted
//! placeholder (`"limit_bytes": <limit_in_bytes>`). Placeholders become strings, so the shape of
//! the example survives; nothing else is repaired, so invalid JSON is still reported.

use std::sync::LazyLock;

use regex::Regex;

/// Parses `text` as JSON after quoting bare `<placeholders>` outside strings.
pub fn parse_lenient(text: &str) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::from_str(&quote_bare_placeholders(text))
}

/// Wraps every `<placeholder>` that stands outside a JSON string in double quotes.
pub fn quote_bare_placeholders(text: &str) -> String {
    static PLACEHOLDER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"<[A-Za-z0-9_.\- ]+>").expect("valid regex"));
    let mut out = String::with_capacity(text.len() + 8);
    for (segment, in_string) in string_segments(text) {
        if in_string {
            out.push_str(segment);
        } else {
            out.push_str(&PLACEHOLDER.replace_all(segment, "\"$0\""));
        }
    }
    out
}

/// Splits JSON text into alternating runs outside and inside string literals (quotes included
/// in the inside runs). An unterminated string runs to the end.
fn string_segments(text: &str) -> Vec<(&str, bool)> {
    let mut segments = Vec::new();
    let mut start = 0;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                segments.push((&text[start..i + 1], true));
                start = i + 1;
                in_string = false;
            }
        } else if c == '"' {
            if start < i {
                segments.push((&text[start..i], false));
            }
            start = i;
            in_string = true;
        }
    }
    if start < text.len() {
        segments.push((&text[start..], in_string));
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bare_placeholders_become_strings() {
        let value = parse_lenient(r#"{"limit_bytes": <limit_in_bytes>, "on": <false>}"#).unwrap();
        assert_eq!(
            value,
            json!({"limit_bytes": "<limit_in_bytes>", "on": "<false>"})
        );
    }

    #[test]
    fn placeholders_inside_strings_are_left_alone() {
        let text = r#"{"a": "<x> is \"<y>\"", "b": [<n>]}"#;
        assert_eq!(
            parse_lenient(text).unwrap(),
            json!({"a": "<x> is \"<y>\"", "b": ["<n>"]})
        );
    }

    #[test]
    fn invalid_json_is_still_an_error() {
        let missing_comma = "{\n \"a\": \"<x>\"\n \"b\": 1\n}";
        let err = parse_lenient(missing_comma).unwrap_err();
        assert_eq!(err.line(), 3, "{err}");
    }
}
