//! The Markdown report a maintainer reads: what changed, what breaks, and the bump needed.

use std::fmt::Write;

use super::{ApiDiff, Bump, Change, ChangeKind, Impact, Place, Subject};

/// How the Markdown report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// List every changed description instead of only counting them.
    pub list_descriptions: bool,
    /// Level of the report's title (`1` is `#`); sections go one level below, so the report can
    /// be embedded in a changelog under a version heading.
    pub heading_level: usize,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions {
            list_descriptions: false,
            heading_level: 1,
        }
    }
}

impl ApiDiff {
    /// Renders the report. It always ends with the semver bump the generated crate needs.
    pub fn to_markdown(&self, options: &MarkdownOptions) -> String {
        let mut report = Report {
            text: String::new(),
            level: options.heading_level.clamp(1, 4),
        };
        report.heading(
            0,
            &format!(
                "API changes from Quay {} to {}",
                version(&self.old_version),
                version(&self.new_version)
            ),
        );
        report.line(&summary(self));
        report.operation_list(self, "Operations added", |k| {
            matches!(k, ChangeKind::OperationAdded { .. })
        });
        report.operation_list(self, "Operations removed", |k| {
            matches!(k, ChangeKind::OperationRemoved { .. })
        });
        report.operation_list(self, "Operations renamed", |k| {
            matches!(k, ChangeKind::OperationRenamed { .. })
        });
        report.changed_subjects(self, "Changed operations", |s| {
            matches!(s, Subject::Operation(_))
        });
        report.changed_subjects(self, "Changed definitions", |s| {
            matches!(s, Subject::Definition(_))
        });
        report.descriptions(self, options.list_descriptions);
        report.heading(1, "Semver");
        report.line(&bump_sentence(self));
        report.text
    }
}

struct Report {
    text: String,
    level: usize,
}

impl Report {
    /// A heading `depth` levels below the report's title.
    fn heading(&mut self, depth: usize, title: &str) {
        let hashes = "#".repeat((self.level + depth).min(6));
        let _ = writeln!(self.text, "{hashes} {title}\n");
    }

    fn line(&mut self, line: &str) {
        let _ = writeln!(self.text, "{line}\n");
    }

    fn bullets(&mut self, items: &[String]) {
        for item in items {
            let _ = writeln!(self.text, "- {item}");
        }
        self.text.push('\n');
    }

    fn operation_list(
        &mut self,
        diff: &ApiDiff,
        title: &str,
        wanted: impl Fn(&ChangeKind) -> bool,
    ) {
        let items: Vec<String> = diff
            .changes
            .iter()
            .filter(|c| wanted(&c.kind))
            .map(|c| format!("{}{}", impact_tag(c.impact), describe(c)))
            .collect();
        if !items.is_empty() {
            self.heading(1, &format!("{title} ({})", items.len()));
            self.bullets(&items);
        }
    }

    /// Every non-description change other than an addition or removal, grouped by subject.
    fn changed_subjects(&mut self, diff: &ApiDiff, title: &str, wanted: impl Fn(&Subject) -> bool) {
        let relevant: Vec<&Change> = diff
            .changes
            .iter()
            .filter(|c| wanted(&c.subject) && is_detail(&c.kind))
            .collect();
        if relevant.is_empty() {
            return;
        }
        let mut subjects: Vec<&Subject> = Vec::new();
        for change in &relevant {
            if !subjects.contains(&&change.subject) {
                subjects.push(&change.subject);
            }
        }
        self.heading(1, &format!("{title} ({})", subjects.len()));
        for subject in subjects {
            self.heading(2, &format!("`{}`", subject.name()));
            let items: Vec<String> = relevant
                .iter()
                .filter(|c| &c.subject == subject)
                .map(|c| format!("{}{}", impact_tag(c.impact), describe(c)))
                .collect();
            self.bullets(&items);
        }
    }

    fn descriptions(&mut self, diff: &ApiDiff, list: bool) {
        let changed: Vec<&Change> = diff
            .changes
            .iter()
            .filter(|c| matches!(c.kind, ChangeKind::DescriptionChanged { .. }))
            .collect();
        if changed.is_empty() {
            return;
        }
        self.heading(1, "Descriptions");
        if !list {
            self.line(&format!(
                "{} description(s) changed (pass `--descriptions` to list them).",
                changed.len()
            ));
            return;
        }
        let items: Vec<String> = changed.iter().map(|c| describe(c)).collect();
        self.bullets(&items);
    }
}

fn version(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("(unknown version)")
}

/// Whether a change is listed under its subject (additions, removals and renames have their
/// own lists, descriptions their own section).
fn is_detail(kind: &ChangeKind) -> bool {
    !matches!(
        kind,
        ChangeKind::OperationAdded { .. }
            | ChangeKind::OperationRemoved { .. }
            | ChangeKind::OperationRenamed { .. }
            | ChangeKind::DescriptionChanged { .. }
    )
}

