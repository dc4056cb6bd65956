//! The one error type of the client, and the shapes an error body can take.

use std::borrow::Cow;

use reqwest::StatusCode;

use crate::models::ApiError;

/// Result of every fallible client call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How many characters of an error body `Display` shows; the whole body stays in the value.
const DISPLAY_BODY_CHARS: usize = 200;

/// Everything that can go wrong when calling the API. `Display` never contains the token.
///
/// Every variant that belongs to a call names its `operation` (the operation name of the API
/// reference, e.g. `listRepoTags`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a status outside 2xx.
    #[error("{operation}: the server answered {status}: {}", body.summary(DISPLAY_BODY_CHARS))]
    Api {
        /// The operation that was called.
        operation: &'static str,
        /// The status of the final answer (after retries and redirects).
        status: StatusCode,
        /// The body, in whichever shape the server used.
        body: ErrorBody,
    },
    /// The request could not be sent or the response could not be read.
    #[error("{operation}: transport error: {source}")]
    Transport {
        /// The operation that was called.
        operation: &'static str,
        /// What reqwest reported.
        #[source]
        source: reqwest::Error,
    },
    /// No complete response (headers and body) arrived within the configured timeout.
    #[error("{operation}: no complete response within the timeout")]
    Timeout {
        /// The operation that was called.
        operation: &'static str,
    },
    /// A 2xx body that is not the expected JSON.
    #[error("{operation}: could not decode the response body (status {status}): {source}")]
    Decode {
        /// The operation that was called.
        operation: &'static str,
        /// The (successful) status of the answer.
        status: StatusCode,
        /// The body as text (invalid UTF-8 replaced, the token redacted), for debugging.
        raw: String,
        /// Why it could not be decoded, with line and column.
        #[source]
        source: serde_json::Error,
    },
    /// An argument was rejected before anything was sent.
    #[error("{operation}: invalid argument `{argument}`: {reason}")]
    InvalidArgument {
        /// The operation that was called.
        operation: &'static str,
        /// The parameter name.
        argument: &'static str,
        /// What is wrong with the value.
        reason: String,
    },
    /// The response body is larger than `ClientBuilder::max_response_bytes`.
    #[error("{operation}: the response body exceeds the limit of {limit} bytes")]
    BodyTooLarge {
        /// The operation that was called.
        operation: &'static str,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// More redirects than `ClientBuilder::max_redirects` (for example a redirect loop).
    #[error("{operation}: stopped after {limit} redirects")]
    TooManyRedirects {
        /// The operation that was called.
        operation: &'static str,
        /// The configured limit.
        limit: usize,
    },
    /// A redirect whose `Location` cannot be followed.
    #[error("{operation}: cannot follow the redirect: {reason}")]
    InvalidRedirect {
        /// The operation that was called.
        operation: &'static str,
        /// What is wrong with the `Location` header.
        reason: String,
    },
    /// The bearer token would travel unencrypted to a host that is not loopback.
    #[error(
        "refusing to send the bearer token over plain http:// to {host}: use an https:// base URL, \
         or call ClientBuilder::allow_insecure_http(true) to accept that risk explicitly"
    )]
    InsecureTransport {
        /// The host of the base URL.
        host: String,
    },
    /// The client configuration is invalid (reported by `ClientBuilder::build`).
    #[error("invalid client configuration: {reason}")]
    Config {
        /// What is wrong and how to fix it.
        reason: String,
    },
    /// A paginated listing cannot go on (for example the server repeats a `next_page` token).
    #[error("pagination stopped: {reason}")]
    Pagination {
        /// Why the listing stopped.
        reason: String,
    },
    /// The server does not have this operation: an older Quay than the one that added it
    /// (`since`), or a feature that is off. With `ClientBuilder::check_operations(true)` this
    /// comes before anything is sent, when the server's discovery document does not list it;
    /// without it, from an HTML 404 or 405 answer (the web application's page, not the API's)
    /// when the page shows an older Quay than `since` or the discovery document lacks it.
    #[error("{}", unsupported_message(operation, *since, reason))]
    Unsupported {
        /// The operation that was called.
        operation: &'static str,
        /// The Quay version that added it ([`OperationInfo::since`](crate::OperationInfo::since)).
        since: Option<&'static str>,
        /// How it is known.
        reason: String,
    },
    /// A `send_blocking` call that cannot block: the client is not a
    /// `blocking::Client`, or the call was made inside an async runtime (use `.send().await`).
    #[error("{operation}: cannot wait for the answer: {reason}")]
    Blocking {
        /// The operation that was called.
        operation: &'static str,
        /// Why not.
        reason: &'static str,
    },
}

