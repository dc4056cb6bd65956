use super::fixtures::{body, field, op, spec};
use super::*;
use crate::spec::{
    Definition, InferredField, InferredResponse, InferredStruct, InferredType, Operation, Response,
    Schema,
};

const REPO_TAGS: &str = "/api/v1/repository/{repository}/tag/";

fn single(old: Operation, new: Operation) -> ApiDiff {
    diff(&spec("1.0", vec![old]), &spec("2.0", vec![new]))
}

/// The only change of a diff, failing the test if there are more or fewer.
fn only_change(diff: &ApiDiff) -> (&ChangeKind, Impact) {
    assert_eq!(
        diff.changes.len(),
        1,
        "expected one change, got {:#?}",
        diff.changes
    );
    (&diff.changes[0].kind, diff.changes[0].impact)
}

fn list_tags() -> Operation {
    op("listRepoTags", Method::Get, REPO_TAGS)
}

#[test]
fn identical_specs_have_no_changes_and_need_no_bump() {
    let d = single(list_tags(), list_tags());
    assert!(d.is_empty());
    assert_eq!(d.bump(), Bump::None);
}

#[test]
fn moved_source_lines_are_not_changes() {
    let mut moved = list_tags();
    moved.location.line = 99;
    assert!(single(list_tags(), moved).is_empty());
}

#[test]
fn added_operation_is_an_addition() {
    let old = spec("1.0", vec![list_tags()]);
    let new = spec(
        "2.0",
        vec![list_tags(), op("getUser", Method::Get, "/api/v1/user/")],
    );
    let d = diff(&old, &new);
    assert_eq!(d.added_operations(), vec!["getUser"]);
    assert_eq!(only_change(&d).1, Impact::Addition);
    assert_eq!(d.bump(), Bump::Minor);
}

#[test]
fn removed_operation_breaks() {
    let old = spec(
        "1.0",
        vec![list_tags(), op("getUser", Method::Get, "/api/v1/user/")],
    );
    let new = spec("2.0", vec![list_tags()]);
    let d = diff(&old, &new);
    assert_eq!(d.removed_operations(), vec!["getUser"]);
    assert_eq!(only_change(&d).1, Impact::Breaking);
    assert_eq!(d.bump(), Bump::Major);
}

#[test]
fn same_method_and_path_under_a_new_name_is_a_rename() {
    let renamed = op("listRepositoryTags", Method::Get, REPO_TAGS);
    let d = single(list_tags(), renamed);
    assert_eq!(
        d.renamed_operations(),
        vec![("listRepoTags", "listRepositoryTags")]
    );
    assert!(d.added_operations().is_empty());
    assert!(d.removed_operations().is_empty());
    let (kind, impact) = only_change(&d);
    assert!(
        matches!(kind, ChangeKind::OperationRenamed { old_name, .. } if old_name == "listRepoTags")
    );
    assert_eq!(impact, Impact::Breaking);
}

#[test]
fn rename_ignores_placeholder_names_and_reports_other_changes() {
    let mut renamed = op("listTags", Method::Get, "/api/v1/repository/{repo}/tag/");
    renamed.path_params[0].description = "The repository.".into();
    renamed
        .query_params
        .push(field("limit", false, Schema::Integer));
    let d = single(list_tags(), renamed);
    assert_eq!(d.renamed_operations(), vec![("listRepoTags", "listTags")]);
    let kinds: Vec<&ChangeKind> = d.changes.iter().map(|c| &c.kind).collect();
    assert!(kinds
        .iter()
        .any(|k| matches!(k, ChangeKind::PathChanged { .. })));
    assert!(kinds
        .iter()
        .any(|k| matches!(k, ChangeKind::FieldAdded { name, .. } if name == "limit")));
    // The placeholder was renamed in place: the same positional argument, not a removal.
    assert_eq!(kinds.len(), 3, "{kinds:#?}");
}

#[test]
fn different_method_under_a_new_name_is_not_a_rename() {
    let d = single(list_tags(), op("deleteTags", Method::Delete, REPO_TAGS));
    assert!(d.renamed_operations().is_empty());
    assert_eq!(d.added_operations(), vec!["deleteTags"]);
    assert_eq!(d.removed_operations(), vec!["listRepoTags"]);
}

