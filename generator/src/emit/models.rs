//! `src/models.rs`: one serde struct per definition and per request body.

use std::collections::BTreeSet;

use super::model::{with_since, ClientModel, EnumModel, FieldModel, RustType, StructModel};
use super::rust_file::RustFile;
use super::rust_text::{string_literal, Expr, RustText};
use super::{redact, responses};

/// `src/models.rs`, in parts of a few types each: the biggest generated file. Its items are
/// written as text in prettyplease's layout (see [`RustText`]).
pub fn file<'a>(model: &'a ClientModel<'_>, eq: &'a BTreeSet<&'a str>) -> RustFile<'a> {
    const TYPES_PER_PART: usize = 16;
    RustFile::with_head("src/models.rs", || {
        let mut text = RustText::new();
        text.inner_doc_markdown(
            "Typed data: the definitions of the API reference (response bodies, errors), one \
             struct per request body, and the response types inferred from the docs' example \
             outputs. Response types keep fields they do not model in a flattened `extra` map.",
        );
        text
    })
    .chunks(&model.structs, TYPES_PER_PART, move |s| {
        struct_text(s, eq.contains(s.name.as_str()))
    })
    .chunks(&model.enums, TYPES_PER_PART, enum_text)
}

/// A string of fixed values: one unit variant per value, renamed to it on the wire.
fn enum_text(model: &EnumModel) -> RustText {
    let name = &model.name;
    let mut text = RustText::new();
    text.doc_markdown(&model.description);
    // prettyplease never breaks an attribute, whatever its width.
    text.unbreakable_line(
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]",
    );
    text.open(&format!("pub enum {name} {{"));
    for variant in &model.variants {
        let wire = string_literal(&variant.wire);
        text.doc_markdown(&format!("`{}`", variant.wire));
        text.line(&format!("#[serde(rename = {wire})]"));
        text.line(&format!("{},", variant.ident));
    }
    text.close("}");
    text.open(&format!("impl {name} {{"));
    text.doc_markdown("The value as sent on the wire.");
    text.open("pub fn as_str(self) -> &'static str {");
    text.open("match self {");
    for variant in &model.variants {
        let wire = Expr::atom(string_literal(&variant.wire));
        text.arm(&format!("Self::{}", variant.ident), &wire);
    }
    text.close("}");
    text.close("}");
    text.close("}");
    text
}

/// The structs that can derive `Eq`: no float or JSON value in them or in any struct they hold.
/// Starts from all (and the enums, always `Eq`) and drops one that holds a non-`Eq` type until
/// nothing changes.
pub fn eq_structs<'m>(model: &'m ClientModel<'_>) -> BTreeSet<&'m str> {
    let (structs, enums) = (&model.structs, &model.enums);
    let mut eq: BTreeSet<&str> = structs
        .iter()
        .map(|s| s.name.as_str())
        .chain(enums.iter().map(|e| e.name.as_str()))
        .collect();
    loop {
        let before = eq.len();
        for s in structs {
            if !s.fields.iter().all(|f| is_eq(&f.ty, &eq)) {
                eq.remove(s.name.as_str());
            }
        }
        if eq.len() == before {
            return eq;
        }
    }
}

fn is_eq(ty: &RustType, eq_structs: &BTreeSet<&str>) -> bool {
    match ty {
        RustType::Model(name) => eq_structs.contains(name.as_str()),
        RustType::List(items) | RustType::Map(items) | RustType::Nullable(items) => {
            is_eq(items, eq_structs)
        }
        other => !other.has_float(),
    }
}

fn struct_text(model: &StructModel, eq: bool) -> RustText {
    let mut text = RustText::new();
    if model.description.trim().is_empty() {
        text.doc_markdown(&format!("The `{}` schema.", model.name));
    } else {
        text.doc(&model.description);
    }
    let redacted = redact::needs_redacted_debug(model);
    let mut derives = Vec::new();
    if !redacted {
        derives.push("Debug");
    }
    derives.extend(["Clone", "PartialEq"]);
    if eq {
        derives.push("Eq");
    }
    if model.fields.iter().all(|f| !f.required) {
        derives.push("Default");
    }
    derives.push("serde::Serialize");
    // Response structs decode through `runtime::fields` (keeping unknown fields); the rest derive.
    if model.unknown_fields.is_none() {
        derives.push("serde::Deserialize");
    }
    text.unbreakable_line(&format!("#[derive({})]", derives.join(", ")));
    if model.fields.is_empty() && model.unknown_fields.is_none() {
        text.line(&format!("pub struct {} {{}}", model.name));
    } else {
        text.open(&format!("pub struct {} {{", model.name));
        for field in &model.fields {
            field_text(&mut text, field);
        }
        if let Some(extra) = &model.unknown_fields {
            responses::unknown_fields_text(&mut text, extra);
        }
        text.close("}");
    }
    if redacted {
        redact::debug_impl(&mut text, model);
    }
    if let Some(extra) = &model.unknown_fields {
        deserialize_impl(&mut text, model, extra);
    }
    if !model.is_response {
        body_methods(&mut text, model);
    }
    text
}

