//! Diffs each pair of consecutive docs versions in `../shared` and checks the operation counts
//! against set arithmetic done here, independently of the differ.
//!
//! Definitions checked (see `generator::diff`): with `gone` = old names not in the new spec and
//! `new` = new names not in the old spec, every name in `gone` is either removed or the old side
//! of exactly one rename, every name in `new` is either added or the new side of one rename, and
//! a rename joins two operations with the same method and the same path up to placeholder names.

use std::collections::BTreeSet;
use std::path::Path;

use generator::diff::{self, Bump, MarkdownOptions};
use generator::frontend::{self, InputFormat};
use generator::spec::{Operation, Spec};
use integration_tests::{shared_docs, ADOC_VERSIONS};

fn parse(docs: &Path, version: &str) -> Spec {
    let path = docs.join("adoc").join(version);
    match frontend::parse_path(&path, InputFormat::Adoc) {
        Ok(parsed) => parsed.spec,
        Err(err) => panic!("parsing {version}: {err}"),
    }
}

fn names(spec: &Spec) -> BTreeSet<&str> {
    spec.operations.iter().map(|op| op.name.as_str()).collect()
}

fn first_named<'a>(spec: &'a Spec, name: &str) -> &'a Operation {
    spec.operation(name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

/// The path with every `{placeholder}` written `{}`, computed here by splitting rather than with
/// the differ's own scanner.
fn shape(path: &str) -> String {
    path.split('{')
        .enumerate()
        .map(|(i, part)| match (i, part.split_once('}')) {
            (0, _) => part.to_string(),
            (_, Some((_, rest))) => format!("{{}}{rest}"),
            (_, None) => format!("{{{part}"),
        })
        .collect()
}

fn check_pair(old_version: &str, old: &Spec, new_version: &str, new: &Spec) {
    let pair = format!("{old_version} -> {new_version}");
    let diff = diff::diff(old, new);
    let (old_names, new_names) = (names(old), names(new));
    let gone: BTreeSet<&str> = old_names.difference(&new_names).copied().collect();
    let fresh: BTreeSet<&str> = new_names.difference(&old_names).copied().collect();

    let added: BTreeSet<&str> = diff.added_operations().into_iter().collect();
    let removed: BTreeSet<&str> = diff.removed_operations().into_iter().collect();
    let renames = diff.renamed_operations();
    let renamed_from: BTreeSet<&str> = renames.iter().map(|(old, _)| *old).collect();
    let renamed_to: BTreeSet<&str> = renames.iter().map(|(_, new)| *new).collect();

    assert_eq!(
        diff.added_operations().len(),
        added.len(),
        "{pair}: an operation added twice"
    );
    assert_eq!(
        diff.removed_operations().len(),
        removed.len(),
        "{pair}: removed twice"
    );
    assert_eq!(
        renamed_from.len(),
        renames.len(),
        "{pair}: an old name renamed twice"
    );
    assert_eq!(
        renamed_to.len(),
        renames.len(),
        "{pair}: a new name from two renames"
    );
    assert!(
        added.is_disjoint(&renamed_to),
        "{pair}: both added and renamed"
    );
    assert!(
        removed.is_disjoint(&renamed_from),
        "{pair}: both removed and renamed"
    );
    assert_eq!(
        &added | &renamed_to,
        fresh,
        "{pair}: added + renamed-to vs new names"
    );
    assert_eq!(
        &removed | &renamed_from,
        gone,
        "{pair}: removed + renamed-from vs gone names"
    );
    assert_eq!(
        added.len(),
        fresh.len() - renames.len(),
        "{pair}: added count"
    );
    assert_eq!(
        removed.len(),
        gone.len() - renames.len(),
        "{pair}: removed count"
    );
    for (from, to) in &renames {
        let (before, after) = (first_named(old, from), first_named(new, to));
        assert_eq!(before.method, after.method, "{pair}: rename {from} -> {to}");
        assert_eq!(
            shape(&before.path),
            shape(&after.path),
            "{pair}: rename {from} -> {to}"
        );
    }
    if !removed.is_empty() || !renames.is_empty() {
        assert_eq!(diff.bump(), Bump::Major, "{pair}: removals break");
    } else if !added.is_empty() {
        assert!(
            diff.bump() >= Bump::Minor,
            "{pair}: additions need at least a minor bump"
        );
    }
    eprintln!(
        "{pair}: {} added, {} removed, {} renamed, bump {}",
        added.len(),
        removed.len(),
        renames.len(),
        diff.bump().label()
    );
}

#[test]
fn consecutive_versions_diff_to_the_set_differences_of_their_operations() {
    let Some(docs) = shared_docs() else { return };
    let specs: Vec<(&str, Spec)> = ADOC_VERSIONS
        .iter()
        .map(|(version, _)| (*version, parse(&docs, version)))
        .collect();
    for pair in specs.windows(2) {
        let [(old_version, old), (new_version, new)] = pair else {
            unreachable!("windows(2) yields pairs")
        };
        check_pair(old_version, old, new_version, new);
    }
    for (version, spec) in &specs {
        assert!(
            diff::diff(spec, spec).is_empty(),
            "{version} differs from itself"
        );
    }
}

#[test]
fn report_from_3_17_to_3_18() {
    let Some(docs) = shared_docs() else { return };
    let (old, new) = (parse(&docs, "3.17"), parse(&docs, "3.18"));
    let report = diff::diff(&old, &new).to_markdown(&MarkdownOptions::default());
    insta::assert_snapshot!("diff_3_17_to_3_18", report);
}

#[test]
fn shape_blanks_placeholders() {
    assert_eq!(shape("/a/{repository}/tag/{tag}"), "/a/{}/tag/{}");
    assert_eq!(shape("/a/b"), "/a/b");
}

#[test]
fn release_entries_for_real_versions() {
    let Some(docs) = shared_docs() else { return };
    let (v3_17, v3_18) = (parse(&docs, "3.17"), parse(&docs, "3.18"));
    let release = diff::release(&v3_17, &v3_18, "", "0.1.0")
        .expect("0.1.0 is a version")
        .expect("3.17 to 3.18 changes the API");
    // Operations were removed: breaking, which for a 0.x crate bumps the minor version.
    assert_eq!(release.bump, Bump::Major);
    assert_eq!(release.version, "0.2.0");
    assert!(
        release.changelog.starts_with(
            "# Changelog\n\n## 0.2.0 — Quay 3.18 docs\n\n### API changes from Quay 3.17 to 3.18\n"
        ),
        "{}",
        release.changelog
    );
    // Re-running on the same docs changes nothing.
    assert_eq!(
        diff::release(&v3_18, &v3_18, &release.changelog, "0.2.0").expect("version"),
        None
    );
}

/// 3.5 gives no operation names: with the names of the committed spec (`--names-from`) the diff
/// to 3.6 lists the operations added, removed and renamed, by the same set arithmetic.
#[test]
fn from_3_5_with_names_from_the_committed_spec_to_3_6() {
    let Some(docs) = shared_docs() else { return };
    let inputs = generator::pipeline::Inputs {
        names_from: Some(integration_tests::project_root().join("spec/quay-api.json")),
        ..generator::pipeline::Inputs::docs(docs.join("adoc").join("3.5"))
    };
    let old = generator::pipeline::build_spec(&inputs)
        .unwrap_or_else(|err| panic!("3.5: {err}"))
        .spec;
    assert_eq!(old.operations.len(), 126);
    let new = parse(&docs, "3.6");
    let d = diff::diff(&old, &new);
    let (added, removed, renamed) = (
        d.added_operations(),
        d.removed_operations(),
        d.renamed_operations(),
    );
    assert!(!added.is_empty() && !removed.is_empty() && !renamed.is_empty());
    assert!(
        renamed.contains(&("getRepositoryImageByImageId", "getImage")),
        "{renamed:?}"
    );
    // Every name only in 3.5 is removed or renamed; every name only in 3.6 added or renamed.
    let (old_names, new_names) = (names(&old), names(&new));
    let gone: BTreeSet<&str> = old_names.difference(&new_names).copied().collect();
    let fresh: BTreeSet<&str> = new_names.difference(&old_names).copied().collect();
    let mut explained_gone: BTreeSet<&str> = removed.iter().copied().collect();
    explained_gone.extend(renamed.iter().map(|(o, _)| *o));
    let mut explained_fresh: BTreeSet<&str> = added.iter().copied().collect();
    explained_fresh.extend(renamed.iter().map(|(_, n)| *n));
    assert_eq!(gone, explained_gone);
    assert_eq!(fresh, explained_fresh);
    let report = d.to_markdown(&MarkdownOptions::default());
    for section in [
        "Operations added",
        "Operations removed",
        "Operations renamed",
    ] {
        assert!(
            report.contains(section),
            "{section} missing from the report"
        );
    }
}