#[test]
fn changed_method_breaks() {
    let d = single(list_tags(), op("listRepoTags", Method::Post, REPO_TAGS));
    let (kind, impact) = only_change(&d);
    assert!(matches!(
        kind,
        ChangeKind::MethodChanged {
            old: Method::Get,
            new: Method::Post
        }
    ));
    assert_eq!(impact, Impact::Breaking);
}

#[test]
fn changed_path_with_the_same_parameters_is_a_patch() {
    let d = single(
        list_tags(),
        op(
            "listRepoTags",
            Method::Get,
            "/api/v1/repository/{repository}/tags",
        ),
    );
    let (kind, impact) = only_change(&d);
    assert!(matches!(kind, ChangeKind::PathChanged { .. }));
    assert_eq!(impact, Impact::Patch);
    assert_eq!(d.bump(), Bump::Patch);
}

#[test]
fn new_optional_query_parameter_is_an_addition() {
    let mut new = list_tags();
    new.query_params.push(field("page", false, Schema::Integer));
    let d = single(list_tags(), new);
    let (kind, impact) = only_change(&d);
    assert!(matches!(
        kind,
        ChangeKind::FieldAdded {
            place: Place::Query,
            required: false,
            ..
        }
    ));
    assert_eq!(impact, Impact::Addition);
}

#[test]
fn new_required_parameter_breaks() {
    let mut new = list_tags();
    new.query_params.push(field("page", true, Schema::Integer));
    let d = single(list_tags(), new);
    let (kind, impact) = only_change(&d);
    assert!(matches!(
        kind,
        ChangeKind::FieldAdded { required: true, .. }
    ));
    assert_eq!(impact, Impact::Breaking);
}

#[test]
fn removed_parameter_breaks() {
    let mut old = list_tags();
    old.query_params.push(field("page", false, Schema::Integer));
    let d = single(old, list_tags());
    let (kind, impact) = only_change(&d);
    assert!(
        matches!(kind, ChangeKind::FieldRemoved { place: Place::Query, name } if name == "page")
    );
    assert_eq!(impact, Impact::Breaking);
}

#[test]
fn required_ness_changes_break_both_ways() {
    let with = |required| {
        let mut o = list_tags();
        o.query_params
            .push(field("page", required, Schema::Integer));
        o
    };
    for (before, after) in [(false, true), (true, false)] {
        let d = single(with(before), with(after));
        let (kind, impact) = only_change(&d);
        assert!(matches!(kind, ChangeKind::RequiredChanged { required, .. } if *required == after));
        assert_eq!(impact, Impact::Breaking);
    }
}

#[test]
fn changed_parameter_type_breaks() {
    let with = |schema| {
        let mut o = list_tags();
        o.query_params.push(field("page", false, schema));
        o
    };
    let d = single(with(Schema::Integer), with(Schema::String));
    let (kind, impact) = only_change(&d);
    assert!(
        matches!(kind, ChangeKind::TypeChanged { old, new, .. } if old == "integer" && new == "string")
    );
    assert_eq!(impact, Impact::Breaking);
}

#[test]
fn parameter_moved_from_query_to_body_breaks() {
    let mut old = list_tags();
    old.query_params.push(field("page", false, Schema::Integer));
    let mut new = list_tags();
    new.body = body(vec![field("page", false, Schema::Integer)]);
    let d = single(old, new);
    let (kind, impact) = only_change(&d);
    assert!(matches!(
        kind,
        ChangeKind::FieldMoved {
            old: Place::Query,
            new: Place::Body,
            ..
        }
    ));
    assert_eq!(impact, Impact::Breaking);
}

#[test]
fn body_fields_are_struct_fields_so_any_new_one_breaks() {
    let mut old = list_tags();
    old.body = body(vec![field("name", true, Schema::String)]);
    let mut new = list_tags();
    new.body = body(vec![
        field("name", true, Schema::String),
        field("note", false, Schema::String),
        field("kind", true, Schema::String),
    ]);
    let d = single(old, new);
    let impacts: Vec<(String, Impact)> = d
        .changes
        .iter()
        .filter_map(|c| match &c.kind {
            ChangeKind::FieldAdded {
                place: Place::Body,
                name,
                ..
            } => Some((name.clone(), c.impact)),
            _ => None,
        })
        .collect();
    assert_eq!(
        impacts,
        vec![
            ("note".to_string(), Impact::Breaking),
            ("kind".to_string(), Impact::Breaking)
        ]
    );
}

