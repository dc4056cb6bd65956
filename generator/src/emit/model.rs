//! The client model: the spec lowered to what the code needs, with every Rust name chosen once.
//!
//! All naming decisions (module, accessor, method, builder and struct names, field identifiers,
//! collision suffixes) happen here, in spec order, so the code-writing modules only print.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::naming::{self, Namespace};
use super::responses::{self, InferredModel, PageItems};
use crate::spec::{Field, Operation, ParamPlace, RequestBody, Schema, Spec};

/// The eight OAuth scopes Quay documents; the `Scope` enum always has them.
pub const KNOWN_SCOPES: [&str; 8] = [
    "org:admin",
    "repo:admin",
    "repo:create",
    "repo:read",
    "repo:write",
    "super:user",
    "user:admin",
    "user:read",
];

/// Names a group module must not take: methods of `Client` its accessor would shadow, and `mod`,
/// whose file would be `src/api/mod.rs`.
const RESERVED_GROUP_NAMES: &[&str] = &["builder", "execute", "clone", "fmt", "mod"];

/// Builder members that a query parameter setter must not shadow.
const BUILDER_MEMBERS: &[&str] = &["client", "body", "send", "pages", "items", "request", "new"];

/// A Rust type a field or parameter is written as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    String,
    Integer,
    Number,
    Boolean,
    List(Box<RustType>),
    /// `object`: a JSON map.
    JsonMap,
    /// A schema the docs leave untyped.
    JsonValue,
    /// A generated struct in `crate::models`.
    Model(String),
    /// An object keyed by names, values of one type.
    Map(Box<RustType>),
    /// `Option<T>`: a response that may also be empty (`204 No Content`).
    Nullable(Box<RustType>),
}

impl RustType {
    /// `definitions` maps a definition's documented name to its struct name.
    pub fn from_schema(schema: &Schema, definitions: &BTreeMap<String, String>) -> RustType {
        match schema {
            Schema::String => RustType::String,
            Schema::Integer => RustType::Integer,
            Schema::Number => RustType::Number,
            Schema::Boolean => RustType::Boolean,
            Schema::Array { items } => {
                RustType::List(Box::new(RustType::from_schema(items, definitions)))
            }
            Schema::Object => RustType::JsonMap,
            Schema::Ref { name } => definitions
                .get(name)
                .map_or(RustType::JsonValue, |s| RustType::Model(s.clone())),
            Schema::Unknown { .. } => RustType::JsonValue,
        }
    }

