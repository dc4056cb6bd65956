//! Every example output of the 3.18 API guide is either read as JSON or reported with a reason;
//! the forms the docs really use (a bare quoted string, an empty object, arrays) are read.

use generator::examples::output::{self, OutputError};
use generator::guide::source;

#[test]
fn guide_3_18_outputs_are_read_or_reported() {
    let Some(docs) = integration_tests::shared_docs() else {
        return;
    };
    let read = source::read_listings(&docs.join("guide").join("3.18")).expect("guide reads");
    let mut values = Vec::new();
    let mut unreadable = Vec::new();
    for listing in read.listings.iter().filter(|l| l.is_output()) {
        match output::read(&listing.content) {
            Ok(read) => values.push(read.value),
            Err(err) => {
                assert!(
                    matches!(err, OutputError::NotJson { line, .. } if line >= 1),
                    "{}: {err}",
                    listing.location
                );
                unreadable.push(format!("{}: {err}", listing.location));
            }
        }
    }
    eprintln!(
        "guide 3.18 outputs: {} read, {} unreadable",
        values.len(),
        unreadable.len()
    );
    for line in &unreadable {
        eprintln!("  {line}");
    }
    assert_eq!(values.len() + unreadable.len(), 107);
    // Plain text (a token, `key: value` lines, a connection error) is the exception.
    assert!(unreadable.len() * 10 < values.len(), "{unreadable:#?}");
    assert!(values.iter().any(|v| v.is_string()), "a bare \"Created\"");
    assert!(values
        .iter()
        .any(|v| v.as_object().is_some_and(|o| o.is_empty())));
    assert!(values.iter().any(|v| v.is_array()));
}
