//! Markdown front-end: reads the GitHub-flavoured rendering of the reference with pulldown-cmark,
//! and the plain-text rendering (`.txt`) line by line, into the same [`Document`].
//!
//! Both renderings are first reduced to blocks (`blocks.rs`, `plain.rs`); one reader
//! (`reader.rs`) then finds chapters, entries and definitions in them, using the table layouts of
//! `tables.rs`.

mod blocks;
mod entry;
mod headings;
mod plain;
mod reader;
mod tables;
#[cfg(test)]
mod tests;

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::{legacy, Document, ParseError, Parsed};
use crate::spec::DocFormat;

/// Parses one Markdown (or plain-text) rendering of the reference.
pub fn parse_file(path: &Path) -> Result<Parsed, ParseError> {
    let bytes = std::fs::read(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => ParseError::NotFound {
            path: path.to_path_buf(),
        },
        _ => ParseError::Unreadable {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let text = String::from_utf8(bytes.clone()).map_err(|err| ParseError::Unreadable {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, err.utf8_error()),
    })?;
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let parsed = parse_text(&file_name, &text, is_plain_text(path));
    if parsed.spec.operations.is_empty() && parsed.errors().next().is_none() {
        return Err(ParseError::NotAnApiReference {
            path: path.to_path_buf(),
            reason: "no entry with a `METHOD /path` heading".into(),
        });
    }
    Ok(parsed)
}

/// Parses the text of one rendering; `file_name` is what locations and `source.files` show.
pub fn parse_text(file_name: &str, text: &str, plain_text: bool) -> Parsed {
    let blocks = if plain_text {
        plain::plain_blocks(text)
    } else {
        blocks::markdown_blocks(text)
    };
    let mut doc = Document::new(DocFormat::Markdown);
    doc.docs_version = version_from_file_name(file_name);
    doc.files
        .push((file_name.to_string(), text.as_bytes().to_vec()));
    let sections = legacy_sections(file_name, &blocks);
    if legacy::is_legacy(&sections) && !has_modern_entries(&blocks) {
        // The 3.5 layout: `get /path` headings with no operation name.
        let read = legacy::read(&sections);
        doc.groups = read.groups;
        doc.operations = read.operations;
        doc.diagnostics = read.diagnostics;
    } else {
        reader::read(file_name, &blocks, &mut doc);
    }
    doc.finish()
}

/// Whether any heading is an upper-case `METHOD /path` (the layout of 3.6 and later).
fn has_modern_entries(blocks: &[blocks::Block]) -> bool {
    blocks.iter().any(|b| match &b.kind {
        blocks::BlockKind::Heading { title, .. } => matches!(
            headings::heading_kind(&title.plain()),
            headings::HeadingKind::MethodPath(..)
        ),
        _ => false,
    })
}

/// The blocks as the shared reader of the 3.5 layout takes them: a section per heading, each
/// table with its header row and rows, code spans as their text.
fn legacy_sections(file: &str, blocks: &[blocks::Block]) -> Vec<legacy::LegacySection> {
    let location = |line: u32| crate::spec::Location {
        file: file.to_string(),
        line,
    };
    let cell = |inline: &blocks::Inline, line: u32| legacy::LegacyCell {
        text: inline.spans.iter().map(|s| s.text.as_str()).collect(),
        location: location(line),
    };
    let mut sections: Vec<legacy::LegacySection> = Vec::new();
    for block in blocks {
        match &block.kind {
            blocks::BlockKind::Heading { level, title } => sections.push(legacy::LegacySection {
                level: i32::from(*level),
                title: title.plain(),
                location: location(block.line),
                paragraphs: Vec::new(),
                tables: Vec::new(),
            }),
            blocks::BlockKind::Paragraph(inline) => {
                if let Some(section) = sections.last_mut() {
                    section.paragraphs.push(inline.markup());
                }
            }
            blocks::BlockKind::Table(table) => {
                if let Some(section) = sections.last_mut() {
                    let rows = std::iter::once(&table.header)
                        .chain(&table.rows)
                        .map(|row| row.cells.iter().map(|c| cell(c, row.line)).collect())
                        .collect();
                    section.tables.push(rows);
                }
            }
            blocks::BlockKind::Code { .. } => {}
        }
    }
    sections
}

/// `.txt` files are the plain-text rendering; everything else is Markdown.
fn is_plain_text(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("txt"))
}

/// The Markdown rendering carries no attributes, and its text names no product version, so the
/// version is taken from a file named after it (`3.18.md`); any other name gives none.
fn version_from_file_name(file_name: &str) -> Option<String> {
    static VERSION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([0-9]+(?:\.[0-9]+)+)\.(?:md|markdown|txt)$").expect("valid regex")
    });
    VERSION.captures(file_name).map(|caps| caps[1].to_string())
}
