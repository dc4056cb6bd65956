use super::*;
use crate::diff::fixtures::{body, field, op, spec};
use crate::spec::{Method, Schema};

fn sample() -> Spec {
    let mut create = op(
        "createTag",
        Method::Put,
        "/api/v1/repository/{repository}/tag/{tag}",
    );
    create.authorization.scopes = vec!["repo:write".into()];
    create.body = body(vec![
        field("image", true, Schema::String),
        field("note", false, Schema::String),
    ]);
    create.path_params.retain(|p| p.name != "tag");
    create.since = Some("3.17".into());
    let mut list = op(
        "listTags",
        Method::Get,
        "/api/v1/repository/{repository}/tag/",
    );
    list.query_params
        .push(field("limit", false, Schema::Integer));
    let mut public = op("discovery", Method::Get, "/api/v1/discovery");
    public.authorization = Default::default();
    spec("3.18", vec![create, list, public])
}

#[test]
fn operations_with_parameters_bodies_responses_and_security() {
    let doc = export(&sample()).document;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["version"], "3.18");
    let create = &doc["paths"]["/api/v1/repository/{repository}/tag/{tag}"]["put"];
    assert_eq!(create["operationId"], "createTag");
    assert_eq!(create["x-since"], "Quay 3.17");
    let list = &doc["paths"]["/api/v1/repository/{repository}/tag/"]["get"];
    assert!(list.get("x-since").is_none(), "no history, no x-since");
    assert_eq!(create["parameters"][0]["name"], "repository");
    assert!(create["parameters"][0]["description"]
        .as_str()
        .unwrap()
        .contains("namespace/name"));
    // `{tag}` is in the template but undocumented: it still gets a path parameter.
    assert_eq!(create["parameters"][1]["name"], "tag");
    assert_eq!(create["parameters"][1]["required"], true);
    assert_eq!(create["requestBody"]["required"], true);
    assert_eq!(
        create["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/CreateTagRequest"
    );
    assert_eq!(
        doc["components"]["schemas"]["CreateTagRequest"]["required"],
        serde_json::json!(["image"])
    );
    assert_eq!(
        create["security"],
        serde_json::json!([{"oauth2_implicit": ["repo:write"]}])
    );
    assert_eq!(
        create["responses"]["400"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ApiError"
    );

    let list = &doc["paths"]["/api/v1/repository/{repository}/tag/"]["get"];
    assert_eq!(list["parameters"][1]["in"], "query");
    assert_eq!(list["parameters"][1]["schema"]["type"], "integer");
    assert_eq!(
        doc["paths"]["/api/v1/discovery"]["get"]["security"],
        serde_json::json!([])
    );
}

#[test]
fn the_oauth2_scheme_carries_every_scope() {
    let doc = export(&sample()).document;
    let flow = &doc["components"]["securitySchemes"]["oauth2_implicit"]["flows"]["implicit"];
    assert_eq!(flow["authorizationUrl"], "/oauth/authorize");
    let scopes: Vec<&String> = flow["scopes"].as_object().unwrap().keys().collect();
    assert_eq!(scopes, vec!["repo:read", "repo:write"]);
}

#[test]
fn unknown_references_do_not_dangle() {
    let mut s = sample();
    s.operations[1].responses[0].schema = Some(Schema::Ref {
        name: "Missing".into(),
    });
    let text = export(&s).to_json();
    assert!(!text.contains("#/components/schemas/Missing"));
}

#[test]
fn what_openapi_cannot_hold_is_reported() {
    let mut s = sample();
    s.operations.push(op("listTags", Method::Get, "/elsewhere"));
    s.operations.push(op(
        "listTagsAgain",
        Method::Get,
        "/api/v1/repository/{repository}/tag/",
    ));
    let exported = export(&s);
    assert_eq!(exported.skipped.len(), 2, "{:?}", exported.skipped);
    assert!(
        exported.skipped[1].contains("already operation listTags"),
        "{:?}",
        exported.skipped
    );
    assert!(exported.document["paths"].get("/elsewhere").is_none());
}

#[test]
fn output_is_deterministic() {
    assert_eq!(export(&sample()).to_json(), export(&sample()).to_json());
}

#[test]
fn untyped_fields_keep_their_description_and_the_documented_text() {
    let mut s = sample();
    s.definitions[0].fields.push(field(
        "extra",
        false,
        Schema::Unknown { text: "map".into() },
    ));
    let doc = export(&s).document;
    assert_eq!(
        doc["components"]["schemas"]["ApiError"]["properties"]["extra"]["description"],
        "The extra. (Documented as `map`)"
    );
}

#[test]
fn request_bodies_carry_enums_nested_objects_and_arrays() {
    use crate::spec::FieldShape;
    let mut spec = sample();
    let create = &mut spec.operations[0];
    let body = create.body.as_mut().unwrap();
    body.fields.push(field("refs", false, Schema::Object));
    body.shapes = vec![
        FieldShape {
            path: "note".into(),
            fields: vec![],
            values: vec!["a".into(), "b".into()],
        },
        FieldShape {
            path: "refs".into(),
            fields: vec![
                field("kind", true, Schema::String),
                field("name", false, Schema::String),
            ],
            values: vec![],
        },
        FieldShape {
            path: "refs.kind".into(),
            fields: vec![],
            values: vec!["branch".into(), "tag".into()],
        },
    ];
    let doc = export(&spec).document;
    let request = &doc["components"]["schemas"]["CreateTagRequest"];
    assert_eq!(request["properties"]["image"]["type"], "string");
    assert_eq!(request["properties"]["note"]["type"], "string");
    assert_eq!(
        request["properties"]["note"]["enum"],
        serde_json::json!(["a", "b"])
    );
    let refs = &request["properties"]["refs"];
    assert_eq!(refs["type"], "object");
    assert_eq!(refs["required"], serde_json::json!(["kind"]));
    assert_eq!(
        refs["properties"]["kind"]["enum"],
        serde_json::json!(["branch", "tag"])
    );
    assert_eq!(refs["properties"]["name"]["type"], "string");

    // The same body as an array: an array of that object, and always required.
    spec.operations[0].body.as_mut().unwrap().array = true;
    for f in &mut spec.operations[0].body.as_mut().unwrap().fields {
        f.required = false;
    }
    let doc = export(&spec).document;
    let request = &doc["components"]["schemas"]["CreateTagRequest"];
    assert_eq!(request["type"], "array");
    assert_eq!(
        request["items"]["properties"]["note"]["enum"],
        serde_json::json!(["a", "b"])
    );
    let put = &doc["paths"]["/api/v1/repository/{repository}/tag/{tag}"]["put"];
    assert_eq!(put["requestBody"]["required"], true);
}
