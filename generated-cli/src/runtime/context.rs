//! What a running command has: the global options, the configuration (resolved on first use),
//! the client, standard streams. Generated commands call [`Context::client`],
//! [`Context::body`] and the `print` methods.

use std::io::Write;

use clap::ArgMatches;
use futures_util::StreamExt;
use quay_client::{ApiResponse, Client};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::args::{self, BodyField, BodySource};
use super::config::{self, Flags, Settings};
use super::error::{CliError, CliResult};
use super::output::{self, Format, Progress, Table};
use super::{Env, Io};

/// The global options of a run.
#[derive(Debug, Clone)]
pub struct Options {
    flags: Flags,
    format: Format,
}

impl Options {
    /// The global options in `matches` (the deepest subcommand's matches, which hold every
    /// global option wherever it was written).
    pub fn from_matches(matches: &ArgMatches) -> Result<Self, CliError> {
        let format = args::opt::<String>(matches, "output")?
            .as_deref()
            .map_or(Some(Format::Json), Format::from_name)
            .ok_or_else(|| CliError::usage("invalid value for '--output'"))?;
        let flags = Flags {
            url: args::opt::<String>(matches, "url")?,
            token: args::opt::<String>(matches, "token")?.map(config::Secret::from),
            token_file: args::opt::<std::path::PathBuf>(matches, "token-file")?,
            profile: args::opt::<String>(matches, "profile")?,
            allow_insecure_http: args::flag(matches, "allow-insecure-http"),
        };
        Ok(Self { flags, format })
    }
}

/// The state of one `quay` invocation.
pub struct Context<'a> {
    env: &'a Env,
    io: Io<'a>,
    flags: Flags,
    format: Format,
    settings: Option<Settings>,
    client: Option<Client>,
}

impl<'a> Context<'a> {
    /// A context for these options, environment and streams.
    pub fn new(options: Options, env: &'a Env, io: Io<'a>) -> Self {
        Self {
            env,
            io,
            flags: options.flags,
            format: options.format,
            settings: None,
            client: None,
        }
    }

    /// The output format (`-o`).
    pub fn format(&self) -> Format {
        self.format
    }

    /// Standard output.
    pub fn stdout(&mut self) -> &mut dyn Write {
        self.io.stdout
    }

    /// Standard error.
    pub fn stderr(&mut self) -> &mut dyn Write {
        self.io.stderr
    }

    /// The configuration in force (flag > environment > profile), resolved once; warnings go
    /// to stderr the first time.
    pub fn settings(&mut self) -> Result<&Settings, CliError> {
        if self.settings.is_none() {
            let settings = config::resolve(&self.flags, self.env)?;
            for warning in &settings.warnings {
                let _ = writeln!(self.io.stderr, "warning: {warning}");
            }
            self.settings = Some(settings);
        }
        Ok(self.settings.as_ref().expect("resolved above"))
    }

    /// The client for the configured URL and token. `table` is the command's table shape:
    /// `-o table` on a command that answers no list is a usage error, before anything is sent.
    pub fn client(&mut self, table: Option<&Table>) -> Result<Client, CliError> {
        if self.format == Format::Table && table.is_none() {
            return Err(CliError::usage(
                "invalid value 'table' for '--output': this command does not answer a list; \
                 use -o json",
            ));
        }
        if let Some(client) = &self.client {
            return Ok(client.clone());
        }
        let settings = self.settings()?;
        let url = settings.url.as_ref().ok_or_else(|| {
            CliError::usage(
                "no Quay URL: give --url, set QUAY_URL, or set url in a profile of the \
                 configuration file (see `quay config show`)",
            )
        })?;
        let mut builder = Client::builder()
            .base_url(&url.value)
            .user_agent(concat!("quay-cli/", env!("CARGO_PKG_VERSION")))
            .allow_insecure_http(settings.allow_insecure_http);
        if let Some(token) = &settings.token {
            builder = builder.bearer_token(token.value.expose());
        }
        let client = builder.build().map_err(CliError::from_client)?;
        self.client = Some(client.clone());
        Ok(client)
    }

    /// The request body of `operation`: `--body` (JSON, `@FILE` or `-`), then the field flags,
    /// checked against the documented fields and decoded into the client's body type.
    pub fn body<T: DeserializeOwned>(
        &mut self,
        matches: &ArgMatches,
        operation: &str,
        fields: &[BodyField],
    ) -> Result<T, CliError> {
        let text = self.body_text(matches)?;
        let object = args::body_object(matches, operation, fields, text.as_deref())?;
        serde_json::from_value(Value::Object(object))
            .map_err(|error| CliError::usage(format!("invalid value for '--body': {error}")))
    }

    /// The request body of an operation that takes a JSON array: `--body` (JSON, `@FILE` or
    /// `-`; required), each item checked against the documented fields, decoded into the
    /// client's item type.
    pub fn body_array<T: DeserializeOwned>(
        &mut self,
        matches: &ArgMatches,
        operation: &str,
        fields: &[BodyField],
    ) -> Result<Vec<T>, CliError> {
        let Some(text) = self.body_text(matches)? else {
            return Err(CliError::usage(format!(
                "{operation} needs --body with a JSON array of objects"
            )));
        };
        let items = args::body_array_items(operation, fields, &text)?;
        serde_json::from_value(Value::Array(items))
            .map_err(|error| CliError::usage(format!("invalid value for '--body': {error}")))
    }

