//! Example commands that disagree with their entry. Filled in once example commands are parsed
//! into the spec (`Example::request`).

use crate::diagnostics::Diagnostic;
use crate::spec::Spec;

pub(super) fn check_examples(_spec: &Spec, _out: &mut [Diagnostic]) {}
