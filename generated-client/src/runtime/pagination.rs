//! Streams over paginated listings. Quay pages in two ways: an opaque `next_page` token in
//! the body that is passed back as a query parameter, and `page` numbers with
//! `has_additional` (or, in newer endpoints such as the organization mirror listing, `has_next`)
//! in the body. Both streams yield each page's body and end after the last
//! page or after the first error.

use std::collections::{HashSet, VecDeque};
use std::future::Future;

use futures_core::Stream;
use futures_util::{stream, StreamExt};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
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

/// Page style: pages are numbered from 1; ends after a body that says neither
/// `"has_additional": true` nor `"has_next": true`.
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
                Some(next) if announces_more(&page) => Progress::Fetch(next),
                _ => Progress::Done,
            };
            Some((Ok(page), (fetch, next)))
        },
    )
}

/// Whether a page-style body says another page follows. Quay's older listings use
/// `has_additional`; the organization mirror listing documents `has_next`.
fn announces_more(page: &Value) -> bool {
    ["has_additional", "has_next"]
        .iter()
        .any(|key| page.get(key) == Some(&Value::Bool(true)))
}

/// The elements of each page's `field` array (e.g. `"tags"`), one by one, from a stream of
/// pages such as [`by_next_page`] or [`by_page`] return. A page without that array is an
/// [`Error::Pagination`]; the stream ends after the first error.
pub fn items<S>(pages: S, field: &'static str) -> impl Stream<Item = Result<Value>> + Send
where
    S: Stream<Item = Result<Value>> + Send,
{
    let start = (Box::pin(pages), VecDeque::<Value>::new(), false);
    stream::unfold(start, move |(mut pages, mut buffered, failed)| async move {
        loop {
            if let Some(item) = buffered.pop_front() {
                return Some((Ok(item), (pages, buffered, failed)));
            }
            if failed {
                return None;
            }
            match pages.next().await? {
                Ok(mut page) => match page.get_mut(field).map(Value::take) {
                    Some(Value::Array(elements)) => buffered.extend(elements),
                    _ => {
                        let reason = format!("a page has no `{field}` array");
                        return Some((Err(Error::Pagination { reason }), (pages, buffered, true)));
                    }
                },
                Err(err) => return Some((Err(err), (pages, buffered, true))),
            }
        }
    })
}

/// [`items`], each element decoded as `T` (the item type the docs' examples show). An element
/// that does not decode is an [`Error::Decode`] of `operation` with the element's JSON as `raw`,
/// and ends the stream like any other error.
pub fn typed_items<T, S>(
    pages: S,
    field: &'static str,
    operation: &'static str,
) -> impl Stream<Item = Result<T>> + Send
where
    T: DeserializeOwned + Send,
    S: Stream<Item = Result<Value>> + Send,
{
    items(pages, field)
        .map(move |item| item.and_then(|value| decode_item(operation, value)))
        .scan(false, |stopped, item| {
            let next = (!*stopped).then(|| {
                *stopped = item.is_err();
                item
            });
            std::future::ready(next)
        })
}

fn decode_item<T: DeserializeOwned>(operation: &'static str, value: Value) -> Result<T> {
    T::deserialize(&value).map_err(|source| Error::Decode {
        operation,
        status: StatusCode::OK,
        raw: value.to_string(),
        source,
    })
}

fn next_page_token(page: &Value) -> Option<String> {
    page.get("next_page")
        .and_then(Value::as_str)
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
}
