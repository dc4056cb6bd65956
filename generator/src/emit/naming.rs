//! Rust names for documented names: snake_case and UpperCamelCase as `heck` writes them (see
//! [`crate::case`]), keyword escaping, and deterministic collision avoidance.

use std::collections::BTreeSet;

use crate::case;

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NON_RAW_KEYWORDS: &[&str] = &["crate", "self", "super", "Self", "_"];

/// Turns arbitrary text into a plain identifier word: anything outside `[A-Za-z0-9_]` becomes a
/// word break, and a leading digit (or nothing at all) gets a prefix.
fn identifier_words(text: &str, prefix: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let cleaned = cleaned.trim().to_string();
    match cleaned.chars().next() {
        None => prefix.to_string(),
        Some(c) if c.is_ascii_digit() => format!("{prefix} {cleaned}"),
        Some(_) => cleaned,
    }
}

/// `snake_case` of a documented name (`listRepoTags` -> `list_repo_tags`), not yet keyword-escaped.
pub fn snake(text: &str) -> String {
    case::snake(&identifier_words(text, "field"))
}

/// `UpperCamelCase` of a documented name (`createAppToken` -> `CreateAppToken`).
pub fn camel(text: &str) -> String {
    case::upper_camel(&identifier_words(text, "type"))
}

/// How an identifier is written in source: raw for keywords that allow it, with a trailing
/// underscore for those that do not.
pub fn escape_keyword(ident: &str) -> String {
    if RAW_KEYWORDS.contains(&ident) {
        format!("r#{ident}")
    } else if NON_RAW_KEYWORDS.contains(&ident) {
        format!("{ident}_")
    } else {
        ident.to_string()
    }
}

/// The name serde sees for an identifier: raw identifiers lose their `r#`.
pub fn serde_name(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out names that are unique within one scope (a module, a struct's fields). A name already
/// taken gets `_2`, `_3`, ... (or `2`, `3` for type names) in the order names are requested, so
/// the result depends only on the spec's order.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// A namespace in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Namespace {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// A unique snake_case identifier (keyword-escaped) for `text`.
    pub fn snake(&mut self, text: &str) -> String {
        self.unique(&snake(text), "_")
    }

    /// A unique UpperCamelCase identifier for `text`, with `suffix` appended (`Body`).
    pub fn camel(&mut self, text: &str, suffix: &str) -> String {
        self.unique(&format!("{}{suffix}", camel(text)), "")
    }

    fn unique(&mut self, base: &str, separator: &str) -> String {
        let mut candidate = escape_keyword(base);
        let mut counter = 2;
        while self.taken.contains(serde_name(&candidate)) {
            candidate = escape_keyword(&format!("{base}{separator}{counter}"));
            counter += 1;
        }
        self.taken.insert(serde_name(&candidate).to_string());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_follow_heck() {
        assert_eq!(snake("listRepoTags"), "list_repo_tags");
        assert_eq!(snake("robot_shortname"), "robot_shortname");
        assert_eq!(snake("max-age"), "max_age");
        assert_eq!(snake("2fa"), "field_2fa");
        assert_eq!(snake(""), "field");
        assert_eq!(camel("createAppToken"), "CreateAppToken");
        assert_eq!(camel("org_mirror"), "OrgMirror");
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(escape_keyword("type"), "r#type");
        assert_eq!(escape_keyword("self"), "self_");
        assert_eq!(escape_keyword("kind"), "kind");
        assert_eq!(serde_name("r#type"), "type");
    }

    #[test]
    fn collisions_get_numbered_in_request_order() {
        let mut names = Namespace::with_reserved(&["send"]);
        assert_eq!(names.snake("send"), "send_2");
        assert_eq!(names.snake("orgMirror"), "org_mirror");
        assert_eq!(names.snake("org_mirror"), "org_mirror_2");
        assert_eq!(names.snake("type"), "r#type");
        assert_eq!(names.snake("type"), "type_2");
        let mut types = Namespace::default();
        assert_eq!(types.camel("createAppToken", "Body"), "CreateAppTokenBody");
        assert_eq!(
            types.camel("create_app_token", "Body"),
            "CreateAppTokenBody2"
        );
    }
}
