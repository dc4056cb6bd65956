//! Streams over paginated listings. Quay pages in two ways: an opaque `next_page` token in
//! the body that is passed back as a query parameter, and `page` numbers with
//! `has_additional` in the body. Both streams yield each page's body and end after the last
//! page or after the first error.

use std::collections::HashSet;
use std::future::Future;

use futures_core::Stream;
use futures_util::stream;
use serde_json::Value;

use super::error::{Error, Result};
use super::request::ApiResponse;

/// Where a listing stands between two pages.
enum Progress<Cursor> {
    Fetch(Cursor),
    Fail(Error),
    Done,
}

/// Token style: the first fetch gets `None`, each further one the `next_page` string of the
/// previous body. Ends when `next_page` is absent, null or empty. A token the server already
/// sent once ends the stream with [`Error::Pagination`] instead of looping forever.
pub fn by_next_page<F, Fut>(fetch: F) -> impl Stream<Item = Result<Value>> + Send
where
    F: FnMut(Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<ApiResponse<Value>>> + Send + 'static,
{
    let start = (fetch, Progress::Fetch(None), HashSet::<String>::new());
    stream::unfold(start, |(mut fetch, progress, mut seen)| async move {
        let token = match progress {
            Progress::Fetch(token) => token,
            Progress::Fail(err) => return Some((Err(err), (fetch, Progress::Done, seen))),
            Progress::Done => return None,
        };
        let page = match fetch(token).await {
            Ok(response) => response.into_body(),
            Err(err) => return Some((Err(err), (fetch, Progress::Done, seen))),
        };
        let next = match next_page_token(&page) {
            None => Progress::Done,
            Some(token) if seen.contains(&token) => Progress::Fail(Error::Pagination {
                reason: "the server sent the same next_page token again".into(),
            }),
            Some(token) => {
                seen.insert(token.clone());
                Progress::Fetch(Some(token))
            }
        };
        Some((Ok(page), (fetch, next, seen)))
    })
}

/// Page style: pages are numbered from 1; ends after a body whose `has_additional` is not `true`.
pub fn by_page<F, Fut>(fetch: F) -> impl Stream<Item = Result<Value>> + Send
where
    F: FnMut(u64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<ApiResponse<Value>>> + Send + 'static,
{
    stream::unfold(
        (fetch, Progress::Fetch(1u64)),
        |(mut fetch, progress)| async move {
            let Progress::Fetch(page_number) = progress else {
                return None;
            };
            let page = match fetch(page_number).await {
                Ok(response) => response.into_body(),
                Err(err) => return Some((Err(err), (fetch, Progress::Done))),
            };
            let next = match page_number.checked_add(1) {
                Some(next) if page.get("has_additional") == Some(&Value::Bool(true)) => {
                    Progress::Fetch(next)
                }
                _ => Progress::Done,
            };
            Some((Ok(page), (fetch, next)))
        },
    )
}

fn next_page_token(page: &Value) -> Option<String> {
    page.get("next_page")
        .and_then(Value::as_str)
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
}
