//! Typed responses from the schemas inferred from the docs' example outputs
//! (`Operation::response_schema`): their structs, the response type of each operation, and the
//! item type of paginated listings.
//!
//! Decoding must survive a newer server, so a field is plain only where that is safe: present and
//! non-null in every example output, with at least [`MIN_OUTPUTS_FOR_PLAIN`] outputs merged, and
//! of a known type. Every other field is `Option` with `#[serde(default)]`. Every struct keeps
//! unknown fields in a flattened map, so re-encoding loses nothing. `Any`/`Object` (nothing to go
//! on, or examples that disagree) stay `serde_json::Value`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::model::{ClientModel, FieldModel, RustType, StructModel};
use super::naming::Namespace;
use super::rust_text::RustText;
use crate::spec::{FieldEvidence, InferredField, InferredResponse, InferredType, Operation, Spec};

/// One example output is one server's answer on one day: a field it always had may still be
/// missing elsewhere. Two or more agreeing outputs make a field plain.
pub const MIN_OUTPUTS_FOR_PLAIN: usize = crate::spec::MIN_OUTPUTS_FOR_PLAIN;

/// What the inferred schemas add to the client model.
#[derive(Debug, Default)]
pub struct InferredModel {
    /// The structs of every used inferred schema, in spec order.
    pub structs: Vec<StructModel>,
    /// The response type of each operation typed from its examples, by operation name.
    pub responses: BTreeMap<String, RustType>,
    /// The array field of each operation's response and its item type, by operation name.
    pub items: BTreeMap<String, PageItems>,
}

/// The array of a listing's page that holds its items (`tags`), and their type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageItems {
    pub field: String,
    pub ty: RustType,
}

/// Lowers the inferred schemas of the operations `use_inferred` accepts (those the reference
/// itself leaves untyped). Struct names come from `type_names`, after definitions and bodies, so
/// a collision gives the inferred struct the numbered name.
pub fn lower(
    spec: &Spec,
    type_names: &mut Namespace,
    use_inferred: impl Fn(&Operation) -> bool,
) -> InferredModel {
    let mut model = InferredModel::default();
    for op in spec.operations.iter().filter(|op| use_inferred(op)) {
        let Some(schema) = &op.response_schema else {
            continue;
        };
        let names: BTreeMap<&str, String> = schema
            .types
            .iter()
            .map(|t| (t.name.as_str(), type_names.camel(&t.name, "")))
            .collect();
        let response = rust_type(&schema.body, &names);
        if response == RustType::JsonValue {
            continue;
        }
        for inferred in &schema.types {
            model.structs.push(StructModel {
                name: names[inferred.name.as_str()].clone(),
                description: struct_description(op, schema, &inferred.name),
                fields: lower_fields(&inferred.fields, &names, schema.provenance.len()),
                is_response: true,
                unknown_fields: None,
            });
        }
        if let Some(items) = page_items(schema, &names) {
            model.items.insert(op.name.clone(), items);
        }
        model
            .responses
            .insert(op.name.clone(), nullable_if_may_be_empty(op, response));
    }
    for s in &mut model.structs {
        s.unknown_fields = Some(unknown_fields_ident(&s.fields));
    }
    model
}

/// An operation documented with `204 No Content` may answer with no body at all, which decodes
/// as `None`.
fn nullable_if_may_be_empty(op: &Operation, response: RustType) -> RustType {
    if op.responses.iter().any(|r| r.code == 204) {
        RustType::Nullable(Box::new(response))
    } else {
        response
    }
}

fn struct_description(op: &Operation, schema: &InferredResponse, name: &str) -> String {
    let whole = matches!(&schema.body, InferredType::Struct { name: body } if body == name);
    let what = if whole {
        format!("The response of `{}`", op.name)
    } else {
        format!("Part of the response of `{}`", op.name)
    };
    format!(
        "{what}, as {} show it ({}).",
        outputs_text(schema),
        provenance_text(schema)
    )
}

/// `2 example output(s) of the docs and 1 answer(s) of the server`.
pub fn outputs_text(schema: &InferredResponse) -> String {
    let docs = schema.docs_outputs();
    match (docs, schema.observed) {
        (_, 0) => format!("{docs} example output(s) of the docs"),
        (0, server) => format!("{server} answer(s) of the server"),
        (_, server) => {
            format!("{docs} example output(s) of the docs and {server} answer(s) of the server")
        }
    }
}

/// `file:line` of every output merged, in order.
pub fn provenance_text(schema: &InferredResponse) -> String {
    schema
        .provenance
        .iter()
        .map(|l| format!("{}:{}", l.file, l.line))
        .collect::<Vec<_>>()
        .join(", ")
}