impl Error {
    /// The HTTP status of the response this error came from, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. } | Error::Decode { status, .. } => Some(*status),
            Error::Transport { source, .. } => source.status(),
            _ => None,
        }
    }

    /// The operation that failed, if the error belongs to one.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Api { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Timeout { operation }
            | Error::Decode { operation, .. }
            | Error::InvalidArgument { operation, .. }
            | Error::BodyTooLarge { operation, .. }
            | Error::TooManyRedirects { operation, .. }
            | Error::InvalidRedirect { operation, .. }
            | Error::Blocking { operation, .. }
            | Error::Unsupported { operation, .. } => Some(operation),
            Error::InsecureTransport { .. } | Error::Config { .. } | Error::Pagination { .. } => {
                None
            }
        }
    }
}

/// `this server does not have operation createFoo (added in Quay 3.18): reason`.
fn unsupported_message(operation: &str, since: Option<&str>, reason: &str) -> String {
    match since {
        Some(since) => {
            format!(
                "this server does not have operation {operation} (added in Quay {since}): {reason}"
            )
        }
        None => format!("this server does not have operation {operation}: {reason}"),
    }
}

/// The body of an error response, in whichever shape the server used.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorBody {
    /// The `ApiError` shape documented in the API reference (boxed to keep `Error` small).
    Documented(Box<ApiError>),
    /// The older `{"message": "..."}` shape.
    Message(String),
    /// An HTML page (a proxy's, or the web application's answer to a route the API does not
    /// have): shown by its title or first line of text, never as markup.
    Html {
        /// The page's `<title>`, or its first line of text.
        summary: String,
        /// The page as sent.
        page: String,
    },
    /// Anything else (plain text, other JSON), kept as text.
    Text(String),
    /// No body at all (or only whitespace).
    Empty,
}

/// Keys of the documented `ApiError` shape; one of them marks a body as documented.
const DOCUMENTED_KEYS: [&str; 6] = [
    "status",
    "type",
    "detail",
    "title",
    "error_message",
    "error_type",
];

impl ErrorBody {
    /// Classifies an error response body. Never fails: what is not recognised is kept as text.
    pub fn from_text(text: &str) -> Self {
        if text.trim().is_empty() {
            return ErrorBody::Empty;
        }
        if looks_like_html(text) {
            return ErrorBody::Html {
                summary: html_summary(text),
                page: text.to_owned(),
            };
        }
        let Ok(serde_json::Value::Object(object)) = serde_json::from_str(text) else {
            return ErrorBody::Text(text.to_owned());
        };
        if DOCUMENTED_KEYS.iter().any(|key| object.contains_key(*key)) {
            let value = serde_json::Value::Object(object.clone());
            if let Ok(documented) = serde_json::from_value::<ApiError>(value) {
                return ErrorBody::Documented(Box::new(documented));
            }
        }
        match object.get("message") {
            Some(serde_json::Value::String(message)) => ErrorBody::Message(message.clone()),
            _ => ErrorBody::Text(text.to_owned()),
        }
    }

