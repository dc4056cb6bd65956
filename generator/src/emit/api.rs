//! `src/api/mod.rs` and `src/api/<group>.rs`: one module per documentation group, each with a
//! group API (`client.tag()`) whose methods return one request builder per operation. Written
//! as text in prettyplease's layout (see [`RustText`]).

use super::model::{
    since_text, with_since, ClientModel, GroupModel, OperationModel, Pagination, ParamModel,
    PathPart, RustType,
};
use super::models::argument_text;
use super::rust_file::markdown_safe;
use super::rust_text::{string_literal, Expr, RustText, MARGIN, WIDEST_WRITTEN_LINE};

/// `src/api/mod.rs`: the group modules and the group accessors on `Client`.
pub fn mod_text(model: &ClientModel<'_>) -> RustText {
    let mut text = RustText::new();
    text.inner_doc_markdown(
        "The operations of the API, one module per documentation group. Reach them through the \
         group accessors on [`Client`](crate::Client), e.g. `client.tag()`.",
    );
    for group in &model.groups {
        text.doc_markdown(&format!("Operations of the `{}` group.", group.name));
        text.line(&format!("pub mod {};", group.module));
    }
    text.open("impl crate::Client {");
    for group in &model.groups {
        text.doc_markdown(&format!(
            "Operations of the `{}` group: {}",
            group.name,
            markdown_safe(&first_sentence(&group.description))
        ));
        let (module, api) = (&group.module, &group.api_type);
        text.signature(
            &format!("pub fn {module}"),
            &["&self".to_string()],
            &format!(" -> {module}::{api}<'_> {{"),
        );
        text.line(&format!("{module}::{api}::new(self)"));
        text.close("}");
    }
    text.close("}");
    text
}

/// `src/api/<group>.rs`.
pub fn group_text(group: &GroupModel<'_>) -> RustText {
    let mut text = RustText::new();
    text.inner_doc(if group.description.trim().is_empty() {
        "Operations of this documentation group."
    } else {
        &group.description
    });
    text.line("use crate::runtime::{ApiResponse, PathBuilder, Request};");
    text.line("use crate::{Client, Result};");
    let api = &group.api_type;
    text.doc_markdown(&format!(
        "The `{}` group. Get it with `client.{}()`.",
        group.name,
        group.module.trim_start_matches("r#")
    ));
    text.line("#[derive(Clone, Copy)]");
    text.open(&format!("pub struct {api}<'a> {{"));
    text.line("client: &'a Client,");
    text.close("}");
    text.open(&format!("impl<'a> {api}<'a> {{"));
    text.open("pub(crate) fn new(client: &'a Client) -> Self {");
    text.line("Self { client }");
    text.close("}");
    for op in &group.operations {
        entry_method(&mut text, group, op);
    }
    text.close("}");
    for op in &group.operations {
        builder(&mut text, group, op);
    }
    text
}

fn first_sentence(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    match line.find(". ") {
        Some(end) => line[..=end].to_string(),
        None => line.to_string(),
    }
}