    /// The type as written inside the generated crate.
    pub fn tokens(&self) -> TokenStream {
        match self {
            RustType::String => quote!(String),
            RustType::Integer => quote!(i64),
            RustType::Number => quote!(f64),
            RustType::Boolean => quote!(bool),
            RustType::List(items) => {
                let items = items.tokens();
                quote!(Vec<#items>)
            }
            RustType::JsonMap => quote!(serde_json::Map<String, serde_json::Value>),
            RustType::JsonValue => quote!(serde_json::Value),
            RustType::Model(name) => {
                let name = ident(name);
                quote!(crate::models::#name)
            }
            RustType::Map(values) => {
                let values = values.tokens();
                quote!(std::collections::BTreeMap<String, #values>)
            }
            RustType::Nullable(inner) => {
                let inner = inner.tokens();
                quote!(Option<#inner>)
            }
        }
    }

    /// The type as written inside the generated crate, as text (what prettyplease prints of
    /// [`RustType::tokens`]).
    pub fn text(&self) -> String {
        match self {
            RustType::String => "String".into(),
            RustType::Integer => "i64".into(),
            RustType::Number => "f64".into(),
            RustType::Boolean => "bool".into(),
            RustType::List(items) => format!("Vec<{}>", items.text()),
            RustType::JsonMap => "serde_json::Map<String, serde_json::Value>".into(),
            RustType::JsonValue => "serde_json::Value".into(),
            RustType::Model(name) => format!("crate::models::{name}"),
            RustType::Map(values) => {
                format!("std::collections::BTreeMap<String, {}>", values.text())
            }
            RustType::Nullable(inner) => format!("Option<{}>", inner.text()),
        }
    }

    /// Whether the type can derive `Eq` (floats and JSON values cannot).
    pub fn has_float(&self) -> bool {
        match self {
            RustType::Number | RustType::JsonMap | RustType::JsonValue => true,
            RustType::List(items) | RustType::Map(items) | RustType::Nullable(items) => {
                items.has_float()
            }
            _ => false,
        }
    }
}

/// Parses an identifier chosen by [`naming`] (possibly raw) into tokens.
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(name, proc_macro2::Span::call_site()),
    }
}

/// A serde struct: a definition or a request body.
#[derive(Debug, Clone)]
pub struct StructModel {
    pub name: String,
    pub description: String,
    pub fields: Vec<FieldModel>,
    /// A response type (a definition or inferred from examples): no constructor or setters.
    pub is_response: bool,
    /// The field (`extra`) that keeps unknown fields of a response, flattened.
    pub unknown_fields: Option<String>,
}

#[derive(Debug, Clone)]
pub struct FieldModel {
    /// The name on the wire.
    pub wire: String,
    pub ident: String,
    pub ty: RustType,
    /// Plain (not `Option`) in the struct. Never for definitions: servers omit fields.
    pub required: bool,
    pub description: String,
    /// The Quay version that added this body field, when later than its operation.
    pub since: Option<String>,
}

impl FieldModel {
    /// Whether serde needs `rename` to put the documented name back on the wire.
    pub fn needs_rename(&self) -> bool {
        naming::serde_name(&self.ident) != self.wire
    }
}

/// A path or query parameter of an operation.
#[derive(Debug, Clone)]
pub struct ParamModel {
    pub wire: String,
    pub ident: String,
    pub ty: RustType,
    pub description: String,
    /// The Quay version that added this query parameter, when later than its operation.
    pub since: Option<String>,
}

/// How an operation pages through results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pagination {
    /// Query parameter `next_page` with a token from the previous response.
    Token,
    /// Query parameter `page` numbered from 1.
    PageNumber,
}

/// One segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    Literal(String),
    /// Index into [`OperationModel::path_params`].
    Param(usize),
}

#[derive(Debug, Clone)]
pub struct OperationModel<'s> {
    pub op: &'s Operation,
    /// Method on the group API (`list_repo_tags`).
    pub method_name: String,
    /// The request builder type (`ListRepoTags`).
    pub builder: String,
    /// In template order; all positional.
    pub path_params: Vec<ParamModel>,
    pub path: Vec<PathPart>,
    /// Positional after the path parameters.
    pub required_query: Vec<ParamModel>,
    /// Builder setters.
    pub optional_query: Vec<ParamModel>,
    /// Struct name of the request body in `crate::models` (of each item, for an array body).
    pub body: Option<String>,
    /// The body is a JSON array of `body` structs (`Vec<T>`).
    pub body_array: bool,
    /// The type of a 2xx body.
    pub response: RustType,
    /// `response` is inferred from the docs' example outputs (not a definition of the reference).
    pub response_from_examples: bool,
    /// The typed elements of a paginated listing's pages (`.items()`), from its examples.
    pub items: Option<PageItems>,
    pub pagination: Option<Pagination>,
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct GroupModel<'s> {
    pub name: String,
    pub description: String,
    /// Module under `api/` and accessor on `Client` (`org_mirror`).
    pub module: String,
    /// `OrgMirrorApi`.
    pub api_type: String,
    pub operations: Vec<OperationModel<'s>>,
}

/// A string field of a fixed set of values in a request body: a Rust enum.
#[derive(Debug, Clone)]
pub struct EnumModel {
    pub name: String,
    /// The field it types (`refs.kind` of `manuallyStartBuildTrigger`), for its doc comment.
    pub description: String,
    /// In the server's order.
    pub variants: Vec<VariantModel>,
}

#[derive(Debug, Clone)]
pub struct VariantModel {
    /// The value on the wire.
    pub wire: String,
    pub ident: String,
}

#[derive(Debug, Clone)]
pub struct ScopeModel {
    pub wire: String,
    pub variant: String,
}

