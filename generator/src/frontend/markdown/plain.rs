//! The plain-text rendering (a page of the guide copied as text): no Markdown structure, so the
//! structure is recovered line by line into the same blocks the Markdown rendering gives.
//!
//! What the rendering looks like: numbered section titles (`5.2. Using the API`), an entry name
//! written as a whole emphasised line (`*createAppToken*`), the method line likewise
//! (`*POST /api/v1/user/apptoken*`), section titles alone on a line, field lists
//! (`Name:` / `Description:` / `Schema:`), pipe rows without a delimiter row ended by `|===`, and
//! callout numbers after lines (` 1`) with their explanations as a lone number then a line.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{parse_inline, Block, BlockKind, Inline, Row, Table};
use super::headings;

/// Heading levels given to the recovered structure: chapters and numbered sections take their
/// depth (1, 2, 3, ...), an emphasised line is an entry name, sections of an entry sit below it.
const ENTRY_LEVEL: u8 = 5;
const SECTION_LEVEL: u8 = 6;

/// The field-list keys, in the column order of a `Name | Description | Schema` table.
const FIELD_KEYS: [&str; 3] = ["Name", "Description", "Schema"];

pub fn plain_blocks(text: &str) -> Vec<Block> {
    let mut builder = Builder::default();
    for (index, raw) in text.lines().enumerate() {
        let line_number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        builder.line(&raw.replace('\u{a0}', " "), line_number);
    }
    builder.flush();
    builder.blocks
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    paragraph: Option<(u32, String)>,
    table: Option<(u32, Table)>,
    code: Option<(u32, String)>,
}

impl Builder {
    fn line(&mut self, line: &str, number: u32) {
        static CHAPTER: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^Chapter\s+[0-9]+\.\s+(.+)$").expect("valid regex"));
        static NUMBERED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^([0-9]+(?:\.[0-9]+)+)\.\s+(.+)$").expect("valid regex"));
        static FIELD: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(Name|Description|Schema):\s*(.*)$").expect("valid regex")
        });
        let trimmed = line.trim();
        if trimmed.is_empty() {
            self.flush_paragraph();
            self.flush_table();
            self.flush_code();
            return;
        }
        if line.starts_with("    ") || line.starts_with('\t') {
            self.flush_paragraph();
            self.flush_table();
            let code = self.code.get_or_insert_with(|| (number, String::new()));
            code.1.push_str(line.trim_start());
            code.1.push('\n');
            return;
        }
        self.flush_code();
        if let Some(rest) = trimmed.strip_prefix('|') {
            self.flush_paragraph();
            return self.pipe_row(rest, number);
        }
        if let Some(caps) = FIELD.captures(trimmed) {
            self.flush_paragraph();
            return self.field_line(&caps[1], &caps[2], number);
        }
        self.flush_table();
        let without_callout = strip_callout(trimmed);
        if line.starts_with(char::is_whitespace) {
            // Slightly indented lines are list items and the like, or a section title that the
            // rendering indented (` Request body schema (application/json)`).
            if is_structural(without_callout) {
                return self.heading(SECTION_LEVEL, without_callout, number);
            }
            return self.paragraph_line(without_callout, number);
        }
        if let Some(caps) = CHAPTER.captures(without_callout) {
            return self.heading(1, &caps[1], number);
        }
        if let Some(caps) = NUMBERED.captures(without_callout) {
            let depth = caps[1].split('.').count();
            let level = u8::try_from(depth)
                .unwrap_or(ENTRY_LEVEL - 1)
                .min(ENTRY_LEVEL - 1);
            return self.heading(level, &caps[2], number);
        }
        if let Some(inner) = whole_line_emphasis(without_callout) {
            let level = if is_structural(inner) {
                SECTION_LEVEL
            } else {
                ENTRY_LEVEL
            };
            return self.heading(level, inner, number);
        }
        if is_structural(without_callout) {
            return self.heading(SECTION_LEVEL, without_callout, number);
        }
        if trimmed.chars().all(|c| c.is_ascii_digit()) {
            // The number that introduces a callout explanation.
            self.flush_paragraph();
            return;
        }
        self.paragraph_line(without_callout, number);
    }

    fn heading(&mut self, level: u8, title: &str, number: u32) {
        self.flush_paragraph();
        self.blocks.push(Block {
            line: number,
            kind: BlockKind::Heading {
                level,
                title: parse_inline(title.trim()),
            },
        });
    }

    fn paragraph_line(&mut self, text: &str, number: u32) {
        let paragraph = self
            .paragraph
            .get_or_insert_with(|| (number, String::new()));
        if !paragraph.1.is_empty() {
            paragraph.1.push(' ');
        }
        paragraph.1.push_str(text);
    }

    /// A row of pipe-separated cells: the first row of a table is its header; `|===` ends it.
    fn pipe_row(&mut self, rest: &str, number: u32) {
        if rest.starts_with("===") {
            return self.flush_table();
        }
        let cells: Vec<Inline> = rest
            .split('|')
            .map(|cell| parse_inline(cell.trim()))
            .collect();
        let row = Row {
            line: number,
            cells,
        };
        match &mut self.table {
            Some((_, table)) => table.rows.push(row),
            None => {
                self.table = Some((
                    number,
                    Table {
                        header: row,
                        rows: Vec::new(),
                    },
                ))
            }
        }
    }

    /// `Name: **title**` starts a row of a `Name | Description | Schema` table; `Description:`
    /// and `Schema:` fill its cells.
    fn field_line(&mut self, key: &str, value: &str, number: u32) {
        let column = FIELD_KEYS.iter().position(|k| *k == key).unwrap_or(0);
        if column == 0 || self.table.is_none() {
            if self.table.as_ref().is_some_and(|(_, t)| !is_field_list(t)) {
                self.flush_table();
            }
            let (_, table) = self.table.get_or_insert_with(|| {
                (
                    number,
                    Table {
                        header: Row {
                            line: number,
                            cells: FIELD_KEYS.iter().map(|k| parse_inline(k)).collect(),
                        },
                        rows: Vec::new(),
                    },
                )
            });
            table.rows.push(Row {
                line: number,
                cells: vec![Inline::default(); FIELD_KEYS.len()],
            });
        }
        if let Some(cell) = self
            .table
            .as_mut()
            .and_then(|(_, table)| table.rows.last_mut())
            .and_then(|row| row.cells.get_mut(column))
        {
            *cell = parse_inline(value.trim());
        }
    }

    fn flush(&mut self) {
        self.flush_paragraph();
        self.flush_table();
        self.flush_code();
    }

    fn flush_paragraph(&mut self) {
        if let Some((line, text)) = self.paragraph.take() {
            self.blocks.push(Block {
                line,
                kind: BlockKind::Paragraph(parse_inline(&text)),
            });
        }
    }

    fn flush_table(&mut self) {
        if let Some((line, table)) = self.table.take() {
            self.blocks.push(Block {
                line,
                kind: BlockKind::Table(table),
            });
        }
    }

    fn flush_code(&mut self) {
        if let Some((line, text)) = self.code.take() {
            self.blocks.push(Block {
                line,
                kind: BlockKind::Code {
                    text,
                    indented: true,
                },
            });
        }
    }
}

