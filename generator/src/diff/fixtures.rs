//! Small hand-made specs for the unit tests of the differ and the OpenAPI exporter.

use crate::spec::{
    Authorization, Definition, DocFormat, Field, Group, Location, Method, Operation, RequestBody,
    Response, Schema, Source, Spec, FORMAT_VERSION,
};

pub(crate) fn spec(version: &str, operations: Vec<Operation>) -> Spec {
    Spec {
        format_version: FORMAT_VERSION,
        source: Source {
            docs_version: Some(version.to_string()),
            format: DocFormat::Adoc,
            files: vec!["api.adoc".into()],
            content_hash: format!("sha256:{version}"),
            guide: None,
        },
        groups: vec![Group {
            name: "repository".into(),
            description: "Repositories.".into(),
        }],
        operations,
        definitions: vec![Definition {
            name: "ApiError".into(),
            description: "An error.".into(),
            fields: vec![field("status", true, Schema::Integer)],
        }],
        applied_corrections: Vec::new(),
    }
}

/// An operation with a documented required string for each path placeholder, the
/// `repo:read` scope and a 200 response returning an object.
pub(crate) fn op(name: &str, method: Method, path: &str) -> Operation {
    Operation {
        name: name.into(),
        group: "repository".into(),
        description: "Does a thing.".into(),
        method,
        path: path.into(),
        authorization: Authorization {
            scheme: Some("oauth2_implicit".into()),
            scopes: vec!["repo:read".into()],
            text: "oauth2_implicit (repo:read)".into(),
        },
        path_params: crate::spec::template_params(path)
            .into_iter()
            .map(|p| field(p, true, Schema::String))
            .collect(),
        query_params: Vec::new(),
        body: None,
        responses: vec![
            Response {
                code: 200,
                description: "Successful invocation".into(),
                schema: Some(Schema::Object),
            },
            Response {
                code: 400,
                description: "Bad Request".into(),
                schema: Some(Schema::Ref {
                    name: "ApiError".into(),
                }),
            },
        ],
        examples: Vec::new(),
        response_schema: None,
        since: None,
        param_history: Vec::new(),
        location: Location {
            file: "api.adoc".into(),
            line: 1,
        },
    }
}

pub(crate) fn field(name: &str, required: bool, schema: Schema) -> Field {
    Field {
        name: name.into(),
        required,
        description: format!("The {name}."),
        schema,
        constraints: Vec::new(),
    }
}

pub(crate) fn body(fields: Vec<Field>) -> Option<RequestBody> {
    Some(RequestBody {
        content_type: "application/json".into(),
        description: "The body.".into(),
        fields,
        array: false,
        shapes: Vec::new(),
    })
}
