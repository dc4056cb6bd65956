//! The client: sends a [`Request`] with retries, redirects, timeouts and limits, and maps the
//! answer to an [`ApiResponse`] or an [`Error`].

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, LOCATION, USER_AGENT};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use tokio::time::Instant;

use super::body::{api_error, decode, read_limited, transport};
use super::builder::ClientBuilder;
use super::error::{Error, ErrorBody, Result};
use super::pagination::{decode_items_page, ItemsPage};
use super::request::{ApiResponse, Request};
use super::retry::RetryPolicy;
use super::server::{self, since_of, ServerOperations, DISCOVERY};
use super::timers::Timers;
use super::token::BearerToken;

/// A Quay API client. Cheap to clone; clones share one connection pool and configuration.
///
/// Calls run on Tokio and need its time driver (on by default with `#[tokio::main]`).
#[derive(Clone)]
pub struct Client {
    settings: Arc<Settings>,
}

/// Everything a [`ClientBuilder`] decided.
pub(crate) struct Settings {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: Url,
    pub(crate) token: Option<BearerToken>,
    pub(crate) user_agent: HeaderValue,
    pub(crate) timeout: Duration,
    pub(crate) retry_policy: RetryPolicy,
    pub(crate) max_response_bytes: usize,
    pub(crate) max_redirects: usize,
    /// Whether every call first checks the server's discovery document.
    pub(crate) check_operations: bool,
    /// The timers of finished attempts, kept registered for the next ones.
    pub(crate) timers: Timers,
    /// The server's operations, read once (`Client::server_operations`).
    pub(crate) server_operations: std::sync::Mutex<Option<Arc<ServerOperations>>>,
    /// The runtime `send_blocking` drives calls on (a client made by `build_blocking`).
    #[cfg(feature = "blocking")]
    pub(crate) runtime: Option<Arc<tokio::runtime::Runtime>>,
}

/// A response whose body has been read completely.
struct RawResponse {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    bytes: bytes::Bytes,
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub(crate) fn from_settings(settings: Settings) -> Self {
        Self {
            settings: Arc::new(settings),
        }
    }

