//! The read-only half of `cargo xtask verify`: every GET operation of the spec whose path and
//! required query parameters can be filled with values found by listing (the token's user, its
//! organizations, a repository with a tag and its manifest), sent once; each 2xx body walked
//! against the spec's response type (`generator::server::strict`), and optionally recorded as an
//! observed output. Nothing but GET is ever sent.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Context;
use generator::server::observed::{self, ObservedFile, ObservedOutput, ObservedRequest};
use generator::server::strict::{ResponseTypes, Strictness};
use generator::spec::{Method, Operation, Schema, Spec};
use serde_json::Value;

/// What one GET came to.
#[derive(Debug)]
pub enum ReadOutcome {
    /// A 2xx JSON body, walked against its type.
    Ok { status: u16, strictness: Strictness },
    /// A 2xx body that is not JSON (or empty).
    NotJson { status: u16 },
    /// A status outside 2xx, with the start of the body.
    Status { status: u16, body: String },
    /// Not sent: a parameter has no value found by listing.
    Skipped { missing: String },
    /// The request could not be sent.
    Transport(String),
}

/// The reads of one run, by operation, and the observed outputs they made.
pub struct Reads {
    pub outcomes: Vec<(String, ReadOutcome)>,
    pub observed: BTreeMap<String, ObservedFile>,
}

/// Values found on the server, by the parameter names they fill.
struct Values(BTreeMap<&'static str, String>);

impl Values {
    fn get(&self, name: &str) -> Option<&str> {
        let key = match name {
            "orgname" | "organization_name" => "org",
            "namespace" | "name" => "namespace",
            "username" | "membername" => "user",
            "repository" => "repository",
            "repository_name" => "repository_name",
            "tag" => "tag",
            "manifestref" | "digest" => "manifest",
            "prefix" => "prefix",
            "error_type" => "error_type",
            "robot_shortname" => "robot",
            "teamname" => "team",
            other => return self.0.get(other).map(String::as_str),
        };
        self.0.get(key).map(String::as_str)
    }
}

pub struct Reader<'a> {
    http: reqwest::blocking::Client,
    base: String,
    token: Option<&'a str>,
    server_label: &'a str,
}

impl<'a> Reader<'a> {
    pub fn new(base: &str, token: Option<&'a str>, server_label: &'a str) -> anyhow::Result<Self> {
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(60))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("building the HTTP client")?;
        Ok(Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            token,
            server_label,
        })
    }

    fn get(&self, path: &str, query: &[(String, String)]) -> Result<(u16, Vec<u8>), String> {
        let mut request = self.http.get(format!("{}{path}", self.base));
        if !query.is_empty() {
            let encoded: Vec<String> = query
                .iter()
                .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                .collect();
            request = self
                .http
                .get(format!("{}{path}?{}", self.base, encoded.join("&")));
        }
        if let Some(token) = self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().map_err(|e| without_url(&e))?;
        let status = response.status().as_u16();
        let bytes = response.bytes().map_err(|e| without_url(&e))?;
        Ok((status, bytes.to_vec()))
    }

    fn get_json(&self, path: &str) -> Option<Value> {
        match self.get(path, &[]) {
            Ok((200..=299, bytes)) => serde_json::from_slice(&bytes).ok(),
            _ => None,
        }
    }

    /// The values later GETs need, found by listing from the token's user down.
    fn discover(&self) -> Values {
        let mut values = BTreeMap::new();
        values.insert("error_type", "not_found".to_string());
        let Some(me) = self.get_json("/api/v1/user/") else {
            return Values(values);
        };
        let user = me["username"].as_str().unwrap_or_default().to_owned();
        if user.is_empty() {
            return Values(values);
        }
        values.insert("prefix", user.chars().take(2).collect());
        values.insert("user", user.clone());
        values.insert("namespace", user.clone());
        if let Some(org) = me["organizations"]
            .as_array()
            .and_then(|orgs| orgs.iter().find_map(|o| o["name"].as_str()))
        {
            values.insert("org", org.to_owned());
            if let Some(teams) = self.get_json(&format!("/api/v1/organization/{org}")) {
                if let Some(team) = teams["teams"].as_object().and_then(|t| t.keys().next()) {
                    values.insert("team", team.clone());
                }
            }
        }
        if let Some(robots) = self.get_json("/api/v1/user/robots") {
            if let Some(robot) = robots["robots"]
                .as_array()
                .and_then(|r| r.iter().find_map(|r| r["name"].as_str()))
            {
                let short = robot.split_once('+').map_or(robot, |(_, s)| s);
                values.insert("robot", short.to_owned());
            }
        }
        let repos = self
            .get_json(&format!(
                "/api/v1/repository?namespace={}&public=false&starred=false",
                encode(&user)
            ))
            .unwrap_or(Value::Null);
        for repo in repos["repositories"].as_array().into_iter().flatten() {
            let Some(name) = repo["name"].as_str() else {
                continue;
            };
            let repository = format!("{user}/{name}");
            let tags = self
                .get_json(&format!(
                    "/api/v1/repository/{repository}/tag/?onlyActiveTags=true"
                ))
                .unwrap_or(Value::Null);
            let tag = tags["tags"].as_array().into_iter().flatten().find(|t| {
                t["manifest_digest"].is_string() && t["is_manifest_list"] != Value::Bool(true)
            });
            if let Some(tag) = tag {
                values.insert("repository", repository);
                values.insert("repository_name", name.to_owned());
                values.insert("tag", tag["name"].as_str().unwrap_or_default().to_owned());
                values.insert(
                    "manifest",
                    tag["manifest_digest"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                );
                break;
            }
        }
        Values(values)
    }

    /// Sends every GET operation of `spec` that can be filled, once.
    pub fn read_all(&self, spec: &Spec, record: bool, secrets: &[&str]) -> Reads {
        let values = self.discover();
        let types = ResponseTypes::of(spec);
        let mut reads = Reads {
            outcomes: Vec::new(),
            observed: BTreeMap::new(),
        };
        for op in spec.operations.iter().filter(|op| op.method == Method::Get) {
            let outcome = match fill(op, &values) {
                Err(missing) => ReadOutcome::Skipped { missing },
                Ok((path, query)) => match self.get(&path, &query) {
                    Err(why) => ReadOutcome::Transport(why),
                    Ok((status, bytes)) if !(200..300).contains(&status) => ReadOutcome::Status {
                        status,
                        body: String::from_utf8_lossy(&bytes).chars().take(160).collect(),
                    },
                    Ok((status, bytes)) => match serde_json::from_slice::<Value>(&bytes) {
                        Ok(mut body) if !body.is_null() => {
                            let strictness = types.check(&op.name, &body);
                            if record {
                                observed::redact(&mut body, secrets);
                                observed::trim(&mut body);
                                reads
                                    .observed
                                    .entry(op.name.clone())
                                    .or_insert_with(|| {
                                        ObservedFile::new(&op.name, self.server_label)
                                    })
                                    .add(ObservedOutput {
                                        request: ObservedRequest {
                                            method: "GET".into(),
                                            path: path.clone(),
                                            query: query.clone(),
                                        },
                                        status,
                                        body,
                                    });
                            }
                            ReadOutcome::Ok { status, strictness }
                        }
                        _ => ReadOutcome::NotJson { status },
                    },
                },
            };
            reads.outcomes.push((op.name.clone(), outcome));
        }
        reads
    }
}

