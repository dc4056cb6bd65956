//! The history of small hand-made specs (never the Quay docs).

use super::*;
use crate::spec::testing::{body, field, operation, spec};
use crate::spec::Schema;

fn version(name: &str, operations: Vec<Operation>) -> Documented {
    let mut spec = spec(operations);
    spec.source.docs_version = Some(name.into());
    spec.source.content_hash = format!("sha256:{name}");
    Documented {
        version: name.into(),
        spec,
    }
}

fn with_query(mut op: Operation, names: &[&str]) -> Operation {
    op.query_params = names
        .iter()
        .map(|n| field(n, false, Schema::String))
        .collect();
    op
}

fn get(name: &str, path: &str) -> Operation {
    operation(name, Method::Get, path)
}

fn entry<'a>(history: &'a History, name: &str) -> &'a OperationHistory {
    history.operation(name).expect("an entry")
}

#[test]
fn since_is_the_first_version_that_documents_the_operation() {
    let old = get("getWidget", "/api/v1/widget");
    let new = get("getGadget", "/api/v1/gadget");
    let documented = [
        version("3.5", vec![old.clone()]),
        version("3.9", vec![old.clone()]),
        version("3.18", vec![old.clone(), new.clone()]),
    ];
    let history = compute(&documented, &documented[2].spec);
    assert_eq!(entry(&history, "getWidget").since, "3.5");
    assert_eq!(entry(&history, "getGadget").since, "3.18");
    let versions: Vec<&str> = history
        .versions
        .iter()
        .map(|v| v.version.as_str())
        .collect();
    assert_eq!(versions, ["3.5", "3.9", "3.18"]);
    assert_eq!(history.versions[0].content_hash, "sha256:3.5");
    let names: Vec<&str> = history.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["getGadget", "getWidget"], "sorted by name");
}

#[test]
fn a_renamed_entry_is_the_same_endpoint() {
    let documented = [
        version("3.6", vec![get("oldName", "/api/v1/widget/{id}/")]),
        version("3.8", vec![get("newName", "/api/v1/widget/{widget}")]),
    ];
    let history = compute(&documented, &documented[1].spec);
    assert_eq!(entry(&history, "newName").since, "3.6");
    assert!(history.removed_operations.is_empty(), "{history:?}");
}

#[test]
fn later_parameters_and_body_fields_name_the_version_that_added_them() {
    let mut with_body = with_query(get("getWidget", "/api/v1/widget"), &["limit"]);
    let mut v1 = with_body.clone();
    v1.query_params.clear();
    with_body.body = body(vec![field("name", true, Schema::String)]);
    let mut v2 = with_body.clone();
    v2.body = body(vec![
        field("name", true, Schema::String),
        field("colour", false, Schema::String),
    ]);
    let documented = [
        version("3.5", vec![v1]),
        version("3.6", vec![with_body]),
        version("3.8", vec![v2.clone()]),
    ];
    let history = compute(&documented, &v2_spec(&documented));
    let params = &entry(&history, "getWidget").params;
    assert_eq!(
        params
            .iter()
            .map(|p| (p.location, p.name.as_str(), p.added.as_deref()))
            .collect::<Vec<_>>(),
        [
            (ParamPlace::Query, "limit", Some("3.6")),
            (ParamPlace::Body, "colour", Some("3.8")),
            (ParamPlace::Body, "name", Some("3.6")),
        ]
    );
}

fn v2_spec(documented: &[Documented]) -> Spec {
    documented[documented.len() - 1].spec.clone()
}

#[test]
fn a_parameter_a_version_dropped_is_removed_there() {
    let documented = [
        version(
            "3.5",
            vec![with_query(get("getWidget", "/w"), &["limit", "old"])],
        ),
        version(
            "3.6",
            vec![with_query(get("getWidget", "/w"), &["limit", "old"])],
        ),
        version("3.8", vec![with_query(get("getWidget", "/w"), &["limit"])]),
    ];
    let history = compute(&documented, &v2_spec(&documented));
    assert_eq!(
        entry(&history, "getWidget").params,
        [ParamHistory {
            location: ParamPlace::Query,
            name: "old".into(),
            added: None,
            removed: Some("3.8".into()),
        }]
    );
}

#[test]
fn what_only_the_overlay_adds_or_removes_has_no_version_of_its_own() {
    let documented = [
        version("3.5", vec![with_query(get("getWidget", "/w"), &["wrong"])]),
        version("3.6", vec![with_query(get("getWidget", "/w"), &["wrong"])]),
    ];
    // The corrected spec: `wrong` removed, `page` added, one operation only the overlay has.
    let mut current = v2_spec(&documented);
    current.operations[0] = with_query(get("getWidget", "/w"), &["page"]);
    current.operations.push(get("getHidden", "/hidden"));
    let history = compute(&documented, &current);
    assert!(
        entry(&history, "getWidget").params.is_empty(),
        "{history:?}"
    );
    let hidden = entry(&history, "getHidden");
    assert_eq!(hidden.since, "3.6", "the newest version");
    assert!(hidden.undocumented);
    assert!(history.removed_operations.is_empty());
}

