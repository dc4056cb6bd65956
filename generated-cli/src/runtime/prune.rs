//! `quay tag prune NS/REPO`: deletes the tags of a repository that match every rule given
//! (`--older-than`, `--pattern`), never the newest `--keep N`. A dry run unless `--yes`.
//!
//! Every active tag is walked through the client's typed items (`listRepoTags`, all pages),
//! then each selected tag is deleted with `deleteFullTag`. Deleted tags are printed on stdout,
//! failures on stderr; the exit status is 1 when any deletion failed.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::{Arg, ArgAction, ArgMatches, Command};
use futures_util::StreamExt;
use quay_client::models::ListRepoTagsTag;
use regex::Regex;

use super::args;
use super::error::{CliError, CliResult};
use super::Context;

/// The `quay tag prune` command.
pub fn command() -> Command {
    Command::new("prune")
        .about("Delete the tags of a repository that match rules, keeping the newest (dry run unless --yes)")
        .long_about(
            "Delete the tags of a repository that match every rule given: older than \
             --older-than and named like --pattern. The newest --keep N tags are always kept. \
             Without --yes nothing is deleted: the tags that would be are listed.",
        )
        .after_help(
            "Examples:\n  quay tag prune ns/repo --older-than 30d --keep 5\n  \
             quay tag prune ns/repo --pattern '^pr-' --older-than 2w --yes\n\
             Needs repo:read to list, repo:write to delete.",
        )
        .arg(
            Arg::new("REPOSITORY")
                .value_name("REPOSITORY")
                .required(true)
                .help("The repository, namespace/name"),
        )
        .arg(
            Arg::new("older-than")
                .long("older-than")
                .value_name("AGE")
                .value_parser(parse_age)
                .help("Only tags created longer ago than AGE: a number with s, m, h, d or w (30d)"),
        )
        .arg(
            Arg::new("pattern")
                .long("pattern")
                .value_name("REGEX")
                .value_parser(parse_regex)
                .help("Only tags whose name matches REGEX (unanchored: use ^...$ for whole names)"),
        )
        .arg(
            Arg::new("keep")
                .long("keep")
                .value_name("N")
                .value_parser(clap::value_parser!(usize))
                .help("Never delete the N newest tags"),
        )
        .arg(
            Arg::new("yes")
                .long("yes")
                .action(ArgAction::SetTrue)
                .help("Delete; without it the tags are only listed"),
        )
}

