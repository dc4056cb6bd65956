//! The worked examples of the crate's front page (`README.md`, also its rustdoc): a few tasks
//! people automate, written by hand as a user would write them (and what the hand-written
//! `examples/prune_tags.rs` needs). Each is emitted only when the
//! client has every call, type and field it uses, checked against the model here, so the
//! page's doctests compile for the spec of any docs version (a version without them simply has
//! fewer examples).

use super::model::{ClientModel, OperationModel, RustType};

/// A worked example: a heading, a sentence on what it shows, the code, and what it needs.
pub struct WorkedExample {
    pub title: &'static str,
    pub lead: &'static str,
    /// The body of an `async fn(client: quay_client::Client) -> quay_client::Result<()>`.
    pub code: &'static str,
    needs: &'static [Need],
}

/// One thing an example's code relies on.
enum Need {
    /// `client.<group>().<method>(..)` with this many positional arguments (path and required
    /// query parameters) and a body of this struct, or none.
    Call {
        group: &'static str,
        method: &'static str,
        positional: usize,
        body: Option<&'static str>,
    },
    /// `.pages()` on the call (a paginated listing).
    Pages {
        group: &'static str,
        method: &'static str,
    },
    /// An optional query parameter's setter on the call's builder.
    Setter {
        group: &'static str,
        method: &'static str,
        setter: &'static str,
    },
    /// `.items()` on the call, its item struct with this plain (not `Option`) field.
    ItemField {
        group: &'static str,
        method: &'static str,
        field: &'static str,
        ty: &'static str,
    },
    /// The call's typed response struct with this plain field.
    ResponseField {
        group: &'static str,
        method: &'static str,
        field: &'static str,
        ty: &'static str,
    },
    /// A body struct whose `new` takes exactly these fields, and with these setters.
    Body {
        name: &'static str,
        required: &'static [&'static str],
        setters: &'static [&'static str],
    },
    /// An enum with this variant.
    Variant {
        name: &'static str,
        variant: &'static str,
    },
}

const EXAMPLES: &[WorkedExample] = &[
    WorkedExample {
        title: "List and prune tags",
        lead: "Walk every active tag of a repository page by page as typed items, keep the ten \
               newest and delete the rest (`examples/prune_tags.rs` is the full program, with a \
               dry run).",
        code: r#"use futures_util::TryStreamExt;

let repository = "myorg/myrepo";
let mut tags: Vec<_> = client
    .tag()
    .list_repo_tags(repository)
    .only_active_tags(true)
    .limit(100)
    .items()
    .try_collect()
    .await?;
tags.sort_by_key(|tag| std::cmp::Reverse(tag.start_ts));
for tag in tags.iter().skip(10) {
    client.tag().delete_full_tag(repository, &tag.name).send().await?;
    println!("deleted {}", tag.name);
}"#,
        needs: &[
            Need::Call {
                group: "tag",
                method: "list_repo_tags",
                positional: 1,
                body: None,
            },
            Need::Setter {
                group: "tag",
                method: "list_repo_tags",
                setter: "only_active_tags",
            },
            Need::Setter {
                group: "tag",
                method: "list_repo_tags",
                setter: "limit",
            },
            Need::ItemField {
                group: "tag",
                method: "list_repo_tags",
                field: "start_ts",
                ty: "i64",
            },
            Need::ItemField {
                group: "tag",
                method: "list_repo_tags",
                field: "name",
                ty: "String",
            },
            Need::Call {
                group: "tag",
                method: "delete_full_tag",
                positional: 2,
                body: None,
            },
        ],
    },
    WorkedExample {
        title: "Create a robot account and grant it a repository permission",
        lead: "A robot for a deployment job, with write access to one repository. The response \
               also holds the robot's token: hand it to the job's secret store, never to a log.",
        code: r#"use quay_client::models::{
    ChangeUserPermissionsBody, ChangeUserPermissionsBodyRole, CreateOrgRobotBody,
};

let robot = client
    .robot()
    .create_org_robot("myorg", "deployer", CreateOrgRobotBody::new().description("deploys"))
    .send()
    .await?;
let robot_name = robot.body().name.clone(); // "myorg+deployer"
client
    .permission()
    .change_user_permissions(
        "myorg/myrepo",
        robot_name.as_str(),
        ChangeUserPermissionsBody::new(ChangeUserPermissionsBodyRole::Write),
    )
    .send()
    .await?;
println!("{robot_name} can now push to myorg/myrepo");"#,
        needs: &[
            Need::Call {
                group: "robot",
                method: "create_org_robot",
                positional: 2,
                body: Some("CreateOrgRobotBody"),
            },
            Need::Body {
                name: "CreateOrgRobotBody",
                required: &[],
                setters: &["description"],
            },
            Need::ResponseField {
                group: "robot",
                method: "create_org_robot",
                field: "name",
                ty: "String",
            },
            Need::Call {
                group: "permission",
                method: "change_user_permissions",
                positional: 2,
                body: Some("ChangeUserPermissionsBody"),
            },
            Need::Body {
                name: "ChangeUserPermissionsBody",
                required: &["role"],
                setters: &[],
            },
            Need::Variant {
                name: "ChangeUserPermissionsBodyRole",
                variant: "Write",
            },
        ],
    },
    WorkedExample {
        title: "Set an organization's storage quota",
        lead: "Give an organization a 10 GiB quota, then read back the quotas it has.",
        code: r#"use quay_client::models::CreateOrganizationQuotaBody;

let ten_gib = 10 * 1024 * 1024 * 1024;
client
    .namespacequota()
    .create_organization_quota("myorg", CreateOrganizationQuotaBody::new(ten_gib))
    .send()
    .await?;
let quotas = client
    .namespacequota()
    .list_organization_quota("myorg")
    .send()
    .await?;
println!("{:?}", quotas.body());"#,
        needs: &[
            Need::Call {
                group: "namespacequota",
                method: "create_organization_quota",
                positional: 1,
                body: Some("CreateOrganizationQuotaBody"),
            },
            Need::Body {
                name: "CreateOrganizationQuotaBody",
                required: &["limit_bytes"],
                setters: &[],
            },
            Need::Call {
                group: "namespacequota",
                method: "list_organization_quota",
                positional: 1,
                body: None,
            },
        ],
    },
];

