//! Reads the listing blocks of an AsciiDoc guide tree, following `include::` from its assembly.
//!
//! This is a stand-in for the AsciiDoc front-end's own reader (`frontend::adoc`), which does not
//! expose its listing blocks yet: it follows includes (inside the docs tree, through the
//! link-files the tree uses for symlinks), skips comments, and keeps `----` blocks with the
//! `.Title` above them. Conditionals are not evaluated (their lines are skipped, their content
//! kept). Once the front-end offers its listings, [`read_listings`] should call it instead.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::spec::Location;

use super::Listing;

/// Where the assembly of a guide tree sits.
const ASSEMBLIES: [&str; 2] = ["api/master.adoc", "api_reference/master.adoc"];

/// Deeper include nesting than this is taken as a loop.
const MAX_DEPTH: usize = 16;

/// A link-file (a git symlink stored as a file holding its target) is at most this long.
const MAX_LINK_FILE_LEN: u64 = 256;

/// Why a guide cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum GuideError {
    #[error("{}: no guide assembly ({})", path.display(), ASSEMBLIES.join(" or "))]
    NoAssembly { path: PathBuf },
    #[error("{}: cannot read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The listing blocks of a guide, in document order, and the includes that could not be read.
#[derive(Debug, Clone, Default)]
pub struct GuideListings {
    pub listings: Vec<Listing>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a guide tree (a directory holding `api/master.adoc`).
pub fn read_listings(root: &Path) -> Result<GuideListings, GuideError> {
    let assembly = ASSEMBLIES
        .iter()
        .map(|rel| rel.split('/').map(str::to_string).collect::<Vec<_>>())
        .find(|rel| physical(root, rel).is_file())
        .ok_or_else(|| GuideError::NoAssembly {
            path: root.to_path_buf(),
        })?;
    let text = std::fs::read_to_string(physical(root, &assembly)).map_err(|source| {
        GuideError::Unreadable {
            path: physical(root, &assembly),
            source,
        }
    })?;
    let mut reader = Reader {
        root,
        out: GuideListings::default(),
        stack: Vec::new(),
    };
    reader.read_file(&assembly, &text);
    Ok(reader.out)
}

fn physical(root: &Path, rel: &[String]) -> PathBuf {
    rel.iter()
        .fold(root.to_path_buf(), |path, part| path.join(part))
}

struct Reader<'a> {
    root: &'a Path,
    out: GuideListings,
    /// Files being read, outermost first, to stop include loops.
    stack: Vec<Vec<String>>,
}

/// The state of the line scanner inside one file.
#[derive(Default)]
struct Scan {
    in_comment: bool,
    title: Option<String>,
    listing: Option<(Vec<String>, u32, Option<String>)>,
}

impl Reader<'_> {
    fn read_file(&mut self, rel: &[String], text: &str) {
        self.stack.push(rel.to_vec());
        let file = rel.join("/");
        let mut scan = Scan::default();
        for (index, line) in text.lines().enumerate() {
            let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            self.scan_line(&mut scan, rel, &file, line, number);
        }
        self.stack.pop();
    }

    fn scan_line(&mut self, scan: &mut Scan, rel: &[String], file: &str, line: &str, number: u32) {
        let trimmed = line.trim_end();
        if let Some((content, start, title)) = scan.listing.as_mut() {
            if trimmed == "----" {
                self.out.listings.push(Listing {
                    title: title.take(),
                    content: content.join("\n"),
                    location: Location {
                        file: file.to_string(),
                        line: *start,
                    },
                });
                scan.listing = None;
            } else {
                content.push(line.to_string());
            }
            return;
        }
        if trimmed == "////" {
            scan.in_comment = !scan.in_comment;
            return;
        }
        if scan.in_comment || (trimmed.starts_with("//") && !trimmed.starts_with("///")) {
            return;
        }
        if trimmed == "----" {
            scan.listing = Some((Vec::new(), number, scan.title.take()));
        } else if let Some(target) = include_target(trimmed) {
            let location = Location {
                file: file.to_string(),
                line: number,
            };
            self.include(rel, target, location);
        } else if let Some(title) = block_title(trimmed) {
            scan.title = Some(title.to_string());
        } else if !(trimmed.starts_with('[') || trimmed == "+" || trimmed.is_empty()) {
            // Text between a title and its block ends the title's reach.
            scan.title = None;
        }
    }

    fn include(&mut self, from: &[String], target: &str, location: Location) {
        let dir = &from[..from.len().saturating_sub(1)];
        let Some(rel) = resolve(self.root, dir, target) else {
            self.report(
                DiagnosticKind::ForbiddenInclude,
                location,
                target,
                "leaves the docs tree",
            );
            return;
        };
        if self.stack.len() >= MAX_DEPTH || self.stack.contains(&rel) {
            self.report(DiagnosticKind::ForbiddenInclude, location, target, "loops");
            return;
        }
        match std::fs::read_to_string(physical(self.root, &rel)) {
            Ok(text) => self.read_file(&rel, &text),
            Err(err) => {
                let reason = format!("cannot be read ({err})");
                self.report(DiagnosticKind::UnresolvedInclude, location, target, &reason);
            }
        }
    }

    fn report(&mut self, kind: DiagnosticKind, location: Location, target: &str, why: &str) {
        self.out.diagnostics.push(Diagnostic::warning(
            kind,
            location,
            format!("include of `{target}` {why}"),
        ));
    }
}

/// `include::modules/x.adoc[leveloffset=+1]` gives `modules/x.adoc`.
fn include_target(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("include::")?;
    let end = rest.find('[')?;
    Some(&rest[..end]).filter(|t| !t.is_empty())
}

/// `.Example output` gives `Example output`; `...` and `. item` are not titles.
fn block_title(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('.')?;
    rest.starts_with(|c: char| c.is_alphanumeric())
        .then_some(rest.trim())
}

/// Resolves `target` from directory `dir` (both relative to `root`) to a path inside the tree,
/// replacing link-files by their target on the way. `None` when it would leave the tree.
fn resolve(root: &Path, dir: &[String], target: &str) -> Option<Vec<String>> {
    let mut pending: Vec<String> = Path::new(target)
        .components()
        .rev()
        .map(|c| match c {
            Component::ParentDir => Some("..".to_string()),
            Component::Normal(part) => part.to_str().map(str::to_string),
            Component::CurDir => Some(".".to_string()),
            Component::RootDir | Component::Prefix(_) => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let mut resolved = dir.to_vec();
    let mut links_followed = 0;
    while let Some(part) = pending.pop() {
        match part.as_str() {
            "." => {}
            ".." => {
                resolved.pop()?;
            }
            _ => {
                resolved.push(part);
                let is_last = pending.is_empty();
                let Some(link) = (!is_last).then(|| link_target(root, &resolved)).flatten() else {
                    continue;
                };
                links_followed += 1;
                if links_followed > MAX_DEPTH {
                    return None;
                }
                resolved.pop();
                pending.extend(
                    link.split('/')
                        .filter(|p| !p.is_empty())
                        .rev()
                        .map(str::to_string),
                );
            }
        }
    }
    Some(resolved)
}

/// The target of a link-file: a small regular file standing where a directory is expected.
fn link_target(root: &Path, rel: &[String]) -> Option<String> {
    let path = physical(root, rel);
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > MAX_LINK_FILE_LEN {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let target = text.trim();
    (!target.is_empty() && !target.contains('\n')).then(|| target.to_string())
}
