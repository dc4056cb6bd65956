//! quay-codegen: reads the Red Hat Quay API reference and generates a typed Rust client.
//!
//! The pipeline, one module per stage (see `ARCHITECTURE.md`):
//! [`frontend`] (docs to [`spec::Spec`]) then the emitter (spec to the `quay-client` crate).

pub mod case;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod examples;
pub mod frontend;
pub mod guide;
pub mod history;
pub mod infer;
pub mod lint;
pub mod openapi;
pub mod output;
pub mod overlay;
pub mod parallel;
pub mod pipeline;
pub mod server;
pub mod spec;
