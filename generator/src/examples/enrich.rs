//! The whole example stage in one call, for the command line: parse every entry's commands,
//! read the guide (when given), match its commands, and infer every response schema.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::guide::{self, source, GuideError};
use crate::infer;
use crate::spec::{GuideSource, Spec};

use super::{count, read_requests, ExampleCounts};

/// What [`enrich_spec`] did.
#[derive(Debug, Clone, Default)]
pub struct Enrichment {
    /// The entries' own example commands and outputs.
    pub reference: ExampleCounts,
    /// The guide's commands and outputs, when a guide was read.
    pub guide: Option<guide::GuideReport>,
    pub schemas: infer::FillReport,
    /// Every problem found, in the order: entry commands, guide, inference.
    pub diagnostics: Vec<Diagnostic>,
}

/// Fills `request` of every example and `response_schema` of every operation of `spec`, using the
/// guide tree at `guide_root` (a directory holding `api/master.adoc`) as a further source of
/// outputs. An unreadable guide is an error and leaves `spec` untouched.
pub fn enrich_spec(spec: &mut Spec, guide_root: Option<&Path>) -> Result<Enrichment, GuideError> {
    enrich_spec_observed(spec, guide_root, &[])
}

/// [`enrich_spec`] with the server's observed answers as a further source of the response
/// schemas (see [`infer::fill_response_schemas_observed`]).
pub fn enrich_spec_observed(
    spec: &mut Spec,
    guide_root: Option<&Path>,
    observed: &[infer::ServerSample],
) -> Result<Enrichment, GuideError> {
    let guide_listings = guide_root.map(source::read_listings).transpose()?;
    Ok(enrich_spec_read(spec, guide_listings, observed))
}

/// The guide's part of the example stage that needs no spec: its source (file names and content
/// hash) and its commands paired with their outputs. The pipeline makes it on the thread that
/// reads the guide, while the docs are parsed.
#[derive(Debug, Clone)]
pub struct PreparedGuide {
    source: GuideSource,
    diagnostics: Vec<Diagnostic>,
    paired: guide::Paired,
}

impl PreparedGuide {
    pub fn new(read: source::GuideListings) -> PreparedGuide {
        PreparedGuide {
            source: GuideSource {
                files: read.files.iter().map(|(name, _)| name.clone()).collect(),
                content_hash: crate::frontend::content_hash(&read.files),
            },
            diagnostics: read.diagnostics,
            paired: guide::pair_examples(&read.listings),
        }
    }
}

/// [`enrich_spec_observed`] with the guide already read (the pipeline reads it while the docs
/// are parsed).
pub fn enrich_spec_read(
    spec: &mut Spec,
    guide_listings: Option<source::GuideListings>,
    observed: &[infer::ServerSample],
) -> Enrichment {
    enrich_spec_prepared(spec, guide_listings.map(PreparedGuide::new), observed)
}

/// [`enrich_spec_read`] with the guide's spec-independent part already done.
pub fn enrich_spec_prepared(
    spec: &mut Spec,
    guide: Option<PreparedGuide>,
    observed: &[infer::ServerSample],
) -> Enrichment {
    // The entries' commands are parsed on a second thread while the guide's commands are matched
    // to operations: both only read the spec, and the inference after them waits for both.
    let (requests, guide) = std::thread::scope(|scope| {
        let reading = scope.spawn(|| read_requests(spec));
        let guide = guide.map(|prepared| {
            let report = guide::match_examples(spec, &prepared.paired);
            (prepared.source, prepared.diagnostics, report)
        });
        let requests = reading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (requests, guide)
    });
    let mut diagnostics = requests.fill(spec);
    let guide = guide.map(|(source, read_diagnostics, report)| {
        spec.source.guide = Some(source);
        diagnostics.extend(read_diagnostics);
        diagnostics.extend(report.diagnostics.iter().cloned());
        report
    });
    let samples = guide.as_ref().map_or(&[][..], |g| g.samples.as_slice());
    let schemas = infer::fill_response_schemas_observed(spec, samples, observed);
    diagnostics.extend(schemas.diagnostics.iter().cloned());
    Enrichment {
        reference: count(spec),
        guide,
        schemas,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{testing, Example, Location, Method};

    fn spec() -> Spec {
        let mut operation = testing::operation("getWidget", Method::Get, "/api/v1/widget/{id}");
        operation.examples = vec![Example {
            command: "curl https://h/api/v1/widget/<id>".into(),
            output: Some("{\"id\": 1}".into()),
            location: Location {
                file: "modules/ref.adoc".into(),
                line: 9,
            },
            request: None,
            exceptions: Vec::new(),
        }];
        testing::spec(vec![operation])
    }

    #[test]
    fn entries_and_guide_feed_one_schema() {
        let dir = std::env::temp_dir().join(format!("quay-codegen-enrich-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("api")).unwrap();
        std::fs::write(
            dir.join("api/master.adoc"),
            "----\n$ curl https://h/api/v1/widget/7\n----\n.Example output\n----\n{\"id\": 7, \"tag\": \"x\"}\n----\n",
        )
        .unwrap();
        let mut spec = spec();
        let result = enrich_spec(&mut spec, Some(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
        let enrichment = result.unwrap();
        assert!(
            enrichment.diagnostics.is_empty(),
            "{:?}",
            enrichment.diagnostics
        );
        assert_eq!(enrichment.reference.commands_parsed, 1);
        assert_eq!(enrichment.guide.as_ref().unwrap().commands_matched, 1);
        let schema = spec.operations[0].response_schema.as_ref().unwrap();
        assert_eq!(schema.provenance.len(), 2);
        assert_eq!(schema.provenance[1].file, "api/master.adoc");
        let guide = spec
            .source
            .guide
            .as_ref()
            .expect("the guide is recorded as a source");
        assert_eq!(guide.files, ["api/master.adoc"]);
        assert!(guide.content_hash.starts_with("sha256:"));
        assert!(schema.types[0].fields[1].optional);
    }

    #[test]
    fn missing_guide_is_an_error_and_changes_nothing() {
        let mut spec = spec();
        let before = spec.clone();
        let err = enrich_spec(&mut spec, Some(Path::new("/nonexistent/guide"))).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/guide"), "{err}");
        assert_eq!(spec, before);
        let enrichment = enrich_spec(&mut spec, None).unwrap();
        assert!(enrichment.guide.is_none());
        assert!(spec.operations[0].response_schema.is_some());
    }
}
