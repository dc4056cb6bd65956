//! Both pagination styles of the runtime, each over three pages of a loopback server.

use futures_util::StreamExt;
use quay_client::runtime::{pagination, Request};
use quay_client::{Client, Error, RetryPolicy};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use wiremock::matchers::{path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LISTING: &str = "/api/v1/repository/ns/repo/tag/";

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("pagination-token")
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client")
}

/// Serves `body` for the request whose `name` query parameter is `value` (or is missing).
/// The listing's request for one page of the token style (the first has no token).
fn token_request(token: Option<String>) -> Request {
    let mut request = Request::new("listRepoTags", Method::GET, LISTING.to_owned());
    request
        .query
        .extend(token.map(|token| ("next_page", token)));
    request
}

/// The listing's request for one numbered page.
fn page_request(number: u64) -> Request {
    let mut request = Request::new("listRepoTags", Method::GET, LISTING.to_owned());
    request.query.push(("page", number.to_string()));
    request
}

async fn page(server: &MockServer, name: &'static str, value: Option<&str>, body: Value) {
    let answer = ResponseTemplate::new(200).set_body_json(body);
    match value {
        Some(value) => {
            Mock::given(path(LISTING))
                .and(query_param(name, value))
                .respond_with(answer)
                .mount(server)
                .await
        }
        None => {
            Mock::given(path(LISTING))
                .and(query_param_is_missing(name))
                .respond_with(answer)
                .mount(server)
                .await
        }
    }
}

/// Every page of a token-style listing of `server`.
async fn token_pages(server: &MockServer) -> Vec<quay_client::Result<Value>> {
    let client = client_for(server);
    let pages = pagination::by_next_page(move |token| {
        let client = client.clone();
        async move {
            let request = token_request(token);
            client.execute(request).await
        }
    });
    // Bounded: a broken stream must not hang the test.
    pages.take(10).collect().await
}

