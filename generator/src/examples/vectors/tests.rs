use super::*;
use crate::examples::curl;
use crate::spec::{testing, Definition, ExampleException, Location, Method};

fn example(command: &str) -> Example {
    Example {
        command: command.into(),
        output: None,
        location: Location {
            file: "op.adoc".into(),
            line: 9,
        },
        request: curl::parse(command).ok(),
        exceptions: Vec::new(),
    }
}

/// `POST /api/v1/repository/{repository}/thing/{id}` with an integer id, a `page` query
/// parameter, a required `kind` one and a body of every schema kind.
fn spec_with(command: &str) -> Spec {
    let mut op = testing::operation(
        "createThing",
        Method::Post,
        "/api/v1/repository/{repository}/thing/{id}",
    );
    op.path_params = vec![
        testing::field("repository", true, Schema::String),
        testing::field("id", true, Schema::Integer),
    ];
    op.query_params = vec![
        testing::field("page", false, Schema::Integer),
        testing::field("kind", true, Schema::String),
    ];
    op.body = testing::body(vec![
        testing::field("name", true, Schema::String),
        testing::field("count", false, Schema::Integer),
        testing::field("tags", false, Schema::array(Schema::String)),
        testing::field(
            "owner",
            false,
            Schema::Ref {
                name: "Owner".into(),
            },
        ),
        testing::field(
            "anything",
            false,
            Schema::Unknown {
                text: String::new(),
            },
        ),
    ]);
    op.examples = vec![example(command)];
    let mut spec = testing::spec(vec![op]);
    spec.definitions.push(Definition {
        name: "Owner".into(),
        description: String::new(),
        fields: vec![testing::field("login", false, Schema::String)],
    });
    spec
}

fn mismatches(command: &str) -> Vec<(ExampleAspect, String)> {
    let spec = spec_with(command);
    let op = &spec.operations[0];
    check(&spec, op, &op.examples[0])
        .into_iter()
        .map(|m| (m.aspect, m.message))
        .collect()
}

const URL: &str = "https://h/api/v1/repository/<ns>/<repo>/thing/<id>?kind=x";

#[test]
fn a_fitting_example_matches() {
    let command = format!(
        r#"curl -X POST -d '{{"name": "n", "count": <count>, "tags": ["a"], "owner": {{"login": "l"}}, "anything": [1]}}' "{URL}&page=2""#
    );
    assert_eq!(mismatches(&command), vec![]);
    // A literal sample repository and id fill the parameters too.
    let literal = r#"curl -X POST -d '{"name": "n"}' "https://h/api/v1/repository/quay/busybox/thing/12/?kind=x""#;
    assert_eq!(mismatches(literal), vec![]);
}