/// The doc comment of an operation: description, `METHOD /path`, scopes and group.
fn operation_doc(group: &GroupModel<'_>, op: &OperationModel<'_>) -> String {
    let description = markdown_safe(&op.op.description);
    let scopes = if op.scopes.is_empty() {
        "none documented".to_string()
    } else {
        op.scopes
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    let mut text = String::new();
    if !description.is_empty() {
        text.push_str(&description);
        text.push_str("\n\n");
    }
    text.push_str(&format!(
        "`{} {}`\n\nOperation `{}` in group `{}`. Scopes: {scopes}.",
        op.op.method, op.op.path, op.op.name, group.name
    ));
    if let Some(since) = since_text(op.op) {
        text.push_str("\n\n");
        text.push_str(&since);
    }
    if let Some(pagination) = op.pagination {
        let how = match pagination {
            Pagination::Token => "`next_page` tokens",
            Pagination::PageNumber => "`page` numbers",
        };
        text.push_str(&format!(
            "\n\nPaginated by {how}: [`{}::pages`] yields every page.",
            op.builder
        ));
    }
    text
}

/// The group API method that starts a request: positional path parameters, required query
/// parameters and the body.
fn entry_method(text: &mut RustText, group: &GroupModel<'_>, op: &OperationModel<'_>) {
    text.doc_markdown(&operation_doc(group, op));
    let positional: Vec<&ParamModel> = op.path_params.iter().chain(&op.required_query).collect();
    let mut params = vec!["&self".to_string()];
    params.extend(
        positional
            .iter()
            .map(|p| format!("{}: {}", p.ident, argument_text(&p.ty).0)),
    );
    let mut fields = vec!["client: self.client.clone()".to_string()];
    fields.extend(positional.iter().map(|p| match p.ty {
        // `field: field.into()` for strings, the shorthand `field` otherwise (clippy flags `x: x`).
        RustType::String => format!("{0}: {0}.into()", p.ident),
        _ => p.ident.clone(),
    }));
    fields.extend(
        op.optional_query
            .iter()
            .map(|p| format!("{}: None", p.ident)),
    );
    if let Some(body) = op.body_text() {
        params.push(format!("body: {body}"));
        fields.push("body".to_string());
    }
    let builder = &op.builder;
    text.signature(
        &format!("pub fn {}", op.method_name),
        &params,
        &format!(" -> {builder} {{"),
    );
    text.struct_literal("", builder, &fields, "");
    text.close("}");
}

/// The request builder of one operation. It owns a clone of the client (an `Arc`), so `pages()`
/// can hand `'static` fetches to the pagination stream.
fn builder(text: &mut RustText, group: &GroupModel<'_>, op: &OperationModel<'_>) {
    let name = &op.builder;
    let mut builder_doc = format!(
        "Request builder for [`{}::{}`]: set optional parameters, then `.send().await`.",
        group.api_type,
        op.method_name.trim_start_matches("r#")
    );
    if let Some(since) = &op.op.since {
        builder_doc.push_str(&format!("\n\nSince Quay {since}."));
    }
    text.doc_markdown(&builder_doc);
    text.line("#[derive(Clone)]");
    text.line("#[must_use = \"a request does nothing until `.send().await`\"]");
    text.open(&format!("pub struct {name} {{"));
    text.line("client: Client,");
    for param in op.path_params.iter().chain(&op.required_query) {
        text.typed(&format!("{}: ", param.ident), &param.ty, ",");
    }
    for param in &op.optional_query {
        let ty = RustType::Nullable(Box::new(param.ty.clone()));
        text.typed(&format!("{}: ", param.ident), &ty, ",");
    }
    if let Some(body) = op.body_text() {
        text.line(&format!("body: {body},"));
    }
    text.close("}");

    text.open(&format!("impl {name} {{"));
    text.doc_markdown("The documented operation name.");
    text.line(&format!(
        "pub const OPERATION: &'static str = {};",
        string_literal(&op.op.name)
    ));
    for param in &op.optional_query {
        setter(text, param);
    }
    let response = format!("Result<ApiResponse<{}>>", op.response.text());
    text.doc_markdown("Sends the request; any 2xx status is success.");
    text.signature(
        "pub async fn send",
        &["self".to_string()],
        &format!(" -> {response} {{"),
    );
    text.line("let request = self.request()?;");
    text.line("self.client.execute(request).await");
    text.close("}");
    text.doc_markdown(
        "Sends the request and waits for the answer, without async (feature `blocking`,\n\
         on a client from `quay_client::blocking::Client`).",
    );
    text.line("#[cfg(feature = \"blocking\")]");
    text.signature(
        "pub fn send_blocking",
        &["self".to_string()],
        &format!(" -> {response} {{"),
    );
    text.line("let client = self.client.clone();");
    text.line("client.block_on(Self::OPERATION, self.send())?");
    text.close("}");
    if let Some(pagination) = op.pagination {
        pages_fn(text, op, pagination);
    }
    request_fn(text, op);
    text.close("}");
}

fn setter(text: &mut RustText, param: &ParamModel) {
    let (ty, convert) = argument_text(&param.ty);
    let description = if param.description.trim().is_empty() {
        format!("Sets the `{}` query parameter.", param.wire)
    } else {
        format!(
            "{}\n\nSets the `{}` query parameter.",
            markdown_safe(&param.description),
            param.wire
        )
    };
    text.doc_markdown(&with_since(&description, param.since.as_deref()));
    let name = &param.ident;
    text.signature(
        &format!("pub fn {name}"),
        &["mut self".to_string(), format!("value: {ty}")],
        " -> Self {",
    );
    text.line(&format!("self.{name} = Some(value{convert});"));
    text.line("self");
    text.close("}");
}

fn request_fn(text: &mut RustText, op: &OperationModel<'_>) {
    text.open("fn request(&self) -> Result<Request> {");
    let mut steps: Vec<String> = op
        .path
        .iter()
        .map(|part| match part {
            PathPart::Literal(literal) => format!(".literal({})", string_literal(literal)),
            PathPart::Param(index) => {
                let param = &op.path_params[*index];
                let value = match param.ty {
                    RustType::String => format!("&self.{}", param.ident),
                    _ => format!("&self.{}.to_string()", param.ident),
                };
                let step = if param.wire == "repository" {
                    "repository"
                } else {
                    "segment"
                };
                format!(".{step}({}, {value})?", string_literal(&param.wire))
            }
        })
        .collect();
    steps.push(".finish()".to_string());
    let builder = Expr::chain(
        Expr::atom("PathBuilder::new(Self::OPERATION)"),
        steps.into_iter().map(Expr::atom).collect(),
    );
    text.statement("let path = ", &builder, ";");
    if op.required_query.is_empty() && op.optional_query.is_empty() {
        text.line("let query = Vec::new();");
    } else {
        text.line("let mut query = Vec::new();");
    }
    for param in &op.required_query {
        text.open("{");
        text.line(&format!("let value = &self.{};", param.ident));
        push_query(text, param);
        text.close("}");
    }
    for param in &op.optional_query {
        text.open(&format!("if let Some(value) = &self.{} {{", param.ident));
        push_query(text, param);
        text.close("}");
    }
    text.open("Ok(Request {");
    text.line("operation: Self::OPERATION,");
    text.line(&format!(
        "method: reqwest::Method::{},",
        op.op.method.as_str()
    ));
    text.line("path,");
    text.line("query,");
    if op.body.is_some() {
        // prettyplease's layout of this expression, which is the same in every builder.
        text.open("body: Some(");
        text.line("serde_json::to_value(&self.body)");
        text.indent();
        text.open(".map_err(|error| crate::Error::InvalidArgument {");
        text.line("operation: Self::OPERATION,");
        text.line("argument: \"body\",");
        text.line("reason: error.to_string(),");
        text.close("})?,");
        text.outdent();
        text.close("),");
    } else {
        text.line("body: None,");
    }
    text.close("})");
    text.close("}");
}

/// Appends one query parameter (`value` is bound to it); lists repeat the name once per item.
fn push_query(text: &mut RustText, param: &ParamModel) {
    let wire = string_literal(&param.wire);
    let push_one = |text: &mut RustText, value: &str, ty: &RustType| {
        let owned = match ty {
            RustType::String => "clone",
            _ => "to_string",
        };
        text.line(&format!("query.push(({wire}, {value}.{owned}()));"));
    };
    match &param.ty {
        RustType::List(items) => {
            text.open("for item in value {");
            push_one(text, "item", items);
            text.close("}");
        }
        ty => {
            push_one(text, "value", ty);
        }
    }
}

/// `.pages()` (and `.items()` when the page type is known) with their blocking iterators. Both
/// share one walk; `.items()` decodes each page once, straight into its elements.
fn pages_fn(text: &mut RustText, op: &OperationModel<'_>, pagination: Pagination) {
    let wire = match pagination {
        Pagination::Token => "next_page",
        Pagination::PageNumber => "page",
    };
    let Some(param) = op.optional_query.iter().find(|p| p.wire == wire) else {
        return;
    };
    let field = &param.ident;
    // A token the caller set starts the walk; later tokens come from the responses.
    let (stream_fn, items_fn, arg, assign) = match pagination {
        Pagination::Token => (
            "by_next_page",
            "items_by_next_page",
            "token",
            vec![
                "if token.is_some() {".to_string(),
                format!("    next.{field} = token;"),
                "}".to_string(),
            ],
        ),
        Pagination::PageNumber => (
            "by_page",
            "items_by_page",
            "page",
            vec![format!(
                "next.{field} = Some(i64::try_from(page).unwrap_or(i64::MAX));"
            )],
        ),
    };
    let what = match pagination {
        Pagination::Token => "Fetches page after page, passing each response's `next_page` token to the next request, until there is none.",
        Pagination::PageNumber => "Fetches pages 1, 2, ... until a response's `has_additional` is not `true`.",
    };
    if let Some(items) = &op.items {
        let ty = items.ty.text();
        StreamMethod {
            docs: format!(
                "Every element of every page's `{}` array, one by one, decoded (see \
                 [`Self::pages`]). An element that does not decode is an `Error::Decode` with \
                 its JSON, and ends the stream.",
                items.field
            ),
            name: "items",
            item: &ty,
            walk: items_fn,
            arg,
            assign: &assign,
            fetch: Expr::chain(
                Expr::atom("next.client"),
                vec![
                    Expr::call(
                        format!(".execute_page::<{ty}>"),
                        vec![
                            Expr::atom("request"),
                            Expr::atom(string_literal(&items.field)),
                        ],
                    ),
                    Expr::atom(".await"),
                ],
            ),
        }
        .write(text);
        text.doc_markdown(
            "[`Self::items`] without async (feature `blocking`): an iterator that fetches the\n\
             next page when it needs it.",
        );
        text.line("#[cfg(feature = \"blocking\")]");
        text.signature(
            "pub fn items_blocking",
            &["self".to_string()],
            &format!(" -> crate::blocking::BlockingIter<{ty}> {{"),
        );
        text.line("let client = self.client.clone();");
        text.line("crate::blocking::BlockingIter::new(client, Self::OPERATION, self.items())");
        text.close("}");
    }
    text.doc_markdown(
        "[`Self::pages`] without async (feature `blocking`): an iterator that fetches the\n\
         next page when it needs it.",
    );
    text.line("#[cfg(feature = \"blocking\")]");
    text.open("pub fn pages_blocking(self) -> crate::blocking::BlockingIter<serde_json::Value> {");
    text.line("let client = self.client.clone();");
    text.line("crate::blocking::BlockingIter::new(client, Self::OPERATION, self.pages())");
    text.close("}");
    StreamMethod {
        docs: format!("{what} Yields each page's JSON body; the first error ends the stream."),
        name: "pages",
        item: "serde_json::Value",
        walk: stream_fn,
        arg,
        assign: &assign,
        fetch: Expr::atom("next.client.execute::<serde_json::Value>(request).await"),
    }
    .write(text);
}

/// A method of a request builder that walks its pages: `pub fn {name}(self) -> impl Stream`,
/// each request made by `crate::runtime::pagination::{walk}` from a clone of the builder.
struct StreamMethod<'a> {
    /// Markdown.
    docs: String,
    name: &'a str,
    /// The type each item of the stream holds (`Result<item>`).
    item: &'a str,
    walk: &'a str,
    /// The walk closure's argument (the next token or page).
    arg: &'a str,
    /// Lines that set `arg` on the clone, in prettyplease's layout.
    assign: &'a [String],
    /// The call that sends the request and decodes its answer.
    fetch: Expr,
}

