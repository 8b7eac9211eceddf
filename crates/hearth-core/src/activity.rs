//! The kinds of activity Hearth records, named once. Every change in a member's story
//! appends exactly one activity row of one of these kinds, in the same transaction as the
//! change; insights, automations and webhooks read only the activity log.

/// (kind, what happened, what `target` points at). The docs table is generated from this.
pub const KINDS: &[(&str, &str, &str)] = &[
    (
        JOINED,
        "A member joined the community (signed up, was added, or set it up)",
        "member",
    ),
    (
        TOPIC_STARTED,
        "A member started a discussion topic",
        "topic",
    ),
    (
        QUESTION_ASKED,
        "A member asked a question (started a topic of kind question)",
        "topic",
    ),
    (REPLIED, "A member replied in a topic", "post"),
    (
        FLAGGED,
        "A member flagged a post for moderators (properties: reason, weight)",
        "post",
    ),
    (
        MEMBER_WARNED,
        "A moderator warned a member, who sees the message and may answer it",
        "member",
    ),
    (
        MEMBER_RESTRICTED,
        "A moderator silenced, suspended or banned a member (properties: kind, ends_at)",
        "member",
    ),
    (
        RESTRICTION_ENDED,
        "A silence or suspension ended: it ran out (by the scheduler) or staff lifted it; recorded in the member's own story (properties: kind, by)",
        "member",
    ),
    (
        MOD_NOTE_ADDED,
        "A moderator added a private note to a member's record",
        "member",
    ),
    (
        MODERATED,
        "A moderator decided on a flagged post: approve, hide or delete (properties: action, item)",
        "post",
    ),
    (
        MENTIONED,
        "A member mentioned another with @handle in a post (one row per member mentioned, appended by the post's job; properties: post_id)",
        "member",
    ),
    (
        POST_EDITED,
        "A member edited a post (their own, or any as staff)",
        "post",
    ),
    (
        POST_DELETED,
        "A member deleted a post (their own, or any as staff)",
        "post",
    ),
    (
        ANSWER_ACCEPTED,
        "The asker (or staff) accepted a reply as the answer to a question",
        "post",
    ),
    (
        ANSWER_UNACCEPTED,
        "The asker (or staff) withdrew the accepted answer of a question",
        "post",
    ),
    (
        REACTED,
        "A member reacted to a post (the reaction is in properties)",
        "post",
    ),
    (UNREACTED, "A member took back a reaction", "post"),
    (
        IDEA_VOTED,
        "A member voted for an idea (properties say when staff recorded it for them)",
        "topic",
    ),
    (
        IDEA_UNVOTED,
        "A member withdrew their vote for an idea",
        "topic",
    ),
    (
        IDEA_STATUS_CHANGED,
        "Staff changed an idea's status (status and note in properties)",
        "topic",
    ),
    (
        TOPIC_PINNED,
        "Staff pinned a topic (scope in properties)",
        "topic",
    ),
    (TOPIC_UNPINNED, "Staff unpinned a topic", "topic"),
    (
        POLL_VOTED,
        "A member voted in a poll, or changed their vote",
        "topic",
    ),
    (
        IDEA_MERGED,
        "Staff merged a duplicate idea into another (its votes moved; the target is in properties)",
        "topic",
    ),
    (
        APPLICATION_REVIEWED,
        "An approver accepted or declined an application to join (decision in properties; an accepted applicant also gets `joined`)",
        "application",
    ),
    (
        INVITE_CREATED,
        "Staff created an invite link or sent an email invitation",
        "invite",
    ),
    (
        GUIDELINES_ACCEPTED,
        "A member accepted the community guidelines (version in properties)",
        "member",
    ),
    (
        TRUST_LEVEL_CHANGED,
        "A member's trust level changed, earned or set by staff (from, to and how in properties)",
        "member",
    ),
    (
        GROUP_CHANGED,
        "Staff added a member to a group or removed them (group and change in properties)",
        "member",
    ),
    (
        PROFILE_UPDATED,
        "A member changed their profile (bio, location, links or what they show)",
        "member",
    ),
    (
        POST_WIKI_CHANGED,
        "A post's author or staff made it a wiki (members of trust level 2 may edit it) or a normal post again",
        "post",
    ),
    (
        EVENT_REGISTERED,
        "A member registered for an event: a seat, the waitlist, or promoted from it (properties: status, promoted)",
        "topic",
    ),
    (
        EVENT_RSVP_CHANGED,
        "A member answered maybe or not going to an event (properties: status)",
        "topic",
    ),
    (
        EVENT_ATTENDED,
        "A member was checked in at an event, by staff or with the event's code (properties: by)",
        "topic",
    ),
    (
        MEMBERS_MERGED,
        "The owner merged another record into this member: the same person seen on two channels (properties: merged, evidence)",
        "member",
    ),
    (
        MERGE_UNDONE,
        "The owner undid a merge: the folded record is separate again (properties: merge)",
        "member",
    ),
    (
        TAGS_CHANGED,
        "Staff or an import added or removed tags on a member (properties: added, removed)",
        "member",
    ),
    (
        MEMBER_ERASED,
        "The owner erased a member's personal data; the member is an anonymous id from then on",
        "member",
    ),
    (
        POST_HELD,
        "A post was held for review by the spam filter or a keyword rule (score or rule in properties)",
        "post",
    ),
    (
        LEVEL_REACHED,
        "A member's points took them to a new level (properties: level); what the level unlocks is opened in the same transaction",
        "member",
    ),
    (
        BADGE_GRANTED,
        "A member was given a badge: they met its condition, or it was made and they already did (properties: badge)",
        "badge",
    ),
    (
        REWARD_REDEEMED,
        "A member spent points on a reward from the catalogue (properties: cost)",
        "reward",
    ),
    (
        REFERRED,
        "Someone joined through a member's referral link; recorded in the referrer's story, the target is who joined",
        "member",
    ),
    (
        VISITED,
        "A signed-in member visited the hub: at most one a member an hour, never the pages read, and none for members who opted out of analytics (properties: day)",
        "member",
    ),
];