#[derive(Debug)]
pub struct ClientModel<'s> {
    pub spec: &'s Spec,
    pub groups: Vec<GroupModel<'s>>,
    /// Definitions first, then request bodies (each followed by its nested objects), in spec
    /// order, then inferred response types.
    pub structs: Vec<StructModel>,
    /// Enums of request body fields, in spec order.
    pub enums: Vec<EnumModel>,
    /// Sorted by wire name.
    pub scopes: Vec<ScopeModel>,
}

impl<'s> ClientModel<'s> {
    pub fn new(spec: &'s Spec) -> ClientModel<'s> {
        let mut type_names = Namespace::with_reserved(&["Scope", "OperationInfo"]);
        let definition_names: BTreeMap<String, String> = spec
            .definitions
            .iter()
            .map(|d| (d.name.clone(), type_names.camel(&d.name, "")))
            .collect();
        let mut structs: Vec<StructModel> = spec
            .definitions
            .iter()
            .map(|d| {
                let mut fields = lower_fields(&d.fields, &definition_names);
                fields.iter_mut().for_each(|f| f.required = false);
                StructModel {
                    name: definition_names[&d.name].clone(),
                    description: d.description.clone(),
                    unknown_fields: Some(responses::unknown_fields_ident(&fields)),
                    fields,
                    is_response: true,
                }
            })
            .collect();
        if !definition_names.contains_key(API_ERROR) {
            structs.push(fallback_api_error(type_names.camel(API_ERROR, "")));
        }
        let mut body_names = BTreeMap::new();
        let mut enums = Vec::new();
        for op in &spec.operations {
            if let Some(body) = &op.body {
                let suffix = if body.array { "Item" } else { "Body" };
                let name = type_names.camel(&op.name, suffix);
                body_names.insert(op.name.clone(), name.clone());
                let description = if body.array {
                    let items = format!(
                        "One item of the JSON array `{}` sends as its body.",
                        op.name
                    );
                    if body.description.trim().is_empty() {
                        items
                    } else {
                        format!("{}\n\n{items}", body.description.trim())
                    }
                } else {
                    body.description.clone()
                };
                let mut shaped = BodyTypes {
                    body,
                    type_names: &mut type_names,
                    definitions: &definition_names,
                    structs: Vec::new(),
                    enums: &mut enums,
                };
                let mut fields = shaped.fields(&body.fields, "", &name);
                for field in &mut fields {
                    field.since = op
                        .param_added(ParamPlace::Body, &field.wire)
                        .map(str::to_owned);
                }
                let nested = shaped.structs;
                structs.push(StructModel {
                    name,
                    description,
                    fields,
                    is_response: false,
                    unknown_fields: None,
                });
                structs.extend(nested);
            }
        }
        // The reference's own definitions win; examples type what it leaves untyped.
        let inferred = responses::lower(spec, &mut type_names, |op| {
            documented_success_type(op, &definition_names).is_none()
        });
        let groups = lower_groups(spec, &definition_names, &body_names, &inferred);
        structs.extend(inferred.structs);
        ClientModel {
            spec,
            groups,
            structs,
            enums,
            scopes: scopes(spec),
        }
    }

    pub fn operations(&self) -> impl Iterator<Item = (&GroupModel<'s>, &OperationModel<'s>)> {
        self.groups
            .iter()
            .flat_map(|g| g.operations.iter().map(move |o| (g, o)))
    }

    pub fn struct_named(&self, name: &str) -> Option<&StructModel> {
        self.structs.iter().find(|s| s.name == name)
    }

    pub fn enum_named(&self, name: &str) -> Option<&EnumModel> {
        self.enums.iter().find(|e| e.name == name)
    }
}

impl OperationModel<'_> {
    /// The body argument's type: `crate::models::T`, or `Vec<crate::models::T>` for an array.
    pub fn body_text(&self) -> Option<String> {
        let name = self.body.as_deref()?;
        Some(if self.body_array {
            format!("Vec<crate::models::{name}>")
        } else {
            format!("crate::models::{name}")
        })
    }
}

