//! Where the URL and the token come from: flags, then the environment, then a profile of the
//! configuration file. The token is kept in [`Secret`], which never prints.
//!
//! The file is `$QUAY_CONFIG` if set, else `$XDG_CONFIG_HOME/quay/config.toml` (when that is an
//! absolute path), else `$HOME/.config/quay/config.toml`:
//!
//! ```toml
//! default_profile = "prod"
//!
//! [profiles.prod]
//! url = "https://quay.example.com"
//! token_file = "prod.token"        # relative to this file; or token = "..."
//!
//! [profiles.local]
//! url = "http://localhost:8080"
//! token = "..."
//! allow_insecure_http = false
//! ```
//!
//! The profile is `--profile`, else `$QUAY_PROFILE`, else `default_profile`, else `default`
//! when the file has one.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::error::CliError;
use super::Env;

/// A token: `Debug` and `Display` show `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The token itself, only for handing to the client.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(token: String) -> Self {
        Secret(token)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Where a setting came from, for `quay config show` and error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag (`--url`).
    Flag(&'static str),
    /// An environment variable (`QUAY_URL`).
    Env(&'static str),
    /// A profile of the configuration file.
    Profile(String),
    /// A token file named by a flag or a profile.
    TokenFile(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(name) => write!(f, "environment {name}"),
            Source::Profile(name) => write!(f, "profile {name}"),
            Source::TokenFile(path) => write!(f, "token file {}", path.display()),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub source: Source,
}

/// What the command line says about configuration (the global flags).
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--url`.
    pub url: Option<String>,
    /// `--token` (kept secret).
    pub token: Option<Secret>,
    /// `--token-file`.
    pub token_file: Option<PathBuf>,
    /// `--profile`.
    pub profile: Option<String>,
    /// `--allow-insecure-http`.
    pub allow_insecure_http: bool,
}

/// The configuration in force.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The configuration file looked at, and whether it exists.
    pub file: Option<(PathBuf, bool)>,
    /// The profile used, if any, and where its name came from.
    pub profile: Option<Sourced<String>>,
    /// The Quay URL.
    pub url: Option<Sourced<String>>,
    /// The token.
    pub token: Option<Sourced<Secret>>,
    /// Plain-http with a token to a host that is not loopback is allowed.
    pub allow_insecure_http: bool,
    /// Things the user should know (a readable token file), printed on stderr.
    pub warnings: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileContents {
    default_profile: Option<String>,
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// One named profile. No `Debug`: it may hold a token.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Profile {
    url: Option<String>,
    token: Option<String>,
    token_file: Option<PathBuf>,
    allow_insecure_http: Option<bool>,
}

/// The configuration file `env` points to (it may not exist).
pub fn config_path(env: &Env) -> Option<PathBuf> {
    if let Some(path) = env.get("QUAY_CONFIG") {
        return Some(PathBuf::from(path));
    }
    if let Some(xdg) = env.get("XDG_CONFIG_HOME").map(PathBuf::from) {
        if xdg.is_absolute() {
            return Some(xdg.join("quay").join("config.toml"));
        }
    }
    env.get("HOME").map(|home| {
        PathBuf::from(home)
            .join(".config")
            .join("quay")
            .join("config.toml")
    })
}

/// Resolves every setting: flag > environment > profile.
pub fn resolve(flags: &Flags, env: &Env) -> Result<Settings, CliError> {
    let path = config_path(env);
    let explicit_file = env.get("QUAY_CONFIG").is_some();
    let (contents, exists) = match &path {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => (parse_file(path, &text)?, true),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound && !explicit_file => {
                (FileContents::default(), false)
            }
            Err(error) => {
                return Err(CliError::usage(format!(
                    "cannot read the configuration file {}: {error}",
                    path.display()
                )))
            }
        },
        None => (FileContents::default(), false),
    };
    let profile_name = if let Some(name) = &flags.profile {
        Some(Sourced {
            value: name.clone(),
            source: Source::Flag("--profile"),
        })
    } else if let Some(name) = env.get("QUAY_PROFILE") {
        Some(Sourced {
            value: name.to_string(),
            source: Source::Env("QUAY_PROFILE"),
        })
    } else if let Some(name) = &contents.default_profile {
        Some(Sourced {
            value: name.clone(),
            source: Source::Profile("default_profile".into()),
        })
    } else if contents.profiles.contains_key("default") {
        Some(Sourced {
            value: "default".into(),
            source: Source::Profile("default".into()),
        })
    } else {
        None
    };
    let profile = match &profile_name {
        Some(name) => Some(contents.profiles.get(&name.value).ok_or_else(|| {
            let known: Vec<&str> = contents.profiles.keys().map(String::as_str).collect();
            CliError::usage(format!(
                "no profile `{}` (from {}) in {}; profiles: {}",
                name.value,
                name.source,
                path.as_deref().map_or_else(
                    || "(no configuration file)".into(),
                    |p| p.display().to_string()
                ),
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ))
        })?),
        None => None,
    };
    let from_profile = || {
        Source::Profile(
            profile_name
                .as_ref()
                .map(|p| p.value.clone())
                .unwrap_or_default(),
        )
    };
    let url = if let Some(url) = &flags.url {
        Some(Sourced {
            value: url.clone(),
            source: Source::Flag("--url"),
        })
    } else if let Some(url) = env.get("QUAY_URL") {
        Some(Sourced {
            value: url.to_string(),
            source: Source::Env("QUAY_URL"),
        })
    } else {
        profile.and_then(|p| p.url.clone()).map(|value| Sourced {
            value,
            source: from_profile(),
        })
    };
    let base = path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut warnings = Vec::new();
    let token = if let Some(token) = &flags.token {
        Some(Sourced {
            value: token.clone(),
            source: Source::Flag("--token"),
        })
    } else if let Some(file) = &flags.token_file {
        Some(read_token_file(file)?)
    } else if let Some(token) = env.get("QUAY_TOKEN") {
        Some(Sourced {
            value: Secret(token.to_string()),
            source: Source::Env("QUAY_TOKEN"),
        })
    } else if let Some(profile) = profile {
        match (&profile.token, &profile.token_file) {
            (Some(_), Some(_)) => {
                return Err(CliError::usage(format!(
                    "profile `{}` sets both token and token_file; keep one",
                    profile_name
                        .as_ref()
                        .map(|p| p.value.as_str())
                        .unwrap_or_default()
                )))
            }
            (Some(token), None) => {
                if let Some(path) = &path {
                    warnings.extend(readable_by_others(path));
                }
                Some(Sourced {
                    value: Secret(token.clone()),
                    source: from_profile(),
                })
            }
            (None, Some(file)) => Some(read_token_file(&base.join(expand_home(file, env)))?),
            (None, None) => None,
        }
    } else {
        None
    };
    let allow_insecure_http =
        flags.allow_insecure_http || profile.and_then(|p| p.allow_insecure_http).unwrap_or(false);
    Ok(Settings {
        file: path.map(|p| (p, exists)),
        profile: profile_name,
        url,
        token,
        allow_insecure_http,
        warnings,
    })
}

/// The file parsed; a syntax error is reported by line without quoting it (it may hold a token).
fn parse_file(path: &Path, text: &str) -> Result<FileContents, CliError> {
    toml::from_str(text).map_err(|error| {
        let line = error
            .span()
            .map(|span| text[..span.start.min(text.len())].lines().count().max(1));
        CliError::usage(format!(
            "invalid configuration file {}{}: {}",
            path.display(),
            line.map(|l| format!(" line {l}")).unwrap_or_default(),
            error.message()
        ))
    })
}

/// `~/x` in a token path.
fn expand_home(path: &Path, env: &Env) -> PathBuf {
    match (path.strip_prefix("~"), env.get("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}

/// A token file's contents without surrounding whitespace; errors name the file, never its text.
fn read_token_file(path: &Path) -> Result<Sourced<Secret>, CliError> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        CliError::usage(format!(
            "cannot read the token file {}: {error}",
            path.display()
        ))
    })?;
    let token = text.trim();
    if token.is_empty() {
        return Err(CliError::usage(format!(
            "the token file {} is empty",
            path.display()
        )));
    }
    Ok(Sourced {
        value: Secret(token.to_string()),
        source: Source::TokenFile(path.to_path_buf()),
    })
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} holds a token and is readable by other users (chmod 600 it)",
            path.display()
        )
    })
}

#[cfg(not(unix))]
fn readable_by_others(_path: &Path) -> Option<String> {
    None
}

/// `quay config show`: every setting and where it came from; the token masked.
pub fn show(settings: &Settings) -> String {
    let mut out = String::new();
    match &settings.file {
        Some((path, true)) => out.push_str(&format!("config file: {}\n", path.display())),
        Some((path, false)) => {
            out.push_str(&format!("config file: {} (not found)\n", path.display()))
        }
        None => out.push_str("config file: none (HOME is not set)\n"),
    }
    match &settings.profile {
        Some(profile) => out.push_str(&format!(
            "profile: {} (from {})\n",
            profile.value, profile.source
        )),
        None => out.push_str("profile: none\n"),
    }
    match &settings.url {
        Some(url) => out.push_str(&format!("url: {} (from {})\n", url.value, url.source)),
        None => out.push_str("url: not set\n"),
    }
    match &settings.token {
        Some(token) => out.push_str(&format!("token: ******** (from {})\n", token.source)),
        None => out.push_str("token: not set\n"),
    }
    out.push_str(&format!(
        "allow insecure http: {}\n",
        if settings.allow_insecure_http {
            "yes"
        } else {
            "no"
        }
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let secret = Secret("s3cr3t".into());
        assert_eq!(format!("{secret:?} {secret}"), "[redacted] [redacted]");
        let flags = Flags {
            token: Some(secret),
            ..Flags::default()
        };
        assert!(!format!("{flags:?}").contains("s3cr3t"));
    }

    #[test]
    fn xdg_config_home_must_be_absolute() {
        let env = Env::from_pairs([("XDG_CONFIG_HOME", "relative"), ("HOME", "/home/q")]);
        assert_eq!(
            config_path(&env),
            Some(PathBuf::from("/home/q/.config/quay/config.toml"))
        );
        let env = Env::from_pairs([("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/q")]);
        assert_eq!(
            config_path(&env),
            Some(PathBuf::from("/xdg/quay/config.toml"))
        );
        let env = Env::from_pairs([("QUAY_CONFIG", "/etc/quay.toml"), ("HOME", "/home/q")]);
        assert_eq!(config_path(&env), Some(PathBuf::from("/etc/quay.toml")));
    }

    #[test]
    fn syntax_errors_name_the_line_but_never_quote_it() {
        let error = parse_file(
            Path::new("c.toml"),
            "[profiles.a]\ntoken = \"s3cr3t\nurl = 1\n",
        )
        .err()
        .expect("invalid");
        let message = error.to_string();
        assert!(message.contains("c.toml line"), "{message}");
        assert!(!message.contains("s3cr3t"), "{message}");
    }
}
