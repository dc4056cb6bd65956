//! Response types as callers see them: what the generated method returns, read from the
//! emitter's own client model (`emit::model`), so a type the emitter infers from example outputs
//! counts as much as a definition the reference names.
//!
//! For a matched pair of operations:
//! - a different return type (`serde_json::Value` to `models::ListReposResponse` and back, one
//!   model for another of another shape) is [`ChangeKind::ResponseTypeChanged`];
//! - the same shape under another struct name is [`ChangeKind::ResponseModelRenamed`];
//! - within response structs inferred from examples, fields are matched by wire name and a
//!   field removed, added or retyped (`Option<T>` to `T` included) is reported with its path
//!   (`token.title`). Structs of the reference's definitions are compared as definitions
//!   (`compare_definitions`) and not again here.
//!
//! Every one of these breaks a caller's code: a removed or retyped field or another return type
//! stops compiling, a renamed struct breaks code that names it, and a new public field breaks a
//! struct literal of the exhaustive response struct (as for definitions).

use std::collections::{BTreeMap, BTreeSet};

use super::compare::Recorder;
use super::{ChangeKind, Impact};
use crate::emit::model::{ClientModel, OperationModel, RustType, StructModel};
use crate::spec::Spec;

/// One spec's return types, by operation name (the first entry of each name).
pub(super) struct ResponseTypes<'m, 's> {
    model: &'m ClientModel<'s>,
    by_operation: BTreeMap<&'s str, &'m OperationModel<'s>>,
    /// Struct names of the spec's definitions.
    definitions: BTreeSet<&'m str>,
}

impl<'m, 's> ResponseTypes<'m, 's> {
    pub(super) fn new(model: &'m ClientModel<'s>, spec: &Spec) -> ResponseTypes<'m, 's> {
        let mut by_operation = BTreeMap::new();
        for (_, op) in model.operations() {
            by_operation.entry(op.op.name.as_str()).or_insert(op);
        }
        let definitions = model
            .structs
            .iter()
            .take(spec.definitions.len())
            .map(|s| s.name.as_str())
            .collect();
        ResponseTypes {
            model,
            by_operation,
            definitions,
        }
    }

    fn response(&self, operation: &str) -> Option<&RustType> {
        self.by_operation.get(operation).map(|op| &op.response)
    }

    fn inferred_struct(&self, name: &str) -> Option<&StructModel> {
        if self.definitions.contains(name) {
            return None;
        }
        self.model.struct_named(name)
    }
}

/// Compares what `old_name` returned with what `new_name` returns.
pub(super) fn compare(
    old: &ResponseTypes<'_, '_>,
    new: &ResponseTypes<'_, '_>,
    old_name: &str,
    new_name: &str,
    rec: &mut Recorder<'_>,
) {
    let (Some(old_ty), Some(new_ty)) = (old.response(old_name), new.response(new_name)) else {
        return;
    };
    let mut walk = Walk {
        old,
        new,
        seen: BTreeSet::new(),
        rec,
    };
    if !walk.same_shape(old_ty, new_ty) {
        let kind = ChangeKind::ResponseTypeChanged {
            old: caller_type(old_ty),
            new: caller_type(new_ty),
        };
        walk.rec.push(kind, Impact::Breaking);
        return;
    }
    walk.fields_of(old_ty, new_ty, "", 0);
}

/// How deep nested response structs are followed.
const MAX_DEPTH: usize = 8;

struct Walk<'a, 'r, 'm, 's> {
    old: &'a ResponseTypes<'m, 's>,
    new: &'a ResponseTypes<'m, 's>,
    /// Struct pairs already compared (a struct may be reached twice).
    seen: BTreeSet<(String, String)>,
    rec: &'a mut Recorder<'r>,
}

