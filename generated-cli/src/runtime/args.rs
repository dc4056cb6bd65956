//! The arguments of generated commands: how each kind of value is declared to clap, and read
//! back from its matches. Generated code calls only these, so every command parses the same way:
//! path parameters positional, query parameters and body fields as `--flag VALUE`, booleans as
//! `--flag` or `--flag=false`, JSON fields as JSON text.

use std::any::Any;

use clap::builder::ValueParser;
use clap::{Arg, ArgAction, ArgMatches};
use serde_json::Value;

use super::error::CliError;

/// How a value is written on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    String,
    /// A whole number (`i64`).
    Integer,
    /// A number (`f64`).
    Number,
    /// `true` or `false`.
    Boolean,
    /// Any JSON value, as JSON text; other text is taken as a string.
    Json,
    /// A JSON object, as JSON text (a map, or a nested body object such as a trigger's `refs`).
    JsonObject,
    /// One of these values (a body field the server types as an enum).
    OneOf(&'static [&'static str]),
}

impl Kind {
    fn parser(self) -> ValueParser {
        match self {
            Kind::String => clap::value_parser!(String),
            Kind::Integer => clap::value_parser!(i64).into(),
            Kind::Number => ValueParser::new(parse_number),
            Kind::Boolean => clap::value_parser!(bool),
            Kind::Json => ValueParser::new(parse_json_or_text),
            Kind::JsonObject => ValueParser::new(parse_json_object),
            Kind::OneOf(values) => {
                clap::builder::PossibleValuesParser::new(values.iter().copied()).into()
            }
        }
    }

    fn value_name(self) -> &'static str {
        match self {
            Kind::String => "TEXT",
            Kind::Integer => "INT",
            Kind::Number => "NUMBER",
            Kind::Boolean => "BOOL",
            Kind::Json => "JSON|TEXT",
            Kind::JsonObject => "JSON",
            Kind::OneOf(_) => "VALUE",
        }
    }

    /// What a JSON value of this kind looks like, for error messages.
    fn expected(self, multiple: bool) -> String {
        match (self, multiple) {
            (Kind::OneOf(values), true) => format!("an array of: {}", values.join(", ")),
            (Kind::OneOf(values), false) => format!("one of: {}", values.join(", ")),
            (kind, multiple) => kind.expected_text(multiple).to_string(),
        }
    }

    fn expected_text(self, multiple: bool) -> &'static str {
        match (self, multiple) {
            (Kind::String, true) => "an array of strings",
            (Kind::String, false) => "a string",
            (Kind::Integer, _) => "an integer",
            (Kind::Number, _) => "a number",
            (Kind::Boolean, _) => "true or false",
            (Kind::Json, _) => "JSON",
            (Kind::JsonObject, _) => "a JSON object",
            (Kind::OneOf(_), true) => "an array of allowed values",
            (Kind::OneOf(_), false) => "one of the allowed values",
        }
    }

    fn accepts(self, multiple: bool, value: &Value) -> bool {
        match (self, multiple) {
            (Kind::String, true) => value
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_string)),
            (Kind::String, false) => value.is_string(),
            (Kind::Integer, _) => value.is_i64() || value.is_u64(),
            (Kind::Number, _) => value.is_number(),
            (Kind::Boolean, _) => value.is_boolean(),
            (Kind::Json, _) => true,
            (Kind::JsonObject, _) => value.is_object(),
            (Kind::OneOf(values), true) => value.as_array().is_some_and(|items| {
                items
                    .iter()
                    .all(|item| item.as_str().is_some_and(|text| values.contains(&text)))
            }),
            (Kind::OneOf(values), false) => {
                value.as_str().is_some_and(|text| values.contains(&text))
            }
        }
    }
}

fn parse_number(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(number) if number.is_finite() => Ok(number),
        _ => Err("expected a finite number".into()),
    }
}

fn parse_json(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|error| format!("not JSON: {error}"))
}

/// A field the docs leave untyped: JSON (`5`, `true`, `{"a": 1}`), or else the text as a string
/// (`sha256:abc`). Text that starts like an object, array or string must be valid JSON.
fn parse_json_or_text(text: &str) -> Result<Value, String> {
    match serde_json::from_str(text) {
        Ok(value) => Ok(value),
        Err(error) if text.trim_start().starts_with(['{', '[', '"']) => {
            Err(format!("not JSON: {error}"))
        }
        Err(_) => Ok(Value::String(text.to_string())),
    }
}

fn parse_json_object(text: &str) -> Result<Value, String> {
    match parse_json(text)? {
        object @ Value::Object(_) => Ok(object),
        other => Err(format!("expected a JSON object, got {}", json_type(&other))),
    }
}

/// `an object`, `a string`, ... for messages about a JSON value.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A required positional argument (a path parameter); `id` is also its value name.
pub fn positional(id: &'static str, kind: Kind, help: &'static str) -> Arg {
    Arg::new(id)
        .value_name(id)
        .required(true)
        .value_parser(kind.parser())
        .help(non_empty(help))
}

