//! Listing blocks of a guide chapter rendered as plain text (the seed): paragraphs are runs of
//! non-blank lines; a paragraph that starts with a `$ ` prompt or `curl` is a command, and the
//! paragraph after a line reading `Example output` is that output.

use crate::spec::Location;

use super::Listing;

/// The title a plain-text output paragraph is introduced by.
const OUTPUT_TITLE: &str = "Example output";

/// Reads the command and output paragraphs of `text`; `file` names it in locations.
pub fn listings(text: &str, file: &str) -> Vec<Listing> {
    let mut listings = Vec::new();
    let mut output_next = false;
    for (first_line, lines) in paragraphs(text) {
        let first = lines.first().map(|l| l.trim()).unwrap_or_default();
        let location = Location {
            file: file.to_string(),
            line: first_line,
        };
        if lines.len() == 1 && first.eq_ignore_ascii_case(OUTPUT_TITLE) {
            output_next = true;
            continue;
        }
        let is_command = first.starts_with("$ ") || first.starts_with("curl ");
        if output_next || is_command {
            listings.push(Listing {
                title: output_next.then(|| OUTPUT_TITLE.to_string()),
                content: dedent(&lines),
                location,
            });
        }
        output_next = false;
    }
    listings
}

/// Runs of non-blank lines with the 1-based number of their first line.
fn paragraphs(text: &str) -> Vec<(u32, Vec<&str>)> {
    let mut out: Vec<(u32, Vec<&str>)> = Vec::new();
    let mut current: Option<(u32, Vec<&str>)> = None;
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            out.extend(current.take());
            continue;
        }
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        current
            .get_or_insert_with(|| (number, Vec::new()))
            .1
            .push(line);
    }
    out.extend(current);
    out
}

/// Removes the indentation common to all lines.
fn dedent(lines: &[&str]) -> String {
    let indent = lines
        .iter()
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}
