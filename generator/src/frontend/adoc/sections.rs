//! Cuts the block list into sections (a heading and the blocks up to the next heading) and says
//! what each heading is: an operation's `METHOD /path`, one of the parts of an entry, or other.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::Block;
use crate::frontend::text::adoc_inline_to_markdown;
use crate::spec::{Location, Method};

/// A heading and the blocks under it, up to the next heading of any level.
#[derive(Debug, Clone)]
pub struct Section {
    pub level: i32,
    pub title: String,
    pub location: Location,
    pub body: Vec<Block>,
}

/// What a heading means inside the reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingKind {
    /// `POST /api/v1/user/apptoken`.
    Method {
        method: Method,
        path: String,
    },
    /// An upper-case word and a path, but not an HTTP method the spec knows (`FETCH /x`).
    UnknownMethod {
        word: String,
    },
    PathParameters,
    QueryParameters,
    /// `Request body schema (application/json)` or `Request body`.
    RequestBody {
        content_type: Option<String>,
    },
    Responses,
    /// `Example command`, `Example commands`, `Example output`.
    Example {
        is_output: bool,
    },
    /// Any other heading; inside an entry it is reported and skipped.
    Other,
}

impl HeadingKind {
    /// Headings that only occur inside an operation entry.
    pub fn is_entry_part(&self) -> bool {
        !matches!(self, HeadingKind::Other)
    }
}

static REQUEST_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^request\s+body(?:\s+schema)?(?:\s*\(([^)]*)\))?$").expect("valid regex")
});

/// Classifies a heading title.
pub fn classify(title: &str) -> HeadingKind {
    let title = title.trim();
    if let Some((word, path)) = word_and_token(title) {
        let looks_like_path = path.starts_with('/') || path.contains('/');
        if looks_like_path {
            return match Method::parse(word) {
                Some(method) => HeadingKind::Method {
                    method,
                    path: path.to_string(),
                },
                None => HeadingKind::UnknownMethod {
                    word: word.to_string(),
                },
            };
        }
    }
    let lower = title.to_ascii_lowercase();
    // `r`, `e` and `q` have no case variants outside ASCII (unlike the `s` of `(?i)request`,
    // which matches `ſ`): a title that starts otherwise cannot match, and is not tried.
    let request_like = title
        .get(..3)
        .is_some_and(|start| start.eq_ignore_ascii_case("req"));
    if let Some(caps) = request_like.then(|| REQUEST_BODY.captures(title)).flatten() {
        return HeadingKind::RequestBody {
            content_type: caps.get(1).map(|m| m.as_str().trim().to_string()),
        };
    }
    match lower.as_str() {
        "path parameters" => HeadingKind::PathParameters,
        "query parameters" => HeadingKind::QueryParameters,
        "responses" => HeadingKind::Responses,
        _ if lower.starts_with("example output") || lower.starts_with("example response") => {
            HeadingKind::Example { is_output: true }
        }
        _ if lower.starts_with("example command") => HeadingKind::Example { is_output: false },
        _ => HeadingKind::Other,
    }
}

/// `GET /path`: an upper-case word, whitespace, and one token without whitespace
/// (`^([A-Z]+)\s+(\S+)$`, written out: every heading's title is tried).
fn word_and_token(title: &str) -> Option<(&str, &str)> {
    let word_end = title
        .find(|c: char| !c.is_ascii_uppercase())
        .unwrap_or(title.len());
    let (word, rest) = title.split_at(word_end);
    let token = rest.trim_start();
    let separated = token.len() < rest.len();
    let single = !token.is_empty() && !token.contains(char::is_whitespace);
    (!word.is_empty() && separated && single).then_some((word, token))
}

/// Splits blocks into sections; blocks before the first heading (the preamble) are dropped.
pub fn sections(blocks: Vec<Block>) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for block in blocks {
        match block {
            Block::Heading {
                level,
                title,
                location,
            } => out.push(Section {
                level,
                title,
                location,
                body: Vec::new(),
            }),
            other => {
                if let Some(section) = out.last_mut() {
                    section.body.push(other);
                }
            }
        }
    }
    out
}

/// The index after the last section nested under `sections[start]`.
pub fn section_end(sections: &[Section], start: usize) -> usize {
    let level = sections[start].level;
    sections[start + 1..]
        .iter()
        .position(|s| s.level <= level)
        .map_or(sections.len(), |offset| start + 1 + offset)
}

/// The prose of a section: its paragraphs, separated by blank lines.
pub fn prose(body: &[Block]) -> String {
    body.iter()
        .filter_map(|block| match block {
            Block::Paragraph { text, .. } => Some(adoc_inline_to_markdown(text)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn method_titles_read_as_the_regex_reads_them(title in "[A-Za-z/{} \t\u{a0}]{0,10}") {
            let regex = Regex::new(r"^([A-Z]+)\s+(\S+)$").expect("valid regex");
            let expected = regex.captures(&title).map(|caps| {
                (caps.get(1).expect("a word").as_str(), caps.get(2).expect("a token").as_str())
            });
            proptest::prop_assert_eq!(word_and_token(&title), expected);
        }

        #[test]
        fn request_body_titles_start_with_req_in_any_case(
            title in "(?i)(re(q|k)uest|req|ſ)[ \t]*(body|ſchema|\\(x\\))?[ a-z]{0,3}"
        ) {
            if REQUEST_BODY.is_match(&title) {
                proptest::prop_assert!(title[..3].eq_ignore_ascii_case("req"));
            }
        }
    }

    #[test]
    fn classifies_entry_headings() {
        assert_eq!(
            classify("POST /api/v1/user/apptoken"),
            HeadingKind::Method {
                method: Method::Post,
                path: "/api/v1/user/apptoken".into()
            }
        );
        assert_eq!(
            classify("FETCH /api/v1/x"),
            HeadingKind::UnknownMethod {
                word: "FETCH".into()
            }
        );
        assert_eq!(
            classify("Request body schema (application/json)"),
            HeadingKind::RequestBody {
                content_type: Some("application/json".into())
            }
        );
        assert_eq!(
            classify("Request Body"),
            HeadingKind::RequestBody { content_type: None }
        );
        assert_eq!(
            classify("Example command "),
            HeadingKind::Example { is_output: false }
        );
        assert_eq!(
            classify("Example output"),
            HeadingKind::Example { is_output: true }
        );
        assert_eq!(classify("appspecifictokens"), HeadingKind::Other);
        assert_eq!(classify("API GUIDE"), HeadingKind::Other);
    }
}