    /// The text of `--body`, read from the file or standard input it names.
    fn body_text(&mut self, matches: &ArgMatches) -> Result<Option<String>, CliError> {
        Ok(match args::opt::<String>(matches, "body")? {
            None => None,
            Some(value) => Some(match BodySource::parse(&value) {
                BodySource::Text(text) => text.to_string(),
                BodySource::File(path) => std::fs::read_to_string(path).map_err(|error| {
                    CliError::usage(format!(
                        "invalid value for '--body': cannot read {path}: {error}"
                    ))
                })?,
                BodySource::Stdin => {
                    let mut text = String::new();
                    self.io.stdin.read_to_string(&mut text).map_err(|error| {
                        CliError::usage(format!(
                            "invalid value for '--body': cannot read standard input: {error}"
                        ))
                    })?;
                    text
                }
            }),
        })
    }

    /// Prints an answer (as the server sent it) or turns the error into the command's.
    pub fn print<T>(
        &mut self,
        result: quay_client::Result<ApiResponse<T>>,
        table: Option<&Table>,
    ) -> CliResult {
        let response = result.map_err(CliError::from_client)?;
        let json = response
            .raw_json()
            .map_err(|error| CliError::api(format!("the answer is not JSON: {error}")))?;
        let written = match (self.format, table) {
            (Format::Table, Some(table)) => {
                let rows = table.rows(&json)?;
                output::write_table(self.io.stdout, table.columns, rows)
            }
            _ => output::write_json(
                self.io.stdout,
                &json,
                self.format,
                self.io.stdout_is_terminal,
            ),
        };
        written_ok(written)
    }

    /// `--all` on a listing with typed items: every item of every page, one JSON line each
    /// (or one table at the end with `-o table`).
    pub async fn print_items<T: Serialize>(
        &mut self,
        items: impl futures_core::Stream<Item = quay_client::Result<T>>,
        table: Option<&Table>,
    ) -> CliResult {
        let mut items = std::pin::pin!(items);
        let mut progress = Progress::new(self.io.stderr_is_terminal);
        let mut rows = Vec::new();
        let result = loop {
            let Some(item) = items.next().await else {
                break Ok(());
            };
            let value = match item {
                Ok(item) => serde_json::to_value(&item)
                    .map_err(|error| CliError::api(format!("cannot encode an item: {error}"))),
                Err(error) => Err(CliError::from_client(error)),
            };
            match value.and_then(|value| self.emit_item(value, &mut rows)) {
                Ok(true) => progress.item(self.io.stderr),
                Ok(false) => break Ok(()),
                Err(error) => break Err(error),
            }
        };
        progress.finish(self.io.stderr);
        result?;
        self.finish_rows(table, &rows)
    }

    /// `--all` on a listing without typed items: the elements of each page's only array (or
    /// each page), one JSON line each.
    pub async fn print_pages(
        &mut self,
        pages: impl futures_core::Stream<Item = quay_client::Result<Value>>,
        table: Option<&Table>,
    ) -> CliResult {
        let mut pages = std::pin::pin!(pages);
        let mut progress = Progress::new(self.io.stderr_is_terminal);
        let mut rows = Vec::new();
        let result = 'pages: loop {
            let Some(page) = pages.next().await else {
                break Ok(());
            };
            let page = match page {
                Ok(page) => page,
                Err(error) => break Err(CliError::from_client(error)),
            };
            progress.page(self.io.stderr);
            for item in output::page_items(page) {
                match self.emit_item(item, &mut rows) {
                    Ok(true) => progress.item(self.io.stderr),
                    Ok(false) => break 'pages Ok(()),
                    Err(error) => break 'pages Err(error),
                }
            }
        };
        progress.finish(self.io.stderr);
        result?;
        self.finish_rows(table, &rows)
    }

    /// One item: a JSON line now, or kept for the table. `false` when stdout is closed.
    fn emit_item(&mut self, item: Value, rows: &mut Vec<Value>) -> Result<bool, CliError> {
        if self.format == Format::Table {
            rows.push(item);
            return Ok(true);
        }
        match writeln!(self.io.stdout, "{item}") {
            Ok(()) => Ok(true),
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
            Err(error) => Err(CliError::api(format!("cannot write the output: {error}"))),
        }
    }

    fn finish_rows(&mut self, table: Option<&Table>, rows: &[Value]) -> CliResult {
        match (self.format, table) {
            (Format::Table, Some(table)) => {
                written_ok(output::write_table(self.io.stdout, table.columns, rows))
            }
            _ => written_ok(self.io.stdout.flush()),
        }
    }
}

/// A closed pipe (`quay ... | head`) is not an error; other write failures are.
fn written_ok(result: std::io::Result<()>) -> CliResult {
    match result {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(CliError::api(format!("cannot write the output: {error}"))),
    }
}