fn is_field_list(table: &Table) -> bool {
    table.header.plain_cells() == FIELD_KEYS
}

/// Whether a line is a method line or a section title of an entry.
fn is_structural(text: &str) -> bool {
    headings::is_method_path_or_section(text)
}

/// `*text*` (one emphasis over the whole line, not `**bold**`) → `text`.
fn whole_line_emphasis(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('*')?.strip_suffix('*')?;
    let starts_or_ends_with_markup = inner.starts_with(['*', ' ']) || inner.ends_with(['*', ' ']);
    (!inner.is_empty() && !starts_or_ends_with_markup && !inner.contains('*')).then_some(inner)
}

/// Removes a callout number after a line (`*createAppToken* 1` → `*createAppToken*`).
fn strip_callout(line: &str) -> &str {
    static CALLOUT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(.*\S)\s+[0-9]{1,2}$").expect("valid regex"));
    CALLOUT
        .captures(line)
        .and_then(|caps| caps.get(1))
        .map_or(line, |m| m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(blocks: &[Block]) -> Vec<(u8, String)> {
        blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Heading { level, title } => Some((*level, title.plain())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn recovers_headings_from_numbering_emphasis_and_section_titles() {
        let text = "Chapter 5. Using the API\n\n5.2. Calling it\n\n*makeThing* 1\nMakes a thing. 2\n\n*PUT /api/v1/thing* 3\n\n Request body schema (application/json)\n\n*Responses* 6\n";
        let blocks = plain_blocks(text);
        assert_eq!(
            headings(&blocks),
            vec![
                (1, "Using the API".to_string()),
                (2, "Calling it".to_string()),
                (ENTRY_LEVEL, "makeThing".to_string()),
                (SECTION_LEVEL, "PUT /api/v1/thing".to_string()),
                (
                    SECTION_LEVEL,
                    "Request body schema (application/json)".to_string()
                ),
                (SECTION_LEVEL, "Responses".to_string()),
            ]
        );
        let description = blocks.iter().find_map(|b| match &b.kind {
            BlockKind::Paragraph(p) => Some((b.line, p.plain())),
            _ => None,
        });
        assert_eq!(description, Some((6, "Makes a thing.".to_string())));
    }

    #[test]
    fn field_lists_and_pipe_rows_become_tables() {
        let text = "Name: **a**\nDescription: First.\nSchema: string\nName: **b**\nSchema: integer\n\n|HTTP Code|Description|Schema\n|200      |OK         |\n|===\n1\nThe callout text.\n";
        let blocks = plain_blocks(text);
        let tables: Vec<&Table> = blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 2, "{blocks:#?}");
        assert_eq!(
            tables[0].header.plain_cells(),
            vec!["Name", "Description", "Schema"]
        );
        assert_eq!(
            tables[0].rows[0].plain_cells(),
            vec!["a", "First.", "string"]
        );
        assert_eq!(tables[0].rows[1].plain_cells(), vec!["b", "", "integer"]);
        assert_eq!(tables[0].rows[1].line, 4);
        assert_eq!(tables[1].rows[0].plain_cells(), vec!["200", "OK", ""]);
        assert_eq!(tables[1].rows[0].line, 8);
    }

    #[test]
    fn emphasis_lines() {
        assert_eq!(
            whole_line_emphasis("*createAppToken*"),
            Some("createAppToken")
        );
        assert_eq!(whole_line_emphasis("**bold**"), None);
        assert_eq!(whole_line_emphasis("*a* and *b*"), None);
        assert_eq!(strip_callout("*createAppToken* 1"), "*createAppToken*");
        assert_eq!(strip_callout("Schema: integer"), "Schema: integer");
    }
}
