//! The shape of a set of JSON values: what kinds of value each position held, how often each
//! object field was present, and whether it was ever `null`. Merging is order-independent except
//! for field order, which is the order fields were first met.

use serde_json::Value;

/// Everything seen at one position of the examples.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    /// At least one example had `null` here.
    pub null: bool,
    pub kind: Kind,
    /// The first few distinct scalar values met here (strings, numbers, booleans), for docs.
    pub samples: Vec<Value>,
}

/// How many distinct scalar values a [`Shape`] keeps.
const MAX_SAMPLES: usize = 3;

/// The kind of non-null value seen at a position.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Kind {
    /// No non-null value yet (only `null`, or the items of empty arrays).
    #[default]
    Nothing,
    String,
    Integer,
    /// A number with a fraction or exponent, or integers and such numbers mixed.
    Number,
    Boolean,
    Array(Box<Shape>),
    Object(ObjectShape),
    /// Objects keyed by name (see [`is_keyed_by_name`]): the merged shape of their values.
    Map(Box<Shape>),
    /// Examples disagree (`string` in one, `object` in another); the kinds met, in order.
    Conflict(Vec<&'static str>),
}

impl Kind {
    fn name(&self) -> &'static str {
        match self {
            Kind::Nothing => "nothing",
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Array(_) => "array",
            Kind::Object(_) => "object",
            Kind::Map(_) => "map",
            Kind::Conflict(_) => "conflict",
        }
    }
}

/// The fields seen in the objects at one position.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ObjectShape {
    /// How many objects were merged here.
    pub count: usize,
    /// Fields in the order first met.
    pub fields: Vec<FieldShape>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldShape {
    pub name: String,
    /// In how many of the merged objects the field was present.
    pub present: usize,
    pub shape: Shape,
}

impl FieldShape {
    /// Missing from some object, or `null` in one.
    pub fn optional(&self, object_count: usize) -> bool {
        self.present < object_count || self.shape.null
    }
}

impl Shape {
    /// Merges one more example value into this shape.
    pub fn merge(&mut self, value: &Value) {
        let scalar = matches!(value, Value::Bool(_) | Value::Number(_) | Value::String(_));
        if scalar && self.samples.len() < MAX_SAMPLES && !self.samples.contains(value) {
            self.samples.push(value.clone());
        }
        let incoming = match value {
            Value::Null => {
                self.null = true;
                return;
            }
            Value::Bool(_) => Kind::Boolean,
            Value::Number(n) if n.is_i64() || n.is_u64() => Kind::Integer,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(items) => {
                let mut shape = match &mut self.kind {
                    Kind::Array(existing) => std::mem::take(existing.as_mut()),
                    _ => Shape::default(),
                };
                for item in items {
                    shape.merge(item);
                }
                Kind::Array(Box::new(shape))
            }
            Value::Object(map) if is_keyed_by_name(map) => {
                let mut shape = match &mut self.kind {
                    Kind::Map(existing) => std::mem::take(existing.as_mut()),
                    _ => Shape::default(),
                };
                for value in map.values() {
                    shape.merge(value);
                }
                Kind::Map(Box::new(shape))
            }
            Value::Object(map) => {
                let mut object = match &mut self.kind {
                    Kind::Object(existing) => std::mem::take(existing),
                    _ => ObjectShape::default(),
                };
                object.merge(map);
                Kind::Object(object)
            }
        };
        self.kind = combine(std::mem::take(&mut self.kind), incoming);
    }
}

impl ObjectShape {
    fn merge(&mut self, map: &serde_json::Map<String, Value>) {
        self.count += 1;
        for (name, value) in map {
            let index = match self.fields.iter().position(|f| &f.name == name) {
                Some(index) => index,
                None => {
                    self.fields.push(FieldShape {
                        name: name.clone(),
                        present: 0,
                        shape: Shape::default(),
                    });
                    self.fields.len() - 1
                }
            };
            let field = &mut self.fields[index];
            field.present += 1;
            field.shape.merge(value);
        }
    }
}

/// The kind of two merged shapes seen at one position: a [`Kind::Conflict`] when they cannot
/// be one type (used to compare the docs' outputs with the server's as a whole).
pub fn combine_kinds(existing: Kind, incoming: Kind) -> Kind {
    combine(existing, incoming)
}

