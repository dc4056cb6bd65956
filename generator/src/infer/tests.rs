use serde_json::json;

use super::*;
use crate::spec::InferredType as T;

fn at(line: u32) -> Location {
    Location {
        file: "modules/guide.adoc".into(),
        line,
    }
}

fn infer_values(operation: &str, values: &[Value]) -> Inference {
    let samples: Vec<Sample> = values
        .iter()
        .enumerate()
        .map(|(i, value)| Sample {
            value: value.clone(),
            location: at(i as u32 + 1),
        })
        .collect();
    infer(operation, &samples).expect("samples given")
}

fn strukt<'a>(response: &'a InferredResponse, name: &str) -> &'a InferredStruct {
    response
        .types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name} in {:?}", response.types))
}

fn field<'a>(strukt: &'a InferredStruct, name: &str) -> &'a InferredField {
    strukt
        .fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name} in {}", strukt.name))
}

fn named(name: &str) -> T {
    T::Struct { name: name.into() }
}

#[test]
fn fields_record_how_many_objects_had_them_and_a_few_values() {
    let long = "x".repeat(FieldEvidence::MAX_EXAMPLE_CHARS + 1);
    let inference = infer_values(
        "listThings",
        &[
            json!({"things": [{"name": "a", "size": 1, "password": "hunter2"}, {"name": "b", "size": null}]}),
            json!({"things": [{"name": "a", "note": long}, {"name": "c"}, {"name": "d", "flag": true}]}),
        ],
    );
    let thing = strukt(&inference.response, "ListThingsThing");
    let name = &field(thing, "name").evidence;
    assert_eq!((name.present, name.of, name.null), (5, 5, false));
    assert_eq!(
        name.examples,
        [json!("a"), json!("b"), json!("c")],
        "distinct, first met, at most 3"
    );
    let size = &field(thing, "size").evidence;
    assert_eq!((size.present, size.of, size.null), (2, 5, true));
    assert_eq!(size.examples, [json!(1)]);
    let password = &field(thing, "password").evidence;
    assert_eq!(password.present, 1);
    assert!(
        password.examples.is_empty(),
        "a credential's value is never kept"
    );
    assert!(
        field(thing, "note").evidence.examples.is_empty(),
        "long text is not an example"
    );
    let root = strukt(&inference.response, "ListThingsResponse");
    assert_eq!(
        (
            field(root, "things").evidence.of,
            field(root, "things").evidence.present
        ),
        (2, 2)
    );
}

#[test]
fn no_samples_no_schema() {
    assert_eq!(infer("getThing", &[]), None);
}

#[test]
fn nested_object_becomes_a_named_type() {
    let inference = infer_values(
        "createAppToken",
        &[json!({"token": {"uuid": "u", "title": "t", "expiration": null, "count": 3}})],
    );
    let response = &inference.response;
    assert_eq!(response.body, named("CreateAppTokenResponse"));
    let root = strukt(response, "CreateAppTokenResponse");
    assert_eq!(field(root, "token").ty, named("CreateAppTokenToken"));
    assert!(!field(root, "token").optional);
    let token = strukt(response, "CreateAppTokenToken");
    assert_eq!(field(token, "uuid").ty, T::String);
    assert_eq!(field(token, "count").ty, T::Integer);
    // Outermost type first.
    assert_eq!(response.types[0].name, "CreateAppTokenResponse");
    assert_eq!(response.provenance, vec![at(1)]);
}

#[test]
fn null_makes_a_field_optional_and_keeps_the_other_type() {
    let inference = infer_values(
        "getThing",
        &[
            json!({"expires": null, "name": "a"}),
            json!({"expires": "2025", "name": "b"}),
        ],
    );
    let root = strukt(&inference.response, "GetThingResponse");
    let expires = field(root, "expires");
    assert!(expires.optional);
    assert_eq!(expires.ty, T::String);
    assert!(!field(root, "name").optional);
}