/// What the hand-written `examples/prune_tags.rs` calls: a paginated
/// `tag().list_repo_tags(repository)` with `only_active_tags` and `limit` setters, and
/// `tag().delete_full_tag(repository, tag)`. For another version's spec it is not built.
const PRUNE_TAGS_PROGRAM: &[Need] = &[
    Need::Call {
        group: "tag",
        method: "list_repo_tags",
        positional: 1,
        body: None,
    },
    Need::Pages {
        group: "tag",
        method: "list_repo_tags",
    },
    Need::Setter {
        group: "tag",
        method: "list_repo_tags",
        setter: "only_active_tags",
    },
    Need::Setter {
        group: "tag",
        method: "list_repo_tags",
        setter: "limit",
    },
    Need::Call {
        group: "tag",
        method: "delete_full_tag",
        positional: 2,
        body: None,
    },
];

/// Whether the client has every call of `examples/prune_tags.rs` (its `Cargo.toml` then
/// declares the example).
pub fn has_prune_tags_program(model: &ClientModel<'_>) -> bool {
    PRUNE_TAGS_PROGRAM.iter().all(|need| meets(model, need))
}

/// The examples whose every need the client meets, in page order.
pub fn applicable(model: &ClientModel<'_>) -> Vec<&'static WorkedExample> {
    EXAMPLES
        .iter()
        .filter(|example| example.needs.iter().all(|need| meets(model, need)))
        .collect()
}

fn meets(model: &ClientModel<'_>, need: &Need) -> bool {
    match need {
        Need::Call {
            group,
            method,
            positional,
            body,
        } => operation(model, group, method).is_some_and(|op| {
            op.path_params.len() + op.required_query.len() == *positional
                && !op.body_array
                && op.body.as_deref() == *body
        }),
        Need::Pages { group, method } => {
            operation(model, group, method).is_some_and(|op| op.pagination.is_some())
        }
        Need::Setter {
            group,
            method,
            setter,
        } => operation(model, group, method)
            .is_some_and(|op| op.optional_query.iter().any(|q| q.ident == *setter)),
        Need::ItemField {
            group,
            method,
            field,
            ty,
        } => operation(model, group, method)
            .and_then(|op| op.items.as_ref())
            .is_some_and(|items| has_plain_field(model, &items.ty, field, ty)),
        Need::ResponseField {
            group,
            method,
            field,
            ty,
        } => operation(model, group, method)
            .is_some_and(|op| has_plain_field(model, &op.response, field, ty)),
        Need::Body {
            name,
            required,
            setters,
        } => model.struct_named(name).is_some_and(|body| {
            let constructor: Vec<&str> = body
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.ident.as_str())
                .collect();
            constructor == *required
                && setters
                    .iter()
                    .all(|s| body.fields.iter().any(|f| !f.required && f.ident == *s))
        }),
        Need::Variant { name, variant } => model
            .enum_named(name)
            .is_some_and(|e| e.variants.iter().any(|v| v.ident == *variant)),
    }
}

fn operation<'m>(
    model: &'m ClientModel<'_>,
    group: &str,
    method: &str,
) -> Option<&'m OperationModel<'m>> {
    model
        .groups
        .iter()
        .find(|g| g.module == group)?
        .operations
        .iter()
        .find(|op| op.method_name == method)
}

/// Whether `ty` is a model struct with the plain field `field` of Rust type `rust`.
fn has_plain_field(model: &ClientModel<'_>, ty: &RustType, field: &str, rust: &str) -> bool {
    let RustType::Model(name) = ty else {
        return false;
    };
    model.struct_named(name).is_some_and(|s| {
        s.fields
            .iter()
            .any(|f| f.ident == field && f.required && f.ty.tokens().to_string() == rust)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::testing;

    #[test]
    fn a_client_without_the_calls_has_no_worked_examples() {
        let spec = testing::spec(vec![testing::operation(
            "getLoggedInUser",
            crate::spec::Method::Get,
            "/api/v1/user/",
        )]);
        let model = ClientModel::new(&spec);
        assert!(applicable(&model).is_empty());
    }

    #[test]
    fn every_example_is_a_complete_statement_list() {
        for example in EXAMPLES {
            let wrapped = format!(
                "async fn f() -> Result<(), ()> {{ {} Ok(()) }}",
                example.code
            );
            assert!(
                syn::parse_str::<syn::ItemFn>(&wrapped).is_ok(),
                "{} does not parse",
                example.title
            );
            assert!(!example.needs.is_empty(), "{}", example.title);
        }
    }
}