impl StreamMethod<'_> {
    /// Written as text in an impl block at the top level, where prettyplease's layout of it does
    /// not depend on the item type; a line too wide for the writer to be sure of leaves the
    /// method to prettyplease.
    fn write(&self, text: &mut RustText) {
        let returns = format!(
            " -> impl futures_core::Stream<Item = Result<{}>> + Send + 'static {{",
            self.item
        );
        // The signature is measured exactly (see `RustText::signature`); the lines of a wider
        // one with the writer's margin of safety.
        let signature_fits = 4 + ")".len() + returns.len() <= MARGIN;
        let item_line = format!("Item = Result<{}>,", self.item);
        let item_line_fits = 2 * 4 + item_line.len() <= WIDEST_WRITTEN_LINE;
        if !(signature_fits || item_line_fits) {
            text.members_laid_out(&self.source(&returns));
            return;
        }
        text.doc_markdown(&self.docs);
        let head = format!("pub fn {}", self.name);
        if signature_fits {
            text.signature(&head, &["self".to_string()], &returns);
        } else {
            // prettyplease breaks the parameters, then the `Stream`'s one argument.
            text.open(&format!("{head}("));
            text.line("self,");
            text.close_and_open(") -> impl futures_core::Stream<");
            text.line(&item_line);
            text.close_and_open("> + Send + 'static {");
        }
        text.open(&format!(
            "crate::runtime::pagination::{}(move |{}| {{",
            self.walk, self.arg
        ));
        text.line("let mut next = self.clone();");
        for line in self.assign {
            text.line(line);
        }
        text.open("async move {");
        text.line("let request = next.request()?;");
        text.statement("", &self.fetch, "");
        text.close("}");
        text.close("})");
        text.close("}");
    }

    /// The method as Rust source, for prettyplease.
    fn source(&self, returns: &str) -> String {
        let docs: String = super::rust_file::markdown_lines(&self.docs)
            .iter()
            .map(|line| format!("///{line}\n"))
            .collect();
        format!(
            "{docs}pub fn {}(self){returns}
                crate::runtime::pagination::{}(move |{}| {{
                    let mut next = self.clone();
                    {}
                    async move {{
                        let request = next.request()?;
                        {}
                    }}
                }})
            }}",
            self.name,
            self.walk,
            self.arg,
            self.assign.join("\n"),
            self.fetch.source()
        )
    }
}