/// A query parameter as `--long VALUE` (booleans `--long[=BOOL]`).
pub fn query(long: &'static str, kind: Kind, required: bool, help: &'static str) -> Arg {
    flag_arg(long, kind, help).required(required)
}

/// A list query parameter: the flag repeated, once per item.
pub fn query_list(long: &'static str, kind: Kind, required: bool, help: &'static str) -> Arg {
    flag_arg(long, kind, help)
        .required(required)
        .action(ArgAction::Append)
}

/// A boolean the API requires: present sends `true`, absent sends `false`.
pub fn switch(long: &'static str, help: &'static str) -> Arg {
    Arg::new(long)
        .long(long)
        .action(ArgAction::SetTrue)
        .help(non_empty(help))
}

/// A body field as `--long VALUE`; it overrides the same field of `--body`.
pub fn field(long: &'static str, kind: Kind, help: &'static str) -> Arg {
    flag_arg(long, kind, help).help_heading("Body fields")
}

/// A body field holding a list of strings: the flag repeated, once per item.
pub fn field_list(long: &'static str, kind: Kind, help: &'static str) -> Arg {
    field(long, kind, help).action(ArgAction::Append)
}

/// `--body JSON|@FILE|-`: the whole request body.
pub fn body() -> Arg {
    Arg::new("body")
        .long("body")
        .value_name("JSON|@FILE|-")
        .help_heading("Body fields")
        .help(
            "The whole request body: JSON text, @FILE to read it from a file, or - for standard \
             input; field flags override its fields",
        )
}

/// `--body JSON|@FILE|-` of an operation whose body is a JSON array: required, and the only
/// way to give the body (its items have no flags).
pub fn body_array() -> Arg {
    Arg::new("body")
        .long("body")
        .value_name("JSON|@FILE|-")
        .required(true)
        .help_heading("Body fields")
        .help(
            "The whole request body, a JSON array of objects: JSON text, @FILE to read it from a \
             file, or - for standard input",
        )
}

/// `--all`, on paginated commands.
pub fn all() -> Arg {
    Arg::new("all")
        .long("all")
        .action(ArgAction::SetTrue)
        .help("Walk every page and print each item as one JSON line")
}

fn flag_arg(long: &'static str, kind: Kind, help: &'static str) -> Arg {
    let arg = Arg::new(long)
        .long(long)
        .value_name(kind.value_name())
        .value_parser(kind.parser())
        .help(non_empty(help));
    if kind == Kind::Boolean {
        arg.num_args(0..=1)
            .require_equals(true)
            .default_missing_value("true")
    } else {
        arg
    }
}

fn non_empty(help: &'static str) -> Option<&'static str> {
    (!help.is_empty()).then_some(help)
}

/// A value clap was told to parse; a missing one is a usage error.
pub fn one<T: Any + Clone + Send + Sync + 'static>(
    matches: &ArgMatches,
    id: &str,
) -> Result<T, CliError> {
    opt(matches, id)?.ok_or_else(|| CliError::usage(format!("the argument {id} is required")))
}

/// An optional value.
pub fn opt<T: Any + Clone + Send + Sync + 'static>(
    matches: &ArgMatches,
    id: &str,
) -> Result<Option<T>, CliError> {
    matches
        .try_get_one::<T>(id)
        .map(|value| value.cloned())
        .map_err(|error| CliError::usage(format!("argument {id}: {error}")))
}

/// Every value of a repeated flag, in order.
pub fn many<T: Any + Clone + Send + Sync + 'static>(
    matches: &ArgMatches,
    id: &str,
) -> Result<Vec<T>, CliError> {
    matches
        .try_get_many::<T>(id)
        .map(|values| values.map(|v| v.cloned().collect()).unwrap_or_default())
        .map_err(|error| CliError::usage(format!("argument {id}: {error}")))
}

/// Whether a switch was given.
pub fn flag(matches: &ArgMatches, id: &str) -> bool {
    matches
        .try_get_one::<bool>(id)
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false)
}

/// Whether `--all` was given.
pub fn all_requested(matches: &ArgMatches) -> bool {
    flag(matches, "all")
}

/// One body field of an operation: its flag, its name in the JSON body, how it is written.
#[derive(Debug, Clone, Copy)]
pub struct BodyField {
    /// The flag, without dashes.
    pub long: &'static str,
    /// The name in the request body.
    pub wire: &'static str,
    /// How its value is written.
    pub kind: Kind,
    /// A list given as a repeated flag.
    pub multiple: bool,
    /// The body must have it.
    pub required: bool,
}

impl BodyField {
    /// The field's flag as JSON, if it was given.
    fn flag_value(&self, matches: &ArgMatches) -> Result<Option<Value>, CliError> {
        Ok(match (self.kind, self.multiple) {
            (Kind::String, true) => {
                let values = many::<String>(matches, self.long)?;
                (!values.is_empty()).then(|| Value::from(values))
            }
            (Kind::String | Kind::OneOf(_), false) => {
                opt::<String>(matches, self.long)?.map(Value::from)
            }
            (Kind::OneOf(_), true) => {
                let values = many::<String>(matches, self.long)?;
                (!values.is_empty()).then(|| Value::from(values))
            }
            (Kind::Integer, _) => opt::<i64>(matches, self.long)?.map(Value::from),
            (Kind::Number, _) => opt::<f64>(matches, self.long)?.map(Value::from),
            (Kind::Boolean, _) => opt::<bool>(matches, self.long)?.map(Value::from),
            (Kind::Json | Kind::JsonObject, _) => opt::<Value>(matches, self.long)?,
        })
    }
}

