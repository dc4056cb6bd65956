//! Usage errors (exit status 2, naming the argument, nothing sent), `--body` in its three forms,
//! aliases and completions.

use serde_json::json;
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::scratch;
use crate::support::{quay, quay_against, TOKEN};

/// A server that must not be called.
async fn untouched() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    server
}

async fn usage_error(args: &[&str], names: &str) {
    let server = untouched().await;
    let output = quay_against(&server, args).await;
    assert_eq!(output.code, 2, "quay {args:?}: {output:?}");
    assert!(
        output.stderr.contains(names),
        "quay {args:?} should name {names}: {}",
        output.stderr
    );
}

#[tokio::test]
async fn bad_flags_are_usage_errors_naming_the_argument() {
    usage_error(&["tag", "list-repo-tags"], "<REPOSITORY>").await;
    usage_error(
        &["tag", "list-repo-tags", "ns/repo", "--page", "two"],
        "--page",
    )
    .await;
    usage_error(&["tag", "list-repo-tags", "ns/repo", "--bogus"], "--bogus").await;
    usage_error(
        &[
            "tag",
            "list-repo-tags",
            "ns/repo",
            "--only-active-tags=maybe",
        ],
        "--only-active-tags",
    )
    .await;
    usage_error(&["tag", "no-such-command"], "no-such-command").await;
    usage_error(&["-o", "yaml", "user", "get-logged-in-user"], "--output").await;
    // Enum fields take only their values; nested objects take JSON objects.
    usage_error(
        &[
            "permission",
            "change-user-permissions",
            "ns/repo",
            "alice",
            "--role",
            "owner",
        ],
        "--role",
    )
    .await;
    usage_error(
        &[
            "repository",
            "create-repo",
            "--body",
            r#"{"repository": "r", "visibility": "secret", "description": "d"}"#,
        ],
        "one of: public, private",
    )
    .await;
    usage_error(
        &[
            "trigger",
            "manually-start-build-trigger",
            "ns/repo",
            "uuid",
            "--refs",
            "{\"kind\":",
        ],
        "--refs",
    )
    .await;
    usage_error(
        &[
            "trigger",
            "manually-start-build-trigger",
            "ns/repo",
            "uuid",
            "--refs",
            "\"main\"",
        ],
        "--refs",
    )
    .await;
    // An array body is only `--body`, a JSON array of objects with the item's fields.
    usage_error(
        &["robot", "create-org-robot-federation", "org", "bot"],
        "--body",
    )
    .await;
    usage_error(
        &[
            "robot",
            "create-org-robot-federation",
            "org",
            "bot",
            "--body",
            r#"{"issuer": "i", "subject": "s"}"#,
        ],
        "JSON array",
    )
    .await;
    usage_error(
        &[
            "robot",
            "create-org-robot-federation",
            "org",
            "bot",
            "--body",
            r#"[{"issuer": "i"}]"#,
        ],
        "item 0: createOrgRobotFederation needs the field `subject`",
    )
    .await;
    usage_error(
        &[
            "robot",
            "create-org-robot-federation",
            "org",
            "bot",
            "--issuer",
            "i",
        ],
        "--issuer",
    )
    .await;
    usage_error(
        &["tag", "change-tag", "ns/repo", "t", "--expiration", "{"],
        "--expiration",
    )
    .await;
    usage_error(
        &["tag", "prune", "ns/repo", "--older-than", "30"],
        "--older-than",
    )
    .await;
    usage_error(&["tag", "prune", "ns/repo", "--pattern", "("], "--pattern").await;
    // The client's own checks before sending are usage errors too.
    usage_error(&["tag", "list-repo-tags", "not-a-repository"], "repository").await;
}

