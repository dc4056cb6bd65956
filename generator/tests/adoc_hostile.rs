//! The AsciiDoc front-end against hostile trees: includes that try to leave the docs tree through
//! links, include and attribute "bombs" that would expand without bound, and the bytes-in entry
//! point used by the fuzz target and the property tests.

use std::path::Path;

use quay_codegen::diagnostics::{Diagnostic, DiagnosticKind};
use quay_codegen::frontend::adoc::{parse, parse_assembly_bytes};
use quay_codegen::frontend::{ParseError, Parsed};

/// Writes `files` (relative path, content) under a fresh directory and returns it.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, content) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(&path, content).expect("write fixture");
    }
    dir
}

fn parse_ok(root: &Path) -> Parsed {
    match parse(root) {
        Ok(parsed) => parsed,
        Err(err) => panic!("parse failed: {err}"),
    }
}

fn only(parsed: &Parsed, kind: DiagnosticKind) -> Vec<&Diagnostic> {
    parsed
        .diagnostics
        .iter()
        .filter(|d| d.kind == kind)
        .collect()
}

/// One entry, so that the document is an API reference whatever else happens.
const ENTRY: &str = "= things\n\n== getThing\n\n=== GET /api/v1/thing\n\n";

#[test]
fn bytes_entry_point_reads_like_the_file() {
    let master = format!("= API\n\n{ENTRY}include::more.adoc[leveloffset=+1]\n");
    let dir = tree(&[
        ("api/master.adoc", master.as_str()),
        ("api/more.adoc", "= getOther\n\n== GET /api/v1/other\n"),
    ]);
    let from_disk = parse_ok(dir.path());
    let from_bytes =
        parse_assembly_bytes(dir.path(), "api/master.adoc", master.into_bytes()).expect("parses");
    assert_eq!(from_bytes.spec, from_disk.spec);
    assert_eq!(from_bytes.diagnostics, from_disk.diagnostics);
    assert_eq!(from_bytes.spec.operations.len(), 2);
}

#[test]
fn bytes_entry_point_refuses_a_name_outside_the_tree() {
    let dir = tree(&[]);
    for name in ["../master.adoc", "", "api/../../x.adoc"] {
        let err =
            parse_assembly_bytes(dir.path(), name, ENTRY.as_bytes().to_vec()).expect_err("refused");
        assert!(
            matches!(err, ParseError::NotAnApiReference { .. }),
            "{name}: {err}"
        );
    }
}

#[test]
fn bytes_entry_point_with_a_missing_root_is_an_error() {
    let dir = tree(&[]);
    let err = parse_assembly_bytes(&dir.path().join("gone"), "master.adoc", Vec::new())
        .expect_err("no root");
    assert!(err.to_string().contains("gone"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_directory_pointing_outside_is_refused() {
    let outer = tree(&[("modules/stolen.adoc", "= stolen\n\n== GET /api/v1/stolen\n")]);
    let master = format!("= API\n\n{ENTRY}include::modules/stolen.adoc[leveloffset=+1]\n");
    let dir = tree(&[("api/master.adoc", master.as_str())]);
    std::os::unix::fs::symlink(outer.path().join("modules"), dir.path().join("api/modules"))
        .expect("symlink");
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::ForbiddenInclude);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert!(
        found[0].message.contains("modules/stolen.adoc"),
        "{}",
        found[0]
    );
    assert!(found[0].message.contains("outside"), "{}", found[0]);
    assert_eq!(found[0].location.line, 9);
    assert_eq!(
        parsed.spec.operations.len(),
        1,
        "the stolen entry is not read"
    );
}

#[cfg(unix)]
#[test]
fn a_relative_symlink_chain_that_climbs_out_is_refused() {
    // `api/up` -> `..` is the root, inside the tree; `up/api/up/..` is the root's parent.
    let outer = tree(&[("secret.adoc", "= x\n")]);
    let root = outer.path().join("docs");
    let master = format!("= API\n\n{ENTRY}include::up/api/up/../secret.adoc[]\n");
    std::fs::create_dir_all(root.join("api")).expect("mkdir");
    std::fs::write(root.join("api/master.adoc"), master).expect("write");
    std::os::unix::fs::symlink("..", root.join("api/up")).expect("symlink");
    let parsed = parse_ok(&root);
    let found = only(&parsed, DiagnosticKind::ForbiddenInclude);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert!(found[0].message.contains("secret.adoc"), "{}", found[0]);
}

#[cfg(unix)]
#[test]
fn a_real_symlink_loop_is_an_error() {
    let master = format!("= API\n\n{ENTRY}include::a/x.adoc[]\n");
    let dir = tree(&[("api/master.adoc", master.as_str())]);
    std::os::unix::fs::symlink("b", dir.path().join("api/a")).expect("symlink");
    std::os::unix::fs::symlink("a", dir.path().join("api/b")).expect("symlink");
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::ForbiddenInclude);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert!(found[0].message.contains("links"), "{}", found[0]);
}

#[test]
fn a_git_symlink_with_an_absolute_target_outside_is_refused() {
    let outer = tree(&[("modules/stolen.adoc", "= stolen\n\n== GET /api/v1/stolen\n")]);
    let link = format!("{}/", outer.path().join("modules").display());
    let master = format!("= API\n\n{ENTRY}include::modules/stolen.adoc[leveloffset=+1]\n");
    let dir = tree(&[
        ("api/master.adoc", master.as_str()),
        ("api/modules", link.as_str()),
    ]);
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::ForbiddenInclude);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert!(found[0].message.contains("outside"), "{}", found[0]);
    assert_eq!(parsed.spec.operations.len(), 1);
}

