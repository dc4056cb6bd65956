//! `src/commands/mod.rs` and `src/commands/<group>.rs`: one clap command per operation, built
//! with the clap builder API from the spec, and the function that turns its matches into a call
//! of the typed client.
//!
//! Argument parsing helpers, output and configuration are the hand-written `src/runtime/`: the
//! generated code only names arguments and calls the client.

use super::model::{CliGroup, CliModel, CliOperation, FieldFlag, Kind, TableModel};
use crate::emit::model::{since_text, Pagination};
use crate::emit::rust_text::{string_literal, Expr, RustText};

/// `src/commands/mod.rs`: every group command, the dispatch to the group modules, and the list
/// of generated commands.
pub fn mod_text(model: &CliModel<'_, '_>) -> RustText {
    let mut text = RustText::new();
    text.inner_doc_markdown(
        "The generated commands: one module per documentation group, one subcommand per \
         operation (`quay tag list-repo-tags`).",
    );
    for group in &model.groups {
        text.doc_markdown(&format!(
            "`quay {}`: the `{}` group.",
            group.command, group.group.name
        ));
        text.line(&format!("pub mod {};", group.module_ident));
    }
    text.line("use clap::{ArgMatches, Command};");
    text.line("use crate::runtime::{CliResult, CommandInfo, Context};");
    text.doc_markdown(
        "Every group command (`quay tag`, ...), in documentation order. Those `expand` accepts\n\
         are built whole; the others only with their name and description (all `quay --help`\n\
         shows), so a command does not build the arguments of all the others.",
    );
    text.open("pub fn groups(expand: impl Fn(&str) -> bool) -> Vec<Command> {");
    text.line(&format!(
        "let mut groups = Vec::with_capacity({}usize);",
        model.groups.len()
    ));
    for group in &model.groups {
        let (name, module) = (string_literal(&group.command), &group.module_ident);
        // `groups.push(if ..)` has a layout of its own (a short receiver at the start of a
        // statement): prettyplease lays out this function.
        text.line(&format!(
            "groups.push(if expand({name}) {{ {module}::command() }} else {{ {module}::summary() }});"
        ));
    }
    text.leave_layout_to_prettyplease();
    text.line("groups");
    text.close("}");
    text.doc_markdown("Runs `quay GROUP COMMAND`; `None` when `group` is not a generated group.");
    text.signature(
        "pub async fn run",
        &[
            "ctx: &mut Context<'_>".to_string(),
            "group: &str".to_string(),
            "command: &str".to_string(),
            "matches: &ArgMatches".to_string(),
        ],
        " -> Option<CliResult> {",
    );
    text.open("match group {");
    for group in &model.groups {
        let run = Expr::chain(
            Expr::atom(format!(
                "{}::run(ctx, command, matches)",
                group.module_ident
            )),
            vec![Expr::atom(".await")],
        );
        text.arm(
            &string_literal(&group.command),
            &Expr::call("Some", vec![run]),
        );
    }
    text.line("_ => None,");
    text.close("}");
    text.close("}");
    text.doc_markdown(
        "Every generated command and the operation it calls, in documentation order.",
    );
    let infos = model
        .operations()
        .map(|(group, op)| Expr::Struct {
            prefix: "",
            path: "CommandInfo".to_string(),
            fields: vec![
                (
                    "group".to_string(),
                    Expr::atom(string_literal(&group.command)),
                ),
                (
                    "command".to_string(),
                    Expr::atom(string_literal(&op.command)),
                ),
                (
                    "operation".to_string(),
                    Expr::atom(string_literal(&op.op.op.name)),
                ),
            ],
        })
        .collect();
    text.statement(
        "pub const COMMANDS: &[CommandInfo] = ",
        &Expr::Array {
            prefix: "&",
            elements: infos,
        },
        ";",
    );
    text
}