#[tokio::test]
async fn bad_body_json_is_a_usage_error_naming_body() {
    let create = ["repository", "create-repo"];
    let with = |body: &'static str| [create[0], create[1], "--body", body];
    usage_error(&with("{"), "'--body': not JSON").await;
    usage_error(&with("[1]"), "'--body': expected a JSON object").await;
    usage_error(
        &with(r#"{"repository": "r", "nope": 1}"#),
        "no body field `nope`",
    )
    .await;
    usage_error(
        &with(r#"{"repository": 5}"#),
        "field `repository` must be a string",
    )
    .await;
    usage_error(
        &with(r#"{"repository": "r"}"#),
        "needs the body field `visibility`",
    )
    .await;
    usage_error(
        &with("@/nonexistent/body.json"),
        "'--body': cannot read /nonexistent/body.json",
    )
    .await;
    usage_error(
        &["repository", "create-repo", "--repository", "r"],
        "give --visibility",
    )
    .await;
}

async fn create_repo_server(expected: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/repository"))
        .and(body_json(expected))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"namespace": "ns", "name": "r", "kind": "image"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_body_comes_from_json_a_file_or_stdin_and_flags_override_its_fields() {
    let expected =
        json!({"repository": "r", "visibility": "private", "description": "d", "namespace": "ns"});
    let server = create_repo_server(expected.clone()).await;
    let output = quay_against(
        &server,
        &[
            "repository",
            "create-repo",
            "--body",
            r#"{"repository": "r", "visibility": "public", "description": "d"}"#,
            "--visibility",
            "private",
            "--namespace",
            "ns",
        ],
    )
    .await;
    assert_eq!(output.code, 0, "{output:?}");
    let printed: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(
        printed,
        json!({"namespace": "ns", "name": "r", "kind": "image"})
    );

    let dir = scratch("body-file");
    let file = dir.join("body.json");
    std::fs::write(&file, expected.to_string()).expect("body file");
    let server = create_repo_server(expected.clone()).await;
    let at_file = format!("@{}", file.display());
    let output = quay_against(
        &server,
        &["repository", "create-repo", "--body", at_file.as_str()],
    )
    .await;
    assert_eq!(output.code, 0, "{output:?}");
    std::fs::remove_dir_all(&dir).expect("cleanup");

    let server = create_repo_server(expected.clone()).await;
    let url = server.uri();
    let output = quay(
        &["repository", "create-repo", "--body", "-"],
        &[("QUAY_URL", url.as_str()), ("QUAY_TOKEN", TOKEN)],
        &expected.to_string(),
    )
    .await;
    assert_eq!(output.code, 0, "{output:?}");
}

#[tokio::test]
async fn aliases_send_the_requests_of_their_commands() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/repository"))
        .and(query_param("namespace", "ns"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"repositories": []})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/repository/ns/repo/tag/"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"tags": [], "page": 1, "has_additional": false})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/repository/ns/repo/tag/v1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    for args in [
        &["repo", "list", "--namespace", "ns"][..],
        &["tag", "list", "ns/repo"],
        &["tag", "delete", "ns/repo", "v1"],
    ] {
        let output = quay_against(&server, args).await;
        assert_eq!(output.code, 0, "quay {args:?}: {output:?}");
    }
}

#[test]
fn every_alias_names_a_generated_command() {
    let root = quay_cli::runtime::app::command();
    for alias in quay_cli::runtime::aliases::ALIASES {
        let group = root
            .find_subcommand(alias.alias)
            .or_else(|| root.find_subcommand(alias.group))
            .unwrap_or_else(|| panic!("no group {}", alias.group));
        if let Some(command) = alias.command {
            let target = group
                .find_subcommand(command)
                .unwrap_or_else(|| panic!("no command {} {command}", alias.group));
            assert!(
                target.get_visible_aliases().any(|a| a == alias.alias),
                "{alias:?}"
            );
        } else {
            assert!(
                group.get_visible_aliases().any(|a| a == alias.alias),
                "{alias:?}"
            );
        }
    }
}

#[test]
fn every_generated_command_is_reachable_and_documents_its_request() {
    let root = quay_cli::runtime::app::command();
    assert_eq!(
        quay_cli::commands::COMMANDS.len(),
        quay_client::OPERATIONS.len()
    );
    for info in quay_cli::commands::COMMANDS {
        let mut command = root
            .find_subcommand(info.group)
            .and_then(|g| g.find_subcommand(info.command))
            .unwrap_or_else(|| panic!("quay {} {}", info.group, info.command))
            .clone();
        let operation = quay_client::OPERATIONS
            .iter()
            .find(|o| o.name == info.operation)
            .expect("a client operation");
        let help = command.render_long_help().to_string();
        let request = format!("{} {}", operation.method, operation.path);
        assert!(
            help.contains(&request),
            "quay {} {} --help lacks {request}",
            info.group,
            info.command
        );
        assert!(help.contains("OAuth scopes: "), "{help}");
        for scope in operation.scopes {
            assert!(help.contains(scope.as_str()), "{help}");
        }
        if let Some(since) = operation.since {
            assert!(
                help.contains(&format!("Since Quay {since}.")),
                "quay {} {} --help does not name the version that added it: {help}",
                info.group,
                info.command
            );
        }
    }
}

#[tokio::test]
async fn help_names_the_quay_version_of_the_operation_and_of_later_flags() {
    let Some(operation) = quay_client::operations::find_operation("listRepoTags") else {
        return;
    };
    let Some(since) = operation.since else {
        // A crate generated without a version history.
        return;
    };
    let output = quay(&["tag", "list-repo-tags", "--help"], &[], "").await;
    assert_eq!(output.code, 0);
    assert!(
        output.stdout.contains(&format!("Since Quay {since}.")),
        "{output:?}"
    );
    // `filter_tag_name` arrived in a later version than the listing itself.
    let flag = output
        .stdout
        .lines()
        .skip_while(|line| !line.contains("--filter-tag-name"))
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flag.contains("(since Quay 3."), "{}", output.stdout);
}

#[tokio::test]
async fn completions_are_printed_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = quay(&["completions", shell], &[], "").await;
        assert_eq!(output.code, 0, "{shell}: {output:?}");
        assert!(output.stdout.contains("list-repo-tags"), "{shell}");
        assert!(output.stdout.contains("prune"), "{shell}");
    }
    let output = quay(&["completions", "tcsh"], &[], "").await;
    assert_eq!(output.code, 2, "{output:?}");
}