/// `30d`, `12h`, `90m`, `45s`, `2w`.
pub fn parse_age(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("`{text}` has no unit: use s, m, h, d or w (30d)"))?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` does not start with a number"))?;
    let seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        other => return Err(format!("unknown unit `{other}`: use s, m, h, d or w")),
    };
    number
        .checked_mul(seconds)
        .map(Duration::from_secs)
        .ok_or_else(|| format!("`{text}` is too long"))
}

fn parse_regex(text: &str) -> Result<Regex, String> {
    Regex::new(text).map_err(|error| error.to_string())
}

/// The rules of one prune.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Only tags created before now minus this.
    pub older_than: Option<Duration>,
    /// Only tags whose name matches.
    pub pattern: Option<Regex>,
    /// The newest N are never selected.
    pub keep: usize,
}

/// The names of the tags to delete, newest first. Tags are ordered by creation (`start_ts`,
/// newest first), the first `keep` are kept, and the rest are selected when they match every
/// rule.
pub fn select(tags: &[ListRepoTagsTag], rules: &Rules, now: SystemTime) -> Vec<String> {
    let mut ordered: Vec<&ListRepoTagsTag> = tags.iter().collect();
    ordered.sort_by(|a, b| {
        b.start_ts
            .cmp(&a.start_ts)
            .then_with(|| a.name.cmp(&b.name))
    });
    let now = now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    ordered
        .into_iter()
        .skip(rules.keep)
        .filter(|tag| {
            let named = rules.pattern.as_ref().is_none_or(|p| p.is_match(&tag.name));
            let old = rules.older_than.is_none_or(|age| {
                let age = i64::try_from(age.as_secs()).unwrap_or(i64::MAX);
                tag.start_ts < now.saturating_sub(age)
            });
            named && old
        })
        .map(|tag| tag.name.clone())
        .collect()
}

/// Runs `quay tag prune`.
pub async fn run(ctx: &mut Context<'_>, matches: &ArgMatches) -> CliResult {
    let repository = args::one::<String>(matches, "REPOSITORY")?;
    let rules = Rules {
        older_than: args::opt::<Duration>(matches, "older-than")?,
        pattern: args::opt::<Regex>(matches, "pattern")?,
        keep: args::opt::<usize>(matches, "keep")?.unwrap_or(0),
    };
    if rules.older_than.is_none() && rules.pattern.is_none() && rules.keep == 0 {
        return Err(CliError::usage(
            "quay tag prune needs a rule: --older-than, --pattern and/or --keep N (N > 0)",
        ));
    }
    let delete = args::flag(matches, "yes");
    let client = ctx.client(None)?;
    let items = client
        .tag()
        .list_repo_tags(repository.as_str())
        .only_active_tags(true)
        .limit(100)
        .items();
    let mut items = std::pin::pin!(items);
    let mut tags = Vec::new();
    while let Some(tag) = items.next().await {
        tags.push(tag.map_err(CliError::from_client)?);
    }
    let selected = select(&tags, &rules, SystemTime::now());
    let mut failed = 0usize;
    for name in &selected {
        if !delete {
            say(ctx, &format!("would delete {repository}:{name}"));
            continue;
        }
        match client
            .tag()
            .delete_full_tag(repository.as_str(), name.as_str())
            .send()
            .await
        {
            Ok(_) => say(ctx, &format!("deleted {repository}:{name}")),
            Err(error) => {
                failed += 1;
                let error = CliError::from_client(error);
                let _ = writeln!(ctx.stderr(), "failed {repository}:{name}: {error}");
            }
        }
    }
    let summary = if delete {
        format!(
            "{repository}: {} of {} tag(s) deleted, {failed} failed",
            selected.len() - failed,
            tags.len()
        )
    } else {
        format!(
            "{repository}: {} of {} tag(s) would be deleted (dry run; --yes deletes)",
            selected.len(),
            tags.len()
        )
    };
    let _ = writeln!(ctx.stderr(), "{summary}");
    if failed > 0 {
        return Err(CliError::api(format!(
            "{failed} of {} deletion(s) failed",
            selected.len()
        )));
    }
    Ok(())
}

fn say(ctx: &mut Context<'_>, line: &str) {
    let _ = writeln!(ctx.stdout(), "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(name: &str, start_ts: i64) -> ListRepoTagsTag {
        serde_json::from_value(serde_json::json!({
            "name": name,
            "start_ts": start_ts,
            "reversion": false,
            "manifest_digest": "sha256:0",
            "is_manifest_list": false,
            "size": 0,
            "last_modified": "Tue, 01 Dec 2026 00:00:00 -0000"
        }))
        .expect("a tag as the server sends it")
    }

    #[test]
    fn ages_have_units() {
        assert_eq!(parse_age("30d"), Ok(Duration::from_secs(30 * 86_400)));
        assert_eq!(parse_age("2w"), Ok(Duration::from_secs(2 * 604_800)));
        assert_eq!(parse_age("90m"), Ok(Duration::from_secs(5_400)));
        assert!(parse_age("30").is_err());
        assert!(parse_age("d").is_err());
        assert!(parse_age("3y").is_err());
        assert!(parse_age("99999999999999999999w").is_err());
    }

    #[test]
    fn the_newest_are_kept_and_every_rule_must_match() {
        let day = 86_400;
        let now = UNIX_EPOCH + Duration::from_secs(100 * day as u64);
        let tags = [
            tag("latest", 99 * day),
            tag("pr-1", 10 * day),
            tag("pr-2", 20 * day),
            tag("v1", 5 * day),
            tag("pr-new", 98 * day),
            tag("pr-oldest", day),
        ];
        let rules = Rules {
            older_than: Some(Duration::from_secs(30 * day as u64)),
            pattern: Some(Regex::new("^pr-").expect("regex")),
            keep: 0,
        };
        assert_eq!(select(&tags, &rules, now), ["pr-2", "pr-1", "pr-oldest"]);
        let keep_three = Rules {
            older_than: None,
            pattern: None,
            keep: 3,
        };
        // Newest first: latest, pr-new, pr-2 kept.
        assert_eq!(select(&tags, &keep_three, now), ["pr-1", "v1", "pr-oldest"]);
    }
}