/// `src/commands/<group>.rs`.
pub fn group_text(group: &CliGroup<'_, '_>) -> RustText {
    let mut text = RustText::new();
    let description = plain(&group.group.description);
    text.inner_doc_markdown(&format!(
        "`quay {}`: the operations of the `{}` group.",
        group.command, group.group.name
    ));
    imports(&mut text, group);
    let name = &group.command;
    let about = if description.is_empty() {
        format!("Operations of the `{}` group", group.group.name)
    } else {
        first_sentence(&description)
    };
    let mut links = vec![literal_link(".about", &about)];
    if !description.is_empty() {
        links.push(literal_link(".long_about", &description));
    }
    text.doc_markdown(&format!(
        "`quay {name}` with its description only, without its subcommands."
    ));
    text.open("pub fn summary() -> Command {");
    text.statement("", &Expr::chain(command_new(name), links), "");
    text.close("}");

    text.doc_markdown(&format!("The `quay {name}` command and its subcommands."));
    text.open("pub fn command() -> Command {");
    let builders = group
        .operations
        .iter()
        .map(|op| Expr::atom(format!("{}()", builder_fn(op))))
        .collect();
    let links = vec![
        Expr::atom(".subcommand_required(true)"),
        Expr::atom(".arg_required_else_help(true)"),
        Expr::call(
            ".subcommands",
            vec![Expr::Array {
                prefix: "",
                elements: builders,
            }],
        ),
    ];
    text.statement("", &Expr::chain(Expr::atom("summary()"), links), "");
    text.close("}");

    text.doc_markdown(&format!("Runs the subcommand `command` of `quay {name}`."));
    text.signature(
        "pub async fn run",
        &[
            "ctx: &mut Context<'_>".to_string(),
            "command: &str".to_string(),
            "matches: &ArgMatches".to_string(),
        ],
        " -> CliResult {",
    );
    text.open("match command {");
    for op in &group.operations {
        let run = Expr::chain(
            Expr::atom(format!("{}(ctx, matches)", op.op.method_name)),
            vec![Expr::atom(".await")],
        );
        text.arm(&string_literal(&op.command), &run);
    }
    text.line(&format!(
        "_ => Err(CliError::unknown_command({}, command)),",
        string_literal(&group.command)
    ));
    text.close("}");
    text.close("}");

    for op in &group.operations {
        builder_fn_text(&mut text, op);
        run_fn_text(&mut text, op);
    }
    text
}

/// `Command::new("name")`.
fn command_new(name: &str) -> Expr {
    Expr::call("Command::new", vec![Expr::atom(string_literal(name))])
}

/// `.method("text")`.
fn literal_link(method: &str, text: &str) -> Expr {
    Expr::call(method, vec![Expr::atom(string_literal(text))])
}

/// The `use` lines of a group module: only what its commands use, so nothing is unused.
fn imports(text: &mut RustText, group: &CliGroup<'_, '_>) {
    let ops = &group.operations;
    let has_body = ops.iter().any(|o| o.op.body.is_some());
    let has_kind = ops
        .iter()
        .any(|o| !o.positionals.is_empty() || !o.query.is_empty() || !o.fields.is_empty());
    let has_pages = ops.iter().any(|o| o.op.pagination.is_some());
    let mut args = Vec::new();
    if has_kind || has_body || has_pages {
        args.push("self");
    }
    if has_body {
        args.push("BodyField");
    }
    if has_kind {
        args.push("Kind");
    }
    text.line("use clap::{ArgMatches, Command};");
    // `self` comes first whenever there is anything, so the braces stay (prettyplease drops
    // them only around one name that is not `self`).
    if !args.is_empty() {
        text.line(&format!(
            "use crate::runtime::args::{{{}}};",
            args.join(", ")
        ));
    }
    text.line("use crate::runtime::{CliError, CliResult, Context, Table};");
}

fn builder_fn(op: &CliOperation<'_, '_>) -> String {
    format!("{}_command", op.op.method_name.trim_start_matches("r#"))
}