/// Where `--body` comes from, read by [`body_object`].
pub enum BodySource<'a> {
    /// JSON text.
    Text(&'a str),
    /// `@FILE`.
    File(&'a str),
    /// `-`: standard input.
    Stdin,
}

impl<'a> BodySource<'a> {
    /// What `--body VALUE` means.
    pub fn parse(value: &'a str) -> Self {
        if value == "-" {
            BodySource::Stdin
        } else if let Some(path) = value.strip_prefix('@') {
            BodySource::File(path)
        } else {
            BodySource::Text(value)
        }
    }
}

/// The JSON body of `operation`: the object of `--body` (already read), then every field flag
/// given, checked against the documented fields (unknown fields, wrong types and missing
/// required fields are usage errors naming them).
pub fn body_object(
    matches: &ArgMatches,
    operation: &str,
    fields: &[BodyField],
    text: Option<&str>,
) -> Result<serde_json::Map<String, Value>, CliError> {
    let invalid = |why: String| CliError::usage(format!("invalid value for '--body': {why}"));
    let mut object = match text {
        None => serde_json::Map::new(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(object)) => object,
            Ok(other) => {
                return Err(invalid(format!(
                    "expected a JSON object, got {}",
                    json_type(&other)
                )))
            }
            Err(error) => return Err(invalid(format!("not JSON: {error}"))),
        },
    };
    for field in fields {
        if let Some(value) = field.flag_value(matches)? {
            object.insert(field.wire.to_string(), value);
        }
    }
    check_object(&object, operation, fields, "")?;
    Ok(object)
}

/// The items of an array body (`--body '[{...}, ...]'`, already read), each checked as
/// [`body_object`] checks an object body; the message names the item by its index.
pub fn body_array_items(
    operation: &str,
    fields: &[BodyField],
    text: &str,
) -> Result<Vec<Value>, CliError> {
    let invalid = |why: String| CliError::usage(format!("invalid value for '--body': {why}"));
    let items = match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => items,
        Ok(other) => {
            return Err(invalid(format!(
                "{operation} takes a JSON array of objects, got {}",
                json_type(&other)
            )))
        }
        Err(error) => return Err(invalid(format!("not JSON: {error}"))),
    };
    for (index, item) in items.iter().enumerate() {
        match item {
            Value::Object(object) => {
                check_object(object, operation, fields, &format!("item {index}: "))?;
            }
            other => {
                return Err(invalid(format!(
                    "item {index} must be a JSON object, got {}",
                    json_type(other)
                )))
            }
        }
    }
    Ok(items)
}

/// Unknown fields, missing required fields and values of the wrong kind are usage errors.
fn check_object(
    object: &serde_json::Map<String, Value>,
    operation: &str,
    fields: &[BodyField],
    item: &str,
) -> Result<(), CliError> {
    let invalid = |why: String| CliError::usage(format!("invalid value for '--body': {item}{why}"));
    if let Some(unknown) = object
        .keys()
        .find(|key| !fields.iter().any(|f| f.wire == key.as_str()))
    {
        let known: Vec<&str> = fields.iter().map(|f| f.wire).collect();
        return Err(invalid(format!(
            "{operation} has no body field `{unknown}` (documented: {})",
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        )));
    }
    for field in fields {
        match object.get(field.wire) {
            None | Some(Value::Null) if field.required && !item.is_empty() => {
                return Err(invalid(format!(
                    "{operation} needs the field `{}`",
                    field.wire
                )))
            }
            None | Some(Value::Null) if field.required => {
                return Err(CliError::usage(format!(
                    "{operation} needs the body field `{}`: give --{} or put it in --body",
                    field.wire, field.long
                )))
            }
            Some(value) if !value.is_null() && !field.kind.accepts(field.multiple, value) => {
                return Err(invalid(format!(
                    "field `{}` must be {}, got {}",
                    field.wire,
                    field.kind.expected(field.multiple),
                    json_type(value)
                )))
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untyped_fields_take_json_or_else_text() {
        assert_eq!(parse_json_or_text("5"), Ok(Value::from(5)));
        assert_eq!(
            parse_json_or_text("{\"a\": 1}"),
            Ok(serde_json::json!({"a": 1}))
        );
        assert_eq!(
            parse_json_or_text("sha256:abc"),
            Ok(Value::from("sha256:abc"))
        );
        assert!(parse_json_or_text("{\"a\":").is_err());
        assert!(parse_json_or_text("[1,").is_err());
        assert!(parse_json_object("[1]").is_err());
        assert_eq!(parse_number("NaN"), Err("expected a finite number".into()));
    }
}
