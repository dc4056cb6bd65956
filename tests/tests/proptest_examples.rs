//! Property tests: the example command parser never panics or hangs on damaged commands.
//!
//! Each case damages an example block (see `mutation`) and parses every command in it. Each
//! result must be a request whose path is a path and which survives a JSON round trip, or a
//! `CurlError` with a message. Commands are a few lines long, so a parse is quick by construction.

mod mutation;

use generator::examples::curl;
use generator::frontend::adoc;
use generator::spec::ExampleRequest;
use integration_tests::shared_docs;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use mutation::{apply, mutations, Mutation};

/// Our own example blocks, in the styles the docs use: prompts, callouts, continuations,
/// quoting of every kind, several commands, a pipe.
const BLOCKS: [&str; 3] = [
    "$ curl -X POST \\\n  -H \"Authorization: Bearer <bearer_token>\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"label\": \"a \\\"quoted\\\" label\", \"tags\": [\"x\"]}' <1>\n  \"https://registry.example.com/api/v1/user/bob/widget?count=2&all=true\" | jq\n",
    "$ export TOKEN=abc\n$ curl -X GET -k -s -L 'https://<quay-server.example.com>/api/v1/repository/{namespace}/{repo}/tag/?limit=5' \\ 2\n   -H \"Authorization: Bearer $TOKEN\"\n$ curl --request DELETE --header 'Accept: application/json' https://quay.example.com/api/v1/organization/org1\n",
    "curl -XPUT \"http://localhost:8080/api/v1/user/\" --data {\"a\":<number>} (3)\n",
];

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

fn parse_and_check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let block = String::from_utf8_lossy(bytes);
    for result in curl::parse_all(&block) {
        match result {
            Ok(request) => {
                prop_assert!(request.path.starts_with('/'), "{:?}", request);
                let json = serde_json::to_string(&request)
                    .map_err(|err| TestCaseError::fail(format!("no JSON: {err}")))?;
                let back: ExampleRequest = serde_json::from_str(&json).map_err(|err| {
                    TestCaseError::fail(format!("JSON does not read back: {err}"))
                })?;
                prop_assert_eq!(back, request);
            }
            Err(err) => prop_assert!(!err.to_string().is_empty()),
        }
    }
    Ok(())
}

#[test]
fn undamaged_fixtures_are_requests() {
    let parsed: Vec<_> = BLOCKS.iter().flat_map(|b| curl::parse_all(b)).collect();
    assert_eq!(parsed.len(), 4, "{parsed:#?}");
    assert!(parsed.iter().all(Result::is_ok), "{parsed:#?}");
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn damaged_fixture_commands_parse_cleanly(
        which in 0..BLOCKS.len(),
        damage in mutations(),
    ) {
        parse_and_check(&apply(BLOCKS[which].as_bytes(), &damage))?;
    }
}

/// The example commands of the 3.18 reference, or `None` (skipped) without `../shared`.
fn real_commands() -> Option<Vec<String>> {
    let docs = shared_docs()?;
    let parsed = adoc::parse(&docs.join("adoc").join("3.18")).expect("3.18 parses");
    let commands: Vec<String> = parsed
        .spec
        .operations
        .iter()
        .flat_map(|op| op.examples.iter().map(|e| e.command.clone()))
        .collect();
    assert!(commands.len() > 100, "3.18 has example commands");
    Some(commands)
}

#[test]
fn damaged_real_commands_parse_cleanly() {
    let Some(commands) = real_commands() else {
        return;
    };
    let mut runner = proptest::test_runner::TestRunner::new(config(256));
    let result = runner.run(
        &(0..commands.len(), mutations()),
        |(which, damage): (usize, Vec<Mutation>)| {
            parse_and_check(&apply(commands[which].as_bytes(), &damage))
        },
    );
    if let Err(err) = result {
        panic!("{err}");
    }
}
