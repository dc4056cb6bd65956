//! The oldest layout in `../shared` (3.5), shared by both front-ends: one module per method and
//! path, headed `get /api/v1/...` (a lower-case method and no operation name), with
//! `Implementation Notes`, a `Parameters` table (Parameter / Value / Description /
//! Parameter Type / Data Type) and a `Response Messages` table (HTTP Status Code / Reason /
//! Response Model / Headers) whose models are JSON text. Groups are chapter headings written
//! `name : description`.
//!
//! Each front-end reduces its own syntax to [`LegacySection`]s (a heading, its paragraphs, its
//! tables as cells); everything after that is here, so both renderings give the same spec. The
//! docs give no operation names: each entry gets a stable name derived from its method and path
//! with one [`DiagnosticKind::DerivedOperationName`] warning, and [`take_names_from`] replaces
//! those by the documented names of the same method and path in another spec (`--names-from`).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::{text, Parsed};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::spec::{
    path_shape, Authorization, Field, Group, Location, Method, Operation, RequestBody, Response,
    Schema, Spec,
};

/// A heading and what is under it, up to the next heading.
#[derive(Debug, Clone)]
pub struct LegacySection {
    /// Relative depth (only compared with other sections' levels).
    pub level: i32,
    pub title: String,
    pub location: Location,
    pub paragraphs: Vec<String>,
    /// Each table as rows of cells. A front-end that cannot tell rows apart (an AsciiDoc table
    /// whose cells span lines) gives one row with every cell.
    pub tables: Vec<Vec<Vec<LegacyCell>>>,
}

#[derive(Debug, Clone)]
pub struct LegacyCell {
    pub text: String,
    pub location: Location,
}

/// What [`read`] found.
#[derive(Debug, Default)]
pub struct Read {
    pub groups: Vec<Group>,
    pub operations: Vec<Operation>,
    pub diagnostics: Vec<Diagnostic>,
    pub entries_seen: usize,
}

static METHOD_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(get|post|put|delete|patch|head)\s+(/\S*)$").expect("valid regex")
});
static GROUP_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z][0-9A-Za-z_-]*)\s+:\s+(.*)$").expect("valid regex"));

/// `get /api/v1/user/apptoken`: the method and path of a legacy entry heading.
pub fn method_heading(title: &str) -> Option<(Method, String)> {
    let caps = METHOD_HEADING.captures(title.trim())?;
    let method = Method::parse(&caps[1].to_ascii_uppercase())?;
    Some((method, caps[2].to_string()))
}

