//! `Debug` that hides secrets: a struct with a text field named like a credential (`token_code`,
//! `password`, `client_secret`, ...) gets a written-out `Debug` printing `[redacted]` for it, so
//! logging a response or a request body never leaks a credential.

use proc_macro2::TokenStream;
use quote::quote;

use super::model::{ident, FieldModel, RustType, StructModel};
use crate::spec::is_credential_name;

/// Whether a field holds a credential as text.
pub fn is_secret(field: &FieldModel) -> bool {
    is_credential_name(&field.wire) && field.ty == RustType::String
}

/// Whether `Debug` must be written out instead of derived.
pub fn needs_redacted_debug(model: &StructModel) -> bool {
    model.fields.iter().any(is_secret)
}

/// `impl Debug` listing every field, secrets as `[redacted]` (or `None` when unset).
pub fn debug_impl(model: &StructModel) -> TokenStream {
    let name = ident(&model.name);
    let label = &model.name;
    let fields = model.fields.iter().map(|f| {
        let field = ident(&f.ident);
        let wire = &f.wire;
        match (is_secret(f), f.required) {
            (false, _) => quote!(.field(#wire, &self.#field)),
            (true, true) => quote!(.field(#wire, &"[redacted]")),
            (true, false) => quote!(.field(#wire, &self.#field.as_ref().map(|_| "[redacted]"))),
        }
    });
    let unknown = model.unknown_fields.as_deref().map(|extra| {
        let field = ident(extra);
        quote!(.field(#extra, &self.#field))
    });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label)
                    #(#fields)*
                    #unknown
                    .finish()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(wire: &str, ty: RustType) -> FieldModel {
        FieldModel {
            wire: wire.into(),
            ident: wire.into(),
            ty,
            required: false,
            description: String::new(),
            since: None,
        }
    }

    #[test]
    fn only_text_fields_named_like_credentials_are_secret() {
        assert!(is_secret(&field("token_code", RustType::String)));
        assert!(is_secret(&field("Password", RustType::String)));
        assert!(is_secret(&field("ldap_secret", RustType::String)));
        assert!(!is_secret(&field("token", RustType::Model("Token".into()))));
        assert!(!is_secret(&field("token_name", RustType::String)));
    }

    #[test]
    fn the_written_debug_redacts_secrets_and_keeps_the_rest() {
        let model = StructModel {
            name: "Token".into(),
            description: String::new(),
            fields: vec![
                field("title", RustType::String),
                field("token_code", RustType::String),
            ],
            is_response: true,
            unknown_fields: Some("extra".into()),
        };
        assert!(needs_redacted_debug(&model));
        let text = debug_impl(&model).to_string();
        assert!(text.contains("\"[redacted]\""), "{text}");
        assert!(
            text.contains(". field (\"title\" , & self . title)"),
            "{text}"
        );
        assert!(!text.contains("self . token_code)"), "{text}");
    }
}
