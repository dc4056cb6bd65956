//! The comparison itself: matching operations, parameters and definitions between two specs and
//! classing each difference. The impact rules follow the generated crate's shape: one method per
//! operation on its group's API (`client.tag().list_repo_tags(..)`), path parameters and required
//! query parameters as positional arguments, optional query parameters as builder setters, and
//! request bodies and definitions as structs with public fields (exhaustive, so by Rust's semver
//! rules a new field, even an optional one, breaks code that builds them with a literal; every
//! definition field is an `Option`), and as return type what the emitter chooses (the definition
//! the first 2xx response refers to, else the type inferred from example outputs; see
//! `responses`). If the emitter changes (say, `#[non_exhaustive]` models), change the
//! `*_impact` functions below.

use std::collections::{BTreeSet, HashSet};

use super::responses::{self, ResponseTypes};
use super::{Change, ChangeKind, Impact, Place, Subject};
use crate::emit::model::ClientModel;
use crate::spec::{path_shape, Definition, Field, Operation, Spec};

pub(super) fn changes(old: &Spec, new: &Spec) -> Vec<Change> {
    let mut out = Vec::new();
    // Return types as the emitter chooses them (definitions, then types inferred from examples).
    let (old_model, new_model) = (ClientModel::new(old), ClientModel::new(new));
    let types = (
        ResponseTypes::new(&old_model, old),
        ResponseTypes::new(&new_model, new),
    );
    compare_operations(old, new, &types, &mut out);
    compare_definitions(old, new, &mut out);
    compare_group_descriptions(old, new, &mut out);
    out
}

/// Collects changes about one subject.
pub(super) struct Recorder<'a> {
    subject: Subject,
    out: &'a mut Vec<Change>,
}

impl Recorder<'_> {
    pub(super) fn push(&mut self, kind: ChangeKind, impact: Impact) {
        self.out.push(Change {
            subject: self.subject.clone(),
            kind,
            impact,
        });
    }

    fn description(&mut self, what: impl Into<String>, old: &str, new: &str) {
        if normalize_space(old) != normalize_space(new) {
            let kind = ChangeKind::DescriptionChanged {
                what: what.into(),
                old: old.to_string(),
                new: new.to_string(),
            };
            self.push(kind, Impact::Patch);
        }
    }
}

/// Reflowed text is not a change.
fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first entry of each name, in document order.
fn first_of_each_name(operations: &[Operation]) -> Vec<&Operation> {
    let mut seen = HashSet::new();
    operations
        .iter()
        .filter(|op| seen.insert(op.name.as_str()))
        .collect()
}

/// The unmatched old operation that `new_op` renames: the same method and the same path,
/// preferring an exact path over one that differs in placeholder names only.
fn rename_candidate(gone: &[&Operation], new_op: &Operation) -> Option<usize> {
    let exact = gone
        .iter()
        .position(|op| op.method == new_op.method && op.path == new_op.path);
    exact.or_else(|| {
        let shape = path_shape(&new_op.path);
        gone.iter()
            .position(|op| op.method == new_op.method && path_shape(&op.path) == shape)
    })
}

/// The return types of the old and the new spec.
type Types<'m, 's> = (ResponseTypes<'m, 's>, ResponseTypes<'m, 's>);

