//! The intermediate spec: the contract between the front-ends and every later stage.
//!
//! Front-ends (`crate::frontend`) produce a [`Spec`]; the emitter, linter, differ and OpenAPI
//! exporter only ever read one. On disk it is pretty-printed JSON (see [`Spec::to_json`]) whose
//! field order is the declaration order below and whose list order is document order, so that a
//! `git diff` of two spec files reads as a change of the API.

mod examples;
pub mod pretty;
mod schema;
#[cfg(test)]
pub(crate) mod testing;

pub use examples::{
    is_credential_name, ExampleAspect, ExampleException, ExampleRequest, FieldEvidence,
    InferredField, InferredResponse, InferredStruct, InferredType, MIN_OUTPUTS_FOR_PLAIN,
};
pub use schema::Schema;

use serde::{Deserialize, Serialize};

/// Bumped whenever the on-disk shape of [`Spec`] changes incompatibly.
pub const FORMAT_VERSION: u32 = 1;

/// A whole API reference: every operation, the groups they sit in, and the shared definitions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spec {
    pub format_version: u32,
    pub source: Source,
    /// Documentation groups (chapters such as `tag` or `robot`) in document order.
    pub groups: Vec<Group>,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// The Definitions section (`ApiError`, `UserView`, ...) in document order.
    pub definitions: Vec<Definition>,
    /// Corrections from `spec/overlay.toml` applied after parsing, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applied_corrections: Vec<AppliedCorrection>,
}

/// A record of one overlay correction applied to the parsed docs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedCorrection {
    /// The kind of change (`set-path`).
    pub change: String,
    /// What it changed (`getRepo`, `getRepo query parameter `page``).
    pub target: String,
    pub reason: String,
}

/// Where a spec came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The documented product version (`3.18`), read from the docs' own attributes where present.
    pub docs_version: Option<String>,
    pub format: DocFormat,
    /// Every file read, relative to the docs root, in the order first read.
    pub files: Vec<String>,
    /// `sha256:<hex>` over the bytes of `files`, in order, each prefixed by its path.
    pub content_hash: String,
    /// The API guide whose example outputs were read, when one was. Locations in
    /// `response_schema.provenance` that name one of its files are relative to the guide's root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<GuideSource>,
}

/// The API guide files a spec's inferred response schemas were also learned from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideSource {
    /// Every file read, relative to the guide's root, in the order first read.
    pub files: Vec<String>,
    /// `sha256:<hex>`, computed as for [`Source::content_hash`].
    pub content_hash: String,
}

/// The documentation formats the front-ends read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocFormat {
    Adoc,
    Markdown,
}

/// A documentation group: the chapter an operation sits in (`appspecifictokens`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    pub description: String,
}

/// One documented API operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// The operation name as documented (`createAppToken`).
    pub name: String,
    /// Name of the [`Group`] this operation belongs to.
    pub group: String,
    pub description: String,
    pub method: Method,
    /// Path template with `{param}` placeholders (`/api/v1/repository/{repository}/tag/`).
    pub path: String,
    pub authorization: Authorization,
    pub path_params: Vec<Field>,
    pub query_params: Vec<Field>,
    pub body: Option<RequestBody>,
    pub responses: Vec<Response>,
    /// Example commands (`curl ...`) with their example output, verbatim.
    pub examples: Vec<Example>,
    /// Where the entry starts (its name heading).
    pub location: Location,
    /// The response body schema inferred from example outputs, with where they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_schema: Option<InferredResponse>,
    /// The first Quay version whose docs document this operation (`3.17`), from the version
    /// history (`spec/history.json`, see `crate::history`); `None` for a spec built without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Parameters and body fields that a later version than [`Operation::since`] added, or that a
    /// version removed, from the version history; sorted by location and name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub param_history: Vec<ParamHistory>,
}

/// Where a parameter of an operation lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamPlace {
    Path,
    Query,
    Body,
}

