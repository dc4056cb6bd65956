//! Observed outputs: 2xx bodies a real server sent, recorded one file per operation
//! (`spec/observed/<operation>.json`) by `cargo xtask e2e --record` or `cargo xtask verify
//! --record`, with every secret replaced before anything is written.
//!
//! A file keeps a few outputs of distinct shapes (the first of each shape), each with the request
//! that produced it, and names the server they came from: the provenance a later stage (the
//! response inference) cites.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::infer::ServerSample;
use crate::spec::Location;

/// What replaces a secret.
pub const REDACTED: &str = "<redacted>";

/// At most this many outputs of distinct shapes are kept per operation.
pub const MAX_OUTPUTS: usize = 4;

/// Arrays are cut to this many elements (a listing of hundreds says no more than of twenty).
pub const MAX_ARRAY_ITEMS: usize = 20;

/// The recorded outputs of one operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObservedFile {
    pub operation: String,
    /// The server the outputs came from (`Quay at commit ffba0c70 ...`).
    pub server: String,
    pub outputs: Vec<ObservedOutput>,
}

/// One 2xx answer and the request that produced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObservedOutput {
    pub request: ObservedRequest,
    pub status: u16,
    pub body: Value,
}

/// The request: method, path and query (no headers, no body: those may hold secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservedRequest {
    pub method: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<(String, String)>,
}

impl ObservedFile {
    pub fn new(operation: &str, server: &str) -> Self {
        Self {
            operation: operation.to_owned(),
            server: server.to_owned(),
            outputs: Vec::new(),
        }
    }

    /// Adds an output (already redacted and trimmed) unless one of the same shape is kept or
    /// the file is full. Returns whether it was kept.
    pub fn add(&mut self, output: ObservedOutput) -> bool {
        if self.outputs.len() >= MAX_OUTPUTS {
            return false;
        }
        let shape = shape(&output.body);
        if self.outputs.iter().any(|o| shape_of_same(&o.body, &shape)) {
            return false;
        }
        self.outputs.push(output);
        true
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    pub fn from_json(text: &str) -> serde_json::Result<Self> {
        serde_json::from_str(text)
    }
}

/// Every observed file of a directory, by operation name (a missing directory has none).
pub fn read_dir(dir: &Path) -> Result<Vec<ObservedFile>, String> {
    read_texts(dir)?
        .iter()
        .map(|(name, text)| {
            ObservedFile::from_json(text).map_err(|e| format!("{}: {e}", dir.join(name).display()))
        })
        .collect()
}

/// Every output of the observed files in `dir` as a sample of the response inference, located at
/// `<label>/<file>:<line>` (`spec/observed/getRepo.json:5`, the line its object starts at), in
/// file-name order and then file order. A missing directory has none.
pub fn read_samples(dir: &Path, label: &str) -> Result<Vec<ServerSample>, String> {
    let mut samples = Vec::new();
    for (file_name, text) in read_texts(dir)? {
        let file = ObservedFile::from_json(&text)
            .map_err(|e| format!("{}/{file_name}: {e}", dir.display()))?;
        let lines = output_lines(&text, file.outputs.len());
        for (output, line) in file.outputs.into_iter().zip(lines) {
            if !(200..300).contains(&output.status) {
                continue;
            }
            samples.push(ServerSample {
                operation: file.operation.clone(),
                value: output.body,
                location: Location {
                    file: format!("{label}/{file_name}"),
                    line,
                },
            });
        }
    }
    Ok(samples)
}

/// The line each output's object starts at in a file written by [`ObservedFile::to_json`]
/// (an element of `outputs`, indented four spaces); its position (1, 2, ...) if the file was
/// laid out otherwise.
fn output_lines(text: &str, outputs: usize) -> Vec<u32> {
    let starts: Vec<u32> = text
        .lines()
        .zip(1u32..)
        .filter(|(line, _)| *line == "    {")
        .map(|(_, number)| number)
        .collect();
    if starts.len() == outputs {
        starts
    } else {
        (1u32..).take(outputs).collect()
    }
}

/// The `.json` files of `dir` and their text, in name order.
fn read_texts(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(format!("{}: {err}", dir.display())),
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok((name, text))
        })
        .collect()
}