impl Walk<'_, '_, '_, '_> {
    /// Whether two types are the same to a caller apart from the fields of inferred structs: the
    /// same constructors, and for models either the same definition or two inferred structs.
    fn same_shape(&self, old: &RustType, new: &RustType) -> bool {
        match (old, new) {
            (RustType::List(a), RustType::List(b))
            | (RustType::Map(a), RustType::Map(b))
            | (RustType::Nullable(a), RustType::Nullable(b)) => self.same_shape(a, b),
            (RustType::Model(a), RustType::Model(b)) => {
                match (self.old.inferred_struct(a), self.new.inferred_struct(b)) {
                    (Some(_), Some(_)) => true,
                    (None, None) => a == b,
                    _ => false,
                }
            }
            (a, b) => a == b,
        }
    }

    /// Recurses into the inferred structs at the same place in both types.
    fn fields_of(&mut self, old: &RustType, new: &RustType, path: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match (old, new) {
            (RustType::List(a), RustType::List(b))
            | (RustType::Map(a), RustType::Map(b))
            | (RustType::Nullable(a), RustType::Nullable(b)) => {
                self.fields_of(a, b, path, depth + 1)
            }
            (RustType::Model(a), RustType::Model(b)) => self.structs(a, b, path, depth),
            _ => {}
        }
    }

    fn structs(&mut self, old_name: &str, new_name: &str, path: &str, depth: usize) {
        let (Some(old), Some(new)) = (
            self.old.inferred_struct(old_name),
            self.new.inferred_struct(new_name),
        ) else {
            return;
        };
        if !self
            .seen
            .insert((old_name.to_string(), new_name.to_string()))
        {
            return;
        }
        if old_name != new_name {
            let kind = ChangeKind::ResponseModelRenamed {
                at: path.to_string(),
                old: old_name.to_string(),
                new: new_name.to_string(),
            };
            self.rec.push(kind, Impact::Breaking);
        }
        let at = |wire: &str| {
            if path.is_empty() {
                wire.to_string()
            } else {
                format!("{path}.{wire}")
            }
        };
        for field in &new.fields {
            let Some(before) = old.fields.iter().find(|f| f.wire == field.wire) else {
                let kind = ChangeKind::ResponseFieldAdded {
                    name: at(&field.wire),
                    ty: field_type(&field.ty, field.required),
                };
                self.rec.push(kind, Impact::Breaking);
                continue;
            };
            let same = before.required == field.required && self.same_shape(&before.ty, &field.ty);
            if same {
                self.fields_of(&before.ty, &field.ty, &at(&field.wire), depth + 1);
            } else {
                let kind = ChangeKind::ResponseFieldRetyped {
                    name: at(&field.wire),
                    old: field_type(&before.ty, before.required),
                    new: field_type(&field.ty, field.required),
                };
                self.rec.push(kind, Impact::Breaking);
            }
        }
        for field in &old.fields {
            if !new.fields.iter().any(|f| f.wire == field.wire) {
                let kind = ChangeKind::ResponseFieldRemoved {
                    name: at(&field.wire),
                };
                self.rec.push(kind, Impact::Breaking);
            }
        }
    }
}

/// A field's type as written in the struct.
fn field_type(ty: &RustType, required: bool) -> String {
    if required {
        caller_type(ty)
    } else {
        format!("Option<{}>", caller_type(ty))
    }
}

/// A type as a caller writes it (`models::ListReposResponse`, `Vec<String>`).
pub(super) fn caller_type(ty: &RustType) -> String {
    match ty {
        RustType::String => "String".into(),
        RustType::Integer => "i64".into(),
        RustType::Number => "f64".into(),
        RustType::Boolean => "bool".into(),
        RustType::List(items) => format!("Vec<{}>", caller_type(items)),
        RustType::JsonMap => "serde_json::Map<String, serde_json::Value>".into(),
        RustType::JsonValue => "serde_json::Value".into(),
        RustType::Model(name) => format!("models::{name}"),
        RustType::Map(values) => format!("BTreeMap<String, {}>", caller_type(values)),
        RustType::Nullable(inner) => format!("Option<{}>", caller_type(inner)),
    }
}