impl ParamPlace {
    /// `query parameter`, `body field`.
    pub fn describe(self) -> &'static str {
        match self {
            ParamPlace::Path => "path parameter",
            ParamPlace::Query => "query parameter",
            ParamPlace::Body => "body field",
        }
    }
}

/// When a parameter or body field arrived after its operation, or left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamHistory {
    pub location: ParamPlace,
    pub name: String,
    /// The first version that documents it, when later than the operation's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<String>,
    /// The first version that no longer documents it (the spec then does not have it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<String>,
}

impl Operation {
    /// The version that added the parameter `name` at `location`, when later than the
    /// operation's own.
    pub fn param_added(&self, location: ParamPlace, name: &str) -> Option<&str> {
        self.param_history
            .iter()
            .find(|h| h.location == location && h.name == name)
            .and_then(|h| h.added.as_deref())
    }

    /// The parameters and body fields a version removed: `(location, name, version)`.
    pub fn params_removed(&self) -> impl Iterator<Item = (ParamPlace, &str, &str)> {
        self.param_history.iter().filter_map(|h| {
            h.removed
                .as_deref()
                .map(|v| (h.location, h.name.as_str(), v))
        })
    }

    /// Names of the `{placeholders}` in [`Operation::path`], in order.
    pub fn template_params(&self) -> Vec<&str> {
        template_params(&self.path)
    }
}

/// Names of the `{placeholders}` in a path template, in order.
pub fn template_params(path: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        names.push(&after[..end]);
        rest = &after[end + 1..];
    }
    names
}

/// A path template with its placeholder names blanked: `/repo/{repository}` and `/repo/{repo}`
/// are one endpoint.
pub fn path_shape(path: &str) -> String {
    let mut shape = String::with_capacity(path.len());
    let mut in_placeholder = false;
    for ch in path.chars() {
        match ch {
            '{' => {
                in_placeholder = true;
                shape.push_str("{}");
            }
            '}' => in_placeholder = false,
            _ if !in_placeholder => shape.push(ch),
            _ => {}
        }
    }
    shape
}

/// HTTP methods that the docs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
}

impl Method {
    pub const ALL: [Method; 6] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
        Method::Head,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
        }
    }

    /// Parses an upper-case method name as written in the docs.
    pub fn parse(text: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `Authorizations:` line of an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorization {
    /// Security scheme (`oauth2_implicit`); `None` for public endpoints.
    pub scheme: Option<String>,
    /// Every OAuth scope that could be typed (`repo:read`), in document order.
    pub scopes: Vec<String>,
    /// The original text after `Authorizations:`, markup removed. Empty for public endpoints.
    pub text: String,
}

/// A path or query parameter, a request body field, or a definition field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub required: bool,
    pub description: String,
    pub schema: Schema,
    /// Constraint tags written under the schema (`non-empty`, `unique`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<String>,
}

/// The request body of an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestBody {
    /// `application/json` in every entry seen so far.
    pub content_type: String,
    pub description: String,
    pub fields: Vec<Field>,
    /// The body is a JSON array whose items are objects with `fields` (a correction after a
    /// server's schema: the docs describe one object).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub array: bool,
    /// Fields whose type is more than a schema string says: an object with fields of its own, or
    /// a string of a fixed set of values (corrections after a server's schema), in overlay order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shapes: Vec<FieldShape>,
}

impl RequestBody {
    /// A JSON object body with these fields and nothing more known about them.
    pub fn object(fields: Vec<Field>) -> RequestBody {
        RequestBody {
            content_type: "application/json".into(),
            description: String::new(),
            fields,
            array: false,
            shapes: Vec::new(),
        }
    }

    /// The shape of the field at `path` (`refs`, or `refs.kind` inside the object `refs`).
    pub fn shape(&self, path: &str) -> Option<&FieldShape> {
        self.shapes.iter().find(|s| s.path == path)
    }
}

