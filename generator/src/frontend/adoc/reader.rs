//! The preprocessor: reads the assembly, follows `include::` (with `leveloffset`), evaluates
//! conditionals, records attributes, substitutes `{attribute}` references and drops comments.
//! The result is one flat list of lines, each remembering its file and line.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::resolve::{DocsRoot, RelPath, ResolveError};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::spec::Location;

/// Deeper nesting than this is taken to be runaway recursion (Asciidoctor's default limit).
pub const MAX_INCLUDE_DEPTH: usize = 64;

/// More lines than this (the 3.18 reference has about 13,000) means files included over and over,
/// each including the next several times: an "include bomb" whose expansion is exponential.
/// Includes met after this many lines are refused, so the reader always finishes.
pub const MAX_EXPANDED_LINES: usize = 250_000;

/// At most this many bytes of attribute values are substituted in one document. Attributes that
/// reference attributes (`:a2: {a1}{a1}`) double at each step; past the budget references stay as
/// written, so memory stays bounded whatever the document says.
pub const MAX_SUBSTITUTED_BYTES: usize = 16 * 1024 * 1024;

/// What a line is, as far as block structure goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Ordinary text: paragraphs, headings, table rows, attribute lines.
    Text,
    /// The `----` or `....` line that opens or closes a verbatim (listing or literal) block.
    VerbatimDelimiter,
    /// A line inside a verbatim block, kept exactly as written.
    Verbatim,
}

/// One line of the expanded document.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub kind: LineKind,
    /// Index into [`Expanded::files`].
    pub file: usize,
    /// 1-based line in that file.
    pub line: u32,
    /// The `leveloffset` in force: added to the level of headings on this line.
    pub level_offset: i32,
}

/// The whole document after preprocessing.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Files read, relative to the docs root (`/`-joined), with their bytes, in first-read order.
    pub files: Vec<(String, Vec<u8>)>,
    pub lines: Vec<Line>,
    /// Attribute values at the end of the document.
    pub attributes: HashMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Expanded {
    pub fn location(&self, line: &Line) -> Location {
        Location {
            file: self.files[line.file].0.clone(),
            line: line.line,
        }
    }
}

/// Expands the document that starts at `entry` (a file inside `root`).
pub fn expand(root: &DocsRoot, entry: &RelPath, bytes: Vec<u8>) -> Expanded {
    let mut reader = Reader {
        root,
        out: Expanded::default(),
        file_index: HashMap::new(),
        include_stack: Vec::new(),
        conditions: Vec::new(),
        resolved: HashMap::new(),
        lines_read: 0,
        expansion_refused: false,
        substitution_budget: Cell::new(MAX_SUBSTITUTED_BYTES),
        substitution_exhausted: Cell::new(false),
        substitution_reported: false,
    };
    let index = reader.register(entry, bytes);
    reader.read_file(index, entry, 0);
    reader.out
}

struct Reader<'a> {
    root: &'a DocsRoot,
    out: Expanded,
    /// Relative path to index into `out.files`, so a file included twice is stored once.
    file_index: HashMap<String, usize>,
    /// Files being read, outermost first: a file that appears here again is a cycle.
    include_stack: Vec<usize>,
    /// One entry per open `ifdef`/`ifndef`/`ifeval`: whether its content is read.
    conditions: Vec<bool>,
    /// Include targets already resolved, by including directory and target: a file included
    /// many times is resolved (file system calls) once.
    resolved: HashMap<(RelPath, String), Result<RelPath, ResolveError>>,
    /// Lines read so far, over all files and repeated includes (see [`MAX_EXPANDED_LINES`]).
    lines_read: usize,
    /// Whether an include has been refused for [`MAX_EXPANDED_LINES`] (reported once).
    expansion_refused: bool,
    /// Bytes of attribute values that may still be substituted (see [`MAX_SUBSTITUTED_BYTES`]).
    /// A `Cell` because substitution happens in `&self` helpers.
    substitution_budget: Cell<usize>,
    /// Set when a reference was left as written because the budget ran out.
    substitution_exhausted: Cell<bool>,
    /// Whether that has been reported (once per document).
    substitution_reported: bool,
}

/// Per-file block state: which delimited block the reader is inside.
#[derive(Default)]
struct BlockState {
    /// The delimiter of the open `////` comment block.
    comment: Option<String>,
    /// The delimiter of the open verbatim block.
    verbatim: Option<String>,
}

