//! `snake_case` and `UpperCamelCase` exactly as `heck` writes them, without its per-character
//! formatting for the ASCII names the docs use (the generator converts thousands of names per
//! run). Text with any non-ASCII character goes to `heck` itself; a property test holds the two
//! equal on ASCII text.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// `snake_case`: words lowercased and joined with `_` (`listRepoTags` -> `list_repo_tags`).
pub fn snake(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_snake_case();
    }
    let mut out = String::with_capacity(text.len() + 4);
    ascii_words(text, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    });
    out
}

/// `UpperCamelCase`: words capitalized and joined (`create_app token` -> `CreateAppToken`).
pub fn upper_camel(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_upper_camel_case();
    }
    let mut out = String::with_capacity(text.len());
    ascii_words(text, |word| {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    });
    out
}

/// The case of the last cased letter of the word read so far.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Boundary,
    Lowercase,
    Uppercase,
}

/// Calls `word` for each word of ASCII `text`, split as heck splits: at every character that is
/// not a letter or digit, between a lowercase letter and an uppercase one (`repoTags`), and
/// before the last capital of a run followed by a lowercase letter (`HTTPServer`).
fn ascii_words(text: &str, mut word: impl FnMut(&str)) {
    for part in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = part.as_bytes();
        let mut start = 0;
        let mut mode = Mode::Boundary;
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                word(&part[start..]);
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lowercase
            } else if c.is_ascii_uppercase() {
                Mode::Uppercase
            } else {
                mode
            };
            if next_mode == Mode::Lowercase && next.is_ascii_uppercase() {
                word(&part[start..=i]);
                start = i + 1;
                mode = Mode::Boundary;
            } else if mode == Mode::Uppercase && c.is_ascii_uppercase() && next.is_ascii_lowercase()
            {
                word(&part[start..i]);
                start = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_where_heck_splits_them() {
        assert_eq!(snake("listRepoTags"), "list_repo_tags");
        assert_eq!(snake("HTTPServer v2"), "http_server_v2");
        assert_eq!(upper_camel("create_app token"), "CreateAppToken");
        assert_eq!(upper_camel("getURLs"), "GetUrLs");
        assert_eq!(snake("élan vital"), "élan_vital");
    }

    proptest::proptest! {
        #[test]
        fn ascii_text_converts_as_heck_converts_it(
            text in "[a-zA-Z0-9_ .-]{0,20}|[ -~]{0,24}|[aAbB1_]{0,12}"
        ) {
            proptest::prop_assert_eq!(snake(&text), text.to_snake_case());
            proptest::prop_assert_eq!(upper_camel(&text), text.to_upper_camel_case());
        }
    }
}
