//! Markdown front-end: reads the GitHub-flavoured rendering with pulldown-cmark.

use std::path::Path;

use super::{ParseError, Parsed};

/// Parses one Markdown (or plain-text) rendering of the reference.
pub fn parse_file(path: &Path) -> Result<Parsed, ParseError> {
    Err(ParseError::NotAnApiReference {
        path: path.to_path_buf(),
        reason: "the Markdown front-end is not written yet".into(),
    })
}
