//! `src/api/mod.rs` and `src/api/<group>.rs`: one module per documentation group, each with a
//! group API (`client.tag()`) whose methods return one request builder per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::model::{
    ident, method_tokens, since_text, with_since, ClientModel, GroupModel, OperationModel,
    Pagination, ParamModel, PathPart, RustType,
};
use super::models::{argument, init_from_argument};
use super::responses;
use super::rust_file::{doc_markdown, inner_doc, inner_doc_markdown, markdown_safe};

/// `src/api/mod.rs`: the group modules and the group accessors on `Client`.
pub fn mod_tokens(model: &ClientModel<'_>) -> TokenStream {
    let module_doc = inner_doc_markdown(
        "The operations of the API, one module per documentation group. Reach them through the \
         group accessors on [`Client`](crate::Client), e.g. `client.tag()`.",
    );
    let modules = model.groups.iter().map(|g| {
        let module = ident(&g.module);
        let docs = doc_markdown(&format!("Operations of the `{}` group.", g.name));
        quote!(#docs pub mod #module;)
    });
    let accessors = model.groups.iter().map(|g| {
        let module = ident(&g.module);
        let api = ident(&g.api_type);
        let docs = doc_markdown(&format!(
            "Operations of the `{}` group: {}",
            g.name,
            markdown_safe(&first_sentence(&g.description))
        ));
        quote! {
            #docs
            pub fn #module(&self) -> #module::#api<'_> {
                #module::#api::new(self)
            }
        }
    });
    quote! {
        #module_doc
        #(#modules)*
        impl crate::Client {
            #(#accessors)*
        }
    }
}

/// `src/api/<group>.rs`.
pub fn group_tokens(group: &GroupModel<'_>) -> TokenStream {
    let module_doc = inner_doc(if group.description.trim().is_empty() {
        "Operations of this documentation group."
    } else {
        &group.description
    });
    let api = ident(&group.api_type);
    let api_doc = doc_markdown(&format!(
        "The `{}` group. Get it with `client.{}()`.",
        group.name,
        group.module.trim_start_matches("r#")
    ));
    let methods = group.operations.iter().map(|op| entry_method(group, op));
    let builders = group.operations.iter().map(|op| builder(group, op));
    quote! {
        #module_doc
        use crate::runtime::{ApiResponse, PathBuilder, Request};
        use crate::{Client, Result};

        #api_doc
        #[derive(Clone, Copy)]
        pub struct #api<'a> {
            client: &'a Client,
        }

        impl<'a> #api<'a> {
            pub(crate) fn new(client: &'a Client) -> Self {
                Self { client }
            }
            #(#methods)*
        }

        #(#builders)*
    }
}

fn first_sentence(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    match line.find(". ") {
        Some(end) => line[..=end].to_string(),
        None => line.to_string(),
    }
}

/// The doc comment of an operation: description, `METHOD /path`, scopes and group.
fn operation_doc(group: &GroupModel<'_>, op: &OperationModel<'_>) -> TokenStream {
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
    doc_markdown(&text)
}

