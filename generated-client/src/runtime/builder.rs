//! Configuration of a [`Client`], checked once in [`ClientBuilder::build`].

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::header::HeaderValue;
use reqwest::{Certificate, Url};

use super::client::{Client, Settings};
use super::error::{Error, Result};
use super::retry::RetryPolicy;
use super::token::BearerToken;

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS: usize = 10;

/// Builds a [`Client`]: `Client::builder().base_url(url).bearer_token(token).build()?`.
#[derive(Clone, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    token: Option<String>,
    timeout: Option<Duration>,
    user_agent: Option<String>,
    retry_policy: RetryPolicy,
    reqwest_client: Option<reqwest::Client>,
    root_certificates: Vec<Vec<u8>>,
    accept_invalid_certs: bool,
    allow_insecure_http: bool,
    max_response_bytes: Option<usize>,
    max_redirects: Option<usize>,
    check_operations: bool,
}

impl ClientBuilder {
    /// Before the first call, read the server's discovery document (once per client) and make
    /// a call to an operation it does not list fail with `Error::Unsupported` before anything is
    /// sent (default off: then only an HTML 404 or 405 answer is checked against it).
    pub fn check_operations(mut self, check: bool) -> Self {
        self.check_operations = check;
        self
    }

    /// The Quay server, e.g. `https://quay.example.com` (a path prefix is kept). Required.
    pub fn base_url(mut self, url: impl AsRef<str>) -> Self {
        self.base_url = Some(url.as_ref().to_owned());
        self
    }

    /// The OAuth or robot token sent as `Authorization: Bearer …` to the base URL's origin only.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Time allowed for each attempt, from sending the request to the end of the body
    /// (default 30 s). A server that sends headers and then stalls hits it too.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The `User-Agent` header (default `quay-client/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Which calls are retried and how (see [`RetryPolicy`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// Use an existing reqwest client (and its connection pool, proxy and TLS settings).
    /// Build it with `redirect(reqwest::redirect::Policy::none())` so this client's own redirect
    /// handling (limit, token only to the base origin) applies. reqwest is compiled here without
    /// a bundled TLS crypto provider: call [`install_crypto_provider`](super::install_crypto_provider)
    /// before building that reqwest client (unless your application installs its own).
    pub fn reqwest_client(mut self, client: reqwest::Client) -> Self {
        self.reqwest_client = Some(client);
        self
    }

    /// Also trust this PEM root certificate (or bundle), e.g. a self-hosted Quay's own CA.
    pub fn add_root_certificate(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.root_certificates.push(pem.as_ref().to_vec());
        self
    }

    /// Accept any TLS certificate, valid or not. Only for testing: it allows interception.
    pub fn danger_accept_invalid_certs(mut self, accept: bool) -> Self {
        self.accept_invalid_certs = accept;
        self
    }

    /// Allow sending the bearer token over plain `http://` to a host that is not loopback.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// The largest response body accepted, in bytes (default 32 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// The most redirects followed for one attempt (default 10).
    pub fn max_redirects(mut self, limit: usize) -> Self {
        self.max_redirects = Some(limit);
        self
    }

    /// Checks the configuration and creates the client (and its connection pool).
    pub fn build(self) -> Result<Client> {
        self.settings().map(Client::from_settings)
    }

    /// Like [`build`](Self::build), for calls without async: a
    /// [`blocking::Client`](crate::blocking::Client) with a runtime of its own, on which every
    /// request builder's `send_blocking()` waits for its answer. Same rules as the async client
    /// (retries, redirects, token, size caps, timeouts): it is the async client, driven for you.
    #[cfg(feature = "blocking")]
    pub fn build_blocking(self) -> Result<crate::blocking::Client> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|err| config(&format!("cannot start the blocking runtime: {err}")))?;
        let mut settings = self.settings()?;
        settings.runtime = Some(std::sync::Arc::new(runtime));
        Ok(crate::blocking::Client::new(Client::from_settings(
            settings,
        )))
    }

    fn settings(self) -> Result<Settings> {
        let base_url = parse_base_url(self.base_url.as_deref())?;
        let token = self.token.map(BearerToken::new).transpose()?;
        if token.is_some() && base_url.scheme() == "http" && !self.allow_insecure_http {
            if let Some(host) = base_url.host_str().filter(|host| !is_loopback(host)) {
                return Err(Error::InsecureTransport {
                    host: host.to_owned(),
                });
            }
        }
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        if timeout.is_zero() {
            return Err(config("the timeout must be longer than zero"));
        }
        let user_agent = self
            .user_agent
            .unwrap_or_else(|| concat!("quay-client/", env!("CARGO_PKG_VERSION")).to_owned());
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|_| config("the user agent is not a valid HTTP header value"))?;
        let http = match self.reqwest_client {
            Some(client) if self.root_certificates.is_empty() && !self.accept_invalid_certs => {
                client
            }
            Some(_) => {
                return Err(config(
                    "add_root_certificate and danger_accept_invalid_certs configure the reqwest \
                     client this builder creates; set them on the reqwest::Client you pass instead",
                ))
            }
            None => build_http_client(&self.root_certificates, self.accept_invalid_certs, timeout)?,
        };
        Ok(Settings {
            http,
            base_url,
            token,
            user_agent,
            timeout,
            retry_policy: self.retry_policy,
            max_response_bytes: self
                .max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
            max_redirects: self.max_redirects.unwrap_or(DEFAULT_MAX_REDIRECTS),
            check_operations: self.check_operations,
            timers: Default::default(),
            server_operations: std::sync::Mutex::new(None),
            #[cfg(feature = "blocking")]
            runtime: None,
        })
    }
}

