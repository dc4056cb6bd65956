//! Judging the run against the table of expected outcomes, and printing the report.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::expected::{self, Expect};
use crate::harness::{CallOutcome, OperationRecord, Suite};

/// How one operation came out, judged against its expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    Unavailable,
    KnownFailure,
    /// Not what the table says: why.
    Failed(String),
}

/// Judges one operation's record (or its absence) against the table.
pub fn judge(expect: Option<Expect>, record: Option<&OperationRecord>) -> Verdict {
    let Some(expect) = expect else {
        return Verdict::Failed("not in the table of expected outcomes".into());
    };
    let Some(record) = record.filter(|r| !r.calls.is_empty()) else {
        return Verdict::Failed("never called".into());
    };
    let failure = record.first_failure();
    match (expect, failure) {
        (Expect::Ok, None) => Verdict::Ok,
        (Expect::Ok, Some(CallOutcome::Failed { error, .. })) => Verdict::Failed(error.clone()),
        (Expect::Unavailable(_), Some(_)) => Verdict::Unavailable,
        (Expect::KnownFailure(_), Some(_)) => Verdict::KnownFailure,
        (Expect::Unavailable(limit), None) => Verdict::Failed(format!(
            "expected unavailable here ({}), but it succeeded: mark it ok",
            limit.reason()
        )),
        (Expect::KnownFailure(cause), None) => Verdict::Failed(format!(
            "expected to fail ({cause}), but it succeeded: mark it ok"
        )),
        (Expect::Ok, Some(CallOutcome::Ok { .. })) => unreachable!("first_failure is a failure"),
    }
}

/// The totals of the closing line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub operations: usize,
    pub ok: usize,
    pub unavailable: usize,
    pub known_failures: usize,
    pub failed: usize,
    pub typed_bodies: usize,
    pub fields_outside: usize,
}

impl Totals {
    pub fn line(&self) -> String {
        format!(
            "e2e: {} operations: {} ok, {} unavailable here, {} known failures, {} failed; typed bodies {}, fields outside the types {}",
            self.operations,
            self.ok,
            self.unavailable,
            self.known_failures,
            self.failed,
            self.typed_bodies,
            self.fields_outside
        )
    }
}

/// The verdict of every operation of the client (those of `only` when the run was limited to
/// some areas), in the table's order, and the totals.
pub fn verdicts(
    suite: &Suite,
    only: Option<&[&'static str]>,
) -> (Vec<(&'static str, Verdict)>, Totals) {
    let records = suite.records();
    let mut out = Vec::new();
    let mut totals = Totals::default();
    for op in quay_client::OPERATIONS {
        if only.is_some_and(|names| !names.contains(&op.name)) {
            continue;
        }
        let record = records.get(op.name);
        let verdict = judge(expected::expected(op.name), record);
        totals.operations += 1;
        match &verdict {
            Verdict::Ok => totals.ok += 1,
            Verdict::Unavailable => totals.unavailable += 1,
            Verdict::KnownFailure => totals.known_failures += 1,
            Verdict::Failed(_) => totals.failed += 1,
        }
        if let Some(record) = record {
            if record.typed_success() {
                totals.typed_bodies += 1;
            }
            totals.fields_outside += record.strictness.extra_fields.len();
        }
        out.push((op.name, verdict));
    }
    (out, totals)
}

/// The whole report: failures first, then the strict decoding summary (details on request),
/// findings about the crate, the runtime checks, and the closing line.
pub fn render(suite: &Suite, only: Option<&[&'static str]>, details: bool) -> (String, Totals) {
    let (verdicts, totals) = verdicts(suite, only);
    let mut out = String::new();
    let _ = writeln!(out, "\n== outcomes");
    for (name, verdict) in &verdicts {
        let line = match verdict {
            Verdict::Ok => continue,
            Verdict::Unavailable => match expected::expected(name) {
                Some(Expect::Unavailable(limit)) => {
                    format!("unavailable here  {name}: {}", limit.reason())
                }
                _ => continue,
            },
            Verdict::KnownFailure => match expected::expected(name) {
                Some(Expect::KnownFailure(cause)) => format!("known failure     {name}: {cause}"),
                _ => continue,
            },
            Verdict::Failed(why) => format!("FAILED            {name}: {why}"),
        };
        let _ = writeln!(out, "  {line}");
    }
    render_strictness(&mut out, suite.records(), details);
    if !suite.findings().is_empty() {
        let _ = writeln!(out, "\n== findings about the crate (done without it)");
        for finding in suite.findings() {
            let _ = writeln!(out, "  {}: {}", finding.operation, finding.what);
        }
    }
    let _ = writeln!(out, "\n== checks against the server (runtime and answers)");
    for (name, failure) in suite.checks() {
        match failure {
            None => {
                let _ = writeln!(out, "  ok      {name}");
            }
            Some(why) => {
                let _ = writeln!(out, "  FAILED  {name}: {why}");
            }
        }
    }
    let _ = writeln!(out);
    (out, totals)
}

/// The results as a Markdown table, one row per group of operations (for the README).
pub fn markdown_table(suite: &Suite) -> String {
    let (verdicts, totals) = verdicts(suite, None);
    let mut groups: Vec<(&str, [usize; 4])> = Vec::new();
    for (name, verdict) in &verdicts {
        let group = quay_client::OPERATIONS
            .iter()
            .find(|op| op.name == *name)
            .map_or("?", |op| op.group);
        let column = match verdict {
            Verdict::Ok => 0,
            Verdict::Unavailable => 1,
            Verdict::KnownFailure => 2,
            Verdict::Failed(_) => 3,
        };
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, counts)) => counts[column] += 1,
            None => {
                let mut counts = [0; 4];
                counts[column] = 1;
                groups.push((group, counts));
            }
        }
    }
    let mut out = String::from(
        "| group | operations | ok | unavailable here | known failures | failed |\n|---|---|---|---|---|---|\n",
    );
    for (group, [ok, unavailable, known, failed]) in groups {
        let total = ok + unavailable + known + failed;
        let _ = writeln!(
            out,
            "| {group} | {total} | {ok} | {unavailable} | {known} | {failed} |"
        );
    }
    let _ = writeln!(
        out,
        "| **all** | **{}** | **{}** | **{}** | **{}** | **{}** |",
        totals.operations, totals.ok, totals.unavailable, totals.known_failures, totals.failed
    );
    out
}

