use super::*;
use crate::spec::testing::{body, field, operation};

fn sample_spec() -> Spec {
    let mut get_repo = operation("getRepo", Method::Get, "/api/v1/repository/{repository}");
    get_repo.path_params = vec![field("repository", true, Schema::String)];
    get_repo.query_params = vec![field("includeTags", false, Schema::Boolean)];
    let mut create = operation("createRepo", Method::Post, "/api/v1/repository");
    create.body = body(vec![
        field("repository", true, Schema::String),
        field("visibility", false, Schema::String),
    ]);
    crate::spec::testing::spec(vec![get_repo, create])
}

fn apply_text(text: &str) -> Result<Spec, Vec<OverlayError>> {
    let overlay = parse("overlay.toml", text).map_err(|e| vec![e])?;
    apply(&sample_spec(), &overlay, "overlay.toml", text)
}

#[test]
fn applies_every_kind_and_records_it() {
    let text = r#"
[[correction]]
change = "set-method"
operation = "createRepo"
value = "PUT"
reason = "the example command uses -X PUT"

[[correction]]
change = "set-path"
operation = "getRepo"
value = "/api/v1/repository/{repository}/"
reason = "neighbours end with a slash"

[[correction]]
change = "add-param"
operation = "getRepo"
location = "query"
field = { name = "includeStats", schema = "boolean", description = "Whether to include stats" }
reason = "the description mentions it"

[[correction]]
change = "set-required"
operation = "createRepo"
location = "body"
name = "visibility"
value = true
reason = "the server rejects requests without it"

[[correction]]
change = "add-definition"
name = "RepoStats"
fields = [{ name = "pulls", schema = "integer" }]
reason = "the example output shows it"

[[correction]]
change = "set-type"
operation = "getRepo"
location = "query"
name = "includeTags"
schema = "string"
reason = "documented as a string elsewhere"

[[correction]]
change = "set-response"
operation = "getRepo"
code = 200
schema = "RepoStats"
reason = "the example output shows it"

[[correction]]
change = "rename-param"
operation = "createRepo"
location = "body"
name = "repository"
value = "name"
reason = "the example body uses name"

[[correction]]
change = "remove-param"
operation = "getRepo"
location = "query"
name = "includeStats"
reason = "removed again"

[[correction]]
change = "rename-operation"
operation = "createRepo"
value = "createRepository"
reason = "consistent naming"
"#;
    let spec = apply_text(text).expect("all corrections apply");
    let create = spec.operation("createRepository").expect("renamed");
    assert_eq!(create.method, Method::Put);
    let body = &create.body.as_ref().unwrap().fields;
    assert_eq!(body[0].name, "name");
    assert!(body[1].required);
    let get = spec.operation("getRepo").unwrap();
    assert_eq!(get.path, "/api/v1/repository/{repository}/");
    assert_eq!(get.query_params.len(), 1);
    assert_eq!(get.query_params[0].schema, Schema::String);
    assert_eq!(
        get.responses[0].schema,
        Some(Schema::Ref {
            name: "RepoStats".into()
        })
    );
    assert_eq!(spec.definitions[0].fields[0].schema, Schema::Integer);
    let kinds: Vec<_> = spec
        .applied_corrections
        .iter()
        .map(|c| c.change.as_str())
        .collect();
    assert_eq!(kinds.len(), 10);
    assert_eq!(kinds[0], "set-method");
    assert_eq!(
        spec.applied_corrections[0].reason,
        "the example command uses -X PUT"
    );
}

#[test]
fn drop_operation_removes_it() {
    let spec = apply_text(
        r#"
[[correction]]
change = "drop-operation"
operation = "getRepo"
reason = "documented twice"
"#,
    )
    .unwrap();
    assert!(spec.operation("getRepo").is_none());
    assert_eq!(spec.operations.len(), 1);
}

