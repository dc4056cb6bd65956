//! Table layouts of the reference and how their cells are read: name cells
//! (`**title** *required*`), schema cells (`array of string` `` `non-empty` ``, `[ApiError](#apierror)`)
//! and response rows.

use super::blocks::{Inline, Row, Span, Style, Table};
use crate::frontend::text;
use crate::spec::{Field, Response, Schema};

/// The table layouts the reference uses, recognised by their header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `Type | Name | Description | Schema`: path, query or body parameters.
    Parameters,
    /// `Name | Description | Schema`: body fields or definition fields.
    Fields,
    /// `HTTP Code | Description | Schema`.
    Responses,
    /// `Scope | Description`: the scope list of the Authorization chapter.
    Scopes,
}

impl Layout {
    const ALL: [(Layout, &'static [&'static str]); 4] = [
        (
            Layout::Parameters,
            &["type", "name", "description", "schema"],
        ),
        (Layout::Fields, &["name", "description", "schema"]),
        (Layout::Responses, &["http code", "description", "schema"]),
        (Layout::Scopes, &["scope", "description"]),
    ];

    /// The layout whose column names the header row has (case-insensitive, trailing empty cells
    /// ignored: a table merged into a wider one is padded).
    pub fn of_header(header: &Row) -> Option<Layout> {
        let names: Vec<String> = header
            .plain_cells()
            .iter()
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let used = without_trailing_empty(&names);
        Layout::ALL
            .iter()
            .find(|(_, columns)| {
                used.len() == columns.len() && used.iter().zip(columns.iter()).all(|(a, b)| a == b)
            })
            .map(|(layout, _)| *layout)
    }
}

fn without_trailing_empty(cells: &[String]) -> &[String] {
    let used = cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1);
    &cells[..used]
}

/// Undoes two artifacts of the Markdown rendering:
///
/// - a table whose AsciiDoc source had no header row is rendered with an empty header and the
///   real header as its first body row;
/// - a table written directly after another one, without a blank line or heading between, is
///   read by Markdown as more rows of the first: its header row followed by a delimiter row
///   (`|---|---|`) appears among the body rows.
///
/// Returns the tables as their author wrote them.
pub fn split_tables(table: &Table) -> Vec<Table> {
    let mut rows = table.rows.iter();
    let mut current = if table
        .header
        .plain_cells()
        .iter()
        .all(|c| c.trim().is_empty())
    {
        match rows.next() {
            Some(first) => Table {
                header: first.clone(),
                rows: Vec::new(),
            },
            None => return vec![table.clone()],
        }
    } else {
        Table {
            header: table.header.clone(),
            rows: Vec::new(),
        }
    };
    let mut tables = Vec::new();
    let rows: Vec<&Row> = rows.collect();
    let mut i = 0;
    while i < rows.len() {
        let row = rows[i];
        let next_is_delimiter = rows.get(i + 1).is_some_and(|next| is_delimiter_row(next));
        if next_is_delimiter && Layout::of_header(row).is_some() {
            let finished = std::mem::replace(
                &mut current,
                Table {
                    header: row.clone(),
                    rows: Vec::new(),
                },
            );
            tables.push(finished);
            i += 2;
            continue;
        }
        current.rows.push(row.clone());
        i += 1;
    }
    tables.push(current);
    tables
}

fn is_delimiter_row(row: &Row) -> bool {
    let cells = row.plain_cells();
    let used = without_trailing_empty(&cells);
    !used.is_empty()
        && used
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')))
}

/// The `N` cells of a row of an `N`-column layout, or why the row does not have that shape.
/// Trailing empty cells are padding of a wider table the row was glued into.
pub fn cells<const N: usize>(row: &Row) -> Result<&[Inline; N], String> {
    let plain = row.plain_cells();
    let used = without_trailing_empty(&plain).len();
    let too_few = || format!("row has {used} cells, the table has {N} columns");
    if used > N {
        return Err(too_few());
    }
    row.cells
        .get(..N)
        .and_then(|cells| <&[Inline; N]>::try_from(cells).ok())
        .ok_or_else(too_few)
}

