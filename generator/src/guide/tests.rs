use super::*;
use crate::infer;
use crate::spec::{testing, InferredType, Method};

fn at(file: &str, line: u32) -> Location {
    Location {
        file: file.into(),
        line,
    }
}

fn listing(title: Option<&str>, content: &str, line: u32) -> Listing {
    Listing {
        title: title.map(str::to_string),
        content: content.to_string(),
        location: at("modules/proc.adoc", line),
    }
}

fn spec(operations: &[(&str, Method, &str)]) -> Spec {
    testing::spec(
        operations
            .iter()
            .map(|(name, method, path)| testing::operation(name, *method, path))
            .collect(),
    )
}

fn fixture_spec() -> Spec {
    spec(&[
        ("createWidget", Method::Post, "/api/v1/widget"),
        ("getWidget", Method::Get, "/api/v1/widget/{widget_id}"),
        ("getGadget", Method::Get, "/api/v1/{kind}/{id}"),
        ("getGizmo", Method::Get, "/api/v1/{sort}/{id}"),
    ])
}

#[test]
fn outputs_pair_with_the_command_right_before_them() {
    let listings = [
        listing(
            None,
            "$ curl -X POST -d '{\"n\": 1}' https://h/api/v1/widget",
            10,
        ),
        listing(Some("Example output"), "{\"id\": 1}", 14),
        listing(None, "$ podman run registry/image", 20),
        listing(Some("Example output"), "started", 24),
        listing(
            None,
            "$ curl https://h/api/v1/widget/1\n$ curl https://h/api/v1/widget/2",
            30,
        ),
        listing(Some("Example output"), "{\"id\": 2}", 35),
        listing(None, "$ curl https://h/api/v1/widget/3", 40),
    ];
    let paired = pair_examples(&listings);
    assert_eq!(paired.examples.len(), 4);
    assert_eq!(paired.examples[0].output.as_deref(), Some("{\"id\": 1}"));
    assert_eq!(
        paired.examples[0].output_location,
        Some(at("modules/proc.adoc", 14))
    );
    assert_eq!(paired.examples[1].output, None);
    assert_eq!(paired.examples[2].output.as_deref(), Some("{\"id\": 2}"));
    assert_eq!(paired.examples[3].output, None);
    assert_eq!(paired.orphan_outputs, vec![at("modules/proc.adoc", 24)]);
}

#[test]
fn commands_match_one_operation_or_are_reported() {
    let listings = [
        listing(None, "$ curl -X POST -d '{}' https://h/api/v1/widget", 10),
        listing(Some("Example output"), "{\"id\": 7, \"name\": \"w\"}", 12),
        listing(None, "$ curl https://<host>/api/v1/widget/<widget_id>", 20),
        listing(Some("Example output"), "{\"id\": 7}", 22),
        listing(None, "$ curl -X DELETE https://h/api/v1/widget/7", 30),
        listing(None, "$ curl https://h/api/v1/things/9", 40),
        listing(None, "$ curl -X FETCH https://h/api/v1/widget", 50),
    ];
    let spec = fixture_spec();
    let report = match_examples(&spec, &pair_examples(&listings));
    assert_eq!(report.commands, 5);
    assert_eq!(report.commands_matched, 2);
    assert_eq!(report.commands_unparsable, 1);
    assert_eq!(report.outputs, 2);
    let operations: Vec<&str> = report
        .samples
        .iter()
        .map(|s| s.operation.as_str())
        .collect();
    assert_eq!(operations, ["createWidget", "getWidget"]);
    assert_eq!(report.samples[1].location, at("modules/proc.adoc", 22));
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        shown,
        [
            "modules/proc.adoc:30: warning[unmatched_guide_example]: guide command DELETE /api/v1/widget/7 matches no operation",
            "modules/proc.adoc:40: warning[unmatched_guide_example]: guide command GET /api/v1/things/9 matches several operations equally well: getGadget, getGizmo",
            "modules/proc.adoc:50: warning[unparsable_example_command]: guide command cannot be read: `-X FETCH` is not an HTTP method the API uses",
        ]
    );
}

#[test]
fn commands_the_reference_already_holds_are_not_counted_twice() {
    let listings = [
        listing(None, "$ curl https://h/api/v1/widget/1", 10),
        listing(Some("Example output"), "{\"id\": 1}", 12),
        listing(None, "$ curl https://h/api/v1/widget/2", 20),
    ];
    let mut spec = fixture_spec();
    spec.operations[1].examples.push(crate::spec::Example {
        command: listings[0].content.clone(),
        output: Some(listings[1].content.clone()),
        location: at("modules/proc.adoc", 10),
        request: None,
        exceptions: Vec::new(),
    });
    let report = match_examples(&spec, &pair_examples(&listings));
    assert_eq!(report.commands, 2);
    assert_eq!(report.commands_in_reference, 1);
    assert_eq!(report.commands_matched, 1);
    assert_eq!(report.outputs, 0);
    assert!(report.samples.is_empty());
}