#[test]
fn a_correction_the_docs_now_make_is_stale() {
    let errors = apply_text(
        r#"
[[correction]]
change = "set-method"
operation = "getRepo"
value = "GET"
reason = "was POST once"
"#,
    )
    .unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 2);
    assert!(errors[0].message.contains("already say"), "{}", errors[0]);
    assert!(errors[0]
        .to_string()
        .starts_with("overlay.toml:2: set-method on getRepo"));
}

#[test]
fn a_correction_whose_target_is_gone_is_an_error_and_nothing_applies() {
    let errors = apply_text(
        r#"
[[correction]]
change = "set-path"
operation = "getRepo"
value = "/api/v1/repository/{repository}/"
reason = "fine"

[[correction]]
change = "remove-param"
operation = "getRepo"
location = "query"
name = "gone"
reason = "it was documented by mistake"

[[correction]]
change = "set-path"
operation = "deletedOperation"
value = "/x"
reason = "the docs had a typo"
"#,
    )
    .unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0]
        .to_string()
        .contains("getRepo query parameter `gone`"));
    assert!(errors[1]
        .message
        .contains("`deletedOperation` is not in these docs"));
}

#[test]
fn adding_what_is_already_documented_is_stale() {
    let errors = apply_text(
        r#"
[[correction]]
change = "add-param"
operation = "getRepo"
location = "query"
field = { name = "includeTags", schema = "boolean" }
reason = "missing"
"#,
    )
    .unwrap_err();
    assert!(errors[0].message.contains("already documented"));
}

#[test]
fn rejects_unknown_keys_missing_reasons_and_unknown_types() {
    let unknown_key = parse(
        "o.toml",
        "[[correction]]\nchange = \"drop-operation\"\noperation = \"x\"\nreason = \"r\"\nextra = 1\n",
    )
    .unwrap_err();
    assert_eq!(unknown_key.file, "o.toml");
    assert!(unknown_key.message.contains("extra"), "{unknown_key}");

    let no_reason = parse(
        "o.toml",
        "[[correction]]\nchange = \"drop-operation\"\noperation = \"x\"\nreason = \" \"\n",
    )
    .unwrap_err();
    assert!(no_reason.message.contains("reason"));

    let errors = apply_text(
        r#"
[[correction]]
change = "set-type"
operation = "getRepo"
location = "query"
name = "includeTags"
schema = "Widget"
reason = "r"
"#,
    )
    .unwrap_err();
    assert!(errors[0]
        .message
        .contains("neither a schema string nor a definition"));
}

/// `createRepo` with an example command that uses PUT.
fn spec_with_put_example() -> Spec {
    let mut spec = sample_spec();
    let command = r#"curl -X PUT -d '{"repository": "r"}' https://h/api/v1/repository"#;
    spec.operations[1].examples.push(crate::spec::Example {
        command: command.into(),
        output: None,
        location: crate::spec::Location {
            file: "createRepo.adoc".into(),
            line: 20,
        },
        request: crate::examples::curl::parse(command).ok(),
        exceptions: Vec::new(),
    });
    spec
}

fn apply_to_put_example(text: &str) -> Result<Spec, Vec<OverlayError>> {
    let overlay = parse("overlay.toml", text).map_err(|e| vec![e])?;
    apply(&spec_with_put_example(), &overlay, "overlay.toml", text)
}

const METHOD_EXCEPTION: &str = r#"
[[correction]]
change = "example-exception"
operation = "createRepo"
what = "method"
reason = "the example uses PUT; the entry says POST"
"#;

#[test]
fn an_example_exception_is_recorded_on_the_differing_example() {
    let spec = apply_to_put_example(METHOD_EXCEPTION).unwrap();
    let example = &spec.operations[1].examples[0];
    assert_eq!(example.exceptions.len(), 1);
    assert_eq!(example.exceptions[0].what, ExampleAspect::Method);
    assert_eq!(
        spec.applied_corrections[0].target,
        "createRepo example method"
    );
    let verdicts = vectors::review(&spec);
    assert!(verdicts[0].unexplained().is_empty());
}