/// Lowers the fields of one request body, giving each shaped field its type: a nested struct for
/// an object with fields (`CreateThingBodyRefs`), an enum for a string of fixed values
/// (`CreateThingBodyRefsKind`), named after the struct holding the field.
struct BodyTypes<'a> {
    body: &'a RequestBody,
    type_names: &'a mut Namespace,
    definitions: &'a BTreeMap<String, String>,
    /// The nested structs, in the order their fields appear.
    structs: Vec<StructModel>,
    enums: &'a mut Vec<EnumModel>,
}

impl BodyTypes<'_> {
    /// `prefix` is the path of the object holding `fields` (`""` for the body, `refs.`).
    fn fields(&mut self, fields: &[Field], prefix: &str, holder: &str) -> Vec<FieldModel> {
        let mut lowered = lower_fields(fields, self.definitions);
        for field in &mut lowered {
            let path = format!("{prefix}{}", field.wire);
            let Some(shape) = self.body.shape(&path) else {
                continue;
            };
            let name = self
                .type_names
                .camel(&format!("{holder}_{}", field.wire), "");
            if !shape.values.is_empty() {
                self.enums.push(enum_model(&name, &path, &shape.values));
            } else {
                let nested = self.fields(&shape.fields, &format!("{path}."), &name);
                self.structs.push(StructModel {
                    name: name.clone(),
                    description: if field.description.trim().is_empty() {
                        format!("The object in the body field `{path}`.")
                    } else {
                        field.description.clone()
                    },
                    fields: nested,
                    is_response: false,
                    unknown_fields: None,
                });
            }
            field.ty = RustType::Model(name);
        }
        lowered
    }
}

fn enum_model(name: &str, path: &str, values: &[String]) -> EnumModel {
    let mut idents = Namespace::default();
    let variants = values
        .iter()
        .map(|wire| {
            let base = naming::camel(wire);
            let base = if base.starts_with(|c: char| c.is_ascii_alphabetic()) {
                base
            } else {
                format!("V{base}")
            };
            VariantModel {
                wire: wire.clone(),
                ident: idents.camel(&base, ""),
            }
        })
        .collect();
    EnumModel {
        name: name.to_string(),
        description: format!("The values of the body field `{path}`."),
        variants,
    }
}

/// The definition the hand-written runtime decodes error bodies with (`runtime::error`).
const API_ERROR: &str = "ApiError";

/// `ApiError` for docs that do not define it (3.5 shows it only as model text in each response):
/// the fields every Quay version sends, all optional, unknown ones kept.
fn fallback_api_error(name: String) -> StructModel {
    let field = |name: &str, schema: Schema, description: &str| Field {
        name: name.into(),
        required: false,
        description: description.into(),
        schema,
        constraints: Vec::new(),
    };
    let fields = [
        field("status", Schema::Integer, "Status code of the response."),
        field(
            "type",
            Schema::String,
            "Reference to the type of the error.",
        ),
        field(
            "detail",
            Schema::String,
            "Details about the specific instance of the error.",
        ),
        field(
            "title",
            Schema::String,
            "Unique error code to identify the type of error.",
        ),
        field(
            "error_message",
            Schema::String,
            "Deprecated; alias for detail",
        ),
        field("error_type", Schema::String, "Deprecated; alias for detail"),
    ];
    let mut fields = lower_fields(&fields, &BTreeMap::new());
    fields.iter_mut().for_each(|f| f.required = false);
    StructModel {
        name,
        description: "The error body Quay sends. These docs define no `ApiError`; these are the \
                      fields every documented version shows."
            .into(),
        unknown_fields: Some(responses::unknown_fields_ident(&fields)),
        fields,
        is_response: true,
    }
}

fn lower_fields(fields: &[Field], definitions: &BTreeMap<String, String>) -> Vec<FieldModel> {
    let mut names = Namespace::default();
    first_of_each_name(fields)
        .into_iter()
        .map(|f| FieldModel {
            wire: f.name.clone(),
            ident: names.snake(&f.name),
            ty: RustType::from_schema(&f.schema, definitions),
            required: f.required,
            description: f.description.clone(),
            since: None,
        })
        .collect()
}

