//! The command-line model: the client model seen as commands, with every command, flag and
//! value name chosen once, in spec order, so the printing modules only print.
//!
//! Names are kebab-case of the documented names (`listRepoTags` -> `list-repo-tags`,
//! `onlyActiveTags` -> `--only-active-tags`). A flag that would take a global option's name
//! (`--token`) or another flag's is renamed by where it goes (`--query-token`, `--field-name`),
//! then numbered.

use std::collections::BTreeSet;

use heck::{ToKebabCase, ToShoutySnakeCase};

use crate::emit::model::{
    ClientModel, FieldModel, GroupModel, OperationModel, ParamModel, RustType,
};

/// Long options of `quay` itself (global, so they reach every command) and of every generated
/// command; no generated flag may take them.
pub const RESERVED_LONGS: &[&str] = &[
    "url",
    "token",
    "token-file",
    "profile",
    "output",
    "allow-insecure-http",
    "all",
    "body",
    "help",
    "version",
];

/// Commands of `quay` that are not generated from groups.
const RESERVED_GROUPS: &[&str] = &["config", "completions", "help"];

/// Commands a group gets by hand (`quay tag prune`).
const RESERVED_COMMANDS: &[&str] = &["prune", "help"];

/// How a value is read from the command line (mirrors `runtime::args::Kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    /// Any JSON value.
    Json,
    /// A JSON object.
    JsonObject,
    /// One of a body field's enum values (the values are in [`FieldFlag::values`]).
    OneOf,
}

impl Kind {
    /// The `runtime::args::Kind` variant.
    pub fn variant(self) -> &'static str {
        match self {
            Kind::String => "String",
            Kind::Integer => "Integer",
            Kind::Number => "Number",
            Kind::Boolean => "Boolean",
            Kind::Json => "Json",
            Kind::JsonObject => "JsonObject",
            Kind::OneOf => "OneOf",
        }
    }
}

/// A positional argument (a path parameter).
#[derive(Debug, Clone)]
pub struct Positional<'m> {
    /// clap id and value name (`REPOSITORY`).
    pub id: String,
    pub kind: Kind,
    pub param: &'m ParamModel,
}

/// A query parameter as a flag.
#[derive(Debug, Clone)]
pub struct QueryFlag<'m> {
    /// Long name without dashes; also the clap id.
    pub long: String,
    pub kind: Kind,
    /// Repeated flag for a list parameter.
    pub multiple: bool,
    /// Required by the docs: a positional argument of the client method.
    pub required: bool,
    pub param: &'m ParamModel,
}

/// A body field as a flag.
#[derive(Debug, Clone)]
pub struct FieldFlag<'m> {
    pub long: String,
    pub kind: Kind,
    /// A list of strings given as a repeated flag.
    pub multiple: bool,
    /// The wire values of an enum field ([`Kind::OneOf`]), in the spec's order.
    pub values: Vec<String>,
    /// Whether the field has a flag: not for the items of an array body (only `--body`).
    pub flag: bool,
    pub field: &'m FieldModel,
}

/// The array a list answer's rows come from and the columns shown by `-o table`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableModel {
    /// The field of the response holding the rows; `None` when the response is the array.
    pub items: Option<String>,
    /// Wire names of the row type's scalar fields, in struct order.
    pub columns: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct CliOperation<'m, 's> {
    pub group: &'m GroupModel<'s>,
    pub op: &'m OperationModel<'s>,
    /// The group's command (`tag`).
    pub group_command: String,
    /// `list-repo-tags`.
    pub command: String,
    pub positionals: Vec<Positional<'m>>,
    pub query: Vec<QueryFlag<'m>>,
    /// Body fields, when the operation has a body.
    pub fields: Vec<FieldFlag<'m>>,
    pub table: Option<TableModel>,
}

#[derive(Debug, Clone)]
pub struct CliGroup<'m, 's> {
    pub group: &'m GroupModel<'s>,
    /// `quay org-mirror`.
    pub command: String,
    /// File stem under `src/commands/` (the client's group module, `org_mirror`, unescaped).
    pub module: String,
    /// The module as an identifier (`r#type` for a group named `type`).
    pub module_ident: String,
    pub operations: Vec<CliOperation<'m, 's>>,
}

#[derive(Debug)]
pub struct CliModel<'m, 's> {
    pub client: &'m ClientModel<'s>,
    pub groups: Vec<CliGroup<'m, 's>>,
}