/// Include attributes that are read (`leveloffset`) or harmless to ignore.
const KNOWN_INCLUDE_ATTRIBUTES: [&str; 3] = ["leveloffset", "encoding", "opts"];

static ATTRIBUTE_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{([A-Za-z0-9_][A-Za-z0-9_-]*)\}").expect("valid regex"));
static METHOD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^=+\s+(GET|POST|PUT|PATCH|DELETE|HEAD)\s").expect("valid regex"));

impl Reader<'_> {
    fn register(&mut self, rel: &RelPath, bytes: Vec<u8>) -> usize {
        let name = rel.join("/");
        if let Some(&index) = self.file_index.get(&name) {
            return index;
        }
        let index = self.out.files.len();
        self.out.files.push((name.clone(), bytes));
        self.file_index.insert(name, index);
        index
    }

    fn read_file(&mut self, index: usize, rel: &RelPath, level_offset: i32) {
        self.include_stack.push(index);
        let Decoded { text, replaced } = decode(&self.out.files[index].1);
        if replaced {
            self.out.diagnostics.push(Diagnostic::warning(
                DiagnosticKind::UnexpectedContent,
                Location {
                    file: self.out.files[index].0.clone(),
                    line: 1,
                },
                "file is not valid UTF-8; invalid bytes were replaced",
            ));
        }
        let dir: RelPath = rel[..rel.len().saturating_sub(1)].to_vec();
        let mut blocks = BlockState::default();
        let mut level_offset = level_offset;
        let conditions_at_start = self.conditions.len();
        for (number, raw) in text.lines().enumerate() {
            let line_no = u32::try_from(number + 1).unwrap_or(u32::MAX);
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            self.lines_read += 1;
            self.read_line(line, index, line_no, &dir, &mut blocks, &mut level_offset);
            self.report_exhausted_substitution(index, line_no);
        }
        // A conditional left open at the end of a file does not leak into the includer.
        self.conditions.truncate(conditions_at_start);
        self.include_stack.pop();
    }

    fn read_line(
        &mut self,
        line: &str,
        file: usize,
        line_no: u32,
        dir: &RelPath,
        blocks: &mut BlockState,
        level_offset: &mut i32,
    ) {
        if let Some(delimiter) = &blocks.comment {
            if line.trim_end() == delimiter {
                blocks.comment = None;
            }
            return;
        }
        if self.conditional(line) {
            return;
        }
        if !self.conditions.iter().all(|&active| active) {
            return;
        }
        if let Some((target, attributes)) = include_directive(line) {
            let target = self.substitute(target.trim());
            let offset = include_level_offset(attributes, *level_offset);
            self.check_include_attributes(attributes, file, line_no);
            self.include(&target, offset, file, line_no, dir);
            return;
        }
        let trimmed = line.trim_end();
        if let Some(delimiter) = &blocks.verbatim {
            let kind = if trimmed == delimiter {
                blocks.verbatim = None;
                LineKind::VerbatimDelimiter
            } else {
                LineKind::Verbatim
            };
            self.emit(line.to_string(), kind, file, line_no, *level_offset);
            return;
        }
        if is_block_delimiter(trimmed, '/') {
            blocks.comment = Some(trimmed.to_string());
            return;
        }
        if trimmed.starts_with("//") {
            return;
        }
        if is_block_delimiter(trimmed, '-') || is_block_delimiter(trimmed, '.') {
            blocks.verbatim = Some(trimmed.to_string());
            self.emit(
                trimmed.to_string(),
                LineKind::VerbatimDelimiter,
                file,
                line_no,
                *level_offset,
            );
            return;
        }
        if let Some(entry) = attribute_entry(trimmed) {
            self.set_attribute(
                entry.name.to_string(),
                entry.value,
                entry.unset,
                level_offset,
            );
            return;
        }
        let text = if line.starts_with('=') && METHOD_HEADING.is_match(line) {
            // `{repository}` in a path is a placeholder, never an attribute reference.
            line.to_string()
        } else {
            self.substitute(line)
        };
        self.emit(text, LineKind::Text, file, line_no, *level_offset);
    }

    fn emit(&mut self, text: String, kind: LineKind, file: usize, line: u32, level_offset: i32) {
        self.out.lines.push(Line {
            text,
            kind,
            file,
            line,
            level_offset,
        });
    }

    fn set_attribute(&mut self, name: String, value: &str, unset: bool, level_offset: &mut i32) {
        if unset {
            self.out.attributes.remove(&name);
            return;
        }
        let value = self.substitute(value);
        if name == "leveloffset" {
            *level_offset = include_level_offset(&format!("leveloffset={value}"), *level_offset);
        }
        self.out.attributes.insert(name, value);
    }

    /// Handles `ifdef`/`ifndef`/`ifeval`/`endif`; returns whether the line was one.
    fn conditional(&mut self, line: &str) -> bool {
        if !(line.starts_with("if") || line.starts_with("endif")) {
            return false;
        }
        let Some((directive, names, body)) = conditional_directive(line) else {
            return false;
        };
        let parent_active = self.conditions.iter().all(|&active| active);
        if directive == "endif" {
            self.conditions.pop();
            return true;
        }
        let holds = parent_active && self.condition_holds(directive, names, body);
        if directive != "ifeval" && !body.is_empty() {
            // The single-line form `ifdef::attr[text]` encloses only its own text.
            return true;
        }
        self.conditions.push(holds);
        true
    }

    fn condition_holds(&self, directive: &str, names: &str, body: &str) -> bool {
        let defined = |name: &str| self.out.attributes.contains_key(name.trim());
        let any_or_all = || {
            if names.contains('+') {
                names.split('+').all(defined)
            } else {
                names.split(',').any(defined)
            }
        };
        match directive {
            "ifdef" => any_or_all(),
            "ifndef" => !any_or_all(),
            _ => evaluate(&self.substitute(body)),
        }
    }

    fn include(
        &mut self,
        target: &str,
        level_offset: i32,
        file: usize,
        line_no: u32,
        dir: &RelPath,
    ) {
        let location = Location {
            file: self.out.files[file].0.clone(),
            line: line_no,
        };
        if self.lines_read >= MAX_EXPANDED_LINES {
            if !self.expansion_refused {
                self.expansion_refused = true;
                self.out.diagnostics.push(Diagnostic::error(
                    DiagnosticKind::ForbiddenInclude,
                    location,
                    format!(
                        "include of `{target}` refused: the document already expands to more \
                         than {MAX_EXPANDED_LINES} lines (files included over and over?); no \
                         further include is read"
                    ),
                ));
            }
            return;
        }
        if self.include_stack.len() >= MAX_INCLUDE_DEPTH {
            self.out.diagnostics.push(Diagnostic::error(
                DiagnosticKind::ForbiddenInclude,
                location,
                format!("include of `{target}` nests deeper than {MAX_INCLUDE_DEPTH} levels"),
            ));
            return;
        }
        let rel = match self.resolve(dir, target) {
            Ok(rel) => rel,
            Err(err) => {
                let kind = match err {
                    ResolveError::NotFound => DiagnosticKind::UnresolvedInclude,
                    ResolveError::Escapes | ResolveError::TooManyLinks => {
                        DiagnosticKind::ForbiddenInclude
                    }
                };
                self.out.diagnostics.push(Diagnostic::error(
                    kind,
                    location,
                    format!("include target `{target}` {err}"),
                ));
                return;
            }
        };
        let name = rel.join("/");
        if let Some(&index) = self.file_index.get(&name) {
            if self.include_stack.contains(&index) {
                self.out.diagnostics.push(Diagnostic::error(
                    DiagnosticKind::ForbiddenInclude,
                    location,
                    format!(
                        "include of `{target}` ({name}) forms a cycle: it is already being read"
                    ),
                ));
                return;
            }
            self.read_file(index, &rel, level_offset);
            return;
        }
        match std::fs::read(self.root.physical(&rel)) {
            Ok(bytes) => {
                let index = self.register(&rel, bytes);
                self.read_file(index, &rel, level_offset);
            }
            Err(err) => self.out.diagnostics.push(Diagnostic::error(
                DiagnosticKind::UnresolvedInclude,
                location,
                format!("include target `{target}` ({name}) cannot be read: {err}"),
            )),
        }
    }

    /// Resolves an include target, at most once per including directory and target.
    fn resolve(&mut self, dir: &RelPath, target: &str) -> Result<RelPath, ResolveError> {
        let key = (dir.clone(), target.to_string());
        if let Some(known) = self.resolved.get(&key) {
            return known.clone();
        }
        let result = self.root.resolve(dir, target);
        self.resolved.insert(key, result.clone());
        result
    }

    /// Reports include attributes this reader does not apply (a misspelt `leveloffset` changes
    /// every heading level of the included file) and text after the closing bracket.
    fn check_include_attributes(&mut self, attributes: &str, file: usize, line_no: u32) {
        let (list, trailing) = match attributes.split_once(']') {
            Some((list, rest)) => (list, Some(rest.trim_start_matches('['))),
            None => (attributes, None),
        };
        let location = Location {
            file: self.out.files[file].0.clone(),
            line: line_no,
        };
        if let Some(trailing) = trailing {
            self.out.diagnostics.push(Diagnostic::warning(
                DiagnosticKind::UnexpectedContent,
                location.clone(),
                format!("text `[{trailing}]` after the include directive is ignored"),
            ));
        }
        for name in list
            .split(',')
            .filter_map(|a| a.split('=').next())
            .map(str::trim)
        {
            if !name.is_empty() && !KNOWN_INCLUDE_ATTRIBUTES.contains(&name) {
                self.out.diagnostics.push(Diagnostic::warning(
                    DiagnosticKind::UnexpectedContent,
                    location.clone(),
                    format!("include attribute `{name}` is not one this reader applies; ignored"),
                ));
            }
        }
    }

    /// Replaces `{name}` with the attribute's value; unknown references stay as written, and so
    /// does every reference once [`MAX_SUBSTITUTED_BYTES`] have been substituted.
    fn substitute(&self, text: &str) -> String {
        if !text.contains('{') {
            return text.to_string();
        }
        ATTRIBUTE_REF
            .replace_all(text, |caps: &regex::Captures<'_>| {
                let Some(value) = self.out.attributes.get(&caps[1]) else {
                    return caps[0].to_string();
                };
                let budget = self.substitution_budget.get();
                if value.len() > budget {
                    self.substitution_exhausted.set(true);
                    return caps[0].to_string();
                }
                self.substitution_budget.set(budget - value.len());
                value.clone()
            })
            .into_owned()
    }

    /// Reports, once, the line where attribute substitution first hit its budget.
    fn report_exhausted_substitution(&mut self, file: usize, line_no: u32) {
        if self.substitution_reported || !self.substitution_exhausted.get() {
            return;
        }
        self.substitution_reported = true;
        self.out.diagnostics.push(Diagnostic::warning(
            DiagnosticKind::UnexpectedContent,
            Location {
                file: self.out.files[file].0.clone(),
                line: line_no,
            },
            format!(
                "attribute references expand to more than {MAX_SUBSTITUTED_BYTES} bytes \
                 (attributes built from attributes?); from here on they are left as written"
            ),
        ));
    }
}