fn compare_operations(old: &Spec, new: &Spec, types: &Types<'_, '_>, out: &mut Vec<Change>) {
    let old_ops = first_of_each_name(&old.operations);
    let new_ops = first_of_each_name(&new.operations);
    let new_names: HashSet<&str> = new_ops.iter().map(|op| op.name.as_str()).collect();
    // Old operations whose name is gone, still available to be paired as a rename.
    let mut gone: Vec<&Operation> = old_ops
        .iter()
        .copied()
        .filter(|op| !new_names.contains(op.name.as_str()))
        .collect();

    for new_op in &new_ops {
        let mut rec = Recorder {
            subject: Subject::Operation(new_op.name.clone()),
            out: &mut *out,
        };
        if let Some(old_op) = old_ops.iter().find(|op| op.name == new_op.name) {
            compare_operation(old_op, new_op, types, &mut rec);
        } else if let Some(index) = rename_candidate(&gone, new_op) {
            let old_op = gone.remove(index);
            rec.push(
                ChangeKind::OperationRenamed {
                    old_name: old_op.name.clone(),
                    method: new_op.method,
                    path: new_op.path.clone(),
                },
                // The generated method's name is the operation's name.
                Impact::Breaking,
            );
            compare_operation(old_op, new_op, types, &mut rec);
        } else {
            rec.push(
                ChangeKind::OperationAdded {
                    method: new_op.method,
                    path: new_op.path.clone(),
                },
                Impact::Addition,
            );
        }
    }
    for old_op in gone {
        out.push(Change {
            subject: Subject::Operation(old_op.name.clone()),
            kind: ChangeKind::OperationRemoved {
                method: old_op.method,
                path: old_op.path.clone(),
            },
            impact: Impact::Breaking,
        });
    }
}

fn compare_operation(
    old: &Operation,
    new: &Operation,
    types: &Types<'_, '_>,
    rec: &mut Recorder<'_>,
) {
    if old.method != new.method {
        // The same call would now do something else on the server.
        let kind = ChangeKind::MethodChanged {
            old: old.method,
            new: new.method,
        };
        rec.push(kind, Impact::Breaking);
    }
    if old.path != new.path {
        // The generated method follows the new path; callers' code is unchanged. Parameters that
        // appear or disappear with it are reported as their own changes.
        let kind = ChangeKind::PathChanged {
            old: old.path.clone(),
            new: new.path.clone(),
        };
        rec.push(kind, Impact::Patch);
    }
    if old.group != new.group {
        // The method moves to another group's API (`client.<group>()`).
        let kind = ChangeKind::GroupChanged {
            old: old.group.clone(),
            new: new.group.clone(),
        };
        rec.push(kind, Impact::Breaking);
    }
    rec.description("operation", &old.description, &new.description);
    let renamed = renamed_placeholders(old, new);
    let old_fields: Vec<(Place, &Field, &str)> = operation_fields(old)
        .into_iter()
        .map(|(place, field)| (place, field, renamed_to(&renamed, place, &field.name)))
        .collect();
    compare_fields(&old_fields, &operation_fields(new), rec);
    compare_body_envelope(old, new, rec);
    compare_authorization(old, new, rec);
    compare_responses(old, new, rec);
    responses::compare(&types.0, &types.1, &old.name, &new.name, rec);
}

/// `(old, new)` names of placeholders renamed in place: path parameters are positional
/// arguments, so a new name at the same position is the same argument (the path change itself
/// is reported on its own).
fn renamed_placeholders<'a>(old: &'a Operation, new: &'a Operation) -> Vec<(&'a str, &'a str)> {
    let (before, after) = (old.template_params(), new.template_params());
    before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a && !after.contains(b) && !before.contains(a))
        .map(|(b, a)| (*b, *a))
        .collect()
}

/// The name an old field is matched under: its placeholder's new name if it was renamed.
fn renamed_to<'a>(renamed: &[(&str, &'a str)], place: Place, name: &'a str) -> &'a str {
    if place != Place::Path {
        return name;
    }
    renamed
        .iter()
        .find(|(old, _)| *old == name)
        .map_or(name, |(_, new)| *new)
}

/// Every input of an operation with where it goes.
fn operation_fields(op: &Operation) -> Vec<(Place, &Field)> {
    let path = op.path_params.iter().map(|f| (Place::Path, f));
    let query = op.query_params.iter().map(|f| (Place::Query, f));
    let body = op
        .body
        .iter()
        .flat_map(|b| b.fields.iter().map(|f| (Place::Body, f)));
    path.chain(query).chain(body).collect()
}