impl<'m, 's> CliModel<'m, 's> {
    pub fn new(client: &'m ClientModel<'s>) -> Self {
        let mut group_names = Names::reserved(RESERVED_GROUPS);
        let groups = client
            .groups
            .iter()
            .map(|group| {
                let mut command_names = Names::reserved(RESERVED_COMMANDS);
                let command = group_names.take(&kebab(&group.name), "");
                CliGroup {
                    group,
                    module: group.module.trim_start_matches("r#").to_string(),
                    module_ident: group.module.clone(),
                    operations: group
                        .operations
                        .iter()
                        .map(|op| lower_operation(client, group, &command, op, &mut command_names))
                        .collect(),
                    command,
                }
            })
            .collect();
        CliModel { client, groups }
    }

    pub fn operations(&self) -> impl Iterator<Item = (&CliGroup<'m, 's>, &CliOperation<'m, 's>)> {
        self.groups
            .iter()
            .flat_map(|g| g.operations.iter().map(move |o| (g, o)))
    }
}

fn lower_operation<'m, 's>(
    client: &'m ClientModel<'s>,
    group: &'m GroupModel<'s>,
    group_command: &str,
    op: &'m OperationModel<'s>,
    commands: &mut Names,
) -> CliOperation<'m, 's> {
    let mut longs = Names::reserved(RESERVED_LONGS);
    let mut ids = Names::reserved(&[]);
    let positionals = op
        .path_params
        .iter()
        .map(|param| Positional {
            id: ids.take(&value_name(&param.wire), ""),
            kind: scalar_kind(&param.ty),
            param,
        })
        .collect();
    let query = op
        .required_query
        .iter()
        .map(|p| (p, true))
        .chain(op.optional_query.iter().map(|p| (p, false)))
        .map(|(param, required)| {
            let (kind, multiple) = match &param.ty {
                RustType::List(items) => (scalar_kind(items), true),
                other => (scalar_kind(other), false),
            };
            QueryFlag {
                long: longs.take(&kebab(&param.wire), "query-"),
                kind,
                multiple,
                required,
                param,
            }
        })
        .collect();
    let fields = op
        .body
        .as_deref()
        .and_then(|name| client.struct_named(name))
        .map(|body| {
            body.fields
                .iter()
                .map(|field| {
                    let (kind, multiple) = field_kind(client, &field.ty);
                    let values = match kind {
                        Kind::OneOf => enum_values(client, &field.ty),
                        _ => Vec::new(),
                    };
                    let flag = !op.body_array;
                    FieldFlag {
                        long: if flag {
                            longs.take(&kebab(&field.wire), "field-")
                        } else {
                            kebab(&field.wire)
                        },
                        kind,
                        multiple,
                        values,
                        flag,
                        field,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    CliOperation {
        group,
        op,
        group_command: group_command.to_string(),
        command: commands.take(&kebab(&op.op.name), ""),
        positionals,
        query,
        fields,
        table: table(client, op),
    }
}

/// `kebab-case` of a documented name; never empty.
pub fn kebab(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let kebab = cleaned.trim().to_kebab_case();
    if kebab.is_empty() {
        "arg".to_string()
    } else {
        kebab
    }
}

/// `REPOSITORY`, `ROBOT_SHORTNAME`: how a positional argument is shown.
fn value_name(wire: &str) -> String {
    let name = wire.to_shouty_snake_case();
    if name.is_empty() {
        "VALUE".to_string()
    } else {
        name
    }
}

fn scalar_kind(ty: &RustType) -> Kind {
    match ty {
        RustType::Integer => Kind::Integer,
        RustType::Number => Kind::Number,
        RustType::Boolean => Kind::Boolean,
        RustType::Nullable(inner) => scalar_kind(inner),
        _ => Kind::String,
    }
}

/// A body field's flag: scalars typed, an enum one of its values, a list of strings or of enum
/// values repeated, a JSON map or a nested body struct a JSON object, anything else JSON text.
fn field_kind(client: &ClientModel<'_>, ty: &RustType) -> (Kind, bool) {
    match ty {
        RustType::String => (Kind::String, false),
        RustType::Integer => (Kind::Integer, false),
        RustType::Number => (Kind::Number, false),
        RustType::Boolean => (Kind::Boolean, false),
        RustType::List(items) if **items == RustType::String => (Kind::String, true),
        RustType::List(items) if is_enum(client, items) => (Kind::OneOf, true),
        RustType::Model(name) if client.enum_named(name).is_some() => (Kind::OneOf, false),
        RustType::Model(name) if client.struct_named(name).is_some() => (Kind::JsonObject, false),
        RustType::JsonMap => (Kind::JsonObject, false),
        RustType::Nullable(inner) => field_kind(client, inner),
        _ => (Kind::Json, false),
    }
}

fn is_enum(client: &ClientModel<'_>, ty: &RustType) -> bool {
    matches!(ty, RustType::Model(name) if client.enum_named(name).is_some())
}

/// The wire values of the enum a field (or its list, or its `Option`) is typed with.
fn enum_values(client: &ClientModel<'_>, ty: &RustType) -> Vec<String> {
    match ty {
        RustType::Model(name) => client
            .enum_named(name)
            .map(|e| e.variants.iter().map(|v| v.wire.clone()).collect())
            .unwrap_or_default(),
        RustType::List(inner) | RustType::Nullable(inner) => enum_values(client, inner),
        _ => Vec::new(),
    }
}

/// The table of a list answer: the typed page items of a listing, the first array of structs
/// in a struct response, or a response that is itself an array of structs.
fn table(client: &ClientModel<'_>, op: &OperationModel<'_>) -> Option<TableModel> {
    let response = match &op.response {
        RustType::Nullable(inner) => inner.as_ref(),
        other => other,
    };
    let (items, row) = match (response, &op.items) {
        (_, Some(items)) => (Some(items.field.clone()), items.ty.clone()),
        (RustType::List(row), None) => (None, (**row).clone()),
        (RustType::Model(name), None) => {
            let body = client.struct_named(name)?;
            body.fields.iter().find_map(|f| match &f.ty {
                RustType::List(row) if matches!(**row, RustType::Model(_)) => {
                    Some((Some(f.wire.clone()), (**row).clone()))
                }
                _ => None,
            })?
        }
        _ => return None,
    };
    let RustType::Model(row) = row else {
        return None;
    };
    let columns: Vec<String> = client
        .struct_named(&row)?
        .fields
        .iter()
        .filter(|f| {
            matches!(
                f.ty,
                RustType::String
                    | RustType::Integer
                    | RustType::Number
                    | RustType::Boolean
                    | RustType::JsonValue
            )
        })
        .map(|f| f.wire.clone())
        .collect();
    (!columns.is_empty()).then_some(TableModel { items, columns })
}

/// Names unique in one scope: a taken name gets `prefix` first, then a number.
struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    fn reserved(names: &[&str]) -> Self {
        Names {
            taken: names.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn take(&mut self, base: &str, prefix: &str) -> String {
        let mut candidate = base.to_string();
        if self.taken.contains(&candidate) && !prefix.is_empty() {
            candidate = format!("{prefix}{base}");
        }
        let mut counter = 2;
        let stem = candidate.clone();
        while self.taken.contains(&candidate) {
            candidate = format!("{stem}-{counter}");
            counter += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case_of_the_documented_names() {
        assert_eq!(kebab("listRepoTags"), "list-repo-tags");
        assert_eq!(kebab("onlyActiveTags"), "only-active-tags");
        assert_eq!(kebab("filter_tag_name"), "filter-tag-name");
        assert_eq!(kebab("org_mirror"), "org-mirror");
        assert_eq!(kebab("--"), "arg");
        assert_eq!(value_name("robot_shortname"), "ROBOT_SHORTNAME");
    }

    #[test]
    fn flags_that_would_take_a_global_option_or_another_flag_are_renamed_by_location() {
        use crate::spec::{testing, Method, Schema};
        let mut op = testing::operation("listRobots", Method::Post, "/api/v1/robots/{orgname}");
        op.query_params = vec![
            testing::field("token", false, Schema::Boolean),
            testing::field("limit", true, Schema::Integer),
        ];
        op.body = testing::body(vec![
            testing::field("limit", false, Schema::String),
            testing::field("config", true, Schema::Object),
            testing::field(
                "tags",
                false,
                Schema::Array {
                    items: Box::new(Schema::String),
                },
            ),
        ]);
        let spec = testing::spec(vec![op]);
        let client = ClientModel::new(&spec);
        let model = CliModel::new(&client);
        let op = &model.groups[0].operations[0];
        assert_eq!(model.groups[0].command, "repository");
        assert_eq!(op.command, "list-robots");
        assert_eq!(op.positionals[0].id, "ORGNAME");
        let query: Vec<(&str, Kind, bool)> = op
            .query
            .iter()
            .map(|q| (q.long.as_str(), q.kind, q.required))
            .collect();
        assert_eq!(
            query,
            [
                ("limit", Kind::Integer, true),
                ("query-token", Kind::Boolean, false)
            ]
        );
        let fields: Vec<(&str, Kind, bool)> = op
            .fields
            .iter()
            .map(|f| (f.long.as_str(), f.kind, f.multiple))
            .collect();
        assert_eq!(
            fields,
            [
                ("field-limit", Kind::String, false),
                ("config", Kind::JsonObject, false),
                ("tags", Kind::String, true)
            ]
        );
    }

    #[test]
    fn taken_names_get_their_prefix_then_a_number() {
        let mut names = Names::reserved(RESERVED_LONGS);
        assert_eq!(names.take("token", "query-"), "query-token");
        assert_eq!(names.take("limit", "query-"), "limit");
        assert_eq!(names.take("limit", "field-"), "field-limit");
        assert_eq!(names.take("limit", "field-"), "field-limit-2");
    }
}
