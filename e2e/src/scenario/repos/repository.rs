//! The repository group: read a scratch repository, change its description, make it public and
//! private again, read-only and back to normal.

use quay_client::models::{
    ChangeRepoStateBody, ChangeRepoStateBodyState, ChangeRepoVisibilityBody,
    ChangeRepoVisibilityBodyVisibility, UpdateRepoBody,
};

use super::{json_of, text};
use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

pub async fn run(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let repo = &world.user_repo;

    call!(
        suite,
        client
            .repository()
            .get_repo(repo)
            .include_tags(true)
            .include_stats(true)
    );
    let description = format!("{} (described by the e2e suite)", world.scratch);
    call!(
        suite,
        client
            .repository()
            .update_repo(repo, UpdateRepoBody::new(&description))
    );
    if let Some(answer) = call!(suite, client.repository().get_repo(repo)) {
        let now = text(&json_of(&answer), "description");
        if now.as_deref() != Some(description.as_str()) {
            eprintln!("  note  updateRepo: the description reads {now:?} afterwards");
        }
    }

    for visibility in [
        ChangeRepoVisibilityBodyVisibility::Public,
        ChangeRepoVisibilityBodyVisibility::Private,
    ] {
        call!(
            suite,
            client
                .repository()
                .change_repo_visibility(repo, ChangeRepoVisibilityBody::new(visibility))
        );
    }
    for state in [
        ChangeRepoStateBodyState::ReadOnly,
        ChangeRepoStateBodyState::Normal,
    ] {
        call!(
            suite,
            client
                .repository()
                .change_repo_state(repo, ChangeRepoStateBody::new(state))
        );
    }
}
