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
        POST_HELD,
        "A post was held for review by the spam filter or a keyword rule (score or rule in properties)",
        "post",
    ),
];

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

/// Is `kind` one Hearth knows?
pub fn is_known(kind: &str) -> bool {
    KINDS.iter().any(|(k, _, _)| *k == kind)
}

#[cfg(test)]
mod tests {
    #[test]
    fn kinds_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (k, _, _) in super::KINDS {
            assert!(seen.insert(k), "{k} listed twice");
        }
    }
}
