//! What staff (and the console) did, as the audit log names it: one enum, one string form
//! each. A new staff action is a new variant here; the store writes `as_str`, and pages
//! show the stored string (rows written before a rename still read back).

crate::vocabulary::words! {
    /// An action recorded in the audit log.
    AuditAction,
    ApplicationApproved = "application.approved",
    ApplicationDeclined = "application.declined",
    CommunityBrandingUpdated = "community.branding_updated",
    CommunityCustomerListReplaced = "community.customer_list_replaced",
    CommunityGuidelinesChanged = "community.guidelines_changed",
    CommunityLocaleUpdated = "community.locale_updated",
    CommunityMembershipChanged = "community.membership_changed",
    CommunityModLogPublished = "community.mod_log_published",
    CommunityModLogUnpublished = "community.mod_log_unpublished",
    BadgeCreated = "badge.created",
    BadgeDeleted = "badge.deleted",
    EventCancelled = "event.cancelled",
    GroupCreated = "group.created",
    GroupDeleted = "group.deleted",
    GroupMemberAdded = "group.member_added",
    GroupMemberRemoved = "group.member_removed",
    IdeaMerged = "idea.merged",
    IdeaStatusSet = "idea.status_set",
    IdeaVoteRecorded = "idea.vote_recorded",
    InsightsExperimentStarted = "insights.experiment_started",
    InsightsSentimentSwitched = "insights.sentiment_switched",
    InsightsViewersChanged = "insights.viewers_changed",
    InsightsWeightsChanged = "insights.weights_changed",
    InviteCreated = "invite.created",
    InviteRevoked = "invite.revoked",
    JobRetried = "job.retried",
    KeywordRuleAdded = "keyword_rule.added",
    KeywordRuleDeleted = "keyword_rule.deleted",
    MailTestSent = "mail.test_sent",
    MemberAdded = "member.added",
    MemberBanned = "member.banned",
    MemberNoted = "member.noted",
    MemberRestrictionEnded = "member.restriction_ended",
    MemberSilenced = "member.silenced",
    MemberSuspended = "member.suspended",
    MemberTrustSet = "member.trust_set",
    MemberWarned = "member.warned",
    MembersErased = "members.erased",
    MembersMerged = "members.merged",
    MembersNotSame = "members.not_same",
    MembersUnmerged = "members.unmerged",
    PostApproved = "post.approved",
    PostDeleted = "post.deleted",
    PostDeletedByStaff = "post.deleted_by_staff",
    PostEditedByStaff = "post.edited_by_staff",
    PostHidden = "post.hidden",
    SpaceArchived = "space.archived",
    SpaceCreated = "space.created",
    SpaceRestored = "space.restored",
    PointsFlagDismissed = "points.flag_dismissed",
    PointsFlagReversed = "points.flag_reversed",
    PointsRulesChanged = "points.rules_changed",
    PointsSeasonStarted = "points.season_started",
    RedemptionCancelled = "redemption.cancelled",
    RedemptionFulfilled = "redemption.fulfilled",
    RewardCodesAdded = "reward.codes_added",
    RewardCreated = "reward.created",
    RewardUpdated = "reward.updated",
    SpaceUpdated = "space.updated",
    StreamReset = "stream.reset",
    TokenRevoked = "token.revoked",
    TopicPinned = "topic.pinned",
    TopicUnpinned = "topic.unpinned",
    WebhookCreated = "webhook.created",
    WebhookDeleted = "webhook.deleted",
    WebhookDisabled = "webhook.disabled",
    WebhookEnabled = "webhook.enabled",
    WebhookSecretRolled = "webhook.secret_rolled",
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn every_action_has_one_distinct_string_and_parses_back() {
        let mut seen = std::collections::HashSet::new();
        for a in AuditAction::ALL {
            assert!(seen.insert(a.as_str()), "{} twice", a.as_str());
            assert_eq!(AuditAction::parse(a.as_str()), Some(*a));
        }
        assert_eq!(AuditAction::parse("nope"), None);
    }
}
