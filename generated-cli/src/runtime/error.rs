//! What can go wrong in a `quay` command, and its exit status: 2 for a usage error (bad flags,
//! bad `--body`, missing configuration: nothing was sent), 1 for an API or transport error.
//! Messages never contain the token.

use std::fmt;

use quay_client::ErrorBody;

/// The result of a command.
pub type CliResult = Result<(), CliError>;

/// Which exit status an error gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command line or the configuration is wrong; nothing was sent. Exit status 2.
    Usage,
    /// The server answered with an error, or could not be reached. Exit status 1.
    Api,
}

/// An error of a command, already worded for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    kind: ErrorKind,
    message: String,
}

impl CliError {
    /// A usage error (exit status 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Usage,
            message: message.into(),
        }
    }

    /// An API, transport or other run-time failure (exit status 1).
    pub fn api(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Api,
            message: message.into(),
        }
    }

    /// A subcommand clap accepted but no code runs (a bug, reported rather than a panic).
    pub fn unknown_command(group: &str, command: &str) -> Self {
        Self::usage(format!("`quay {group} {command}` is not a command"))
    }

    /// Which exit status this error gives.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The process exit status: 2 for usage errors, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            ErrorKind::Usage => 2,
            ErrorKind::Api => 1,
        }
    }

    /// The message shown after `error: `.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Words a client error: the server's message and error type for API errors; arguments the
    /// client refused before sending, and configuration it refused, are usage errors.
    pub fn from_client(error: quay_client::Error) -> Self {
        match &error {
            quay_client::Error::Api {
                operation,
                status,
                body,
            } => Self::api(format!(
                "{operation}: the server answered {status}: {}",
                describe_body(body)
            )),
            quay_client::Error::InvalidArgument {
                operation,
                argument,
                reason,
            } => Self::usage(format!(
                "invalid value for the {argument} argument of {operation}: {reason}"
            )),
            quay_client::Error::InsecureTransport { host } => Self::usage(format!(
                "refusing to send the token over plain http:// to {host}: use an https:// URL, \
                 or --allow-insecure-http (or allow_insecure_http = true in the profile) to \
                 accept that risk"
            )),
            quay_client::Error::Config { reason } => {
                Self::usage(format!("invalid configuration: {reason}"))
            }
            _ => Self::api(error.to_string()),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

/// The server's message, then its error type when it names one.
fn describe_body(body: &ErrorBody) -> String {
    const MAX: usize = 500;
    match body {
        ErrorBody::Documented(error) => {
            let message = error
                .detail
                .as_deref()
                .or(error.error_message.as_deref())
                .or(error.title.as_deref())
                .unwrap_or("(no message)");
            let kind = error
                .error_type
                .as_deref()
                .or(error.title.as_deref())
                .or(error.r#type.as_deref());
            match kind {
                Some(kind) if kind != message => {
                    format!("{} (error type: {})", cut(message, MAX), cut(kind, MAX))
                }
                _ => cut(message, MAX),
            }
        }
        other => other.summary(MAX).into_owned(),
    }
}

fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_errors_show_message_and_type() {
        let body = ErrorBody::from_text(
            r#"{"status": 404, "error_message": "Not Found", "error_type": "not_found"}"#,
        );
        assert_eq!(describe_body(&body), "Not Found (error type: not_found)");
        let body = ErrorBody::from_text(r#"{"message": "Unauthorized"}"#);
        assert_eq!(describe_body(&body), "Unauthorized");
    }

    #[test]
    fn exit_codes() {
        assert_eq!(CliError::usage("x").exit_code(), 2);
        assert_eq!(CliError::api("x").exit_code(), 1);
    }
}
