//! What a server serves: its discovery document (`GET /api/v1/discovery`, Swagger 2.0) read once
//! per client and matched against the operations of this crate ([`crate::OPERATIONS`]).
//!
//! A server of an older Quay lacks the operations that arrived later; a call to one of them is
//! answered with the web application's HTML page (a 404 after a redirect, or a 405). With
//! [`ClientBuilder::check_operations`](super::ClientBuilder::check_operations) such a call fails
//! before anything is sent; without it, an HTML 404 or 405 on an operation the server does not
//! list becomes the same [`Error::Unsupported`](super::Error::Unsupported).

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
    fn a_document_without_paths_serves_nothing_but_itself() {
        let served = ServerOperations::from_discovery(&json!({"swagger": "2.0"}));
        assert!(served.serves(DISCOVERY));
        assert_eq!(served.served().count(), 0);
    }
}