/// A field documented twice under one name is one field on the wire: the first entry is kept.
fn first_of_each_name(fields: &[Field]) -> Vec<&Field> {
    let mut seen = std::collections::BTreeSet::new();
    fields
        .iter()
        .filter(|f| seen.insert(f.name.as_str()))
        .collect()
}

/// Groups in spec order, then any group an operation names that the spec does not list, in order
/// of first use. Groups without operations are left out: they would be empty modules.
fn lower_groups<'s>(
    spec: &'s Spec,
    definitions: &BTreeMap<String, String>,
    bodies: &BTreeMap<String, String>,
    inferred: &InferredModel,
) -> Vec<GroupModel<'s>> {
    let mut order: Vec<(String, String)> = spec
        .groups
        .iter()
        .map(|g| (g.name.clone(), g.description.clone()))
        .collect();
    for op in &spec.operations {
        if !order.iter().any(|(name, _)| *name == op.group) {
            order.push((op.group.clone(), String::new()));
        }
    }
    let mut modules = Namespace::with_reserved(RESERVED_GROUP_NAMES);
    let mut api_types = Namespace::default();
    order
        .into_iter()
        .filter(|(name, _)| spec.operations.iter().any(|op| op.group == *name))
        .map(|(name, description)| {
            let module = modules.snake(&name);
            let api_type = api_types.camel(&name, "Api");
            let mut builders = Namespace::with_reserved(&[api_type.as_str()]);
            let mut methods = Namespace::with_reserved(&["new", "client"]);
            let operations = spec
                .operations
                .iter()
                .filter(|op| op.group == name)
                .map(|op| {
                    lower_operation(
                        op,
                        &mut methods,
                        &mut builders,
                        definitions,
                        bodies,
                        inferred,
                    )
                })
                .collect();
            GroupModel {
                name,
                description,
                module,
                api_type,
                operations,
            }
        })
        .collect()
}

/// The rustdoc of a parameter or body field: its description, then a paragraph saying which Quay
/// version added it when later than its operation (`Since Quay 3.9; the operation is older.`).
pub fn with_since(description: &str, since: Option<&str>) -> String {
    let Some(version) = since else {
        return description.to_owned();
    };
    let note = format!("Since Quay {version}; the operation is older.");
    if description.trim().is_empty() {
        note
    } else {
        format!("{}\n\n{note}", description.trim_end())
    }
}

/// What the rustdoc and the CLI help say of an operation's version history: `Since Quay 3.17.`,
/// then the parameters and body fields a version removed. `None` for a spec without a history.
pub fn since_text(op: &Operation) -> Option<String> {
    let since = op.since.as_deref()?;
    let mut text = format!("Since Quay {since}.");
    let removed: Vec<String> = op
        .params_removed()
        .map(|(place, name, version)| format!("{} `{name}` (Quay {version})", place.describe()))
        .collect();
    if !removed.is_empty() {
        text.push_str(&format!(" No longer documented: {}.", removed.join(", ")));
    }
    Some(text)
}

