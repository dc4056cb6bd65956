//! The block model both renderings are reduced to: headings, paragraphs, tables and code blocks,
//! each with its 1-based line, and inline text kept as styled spans.
//!
//! The Markdown rendering is turned into blocks from pulldown-cmark's event stream; the plain-text
//! rendering (`plain.rs`) builds the same blocks line by line, so one reader (`reader.rs`)
//! interprets both.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// How a piece of inline text was marked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Style {
    Plain,
    Strong,
    Emphasis,
    Code,
    /// Text of a link; `dest` is the link target (`#apierror`).
    Link {
        dest: String,
    },
}

/// A run of text with one style. Escapes and HTML entities are already resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub style: Style,
    pub text: String,
}

/// Inline content: a paragraph, a heading's title or a table cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub spans: Vec<Span>,
}

impl Inline {
    /// The words without markup, whitespace collapsed to single spaces.
    pub fn plain(&self) -> String {
        let joined: String = self.spans.iter().map(|s| s.text.as_str()).collect();
        collapse_whitespace(&joined)
    }

    /// The text with emphasis written back as `**strong**`, `*emphasis*` and `` `code` ``, the
    /// form `frontend::text` reads (e.g. the `Authorizations:` line).
    pub fn markup(&self) -> String {
        let mut out = String::new();
        for span in &self.spans {
            match &span.style {
                Style::Plain => out.push_str(&span.text),
                Style::Strong => {
                    out.push_str("**");
                    out.push_str(&span.text);
                    out.push_str("**");
                }
                Style::Emphasis => {
                    out.push('*');
                    out.push_str(&span.text);
                    out.push('*');
                }
                Style::Code => {
                    out.push('`');
                    out.push_str(&span.text);
                    out.push('`');
                }
                Style::Link { dest } => {
                    out.push('[');
                    out.push_str(&span.text);
                    out.push_str("](");
                    out.push_str(dest);
                    out.push(')');
                }
            }
        }
        out
    }

    /// Spans with the given style, in order.
    pub fn styled<'a>(&'a self, style: &'a Style) -> impl Iterator<Item = &'a Span> + 'a {
        self.spans.iter().filter(move |s| &s.style == style)
    }

    fn push(&mut self, style: Style, text: &str) {
        if let Some(last) = self.spans.last_mut() {
            if last.style == style {
                last.text.push_str(text);
                return;
            }
        }
        self.spans.push(Span {
            style,
            text: text.to_string(),
        });
    }
}

/// Collapses runs of whitespace (including no-break spaces) to one space and trims.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One table row and the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<Inline>,
}

impl Row {
    pub fn plain_cells(&self) -> Vec<String> {
        self.cells.iter().map(Inline::plain).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Row,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Heading {
        level: u8,
        title: Inline,
    },
    Paragraph(Inline),
    Table(Table),
    /// A fenced or indented code block, verbatim. An indented block is often prose that was
    /// indented in the source (a literal paragraph), not a listing.
    Code {
        text: String,
        indented: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub line: u32,
    pub kind: BlockKind,
}

/// Maps byte offsets to 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line_of(&self, offset: usize) -> u32 {
        let index = match self.starts.binary_search(&offset) {
            Ok(exact) => exact,
            Err(next) => next.saturating_sub(1),
        };
        u32::try_from(index + 1).unwrap_or(u32::MAX)
    }
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// What the converter is collecting inline text into.
enum Target {
    Heading { level: u8, line: u32 },
    Paragraph { line: u32 },
    Cell,
}

/// Converts a Markdown document into blocks.
pub fn markdown_blocks(text: &str) -> Vec<Block> {
    let lines = LineIndex::new(text);
    let mut converter = Converter::default();
    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        converter.event(event, lines.line_of(range.start));
    }
    converter.blocks
}

/// Parses one line of inline Markdown (a cell or paragraph of the plain-text rendering).
pub fn parse_inline(text: &str) -> Inline {
    let mut inline = Inline::default();
    let mut styles = Vec::new();
    for event in Parser::new_ext(text, markdown_options()) {
        inline_event(&mut inline, &mut styles, event);
    }
    inline
}

/// Applies one inline event; returns false for events that are not inline.
fn inline_event(inline: &mut Inline, styles: &mut Vec<Style>, event: Event<'_>) -> bool {
    match event {
        Event::Start(Tag::Strong) => styles.push(Style::Strong),
        Event::Start(Tag::Emphasis) => styles.push(Style::Emphasis),
        Event::Start(Tag::Link { dest_url, .. }) => styles.push(Style::Link {
            dest: dest_url.to_string(),
        }),
        Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Link) => {
            styles.pop();
        }
        Event::Text(text) => inline.push(current_style(styles), &text),
        Event::Code(code) => inline.push(Style::Code, &code),
        Event::SoftBreak | Event::HardBreak => inline.push(current_style(styles), " "),
        Event::InlineHtml(html) => inline.push(current_style(styles), &html),
        _ => return false,
    }
    true
}