#[test]
fn a_git_symlink_inside_the_tree_with_an_absolute_target_is_followed() {
    let dir = tree(&[("modules/more.adoc", "= getOther\n\n== GET /api/v1/other\n")]);
    let canonical = dir.path().canonicalize().expect("canonical");
    let link = format!("{}/", canonical.join("modules").display());
    let master = format!("= API\n\n{ENTRY}include::modules/more.adoc[leveloffset=+1]\n");
    std::fs::create_dir_all(dir.path().join("api")).expect("mkdir");
    std::fs::write(dir.path().join("api/master.adoc"), master).expect("write");
    std::fs::write(dir.path().join("api/modules"), link).expect("write");
    let parsed = parse_ok(dir.path());
    assert_eq!(parsed.errors().count(), 0, "{:#?}", parsed.diagnostics);
    assert_eq!(parsed.spec.operations.len(), 2);
}

/// `:a1: {a0}{a0}`, `:a2: {a1}{a1}`, ...: each attribute doubles the last ("billion laughs").
/// Unbounded, 64 lines would ask for 2^64 bytes.
#[test]
fn attribute_expansion_is_bounded() {
    let mut master = String::from(":a0: 0123456789abcdef\n");
    for level in 1..64 {
        let previous = level - 1;
        master.push_str(&format!(":a{level}: {{a{previous}}}{{a{previous}}}\n"));
    }
    master.push_str(&format!("= API\n\n{ENTRY}Text {{a63}}{{a63}}{{a63}}.\n"));
    let dir = tree(&[]);
    let parsed =
        parse_assembly_bytes(dir.path(), "api/master.adoc", master.into_bytes()).expect("parses");
    assert_eq!(parsed.spec.operations.len(), 1);
    let found = only(&parsed, DiagnosticKind::UnexpectedContent);
    assert!(
        found.iter().any(|d| d.message.contains("attribute")),
        "the truncation is reported: {:#?}",
        parsed.diagnostics
    );
}

/// Each file includes the next one twice: 2^depth copies of the last file.
#[test]
fn include_fan_out_is_bounded() {
    let depth = 40;
    let mut files: Vec<(String, String)> = (0..depth)
        .map(|i| {
            let next = format!("include::f{}.adoc[]\n", i + 1);
            (format!("api/f{i}.adoc"), next.repeat(2))
        })
        .collect();
    files.push((format!("api/f{depth}.adoc"), "Some text.\n".into()));
    files.push((
        "api/master.adoc".into(),
        format!("= API\n\n{ENTRY}include::f0.adoc[]\n"),
    ));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = tree(&borrowed);
    let parsed = parse_ok(dir.path());
    assert_eq!(parsed.spec.operations.len(), 1);
    let found = only(&parsed, DiagnosticKind::ForbiddenInclude);
    assert_eq!(found.len(), 1, "reported once: {:#?}", parsed.diagnostics);
    assert!(found[0].message.contains("lines"), "{}", found[0]);
}

/// `array of array of ... string` nested thousands deep: a spec that later stages (serde_json
/// reads at most 128 levels, the emitter writes `Vec<Vec<...>>`) cannot take, and a recursion
/// that could overflow the stack. It is an unknown schema, reported at its row.
#[test]
fn absurdly_nested_array_schemas_are_unknown() {
    let schema = format!("{}string", "array of ".repeat(10_000));
    let master = format!(
        "= API\n\n{ENTRY}**Authorizations: **\n\n=== Responses\n\n|===\n|HTTP Code|Description|Schema\n|200|OK|{schema}\n|===\n"
    );
    let dir = tree(&[]);
    let parsed =
        parse_assembly_bytes(dir.path(), "api/master.adoc", master.into_bytes()).expect("parses");
    let found = only(&parsed, DiagnosticKind::UnknownSchema);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert_eq!(found[0].location.line, 15, "the row");
    let json = parsed.spec.to_json();
    let back: quay_codegen::spec::Spec = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, parsed.spec);
}
