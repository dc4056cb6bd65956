//! Optional spec data read from the docs' examples: the parsed request of an example command and
//! the response schema inferred from example outputs. Every field here is optional in the spec
//! file, so specs written before these existed still read.

use serde::{Deserialize, Serialize};

use super::{Location, Method};

/// An example `curl` command, parsed. Placeholders (`<namespace>`) are kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleRequest {
    /// `-X`/`--request`; otherwise what curl itself would use (POST with a body, else GET).
    pub method: Method,
    /// The URL as written (`https://<quay-server.example.com>/api/v1/user/apptoken`).
    pub url: String,
    /// The path of the URL, without host and query (`/api/v1/user/apptoken`).
    pub path: String,
    /// Query parameters in order, undecoded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<(String, String)>,
    /// `-H`/`--header` values split at the first colon, in order. A credential header
    /// (`Authorization`, `Cookie`, ...) whose value is not a placeholder reads `<redacted>`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// The `-d` body read as JSON, with unquoted `<placeholders>` turned into strings; `None`
    /// when there is no body or it is not JSON (then `body_text` still holds it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
    /// The `-d` body exactly as the command gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_text: Option<String>,
}

/// The part of an example command that disagrees with its entry (see `crate::examples::vectors`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExampleAspect {
    /// The command cannot be read at all.
    Command,
    Method,
    Path,
    Query,
    Body,
}

impl ExampleAspect {
    /// The name as written in the overlay (`body`).
    pub fn as_str(self) -> &'static str {
        match self {
            ExampleAspect::Command => "command",
            ExampleAspect::Method => "method",
            ExampleAspect::Path => "path",
            ExampleAspect::Query => "query",
            ExampleAspect::Body => "body",
        }
    }
}

impl std::fmt::Display for ExampleAspect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A reviewed reason why one aspect of an example command does not match its entry, recorded by
/// an `example-exception` correction of the overlay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleException {
    pub what: ExampleAspect,
    pub reason: String,
}

/// A response schema inferred by merging every example output of one operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredResponse {
    /// The type of the whole response body.
    pub body: InferredType,
    /// The object types `body` refers to, named after the operation and field path, in the
    /// order first met (outermost first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<InferredStruct>,
    /// Every output merged into this schema, in the order merged: the docs' example outputs,
    /// then the server's observed answers (`spec/observed/<operation>.json:<line>`).
    pub provenance: Vec<Location>,
    /// How many of `provenance` (the last ones) are the server's observed answers.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub observed: usize,
}

/// One output is one server's answer on one day: a field it always had may still be missing
/// elsewhere. A field present and non-null in every one of at least this many merged outputs is
/// taken as always sent (plain in the client, `required` in the OpenAPI export).
pub const MIN_OUTPUTS_FOR_PLAIN: usize = 2;

impl InferredResponse {
    /// Whether enough outputs were merged for a field present in all of them to count as always
    /// sent.
    pub fn plain_allowed(&self) -> bool {
        self.provenance.len() >= MIN_OUTPUTS_FOR_PLAIN
    }

    /// How many of the merged outputs are the docs' example outputs.
    pub fn docs_outputs(&self) -> usize {
        self.provenance.len().saturating_sub(self.observed)
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A type seen in example outputs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum InferredType {
    String,
    Integer,
    /// A number written with a fraction or exponent in at least one example.
    Number,
    Boolean,
    Array {
        items: Box<InferredType>,
    },
    /// An object keyed by names (`{"alice": {"name": "alice", ...}}`): any key, values of one
    /// type.
    Map {
        values: Box<InferredType>,
    },
    /// An object type with known fields: one of [`InferredResponse::types`], by name.
    Struct {
        name: String,
    },
    /// Only ever an empty object (`{}`): fields unknown.
    Object,
    /// Nothing to go on (only `null`, only empty arrays) or examples that disagree on the kind of
    /// value (a string in one, an object in another).
    Any,
}

/// A named object type of an inferred response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredStruct {
    /// A valid Rust type name (`CreateAppTokenToken`).
    pub name: String,
    /// Fields in the order first met.
    pub fields: Vec<InferredField>,
}

/// One field of an [`InferredStruct`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredField {
    /// The JSON key as it appears in the outputs.
    pub name: String,
    /// Missing from at least one example, or `null` in at least one.
    pub optional: bool,
    #[serde(rename = "type")]
    pub ty: InferredType,
    /// What the outputs showed of it (absent in specs written before it was recorded).
    #[serde(default, skip_serializing_if = "FieldEvidence::is_empty")]
    pub evidence: FieldEvidence,
}

/// What the merged outputs show of one field: how many of the objects at its place had it, and
/// a few of its values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldEvidence {
    /// Objects that had the field (`null` included).
    pub present: usize,
    /// Objects merged at the field's place (each output's object, or each element of an array).
    pub of: usize,
    /// `null` in at least one of them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub null: bool,
    /// Up to [`FieldEvidence::MAX_EXAMPLES`] distinct short scalar values, in the order met;
    /// never for a field named like a credential ([`is_credential_name`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<serde_json::Value>,
}

impl FieldEvidence {
    pub const MAX_EXAMPLES: usize = 3;
    /// Longer strings are not kept as examples: they are prose or opaque data.
    pub const MAX_EXAMPLE_CHARS: usize = 48;

    pub fn is_empty(&self) -> bool {
        self.of == 0 && self.examples.is_empty()
    }
}

/// Whether a field's text is a credential (`token`, `password`, `client_secret`, ...): its
/// values are never recorded or shown, and its `Debug` is redacted.
pub fn is_credential_name(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "token",
        "token_code",
        "access_token",
        "refresh_token",
        "password",
        "secret",
        "client_secret",
    ];
    let name = name.to_ascii_lowercase();
    NAMES.contains(&name.as_str()) || name.ends_with("_password") || name.ends_with("_secret")
}
