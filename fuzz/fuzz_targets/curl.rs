//! The example command parser on arbitrary text (invalid UTF-8 replaced): every block must give
//! one result per command, each a request or a `CurlError`, without a panic or a hang.

#![no_main]

use libfuzzer_sys::fuzz_target;
use quay_codegen::examples::curl;

fuzz_target!(|data: &[u8]| {
    let block = String::from_utf8_lossy(data);
    for request in curl::parse_all(&block).into_iter().flatten() {
        let _ = curl::body_problem(&request);
        let _ = format!("{request:?}");
    }
    if let Ok(request) = curl::parse(&block) {
        let _ = curl::split_url(&request.url);
    }
});