    /// Runs `future` to completion on the client's own runtime. Used by generated code
    /// (`send_blocking`); an error when the client has no runtime of its own or the caller is
    /// already inside an async runtime (blocking there would stall it).
    #[cfg(feature = "blocking")]
    #[doc(hidden)]
    pub fn block_on<F: std::future::Future>(
        &self,
        operation: &'static str,
        future: F,
    ) -> Result<F::Output> {
        let Some(runtime) = &self.settings.runtime else {
            return Err(Error::Blocking {
                operation,
                reason:
                    "the client was not built with `build_blocking` (quay_client::blocking::Client)",
            });
        };
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::Blocking {
                operation,
                reason: "called inside an async runtime; use `.send().await` there",
            });
        }
        Ok(runtime.block_on(future))
    }

    /// Which operations of this crate the server serves, from its discovery document, read on
    /// the first call and kept for the client's life (clones share it).
    pub async fn server_operations(&self) -> Result<Arc<ServerOperations>> {
        if let Some(known) = self.cached_server_operations() {
            return Ok(known);
        }
        // With `internal=true` the document also lists the internal (superuser) operations;
        // a server that refuses it for this token still answers the public list.
        let discovery = |internal: bool| {
            let mut request = Request::new(DISCOVERY, Method::GET, "/api/v1/discovery".to_owned());
            if internal {
                request.query.push(("internal", "true".to_owned()));
            }
            Box::pin(self.execute::<serde_json::Value>(request))
        };
        let document = match discovery(true).await {
            Ok(document) => document,
            Err(Error::Api { status, .. }) if status.is_client_error() => discovery(false).await?,
            Err(error) => return Err(error),
        };
        let known = Arc::new(ServerOperations::from_discovery(document.body()));
        *self
            .settings
            .server_operations
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(known.clone());
        Ok(known)
    }

    fn cached_server_operations(&self) -> Option<Arc<ServerOperations>> {
        self.settings
            .server_operations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Sends one API call and decodes a 2xx body as `T`. Used by generated code.
    #[doc(hidden)]
    pub async fn execute<T: DeserializeOwned>(&self, request: Request) -> Result<ApiResponse<T>> {
        let operation = request.operation;
        let (raw, url) = self.answer(request).await?;
        let body = decode(
            operation,
            raw.status,
            &raw.bytes,
            self.settings.token.as_ref(),
        )?;
        Ok(ApiResponse::new(raw.status, raw.headers, body, raw.bytes).with_url(url))
    }

    /// Sends one page request of a listing and decodes, in one pass over the body, the
    /// elements of its `field` array as `T` and what says whether another page follows. Used
    /// by generated `.items()`.
    #[doc(hidden)]
    pub async fn execute_page<T: DeserializeOwned>(
        &self,
        request: Request,
        field: &'static str,
    ) -> Result<ItemsPage<T>> {
        let operation = request.operation;
        let (raw, _) = self.answer(request).await?;
        let token = self.settings.token.as_ref();
        decode_items_page(operation, raw.status, &raw.bytes, field, token)
    }

    /// Sends one API call (checking first, when asked to, that the server lists the
    /// operation); a non-2xx answer is the error it stands for.
    async fn answer(&self, request: Request) -> Result<(RawResponse, Url)> {
        if self.settings.check_operations && request.operation != DISCOVERY {
            let served = self.server_operations().await?;
            if !served.serves(request.operation) {
                return Err(Error::Unsupported {
                    operation: request.operation,
                    since: since_of(request.operation),
                    reason: "the server's discovery document does not list it".into(),
                });
            }
        }
        let url = self.url_for(&request);
        let body = request
            .body
            .as_ref()
            .map(|body| serde_json::to_vec(body).map(Bytes::from))
            .transpose()
            .map_err(|err| Error::InvalidArgument {
                operation: request.operation,
                argument: "body",
                reason: format!("cannot be serialised as JSON: {err}"),
            })?;
        let raw = self.send_with_retries(&request, &url, body).await?;
        let token = self.settings.token.as_ref();
        if !raw.status.is_success() {
            let error = api_error(request.operation, raw.status, &raw.bytes, token);
            return Err(self.unsupported_or(error).await);
        }
        Ok((raw, url))
    }

    /// An HTML 404 or 405 is not the API's own answer: when the page shows an older Quay than
    /// the one that added the operation, or the server's discovery document does not list it,
    /// the error says the server does not have it. Any other error (or a discovery that cannot
    /// be read) stays as it is.
    async fn unsupported_or(&self, error: Error) -> Error {
        let Error::Api {
            operation,
            status,
            body: ErrorBody::Html { page, .. },
        } = &error
        else {
            return error;
        };
        let (operation, status) = (*operation, *status);
        if operation == DISCOVERY
            || !matches!(
                status,
                StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
            )
        {
            return error;
        }
        let since = since_of(operation);
        if let (Some(since), Some(shown)) = (since, server::quay_version_of_page(page)) {
            if server::is_older(&shown, since) {
                return Error::Unsupported {
                    operation,
                    since: Some(since),
                    reason: format!("it answered {status} with the HTML page of Quay {shown}"),
                };
            }
        }
        match Box::pin(self.server_operations()).await {
            Ok(served) if !served.serves(operation) => Error::Unsupported {
                operation,
                since,
                reason: format!(
                    "it answered {status} with an HTML page, and its discovery document does not list it"
                ),
            },
            _ => error,
        }
    }

    /// Base URL (with its path prefix) + the already-encoded path + the query.
    fn url_for(&self, request: &Request) -> Url {
        let mut url = self.settings.base_url.clone();
        let prefix = url.path().trim_end_matches('/');
        let mut path = String::with_capacity(prefix.len() + 1 + request.path.len());
        path.push_str(prefix);
        if !request.path.starts_with('/') {
            path.push('/');
        }
        path.push_str(&request.path);
        url.set_path(&path);
        if !request.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &request.query {
                pairs.append_pair(name, value);
            }
        }
        url
    }

    /// Attempts the call until it succeeds, fails for good or the retry policy says stop. Each
    /// attempt (redirects and body included) has the full timeout: one timer covers it all, a
    /// kept one where it can ([`Timers`]).
    async fn send_with_retries(
        &self,
        request: &Request,
        url: &Url,
        body: Option<Bytes>,
    ) -> Result<RawResponse> {
        let operation = request.operation;
        let mut attempt = 1;
        loop {
            let mut deadline = self
                .settings
                .timers
                .start(Instant::now() + self.settings.timeout);
            let outcome = deadline
                .run(self.attempt(request, url, body.clone(), attempt))
                .await
                .ok_or(Error::Timeout { operation })??;
            match outcome {
                Attempt::Answered(raw) => return Ok(raw),
                Attempt::RetryAfter(delay) => {
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
            }
        }
    }

    /// One attempt: the request, its redirects and the whole body; or, when the retry policy
    /// allows another attempt after what happened, how long to wait first.
    async fn attempt(
        &self,
        request: &Request,
        url: &Url,
        body: Option<Bytes>,
        attempt: u32,
    ) -> Result<Attempt> {
        let policy = &self.settings.retry_policy;
        let retryable = policy.may_retry(&request.method, attempt);
        let mut response = match self.follow_redirects(request, url, body).await {
            Ok(response) => response,
            Err(Error::Transport { source, .. }) if retryable && source.is_connect() => {
                return Ok(Attempt::RetryAfter(policy.backoff(attempt)));
            }
            Err(err) => return Err(err),
        };
        if retryable && RetryPolicy::is_retryable_status(response.status()) {
            let delay = policy.delay_after_response(response.headers(), attempt, SystemTime::now());
            if let Some(delay) = delay {
                // Dropping the unread body closes that connection instead of reading junk.
                return Ok(Attempt::RetryAfter(delay));
            }
        }
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let limit = self.settings.max_response_bytes;
        let bytes = read_limited(request.operation, response, limit).await?;
        Ok(Attempt::Answered(RawResponse {
            status,
            headers,
            bytes,
        }))
    }

    /// Sends the request and follows redirects itself, so that the token goes only to the base
    /// URL's origin and a redirect loop ends at `max_redirects`.
    async fn follow_redirects(
        &self,
        request: &Request,
        url: &Url,
        body: Option<Bytes>,
    ) -> Result<reqwest::Response> {
        let operation = request.operation;
        let mut target = url.clone();
        let mut method = request.method.clone();
        let mut body = body;
        let mut redirects = 0;
        loop {
            let response = self
                .send_once(method.clone(), target, body.clone())
                .await
                .map_err(|source| transport(operation, source))?;
            let status = response.status();
            let Some(location) = response
                .headers()
                .get(LOCATION)
                .filter(|_| status.is_redirection())
            else {
                return Ok(response);
            };
            if redirects == self.settings.max_redirects {
                return Err(Error::TooManyRedirects {
                    operation,
                    limit: self.settings.max_redirects,
                });
            }
            redirects += 1;
            // Without reqwest's own redirects, the response's URL is the one just requested.
            target = redirect_target(operation, response.url(), location)?;
            if changes_to_get(status, &method) {
                method = Method::GET;
                body = None;
            }
        }
    }

    async fn send_once(
        &self,
        method: Method,
        url: Url,
        body: Option<Bytes>,
    ) -> reqwest::Result<reqwest::Response> {
        let settings = &self.settings;
        let same_origin = same_origin(&url, &settings.base_url);
        let mut builder = settings
            .http
            .request(method, url)
            .header(USER_AGENT, settings.user_agent.clone())
            .header(ACCEPT, "application/json");
        if let Some(token) = &settings.token {
            if same_origin {
                builder = builder.header(AUTHORIZATION, token.header().clone());
            }
        }
        if let Some(body) = body {
            builder = builder.header(CONTENT_TYPE, "application/json").body(body);
        }
        builder.send().await
    }
}