fn kind_expr(kind: Kind) -> String {
    format!("Kind::{}", kind.variant())
}

/// A body field's kind: `Kind::OneOf(&["admin", "read"])` for an enum field.
fn field_kind(field: &FieldFlag<'_>) -> Expr {
    match field.kind {
        Kind::OneOf => Expr::call(
            "Kind::OneOf",
            vec![Expr::Array {
                prefix: "&",
                elements: field
                    .values
                    .iter()
                    .map(|v| Expr::atom(string_literal(v)))
                    .collect(),
            }],
        ),
        other => Expr::atom(kind_expr(other)),
    }
}

/// The Rust type clap stores a value of this kind as.
fn value_type(kind: Kind) -> &'static str {
    match kind {
        Kind::String | Kind::OneOf => "String",
        Kind::Integer => "i64",
        Kind::Number => "f64",
        Kind::Boolean => "bool",
        Kind::Json | Kind::JsonObject => "serde_json::Value",
    }
}

/// `args::{function}(args)` with the arguments given.
fn args_call(function: &str, args: Vec<Expr>) -> Expr {
    Expr::call(format!("args::{function}"), args)
}

fn literal(text: &str) -> Expr {
    Expr::atom(string_literal(text))
}

fn builder_fn_text(text: &mut RustText, op: &CliOperation<'_, '_>) {
    let description = plain(&op.op.op.description);
    let about = if description.is_empty() {
        format!("Operation {}", op.op.op.name)
    } else {
        first_sentence(&description)
    };
    let mut links = vec![literal_link(".about", &about)];
    if !description.is_empty() && description != about {
        links.push(literal_link(".long_about", &description));
    }
    links.push(literal_link(".after_help", &after_help(op)));
    let mut args: Vec<Expr> = Vec::new();
    for p in &op.positionals {
        let help = plain(&p.param.description);
        args.push(args_call(
            "positional",
            vec![
                literal(&p.id),
                Expr::atom(kind_expr(p.kind)),
                literal(&help),
            ],
        ));
    }
    for q in &op.query {
        let help = later(plain(&q.param.description), q.param.since.as_deref());
        let (long, kind) = (literal(&q.long), Expr::atom(kind_expr(q.kind)));
        args.push(match (q.required, q.multiple, q.kind) {
            (true, false, Kind::Boolean) => {
                let help = if help.is_empty() {
                    "Required by the API: sent as true when given, false otherwise".to_string()
                } else {
                    format!(
                        "{help} (required by the API: sent as true when given, false otherwise)"
                    )
                };
                args_call("switch", vec![long, literal(&help)])
            }
            (required, multiple, _) => args_call(
                if multiple { "query_list" } else { "query" },
                vec![long, kind, Expr::atom(required.to_string()), literal(&help)],
            ),
        });
    }
    for field in op.fields.iter().filter(|f| f.flag) {
        let help = plain(&field.field.description);
        let mut notes = Vec::new();
        if field.field.required {
            notes.push("required in the body".to_string());
        }
        if let Some(version) = &field.field.since {
            notes.push(format!("since Quay {version}"));
        }
        let help = match (help.is_empty(), notes.is_empty()) {
            (_, true) => help,
            (true, false) => {
                let notes = notes.join("; ");
                format!("{}{}.", notes[..1].to_uppercase(), &notes[1..])
            }
            (false, false) => format!("{help} ({})", notes.join("; ")),
        };
        args.push(args_call(
            if field.multiple {
                "field_list"
            } else {
                "field"
            },
            vec![literal(&field.long), field_kind(field), literal(&help)],
        ));
    }
    if op.op.body_array {
        args.push(Expr::atom("args::body_array()"));
    } else if op.op.body.is_some() {
        args.push(Expr::atom("args::body()"));
    }
    if op.op.pagination.is_some() {
        args.push(Expr::atom("args::all()"));
    }
    if !args.is_empty() {
        links.push(Expr::call(
            ".args",
            vec![Expr::Array {
                prefix: "",
                elements: args,
            }],
        ));
    }
    text.doc_markdown(&format!(
        "`quay {} {}`: operation `{}`.",
        op.group_command, op.command, op.op.op.name
    ));
    text.open(&format!("fn {}() -> Command {{", builder_fn(op)));
    text.statement("", &Expr::chain(command_new(&op.command), links), "");
    text.close("}");
}

