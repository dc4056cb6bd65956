//! Example `curl` commands as the docs write them, parsed into an [`ExampleRequest`].
//!
//! The docs' commands are shell text with documentation noise: `$ ` prompts, callout markers at
//! line ends (`<1>` in AsciiDoc, a bare ` 1` in renderings), continuation backslashes that a
//! callout replaced, trailing `| jq`, and several commands in one block. A shell-quoting crate
//! cannot be used as-is because the noise must be removed line by line before quoting is read
//! and the command stops at a pipe; the tokenizer below implements only the quoting curl
//! commands use (single quotes, double quotes with backslash escapes, backslashes).

use std::sync::LazyLock;

use regex::Regex;

use crate::spec::{ExampleRequest, Method};

use super::json;

/// Why an example command could not be read as a curl request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CurlError {
    #[error("no `curl` command found")]
    NoCurlCommand,
    /// The command text is not quoted: it can hold a token.
    #[error("unterminated {quote} quote in the command")]
    UnterminatedQuote { quote: char },
    #[error("option `{option}` needs a value but the command ends")]
    MissingOptionValue { option: String },
    #[error("unknown curl option `{option}` (cannot tell whether it takes a value)")]
    UnknownOption { option: String },
    #[error("`-X {method}` is not an HTTP method the API uses")]
    UnknownMethod { method: String },
    #[error("the command has no URL")]
    NoUrl,
    /// The URLs are shown without their query, which can hold a token.
    #[error("the command has more than one URL: `{first}` and `{second}`")]
    SeveralUrls { first: String, second: String },
    #[error("the URL `{url}` has no path")]
    NoPath { url: String },
}

/// Parses the first curl command of an example block.
pub fn parse(command_text: &str) -> Result<ExampleRequest, CurlError> {
    parse_all(command_text)
        .into_iter()
        .next()
        .unwrap_or(Err(CurlError::NoCurlCommand))
}

/// Parses every curl command of an example block, in order. Other commands are skipped.
pub fn parse_all(block: &str) -> Vec<Result<ExampleRequest, CurlError>> {
    split_commands(block)
        .iter()
        .map(|command| tokenize(command).and_then(|tokens| interpret(&tokens)))
        .collect()
}

/// Removes a callout marker from the end of a line: `<1>` or `(1)` (possibly several), or a
/// bare number after a closing quote, bracket or backslash (`"MyAppToken" 2`), where a number
/// cannot be data.
fn strip_callout(line: &str) -> &str {
    static ANGLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\s*(<[0-9]+>|\([0-9]+\)))+\s*$").expect("valid regex"));
    static BARE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"["'}\]\\]([ \t]+[0-9]{1,2})[ \t]*$"#).expect("valid regex"));
    let line = match ANGLE.find(line) {
        Some(m) => &line[..m.start()],
        None => line,
    };
    match BARE.captures(line).and_then(|c| c.get(1)) {
        Some(m) => &line[..m.start()],
        None => line,
    }
}

/// A `$ ` or `# ` prompt, if the line starts with one.
fn strip_prompt(line: &str) -> Option<&str> {
    let line = line.trim_start();
    ["$ ", "$\t", "# "]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .or_else(|| (line == "$").then_some(""))
}

fn starts_curl(text: &str) -> bool {
    let text = text.trim_start();
    text == "curl" || text.starts_with("curl ") || text.starts_with("curl\t")
}

/// A line after a command that did not end in `\` is still part of it when it can only be a
/// curl argument: the docs often lose the backslash where a callout sits.
fn looks_like_argument(line: &str) -> bool {
    let line = line.trim_start();
    ["-", "\"", "'", "http://", "https://", "<"]
        .iter()
        .any(|p| line.starts_with(p))
        || line.contains("/api/")
}

