//! AsciiDoc front-end: follows `include::` from the assembly and reads the reference entries.
//!
//! A small line-oriented reader, not an AsciiDoc engine, in four steps, one module each:
//! [`resolve`] keeps includes inside the docs tree, [`reader`] expands includes, conditionals,
//! attributes and comments into one list of lines, [`blocks`] and [`sections`] find headings,
//! paragraphs, tables and listings, and [`entries`] (with [`tables`]) reads them into the spec.

mod blocks;
mod entries;
mod reader;
mod resolve;
mod sections;
mod tables;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use super::{legacy, Document, ParseError, Parsed};
use crate::diagnostics::Diagnostic;
use crate::spec::{DocFormat, Location};
use resolve::{DocsRoot, RelPath};

pub use reader::{MAX_EXPANDED_LINES, MAX_INCLUDE_DEPTH, MAX_SUBSTITUTED_BYTES};

/// Where the assembly sits in a docs tree: 3.14 and later, then earlier versions.
const ASSEMBLIES: [&str; 2] = ["api_reference/master.adoc", "api/master.adoc"];

/// Folders an assembly sits in; their parent is the docs root (includes reach `../modules`).
const ASSEMBLY_FOLDERS: [&str; 2] = ["api_reference", "api"];

/// The attribute that holds the documented product version (`:producty: 3.18`).
const VERSION_ATTRIBUTE: &str = "producty";

/// Parses a docs tree (its `api_reference/master.adoc` or `api/master.adoc`) or an assembly file.
pub fn parse(path: &Path) -> Result<Parsed, ParseError> {
    let (expanded, assembly) = expand(path)?;
    Ok(build(expanded, &assembly)?.finish())
}

/// A verbatim (`----`) block of a document with the `.Title` written above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub title: Option<String>,
    pub content: String,
    pub location: Location,
}

impl Listing {
    /// Whether the block is titled as the output of the command before it (`.Example output`).
    pub fn is_output(&self) -> bool {
        self.title
            .as_deref()
            .is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("example output"))
    }
}

/// What [`listings`] read.
#[derive(Debug, Clone, Default)]
pub struct Listings {
    pub listings: Vec<Listing>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read, relative to the docs root, with its bytes, in the order first read.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Every listing block of a docs tree or assembly, in document order, read exactly as [`parse`]
/// reads the reference (same includes, conditionals and comments). For documents that are not
/// references, such as the API guide, whose procedures pair commands with their output.
pub fn listings(path: &Path) -> Result<Listings, ParseError> {
    let (expanded, _) = expand(path)?;
    let mut diagnostics = expanded.diagnostics.clone();
    let listings = blocks::blocks(&expanded, &mut diagnostics)
        .into_iter()
        .filter_map(|block| match block {
            blocks::Block::Listing {
                title,
                content,
                location,
            } => Some(Listing {
                title,
                content,
                location,
            }),
            _ => None,
        })
        .collect();
    Ok(Listings {
        listings,
        diagnostics,
        files: expanded.files,
    })
}

/// Finds the assembly for `path` and expands it with its includes into one list of lines.
fn expand(path: &Path) -> Result<(reader::Expanded, PathBuf), ParseError> {
    let (root_dir, assembly) = locate(path)?;
    let root = DocsRoot::new(&root_dir).map_err(|source| ParseError::Unreadable {
        path: root_dir.clone(),
        source,
    })?;
    let entry: RelPath = root
        .relative(&assembly)
        .ok_or_else(|| ParseError::NotAnApiReference {
            path: assembly.clone(),
            reason: "the assembly is not inside the docs tree".into(),
        })?;
    let bytes = std::fs::read(&assembly).map_err(|source| ParseError::Unreadable {
        path: assembly.clone(),
        source,
    })?;
    Ok((reader::expand(&root, &entry, bytes), assembly))
}

/// Parses `bytes` as if they were the assembly file `name` (a `/`-separated path relative to
/// `root_dir`, e.g. `api/master.adoc`) of the docs tree at `root_dir`. Includes are resolved
/// inside `root_dir` exactly as [`parse`] does; only the assembly itself is not read from disk.
///
/// This is the entry point of the fuzz target and the property tests, which would otherwise write
/// every generated input to a file first.
pub fn parse_assembly_bytes(
    root_dir: &Path,
    name: &str,
    bytes: Vec<u8>,
) -> Result<Parsed, ParseError> {
    let assembly = root_dir.join(name);
    let entry: RelPath = name
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .map(str::to_string)
        .collect();
    if entry.is_empty() || entry.iter().any(|c| c == "..") {
        return Err(ParseError::NotAnApiReference {
            path: assembly,
            reason: "the assembly name must be a path inside the docs tree".into(),
        });
    }
    let root = DocsRoot::new(root_dir).map_err(|source| ParseError::Unreadable {
        path: root_dir.to_path_buf(),
        source,
    })?;
    let expanded = reader::expand(&root, &entry, bytes);
    Ok(build(expanded, &assembly)?.finish())
}

/// The docs root and the assembly file for a path given on the command line.
fn locate(path: &Path) -> Result<(PathBuf, PathBuf), ParseError> {
    if !path.exists() {
        return Err(ParseError::NotFound {
            path: path.to_path_buf(),
        });
    }
    if path.is_dir() {
        let assembly = ASSEMBLIES
            .iter()
            .map(|rel| path.join(rel))
            .find(|candidate| candidate.is_file())
            .ok_or_else(|| ParseError::NotAnApiReference {
                path: path.to_path_buf(),
                reason: format!("it contains neither {}", ASSEMBLIES.join(" nor ")),
            })?;
        return Ok((path.to_path_buf(), assembly));
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let in_assembly_folder = folder
        .file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| ASSEMBLY_FOLDERS.contains(&name));
    let root = match folder.parent() {
        Some(parent) if in_assembly_folder => {
            if parent.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                parent.to_path_buf()
            }
        }
        _ => folder.to_path_buf(),
    };
    Ok((root, path.to_path_buf()))
}