#[test]
fn scopes_changes_are_patches() {
    let mut new = list_tags();
    new.authorization.scopes = vec!["repo:write".into()];
    let d = single(list_tags(), new);
    let (kind, impact) = only_change(&d);
    assert_eq!(
        kind,
        &ChangeKind::ScopesChanged {
            added: vec!["repo:write".into()],
            removed: vec!["repo:read".into()]
        }
    );
    assert_eq!(impact, Impact::Patch);
}

#[test]
fn auth_scheme_change_is_a_patch() {
    let mut new = list_tags();
    new.authorization = Default::default();
    let d = single(list_tags(), new);
    assert!(d
        .changes
        .iter()
        .any(|c| matches!(c.kind, ChangeKind::AuthSchemeChanged { new: None, .. })));
    assert!(d.changes.iter().all(|c| c.impact == Impact::Patch));
}

#[test]
fn response_codes_added_or_removed_are_patches() {
    let mut new = list_tags();
    new.responses.retain(|r| r.code != 400);
    new.responses.push(Response {
        code: 404,
        description: "Not found".into(),
        schema: None,
    });
    let d = single(list_tags(), new);
    let kinds: Vec<&ChangeKind> = d.changes.iter().map(|c| &c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            &ChangeKind::ResponseAdded { code: 404 },
            &ChangeKind::ResponseRemoved { code: 400 }
        ]
    );
    assert_eq!(d.bump(), Bump::Patch);
}

#[test]
fn changed_success_type_breaks() {
    let mut new = list_tags();
    new.responses[0].schema = Some(Schema::Ref {
        name: "ApiError".into(),
    });
    let d = single(list_tags(), new);
    let (kind, impact) = only_change(&d);
    assert_eq!(
        kind,
        &ChangeKind::ResponseTypeChanged {
            old: "serde_json::Value".into(),
            new: "models::ApiError".into()
        }
    );
    assert_eq!(impact, Impact::Breaking);
}

/// `listRepoTags` typed from examples: a struct `name` with string fields `fields`, learned
/// from `outputs` outputs (two or more make present fields plain).
fn typed(name: &str, fields: &[(&str, InferredType)], outputs: u32) -> Operation {
    let mut op = list_tags();
    op.response_schema = Some(InferredResponse {
        body: InferredType::Struct { name: name.into() },
        types: vec![InferredStruct {
            name: name.into(),
            fields: fields
                .iter()
                .map(|(n, ty)| InferredField {
                    name: (*n).into(),
                    optional: false,
                    ty: ty.clone(),
                    evidence: Default::default(),
                })
                .collect(),
        }],
        provenance: (1..=outputs)
            .map(|line| crate::spec::Location {
                file: "tags.adoc".into(),
                line,
            })
            .collect(),
        observed: 0,
    });
    op
}

#[test]
fn a_typed_response_that_becomes_untyped_breaks_and_back() {
    let tags = typed("Tags", &[("name", InferredType::String)], 1);
    let lost = single(tags.clone(), list_tags());
    let (kind, impact) = only_change(&lost);
    assert_eq!(
        kind,
        &ChangeKind::ResponseTypeChanged {
            old: "models::Tags".into(),
            new: "serde_json::Value".into()
        }
    );
    assert_eq!(impact, Impact::Breaking);
    assert_eq!(lost.bump(), Bump::Major);
    let gained = single(list_tags(), tags);
    assert_eq!(gained.count(Impact::Breaking), 1, "{:#?}", gained.changes);
    assert!(lost
        .to_markdown(&MarkdownOptions::default())
        .contains("**breaking**: returns `serde_json::Value` instead of `models::Tags`"));
}

#[test]
fn response_fields_removed_added_and_retyped_break() {
    let old = typed(
        "Tags",
        &[
            ("name", InferredType::String),
            ("size", InferredType::Integer),
        ],
        2,
    );
    let new = typed(
        "Tags",
        &[
            ("name", InferredType::Integer),
            ("digest", InferredType::String),
        ],
        2,
    );
    let d = single(old, new);
    let kinds: Vec<&ChangeKind> = d.changes.iter().map(|c| &c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            &ChangeKind::ResponseFieldRetyped {
                name: "name".into(),
                old: "String".into(),
                new: "i64".into()
            },
            &ChangeKind::ResponseFieldAdded {
                name: "digest".into(),
                ty: "String".into()
            },
            &ChangeKind::ResponseFieldRemoved {
                name: "size".into()
            },
        ]
    );
    assert!(d.changes.iter().all(|c| c.impact == Impact::Breaking));
    // One output: the same field becomes `Option`, which callers see too.
    let fewer = single(
        typed("Tags", &[("name", InferredType::String)], 2),
        typed("Tags", &[("name", InferredType::String)], 1),
    );
    assert_eq!(
        only_change(&fewer).0,
        &ChangeKind::ResponseFieldRetyped {
            name: "name".into(),
            old: "String".into(),
            new: "Option<String>".into()
        }
    );
}