#[test]
fn each_aspect_is_reported() {
    let aspects = |command: &str| -> Vec<ExampleAspect> {
        mismatches(command).into_iter().map(|(a, _)| a).collect()
    };
    assert_eq!(aspects("curl"), vec![ExampleAspect::Command]);
    assert_eq!(
        aspects(&format!(r#"curl -X PUT -d '{{"name": "n"}}' "{URL}""#)),
        vec![ExampleAspect::Method]
    );
    let wrong_path =
        r#"curl -X POST -d '{"name": "n"}' "https://h/api/v1/repository/ns/r/thing/?kind=x""#;
    assert_eq!(aspects(wrong_path), vec![ExampleAspect::Path]);
    let id_not_integer =
        r#"curl -X POST -d '{"name": "n"}' "https://h/api/v1/repository/ns/r/thing/abc?kind=x""#;
    assert_eq!(aspects(id_not_integer), vec![ExampleAspect::Path]);
    let one_segment_repository =
        r#"curl -X POST -d '{"name": "n"}' "https://h/api/v1/repository/busybox/thing/1?kind=x""#;
    assert_eq!(aspects(one_segment_repository), vec![ExampleAspect::Path]);
    assert_eq!(
        aspects(&format!(
            r#"curl -X POST -d '{{"name": "n"}}' "{URL}&other=1""#
        )),
        vec![ExampleAspect::Query]
    );
    assert_eq!(
        aspects(&format!(
            r#"curl -X POST -d '{{"name": "n"}}' "{URL}&page=two""#
        )),
        vec![ExampleAspect::Query]
    );
    let no_kind =
        r#"curl -X POST -d '{"name": "n"}' "https://h/api/v1/repository/<ns>/<r>/thing/<id>""#;
    assert_eq!(aspects(no_kind), vec![ExampleAspect::Query]);
}

#[test]
fn body_keys_need_a_field_of_the_right_json_type() {
    let body = |json: &str| mismatches(&format!("curl -X POST -d '{json}' \"{URL}\""));
    let unknown = body(r#"{"name": "n", "colour": "red"}"#);
    assert_eq!(unknown.len(), 1);
    assert!(
        unknown[0].1.contains("`colour` is not a body field"),
        "{unknown:?}"
    );
    let wrong_type = body(r#"{"name": "n", "count": "3"}"#);
    assert!(
        wrong_type[0].1.contains("a string is not integer"),
        "{wrong_type:?}"
    );
    let float = body(r#"{"name": "n", "count": 1.5}"#);
    assert!(float[0].1.contains("a number is not integer"), "{float:?}");
    let element = body(r#"{"name": "n", "tags": [1]}"#);
    assert!(element[0].1.contains("an element"), "{element:?}");
    let nested = body(r#"{"name": "n", "owner": {"id": 1}}"#);
    assert!(
        nested[0].1.contains("`id` is not a field of Owner"),
        "{nested:?}"
    );
    let null = body(r#"{"name": null}"#);
    assert!(null[0].1.contains("null is not string"), "{null:?}");
    let array = body(r#"[{"name": "n"}]"#);
    assert!(array[0].1.contains("not a JSON object"), "{array:?}");
    let broken = body(r#"{"name": "n" "count": 1}"#);
    assert!(broken[0].1.contains("not JSON"), "{broken:?}");
}

#[test]
fn exceptions_explain_their_aspect_only_and_are_counted() {
    let mut spec = spec_with(&format!(r#"curl -X PUT -d '{{"nme": "n"}}' "{URL}""#));
    let verdicts = review(&spec);
    assert_eq!(verdicts[0].unexplained().len(), 2);
    let lines = verdicts[0].describe_unexplained();
    assert_eq!(
        lines[0],
        "op.adoc:9: (createThing) example method differs: the example uses PUT but the entry is POST"
    );
    assert_eq!(
        counts(&verdicts),
        VectorCounts {
            examples: 1,
            matching: 0,
            excepted: 0,
            unexplained: 1
        }
    );
    spec.operations[0].examples[0]
        .exceptions
        .push(ExampleException {
            what: ExampleAspect::Method,
            reason: "wrong in the docs".into(),
        });
    let verdicts = review(&spec);
    assert_eq!(verdicts[0].unexplained().len(), 1);
    assert_eq!(verdicts[0].unexplained()[0].aspect, ExampleAspect::Body);
    spec.operations[0].examples[0]
        .exceptions
        .push(ExampleException {
            what: ExampleAspect::Body,
            reason: "wrong in the docs".into(),
        });
    let counted = counts(&review(&spec));
    assert_eq!(
        counted,
        VectorCounts {
            examples: 1,
            matching: 0,
            excepted: 1,
            unexplained: 0
        }
    );
    assert_eq!(
        counted.to_string(),
        "1 examples: 0 match, 1 recorded exceptions, 0 unexplained"
    );
}

#[test]
fn paths_bind_parameters_to_segments() {
    let bound = bind_path("/r/{repository}/tag/{tag}/", "/r/ns/name/tag/<tag>").unwrap();
    assert_eq!(
        bound,
        vec![
            PathBinding {
                param: "repository".into(),
                segments: vec!["ns".into(), "name".into()]
            },
            PathBinding {
                param: "tag".into(),
                segments: vec!["<tag>".into()]
            },
        ]
    );
    // A literal segment wins over a parameter taking it.
    let bound = bind_path("/r/{repository}/tag/", "/r/a/b/tag").unwrap();
    assert_eq!(bound[0].segments.len(), 2);
    assert_eq!(bind_path("/r/{x}", "/r/a/b/c"), None);
    assert!(is_placeholder("<a b>") && is_placeholder("{orgname}"));
    assert!(!is_placeholder("<>") && !is_placeholder("<a>/<b>") && !is_placeholder("a"));
}

/// `createThing` with the corrections' shapes: `kind` of the body an enum, `refs` a nested
/// object `{kind (required, an enum), name}`.
fn shaped_mismatches(json: &str) -> Vec<String> {
    use crate::spec::FieldShape;
    let command = format!("curl -X POST -d '{json}' \"{URL}\"");
    let mut spec = spec_with(&command);
    let body = spec.operations[0].body.as_mut().unwrap();
    body.fields
        .push(testing::field("mode", false, Schema::String));
    body.fields
        .push(testing::field("refs", false, Schema::Object));
    body.shapes = vec![
        FieldShape {
            path: "mode".into(),
            fields: vec![],
            values: vec!["fast".into(), "slow".into()],
        },
        FieldShape {
            path: "refs".into(),
            fields: vec![
                testing::field("kind", true, Schema::String),
                testing::field("name", false, Schema::String),
            ],
            values: vec![],
        },
        FieldShape {
            path: "refs.kind".into(),
            fields: vec![],
            values: vec!["branch".into(), "tag".into()],
        },
    ];
    let op = &spec.operations[0];
    check(&spec, op, &op.examples[0])
        .into_iter()
        .map(|m| m.message)
        .collect()
}

#[test]
fn corrected_enums_and_nested_objects_check_the_example_body() {
    let fits = r#"{"name": "n", "mode": "fast", "refs": {"kind": "tag", "name": "v1"}}"#;
    assert_eq!(shaped_mismatches(fits), Vec::<String>::new());
    // A placeholder is given a sample value of the enum.
    assert_eq!(
        shaped_mismatches(r#"{"name": "n", "mode": "<mode>"}"#),
        Vec::<String>::new()
    );
    let cases = [
        (
            r#"{"name": "n", "mode": "quick"}"#,
            "\"quick\" is not one of fast, slow",
        ),
        (
            r#"{"name": "n", "refs": {"name": "v1"}}"#,
            "`refs` lacks its required field `kind`",
        ),
        (
            r#"{"name": "n", "refs": {"kind": "tag", "ref": "x"}}"#,
            "`ref` is not a field of `refs`",
        ),
        (
            r#"{"name": "n", "refs": {"kind": "commit"}}"#,
            "`refs.kind`: \"commit\" is not one of branch, tag",
        ),
        (
            r#"{"name": "n", "refs": {"kind": 1}}"#,
            "`refs.kind`: an integer is not string",
        ),
    ];
    for (json, expected) in cases {
        let found = shaped_mismatches(json);
        assert_eq!(found.len(), 1, "{json}: {found:?}");
        assert!(found[0].contains(expected), "{json}: {found:?}");
    }
}
