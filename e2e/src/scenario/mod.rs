//! The scenario, in the order a user works: find out who we are and what the server holds,
//! create what later calls need, read and update it, then delete it.
//!
//! Each area is a module that calls the operations of its part of the API and cleans up after
//! itself. The [`World`] holds what every area may use: values found on the server (the
//! token's user, a repository of the sample data with tags and manifests) and the scratch
//! organization and repositories made for this run, deleted at the end.

mod basics;
mod cli;
mod orgs;
mod repos;
mod runtime;
mod superuser;

use serde_json::Value;

use crate::call;
use crate::harness::Suite;

/// The areas of the scenario, in the order they run (`--only` takes these names).
pub const AREAS: &[&str] = &["basics", "repos", "orgs", "cli", "superuser", "runtime"];

/// What the areas share: found on the server or created for this run.
#[derive(Debug, Clone)]
pub struct World {
    /// The token's user (a superuser of the test server).
    pub user: String,
    /// A prefix unique to this run, for every name the run creates.
    pub scratch: String,
    /// An organization created for this run; the user is its admin.
    pub org: String,
    /// A repository created for this run in the user's namespace (`user/name`), empty.
    pub user_repo: String,
    /// A repository created for this run in [`World::org`], empty.
    pub org_repo: String,
    /// A repository of the sample data with tags on manifests.
    pub sample: SampleRepo,
}

/// A repository found on the server with at least one tag on a single manifest.
#[derive(Debug, Clone)]
pub struct SampleRepo {
    /// `namespace/name`.
    pub repository: String,
    pub tag: String,
    pub manifest_digest: String,
}

impl World {
    /// `namespace/name` of a scratch repository.
    pub fn name(&self, what: &str) -> String {
        format!("{}{what}", self.scratch)
    }
}

/// Runs setup, every area asked for, and teardown (also when an area failed).
pub async fn run(suite: &mut Suite) -> Result<(), String> {
    let world = setup(suite).await?;
    eprintln!(
        "e2e: user {}, sample repository {} (tag {}), scratch organization {}",
        world.user, world.sample.repository, world.sample.tag, world.org
    );
    for area in AREAS {
        if !suite.settings.runs(area) {
            continue;
        }
        eprintln!("e2e: area {area}");
        run_area(suite, &world, area).await;
    }
    teardown(suite, &world).await;
    Ok(())
}

async fn run_area(suite: &mut Suite, world: &World, area: &str) {
    match area {
        "basics" => basics::run(suite, world).await,
        "repos" => repos::run(suite, world).await,
        "orgs" => orgs::run(suite, world).await,
        "cli" => cli::run(suite, world).await,
        "superuser" => superuser::run(suite, world).await,
        "runtime" => runtime::run(suite, world).await,
        other => unreachable!("area {other} is listed in AREAS but has no module"),
    }
}

/// Who we are, a repository with tags of the sample data, and the scratch objects.
async fn setup(suite: &mut Suite) -> Result<World, String> {
    let client = suite.client.clone();
    let me = call!(suite, client.user().get_logged_in_user())
        .ok_or("getLoggedInUser failed: the token does not work against this server")?;
    let me = me.raw_json().map_err(|e| format!("getLoggedInUser: {e}"))?;
    let user = text(&me, "username").ok_or("getLoggedInUser: no username in the answer")?;
    let sample = find_sample_repo(suite, &user).await?;
    // Recorded outputs name what the run created: a fixed prefix keeps them stable between
    // recordings (the database is fresh each time); otherwise a prefix of this process.
    let scratch = match suite.settings.record {
        Some(_) => "e2e".to_string(),
        None => format!("e2e{}", std::process::id() % 100_000),
    };

    let org = format!("{scratch}org");
    let body =
        quay_client::models::CreateOrganizationBody::new(&org).email(format!("{org}@example.com"));
    call!(suite, client.organization().create_organization(body))
        .ok_or("createOrganization failed: the scratch organization is needed by every area")?;

    let user_repo = format!("{user}/{scratch}repo");
    let org_repo = format!("{org}/{scratch}repo");
    for repository in [&user_repo, &org_repo] {
        let (namespace, name) = repository.split_once('/').unwrap_or_default();
        let body = quay_client::models::CreateRepoBody::new(
            name,
            quay_client::models::CreateRepoBodyVisibility::Private,
            "made by the e2e suite",
        )
        .namespace(namespace);
        call!(suite, client.repository().create_repo(body))
            .ok_or_else(|| format!("createRepo {repository} failed: later areas need it"))?;
    }
    Ok(World {
        user,
        scratch,
        org,
        user_repo,
        org_repo,
        sample,
    })
}

/// The repositories of a namespace as `namespace/name` (one `listRepos` call, counted like
/// any other); `None` when the call failed.
pub(crate) async fn repositories_of(suite: &mut Suite, namespace: &str) -> Option<Vec<String>> {
    let client = suite.client.clone();
    let repos = call!(suite, client.repository().list_repos().namespace(namespace))?;
    Some(
        repos
            .body()
            .repositories
            .iter()
            .map(|r| format!("{namespace}/{}", r.name))
            .collect(),
    )
}

/// The first repository of the user's namespace whose tags include one on a single manifest.
async fn find_sample_repo(suite: &mut Suite, user: &str) -> Result<SampleRepo, String> {
    let client = suite.client.clone();
    let repositories = repositories_of(suite, user)
        .await
        .ok_or("listRepos failed: cannot find a repository with tags")?;
    for repository in repositories {
        let Some(tags) = call!(
            suite,
            client
                .tag()
                .list_repo_tags(&repository)
                .only_active_tags(true)
        ) else {
            continue;
        };
        let found = tags.body().tags.iter().find_map(|tag| {
            (!tag.is_manifest_list).then(|| (tag.name.clone(), tag.manifest_digest.clone()))
        });
        if let Some((tag, manifest_digest)) = found {
            return Ok(SampleRepo {
                repository,
                tag,
                manifest_digest,
            });
        }
    }
    Err(format!(
        "no repository of {user} has a tag on a single manifest"
    ))
}

/// Deletes the scratch objects of the setup (areas delete their own).
async fn teardown(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    for repository in [&world.user_repo, &world.org_repo] {
        call!(suite, client.repository().delete_repository(repository));
    }
    call!(
        suite,
        client
            .organization()
            .delete_admined_organization(&world.org)
    );
}

/// A string field of a JSON answer.
pub fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(str::to_owned)
}