/// How one attempt ended.
enum Attempt {
    Answered(RawResponse),
    /// The retry policy allows another attempt after this pause.
    RetryAfter(Duration),
}

/// Whether `a` and `b` have the same web origin (scheme, host and port, default ports filled
/// in), as `Url::origin` says, without building the two origins. Only http(s) URLs have a
/// comparable origin; the client never sends to any other.
fn same_origin(a: &Url, b: &Url) -> bool {
    matches!(a.scheme(), "http" | "https")
        && a.scheme() == b.scheme()
        && a.host() == b.host()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// The token is never shown.
impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.settings;
        f.debug_struct("Client")
            .field("base_url", &settings.base_url.as_str())
            .field("bearer_token", &settings.token)
            .field("timeout", &settings.timeout)
            .field("retry_policy", &settings.retry_policy)
            .field("max_response_bytes", &settings.max_response_bytes)
            .field("max_redirects", &settings.max_redirects)
            .finish_non_exhaustive()
    }
}

fn redirect_target(operation: &'static str, current: &Url, location: &HeaderValue) -> Result<Url> {
    let invalid = |reason: String| Error::InvalidRedirect { operation, reason };
    let location = location
        .to_str()
        .map_err(|_| invalid("the Location header is not text".into()))?;
    let target = current
        .join(location)
        .map_err(|err| invalid(format!("Location {location:?} is not a URL: {err}")))?;
    if !matches!(target.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "Location {location:?} is not an http(s) URL"
        )));
    }
    Ok(target)
}

