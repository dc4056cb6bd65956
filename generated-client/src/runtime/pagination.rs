//! Streams over paginated listings. Quay pages in two ways: an opaque `next_page` token in
//! the body that is passed back as a query parameter, and `page` numbers with
//! `has_additional` (or, in newer endpoints such as the organization mirror listing, `has_next`)
//! in the body. Both streams yield each page's body and end after the last
//! page or after the first error.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use futures_core::Stream;
use futures_util::{stream, StreamExt, TryFutureExt};
use reqwest::StatusCode;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use super::body::decode;
use super::error::{Error, Result};
use super::request::ApiResponse;
use super::token::BearerToken;

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
    let mut fetch = fetch;
    walk_by_next_page(move |token| fetch(token).map_ok(ApiResponse::into_body))
}

/// Page style: pages are numbered from 1; ends after a body that says neither
/// `"has_additional": true` nor `"has_next": true`.
pub fn by_page<F, Fut>(fetch: F) -> impl Stream<Item = Result<Value>> + Send
where
    F: FnMut(u64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<ApiResponse<Value>>> + Send + 'static,
{
    let mut fetch = fetch;
    walk_by_page(move |page| fetch(page).map_ok(ApiResponse::into_body))
}

/// `.items()` of a token-style listing: each page is fetched with [`Client::execute_page`]
/// (decoded once, straight into `T`) and its elements are yielded one by one; the walk is
/// [`by_next_page`]'s. An element that does not decode is an [`Error::Decode`] of the operation
/// with the element's JSON as `raw`, and ends the stream, as a page without the array does
/// ([`Error::Pagination`]).
///
/// [`Client::execute_page`]: super::Client::execute_page
pub fn items_by_next_page<T, F, Fut>(fetch: F) -> impl Stream<Item = Result<T>> + Send
where
    T: Send + 'static,
    F: FnMut(Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<ItemsPage<T>>> + Send + 'static,
{
    flatten_items(walk_by_next_page(fetch))
}

/// `.items()` of a numbered-page listing, as [`items_by_next_page`] with [`by_page`]'s walk.
pub fn items_by_page<T, F, Fut>(fetch: F) -> impl Stream<Item = Result<T>> + Send
where
    T: Send + 'static,
    F: FnMut(u64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<ItemsPage<T>>> + Send + 'static,
{
    flatten_items(walk_by_page(fetch))
}

/// What a page says about the next one.
trait PageCursor {
    /// The `next_page` token, unless absent, null or empty.
    fn next_page_token(&self) -> Option<String>;
    /// `"has_additional": true` or `"has_next": true`.
    fn announces_more(&self) -> bool;
}

impl PageCursor for Value {
    fn next_page_token(&self) -> Option<String> {
        self.get("next_page")
            .and_then(Value::as_str)
            .filter(|token| !token.is_empty())
            .map(str::to_owned)
    }

    fn announces_more(&self) -> bool {
        announces_more(self)
    }
}

fn walk_by_next_page<P, F, Fut>(fetch: F) -> impl Stream<Item = Result<P>> + Send
where
    P: PageCursor + Send + 'static,
    F: FnMut(Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<P>> + Send + 'static,
{
    let start = (fetch, Progress::Fetch(None), HashSet::<String>::new());
    stream::unfold(start, |(mut fetch, progress, mut seen)| async move {
        let token = match progress {
            Progress::Fetch(token) => token,
            Progress::Fail(err) => return Some((Err(err), (fetch, Progress::Done, seen))),
            Progress::Done => return None,
        };
        let page = match fetch(token).await {
            Ok(page) => page,
            Err(err) => return Some((Err(err), (fetch, Progress::Done, seen))),
        };
        let next = match page.next_page_token() {
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

fn walk_by_page<P, F, Fut>(fetch: F) -> impl Stream<Item = Result<P>> + Send
where
    P: PageCursor + Send + 'static,
    F: FnMut(u64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<P>> + Send + 'static,
{
    stream::unfold(
        (fetch, Progress::Fetch(1u64)),
        |(mut fetch, progress)| async move {
            let Progress::Fetch(page_number) = progress else {
                return None;
            };
            let page = match fetch(page_number).await {
                Ok(page) => page,
                Err(err) => return Some((Err(err), (fetch, Progress::Done))),
            };
            let next = match page_number.checked_add(1) {
                Some(next) if page.announces_more() => Progress::Fetch(next),
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
                Ok(mut page) => match take_array(&mut page, field) {
                    Ok(elements) => buffered.extend(elements),
                    Err(err) => return Some((Err(err), (pages, buffered, true))),
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

/// The page's `field` array, taken out of it; a page without one is an [`Error::Pagination`].
fn take_array(page: &mut Value, field: &str) -> Result<Vec<Value>> {
    match page.get_mut(field).map(Value::take) {
        Some(Value::Array(elements)) => Ok(elements),
        _ => Err(Error::Pagination {
            reason: format!("a page has no `{field}` array"),
        }),
    }
}

fn decode_item<T: DeserializeOwned>(operation: &'static str, value: Value) -> Result<T> {
    T::deserialize(&value).map_err(|source| Error::Decode {
        operation,
        status: StatusCode::OK,
        raw: value.to_string(),
        source,
    })
}

/// One page of a listing as `.items()` reads it: the elements of its item array, decoded,
/// and what it says about the next page. Made by [`Client::execute_page`].
///
/// [`Client::execute_page`]: super::Client::execute_page
#[doc(hidden)]
pub struct ItemsPage<T> {
    items: Vec<T>,
    /// What ends the stream after `items`: an element that does not decode, or a page without
    /// the array. A page with an error has no next page.
    error: Option<Error>,
    next_page: Option<String>,
    more: bool,
}

impl<T> PageCursor for ItemsPage<T> {
    fn next_page_token(&self) -> Option<String> {
        self.next_page.clone()
    }

    fn announces_more(&self) -> bool {
        self.more
    }
}

/// Decodes a 2xx page body for `.items()`. The common case takes one pass: the `field` array
/// straight into `Vec<T>`, the cursor keys read, everything else skipped. When that fails (an
/// element of another shape, no such array, not JSON) the body is read again as JSON to say
/// exactly what: the elements before the bad one are kept, and the error names it.
pub(crate) fn decode_items_page<T: DeserializeOwned>(
    operation: &'static str,
    status: StatusCode,
    bytes: &[u8],
    field: &'static str,
    token: Option<&BearerToken>,
) -> Result<ItemsPage<T>> {
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let fast = PageSeed::<T> {
        field,
        items: PhantomData,
    }
    .deserialize(&mut reader)
    .and_then(|page| reader.end().map(|()| page));
    if let Ok(page) = fast {
        if page.items.is_some() {
            return Ok(ItemsPage {
                items: page.items.unwrap_or_default(),
                error: None,
                next_page: page.next_page.filter(|token| !token.is_empty()),
                more: page.more,
            });
        }
    }
    let page: Value = decode(operation, status, bytes, token)?;
    Ok(items_of_value(operation, page, field))
}

/// The slow path of [`decode_items_page`]: the page as JSON, its elements decoded one by one.
fn items_of_value<T: DeserializeOwned>(
    operation: &'static str,
    mut page: Value,
    field: &'static str,
) -> ItemsPage<T> {
    let mut items = Vec::new();
    let error = match take_array(&mut page, field) {
        Ok(elements) => elements
            .into_iter()
            .map(|element| decode_item(operation, element))
            .find_map(|item| match item {
                Ok(item) => {
                    items.push(item);
                    None
                }
                Err(err) => Some(err),
            }),
        Err(err) => Some(err),
    };
    let ends = error.is_some();
    ItemsPage {
        items,
        error,
        next_page: if ends { None } else { page.next_page_token() },
        more: !ends && page.announces_more(),
    }
}

/// The elements of each page, then the page's error, if any. The walk ends after a page with
/// an error (it has no next page) and after a failed fetch, so that error is the last item.
fn flatten_items<T, S>(pages: S) -> impl Stream<Item = Result<T>> + Send
where
    T: Send + 'static,
    S: Stream<Item = Result<ItemsPage<T>>> + Send,
{
    Flattened {
        pages: Box::pin(pages),
        items: Vec::new().into_iter(),
        error: None,
        walked: false,
    }
}

/// [`flatten_items`]' stream. Written out rather than composed from `flat_map` and
/// `stream::iter`: each of those layers moves every element once more, which for a listing of
/// a few hundred typed items was a measurable share of the call (see the README's client
/// benchmark).
struct Flattened<T, S> {
    pages: Pin<Box<S>>,
    /// The rest of the current page's elements.
    items: std::vec::IntoIter<T>,
    /// What ends the current page after its elements.
    error: Option<Error>,
    /// The walk has ended: polled again, the stream keeps saying so instead of polling it.
    walked: bool,
}

// Nothing is pinned in place but the boxed page stream, so moving the rest is fine.
impl<T, S> Unpin for Flattened<T, S> {}

impl<T, S> Stream for Flattened<T, S>
where
    S: Stream<Item = Result<ItemsPage<T>>>,
{
    type Item = Result<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T>>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(error) = this.error.take() {
                return Poll::Ready(Some(Err(error)));
            }
            if this.walked {
                return Poll::Ready(None);
            }
            match ready!(this.pages.as_mut().poll_next(cx)) {
                Some(Ok(page)) => {
                    this.items = page.items.into_iter();
                    this.error = page.error;
                }
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => {
                    this.walked = true;
                    return Poll::Ready(None);
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let pending = self.items.len() + usize::from(self.error.is_some());
        (pending, if self.walked { Some(pending) } else { None })
    }
}

/// A page body as one pass reads it.
struct PageFields<T> {
    items: Option<Vec<T>>,
    next_page: Option<String>,
    more: bool,
}

/// Reads a page object: the `field` array as `Vec<T>`, `next_page` when it is a string,
/// `has_additional` / `has_next` when `true`; other keys are skipped unread.
struct PageSeed<T> {
    field: &'static str,
    items: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for PageSeed<T> {
    type Value = PageFields<T>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for PageSeed<T> {
    type Value = PageFields<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "a page object with a `{}` array", self.field)
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut page = PageFields {
            items: None,
            next_page: None,
            more: false,
        };
        while let Some(key) = map.next_key_seed(KeySeed { field: self.field })? {
            match key {
                PageKey::Items => page.items = Some(map.next_value()?),
                PageKey::NextPage => {
                    page.next_page = map.next_value::<Value>()?.as_str().map(str::to_owned)
                }
                PageKey::More => page.more |= map.next_value::<Value>()? == Value::Bool(true),
                PageKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(page)
    }
}

/// The keys of a page object that matter, told apart without allocating.
enum PageKey {
    Items,
    NextPage,
    More,
    Other,
}

struct KeySeed {
    field: &'static str,
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = PageKey;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = PageKey;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> std::result::Result<Self::Value, E> {
        Ok(if key == self.field {
            PageKey::Items
        } else {
            match key {
                "next_page" => PageKey::NextPage,
                "has_additional" | "has_next" => PageKey::More,
                _ => PageKey::Other,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Tag {
        name: String,
    }

    fn decoded(body: &str) -> Result<ItemsPage<Tag>> {
        decode_items_page(
            "listRepoTags",
            StatusCode::OK,
            body.as_bytes(),
            "tags",
            None,
        )
    }

    /// What a page decodes to, comparable: names, error text, cursor.
    fn summary(
        page: Result<ItemsPage<Tag>>,
    ) -> (Vec<String>, Option<String>, Option<String>, bool) {
        match page {
            Ok(page) => (
                page.items.into_iter().map(|tag| tag.name).collect(),
                page.error.map(|err| err.to_string()),
                page.next_page,
                page.more,
            ),
            Err(err) => (Vec::new(), Some(err.to_string()), None, false),
        }
    }

    #[test]
    fn one_pass_and_the_json_reading_agree() {
        let bodies = [
            json!({"tags": [{"name": "a"}, {"name": "b"}], "next_page": "t2", "page": 1}),
            json!({"tags": [], "next_page": ""}),
            json!({"tags": [{"name": "a"}], "next_page": null, "has_additional": true}),
            json!({"has_next": true, "tags": [{"name": "a", "size": 3}]}),
            json!({"has_additional": false, "has_next": true, "tags": []}),
            json!({"tags": [{"name": "a"}], "next_page": 7, "has_additional": "yes"}),
        ];
        for body in bodies {
            let fast = summary(decoded(&body.to_string()));
            let slow = summary(Ok(items_of_value("listRepoTags", body.clone(), "tags")));
            assert_eq!(fast, slow, "{body}");
            assert_eq!(fast.1, None, "{body}");
        }
    }

    #[test]
    fn an_element_of_another_shape_keeps_the_ones_before_and_names_itself() {
        let page =
            decoded(r#"{"tags": [{"name": "a"}, {"name": 7}, {"name": "c"}], "next_page": "t2"}"#)
                .expect("a page");
        assert_eq!(page.items, [Tag { name: "a".into() }]);
        match page.error {
            Some(Error::Decode { operation, raw, .. }) => {
                assert_eq!(operation, "listRepoTags");
                assert_eq!(raw, r#"{"name":7}"#);
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
        assert_eq!(
            (page.next_page, page.more),
            (None, false),
            "the listing ends there"
        );
    }

    #[test]
    fn a_page_without_the_array_is_a_pagination_error() {
        for body in [
            r#"{"other": []}"#,
            r#"{"tags": {"name": "a"}}"#,
            "[1, 2]",
            "",
            "null",
        ] {
            let page = decoded(body).expect("JSON bodies are pages");
            assert!(page.items.is_empty(), "{body}");
            assert!(
                matches!(&page.error, Some(Error::Pagination { reason }) if reason.contains("`tags`")),
                "{body}: {:?}",
                page.error
            );
        }
    }

    fn page(names: &[&str], error: Option<Error>) -> Result<ItemsPage<Tag>> {
        Ok(ItemsPage {
            items: names
                .iter()
                .map(|name| Tag {
                    name: (*name).into(),
                })
                .collect(),
            error,
            next_page: None,
            more: false,
        })
    }

    /// Every item `stream` has ready, up to its end: names, or the error's text.
    fn drain<S: Stream<Item = Result<Tag>>>(stream: &mut std::pin::Pin<&mut S>) -> Vec<String> {
        use futures_util::FutureExt;
        std::iter::from_fn(|| stream.next().now_or_never().flatten())
            .map(|item| item.map_or_else(|err| format!("error: {err}"), |tag| tag.name))
            .collect()
    }

    #[test]
    fn flattened_pages_yield_each_element_then_the_page_error_and_stay_ended() {
        use futures_util::FutureExt;
        let bad = || Error::Pagination {
            reason: "bad".into(),
        };
        let pages = stream::iter([
            page(&["a", "b"], None),
            page(&[], None),
            page(&["c"], Some(bad())),
        ]);
        let mut items = std::pin::pin!(flatten_items(pages));
        assert_eq!(items.size_hint(), (0, None));
        let first = items
            .next()
            .now_or_never()
            .flatten()
            .map(|item| item.map(|tag| tag.name));
        assert!(matches!(first, Some(Ok(name)) if name == "a"));
        assert_eq!(items.size_hint(), (1, None), "b is still to come");
        assert_eq!(
            drain(&mut items),
            ["b".to_owned(), "c".into(), format!("error: {}", bad())]
        );
        assert!(
            matches!(items.next().now_or_never(), Some(None)),
            "polled after its end, the stream stays ended"
        );
        assert_eq!(items.size_hint(), (0, Some(0)));
    }

    #[test]
    fn a_body_that_is_not_json_is_a_decode_error() {
        match decoded("<html>oops</html>") {
            Err(Error::Decode { operation, raw, .. }) => {
                assert_eq!(operation, "listRepoTags");
                assert!(raw.contains("oops"), "{raw}");
            }
            Err(other) => panic!("expected a decode error, got {other:?}"),
            Ok(_) => panic!("expected a decode error, got a page"),
        }
        assert!(decoded(r#"{"tags": []} trailing"#).is_err());
    }
}