/// The token is never shown.
impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field(
                "bearer_token",
                &self.token.as_ref().map(|_| super::token::REDACTED),
            )
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("retry_policy", &self.retry_policy)
            .field("reqwest_client", &self.reqwest_client.is_some())
            .field("root_certificates", &self.root_certificates.len())
            .field("accept_invalid_certs", &self.accept_invalid_certs)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_redirects", &self.max_redirects)
            .finish()
    }
}

fn config(reason: &str) -> Error {
    Error::Config {
        reason: reason.to_owned(),
    }
}

fn parse_base_url(base_url: Option<&str>) -> Result<Url> {
    let text = base_url.ok_or_else(|| config("base_url is required"))?;
    let url = Url::parse(text).map_err(|err| Error::Config {
        reason: format!("base_url {text:?} is not a valid URL: {err}"),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(Error::Config {
            reason: format!("base_url {text:?} must be an http:// or https:// URL with a host"),
        });
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(config(
            "base_url must not contain credentials; use bearer_token instead",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config {
            reason: format!("base_url {text:?} must not have a query or fragment"),
        });
    }
    Ok(url)
}

/// `localhost`, 127.0.0.0/8 and ::1: traffic that never leaves the machine.
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn build_http_client(
    root_certificates: &[Vec<u8>],
    accept_invalid_certs: bool,
    timeout: Duration,
) -> Result<reqwest::Client> {
    install_crypto_provider();
    let mut builder = reqwest::Client::builder()
        // Redirects are followed by `Client` itself, which decides per hop where the token goes.
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(timeout.min(DEFAULT_CONNECT_TIMEOUT))
        .danger_accept_invalid_certs(accept_invalid_certs);
    for (index, pem) in root_certificates.iter().enumerate() {
        let certificates = Certificate::from_pem_bundle(pem).map_err(|err| Error::Config {
            reason: format!("root certificate #{} is not valid PEM: {err}", index + 1),
        })?;
        if certificates.is_empty() {
            return Err(Error::Config {
                reason: format!("root certificate #{} contains no certificate", index + 1),
            });
        }
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder.build().map_err(|err| Error::Config {
        reason: format!("cannot create the HTTP client: {err}"),
    })
}

/// Installs rustls' `ring` crypto provider as the process default, unless one is installed.
///
/// reqwest is built without a bundled provider (ring builds much faster than the default
/// aws-lc), so rustls needs a process-wide one. [`ClientBuilder::build`] calls this itself; call
/// it only before building a `reqwest::Client` of your own. An application that installed its
/// own provider keeps it.
pub fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race with another thread is fine: a provider is installed either way.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for host in ["localhost", "LOCALHOST", "127.0.0.1", "127.8.9.1", "[::1]"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "quay.example.com",
            "10.0.0.1",
            "[::2]",
            "localhost.example.com",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn base_url_is_checked() {
        for bad in [
            None,
            Some("quay.example.com"),
            Some("ftp://quay.example.com"),
            Some("https://user:pw@quay.example.com"),
            Some("https://quay.example.com/?x=1"),
        ] {
            assert!(
                matches!(parse_base_url(bad), Err(Error::Config { .. })),
                "{bad:?}"
            );
        }
        assert!(parse_base_url(Some("https://quay.example.com/prefix/")).is_ok());
    }
}