#[test]
fn only_null_is_any_value() {
    let inference = infer_values("getThing", &[json!({"last_accessed": null})]);
    let root = strukt(&inference.response, "GetThingResponse");
    assert_eq!(field(root, "last_accessed").ty, T::Any);
    assert!(field(root, "last_accessed").optional);
}

#[test]
fn field_present_in_only_one_example_is_optional() {
    let inference = infer_values(
        "listThings",
        &[json!({"page": 1}), json!({"page": 2, "next_page": "abc"})],
    );
    let root = strukt(&inference.response, "ListThingsResponse");
    assert!(!field(root, "page").optional);
    assert!(field(root, "next_page").optional);
    assert_eq!(field(root, "next_page").ty, T::String);
    // Field order: the order first met.
    let names: Vec<&str> = root.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["page", "next_page"]);
    assert_eq!(inference.response.provenance, vec![at(1), at(2)]);
}

#[test]
fn integers_and_floats_are_told_apart() {
    let inference = infer_values(
        "getStats",
        &[
            json!({"count": 2, "ratio": 0.5, "mixed": 1}),
            json!({"count": 7, "ratio": 1.25, "mixed": 2.5}),
        ],
    );
    let root = strukt(&inference.response, "GetStatsResponse");
    assert_eq!(field(root, "count").ty, T::Integer);
    assert_eq!(field(root, "ratio").ty, T::Number);
    assert_eq!(field(root, "mixed").ty, T::Number);
}

#[test]
fn empty_arrays_leave_items_unknown_until_an_example_has_some() {
    let only_empty = infer_values("listRobots", &[json!({"robots": []})]);
    let root = strukt(&only_empty.response, "ListRobotsResponse");
    assert_eq!(
        field(root, "robots").ty,
        T::Array {
            items: Box::new(T::Any)
        }
    );
    assert!(only_empty.conflicts.is_empty());

    let with_items = infer_values(
        "listRobots",
        &[json!({"robots": []}), json!({"robots": [{"name": "a+b"}]})],
    );
    let root = strukt(&with_items.response, "ListRobotsResponse");
    assert_eq!(
        field(root, "robots").ty,
        T::Array {
            items: Box::new(named("ListRobotsRobot"))
        }
    );
    assert!(!field(root, "robots").optional);
}

#[test]
fn nested_arrays_of_objects_merge_their_elements() {
    let inference = infer_values(
        "listQuotas",
        &[
            json!([{"id": 1, "limits": [{"id": 1, "type": "Reject"}]}]),
            json!([{"id": 2, "limits": []}, {"id": 3, "limits": [{"id": 2, "type": "Warning", "limit_percent": 80}]}]),
        ],
    );
    let response = &inference.response;
    assert_eq!(
        response.body,
        T::Array {
            items: Box::new(named("ListQuotasItem"))
        }
    );
    let item = strukt(response, "ListQuotasItem");
    assert_eq!(
        field(item, "limits").ty,
        T::Array {
            items: Box::new(named("ListQuotasItemLimit"))
        }
    );
    let limit = strukt(response, "ListQuotasItemLimit");
    assert!(!field(limit, "type").optional);
    assert!(field(limit, "limit_percent").optional);
    assert_eq!(field(limit, "limit_percent").ty, T::Integer);
}

#[test]
fn disagreeing_examples_are_any_value_and_reported() {
    let inference = infer_values(
        "getThing",
        &[
            json!({"config": "none", "n": 1}),
            json!({"config": {"a": 1}, "n": "one"}),
        ],
    );
    let root = strukt(&inference.response, "GetThingResponse");
    assert_eq!(field(root, "config").ty, T::Any);
    assert_eq!(field(root, "n").ty, T::Any);
    assert_eq!(
        inference.conflicts,
        vec![
            Conflict {
                path: "$.config".into(),
                kinds: vec!["string", "object"]
            },
            Conflict {
                path: "$.n".into(),
                kinds: vec!["integer", "string"]
            }
        ]
    );
    // The object seen under the conflict does not leave a dangling type behind.
    assert_eq!(inference.response.types.len(), 1);
}

