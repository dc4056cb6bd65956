//! `src/models.rs`: one serde struct per definition and per request body.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::model::{ident, with_since, ClientModel, EnumModel, FieldModel, RustType, StructModel};
use super::rust_file::{doc, doc_markdown, inner_doc_markdown, RustFile};
use super::{redact, responses};

/// `src/models.rs`, in parts of a few types each: the biggest generated file.
pub fn file<'a>(model: &'a ClientModel<'_>, eq: &'a BTreeSet<&'a str>) -> RustFile<'a> {
    const TYPES_PER_PART: usize = 16;
    RustFile::with_head("src/models.rs", || {
        inner_doc_markdown(
            "Typed data: the definitions of the API reference (response bodies, errors), one \
             struct per request body, and the response types inferred from the docs' example \
             outputs. Response types keep fields they do not model in a flattened `extra` map.",
        )
    })
    .chunks(&model.structs, TYPES_PER_PART, move |s| {
        struct_tokens(s, eq.contains(s.name.as_str()))
    })
    .chunks(&model.enums, TYPES_PER_PART, enum_tokens)
}

/// A string of fixed values: one unit variant per value, renamed to it on the wire.
fn enum_tokens(model: &EnumModel) -> TokenStream {
    let name = ident(&model.name);
    let docs = doc_markdown(&model.description);
    let variants = model.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let wire = &v.wire;
        let docs = doc_markdown(&format!("`{wire}`"));
        quote! {
            #docs
            #[serde(rename = #wire)]
            #variant,
        }
    });
    let arms = model.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let wire = &v.wire;
        quote!(Self::#variant => #wire,)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum #name {
            #(#variants)*
        }
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// The structs that can derive `Eq`: no float or JSON value in them or in any struct they hold.
/// Starts from all (and the enums, always `Eq`) and drops one that holds a non-`Eq` type until
/// nothing changes.
pub fn eq_structs<'m>(model: &'m ClientModel<'_>) -> BTreeSet<&'m str> {
    let (structs, enums) = (&model.structs, &model.enums);
    let mut eq: BTreeSet<&str> = structs
        .iter()
        .map(|s| s.name.as_str())
        .chain(enums.iter().map(|e| e.name.as_str()))
        .collect();
    loop {
        let before = eq.len();
        for s in structs {
            if !s.fields.iter().all(|f| is_eq(&f.ty, &eq)) {
                eq.remove(s.name.as_str());
            }
        }
        if eq.len() == before {
            return eq;
        }
    }
}

fn is_eq(ty: &RustType, eq_structs: &BTreeSet<&str>) -> bool {
    match ty {
        RustType::Model(name) => eq_structs.contains(name.as_str()),
        RustType::List(items) | RustType::Map(items) | RustType::Nullable(items) => {
            is_eq(items, eq_structs)
        }
        other => !other.has_float(),
    }
}

fn struct_tokens(model: &StructModel, eq: bool) -> TokenStream {
    let name = ident(&model.name);
    let docs = if model.description.trim().is_empty() {
        doc_markdown(&format!("The `{}` schema.", model.name))
    } else {
        doc(&model.description)
    };
    let all_optional = model.fields.iter().all(|f| !f.required);
    let redacted = redact::needs_redacted_debug(model);
    let mut derives = vec![quote!(Clone), quote!(PartialEq)];
    if !redacted {
        derives.insert(0, quote!(Debug));
    }
    if eq {
        derives.push(quote!(Eq));
    }
    if all_optional {
        derives.push(quote!(Default));
    }
    let fields = model.fields.iter().map(field_tokens);
    let unknown = model
        .unknown_fields
        .as_deref()
        .map(responses::unknown_fields_tokens);
    let builder = (!model.is_response).then(|| body_methods(model));
    let debug = redacted.then(|| redact::debug_impl(model));
    // Response structs decode through `runtime::fields` (keeping unknown fields); the rest derive.
    let derive_deserialize = model
        .unknown_fields
        .is_none()
        .then(|| quote!(, serde::Deserialize));
    let deserialize = model
        .unknown_fields
        .as_deref()
        .map(|extra| deserialize_impl(model, extra));
    quote! {
        #docs
        #[derive(#(#derives,)* serde::Serialize #derive_deserialize)]
        pub struct #name {
            #(#fields)*
            #unknown
        }
        #debug
        #deserialize
        #builder
    }
}

