//! The expected outcome of every operation against the test server: the one table the suite
//! is judged by. An `ok` operation that fails, an `unavailable` or `known failure` one that
//! succeeds, or an operation of the client missing here, fails the run, so the table stays true.

/// What a call of an operation is expected to come to against `../shared/quay-server`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A 2xx answer whose body decodes into the operation's return type.
    Ok,
    /// The server cannot serve it here, for one of the limits its README lists.
    Unavailable(Limit),
    /// It fails because of a doc error the spec still carries, or a decode failure: the cause,
    /// for the work that must fix it.
    // No operation is a known failure today; the variant stays for the next doc error the
    // server shows before the spec carries its correction.
    #[allow(dead_code)]
    KnownFailure(&'static str),
}

/// The limits of the test server that its README (`../shared/quay-server/README.md`, "What this
/// server cannot do") lists. An operation may be `unavailable here` only for one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// "No outbound network": connections and name lookups that are not loopback are refused, so
    /// validating a proxy-cache upstream, reaching a mirror's registry or activating a GitHub
    /// build trigger fail.
    NoOutboundNetwork,
    /// "`renewBootstrapToken` needs the one-time bootstrap token, which is not provisioned".
    NoBootstrapToken,
    /// "`getConfigDump` answers 403 (`FEATURE_SUPERUSER_CONFIGDUMP` is off)".
    ConfigDumpOff,
}

impl Limit {
    /// The reason as the README gives it, for the report.
    pub fn reason(self) -> &'static str {
        match self {
            Limit::NoOutboundNetwork => "no outbound network (the loopback guard refuses it)",
            Limit::NoBootstrapToken => "the one-time bootstrap token is not provisioned",
            Limit::ConfigDumpOff => "FEATURE_SUPERUSER_CONFIGDUMP is off (403)",
        }
    }
}