fn tag_names(pages: &[quay_client::Result<Value>]) -> Vec<String> {
    pages
        .iter()
        .filter_map(|page| page.as_ref().ok())
        .flat_map(|page| page["tags"].as_array().cloned().unwrap_or_default())
        .filter_map(|tag| tag["name"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn next_page_tokens_are_followed_until_absent() {
    let server = MockServer::start().await;
    page(
        &server,
        "next_page",
        None,
        json!({"tags": [{"name": "a"}], "next_page": "gAAA+/="}),
    )
    .await;
    page(
        &server,
        "next_page",
        Some("gAAA+/="),
        json!({"tags": [{"name": "b"}], "next_page": "t3"}),
    )
    .await;
    page(
        &server,
        "next_page",
        Some("t3"),
        json!({"tags": [{"name": "c"}]}),
    )
    .await;
    let pages = token_pages(&server).await;
    assert_eq!(pages.len(), 3);
    assert_eq!(tag_names(&pages), ["a", "b", "c"]);
    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        3
    );
}

#[tokio::test]
async fn a_null_or_empty_token_ends_the_listing() {
    for last in [json!(null), json!("")] {
        let server = MockServer::start().await;
        page(
            &server,
            "next_page",
            None,
            json!({"tags": [{"name": "a"}], "next_page": "t2"}),
        )
        .await;
        page(
            &server,
            "next_page",
            Some("t2"),
            json!({"tags": [{"name": "b"}], "next_page": last}),
        )
        .await;
        let pages = token_pages(&server).await;
        assert_eq!(tag_names(&pages), ["a", "b"], "last token {last}");
        assert_eq!(
            server.received_requests().await.expect("recording").len(),
            2
        );
    }
}

#[tokio::test]
async fn a_repeated_token_is_an_error_not_a_loop() {
    let server = MockServer::start().await;
    page(
        &server,
        "next_page",
        None,
        json!({"tags": [{"name": "a"}], "next_page": "t2"}),
    )
    .await;
    page(
        &server,
        "next_page",
        Some("t2"),
        json!({"tags": [{"name": "b"}], "next_page": "t2"}),
    )
    .await;
    let pages = token_pages(&server).await;
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert_eq!(tag_names(&pages), ["a", "b"]);
    assert!(
        matches!(pages[2], Err(Error::Pagination { .. })),
        "{:?}",
        pages[2]
    );
    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        2
    );
}

#[tokio::test]
async fn an_error_ends_the_listing() {
    let server = MockServer::start().await;
    page(
        &server,
        "next_page",
        None,
        json!({"tags": [{"name": "a"}], "next_page": "t2"}),
    )
    .await;
    Mock::given(path(LISTING))
        .and(query_param("next_page", "t2"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let pages = token_pages(&server).await;
    assert_eq!(pages.len(), 2);
    assert_eq!(
        pages[1].as_ref().expect_err("500").status(),
        Some(StatusCode::INTERNAL_SERVER_ERROR)
    );
}

#[tokio::test]
async fn numbered_pages_are_fetched_while_has_additional_is_true() {
    let server = MockServer::start().await;
    page(
        &server,
        "page",
        Some("1"),
        json!({"tags": [{"name": "a"}], "page": 1, "has_additional": true}),
    )
    .await;
    page(
        &server,
        "page",
        Some("2"),
        json!({"tags": [{"name": "b"}], "page": 2, "has_additional": true}),
    )
    .await;
    page(
        &server,
        "page",
        Some("3"),
        json!({"tags": [{"name": "c"}], "page": 3, "has_additional": false}),
    )
    .await;
    let client = client_for(&server);
    let pages = pagination::by_page(move |number| {
        let client = client.clone();
        async move {
            let mut request = page_request(number);
            request.query.push(("limit", "1".to_owned()));
            client.execute(request).await
        }
    });
    let pages: Vec<_> = pages.take(10).collect().await;
    assert_eq!(tag_names(&pages), ["a", "b", "c"]);
    let received = server.received_requests().await.expect("recording");
    assert_eq!(received.len(), 3);
    assert!(received
        .iter()
        .all(|r| r.url.query().is_some_and(|q| q.contains("limit=1"))));
}

#[tokio::test]
async fn has_next_also_announces_another_page() {
    let server = MockServer::start().await;
    page(
        &server,
        "page",
        Some("1"),
        json!({"repositories": [{"name": "a"}], "page": 1, "has_next": true}),
    )
    .await;
    page(
        &server,
        "page",
        Some("2"),
        json!({"repositories": [{"name": "b"}], "page": 2, "has_next": false}),
    )
    .await;
    let client = client_for(&server);
    let pages = pagination::by_page(move |number| {
        let client = client.clone();
        async move {
            let mut request =
                Request::new("listOrgMirrorRepositories", Method::GET, LISTING.to_owned());
            request.query.push(("page", number.to_string()));
            client.execute(request).await
        }
    });
    let pages: Vec<_> = pages.take(10).collect().await;
    assert_eq!(pages.len(), 2);
    assert!(pages.iter().all(Result::is_ok));
    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        2
    );
}

#[tokio::test]
async fn a_missing_has_additional_ends_numbered_pages() {
    let server = MockServer::start().await;
    page(
        &server,
        "page",
        Some("1"),
        json!({"tags": [], "has_additional": "yes"}),
    )
    .await;
    let client = client_for(&server);
    let pages = pagination::by_page(move |number| {
        let client = client.clone();
        async move { client.execute(page_request(number)).await }
    });
    let pages: Vec<_> = pages.take(10).collect().await;
    assert_eq!(pages.len(), 1);
    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        1
    );
}

#[tokio::test]
async fn items_flattens_pages_and_stops_at_a_page_without_the_array() {
    let server = MockServer::start().await;
    page(
        &server,
        "next_page",
        None,
        json!({"tags": [{"name": "a"}, {"name": "b"}], "next_page": "t2"}),
    )
    .await;
    page(
        &server,
        "next_page",
        Some("t2"),
        json!({"tags": [], "next_page": "t3"}),
    )
    .await;
    page(
        &server,
        "next_page",
        Some("t3"),
        json!({"tags": [{"name": "c"}], "next_page": "t4"}),
    )
    .await;
    page(&server, "next_page", Some("t4"), json!({"other": []})).await;
    let client = client_for(&server);
    let pages = pagination::by_next_page(move |token| {
        let client = client.clone();
        async move {
            let request = token_request(token);
            client.execute(request).await
        }
    });
    let items: Vec<_> = pagination::items(pages, "tags").take(10).collect().await;
    assert_eq!(items.len(), 4, "{items:?}");
    let names: Vec<_> = items[..3]
        .iter()
        .map(|item| {
            item.as_ref().expect("item")["name"]
                .as_str()
                .expect("name")
                .to_owned()
        })
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert!(
        matches!(&items[3], Err(Error::Pagination { reason }) if reason.contains("`tags`")),
        "{:?}",
        items[3]
    );
}

#[tokio::test]
async fn typed_items_decode_each_element_and_stop_at_one_that_does_not_fit() {
    #[derive(Debug, serde::Deserialize)]
    struct Tag {
        name: String,
    }
    let server = MockServer::start().await;
    page(
        &server,
        "next_page",
        None,
        json!({"tags": [{"name": "a"}, {"name": 7}, {"name": "c"}], "next_page": "t2"}),
    )
    .await;
    let client = client_for(&server);
    let pages = pagination::by_next_page(move |token| {
        let client = client.clone();
        async move {
            let request = token_request(token);
            client.execute(request).await
        }
    });
    let items: Vec<quay_client::Result<Tag>> =
        pagination::typed_items(pages, "tags", "listRepoTags")
            .take(10)
            .collect()
            .await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().expect("first tag").name, "a");
    match &items[1] {
        Err(quay_client::Error::Decode { operation, raw, .. }) => {
            assert_eq!(*operation, "listRepoTags");
            assert_eq!(raw, r#"{"name":7}"#);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn items_decode_each_page_once_and_stop_fetching_at_a_bad_element() {
    #[derive(Debug, serde::Deserialize)]
    struct Tag {
        name: String,
    }
    let server = MockServer::start().await;
    page(
        &server,
        "page",
        Some("1"),
        json!({"tags": [{"name": "a"}, {"name": "b"}], "has_additional": true}),
    )
    .await;
    page(
        &server,
        "page",
        Some("2"),
        json!({"tags": [{"name": "c"}, {"name": null}], "has_additional": true}),
    )
    .await;
    page(
        &server,
        "page",
        Some("3"),
        json!({"tags": [{"name": "d"}], "has_additional": false}),
    )
    .await;
    let client = client_for(&server);
    let items = pagination::items_by_page(move |number| {
        let client = client.clone();
        async move {
            client
                .execute_page::<Tag>(page_request(number), "tags")
                .await
        }
    });
    let items: Vec<quay_client::Result<Tag>> = items.take(10).collect().await;
    let names: Vec<&str> = items
        .iter()
        .filter_map(|item| item.as_ref().ok())
        .map(|tag| tag.name.as_str())
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(items.len(), 4, "{items:?}");
    assert!(
        matches!(&items[3], Err(Error::Decode { raw, .. }) if raw == r#"{"name":null}"#),
        "{:?}",
        items[3]
    );
    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        2,
        "page 3 is never asked for"
    );
}

#[tokio::test]
async fn items_follow_tokens_and_end_on_a_repeated_one() {
    let server = MockServer::start().await;
    page(
        &server,
        "next_page",
        None,
        json!({"tags": [{"name": "a"}], "next_page": "t2"}),
    )
    .await;
    page(
        &server,
        "next_page",
        Some("t2"),
        json!({"tags": [{"name": "b"}], "next_page": "t2"}),
    )
    .await;
    let client = client_for(&server);
    let items = pagination::items_by_next_page(move |token| {
        let client = client.clone();
        async move {
            let request = token_request(token);
            client.execute_page::<Value>(request, "tags").await
        }
    });
    let items: Vec<quay_client::Result<Value>> = items.take(10).collect().await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[1].as_ref().expect("b")["name"], "b");
    assert!(
        matches!(&items[2], Err(Error::Pagination { reason }) if reason.contains("same next_page")),
        "{:?}",
        items[2]
    );
}