/// A flag's help with the Quay version that added it, when later than its operation.
fn later(help: String, since: Option<&str>) -> String {
    match since {
        None => help,
        Some(version) if help.is_empty() => format!("Since Quay {version}"),
        Some(version) => format!("{} (since Quay {version})", help.trim_end_matches('.')),
    }
}

/// `GET /path`, the scopes and the operation name, under every help text.
fn after_help(op: &CliOperation<'_, '_>) -> String {
    let scopes = if op.op.scopes.is_empty() {
        "none documented".to_string()
    } else {
        op.op.scopes.join(", ")
    };
    let mut text = format!(
        "{} {}\nOAuth scopes: {scopes}\nOperation: {} (group {})",
        op.op.op.method, op.op.op.path, op.op.op.name, op.op.op.group
    );
    if let Some(since) = since_text(op.op.op) {
        text.push('\n');
        text.push_str(&since.replace('`', ""));
    }
    if let Some(pagination) = op.op.pagination {
        let how = match pagination {
            Pagination::Token => "next_page tokens",
            Pagination::PageNumber => "page numbers",
        };
        text.push_str(&format!(
            "\nPaginated by {how}: --all walks every page and prints the items as JSON lines"
        ));
    }
    if op.table.is_some() {
        text.push_str("\n-o table prints the listed items as a table");
    }
    text
}

fn table(table: Option<&TableModel>) -> Expr {
    let Some(table) = table else {
        return Expr::atom("None");
    };
    let items = match &table.items {
        Some(field) => format!("Some({})", string_literal(field)),
        None => "None".to_string(),
    };
    let columns = table.columns.iter().map(|c| literal(c)).collect();
    let table = Expr::Struct {
        prefix: "&",
        path: "Table".to_string(),
        fields: vec![
            ("items".to_string(), Expr::atom(items)),
            (
                "columns".to_string(),
                Expr::Array {
                    prefix: "&",
                    elements: columns,
                },
            ),
        ],
    };
    Expr::call("Some", vec![table])
}