    /// The most useful human-readable line of the body, cut to `max_chars` characters.
    pub fn summary(&self, max_chars: usize) -> Cow<'_, str> {
        let full: Cow<'_, str> = match self {
            ErrorBody::Documented(error) => Cow::Owned(documented_summary(error)),
            ErrorBody::Message(message) => Cow::Borrowed(message),
            ErrorBody::Html { summary, .. } => Cow::Owned(format!("(an HTML page) {summary}")),
            ErrorBody::Text(text) => Cow::Borrowed(text.trim()),
            ErrorBody::Empty => Cow::Borrowed("(empty body)"),
        };
        match full.char_indices().nth(max_chars) {
            Some((cut, _)) => Cow::Owned(format!("{}…", &full[..cut])),
            None => full,
        }
    }
}

/// Whether an error body is an HTML page rather than one of the API's answers.
fn looks_like_html(text: &str) -> bool {
    let start: String = text
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// The page's title, else its first line of text, with tags and entities taken out.
fn html_summary(page: &str) -> String {
    let lower = page.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|start| {
        let open_end = start + lower[start..].find('>')? + 1;
        let close = open_end + lower[open_end..].find("</title")?;
        Some(plain_text(&page[open_end..close]))
    });
    if let Some(title) = title.filter(|t| !t.is_empty()) {
        return title;
    }
    // Skip the head (scripts and styles are not text), then the first non-empty line.
    let body_start = lower.find("<body").unwrap_or(0);
    plain_text(&page[body_start..])
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("(no text)")
        .to_owned()
}

/// Text without tags (and without a few common entities), whitespace within lines collapsed.
fn plain_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

fn documented_summary(error: &ApiError) -> String {
    let message = error
        .detail
        .as_deref()
        .or(error.error_message.as_deref())
        .unwrap_or("(no detail)");
    match error.title.as_deref().or(error.error_type.as_deref()) {
        Some(title) => format!("{title}: {message}"),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_shape_is_recognised() {
        let body = ErrorBody::from_text(
            r#"{"status": 404, "title": "not_found", "detail": "Not Found", "type": "x"}"#,
        );
        let ErrorBody::Documented(error) = &body else {
            panic!("expected Documented, got {body:?}");
        };
        assert_eq!(error.status, Some(404));
        assert_eq!(body.summary(100), "not_found: Not Found");
    }

    #[test]
    fn html_pages_are_summarised_by_title_or_first_line_never_markup() {
        let page = "<!DOCTYPE html>\n<html><head><title>404 Not Found &amp; gone</title>\
                    <style>body{}</style></head><body><h1>Not Found</h1></body></html>";
        let body = ErrorBody::from_text(page);
        assert!(matches!(&body, ErrorBody::Html { page: p, .. } if p == page));
        assert_eq!(body.summary(200), "(an HTML page) 404 Not Found & gone");
        let untitled = "<html><head><script>var x = 1;</script></head>\
                        <body>\n  <p>Method <b>Not</b> Allowed</p>\n<p>more</p></body></html>";
        assert_eq!(
            ErrorBody::from_text(untitled).summary(200),
            "(an HTML page) Method Not Allowed"
        );
        assert!(!ErrorBody::from_text(untitled).summary(200).contains('<'));
    }

    #[test]
    fn documented_keys_with_wrong_types_fall_back_to_message() {
        let body = ErrorBody::from_text(r#"{"status": "bad", "message": "nope"}"#);
        assert_eq!(body, ErrorBody::Message("nope".into()));
    }

    #[test]
    fn message_shape_plain_text_and_empty() {
        assert_eq!(
            ErrorBody::from_text(r#"{"message": "Unauthorized"}"#),
            ErrorBody::Message("Unauthorized".into())
        );
        assert_eq!(
            ErrorBody::from_text("Bad gateway"),
            ErrorBody::Text("Bad gateway".into())
        );
        assert_eq!(
            ErrorBody::from_text(r#"["a"]"#),
            ErrorBody::Text(r#"["a"]"#.into())
        );
        assert_eq!(ErrorBody::from_text(" \n"), ErrorBody::Empty);
    }

    #[test]
    fn summary_is_cut_on_a_character_boundary() {
        let body = ErrorBody::Text("é".repeat(10));
        assert_eq!(body.summary(3), "ééé…");
        assert_eq!(body.summary(10), "é".repeat(10));
    }
}
