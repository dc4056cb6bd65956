//! The organization itself, its members and outside collaborators.

use quay_client::models::{ChangeOrganizationDetailsBody, ChangeUserPermissionsBody};

use super::json;
use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

/// An organization of the sample data (the server README lists it) whose members are users other
/// than the token's: one of them becomes an outside collaborator of the scratch organization.
const SAMPLE_ORG: &str = "buynlarge";

/// Reads the organization and changes its details.
pub async fn run(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    call!(suite, client.organization().get_organization(&world.org));
    // The docs give this body a single field, `name`, which the server does not know (an
    // organization cannot be renamed): it ignores it. What the server can change (email,
    // contact_email, invoice_email, invoice_email_address, tag_expiration_s) the body cannot say.
    let body = ChangeOrganizationDetailsBody::new().name(&world.org);
    call!(
        suite,
        client
            .organization()
            .change_organization_details(&world.org, body)
    );
    suite.finding(
        "changeOrganizationDetails",
        "the request body has only `name`, which the server ignores; it cannot carry the fields \
         the server changes (email, contact_email, invoice_email, invoice_email_address, \
         tag_expiration_s), so no detail of the organization can be changed through the crate",
    );
}

/// Members and outside collaborators: a user of the sample data gets a permission on the scratch
/// organization's repository (an outside collaborator), and is removed from the organization
/// again. Gives that user's name, for the invites of the team scenario.
pub async fn members(suite: &mut Suite, world: &World) -> Option<String> {
    let client = suite.client.clone();
    let members = call!(
        suite,
        client.organization().get_organization_members(&world.org)
    );
    let member = members
        .as_ref()
        .and_then(|m| m.body().members.first().map(|m| m.name.clone()))
        .unwrap_or_else(|| world.user.clone());
    call!(
        suite,
        client
            .organization()
            .get_organization_member(&world.org, &member)
    );

    let sample_members = call!(
        suite,
        client.organization().get_organization_members(SAMPLE_ORG)
    );
    let outsider = sample_members.as_ref().and_then(|m| {
        m.body()
            .members
            .iter()
            .find_map(|m| (m.kind == "user" && m.name != world.user).then(|| m.name.clone()))
    });
    let Some(outsider) = outsider else {
        eprintln!(
            "  note  no member of {SAMPLE_ORG} other than {}",
            world.user
        );
        call!(
            suite,
            client
                .organization()
                .get_organization_collaborators(&world.org)
        );
        return None;
    };

    // A direct permission on a repository of the organization makes an outside collaborator.
    call!(
        suite,
        client.permission().change_user_permissions(
            &world.org_repo,
            &outsider,
            ChangeUserPermissionsBody::new("read")
        )
    );
    let collaborators = call!(
        suite,
        client
            .organization()
            .get_organization_collaborators(&world.org)
    );
    let listed = json(&collaborators)["collaborators"]
        .as_array()
        .is_some_and(|c| c.iter().any(|c| c["name"] == outsider.as_str()));
    if !listed {
        eprintln!(
            "  note  {outsider} is not among the collaborators of {}",
            world.org
        );
    }
    // Removing a member revokes its repository permissions too.
    call!(
        suite,
        client
            .organization()
            .remove_organization_member(&world.org, &outsider)
    );
    Some(outsider)
}
