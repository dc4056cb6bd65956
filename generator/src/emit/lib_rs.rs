//! `src/lib.rs`: the crate root. The README is the crate's documentation page.

use proc_macro2::TokenStream;
use quote::quote;

pub fn tokens() -> TokenStream {
    quote! {
        #![doc = include_str!("../README.md")]

        mod runtime;

        pub mod api;
        pub mod models;
        pub mod operations;

        pub use operations::{OperationInfo, Scope, OPERATIONS};
        pub use runtime::{ApiResponse, Client, ClientBuilder, Error, ErrorBody, Result, RetryPolicy};
    }
}