#[test]
fn an_example_exception_for_an_aspect_that_matches_is_stale() {
    let text = METHOD_EXCEPTION.replace("\"method\"", "\"body\"");
    let errors = apply_to_put_example(&text).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 2);
    assert!(
        errors[0]
            .message
            .contains("no example of `createRepo` differs in its body any more"),
        "{}",
        errors[0]
    );
}

#[test]
fn example_exceptions_judge_the_corrected_entry_whatever_their_place() {
    // The exception comes first in the file, but the entry is corrected to PUT before it is
    // judged: nothing differs any more, so the exception is stale.
    let text = format!(
        "{METHOD_EXCEPTION}\n[[correction]]\nchange = \"set-method\"\noperation = \"createRepo\"\nvalue = \"PUT\"\nreason = \"the example says PUT\"\n"
    );
    let errors = apply_to_put_example(&text).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, "example-exception");
    assert!(
        errors[0].message.contains("remove this exception"),
        "{}",
        errors[0]
    );
}

fn spec_with_inferred_response() -> Spec {
    use crate::spec::{InferredField, InferredResponse, InferredStruct, InferredType, Location};
    let mut spec = sample_spec();
    spec.operations[0].response_schema = Some(InferredResponse {
        body: InferredType::Struct {
            name: "GetRepoResponse".into(),
        },
        types: vec![InferredStruct {
            name: "GetRepoResponse".into(),
            fields: vec![
                InferredField {
                    name: "name".into(),
                    optional: false,
                    ty: InferredType::String,
                    evidence: Default::default(),
                },
                InferredField {
                    name: "size".into(),
                    optional: true,
                    ty: InferredType::Any,
                    evidence: Default::default(),
                },
            ],
        }],
        provenance: vec![Location {
            file: "guide.adoc".into(),
            line: 3,
        }],
        observed: 0,
    });
    spec
}

fn apply_to_inferred(text: &str) -> Result<Spec, Vec<OverlayError>> {
    let overlay = parse("overlay.toml", text).map_err(|e| vec![e])?;
    apply(
        &spec_with_inferred_response(),
        &overlay,
        "overlay.toml",
        text,
    )
}

#[test]
fn set_inferred_field_refines_an_inferred_schema() {
    use crate::spec::InferredType;
    let spec = apply_to_inferred(
        r#"
[[correction]]
change = "set-inferred-field"
operation = "getRepo"
type = "GetRepoResponse"
name = "size"
schema = "array of integer"
reason = "the example shows null; the server sends a list of sizes"

[[correction]]
change = "set-inferred-field"
operation = "getRepo"
type = "GetRepoResponse"
name = "name"
optional = true
reason = "older servers omit it"
"#,
    )
    .expect("applies");
    let schema = spec.operations[0].response_schema.as_ref().expect("kept");
    let fields = &schema.types[0].fields;
    assert!(fields[0].optional);
    assert_eq!(
        fields[1].ty,
        InferredType::Array {
            items: Box::new(InferredType::Integer)
        }
    );
    assert_eq!(spec.applied_corrections.len(), 2);
    assert_eq!(
        spec.applied_corrections[0].target,
        "getRepo inferred field `GetRepoResponse.size`"
    );
}

#[test]
fn set_inferred_field_is_stale_when_the_examples_agree_or_the_field_is_gone() {
    let errors = apply_to_inferred(
        r#"
[[correction]]
change = "set-inferred-field"
operation = "getRepo"
type = "GetRepoResponse"
name = "name"
optional = false
schema = "string"
reason = "x"

[[correction]]
change = "set-inferred-field"
operation = "getRepo"
type = "GetRepoResponse"
name = "gone"
optional = true
reason = "x"

[[correction]]
change = "set-inferred-field"
operation = "getRepo"
type = "GetRepoResponse"
name = "size"
schema = "Nonesuch"
reason = "x"

[[correction]]
change = "set-inferred-field"
operation = "createRepo"
type = "CreateRepoResponse"
name = "id"
optional = true
reason = "x"
"#,
    )
    .expect_err("none applies");
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(errors.len(), 4, "{messages:?}");
    assert!(messages[0].contains("already say"), "{}", messages[0]);
    assert!(messages[1].contains("no field `gone`"), "{}", messages[1]);
    assert!(messages[2].contains("`Nonesuch`"), "{}", messages[2]);
    assert!(
        messages[3].contains("no response schema"),
        "{}",
        messages[3]
    );
    assert_eq!(errors[1].line, 11);
}

