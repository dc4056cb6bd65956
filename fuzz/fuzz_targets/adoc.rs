//! The AsciiDoc front-end on arbitrary bytes, read as the assembly of a small docs tree.
//!
//! The tree (written once per process) has what an assembly may include: an entry module, a
//! git-symlink folder, a file that includes itself and a git symlink that leaves the tree, so the
//! fuzzer also reaches include resolution, cycles and escapes. Every input must end as
//! `Ok(Parsed)` or `Err(ParseError)`; a panic, a hang (libFuzzer `-timeout`) or runaway memory
//! (`-rss_limit_mb`) is a finding.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use quay_codegen::frontend::adoc;

/// Files of the docs tree every input is parsed in (relative path, content).
const TREE: [(&str, &str); 5] = [
    ("modules/entry.adoc", "= getThing\n\n== GET /api/v1/thing/{id}\n\n**Authorizations: **oauth2_implicit (**repo:read**)\n"),
    ("modules/self.adoc", "include::self.adoc[]\n"),
    ("modules/twice.adoc", "include::entry.adoc[leveloffset=+1]\ninclude::entry.adoc[leveloffset=+1]\n"),
    ("api/modules", "../modules/"),
    ("api/outside", "../../../"),
];

static ROOT: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary directory for the docs tree");
    for (rel, content) in TREE {
        write(dir.path(), rel, content);
    }
    dir
});

fn write(root: &Path, rel: &str, content: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create a folder of the docs tree");
    }
    std::fs::write(path, content).expect("write a file of the docs tree");
}

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = adoc::parse_assembly_bytes(ROOT.path(), "api/master.adoc", data.to_vec()) {
        // Later stages read the spec as JSON and print diagnostics: both must work too.
        let _ = parsed.spec.to_json();
        for diagnostic in &parsed.diagnostics {
            let _ = diagnostic.to_string();
        }
    }
});