/// Kinds that happen on other channels and arrive through importers or
/// `POST /api/v1/activities` (kind, what happened, what `target` points at). Hub kinds above
/// cannot be pushed from outside: they are Hearth's own record. Besides these, integrators
/// may push their own kinds as `custom:<name>` ([`is_ingestible`]).
pub const EXTERNAL_KINDS: &[(&str, &str, &str)] = &[
    (
        MESSAGE_SENT,
        "A member posted a message on another channel: Discord, Slack (properties: channel, message id)",
        "message",
    ),
    (
        MESSAGE_REPLIED,
        "A member replied to someone's message on another channel (a reply or a thread answer); target is the member answered",
        "member",
    ),
    (
        REACTION_ADDED,
        "A member reacted to a message on another channel; target is the message's author (properties: emoji)",
        "member",
    ),
    (
        ORDER_PLACED,
        "A customer placed a shop order (Shopify); weight is the total in minor units (properties: number, currency)",
        "order",
    ),
    (
        ORDER_REFUNDED,
        "A shop order was refunded, in part or whole; weight is the amount refunded in minor units",
        "order",
    ),
    (
        PAYMENT_MADE,
        "A customer paid (Stripe); weight is the amount in minor units",
        "order",
    ),
    (
        PAYMENT_REFUNDED,
        "A payment was refunded, in part or whole; weight is the amount refunded in minor units",
        "order",
    ),
    (
        SUBSCRIBED,
        "A person is subscribed to the mailing list (Mailchimp: subscribed)",
        "member",
    ),
    (
        UNSUBSCRIBED,
        "A person unsubscribed from the mailing list",
        "member",
    ),
    (
        EMAIL_CLEANED,
        "The mailing list stopped mailing an address that bounced (Mailchimp: cleaned)",
        "member",
    ),
    (
        EVENT_CHECKED_IN,
        "A person was checked in at an event held elsewhere (a door list, a point of sale)",
        "event",
    ),
    (
        PURCHASED,
        "A person bought something outside the shop (a point of sale); weight is the amount in minor units",
        "order",
    ),
];

