//! How answers are printed: JSON (pretty on a terminal, compact when piped), tables of list
//! answers, JSON lines for `--all`, and the progress line on a terminal's stderr.

use std::io::Write;

use serde_json::Value;

use super::error::CliError;

/// `-o FORMAT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON, pretty on a terminal and compact otherwise.
    Json,
    /// Indented JSON.
    Pretty,
    /// One-line JSON.
    Compact,
    /// The rows of a list answer as a table.
    Table,
}

impl Format {
    /// The names `-o` accepts.
    pub const NAMES: [&'static str; 4] = ["json", "pretty", "compact", "table"];

    /// The format named `name` (one of [`Format::NAMES`]).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "json" => Some(Format::Json),
            "pretty" => Some(Format::Pretty),
            "compact" => Some(Format::Compact),
            "table" => Some(Format::Table),
            _ => None,
        }
    }
}

/// Where a list answer's rows are, and which of their fields are columns (the scalar fields of
/// the typed row, in the order the client declares them). Generated per command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// The field of the answer holding the rows, or `None` when the answer is the array.
    pub items: Option<&'static str>,
    /// The columns, by field name.
    pub columns: &'static [&'static str],
}

impl Table {
    /// The rows of an answer.
    pub fn rows<'v>(&self, answer: &'v Value) -> Result<&'v [Value], CliError> {
        let list = match self.items {
            Some(field) => answer.get(field),
            None => Some(answer),
        };
        match list {
            Some(Value::Array(rows)) => Ok(rows),
            Some(Value::Null) | None => Ok(&[]),
            Some(_) => Err(CliError::api(format!(
                "cannot print a table: `{}` in the answer is not an array",
                self.items.unwrap_or("the answer")
            ))),
        }
    }
}

/// Writes `json` as the format asks (`Json` decided by `terminal`); nothing for an empty body.
pub fn write_json(
    out: &mut dyn Write,
    json: &Value,
    format: Format,
    terminal: bool,
) -> std::io::Result<()> {
    if json.is_null() {
        return Ok(());
    }
    let pretty = match format {
        Format::Pretty => true,
        Format::Json => terminal,
        Format::Compact | Format::Table => false,
    };
    let text = if pretty {
        serde_json::to_string_pretty(json)
    } else {
        serde_json::to_string(json)
    }
    .map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
}

/// Rows as an aligned table with a header of the column names in capitals.
pub fn write_table(out: &mut dyn Write, columns: &[&str], rows: &[Value]) -> std::io::Result<()> {
    let header: Vec<String> = columns.iter().map(|c| c.to_uppercase()).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| columns.iter().map(|c| cell(row.get(*c))).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&cells) {
        let mut line = String::new();
        for (index, (cell, width)) in row.iter().zip(&widths).enumerate() {
            if index + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', width - cell.chars().count() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// A cell: text as is, other values as compact JSON, nothing for null or missing. Control
/// characters from the server become spaces, so a cell cannot break the table or the terminal.
fn cell(value: Option<&Value>) -> String {
    let text = match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The items of an untyped page: the elements of its only array field, or the page itself
/// when it has none or several.
pub fn page_items(page: Value) -> Vec<Value> {
    let arrays: Vec<&String> = match &page {
        Value::Object(object) => object
            .iter()
            .filter(|(_, v)| v.is_array())
            .map(|(k, _)| k)
            .collect(),
        _ => Vec::new(),
    };
    match arrays.as_slice() {
        [field] => {
            let field = (*field).clone();
            match page {
                Value::Object(mut object) => match object.remove(&field) {
                    Some(Value::Array(items)) => items,
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            }
        }
        _ => vec![page],
    }
}

/// The `N items` line on a terminal's stderr, rewritten in place and cleared at the end.
pub struct Progress {
    enabled: bool,
    items: usize,
    pages: usize,
    shown: bool,
}

impl Progress {
    /// Progress shown only when `enabled` (stderr is a terminal).
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            items: 0,
            pages: 0,
            shown: false,
        }
    }

    /// One more item; drawn at the first and every 100th.
    pub fn item(&mut self, err: &mut dyn Write) {
        self.items += 1;
        if self.items == 1 || self.items % 100 == 0 {
            self.draw(err);
        }
    }

    /// One more page.
    pub fn page(&mut self, err: &mut dyn Write) {
        self.pages += 1;
        self.draw(err);
    }

    fn draw(&mut self, err: &mut dyn Write) {
        if !self.enabled {
            return;
        }
        let pages = if self.pages > 0 {
            format!(", {} page(s)", self.pages)
        } else {
            String::new()
        };
        let _ = write!(err, "\r\x1b[2K{} item(s){pages}…", self.items);
        let _ = err.flush();
        self.shown = true;
    }

    /// Clears the line.
    pub fn finish(&mut self, err: &mut dyn Write) {
        if self.shown {
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.shown = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tables_align_and_neutralise_control_characters() {
        let rows = [
            json!({"name": "latest", "size": 12, "extra": "x"}),
            json!({"name": "v1\u{1b}[31m", "size": null}),
        ];
        let mut out = Vec::new();
        write_table(&mut out, &["name", "size"], &rows).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(text, "NAME     SIZE\nlatest   12\nv1 [31m\n");
    }

    #[test]
    fn pretty_on_a_terminal_compact_when_piped() {
        let json = json!({"a": [1]});
        let mut piped = Vec::new();
        write_json(&mut piped, &json, Format::Json, false).expect("writes");
        assert_eq!(piped, b"{\"a\":[1]}\n");
        let mut terminal = Vec::new();
        write_json(&mut terminal, &json, Format::Json, true).expect("writes");
        assert_eq!(terminal, b"{\n  \"a\": [\n    1\n  ]\n}\n");
        let mut empty = Vec::new();
        write_json(&mut empty, &Value::Null, Format::Pretty, true).expect("writes");
        assert!(empty.is_empty());
    }

    #[test]
    fn untyped_pages_give_the_elements_of_their_only_array() {
        assert_eq!(
            page_items(json!({"logs": [1, 2], "next_page": "x"})),
            [json!(1), json!(2)]
        );
        let two = json!({"a": [1], "b": [2]});
        assert_eq!(page_items(two.clone()), [two]);
    }
}
