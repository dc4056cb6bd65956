//! `src/lib.rs`: the crate root. The README is the crate's documentation page. The hand-written
//! runtime is public: its integration tests and advanced users reach `runtime::pagination`
//! (e.g. `items`, which flattens pages into the elements of one array field).

use proc_macro2::TokenStream;
use quote::quote;

pub fn tokens() -> TokenStream {
    quote! {
        #![doc = include_str!("../README.md")]
        #![warn(missing_docs)]

        pub mod runtime;

        pub mod api;
        pub mod models;
        pub mod operations;

        /// The client without async (feature `blocking`).
        #[cfg(feature = "blocking")]
        pub use runtime::blocking;

        pub use operations::{OperationInfo, Scope, OPERATIONS};
        pub use runtime::{ApiResponse, Client, ClientBuilder, Error, ErrorBody, Result, RetryPolicy};
    }
}
