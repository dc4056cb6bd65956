//! The suite's bookkeeping: every call of an operation goes through [`Suite::record`] (via the
//! [`call!`](crate::call) macro), which keeps what happened, checks the decoding strictly and
//! hands the typed answer back to the scenario.

use std::collections::BTreeMap;
use std::future::Future;

use quay_client::{ApiResponse, Client, Error, OPERATIONS};
use quay_codegen::server::observed::{self, ObservedFile, ObservedOutput, ObservedRequest};

use quay_codegen::server::strict::{ResponseTypes, Strictness};

/// Calls one operation through its generated request builder: the operation's name is taken
/// from the builder's type, so a scenario cannot record a call under the wrong name.
///
/// `call!(suite, client.tag().list_repo_tags(repo))` evaluates to
/// `Option<ApiResponse<T>>`: `Some` for a 2xx answer that decoded.
#[macro_export]
macro_rules! call {
    ($suite:expr, $builder:expr) => {{
        let builder = $builder;
        let operation = $crate::harness::operation_of(&builder);
        let answer = builder.send();
        $suite.record(operation, answer).await
    }};
}

/// The operation name of a generated request builder, from its type name (`ListRepoTags` is
/// `listRepoTags`), checked against [`OPERATIONS`].
pub fn operation_of<B>(_builder: &B) -> &'static str {
    let type_name = std::any::type_name::<B>();
    let short = type_name.rsplit("::").next().unwrap_or(type_name);
    OPERATIONS
        .iter()
        .map(|op| op.name)
        .find(|name| upper_first(name) == short)
        .unwrap_or_else(|| panic!("{type_name} is not the request builder of an operation"))
}

fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What one call of an operation came to.
#[derive(Debug, Clone)]
pub enum CallOutcome {
    /// A 2xx answer that decoded into the operation's return type.
    Ok {
        /// The return type is a model of the crate, not `serde_json::Value`.
        typed: bool,
    },
    /// Anything else: an API error, a decode failure, a transport problem (the status, when
    /// there was an answer, is part of the text).
    Failed { error: String },
}

/// Everything recorded of one operation over the run.
#[derive(Debug, Default, Clone)]
pub struct OperationRecord {
    pub calls: Vec<CallOutcome>,
    pub strictness: Strictness,
}

impl OperationRecord {
    /// The first failure, if any call failed.
    pub fn first_failure(&self) -> Option<&CallOutcome> {
        self.calls
            .iter()
            .find(|c| matches!(c, CallOutcome::Failed { .. }))
    }

    pub fn typed_success(&self) -> bool {
        self.calls
            .iter()
            .any(|c| matches!(c, CallOutcome::Ok { typed: true, .. }))
    }
}

/// A place where the suite had to do without the crate (raw HTTP, or a workaround), reported as
/// a finding about the crate.
#[derive(Debug, Clone)]
pub struct Finding {
    pub operation: &'static str,
    pub what: String,
}

/// The state of one run against one server.
pub struct Suite {
    /// The client with the full-scope token.
    pub client: Client,
    /// The same user's `repo:read`-only token.
    pub readonly: Client,
    pub settings: crate::Settings,
    types: ResponseTypes,
    records: BTreeMap<&'static str, OperationRecord>,
    findings: Vec<Finding>,
    /// Checks of the runtime against the server (pagination, errors, retries): name, failure.
    checks: Vec<(String, Option<String>)>,
    /// Observed outputs to write with `--record`, by operation.
    observed: BTreeMap<&'static str, ObservedFile>,
}

impl Suite {
    pub fn new(settings: crate::Settings, types: ResponseTypes) -> Result<Self, String> {
        let client = settings.client(&settings.token)?;
        let readonly = settings.client(&settings.readonly_token)?;
        Ok(Self {
            client,
            readonly,
            settings,
            types,
            records: BTreeMap::new(),
            findings: Vec::new(),
            checks: Vec::new(),
            observed: BTreeMap::new(),
        })
    }

