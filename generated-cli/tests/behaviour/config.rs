//! Where the URL and token come from: flag > environment > profile; profiles, token files,
//! `config show`, and the plain-http rule.

use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::scratch;
use crate::support::quay;

/// A server that answers `GET /api/v1/user/` with `{"server": NAME}`, only with `token`.
async fn user_server(name: &str, token: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/user/"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"server": name})))
        .mount(&server)
        .await;
    server
}

fn write_config(dir: &std::path::Path, text: &str) -> String {
    let file = dir.join("config.toml");
    std::fs::write(&file, text).expect("config written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    file.display().to_string()
}

#[tokio::test]
async fn url_and_token_come_from_the_flag_then_the_environment_then_the_profile() {
    let flag = user_server("flag", "flag-token").await;
    let env = user_server("env", "env-token").await;
    let profile = user_server("profile", "profile-token").await;
    let dir = scratch("precedence");
    let config = write_config(
        &dir,
        &format!(
            "default_profile = \"main\"\n[profiles.main]\nurl = \"{}\"\ntoken = \"profile-token\"\n",
            profile.uri()
        ),
    );
    let flag_url = flag.uri();
    let env_url = env.uri();
    let everything = [
        ("QUAY_CONFIG", config.as_str()),
        ("QUAY_URL", env_url.as_str()),
        ("QUAY_TOKEN", "env-token"),
    ];
    let args = ["user", "get-logged-in-user"];
    let with_flags = [
        "--url",
        flag_url.as_str(),
        "--token",
        "flag-token",
        "user",
        "get-logged-in-user",
    ];
    let output = quay(&with_flags, &everything, "").await;
    assert_eq!(
        (output.code, output.stdout.as_str()),
        (0, "{\"server\":\"flag\"}\n"),
        "{output:?}"
    );
    let output = quay(&args, &everything, "").await;
    assert_eq!(output.stdout, "{\"server\":\"env\"}\n", "{output:?}");
    let output = quay(&args, &[("QUAY_CONFIG", config.as_str())], "").await;
    assert_eq!(output.stdout, "{\"server\":\"profile\"}\n", "{output:?}");
    // Each setting on its own: the env URL with the profile's token reaches nothing that
    // accepts it, so the token really came from the profile.
    let output = quay(
        &args,
        &[
            ("QUAY_CONFIG", config.as_str()),
            ("QUAY_URL", env_url.as_str()),
        ],
        "",
    )
    .await;
    assert_eq!(output.code, 1, "{output:?}");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn profiles_are_chosen_by_flag_environment_or_default_and_the_file_follows_xdg() {
    let a = user_server("a", "token-a").await;
    let b = user_server("b", "token-b").await;
    let dir = scratch("profiles");
    let quay_dir = dir.join("quay");
    std::fs::create_dir_all(&quay_dir).expect("dir");
    std::fs::write(dir.join("b.token"), "token-b\n").expect("token file");
    write_config(
        &quay_dir,
        &format!(
            "[profiles.default]\nurl = \"{}\"\ntoken = \"token-a\"\n\n\
             [profiles.b]\nurl = \"{}\"\ntoken_file = \"../b.token\"\n",
            a.uri(),
            b.uri()
        ),
    );
    let xdg = dir.display().to_string();
    let env = [("XDG_CONFIG_HOME", xdg.as_str()), ("HOME", "/nonexistent")];
    let args = ["user", "get-logged-in-user"];
    let output = quay(&args, &env, "").await;
    assert_eq!(output.stdout, "{\"server\":\"a\"}\n", "{output:?}");
    let output = quay(&["--profile", "b", "user", "get-logged-in-user"], &env, "").await;
    assert_eq!(output.stdout, "{\"server\":\"b\"}\n", "{output:?}");
    let with_env = [env[0], env[1], ("QUAY_PROFILE", "b")];
    let output = quay(&args, &with_env, "").await;
    assert_eq!(output.stdout, "{\"server\":\"b\"}\n", "{output:?}");
    // The flag wins over QUAY_PROFILE.
    let output = quay(
        &["--profile", "default", "user", "get-logged-in-user"],
        &with_env,
        "",
    )
    .await;
    assert_eq!(output.stdout, "{\"server\":\"a\"}\n", "{output:?}");
    let output = quay(
        &["--profile", "nope", "user", "get-logged-in-user"],
        &env,
        "",
    )
    .await;
    assert_eq!(output.code, 2, "{output:?}");
    assert!(
        output.stderr.contains("no profile `nope`")
            && output.stderr.contains("profiles: b, default"),
        "{output:?}"
    );
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn config_show_tells_where_each_setting_comes_from_and_masks_the_token() {
    let dir = scratch("show");
    let config = write_config(
        &dir,
        "[profiles.default]\nurl = \"https://quay.example.com\"\ntoken = \"very-secret-token\"\n",
    );
    let output = quay(&["config", "show"], &[("QUAY_CONFIG", config.as_str())], "").await;
    assert_eq!(output.code, 0, "{output:?}");
    assert!(!output.stdout.contains("very-secret-token"), "{output:?}");
    assert!(
        output
            .stdout
            .contains("url: https://quay.example.com (from profile default)"),
        "{output:?}"
    );
    assert!(
        output
            .stdout
            .contains("token: ******** (from profile default)"),
        "{output:?}"
    );
    let output = quay(
        &["config", "show", "--token", "flag-secret"],
        &[
            ("QUAY_CONFIG", config.as_str()),
            ("QUAY_URL", "https://other.example.com"),
        ],
        "",
    )
    .await;
    assert!(!output.stdout.contains("flag-secret"), "{output:?}");
    assert!(
        output
            .stdout
            .contains("token: ******** (from flag --token)"),
        "{output:?}"
    );
    assert!(
        output.stdout.contains("(from environment QUAY_URL)"),
        "{output:?}"
    );
    let output = quay(&["config", "show"], &[("HOME", "/nonexistent")], "").await;
    assert!(
        output.stdout.contains("(not found)") && output.stdout.contains("token: not set"),
        "{output:?}"
    );
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn a_broken_configuration_file_is_a_usage_error_that_never_quotes_it() {
    let dir = scratch("broken");
    let config = write_config(&dir, "[profiles.default]\ntoken = \"leaky-token\nurl = 3\n");
    let output = quay(
        &["user", "get-logged-in-user"],
        &[("QUAY_CONFIG", config.as_str())],
        "",
    )
    .await;
    assert_eq!(output.code, 2, "{output:?}");
    assert!(
        output.stderr.contains("invalid configuration file"),
        "{output:?}"
    );
    assert!(!output.stderr.contains("leaky-token"), "{output:?}");
    let config = write_config(&dir, "[profiles.default]\nurll = \"x\"\n");
    let output = quay(
        &["user", "get-logged-in-user"],
        &[("QUAY_CONFIG", config.as_str())],
        "",
    )
    .await;
    assert_eq!(output.code, 2, "{output:?}");
    assert!(output.stderr.contains("urll"), "{output:?}");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn the_token_is_refused_over_plain_http_to_a_remote_host_and_never_shown() {
    let output = quay(
        &[
            "--url",
            "http://quay.example.com",
            "--token",
            "plain-secret",
            "user",
            "get-logged-in-user",
        ],
        &[],
        "",
    )
    .await;
    assert_eq!(output.code, 2, "{output:?}");
    assert!(output.stderr.contains("plain http://"), "{output:?}");
    assert!(!output.stderr.contains("plain-secret") && !output.stdout.contains("plain-secret"));
}

#[tokio::test]
async fn without_a_url_the_error_says_how_to_give_one() {
    let output = quay(
        &["user", "get-logged-in-user"],
        &[("HOME", "/nonexistent")],
        "",
    )
    .await;
    assert_eq!(output.code, 2, "{output:?}");
    assert!(
        output.stderr.contains("no Quay URL") && output.stderr.contains("QUAY_URL"),
        "{output:?}"
    );
}

#[tokio::test]
async fn token_files_are_read_trimmed_and_a_missing_one_is_named() {
    let server = user_server("file", "from-file").await;
    let dir = scratch("token-file");
    let file = dir.join("token");
    std::fs::write(&file, "  from-file\n").expect("token");
    let file = file.display().to_string();
    let url = server.uri();
    let output = quay(
        &[
            "--url",
            url.as_str(),
            "--token-file",
            file.as_str(),
            "user",
            "get-logged-in-user",
        ],
        &[("QUAY_TOKEN", "env-token")],
        "",
    )
    .await;
    assert_eq!(output.stdout, "{\"server\":\"file\"}\n", "{output:?}");
    let output = quay(
        &[
            "--url",
            url.as_str(),
            "--token-file",
            "/nonexistent/token",
            "user",
            "get-logged-in-user",
        ],
        &[],
        "",
    )
    .await;
    assert_eq!(output.code, 2, "{output:?}");
    assert!(output.stderr.contains("/nonexistent/token"), "{output:?}");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}
