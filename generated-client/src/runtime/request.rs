//! What generated code hands to the client, and what it gets back.

use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

/// One API call, as built by generated code. Not part of the public API.
#[doc(hidden)]
pub struct Request {
    /// Operation name, used in errors.
    pub operation: &'static str,
    pub method: Method,
    /// Path from [`PathBuilder`](super::PathBuilder), already percent-encoded.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    /// JSON request body, if any.
    pub body: Option<serde_json::Value>,
}

impl Request {
    /// A request without query parameters or body.
    pub fn new(operation: &'static str, method: Method, path: String) -> Self {
        Self {
            operation,
            method,
            path,
            query: Vec::new(),
            body: None,
        }
    }
}

/// The body is left out: it may carry passwords or other secrets.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body", &self.body.as_ref().map(|_| "<json>"))
            .finish()
    }
}

/// A successful (2xx) response: status, headers and the decoded body.
#[derive(Debug, Clone)]
pub struct ApiResponse<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> ApiResponse<T> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

    /// The status the server answered (any 2xx; servers answer 200 where the docs say 201).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, consuming the response.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }
}