/// A chapter in the plain-text form of the seed: indented command with callouts, explanations,
/// then an `Example output` paragraph.
const PLAIN_CHAPTER: &str = "\
Procedure

  * Create a widget:

    $ curl -X POST \\
      -H \"Authorization: Bearer <access_token>\" 1
      -d '{
        \"name\": \"Sprocket\" 2
      }' \\
      \"http://registry.example.org/api/v1/widget\" 3
    1
    The access token.
    2
    The name.

    Example output

    {\"widget\": {\"id\": 12, \"name\": \"Sprocket\", \"expires\": null, \"weight\": 1.5}}

Verification
";

#[test]
fn plain_text_chapter_yields_its_typed_response() {
    let listings = plain::listings(PLAIN_CHAPTER, "chapter.txt");
    assert_eq!(listings.len(), 2, "{listings:#?}");
    assert_eq!(listings[0].location, at("chapter.txt", 5));
    assert!(listings[1].is_output());
    assert_eq!(listings[1].location, at("chapter.txt", 18));

    let mut spec = fixture_spec();
    let report = match_examples(&spec, &pair_examples(&listings));
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let filled = infer::fill_response_schemas(&mut spec, &report.samples);
    assert_eq!(filled.operations_with_schema, 1);
    let schema = spec.operations[0].response_schema.as_ref().unwrap();
    assert_eq!(
        schema.body,
        InferredType::Struct {
            name: "CreateWidgetResponse".into()
        }
    );
    let widget = schema
        .types
        .iter()
        .find(|t| t.name == "CreateWidgetWidget")
        .unwrap();
    let kinds: Vec<(&str, bool, &InferredType)> = widget
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.optional, &f.ty))
        .collect();
    assert_eq!(
        kinds,
        [
            ("id", false, &InferredType::Integer),
            ("name", false, &InferredType::String),
            ("expires", true, &InferredType::Any),
            ("weight", false, &InferredType::Number),
        ]
    );
    assert_eq!(schema.provenance, vec![at("chapter.txt", 18)]);
}

mod tree {
    use super::*;
    use std::path::{Path, PathBuf};

    struct TempTree(PathBuf);

    impl TempTree {
        fn new(name: &str) -> TempTree {
            let dir = std::env::temp_dir()
                .join(format!("quay-codegen-guide-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempTree(dir)
        }

        fn write(&self, rel: &str, text: &str) {
            let path = self.0.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }

        fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempTree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn follows_includes_through_link_files_and_keeps_titles() {
        let tree = TempTree::new("includes");
        tree.write(
            "api/master.adoc",
            "= Guide\ninclude::modules/widgets.adoc[leveloffset=+1]\ninclude::modules/missing.adoc[]\ninclude::../../outside.adoc[]\n",
        );
        // A git symlink stored as a file holding its target.
        tree.write("api/modules", "../modules/");
        tree.write(
            "modules/widgets.adoc",
            "= Widgets\n\n////\n----\ncommented out\n----\n////\n// a comment\n. Create a widget:\n+\n[source,terminal]\n----\n$ curl -X POST https://h/api/v1/widget\n----\n+\n.Example output\n[source,terminal]\n----\n{\"id\": 1}\n----\n",
        );
        let read = source::read_listings(tree.path()).unwrap();
        assert_eq!(read.listings.len(), 2, "{:#?}", read.listings);
        assert_eq!(read.listings[0].title, None);
        assert_eq!(read.listings[0].location, at("modules/widgets.adoc", 12));
        assert!(read.listings[1].is_output());
        assert_eq!(read.listings[1].content, "{\"id\": 1}");
        let kinds: Vec<_> = read.diagnostics.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            [
                DiagnosticKind::UnresolvedInclude,
                DiagnosticKind::ForbiddenInclude
            ]
        );
        assert_eq!(read.diagnostics[0].location, at("api/master.adoc", 3));
    }

    #[test]
    fn include_loops_stop() {
        let tree = TempTree::new("loop");
        tree.write("api/master.adoc", "include::a.adoc[]\n");
        tree.write(
            "api/a.adoc",
            "include::master.adoc[]\n----\n$ curl https://h/api/v1/x\n----\n",
        );
        let read = source::read_listings(tree.path()).unwrap();
        assert_eq!(read.listings.len(), 1);
        assert_eq!(read.diagnostics[0].kind, DiagnosticKind::ForbiddenInclude);
    }

    #[test]
    fn a_tree_without_assembly_is_an_error() {
        let tree = TempTree::new("empty");
        let err = source::read_listings(tree.path()).unwrap_err();
        assert!(err.to_string().contains("no guide assembly"), "{err}");
    }
}
