//! Robots of the user and of the scratch organization, and the permissions of users, robots and
//! teams on the scratch repositories.

use quay_client::models::{
    ChangeTeamPermissionsBody, ChangeTeamPermissionsBodyRole, ChangeUserPermissionsBody,
    ChangeUserPermissionsBodyRole, CreateOrgRobotBody, CreateOrgRobotFederationItem,
    CreateUserRobotBody,
};
use serde_json::json;

use super::object;
use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

/// The robots made for this run: short names and full names (`namespace+short`).
pub struct Robots {
    pub user_short: String,
    pub user_robot: String,
    pub org_short: String,
    pub org_robot: String,
}

/// Creates a robot of the user and one of the organization, and reads them back.
pub async fn create_robots(suite: &mut Suite, world: &World) -> Robots {
    let client = suite.client.clone();
    let robots = Robots {
        user_short: world.name("robot"),
        user_robot: format!("{}+{}", world.user, world.name("robot")),
        org_short: world.name("orgrobot"),
        org_robot: format!("{}+{}", world.org, world.name("orgrobot")),
    };
    let metadata = object(json!({ "purpose": "e2e", "run": world.scratch }));

    // The user's robot.
    call!(
        suite,
        client.robot().create_user_robot(
            &robots.user_short,
            CreateUserRobotBody::new()
                .description("robot of the e2e suite")
                .unstructured_metadata(metadata.clone())
        )
    );
    call!(
        suite,
        client
            .robot()
            .get_user_robots()
            .permissions(true)
            .token(false)
            .limit(100)
    );
    call!(suite, client.robot().get_user_robot(&robots.user_short));
    call!(
        suite,
        client
            .robot()
            .regenerate_user_robot_token(&robots.user_short)
    );

    // The organization's robot.
    call!(
        suite,
        client.robot().create_org_robot(
            &world.org,
            &robots.org_short,
            CreateOrgRobotBody::new()
                .description("robot of the e2e suite")
                .unstructured_metadata(metadata)
        )
    );
    call!(
        suite,
        client
            .robot()
            .get_org_robots(&world.org)
            .permissions(true)
            .token(false)
            .limit(100)
    );
    call!(
        suite,
        client.robot().get_org_robot(&world.org, &robots.org_short)
    );
    call!(
        suite,
        client
            .robot()
            .regenerate_org_robot_token(&world.org, &robots.org_short)
    );
    // Federation with an external OIDC identity: none yet, then one entry.
    call!(
        suite,
        client
            .robot()
            .get_org_robot_federation(&world.org, &robots.org_short)
    );
    call!(
        suite,
        client.robot().create_org_robot_federation(
            &world.org,
            &robots.org_short,
            // The server takes a JSON array of issuer/subject pairs (verify's correction).
            vec![CreateOrgRobotFederationItem::new(
                "https://issuer.example.com",
                format!("system:serviceaccount:e2e:{}", world.scratch)
            )]
        )
    );
    call!(
        suite,
        client
            .robot()
            .get_org_robot_federation(&world.org, &robots.org_short)
    );
    robots
}

/// Permissions on the scratch repositories: the robots get roles, a team of the organization
/// gets one, and each is read, listed and removed again.
pub async fn permissions(suite: &mut Suite, world: &World, robots: &Robots) {
    let client = suite.client.clone();
    let perm = client.permission();

    // The organization's repository: its robot writes, the owners' team reads.
    let repo = &world.org_repo;
    call!(suite, perm.list_repo_user_permissions(repo));
    call!(
        suite,
        perm.change_user_permissions(
            repo,
            &robots.org_robot,
            ChangeUserPermissionsBody::new(ChangeUserPermissionsBodyRole::Read)
        )
    );
    call!(
        suite,
        perm.change_user_permissions(
            repo,
            &robots.org_robot,
            ChangeUserPermissionsBody::new(ChangeUserPermissionsBodyRole::Write)
        )
    );
    call!(suite, perm.get_user_permissions(repo, &robots.org_robot));
    call!(
        suite,
        perm.get_user_transitive_permission(repo, &world.user)
    );
    call!(suite, perm.list_repo_user_permissions(repo));
    call!(
        suite,
        client
            .robot()
            .get_org_robot_permissions(&world.org, &robots.org_short)
    );

    let team = first_team(suite, world).await;
    if let Some(team) = &team {
        call!(suite, perm.list_repo_team_permissions(repo));
        call!(
            suite,
            perm.change_team_permissions(
                repo,
                team,
                ChangeTeamPermissionsBody::new(ChangeTeamPermissionsBodyRole::Read)
            )
        );
        call!(suite, perm.get_team_permissions(repo, team));
        call!(suite, perm.list_repo_team_permissions(repo));
        call!(suite, perm.delete_team_permissions(repo, team));
    }
    call!(suite, perm.delete_user_permissions(repo, &robots.org_robot));

    // The user's repository: the user's robot reads.
    let repo = &world.user_repo;
    call!(
        suite,
        perm.change_user_permissions(
            repo,
            &robots.user_robot,
            ChangeUserPermissionsBody::new(ChangeUserPermissionsBodyRole::Read)
        )
    );
    call!(
        suite,
        client
            .robot()
            .get_user_robot_permissions(&robots.user_short)
    );
    call!(
        suite,
        perm.delete_user_permissions(repo, &robots.user_robot)
    );
}

/// A team of the scratch organization (creating it made one, its owners), by listing them.
async fn first_team(suite: &mut Suite, world: &World) -> Option<String> {
    let client = suite.client.clone();
    let org = call!(suite, client.organization().get_organization(&world.org))?;
    let json = super::json_of(&org);
    let teams = json.get("teams")?.as_object()?;
    let team = teams.keys().next().cloned();
    if team.is_none() {
        eprintln!("  note  the scratch organization has no team");
    }
    team
}

/// Deletes both robots (their permissions are gone by now).
pub async fn delete_robots(suite: &mut Suite, world: &World, robots: &Robots) {
    let client = suite.client.clone();
    call!(
        suite,
        client
            .robot()
            .delete_org_robot(&world.org, &robots.org_short)
    );
    call!(suite, client.robot().delete_user_robot(&robots.user_short));
}