fn run_fn_text(text: &mut RustText, op: &CliOperation<'_, '_>) {
    text.doc_markdown(&format!(
        "Calls `{}` with the arguments of `quay {} {}`.",
        op.op.op.name, op.group_command, op.command
    ));
    let uses_matches = !op.positionals.is_empty()
        || !op.query.is_empty()
        || op.op.body.is_some()
        || op.op.pagination.is_some();
    let matches = if uses_matches { "matches" } else { "_matches" };
    text.signature(
        &format!("async fn {}", op.op.method_name),
        &[
            "ctx: &mut Context<'_>".to_string(),
            format!("{matches}: &ArgMatches"),
        ],
        " -> CliResult {",
    );
    text.statement(
        "const TABLE: Option<&Table> = ",
        &table(op.table.as_ref()),
        ";",
    );
    let one = |ty: &str, name: &str| {
        Expr::try_call(
            format!("args::one::<{ty}>"),
            vec![Expr::atom("matches"), literal(name)],
        )
    };
    let mut call_args: Vec<Expr> = Vec::new();
    for p in &op.positionals {
        call_args.push(one(value_type(p.kind), &p.id));
    }
    for q in op.query.iter().filter(|q| q.required) {
        let ty = value_type(q.kind);
        call_args.push(match (q.multiple, q.kind) {
            (false, Kind::Boolean) => {
                args_call("flag", vec![Expr::atom("matches"), literal(&q.long)])
            }
            (true, _) => Expr::try_call(
                format!("args::many::<{ty}>"),
                vec![Expr::atom("matches"), literal(&q.long)],
            ),
            (false, _) => one(ty, &q.long),
        });
    }
    if let Some(name) = &op.op.body {
        let fields = op
            .fields
            .iter()
            .map(|field| Expr::Struct {
                prefix: "",
                path: "BodyField".to_string(),
                fields: vec![
                    ("long".to_string(), literal(&field.long)),
                    ("wire".to_string(), literal(&field.field.wire)),
                    ("kind".to_string(), field_kind(field)),
                    (
                        "multiple".to_string(),
                        Expr::atom(field.multiple.to_string()),
                    ),
                    (
                        "required".to_string(),
                        Expr::atom(field.field.required.to_string()),
                    ),
                ],
            })
            .collect();
        text.statement(
            "const FIELDS: &[BodyField] = ",
            &Expr::Array {
                prefix: "&",
                elements: fields,
            },
            ";",
        );
        let (ty, read) = if op.op.body_array {
            (format!("Vec<quay_client::models::{name}>"), ".body_array")
        } else {
            (format!("quay_client::models::{name}"), ".body")
        };
        let read = Expr::chain(
            Expr::atom("ctx"),
            vec![Expr::try_call(
                read,
                vec![
                    Expr::atom("matches"),
                    literal(&op.op.op.name),
                    Expr::atom("FIELDS"),
                ],
            )],
        );
        text.statement(&format!("let body: {ty} = "), &read, ";");
        call_args.push(Expr::atom("body"));
    }
    text.line("let client = ctx.client(TABLE)?;");
    let optional: Vec<_> = op.query.iter().filter(|q| !q.required).collect();
    let binding = if optional.is_empty() {
        "let request = "
    } else {
        "let mut request = "
    };
    let call = Expr::chain(
        Expr::atom("client"),
        vec![
            Expr::atom(format!(".{}()", op.group.module)),
            Expr::call(format!(".{}", op.op.method_name), call_args),
        ],
    );
    text.statement(binding, &call, ";");
    for q in optional {
        let ty = value_type(q.kind);
        let setter = &q.param.ident;
        let long = string_literal(&q.long);
        if q.multiple {
            text.line(&format!(
                "let values = args::many::<{ty}>(matches, {long})?;"
            ));
            text.open("if !values.is_empty() {");
            text.line(&format!("request = request.{setter}(values);"));
        } else {
            text.open(&format!(
                "if let Some(value) = args::opt::<{ty}>(matches, {long})? {{"
            ));
            text.line(&format!("request = request.{setter}(value);"));
        }
        text.close("}");
    }
    if op.op.pagination.is_some() {
        let walk = if op.op.items.is_some() {
            "ctx.print_items(request.items(), TABLE).await"
        } else {
            "ctx.print_pages(request.pages(), TABLE).await"
        };
        text.open("if args::all_requested(matches) {");
        text.line(&format!("return {walk};"));
        text.close("}");
    }
    text.line("ctx.print(request.send().await, TABLE)");
    text.close("}");
}

/// Documentation prose as one line per paragraph, for a terminal.
pub fn plain(text: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs.join("\n\n")
}

/// The first sentence of the first paragraph, without its final period (clap's `about` style).
pub fn first_sentence(text: &str) -> String {
    let paragraph = text.split("\n\n").next().unwrap_or_default();
    let sentence = match paragraph.find(". ") {
        Some(end) => &paragraph[..end],
        None => paragraph,
    };
    sentence.trim_end_matches('.').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_one_line_per_paragraph_and_about_is_its_first_sentence() {
        let text = plain("  Lists tags.\n  Newest first. \n\n\n Second  paragraph.\n");
        assert_eq!(text, "Lists tags. Newest first.\n\nSecond  paragraph.");
        assert_eq!(first_sentence(&text), "Lists tags");
        assert_eq!(first_sentence("No period"), "No period");
    }
}
