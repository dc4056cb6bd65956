//! Reads reference entries out of the block model: chapters (groups), entries with their
//! sections, and the Definitions section.
//!
//! An entry is a heading followed by a `METHOD /path` heading. Heading levels differ between
//! versions of the docs (and are sometimes wrong within one), so levels are only compared
//! relative to each other, never to fixed numbers.

use super::blocks::{Block, BlockKind, Inline, Row, Table};
use super::entry::{body_of, read_entry_paragraph, BodySection, Entry};
use super::headings::{heading_kind, HeadingKind, Section};
use super::tables::{self, Layout};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::frontend::{text, Document};
use crate::spec::{Definition, Example, Field, Group, Location, Method};

/// A chapter seen in the document; it becomes a [`Group`] once an entry is read in it.
struct Chapter {
    level: u8,
    name: String,
    description: Vec<String>,
    emitted: bool,
}

/// Reads every entry, chapter and definition of `blocks` into `doc`.
pub fn read(file: &str, blocks: &[Block], doc: &mut Document) {
    let mut reader = Reader {
        file,
        blocks,
        doc,
        chapter: None,
        entry: None,
        skipped_entry: None,
        definitions: None,
        definition: None,
    };
    reader.run();
}

struct Reader<'a> {
    file: &'a str,
    blocks: &'a [Block],
    doc: &'a mut Document,
    chapter: Option<Chapter>,
    entry: Option<Entry>,
    /// Level of an entry that could not be read; its sections are skipped.
    skipped_entry: Option<u8>,
    /// Level of the Definitions heading while inside that section.
    definitions: Option<u8>,
    definition: Option<Definition>,
}

