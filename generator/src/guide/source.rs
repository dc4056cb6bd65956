//! Reads the listing blocks of an AsciiDoc guide tree with the AsciiDoc front-end's own reader,
//! so the guide gets the same include rules (inside the tree, link-files, cycles, depth),
//! conditionals, attributes and comments as the reference.

use std::path::{Path, PathBuf};

use crate::frontend::{adoc, ParseError};

/// Why a guide cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum GuideError {
    #[error("{}: no guide assembly: {reason}", path.display())]
    NoAssembly { path: PathBuf, reason: String },
    #[error(transparent)]
    Unreadable(ParseError),
}

/// The listing blocks of a guide, in document order, the includes that could not be read, and
/// the files read (relative to the guide's root, with their bytes).
pub type GuideListings = adoc::Listings;

/// Reads a guide tree (a directory holding `api/master.adoc`) or a guide assembly file.
pub fn read_listings(root: &Path) -> Result<GuideListings, GuideError> {
    match adoc::listings(root) {
        Ok(read) => Ok(read),
        Err(ParseError::NotAnApiReference { path, reason }) => {
            Err(GuideError::NoAssembly { path, reason })
        }
        Err(other) => Err(GuideError::Unreadable(other)),
    }
}
