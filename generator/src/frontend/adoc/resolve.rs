//! Resolves `include::` targets inside one docs tree, never outside it.
//!
//! Paths are walked one component at a time from the docs root, so that `..` can be checked
//! against the root and links can be followed where they sit. Two kinds of link are followed:
//! real symlinks, and git symlinks checked out as plain files whose whole content is the relative
//! link target (`api_reference/modules` containing `../modules/`).

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::path::{Component, Path, PathBuf};

/// How many links one resolution may follow before it is taken to be a loop.
const MAX_LINK_HOPS: usize = 40;

/// Git symlinks are tiny; anything larger is a real document.
const MAX_GIT_LINK_BYTES: u64 = 1024;

/// The directory every included file must stay inside.
#[derive(Debug, Clone)]
pub struct DocsRoot {
    dir: PathBuf,
    /// What each folder on the way to an include is (a folder, or a link to follow), by its
    /// `/`-joined path: a reference includes hundreds of files through the same few folders,
    /// and looking at each folder again for every include was most of the time spent resolving.
    folders: RefCell<HashMap<String, Result<Option<String>, ResolveError>>>,
}

/// A path inside the docs root, as `/`-separated components with no `.` or `..`.
pub type RelPath = Vec<String>;

/// Why an include target could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// The target (or a link on the way) leads outside the docs root.
    Escapes,
    /// Nothing exists at the target, or a directory is where a file should be.
    NotFound,
    /// Following links did not end (a link loop).
    TooManyLinks,
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ResolveError::Escapes => "leads outside the docs tree",
            ResolveError::NotFound => "does not exist",
            ResolveError::TooManyLinks => "follows too many links (a link loop?)",
        })
    }
}

impl DocsRoot {
    /// `dir` must exist; it is canonicalized so that absolute symlinks can be checked against it.
    pub fn new(dir: &Path) -> std::io::Result<DocsRoot> {
        Ok(DocsRoot {
            dir: dir.canonicalize()?,
            folders: RefCell::default(),
        })
    }

    /// The filesystem path of a resolved relative path.
    pub fn physical(&self, rel: &[String]) -> PathBuf {
        let mut path = self.dir.clone();
        path.extend(rel);
        path
    }

    /// The relative path of a file given on the command line, if it lies inside the root.
    pub fn relative(&self, path: &Path) -> Option<RelPath> {
        let canonical = path.canonicalize().ok()?;
        let rest = canonical.strip_prefix(&self.dir).ok()?;
        Some(components_of(rest))
    }

    /// Resolves `target`, written in a file inside `from_dir`, to a regular file in the tree.
    pub fn resolve(&self, from_dir: &[String], target: &str) -> Result<RelPath, ResolveError> {
        let mut pending: VecDeque<String> = split_target(target).into();
        let mut resolved: RelPath = if Path::new(target).is_absolute() {
            let inside = Path::new(target)
                .strip_prefix(&self.dir)
                .map_err(|_| ResolveError::Escapes)?;
            pending = components_of(inside).into();
            Vec::new()
        } else {
            from_dir.to_vec()
        };
        let mut hops = 0;
        while let Some(component) = pending.pop_front() {
            if component == ".." {
                resolved.pop().ok_or(ResolveError::Escapes)?;
                continue;
            }
            resolved.push(component);
            let is_last = pending.is_empty();
            let link = if is_last {
                self.link_target(&resolved, true)?
            } else {
                self.folder_link_target(&resolved)?
            };
            let Some(link) = link else {
                continue;
            };
            hops += 1;
            if hops > MAX_LINK_HOPS {
                return Err(ResolveError::TooManyLinks);
            }
            resolved.pop();
            if Path::new(&link).is_absolute() {
                let inside = Path::new(&link)
                    .strip_prefix(&self.dir)
                    .map_err(|_| ResolveError::Escapes)?;
                resolved.clear();
                prepend(&mut pending, components_of(inside));
            } else {
                prepend(&mut pending, split_target(&link));
            }
        }
        if self.physical(&resolved).is_file() {
            Ok(resolved)
        } else {
            Err(ResolveError::NotFound)
        }
    }

    /// [`Self::link_target`] of a component that is not the last, looked at once per tree.
    fn folder_link_target(&self, rel: &[String]) -> Result<Option<String>, ResolveError> {
        let key = rel.join("/");
        if let Some(known) = self.folders.borrow().get(&key) {
            return known.clone();
        }
        let found = self.link_target(rel, false);
        self.folders.borrow_mut().insert(key, found.clone());
        found
    }

    /// The target of the link at `rel`, if it is one. A plain file in the middle of a path must be
    /// a git symlink; the last component is one only if its content looks like a path.
    fn link_target(&self, rel: &[String], is_last: bool) -> Result<Option<String>, ResolveError> {
        let path = self.physical(rel);
        let meta = std::fs::symlink_metadata(&path).map_err(|_| ResolveError::NotFound)?;
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&path).map_err(|_| ResolveError::NotFound)?;
            return Ok(Some(target.to_string_lossy().into_owned()));
        }
        if !meta.is_file() || meta.len() > MAX_GIT_LINK_BYTES {
            return if meta.is_file() && !is_last {
                Err(ResolveError::NotFound)
            } else {
                Ok(None)
            };
        }
        let content = std::fs::read(&path).map_err(|_| ResolveError::NotFound)?;
        match git_link_text(&content) {
            Some(link) => Ok(Some(link)),
            None if is_last => Ok(None),
            None => Err(ResolveError::NotFound),
        }
    }
}

/// The link target stored in a git symlink checked out as a file: one line of path characters
/// that names a folder or a document (`../modules/`, `../../_attributes/attributes.adoc`).
fn git_link_text(content: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(content).ok()?;
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/');
    let looks_like_link = !text.is_empty()
        && text.chars().all(is_path_char)
        && (text.contains('/') || text.ends_with(".adoc"));
    looks_like_link.then(|| text.to_string())
}

fn split_target(target: &str) -> Vec<String> {
    target
        .split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != ".")
        .map(str::to_string)
        .collect()
}

fn components_of(path: &Path) -> RelPath {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

fn prepend(pending: &mut VecDeque<String>, components: Vec<String>) {
    for component in components.into_iter().rev() {
        pending.push_front(component);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_git_links() {
        assert_eq!(
            git_link_text(b"../modules/").as_deref(),
            Some("../modules/")
        );
        assert_eq!(
            git_link_text(b"../../_attributes/attributes.adoc").as_deref(),
            Some("../../_attributes/attributes.adoc")
        );
        assert_eq!(git_link_text(b"= Title\n"), None);
        assert_eq!(git_link_text(b"include::x.adoc[]"), None);
        assert_eq!(git_link_text(b""), None);
    }

    #[test]
    fn splits_targets() {
        assert_eq!(split_target("./a//b/../c"), vec!["a", "b", "..", "c"]);
    }
}
