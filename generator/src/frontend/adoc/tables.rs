//! Reads the three table layouts of the reference into spec fields and responses:
//! `Type|Name|Description|Schema` (parameters), `Name|Description|Schema` (body and definition
//! fields) and `HTTP Code|Description|Schema` (responses).

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{Cell, Table};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::frontend::text;
use crate::spec::{Field, Response, Schema};

/// The header row of a table, as far as this front-end understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `Type|Name|Description|Schema`.
    Parameters,
    /// `Name|Description|Schema`.
    Fields,
    /// `HTTP Code|Description|Schema`.
    Responses,
}

/// Where a parameter row goes, from its `Type` cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamPlace {
    Path,
    Query,
    Body,
}

/// The rows of a table after its header, or the diagnostic saying why it could not be read.
pub struct Rows<'t> {
    pub layout: Layout,
    pub rows: Vec<&'t [Cell]>,
}

static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"_(required|optional)_|\*(required|optional)\*").expect("valid"));
static TRAILING_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*`([a-z][a-z-]*)`\s*$").expect("valid regex"));

/// Checks the header and the row shapes; rows of the wrong width are reported and left out.
pub fn rows<'t>(table: &'t Table, out: &mut Vec<Diagnostic>) -> Result<Rows<'t>, Diagnostic> {
    let mut all = table.rows();
    let header: Vec<String> = all
        .next()
        .unwrap_or_default()
        .iter()
        .map(|c| c.text.to_ascii_lowercase())
        .collect();
    let layout = match header
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["type", "name", "description", "schema"] => Layout::Parameters,
        ["name", "description", "schema"] => Layout::Fields,
        ["http code", "description", "schema"] => Layout::Responses,
        _ => {
            return Err(Diagnostic::warning(
                DiagnosticKind::UnexpectedTableColumns,
                table.location.clone(),
                format!(
                    "table columns `{}` are none of Type|Name|Description|Schema, \
                     Name|Description|Schema, HTTP Code|Description|Schema",
                    header.join("|")
                ),
            ))
        }
    };
    let mut rows = Vec::new();
    for row in all {
        if row.len() == table.columns {
            rows.push(row);
        } else {
            out.push(Diagnostic::warning(
                DiagnosticKind::MalformedTableRow,
                row[0].location.clone(),
                format!(
                    "table row has {} cell(s) where the table has {} columns; row skipped",
                    row.len(),
                    table.columns
                ),
            ));
        }
    }
    Ok(Rows { layout, rows })
}

/// Reads the `Type` cell of a parameter row.
pub fn param_place(cell: &Cell) -> Option<ParamPlace> {
    match cell.text.trim().to_ascii_lowercase().as_str() {
        "path" => Some(ParamPlace::Path),
        "query" => Some(ParamPlace::Query),
        "body" => Some(ParamPlace::Body),
        _ => None,
    }
}

/// Reads the `Name`, `Description`, `Schema` cells of a parameter or field row. A name cell that
/// names several parameters (`*orgname* + *robot_shortname*`) gives one field for each.
pub fn fields(
    name: &Cell,
    description: &Cell,
    schema: &Cell,
    out: &mut Vec<Diagnostic>,
) -> Vec<Field> {
    let (names, required) = name_cell(&name.text);
    if names.is_empty() {
        out.push(Diagnostic::warning(
            DiagnosticKind::MalformedTableRow,
            name.location.clone(),
            format!(
                "table row has no parameter name in `{}`; row skipped",
                one_line(&name.text)
            ),
        ));
        return Vec::new();
    }
    if names.len() > 1 {
        out.push(Diagnostic::warning(
            DiagnosticKind::MalformedTableRow,
            name.location.clone(),
            format!(
                "one row documents several names ({}); each is read with the row's description and schema",
                names.join(", ")
            ),
        ));
    }
    let (schema_value, constraints) = schema_cell(schema, out);
    names
        .into_iter()
        .map(|field_name| Field {
            name: field_name,
            required,
            description: text::adoc_inline_to_markdown(&description.text),
            schema: schema_value.clone(),
            constraints: constraints.clone(),
        })
        .collect()
}

/// Reads a responses row. A code that is not a number is reported and the row skipped.
pub fn response(row: &[Cell], out: &mut Vec<Diagnostic>) -> Option<Response> {
    let [code, description, schema] = row else {
        return None;
    };
    let Ok(number) = code.text.trim().parse::<u16>() else {
        out.push(Diagnostic::warning(
            DiagnosticKind::InvalidResponseCode,
            code.location.clone(),
            format!(
                "response code `{}` is not a number; row skipped",
                one_line(&code.text)
            ),
        ));
        return None;
    };
    let written = schema.text.trim();
    let schema = if written.is_empty() || written.eq_ignore_ascii_case("no content") {
        None
    } else {
        Some(schema_cell(schema, out).0)
    };
    Some(Response {
        code: number,
        description: text::adoc_inline_to_markdown(&description.text),
        schema,
    })
}