#[test]
fn a_renamed_response_model_breaks_and_nested_fields_have_paths() {
    let nested = |outer: &str, inner_fields: &[(&str, InferredType)]| {
        let mut op = typed(
            outer,
            &[(
                "token",
                InferredType::Struct {
                    name: "Token".into(),
                },
            )],
            1,
        );
        let schema = op.response_schema.as_mut().expect("typed");
        schema.types.push(InferredStruct {
            name: "Token".into(),
            fields: inner_fields
                .iter()
                .map(|(n, ty)| InferredField {
                    name: (*n).into(),
                    optional: true,
                    ty: ty.clone(),
                    evidence: Default::default(),
                })
                .collect(),
        });
        op
    };
    let d = single(
        nested("Created", &[("title", InferredType::String)]),
        nested("NewToken", &[("code", InferredType::String)]),
    );
    let kinds: Vec<&ChangeKind> = d.changes.iter().map(|c| &c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            &ChangeKind::ResponseModelRenamed {
                at: String::new(),
                old: "Created".into(),
                new: "NewToken".into()
            },
            &ChangeKind::ResponseFieldAdded {
                name: "token.code".into(),
                ty: "Option<String>".into()
            },
            &ChangeKind::ResponseFieldRemoved {
                name: "token.title".into()
            },
        ]
    );
    assert_eq!(d.bump(), Bump::Major);
}

#[test]
fn untyped_success_bodies_are_one_type() {
    // Both are returned as a JSON value by the generated method.
    let mut new = list_tags();
    new.responses[0].schema = Some(Schema::array(Schema::String));
    assert!(single(list_tags(), new).is_empty());
}

#[test]
fn definition_field_required_ness_is_a_patch() {
    let old = spec("1.0", vec![]);
    let mut new = spec("2.0", vec![]);
    new.definitions[0].fields[0].required = false;
    let d = diff(&old, &new);
    let (kind, impact) = only_change(&d);
    assert!(matches!(
        kind,
        ChangeKind::RequiredChanged {
            place: Place::Field,
            required: false,
            ..
        }
    ));
    assert_eq!(impact, Impact::Patch);
}

