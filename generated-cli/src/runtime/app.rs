//! The `quay` command: global options, the generated groups, the hand-written commands
//! (`config show`, `completions`, `tag prune`, aliases), and the dispatch with its exit status.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};

use super::context::Options;
use super::error::{CliError, CliResult};
use super::output::Format;
use super::{aliases, config, prune, Context, Env, Io};
use crate::commands;

/// The whole command tree, as the completions show it.
pub fn command() -> Command {
    root(|_| true)
}

/// The tree `args` need: the group they name (after global options, or after `help`) is built
/// whole, the other groups only with their descriptions. The completions need everything.
pub fn command_for(args: &[OsString]) -> Command {
    match named_group(args) {
        Some("completions") => command(),
        Some(group) => {
            let group = aliases::ALIASES
                .iter()
                .find(|a| a.command.is_none() && a.alias == group)
                .map_or(group, |a| a.group);
            root(|name| name == group)
        }
        None => root(|_| false),
    }
}

/// The first word of `args` (after the program name) that is neither an option nor the value
/// of a global option, skipping a leading `help`.
fn named_group(args: &[OsString]) -> Option<&str> {
    const TAKES_VALUE: [&str; 6] = [
        "--url",
        "--token",
        "--token-file",
        "--profile",
        "--output",
        "-o",
    ];
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    let mut seen_help = false;
    while let Some(word) = words.next() {
        let word = word?;
        if word == "--" {
            return words.next().flatten();
        }
        if TAKES_VALUE.contains(&word) {
            words.next();
        } else if word == "help" && !seen_help {
            seen_help = true;
        } else if !word.starts_with('-') {
            return Some(word);
        }
    }
    None
}

fn root(expand: impl Fn(&str) -> bool) -> Command {
    let root = Command::new("quay")
        .about("Command line for the Red Hat Quay API: every documented operation")
        .long_about(
            "Command line for the Red Hat Quay API: one command per documented operation \
             (quay GROUP COMMAND), generated from the API reference.\n\n\
             Configuration: --url/--token/--token-file, then QUAY_URL/QUAY_TOKEN, then a \
             profile of the configuration file (see `quay config show`).",
        )
        .after_help(
            "Exit status: 0 success, 1 API or transport error, 2 usage error.\n\
             JSON answers are pretty on a terminal and compact when piped.",
        )
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .args(global_args())
        .subcommands(commands::groups(expand))
        .subcommand(config_command())
        .subcommand(completions_command());
    let root = root.mut_subcommand("tag", |tag| tag.subcommand(prune::command()));
    aliases::apply(root)
}

/// The help heading of the options every command takes.
const GLOBAL: &str = "Global options";

fn global_args() -> [Arg; 6] {
    [
        Arg::new("url")
            .long("url")
            .global(true)
            .help_heading(GLOBAL)
            .value_name("URL")
            .help("The Quay server (default: QUAY_URL, then the profile)"),
        Arg::new("token")
            .long("token")
            .global(true)
            .help_heading(GLOBAL)
            .value_name("TOKEN")
            .conflicts_with("token-file")
            .help("OAuth or robot token (default: QUAY_TOKEN, then the profile); prefer --token-file, a flag is visible to other users"),
        Arg::new("token-file")
            .long("token-file")
            .global(true)
            .help_heading(GLOBAL)
            .value_name("FILE")
            .value_parser(clap::value_parser!(std::path::PathBuf))
            .help("Read the token from FILE"),
        Arg::new("profile")
            .long("profile")
            .global(true)
            .help_heading(GLOBAL)
            .value_name("NAME")
            .help("Profile of the configuration file (default: QUAY_PROFILE, then default_profile)"),
        Arg::new("output")
            .short('o')
            .long("output")
            .global(true)
            .help_heading(GLOBAL)
            .value_name("FORMAT")
            .value_parser(Format::NAMES)
            .help("json (pretty on a terminal, compact when piped), pretty, compact, or table for list answers"),
        Arg::new("allow-insecure-http")
            .long("allow-insecure-http")
            .global(true)
            .help_heading(GLOBAL)
            .action(ArgAction::SetTrue)
            .help("Send the token over plain http:// to a host that is not loopback"),
    ]
}

