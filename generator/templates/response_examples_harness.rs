fn project_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}
/// `path` if it exists; otherwise a failure under `CI=true`, else a skip that says so.
fn required_input(path: PathBuf) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but {} is missing; it is a required input", path.display());
    }
    eprintln!(
        "SKIPPED: {} is missing (set CI=true to make this a failure)", path.display()
    );
    None
}
fn committed_spec() -> Spec {
    let path = project_root().join("spec").join("quay-api.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    Spec::from_json(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}
/// Round-trips every output of a typed operation; returns (outputs decoded, operations).
fn check_round_trips(outputs: &[ExampleOutput]) -> (usize, usize) {
    let mut failures = Vec::new();
    let mut operations = std::collections::BTreeSet::new();
    let mut decoded = 0;
    for output in outputs {
        let at = format!(
            "{}:{} ({})", output.location.file, output.location.line, output.operation
        );
        match round_trip_typed(&output.operation, output.value.clone()) {
            None => {}
            Some(Err(err)) => failures.push(format!("{at}: does not decode: {err}")),
            Some(Ok(again)) => {
                let lost = round_trip::lost_values(&output.value, &again);
                if lost.is_empty() {
                    decoded += 1;
                    operations.insert(output.operation.clone());
                } else {
                    failures.push(format!("{at}: lost {}", lost.join(", ")));
                }
            }
        }
    }
    assert!(
        failures.is_empty(), "{} output(s) failed:\n{}", failures.len(), failures
        .join("\n")
    );
    (decoded, operations.len())
}
#[test]
fn every_reference_and_guide_output_round_trips_through_its_typed_response() {
    let Some(docs) = required_input(
        project_root().join("..").join("shared").join("quay-docs"),
    ) else {
        return;
    };
    let spec = committed_spec();
    let samples = match &spec.source.guide {
        None => Vec::new(),
        Some(_) => {
            let version = spec.source.docs_version.clone().unwrap_or_default();
            let Some(guide) = required_input(docs.join("guide").join(&version)) else {
                return;
            };
            round_trip::guide_tree_samples(&spec, &guide)
                .unwrap_or_else(|err| panic!("{}: {err}", guide.display()))
        }
    };
    let outputs = round_trip::success_outputs(&spec, &samples);
    let (decoded, operations) = check_round_trips(&outputs);
    eprintln!(
        "{decoded} of {} example outputs decoded and re-encoded, {operations} operations covered",
        outputs.len()
    );
    assert!(
        TYPED_FROM_EXAMPLES == 0 || decoded > 0,
        "{TYPED_FROM_EXAMPLES} operation(s) are typed from example outputs, but no output decoded"
    );
    let untyped: std::collections::BTreeSet<&str> = outputs
        .iter()
        .filter(|o| round_trip_typed(&o.operation, o.value.clone()).is_none())
        .map(|o| o.operation.as_str())
        .collect();
    eprintln!("operations with outputs left untyped (no fields to go on): {untyped:?}");
}
#[test]
fn every_plain_text_chapter_output_round_trips_through_its_typed_response() {
    let Some(seed) = required_input(
        project_root().join("..").join("shared").join("seed"),
    ) else {
        return;
    };
    let spec = committed_spec();
    let mut chapters: Vec<PathBuf> = std::fs::read_dir(&seed)
        .unwrap_or_else(|err| panic!("{}: {err}", seed.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    chapters.sort();
    let mut outputs = Vec::new();
    for chapter in &chapters {
        let text = std::fs::read_to_string(chapter)
            .unwrap_or_else(|err| panic!("{}: {err}", chapter.display()));
        let file = chapter.display().to_string();
        let samples = round_trip::plain_chapter_samples(&spec, &text, &file);
        outputs
            .extend(
                round_trip::success_outputs(&spec, &samples)
                    .into_iter()
                    .filter(|o| o.location.file == file),
            );
    }
    let (decoded, operations) = check_round_trips(&outputs);
    eprintln!(
        "{decoded} of {} chapter outputs decoded and re-encoded, {operations} operations covered",
        outputs.len()
    );
}
#[test]
fn every_observed_server_answer_round_trips_through_its_typed_response() {
    let dir = project_root().join("spec").join("observed");
    let spec = committed_spec();
    let merged = spec
        .operations
        .iter()
        .any(|op| op.response_schema.as_ref().is_some_and(|s| s.observed > 0));
    if !merged {
        eprintln!("SKIPPED: the committed spec merged no observed outputs");
        return;
    }
    let outputs: Vec<ExampleOutput> = quay_codegen::server::observed::read_samples(
            &dir,
            "spec/observed",
        )
        .unwrap_or_else(|err| panic!("{err}"))
        .into_iter()
        .map(|s| ExampleOutput {
            operation: s.operation,
            location: s.location,
            value: s.value,
        })
        .collect();
    let (decoded, operations) = check_round_trips(&outputs);
    eprintln!(
        "{decoded} of {} observed outputs decoded and re-encoded, {operations} operations covered",
        outputs.len()
    );
    assert!(decoded > 0, "no observed output decoded");
}