#[test]
fn description_changes_are_patches_and_reflowing_is_not_a_change() {
    let mut reflowed = list_tags();
    reflowed.description = "Does   a\n thing.".into();
    assert!(single(list_tags(), reflowed).is_empty());

    let mut new = list_tags();
    new.description = "Lists the tags.".into();
    new.path_params[0].description = "namespace/name".into();
    let d = single(list_tags(), new);
    let whats: Vec<&str> = d
        .changes
        .iter()
        .map(|c| match &c.kind {
            ChangeKind::DescriptionChanged { what, .. } => what.as_str(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(whats, vec!["operation", "path parameter `repository`"]);
    assert_eq!(d.bump(), Bump::Patch);
}

#[test]
fn group_move_breaks() {
    let mut new = list_tags();
    new.group = "tag".into();
    let d = single(list_tags(), new);
    let (kind, impact) = only_change(&d);
    assert!(matches!(kind, ChangeKind::GroupChanged { .. }));
    // The method moves to another group's API (`client.tag()`).
    assert_eq!(impact, Impact::Breaking);
}

#[test]
fn definitions_added_removed_and_fields() {
    let old = spec("1.0", vec![]);
    let mut new = spec("2.0", vec![]);
    new.definitions[0]
        .fields
        .push(field("detail", true, Schema::String));
    new.definitions[0].fields[0].schema = Schema::String;
    new.definitions.push(Definition {
        name: "UserView".into(),
        description: String::new(),
        fields: Vec::new(),
    });
    let d = diff(&old, &new);
    let summary: Vec<(&str, &ChangeKind, Impact)> = d
        .changes
        .iter()
        .map(|c| (c.subject.name(), &c.kind, c.impact))
        .collect();
    assert!(matches!(
        summary[0],
        ("ApiError", ChangeKind::TypeChanged { .. }, Impact::Breaking)
    ));
    // Definitions are exhaustive structs with public fields: a new field breaks struct literals.
    assert!(matches!(
        summary[1],
        ("ApiError", ChangeKind::FieldAdded { .. }, Impact::Breaking)
    ));
    assert!(matches!(
        summary[2],
        ("UserView", ChangeKind::DefinitionAdded, Impact::Addition)
    ));
    assert_eq!(summary.len(), 3);

    let back = diff(&new, &old);
    assert!(back
        .changes
        .iter()
        .any(|c| c.kind == ChangeKind::DefinitionRemoved && c.impact == Impact::Breaking));
}

#[test]
fn duplicate_names_compare_their_first_entries() {
    let old = spec(
        "1.0",
        vec![list_tags(), op("listRepoTags", Method::Get, "/other")],
    );
    let new = spec("2.0", vec![list_tags()]);
    assert!(diff(&old, &new).is_empty());
}

#[test]
fn markdown_lists_changes_by_class_and_ends_with_the_bump() {
    let mut changed = list_tags();
    changed
        .query_params
        .push(field("page", true, Schema::Integer));
    changed.description = "New words.".into();
    let old = spec(
        "3.17",
        vec![list_tags(), op("getUser", Method::Get, "/api/v1/user/")],
    );
    let new = spec(
        "3.18",
        vec![
            changed,
            op("getOrg", Method::Get, "/api/v1/organization/{orgname}"),
        ],
    );
    let d = diff(&old, &new);
    let text = d.to_markdown(&MarkdownOptions::default());
    assert!(
        text.starts_with("# API changes from Quay 3.17 to 3.18\n"),
        "{text}"
    );
    assert!(text.contains("## Operations added (1)\n\n- addition: `getOrg` — `GET /api/v1/organization/{orgname}`"), "{text}");
    assert!(
        text.contains("## Operations removed (1)\n\n- **breaking**: `getUser`"),
        "{text}"
    );
    assert!(
        text.contains(
            "### `listRepoTags`\n\n- **breaking**: new required query parameter `page` (integer)"
        ),
        "{text}"
    );
    assert!(text.contains("1 description(s) changed"), "{text}");
    assert!(
        text.contains(
            "**2 breaking**, 1 addition(s), 1 patch-level change(s) (1 of them descriptions)."
        ),
        "{text}"
    );
    assert!(
        !text.contains("New words"),
        "descriptions are collapsed by default: {text}"
    );
    assert!(
        text.trim_end()
            .ends_with("needs a **major** bump (2 breaking change(s))."),
        "{text}"
    );

    let listed = d.to_markdown(&MarkdownOptions {
        list_descriptions: true,
        heading_level: 2,
    });
    assert!(listed.starts_with("## API changes"), "{listed}");
    assert!(listed.contains("- `listRepoTags`: operation\n"), "{listed}");
}

#[test]
fn empty_diff_report_says_no_bump() {
    let text = single(list_tags(), list_tags()).to_markdown(&MarkdownOptions::default());
    assert!(text.contains("No API changes."));
    assert!(text
        .trim_end()
        .ends_with("No bump: the generated crate does not change."));
}

#[test]
fn json_report_tags_each_change() {
    let d = single(list_tags(), op("listRepoTags", Method::Post, REPO_TAGS));
    let value: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(value["changes"][0]["change"], "method_changed");
    assert_eq!(value["changes"][0]["impact"], "breaking");
    assert_eq!(value["changes"][0]["subject"]["operation"], "listRepoTags");
    assert_eq!(value["new_version"], "2.0");
}

#[test]
fn bump_applies_semver_with_the_zero_major_rule() {
    assert_eq!(Bump::Major.apply("1.2.3").unwrap(), "2.0.0");
    assert_eq!(Bump::Minor.apply("1.2.3").unwrap(), "1.3.0");
    assert_eq!(Bump::Patch.apply("1.2.3").unwrap(), "1.2.4");
    assert_eq!(Bump::None.apply("1.2.3").unwrap(), "1.2.3");
    assert_eq!(Bump::Major.apply("0.2.3").unwrap(), "0.3.0");
    assert_eq!(Bump::Minor.apply("0.2.3").unwrap(), "0.2.4");
    assert_eq!(Bump::Patch.apply("0.2.3").unwrap(), "0.2.4");
    assert_eq!(Bump::Major.apply("0.0.3").unwrap(), "0.0.4");
    assert_eq!(Bump::Patch.apply("1.0.0-beta.1").unwrap(), "1.0.1");
    let err = Bump::Major.apply("one").unwrap_err();
    assert!(err.to_string().contains("`one`"), "{err}");
}

#[test]
fn changelog_entry_goes_on_top_under_the_title() {
    let d = single(list_tags(), op("listRepoTags", Method::Post, REPO_TAGS));
    let existing = "# Changelog\n\n## 0.1.0 — Quay 3.17\n\nFirst release.\n";
    let text = prepend(existing, "0.2.0 — Quay 3.18", &d);
    assert!(
        text.starts_with(
            "# Changelog\n\n## 0.2.0 — Quay 3.18\n\n### API changes from Quay 1.0 to 2.0\n"
        ),
        "{text}"
    );
    assert!(text.contains("#### Semver"), "{text}");
    assert!(
        text.ends_with("\n## 0.1.0 — Quay 3.17\n\nFirst release.\n"),
        "{text}"
    );
    assert_eq!(text.matches("# Changelog").count(), 1);

    let fresh = prepend("", "0.1.0 — Quay 3.18", &d);
    assert!(
        fresh.starts_with("# Changelog\n\n## 0.1.0 — Quay 3.18\n\n"),
        "{fresh}"
    );
    assert!(
        fresh.ends_with(".\n") && !fresh.ends_with("\n\n"),
        "{fresh:?}"
    );
}

#[test]
fn release_bumps_and_prepends_only_when_the_api_changed() {
    let old = spec("3.17", vec![list_tags()]);
    let mut relocated = spec("3.18", vec![list_tags()]);
    relocated.operations[0].location.line = 40;
    assert_eq!(
        release(&old, &relocated, "# Changelog\n", "0.3.1").unwrap(),
        None
    );

    let new = spec(
        "3.18",
        vec![list_tags(), op("getUser", Method::Get, "/api/v1/user/")],
    );
    let next = release(&old, &new, "# Changelog\n", "0.3.1")
        .unwrap()
        .unwrap();
    assert_eq!(next.bump, Bump::Minor);
    assert_eq!(next.version, "0.3.2");
    assert!(
        next.changelog
            .starts_with("# Changelog\n\n## 0.3.2 — Quay 3.18 docs\n"),
        "{}",
        next.changelog
    );

    assert!(release(&old, &new, "", "latest").is_err());
}

#[test]
fn rename_prefers_the_exact_path() {
    let old = spec(
        "1.0",
        vec![
            op("getByName", Method::Get, "/api/v1/team/{name}"),
            op("getById", Method::Get, "/api/v1/team/{id}"),
        ],
    );
    let new = spec("2.0", vec![op("getTeam", Method::Get, "/api/v1/team/{id}")]);
    let d = diff(&old, &new);
    assert_eq!(d.renamed_operations(), vec![("getById", "getTeam")]);
    assert_eq!(d.removed_operations(), vec!["getByName"]);
}

#[test]
fn placeholder_renamed_in_place_keeps_comparing_the_parameter() {
    let mut new = op(
        "listRepoTags",
        Method::Get,
        "/api/v1/repository/{repo}/tag/",
    );
    new.path_params[0].schema = Schema::Integer;
    new.path_params[0].description = "The repository.".into();
    let d = single(list_tags(), new);
    let kinds: Vec<&ChangeKind> = d.changes.iter().map(|c| &c.kind).collect();
    assert!(
        matches!(kinds[0], ChangeKind::PathChanged { .. }),
        "{kinds:#?}"
    );
    assert!(
        matches!(kinds[1], ChangeKind::TypeChanged { place: Place::Path, name, .. } if name == "repo"),
        "{kinds:#?}"
    );
    assert_eq!(kinds.len(), 2, "{kinds:#?}");
}

#[test]
fn markdown_shows_a_rename_once_not_as_removal_and_addition() {
    let d = single(
        list_tags(),
        op("listRepositoryTags", Method::Get, REPO_TAGS),
    );
    let text = d.to_markdown(&MarkdownOptions::default());
    assert!(
        text.contains("## Operations renamed (1)\n\n- **breaking**: `listRepoTags` → `listRepositoryTags` — `GET /api/v1/repository/{repository}/tag/`\n"),
        "{text}"
    );
    assert!(!text.contains("Operations added"), "{text}");
    assert!(!text.contains("Operations removed"), "{text}");
}