fn lower_fields(
    fields: &[InferredField],
    names: &BTreeMap<&str, String>,
    outputs: usize,
) -> Vec<FieldModel> {
    let plain_allowed = outputs >= MIN_OUTPUTS_FOR_PLAIN;
    let mut idents = Namespace::default();
    fields
        .iter()
        .map(|f| {
            let ty = rust_type(&f.ty, names);
            FieldModel {
                wire: f.name.clone(),
                ident: idents.snake(&f.name),
                required: plain_allowed && !f.optional && ty != RustType::JsonValue,
                ty,
                description: field_description(f, outputs, plain_allowed),
                since: None,
            }
        })
        .collect()
}

/// What the outputs show of a field (there is no documented description): in how many of the
/// objects at its place it was, some values it had, and so why it is plain or `Option`.
fn field_description(field: &InferredField, outputs: usize, plain_allowed: bool) -> String {
    let evidence = &field.evidence;
    let mut text = if evidence.of == 0 {
        // A spec written before the evidence was recorded.
        match (field.optional, plain_allowed) {
            (true, _) => "Missing or null in at least one output".to_string(),
            (false, true) => "Present and non-null in every output".to_string(),
            (false, false) => "Present in the only output".to_string(),
        }
    } else {
        presence(evidence, outputs)
    };
    if !evidence.examples.is_empty() {
        text.push_str("; values seen: ");
        for (index, value) in evidence.examples.iter().enumerate() {
            if index > 0 {
                text.push_str(", ");
            }
            // Writing to a String cannot fail.
            let _ = write!(text, "`{value}`");
        }
    }
    if let InferredType::Any = field.ty {
        text.push_str("; type unknown (only null, or the outputs disagree)");
    }
    let always = evidence.present == evidence.of && !evidence.null;
    let why = if evidence.of == 0 || field.optional != always {
        // The evidence decided; with one output a field it always had is still an `Option`.
        if !field.optional && !plain_allowed {
            " Optional: one output cannot show that it is always sent."
        } else {
            ""
        }
    } else if field.optional {
        " Optional by a correction in the generator's overlay."
    } else if plain_allowed {
        " Plain by a correction in the generator's overlay."
    } else {
        ""
    };
    text.push('.');
    text.push_str(why);
    text
}

/// "Present and non-null in all 12 objects of the 3 outputs", "Present in 2 of the 12 ...".
fn presence(evidence: &FieldEvidence, outputs: usize) -> String {
    let objects = match (evidence.of, outputs) {
        (1, _) => "the one object".to_string(),
        (of, outputs) if of == outputs => format!("all {of} outputs"),
        (of, 1) => format!("all {of} objects of the one output"),
        (of, outputs) => format!("all {of} objects of the {outputs} outputs"),
    };
    let null = if evidence.null {
        ", null in at least one"
    } else {
        ""
    };
    // Room for the values seen and the reason that follow.
    let mut text = String::with_capacity(160);
    if evidence.present == evidence.of {
        let non_null = if evidence.null { "" } else { " and non-null" };
        let objects = match evidence.of {
            1 => objects.strip_prefix("all ").unwrap_or(&objects),
            _ => &objects,
        };
        text.push_str("Present");
        text.push_str(non_null);
        text.push_str(" in ");
        text.push_str(objects);
    } else {
        let _ = write!(text, "Present in {} of ", evidence.present);
        match objects.strip_prefix("all ") {
            Some(rest) => {
                text.push_str("the ");
                text.push_str(rest);
            }
            None => text.push_str(&objects),
        }
    }
    text.push_str(null);
    text
}

/// The Rust type of an inferred type; `names` maps inferred struct names to Rust names.
fn rust_type(ty: &InferredType, names: &BTreeMap<&str, String>) -> RustType {
    match ty {
        InferredType::String => RustType::String,
        InferredType::Integer => RustType::Integer,
        InferredType::Number => RustType::Number,
        InferredType::Boolean => RustType::Boolean,
        InferredType::Array { items } => RustType::List(Box::new(rust_type(items, names))),
        InferredType::Map { values } => RustType::Map(Box::new(rust_type(values, names))),
        InferredType::Struct { name } => names
            .get(name.as_str())
            .map_or(RustType::JsonValue, |n| RustType::Model(n.clone())),
        InferredType::Object | InferredType::Any => RustType::JsonValue,
    }
}

