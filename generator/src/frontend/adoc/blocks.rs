//! Groups the preprocessed lines into blocks: headings, paragraphs, tables and verbatim listings.
//! Only the block kinds the reference uses are recognised; other markup is read as paragraph text.

use super::reader::{Expanded, LineKind};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::spec::Location;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `== Title`, with its level after `leveloffset` (`=` is 0).
    Heading {
        level: i32,
        title: String,
        location: Location,
    },
    /// Consecutive text lines, joined by `\n`.
    Paragraph {
        text: String,
        location: Location,
    },
    Table(Table),
    /// A `----`/`....` block, its content verbatim, with the `.Title` written above it.
    Listing {
        title: Option<String>,
        content: String,
        location: Location,
    },
}

/// A `|===` table as a flat list of cells, with the column count it declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: usize,
    pub cells: Vec<Cell>,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub location: Location,
}

impl Table {
    /// The cells in rows of [`Table::columns`]; a short last row is returned as it is.
    pub fn rows(&self) -> impl Iterator<Item = &[Cell]> {
        self.cells.chunks(self.columns.max(1))
    }
}

/// A section heading, `== Title`: its depth (the number of `=`) and its title, without the
/// whitespace around it. Written out rather than as a regex: every line starting with `=` is
/// tried, and a capturing regex cost more than the rest of the line's handling.
fn heading(text: &str) -> Option<(usize, &str)> {
    let after_marks = text.trim_start_matches('=');
    let depth = text.len() - after_marks.len();
    let title = after_marks.trim_start();
    let separated = title.len() < after_marks.len();
    let title = title.trim_end();
    (depth > 0 && separated && !title.is_empty()).then_some((depth, title))
}

/// Splits the document into blocks. Problems (an unclosed table) are added to `diagnostics`.
pub fn blocks(doc: &Expanded, diagnostics: &mut Vec<Diagnostic>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut paragraph_at: Option<Location> = None;
    let mut attributes: Option<String> = None;
    let mut title: Option<String> = None;
    let lines = &doc.lines;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let text = line.text.trim_end();
        let is_text = line.kind == LineKind::Text;
        let ends_paragraph = !is_text
            || text.trim().is_empty()
            || text.starts_with('[')
            || text.starts_with("|===")
            || heading(text).is_some()
            || is_structural_delimiter(text);
        if ends_paragraph {
            if let Some(location) = paragraph_at.take() {
                out.push(Block::Paragraph {
                    text: paragraph.join("\n"),
                    location,
                });
                paragraph.clear();
            }
        }
        if line.kind == LineKind::VerbatimDelimiter {
            let (block, next) = listing(doc, i, title.take());
            out.push(block);
            attributes = None;
            i = next;
            continue;
        }
        if !is_text || text.trim().is_empty() || is_structural_delimiter(text) {
            i += 1;
            continue;
        }
        if text.starts_with('[') && text.ends_with(']') {
            attributes = Some(text.to_string());
            i += 1;
            continue;
        }
        if let Some(block_title) = block_title(text) {
            title = Some(block_title.to_string());
            i += 1;
            continue;
        }
        if text.starts_with("|===") {
            let (table, next) = table(doc, i, attributes.take().as_deref(), diagnostics);
            out.push(Block::Table(table));
            title = None;
            i = next;
            continue;
        }
        if let Some((depth, heading_title)) = heading(text) {
            let depth = i32::try_from(depth).unwrap_or(i32::MAX);
            out.push(Block::Heading {
                level: (depth - 1).saturating_add(line.level_offset),
                title: heading_title.to_string(),
                location: doc.location(line),
            });
            attributes = None;
            title = None;
            i += 1;
            continue;
        }
        if paragraph_at.is_none() {
            paragraph_at = Some(doc.location(line));
        }
        paragraph.push(text.trim_start());
        attributes = None;
        i += 1;
    }
    if let Some(location) = paragraph_at {
        out.push(Block::Paragraph {
            text: paragraph.join("\n"),
            location,
        });
    }
    out
}

/// Delimiters of blocks whose content is ordinary text (admonitions, sidebars, open blocks) and
/// the list continuation `+`: they carry no content of their own.
fn is_structural_delimiter(text: &str) -> bool {
    let t = text.trim();
    t == "+"
        || t == "--"
        || (t.len() >= 4 && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '*')))
}

/// `.Example output` above a block (but not `...` or `. item`).
fn block_title(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('.')?;
    let first = rest.chars().next()?;
    (first.is_alphanumeric()).then_some(rest.trim())
}

fn listing(doc: &Expanded, open: usize, title: Option<String>) -> (Block, usize) {
    let location = doc.location(&doc.lines[open]);
    let mut content: Vec<&str> = Vec::new();
    let mut i = open + 1;
    while i < doc.lines.len() && doc.lines[i].kind == LineKind::Verbatim {
        content.push(&doc.lines[i].text);
        i += 1;
    }
    if i < doc.lines.len() && doc.lines[i].kind == LineKind::VerbatimDelimiter {
        i += 1;
    }
    let block = Block::Listing {
        title,
        content: content.join("\n"),
        location,
    };
    (block, i)
}

fn table(
    doc: &Expanded,
    open: usize,
    attributes: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Table, usize) {
    let location = doc.location(&doc.lines[open]);
    let mut cells: Vec<Cell> = Vec::new();
    let mut first_line_cells = 0;
    let mut i = open + 1;
    let mut closed = false;
    while i < doc.lines.len() {
        let line = &doc.lines[i];
        if line.kind == LineKind::Text && line.text.trim_end().starts_with("|===") {
            closed = true;
            i += 1;
            break;
        }
        let before = cells.len();
        split_cells(&line.text, doc.location(line), &mut cells);
        if first_line_cells == 0 {
            first_line_cells = cells.len() - before;
        }
        i += 1;
    }
    if !closed {
        diagnostics.push(Diagnostic::warning(
            DiagnosticKind::UnexpectedContent,
            location.clone(),
            "table opened with `|===` is never closed",
        ));
    }
    for cell in &mut cells {
        cell.text = cell.text.trim().to_string();
    }
    let columns = attributes
        .and_then(declared_columns)
        .unwrap_or(first_line_cells);
    let table = Table {
        columns,
        cells,
        location,
    };
    (table, i)
}