#[test]
fn objects_keyed_by_name_become_maps_of_a_named_type() {
    let inference = infer_values(
        "listRepoTeamPermissions",
        &[
            json!({"permissions": {"owners": {"name": "owners", "role": "admin"}, "readers": {"name": "readers", "role": "read", "avatar": {"kind": "team"}}}}),
        ],
    );
    let root = strukt(&inference.response, "ListRepoTeamPermissionsResponse");
    assert_eq!(
        field(root, "permissions").ty,
        T::Map {
            values: Box::new(named("ListRepoTeamPermissionsPermissionsValue"))
        }
    );
    let value = strukt(
        &inference.response,
        "ListRepoTeamPermissionsPermissionsValue",
    );
    assert!(!field(value, "role").optional);
    assert!(field(value, "avatar").optional);
}

#[test]
fn whole_body_string_and_empty_object() {
    let created = infer_values("createQuota", &[json!("Created")]);
    assert_eq!(created.response.body, T::String);
    assert!(created.response.types.is_empty());
    let empty = infer_values("createNotification", &[json!({})]);
    assert_eq!(empty.response.body, T::Object);
    // `{}` in one example and fields in another: the fields are optional.
    let both = infer_values("getThing", &[json!({}), json!({"a": true})]);
    let root = strukt(&both.response, "GetThingResponse");
    assert!(field(root, "a").optional);
}

#[test]
fn type_names_are_valid_unique_and_deterministic() {
    let value = json!({
        "response": {"x": 1},
        "<config_key>": {"y": 2},
        "2fa": {"z": 3},
        "self": {"w": 4},
        "items": [{"a": [{"b": 1}]}]
    });
    let first = infer_values("get-thing", std::slice::from_ref(&value));
    let second = infer_values("get-thing", std::slice::from_ref(&value));
    assert_eq!(first, second);
    let names: Vec<&str> = first
        .response
        .types
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    for name in &names {
        assert!(naming::is_valid_type_name(name), "{name}");
    }
    let unique: std::collections::BTreeSet<&&str> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    assert_eq!(names[0], "GetThingResponse");
    assert_eq!(names[1], "GetThingResponse2");
    assert!(names.contains(&"GetThingItemA"), "{names:?}");
}

#[test]
fn error_bodies_are_recognised() {
    assert!(is_error_body(
        &json!({"detail": "Not Found", "error_type": "not_found", "status": 404})
    ));
    assert!(is_error_body(&json!({"message": "Could not find robot"})));
    assert!(!is_error_body(&json!({"message": ""})));
    assert!(!is_error_body(&json!({"message": "hi", "id": 1})));
    assert!(!is_error_body(&json!({"status": "queued"})));
    assert!(!is_error_body(&json!("Created")));
}

mod fill {
    use super::*;
    use crate::spec::{testing, Example, Method, Operation};

    fn operation(name: &str, outputs: &[&str]) -> Operation {
        let mut operation = testing::operation(name, Method::Get, &format!("/api/v1/{name}"));
        operation.location = Location {
            file: format!("modules/{name}.adoc"),
            line: 1,
        };
        operation.examples = outputs
            .iter()
            .enumerate()
            .map(|(i, output)| Example {
                command: format!("curl https://h/api/v1/{name}"),
                output: Some(output.to_string()),
                location: Location {
                    file: format!("modules/{name}.adoc"),
                    line: 20 + i as u32,
                },
                request: None,
                exceptions: Vec::new(),
            })
            .collect();
        operation
    }

    fn spec(operations: Vec<Operation>) -> Spec {
        testing::spec(operations)
    }