fn field_tokens(field: &FieldModel) -> TokenStream {
    let name = ident(&field.ident);
    let docs = match (&field.since, field.description.trim().is_empty()) {
        (None, true) => doc_markdown(&format!("The `{}` field.", field.wire)),
        (None, false) => doc(&field.description),
        (Some(since), true) => doc_markdown(&with_since(
            &format!("The `{}` field.", field.wire),
            Some(since),
        )),
        (Some(since), false) => doc(&with_since(&field.description, Some(since))),
    };
    let ty = field.ty.tokens();
    let rename = field.needs_rename().then(|| {
        let wire = &field.wire;
        quote!(#[serde(rename = #wire)])
    });
    if field.required {
        quote! { #docs #rename pub #name: #ty, }
    } else {
        quote! {
            #docs
            #rename
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub #name: Option<#ty>,
        }
    }
}

/// `Deserialize` of a response struct: the body as a JSON object, each field taken out of it by
/// `runtime::fields::Object`, the rest kept in the flattened `extra` map. Far less code than a derived
/// visitor with `flatten`, which matters with a few hundred response structs.
fn deserialize_impl(model: &StructModel, extra: &str) -> TokenStream {
    let name = ident(&model.name);
    let extra = ident(extra);
    let fields = model.fields.iter().map(|f| {
        let field = ident(&f.ident);
        let wire = &f.wire;
        if f.required {
            quote!(#field: object.required(#wire)?,)
        } else {
            quote!(#field: object.optional(#wire)?,)
        }
    });
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut object = crate::runtime::fields::Object::read(deserializer)?;
                Ok(Self {
                    #(#fields)*
                    #extra: object.into_rest(),
                })
            }
        }
    }
}

/// `new(required...)` plus one setter per optional field, named like the field.
fn body_methods(model: &StructModel) -> TokenStream {
    let name = ident(&model.name);
    let required: Vec<&FieldModel> = model.fields.iter().filter(|f| f.required).collect();
    let params = required.iter().map(|f| {
        let (ty, _) = argument(&f.ty);
        let arg = ident(&f.ident);
        quote!(#arg: #ty)
    });
    let inits = model.fields.iter().map(|f| {
        let field = ident(&f.ident);
        if f.required {
            init_from_argument(&field, &f.ty)
        } else {
            quote!(#field: None)
        }
    });
    let setters = model.fields.iter().filter(|f| !f.required).map(|f| {
        let field = ident(&f.ident);
        let (ty, convert) = argument(&f.ty);
        let docs = doc_markdown(&format!("Sets `{}`.", f.wire));
        quote! {
            #docs
            #[must_use]
            pub fn #field(mut self, value: #ty) -> Self {
                self.#field = Some(value #convert);
                self
            }
        }
    });
    let new_doc = doc_markdown(&format!(
        "A `{}` with its required fields; set optional ones by name.",
        model.name
    ));
    quote! {
        impl #name {
            #new_doc
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* }
            }
            #(#setters)*
        }
    }
}

/// The parameter type of a setter or constructor argument, and the conversion applied to it.
/// Strings take `impl Into<String>`; everything else its own type.
pub fn argument(ty: &RustType) -> (TokenStream, TokenStream) {
    match ty {
        RustType::String => (quote!(impl Into<String>), quote!(.into())),
        other => (other.tokens(), quote!()),
    }
}

/// `field: field.into()` for strings, the shorthand `field` otherwise (clippy flags `x: x`).
pub fn init_from_argument(field: &proc_macro2::Ident, ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(#field: #field.into()),
        _ => quote!(#field),
    }
}