#[test]
fn drop_response_schema_leaves_the_operation_untyped_and_goes_stale_after() {
    let text = r#"
[[correction]]
change = "drop-response-schema"
operation = "getRepo"
reason = "the guide's output is of another call"
"#;
    let spec = apply_to_inferred(text).expect("applies");
    assert!(spec.operations[0].response_schema.is_none());
    let overlay = parse("overlay.toml", text).expect("parses");
    let errors = apply(&spec, &overlay, "overlay.toml", text).expect_err("stale now");
    assert!(
        errors[0].message.contains("no response schema"),
        "{}",
        errors[0]
    );
}

/// Applies `text` to `spec`, then the same overlay to the result: every correction must then be
/// stale (the docs, as corrected, already say it).
fn apply_twice(spec: &Spec, text: &str) -> (Spec, Vec<OverlayError>) {
    let overlay = parse("overlay.toml", text).expect("overlay parses");
    let once = apply(spec, &overlay, "overlay.toml", text).expect("applies");
    let again = apply(&once, &overlay, "overlay.toml", text).unwrap_err();
    (once, again)
}

#[test]
fn set_body_array_makes_the_body_an_array_and_goes_stale_after() {
    let text = r#"
[[correction]]
change = "set-body-array"
operation = "createRepo"
reason = "the server validates the body against an array schema"
"#;
    let (spec, again) = apply_twice(&sample_spec(), text);
    let body = spec.operation("createRepo").unwrap().body.as_ref().unwrap();
    assert!(body.array);
    assert_eq!(body.fields.len(), 2, "the item keeps the documented fields");
    assert_eq!(again.len(), 1);
    assert!(again[0].message.contains("already say"), "{}", again[0]);

    let errors = apply_text(
        r#"
[[correction]]
change = "set-body-array"
operation = "getRepo"
reason = "r"
"#,
    )
    .unwrap_err();
    assert!(
        errors[0].message.contains("no body"),
        "an operation without a body: {}",
        errors[0]
    );
}

#[test]
fn set_scopes_replaces_the_scopes_and_the_same_scopes_in_another_order_are_stale() {
    let text = r#"
[[correction]]
change = "set-scopes"
operation = "getRepo"
value = ["repo:read", "repo:admin"]
reason = "the server's discovery document lists these"
"#;
    let (spec, again) = apply_twice(&sample_spec(), text);
    assert_eq!(
        spec.operation("getRepo").unwrap().authorization.scopes,
        ["repo:read", "repo:admin"]
    );
    assert!(again[0].message.contains("already say"), "{}", again[0]);

    let reordered = r#"
[[correction]]
change = "set-scopes"
operation = "getRepo"
value = ["repo:admin", "repo:read"]
reason = "r"
"#;
    let overlay = parse("overlay.toml", reordered).unwrap();
    let errors = apply(&spec, &overlay, "overlay.toml", reordered).unwrap_err();
    assert!(errors[0].message.contains("already say"), "{}", errors[0]);

    let gone = apply_text(
        r#"
[[correction]]
change = "set-scopes"
operation = "noSuchOperation"
value = ["repo:read"]
reason = "r"
"#,
    )
    .unwrap_err();
    assert!(gone[0].message.contains("not in these docs"), "{}", gone[0]);
}

