//! The hand-written HTTP runtime of the client: connection setup, authentication, path
//! encoding, retries, redirects, response limits, error mapping and pagination.
//!
//! Everything under `src/runtime/` is written by hand and never touched by the generator; the
//! generated API modules build a [`Request`] with [`PathBuilder`] and call [`Client::execute`].
//!
//! ```no_run
//! # async fn example() -> quay_client::Result<()> {
//! use std::time::Duration;
//! use quay_client::{Client, RetryPolicy};
//!
//! let client = Client::builder()
//!     .base_url("https://quay.example.com")
//!     .bearer_token(std::env::var("QUAY_TOKEN").unwrap_or_default())
//!     .timeout(Duration::from_secs(20))
//!     .retry_policy(RetryPolicy::default().max_attempts(5))
//!     .build()?;
//! # let _ = client;
//! # Ok(())
//! # }
//! ```

#[cfg(feature = "blocking")]
pub mod blocking;
mod body;
mod builder;
mod client;
mod error;
#[doc(hidden)]
pub mod fields;
pub mod pagination;
mod path;
mod request;
mod retry;
mod server;
mod timers;
mod token;

pub use builder::{install_crypto_provider, ClientBuilder};
pub use client::Client;
pub use error::{Error, ErrorBody, Result};
pub use path::PathBuilder;
pub use request::{ApiResponse, Request};
pub use retry::RetryPolicy;
pub use server::ServerOperations;
