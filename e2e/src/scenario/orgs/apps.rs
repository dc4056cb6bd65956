//! An OAuth application of the organization and an API token of it.

use quay_client::models::{
    CreateOrganizationApplicationBody, CreateOrganizationApplicationTokenBody,
    UpdateOrganizationApplicationBody,
};

use crate::call;
use crate::harness::Suite;
use crate::scenario::World;

pub async fn run(suite: &mut Suite, world: &World) {
    let client = suite.client.clone();
    let org = &world.org;
    let name = world.name("app");
    let homepage = format!("https://{name}.example.com");
    let callback = format!("{homepage}/oauth/callback");
    let body = CreateOrganizationApplicationBody::new(&name)
        .application_uri(&homepage)
        .redirect_uri(&callback)
        .description("made by the e2e suite")
        .avatar_email(format!("{name}@example.com"));
    let created = call!(
        suite,
        client
            .organization()
            .create_organization_application(org, body)
    );
    let Some(client_id) = created.map(|c| c.into_body().client_id) else {
        eprintln!("  note  no application: its calls are skipped");
        return;
    };

    call!(
        suite,
        client.organization().get_organization_applications(org)
    );
    call!(
        suite,
        client
            .organization()
            .get_organization_application(org, &client_id)
    );
    let body =
        UpdateOrganizationApplicationBody::new(format!("{name} renamed"), &callback, &homepage)
            .description("made and renamed by the e2e suite");
    call!(
        suite,
        client
            .organization()
            .update_organization_application(org, &client_id, body)
    );
    // The public view of the application, as a user authorizing it sees it.
    call!(
        suite,
        client
            .organization()
            .get_application_information(&client_id)
    );

    let body = CreateOrganizationApplicationTokenBody::new("e2e automation", "repo:read")
        .expiration(3_600);
    let token = call!(
        suite,
        client
            .organization()
            .create_organization_application_token(org, &client_id, body)
    );
    let token_uuid = token.map(|t| t.into_body().uuid);
    let tokens = call!(
        suite,
        client
            .organization()
            .list_organization_application_tokens(org, &client_id)
    );
    let listed = tokens.as_ref().is_some_and(|t| {
        t.body()
            .tokens
            .iter()
            .any(|t| token_uuid.as_ref() == Some(&t.uuid))
    });
    if !listed {
        eprintln!("  note  the new token is not in the application's token list");
    }
    if let Some(token_uuid) = token_uuid {
        call!(
            suite,
            client.organization().delete_organization_application_token(
                org,
                &client_id,
                &token_uuid
            )
        );
    }
    call!(
        suite,
        client
            .organization()
            .delete_organization_application(org, &client_id)
    );
}