pub const MESSAGE_SENT: &str = "message_sent";
pub const MESSAGE_REPLIED: &str = "message_replied";
pub const REACTION_ADDED: &str = "reaction_added";
pub const ORDER_PLACED: &str = "order_placed";
pub const ORDER_REFUNDED: &str = "order_refunded";
pub const PAYMENT_MADE: &str = "payment_made";
pub const PAYMENT_REFUNDED: &str = "payment_refunded";
pub const SUBSCRIBED: &str = "subscribed";
pub const UNSUBSCRIBED: &str = "unsubscribed";
pub const EMAIL_CLEANED: &str = "email_cleaned";
pub const EVENT_CHECKED_IN: &str = "event_checked_in";
pub const PURCHASED: &str = "purchased";
pub const MEMBERS_MERGED: &str = "members_merged";
pub const MERGE_UNDONE: &str = "merge_undone";
pub const TAGS_CHANGED: &str = "tags_changed";
pub const MEMBER_ERASED: &str = "member_erased";

/// The prefix of integrators' own kinds (`custom:visit`).
pub const CUSTOM_PREFIX: &str = "custom:";

pub const APPLICATION_REVIEWED: &str = "application_reviewed";
pub const INVITE_CREATED: &str = "invite_created";
pub const GUIDELINES_ACCEPTED: &str = "guidelines_accepted";
pub const TRUST_LEVEL_CHANGED: &str = "trust_level_changed";
pub const GROUP_CHANGED: &str = "group_changed";
pub const POST_HELD: &str = "post_held";
pub const EVENT_REGISTERED: &str = "event_registered";
pub const EVENT_RSVP_CHANGED: &str = "event_rsvp_changed";
pub const EVENT_ATTENDED: &str = "event_attended";
pub const POST_WIKI_CHANGED: &str = "post_wiki_changed";
pub const PROFILE_UPDATED: &str = "profile_updated";

pub const LEVEL_REACHED: &str = "level_reached";
pub const BADGE_GRANTED: &str = "badge_granted";
pub const REWARD_REDEEMED: &str = "reward_redeemed";
pub const REFERRED: &str = "referred";
pub const VISITED: &str = "visited";
pub const JOINED: &str = "joined";
pub const TOPIC_STARTED: &str = "topic_started";
pub const QUESTION_ASKED: &str = "question_asked";
pub const ANSWER_ACCEPTED: &str = "answer_accepted";
pub const ANSWER_UNACCEPTED: &str = "answer_unaccepted";
pub const REACTED: &str = "reacted";
pub const IDEA_MERGED: &str = "idea_merged";
pub const POLL_VOTED: &str = "poll_voted";
pub const TOPIC_PINNED: &str = "topic_pinned";
pub const TOPIC_UNPINNED: &str = "topic_unpinned";
pub const IDEA_VOTED: &str = "idea_voted";
pub const IDEA_UNVOTED: &str = "idea_unvoted";
pub const IDEA_STATUS_CHANGED: &str = "idea_status_changed";
pub const UNREACTED: &str = "unreacted";
pub const REPLIED: &str = "replied";
pub const FLAGGED: &str = "flagged";
pub const MODERATED: &str = "moderated";
pub const MEMBER_WARNED: &str = "member_warned";
pub const MEMBER_RESTRICTED: &str = "member_restricted";
pub const RESTRICTION_ENDED: &str = "restriction_ended";
pub const MOD_NOTE_ADDED: &str = "mod_note_added";
pub const MENTIONED: &str = "mentioned";
pub const POST_EDITED: &str = "post_edited";
pub const POST_DELETED: &str = "post_deleted";

/// The channel for everything that happens in Hearth itself.
pub const HUB: &str = "hub";

/// Is `kind` one Hearth knows (its own or an external one)?
pub fn is_known(kind: &str) -> bool {
    KINDS
        .iter()
        .chain(EXTERNAL_KINDS)
        .any(|(k, _, _)| *k == kind)
}

