//! `src/operations.rs`: the `Scope` enum and the static table of every operation, so a tool can
//! check a token's scopes before it calls.

use proc_macro2::TokenStream;
use quote::quote;

use super::model::{ident, ClientModel};
use super::rust_file::{doc_markdown, inner_doc_markdown};

pub fn tokens(model: &ClientModel<'_>) -> TokenStream {
    let module_doc = inner_doc_markdown(
        "The OAuth scopes of the API and a table of every operation: name, group, method, path \
         template, the scopes that allow it and the Quay version that added it.",
    );
    let scope = scope_enum(model);
    let table = table(model);
    quote! {
        #module_doc
        #scope
        #table
    }
}

fn scope_enum(model: &ClientModel<'_>) -> TokenStream {
    let count = proc_macro2::Literal::usize_unsuffixed(model.scopes.len());
    let variants: Vec<_> = model.scopes.iter().map(|s| ident(&s.variant)).collect();
    let wires: Vec<&str> = model.scopes.iter().map(|s| s.wire.as_str()).collect();
    let variant_docs = model
        .scopes
        .iter()
        .map(|s| doc_markdown(&format!("`{}`", s.wire)));
    quote! {
        /// An OAuth scope a token can carry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Scope {
            #( #variant_docs #variants, )*
        }

        impl Scope {
            /// Every scope, sorted by name.
            pub const ALL: [Scope; #count] = [#(Scope::#variants),*];

            /// The scope as the API writes it (`repo:read`).
            pub fn as_str(self) -> &'static str {
                match self {
                    #( Scope::#variants => #wires, )*
                }
            }
        }

        impl std::fmt::Display for Scope {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// A scope name that is not one of [`Scope::ALL`].
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct UnknownScope(pub String);

        impl std::fmt::Display for UnknownScope {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "unknown OAuth scope `{}`", self.0)
            }
        }

        impl std::error::Error for UnknownScope {}

        impl std::str::FromStr for Scope {
            type Err = UnknownScope;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    #( #wires => Ok(Scope::#variants), )*
                    other => Err(UnknownScope(other.to_string())),
                }
            }
        }
    }
}

fn table(model: &ClientModel<'_>) -> TokenStream {
    let rows = model.operations().map(|(group, op)| {
        let name = &op.op.name;
        let group_name = &group.name;
        let method = op.op.method.as_str();
        let path = &op.op.path;
        let since = match &op.op.since {
            Some(version) => quote!(Some(#version)),
            None => quote!(None),
        };
        let scopes = op.scopes.iter().filter_map(|wire| {
            model
                .scopes
                .iter()
                .find(|s| s.wire == *wire)
                .map(|s| ident(&s.variant))
        });
        quote! {
            OperationInfo {
                name: #name,
                group: #group_name,
                method: #method,
                path: #path,
                scopes: &[#(Scope::#scopes),*],
                since: #since,
            },
        }
    });
    quote! {
        /// One documented operation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct OperationInfo {
            /// The operation name as documented (`listRepoTags`).
            pub name: &'static str,
            /// The documentation group (`tag`).
            pub group: &'static str,
            /// The HTTP method (`GET`).
            pub method: &'static str,
            /// The path template (`/api/v1/repository/{repository}/tag/`).
            pub path: &'static str,
            /// Scopes any one of which allows the call; empty when none is documented.
            pub scopes: &'static [Scope],
            /// The first Quay version whose API reference documents the operation (`3.17`);
            /// `None` when the crate was generated without a version history. An older server
            /// does not have it.
            pub since: Option<&'static str>,
        }

        impl OperationInfo {
            /// Whether a token with `granted` scopes may call this operation: it needs any one of
            /// the documented scopes (or none at all when none is documented).
            pub fn allowed_with(&self, granted: &[Scope]) -> bool {
                self.scopes.is_empty() || self.scopes.iter().any(|s| granted.contains(s))
            }
        }

        /// Every operation of the API reference, group by group, in document order within a group.
        pub static OPERATIONS: &[OperationInfo] = &[#(#rows)*];

        /// The operation with this documented name.
        pub fn find_operation(name: &str) -> Option<&'static OperationInfo> {
            OPERATIONS.iter().find(|op| op.name == name)
        }
    }
}
