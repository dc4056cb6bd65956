//! Documentation lint: every inconsistency found in the docs, across the whole document.
//!
//! Parsing already reports problems inside one entry (a broken table, a path parameter missing
//! from its template). The lint adds checks that need the whole spec (two entries documenting the
//! same endpoint) or a second source of truth inside an entry (its name, its example command), and
//! reports everything with file, line, kind and operation.

mod examples;
mod naming;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use crate::spec::{Field, Schema, Spec};

/// The lint's findings: the parser's diagnostics followed by the cross-document checks.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Count of findings per kind (stable snake_case names), sorted by name.
    pub summary: BTreeMap<String, usize>,
}

/// Lints a spec together with the diagnostics found while making it (parsing, the example
/// stage). Example checks need [`crate::examples::fill_requests`] to have run on `spec`.
pub fn lint(spec: &Spec, found_while_parsing: &[Diagnostic]) -> Report {
    let mut diagnostics = found_while_parsing.to_vec();
    diagnostics.extend(lint_spec(spec));
    diagnostics.sort_by(|a, b| {
        (&a.location.file, a.location.line, a.kind).cmp(&(
            &b.location.file,
            b.location.line,
            b.kind,
        ))
    });
    let mut summary = BTreeMap::new();
    for d in &diagnostics {
        *summary.entry(d.kind.name()).or_insert(0) += 1;
    }
    Report {
        diagnostics,
        summary,
    }
}

/// The checks that need only the spec.
pub fn lint_spec(spec: &Spec) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    naming::check_names_against_paths(spec, &mut out);
    check_duplicate_endpoints(spec, &mut out);
    check_untyped_fields(spec, &mut out);
    examples::check_examples(spec, &mut out);
    out
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// One line per finding, then the counts by kind.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        for d in &self.diagnostics {
            text.push_str(&d.to_string());
            text.push('\n');
        }
        text.push_str(&format!("\n{} finding(s)\n", self.diagnostics.len()));
        for (kind, count) in &self.summary {
            text.push_str(&format!("  {kind:<36} {count}\n"));
        }
        text
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Two entries documenting one endpoint: the client would get two functions calling the same URL.
fn check_duplicate_endpoints(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let mut first_seen: HashMap<(crate::spec::Method, String), &crate::spec::Operation> =
        HashMap::new();
    for op in &spec.operations {
        let key = (op.method, crate::spec::path_shape(&op.path));
        match first_seen.get(&key) {
            Some(first) => out.push(
                Diagnostic::warning(
                    DiagnosticKind::DuplicateEndpoint,
                    op.location.clone(),
                    format!(
                        "{} {} is also documented by `{}` at {}",
                        op.method, op.path, first.name, first.location
                    ),
                )
                .for_operation(&op.name),
            ),
            None => {
                first_seen.insert(key, op);
            }
        }
    }
}

/// Fields whose schema cell is empty: the client can only give them `serde_json::Value`.
/// (Non-empty schema strings outside the type model are reported by the front-end as
/// `unknown_schema`, at their own line.)
fn check_untyped_fields(spec: &Spec, out: &mut Vec<Diagnostic>) {
    for op in &spec.operations {
        let groups: [(&str, &[Field]); 3] = [
            ("path parameter", &op.path_params),
            ("query parameter", &op.query_params),
            (
                "body field",
                op.body.as_ref().map(|b| b.fields.as_slice()).unwrap_or(&[]),
            ),
        ];
        for (what, fields) in groups {
            for field in fields {
                if matches!(&field.schema, Schema::Unknown { text } if text.is_empty()) {
                    out.push(
                        Diagnostic::warning(
                            DiagnosticKind::UntypedSchema,
                            op.location.clone(),
                            format!(
                                "{what} `{}` has no schema; it can only be typed as any JSON value",
                                field.name
                            ),
                        )
                        .for_operation(&op.name),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