/// The kind after seeing `incoming` where `existing` was seen before. Arrays and objects arrive
/// already merged with their previous contents (see [`Shape::merge`]).
fn combine(existing: Kind, incoming: Kind) -> Kind {
    match (existing, incoming) {
        (Kind::Nothing, incoming) => incoming,
        (Kind::Conflict(mut kinds), incoming) => {
            push_kind(&mut kinds, incoming.name());
            Kind::Conflict(kinds)
        }
        (Kind::Integer | Kind::Number, Kind::Number) | (Kind::Number, Kind::Integer) => {
            Kind::Number
        }
        (Kind::Integer, Kind::Integer) => Kind::Integer,
        (Kind::String, Kind::String) => Kind::String,
        (Kind::Boolean, Kind::Boolean) => Kind::Boolean,
        (Kind::Array(_), incoming @ Kind::Array(_)) => incoming,
        (Kind::Object(_), incoming @ Kind::Object(_)) => incoming,
        (Kind::Map(_), incoming @ Kind::Map(_)) => incoming,
        // An empty object fits a map: it is a map without entries.
        (Kind::Object(object), map @ Kind::Map(_)) if object.fields.is_empty() => map,
        (map @ Kind::Map(_), Kind::Object(object)) if object.fields.is_empty() => map,
        (existing, incoming) => {
            let mut kinds = vec![existing.name()];
            push_kind(&mut kinds, incoming.name());
            Kind::Conflict(kinds)
        }
    }
}

/// Whether an object is a map from names to records rather than a record: every value is an
/// object whose `name` field is its key (`"alice": {"name": "alice", ...}`), the way the API
/// returns permissions by user or team. A heuristic: a record with a field `alice` holding
/// `{"name": "alice"}` would be taken for a map, which the docs' outputs never show.
pub fn is_keyed_by_name(map: &serde_json::Map<String, Value>) -> bool {
    !map.is_empty()
        && map
            .iter()
            .all(|(key, value)| value.get("name").and_then(Value::as_str) == Some(key.as_str()))
}

fn push_kind(kinds: &mut Vec<&'static str>, kind: &'static str) {
    if !kinds.contains(&kind) {
        kinds.push(kind);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shape_of(values: &[Value]) -> Shape {
        let mut shape = Shape::default();
        for value in values {
            shape.merge(value);
        }
        shape
    }

    #[test]
    fn integers_and_floats() {
        assert_eq!(shape_of(&[json!(1), json!(2)]).kind, Kind::Integer);
        assert_eq!(shape_of(&[json!(1), json!(2.5)]).kind, Kind::Number);
        assert_eq!(shape_of(&[json!(2.5), json!(1)]).kind, Kind::Number);
    }

    #[test]
    fn conflicts_list_the_kinds() {
        let shape = shape_of(&[json!("a"), json!({"b": 1}), json!("c")]);
        assert_eq!(shape.kind, Kind::Conflict(vec!["string", "object"]));
    }

    #[test]
    fn fields_count_presence_and_null() {
        let shape = shape_of(&[json!({"a": 1, "b": null}), json!({"a": 2})]);
        let Kind::Object(object) = shape.kind else {
            panic!("object expected")
        };
        assert_eq!(object.count, 2);
        assert!(!object.fields[0].optional(2));
        assert!(object.fields[1].optional(2));
        assert_eq!(object.fields[1].shape.kind, Kind::Nothing);
    }

    #[test]
    fn objects_keyed_by_name_are_maps() {
        let shape = shape_of(&[
            json!({"alice": {"name": "alice", "role": "read"}, "bob": {"name": "bob", "role": "admin"}}),
            json!({}),
        ]);
        let Kind::Map(values) = shape.kind else {
            panic!("map expected, got {:?}", shape.kind)
        };
        let Kind::Object(object) = values.kind else {
            panic!("object values expected")
        };
        assert_eq!(object.count, 2);
        // A record whose values do not repeat its keys by name stays a record.
        let record = shape_of(&[json!({"owner": {"name": "alice"}})]);
        assert!(matches!(record.kind, Kind::Object(_)));
        let kind_only = shape_of(&[json!({"user": {"kind": "user"}})]);
        assert!(matches!(kind_only.kind, Kind::Object(_)));
    }

    #[test]
    fn array_items_merge_across_examples() {
        let shape = shape_of(&[json!([]), json!([{"x": 1}]), json!([{"x": 2, "y": true}])]);
        let Kind::Array(items) = shape.kind else {
            panic!("array expected")
        };
        let Kind::Object(object) = items.kind else {
            panic!("object items expected")
        };
        assert_eq!(object.count, 2);
        assert_eq!(object.fields[1].present, 1);
    }
}