/// A delimited block line: four or more of the same character and nothing else.
fn is_block_delimiter(line: &str, ch: char) -> bool {
    line.len() >= 4 && line.chars().all(|c| c == ch)
}

/// The level offset an include (or a `:leveloffset:` entry) sets: `+1` adds, `-1` subtracts,
/// a bare number replaces. Without the attribute the current offset stays.
fn include_level_offset(attributes: &str, current: i32) -> i32 {
    let Some((sign, digits)) = level_offset_setting(attributes) else {
        return current;
    };
    let amount: i32 = digits.parse().unwrap_or(0);
    match sign {
        "+" => current.saturating_add(amount),
        "-" => current.saturating_sub(amount),
        _ => amount,
    }
}

// The directives below are read by hand rather than by capturing regexes: every line of every
// file goes past them, and a capture cost more than all the rest of a line's handling. The
// tests hold each to the regex it replaced.

/// The first `leveloffset=` followed by a number, as its sign (`+`, `-` or empty) and digits
/// (`leveloffset=([+-]?)([0-9]+)`).
fn level_offset_setting(attributes: &str) -> Option<(&str, &str)> {
    attributes
        .match_indices("leveloffset=")
        .find_map(|(at, key)| {
            let value = &attributes[at + key.len()..];
            let sign = if value.starts_with(['+', '-']) { 1 } else { 0 };
            let digits = value[sign..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(value.len() - sign);
            (digits > 0).then(|| (&value[..sign], &value[sign..sign + digits]))
        })
}

/// `include::target[attributes]`: the target and the attribute list
/// (`^include::([^\[]+)\[(.*)\]\s*$`).
fn include_directive(line: &str) -> Option<(&str, &str)> {
    let (target, attributes) = bracketed(line.strip_prefix("include::")?)?;
    (!target.is_empty()).then_some((target, attributes))
}

/// `ifdef::names[body]` (or `ifndef`, `ifeval`, `endif`): the directive, the names and the body
/// (`^(ifdef|ifndef|ifeval|endif)::([^\[]*)\[(.*)\]\s*$`).
fn conditional_directive(line: &str) -> Option<(&str, &str, &str)> {
    let (directive, rest) = line.split_once("::")?;
    if !matches!(directive, "ifdef" | "ifndef" | "ifeval" | "endif") {
        return None;
    }
    let (names, body) = bracketed(rest)?;
    Some((directive, names, body))
}

/// `head[list]` with nothing but whitespace after the `]`: the head (up to the first `[`) and
/// the list (up to the last `]`).
fn bracketed(text: &str) -> Option<(&str, &str)> {
    let (head, rest) = text.split_once('[')?;
    let list = rest.trim_end().strip_suffix(']')?;
    Some((head, list))
}

/// An attribute entry line: `:name: value`, or `:!name:` / `:name!:` to unset.
#[derive(Debug, PartialEq, Eq)]
struct AttributeEntry<'a> {
    name: &'a str,
    value: &'a str,
    unset: bool,
}