/// Appends the cells that start on `text` to `cells`; text before the first `|` continues the
/// last cell (a cell can span lines). `\|` is a literal bar.
fn split_cells(text: &str, location: Location, cells: &mut Vec<Cell>) {
    let mut rest = text;
    let mut current: Option<String> = None;
    loop {
        let bar = find_unescaped_bar(rest);
        let piece = &rest[..bar.unwrap_or(rest.len())];
        match current.as_mut() {
            Some(cell) => cell.push_str(piece),
            None => {
                if let Some(last) = cells.last_mut() {
                    last.text.push('\n');
                    last.text.push_str(piece);
                }
            }
        }
        if let Some(cell) = current.take() {
            push_cell(cells, cell, &location);
        }
        match bar {
            Some(at) => {
                current = Some(String::new());
                rest = &rest[at + 1..];
            }
            None => break,
        }
    }
    if let Some(cell) = current {
        push_cell(cells, cell, &location);
    }
}

fn push_cell(cells: &mut Vec<Cell>, text: String, location: &Location) {
    cells.push(Cell {
        text: if text.contains("\\|") {
            text.replace("\\|", "|")
        } else {
            text
        },
        location: location.clone(),
    });
}

fn find_unescaped_bar(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
}

/// The quoted value of the first `cols="..."` in a block attribute line (`cols\s*=\s*"([^"]*)"`,
/// written out: every block attribute line is tried).
fn cols_value(attributes: &str) -> Option<&str> {
    attributes.match_indices("cols").find_map(|(at, key)| {
        let rest = attributes[at + key.len()..]
            .trim_start()
            .strip_prefix('=')?;
        let quoted = rest.trim_start().strip_prefix('"')?;
        quoted.split_once('"').map(|(value, _)| value)
    })
}

/// The column count of `cols="1,2,3"` or `cols="3*"` in a block attribute line.
fn declared_columns(attributes: &str) -> Option<usize> {
    let spec = cols_value(attributes)?.trim();
    if spec.is_empty() {
        return None;
    }
    if !spec.contains(',') {
        if let Some((count, _)) = spec.split_once('*') {
            return count.trim().parse().ok();
        }
    }
    Some(
        spec.split(',')
            .map(|column| {
                column
                    .split_once('*')
                    .and_then(|(n, _)| n.trim().parse().ok())
                    .unwrap_or(1)
            })
            .sum(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    proptest::proptest! {
        #[test]
        fn cols_read_as_the_regex_reads_them(attributes in "(cols|col|[a-z\" =,*]){0,8}") {
            let regex = Regex::new(r#"cols\s*=\s*"([^"]*)""#).expect("valid regex");
            let expected = regex
                .captures(&attributes)
                .map(|caps| caps.get(1).expect("a value").as_str());
            proptest::prop_assert_eq!(cols_value(&attributes), expected);
        }

        /// The written-out heading reader agrees with the regex it replaced, on single lines.
        #[test]
        fn headings_read_as_the_regex_reads_them(text in "[= \t\u{a0}a-z=\u{2003}]{0,12}|={1,3}[^\n]{0,8}") {
            let regex = Regex::new(r"^(=+)\s+(\S.*?)\s*$").expect("valid regex");
            let expected = regex
                .captures(&text)
                .map(|caps| (caps[1].len(), caps.get(2).expect("a title").as_str()));
            proptest::prop_assert_eq!(heading(&text), expected);
        }
    }

    #[test]
    fn headings_need_a_space_and_a_title() {
        assert_eq!(heading("== Title  "), Some((2, "Title")));
        assert_eq!(heading("=== = x"), Some((3, "= x")));
        assert_eq!(heading("==Title"), None);
        assert_eq!(heading("==   "), None);
        assert_eq!(heading("Title"), None);
    }

    fn at(line: u32) -> Location {
        Location {
            file: "f.adoc".into(),
            line,
        }
    }

    #[test]
    fn cells_span_lines() {
        let mut cells = Vec::new();
        split_cells("|**title**", at(1), &mut cells);
        split_cells(" ", at(2), &mut cells);
        split_cells("_required_|Name of it|string", at(3), &mut cells);
        let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["**title**\n \n_required_", "Name of it", "string"]
        );
        assert_eq!(cells[0].location.line, 1);
        assert_eq!(cells[2].location.line, 3);
    }

    #[test]
    fn escaped_bars_stay_in_the_cell() {
        let mut cells = Vec::new();
        split_cells(r"|a \| b|c", at(1), &mut cells);
        let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["a | b", "c"]);
    }

    #[test]
    fn column_declarations() {
        assert_eq!(
            declared_columns(r#"[options="header", width=100%, cols=".^3a,.^9a,.^4a"]"#),
            Some(3)
        );
        assert_eq!(declared_columns(r#"[cols="4*"]"#), Some(4));
        assert_eq!(declared_columns(r#"[cols="2*,1"]"#), Some(3));
        assert_eq!(declared_columns(r#"[options="header"]"#), None);
    }

    #[test]
    fn block_titles() {
        assert_eq!(block_title(".Example output"), Some("Example output"));
        assert_eq!(block_title("...."), None);
        assert_eq!(block_title(". item"), None);
    }
}