    /// Records one call's answer and gives it back when it is a decoded 2xx.
    pub async fn record<T>(
        &mut self,
        operation: &'static str,
        answer: impl Future<Output = quay_client::Result<ApiResponse<T>>>,
    ) -> Option<ApiResponse<T>> {
        let answer = answer.await;
        let typed = !std::any::type_name::<T>().contains("serde_json::value::Value");
        let record = self.records.entry(operation).or_default();
        match answer {
            Ok(response) => {
                if let Ok(json) = response.raw_json() {
                    record.strictness.merge(self.types.check(operation, &json));
                }
                record.calls.push(CallOutcome::Ok { typed });
                if self.settings.record.is_some() {
                    self.observe(operation, &response);
                }
                if self.settings.verbose {
                    eprintln!("  ok    {operation} ({})", response.status().as_u16());
                }
                Some(response)
            }
            Err(error) => {
                let mut undecoded = None;
                if let Error::Decode { raw, status, .. } = &error {
                    if let Ok(json) = serde_json::from_str::<serde_json::Value>(raw) {
                        record.strictness.merge(self.types.check(operation, &json));
                        undecoded = Some((json, status.as_u16()));
                    }
                }
                let text = describe(&error);
                if self.settings.verbose {
                    eprintln!("  FAIL  {operation}: {text}");
                }
                record.calls.push(CallOutcome::Failed { error: text });
                // A 2xx answer that did not decode is what the type must learn from: keep it.
                if let (Some((json, status)), Some(_)) = (undecoded, &self.settings.record) {
                    self.keep_observed(operation, json, status, None);
                }
                None
            }
        }
    }

    /// Keeps a 2xx JSON body as an observed output, secrets replaced first.
    fn observe<T>(&mut self, operation: &'static str, response: &ApiResponse<T>) {
        let Ok(body) = response.raw_json() else {
            return;
        };
        let url = response.url().map(|url| {
            (
                url.path().to_owned(),
                url.query_pairs()
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
            )
        });
        self.keep_observed(operation, body, response.status().as_u16(), url);
    }

    /// Keeps one 2xx body; `url` is the path and query sent, when known (an answer that did not
    /// decode gives no URL: the operation's path template stands for it).
    fn keep_observed(
        &mut self,
        operation: &'static str,
        mut body: serde_json::Value,
        status: u16,
        url: Option<(String, Vec<(String, String)>)>,
    ) {
        if body.is_null() {
            return;
        }
        let known = [
            self.settings.token.as_str(),
            self.settings.readonly_token.as_str(),
        ];
        observed::redact(&mut body, &known);
        observed::trim(&mut body);
        let info = OPERATIONS.iter().find(|op| op.name == operation);
        let method = info.map_or("GET", |op| op.method);
        let (path, query) =
            url.unwrap_or_else(|| (info.map_or("", |op| op.path).to_owned(), Vec::new()));
        let server = self.settings.server_label.clone();
        self.observed
            .entry(operation)
            .or_insert_with(|| ObservedFile::new(operation, &server))
            .add(ObservedOutput {
                request: ObservedRequest {
                    method: method.to_owned(),
                    path,
                    query,
                },
                status,
                body,
            });
    }

    /// Writes the observed outputs, one file per operation (each through a temporary file
    /// renamed into place). Returns how many files were written.
    pub fn write_observed(&self, dir: &std::path::Path) -> Result<usize, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        for (operation, file) in &self.observed {
            let path = dir.join(format!("{operation}.json"));
            let temporary = dir.join(format!(".{operation}.json.tmp"));
            std::fs::write(&temporary, file.to_json())
                .and_then(|()| std::fs::rename(&temporary, &path))
                .map_err(|e| format!("writing {}: {e}", path.display()))?;
        }
        Ok(self.observed.len())
    }

    /// Reports a place where the suite could not use the crate.
    pub fn finding(&mut self, operation: &'static str, what: impl Into<String>) {
        self.findings.push(Finding {
            operation,
            what: what.into(),
        });
    }

    /// Records a check of the runtime's behaviour against the server.
    pub fn check(&mut self, name: impl Into<String>, result: Result<(), String>) {
        let name = name.into();
        if self.settings.verbose || result.is_err() {
            match &result {
                Ok(()) => eprintln!("  ok    check: {name}"),
                Err(why) => eprintln!("  FAIL  check: {name}: {why}"),
            }
        }
        self.checks.push((name, result.err()));
    }

    pub fn records(&self) -> &BTreeMap<&'static str, OperationRecord> {
        &self.records
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn checks(&self) -> &[(String, Option<String>)] {
        &self.checks
    }
}

/// One line for an error: the status and the server's message and error type where it sent them.
pub fn describe(error: &Error) -> String {
    match error {
        Error::Decode { source, .. } => format!("decode failure: {source}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_a_builder_name_that_maps_back() {
        for op in OPERATIONS {
            let short = upper_first(op.name);
            let found = OPERATIONS
                .iter()
                .filter(|other| upper_first(other.name) == short)
                .count();
            assert_eq!(found, 1, "{} is ambiguous as a builder name", op.name);
        }
    }

    #[test]
    fn builder_type_names_give_the_operation() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
        assert_eq!(
            operation_of(&client.tag().list_repo_tags("ns/repo")),
            "listRepoTags"
        );
        assert_eq!(operation_of(&client.discovery().discovery()), "discovery");
    }
}