/// 303 always, and 301/302 after a POST, turn into a GET without body (what browsers and
/// servers expect); 307 and 308 repeat the request as it was.
fn changes_to_get(status: StatusCode, method: &Method) -> bool {
    let to_get = status == StatusCode::SEE_OTHER
        || (matches!(status.as_u16(), 301 | 302) && *method == Method::POST);
    to_get && *method != Method::HEAD
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(base: &str) -> Client {
        Client::builder().base_url(base).build().expect("client")
    }

    #[test]
    fn urls_keep_the_base_prefix_and_encode_the_query() {
        let mut request = Request::new("op", Method::GET, "/api/v1/x%2Fy".into());
        request.query.push(("next_page", "a b&c=d".into()));
        let url = client("https://quay.example.com/prefix/").url_for(&request);
        assert_eq!(
            url.as_str(),
            "https://quay.example.com/prefix/api/v1/x%2Fy?next_page=a+b%26c%3Dd"
        );
        let plain = Request::new("op", Method::GET, "/api/v1/discovery".into());
        assert_eq!(
            client("https://quay.example.com").url_for(&plain).as_str(),
            "https://quay.example.com/api/v1/discovery"
        );
    }

    #[test]
    fn same_origin_agrees_with_the_url_crate() {
        let urls = [
            "https://quay.example.com/api",
            "https://quay.example.com:443/other",
            "https://QUAY.example.com/",
            "https://quay.example.com:8443/",
            "http://quay.example.com/",
            "http://quay.example.com:80/",
            "https://other.example.com/",
            "http://127.0.0.1:8080/",
            "http://127.0.0.1:8080/x",
            "http://[::1]:8080/",
            "http://[0:0:0:0:0:0:0:1]:8080/",
            "file:///etc/passwd",
            "data:text/plain,hi",
        ];
        for a in urls {
            for b in urls {
                let (a, b) = (Url::parse(a).expect("a"), Url::parse(b).expect("b"));
                assert_eq!(
                    same_origin(&a, &b),
                    a.origin() == b.origin() && a.origin().is_tuple(),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn redirect_method_rules() {
        assert!(changes_to_get(StatusCode::SEE_OTHER, &Method::PUT));
        assert!(changes_to_get(StatusCode::FOUND, &Method::POST));
        assert!(!changes_to_get(StatusCode::FOUND, &Method::PUT));
        assert!(!changes_to_get(
            StatusCode::TEMPORARY_REDIRECT,
            &Method::POST
        ));
        assert!(!changes_to_get(StatusCode::SEE_OTHER, &Method::HEAD));
    }

    #[test]
    fn redirect_targets_are_resolved_and_checked() {
        let current = Url::parse("https://a.example/x/y").expect("url");
        let target =
            redirect_target("op", &current, &HeaderValue::from_static("../z")).expect("relative");
        assert_eq!(target.as_str(), "https://a.example/z");
        let err = redirect_target("op", &current, &HeaderValue::from_static("file:///etc"))
            .expect_err("not http");
        assert!(matches!(err, Error::InvalidRedirect { .. }));
    }
}
