//! The client without async, for scripts and plain `fn main` programs (feature `blocking`).
//!
//! ```no_run
//! # fn example() -> quay_client::Result<()> {
//! let client = quay_client::blocking::Client::builder()
//!     .base_url("https://quay.example.com")
//!     .bearer_token(std::env::var("QUAY_TOKEN").unwrap_or_default())
//!     .build_blocking()?;
//! let user = client.user().get_logged_in_user().send_blocking()?;
//! println!("{:?}", user.body());
//! # Ok(())
//! # }
//! ```
//!
//! A [`Client`] is the async [`crate::Client`] with a runtime of its own: every operation is the
//! same method (`client.tag().list_repo_tags(..)`), every request builder has `send_blocking()`
//! beside `send()`, and paginated listings have `pages_blocking()` (and `items_blocking()`
//! where the items are typed), iterators that fetch the next page when needed. Retries,
//! redirects, the token rules, size caps and timeouts are the async client's, unchanged.
//! Calling `send_blocking()` inside an async runtime is an [`Error::Blocking`](crate::Error)
//! (blocking there would stall it), never a panic.

use std::ops::Deref;
use std::pin::Pin;

use futures_core::Stream;
use futures_util::StreamExt;

use super::builder::ClientBuilder;
use super::error::Result;

/// A Quay API client whose calls block until the answer is there. Cheap to clone; clones share
/// the connection pool and the runtime. Dereferences to the async [`crate::Client`], whose
/// group accessors it shares.
#[derive(Clone, Debug)]
pub struct Client {
    inner: crate::Client,
}

impl Client {
    /// Starts configuring a client; finish with
    /// [`ClientBuilder::build_blocking`](crate::ClientBuilder::build_blocking).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub(crate) fn new(inner: crate::Client) -> Self {
        Self { inner }
    }

    /// The async client underneath (same configuration, same connection pool).
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }
}

impl Deref for Client {
    type Target = crate::Client;

    fn deref(&self) -> &crate::Client {
        &self.inner
    }
}

/// The items of a paginated stream, one by one, each fetched on the client's runtime when
/// [`Iterator::next`] needs it. Used by generated `pages_blocking` and `items_blocking`.
pub struct BlockingIter<T> {
    client: crate::Client,
    operation: &'static str,
    stream: Option<Pin<Box<dyn Stream<Item = Result<T>> + Send>>>,
}

impl<T> BlockingIter<T> {
    #[doc(hidden)]
    pub fn new(
        client: crate::Client,
        operation: &'static str,
        stream: impl Stream<Item = Result<T>> + Send + 'static,
    ) -> Self {
        Self {
            client,
            operation,
            stream: Some(Box::pin(stream)),
        }
    }
}

impl<T> Iterator for BlockingIter<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        let stream = self.stream.as_mut()?;
        match self.client.block_on(self.operation, stream.next()) {
            Ok(item) => {
                if item.is_none() {
                    self.stream = None;
                }
                item
            }
            // The iterator cannot go on without a runtime: the error once, then the end.
            Err(error) => {
                self.stream = None;
                Some(Err(error))
            }
        }
    }
}

impl<T> std::fmt::Debug for BlockingIter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingIter")
            .field("operation", &self.operation)
            .field("done", &self.stream.is_none())
            .finish()
    }
}