/// The names in a name cell and whether it is marked `_required_`. Both layouts of the marker are
/// read: on the line after a hard break (`**title** +`) and after a blank line.
fn name_cell(text: &str) -> (Vec<String>, bool) {
    let mut required = MARKER.captures(text).is_some_and(|caps| {
        caps.get(1)
            .or(caps.get(2))
            .is_some_and(|m| m.as_str() == "required")
    });
    let without_marker = MARKER.replace_all(text, " ");
    let mut names: Vec<String> = without_marker
        .split(|c: char| c == '+' || c.is_whitespace())
        .map(|word| {
            word.trim_matches(|c| c == '*' || c == '`' || c == '_')
                .to_string()
        })
        .filter(|word| !word.is_empty())
        .collect();
    // The marker written without emphasis (`name` then `required` on the next line).
    if names.len() > 1 {
        if let Some(last) = names
            .last()
            .filter(|w| *w == "required" || *w == "optional")
        {
            required = last == "required";
            names.pop();
        }
    }
    (names, required)
}

/// The schema of a cell and the constraint tags written after it (`` `non-empty` `unique` ``).
/// A schema outside the type model is reported at the cell's line.
fn schema_cell(cell: &Cell, out: &mut Vec<Diagnostic>) -> (Schema, Vec<String>) {
    let (written, constraints) = split_constraints(&cell.text);
    let schema = text::schema_cell(&written);
    if schema.has_unknown_text() {
        out.push(Diagnostic::warning(
            DiagnosticKind::UnknownSchema,
            cell.location.clone(),
            format!(
                "schema `{}` is not a known type; kept as text",
                one_line(&written)
            ),
        ));
    }
    (schema, constraints)
}

/// Splits trailing constraint tags off a schema cell (`` array of string + `unique` ``). Tags are
/// only split off a schema the type model reads: in prose such as "object including `token`" the
/// backticks are part of the text.
fn split_constraints(cell: &str) -> (String, Vec<String>) {
    let clean = |text: &str| text.trim().trim_end_matches('+').trim_end().to_string();
    let mut rest = clean(cell);
    let mut tags = Vec::new();
    while let Some(caps) = TRAILING_TAG.captures(&rest) {
        let start = caps.get(0).map_or(0, |m| m.start());
        tags.push(caps[1].to_string());
        rest = clean(&rest[..start]);
    }
    if tags.is_empty() || rest.is_empty() || text::schema_cell(&rest).has_unknown_text() {
        return (clean(cell), Vec::new());
    }
    tags.reverse();
    (rest, tags)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Location;

    fn cell(text: &str, line: u32) -> Cell {
        Cell {
            text: text.into(),
            location: Location {
                file: "t.adoc".into(),
                line,
            },
        }
    }

    #[test]
    fn both_required_marker_forms() {
        assert_eq!(
            name_cell("**title**\n \n_required_"),
            (vec!["title".to_string()], true)
        );
        assert_eq!(
            name_cell("**title** + \n_optional_"),
            (vec!["title".to_string()], false)
        );
        assert_eq!(
            name_cell("*title** + _required_"),
            (vec!["title".to_string()], true)
        );
        assert_eq!(
            name_cell("*orgname* + *robot_shortname*\n_required_"),
            (
                vec!["orgname".to_string(), "robot_shortname".to_string()],
                true
            )
        );
        assert_eq!(
            name_cell("**repo_name**"),
            (vec!["repo_name".to_string()], false)
        );
        assert_eq!(
            name_cell("name\n \nrequired"),
            (vec!["name".to_string()], true)
        );
    }

    #[test]
    fn constraint_tags() {
        assert_eq!(
            split_constraints("array of string +\n \n`non-empty` `unique`"),
            (
                "array of string".to_string(),
                vec!["non-empty".to_string(), "unique".to_string()]
            )
        );
        assert_eq!(split_constraints("string"), ("string".to_string(), vec![]));
        assert_eq!(
            split_constraints("array of string + `non-empty` `unique`"),
            (
                "array of string".to_string(),
                vec!["non-empty".to_string(), "unique".to_string()]
            )
        );
        assert_eq!(
            split_constraints("`unique`"),
            ("`unique`".to_string(), vec![])
        );
        assert_eq!(
            split_constraints("array of object +"),
            ("array of object".to_string(), vec![])
        );
        assert_eq!(
            split_constraints("Token object including `token`"),
            ("Token object including `token`".to_string(), vec![])
        );
    }

    #[test]
    fn unknown_schema_is_reported_at_the_cell() {
        let mut out = Vec::new();
        let fields = fields(
            &cell("**auth**\n_required_", 7),
            &cell("Result", 7),
            &cell("{ \"missing\": \"boolean\" }", 8),
            &mut out,
        );
        assert_eq!(fields.len(), 1);
        assert!(fields[0].required);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].kind, DiagnosticKind::UnknownSchema);
        assert_eq!(out[0].location.line, 8);
    }

    #[test]
    fn response_codes() {
        let mut out = Vec::new();
        let ok = response(&[cell("201", 1), cell("Created", 1), cell("", 1)], &mut out);
        assert_eq!(ok.map(|r| (r.code, r.schema)), Some((201, None)));
        let bad = response(&[cell("2xx", 2), cell("Fine", 2), cell("", 2)], &mut out);
        assert!(bad.is_none());
        assert_eq!(out[0].kind, DiagnosticKind::InvalidResponseCode);
        assert_eq!(out[0].location.line, 2);
    }
}
