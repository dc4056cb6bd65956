//! What a server serves: its discovery document (`GET /api/v1/discovery`, Swagger 2.0) read once
//! per client and matched against the operations of this crate ([`crate::OPERATIONS`]).
//!
//! A server of an older Quay lacks the operations that arrived later; a call to one of them is
//! answered with the web application's HTML page (a 404 after a redirect, or a 405). With
//! [`ClientBuilder::check_operations`](super::ClientBuilder::check_operations) such a call fails
//! before anything is sent; without it, an HTML 404 or 405 on an operation the server does not
//! list becomes the same [`Error::Unsupported`](super::Error::Unsupported), as does one whose
//! page shows an older Quay (the web application's footer, `Quay v3.9.1`) than the version that
//! added the operation ([`OperationInfo::since`](crate::OperationInfo::since)).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::OPERATIONS;

/// The operation name of the discovery document itself (never checked against itself).
pub(crate) const DISCOVERY: &str = "discovery";

/// Which operations of this crate a server serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerOperations {
    served: BTreeSet<&'static str>,
}

impl ServerOperations {
    /// Matches a discovery document against [`OPERATIONS`]: an operation is served when the
    /// document has its name, or its method and path (placeholders and a trailing slash aside).
    pub fn from_discovery(document: &Value) -> Self {
        let mut names = BTreeSet::new();
        let mut routes = BTreeSet::new();
        if let Some(paths) = document.get("paths").and_then(Value::as_object) {
            for (path, item) in paths {
                let Some(item) = item.as_object() else {
                    continue;
                };
                for (method, op) in item {
                    if let Some(name) = op.get("operationId").and_then(Value::as_str) {
                        names.insert(name.to_owned());
                        routes.insert((method.to_ascii_uppercase(), route(path)));
                    }
                }
            }
        }
        let served = OPERATIONS
            .iter()
            .filter(|op| {
                names.contains(op.name) || routes.contains(&(op.method.to_owned(), route(op.path)))
            })
            .map(|op| op.name)
            .collect();
        Self { served }
    }

    /// Whether the server serves the operation (by its documented name).
    pub fn serves(&self, operation: &str) -> bool {
        operation == DISCOVERY || self.served.contains(operation)
    }

    /// The operations of this crate the server serves, in name order.
    pub fn served(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.served.iter().copied()
    }

    /// The operations of this crate the server does not serve, in the crate's order.
    pub fn missing(&self) -> impl Iterator<Item = &'static str> + '_ {
        OPERATIONS
            .iter()
            .map(|op| op.name)
            .filter(|name| !self.serves(name))
    }
}

/// The Quay version that added `operation`, from [`OPERATIONS`].
pub(crate) fn since_of(operation: &str) -> Option<&'static str> {
    crate::operations::find_operation(operation).and_then(|op| op.since)
}

/// The Quay version an HTML page of the web application shows (`Quay v3.9.1` or `Quay 3.9`),
/// if it shows one: the first `Quay` followed by a dotted number.
pub(crate) fn quay_version_of_page(page: &str) -> Option<String> {
    page.match_indices("Quay ").find_map(|(at, word)| {
        let rest = &page[at + word.len()..];
        let rest = rest.strip_prefix('v').unwrap_or(rest);
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let version = rest[..end].trim_end_matches('.');
        let mut parts = version.split('.');
        let dotted =
            parts.clone().count() >= 2 && parts.all(|part| !part.is_empty() && part.len() <= 4);
        dotted.then(|| version.to_owned())
    })
}

/// Whether the version `shown` (`3.9.1`) is older than `since` (`3.17`), comparing the numbers
/// `since` has (a patch release of `since` is not older).
pub(crate) fn is_older(shown: &str, since: &str) -> bool {
    let numbers = |text: &str| -> Vec<u64> {
        text.split('.')
            .map(|part| part.parse().unwrap_or(0))
            .collect()
    };
    let since = numbers(since);
    let mut shown = numbers(shown);
    shown.resize(since.len(), 0);
    shown < since
}

/// A path template with every placeholder written `{}` and no trailing slash.
fn route(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_placeholder = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                out.push_str("{}");
            }
            '}' => in_placeholder = false,
            _ if !in_placeholder => out.push(c),
            _ => {}
        }
    }
    out.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn operations_are_matched_by_name_or_route() {
        let first = &OPERATIONS[0];
        let second = &OPERATIONS[1];
        let renamed_path = second.path.replace('{', "{x").to_owned() + "/";
        let document = json!({"paths": {
            first.path: {first.method.to_ascii_lowercase(): {"operationId": first.name}},
            renamed_path: {second.method.to_ascii_lowercase(): {"operationId": "anotherName"}},
        }});
        let served = ServerOperations::from_discovery(&document);
        assert!(served.serves(first.name));
        assert!(
            served.serves(second.name),
            "same method and path, placeholders aside"
        );
        assert!(served.serves(DISCOVERY));
        let missing: Vec<_> = served.missing().collect();
        let expected = OPERATIONS
            .iter()
            .filter(|op| ![first.name, second.name, DISCOVERY].contains(&op.name))
            .count();
        assert_eq!(missing.len(), expected);
        assert!(!missing.contains(&first.name));
    }

    #[test]
    fn routes_ignore_placeholder_names_and_trailing_slashes() {
        assert_eq!(
            route("/api/v1/repository/{repository}/tag/"),
            "/api/v1/repository/{}/tag"
        );
        assert_eq!(
            route("/api/v1/repository/{repo}/tag"),
            "/api/v1/repository/{}/tag"
        );
    }

    #[test]
    fn the_quay_version_of_a_page_is_its_footer() {
        let page = "<html><head><title>Quay</title></head><body><h1>Quay Container Registry</h1>\
                    <ul><li>Quay v3.9.1</li></ul></body></html>";
        assert_eq!(quay_version_of_page(page).as_deref(), Some("3.9.1"));
        assert_eq!(
            quay_version_of_page("<li>Quay 3.18</li>").as_deref(),
            Some("3.18")
        );
        assert_eq!(
            quay_version_of_page("<title>Quay</title> Quay 3 Quay v.").as_deref(),
            None
        );
    }

    #[test]
    fn versions_compare_as_numbers() {
        assert!(is_older("3.9.1", "3.17"));
        assert!(is_older("3.5", "3.6"));
        assert!(!is_older("3.17.2", "3.17"));
        assert!(!is_older("3.18", "3.17"));
        assert!(!is_older("4.0", "3.18"));
    }

    #[test]
    fn every_operation_names_the_version_that_added_it() {
        // A crate generated without a version history (another docs version's) has none.
        if OPERATIONS.iter().all(|op| op.since.is_none()) {
            return;
        }
        for op in OPERATIONS {
            let since = op
                .since
                .unwrap_or_else(|| panic!("{} has no since", op.name));
            assert!(
                since.split('.').all(|p| p.parse::<u32>().is_ok()),
                "{}: {since}",
                op.name
            );
        }
        assert_eq!(since_of(OPERATIONS[0].name), OPERATIONS[0].since);
        assert_eq!(since_of("noSuchOperation"), None);
    }

    #[test]
    fn a_document_without_paths_serves_nothing_but_itself() {
        let served = ServerOperations::from_discovery(&json!({"swagger": "2.0"}));
        assert!(served.serves(DISCOVERY));
        assert_eq!(served.served().count(), 0);
    }
}
