//! What a heading is, from its title alone: a `METHOD /path` line, a known section of an entry
//! (`Responses`, `Request body schema (application/json)`, ...), or anything else.

use std::sync::LazyLock;

use regex::Regex;

use crate::spec::Method;

/// What a heading is, from its title alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingKind {
    /// `POST /api/v1/user/apptoken`.
    MethodPath(Method, String),
    /// A known part of an entry (`Responses`, `Path parameters`, ...).
    Section(Section),
    /// Anything else: an entry name, a chapter, a definition, prose.
    Other,
}

/// The part of an entry that content currently belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Section {
    /// Between the name heading and the first section: description and `Authorizations:`.
    Intro,
    PathParameters,
    QueryParameters,
    /// `Request body schema (application/json)`; the content type when written.
    RequestBody {
        content_type: Option<String>,
    },
    Responses,
    ExampleCommand,
    ExampleOutput,
    /// A subsection the reader does not know; its content is not read.
    Unknown,
}

impl Section {
    /// Sections whose presence marks a heading as an entry even without a method line.
    pub fn belongs_only_to_entries(&self) -> bool {
        matches!(
            self,
            Section::PathParameters
                | Section::QueryParameters
                | Section::RequestBody { .. }
                | Section::Responses
        )
    }
}

pub fn heading_kind(title: &str) -> HeadingKind {
    static METHOD_PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(GET|POST|PUT|PATCH|DELETE|HEAD)\s+(\S+)$").expect("valid regex")
    });
    if let Some(caps) = METHOD_PATH.captures(title) {
        if let Some(method) = Method::parse(&caps[1]) {
            return HeadingKind::MethodPath(method, caps[2].to_string());
        }
    }
    match section_of(title) {
        Some(section) => HeadingKind::Section(section),
        None => HeadingKind::Other,
    }
}

/// Whether a title is a `METHOD /path` line or the title of a known entry section.
pub fn is_method_path_or_section(title: &str) -> bool {
    heading_kind(title) != HeadingKind::Other
}

/// The section a title names, case-insensitively.
pub fn section_of(title: &str) -> Option<Section> {
    static REQUEST_BODY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^request body(?: schema)?\s*(?:\(([^)]*)\))?:?$").expect("valid regex")
    });
    let lower = title.trim().trim_end_matches(':').to_ascii_lowercase();
    let section = match lower.as_str() {
        "path parameters" => Section::PathParameters,
        "query parameters" => Section::QueryParameters,
        "responses" => Section::Responses,
        "example command" | "example commands" => Section::ExampleCommand,
        "example output" | "example response" => Section::ExampleOutput,
        _ => {
            let caps = REQUEST_BODY.captures(title.trim())?;
            Section::RequestBody {
                content_type: caps.get(1).map(|ct| ct.as_str().trim().to_string()),
            }
        }
    };
    Some(section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_kinds() {
        assert_eq!(
            heading_kind("POST /api/v1/user/apptoken"),
            HeadingKind::MethodPath(Method::Post, "/api/v1/user/apptoken".into())
        );
        assert_eq!(
            heading_kind("Responses"),
            HeadingKind::Section(Section::Responses)
        );
        assert_eq!(
            heading_kind("Request body schema (application/json)"),
            HeadingKind::Section(Section::RequestBody {
                content_type: Some("application/json".into())
            })
        );
        assert_eq!(
            heading_kind("Request Body"),
            HeadingKind::Section(Section::RequestBody { content_type: None })
        );
        assert_eq!(
            heading_kind("Example Command"),
            HeadingKind::Section(Section::ExampleCommand)
        );
        assert_eq!(heading_kind("createAppToken"), HeadingKind::Other);
        assert_eq!(heading_kind("Posting things"), HeadingKind::Other);
    }
}
