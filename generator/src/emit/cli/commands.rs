//! `src/commands/mod.rs` and `src/commands/<group>.rs`: one clap command per operation, built
//! with the clap builder API from the spec, and the function that turns its matches into a call
//! of the typed client.
//!
//! Argument parsing helpers, output and configuration are the hand-written `src/runtime/`: the
//! generated code only names arguments and calls the client.

use proc_macro2::TokenStream;
use quote::quote;

use super::model::{CliGroup, CliModel, CliOperation, FieldFlag, Kind, TableModel};
use crate::emit::model::{ident, since_text, Pagination};
use crate::emit::rust_file::{doc_markdown, inner_doc_markdown};

/// `src/commands/mod.rs`: every group command, the dispatch to the group modules, and the list
/// of generated commands.
pub fn mod_tokens(model: &CliModel<'_, '_>) -> TokenStream {
    let module_doc = inner_doc_markdown(
        "The generated commands: one module per documentation group, one subcommand per \
         operation (`quay tag list-repo-tags`).",
    );
    let modules = model.groups.iter().map(|g| {
        let module = ident(&g.module_ident);
        let docs = doc_markdown(&format!(
            "`quay {}`: the `{}` group.",
            g.command, g.group.name
        ));
        quote!(#docs pub mod #module;)
    });
    let groups = model.groups.iter().map(|g| {
        let module = ident(&g.module_ident);
        let name = &g.command;
        quote! {
            groups.push(if expand(#name) {
                #module::command()
            } else {
                #module::summary()
            });
        }
    });
    let group_count = model.groups.len();
    let arms = model.groups.iter().map(|g| {
        let module = ident(&g.module_ident);
        let name = &g.command;
        quote!(#name => Some(#module::run(ctx, command, matches).await),)
    });
    let infos = model.operations().map(|(g, o)| {
        let group = &g.command;
        let command = &o.command;
        let operation = &o.op.op.name;
        quote!(CommandInfo { group: #group, command: #command, operation: #operation },)
    });
    quote! {
        #module_doc
        #(#modules)*

        use clap::{ArgMatches, Command};

        use crate::runtime::{CliResult, CommandInfo, Context};

        /// Every group command (`quay tag`, ...), in documentation order. Those `expand` accepts
        /// are built whole; the others only with their name and description (all `quay --help`
        /// shows), so a command does not build the arguments of all the others.
        pub fn groups(expand: impl Fn(&str) -> bool) -> Vec<Command> {
            let mut groups = Vec::with_capacity(#group_count);
            #(#groups)*
            groups
        }

        /// Runs `quay GROUP COMMAND`; `None` when `group` is not a generated group.
        pub async fn run(
            ctx: &mut Context<'_>,
            group: &str,
            command: &str,
            matches: &ArgMatches,
        ) -> Option<CliResult> {
            match group {
                #(#arms)*
                _ => None,
            }
        }

        /// Every generated command and the operation it calls, in documentation order.
        pub const COMMANDS: &[CommandInfo] = &[#(#infos)*];
    }
}

/// `src/commands/<group>.rs`.
pub fn group_tokens(group: &CliGroup<'_, '_>) -> TokenStream {
    let description = plain(&group.group.description);
    let module_doc = inner_doc_markdown(&format!(
        "`quay {}`: the operations of the `{}` group.",
        group.command, group.group.name
    ));
    let name = &group.command;
    let about = if description.is_empty() {
        format!("Operations of the `{}` group", group.group.name)
    } else {
        first_sentence(&description)
    };
    let long_about = (!description.is_empty()).then(|| quote!(.long_about(#description)));
    let builders = group.operations.iter().map(|o| {
        let f = ident(&builder_fn(o));
        quote!(#f())
    });
    let arms = group.operations.iter().map(|o| {
        let command = &o.command;
        let f = ident(&o.op.method_name);
        quote!(#command => #f(ctx, matches).await,)
    });
    let operations = group.operations.iter().map(operation_tokens);
    let group_name = &group.command;
    let imports = imports(group);
    let command_doc = doc_markdown(&format!("The `quay {name}` command and its subcommands."));
    let summary_doc = doc_markdown(&format!(
        "`quay {name}` with its description only, without its subcommands."
    ));
    let run_doc = doc_markdown(&format!("Runs the subcommand `command` of `quay {name}`."));
    quote! {
        #module_doc
        #imports

        #summary_doc
        pub fn summary() -> Command {
            Command::new(#name)
                .about(#about)
                #long_about
        }

        #command_doc
        pub fn command() -> Command {
            summary()
                .subcommand_required(true)
                .arg_required_else_help(true)
                .subcommands([#(#builders),*])
        }

        #run_doc
        pub async fn run(ctx: &mut Context<'_>, command: &str, matches: &ArgMatches) -> CliResult {
            match command {
                #(#arms)*
                _ => Err(CliError::unknown_command(#group_name, command)),
            }
        }

        #(#operations)*
    }
}

/// The `use` lines of a group module: only what its commands use, so nothing is unused.
fn imports(group: &CliGroup<'_, '_>) -> TokenStream {
    let ops = &group.operations;
    let has_body = ops.iter().any(|o| o.op.body.is_some());
    let has_kind = ops
        .iter()
        .any(|o| !o.positionals.is_empty() || !o.query.is_empty() || !o.fields.is_empty());
    let has_pages = ops.iter().any(|o| o.op.pagination.is_some());
    let mut args = Vec::new();
    if has_kind || has_body || has_pages {
        args.push(quote!(self));
    }
    if has_body {
        args.push(quote!(BodyField));
    }
    if has_kind {
        args.push(quote!(Kind));
    }
    let args = (!args.is_empty()).then(|| quote!(use crate::runtime::args::{#(#args),*};));
    quote! {
        use clap::{ArgMatches, Command};
        #args
        use crate::runtime::{CliError, CliResult, Context, Table};
    }
}

fn builder_fn(op: &CliOperation<'_, '_>) -> String {
    format!("{}_command", op.op.method_name.trim_start_matches("r#"))
}

/// The command builder and the run function of one operation.
fn operation_tokens(op: &CliOperation<'_, '_>) -> TokenStream {
    let builder = builder_tokens(op);
    let run = run_tokens(op);
    quote!(#builder #run)
}

fn kind_tokens(kind: Kind) -> TokenStream {
    let variant = ident(kind.variant());
    quote!(Kind::#variant)
}

/// A body field's kind: `Kind::OneOf(&["admin", "read"])` for an enum field.
fn field_kind_tokens(field: &FieldFlag<'_>) -> TokenStream {
    match field.kind {
        Kind::OneOf => {
            let values = &field.values;
            quote!(Kind::OneOf(&[#(#values),*]))
        }
        other => kind_tokens(other),
    }
}

/// The Rust type clap stores a value of this kind as.
fn value_type(kind: Kind) -> TokenStream {
    match kind {
        Kind::String | Kind::OneOf => quote!(String),
        Kind::Integer => quote!(i64),
        Kind::Number => quote!(f64),
        Kind::Boolean => quote!(bool),
        Kind::Json | Kind::JsonObject => quote!(serde_json::Value),
    }
}

fn builder_tokens(op: &CliOperation<'_, '_>) -> TokenStream {
    let f = ident(&builder_fn(op));
    let name = &op.command;
    let description = plain(&op.op.op.description);
    let about = if description.is_empty() {
        format!("Operation {}", op.op.op.name)
    } else {
        first_sentence(&description)
    };
    let long_about = (!description.is_empty() && description != about)
        .then(|| quote!(.long_about(#description)));
    let after_help = after_help(op);
    let mut args: Vec<TokenStream> = Vec::new();
    for p in &op.positionals {
        let id = &p.id;
        let kind = kind_tokens(p.kind);
        let help = plain(&p.param.description);
        args.push(quote!(args::positional(#id, #kind, #help)));
    }
    for q in &op.query {
        let long = &q.long;
        let kind = kind_tokens(q.kind);
        let help = later(plain(&q.param.description), q.param.since.as_deref());
        args.push(match (q.required, q.multiple, q.kind) {
            (true, false, Kind::Boolean) => {
                let help = if help.is_empty() {
                    "Required by the API: sent as true when given, false otherwise".to_string()
                } else {
                    format!(
                        "{help} (required by the API: sent as true when given, false otherwise)"
                    )
                };
                quote!(args::switch(#long, #help))
            }
            (required, true, _) => quote!(args::query_list(#long, #kind, #required, #help)),
            (required, false, _) => quote!(args::query(#long, #kind, #required, #help)),
        });
    }
    for field in op.fields.iter().filter(|f| f.flag) {
        let long = &field.long;
        let kind = field_kind_tokens(field);
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
        args.push(if field.multiple {
            quote!(args::field_list(#long, #kind, #help))
        } else {
            quote!(args::field(#long, #kind, #help))
        });
    }
    if op.op.body_array {
        args.push(quote!(args::body_array()));
    } else if op.op.body.is_some() {
        args.push(quote!(args::body()));
    }
    if op.op.pagination.is_some() {
        args.push(quote!(args::all()));
    }
    let docs = doc_markdown(&format!(
        "`quay {} {}`: operation `{}`.",
        op.group_command, op.command, op.op.op.name
    ));
    let args = (!args.is_empty()).then(|| quote!(.args([#(#args),*])));
    quote! {
        #docs
        fn #f() -> Command {
            Command::new(#name)
                .about(#about)
                #long_about
                .after_help(#after_help)
                #args
        }
    }
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

fn table_tokens(table: Option<&TableModel>) -> TokenStream {
    match table {
        Some(table) => {
            let items = match &table.items {
                Some(field) => quote!(Some(#field)),
                None => quote!(None),
            };
            let columns = &table.columns;
            quote!(Some(&Table { items: #items, columns: &[#(#columns),*] }))
        }
        None => quote!(None),
    }
}

fn run_tokens(op: &CliOperation<'_, '_>) -> TokenStream {
    let f = ident(&op.op.method_name);
    let module = ident(&op.group.module);
    let method = ident(&op.op.method_name);
    let docs = doc_markdown(&format!(
        "Calls `{}` with the arguments of `quay {} {}`.",
        op.op.op.name, op.group_command, op.command
    ));
    let table = table_tokens(op.table.as_ref());
    let mut call_args: Vec<TokenStream> = Vec::new();
    for p in &op.positionals {
        let id = &p.id;
        let ty = value_type(p.kind);
        call_args.push(quote!(args::one::<#ty>(matches, #id)?));
    }
    let mut setters = Vec::new();
    for q in &op.query {
        let long = &q.long;
        let ty = value_type(q.kind);
        if q.required {
            call_args.push(match (q.multiple, q.kind) {
                (false, Kind::Boolean) => quote!(args::flag(matches, #long)),
                (true, _) => quote!(args::many::<#ty>(matches, #long)?),
                (false, _) => quote!(args::one::<#ty>(matches, #long)?),
            });
        } else {
            let setter = ident(&q.param.ident);
            setters.push(if q.multiple {
                quote! {
                    let values = args::many::<#ty>(matches, #long)?;
                    if !values.is_empty() {
                        request = request.#setter(values);
                    }
                }
            } else {
                quote! {
                    if let Some(value) = args::opt::<#ty>(matches, #long)? {
                        request = request.#setter(value);
                    }
                }
            });
        }
    }
    let body = op.op.body.as_ref().map(|name| {
        let ty = ident(name);
        let operation = &op.op.op.name;
        let fields = op.fields.iter().map(|field| {
            let long = &field.long;
            let wire = &field.field.wire;
            let kind = field_kind_tokens(field);
            let multiple = field.multiple;
            let required = field.field.required;
            quote!(BodyField { long: #long, wire: #wire, kind: #kind, multiple: #multiple, required: #required })
        });
        call_args.push(quote!(body));
        if op.op.body_array {
            quote! {
                const FIELDS: &[BodyField] = &[#(#fields),*];
                let body: Vec<quay_client::models::#ty> = ctx.body_array(matches, #operation, FIELDS)?;
            }
        } else {
            quote! {
                const FIELDS: &[BodyField] = &[#(#fields),*];
                let body: quay_client::models::#ty = ctx.body(matches, #operation, FIELDS)?;
            }
        }
    });
    let binding = if setters.is_empty() {
        quote!(let request)
    } else {
        quote!(let mut request)
    };
    let all = op.op.pagination.map(|_| {
        let walk = if op.op.items.is_some() {
            quote!(ctx.print_items(request.items(), TABLE).await)
        } else {
            quote!(ctx.print_pages(request.pages(), TABLE).await)
        };
        quote! {
            if args::all_requested(matches) {
                return #walk;
            }
        }
    });
    let uses_matches = !op.positionals.is_empty()
        || !op.query.is_empty()
        || op.op.body.is_some()
        || op.op.pagination.is_some();
    let matches = if uses_matches {
        quote!(matches)
    } else {
        quote!(_matches)
    };
    quote! {
        #docs
        async fn #f(ctx: &mut Context<'_>, #matches: &ArgMatches) -> CliResult {
            const TABLE: Option<&Table> = #table;
            #body
            let client = ctx.client(TABLE)?;
            #binding = client.#module().#method(#(#call_args),*);
            #(#setters)*
            #all
            ctx.print(request.send().await, TABLE)
        }
    }
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