#[tokio::test]
async fn help_and_version_exit_0() {
    let output = quay(&["--help"], &[], "").await;
    assert_eq!(output.code, 0);
    assert!(output
        .stdout
        .contains("Exit status: 0 success, 1 API or transport error, 2 usage error"));
    let output = quay(&["tag", "list-repo-tags", "--help"], &[], "").await;
    assert_eq!(output.code, 0);
    assert!(
        output
            .stdout
            .contains("GET /api/v1/repository/{repository}/tag/"),
        "{output:?}"
    );
    assert!(
        output.stdout.contains("OAuth scopes: repo:read"),
        "{output:?}"
    );
    let output = quay(&["--version"], &[], "").await;
    assert_eq!(
        (output.code, output.stdout.trim()),
        (0, concat!("quay ", env!("CARGO_PKG_VERSION")))
    );
}

/// Help text of `args` from the whole tree (what the completions see).
fn full_tree_help(args: &[&str]) -> String {
    let error = quay_cli::runtime::app::command()
        .try_get_matches_from(std::iter::once("quay").chain(args.iter().copied()))
        .expect_err("help is an early exit");
    error.render().to_string()
}

#[tokio::test]
async fn only_the_named_group_is_built_and_help_is_the_same_as_from_the_whole_tree() {
    let root = quay_cli::runtime::app::command();
    let mut cases: Vec<Vec<String>> = vec![vec!["--help".into()], vec!["help".into()]];
    for group in root.get_subcommands() {
        let name = group.get_name().to_string();
        cases.push(vec![name.clone(), "--help".into()]);
        cases.push(vec!["help".into(), name.clone()]);
        if let Some(command) = group.get_subcommands().next() {
            cases.push(vec![
                "--url".into(),
                "https://x.example.com".into(),
                name.clone(),
                command.get_name().to_string(),
                "--help".into(),
            ]);
        }
    }
    cases.push(vec!["repo".into(), "list".into(), "--help".into()]);
    for case in cases {
        let args: Vec<&str> = case.iter().map(String::as_str).collect();
        let lazy = quay(&args, &[], "").await;
        assert_eq!(lazy.code, 0, "quay {args:?}: {lazy:?}");
        assert_eq!(lazy.stdout, full_tree_help(&args), "quay {args:?}");
    }
}

#[tokio::test]
async fn an_untyped_field_takes_plain_text_as_a_string() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/api/v1/repository/ns/repo/tag/v2"))
        .and(body_json(
            json!({"manifest_digest": "sha256:abc", "expiration": 1700000000}),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!("Updated")))
        .expect(1)
        .mount(&server)
        .await;
    let output = quay_against(
        &server,
        &[
            "tag",
            "change-tag",
            "ns/repo",
            "v2",
            "--manifest-digest",
            "sha256:abc",
            "--expiration",
            "1700000000",
        ],
    )
    .await;
    assert_eq!(output.code, 0, "{output:?}");
    assert_eq!(output.stdout, "\"Updated\"\n");
}
