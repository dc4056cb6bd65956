//! Example outputs as the docs write them, read as JSON.
//!
//! Tolerated: a leading shell prompt line (the command echoed before its output), callout markers
//! (`<1>`, `(1)`) at line ends, unquoted `<placeholders>`, a JSON string on its own (`"Created"`), and
//! text after the JSON value. Anything else is reported with the reason, never guessed at.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::json;

/// An output that could be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOutput {
    pub value: Value,
    /// What was tolerated to read it (`skipped a prompt line`), for reports.
    pub notes: Vec<String>,
}

/// Why an output could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    #[error("the output is empty")]
    Empty,
    /// The offending text is not quoted: outputs can hold secrets.
    #[error("output line {line} is not JSON: {reason}")]
    NotJson {
        /// 1-based line within the output text.
        line: usize,
        reason: String,
    },
}

/// Reads an example output as one JSON value.
pub fn read(text: &str) -> Result<ReadOutput, OutputError> {
    let mut notes = Vec::new();
    let lines: Vec<&str> = text.lines().map(strip_callout).collect();
    let first_content = lines.iter().position(|l| !l.trim().is_empty());
    let Some(mut start) = first_content else {
        return Err(OutputError::Empty);
    };
    start = skip_prompt(&lines, start, &mut notes);
    let body = lines[start..].join("\n");
    if body.trim().is_empty() {
        return Err(OutputError::Empty);
    }
    let quoted = json::quote_bare_placeholders(&body);
    let mut stream = serde_json::Deserializer::from_str(&quoted).into_iter::<Value>();
    let value = match stream.next() {
        Some(Ok(value)) => value,
        Some(Err(err)) => return Err(not_json(start, &err)),
        None => return Err(OutputError::Empty),
    };
    let rest = quoted[stream.byte_offset()..].trim();
    if !rest.is_empty() {
        let lines = rest.lines().count();
        notes.push(format!(
            "ignored {lines} line(s) of text after the JSON value"
        ));
    }
    Ok(ReadOutput { value, notes })
}

/// Strips `<1>` and `(1)` callout markers from a line's end.
fn strip_callout(line: &str) -> &str {
    static CALLOUT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\s*(<[0-9]+>|\([0-9]+\)))+\s*$").expect("valid regex"));
    match CALLOUT.find(line) {
        Some(m) => &line[..m.start()],
        None => line,
    }
}

/// Skips a `$ command` line (and its `\` continuations) in front of the output.
fn skip_prompt(lines: &[&str], start: usize, notes: &mut Vec<String>) -> usize {
    if !lines[start].trim_start().starts_with('$') {
        return start;
    }
    let mut index = start;
    while index < lines.len() && lines[index].trim_end().ends_with('\\') {
        index += 1;
    }
    notes.push("skipped the command prompt before the output".to_string());
    (index + 1).min(lines.len())
}

fn not_json(start: usize, err: &serde_json::Error) -> OutputError {
    let line = start + err.line().max(1);
    let message = err.to_string();
    let reason = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    OutputError::NotJson { line, reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_objects_arrays_and_strings() {
        assert_eq!(
            read("{\"a\": [1, 2.5]}").unwrap().value,
            json!({"a": [1, 2.5]})
        );
        assert_eq!(read("\n[]\n").unwrap().value, json!([]));
        assert_eq!(read("\"Created\"").unwrap().value, json!("Created"));
        assert_eq!(read("{}").unwrap().value, json!({}));
    }

    #[test]
    fn tolerates_prompt_callouts_placeholders_and_trailing_text() {
        let text = "$ curl -X GET \\\n  https://h/api/v1/x\n{\"id\": <id>, <1>\n \"n\": 2}\nsome trailing words\n";
        let read = read(text).unwrap();
        assert_eq!(read.value, json!({"id": "<id>", "n": 2}));
        assert_eq!(read.notes.len(), 2, "{:?}", read.notes);
        assert!(read.notes[1].contains("1 line(s)"), "{:?}", read.notes);
    }

    #[test]
    fn truncated_outputs_never_panic() {
        let text = "$ curl -X GET \\\n  https://h/api/v1/x\n{\"é\": [1, 2.5, null], \"p\": <id>, <1>\n \"s\": \"Créé\"}\ntrailing";
        for (end, _) in text.char_indices() {
            let _ = read(&text[..end]);
        }
        assert!(read(text).is_ok());
    }

    #[test]
    fn reports_what_cannot_be_read() {
        assert_eq!(read("  \n"), Err(OutputError::Empty));
        assert_eq!(read("$ curl https://h/api/v1/x\n"), Err(OutputError::Empty));
        let err = read("name: alice\npassword: secret\n").unwrap_err();
        assert!(matches!(err, OutputError::NotJson { line: 1, .. }), "{err}");
        assert!(!err.to_string().contains("secret"), "{err}");
        let err = read("{\"list\": [\n  bare-word]}").unwrap_err();
        assert!(matches!(err, OutputError::NotJson { line: 2, .. }), "{err}");
    }
}