/// The operation's path with its parameters filled, and its required query parameters (`false`
/// for a required boolean, the found value for a string), or the first parameter without one.
fn fill(op: &Operation, values: &Values) -> Result<(String, Vec<(String, String)>), String> {
    if !op.path.starts_with("/api/") {
        return Err(format!(
            "{} is not under /api (another token scheme)",
            op.path
        ));
    }
    let mut path = op.path.clone();
    for param in &op.path_params {
        let value = values
            .get(&param.name)
            .ok_or_else(|| format!("path parameter `{}`", param.name))?;
        let value = if param.name == "repository" {
            value.to_owned()
        } else {
            encode(value)
        };
        path = path.replace(&format!("{{{}}}", param.name), &value);
    }
    if path.contains('{') {
        return Err(format!(
            "a placeholder of {} the entry does not list",
            op.path
        ));
    }
    let mut query = Vec::new();
    for param in op.query_params.iter().filter(|p| p.required) {
        let value = match (&param.schema, values.get(&param.name)) {
            (Schema::Boolean, _) => "false".to_owned(),
            (_, Some(value)) => value.to_owned(),
            (_, None) => return Err(format!("query parameter `{}`", param.name)),
        };
        query.push((param.name.clone(), value));
    }
    Ok((path, query))
}

/// Percent-encodes a path segment or query value.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A reqwest error without its URL (which could carry a query the user typed).
fn without_url(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    if let Some(url) = error.url() {
        text = text.replace(url.as_str(), "<url>");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use generator::spec::Field;

    fn field(name: &str, required: bool, schema: Schema) -> Field {
        Field {
            name: name.into(),
            required,
            description: String::new(),
            schema,
            constraints: Vec::new(),
        }
    }

    fn values() -> Values {
        let mut map = BTreeMap::new();
        map.insert("repository", "devtable/simple".to_string());
        map.insert("user", "dev table".to_string());
        map.insert("namespace", "devtable".to_string());
        Values(map)
    }

    fn operation(path: &str) -> Operation {
        serde_json::from_value(serde_json::json!({
            "name": "getThing", "group": "g", "description": "", "method": "GET", "path": path,
            "authorization": {"scheme": null, "scopes": [], "text": ""},
            "path_params": [], "query_params": [], "body": null, "responses": [], "examples": [],
            "location": {"file": "f.adoc", "line": 1}
        }))
        .unwrap()
    }

    #[test]
    fn paths_and_required_queries_are_filled_from_listing() {
        let mut op = operation("/api/v1/repository/{repository}/permissions/user/{username}");
        op.path_params = vec![
            field("repository", true, Schema::String),
            field("username", true, Schema::String),
        ];
        op.query_params = vec![
            field("namespace", true, Schema::String),
            field("public", true, Schema::Boolean),
            field("page", false, Schema::Integer),
        ];
        let (path, query) = fill(&op, &values()).unwrap();
        assert_eq!(
            path,
            "/api/v1/repository/devtable/simple/permissions/user/dev%20table"
        );
        assert_eq!(
            query,
            [
                ("namespace".to_string(), "devtable".to_string()),
                ("public".to_string(), "false".to_string())
            ]
        );
    }

    #[test]
    fn a_parameter_without_a_value_skips_the_operation() {
        let mut op = operation("/api/v1/superuser/keys/{kid}");
        op.path_params = vec![field("kid", true, Schema::String)];
        assert_eq!(fill(&op, &values()).unwrap_err(), "path parameter `kid`");
        let v2 = operation("/v2/{organization_name}/x");
        assert!(fill(&v2, &values()).unwrap_err().contains("not under /api"));
    }
}