fn lower_operation<'s>(
    op: &'s Operation,
    methods: &mut Namespace,
    builders: &mut Namespace,
    definitions: &BTreeMap<String, String>,
    bodies: &BTreeMap<String, String>,
    inferred_model: &InferredModel,
) -> OperationModel<'s> {
    let mut params = Namespace::with_reserved(BUILDER_MEMBERS);
    let param = |field: Option<&Field>, wire: &str, params: &mut Namespace| ParamModel {
        wire: wire.to_string(),
        ident: params.snake(wire),
        ty: field.map_or(RustType::String, |f| {
            param_type(RustType::from_schema(&f.schema, definitions))
        }),
        description: field.map(|f| f.description.clone()).unwrap_or_default(),
        since: op.param_added(ParamPlace::Query, wire).map(str::to_owned),
    };
    let mut path_params = Vec::new();
    let mut path = Vec::new();
    let mut rest = op.path.as_str();
    for name in op.template_params() {
        let placeholder = format!("{{{name}}}");
        let Some(at) = rest.find(&placeholder) else {
            break;
        };
        if at > 0 {
            path.push(PathPart::Literal(rest[..at].to_string()));
        }
        path.push(PathPart::Param(path_params.len()));
        let documented = op.path_params.iter().find(|p| p.name == name);
        path_params.push(param(documented, name, &mut params));
        rest = &rest[at + placeholder.len()..];
    }
    if !rest.is_empty() {
        path.push(PathPart::Literal(rest.to_string()));
    }
    let (required, optional): (Vec<&Field>, Vec<&Field>) = first_of_each_name(&op.query_params)
        .into_iter()
        .partition(|f| f.required);
    let required_query = required
        .into_iter()
        .map(|f| param(Some(f), &f.name, &mut params))
        .collect();
    let optional_query: Vec<ParamModel> = optional
        .into_iter()
        .map(|f| param(Some(f), &f.name, &mut params))
        .collect();
    let pagination = pagination(op);
    let documented = documented_success_type(op, definitions);
    let items = inferred_model.items.get(&op.name).cloned();
    let inferred = inferred_model.responses.get(&op.name).cloned();
    OperationModel {
        op,
        method_name: methods.snake(&op.name),
        builder: builders.camel(&op.name, ""),
        path_params,
        path,
        required_query,
        optional_query,
        body: bodies.get(&op.name).cloned(),
        body_array: op.body.as_ref().is_some_and(|b| b.array),
        response: documented
            .clone()
            .or_else(|| inferred.clone())
            .unwrap_or(RustType::JsonValue),
        response_from_examples: documented.is_none() && inferred.is_some(),
        items: pagination.and(items),
        pagination,
        scopes: op.authorization.scopes.clone(),
    }
}

/// Parameters travel as text: JSON-shaped types are sent as their text.
fn param_type(ty: RustType) -> RustType {
    match ty {
        RustType::List(items) => RustType::List(Box::new(param_type(*items))),
        RustType::Nullable(inner) => param_type(*inner),
        RustType::JsonMap | RustType::JsonValue | RustType::Model(_) | RustType::Map(_) => {
            RustType::String
        }
        scalar => scalar,
    }
}

/// `next_page` wins over `page`: Quay's token pagination is the one the server honours when both
/// are documented.
fn pagination(op: &Operation) -> Option<Pagination> {
    let optional = |name: &str| {
        op.query_params
            .iter()
            .any(|q| q.name == name && !q.required)
    };
    let page_is_number = op
        .query_params
        .iter()
        .any(|q| q.name == "page" && !q.required && q.schema == Schema::Integer);
    if optional("next_page") {
        Some(Pagination::Token)
    } else if page_is_number {
        Some(Pagination::PageNumber)
    } else {
        None
    }
}

/// The definition the first documented 2xx response references, if any. Without one, the type
/// inferred from the examples, else `serde_json::Value`, which keeps any body (and `null` for an
/// empty one).
fn documented_success_type(
    op: &Operation,
    definitions: &BTreeMap<String, String>,
) -> Option<RustType> {
    op.responses
        .iter()
        .filter(|r| (200..300).contains(&r.code))
        .find_map(|r| match &r.schema {
            Some(Schema::Ref { name }) => definitions.get(name).map(|s| RustType::Model(s.clone())),
            _ => None,
        })
}

