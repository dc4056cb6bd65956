//! `Debug` that hides secrets: a struct with a text field named like a credential (`token_code`,
//! `password`, `client_secret`, ...) gets a written-out `Debug` printing `[redacted]` for it, so
//! logging a response or a request body never leaks a credential.

use super::model::{FieldModel, RustType, StructModel};
use super::rust_text::{string_literal, Expr, RustText};
use crate::spec::is_credential_name;

/// Whether a field holds a credential as text.
pub fn is_secret(field: &FieldModel) -> bool {
    is_credential_name(&field.wire) && field.ty == RustType::String
}

/// Whether `Debug` must be written out instead of derived.
pub fn needs_redacted_debug(model: &StructModel) -> bool {
    model.fields.iter().any(is_secret)
}

/// `impl Debug` listing every field, secrets as `[redacted]` (or `None` when unset). The chain
/// of `.field` calls is laid out by prettyplease.
pub fn debug_impl(text: &mut RustText, model: &StructModel) {
    text.open_impl_for("impl std::fmt::Debug", &model.name);
    text.open("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {");
    let field = |wire: &str, value: String| {
        Expr::call(
            ".field",
            vec![Expr::atom(string_literal(wire)), Expr::atom(value)],
        )
    };
    let mut links = vec![Expr::call(
        ".debug_struct",
        vec![Expr::atom(string_literal(&model.name))],
    )];
    for f in &model.fields {
        let name = &f.ident;
        links.push(field(
            &f.wire,
            match (is_secret(f), f.required) {
                (false, _) => format!("&self.{name}"),
                (true, true) => "&\"[redacted]\"".to_string(),
                (true, false) => format!("&self.{name}.as_ref().map(|_| \"[redacted]\")"),
            },
        ));
    }
    if let Some(extra) = &model.unknown_fields {
        links.push(field(extra, format!("&self.{extra}")));
    }
    links.push(Expr::atom(".finish()"));
    text.statement("", &Expr::chain(Expr::atom("f"), links), "");
    text.close("}");
    text.close("}");
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
        let mut text = RustText::new();
        debug_impl(&mut text, &model);
        let text = &text.finish()[0].text;
        assert!(text.contains("\"[redacted]\""), "{text}");
        assert!(text.contains(".field(\"title\", &self.title)"), "{text}");
        assert!(!text.contains("self.token_code)"), "{text}");
    }
}