fn config_command() -> Command {
    Command::new("config")
        .about("Show the configuration in force")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("show")
                .about("Show the URL, profile and token source (the token itself is masked)"),
        )
}

fn completions_command() -> Command {
    Command::new("completions")
        .about("Print a shell completion script")
        .after_help(
            "Example: quay completions bash > ~/.local/share/bash-completion/completions/quay",
        )
        .arg(
            Arg::new("shell")
                .required(true)
                .value_name("SHELL")
                .value_parser(clap::value_parser!(clap_complete::Shell)),
        )
}

/// The deepest subcommand's matches: global options are there wherever they were written.
fn leaf(matches: &ArgMatches) -> &ArgMatches {
    match matches.subcommand() {
        Some((_, sub)) => leaf(sub),
        None => matches,
    }
}

/// Runs `quay` with `args` (the first is the program name) and returns the exit status.
pub async fn run<'a, I, T>(args: I, env: &'a Env, io: Io<'a>) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let matches = match command_for(&args).try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => {
            let text = error.render().to_string();
            let out = if error.use_stderr() {
                io.stderr
            } else {
                io.stdout
            };
            let _ = out.write_all(text.as_bytes());
            return u8::try_from(error.exit_code()).unwrap_or(2);
        }
    };
    let options = match Options::from_matches(leaf(&matches)) {
        Ok(options) => options,
        Err(error) => {
            let _ = writeln!(io.stderr, "error: {error}");
            return error.exit_code();
        }
    };
    let mut ctx = Context::new(options, env, io);
    match dispatch(&mut ctx, &matches).await {
        Ok(()) => 0,
        Err(error) => {
            let _ = writeln!(ctx.stderr(), "error: {error}");
            error.exit_code()
        }
    }
}

async fn dispatch(ctx: &mut Context<'_>, matches: &ArgMatches) -> CliResult {
    let Some((group, group_matches)) = matches.subcommand() else {
        return Err(CliError::usage("a command is required (see quay --help)"));
    };
    match group {
        "config" => {
            let text = config::show(ctx.settings()?);
            write_out(ctx, &text)
        }
        "completions" => {
            let shell = super::args::one::<clap_complete::Shell>(group_matches, "shell")?;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "quay", &mut script);
            ctx.stdout()
                .write_all(&script)
                .map_err(|error| CliError::api(format!("cannot write the output: {error}")))
        }
        _ => {
            let Some((name, command_matches)) = group_matches.subcommand() else {
                return Err(CliError::usage(format!(
                    "quay {group}: a command is required"
                )));
            };
            if group == "tag" && name == "prune" {
                return prune::run(ctx, command_matches).await;
            }
            commands::run(ctx, group, name, command_matches)
                .await
                .unwrap_or_else(|| Err(CliError::unknown_command(group, name)))
        }
    }
}

fn write_out(ctx: &mut Context<'_>, text: &str) -> CliResult {
    ctx.stdout()
        .write_all(text.as_bytes())
        .map_err(|error| CliError::api(format!("cannot write the output: {error}")))
}

/// The binary: the process environment and standard streams, a single-threaded runtime.
pub fn main() -> ExitCode {
    let env = Env::from_process();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let stdout_is_terminal = stdout.is_terminal();
    let stderr_is_terminal = stderr.is_terminal();
    let mut stdin = std::io::stdin().lock();
    // A terminal sees each line at once; a pipe gets large writes.
    let mut stdout: Box<dyn Write> = if stdout_is_terminal {
        Box::new(stdout.lock())
    } else {
        Box::new(std::io::BufWriter::new(stdout.lock()))
    };
    let mut stderr = stderr.lock();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            let _ = writeln!(stderr, "error: cannot start: {error}");
            return ExitCode::from(1);
        }
    };
    let io = Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        stdout_is_terminal,
        stderr_is_terminal,
    };
    let code = runtime.block_on(run(std::env::args_os(), &env, io));
    let code = match stdout.flush() {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe && code == 0 => 1,
        _ => code,
    };
    ExitCode::from(code)
}
