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

/// A successful (2xx) response: status, headers, the decoded body and the raw bytes it was
/// decoded from (so fields a typed body does not model stay reachable).
#[derive(Clone)]
pub struct ApiResponse<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
    raw: bytes::Bytes,
    url: Option<reqwest::Url>,
}

impl<T> ApiResponse<T> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: T, raw: bytes::Bytes) -> Self {
        Self {
            status,
            headers,
            body,
            raw,
            url: None,
        }
    }

    /// Records the URL the request was sent to.
    pub(crate) fn with_url(mut self, url: reqwest::Url) -> Self {
        self.url = Some(url);
        self
    }

    /// The URL the request was sent to (base URL, path and query; before any redirect).
    pub fn url(&self) -> Option<&reqwest::Url> {
        self.url.as_ref()
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

    /// The body exactly as the server sent it.
    pub fn raw_body(&self) -> &[u8] {
        &self.raw
    }

    /// The body as untyped JSON (`null` for an empty body), whatever type it was decoded into.
    pub fn raw_json(&self) -> serde_json::Result<serde_json::Value> {
        if self.raw.iter().all(u8::is_ascii_whitespace) {
            Ok(serde_json::Value::Null)
        } else {
            serde_json::from_slice(&self.raw)
        }
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

/// The raw bytes are shown by length only: the decoded body already shows what is modelled.
impl<T: fmt::Debug> fmt::Debug for ApiResponse<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .field("raw_len", &self.raw.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_body_keeps_what_the_typed_body_drops() {
        #[derive(Debug)]
        struct Narrow;
        let raw = br#"{"name": "a", "unmodelled": [1, 2]}"#.to_vec();
        let response =
            ApiResponse::new(StatusCode::OK, HeaderMap::new(), Narrow, raw.clone().into());
        assert_eq!(response.raw_body(), raw.as_slice());
        let json = response.raw_json().expect("valid JSON");
        assert_eq!(json["unmodelled"], serde_json::json!([1, 2]));
        let debug = format!("{response:?}");
        assert!(
            debug.contains(&format!("raw_len: {}", raw.len())),
            "{debug}"
        );
        assert!(!debug.contains("unmodelled"), "{debug}");
        let empty = ApiResponse::new(
            StatusCode::NO_CONTENT,
            HeaderMap::new(),
            (),
            Default::default(),
        );
        assert_eq!(empty.raw_json().expect("null"), serde_json::Value::Null);
    }
}
