//! Text conventions shared by every front-end: HTML entities, emphasis markup, cross references,
//! schema cells and the `Authorizations:` line. Both the AsciiDoc and the Markdown rendering use
//! them, so they live here once.

use std::sync::LazyLock;

use regex::Regex;

use crate::spec::{Authorization, Schema};

/// Replaces the HTML entities the docs use (`&lt;&lt;_apierror,ApiError&gt;&gt;`).
pub fn unescape_html(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        let entity = &rest[at..];
        match HTML_ENTITIES
            .iter()
            .find(|(name, _)| entity.starts_with(name))
        {
            Some((name, character)) => {
                decoded.push(*character);
                rest = &entity[name.len()..];
            }
            None => {
                decoded.push('&');
                rest = &entity[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

/// The entities [`unescape_html`] decodes, each once: `&amp;lt;` is `&lt;`.
const HTML_ENTITIES: [(&str, char); 7] = [
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&quot;", '"'),
    ("&#39;", '\''),
    ("&apos;", '\''),
    ("&nbsp;", ' '),
    ("&amp;", '&'),
];

/// Turns AsciiDoc inline text of a description into the Markdown that rustdoc and the spec's
/// readers expect: HTML entities are decoded and `link:URL[text]` (or `https://URL[text]`)
/// becomes `[text](URL)`. Backticks and emphasis mean the same in both and are kept.
pub fn adoc_inline_to_markdown(text: &str) -> String {
    static LINK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:link:)?(https?://[^\s\[\]]+|link:[^\s\[\]]+)\[([^\]]*)\]")
            .expect("valid regex")
    });
    let decoded = unescape_html(text);
    LINK.replace_all(&decoded, |caps: &regex::Captures<'_>| {
        let url = caps[1].trim_start_matches("link:");
        let label = caps[2].trim();
        if label.is_empty() {
            format!("<{url}>")
        } else {
            format!("[{label}]({url})")
        }
    })
    .into_owned()
}

/// Removes `**bold**`, `*emphasis*`, `__x__`, `_x_` and backtick markup, keeping the words.
pub fn strip_markup(text: &str) -> String {
    static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\*\*([^*]*)\*\*|\*([^*\s][^*]*)\*|`([^`]*)`|\b__([^_]+)__\b|\b_([^_]+)_\b")
            .expect("valid regex")
    });
    let replaced = EMPHASIS.replace_all(text, |caps: &regex::Captures<'_>| {
        (1..=5)
            .find_map(|i| caps.get(i))
            .map(|m| m.as_str().to_string())
            .unwrap_or_default()
    });
    replaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cross reference to a definition: AsciiDoc `<<_apierror,ApiError>>` (possibly HTML-escaped)
/// or a Markdown link `[ApiError](#apierror)`. Returns the definition's display name.
pub fn cross_reference(cell: &str) -> Option<String> {
    static MARKDOWN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\[([^\]]+)\]\(#[^)]*\)$").expect("valid"));
    let cell = unescape_html(cell.trim());
    // Both patterns are anchored: most cells (plain types) are rejected without running them.
    if !(cell.starts_with("<<") || cell.starts_with('[')) {
        return None;
    }
    if let Some(name) = adoc_reference_name(&cell) {
        return Some(name.trim_start_matches('_').to_string());
    }
    MARKDOWN
        .captures(&cell)
        .map(|caps| caps[1].trim().to_string())
}

/// The text an AsciiDoc cross reference shows, `ApiError` of `<<_apierror, ApiError>>`, or
/// its target when it has none. Written out rather than as the capturing regex it replaced
/// (`^<<\s*([^,>]+)\s*(?:,\s*([^>]+?)\s*)?>>$`, which the tests hold it to, to the byte):
/// every schema cell of every table is tried.
fn adoc_reference_name(cell: &str) -> Option<&str> {
    let inner = cell.strip_prefix("<<")?.strip_suffix(">>")?;
    if inner.contains('>') {
        return None;
    }
    match inner.split_once(',') {
        None => after_whitespace(inner),
        Some((target, text)) => {
            after_whitespace(target)?;
            let text = after_whitespace(text)?;
            // The text ends at its last character that is not whitespace, if it has one.
            Some(match text.trim_end() {
                "" => text,
                trimmed => trimmed,
            })
        }
    }
}

/// `text` after its leading whitespace, or its last character if it is all whitespace
/// (as `\s*(.+)` captures it); `None` when it is empty.
fn after_whitespace(text: &str) -> Option<&str> {
    let last = text.char_indices().next_back()?.0;
    match text.trim_start() {
        "" => Some(&text[last..]),
        rest => Some(rest),
    }
}

/// Parses a schema cell: a cross reference becomes [`Schema::Ref`], anything else goes through
/// [`Schema::parse`]. A trailing AsciiDoc hard line break (` +`) is not part of the schema.
pub fn schema_cell(cell: &str) -> Schema {
    let cell = cell.trim().trim_end_matches('+').trim();
    if let Some(name) = cross_reference(cell) {
        return Schema::Ref { name };
    }
    Schema::parse(&strip_markup(&unescape_html(cell)))
}

/// Reads the text after `Authorizations:` (markup still in it), e.g.
/// `oauth2_implicit (**org:admin** or global read-only **superuser**)`.
///
/// The scheme is what stands before the parenthesis; scopes are the `word:word` tokens inside it.
/// Prose around the scopes is kept in [`Authorization::text`].
pub fn parse_authorization(raw: &str) -> Authorization {
    static SCOPE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b([a-z]+:[a-z]+)\b").expect("valid regex"));
    static CALLOUT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*<[0-9]+>\s*$").expect("valid"));
    let without_callout = CALLOUT.replace(raw.trim(), "");
    let text = strip_markup(&unescape_html(&without_callout));
    if text.is_empty() {
        return Authorization::default();
    }
    let (scheme, inside) = match text.find('(') {
        Some(open) => (
            text[..open].trim().to_string(),
            text[open + 1..].trim_end_matches(')').to_string(),
        ),
        None => (text.clone(), String::new()),
    };
    let scopes = SCOPE
        .captures_iter(&inside)
        .map(|c| c[1].to_string())
        .collect();
    Authorization {
        scheme: (!scheme.is_empty()).then_some(scheme),
        scopes,
        text,
    }
}

/// A group name for an entry that sits in no chapter: the first segment of its path after the
/// API prefix that is not a placeholder (`bootstrap` for `/api/v1/bootstrap/renew`).
pub fn group_from_path(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let skip = match segments.as_slice() {
        ["api", version, ..] if version.starts_with('v') => 2,
        _ => 0,
    };
    segments
        .iter()
        .skip(skip)
        .find(|s| !s.contains('{'))
        .map_or_else(|| "default".to_string(), |s| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn entities_decode_as_the_replacements_in_turn_decoded_them(
            text in "(&(lt|gt|quot|#39|apos|nbsp|amp|)?;?|[a-z <>;#])*"
        ) {
            let replaced = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&apos;", "'")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
            proptest::prop_assert_eq!(unescape_html(&text), replaced);
        }

        #[test]
        fn adoc_references_read_as_the_regex_reads_them(
            cell in "(<<|<|)[_a-z ,<>\t\u{a0}\u{2003}]{0,8}(>>|>|)"
        ) {
            let regex = Regex::new(r"^<<\s*([^,>]+)\s*(?:,\s*([^>]+?)\s*)?>>$").expect("valid");
            let expected = regex
                .captures(&cell)
                .map(|caps| caps.get(2).or(caps.get(1)).expect("a group").as_str());
            proptest::prop_assert_eq!(adoc_reference_name(&cell), expected);
        }
    }

    #[test]
    fn cross_references_in_both_renderings() {
        assert_eq!(
            cross_reference("&lt;&lt;_apierror,ApiError&gt;&gt;").as_deref(),
            Some("ApiError")
        );
        assert_eq!(
            cross_reference("<<_userview>>").as_deref(),
            Some("userview")
        );
        assert_eq!(
            cross_reference("[ApiError](#apierror)").as_deref(),
            Some("ApiError")
        );
        assert_eq!(cross_reference("string"), None);
    }

    #[test]
    fn schema_cells() {
        assert_eq!(
            schema_cell("array of string +"),
            Schema::array(Schema::String)
        );
        assert_eq!(
            schema_cell("&lt;&lt;_apierror,ApiError&gt;&gt;"),
            Schema::Ref {
                name: "ApiError".into()
            }
        );
        assert_eq!(schema_cell(""), Schema::Unknown { text: "".into() });
    }

    #[test]
    fn authorization_forms() {
        let a = parse_authorization("oauth2_implicit (**repo:admin**)");
        assert_eq!(a.scheme.as_deref(), Some("oauth2_implicit"));
        assert_eq!(a.scopes, vec!["repo:admin"]);
        assert_eq!(a.text, "oauth2_implicit (repo:admin)");

        let prose = parse_authorization(
            "oauth2_implicit (**org:admin** or global read-only **superuser**)",
        );
        assert_eq!(prose.scopes, vec!["org:admin"]);
        assert_eq!(
            prose.text,
            "oauth2_implicit (org:admin or global read-only superuser)"
        );

        assert_eq!(parse_authorization("  "), Authorization::default());

        let callout = parse_authorization("oauth2_implicit (**user:admin**) <4>");
        assert_eq!(callout.scopes, vec!["user:admin"]);

        let bearer = parse_authorization("Bearer token (bootstrap token)");
        assert_eq!(bearer.scheme.as_deref(), Some("Bearer token"));
        assert!(bearer.scopes.is_empty());
    }

    #[test]
    fn adoc_inline_text_becomes_markdown() {
        assert_eq!(
            adoc_inline_to_markdown("Syntax: &lt;op&gt;:&lt;name&gt;"),
            "Syntax: <op>:<name>"
        );
        assert_eq!(
            adoc_inline_to_markdown("See link:https://example.com/a[the guide] now"),
            "See [the guide](https://example.com/a) now"
        );
        assert_eq!(
            adoc_inline_to_markdown("At https://example.com/b[] only"),
            "At <https://example.com/b> only"
        );
    }

    #[test]
    fn strips_markup_and_entities() {
        assert_eq!(strip_markup("**title** _required_"), "title required");
        assert_eq!(
            unescape_html("&lt;op&gt;:&lt;name&gt; &amp;"),
            "<op>:<name> &"
        );
    }

    #[test]
    fn groups_from_paths() {
        assert_eq!(group_from_path("/api/v1/bootstrap/renew"), "bootstrap");
        assert_eq!(group_from_path("/api/v1/{x}/thing"), "thing");
        assert_eq!(group_from_path("/v2/{org}/referrers"), "v2");
        assert_eq!(group_from_path("/"), "default");
    }
}
