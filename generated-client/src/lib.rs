//! Typed Rust client for the Red Hat Quay API.
//!
//! PROVISIONAL hand-made file: the emitter replaces it with the generated `lib.rs`, which keeps
//! the `runtime` module and the re-exports below.

#![warn(missing_docs)]

pub mod models;
pub mod runtime;

pub use runtime::{ApiResponse, Client, ClientBuilder, Error, ErrorBody, Result, RetryPolicy};
