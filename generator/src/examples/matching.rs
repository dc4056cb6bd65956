//! Which operation an example request calls: same method, and a path that fits the operation's
//! path template.
//!
//! In a command, a template parameter can be filled by a placeholder (`<namespace>`), a literal
//! sample value (`quayadmin`), or either of them spread over two segments: a `{repository}` is
//! written `<namespace>/<repo>` or `quayadmin/busybox`. A parameter therefore takes one or two
//! segments. When several templates fit, the one with the most literal segments wins (`/tag/`
//! beats a parameter standing for `tag`); a tie is ambiguous.

use crate::spec::{ExampleRequest, Method, Spec};

/// The outcome of matching one request against every operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// Index into `spec.operations`.
    One(usize),
    None,
    /// Indices of the equally good candidates.
    Several(Vec<usize>),
}

/// The most segments one template parameter may stand for.
const MAX_SEGMENTS_PER_PARAMETER: usize = 2;

/// Finds the operation `request` calls.
pub fn match_operation(spec: &Spec, request: &ExampleRequest) -> Match {
    Templates::new(spec).match_request(request)
}

/// The path templates of every operation, split into segments once: the guide tries each of its
/// commands against every operation.
pub struct Templates<'s> {
    /// Per operation, in the order of `spec.operations`: its method and template segments.
    operations: Vec<(Method, Vec<&'s str>)>,
}

impl<'s> Templates<'s> {
    pub fn new(spec: &'s Spec) -> Self {
        Templates {
            operations: spec
                .operations
                .iter()
                .map(|operation| (operation.method, segments(&operation.path)))
                .collect(),
        }
    }

    /// Finds the operation `request` calls (see [`match_operation`]).
    pub fn match_request(&self, request: &ExampleRequest) -> Match {
        let mut best: Option<usize> = None;
        let mut candidates: Vec<usize> = Vec::new();
        let path = segments(&request.path);
        for (index, (method, template)) in self.operations.iter().enumerate() {
            if *method != request.method {
                continue;
            }
            let Some(score) = match_segments(template, &path) else {
                continue;
            };
            match best {
                Some(b) if score < b => {}
                Some(b) if score == b => candidates.push(index),
                _ => {
                    best = Some(score);
                    candidates = vec![index];
                }
            }
        }
        match candidates.as_slice() {
            [] => Match::None,
            [one] => Match::One(*one),
            _ => Match::Several(candidates),
        }
    }
}

/// The number of literal segments matched when `request` fits `method` and `template`.
pub fn fits(method: Method, template: &str, request: &ExampleRequest) -> Option<usize> {
    if method != request.method {
        return None;
    }
    path_fits(template, &request.path)
}

/// The number of literal segments matched when the example `path` fits the path `template`
/// (`/api/v1/repository/{repository}/tag/`), whatever the method.
pub fn path_fits(template: &str, path: &str) -> Option<usize> {
    match_segments(&segments(template), &segments(path))
}

/// Path segments without empty ones, so a trailing or doubled slash does not matter.
fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

fn is_parameter(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}') && segment.len() > 2
}

fn match_segments(template: &[&str], path: &[&str]) -> Option<usize> {
    let Some((first, rest)) = template.split_first() else {
        return path.is_empty().then_some(0);
    };
    if !is_parameter(first) {
        let (segment, path_rest) = path.split_first()?;
        return (segment == first)
            .then(|| match_segments(rest, path_rest).map(|score| score + 1))
            .flatten();
    }
    (1..=MAX_SEGMENTS_PER_PARAMETER.min(path.len()))
        .filter_map(|taken| match_segments(rest, &path[taken..]))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::testing;

    fn spec(operations: &[(Method, &str)]) -> Spec {
        testing::spec(
            operations
                .iter()
                .enumerate()
                .map(|(i, (method, path))| testing::operation(&format!("op{i}"), *method, path))
                .collect(),
        )
    }

    fn request(method: Method, path: &str) -> ExampleRequest {
        ExampleRequest {
            method,
            url: format!("https://h{path}"),
            path: path.to_string(),
            query: vec![],
            headers: vec![],
            body: None,
            body_text: None,
        }
    }

    fn operations() -> Spec {
        spec(&[
            (Method::Get, "/api/v1/repository/{repository}"),
            (Method::Get, "/api/v1/repository/{repository}/tag/"),
            (
                Method::Post,
                "/api/v1/repository/{repository}/tag/{tag}/restore",
            ),
            (Method::Get, "/api/v1/user/robots/{robot_shortname}"),
            (Method::Get, "/api/v1/user/"),
            (Method::Get, "/api/v1/{kind}/{name}"),
            (Method::Get, "/api/v1/{other}/{name}"),
        ])
    }

    #[test]
    fn placeholders_and_sample_values_fill_parameters() {
        let spec = operations();
        let m = |method, path| match_operation(&spec, &request(method, path));
        assert_eq!(
            m(Method::Get, "/api/v1/repository/<namespace>/<repo>"),
            Match::One(0)
        );
        assert_eq!(
            m(Method::Get, "/api/v1/repository/<repository>"),
            Match::One(0)
        );
        assert_eq!(
            m(
                Method::Post,
                "/api/v1/repository/quayadmin/busybox/tag/test/restore"
            ),
            Match::One(2)
        );
        assert_eq!(
            m(Method::Get, "/api/v1/user/robots/<robot_shortname>"),
            Match::One(3)
        );
    }

    #[test]
    fn more_literal_segments_win() {
        let spec = operations();
        // `{repository}` could take `ns/repo` and leave `tag` unmatched, or the template with
        // the literal `tag` fits: the literal wins.
        let found = match_operation(
            &spec,
            &request(Method::Get, "/api/v1/repository/ns/repo/tag/"),
        );
        assert_eq!(found, Match::One(1));
        // Trailing slashes do not matter.
        let found = match_operation(&spec, &request(Method::Get, "/api/v1/user"));
        assert_eq!(found, Match::One(4));
    }

    #[test]
    fn paths_fit_whatever_the_method() {
        assert_eq!(
            path_fits(
                "/api/v1/repository/{repository}/tag/",
                "/api/v1/repository/a/b/tag"
            ),
            Some(4)
        );
        assert_eq!(
            path_fits(
                "/api/v1/repository/{repository}",
                "/api/v1/repository/a/b/c"
            ),
            None
        );
        assert_eq!(path_fits("/api/v1/user/", "/api/v1/users/"), None);
    }

    #[test]
    fn method_must_agree_and_ties_are_ambiguous() {
        let spec = operations();
        assert_eq!(
            match_operation(&spec, &request(Method::Delete, "/api/v1/user/robots/x")),
            Match::None
        );
        assert_eq!(
            match_operation(
                &spec,
                &request(Method::Get, "/api/v1/<example>/<endpoint>/x/y/z")
            ),
            Match::None
        );
        assert_eq!(
            match_operation(&spec, &request(Method::Get, "/api/v1/things/thing")),
            Match::Several(vec![5, 6])
        );
    }
}
