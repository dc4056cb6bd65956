//! Corrections to response schemas inferred from example outputs (`set-inferred-field`).

use super::Refusal;
use crate::spec::{InferredResponse, InferredType, Operation};

/// Sets `optional` and/or the type of field `name` of inferred type `type_name`. A correction
/// that changes nothing, or whose schema, type or field is gone, is an error.
pub fn set_field(
    op: &mut Operation,
    type_name: &str,
    name: &str,
    optional: Option<bool>,
    schema: Option<&str>,
) -> Result<(), Refusal> {
    if optional.is_none() && schema.is_none() {
        return Err("give `optional`, `schema` or both".into());
    }
    let response = op.response_schema.as_mut().ok_or_else(|| {
        Refusal::not_in_docs("no response schema was inferred for it (no readable example output)")
    })?;
    let ty = schema.map(|text| parse_type(response, text)).transpose()?;
    let field = response
        .types
        .iter_mut()
        .find(|t| t.name == type_name)
        .ok_or_else(|| Refusal::not_in_docs(format!("no inferred type `{type_name}`")))?
        .fields
        .iter_mut()
        .find(|f| f.name == name)
        .ok_or_else(|| Refusal::not_in_docs(format!("`{type_name}` has no field `{name}`")))?;
    let same_optional = optional.is_none_or(|o| o == field.optional);
    let same_type = ty.as_ref().is_none_or(|t| *t == field.ty);
    if same_optional && same_type {
        return Err(Refusal::docs_agree(
            "the examples already say so; remove this correction",
        ));
    }
    if let Some(optional) = optional {
        field.optional = optional;
    }
    if let Some(ty) = ty {
        field.ty = ty;
    }
    Ok(())
}

/// `string`, `integer`, `number`, `boolean`, `object`, `any`, `array of X`, `map of X`, or the
/// name of one of the response's inferred types.
fn parse_type(response: &InferredResponse, text: &str) -> Result<InferredType, String> {
    let text = text.trim();
    if let Some(items) = text.strip_prefix("array of ") {
        return Ok(InferredType::Array {
            items: Box::new(parse_type(response, items)?),
        });
    }
    if let Some(values) = text.strip_prefix("map of ") {
        return Ok(InferredType::Map {
            values: Box::new(parse_type(response, values)?),
        });
    }
    Ok(match text {
        "string" => InferredType::String,
        "integer" => InferredType::Integer,
        "number" => InferredType::Number,
        "boolean" => InferredType::Boolean,
        "object" => InferredType::Object,
        "any" => InferredType::Any,
        name if response.types.iter().any(|t| t.name == name) => InferredType::Struct {
            name: name.to_string(),
        },
        other => {
            return Err(format!(
                "`{other}` is neither a type (string, integer, number, boolean, object, any, \
                 array of X, map of X) nor an inferred type of this operation"
            ))
        }
    })
}