/// Groups the lines of a block into curl commands: continuation lines are joined (with a newline
/// inside quotes, so JSON bodies keep their lines), prompts and callouts are removed.
fn split_commands(block: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut current: Option<String> = None;
    for raw in block.lines() {
        let line = strip_callout(raw.trim_end()).trim_end();
        let prompted = strip_prompt(line);
        let text = prompted.unwrap_or(line);
        let joined = match current.as_mut() {
            Some(command) => join_line(command, line, text, prompted.is_some()),
            None => false,
        };
        if !joined {
            commands.extend(current.take());
            if starts_curl(text) {
                current = Some(text.trim().to_string());
            }
        }
        if let Some(command) = current.as_mut() {
            drop_stray_doubled_quote(command);
        }
    }
    commands.extend(current);
    commands
}

/// Appends `line` to `command` when it continues it: inside an open quote (kept as a new line),
/// after a `\` (which is removed), or when it can only be a curl argument. `text` is the line
/// without its prompt; a prompted line never continues a command.
fn join_line(command: &mut String, line: &str, text: &str, prompted: bool) -> bool {
    if open_quote(command).is_some() {
        command.push('\n');
        command.push_str(line);
        return true;
    }
    let continued = command.trim_end().ends_with('\\');
    if !continued && (prompted || text.trim().is_empty() || !looks_like_argument(text)) {
        return false;
    }
    if continued {
        let keep = command.trim_end().len() - 1;
        command.truncate(keep);
    }
    command.push(' ');
    command.push_str(text.trim());
    true
}

/// `"...url""` at a line's end is a typo: the last quote would open a string that swallows the
/// rest of the block. It is dropped when it leaves a quote open.
fn drop_stray_doubled_quote(command: &mut String) {
    if command.ends_with("\"\"") && open_quote(command) == Some('"') {
        command.pop();
    }
}

/// The quote character left open at the end of `text`, reading shell quoting.
fn open_quote(text: &str) -> Option<char> {
    let mut quote = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\\') | (Some('"'), '\\') => {
                chars.next();
            }
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
    }
    quote
}

/// Splits a command into words the way a shell would, stopping at `|`, `;`, `&` or a comment.
fn tokenize(command: &str) -> Result<Vec<String>, CurlError> {
    let unterminated = |quote| CurlError::UnterminatedQuote { quote };
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '|' | ';' | '&' => break,
            '#' if word.is_none() => break,
            '\'' => {
                let buf = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => buf.push(c),
                        None => return Err(unterminated('\'')),
                    }
                }
            }
            '"' => {
                let buf = word.get_or_insert_with(String::new);
                let quoted_from = buf.len();
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(e @ ('"' | '\\' | '$' | '`')) => buf.push(e),
                            Some('\n') => {}
                            Some(other) => {
                                buf.push('\\');
                                buf.push(other);
                            }
                            None => return Err(unterminated('"')),
                        },
                        Some(c) => buf.push(c),
                        // A stray quote at the very end (`"...url""`) is a typo, not a value.
                        None if buf[quoted_from..].trim().is_empty() => {
                            buf.truncate(quoted_from);
                            break;
                        }
                        None => return Err(unterminated('"')),
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') | None => {}
                Some(escaped) => word.get_or_insert_with(String::new).push(escaped),
            },
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// How curl treats an option.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Arg {
    Method,
    Header,
    Data,
    Url,
    Head,
    Get,
    /// Takes a value the request does not depend on (`-o file`, `-u user:pass`).
    IgnoredValue,
    /// A flag without a value (`-k`, `--silent`).
    Flag,
}

fn long_option(name: &str) -> Option<Arg> {
    Some(match name {
        "request" => Arg::Method,
        "header" => Arg::Header,
        "data" | "data-raw" | "data-binary" | "data-ascii" | "data-urlencode" | "json" => Arg::Data,
        "url" => Arg::Url,
        "head" => Arg::Head,
        "get" => Arg::Get,
        "user" | "output" | "form" | "user-agent" | "cookie" | "cookie-jar" | "referer"
        | "max-time" | "connect-timeout" | "write-out" | "cacert" | "capath" | "cert" | "key"
        | "upload-file" | "proxy" | "retry" | "resolve" | "config" | "range" | "oauth2-bearer"
        | "limit-rate" | "max-redirs" | "cert-type" | "key-type" | "pass" | "stderr" | "trace"
        | "trace-ascii" | "dump-header" => Arg::IgnoredValue,
        "insecure" | "silent" | "show-error" | "verbose" | "include" | "location"
        | "compressed" | "fail" | "fail-with-body" | "globoff" | "progress-bar" | "netrc"
        | "remote-name" | "no-buffer" | "http1.1" | "http2" | "ipv4" | "ipv6" | "raw"
        | "no-progress-meter" | "location-trusted" | "remote-header-name" | "no-keepalive"
        | "tlsv1.2" | "tlsv1.3" => Arg::Flag,
        _ => return None,
    })
}