    #[test]
    fn merges_own_and_guide_outputs_with_provenance() {
        let mut spec = spec(vec![
            operation(
                "getThing",
                &[
                    "{\"a\": 1}",
                    "not json at all",
                    "{\"error_type\": \"x\", \"status\": 404}",
                ],
            ),
            operation("noExamples", &[]),
        ]);
        let guide = [OutputSample {
            operation: "getThing".into(),
            text: "{\"a\": 2, \"b\": \"x\"}".into(),
            location: at(7),
        }];
        let report = fill_response_schemas(&mut spec, &guide);
        assert_eq!(report.outputs_read, 2);
        assert_eq!(report.outputs_unreadable, 1);
        assert_eq!(report.error_outputs, 1);
        assert_eq!(report.operations_with_schema, 1);
        let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            ["modules/getThing.adoc:21: warning[unreadable_example_output] (getThing): example output cannot be read: output line 1 is not JSON: expected ident"]
        );
        let schema = spec.operations[0].response_schema.as_ref().unwrap();
        assert_eq!(
            schema.provenance,
            vec![
                Location {
                    file: "modules/getThing.adoc".into(),
                    line: 20
                },
                at(7)
            ]
        );
        let root = strukt(schema, "GetThingResponse");
        assert!(field(root, "b").optional);
        assert_eq!(spec.operations[1].response_schema, None);