/// What a body field is beyond its schema string: an object with these fields (schema `object`),
/// or one of these string values (schema `string`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldShape {
    /// The field, from the body: `refs`; a field of the nested object `refs` is `refs.kind`.
    pub path: String,
    /// The nested object's fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// The values the field may take.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// One row of the responses table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub code: u16,
    pub description: String,
    /// The documented body schema, `None` where the cell is empty.
    pub schema: Option<Schema>,
}

/// An example command and, where the docs show one, its output, both verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    pub command: String,
    pub output: Option<String>,
    pub location: Location,
    /// The command, parsed (see `crate::examples::curl`); `None` until parsed or when unparsable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<ExampleRequest>,
    /// Why this example cannot be a test vector of the client, where it cannot (from the overlay).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<ExampleException>,
}

/// A shared schema from the Definitions section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    pub name: String,
    pub description: String,
    pub fields: Vec<Field>,
}

/// A place in the documents: a path relative to the docs root and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

impl Spec {
    /// The canonical on-disk form: pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        // Room for the spec without growing the text: about 7 KiB of JSON per operation.
        let capacity = (self.operations.len() + 1) * 8 * 1024;
        pretty::to_pretty_json(self, capacity).expect("spec types always serialize")
    }

    /// Reads a spec file's text, refusing other format versions.
    pub fn from_json(text: &str) -> Result<Spec, SpecReadError> {
        /// Only the version, read first: a spec of another version may not decode as this one.
        #[derive(Deserialize)]
        struct Header {
            format_version: Option<serde_json::Value>,
        }
        let header: Header = serde_json::from_str(text)?;
        let found = header.format_version.and_then(|v| v.as_u64());
        if found != Some(u64::from(FORMAT_VERSION)) {
            return Err(SpecReadError::FormatVersion {
                found,
                expected: FORMAT_VERSION,
            });
        }
        // Straight into the types (no `serde_json::Value` tree first): the committed spec is
        // read on every `generate --docs`, for the release diff.
        Ok(serde_json::from_str(text)?)
    }

    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.iter().find(|op| op.name == name)
    }

    pub fn definition(&self, name: &str) -> Option<&Definition> {
        self.definitions.iter().find(|d| d.name == name)
    }
}

/// Why a spec file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SpecReadError {
    // The JSON error is in the message, not the source chain: `{:#}` would print it twice.
    #[error("not a spec file: {0}")]
    Json(serde_json::Error),
    #[error("spec format_version is {found:?}, this tool reads version {expected}")]
    FormatVersion { found: Option<u64>, expected: u32 },
}

impl From<serde_json::Error> for SpecReadError {
    fn from(error: serde_json::Error) -> Self {
        SpecReadError::Json(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_params_in_order() {
        assert_eq!(
            template_params("/api/v1/repository/{repository}/tag/{tag}"),
            vec!["repository", "tag"]
        );
        assert!(template_params("/api/v1/user/").is_empty());
        assert_eq!(template_params("/a/{unclosed"), Vec::<&str>::new());
    }

    #[test]
    fn path_shape_blanks_placeholder_names() {
        assert_eq!(
            path_shape("/repo/{repository}/tag/{tag}"),
            "/repo/{}/tag/{}"
        );
        assert_eq!(
            path_shape("/repo/{repo}/tag/{t}"),
            path_shape("/repo/{repository}/tag/{tag}")
        );
        assert_eq!(path_shape("/plain"), "/plain");
    }

    #[test]
    fn method_round_trip() {
        for m in Method::ALL {
            assert_eq!(Method::parse(m.as_str()), Some(m));
        }
        assert_eq!(Method::parse("get"), None);
    }

    #[test]
    fn rejects_other_format_version() {
        let err = Spec::from_json(r#"{"format_version": 99}"#).unwrap_err();
        assert!(err.to_string().contains("99"), "{err}");
    }
}
