//! Property tests: the AsciiDoc front-end never panics or hangs on damaged documents.
//!
//! Each case damages a document (see `mutation`) and parses it. It must end as `Ok(Parsed)` whose
//! diagnostics point into files that were read and whose spec survives a JSON round trip, or as a
//! `ParseError` that names the input. Inputs are bounded (a few kilobytes plus at most one
//! 100 kB line per mutation), so every parse is quick by construction.
//!
//! Damaged fixtures are our own small tree; damaged real entries come from `../shared` at test
//! time (skipped, or failed under `CI=true`, without it).

mod mutation;

use std::path::{Path, PathBuf};

use generator::frontend::adoc;
use generator::frontend::{ParseError, Parsed};
use generator::spec::Spec;
use integration_tests::{shared_docs, ADOC_VERSIONS};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use mutation::{apply, mutations, Mutation};

/// A small 3.14-style tree: assembly, git symlinks, attributes, a group, an entry, definitions.
const FIXTURE: [(&str, &str); 7] = [
    (
        "api_reference/master.adoc",
        "include::_attributes/attributes.adoc[]\n[id=\"api\"]\n= {productname} API\n\ninclude::modules/group.adoc[leveloffset=+1]\ninclude::modules/entry.adoc[leveloffset=+2]\ninclude::modules/definitions.adoc[leveloffset=+1]\n",
    ),
    ("api_reference/modules", "../modules/"),
    ("api_reference/_attributes/attributes.adoc", "../../_attributes/attributes.adoc"),
    (
        "_attributes/attributes.adoc",
        ":productname: Example Registry\nifeval::[\"{productname}\" == \"Example Registry\"]\n:producty: 1.2\nendif::[]\n",
    ),
    ("modules/group.adoc", "[id=\"widgets\"]\n= widgets\n\nWidgets of a user.\n"),
    (
        "modules/entry.adoc",
        "[id=\"makewidget\"]\n= makeWidget\n\nMake a widget.\n\n== POST /api/v1/user/{owner}/widget\n\n**Authorizations: **oauth2_implicit (**user:admin**)\n\n== Path parameters\n\n|===\n|Type|Name|Description|Schema\n|path|**owner**\n \n_required_|The owner|string\n|===\n\n== Request body schema (application/json)\n\n|===\n|Name|Description|Schema\n|**label** +\n_required_|Label|string\n|**tags**\n \n_optional_|Tags|array of string +\n \n`non-empty` `unique`\n|===\n\n== Responses\n\n|===\n|HTTP Code|Description|Schema\n|201|Made|\n|400|Bad|&lt;&lt;_apierror,ApiError&gt;&gt;\n|===\n\n== Example command\n[source,terminal]\n----\n$ curl -X POST \"https://registry.example.com/api/v1/user/bob/widget\"\n----\n",
    ),
    (
        "modules/definitions.adoc",
        "[id=\"definitions\"]\n= Definitions\n\n[id=\"_apierror\"]\n== ApiError\n\n|===\n|Name|Description|Schema\n|**status** +\n_optional_|Status|integer\n|===\n",
    ),
];

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Shrinking re-parses many times; a failure is reported well enough after a few steps.
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

/// Writes the fixture with file `damaged` (an index into [`FIXTURE`]) replaced by `bytes`.
fn write_fixture(damaged: usize, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (index, (rel, content)) in FIXTURE.iter().enumerate() {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        let content = if index == damaged {
            bytes
        } else {
            content.as_bytes()
        };
        std::fs::write(&path, content).expect("write fixture");
    }
    dir
}

/// The outcome every parse must have: a usable spec with located diagnostics, or an error that
/// names what it could not read.
fn check(outcome: Result<Parsed, ParseError>, input: &Path) -> Result<(), TestCaseError> {
    let parsed = match outcome {
        Ok(parsed) => parsed,
        Err(err) => {
            let message = err.to_string();
            let named = input.file_name().and_then(|n| n.to_str()).unwrap_or("");
            prop_assert!(
                message.contains(named),
                "the error names the input `{}`: {}",
                named,
                message
            );
            return Ok(());
        }
    };
    for diagnostic in &parsed.diagnostics {
        prop_assert!(
            parsed.spec.source.files.contains(&diagnostic.location.file),
            "diagnostic in a file that was not read: {}",
            diagnostic
        );
        prop_assert!(diagnostic.location.line >= 1, "{}", diagnostic);
    }
    let json = parsed.spec.to_json();
    let back: Spec = serde_json::from_str(&json)
        .map_err(|err| TestCaseError::fail(format!("spec JSON does not read back: {err}")))?;
    prop_assert_eq!(&back, &parsed.spec);
    Ok(())
}