/// Every operation of the spec, in the spec's order, with what it is expected to come to.
pub const EXPECTED: &[(&str, Expect)] = &[
    // appspecifictokens
    ("createAppToken", Expect::Ok),
    ("listAppTokens", Expect::Ok),
    ("getAppToken", Expect::Ok),
    ("revokeAppToken", Expect::Ok),
    // build
    ("getRepoBuildStatus", Expect::Ok),
    ("getRepoBuildLogs", Expect::Ok),
    ("getRepoBuild", Expect::Ok),
    ("cancelRepoBuild", Expect::Ok),
    ("requestRepoBuild", Expect::Ok),
    ("getRepoBuilds", Expect::Ok),
    // discovery
    ("discovery", Expect::Ok),
    // bootstrap
    (
        "renewBootstrapToken",
        Expect::Unavailable(Limit::NoBootstrapToken),
    ),
    // error
    ("getErrorDescription", Expect::Ok),
    // globalmessages
    ("createGlobalMessage", Expect::Ok),
    ("getGlobalMessages", Expect::Ok),
    ("deleteGlobalMessage", Expect::Ok),
    // logs
    ("getAggregateUserLogs", Expect::Ok),
    ("exportUserLogs", Expect::Ok),
    ("listUserLogs", Expect::Ok),
    ("getAggregateOrgLogs", Expect::Ok),
    ("exportOrgLogs", Expect::Ok),
    ("listOrgLogs", Expect::Ok),
    ("getAggregateRepoLogs", Expect::Ok),
    ("exportRepoLogs", Expect::Ok),
    ("listRepoLogs", Expect::Ok),
    // manifest
    ("getManifestLabel", Expect::Ok),
    ("deleteManifestLabel", Expect::Ok),
    ("addManifestLabel", Expect::Ok),
    ("listManifestLabels", Expect::Ok),
    ("getRepoManifest", Expect::Ok),
    // mirror
    ("syncCancel", Expect::Ok),
    ("syncNow", Expect::Ok),
    ("getRepoMirrorConfig", Expect::Ok),
    ("changeRepoMirrorConfig", Expect::Ok),
    ("createRepoMirrorConfig", Expect::Ok),
    ("getRepositoryMirrorHealth", Expect::Ok),
    // org_mirror
    ("createOrgMirrorConfig", Expect::Ok),
    ("getOrgMirrorConfig", Expect::Ok),
    ("listOrgMirrorRepositories", Expect::Ok),
    ("syncOrgMirrorNow", Expect::Ok),
    ("updateOrgMirrorConfig", Expect::Ok),
    ("verifyOrgMirrorConnection", Expect::Ok),
    ("cancelOrgMirrorSync", Expect::Ok),
    ("deleteOrgMirrorConfig", Expect::Ok),
    // capabilities
    ("getRegistryCapabilities", Expect::Ok),
    // namespacequota
    ("listUserQuota", Expect::Ok),
    ("getOrganizationQuotaLimit", Expect::Ok),
    ("changeOrganizationQuotaLimit", Expect::Ok),
    ("deleteOrganizationQuotaLimit", Expect::Ok),
    ("createOrganizationQuotaLimit", Expect::Ok),
    ("listOrganizationQuotaLimit", Expect::Ok),
    ("getUserQuotaLimit", Expect::Ok),
    ("listUserQuotaLimit", Expect::Ok),
    ("getOrganizationQuota", Expect::Ok),
    ("changeOrganizationQuota", Expect::Ok),
    ("deleteOrganizationQuota", Expect::Ok),
    ("createOrganizationQuota", Expect::Ok),
    ("listOrganizationQuota", Expect::Ok),
    ("getUserQuota", Expect::Ok),
    // namespacenotification
    ("createOrgNotification", Expect::Ok),
    ("listOrgNotifications", Expect::Ok),
    ("getOrgNotification", Expect::Ok),
    ("deleteOrgNotification", Expect::Ok),
    ("testOrgNotification", Expect::Ok),
    ("resetOrgNotificationFailures", Expect::Ok),
    ("createUserNotification", Expect::Ok),
    ("listUserNotifications", Expect::Ok),
    ("getUserNamespaceNotification", Expect::Ok),
    ("deleteUserNotification", Expect::Ok),
    ("testUserNamespaceNotification", Expect::Ok),
    ("resetUserNamespaceNotificationFailures", Expect::Ok),
    // organization
    ("createOrganization", Expect::Ok),
    (
        "validateProxyCacheConfig",
        Expect::Unavailable(Limit::NoOutboundNetwork),
    ),
    ("getOrganizationCollaborators", Expect::Ok),
    ("getOrganizationApplication", Expect::Ok),
    ("updateOrganizationApplication", Expect::Ok),
    ("deleteOrganizationApplication", Expect::Ok),
    ("createOrganizationApplication", Expect::Ok),
    ("createOrganizationApplicationToken", Expect::Ok),
    ("listOrganizationApplicationTokens", Expect::Ok),
    ("deleteOrganizationApplicationToken", Expect::Ok),
    ("getOrganizationApplications", Expect::Ok),
    // The server's answers (spec/observed) give `expiration_s` and `insecure` as "" without a
    // proxy cache: typed as any value.
    ("getProxyCacheConfig", Expect::Ok),
    ("deleteProxyCacheConfig", Expect::Ok),
    ("createProxyCacheConfig", Expect::Ok),
    ("getOrganizationMember", Expect::Ok),
    ("removeOrganizationMember", Expect::Ok),
    ("getOrganizationMembers", Expect::Ok),
    ("getOrganization", Expect::Ok),
    ("changeOrganizationDetails", Expect::Ok),
    ("deleteAdminedOrganization", Expect::Ok),
    ("getApplicationInformation", Expect::Ok),
    // permission
    ("getUserTransitivePermission", Expect::Ok),
    ("getUserPermissions", Expect::Ok),
    ("changeUserPermissions", Expect::Ok),
    ("deleteUserPermissions", Expect::Ok),
    ("getTeamPermissions", Expect::Ok),
    ("changeTeamPermissions", Expect::Ok),
    ("deleteTeamPermissions", Expect::Ok),
    ("listRepoTeamPermissions", Expect::Ok),
    ("listRepoUserPermissions", Expect::Ok),
    // policy
    ("createOrganizationAutoPrunePolicy", Expect::Ok),
    ("listOrganizationAutoPrunePolicies", Expect::Ok),
    ("getOrganizationAutoPrunePolicy", Expect::Ok),
    ("deleteOrganizationAutoPrunePolicy", Expect::Ok),
    ("updateOrganizationAutoPrunePolicy", Expect::Ok),
    ("createRepositoryAutoPrunePolicy", Expect::Ok),
    ("listRepositoryAutoPrunePolicies", Expect::Ok),
    // `value` is an integer for a number_of_tags policy (spec/observed): typed as any value.
    ("getRepositoryAutoPrunePolicy", Expect::Ok),
    ("deleteRepositoryAutoPrunePolicy", Expect::Ok),
    ("updateRepositoryAutoPrunePolicy", Expect::Ok),
    ("createUserAutoPrunePolicy", Expect::Ok),
    ("listUserAutoPrunePolicies", Expect::Ok),
    ("getUserAutoPrunePolicy", Expect::Ok),
    ("deleteUserAutoPrunePolicy", Expect::Ok),
    ("updateUserAutoPrunePolicy", Expect::Ok),
    // prototype
    ("updateOrganizationPrototypePermission", Expect::Ok),
    ("deleteOrganizationPrototypePermission", Expect::Ok),
    ("createOrganizationPrototypePermission", Expect::Ok),
    ("getOrganizationPrototypePermissions", Expect::Ok),
    // referrers
    ("getReferrers", Expect::Ok),
    // repository
    ("createRepo", Expect::Ok),
    ("listRepos", Expect::Ok),
    ("changeRepoVisibility", Expect::Ok),
    ("changeRepoState", Expect::Ok),
    ("getRepo", Expect::Ok),
    ("updateRepo", Expect::Ok),
    ("deleteRepository", Expect::Ok),
    // repositorynotification
    ("testRepoNotification", Expect::Ok),
    ("getRepoNotification", Expect::Ok),
    ("deleteRepoNotification", Expect::Ok),
    ("resetRepositoryNotificationFailures", Expect::Ok),
    ("createRepoNotification", Expect::Ok),
    ("listRepoNotifications", Expect::Ok),
    // robot
    ("getUserRobots", Expect::Ok),
    ("getOrgRobotPermissions", Expect::Ok),
    ("regenerateOrgRobotToken", Expect::Ok),
    ("getUserRobotPermissions", Expect::Ok),
    ("regenerateUserRobotToken", Expect::Ok),
    ("getOrgRobot", Expect::Ok),
    ("createOrgRobot", Expect::Ok),
    ("deleteOrgRobot", Expect::Ok),
    ("getOrgRobots", Expect::Ok),
    ("getUserRobot", Expect::Ok),
    ("createUserRobot", Expect::Ok),
    ("deleteUserRobot", Expect::Ok),
    ("getOrgRobotFederation", Expect::Ok),
    // The docs' body is one object; the server's is a JSON array of them (set-body-array).
    ("createOrgRobotFederation", Expect::Ok),
    // search
    ("conductRepoSearch", Expect::Ok),
    ("conductSearch", Expect::Ok),
    ("getMatchingEntities", Expect::Ok),
    // secscan
    ("getRepoManifestSecurity", Expect::Ok),
    // superuser
    ("getConfigDump", Expect::Unavailable(Limit::ConfigDumpOff)),
    ("createInstallUser", Expect::Ok),
    ("changeInstallUser", Expect::Ok),
    ("deleteInstallUser", Expect::Ok),
    ("listAllUsers", Expect::Ok),
    ("listAllLogs", Expect::Ok),
    ("listAllOrganizations", Expect::Ok),
    ("createServiceKey", Expect::Ok),
    ("listServiceKeys", Expect::Ok),
    ("listAllAppTokens", Expect::Ok),
    ("changeUserQuotaSuperUser", Expect::Ok),
    ("deleteUserQuotaSuperUser", Expect::Ok),
    ("createUserQuotaSuperUser", Expect::Ok),
    ("listUserQuotaSuperUser", Expect::Ok),
    ("changeOrganizationQuotaSuperUser", Expect::Ok),
    ("deleteOrganizationQuotaSuperUser", Expect::Ok),
    ("createOrganizationQuotaSuperUser", Expect::Ok),
    ("listOrganizationQuotaSuperUser", Expect::Ok),
    ("changeOrganization", Expect::Ok),
    ("deleteOrganization", Expect::Ok),
    ("approveServiceKey", Expect::Ok),
    ("deleteServiceKey", Expect::Ok),
    ("updateServiceKey", Expect::Ok),
    ("getServiceKey", Expect::Ok),
    ("getRepoBuildStatusSuperUser", Expect::Ok),
    ("getRepoBuildSuperUser", Expect::Ok),
    ("getRepoBuildLogsSuperUser", Expect::Ok),
    ("getRegistrySize", Expect::Ok),
    ("postRegistrySize", Expect::Ok),
    ("getSuperUserRepositoryMirrorHealth", Expect::Ok),
    // tag
    ("restoreTag", Expect::Ok),
    ("changeTag", Expect::Ok),
    ("deleteFullTag", Expect::Ok),
    ("listRepoTags", Expect::Ok),
    ("getTagPullStatistics", Expect::Ok),
    ("getManifestPullStatistics", Expect::Ok),
    // immutability_policy
    ("createOrgImmutabilityPolicy", Expect::Ok),
    ("createRepositoryImmutabilityPolicy", Expect::Ok),
    ("deleteOrgImmutabilityPolicy", Expect::Ok),
    ("deleteRepositoryImmutabilityPolicy", Expect::Ok),
    ("getOrgImmutabilityPolicy", Expect::Ok),
    ("getRepositoryImmutabilityPolicy", Expect::Ok),
    ("listOrgImmutabilityPolicies", Expect::Ok),
    ("listRepositoryImmutabilityPolicies", Expect::Ok),
    ("updateOrgImmutabilityPolicy", Expect::Ok),
    ("updateRepositoryImmutabilityPolicy", Expect::Ok),
    // team
    ("getOrganizationTeamPermissions", Expect::Ok),
    ("updateOrganizationTeamMember", Expect::Ok),
    ("deleteOrganizationTeamMember", Expect::Ok),
    ("getOrganizationTeamMembers", Expect::Ok),
    ("inviteTeamMemberEmail", Expect::Ok),
    ("deleteTeamMemberEmailInvite", Expect::Ok),
    ("updateOrganizationTeam", Expect::Ok),
    ("deleteOrganizationTeam", Expect::Ok),
    // trigger
    (
        "activateBuildTrigger",
        Expect::Unavailable(Limit::NoOutboundNetwork),
    ),
    ("listTriggerRecentBuilds", Expect::Ok),
    // Only an active trigger starts, and the sample GitHub trigger can only be activated
    // through GitHub. (The docs' example also sends `refs` as a string; the server wants an
    // object or null, and the client, which types `refs` as any JSON, sends an object.)
    (
        "manuallyStartBuildTrigger",
        Expect::Unavailable(Limit::NoOutboundNetwork),
    ),
    ("getBuildTrigger", Expect::Ok),
    // "Cannot update an unactivated trigger": activating the sample GitHub trigger needs GitHub.
    (
        "updateBuildTrigger",
        Expect::Unavailable(Limit::NoOutboundNetwork),
    ),
    ("deleteBuildTrigger", Expect::Ok),
    ("listBuildTriggers", Expect::Ok),
    // user
    ("createStar", Expect::Ok),
    ("listStarredRepos", Expect::Ok),
    ("getLoggedInUser", Expect::Ok),
    ("deleteStar", Expect::Ok),
    ("getUserInformation", Expect::Ok),
];

/// The expectation of one operation, if the table has it.
pub fn expected(operation: &str) -> Option<Expect> {
    EXPECTED
        .iter()
        .find(|(name, _)| *name == operation)
        .map(|(_, expect)| *expect)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_table_has_every_operation_of_the_client_once() {
        let names: Vec<&str> = EXPECTED.iter().map(|(name, _)| *name).collect();
        let unique: BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(
            unique.len(),
            names.len(),
            "an operation is in the table twice"
        );
        let client: BTreeSet<&str> = quay_client::OPERATIONS.iter().map(|op| op.name).collect();
        let missing: Vec<_> = client.difference(&unique).collect();
        let unknown: Vec<_> = unique.difference(&client).collect();
        assert!(missing.is_empty(), "not in the table: {missing:?}");
        assert!(
            unknown.is_empty(),
            "not operations of the client: {unknown:?}"
        );
    }
}