/// Reads an attribute entry from a line without trailing whitespace
/// (`^:(!)?([A-Za-z0-9_][A-Za-z0-9_-]*)(!)?:(?:\s+(.*?))?\s*$`).
fn attribute_entry(line: &str) -> Option<AttributeEntry<'_>> {
    let rest = line.strip_prefix(':')?;
    let (unset_before, rest) = strip_bang(rest);
    let name_chars = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let name_end = rest.find(|c: char| !name_chars(c)).unwrap_or(rest.len());
    let (name, rest) = rest.split_at(name_end);
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let (unset_after, rest) = strip_bang(rest);
    let rest = rest.strip_prefix(':')?;
    let value = rest.trim();
    // A value is separated from the name by whitespace: `:name:value` is no entry.
    if !value.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some(AttributeEntry {
        name,
        value,
        unset: unset_before || unset_after,
    })
}

/// `text` without a leading `!`, and whether it had one.
fn strip_bang(text: &str) -> (bool, &str) {
    match text.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, text),
    }
}

/// Evaluates an `ifeval` expression of the form `"a" == "b"` (or `!=`, or unquoted numbers).
fn evaluate(expression: &str) -> bool {
    let (operator, position) = ["==", "!="]
        .iter()
        .find_map(|op| expression.find(op).map(|at| (*op, at)))
        .unwrap_or(("", 0));
    if operator.is_empty() {
        return false;
    }
    let unquote = |s: &str| s.trim().trim_matches('"').trim_matches('\'').to_string();
    let left = unquote(&expression[..position]);
    let right = unquote(&expression[position + operator.len()..]);
    (left == right) == (operator == "==")
}

