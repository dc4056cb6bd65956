//! Small builders for hand-made specs in unit tests.

use super::*;

pub fn field(name: &str, required: bool, schema: Schema) -> Field {
    Field {
        name: name.into(),
        required,
        description: String::new(),
        schema,
        constraints: Vec::new(),
    }
}

/// An operation in group `repository` with one 200 response and nothing else.
pub fn operation(name: &str, method: Method, path: &str) -> Operation {
    Operation {
        name: name.into(),
        group: "repository".into(),
        description: String::new(),
        method,
        path: path.into(),
        authorization: Authorization::default(),
        path_params: Vec::new(),
        query_params: Vec::new(),
        body: None,
        responses: vec![Response {
            code: 200,
            description: "Successful invocation".into(),
            schema: None,
        }],
        examples: Vec::new(),
        location: Location {
            file: format!("{name}.adoc"),
            line: 1,
        },
        response_schema: None,
        since: None,
        param_history: Vec::new(),
    }
}

pub fn body(fields: Vec<Field>) -> Option<RequestBody> {
    Some(RequestBody::object(fields))
}

pub fn spec(operations: Vec<Operation>) -> Spec {
    Spec {
        format_version: FORMAT_VERSION,
        source: Source {
            docs_version: Some("0.0".into()),
            format: DocFormat::Adoc,
            files: vec![],
            content_hash: String::new(),
            guide: None,
        },
        groups: vec![],
        operations,
        definitions: vec![],
        applied_corrections: vec![],
    }
}