fn short_option(c: char) -> Option<Arg> {
    Some(match c {
        'X' => Arg::Method,
        'H' => Arg::Header,
        'd' => Arg::Data,
        'I' => Arg::Head,
        'G' => Arg::Get,
        'u' | 'o' | 'F' | 'A' | 'b' | 'c' | 'e' | 'm' | 'w' | 'E' | 'T' | 'x' | 'K' | 'r' | 'Y'
        | 'y' | 'z' | 'D' => Arg::IgnoredValue,
        'k' | 's' | 'S' | 'v' | 'i' | 'L' | 'f' | 'g' | '#' | 'n' | 'O' | 'N' | 'J' | 'q' | '4'
        | '6' | '0' | 'R' | 'Z' => Arg::Flag,
        _ => return None,
    })
}

/// What the options of one command amount to.
#[derive(Default)]
struct Collected {
    method: Option<String>,
    head: bool,
    get: bool,
    headers: Vec<(String, String)>,
    data: Vec<String>,
    urls: Vec<String>,
}

impl Collected {
    fn apply(&mut self, arg: Arg, value: String) {
        match arg {
            Arg::Method => self.method = Some(value),
            Arg::Header => self.headers.push(split_header(&value)),
            Arg::Data => self.data.push(value),
            Arg::Url => self.urls.push(value),
            Arg::Head => self.head = true,
            Arg::Get => self.get = true,
            Arg::IgnoredValue | Arg::Flag => {}
        }
    }
}

fn takes_value(arg: Arg) -> bool {
    !matches!(arg, Arg::Head | Arg::Get | Arg::Flag)
}

fn interpret(words: &[String]) -> Result<ExampleRequest, CurlError> {
    let mut collected = Collected::default();
    let mut rest = words.iter().skip(1);
    let missing = |option: &str| CurlError::MissingOptionValue {
        option: option.to_string(),
    };
    while let Some(word) = rest.next() {
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (long, None),
            };
            let arg = long_option(name).ok_or_else(|| CurlError::UnknownOption {
                option: word.clone(),
            })?;
            let value = match (takes_value(arg), inline) {
                (false, _) => String::new(),
                (true, Some(value)) => value,
                (true, None) => rest.next().cloned().ok_or_else(|| missing(word))?,
            };
            collected.apply(arg, value);
        } else if word.len() > 1 && word.starts_with('-') {
            read_short_cluster(word, &mut rest, &mut collected)?;
        } else if word.chars().all(|c| c.is_ascii_digit()) {
            // A bare number where a URL could stand is a callout marker the line filter missed.
        } else {
            collected.urls.push(word.clone());
        }
    }
    build_request(collected)
}

/// Reads `-sSk`, `-XPOST` or `-X` followed by its value.
fn read_short_cluster<'a>(
    word: &str,
    rest: &mut impl Iterator<Item = &'a String>,
    collected: &mut Collected,
) -> Result<(), CurlError> {
    for (i, c) in word.char_indices().skip(1) {
        let arg = short_option(c).ok_or_else(|| CurlError::UnknownOption {
            option: format!("-{c}"),
        })?;
        if !takes_value(arg) {
            collected.apply(arg, String::new());
            continue;
        }
        let attached = &word[i + c.len_utf8()..];
        let value = if attached.is_empty() {
            rest.next()
                .cloned()
                .ok_or_else(|| CurlError::MissingOptionValue {
                    option: format!("-{c}"),
                })?
        } else {
            attached.to_string()
        };
        collected.apply(arg, value);
        return Ok(());
    }
    Ok(())
}

