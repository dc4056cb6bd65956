//! The plain-text guide chapter in `../shared/seed` shows `createAppToken`'s answer
//! (`{"token": {...}}`); it must decode into the typed response the client returns for that
//! operation, field by field, and re-encode without loss. Skipped without `../shared`, a failure
//! under `CI=true`.
//!
//! It lives here, outside the generated crate, because it names a type of the committed 3.18
//! client: the generated crate's own tests must compile for the spec of any version.

use std::path::{Path, PathBuf};

use generator::examples::round_trip;
use generator::spec::Spec;
use quay_client::models::CreateAppTokenResponse;

fn project_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn seed_chapters() -> Option<Vec<PathBuf>> {
    let dir = project_root().join("..").join("shared").join("seed");
    if !dir.is_dir() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but {} is missing", dir.display());
        }
        eprintln!("SKIPPED: {} is missing", dir.display());
        return None;
    }
    let mut chapters: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    chapters.sort();
    Some(chapters)
}

#[test]
fn the_seed_create_app_token_output_decodes_into_its_typed_response() {
    let Some(chapters) = seed_chapters() else {
        return;
    };
    let spec_path = project_root().join("spec").join("quay-api.json");
    let spec = Spec::from_json(&std::fs::read_to_string(&spec_path).expect("committed spec"))
        .expect("committed spec reads");
    let mut outputs = Vec::new();
    for chapter in &chapters {
        let text = std::fs::read_to_string(chapter).expect("chapter reads");
        let file = chapter.display().to_string();
        let samples = round_trip::plain_chapter_samples(&spec, &text, &file);
        outputs.extend(
            round_trip::success_outputs(&spec, &samples)
                .into_iter()
                .filter(|o| o.operation == "createAppToken" && o.location.file == file),
        );
    }
    assert!(
        !outputs.is_empty(),
        "no createAppToken output in {chapters:?}"
    );
    for output in outputs {
        let typed: CreateAppTokenResponse = serde_json::from_value(output.value.clone())
            .unwrap_or_else(|err| {
                panic!("{}:{}: {err}", output.location.file, output.location.line)
            });
        let original = &output.value["token"];
        assert_eq!(
            typed.token.uuid,
            original["uuid"].as_str().unwrap_or_default()
        );
        assert_eq!(
            typed.token.title,
            original["title"].as_str().unwrap_or_default()
        );
        assert!(!typed.token.token_code.is_empty(), "token_code is read");
        let debug = format!("{typed:?}");
        assert!(
            !debug.contains(&typed.token.token_code) && debug.contains("[redacted]"),
            "Debug must not show the token: {debug}"
        );
        let again = serde_json::to_value(&typed).expect("re-encodes");
        let lost = round_trip::lost_values(&output.value, &again);
        assert!(lost.is_empty(), "lost {lost:?}");
    }
}