fn scopes(spec: &Spec) -> Vec<ScopeModel> {
    let mut wire: Vec<String> = KNOWN_SCOPES.iter().map(|s| s.to_string()).collect();
    wire.extend(
        spec.operations
            .iter()
            .flat_map(|op| op.authorization.scopes.iter().cloned()),
    );
    wire.sort();
    wire.dedup();
    let mut variants = Namespace::with_reserved(&["ALL"]);
    wire.into_iter()
        .map(|w| ScopeModel {
            variant: variants.camel(&w, ""),
            wire: w,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Authorization, DocFormat, Group, Location, Method, Source, FORMAT_VERSION};

    fn operation(name: &str, group: &str, path: &str, query: &[(&str, Schema)]) -> Operation {
        Operation {
            name: name.into(),
            group: group.into(),
            description: String::new(),
            method: Method::Get,
            path: path.into(),
            authorization: Authorization::default(),
            path_params: Vec::new(),
            query_params: query
                .iter()
                .map(|(n, schema)| Field {
                    name: (*n).into(),
                    required: false,
                    description: String::new(),
                    schema: schema.clone(),
                    constraints: Vec::new(),
                })
                .collect(),
            body: None,
            responses: Vec::new(),
            examples: Vec::new(),
            location: Location {
                file: "x.adoc".into(),
                line: 1,
            },
            response_schema: None,
            since: None,
            param_history: Vec::new(),
        }
    }

    fn spec(groups: &[&str], operations: Vec<Operation>) -> Spec {
        Spec {
            format_version: FORMAT_VERSION,
            source: Source {
                docs_version: None,
                format: DocFormat::Adoc,
                files: Vec::new(),
                content_hash: String::new(),
                guide: None,
            },
            groups: groups
                .iter()
                .map(|g| Group {
                    name: (*g).into(),
                    description: String::new(),
                })
                .collect(),
            operations,
            definitions: Vec::new(),
            applied_corrections: Vec::new(),
        }
    }

    #[test]
    fn group_names_avoid_api_mod_and_client_methods_and_each_other() {
        let spec = spec(
            &["mod", "builder", "orgMirror", "org_mirror"],
            vec![
                operation("a", "mod", "/a", &[]),
                operation("b", "builder", "/b", &[]),
                operation("c", "orgMirror", "/c", &[]),
                operation("d", "org_mirror", "/d", &[]),
                operation("e", "undeclared", "/e", &[]),
            ],
        );
        let model = ClientModel::new(&spec);
        let modules: Vec<&str> = model.groups.iter().map(|g| g.module.as_str()).collect();
        assert_eq!(
            modules,
            [
                "mod_2",
                "builder_2",
                "org_mirror",
                "org_mirror_2",
                "undeclared"
            ]
        );
    }

    #[test]
    fn path_template_splits_into_literals_and_parameters() {
        let spec = spec(
            &["tag"],
            vec![operation(
                "x",
                "tag",
                "/api/v1/repository/{repository}/tag/{tag}",
                &[],
            )],
        );
        let model = ClientModel::new(&spec);
        let op = &model.groups[0].operations[0];
        assert_eq!(
            op.path,
            [
                PathPart::Literal("/api/v1/repository/".into()),
                PathPart::Param(0),
                PathPart::Literal("/tag/".into()),
                PathPart::Param(1),
            ]
        );
        let names: Vec<&str> = op.path_params.iter().map(|p| p.ident.as_str()).collect();
        assert_eq!(names, ["repository", "tag"]);
    }

    #[test]
    fn next_page_wins_over_page_and_page_must_be_an_integer() {
        let both = operation(
            "a",
            "g",
            "/a",
            &[("page", Schema::Integer), ("next_page", Schema::String)],
        );
        let page = operation("b", "g", "/b", &[("page", Schema::Integer)]);
        let text_page = operation("c", "g", "/c", &[("page", Schema::String)]);
        assert_eq!(pagination(&both), Some(Pagination::Token));
        assert_eq!(pagination(&page), Some(Pagination::PageNumber));
        assert_eq!(pagination(&text_page), None);
    }

    #[test]
    fn a_query_parameter_documented_twice_is_sent_once() {
        let twice = operation(
            "a",
            "g",
            "/a",
            &[("limit", Schema::Integer), ("limit", Schema::String)],
        );
        let spec = spec(&["g"], vec![twice]);
        let model = ClientModel::new(&spec);
        let query = &model.groups[0].operations[0].optional_query;
        assert_eq!(query.len(), 1);
        assert_eq!(query[0].ty, RustType::Integer);
    }

    #[test]
    fn scopes_always_include_the_eight_and_are_sorted() {
        let mut op = operation("a", "g", "/a", &[]);
        op.authorization.scopes = vec!["repo:read".into(), "zeta:custom".into()];
        let spec = spec(&["g"], vec![op]);
        let wires: Vec<String> = ClientModel::new(&spec)
            .scopes
            .into_iter()
            .map(|s| s.wire)
            .collect();
        let mut expected: Vec<String> = KNOWN_SCOPES.iter().map(|s| s.to_string()).collect();
        expected.push("zeta:custom".into());
        assert_eq!(wires, expected);
    }
}