fn split_header(value: &str) -> (String, String) {
    let (name, value) = match value.split_once(':') {
        Some((name, rest)) => (name.trim(), rest.trim()),
        None => (value.trim(), ""),
    };
    (name.to_string(), redact_credential(name, value))
}

/// Headers whose value is a secret.
const CREDENTIAL_HEADERS: [&str; 5] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "x-api-key",
    "x-auth-token",
];

/// The docs write credentials as placeholders (`Bearer <access_token>`); anything else in a
/// credential header may be a real token and is replaced, keeping the scheme (`Bearer`).
fn redact_credential(name: &str, value: &str) -> String {
    if !CREDENTIAL_HEADERS
        .iter()
        .any(|h| name.eq_ignore_ascii_case(h))
    {
        return value.to_string();
    }
    let (scheme, credential) = match value.rsplit_once(char::is_whitespace) {
        Some((scheme, credential)) => (format!("{} ", scheme.trim_end()), credential),
        None => (String::new(), value),
    };
    let is_placeholder = (credential.starts_with('<') && credential.ends_with('>'))
        || (credential.starts_with('{') && credential.ends_with('}'))
        || credential.starts_with('$')
        || credential.is_empty();
    if is_placeholder {
        value.to_string()
    } else {
        format!("{scheme}<redacted>")
    }
}

fn build_request(collected: Collected) -> Result<ExampleRequest, CurlError> {
    let mut urls = collected.urls.into_iter();
    let url = urls.next().ok_or(CurlError::NoUrl)?;
    if let Some(second) = urls.next() {
        return Err(CurlError::SeveralUrls {
            first: without_query(&url),
            second: without_query(&second),
        });
    }
    let (path, mut query) = split_url(&url)?;
    let body_text = (!collected.data.is_empty()).then(|| collected.data.join("&"));
    let method = match &collected.method {
        Some(name) => {
            let upper = name.to_ascii_uppercase();
            Method::parse(&upper).ok_or_else(|| CurlError::UnknownMethod {
                method: name.clone(),
            })?
        }
        None if collected.head => Method::Head,
        None if collected.get => Method::Get,
        None if body_text.is_some() => Method::Post,
        None => Method::Get,
    };
    // With `-G` curl sends the data as the query string instead of a body.
    let (body, body_text) = match body_text {
        Some(text) if collected.get => {
            query.extend(split_query(&text));
            (None, None)
        }
        Some(text) => (json::parse_lenient(&text).ok(), Some(text)),
        None => (None, None),
    };
    Ok(ExampleRequest {
        method,
        url,
        path,
        query,
        headers: collected.headers,
        body,
        body_text,
    })
}

fn without_query(url: &str) -> String {
    url.split(['?', '#']).next().unwrap_or_default().to_string()
}

/// Splits a URL (scheme and host optional, `<placeholders>` allowed) into its path and query.
pub fn split_url(url: &str) -> Result<(String, Vec<(String, String)>), CurlError> {
    let no_path = || CurlError::NoPath {
        url: url.to_string(),
    };
    let lower = url.to_ascii_lowercase();
    let after_scheme = ["https://", "http://"]
        .iter()
        .find(|s| lower.starts_with(*s))
        .map_or(url, |s| &url[s.len()..]);
    let without_fragment = after_scheme.split('#').next().unwrap_or_default();
    let start = path_start(without_fragment).ok_or_else(no_path)?;
    let path_and_query = &without_fragment[start..];
    let (path, query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, split_query(query)),
        None => (path_and_query, Vec::new()),
    };
    Ok((path.to_string(), query))
}

/// Where the path starts: the first `/` that is not inside a `<placeholder>` host.
fn path_start(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            '/' if depth == 0 => return Some(i),
            '?' if depth == 0 => return None,
            _ => {}
        }
    }
    None
}

fn split_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) => (key.to_string(), value.to_string()),
            None => (pair.to_string(), String::new()),
        })
        .collect()
}