/// `appspecifictokens : Manages app specific tokens`: a group's name and description.
fn group_heading(title: &str) -> Option<(String, String)> {
    let caps = GROUP_HEADING.captures(title.trim())?;
    Some((caps[1].to_string(), caps[2].trim().to_string()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Notes,
    Parameters,
    Responses,
}

fn part(title: &str) -> Option<Part> {
    match title.trim().to_ascii_lowercase().as_str() {
        "implementation notes" => Some(Part::Notes),
        "parameters" => Some(Part::Parameters),
        "response messages" => Some(Part::Responses),
        _ => None,
    }
}

/// Whether the sections are in the legacy layout: some heading is `get /path`-like.
pub fn is_legacy(sections: &[LegacySection]) -> bool {
    sections.iter().any(|s| method_heading(&s.title).is_some())
}

/// Reads every entry and group, in document order.
pub fn read(sections: &[LegacySection]) -> Read {
    let mut read = Read::default();
    let mut group: Option<(i32, String, String)> = None;
    let mut names = BTreeSet::new();
    let mut i = 0;
    while i < sections.len() {
        let section = &sections[i];
        if let Some((name, description)) = group_heading(&section.title) {
            group = Some((section.level, name, description));
            i += 1;
            continue;
        }
        let Some((method, path)) = method_heading(&section.title) else {
            if group
                .as_ref()
                .is_some_and(|(level, _, _)| section.level <= *level)
            {
                group = None;
            }
            i += 1;
            continue;
        };
        read.entries_seen += 1;
        // The parts follow, at whatever level a `leveloffset` put them.
        let mut end = i + 1;
        while end < sections.len() && part(&sections[end].title).is_some() {
            end += 1;
        }
        let mut entry = Entry {
            op: new_operation(method, path, section.location.clone()),
            diagnostics: Vec::new(),
        };
        entry.read(section, &sections[i + 1..end]);
        let name = unique(derived_name(method, &entry.op.path), &mut names);
        entry.diagnostics.push(Diagnostic::warning(
            DiagnosticKind::DerivedOperationName,
            section.location.clone(),
            format!(
                "the docs give no operation name for `{method} {}`; named `{name}` after its method and path (pass --names-from SPEC to take the documented name of a later version)",
                entry.op.path
            ),
        ));
        entry.op.name = name.clone();
        entry.op.group = match &group {
            Some((_, group_name, description)) => {
                add_group(&mut read.groups, group_name, description);
                group_name.clone()
            }
            None => {
                let from_path = text::group_from_path(&entry.op.path);
                entry.diagnostics.push(Diagnostic::warning(
                    DiagnosticKind::UnexpectedContent,
                    section.location.clone(),
                    format!("entry is not inside a group chapter; put in group `{from_path}`, from its path"),
                ));
                add_group(&mut read.groups, &from_path, "");
                from_path
            }
        };
        read.diagnostics.extend(
            entry
                .diagnostics
                .into_iter()
                .map(|d| d.for_operation(&name)),
        );
        read.operations.push(entry.op);
        i = end;
    }
    read
}

fn add_group(groups: &mut Vec<Group>, name: &str, description: &str) {
    if !groups.iter().any(|g| g.name == name) {
        groups.push(Group {
            name: name.to_string(),
            description: description.to_string(),
        });
    }
}

fn new_operation(method: Method, path: String, location: Location) -> Operation {
    Operation {
        name: String::new(),
        group: String::new(),
        description: String::new(),
        method,
        path,
        // The layout documents no authorizations.
        authorization: Authorization::default(),
        path_params: Vec::new(),
        query_params: Vec::new(),
        body: None,
        responses: Vec::new(),
        examples: Vec::new(),
        location,
        response_schema: None,
        since: None,
        param_history: Vec::new(),
    }
}

struct Entry {
    op: Operation,
    diagnostics: Vec<Diagnostic>,
}

const PARAMETER_HEADER: [&str; 5] = [
    "parameter",
    "value",
    "description",
    "parameter type",
    "data type",
];
const RESPONSE_HEADER: [&str; 4] = ["http status code", "reason", "response model", "headers"];

impl Entry {
    fn read(&mut self, head: &LegacySection, parts: &[LegacySection]) {
        let mut descriptions: Vec<String> = head.paragraphs.clone();
        for section in parts {
            match part(&section.title) {
                Some(Part::Notes) => descriptions.extend(section.paragraphs.iter().cloned()),
                Some(Part::Parameters) => {
                    for table in &section.tables {
                        let (rows, strays) =
                            rows(table, &PARAMETER_HEADER, is_parameter_row, false);
                        rows.into_iter().for_each(|row| self.parameter(row));
                        self.strays(&strays, "parameter");
                    }
                }
                Some(Part::Responses) => {
                    for table in &section.tables {
                        let (rows, strays) = rows(table, &RESPONSE_HEADER, is_response_row, true);
                        rows.into_iter().for_each(|row| self.response(row));
                        self.strays(&strays, "response");
                    }
                }
                None => {}
            }
        }
        self.op.description = descriptions
            .iter()
            .map(|p| text::strip_markup(p).trim().to_string())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        if !self.op.path.starts_with('/') {
            self.op.path.insert(0, '/');
        }
    }

    fn parameter(&mut self, row: Row<'_>) {
        let Some(&[name, value, description, place, data_type]) = row.cells.get(..5) else {
            self.malformed(&row, "a parameter row needs 5 cells");
            return;
        };
        let name = text::strip_markup(&name.text).trim().to_string();
        let required = value
            .text
            .trim()
            .to_ascii_lowercase()
            .starts_with("required");
        let description = normalize(&description.text);
        let mut place = place.text.trim().to_ascii_lowercase();
        if place != "body" && data_type.text.contains("Model Schema") {
            // `|body | |Request body contents. |query |Model: ...`: a model is a body.
            self.diagnostics.push(Diagnostic::warning(
                DiagnosticKind::MalformedTableRow,
                row.location.clone(),
                format!("`{name}` is typed by a model but its parameter type is `{place}`; read as the request body"),
            ));
            place = "body".into();
        }
        match place.as_str() {
            "body" => {
                let (fields, problem) = model_fields(&data_type.text);
                if let Some(problem) = problem {
                    self.diagnostics.push(Diagnostic::warning(
                        DiagnosticKind::UnknownSchema,
                        data_type.location.clone(),
                        format!("body model of `{name}`: {problem}"),
                    ));
                }
                let body = self.op.body.get_or_insert_with(|| RequestBody {
                    content_type: "application/json".into(),
                    description: description.clone(),
                    fields: Vec::new(),
                    array: false,
                    shapes: Vec::new(),
                });
                body.fields.extend(fields);
            }
            where_ @ ("path" | "query") => {
                let schema = Schema::parse(&text::strip_markup(&data_type.text));
                if schema.has_unknown_text() {
                    self.diagnostics.push(Diagnostic::warning(
                        DiagnosticKind::UnknownSchema,
                        data_type.location.clone(),
                        format!(
                            "`{}` of parameter `{name}` is outside the type model",
                            data_type.text.trim()
                        ),
                    ));
                }
                let field = Field {
                    name,
                    // A path parameter is always required, whatever the Value cell says.
                    required: required || where_ == "path",
                    description,
                    schema,
                    constraints: Vec::new(),
                };
                if where_ == "path" {
                    self.op.path_params.push(field);
                } else {
                    self.op.query_params.push(field);
                }
            }
            other => self.malformed(
                &row,
                &format!("parameter type `{other}` is not path, query or body"),
            ),
        }
    }

    fn response(&mut self, row: Row<'_>) {
        let Some(code) = row.cells.first() else {
            return;
        };
        let Ok(code_number) = code.text.trim().parse::<u16>() else {
            self.malformed(&row, "a response row starts with its status code");
            return;
        };
        let reason = row
            .cells
            .get(1)
            .map(|c| normalize(&c.text))
            .unwrap_or_default();
        self.op.responses.push(Response {
            code: code_number,
            description: reason,
            // Models are JSON text, not definitions: the body stays untyped.
            schema: None,
        });
    }

    /// One warning per cell that belongs to no row of a `what` table.
    fn strays(&mut self, cells: &[&LegacyCell], what: &str) {
        for cell in cells {
            self.diagnostics.push(Diagnostic::warning(
                DiagnosticKind::MalformedTableRow,
                cell.location.clone(),
                format!(
                    "cell `{}` is in no {what} row (a row starts with a name and has its \
                     parameter type fourth, or with a status code); not read",
                    normalize(&cell.text)
                ),
            ));
        }
    }

    fn malformed(&mut self, row: &Row<'_>, why: &str) {
        self.diagnostics.push(Diagnostic::warning(
            DiagnosticKind::MalformedTableRow,
            row.location.clone(),
            format!("{why}; row not read"),
        ));
    }
}

/// Whitespace collapsed, markup removed.
fn normalize(text: &str) -> String {
    text::strip_markup(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One table row, however the rendering split it.
struct Row<'t> {
    cells: Vec<&'t LegacyCell>,
    location: Location,
}

fn is_parameter_row(cells: &[&LegacyCell]) -> bool {
    cells.len() >= 4
        && !cells[0].text.trim().is_empty()
        && matches!(
            cells[3].text.trim().to_ascii_lowercase().as_str(),
            "path" | "query" | "body"
        )
}

fn is_response_row(cells: &[&LegacyCell]) -> bool {
    cells.first().is_some_and(|c| {
        let code = c.text.trim();
        code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The data rows of a table: the header (wherever it is) and empty cells between rows dropped,
/// rows found by what their first cells look like (`starts_row`), `header.len()` cells each.
/// Non-empty cells that belong to no row are returned too, to be reported.
fn rows<'t>(
    table: &'t [Vec<LegacyCell>],
    header: &[&str],
    starts_row: fn(&[&LegacyCell]) -> bool,
    may_be_short: bool,
) -> (Vec<Row<'t>>, Vec<&'t LegacyCell>) {
    let cells: Vec<&LegacyCell> = table.iter().flatten().collect();
    let width = header.len();
    let is_header_at = |k: usize| {
        cells.len() >= k + width
            && cells[k..k + width]
                .iter()
                .zip(header)
                .all(|(c, h)| c.text.trim().eq_ignore_ascii_case(h))
    };
    let mut out = Vec::new();
    let mut strays = Vec::new();
    let mut k = 0;
    while k < cells.len() {
        if is_header_at(k) {
            k += width;
            continue;
        }
        let end = (k + width).min(cells.len());
        if starts_row(&cells[k..end]) {
            // A row ends `width` cells on, or (rows that may be short) where the next starts.
            let mut stop = k + 1;
            while stop < end && !(may_be_short && starts_row(&cells[stop..end])) {
                stop += 1;
            }
            out.push(Row {
                cells: cells[k..stop].to_vec(),
                location: cells[k].location.clone(),
            });
            k = stop;
            continue;
        }
        // `No parameters` stands for an empty table.
        let text = normalize(&cells[k].text).to_ascii_lowercase();
        if !text.is_empty() && text.trim_end_matches('.') != "no parameters" {
            strays.push(cells[k]);
        }
        k += 1;
    }
    (out, strays)
}

/// Body fields from a model cell (`Model: Model Schema { "name": "string", ... }`): the top-level
/// keys of the JSON, typed by their sample values, all optional. A model that is not JSON gives
/// the keys that can be read and says so.
fn model_fields(cell: &str) -> (Vec<Field>, Option<String>) {
    let cell = text::unescape_html(cell);
    let (Some(start), Some(end)) = (cell.find('{'), cell.rfind('}')) else {
        return (Vec::new(), Some("no JSON model in the cell".into()));
    };
    if end < start {
        return (Vec::new(), Some("no JSON model in the cell".into()));
    }
    let json = &cell[start..=end];
    let field = |name: &str, schema: Schema| Field {
        name: name.to_string(),
        required: false,
        description: String::new(),
        schema,
        constraints: Vec::new(),
    };
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(json) {
        let fields = map
            .iter()
            .map(|(name, value)| field(name, sample_schema(value)))
            .collect();
        return (fields, None);
    }
    // Not JSON (`{ "friendlyName:" "string" }`): the quoted keys at the top level.
    static KEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#""([A-Za-z_][0-9A-Za-z_]*):?"\s*:?\s*"#).expect("valid regex")
    });
    let mut fields: Vec<Field> = Vec::new();
    let mut depth = 0usize;
    let mut expect_key = true;
    let bytes = json.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'{' | b'[' => {
                depth += 1;
                expect_key = true;
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' => expect_key = true,
            b'"' if depth == 1 && expect_key => {
                if let Some(caps) = KEY.captures(&json[at..]) {
                    let whole = caps.get(0).map_or(1, |m| m.len());
                    if caps.get(0).is_some_and(|m| m.start() == 0) {
                        let name = &caps[1];
                        if !fields.iter().any(|f| f.name == name) {
                            fields.push(field(name, Schema::String));
                        }
                        expect_key = false;
                        at += whole;
                        continue;
                    }
                }
            }
            b'"' => {
                // Skip a string value.
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += 1;
                }
            }
            _ => {}
        }
        at += 1;
    }
    (
        fields,
        Some("the model is not valid JSON; its top-level keys are read as string fields".into()),
    )
}

/// The schema a sample value stands for (`"string"`, `0`, `true`, `[ "string" ]`, `{}`).
fn sample_schema(value: &serde_json::Value) -> Schema {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            let lower = s.to_ascii_lowercase();
            if lower.contains("number") && !lower.contains("string") {
                Schema::Number
            } else if lower.contains("integer") && !lower.contains("string") {
                Schema::Integer
            } else if lower.contains("boolean") && !lower.contains("string") {
                Schema::Boolean
            } else {
                Schema::String
            }
        }
        Value::Number(n) if n.is_f64() => Schema::Number,
        Value::Number(_) => Schema::Integer,
        Value::Bool(_) => Schema::Boolean,
        Value::Array(items) => Schema::array(items.first().map_or(
            Schema::Unknown {
                text: "array".into(),
            },
            sample_schema,
        )),
        Value::Object(_) => Schema::Object,
        Value::Null => Schema::Unknown {
            text: "null".into(),
        },
    }
}