        let text = spec.to_json();
        assert_eq!(Spec::from_json(&text).unwrap(), spec);
    }

    #[test]
    fn type_names_are_unique_across_operations_and_definitions() {
        let mut spec = spec(vec![
            operation("getThing", &["{\"itemData\": {\"a\": 1}}"]),
            operation("getThingItem", &["{\"data\": {\"b\": 2}}"]),
            operation("api", &["{\"error\": {\"c\": 3}}"]),
        ]);
        spec.definitions.push(crate::spec::Definition {
            name: "ApiError".into(),
            description: String::new(),
            fields: vec![],
        });
        fill_response_schemas(&mut spec, &[]);
        let names: Vec<&str> = spec
            .operations
            .iter()
            .flat_map(|op| &op.response_schema.as_ref().unwrap().types)
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "GetThingResponse",
                "GetThingItemData",
                "GetThingItemResponse",
                "GetThingItemData2",
                "ApiResponse",
                "ApiError2"
            ]
        );
    }

    #[test]
    fn conflicts_are_reported_at_the_operation() {
        let mut spec = spec(vec![operation(
            "getThing",
            &["{\"a\": 1}", "{\"a\": \"x\"}"],
        )]);
        let report = fill_response_schemas(&mut spec, &[]);
        assert_eq!(report.diagnostics.len(), 1);
        let message = report.diagnostics[0].to_string();
        assert!(
            message.starts_with("modules/getThing.adoc:1: warning[conflicting_example_outputs]"),
            "{message}"
        );
        assert!(message.contains("`$.a`: integer vs string"), "{message}");
    }

    fn answer(operation: &str, value: Value, line: u32) -> ServerSample {
        ServerSample {
            operation: operation.into(),
            value,
            location: Location {
                file: format!("spec/observed/{operation}.json"),
                line,
            },
        }
    }

    #[test]
    fn server_answers_merge_after_the_docs_outputs_with_provenance() {
        let mut spec = spec(vec![
            operation("getThing", &["{\"a\": 1, \"b\": \"x\"}"]),
            operation("listThings", &[]),
        ]);
        let observed = [
            answer("getThing", json!({"a": 2, "b": "y", "c": true}), 5),
            answer("listThings", json!({"things": [{"id": 1}]}), 5),
            answer("listThings", json!({"error_type": "e", "status": 500}), 30),
            answer("unknownOperation", json!({"z": 1}), 5),
        ];
        let report = fill_response_schemas_observed(&mut spec, &[], &observed);
        assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
        assert_eq!(report.observed_merged, 2, "error bodies are left out");
        let thing = spec.operations[0].response_schema.as_ref().unwrap();
        assert_eq!(thing.observed, 1);
        assert_eq!(thing.docs_outputs(), 1);
        assert_eq!(
            thing.provenance[1].to_string(),
            "spec/observed/getThing.json:5"
        );
        let root = strukt(thing, "GetThingResponse");
        assert!(!field(root, "a").optional && !field(root, "b").optional);
        assert!(field(root, "c").optional, "missing from the docs' output");
        // Typed from the server alone.
        let things = spec.operations[1].response_schema.as_ref().unwrap();
        assert_eq!((things.observed, things.docs_outputs()), (1, 0));
        assert_eq!(strukt(things, "ListThingsThing").fields[0].name, "id");
        // The new field reads back; a spec without it still reads.
        let text = spec.to_json();
        assert_eq!(Spec::from_json(&text).unwrap(), spec);
        assert!(!fill_without_observed().contains("\"observed\""));
    }

    fn fill_without_observed() -> String {
        let mut spec = spec(vec![operation("getThing", &["{\"a\": 1}"])]);
        fill_response_schemas(&mut spec, &[]);
        spec.to_json()
    }

    #[test]
    fn a_field_the_docs_and_the_server_type_differently_accepts_both_with_a_finding() {
        let mut spec = spec(vec![operation(
            "getProxy",
            &["{\"expiration_s\": 86400, \"insecure\": false, \"upstream\": \"u\"}"],
        )]);
        let observed = [answer(
            "getProxy",
            json!({"expiration_s": "", "insecure": "", "upstream": "v"}),
            5,
        )];
        let report = fill_response_schemas_observed(&mut spec, &[], &observed);
        let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].starts_with("modules/getProxy.adoc:1: warning[example_output_disagrees_with_server] (getProxy): the docs' example outputs (modules/getProxy.adoc:20) and the server's answers (spec/observed/getProxy.json:5) disagree at `$.expiration_s`: integer vs string"),
            "{shown:?}"
        );
        let root = strukt(
            spec.operations[0].response_schema.as_ref().unwrap(),
            "GetProxyResponse",
        );
        assert_eq!(field(root, "expiration_s").ty, T::Any);
        assert_eq!(field(root, "insecure").ty, T::Any);
        assert_eq!(field(root, "upstream").ty, T::String);
    }

    #[test]
    fn a_server_answer_that_contradicts_the_docs_is_a_finding_even_if_another_agrees() {
        let mut spec = spec(vec![operation("getProxy", &["{\"expiration_s\": 86400}"])]);
        let observed = [
            answer("getProxy", json!({"expiration_s": ""}), 5),
            answer("getProxy", json!({"expiration_s": 60}), 20),
        ];
        let report = fill_response_schemas_observed(&mut spec, &[], &observed);
        let kinds: Vec<DiagnosticKind> = report.diagnostics.iter().map(|d| d.kind).collect();
        assert_eq!(kinds, [DiagnosticKind::ExampleOutputDisagreesWithServer]);
    }

    #[test]
    fn a_disagreement_among_the_server_answers_alone_is_no_docs_finding() {
        let mut spec = spec(vec![operation(
            "getPolicy",
            &["{\"uuid\": \"u\", \"value\": null}"],
        )]);
        let observed = [
            answer("getPolicy", json!({"uuid": "v", "value": 10}), 5),
            answer("getPolicy", json!({"uuid": "w", "value": "2w"}), 20),
        ];
        let report = fill_response_schemas_observed(&mut spec, &[], &observed);
        let kinds: Vec<DiagnosticKind> = report.diagnostics.iter().map(|d| d.kind).collect();
        assert_eq!(kinds, [DiagnosticKind::ConflictingExampleOutputs]);
        assert!(report.diagnostics[0]
            .message
            .starts_with("the server's answers disagree"));
    }

    #[test]
    fn a_definition_still_wins_and_gains_the_fields_the_server_sends_that_it_lacks() {
        use crate::spec::{Definition, Field, RequestBody, Response, Schema};
        let field = |name: &str, schema: Schema| Field {
            name: name.into(),
            required: false,
            description: String::new(),
            schema,
            constraints: Vec::new(),
        };
        let mut user = operation("getUser", &[]);
        user.responses = vec![Response {
            code: 200,
            description: "OK".into(),
            schema: Some(Schema::Ref {
                name: "UserView".into(),
            }),
        }];
        let mut update = operation("updateThing", &[]);
        update.responses = vec![Response {
            code: 200,
            description: "OK".into(),
            schema: Some(Schema::Ref {
                name: "Thing".into(),
            }),
        }];
        update.body = Some(RequestBody {
            content_type: "application/json".into(),
            description: String::new(),
            fields: vec![field(
                "thing",
                Schema::Ref {
                    name: "Thing".into(),
                },
            )],
            array: false,
            shapes: Vec::new(),
        });
        let mut spec = spec(vec![user, update]);
        spec.definitions = vec![
            Definition {
                name: "UserView".into(),
                description: String::new(),
                fields: vec![field("name", Schema::String)],
            },
            Definition {
                name: "Thing".into(),
                description: String::new(),
                fields: vec![field("id", Schema::String)],
            },
        ];
        let observed = [
            answer(
                "getUser",
                json!({"name": "a", "super_user": true, "quotas": [{"id": 1}], "prompts": []}),
                5,
            ),
            answer("updateThing", json!({"id": "t", "size": 3}), 5),
        ];
        let report = fill_response_schemas_observed(&mut spec, &[], &observed);
        let user = &spec.definitions[0].fields;
        let added: Vec<(&str, &Schema, bool)> = user[1..]
            .iter()
            .map(|f| (f.name.as_str(), &f.schema, f.required))
            .collect();
        assert_eq!(
            added,
            [
                ("super_user", &Schema::Boolean, false),
                (
                    "quotas",
                    &Schema::Array {
                        items: Box::new(Schema::Object)
                    },
                    false
                ),
                (
                    "prompts",
                    &Schema::Array {
                        items: Box::new(Schema::Unknown {
                            text: String::new()
                        })
                    },
                    false
                ),
            ]
        );
        assert!(user[1].description.contains("spec/observed/getUser.json:5"));
        assert_eq!(
            spec.definitions[1].fields.len(),
            1,
            "a request uses `Thing`"
        );
        let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(shown[0].contains("warning[definition_misses_server_fields] (getUser)"));
        assert!(shown[0].contains("`super_user`, `quotas`, `prompts`"));
    }

    #[test]
    fn docs_outputs_of_another_shape_give_way_to_the_server_with_a_finding() {
        let mut spec = spec(vec![
            operation(
                "getNotification",
                &["{\"notifications\": [{\"uuid\": \"u\", \"event\": \"e\"}]}"],
            ),
            operation("listTags", &["[{\"name\": \"latest\"}]"]),
            operation("getRepo", &["{\"name\": \"r\", \"tags\": {}}"]),
        ]);
        let observed = [
            answer(
                "getNotification",
                json!({"uuid": "v", "event": "f", "title": "t"}),
                5,
            ),
            answer("listTags", json!({"tags": [{"name": "x"}]}), 5),
            answer("getRepo", json!({"name": "s", "kind": "image"}), 5),
        ];
        let report = fill_response_schemas_observed(&mut spec, &[], &observed);
        assert_eq!(report.docs_outputs_replaced, 2);
        let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].contains("warning[example_output_of_another_shape] (getNotification)"),
            "{shown:?}"
        );
        assert!(
            shown[0].contains(
                "objects with `notifications` where the server sends `uuid`, `event`, `title`"
            ),
            "{shown:?}"
        );
        assert!(shown[1].contains("(listTags): the docs' example output(s) (modules/listTags.adoc:20) are a list where the server sends an object"), "{shown:?}");
        let notification = spec.operations[0].response_schema.as_ref().unwrap();
        assert_eq!(notification.provenance.len(), 1, "only the server's answer");
        assert_eq!(notification.docs_outputs(), 0);
        let root = strukt(notification, "GetNotificationResponse");
        let names: Vec<&str> = root.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["uuid", "event", "title"]);
        // One field in common is the same kind of body: merged.
        let repo = spec.operations[2].response_schema.as_ref().unwrap();
        assert_eq!(repo.provenance.len(), 2);
    }
}

#[test]
fn fields_keep_document_order() {
    let inference = infer_values("getThing", &[json!({"zeta": 1, "alpha": 2, "mid": 3})]);
    let root = strukt(&inference.response, "GetThingResponse");
    let names: Vec<&str> = root.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["zeta", "alpha", "mid"]);
}