/// The kinds that carry staff's work or a person's private data (moderation, purchases,
/// mailing lists, merges, erasures, applications, invites): a webhook carries them only
/// when its subscription names them (`access::webhook_may_carry`), never under "every
/// kind".
pub const PRIVATE: &[&str] = &[
    FLAGGED,
    MODERATED,
    MEMBER_WARNED,
    MEMBER_RESTRICTED,
    RESTRICTION_ENDED,
    MOD_NOTE_ADDED,
    POST_HELD,
    ORDER_PLACED,
    ORDER_REFUNDED,
    PAYMENT_MADE,
    PAYMENT_REFUNDED,
    PURCHASED,
    SUBSCRIBED,
    UNSUBSCRIBED,
    EMAIL_CLEANED,
    MEMBERS_MERGED,
    MERGE_UNDONE,
    TAGS_CHANGED,
    MEMBER_ERASED,
    APPLICATION_REVIEWED,
    INVITE_CREATED,
    TRUST_LEVEL_CHANGED,
    GROUP_CHANGED,
    REWARD_REDEEMED,
];

/// The kinds that are a member's own participation: what "last active" means everywhere
/// (the member's record, segments, insights). Visits, things done *to* a member (mentions,
/// warnings, trust levels), staff housekeeping and purchases are not participation.
pub const PARTICIPATION: &[&str] = &[
    JOINED,
    TOPIC_STARTED,
    QUESTION_ASKED,
    REPLIED,
    FLAGGED,
    POST_EDITED,
    ANSWER_ACCEPTED,
    REACTED,
    IDEA_VOTED,
    POLL_VOTED,
    GUIDELINES_ACCEPTED,
    PROFILE_UPDATED,
    EVENT_REGISTERED,
    EVENT_RSVP_CHANGED,
    EVENT_ATTENDED,
    MESSAGE_SENT,
    MESSAGE_REPLIED,
    REACTION_ADDED,
    EVENT_CHECKED_IN,
];

/// Is `kind` a member's own participation ([`PARTICIPATION`], or an integrator's
/// `custom:` kind, which is pushed on the member's behalf)?
pub fn is_participation(kind: &str) -> bool {
    PARTICIPATION.contains(&kind) || kind.starts_with(CUSTOM_PREFIX)
}

/// Is `kind` the member's own doing, as insights count an active member: their
/// participation or a visit. Orders, payments and mailing-list changes are commerce, not
/// participation; things done *to* a member (a trust level, a warning, a merge) are not
/// theirs.
pub fn is_own_doing(kind: &str) -> bool {
    kind == VISITED || is_participation(kind)
}

/// May `kind` arrive from outside (an import or the activities API)? One of
/// [`EXTERNAL_KINDS`], or `custom:` followed by 1 to 40 lower-case letters, digits or `_`.
pub fn is_ingestible(kind: &str) -> bool {
    if EXTERNAL_KINDS.iter().any(|(k, _, _)| *k == kind) {
        return true;
    }
    kind.strip_prefix(CUSTOM_PREFIX).is_some_and(|name| {
        (1..=40).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn participation_kinds_are_known_and_exclude_system_actions() {
        for k in super::PARTICIPATION {
            assert!(super::is_known(k), "{k} is not a kind");
        }
        for k in [
            super::VISITED,
            super::TRUST_LEVEL_CHANGED,
            super::INVITE_CREATED,
            super::MENTIONED,
            super::ORDER_PLACED,
        ] {
            assert!(!super::is_participation(k), "{k} is not participation");
        }
        assert!(super::is_participation("custom:visit_store"));
    }

    #[test]
    fn kinds_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (k, _, _) in super::KINDS.iter().chain(super::EXTERNAL_KINDS) {
            assert!(seen.insert(k), "{k} listed twice");
        }
    }

    #[test]
    fn outsiders_push_only_external_and_custom_kinds() {
        use super::is_ingestible;
        assert!(is_ingestible("order_placed"));
        assert!(is_ingestible("custom:store_visit"));
        for bad in [
            "replied",
            "joined",
            "custom:",
            "custom:Visit",
            "custom:a b",
            "whatever",
        ] {
            assert!(!is_ingestible(bad), "{bad}");
        }
        assert!(!is_ingestible(&format!("custom:{}", "a".repeat(41))));
    }
}
