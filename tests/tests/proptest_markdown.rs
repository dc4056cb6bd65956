//! Property tests: the Markdown front-end (both renderings) never panics or hangs on damaged
//! documents.
//!
//! Each case damages a document (see `mutation`), decodes it as `parse_file` does for text that is
//! not UTF-8 (here lossily, so the damage reaches the parser) and parses it. It must give a spec
//! whose diagnostics point into the file and which survives a JSON round trip. Inputs are
//! bounded, so every parse is quick by construction.

mod mutation;

use generator::frontend::markdown;
use generator::frontend::Parsed;
use generator::spec::Spec;
use integration_tests::shared_docs;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use mutation::{apply, mutations, Mutation};

/// Our own Markdown rendering of one group with one entry and a definition.
const MARKDOWN: &str = "\
# Example Registry API reference

## widgets

Widgets of a user.

### makeWidget

Make a widget.

#### POST /api/v1/user/{owner}/widget

**Authorizations:** oauth2_implicit (**user:admin**)

#### Path parameters

| Type | Name | Description | Schema |
|------|------|-------------|--------|
| path | **owner** *required* | The owner | string |

#### Request body schema (application/json)

| Name | Description | Schema |
|------|-------------|--------|
| **label** *required* | Label | string |
| **tags** *optional* | Tags | array of string `non-empty` |

#### Responses

| HTTP Code | Description | Schema |
|-----------|-------------|--------|
| 201 | Made | |
| 400 | Bad | [ApiError](#_apierror) |

#### Example command

``` terminal
$ curl -X POST \"https://registry.example.com/api/v1/user/bob/widget\"
```

## Definitions

### ApiError

| Name | Description | Schema |
|------|-------------|--------|
| **status** *optional* | Status | integer |
";

/// Our own plain-text rendering of an entry.
const PLAIN: &str = "\
*makeWidget* 1
Make a widget.

*POST /api/v1/user/{owner}/widget*

**Authorizations: **oauth2_implicit (**user:admin**)

Path parameters
Type\tName\tDescription\tSchema
path\towner required\tThe owner\tstring

Request body schema (application/json)
Name: label
Description: Label
Schema: string

Responses
HTTP Code\tDescription\tSchema
201\tMade\t
";

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

/// Parses damaged bytes as `file_name` and checks the outcome every parse must have.
fn parse_and_check(file_name: &str, bytes: &[u8], plain_text: bool) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(bytes);
    let parsed = markdown::parse_text(file_name, &text, plain_text);
    check(&parsed, file_name)
}

fn check(parsed: &Parsed, file_name: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(&parsed.spec.source.files, &vec![file_name.to_string()]);
    for diagnostic in &parsed.diagnostics {
        prop_assert_eq!(&diagnostic.location.file, file_name, "{}", diagnostic);
        prop_assert!(diagnostic.location.line >= 1, "{}", diagnostic);
    }
    let json = parsed.spec.to_json();
    let back: Spec = serde_json::from_str(&json)
        .map_err(|err| TestCaseError::fail(format!("spec JSON does not read back: {err}")))?;
    prop_assert_eq!(&back, &parsed.spec);
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn damaged_markdown_fixtures_parse_cleanly(damage in mutations()) {
        parse_and_check("3.99.md", &apply(MARKDOWN.as_bytes(), &damage), false)?;
    }

    #[test]
    fn damaged_plain_text_fixtures_parse_cleanly(damage in mutations()) {
        parse_and_check("page.txt", &apply(PLAIN.as_bytes(), &damage), true)?;
    }

    /// Either rendering's reader on the other's text: structure it does not expect at all.
    #[test]
    fn each_reader_survives_the_other_rendering(damage in mutations()) {
        parse_and_check("page.txt", &apply(MARKDOWN.as_bytes(), &damage), true)?;
        parse_and_check("3.99.md", &apply(PLAIN.as_bytes(), &damage), false)?;
    }
}

/// Every rendering in `../shared` (Markdown files and the plain-text seed), or `None` (skipped).
fn real_renderings() -> Option<Vec<(String, Vec<u8>, bool)>> {
    let docs = shared_docs()?;
    let mut renderings = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(docs.join("markdown"))
        .expect("read the shared markdown folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    let seeds = docs.join("..").join("seed");
    if let Ok(entries) = std::fs::read_dir(&seeds) {
        paths.extend(entries.filter_map(Result::ok).map(|e| e.path()));
    }
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let plain_text = name.ends_with(".txt");
        let bytes = std::fs::read(&path).expect("read a shared rendering");
        renderings.push((name, bytes, plain_text));
    }
    assert!(
        renderings.len() > 1,
        "no renderings under {}",
        docs.display()
    );
    Some(renderings)
}

/// A run of about 60 lines from line `start` on (an entry or two with its tables): small enough
/// for many cases, real enough to reach every table layout the renderings use.
fn excerpt(bytes: &[u8], start: usize) -> Vec<u8> {
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let first = start % lines.len().max(1);
    lines[first..(first + 60).min(lines.len())].join(&b'\n')
}

#[test]
fn damaged_real_excerpts_parse_cleanly() {
    let Some(renderings) = real_renderings() else {
        return;
    };
    let mut runner = proptest::test_runner::TestRunner::new(config(128));
    let result = runner.run(
        &(0..renderings.len(), any::<usize>(), mutations()),
        |(which, start, damage): (usize, usize, Vec<Mutation>)| {
            let (name, bytes, plain_text) = &renderings[which];
            parse_and_check(name, &apply(&excerpt(bytes, start), &damage), *plain_text)
        },
    );
    if let Err(err) = result {
        panic!("{err}");
    }
}

#[test]
fn damaged_whole_renderings_parse_cleanly() {
    let Some(renderings) = real_renderings() else {
        return;
    };
    // Each case reads a whole rendering (up to 400 kB): fewer cases.
    let mut runner = proptest::test_runner::TestRunner::new(config(16));
    let result = runner.run(
        &(0..renderings.len(), mutations()),
        |(which, damage): (usize, Vec<Mutation>)| {
            let (name, bytes, plain_text) = &renderings[which];
            parse_and_check(name, &apply(bytes, &damage), *plain_text)
        },
    );
    if let Err(err) = result {
        panic!("{err}");
    }
}

/// The fixtures are real references when undamaged, so the damage is done to something that
/// reaches every stage of the reader.
#[test]
fn undamaged_fixtures_read_their_entry() {
    for (name, text, plain_text) in [("3.99.md", MARKDOWN, false), ("page.txt", PLAIN, true)] {
        let parsed = markdown::parse_text(name, text, plain_text);
        let names: Vec<&str> = parsed
            .spec
            .operations
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(
            names,
            vec!["makeWidget"],
            "{name}: {:#?}",
            parsed.diagnostics
        );
        assert_eq!(
            parsed.errors().count(),
            0,
            "{name}: {:#?}",
            parsed.diagnostics
        );
    }
}
