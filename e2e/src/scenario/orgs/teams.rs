//! A team: created, its role and description changed, members added and invited (by user and by
//! e-mail), a permission on a repository, a default permission (prototype) for it, then deleted.

use quay_client::models::{
    ChangeTeamPermissionsBody, ChangeTeamPermissionsBodyRole,
    CreateOrganizationPrototypePermissionBody,
    CreateOrganizationPrototypePermissionBodyActivatingUser,
    CreateOrganizationPrototypePermissionBodyDelegate,
    CreateOrganizationPrototypePermissionBodyDelegateKind,
    CreateOrganizationPrototypePermissionBodyRole, UpdateOrganizationPrototypePermissionBody,
    UpdateOrganizationPrototypePermissionBodyRole, UpdateOrganizationTeamBody,
    UpdateOrganizationTeamBodyRole,
};

use super::{id_of, json};
use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

/// `outsider`: a user who is no member of the organization (adding them to a team invites them).
pub async fn run(suite: &mut Suite, world: &World, outsider: Option<&str>) {
    let client = suite.client.clone();
    let org = &world.org;
    let team = world.name("team");

    // PUT on a team that does not exist creates it; on one that does, changes it.
    let body = UpdateOrganizationTeamBody::new(UpdateOrganizationTeamBodyRole::Member)
        .description("made by the e2e suite");
    let created = call!(
        suite,
        client.team().update_organization_team(org, &team, body)
    );
    if created.is_none() {
        eprintln!("  note  no team: its calls are skipped");
        return;
    }
    let body = UpdateOrganizationTeamBody::new(UpdateOrganizationTeamBodyRole::Creator)
        .description("made by the e2e suite; may create repositories");
    call!(
        suite,
        client.team().update_organization_team(org, &team, body)
    );

    // The user is a member of the organization (its owners team), so is added at once; a user
    // from outside is invited instead.
    call!(
        suite,
        client
            .team()
            .update_organization_team_member(org, &team, &world.user)
    );
    if let Some(outsider) = outsider {
        call!(
            suite,
            client
                .team()
                .update_organization_team_member(org, &team, outsider)
        );
    }
    let email = format!("{}@example.com", world.name("invitee"));
    call!(
        suite,
        client.team().invite_team_member_email(org, &team, &email)
    );
    call!(
        suite,
        client
            .team()
            .get_organization_team_members(org, &team)
            .include_pending(true)
    );
    call!(
        suite,
        client
            .team()
            .delete_team_member_email_invite(org, &team, &email)
    );
    // For an invited user this deletes the invite; for a member, the membership.
    if let Some(outsider) = outsider {
        call!(
            suite,
            client
                .team()
                .delete_organization_team_member(org, &team, outsider)
        );
    }
    call!(
        suite,
        client
            .team()
            .delete_organization_team_member(org, &team, &world.user)
    );

    // A permission of the team on the organization's repository, to list.
    call!(
        suite,
        client.permission().change_team_permissions(
            &world.org_repo,
            &team,
            ChangeTeamPermissionsBody::new(ChangeTeamPermissionsBodyRole::Write)
        )
    );
    call!(
        suite,
        client.team().get_organization_team_permissions(org, &team)
    );

    prototypes(suite, world, &team).await;

    call!(suite, client.team().delete_organization_team(org, &team));
}

/// A default permission: repositories the user creates in the organization give the team read.
async fn prototypes(suite: &mut Suite, world: &World, team: &str) {
    let client = suite.client.clone();
    let org = &world.org;
    let body = CreateOrganizationPrototypePermissionBody::new(
        CreateOrganizationPrototypePermissionBodyRole::Read,
        CreateOrganizationPrototypePermissionBodyDelegate::new(
            team,
            CreateOrganizationPrototypePermissionBodyDelegateKind::Team,
        ),
    )
    .activating_user(CreateOrganizationPrototypePermissionBodyActivatingUser::new(&world.user));
    let created = call!(
        suite,
        client
            .prototype()
            .create_organization_prototype_permission(org, body)
    );
    let listed = call!(
        suite,
        client
            .prototype()
            .get_organization_prototype_permissions(org)
    );
    // The id from the answer of the creation, else the one listed for the team.
    let id = id_of(&json(&created), "id").or_else(|| {
        json(&listed)["prototypes"]
            .as_array()?
            .iter()
            .find(|p| p["delegate"]["name"] == team)
            .and_then(|p| id_of(p, "id"))
    });
    let Some(id) = id else {
        eprintln!("  note  no prototype: its calls are skipped");
        return;
    };
    let body = UpdateOrganizationPrototypePermissionBody::new(
        UpdateOrganizationPrototypePermissionBodyRole::Write,
    );
    call!(
        suite,
        client
            .prototype()
            .update_organization_prototype_permission(org, &id, body)
    );
    call!(
        suite,
        client
            .prototype()
            .delete_organization_prototype_permission(org, &id)
    );
}
