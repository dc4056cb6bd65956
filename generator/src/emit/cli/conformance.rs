//! `tests/commands.rs`: one test per generated command, derived from the spec like the client's
//! `tests/operations.rs`. Each runs `quay` in-process with sample arguments (path parameters
//! positional, every query parameter and body field as its flag) against a loopback wiremock
//! server that accepts only the exact request (method, path, query, JSON body, token), and checks
//! the exit status and the JSON printed. Paginated commands also walk two pages with `--all`.
//! The harness is the hand-written `tests/support/mod.rs`.

use serde_json::{json, Value};

use super::model::{CliModel, CliOperation, Kind};
use crate::emit::conformance::{response_body, success_status, ExchangeFields};
use crate::emit::model::Pagination;
use crate::emit::naming::Namespace;
use crate::emit::rust_file::RustFile;
use crate::emit::rust_text::{string_literal, Expr, RustText};
use crate::emit::samples;

/// One test of `tests/commands.rs`, named before any is built: names are unique across the file,
/// and the file is built in parts.
pub struct Test<'a, 'm, 's> {
    op: &'a CliOperation<'m, 's>,
    name: String,
    /// Set for the `--all` test of a paginated command.
    all: Option<Pagination>,
}

/// The tests of `tests/commands.rs` in order: each command's, then its `--all` walk.
pub fn tests<'a, 'm, 's>(model: &'a CliModel<'m, 's>) -> Vec<Test<'a, 'm, 's>> {
    let mut names = Namespace::default();
    let mut tests = Vec::new();
    for (_, op) in model.operations() {
        tests.push(Test {
            op,
            name: test_name(op, "", &mut names),
            all: None,
        });
        if let Some(pagination) = op.op.pagination {
            tests.push(Test {
                op,
                name: test_name(op, "_all", &mut names),
                all: Some(pagination),
            });
        }
    }
    tests
}

/// `tests/commands.rs`, in parts of a few tests each.
pub fn file<'a>(model: &'a CliModel<'_, '_>, tests: &'a [Test<'a, '_, '_>]) -> RustFile<'a> {
    const TESTS_PER_PART: usize = 24;
    RustFile::with_head("tests/commands.rs", || {
        let mut text = RustText::new();
        text.inner_doc_markdown(
            "Every generated command against a loopback mock: the arguments become exactly the \
             documented request, and the answer is printed as JSON.",
        );
        text.line("mod support;");
        text.line("use support::{check_all, check_command, Exchange};");
        text
    })
    .chunks(tests, TESTS_PER_PART, move |test| match test.all {
        None => command_test(model, test.op, &test.name),
        Some(pagination) => all_test(model, test.op, pagination, &test.name),
    })
}

/// The sample command line of an operation and the request it must produce.
struct Sample {
    argv: Vec<String>,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Value>,
}

fn sample(model: &CliModel<'_, '_>, op: &CliOperation<'_, '_>) -> Sample {
    let client = samples::call(model.client, &op.group.module, op.op);
    let mut argv = vec![op.group_command.clone(), op.command.clone()];
    for p in &op.positionals {
        argv.push(samples::path_value(p.param).1);
    }
    for q in &op.query {
        let (_, wires) = samples::query_value(q.param);
        for wire in wires {
            if q.kind == Kind::Boolean && wire == "true" {
                argv.push(format!("--{}", q.long));
            } else if q.kind == Kind::Boolean {
                argv.push(format!("--{}={wire}", q.long));
            } else {
                argv.push(format!("--{}", q.long));
                argv.push(wire);
            }
        }
    }
    let mut body = op.op.body.as_ref().map(|_| serde_json::Map::new());
    for field in &op.fields {
        let (_, value) = samples::field_value(model.client, &field.field.ty, &field.field.wire, 0);
        if let Some(body) = &mut body {
            body.insert(field.field.wire.clone(), value.clone());
        }
        if !field.flag {
            continue;
        }
        let long = format!("--{}", field.long);
        match (&value, field.kind, field.multiple) {
            (Value::Bool(true), Kind::Boolean, _) => argv.push(long),
            (Value::Array(items), _, true) => {
                for item in items {
                    argv.push(long.clone());
                    argv.push(
                        item.as_str()
                            .map_or_else(|| item.to_string(), str::to_string),
                    );
                }
            }
            (Value::String(text), _, _) => {
                argv.push(long);
                argv.push(text.clone());
            }
            (other, _, _) => {
                argv.push(long);
                argv.push(other.to_string());
            }
        }
    }
    // An array body is given whole, as `--body '[{...}]'` (one sample item).
    let body = body.map(|object| {
        if op.op.body_array {
            let array = Value::Array(vec![Value::Object(object)]);
            argv.push("--body".into());
            argv.push(array.to_string());
            array
        } else {
            Value::Object(object)
        }
    });
    Sample {
        argv,
        path: client.path,
        query: client.query,
        body,
    }
}