/// The sections as the shared reader of the 3.5 layout takes them. AsciiDoc table cells may span
/// lines, so each table is one row of all its cells.
fn legacy_sections(sections: &[sections::Section]) -> Vec<legacy::LegacySection> {
    sections
        .iter()
        .map(|section| legacy::LegacySection {
            level: section.level,
            title: section.title.clone(),
            location: section.location.clone(),
            paragraphs: section
                .body
                .iter()
                .filter_map(|block| match block {
                    blocks::Block::Paragraph { text, .. } => {
                        Some(crate::frontend::text::adoc_inline_to_markdown(text))
                    }
                    _ => None,
                })
                .collect(),
            tables: section
                .body
                .iter()
                .filter_map(|block| match block {
                    blocks::Block::Table(table) => Some(vec![table
                        .cells
                        .iter()
                        .map(|cell| legacy::LegacyCell {
                            text: crate::frontend::text::unescape_html(&cell.text),
                            location: cell.location.clone(),
                        })
                        .collect()]),
                    _ => None,
                })
                .collect(),
        })
        .collect()
}

/// Reads the expanded lines into a [`Document`]. A document without a single entry is not an
/// API reference.
fn build(expanded: reader::Expanded, assembly: &Path) -> Result<Document, ParseError> {
    let mut diagnostics = expanded.diagnostics.clone();
    let blocks = blocks::blocks(&expanded, &mut diagnostics);
    let sections = sections::sections(blocks);
    let mut reference = entries::read(&sections);
    if reference.entries_seen == 0 {
        // The 3.5 layout: `get /path` headings with no operation name.
        let legacy_sections = legacy_sections(&sections);
        if legacy::is_legacy(&legacy_sections) {
            let read = legacy::read(&legacy_sections);
            reference = entries::Reference {
                groups: read.groups,
                operations: read.operations,
                definitions: Vec::new(),
                entries_seen: read.entries_seen,
                diagnostics: read.diagnostics,
            };
        }
    }
    if reference.entries_seen == 0 {
        let mut reason =
            "no operation entry (a heading followed by `METHOD /path`) was found".to_string();
        let include_errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
        if let Some(first) = include_errors.first() {
            reason.push_str(&format!(
                "; {} include error(s), the first: {first}",
                include_errors.len()
            ));
        }
        return Err(ParseError::NotAnApiReference {
            path: assembly.to_path_buf(),
            reason,
        });
    }
    diagnostics.extend(reference.diagnostics);
    let mut document = Document::new(DocFormat::Adoc);
    document.docs_version = expanded.attributes.get(VERSION_ATTRIBUTE).cloned();
    document.files = expanded.files;
    document.groups = reference.groups;
    document.operations = reference.operations;
    document.definitions = reference.definitions;
    document.diagnostics = diagnostics;
    Ok(document)
}