/// Why a command's `-d` body is not JSON, if it has one that is not.
pub fn body_problem(request: &ExampleRequest) -> Option<String> {
    let text = request.body_text.as_deref()?;
    if request.body.is_some() {
        return None;
    }
    if text.starts_with('@') {
        return Some(format!("the body is read from a file (`{text}`)"));
    }
    json::parse_lenient(text)
        .err()
        .map(|err| format!("the body is not JSON: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn header<'a>(request: &'a ExampleRequest, name: &str) -> Option<&'a str> {
        request
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn multi_line_post_with_json_body() {
        let text = " $ curl -X POST \\\n  -H \"Authorization: Bearer <token>\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\n    \"title\": \"Nightly\"\n  }' \\\n  \"http://registry.example.org/api/v1/user/apptoken\"\n";
        let request = parse(text).unwrap();
        assert_eq!(request.method, Method::Post);
        assert_eq!(
            request.url,
            "http://registry.example.org/api/v1/user/apptoken"
        );
        assert_eq!(request.path, "/api/v1/user/apptoken");
        assert_eq!(header(&request, "content-type"), Some("application/json"));
        assert_eq!(header(&request, "Authorization"), Some("Bearer <token>"));
        assert_eq!(request.body, Some(json!({"title": "Nightly"})));
        assert!(request.body_text.as_deref().unwrap().contains('\n'));
    }

    #[test]
    fn defaults_to_get_and_reads_placeholder_host_and_query() {
        let request =
            parse("curl \"https://<registry.host>/api/v1/find/all?query=<term>&page=2\"").unwrap();
        assert_eq!(request.method, Method::Get);
        assert_eq!(request.path, "/api/v1/find/all");
        assert_eq!(
            request.query,
            vec![
                ("query".to_string(), "<term>".to_string()),
                ("page".to_string(), "2".to_string())
            ]
        );
    }

    #[test]
    fn unquoted_url_without_scheme_and_long_options() {
        let request = parse(
            "$ curl --request PUT --header 'Accept: application/json' --data-raw '{\"role\": \"read\"}' <host>/api/v1/org/<org>/team/<team>",
        )
        .unwrap();
        assert_eq!(request.method, Method::Put);
        assert_eq!(request.path, "/api/v1/org/<org>/team/<team>");
        assert_eq!(request.body, Some(json!({"role": "read"})));
        assert_eq!(header(&request, "accept"), Some("application/json"));
    }

    #[test]
    fn callouts_and_lost_backslashes() {
        // Rendered text: callout numbers replace the continuation backslash.
        let rendered = "$ curl -X POST \\\n  -H \"Authorization: Bearer <t>\" 1\n  -d '{\n    \"title\": \"Mine\" 2\n  }' \\\n  \"http://h.example/api/v1/user/apptoken\" 3\n1\nThe token.\n";
        let request = parse(rendered).unwrap();
        assert_eq!(request.body, Some(json!({"title": "Mine"})));
        assert_eq!(request.path, "/api/v1/user/apptoken");

        let adoc = "$ curl -X GET -H \"Authorization: Bearer <t>\" <1>\n    https://<host>/api/v1/<thing>/ <2>\n";
        let request = parse(adoc).unwrap();
        assert_eq!(request.path, "/api/v1/<thing>/");

        let markdown = "$ curl -X GET -H \"A: b\" (1)\n    https://<host>/api/v1/<thing>/ (2)\n";
        assert_eq!(parse(markdown).unwrap().path, "/api/v1/<thing>/");
    }

    #[test]
    fn numbers_in_json_are_not_callouts() {
        let request = parse("curl -X PUT -d '{\n \"value\": 10\n}' https://h/api/v1/x").unwrap();
        assert_eq!(request.body, Some(json!({"value": 10})));
    }

    #[test]
    fn pipe_ends_the_command_and_data_implies_post() {
        let request =
            parse("$ curl -s -H \"A: b\"\n\"https://h/api/v1/superuser/config\" | jq -r .config")
                .unwrap();
        assert_eq!(request.method, Method::Get);
        assert_eq!(request.path, "/api/v1/superuser/config");

        let request = parse("curl -d '{\"a\": <n>}' https://h/api/v1/x").unwrap();
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.body, Some(json!({"a": "<n>"})));
    }

    #[test]
    fn credentials_other_than_placeholders_are_redacted() {
        let request = parse(
            "curl -H 'Authorization: Bearer s3cr3t-t0ken' -H 'Cookie: session=abc' -H 'X-Other: keep' https://h/api/v1/x",
        )
        .unwrap();
        assert_eq!(header(&request, "authorization"), Some("Bearer <redacted>"));
        assert_eq!(header(&request, "cookie"), Some("<redacted>"));
        assert_eq!(header(&request, "x-other"), Some("keep"));
        assert!(!format!("{request:?}").contains("s3cr3t"));
        let placeholders =
            parse("curl -H 'Authorization: <bearer_token>' -H 'Authorization: Bearer $TOKEN' https://h/api/v1/x")
                .unwrap();
        assert_eq!(placeholders.headers[0].1, "<bearer_token>");
        assert_eq!(placeholders.headers[1].1, "Bearer $TOKEN");
    }

    #[test]
    fn stray_quote_at_the_end_is_ignored() {
        let request = parse("curl -X GET \\\n  \"https://h/api/v1/logs?a=1&b=2\"\"\n").unwrap();
        assert_eq!(request.path, "/api/v1/logs");
        assert_eq!(request.query.len(), 2);
    }

    #[test]
    fn short_option_clusters() {
        let request = parse("curl -skXDELETE https://h/api/v1/x/1").unwrap();
        assert_eq!(request.method, Method::Delete);
        assert_eq!(request.path, "/api/v1/x/1");
    }

    #[test]
    fn several_commands_in_one_block() {
        let block = "$ export TOKEN=abc\n$ curl -X GET https://h/api/v1/a\n$ curl -X DELETE \\\n  https://h/api/v1/b\n";
        let all = parse_all(block);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].as_ref().unwrap().path, "/api/v1/a");
        assert_eq!(all[1].as_ref().unwrap().method, Method::Delete);
    }

    #[test]
    fn invalid_json_body_is_kept_as_text() {
        let request =
            parse("curl -X POST -d '{\"a\": \"x\"\n \"b\": \"y\"}' https://h/api/v1/x").unwrap();
        assert_eq!(request.body, None);
        assert!(request.body_text.is_some());
        let problem = body_problem(&request).unwrap();
        assert!(problem.contains("line 2"), "{problem}");
    }

    /// Every prefix of a command full of the tolerated noise (the shapes a truncated or
    /// half-edited block takes) gives a result or an error, never a panic.
    #[test]
    fn truncated_commands_never_panic() {
        let text = " $ curl -sSkX POST \\ <1>\n  -H \"Authorization: Bearer <t>\" 1\n  --data-raw '{\n    \"é\": <n>, \"b\": [1, 2.5] 2\n  }' \\\n  \"https://<h>/api/v1/x/{id}?a=1&b\"\"  (3)\n| jq .\n$ curl -G -d q=1 /api/v1/y\n";
        for (end, _) in text.char_indices() {
            let _ = parse_all(&text[..end]);
        }
        assert_eq!(parse_all(text).len(), 2);
    }

    #[test]
    fn errors_name_the_problem() {
        assert_eq!(parse("echo hi"), Err(CurlError::NoCurlCommand));
        assert_eq!(parse("curl -X GET"), Err(CurlError::NoUrl));
        assert_eq!(
            parse("curl -X FETCH https://h/api/v1/x"),
            Err(CurlError::UnknownMethod {
                method: "FETCH".into()
            })
        );
        assert!(matches!(
            parse("curl -d '{\"a\": 1} https://h/api/v1/x"),
            Err(CurlError::UnterminatedQuote { quote: '\'' })
        ));
        let err = parse("curl --frobnicate https://h/api/v1/x").unwrap_err();
        assert!(err.to_string().contains("--frobnicate"), "{err}");
        let err = parse("curl https://h/api/v1/x https://h/api/v1/y?token=s3cr3t").unwrap_err();
        assert!(matches!(err, CurlError::SeveralUrls { .. }));
        assert!(!err.to_string().contains("s3cr3t"), "{err}");
        assert!(matches!(
            parse("curl https://h"),
            Err(CurlError::NoPath { .. })
        ));
        assert!(matches!(
            parse("curl -H"),
            Err(CurlError::MissingOptionValue { .. })
        ));
    }
}