fn summary(diff: &ApiDiff) -> String {
    if diff.is_empty() {
        return "No API changes.".to_string();
    }
    let descriptions = diff
        .changes
        .iter()
        .filter(|c| matches!(c.kind, ChangeKind::DescriptionChanged { .. }))
        .count();
    let of_which = match descriptions {
        0 => String::new(),
        n => format!(" ({n} of them descriptions)"),
    };
    format!(
        "**{} breaking**, {} addition(s), {} patch-level change(s){of_which}.",
        diff.count(Impact::Breaking),
        diff.count(Impact::Addition),
        diff.count(Impact::Patch),
    )
}

fn bump_sentence(diff: &ApiDiff) -> String {
    match diff.bump() {
        Bump::None => "No bump: the generated crate does not change.".to_string(),
        Bump::Patch => {
            "The generated crate needs a **patch** bump (documentation and behaviour only)."
                .to_string()
        }
        Bump::Minor => "The generated crate needs a **minor** bump (additions only).".to_string(),
        Bump::Major => format!(
            "The generated crate needs a **major** bump ({} breaking change(s)).",
            diff.count(Impact::Breaking)
        ),
    }
}

fn impact_tag(impact: Impact) -> &'static str {
    match impact {
        Impact::Breaking => "**breaking**: ",
        Impact::Addition => "addition: ",
        Impact::Patch => "patch: ",
    }
}

fn or_none(value: &Option<String>) -> String {
    value
        .clone()
        .map_or_else(|| "none".to_string(), |v| format!("`{v}`"))
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One sentence for one change.
fn describe(change: &Change) -> String {
    let name = change.subject.name();
    match &change.kind {
        ChangeKind::OperationAdded { method, path }
        | ChangeKind::OperationRemoved { method, path } => {
            format!("`{name}` — `{method} {path}`")
        }
        ChangeKind::OperationRenamed {
            old_name,
            method,
            path,
        } => {
            format!("`{old_name}` → `{name}` — `{method} {path}`")
        }
        ChangeKind::MethodChanged { old, new } => format!("method `{old}` → `{new}`"),
        ChangeKind::PathChanged { old, new } => format!("path `{old}` → `{new}`"),
        ChangeKind::GroupChanged { old, new } => format!("moved from group `{old}` to `{new}`"),
        ChangeKind::FieldAdded {
            place,
            name,
            required,
            schema,
        } => {
            let required = if *required { "required" } else { "optional" };
            format!("new {required} {} `{name}` ({schema})", place.label())
        }
        ChangeKind::FieldRemoved { place, name } => format!("{} `{name}` removed", place.label()),
        ChangeKind::FieldMoved { name, old, new } => {
            format!(
                "`{name}` moved from {} to {}",
                place_noun(*old),
                place_noun(*new)
            )
        }
        ChangeKind::RequiredChanged {
            place,
            name,
            required,
        } => {
            let now = if *required { "required" } else { "optional" };
            format!("{} `{name}` is now {now}", place.label())
        }
        ChangeKind::TypeChanged {
            place,
            name,
            old,
            new,
        } => {
            format!("{} `{name}` type `{old}` → `{new}`", place.label())
        }
        ChangeKind::ConstraintsChanged {
            place,
            name,
            old,
            new,
        } => {
            format!(
                "{} `{name}` constraints [{}] → [{}]",
                place.label(),
                list(old),
                list(new)
            )
        }
        ChangeKind::BodyContentTypeChanged { old, new } => {
            format!("request body content type `{old}` → `{new}`")
        }
        ChangeKind::AuthSchemeChanged { old, new } => {
            format!("authorization scheme {} → {}", or_none(old), or_none(new))
        }
        ChangeKind::ScopesChanged { added, removed } => scopes_sentence(added, removed),
        ChangeKind::ResponseAdded { code } => format!("response {code} added"),
        ChangeKind::ResponseRemoved { code } => format!("response {code} removed"),
        ChangeKind::ResponseTypeChanged { old, new } => {
            format!("returns `{new}` instead of `{old}`")
        }
        ChangeKind::ResponseModelRenamed { at, old, new } => {
            let place = if at.is_empty() {
                "response type".to_string()
            } else {
                format!("type of response field `{at}`")
            };
            format!("{place} renamed `{old}` → `{new}` (same fields)")
        }
        ChangeKind::ResponseFieldAdded { name, ty } => {
            format!("new response field `{name}` ({ty})")
        }
        ChangeKind::ResponseFieldRemoved { name } => format!("response field `{name}` removed"),
        ChangeKind::ResponseFieldRetyped { name, old, new } => {
            format!("response field `{name}` type `{old}` → `{new}`")
        }
        ChangeKind::DefinitionAdded => format!("definition `{name}` added"),
        ChangeKind::DefinitionRemoved => format!("definition `{name}` removed"),
        ChangeKind::DescriptionChanged { what, .. } => format!("`{name}`: {what}"),
    }
}

fn place_noun(place: Place) -> &'static str {
    match place {
        Place::Path => "the path",
        Place::Query => "the query",
        Place::Body => "the body",
        Place::Field => "the fields",
    }
}

fn scopes_sentence(added: &[String], removed: &[String]) -> String {
    match (added.is_empty(), removed.is_empty()) {
        (false, true) => format!("scopes added: {}", list(added)),
        (true, false) => format!("scopes removed: {}", list(removed)),
        _ => format!("scopes added: {}; removed: {}", list(added), list(removed)),
    }
}