fn compare_body_envelope(old: &Operation, new: &Operation, rec: &mut Recorder<'_>) {
    let (Some(old_body), Some(new_body)) = (&old.body, &new.body) else {
        // A body that appears or disappears shows as its fields being added or removed.
        return;
    };
    if old_body.content_type != new_body.content_type {
        let kind = ChangeKind::BodyContentTypeChanged {
            old: old_body.content_type.clone(),
            new: new_body.content_type.clone(),
        };
        rec.push(kind, Impact::Patch);
    }
    rec.description("request body", &old_body.description, &new_body.description);
}

fn compare_authorization(old: &Operation, new: &Operation, rec: &mut Recorder<'_>) {
    // The crate sends whatever token it is given: scopes are a matter for the token's owner, so
    // these changes are documentation for users, not API changes.
    let (old_auth, new_auth) = (&old.authorization, &new.authorization);
    if old_auth.scheme != new_auth.scheme {
        let kind = ChangeKind::AuthSchemeChanged {
            old: old_auth.scheme.clone(),
            new: new_auth.scheme.clone(),
        };
        rec.push(kind, Impact::Patch);
    }
    let old_scopes: BTreeSet<&String> = old_auth.scopes.iter().collect();
    let new_scopes: BTreeSet<&String> = new_auth.scopes.iter().collect();
    if old_scopes != new_scopes {
        let kind = ChangeKind::ScopesChanged {
            added: new_scopes
                .difference(&old_scopes)
                .map(|s| s.to_string())
                .collect(),
            removed: old_scopes
                .difference(&new_scopes)
                .map(|s| s.to_string())
                .collect(),
        };
        rec.push(kind, Impact::Patch);
    }
}

fn compare_responses(old: &Operation, new: &Operation, rec: &mut Recorder<'_>) {
    for response in &new.responses {
        match old.responses.iter().find(|r| r.code == response.code) {
            None => rec.push(
                ChangeKind::ResponseAdded {
                    code: response.code,
                },
                Impact::Patch,
            ),
            Some(before) => rec.description(
                format!("response {}", response.code),
                &before.description,
                &response.description,
            ),
        }
    }
    for response in &old.responses {
        if !new.responses.iter().any(|r| r.code == response.code) {
            rec.push(
                ChangeKind::ResponseRemoved {
                    code: response.code,
                },
                Impact::Patch,
            );
        }
    }
    // The return type follows from the 2xx schemas and the examples: see `responses`.
}

/// The impact of a field becoming required or optional.
fn required_change_impact(place: Place) -> Impact {
    match place {
        // Definitions are response models whose fields are all `Option`: the type stays.
        Place::Field => Impact::Patch,
        // Otherwise the Rust signature changes either way: a positional argument becomes a
        // setter (or back), or a body field's `Option` comes or goes.
        Place::Path | Place::Query | Place::Body => Impact::Breaking,
    }
}

/// The impact of a new field, by where it goes in the generated crate.
fn addition_impact(place: Place, required: bool) -> Impact {
    match place {
        // A new positional argument breaks calls; a new setter does not.
        Place::Path | Place::Query if required => Impact::Breaking,
        Place::Path | Place::Query => Impact::Addition,
        // A new public field of an exhaustive struct breaks struct literals.
        Place::Body | Place::Field => Impact::Breaking,
    }
}

