//! When to retry a call and how long to wait before the next attempt.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// Which calls are retried, how often, and how long the client waits in between.
///
/// By default GET, HEAD, PUT and DELETE are retried (3 attempts in all) on 429, 502, 503 and 504
/// answers and on connection errors; POST only after [`RetryPolicy::retry_post`]. The wait is
/// the server's `Retry-After` (seconds or HTTP date) when it sends one, otherwise exponential
/// backoff with jitter. A `Retry-After` longer than [`RetryPolicy::max_retry_after`] is not
/// waited for: the call fails at once with the server's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
    retry_post: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            retry_post: false,
        }
    }
}

impl RetryPolicy {
    /// No retries: every call is attempted once.
    pub fn none() -> Self {
        Self::default().max_attempts(1)
    }

    /// Attempts in all, including the first (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the first retry; it doubles for each further retry.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest backoff between two attempts.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The longest `Retry-After` the client waits for; longer ones end the call with the error.
    pub fn max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// Also retry POST (only safe if the operation is idempotent on the server).
    pub fn retry_post(mut self, enabled: bool) -> Self {
        self.retry_post = enabled;
        self
    }

    /// Whether a failed attempt number `attempt` (1-based) of `method` may be followed by another.
    pub(crate) fn may_retry(&self, method: &Method, attempt: u32) -> bool {
        attempt < self.max_attempts && self.allows_method(method)
    }

    fn allows_method(&self, method: &Method) -> bool {
        matches!(
            *method,
            Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE
        ) || (self.retry_post && *method == Method::POST)
    }

    pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
        matches!(status.as_u16(), 429 | 502 | 503 | 504)
    }

    /// The wait before retrying after a retryable answer, or `None` when the server asks for
    /// longer than `max_retry_after`.
    pub(crate) fn delay_after_response(
        &self,
        headers: &HeaderMap,
        attempt: u32,
        now: SystemTime,
    ) -> Option<Duration> {
        let requested = headers
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, now));
        match requested {
            Some(delay) if delay > self.max_retry_after => None,
            Some(delay) => Some(delay),
            None => Some(self.backoff(attempt)),
        }
    }

    /// Exponential backoff with "equal jitter": half the step is fixed, half is random, so
    /// clients that failed together do not retry together.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(30);
        let step = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        let half = step / 2;
        let jitter_nanos = fastrand::u64(0..=u64::try_from(half.as_nanos()).unwrap_or(u64::MAX));
        half + Duration::from_nanos(jitter_nanos)
    }
}

/// `Retry-After` as delta-seconds or an HTTP date; a date in the past means "now".
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").expect("date");
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }

    #[test]
    fn too_long_retry_after_gives_up_and_garbage_falls_back_to_backoff() {
        let policy = RetryPolicy::default()
            .max_retry_after(Duration::from_secs(5))
            .base_delay(Duration::from_millis(10));
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("6"));
        assert_eq!(
            policy.delay_after_response(&headers, 1, SystemTime::now()),
            None
        );
        headers.insert(RETRY_AFTER, HeaderValue::from_static("5"));
        assert_eq!(
            policy.delay_after_response(&headers, 1, SystemTime::now()),
            Some(Duration::from_secs(5))
        );
        headers.insert(RETRY_AFTER, HeaderValue::from_static("later"));
        let delay = policy
            .delay_after_response(&headers, 1, SystemTime::now())
            .expect("backoff");
        assert!(delay <= Duration::from_millis(10), "{delay:?}");
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(350));
        for _ in 0..50 {
            let first = policy.backoff(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let third = policy.backoff(3);
            assert!(third >= Duration::from_millis(175) && third <= Duration::from_millis(350));
            assert!(policy.backoff(40) <= Duration::from_millis(350));
        }
    }

    #[test]
    fn methods_and_attempt_bounds() {
        let policy = RetryPolicy::default();
        assert!(policy.may_retry(&Method::GET, 1));
        assert!(policy.may_retry(&Method::PUT, 2));
        assert!(!policy.may_retry(&Method::DELETE, 3));
        assert!(!policy.may_retry(&Method::POST, 1));
        assert!(!policy.may_retry(&Method::PATCH, 1));
        assert!(policy.clone().retry_post(true).may_retry(&Method::POST, 1));
        assert!(!RetryPolicy::none().may_retry(&Method::GET, 1));
        assert!(RetryPolicy::is_retryable_status(
            StatusCode::TOO_MANY_REQUESTS
        ));
        assert!(!RetryPolicy::is_retryable_status(
            StatusCode::INTERNAL_SERVER_ERROR
        ));
    }
}
