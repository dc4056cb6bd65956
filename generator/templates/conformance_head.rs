use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
const TOKEN: &str = "conformance-token";
/// One request an operation must send, and the mock's answer.
struct Exchange {
    method: &'static str,
    path: &'static str,
    /// Every query pair, in order: nothing more is accepted.
    query: &'static [(&'static str, &'static str)],
    /// The JSON body the request must carry.
    body: Option<&'static str>,
    status: u16,
    /// The JSON the mock answers with; `None` is an empty body.
    response: Option<&'static str>,
}
