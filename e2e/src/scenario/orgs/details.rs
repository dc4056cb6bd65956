//! The organization itself, its members and outside collaborators.

use quay_client::models::{
    ChangeOrganizationDetailsBody, ChangeUserPermissionsBody, ChangeUserPermissionsBodyRole,
};

use super::json;
use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

/// An organization of the sample data (the server README lists it) whose members are users other
/// than the token's: one of them becomes an outside collaborator of the scratch organization.
const SAMPLE_ORG: &str = "buynlarge";

/// Reads the organization, changes its email and tag expiration, and reads them back.
pub async fn run(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    call!(suite, client.organization().get_organization(&world.org));
    // The server's fields (verify's corrections): `email`, `contact_email`, `invoice_email`,
    // `invoice_email_address`, `tag_expiration_s`; the docs' `name` is gone (a rename is not
    // possible and the server ignored it).
    let email = format!("{}-changed@example.com", world.org);
    let expiration: i64 = 7 * 24 * 3600;
    let body = ChangeOrganizationDetailsBody::new()
        .email(&email)
        .tag_expiration_s(expiration);
    call!(
        suite,
        client
            .organization()
            .change_organization_details(&world.org, body)
    );
    let read = call!(suite, client.organization().get_organization(&world.org));
    if let Some(read) = read {
        let org = read.body();
        let got_email = org.email.as_deref();
        let got_expiration = org.tag_expiration_s;
        suite.check(
            "changeOrganizationDetails sets email and tag_expiration_s (read back by getOrganization)",
            if got_email == Some(email.as_str()) && got_expiration == Some(expiration) {
                Ok(())
            } else {
                Err(format!(
                    "getOrganization has email {got_email:?} and tag_expiration_s \
                     {got_expiration:?}, expected {email:?} and {expiration}"
                ))
            },
        );
    }
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
            ChangeUserPermissionsBody::new(ChangeUserPermissionsBodyRole::Read)
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