impl Reader<'_> {
    fn run(&mut self) {
        for (index, block) in self.blocks.iter().enumerate() {
            match &block.kind {
                BlockKind::Heading { level, title } => {
                    self.heading(index, *level, title, block.line)
                }
                BlockKind::Paragraph(inline) => self.paragraph(index, inline),
                BlockKind::Table(table) => self.table(index, table, block.line),
                BlockKind::Code { text, indented } => self.code(text, *indented, block.line),
            }
        }
        self.close_entry();
        self.close_definition();
    }

    fn location(&self, line: u32) -> Location {
        Location {
            file: self.file.to_string(),
            line,
        }
    }

    fn warn(&mut self, kind: DiagnosticKind, line: u32, message: String) {
        let mut diagnostic = Diagnostic::warning(kind, self.location(line), message);
        if let Some(entry) = &self.entry {
            diagnostic = diagnostic.for_operation(&entry.name);
        }
        self.doc.diagnostics.push(diagnostic);
    }

    /// The kind of the next heading after block `index`, if any.
    fn next_heading_kind(&self, index: usize) -> Option<HeadingKind> {
        self.blocks[index + 1..].iter().find_map(|b| match &b.kind {
            BlockKind::Heading { title, .. } => Some(heading_kind(&title.plain())),
            _ => None,
        })
    }

    fn heading(&mut self, index: usize, level: u8, title: &Inline, line: u32) {
        let title_text = title.plain();
        match heading_kind(&title_text) {
            HeadingKind::MethodPath(method, path) => {
                self.method_path(method, path, &title_text, level, line)
            }
            HeadingKind::Section(section) if self.entry.is_some() => {
                if let Some(entry) = &mut self.entry {
                    if let Section::RequestBody { content_type } = &section {
                        entry.body_section = Some(BodySection {
                            content_type: content_type.clone(),
                            description: Vec::new(),
                            has_table: false,
                        });
                    }
                    entry.section = section;
                }
            }
            HeadingKind::Section(_) if self.skipped_entry.is_some() => {}
            _ => match self.next_heading_kind(index) {
                Some(HeadingKind::MethodPath(..)) => self.open_entry(title_text, level, line),
                Some(HeadingKind::Section(section)) if section.belongs_only_to_entries() => {
                    self.skip_entry(title_text, level, line)
                }
                _ => self.other_heading(title_text, level, line),
            },
        }
    }

    fn method_path(
        &mut self,
        method: Method,
        path: String,
        title: &str,
        heading_level: u8,
        line: u32,
    ) {
        let Some((name, level, name_line)) = self
            .entry
            .as_ref()
            .filter(|e| e.method_path.is_none())
            .map(|e| (e.name.clone(), e.level, e.location.line))
        else {
            // A method heading with no operation name above it cannot be represented: its
            // sections are skipped rather than added to the entry before it.
            self.close_entry();
            self.skipped_entry = Some(heading_level.saturating_sub(1));
            return self.doc.diagnostics.push(Diagnostic::error(
                DiagnosticKind::UnexpectedContent,
                self.location(line),
                format!("`{title}` is not under an operation-name heading; left out of the spec"),
            ));
        };
        let path = if path.starts_with('/') {
            path
        } else {
            let absolute = format!("/{path}");
            self.warn(
                DiagnosticKind::UnexpectedContent,
                line,
                format!("path `{path}` does not start with `/`; read as `{absolute}`"),
            );
            absolute
        };
        let group = self.group_for_entry(&name, level, &path, name_line);
        if let Some(entry) = &mut self.entry {
            entry.method_path = Some((method, path));
            entry.group = group;
            entry.section = Section::Intro;
        }
    }

    fn open_entry(&mut self, name: String, level: u8, line: u32) {
        self.close_entry();
        self.close_definitions();
        self.skipped_entry = None;
        self.entry = Some(Entry::new(name, level, self.location(line)));
    }

    /// The group of an entry: the chapter heading above it. An entry heading at its chapter's
    /// level is a chapter of its own and gets a group named after its path (as the AsciiDoc
    /// front-end does); one above its chapter's level is a heading-level mistake of the docs, and
    /// the entry stays in the chapter it appears in. Both are reported.
    fn group_for_entry(&mut self, name: &str, level: u8, path: &str, line: u32) -> String {
        let location = self.location(line);
        let report = |message: String| {
            Diagnostic::warning(DiagnosticKind::UnexpectedContent, location.clone(), message)
                .for_operation(name)
        };
        let chapter = match &mut self.chapter {
            Some(chapter) if chapter.level != level => chapter,
            _ => {
                let group = text::group_from_path(path);
                self.doc.diagnostics.push(report(format!(
                    "entry is not inside a group chapter; put in group `{group}`, from its path"
                )));
                if !self.doc.groups.iter().any(|g| g.name == group) {
                    self.doc.groups.push(Group {
                        name: group.clone(),
                        description: String::new(),
                    });
                }
                return group;
            }
        };
        if chapter.level > level {
            self.doc.diagnostics.push(report(format!(
                "entry heading is at level {level}, above its chapter `{}` (level {}); read as part of that chapter",
                chapter.name, chapter.level
            )));
        }
        if !chapter.emitted {
            chapter.emitted = true;
            self.doc.groups.push(Group {
                name: chapter.name.clone(),
                description: chapter.description.join("\n\n"),
            });
        }
        chapter.name.clone()
    }

    fn skip_entry(&mut self, name: String, level: u8, line: u32) {
        self.close_entry();
        self.close_definitions();
        self.skipped_entry = Some(level);
        self.doc.diagnostics.push(
            Diagnostic::error(
                DiagnosticKind::MissingMethodPath,
                self.location(line),
                format!("entry `{name}` has no `METHOD /path` heading; it is left out"),
            )
            .for_operation(name),
        );
    }

    /// A heading that is neither an entry name nor a known section: a subsection of the current
    /// entry, a definition, or a new chapter.
    fn other_heading(&mut self, title: String, level: u8, line: u32) {
        if let Some(entry) = &self.entry {
            let chapter_level = self.chapter.as_ref().map_or(0, |c| c.level);
            if level > entry.level && level > chapter_level {
                self.warn(
                    DiagnosticKind::UnexpectedContent,
                    line,
                    format!("unknown section `{title}` in an entry; its content is not read"),
                );
                if let Some(entry) = &mut self.entry {
                    entry.section = Section::Unknown;
                }
                return;
            }
        }
        if self.skipped_entry.is_some_and(|skipped| level > skipped) {
            return;
        }
        self.close_entry();
        self.skipped_entry = None;
        if let Some(definitions_level) = self.definitions {
            if level > definitions_level {
                self.close_definition();
                self.definition = Some(Definition {
                    name: title,
                    description: String::new(),
                    fields: Vec::new(),
                });
                return;
            }
            self.close_definitions();
        }
        if title.eq_ignore_ascii_case("definitions") {
            self.definitions = Some(level);
            return;
        }
        self.chapter = Some(Chapter {
            level,
            name: title,
            description: Vec::new(),
            emitted: false,
        });
    }

    fn paragraph(&mut self, index: usize, inline: &Inline) {
        let plain = inline.plain();
        if let Some(entry) = &mut self.entry {
            let next_is_code = self
                .blocks
                .get(index + 1)
                .is_some_and(|b| matches!(b.kind, BlockKind::Code { .. }));
            read_entry_paragraph(entry, inline, &plain, next_is_code);
            return;
        }
        if self.skipped_entry.is_some() {
            return;
        }
        if let Some(definition) = &mut self.definition {
            if !plain.is_empty() {
                if !definition.description.is_empty() {
                    definition.description.push_str("\n\n");
                }
                definition.description.push_str(&plain);
            }
        } else if self.definitions.is_none() {
            if let Some(chapter) = &mut self.chapter {
                chapter.description.push(plain);
            }
        }
    }

    fn table(&mut self, index: usize, table: &Table, line: u32) {
        if let Some(entry) = &mut self.entry {
            if entry.section == Section::Unknown {
                // Already reported with the section heading.
                return;
            }
            if let (Section::RequestBody { .. }, Some(body)) =
                (&entry.section, &mut entry.body_section)
            {
                body.has_table = true;
            }
            let beside_parameters = self.section_has_parameters_table(index);
            for table in tables::split_tables(table) {
                self.entry_table(&table, table.header.line, beside_parameters);
            }
        } else if self.definition.is_some() {
            self.definition_table(table, line);
        }
    }

    /// Whether the section around block `index` (between its headings) has a
    /// `Type | Name | Description | Schema` table.
    fn section_has_parameters_table(&self, index: usize) -> bool {
        let is_heading = |b: &Block| matches!(b.kind, BlockKind::Heading { .. });
        let start = self.blocks[..index]
            .iter()
            .rposition(is_heading)
            .map_or(0, |i| i + 1);
        let end = self.blocks[index..]
            .iter()
            .position(is_heading)
            .map_or(self.blocks.len(), |i| index + i);
        self.blocks[start..end].iter().any(|b| match &b.kind {
            BlockKind::Table(table) => tables::split_tables(table)
                .iter()
                .any(|t| Layout::of_header(&t.header) == Some(Layout::Parameters)),
            _ => false,
        })
    }

    fn entry_table(&mut self, table: &Table, line: u32, beside_parameters: bool) {
        let in_parameters_section = self.entry.as_ref().is_some_and(|e| {
            matches!(
                e.section,
                Section::PathParameters | Section::QueryParameters
            )
        });
        match Layout::of_header(&table.header) {
            // Beside a `Type | ...` table, a `Name | Description | Schema` table is another
            // schema that lost its heading; alone, it lists the parameters its heading names.
            Some(Layout::Fields) if in_parameters_section && beside_parameters => self.warn(
                DiagnosticKind::UnexpectedTableColumns,
                line,
                "a Name | Description | Schema table beside the parameters table is another schema without a heading; it is not read"
                    .to_string(),
            ),
            Some(Layout::Parameters) => {
                for row in &table.rows {
                    self.parameter_row(row);
                }
            }
            Some(Layout::Fields) => {
                for row in &table.rows {
                    self.field_row(row);
                }
            }
            Some(Layout::Responses) => {
                for row in &table.rows {
                    self.response_row(row);
                }
            }
            Some(Layout::Scopes) => self.warn(
                DiagnosticKind::UnexpectedContent,
                line,
                "a scope table inside an entry is not read".to_string(),
            ),
            None => self.unexpected_columns(&table.header, line),
        }
    }

    fn unexpected_columns(&mut self, header: &Row, line: u32) {
        let columns = header.plain_cells().join(" | ");
        self.warn(
            DiagnosticKind::UnexpectedTableColumns,
            line,
            format!("table with columns `{columns}` is not a known layout; it is not read"),
        );
    }

    /// A `Type | Name | Description | Schema` row: the Type cell says where the parameter goes,
    /// whatever section the table is in.
    fn parameter_row(&mut self, row: &Row) {
        let [kind, name, description, schema] = match tables::cells(row) {
            Ok(cells) => cells,
            Err(reason) => return self.malformed_row(row, &reason),
        };
        let Some(fields) = self.row_fields(row, name, description, schema) else {
            return;
        };
        let kind = kind.plain().to_ascii_lowercase();
        let Some(entry) = &mut self.entry else { return };
        match kind.as_str() {
            "path" => entry.path_params.extend(fields),
            "query" => entry.query_params.extend(fields),
            "body" => body_of(entry).extend(fields),
            other => {
                let reason = format!("parameter type `{other}` is not path, query or body");
                self.malformed_row(row, &reason);
            }
        }
    }

    /// A `Name | Description | Schema` row: the section says where the field goes.
    fn field_row(&mut self, row: &Row) {
        let [name, description, schema] = match tables::cells(row) {
            Ok(cells) => cells,
            Err(reason) => return self.malformed_row(row, &reason),
        };
        let Some(fields) = self.row_fields(row, name, description, schema) else {
            return;
        };
        let Some(entry) = &mut self.entry else { return };
        match entry.section {
            Section::PathParameters => {
                for field in fields {
                    entry.untyped_path_params.push((field.name.clone(), row.line));
                    entry.path_params.push(field);
                }
            }
            Section::QueryParameters => entry.query_params.extend(fields),
            Section::RequestBody { .. } => body_of(entry).extend(fields),
            _ => self.warn(
                DiagnosticKind::UnexpectedContent,
                row.line,
                "a Name | Description | Schema row outside a parameters or request body section is not read"
                    .to_string(),
            ),
        }
    }

    /// The fields of a row, with its problems reported; `None` if it cannot be read.
    fn row_fields(
        &mut self,
        row: &Row,
        name: &Inline,
        description: &Inline,
        schema: &Inline,
    ) -> Option<Vec<Field>> {
        let fields = match tables::fields(name, description, schema) {
            Ok(fields) => fields,
            Err(reason) => {
                self.malformed_row(row, &reason);
                return None;
            }
        };
        if fields.len() > 1 {
            let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
            self.warn(
                DiagnosticKind::MalformedTableRow,
                row.line,
                format!(
                    "one row documents several names ({}); each is read with the row's description and schema",
                    names.join(", ")
                ),
            );
        }
        if let Some(field) = fields.first() {
            self.check_schema(field, row.line);
        }
        Some(fields)
    }

    fn response_row(&mut self, row: &Row) {
        let [code, description, schema] = match tables::cells(row) {
            Ok(cells) => cells,
            Err(reason) => return self.malformed_row(row, &reason),
        };
        match tables::response(code, description, schema) {
            Ok(response) => {
                if let Some(schema) = response.schema.as_ref().filter(|s| s.has_unknown_text()) {
                    let message = format!(
                        "response {} has the schema `{}`, which is not a known type or a definition",
                        response.code,
                        schema.display()
                    );
                    self.warn(DiagnosticKind::UnknownSchema, row.line, message);
                }
                if let Some(entry) = &mut self.entry {
                    entry.responses.push(response);
                }
            }
            Err(reason) => self.warn(DiagnosticKind::InvalidResponseCode, row.line, reason),
        }
    }

    fn malformed_row(&mut self, row: &Row, reason: &str) {
        let cells = row.plain_cells().join(" | ");
        self.warn(
            DiagnosticKind::MalformedTableRow,
            row.line,
            format!("table row `{cells}` cannot be read: {reason}"),
        );
    }

    fn check_schema(&mut self, field: &Field, line: u32) {
        if field.schema.has_unknown_text() {
            self.warn(
                DiagnosticKind::UnknownSchema,
                line,
                format!(
                    "`{}` has the schema `{}`, which is not a known type or a definition",
                    field.name,
                    field.schema.display()
                ),
            );
        }
    }

    fn definition_table(&mut self, table: &Table, line: u32) {
        if Layout::of_header(&table.header) != Some(Layout::Fields) {
            return self.unexpected_columns(&table.header, line);
        }
        for row in &table.rows {
            let [name, description, schema] = match tables::cells(row) {
                Ok(cells) => cells,
                Err(reason) => {
                    self.malformed_row(row, &reason);
                    continue;
                }
            };
            if let Some(fields) = self.row_fields(row, name, description, schema) {
                if let Some(definition) = &mut self.definition {
                    definition.fields.extend(fields);
                }
            }
        }
    }

    fn code(&mut self, text: &str, indented: bool, line: u32) {
        let location = self.location(line);
        let Some(entry) = &mut self.entry else { return };
        let verbatim = text.strip_suffix('\n').unwrap_or(text).to_string();
        match entry.section {
            Section::ExampleCommand => entry.examples.push(Example {
                command: verbatim,
                output: None,
                location,
                request: None,
                exceptions: Vec::new(),
            }),
            Section::Intro if indented => {
                // An indented docstring under the entry name: prose that the rendering made a
                // code block (the AsciiDoc source has it as a paragraph).
                for paragraph in text.split("\n\n") {
                    let lines: Vec<&str> = paragraph
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .collect();
                    if !lines.is_empty() {
                        entry.description.push(lines.join("\n"));
                    }
                }
            }
            Section::ExampleOutput => match entry.examples.last_mut() {
                Some(example) if example.output.is_none() => example.output = Some(verbatim),
                _ => self.warn(
                    DiagnosticKind::UnexpectedContent,
                    line,
                    "example output without an example command before it; it is not read"
                        .to_string(),
                ),
            },
            _ => {}
        }
    }

    fn close_entry(&mut self) {
        let Some(entry) = self.entry.take() else {
            return;
        };
        match entry.into_operation() {
            Ok((operation, diagnostics)) => {
                self.doc.operations.push(operation);
                self.doc.diagnostics.extend(diagnostics);
            }
            Err(error) => self.doc.diagnostics.push(error),
        }
    }

    fn close_definition(&mut self) {
        if let Some(definition) = self.definition.take() {
            self.doc.definitions.push(definition);
        }
    }

    fn close_definitions(&mut self) {
        self.close_definition();
        self.definitions = None;
    }
}
