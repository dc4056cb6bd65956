//! The Markdown front-end on arbitrary text (invalid UTF-8 replaced). An input that starts with
//! the byte 0x01 is the plain-text rendering (the byte removed), any other the GitHub-flavoured
//! Markdown one, so Markdown seeds are used as they are. Every input must give a `Parsed` (spec
//! and diagnostics) without a panic, a hang or runaway memory.

#![no_main]

use libfuzzer_sys::fuzz_target;
use quay_codegen::frontend::markdown;

/// The first byte of an input meant as the plain-text rendering.
const PLAIN_TEXT_MARKER: u8 = 0x01;

fuzz_target!(|data: &[u8]| {
    let (document, plain_text) = match data.split_first() {
        Some((&PLAIN_TEXT_MARKER, rest)) => (rest, true),
        _ => (data, false),
    };
    let text = String::from_utf8_lossy(document);
    let parsed = markdown::parse_text("3.99.md", &text, plain_text);
    // Later stages read the spec as JSON and print diagnostics: both must work too.
    let _ = parsed.spec.to_json();
    for diagnostic in &parsed.diagnostics {
        let _ = diagnostic.to_string();
    }
});