/// A name cell: `**title** *required*`, `**title** *optional*`, or without markup
/// (`name required`). The names are the bold words, or else the words before the marker; a cell
/// naming several parameters (`**orgname** + **robot_shortname**`) gives them all.
pub fn name_cell(cell: &Inline) -> (Vec<String>, bool) {
    let plain = cell.plain();
    let words: Vec<&str> = plain
        .split(|c: char| c.is_whitespace() || c == '+')
        .filter(|w| !w.is_empty())
        .collect();
    let required = words.iter().any(|w| w.eq_ignore_ascii_case("required"));
    let strong: Vec<String> = cell
        .styled(&Style::Strong)
        .flat_map(|span| {
            span.text
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let names = if strong.is_empty() {
        let is_marker =
            |w: &&str| w.eq_ignore_ascii_case("required") || w.eq_ignore_ascii_case("optional");
        words
            .iter()
            .filter(|w| !is_marker(w))
            .map(|w| w.to_string())
            .collect()
    } else {
        strong
    };
    (names, required)
}

/// A schema cell: a link to an anchor is a reference to a definition; trailing code spans are
/// constraint tags (`non-empty`, `unique`) when what precedes them is a schema the type model
/// reads; otherwise (`object including `token``) the code is part of the schema text.
pub fn schema_cell(cell: &Inline) -> (Schema, Vec<String>) {
    let link = cell.spans.iter().find_map(|span| match &span.style {
        Style::Link { dest } if dest.starts_with('#') => Some(span.text.trim().to_string()),
        _ => None,
    });
    if let Some(name) = link {
        return (Schema::Ref { name }, Vec::new());
    }
    let mut spans: Vec<&Span> = cell
        .spans
        .iter()
        .filter(|s| !s.text.trim().is_empty())
        .collect();
    let mut tags = Vec::new();
    while let Some(last) = spans.last().filter(|s| s.style == Style::Code) {
        tags.push(last.text.trim().to_string());
        spans.pop();
    }
    let rest: String = spans.iter().map(|s| s.text.as_str()).collect();
    let schema = text::schema_cell(&rest);
    if tags.is_empty() || rest.trim().is_empty() || schema.has_unknown_text() {
        return (text::schema_cell(&cell.plain()), Vec::new());
    }
    tags.reverse();
    (schema, tags)
}

/// The fields a row documents, from its name, description and schema cells.
pub fn fields(name: &Inline, description: &Inline, schema: &Inline) -> Result<Vec<Field>, String> {
    let (names, required) = name_cell(name);
    if names.is_empty() {
        return Err("the name cell is empty".to_string());
    }
    let (schema, constraints) = schema_cell(schema);
    Ok(names
        .into_iter()
        .map(|name| Field {
            name,
            required,
            description: description.plain(),
            schema: schema.clone(),
            constraints: constraints.clone(),
        })
        .collect())
}

/// A response row: `201 | Successful creation | [ApiError](#apierror)`.
pub fn response(code: &Inline, description: &Inline, schema: &Inline) -> Result<Response, String> {
    let code_text = code.plain();
    let code = code_text
        .parse::<u16>()
        .map_err(|_| format!("response code `{code_text}` is not a number"))?;
    // "No content" says there is no body, as an empty cell does (the AsciiDoc front-end agrees).
    let written = schema.plain();
    let schema = (!written.is_empty() && !written.eq_ignore_ascii_case("no content"))
        .then(|| schema_cell(schema).0);
    Ok(Response {
        code,
        description: description.plain(),
        schema,
    })
}

#[cfg(test)]
mod tests {
    use super::super::blocks::{markdown_blocks, parse_inline, BlockKind};
    use super::*;

    fn table(text: &str) -> Table {
        match markdown_blocks(text).into_iter().next().map(|b| b.kind) {
            Some(BlockKind::Table(table)) => table,
            other => panic!("no table in {text:?}: {other:?}"),
        }
    }

    #[test]
    fn recognises_layouts_case_insensitively() {
        let t = table("| Type | Name | Description | Schema |\n|---|---|---|---|\n");
        assert_eq!(Layout::of_header(&t.header), Some(Layout::Parameters));
        let t = table("| http code | Description | Schema |\n|---|---|---|\n");
        assert_eq!(Layout::of_header(&t.header), Some(Layout::Responses));
        let t = table("| Name | Type |\n|---|---|\n");
        assert_eq!(Layout::of_header(&t.header), None);
    }

    #[test]
    fn splits_a_table_merged_into_the_previous_one() {
        let t = table(
            "| Type | Name | Description | Schema |\n|---|---|---|---|\n| path | **a** *required* | A | string |\n| HTTP Code | Description | Schema |\n|---|---|---|\n| 200 | OK | |\n",
        );
        let tables = split_tables(&t);
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].rows.len(), 1);
        assert_eq!(
            Layout::of_header(&tables[1].header),
            Some(Layout::Responses)
        );
        assert_eq!(tables[1].rows.len(), 1);
        assert_eq!(tables[1].rows[0].plain_cells()[0], "200");
    }

    #[test]
    fn takes_the_header_from_the_first_row_when_the_header_is_empty() {
        let t = table("| | |\n|---|---|\n| Scope | Description |\n| **repo:read** | Read |\n");
        let tables = split_tables(&t);
        assert_eq!(tables.len(), 1);
        assert_eq!(Layout::of_header(&tables[0].header), Some(Layout::Scopes));
        assert_eq!(tables[0].rows.len(), 1);
    }

    fn names(text: &str) -> (Vec<String>, bool) {
        name_cell(&parse_inline(text))
    }

    #[test]
    fn name_cells() {
        assert_eq!(names("**title** *required*"), (vec!["title".into()], true));
        assert_eq!(
            names("**next_page** *optional*"),
            (vec!["next_page".into()], false)
        );
        assert_eq!(
            names(r"**size_bytes**\* *optional*"),
            (vec!["size_bytes".into()], false)
        );
        assert_eq!(names("name required"), (vec!["name".into()], true));
        assert_eq!(
            names("**orgname** + **robot_shortname** *required*"),
            (vec!["orgname".into(), "robot_shortname".into()], true)
        );
        assert_eq!(names("  "), (vec![], false));
    }

    #[test]
    fn schema_cells_with_constraints_and_references() {
        assert_eq!(
            schema_cell(&parse_inline("array of string `non-empty` `unique`")),
            (
                Schema::array(Schema::String),
                vec!["non-empty".to_string(), "unique".to_string()]
            )
        );
        assert_eq!(
            schema_cell(&parse_inline("[ApiError](#apierror)")).0,
            Schema::Ref {
                name: "ApiError".into()
            }
        );
        assert_eq!(
            schema_cell(&parse_inline("&lt;&lt;_apierror,ApiError&gt;&gt;")).0,
            Schema::Ref {
                name: "ApiError".into()
            }
        );
        assert!(schema_cell(&parse_inline(r#"`{"status": "rotated"}`"#))
            .0
            .has_unknown_text());
    }

    #[test]
    fn response_rows() {
        let ok = response(
            &parse_inline("201"),
            &parse_inline("Created"),
            &parse_inline(""),
        )
        .unwrap();
        assert_eq!((ok.code, ok.schema), (201, None));
        let err =
            response(&parse_inline("2xx"), &parse_inline("x"), &parse_inline("")).unwrap_err();
        assert!(err.contains("2xx"), "{err}");
        let none = response(
            &parse_inline("204"),
            &parse_inline("Deleted"),
            &parse_inline("No content"),
        )
        .unwrap();
        assert_eq!(none.schema, None);
    }

    #[test]
    fn code_after_prose_is_schema_text_not_a_constraint() {
        assert_eq!(
            schema_cell(&parse_inline("object including `token`")),
            (
                Schema::Unknown {
                    text: "object including token".into()
                },
                vec![]
            )
        );
    }

    #[test]
    fn cells_of_a_row_tolerate_padding_only() {
        let t = table("| A | B | C | D |\n|---|---|---|---|\n| 1 | 2 | 3 | |\n| 1 | 2 | 3 | 4 |\n");
        assert!(cells::<3>(&t.rows[0]).is_ok());
        let err = cells::<3>(&t.rows[1]).unwrap_err();
        assert!(err.contains("4 cells"), "{err}");
        assert!(cells::<4>(&t.rows[1]).is_ok());
    }
}