/// A stable name from method and path: `get /api/v1/repository/{repository}/build/` is
/// `getRepositoryBuild`, a trailing placeholder adds `By<Name>`
/// (`getRepositoryBuildByBuildUuid`).
pub fn derived_name(method: Method, path: &str) -> String {
    let mut name = method.as_str().to_ascii_lowercase();
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .skip_while(|s| {
            *s == "api" || s.starts_with('v') && s[1..].bytes().all(|b| b.is_ascii_digit())
        })
        .collect();
    for (index, segment) in segments.iter().enumerate() {
        if let Some(param) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            if index + 1 == segments.len() {
                name.push_str("By");
                name.push_str(&camel(param));
            }
        } else {
            name.push_str(&camel(segment));
        }
    }
    name
}

fn camel(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// `name`, or `name2`, `name3`, ... when taken.
fn unique(name: String, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// Replaces each derived name by the name `names` documents for the same method and path
/// (placeholder names ignored), and drops its warning. Names that `names` does not have, or
/// that another operation already has, stay derived, with their warning.
pub fn take_names_from(parsed: &mut Parsed, names: &Spec) {
    let derived: BTreeSet<String> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::DerivedOperationName)
        .filter_map(|d| d.operation.clone())
        .collect();
    let mut taken: BTreeSet<String> = parsed
        .spec
        .operations
        .iter()
        .map(|op| op.name.clone())
        .collect();
    let mut renamed: Vec<(String, String)> = Vec::new();
    for op in &mut parsed.spec.operations {
        if !derived.contains(&op.name) {
            continue;
        }
        let shape = path_shape(&op.path);
        let Some(documented) = names
            .operations
            .iter()
            .find(|o| o.method == op.method && path_shape(&o.path) == shape)
        else {
            continue;
        };
        if taken.contains(&documented.name) {
            continue;
        }
        taken.insert(documented.name.clone());
        renamed.push((op.name.clone(), documented.name.clone()));
        op.name = documented.name.clone();
    }
    for (old, new) in &renamed {
        parsed.diagnostics.retain(|d| {
            !(d.kind == DiagnosticKind::DerivedOperationName && d.operation.as_ref() == Some(old))
        });
        for d in &mut parsed.diagnostics {
            if d.operation.as_ref() == Some(old) {
                d.operation = Some(new.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(line: u32) -> Location {
        Location {
            file: "m.adoc".into(),
            line,
        }
    }

    fn cell(text: &str) -> LegacyCell {
        LegacyCell {
            text: text.into(),
            location: loc(1),
        }
    }

    fn section(level: i32, title: &str, tables: Vec<Vec<Vec<LegacyCell>>>) -> LegacySection {
        LegacySection {
            level,
            title: title.into(),
            location: loc(1),
            paragraphs: Vec::new(),
            tables,
        }
    }

    #[test]
    fn names_are_derived_from_method_and_path() {
        assert_eq!(
            derived_name(Method::Get, "/api/v1/user/apptoken"),
            "getUserApptoken"
        );
        assert_eq!(
            derived_name(Method::Delete, "/api/v1/user/apptoken/{token_uuid}"),
            "deleteUserApptokenByTokenUuid"
        );
        assert_eq!(
            derived_name(
                Method::Get,
                "/api/v1/repository/{repository}/build/{build_uuid}/logs"
            ),
            "getRepositoryBuildLogs"
        );
        let mut taken = BTreeSet::new();
        assert_eq!(unique("a".into(), &mut taken), "a");
        assert_eq!(unique("a".into(), &mut taken), "a2");
    }

    #[test]
    fn reads_an_entry_whose_cells_span_rows() {
        // One row of every cell, as the AsciiDoc front-end gives a table whose rows span lines,
        // with a stray empty cell after the body row.
        let params = vec![[
            "Parameter",
            "Value",
            "Description",
            "Parameter Type",
            "Data Type",
            "body",
            "required",
            "Request body contents",
            "body",
            "Model: Model Schema\n\n{\n  \"friendlyName:\" \"string\"\n}",
            "",
            "repository",
            "Required",
            "The repository",
            "path",
            "string",
            "expiring",
            "true/false",
            "Only soon",
            "query",
            "boolean",
        ]
        .map(cell)
        .to_vec()];
        let responses = vec![[
            "HTTP Status Code",
            "Reason",
            "Response Model",
            "Headers",
            "201",
            "Successful creation",
            "",
            "",
            "400",
            "Bad Request",
            "Mode: Model Schema { \"status\": 0 }",
            "",
        ]
        .map(cell)
        .to_vec()];
        let sections = vec![
            section(2, "appspecifictokens : Manages tokens.", vec![]),
            section(3, "post /api/v1/repository/{repository}/apptoken", vec![]),
            section(4, "Parameters", vec![params]),
            section(3, "Response Messages", vec![responses]),
        ];
        let read = read(&sections);
        assert_eq!(read.operations.len(), 1, "{:#?}", read.diagnostics);
        let op = &read.operations[0];
        assert_eq!(op.name, "postRepositoryApptoken");
        assert_eq!(op.group, "appspecifictokens");
        assert_eq!(read.groups[0].description, "Manages tokens.");
        assert_eq!(op.path_params[0].name, "repository");
        assert!(op.path_params[0].required);
        assert_eq!(op.query_params[0].schema, Schema::Boolean);
        assert!(!op.query_params[0].required);
        let body = op.body.as_ref().expect("body");
        assert_eq!(body.fields[0].name, "friendlyName");
        let codes: Vec<u16> = op.responses.iter().map(|r| r.code).collect();
        assert_eq!(codes, [201, 400]);
        let kinds: Vec<DiagnosticKind> = read.diagnostics.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            [
                DiagnosticKind::UnknownSchema,
                DiagnosticKind::DerivedOperationName
            ]
        );
    }

    #[test]
    fn cells_in_no_row_are_reported() {
        let params = vec![[
            "Parameter",
            "Value",
            "Description",
            "Parameter Type",
            "Data Type",
            "orphan",
            "x",
        ]
        .map(cell)
        .to_vec()];
        let sections = vec![
            section(2, "g : G.", vec![]),
            section(3, "get /api/v1/x", vec![]),
            section(4, "Parameters", vec![params]),
        ];
        let read = read(&sections);
        let stray: Vec<&str> = read
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::MalformedTableRow)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(stray.len(), 2, "{stray:?}");
        assert!(stray[0].contains("`orphan`"), "{stray:?}");
    }

    #[test]
    fn documented_names_replace_derived_ones() {
        let sections = vec![
            section(2, "tokens : Tokens.", vec![]),
            section(3, "get /api/v1/user/apptoken/{uuid}", vec![]),
            section(3, "get /api/v1/other", vec![]),
        ];
        let read = read(&sections);
        let mut doc = super::super::Document::new(crate::spec::DocFormat::Adoc);
        doc.groups = read.groups;
        doc.operations = read.operations;
        doc.diagnostics = read.diagnostics;
        let mut parsed = doc.finish();
        let mut names = parsed.spec.clone();
        names.operations.truncate(1);
        names.operations[0].name = "getAppToken".into();
        names.operations[0].path = "/api/v1/user/apptoken/{token_uuid}".into();
        take_names_from(&mut parsed, &names);
        let got: Vec<&str> = parsed
            .spec
            .operations
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(got, ["getAppToken", "getOther"]);
        let derived: Vec<&str> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::DerivedOperationName)
            .filter_map(|d| d.operation.as_deref())
            .collect();
        assert_eq!(derived, ["getOther"], "one warning per name still derived");
    }
}
