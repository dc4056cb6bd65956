//! Rust type names for inferred object types, derived from the operation name and the field path
//! so that the same docs always give the same names.

use std::collections::BTreeSet;

/// Turns any text (`createAppToken`, `last_accessed`, `<config_key>`) into an UpperCamelCase
/// word made of ASCII letters and digits; empty when the text has none.
pub fn pascal(text: &str) -> String {
    crate::case::upper_camel(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The element name for an array field: a plural (`tokens`, `policies`) made singular, since
/// `ListTokensToken` reads better than `ListTokensTokens`. Words that only look plural
/// (`status`, `address`) are kept.
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some(stem) = word.strip_suffix("ies").filter(|_| lower.len() > 4) {
        return format!("{stem}y");
    }
    let keeps = ["ss", "us", "is", "os"];
    if lower.ends_with('s') && !keeps.iter().any(|k| lower.ends_with(k)) && lower.len() > 1 {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// Hands out unique, valid type names.
#[derive(Debug, Default)]
pub struct Names {
    used: BTreeSet<String>,
}

impl Names {
    /// Marks `name` as taken (a definition's type name).
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_string());
    }

    /// A type name from `parts` joined in UpperCamelCase, made valid (starts with a letter) and
    /// unique (`Name2`, `Name3`, ... when taken).
    pub fn claim(&mut self, parts: &[&str]) -> String {
        let mut base: String = parts.iter().map(|p| pascal(p)).collect();
        if base.is_empty() {
            base = "Value".to_string();
        }
        if !base.starts_with(|c: char| c.is_ascii_alphabetic()) || base == "Self" {
            base.insert(0, 'T');
        }
        let mut name = base.clone();
        let mut counter = 2;
        while self.used.contains(&name) {
            name = format!("{base}{counter}");
            counter += 1;
        }
        self.used.insert(name.clone());
        name
    }
}

/// Whether `name` is a type name the emitter can use as is: ASCII, starts with an upper-case
/// letter, only letters and digits.
pub fn is_valid_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_from_docs_names() {
        assert_eq!(pascal("createAppToken"), "CreateAppToken");
        assert_eq!(pascal("last_accessed"), "LastAccessed");
        assert_eq!(pascal("<config_key>"), "ConfigKey");
        assert_eq!(pascal("media-type.v2"), "MediaTypeV2");
        assert_eq!(pascal("ü"), "");
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("tokens"), "token");
        assert_eq!(singular("policies"), "policy");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("address"), "address");
        assert_eq!(singular("data"), "data");
    }

    #[test]
    fn claimed_names_are_valid_and_unique() {
        let mut names = Names::default();
        assert_eq!(names.claim(&["getThing", "Response"]), "GetThingResponse");
        assert_eq!(names.claim(&["getThing", "response"]), "GetThingResponse2");
        assert_eq!(names.claim(&["getThing", "response"]), "GetThingResponse3");
        names.reserve("ApiError");
        assert_eq!(names.claim(&["apiError"]), "ApiError2");
        let odd = names.claim(&["1st", "<>"]);
        assert!(is_valid_type_name(&odd), "{odd}");
        assert!(is_valid_type_name(&names.claim(&[""])));
        assert!(!is_valid_type_name("lower"));
        assert!(!is_valid_type_name("Has-Dash"));
    }
}