/// The `Exchange` literal a command must produce and receive.
fn exchange(
    op: &CliOperation<'_, '_>,
    path: &str,
    query: &[(String, String)],
    body: Option<&Value>,
    status: u16,
    response: Option<&Value>,
) -> Expr {
    ExchangeFields {
        method: op.op.op.method.as_str(),
        path,
        query: query
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect(),
        body,
        status,
        response,
    }
    .literal()
}

fn literal(text: &str) -> Expr {
    Expr::atom(string_literal(text))
}

/// `&[...]` of string literals.
fn literals(texts: &[String]) -> Expr {
    Expr::Array {
        prefix: "&",
        elements: texts.iter().map(|text| literal(text)).collect(),
    }
}

/// `&{expr}`.
fn reference(expr: Expr) -> Expr {
    match expr {
        Expr::Struct { path, fields, .. } => Expr::Struct {
            prefix: "&",
            path,
            fields,
        },
        Expr::Array { elements, .. } => Expr::Array {
            prefix: "&",
            elements,
        },
        other => Expr::atom(format!("&{}", other.source())),
    }
}

/// `#[tokio::test] async fn {name}() { {call}.await; }`.
fn test_text(name: &str, call: Expr) -> RustText {
    let mut text = RustText::new();
    text.line("#[tokio::test]");
    text.open(&format!("async fn {name}() {{"));
    text.statement("", &Expr::chain(call, vec![Expr::atom(".await")]), ";");
    text.close("}");
    text
}

fn test_name(op: &CliOperation<'_, '_>, suffix: &str, names: &mut Namespace) -> String {
    names.snake(&format!(
        "{}_{}{suffix}",
        op.group.module,
        op.op.method_name.trim_start_matches("r#")
    ))
}

fn command_test(model: &CliModel<'_, '_>, op: &CliOperation<'_, '_>, name: &str) -> RustText {
    let sample = sample(model, op);
    let status = success_status(op.op);
    let response = response_body(model.client, op.op, status);
    let exchange = exchange(
        op,
        &sample.path,
        &sample.query,
        sample.body.as_ref(),
        status,
        response.as_ref(),
    );
    let call = Expr::call(
        "check_command",
        vec![literals(&sample.argv), reference(exchange)],
    );
    test_text(name, call)
}

/// `--all` walks two pages (the first points to the second) and prints the items of both, one
/// JSON line each.
fn all_test(
    model: &CliModel<'_, '_>,
    op: &CliOperation<'_, '_>,
    pagination: Pagination,
    name: &str,
) -> RustText {
    let sample = sample(model, op);
    let (field, first_item, second_item) = match &op.op.items {
        Some(items) => {
            let item = samples::field_json(model.client, &items.ty, &items.field, 0);
            (items.field.as_str(), item.clone(), item)
        }
        None => ("items", json!(1), json!(2)),
    };
    let (param, first_value, second_value, first_body, second_body) = match pagination {
        Pagination::Token => (
            "next_page",
            None,
            "token-2",
            json!({field: [first_item.clone()], "next_page": "token-2"}),
            json!({field: [second_item.clone()]}),
        ),
        Pagination::PageNumber => (
            "page",
            Some("1"),
            "2",
            json!({field: [first_item.clone()], "has_additional": true}),
            json!({field: [second_item.clone()], "has_additional": false}),
        ),
    };
    let query_with = |value: Option<&str>| -> Vec<(String, String)> {
        sample
            .query
            .iter()
            .map(|(n, v)| {
                let v = if n == param { value.unwrap_or(v) } else { v };
                (n.clone(), v.to_string())
            })
            .collect()
    };
    let first = exchange(
        op,
        &sample.path,
        &query_with(first_value),
        None,
        200,
        Some(&first_body),
    );
    let second = exchange(
        op,
        &sample.path,
        &query_with(Some(second_value)),
        None,
        200,
        Some(&second_body),
    );
    let lines = [first_item.to_string(), second_item.to_string()];
    let mut argv = sample.argv.clone();
    argv.push("--all".into());
    let exchanges = Expr::Array {
        prefix: "&",
        elements: vec![first, second],
    };
    let call = Expr::call(
        "check_all",
        vec![literals(&argv), exchanges, literals(&lines)],
    );
    test_text(name, call)
}