/// The group API method that starts a request: positional path parameters, required query
/// parameters and the body.
fn entry_method(group: &GroupModel<'_>, op: &OperationModel<'_>) -> TokenStream {
    let docs = operation_doc(group, op);
    let method = ident(&op.method_name);
    let builder = ident(&op.builder);
    let positional: Vec<&ParamModel> = op.path_params.iter().chain(&op.required_query).collect();
    let args = positional.iter().map(|p| {
        let name = ident(&p.ident);
        let (ty, _) = argument(&p.ty);
        quote!(#name: #ty)
    });
    let inits = positional
        .iter()
        .map(|p| init_from_argument(&ident(&p.ident), &p.ty));
    let optional_inits = op.optional_query.iter().map(|p| {
        let name = ident(&p.ident);
        quote!(#name: None)
    });
    let (body_arg, body_init) = match op.body_tokens() {
        Some(ty) => (quote!(body: #ty), quote!(body,)),
        None => (quote!(), quote!()),
    };
    let comma = (!positional.is_empty() && op.body.is_some()).then(|| quote!(,));
    quote! {
        #docs
        pub fn #method(&self, #(#args),* #comma #body_arg) -> #builder {
            #builder {
                client: self.client.clone(),
                #(#inits,)*
                #(#optional_inits,)*
                #body_init
            }
        }
    }
}

/// The request builder of one operation. It owns a clone of the client (an `Arc`), so `pages()`
/// can hand `'static` fetches to the pagination stream.
fn builder(group: &GroupModel<'_>, op: &OperationModel<'_>) -> TokenStream {
    let name = ident(&op.builder);
    let operation = &op.op.name;
    let mut builder_text = format!(
        "Request builder for [`{}::{}`]: set optional parameters, then `.send().await`.",
        group.api_type,
        op.method_name.trim_start_matches("r#")
    );
    if let Some(since) = &op.op.since {
        builder_text.push_str(&format!("\n\nSince Quay {since}."));
    }
    let builder_doc = doc_markdown(&builder_text);
    let fields = op
        .path_params
        .iter()
        .chain(&op.required_query)
        .map(|p| {
            let field = ident(&p.ident);
            let ty = p.ty.tokens();
            quote!(#field: #ty,)
        })
        .chain(op.optional_query.iter().map(|p| {
            let field = ident(&p.ident);
            let ty = p.ty.tokens();
            quote!(#field: Option<#ty>,)
        }));
    let body_field = op.body_tokens().map(|ty| quote!(body: #ty,));
    let setters = op.optional_query.iter().map(setter);
    let request = request_fn(op);
    let response = op.response.tokens();
    let pages = op.pagination.map(|p| pages_fn(op, p));
    quote! {
        #builder_doc
        #[derive(Clone)]
        #[must_use = "a request does nothing until `.send().await`"]
        pub struct #name {
            client: Client,
            #(#fields)*
            #body_field
        }

        impl #name {
            /// The documented operation name.
            pub const OPERATION: &'static str = #operation;

            #(#setters)*

            /// Sends the request; any 2xx status is success.
            pub async fn send(self) -> Result<ApiResponse<#response>> {
                let request = self.request()?;
                self.client.execute(request).await
            }

            /// Sends the request and waits for the answer, without async (feature `blocking`,
            /// on a client from `quay_client::blocking::Client`).
            #[cfg(feature = "blocking")]
            pub fn send_blocking(self) -> Result<ApiResponse<#response>> {
                let client = self.client.clone();
                client.block_on(Self::OPERATION, self.send())?
            }

            #pages

            #request
        }
    }
}

fn setter(param: &ParamModel) -> TokenStream {
    let name = ident(&param.ident);
    let (ty, convert) = argument(&param.ty);
    let description = if param.description.trim().is_empty() {
        format!("Sets the `{}` query parameter.", param.wire)
    } else {
        format!(
            "{}\n\nSets the `{}` query parameter.",
            markdown_safe(&param.description),
            param.wire
        )
    };
    let description = with_since(&description, param.since.as_deref());
    let docs = doc_markdown(&description);
    quote! {
        #docs
        pub fn #name(mut self, value: #ty) -> Self {
            self.#name = Some(value #convert);
            self
        }
    }
}

fn request_fn(op: &OperationModel<'_>) -> TokenStream {
    let method = method_tokens(op.op.method);
    let path_steps = op.path.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(.literal(#text)),
        PathPart::Param(index) => {
            let param = &op.path_params[*index];
            let wire = &param.wire;
            let field = ident(&param.ident);
            let value = match param.ty {
                RustType::String => quote!(&self.#field),
                _ => quote!(&self.#field.to_string()),
            };
            if param.wire == "repository" {
                quote!(.repository(#wire, #value)?)
            } else {
                quote!(.segment(#wire, #value)?)
            }
        }
    });
    let required = op.required_query.iter().map(|p| push_query(p, false));
    let optional = op.optional_query.iter().map(|p| push_query(p, true));
    let has_query = !op.required_query.is_empty() || !op.optional_query.is_empty();
    let query_decl = if has_query {
        quote!(let mut query = Vec::new();)
    } else {
        quote!(let query = Vec::new();)
    };
    let body = if op.body.is_some() {
        quote! {
            Some(serde_json::to_value(&self.body).map_err(|error| crate::Error::InvalidArgument {
                operation: Self::OPERATION,
                argument: "body",
                reason: error.to_string(),
            })?)
        }
    } else {
        quote!(None)
    };
    quote! {
        fn request(&self) -> Result<Request> {
            let path = PathBuilder::new(Self::OPERATION)
                #(#path_steps)*
                .finish();
            #query_decl
            #(#required)*
            #(#optional)*
            Ok(Request {
                operation: Self::OPERATION,
                method: #method,
                path,
                query,
                body: #body,
            })
        }
    }
}

/// Appends one query parameter; lists repeat the name once per item.
fn push_query(param: &ParamModel, optional: bool) -> TokenStream {
    let wire = &param.wire;
    let field = ident(&param.ident);
    let push_one = |value: TokenStream, ty: &RustType| match ty {
        RustType::String => quote!(query.push((#wire, #value.clone()));),
        _ => quote!(query.push((#wire, #value.to_string()));),
    };
    let push = match &param.ty {
        RustType::List(items) => {
            let one = push_one(quote!(item), items);
            quote!(for item in value { #one })
        }
        ty => push_one(quote!(value), ty),
    };
    if optional {
        quote!(if let Some(value) = &self.#field { #push })
    } else {
        quote!({ let value = &self.#field; #push })
    }
}

fn pages_fn(op: &OperationModel<'_>, pagination: Pagination) -> TokenStream {
    let wire = match pagination {
        Pagination::Token => "next_page",
        Pagination::PageNumber => "page",
    };
    let Some(param) = op.optional_query.iter().find(|p| p.wire == wire) else {
        return quote!();
    };
    let field = ident(&param.ident);
    // A token the caller set starts the walk; later tokens come from the responses.
    let (stream_fn, items_fn, arg, assign, what) = match pagination {
        Pagination::Token => (
            quote!(by_next_page),
            quote!(items_by_next_page),
            quote!(token),
            quote!(if token.is_some() { next.#field = token; }),
            "Fetches page after page, passing each response's `next_page` token to the next request, until there is none.",
        ),
        Pagination::PageNumber => (
            quote!(by_page),
            quote!(items_by_page),
            quote!(page),
            quote!(next.#field = Some(i64::try_from(page).unwrap_or(i64::MAX));),
            "Fetches pages 1, 2, ... until a response's `has_additional` is not `true`.",
        ),
    };
    let docs = doc_markdown(&format!(
        "{what} Yields each page's JSON body; the first error ends the stream."
    ));
    let fetch = quote! {
        move |#arg| {
            let mut next = self.clone();
            #assign
            async move {
                let request = next.request()?;
                next.client.execute::<serde_json::Value>(request).await
            }
        }
    };
    let items = responses::items_fn(op, &items_fn, &arg, &assign);
    let items_blocking = op.items.as_ref().map(|items| {
        let ty = items.ty.tokens();
        quote! {
            /// [`Self::items`] without async (feature `blocking`): an iterator that fetches the
            /// next page when it needs it.
            #[cfg(feature = "blocking")]
            pub fn items_blocking(self) -> crate::blocking::BlockingIter<#ty> {
                let client = self.client.clone();
                crate::blocking::BlockingIter::new(client, Self::OPERATION, self.items())
            }
        }
    });
    quote! {
        #items
        #items_blocking

        /// [`Self::pages`] without async (feature `blocking`): an iterator that fetches the
        /// next page when it needs it.
        #[cfg(feature = "blocking")]
        pub fn pages_blocking(self) -> crate::blocking::BlockingIter<serde_json::Value> {
            let client = self.client.clone();
            crate::blocking::BlockingIter::new(client, Self::OPERATION, self.pages())
        }

        #docs
        pub fn pages(self) -> impl futures_core::Stream<Item = Result<serde_json::Value>> + Send + 'static {
            crate::runtime::pagination::#stream_fn(#fetch)
        }
    }
}