#[test]
fn operations_newer_docs_dropped_are_listed_with_the_version() {
    let documented = [
        version("3.5", vec![get("getWidget", "/w"), get("getOld", "/old")]),
        version("3.6", vec![get("getWidget", "/w"), get("getOld", "/old")]),
        version("3.8", vec![get("getWidget", "/w"), get("getDropped", "/d")]),
    ];
    let mut current = v2_spec(&documented);
    // The overlay dropped `getDropped`: not a version's doing.
    current.operations.truncate(1);
    let history = compute(&documented, &current);
    assert_eq!(
        history.removed_operations,
        [RemovedOperation {
            name: "getOld".into(),
            method: Method::Get,
            path: "/old".into(),
            since: "3.5".into(),
            removed: "3.8".into(),
        }]
    );
}

#[test]
fn stamping_writes_since_and_refuses_a_history_that_does_not_fit() {
    let documented = [
        version("3.5", vec![get("getWidget", "/w")]),
        version(
            "3.6",
            vec![
                with_query(get("getWidget", "/w"), &["limit"]),
                get("getGadget", "/g"),
            ],
        ),
    ];
    let history = compute(&documented, &v2_spec(&documented));
    let mut spec = v2_spec(&documented);
    stamp(&mut spec, &history).expect("fits");
    assert_eq!(spec.operations[0].since.as_deref(), Some("3.5"));
    assert_eq!(
        spec.operations[0].param_added(ParamPlace::Query, "limit"),
        Some("3.6")
    );
    assert_eq!(spec.operations[1].since.as_deref(), Some("3.6"));
    let json = spec.to_json();
    assert!(json.contains("\"since\": \"3.5\""), "{json}");
    assert_eq!(Spec::from_json(&json).expect("reads back"), spec);

    // A spec with an operation the history lacks, and without one it has.
    let mut other = v2_spec(&documented);
    other.operations[1].name = "getThing".into();
    let problems = stamp(&mut other, &history).expect_err("stale");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems
        .iter()
        .any(|p| p.contains("`getGadget` is not in the spec")));
    assert!(problems
        .iter()
        .any(|p| p.contains("`getThing` has no entry")));
    assert!(other.operations.iter().all(|op| op.since.is_none()));

    // A parameter the history says was added that the spec lacks.
    let mut other = v2_spec(&documented);
    other.operations[0].query_params.clear();
    let problems = stamp(&mut other, &history).expect_err("stale");
    assert!(
        problems[0].contains("query parameter `limit`"),
        "{problems:?}"
    );

    // Docs of another version.
    let mut other = v2_spec(&documented);
    other.source.docs_version = Some("3.8".into());
    let problems = stamp(&mut other, &history).expect_err("other version");
    assert!(problems[0].contains("built for Quay 3.6"), "{problems:?}");
}

#[test]
fn the_file_round_trips_and_refuses_other_formats() {
    let documented = [version("3.5", vec![get("getWidget", "/w")])];
    let history = compute(&documented, &v2_spec(&documented));
    let json = history.to_json();
    assert!(json.ends_with('\n'));
    assert_eq!(History::from_json(&json).expect("reads"), history);
    assert!(!json.contains("undocumented"), "false is not written");
    let err = History::from_json(r#"{"format_version": 7}"#).expect_err("other format");
    assert!(err.contains('7'), "{err}");
}

#[test]
fn versions_sort_as_numbers() {
    let mut versions = vec!["3.11", "3.5", "3.18", "3.9"];
    versions.sort_by_key(|v| version_key(v));
    assert_eq!(versions, ["3.5", "3.9", "3.11", "3.18"]);
}

#[test]
fn the_docs_versions_of_a_folder_are_listed_oldest_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["3.11", "3.5", "3.9"] {
        std::fs::create_dir(dir.path().join(name)).expect("version dir");
    }
    std::fs::write(dir.path().join("README"), "").expect("a file");
    assert_eq!(
        docs_versions(dir.path()).expect("lists"),
        ["3.5", "3.9", "3.11"]
    );
    let empty = tempfile::tempdir().expect("temp dir");
    assert!(docs_versions(empty.path()).is_err());
}

#[test]
fn path_parameters_are_the_endpoint_and_a_moved_parameter_is_the_same() {
    // The oldest docs list `next_page` in the path table and leave out `{repository}`.
    let mut old = get("listThings", "/api/vi/thing/{repository}");
    old.path_params = vec![field("next_page", false, Schema::String)];
    let mut new = with_query(
        get("listThings", "/api/v1/thing/{repository}"),
        &["next_page"],
    );
    new.path_params = vec![field("repository", true, Schema::String)];
    let documented = [version("3.5", vec![old]), version("3.6", vec![new])];
    let history = compute(&documented, &v2_spec(&documented));
    let entry = entry(&history, "listThings");
    assert_eq!(entry.since, "3.5");
    assert!(entry.params.is_empty(), "{:?}", entry.params);
}

#[test]
fn a_removed_operation_renamed_on_the_way_is_listed_once() {
    let documented = [
        version(
            "3.5",
            vec![get("getWidget", "/w"), get("derivedName", "/img/{id}")],
        ),
        version(
            "3.6",
            vec![get("getWidget", "/w"), get("getImage", "/img/{image}")],
        ),
        version("3.8", vec![get("getWidget", "/w")]),
    ];
    let history = compute(&documented, &v2_spec(&documented));
    assert_eq!(
        history.removed_operations,
        [RemovedOperation {
            name: "getImage".into(),
            method: Method::Get,
            path: "/img/{image}".into(),
            since: "3.5".into(),
            removed: "3.8".into(),
        }]
    );
}
