//! Operation names that contradict their paths: a name about users on an `/organization/` path,
//! or the reverse. The name is the documentation's own claim about the endpoint, so a mismatch
//! means one of the two is wrong.

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::spec::Spec;

/// Which kind of namespace a name or path is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Namespace {
    User,
    Organization,
}

impl Namespace {
    fn label(self) -> &'static str {
        match self {
            Namespace::User => "users",
            Namespace::Organization => "organizations",
        }
    }
}

pub(super) fn check_names_against_paths(spec: &Spec, out: &mut Vec<Diagnostic>) {
    for op in &spec.operations {
        let (Some(named), Some(pathed)) =
            (namespace_of_name(&op.name), namespace_of_path(&op.path))
        else {
            continue;
        };
        if named != pathed {
            out.push(
                Diagnostic::warning(
                    DiagnosticKind::NameContradictsPath,
                    op.location.clone(),
                    format!(
                        "the name `{}` is about {} but the path {} {} is about {}",
                        op.name,
                        named.label(),
                        op.method,
                        op.path,
                        pathed.label()
                    ),
                )
                .for_operation(&op.name),
            );
        }
    }
}

/// The namespace kind a camelCase name speaks of, if exactly one.
fn namespace_of_name(name: &str) -> Option<Namespace> {
    let words = camel_words(name);
    // "SuperUser" names the caller's role, not the namespace the operation is about.
    let user = words
        .iter()
        .enumerate()
        .any(|(i, w)| (w == "user" || w == "users") && (i == 0 || words[i - 1] != "super"));
    let org = words
        .iter()
        .any(|w| w == "org" || w == "orgs" || w == "organization" || w == "organizations");
    match (user, org) {
        (true, false) => Some(Namespace::User),
        (false, true) => Some(Namespace::Organization),
        _ => None,
    }
}

/// The namespace kind a path's literal segments speak of, if exactly one.
fn namespace_of_path(path: &str) -> Option<Namespace> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.starts_with('{')).collect();
    let user = segments.iter().any(|s| *s == "user" || *s == "users");
    let org = segments
        .iter()
        .any(|s| *s == "organization" || *s == "organizations");
    match (user, org) {
        (true, false) => Some(Namespace::User),
        (false, true) => Some(Namespace::Organization),
        _ => None,
    }
}

/// `listUserQuotaSuperUser` → `list user quota super user`.
fn camel_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if c.is_uppercase() && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if c == '_' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths() {
        assert_eq!(
            namespace_of_name("listUserQuotaSuperUser"),
            Some(Namespace::User)
        );
        assert_eq!(
            namespace_of_name("getOrganizationQuota"),
            Some(Namespace::Organization)
        );
        assert_eq!(namespace_of_name("changeUserPermissionsForOrg"), None);
        assert_eq!(
            namespace_of_name("getSuperUserRepositoryMirrorHealth"),
            None
        );
        assert_eq!(
            namespace_of_name("changeOrganizationQuotaSuperUser"),
            Some(Namespace::Organization)
        );
        assert_eq!(
            namespace_of_path("/api/v1/superuser/organization/{namespace}/quota"),
            Some(Namespace::Organization)
        );
        // `superuser` is not `user`, and placeholders carry no meaning.
        assert_eq!(namespace_of_path("/api/v1/superuser/{user}/x"), None);
        assert_eq!(
            namespace_of_path("/api/v1/user/apptoken"),
            Some(Namespace::User)
        );
    }
}