fn field_text(text: &mut RustText, field: &FieldModel) {
    match (&field.since, field.description.trim().is_empty()) {
        (None, true) => text.doc_markdown(&format!("The `{}` field.", field.wire)),
        (None, false) => text.doc(&field.description),
        (Some(since), true) => text.doc_markdown(&with_since(
            &format!("The `{}` field.", field.wire),
            Some(since),
        )),
        (Some(since), false) => text.doc(&with_since(&field.description, Some(since))),
    };
    if field.needs_rename() {
        text.line(&format!(
            "#[serde(rename = {})]",
            string_literal(&field.wire)
        ));
    }
    let prefix = format!("pub {}: ", field.ident);
    if field.required {
        text.typed(&prefix, &field.ty, ",");
    } else {
        text.line("#[serde(default, skip_serializing_if = \"Option::is_none\")]");
        text.typed(
            &prefix,
            &RustType::Nullable(Box::new(field.ty.clone())),
            ",",
        );
    }
}

/// `Deserialize` of a response struct: the body as a JSON object, each field taken out of it by
/// `runtime::fields::Object`, the rest kept in the flattened `extra` map. Far less code than a derived
/// visitor with `flatten`, which matters with a few hundred response structs.
fn deserialize_impl(text: &mut RustText, model: &StructModel, extra: &str) {
    text.open_impl_for("impl<'de> serde::Deserialize<'de>", &model.name);
    text.open("fn deserialize<D: serde::Deserializer<'de>>(");
    text.line("deserializer: D,");
    text.close_and_open(") -> Result<Self, D::Error> {");
    text.line("let mut object = crate::runtime::fields::Object::read(deserializer)?;");
    let mut fields: Vec<(String, Expr)> = model
        .fields
        .iter()
        .map(|f| {
            let take = if f.required { ".required" } else { ".optional" };
            let value = Expr::chain(
                Expr::atom("object"),
                vec![Expr::try_call(
                    take,
                    vec![Expr::atom(string_literal(&f.wire))],
                )],
            );
            (f.ident.clone(), value)
        })
        .collect();
    fields.push((extra.to_string(), Expr::atom("object.into_rest()")));
    let literal = Expr::Struct {
        prefix: "",
        path: "Self".to_string(),
        fields,
    };
    text.statement("", &Expr::call("Ok", vec![literal]), "");
    text.close("}");
    text.close("}");
}

/// `new(required...)` plus one setter per optional field, named like the field.
fn body_methods(text: &mut RustText, model: &StructModel) {
    let params: Vec<String> = model
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| format!("{}: {}", f.ident, argument_text(&f.ty).0))
        .collect();
    let inits: Vec<String> = model
        .fields
        .iter()
        .map(|f| match (f.required, &f.ty) {
            (false, _) => format!("{}: None", f.ident),
            (true, RustType::String) => format!("{0}: {0}.into()", f.ident),
            (true, _) => f.ident.clone(),
        })
        .collect();
    text.open(&format!("impl {} {{", model.name));
    text.doc_markdown(&format!(
        "A `{}` with its required fields; set optional ones by name.",
        model.name
    ));
    text.signature("pub fn new", &params, " -> Self {");
    text.struct_literal("", "Self", &inits, "");
    text.close("}");
    for f in model.fields.iter().filter(|f| !f.required) {
        let (ty, convert) = argument_text(&f.ty);
        text.doc_markdown(&format!("Sets `{}`.", f.wire));
        text.line("#[must_use]");
        let params = ["mut self".to_string(), format!("value: {ty}")];
        text.signature(&format!("pub fn {}", f.ident), &params, " -> Self {");
        text.line(&format!("self.{} = Some(value{convert});", f.ident));
        text.line("self");
        text.close("}");
    }
    text.close("}");
}

/// The parameter type of a setter or constructor argument, and the conversion applied to it.
/// Strings take `impl Into<String>`; everything else its own type.
pub fn argument_text(ty: &RustType) -> (String, &'static str) {
    match ty {
        RustType::String => ("impl Into<String>".into(), ".into()"),
        other => (other.text(), ""),
    }
}