/// A file's text, and whether invalid bytes were replaced to make it.
struct Decoded {
    text: String,
    replaced: bool,
}

/// Decodes a file as UTF-8 without a byte-order mark; invalid bytes become U+FFFD. A valid
/// file (every file of the docs) is checked once and copied: the lossy decoder walks it in
/// chunks, several times slower than the check.
fn decode(bytes: &[u8]) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_owned(),
            replaced: false,
        },
        Err(_) => Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            replaced: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters that matter to the directives, whitespace that `\s` matches beyond ASCII,
    /// and no `\n` (the reader hands over single lines).
    const DIRECTIVE_LINES: &str = "(include::|ifdef::|ifndef::|ifeval::|endif::|:!?|)[a-z0-9_!:=+\\-\\[\\] \t\u{a0}\u{2003}\"{}]{0,14}";

    proptest::proptest! {
        #[test]
        fn include_directives_read_as_the_regex_reads_them(line in DIRECTIVE_LINES) {
            let regex = Regex::new(r"^include::([^\[]+)\[(.*)\]\s*$").expect("valid regex");
            let expected = regex.captures(&line).map(|caps| {
                (caps.get(1).expect("target").as_str(), caps.get(2).expect("list").as_str())
            });
            proptest::prop_assert_eq!(include_directive(&line), expected);
        }

        #[test]
        fn conditionals_read_as_the_regex_reads_them(line in DIRECTIVE_LINES) {
            let regex = Regex::new(r"^(ifdef|ifndef|ifeval|endif)::([^\[]*)\[(.*)\]\s*$")
                .expect("valid regex");
            let expected = regex.captures(&line).map(|caps| {
                let group = |i| caps.get(i).expect("a group").as_str();
                (group(1), group(2), group(3))
            });
            proptest::prop_assert_eq!(conditional_directive(&line), expected);
        }

        #[test]
        fn attribute_entries_read_as_the_regex_reads_them(line in DIRECTIVE_LINES) {
            let regex = Regex::new(r"^:(!)?([A-Za-z0-9_][A-Za-z0-9_-]*)(!)?:(?:\s+(.*?))?\s*$")
                .expect("valid regex");
            let line = line.trim_end();
            let expected = regex.captures(line).map(|caps| AttributeEntry {
                name: caps.get(2).expect("a name").as_str(),
                value: caps.get(4).map_or("", |m| m.as_str()),
                unset: caps.get(1).is_some() || caps.get(3).is_some(),
            });
            proptest::prop_assert_eq!(attribute_entry(line), expected);
        }

        #[test]
        fn level_offsets_read_as_the_regex_reads_them(
            attributes in "(leveloffset=|[a-z]=|[+\\-0-9,x ]){0,6}"
        ) {
            let regex = Regex::new(r"leveloffset=([+-]?)([0-9]+)").expect("valid regex");
            let expected = regex.captures(&attributes).map(|caps| {
                (caps.get(1).expect("a sign").as_str(), caps.get(2).expect("digits").as_str())
            });
            proptest::prop_assert_eq!(level_offset_setting(&attributes), expected);
        }
    }

    #[test]
    fn directives_by_example() {
        assert_eq!(
            include_directive("include::modules/a.adoc[leveloffset=+1] "),
            Some(("modules/a.adoc", "leveloffset=+1"))
        );
        assert_eq!(include_directive("include::[x]"), None);
        assert_eq!(
            conditional_directive("ifdef::a,b[text]x]"),
            Some(("ifdef", "a,b", "text]x"))
        );
        assert_eq!(conditional_directive("ifdefs::a[]"), None);
        assert_eq!(
            attribute_entry(":!product-name:"),
            Some(AttributeEntry {
                name: "product-name",
                value: "",
                unset: true
            })
        );
        assert_eq!(
            attribute_entry(":product:  Red Hat Quay").map(|e| e.value),
            Some("Red Hat Quay")
        );
        assert_eq!(attribute_entry(":product:Quay"), None);
        assert_eq!(attribute_entry(":-x: y"), None);
        assert_eq!(
            level_offset_setting("leveloffset=x,leveloffset=-2"),
            Some(("-", "2"))
        );
    }

    #[test]
    fn decoding_strips_a_byte_order_mark_and_replaces_invalid_bytes() {
        let valid = decode(b"\xEF\xBB\xBF= T\xC3\xA9\n");
        assert_eq!(
            (valid.text.as_str(), valid.replaced),
            ("= T\u{e9}\n", false)
        );
        let invalid = decode(b"a\xFFb");
        assert_eq!(
            (invalid.text.as_str(), invalid.replaced),
            ("a\u{FFFD}b", true)
        );
    }

    #[test]
    fn level_offsets() {
        assert_eq!(include_level_offset("leveloffset=+2", 1), 3);
        assert_eq!(include_level_offset("leveloffset=-1", 1), 0);
        assert_eq!(include_level_offset("leveloffset=2", 5), 2);
        assert_eq!(include_level_offset("", 1), 1);
        assert_eq!(include_level_offset("][id=\"x\"", 1), 1);
        assert_eq!(include_level_offset("leveloffset=+2147483647", 5), i32::MAX);
    }

    #[test]
    fn evaluates_comparisons() {
        assert!(evaluate(r#""Red Hat Quay" == "Red Hat Quay""#));
        assert!(!evaluate(r#""Project Quay" == "Red Hat Quay""#));
        assert!(evaluate(r#""a" != "b""#));
        assert!(!evaluate("nonsense"));
    }

    #[test]
    fn block_delimiters() {
        assert!(is_block_delimiter("////", '/'));
        assert!(is_block_delimiter("------", '-'));
        assert!(!is_block_delimiter("---", '-'));
        assert!(!is_block_delimiter("// x", '/'));
    }
}
