//! The committed client's body shapes, on the wire: they come from corrections in the 3.18
//! overlay, so this test lives outside the generated crate (whose own tests must pass for the
//! spec of any docs version). Enums serialise to the server's values (renamed where the Rust
//! name differs) and back, `as_str()` is the wire value, unknown values are refused; nested body
//! objects are objects; an array body is a JSON array of its items.

use quay_client::models::{
    ChangeRepoStateBody, ChangeRepoStateBodyState, CreateGlobalMessageBodyMessageMediaType,
    CreateOrgRobotFederationItem, CreateRepoBody, CreateRepoBodyVisibility,
    ManuallyStartBuildTriggerBody, ManuallyStartBuildTriggerBodyRefs,
    ManuallyStartBuildTriggerBodyRefsKind,
};
use serde_json::json;

#[test]
fn enums_go_on_the_wire_as_the_servers_values() {
    let cases = [
        (ChangeRepoStateBodyState::Normal, "NORMAL"),
        (ChangeRepoStateBodyState::ReadOnly, "READ_ONLY"),
        (ChangeRepoStateBodyState::Mirror, "MIRROR"),
    ];
    for (state, wire) in cases {
        assert_eq!(state.as_str(), wire);
        assert_eq!(serde_json::to_value(state).unwrap(), json!(wire));
        let back: ChangeRepoStateBodyState = serde_json::from_value(json!(wire)).unwrap();
        assert_eq!(back, state);
    }
    assert_eq!(
        serde_json::to_value(ChangeRepoStateBody::new(ChangeRepoStateBodyState::ReadOnly)).unwrap(),
        json!({"state": "READ_ONLY"})
    );
    // A value with a slash: the variant is `TextPlain`, the wire `text/plain`.
    assert_eq!(
        serde_json::to_value(CreateGlobalMessageBodyMessageMediaType::TextPlain).unwrap(),
        json!("text/plain")
    );
    // Neither another value nor the Rust name is accepted.
    for wrong in ["read_only", "ReadOnly", "archived"] {
        assert!(
            serde_json::from_value::<ChangeRepoStateBodyState>(json!(wrong)).is_err(),
            "{wrong}"
        );
    }
}

#[test]
fn an_enum_field_of_a_body_and_its_optional_fields() {
    let body = CreateRepoBody::new("r", CreateRepoBodyVisibility::Private, "d").namespace("ns");
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"repository": "r", "visibility": "private", "namespace": "ns", "description": "d"})
    );
}

#[test]
fn nested_body_objects_are_objects() {
    let body = ManuallyStartBuildTriggerBody::new().refs(ManuallyStartBuildTriggerBodyRefs::new(
        ManuallyStartBuildTriggerBodyRefsKind::Branch,
        "main",
    ));
    let value = serde_json::to_value(&body).unwrap();
    assert_eq!(value["refs"], json!({"kind": "branch", "name": "main"}));
    let back: ManuallyStartBuildTriggerBody = serde_json::from_value(value).unwrap();
    assert_eq!(back, body);
}

#[test]
fn an_array_body_is_a_json_array_of_its_items() {
    let body = vec![
        CreateOrgRobotFederationItem::new("https://issuer.example.com", "system:a"),
        CreateOrgRobotFederationItem::new("https://other.example.com", "system:b"),
    ];
    let value = serde_json::to_value(&body).unwrap();
    assert_eq!(
        value,
        json!([
            {"issuer": "https://issuer.example.com", "subject": "system:a"},
            {"issuer": "https://other.example.com", "subject": "system:b"}
        ])
    );
}