proptest! {
    #![proptest_config(config(96))]

    /// Any file of the fixture tree damaged: assembly, links, attributes, entry, definitions.
    #[test]
    fn damaged_fixture_trees_parse_or_fail_cleanly(
        damaged in 0..FIXTURE.len(),
        damage in mutations(),
    ) {
        let bytes = apply(FIXTURE[damaged].1.as_bytes(), &damage);
        let dir = write_fixture(damaged, &bytes);
        let first = adoc::parse(dir.path());
        let again = adoc::parse(dir.path());
        // Deterministic, whatever the damage.
        prop_assert_eq!(
            first.as_ref().map(|p| (&p.spec, &p.diagnostics)).map_err(ToString::to_string),
            again.as_ref().map(|p| (&p.spec, &p.diagnostics)).map_err(ToString::to_string)
        );
        check(first, &dir.path().join("api_reference/master.adoc"))?;
    }
}

/// The files of the shared reference modules (each one entry, a group or the definitions) of
/// every version, or `None` (skipped) without `../shared`.
fn real_modules() -> Option<Vec<PathBuf>> {
    let docs = shared_docs()?;
    let mut files = Vec::new();
    for (version, _) in ADOC_VERSIONS {
        let modules = docs.join("adoc").join(version).join("modules");
        let Ok(entries) = std::fs::read_dir(&modules) else {
            continue;
        };
        files.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "adoc")),
        );
    }
    files.sort();
    assert!(!files.is_empty(), "no modules under {}", docs.display());
    Some(files)
}

#[test]
fn damaged_real_modules_parse_or_fail_cleanly() {
    let Some(modules) = real_modules() else {
        return;
    };
    let empty_root = tempfile::tempdir().expect("temp dir");
    let mut runner = proptest::test_runner::TestRunner::new(config(128));
    let result = runner.run(
        &(0..modules.len(), mutations()),
        |(which, damage): (usize, Vec<Mutation>)| {
            let original = std::fs::read(&modules[which]).expect("read a shared module");
            let bytes = apply(&original, &damage);
            // A module read on its own, as an assembly: includes of siblings resolve nowhere.
            let outcome = adoc::parse_assembly_bytes(empty_root.path(), "api/master.adoc", bytes);
            check(outcome, Path::new("api/master.adoc"))
        },
    );
    if let Err(err) = result {
        panic!("{err}");
    }
}

#[test]
fn damaged_real_assemblies_parse_or_fail_cleanly() {
    let Some(docs) = shared_docs() else {
        return;
    };
    let trees: Vec<(PathBuf, &str)> = ADOC_VERSIONS
        .iter()
        .map(|(version, _)| docs.join("adoc").join(version))
        .filter_map(|tree| {
            ["api_reference/master.adoc", "api/master.adoc"]
                .into_iter()
                .find(|rel| tree.join(rel).is_file())
                .map(|rel| (tree, rel))
        })
        .collect();
    assert_eq!(
        trees.len(),
        ADOC_VERSIONS.len(),
        "every version has an assembly"
    );
    // Each case reads a whole real reference (about 13,000 lines): fewer cases.
    let mut runner = proptest::test_runner::TestRunner::new(config(24));
    let result = runner.run(
        &(0..trees.len(), mutations()),
        |(which, damage): (usize, Vec<Mutation>)| {
            let (tree, assembly) = &trees[which];
            let original = std::fs::read(tree.join(assembly)).expect("read a shared assembly");
            let bytes = apply(&original, &damage);
            // The real tree, read-only, with a damaged assembly: includes dropped, reordered,
            // duplicated or pointing anywhere.
            let outcome = adoc::parse_assembly_bytes(tree, assembly, bytes);
            check(outcome, &tree.join(assembly))
        },
    );
    if let Err(err) = result {
        panic!("{err}");
    }
}

/// The fixture is a real reference when undamaged, so the damage is done to something that
/// reaches every stage of the reader.
#[test]
fn undamaged_fixture_reads_its_entry() {
    let no_file_damaged = usize::MAX;
    let dir = write_fixture(no_file_damaged, b"");
    let parsed = adoc::parse(dir.path()).expect("the fixture parses");
    assert_eq!(parsed.errors().count(), 0, "{:#?}", parsed.diagnostics);
    let op = &parsed.spec.operations[0];
    assert_eq!(op.name, "makeWidget");
    assert_eq!(op.path_params.len(), 1);
    assert_eq!(op.responses.len(), 2);
    assert_eq!(parsed.spec.definitions.len(), 1);
    assert_eq!(parsed.spec.source.docs_version.as_deref(), Some("1.2"));
}
