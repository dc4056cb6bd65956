//! AsciiDoc front-end: follows `include::` from the assembly and reads the reference entries.

use std::path::Path;

use super::{ParseError, Parsed};

/// Parses a docs tree (its `api_reference/master.adoc` or `api/master.adoc`) or an assembly file.
pub fn parse(path: &Path) -> Result<Parsed, ParseError> {
    Err(ParseError::NotAnApiReference {
        path: path.to_path_buf(),
        reason: "the AsciiDoc front-end is not written yet".into(),
    })
}