fn render_strictness(
    out: &mut String,
    records: &BTreeMap<&'static str, OperationRecord>,
    details: bool,
) {
    let with_extra: Vec<_> = records
        .iter()
        .filter(|(_, r)| !r.strictness.extra_fields.is_empty() || !r.strictness.misfits.is_empty())
        .collect();
    let _ = writeln!(
        out,
        "\n== strict decoding: {} operation(s) with fields outside their types or values that do not fit{}",
        with_extra.len(),
        if details { "" } else { " (details: --details)" }
    );
    for (name, record) in with_extra {
        let s = &record.strictness;
        let _ = writeln!(
            out,
            "  {name}: {} field(s) outside the type, {} value(s) that do not fit",
            s.extra_fields.len(),
            s.misfits.len()
        );
        if details {
            for field in &s.extra_fields {
                let _ = writeln!(out, "      extra  {field}");
            }
            for misfit in &s.misfits {
                let _ = writeln!(out, "      misfit {misfit}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expected::Limit;

    fn record(outcomes: Vec<CallOutcome>) -> OperationRecord {
        OperationRecord {
            calls: outcomes,
            ..Default::default()
        }
    }

    fn ok() -> CallOutcome {
        CallOutcome::Ok { typed: true }
    }

    fn failed() -> CallOutcome {
        CallOutcome::Failed {
            error: "bad".into(),
        }
    }

    #[test]
    fn ok_operations_must_succeed_every_time() {
        assert_eq!(
            judge(Some(Expect::Ok), Some(&record(vec![ok(), ok()]))),
            Verdict::Ok
        );
        assert_eq!(
            judge(Some(Expect::Ok), Some(&record(vec![ok(), failed()]))),
            Verdict::Failed("bad".into())
        );
    }

    #[test]
    fn unavailable_and_known_failures_that_succeed_fail_the_run() {
        let unavailable = Some(Expect::Unavailable(Limit::NoBootstrapToken));
        assert_eq!(
            judge(unavailable, Some(&record(vec![failed()]))),
            Verdict::Unavailable
        );
        assert!(matches!(
            judge(unavailable, Some(&record(vec![ok()]))),
            Verdict::Failed(_)
        ));
        let known = Some(Expect::KnownFailure("doc error"));
        assert_eq!(
            judge(known, Some(&record(vec![failed()]))),
            Verdict::KnownFailure
        );
        assert!(matches!(
            judge(known, Some(&record(vec![ok()]))),
            Verdict::Failed(_)
        ));
    }

    #[test]
    fn operations_never_called_or_missing_from_the_table_fail() {
        assert_eq!(
            judge(Some(Expect::Ok), None),
            Verdict::Failed("never called".into())
        );
        assert!(matches!(
            judge(None, Some(&record(vec![ok()]))),
            Verdict::Failed(_)
        ));
    }

    #[test]
    fn the_closing_line_reads_as_specified() {
        let totals = Totals {
            operations: 218,
            ok: 210,
            unavailable: 5,
            known_failures: 3,
            failed: 0,
            typed_bodies: 100,
            fields_outside: 7,
        };
        assert_eq!(
            totals.line(),
            "e2e: 218 operations: 210 ok, 5 unavailable here, 3 known failures, 0 failed; typed bodies 100, fields outside the types 7"
        );
    }
}