/// The first array field of the response struct whose elements have a known type.
fn page_items(schema: &InferredResponse, names: &BTreeMap<&str, String>) -> Option<PageItems> {
    let InferredType::Struct { name } = &schema.body else {
        return None;
    };
    let body = schema.types.iter().find(|t| t.name == *name)?;
    body.fields.iter().find_map(|f| match &f.ty {
        InferredType::Array { items } => {
            let ty = rust_type(items, names);
            (ty != RustType::JsonValue).then(|| PageItems {
                field: f.name.clone(),
                ty,
            })
        }
        _ => None,
    })
}

/// A type as a reader sees it in the README (`Vec<ListRepoTagsTag>`, `Option<X>`).
pub fn type_label(ty: &RustType) -> String {
    match ty {
        RustType::String => "String".into(),
        RustType::Integer => "i64".into(),
        RustType::Number => "f64".into(),
        RustType::Boolean => "bool".into(),
        RustType::List(items) => format!("Vec<{}>", type_label(items)),
        RustType::Map(values) => format!("BTreeMap<String, {}>", type_label(values)),
        RustType::Nullable(inner) => format!("Option<{}>", type_label(inner)),
        RustType::JsonMap => "serde_json::Map".into(),
        RustType::JsonValue => "serde_json::Value".into(),
        RustType::Model(name) => name.clone(),
    }
}

/// One row of the README's table of typed responses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedRow {
    pub operation: String,
    pub ty: String,
    /// `definition `X`` or the example outputs' `file:line` list.
    pub source: String,
}

/// Every operation with a typed 2xx body, in model order, and where its type came from.
pub fn typed_rows(model: &ClientModel<'_>) -> Vec<TypedRow> {
    model
        .operations()
        .filter(|(_, op)| op.response != RustType::JsonValue)
        .map(|(_, op)| {
            let source = match (&op.op.response_schema, op.response_from_examples) {
                (Some(schema), true) => {
                    format!("{}: {}", outputs_text(schema), provenance_text(schema))
                }
                _ => "the reference's definition".to_string(),
            };
            TypedRow {
                operation: op.op.name.clone(),
                ty: type_label(&op.response),
                source,
            }
        })
        .collect()
}

/// `extra`, unless a documented field took that identifier.
pub fn unknown_fields_ident(fields: &[FieldModel]) -> String {
    let mut names =
        Namespace::with_reserved(&fields.iter().map(|f| f.ident.as_str()).collect::<Vec<_>>());
    names.snake("extra")
}

