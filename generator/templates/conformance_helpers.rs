fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("sample JSON")
}
/// Matches when the query pairs are exactly `expected`, in order.
fn exact_query(
    expected: &'static [(&'static str, &'static str)],
) -> impl Fn(&Request) -> bool {
    move |request: &Request| {
        let pairs: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        pairs.len() == expected.len()
            && pairs.iter().zip(expected).all(|((n, v), (en, ev))| n == en && v == ev)
    }
}
/// Mounts a mock that answers `exchange` once, and only a request matching it exactly.
async fn expect_exchange(server: &MockServer, exchange: &Exchange) {
    let mut mock = Mock::given(method(exchange.method))
        .and(path(exchange.path))
        .and(exact_query(exchange.query))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()));
    if let Some(body) = exchange.body {
        mock = mock.and(body_json(json(body)));
    }
    let mut answer = ResponseTemplate::new(exchange.status);
    if let Some(response) = exchange.response {
        answer = answer.set_body_raw(response, "application/json");
    }
    mock.respond_with(answer).expect(1).mount(server).await;
}
/// The status is the mock's and the decoded body is the JSON it sent.
fn assert_answer<T: serde::Serialize>(response: &ApiResponse<T>, exchange: &Exchange) {
    assert_eq!(response.status().as_u16(), exchange.status);
    let decoded = serde_json::to_value(response.body()).expect("the body serializes");
    assert_eq!(decoded, exchange.response.map_or(serde_json::Value::Null, json));
}
