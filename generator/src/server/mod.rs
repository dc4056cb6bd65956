//! The server as a source of truth: what a running Quay says it serves (its discovery document)
//! compared with the spec made from the docs. The docs stay the primary source; each
//! disagreement is a [`compare::Finding`] worded with the overlay correction that would make
//! the spec agree, so that every change to the spec is a reviewed overlay entry with the server
//! as its evidence.

pub mod compare;
pub mod discovery;
pub mod observed;
pub mod strict;

pub use compare::{compare, Finding, ServerIdentity};
pub use discovery::{ServerApi, ServerOperation, ServerParam};