/// A link wins over the emphasis inside it; otherwise the innermost style applies.
fn current_style(styles: &[Style]) -> Style {
    styles
        .iter()
        .rev()
        .find(|s| matches!(s, Style::Link { .. }))
        .or(styles.last())
        .cloned()
        .unwrap_or(Style::Plain)
}

#[derive(Default)]
struct Converter {
    blocks: Vec<Block>,
    target: Option<TargetState>,
    table: Option<Table>,
    row: Option<Row>,
    code: Option<(u32, String, bool)>,
}

struct TargetState {
    target: Target,
    inline: Inline,
    styles: Vec<Style>,
}

impl Converter {
    fn event(&mut self, event: Event<'_>, line: u32) {
        if let Some((_, code, _)) = &mut self.code {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((line, text, indented)) = self.code.take() {
                        self.blocks.push(Block {
                            line,
                            kind: BlockKind::Code { text, indented },
                        });
                    }
                }
                _ => {}
            }
            return;
        }
        if let Some(state) = &mut self.target {
            if inline_event(&mut state.inline, &mut state.styles, event.clone()) {
                return;
            }
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.open(Target::Heading {
                level: heading_level(level),
                line,
            }),
            Event::Start(Tag::Paragraph) => self.open(Target::Paragraph { line }),
            Event::Start(Tag::TableCell) => self.open(Target::Cell),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::TableCell) => self.close(),
            Event::Start(Tag::Table(_)) => {
                self.table = Some(Table {
                    header: Row {
                        line,
                        cells: Vec::new(),
                    },
                    rows: Vec::new(),
                });
            }
            Event::Start(Tag::TableRow) => {
                self.row = Some(Row {
                    line,
                    cells: Vec::new(),
                })
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(row), Some(table)) = (self.row.take(), &mut self.table) {
                    table.rows.push(row);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(table) = self.table.take() {
                    self.blocks.push(Block {
                        line: table.header.line,
                        kind: BlockKind::Table(table),
                    });
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                // An indented block starts at its first line; a fenced one a line after the fence.
                let (first, indented) = match kind {
                    CodeBlockKind::Fenced(_) => (line + 1, false),
                    CodeBlockKind::Indented => (line, true),
                };
                self.code = Some((first, String::new(), indented));
            }
            _ => {}
        }
    }

    fn open(&mut self, target: Target) {
        self.target = Some(TargetState {
            target,
            inline: Inline::default(),
            styles: Vec::new(),
        });
    }

    fn close(&mut self) {
        let Some(state) = self.target.take() else {
            return;
        };
        match state.target {
            Target::Heading { level, line } => self.blocks.push(Block {
                line,
                kind: BlockKind::Heading {
                    level,
                    title: state.inline,
                },
            }),
            Target::Paragraph { line } => self.blocks.push(Block {
                line,
                kind: BlockKind::Paragraph(state.inline),
            }),
            Target::Cell => {
                // Header cells sit directly in the table head; body cells in a row.
                if let Some(row) = &mut self.row {
                    row.cells.push(state.inline);
                } else if let Some(table) = &mut self.table {
                    table.header.cells.push(state.inline);
                }
            }
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_tables_and_code_with_lines() {
        let text = "# Title\n\nSome *text* here.\n\n| A | B |\n|---|---|\n| **x** *required* | [Ref](#ref) |\n\n```\n$ curl x\n```\n";
        let blocks = markdown_blocks(text);
        assert_eq!(blocks.len(), 4, "{blocks:#?}");
        assert!(
            matches!(&blocks[0].kind, BlockKind::Heading { level: 1, title } if title.plain() == "Title")
        );
        assert_eq!(blocks[1].line, 3);
        let BlockKind::Table(table) = &blocks[2].kind else {
            panic!("expected a table: {blocks:#?}");
        };
        assert_eq!(blocks[2].line, 5);
        assert_eq!(table.header.plain_cells(), vec!["A", "B"]);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].line, 7);
        assert_eq!(table.rows[0].cells[0].markup(), "**x** *required*");
        assert_eq!(
            table.rows[0].cells[1].spans[0].style,
            Style::Link {
                dest: "#ref".into()
            }
        );
        assert_eq!(blocks[3].line, 10);
        assert_eq!(
            blocks[3].kind,
            BlockKind::Code {
                text: "$ curl x\n".into(),
                indented: false
            }
        );
    }

    #[test]
    fn inline_resolves_escapes_and_entities() {
        assert_eq!(parse_inline(r"\<op\>:&lt;name&gt;").plain(), "<op>:<name>");
    }

    #[test]
    fn line_index_is_one_based() {
        let index = LineIndex::new("a\nb\n\nc");
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(2), 2);
        assert_eq!(index.line_of(5), 4);
    }
}
