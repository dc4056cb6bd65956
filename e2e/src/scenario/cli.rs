//! Area `cli`: the generated `quay` command line against the real server, as a person scripting
//! Quay from a shell would use it: create a repository, list repositories and tags, add a tag on
//! an existing manifest and delete it, prune as a dry run and for real, delete the repository.
//! Each step is one process; its exit status and output are the checks.
//!
//! The scratch repository gets its one manifest by an image push over the registry protocol
//! (`crate::registry`), which neither the crate nor the CLI speaks: a finding.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::harness::Suite;
use crate::scenario::World;

/// The `quay` binary and the server it talks to.
struct Quay {
    binary: PathBuf,
    url: String,
    token: String,
}

/// What one command did.
struct Ran {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Quay {
    fn run(&self, args: &[&str]) -> Result<Ran, String> {
        // Piped, so the output is compact JSON; the token comes from the environment, never
        // from the command line.
        let output = Command::new(&self.binary)
            .args(args)
            .env("QUAY_URL", &self.url)
            .env("QUAY_TOKEN", &self.token)
            .env_remove("QUAY_PROFILE")
            .env(
                "XDG_CONFIG_HOME",
                std::env::temp_dir().join("quay-e2e-no-config"),
            )
            .output()
            .map_err(|e| format!("running {}: {e}", self.binary.display()))?;
        Ok(Ran {
            status: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }

    /// Runs a command that must succeed, and gives its stdout.
    fn ok(&self, args: &[&str]) -> Result<String, String> {
        let ran = self.run(args)?;
        if ran.status != Some(0) {
            return Err(format!(
                "`quay {}` exited {:?}: {}",
                args.join(" "),
                ran.status,
                ran.stderr.trim()
            ));
        }
        Ok(ran.stdout)
    }

    /// The active tags of a repository, by name.
    fn tags(&self, repository: &str) -> Result<Vec<String>, String> {
        let out = self.ok(&["tag", "list-repo-tags", repository, "--only-active-tags"])?;
        let json: Value =
            serde_json::from_str(out.trim()).map_err(|e| format!("tag list output: {e}: {out}"))?;
        let mut names: Vec<String> = json["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t["name"].as_str().map(str::to_owned))
            .collect();
        names.sort();
        Ok(names)
    }
}

pub async fn run(suite: &mut Suite, world: &World) {
    let Some(binary) = std::env::var_os("QUAY_E2E_CLI").map(PathBuf::from) else {
        suite.check(
            "the quay command line against the server",
            Err("QUAY_E2E_CLI is not set (cargo xtask e2e builds quay and sets it)".into()),
        );
        return;
    };
    let quay = Quay {
        binary,
        url: suite.settings.url.clone(),
        token: suite.settings.token.clone(),
    };
    let repository = format!("{}/{}cli", world.org, world.scratch);
    let created = create(&quay, &repository);
    let failed_to_create = created.is_err();
    suite.check(
        "quay repository create-repo, then repo list shows it",
        created,
    );
    if failed_to_create {
        return;
    }
    let digest = match push(suite, world, &repository).await {
        Ok(digest) => digest,
        Err(why) => {
            suite.check("an image pushed to the CLI's scratch repository", Err(why));
            delete(&quay, &repository).ok();
            return;
        }
    };
    suite.check(
        "quay tag change-tag on the pushed manifest, tag list shows it, tag delete removes it",
        tag_and_untag(&quay, &repository, &digest),
    );
    suite.check(
        "quay tag prune: a dry run deletes nothing, --yes deletes all but the newest --keep",
        prune(&quay, &repository, &digest),
    );
    suite.check(
        "quay exits 1 with the server's message for a missing repository",
        missing(&quay, world),
    );
    suite.check(
        "quay repository delete-repository removes the repository",
        delete(&quay, &repository),
    );
}

fn create(quay: &Quay, repository: &str) -> Result<(), String> {
    let (namespace, name) = repository.split_once('/').unwrap_or_default();
    quay.ok(&[
        "repository",
        "create-repo",
        "--namespace",
        namespace,
        "--repository",
        name,
        "--visibility",
        "private",
        "--description",
        "made by the e2e suite's cli area",
    ])?;
    let listed = quay.ok(&["repo", "list", "--namespace", namespace])?;
    let json: Value = serde_json::from_str(listed.trim())
        .map_err(|e| format!("repo list output is not one JSON value: {e}"))?;
    let found = json["repositories"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|r| r["name"] == name);
    found
        .then_some(())
        .ok_or_else(|| format!("repo list --namespace {namespace} does not show {name}"))
}

/// One manifest in the scratch repository, tagged `base`.
async fn push(suite: &mut Suite, world: &World, repository: &str) -> Result<String, String> {
    suite.finding(
        "changeTag",
        "a new repository has no manifest to tag and the API reference has no operation that \
         uploads one: the cli area pushes a minimal image over the registry protocol (/v2) by raw HTTP",
    );
    let token =
        crate::registry::token(&suite.settings.url, &world.user, repository, "push,pull").await?;
    crate::registry::push_image(&suite.settings.url, &token, repository, "base").await
}

fn tag_and_untag(quay: &Quay, repository: &str, digest: &str) -> Result<(), String> {
    quay.ok(&[
        "tag",
        "change-tag",
        repository,
        "extra",
        "--manifest-digest",
        digest,
    ])?;
    let tags = quay.tags(repository)?;
    if tags != ["base", "extra"] {
        return Err(format!("after change-tag the tags are {tags:?}"));
    }
    quay.ok(&["tag", "delete", repository, "extra"])?;
    let tags = quay.tags(repository)?;
    if tags != ["base"] {
        return Err(format!("after tag delete the tags are {tags:?}"));
    }
    Ok(())
}

fn prune(quay: &Quay, repository: &str, digest: &str) -> Result<(), String> {
    for tag in ["old1", "old2", "old3"] {
        quay.ok(&[
            "tag",
            "change-tag",
            repository,
            tag,
            "--manifest-digest",
            digest,
        ])?;
    }
    let dry = quay.ok(&[
        "tag",
        "prune",
        repository,
        "--pattern",
        "^old",
        "--keep",
        "1",
    ])?;
    let would: Vec<&str> = dry
        .lines()
        .filter(|l| l.starts_with("would delete "))
        .collect();
    if would.len() != 2 {
        return Err(format!(
            "the dry run lists {} tag(s), expected 2: {dry}",
            would.len()
        ));
    }
    let after_dry = quay.tags(repository)?;
    if after_dry != ["base", "old1", "old2", "old3"] {
        return Err(format!("the dry run changed the tags: {after_dry:?}"));
    }
    let real = quay.ok(&[
        "tag",
        "prune",
        repository,
        "--pattern",
        "^old",
        "--keep",
        "1",
        "--yes",
    ])?;
    let deleted = real.lines().filter(|l| l.starts_with("deleted ")).count();
    let left = quay.tags(repository)?;
    let old_left = left.iter().filter(|t| t.starts_with("old")).count();
    if deleted != 2 || old_left != 1 || !left.contains(&"base".to_string()) {
        return Err(format!(
            "prune --yes deleted {deleted}, left {left:?}: {real}"
        ));
    }
    Ok(())
}

fn missing(quay: &Quay, world: &World) -> Result<(), String> {
    let missing = format!("{}/{}nosuchrepo", world.org, world.scratch);
    let ran = quay.run(&["repository", "get-repo", &missing])?;
    if ran.status != Some(1) {
        return Err(format!("exited {:?}, expected 1", ran.status));
    }
    if !ran.stderr.contains("404") || !ran.stderr.contains("not_found") {
        return Err(format!(
            "stderr does not carry the server's answer: {}",
            ran.stderr.trim()
        ));
    }
    if ran.stderr.contains(&quay.token) {
        return Err("the token appears in the error output".into());
    }
    Ok(())
}

fn delete(quay: &Quay, repository: &str) -> Result<(), String> {
    quay.ok(&["repository", "delete-repository", repository])?;
    let ran = quay.run(&["repository", "get-repo", repository])?;
    match ran.status {
        Some(1) => Ok(()),
        other => Err(format!(
            "the repository still answers (get-repo exited {other:?})"
        )),
    }
}
