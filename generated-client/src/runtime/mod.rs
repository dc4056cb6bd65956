//! The hand-written HTTP runtime of the client: connection setup, authentication, path
//! encoding, retries, redirects, response limits, error mapping and pagination.
//!
//! Everything under `src/runtime/` is written by hand and never touched by the generator; the
//! generated API modules build a [`Request`] with [`PathBuilder`] and call [`Client::execute`].

mod body;
mod builder;
mod client;
mod error;
pub mod pagination;
mod path;
mod request;
mod retry;
mod token;

pub use builder::ClientBuilder;
pub use client::Client;
pub use error::{Error, ErrorBody, Result};
pub use path::PathBuilder;
pub use request::{ApiResponse, Request};
pub use retry::RetryPolicy;