#[test]
fn set_type_with_values_makes_an_enum_and_goes_stale_after() {
    let text = r#"
[[correction]]
change = "set-type"
operation = "createRepo"
location = "body"
name = "visibility"
schema = "string"
values = ["public", "private"]
reason = "the server's schema has an enum"
"#;
    let (spec, again) = apply_twice(&sample_spec(), text);
    let body = spec.operation("createRepo").unwrap().body.as_ref().unwrap();
    assert_eq!(
        body.shapes,
        [FieldShape {
            path: "visibility".into(),
            fields: vec![],
            values: vec!["public".into(), "private".into()],
        }]
    );
    assert!(again[0].message.contains("already say"), "{}", again[0]);

    // Other values for the same field are a change, not stale.
    let other = text.replace(
        r#"["public", "private"]"#,
        r#"["public", "private", "internal"]"#,
    );
    let overlay = parse("overlay.toml", &other).unwrap();
    let changed = apply(&spec, &overlay, "overlay.toml", &other).unwrap();
    let shapes = &changed
        .operation("createRepo")
        .unwrap()
        .body
        .as_ref()
        .unwrap()
        .shapes;
    assert_eq!(shapes.len(), 1, "the old shape is replaced: {shapes:?}");
    assert_eq!(shapes[0].values.len(), 3);
}

#[test]
fn values_and_fields_are_refused_where_they_cannot_be() {
    let cases = [
        // values on a query parameter
        (
            r#"change = "set-type"
operation = "getRepo"
location = "query"
name = "includeTags"
schema = "string"
values = ["a"]"#,
            "only a body field",
        ),
        // values on an integer
        (
            r#"change = "set-type"
operation = "createRepo"
location = "body"
name = "visibility"
schema = "integer"
values = ["a"]"#,
            "must be of schema `string`",
        ),
        // fields on a string
        (
            r#"change = "set-type"
operation = "createRepo"
location = "body"
name = "visibility"
schema = "string"
fields = [{ name = "a", schema = "string" }]"#,
            "must be of schema `object`",
        ),
        // both
        (
            r#"change = "add-param"
operation = "createRepo"
location = "body"
field = { name = "refs", schema = "object", values = ["a"], fields = [{ name = "a", schema = "string" }] }"#,
            "both `values` and `fields`",
        ),
        // a nested field twice
        (
            r#"change = "add-param"
operation = "createRepo"
location = "body"
field = { name = "refs", schema = "object", fields = [{ name = "a", schema = "string" }, { name = "a", schema = "integer" }] }"#,
            "twice",
        ),
        // a body field that is not there
        (
            r#"change = "set-type"
operation = "createRepo"
location = "body"
name = "gone"
schema = "string"
values = ["a"]"#,
            "gone",
        ),
    ];
    for (entry, expected) in cases {
        let text = format!("[[correction]]\n{entry}\nreason = \"r\"\n");
        let errors = apply_text(&text).unwrap_err();
        assert!(
            errors[0].to_string().contains(expected),
            "{entry}: {}",
            errors[0]
        );
    }
}

#[test]
fn add_param_with_nested_fields_gives_the_body_nested_shapes() {
    let text = r#"
[[correction]]
change = "add-param"
operation = "createRepo"
location = "body"
field = { name = "refs", schema = "object", fields = [{ name = "kind", required = true, schema = "string", values = ["branch", "tag"] }, { name = "name", required = true, schema = "string" }] }
reason = "the server's schema has it"
"#;
    let (spec, again) = apply_twice(&sample_spec(), text);
    let body = spec.operation("createRepo").unwrap().body.as_ref().unwrap();
    let refs = body.fields.iter().find(|f| f.name == "refs").unwrap();
    assert_eq!(refs.schema, Schema::Object);
    let paths: Vec<&str> = body.shapes.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(paths, ["refs", "refs.kind"]);
    let names: Vec<&str> = body.shapes[0]
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["kind", "name"]);
    assert_eq!(body.shapes[1].values, ["branch", "tag"]);
    assert!(
        again[0].message.contains("already documented"),
        "{}",
        again[0]
    );
}