/// Replaces every secret in `body`: string values under keys that name credentials (`token`,
/// `password`, `secret`, `private_key`, ...), PEM blocks anywhere, and any of `known` (the
/// tokens the recording used) wherever they appear.
pub fn redact(body: &mut Value, known: &[&str]) {
    match body {
        Value::Object(object) => {
            for (key, value) in object.iter_mut() {
                if value.is_string() && is_secret_key(key) {
                    *value = Value::String(REDACTED.into());
                } else {
                    redact(value, known);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact(v, known)),
        Value::String(text) => {
            let leaks = known.iter().any(|k| !k.is_empty() && text.contains(k));
            if leaks || text.contains("-----BEGIN") {
                *text = REDACTED.into();
            }
        }
        _ => {}
    }
}

/// Keys whose string values are credentials.
fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    const WORDS: [&str; 7] = [
        "token",
        "password",
        "secret",
        "private_key",
        "privatekey",
        "credential",
        "authorization",
    ];
    // `tokens` is a list of token records, not a token; the records' own fields are redacted.
    key != "tokens" && WORDS.iter().any(|w| key.contains(w)) && !key.ends_with("_s")
}

/// An object with more keys than this is a dictionary (the discovery document's `paths` and
/// `definitions`, hundreds of entries), not a record: it is kept as `{}`, which the inference
/// types as any JSON object, instead of a struct with a field per entry.
pub const MAX_OBJECT_KEYS: usize = 40;

/// Cuts every array to [`MAX_ARRAY_ITEMS`] elements and empties every object of more than
/// [`MAX_OBJECT_KEYS`] keys.
pub fn trim(body: &mut Value) {
    match body {
        Value::Array(items) => {
            items.truncate(MAX_ARRAY_ITEMS);
            items.iter_mut().for_each(trim);
        }
        Value::Object(object) if object.len() > MAX_OBJECT_KEYS => object.clear(),
        Value::Object(object) => object.values_mut().for_each(trim),
        _ => {}
    }
}

/// The shape of a body: every path with the kind of value there.
fn shape(body: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    walk_shape(body, "", &mut out);
    out
}

fn shape_of_same(body: &Value, shape_wanted: &BTreeSet<String>) -> bool {
    &shape(body) == shape_wanted
}

fn walk_shape(value: &Value, path: &str, out: &mut BTreeSet<String>) {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(items) => {
            for item in items {
                walk_shape(item, &format!("{path}[]"), out);
            }
            "array"
        }
        Value::Object(object) => {
            for (key, item) in object {
                walk_shape(item, &format!("{path}.{key}"), out);
            }
            "object"
        }
    };
    out.insert(format!("{path}:{kind}"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_are_replaced_before_anything_is_kept() {
        let mut body = json!({
            "token": {"token_code": "abc", "title": "ci"},
            "tokens": [{"token_code": "def", "uuid": "u1"}],
            "password": "hunter2",
            "client_secret": "s3cr3t",
            "expiration_s": 3600,
            "note": "used the-bearer-token here",
            "key": "-----BEGIN RSA PRIVATE KEY-----\nMII...",
            "name": "kept"
        });
        redact(&mut body, &["the-bearer-token"]);
        assert_eq!(
            body,
            json!({
                "token": {"token_code": REDACTED, "title": "ci"},
                "tokens": [{"token_code": REDACTED, "uuid": "u1"}],
                "password": REDACTED,
                "client_secret": REDACTED,
                "expiration_s": 3600,
                "note": REDACTED,
                "key": REDACTED,
                "name": "kept"
            })
        );
    }

    fn output(body: Value) -> ObservedOutput {
        ObservedOutput {
            request: ObservedRequest {
                method: "GET".into(),
                path: "/api/v1/x".into(),
                query: vec![],
            },
            status: 200,
            body,
        }
    }

    #[test]
    fn one_output_per_shape_and_a_few_at_most() {
        let mut file = ObservedFile::new("getThing", "a server");
        assert!(file.add(output(json!({"a": 1}))));
        assert!(!file.add(output(json!({"a": 2}))), "same shape");
        assert!(file.add(output(json!({"a": "x"}))));
        assert!(file.add(output(json!({"a": null}))));
        assert!(file.add(output(json!({"b": 1}))));
        assert!(!file.add(output(json!({"c": 1}))), "full");
        let back = ObservedFile::from_json(&file.to_json()).unwrap();
        assert_eq!(back, file);
    }

    #[test]
    fn samples_name_their_file_and_the_line_each_output_starts_at() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = ObservedFile::new("getThing", "s");
        file.add(output(json!({"a": 1})));
        file.add(output(json!({"a": "x", "b": [1, 2]})));
        let mut refused = output(json!({"a": 3, "c": 1}));
        refused.status = 404;
        file.add(refused);
        let text = file.to_json();
        std::fs::write(dir.path().join("getThing.json"), &text).unwrap();
        let samples = read_samples(dir.path(), "spec/observed").unwrap();
        assert_eq!(samples.len(), 2, "the 404 is no sample");
        assert_eq!(samples[0].operation, "getThing");
        assert_eq!(samples[1].value, json!({"a": "x", "b": [1, 2]}));
        let lines: Vec<&str> = text.lines().collect();
        for sample in &samples {
            assert_eq!(sample.location.file, "spec/observed/getThing.json");
            let at = sample.location.line as usize - 1;
            assert_eq!(lines[at], "    {", "{sample:?}");
            assert!(lines[at + 1].contains("\"request\""), "{}", lines[at + 1]);
        }
        assert!(samples[0].location.line < samples[1].location.line);
        // Laid out otherwise, an output is located by its position.
        std::fs::write(
            dir.path().join("getThing.json"),
            serde_json::to_string(&file).unwrap(),
        )
        .unwrap();
        let compact = read_samples(dir.path(), "obs").unwrap();
        assert_eq!(
            compact.iter().map(|s| s.location.line).collect::<Vec<_>>(),
            [1, 2]
        );
        assert!(read_samples(&dir.path().join("none"), "x")
            .unwrap()
            .is_empty());
    }

    #[test]
    fn long_arrays_are_cut() {
        let mut body = json!({"items": (0..50).collect::<Vec<_>>()});
        trim(&mut body);
        assert_eq!(body["items"].as_array().unwrap().len(), MAX_ARRAY_ITEMS);
        let paths: serde_json::Map<String, Value> = (0..=MAX_OBJECT_KEYS)
            .map(|i| (format!("/api/v1/p{i}"), json!({"get": {}})))
            .collect();
        let mut document = json!({"swagger": "2.0", "paths": paths, "info": {"title": "t"}});
        trim(&mut document);
        assert_eq!(
            document,
            json!({"swagger": "2.0", "paths": {}, "info": {"title": "t"}})
        );
    }

    #[test]
    fn a_directory_of_files_reads_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut b = ObservedFile::new("b", "s");
        b.add(output(json!({})));
        std::fs::write(dir.path().join("b.json"), b.to_json()).unwrap();
        std::fs::write(
            dir.path().join("a.json"),
            ObservedFile::new("a", "s").to_json(),
        )
        .unwrap();
        std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let files = read_dir(dir.path()).unwrap();
        assert_eq!(
            files
                .iter()
                .map(|f| f.operation.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert!(read_dir(&dir.path().join("missing")).unwrap().is_empty());
        std::fs::write(dir.path().join("bad.json"), "{").unwrap();
        assert!(read_dir(dir.path()).unwrap_err().contains("bad.json"));
    }
}