/// Compares two field lists; each old field carries the name it is matched under.
fn compare_fields(old: &[(Place, &Field, &str)], new: &[(Place, &Field)], rec: &mut Recorder<'_>) {
    let same_place =
        |(place, name): (Place, &str)| old.iter().position(|(p, _, n)| *p == place && *n == name);
    // Old fields not yet matched by a new one; what is left at the end was removed.
    let mut unmatched_old: Vec<bool> = vec![true; old.len()];
    let exact: Vec<Option<usize>> = new
        .iter()
        .map(|(place, field)| same_place((*place, &field.name)))
        .collect();
    for index in exact.iter().flatten() {
        unmatched_old[*index] = false;
    }
    for ((place, field), exact) in new.iter().zip(&exact) {
        if let Some(index) = exact {
            compare_field(*place, old[*index].1, field, rec);
            continue;
        }
        let moved_from = (0..old.len()).find(|&i| unmatched_old[i] && old[i].2 == field.name);
        match moved_from {
            Some(index) => {
                unmatched_old[index] = false;
                let (old_place, before, _) = old[index];
                // The argument moves between path, query and body in the generated method.
                let kind = ChangeKind::FieldMoved {
                    name: field.name.clone(),
                    old: old_place,
                    new: *place,
                };
                rec.push(kind, Impact::Breaking);
                compare_field(*place, before, field, rec);
            }
            None => {
                let impact = addition_impact(*place, field.required);
                let kind = ChangeKind::FieldAdded {
                    place: *place,
                    name: field.name.clone(),
                    required: field.required,
                    schema: field.schema.display(),
                };
                rec.push(kind, impact);
            }
        }
    }
    for ((place, field, _), unmatched) in old.iter().zip(unmatched_old) {
        if unmatched {
            let kind = ChangeKind::FieldRemoved {
                place: *place,
                name: field.name.clone(),
            };
            rec.push(kind, Impact::Breaking);
        }
    }
}

fn compare_field(place: Place, old: &Field, new: &Field, rec: &mut Recorder<'_>) {
    if old.required != new.required {
        let kind = ChangeKind::RequiredChanged {
            place,
            name: new.name.clone(),
            required: new.required,
        };
        rec.push(kind, required_change_impact(place));
    }
    if old.schema != new.schema {
        let kind = ChangeKind::TypeChanged {
            place,
            name: new.name.clone(),
            old: old.schema.display(),
            new: new.schema.display(),
        };
        rec.push(kind, Impact::Breaking);
    }
    if old.constraints != new.constraints {
        let kind = ChangeKind::ConstraintsChanged {
            place,
            name: new.name.clone(),
            old: old.constraints.clone(),
            new: new.constraints.clone(),
        };
        rec.push(kind, Impact::Patch);
    }
    rec.description(
        format!("{} `{}`", place.label(), new.name),
        &old.description,
        &new.description,
    );
}

fn compare_definitions(old: &Spec, new: &Spec, out: &mut Vec<Change>) {
    for new_def in &new.definitions {
        let mut rec = Recorder {
            subject: Subject::Definition(new_def.name.clone()),
            out: &mut *out,
        };
        match old.definition(&new_def.name) {
            Some(old_def) => compare_definition(old_def, new_def, &mut rec),
            None => rec.push(ChangeKind::DefinitionAdded, Impact::Addition),
        }
    }
    for old_def in &old.definitions {
        if new.definition(&old_def.name).is_none() {
            out.push(Change {
                subject: Subject::Definition(old_def.name.clone()),
                kind: ChangeKind::DefinitionRemoved,
                impact: Impact::Breaking,
            });
        }
    }
}

fn compare_definition(old: &Definition, new: &Definition, rec: &mut Recorder<'_>) {
    rec.description("definition", &old.description, &new.description);
    compare_fields(
        &under_own_names(&definition_fields(old)),
        &definition_fields(new),
        rec,
    );
}

fn definition_fields(definition: &Definition) -> Vec<(Place, &Field)> {
    definition
        .fields
        .iter()
        .map(|f| (Place::Field, f))
        .collect()
}

/// Old fields matched under their own names.
fn under_own_names<'a>(fields: &[(Place, &'a Field)]) -> Vec<(Place, &'a Field, &'a str)> {
    fields
        .iter()
        .map(|(p, f)| (*p, *f, f.name.as_str()))
        .collect()
}

fn compare_group_descriptions(old: &Spec, new: &Spec, out: &mut Vec<Change>) {
    for new_group in &new.groups {
        if let Some(old_group) = old.groups.iter().find(|g| g.name == new_group.name) {
            let mut rec = Recorder {
                subject: Subject::Group(new_group.name.clone()),
                out: &mut *out,
            };
            rec.description("group", &old_group.description, &new_group.description);
        }
    }
}
