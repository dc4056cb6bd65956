//! Every example `curl` command of the real docs parses. The commands are collected from the
//! listing blocks (`----`) of the AsciiDoc modules and the fenced blocks of the Markdown
//! renderings directly, so this test does not depend on a front-end.

use std::path::Path;

use generator::examples::curl;
use generator::spec::Method;

/// Listing blocks (between `----` lines) of an AsciiDoc file that contain a curl command.
fn adoc_curl_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in text.lines() {
        if line.trim_end() == "----" {
            match current.take() {
                Some(lines) => blocks.push(lines.join("\n")),
                None => current = Some(Vec::new()),
            }
        } else if let Some(lines) = current.as_mut() {
            lines.push(line);
        }
    }
    blocks.retain(|b| b.contains("curl "));
    blocks
}

/// Fenced code blocks (```) of a Markdown file that contain a curl command.
fn markdown_curl_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            match current.take() {
                Some(lines) => blocks.push(lines.join("\n")),
                None => current = Some(Vec::new()),
            }
        } else if let Some(lines) = current.as_mut() {
            lines.push(line);
        }
    }
    blocks.retain(|b| b.contains("curl "));
    blocks
}

fn modules_of(root: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root.join("modules"))
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("api-") && n.ends_with(".adoc"))
    });
    files.sort();
    files
}

struct Tally {
    parsed: usize,
    failures: Vec<String>,
    bodies_not_json: usize,
}

fn tally(blocks: impl IntoIterator<Item = (String, String)>) -> Tally {
    let mut tally = Tally {
        parsed: 0,
        failures: Vec::new(),
        bodies_not_json: 0,
    };
    for (origin, block) in blocks {
        for result in curl::parse_all(&block) {
            match result {
                Ok(request) => {
                    tally.parsed += 1;
                    assert!(request.path.starts_with('/'), "{origin}: {}", request.path);
                    if curl::body_problem(&request).is_some() {
                        tally.bodies_not_json += 1;
                    }
                }
                Err(err) => tally.failures.push(format!("{origin}: {err}")),
            }
        }
    }
    tally
}

#[test]
fn reference_3_18_commands_parse() {
    let Some(docs) = integration_tests::shared_docs() else {
        return;
    };
    let root = docs.join("adoc").join("3.18");
    let mut blocks = Vec::new();
    for file in modules_of(&root) {
        let text = std::fs::read_to_string(&file).expect("readable module");
        let name = file.display().to_string();
        blocks.extend(
            adoc_curl_blocks(&text)
                .into_iter()
                .map(|b| (name.clone(), b)),
        );
    }
    let tally = tally(blocks);
    eprintln!(
        "3.18 reference: {} commands parsed, {} failed, {} bodies not JSON",
        tally.parsed,
        tally.failures.len(),
        tally.bodies_not_json
    );
    assert!(tally.failures.is_empty(), "{:#?}", tally.failures);
    // 209 of the 218 entries carry a command; some blocks hold two.
    assert!(tally.parsed >= 209, "only {} commands parsed", tally.parsed);
}

#[test]
fn markdown_commands_of_every_version_parse() {
    let Some(docs) = integration_tests::shared_docs() else {
        return;
    };
    for (version, _) in integration_tests::ADOC_VERSIONS {
        let path = docs.join("markdown").join(format!("{version}.md"));
        let text = std::fs::read_to_string(&path).expect("markdown rendering");
        let blocks = markdown_curl_blocks(&text)
            .into_iter()
            .map(|b| (format!("{version}.md"), b));
        let tally = tally(blocks);
        eprintln!(
            "{version}.md: {} parsed, {} failed",
            tally.parsed,
            tally.failures.len()
        );
        assert!(tally.failures.is_empty(), "{:#?}", tally.failures);
    }
}

#[test]
fn seed_create_app_token_command() {
    let Some(docs) = integration_tests::shared_docs() else {
        return;
    };
    let seed = docs
        .join("..")
        .join("seed")
        .join("000_e33cba0abae4b242.txt");
    let text = std::fs::read_to_string(&seed).expect("seed chapter");
    let start = text
        .find("$ curl -X POST")
        .expect("the seed's POST example");
    let request = curl::parse(&text[start..]).expect("parses");
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.path, "/api/v1/user/apptoken");
    assert_eq!(
        request
            .body
            .as_ref()
            .and_then(|b| b.get("title"))
            .and_then(|t| t.as_str()),
        Some("MyAppToken")
    );
}
