//! The logs of what the run did: of the user, of the scratch organization and of a scratch
//! repository, listed, aggregated and exported (no worker ever finishes an export here).

use quay_client::models::{ExportOrgLogsBody, ExportRepoLogsBody, ExportUserLogsBody};

use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

pub async fn run(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let logs = client.logs();
    let email = format!("{}@example.com", world.scratch);

    call!(suite, logs.list_user_logs().performer(&world.user));
    call!(suite, logs.get_aggregate_user_logs().performer(&world.user));
    call!(
        suite,
        logs.export_user_logs(ExportUserLogsBody::new().callback_email(&email))
    );

    call!(suite, logs.list_org_logs(&world.org).performer(&world.user));
    call!(suite, logs.get_aggregate_org_logs(&world.org));
    call!(
        suite,
        logs.export_org_logs(&world.org, ExportOrgLogsBody::new().callback_email(&email))
    );

    let repo = &world.user_repo;
    call!(suite, logs.list_repo_logs(repo));
    call!(suite, logs.get_aggregate_repo_logs(repo));
    call!(
        suite,
        logs.export_repo_logs(repo, ExportRepoLogsBody::new().callback_email(&email))
    );
}