/// The flattened map field that keeps what the struct does not model.
pub fn unknown_fields_text(text: &mut RustText, name: &str) {
    text.doc_markdown(
        "Fields the documentation does not show, kept as the server sent them (so re-encoding \
         loses nothing).",
    );
    text.line("#[serde(flatten)]");
    text.line(&format!(
        "pub {name}: serde_json::Map<String, serde_json::Value>,"
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::InferredStruct;
    use crate::spec::{testing, Location, Method};

    fn field(name: &str, optional: bool, ty: InferredType) -> InferredField {
        InferredField {
            name: name.into(),
            optional,
            ty,
            evidence: Default::default(),
        }
    }

    fn listing(outputs: u32) -> Spec {
        let mut op = testing::operation("listTags", Method::Get, "/api/v1/tags");
        op.response_schema = Some(InferredResponse {
            body: InferredType::Struct {
                name: "ListTagsResponse".into(),
            },
            types: vec![
                InferredStruct {
                    name: "ListTagsResponse".into(),
                    fields: vec![
                        field(
                            "tags",
                            false,
                            InferredType::Array {
                                items: Box::new(InferredType::Struct {
                                    name: "ListTagsTag".into(),
                                }),
                            },
                        ),
                        field("page", true, InferredType::Integer),
                        field("extra", false, InferredType::Any),
                    ],
                },
                InferredStruct {
                    name: "ListTagsTag".into(),
                    fields: vec![field("name", false, InferredType::String)],
                },
            ],
            provenance: (0..outputs)
                .map(|line| Location {
                    file: "guide.adoc".into(),
                    line,
                })
                .collect(),
            observed: 0,
        });
        testing::spec(vec![op])
    }

    fn seen(
        present: usize,
        of: usize,
        null: bool,
        examples: Vec<serde_json::Value>,
    ) -> FieldEvidence {
        FieldEvidence {
            present,
            of,
            null,
            examples,
        }
    }

    #[test]
    fn field_docs_say_what_the_outputs_show() {
        let mut name = field("name", false, InferredType::String);
        name.evidence = seen(
            6,
            6,
            false,
            vec![serde_json::json!("latest"), serde_json::json!("v1")],
        );
        assert_eq!(
            field_description(&name, 3, true),
            "Present and non-null in all 6 objects of the 3 outputs; values seen: `\"latest\"`, `\"v1\"`."
        );
        let mut size = field("size", true, InferredType::Integer);
        size.evidence = seen(2, 3, true, vec![serde_json::json!(7)]);
        assert_eq!(
            field_description(&size, 3, true),
            "Present in 2 of the 3 outputs, null in at least one; values seen: `7`."
        );
        let mut single = field("kind", false, InferredType::String);
        single.evidence = seen(1, 1, false, vec![]);
        assert_eq!(
            field_description(&single, 1, false),
            "Present and non-null in the one object. Optional: one output cannot show that it is \
             always sent."
        );
        let mut corrected = field("when", true, InferredType::Any);
        corrected.evidence = seen(4, 4, false, vec![]);
        assert_eq!(
            field_description(&corrected, 2, true),
            "Present and non-null in all 4 objects of the 2 outputs; type unknown (only null, or \
             the outputs disagree). Optional by a correction in the generator's overlay."
        );
        let old = field("old", true, InferredType::String);
        assert_eq!(
            field_description(&old, 2, true),
            "Missing or null in at least one output."
        );
    }

    #[test]
    fn fields_are_plain_only_when_every_one_of_several_outputs_has_them() {
        for (outputs, plain) in [(1, false), (2, true)] {
            let spec = listing(outputs);
            let model = lower(&spec, &mut Namespace::default(), |_| true);
            let response = &model.structs[0];
            let required: Vec<bool> = response.fields.iter().map(|f| f.required).collect();
            // `page` is missing from an output, `extra` is untyped: never plain.
            assert_eq!(required, [plain, false, false], "{outputs} outputs");
        }
    }

    #[test]
    fn names_collide_deterministically_and_unknown_fields_avoid_documented_ones() {
        let spec = listing(1);
        let mut names = Namespace::with_reserved(&["ListTagsResponse"]);
        let model = lower(&spec, &mut names, |_| true);
        assert_eq!(model.structs[0].name, "ListTagsResponse2");
        assert_eq!(
            model.responses["listTags"],
            RustType::Model("ListTagsResponse2".into())
        );
        assert_eq!(model.structs[0].unknown_fields.as_deref(), Some("extra_2"));
        assert_eq!(model.structs[1].unknown_fields.as_deref(), Some("extra"));
    }

    #[test]
    fn the_first_typed_array_gives_the_page_items() {
        let spec = listing(1);
        let model = lower(&spec, &mut Namespace::default(), |_| true);
        assert_eq!(
            model.items["listTags"],
            PageItems {
                field: "tags".into(),
                ty: RustType::Model("ListTagsTag".into())
            }
        );
    }

    #[test]
    fn a_documented_definition_wins_and_204_operations_may_be_empty() {
        use crate::spec::{Definition, Response, Schema};
        let response = |code, schema| Response {
            code,
            description: String::new(),
            schema,
        };
        let mut spec = listing(1);
        let mut deleted = spec.operations[0].clone();
        deleted.name = "deleteTags".into();
        if let Some(schema) = &mut deleted.response_schema {
            schema.body = InferredType::Array {
                items: Box::new(InferredType::String),
            };
            schema.types.clear();
        }
        deleted.responses = vec![response(204, None)];
        spec.operations[0].responses = vec![response(
            200,
            Some(Schema::Ref {
                name: "TagList".into(),
            }),
        )];
        spec.operations.push(deleted);
        spec.definitions.push(Definition {
            name: "TagList".into(),
            description: String::new(),
            fields: Vec::new(),
        });
        let model = crate::emit::model::ClientModel::new(&spec);
        let ops: Vec<_> = model.operations().map(|(_, op)| op).collect();
        assert_eq!(ops[0].response, RustType::Model("TagList".into()));
        assert!(!ops[0].response_from_examples);
        assert_eq!(
            ops[1].response,
            RustType::Nullable(Box::new(RustType::List(Box::new(RustType::String))))
        );
        assert!(ops[1].response_from_examples);
        // The listing's inferred structs are not emitted: the definition is used instead.
        assert!(model.struct_named("ListTagsResponse").is_none());
    }

    #[test]
    fn untyped_bodies_and_refused_operations_keep_json_values() {
        let mut spec = listing(1);
        if let Some(schema) = &mut spec.operations[0].response_schema {
            schema.body = InferredType::Any;
        }
        let model = lower(&spec, &mut Namespace::default(), |_| true);
        assert!(model.responses.is_empty());
        let refused = lower(&listing(1), &mut Namespace::default(), |_| false);
        assert!(refused.structs.is_empty() && refused.responses.is_empty());
    }
}
