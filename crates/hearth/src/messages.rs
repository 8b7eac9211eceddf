//! What the server says to people in words it builds in Rust (validation errors, refusals,
//! notices): each English message, as written at its source, beside the Fluent key that
//! says it in every language. Placeholders in braces (`{max}`) match the text the source
//! put there and are passed to the message as arguments of that name. The API answers in
//! English (developers read it, and its messages are part of the contract); pages show the
//! reader's language (`i18n::translate`).
//!
//! Keep sources and this table in step: `tests/app/i18n.rs` checks that every literal
//! message in the services has an entry.

/// (English pattern, Fluent key). The messages live in `locales/*/server.ftl`.
///
/// Patterns are tried in order and the first that matches wins, so a more specific pattern
/// comes before a more general one (`must be at most 254 characters` before
/// `must be at most {max} characters`, `there is no group {slug}; create it first` before
/// `there is no group {slug}`, every `… not found` before `{thing} not found`).
pub const CATALOG: &[(&str, &str)] = &[
    // Values (hearth-core): names, handles, slugs, addresses, texts.
    ("is already taken", "err-taken"),
    ("{field} is already taken", "err-field-taken"),
    ("is required", "err-required"),
    ("must not be empty", "err-not-empty"),
    ("must be a single line", "err-single-line"),
    ("must be one line", "err-one-line"),
    ("must be one line of text", "err-one-line-of-text"),
    (
        "must not contain control characters",
        "err-control-characters",
    ),
    ("must be 2 to 30 characters long", "err-handle-length"),
    (
        "may contain only letters a–z, digits, '_', '-' and '.'",
        "err-handle-characters",
    ),
    ("must start with a letter or a digit", "err-handle-start"),
    ("must be 1 to 64 characters long", "err-slug-length"),
    (
        "may contain only lowercase letters a–z, digits and '-'",
        "err-slug-characters",
    ),
    (
        "must not start or end with '-' or contain '--'",
        "err-slug-dashes",
    ),
    ("must look like name@example.com", "err-email-shape"),
    (
        "must be at most 254 characters",
        "err-at-most-254-characters",
    ),
    (
        "must be at most 100 characters",
        "err-at-most-100-characters",
    ),
    ("must be at most 60 characters", "err-at-most-60-characters"),
    (
        "must be at most 500 characters",
        "err-at-most-500-characters",
    ),
    ("must be at most {max} characters", "err-at-most-characters"),
    (
        "must be at least {min} characters",
        "err-at-least-characters",
    ),
    ("must be at most 1024 bytes", "err-at-most-1024-bytes"),
    ("must be at most {max} bytes", "err-at-most-bytes"),
    ("must be at most {max} KB", "err-at-most-kb"),
    ("must be a colour like #c2410c", "err-colour"),
    ("must be one of public, members, private", "err-visibility"),
    (
        "must be one of discussion, question, idea, poll, announcement, event",
        "err-topic-kind",
    ),
    (
        "must be one of open, under_review, planned, in_progress, done, declined",
        "err-idea-status",
    ),
    (
        "must be one of open, approval, invite, customers",
        "err-join-mode",
    ),
    (
        "must be one of guest, member, approver, moderator, admin, owner",
        "err-role",
    ),
    (
        "must be one of spam, off_topic, inappropriate, other",
        "err-flag-reason",
    ),
    (
        "must be one of approve, hide, delete",
        "err-moderation-action",
    ),
    ("must be one of {names}", "err-one-of"),
    ("{input} must be one of {known}", "err-value-one-of"),
    ("must be space or community", "err-pin-scope"),
    // Times and events (hearth-core).
    (
        "is required (an IANA name such as Europe/Madrid)",
        "err-time-zone-required",
    ),
    (
        "{name} is not a known time zone (use an IANA name such as Europe/Madrid)",
        "err-time-zone-unknown",
    ),
    (
        "{s} is not a time like 2026-12-01T18:00 or 2026-12-01T18:00:00Z",
        "err-time-format",
    ),
    (
        "freq {other} must be weekly or monthly",
        "err-recurrence-freq",
    ),
    ("count must be between 2 and {max}", "err-recurrence-count"),
    ("must be after starts_at", "err-ends-after-start"),
    ("an event lasts at most 14 days", "err-event-too-long"),
    // Search (hearth-core).
    ("type a word to search for", "err-search-empty"),
    ("use at most {max} words or phrases", "err-search-terms"),
    // The spam model's text (hearth-core).
    (
        "line {number}: expected \"hearth-spam 1 <spam decisions> <not-spam decisions>\"",
        "err-spam-model-header",
    ),
    (
        "line {number}: this is not a Hearth spam model",
        "err-spam-model-magic",
    ),
    (
        "line {number}: unknown format version {version}",
        "err-spam-model-version",
    ),
    (
        "line {number}: the spam decision count is not a number",
        "err-spam-model-spam-decisions",
    ),
    (
        "line {number}: the not-spam decision count is not a number",
        "err-spam-model-ham-decisions",
    ),
    (
        "line {number}: the token appears twice",
        "err-spam-model-token-twice",
    ),
    (
        "line {number}: the token is empty",
        "err-spam-model-token-empty",
    ),
    (
        "line {number}: the spam count is missing or not a number",
        "err-spam-model-spam-count",
    ),
    (
        "line {number}: the not-spam count is missing or not a number",
        "err-spam-model-ham-count",
    ),
    (
        "line {number}: expected three tab-separated fields",
        "err-spam-model-fields",
    ),
    // Trust settings (hearth-core).
    (
        "line {line}: expected key = value",
        "err-trust-settings-line",
    ),
    (
        "line {line}: unknown threshold {key}",
        "err-trust-settings-unknown",
    ),
    (
        "line {line}: {key} must be a whole number from 0 to 100000",
        "err-trust-settings-value",
    ),
    // Service errors (services/mod.rs) and accounts.
    ("sign in to do this", "err-sign-in"),
    (
        "too many attempts; try again in a few minutes",
        "err-rate-limited",
    ),
    ("wrong email or password", "err-bad-credentials"),
    ("internal error: {cause}", "err-internal"),
    ("the community is already set up", "err-already-set-up"),
    ("the community is not set up yet", "err-not-set-up-yet"),
    ("the community is not set up", "err-not-set-up"),
    ("not set up", "err-not-set-up-short"),
    ("is not a cursor this server gave out", "err-cursor"),
    (
        "sign-up is closed; ask the owner to add you",
        "err-signup-closed",
    ),
    (
        "accept the community guidelines to join",
        "err-accept-guidelines-join",
    ),
    (
        "this invitation was sent to another address; sign up with that one",
        "err-invite-other-address",
    ),
    (
        "this community is for customers: sign up with the address you gave the shop",
        "err-customers-address",
    ),
    (
        "this community is invite-only: you need an invite link",
        "err-invite-only",
    ),
    (
        "this community reviews new members: apply to join instead",
        "err-apply-instead",
    ),
    ("only admins can add members", "err-only-admins-add-members"),
    ("you cannot give that role", "err-cannot-give-role"),
    (
        "this link has expired or was already used; ask for a new one",
        "err-link-expired",
    ),
    (
        "confirm your email address first: follow the link we mailed you",
        "err-confirm-email-first",
    ),
    (
        "confirm your email address first: follow the link we mailed you, then sign in",
        "err-confirm-email-then-sign-in",
    ),
    ("your address is already confirmed", "err-already-confirmed"),
    ("this community sends no mail", "err-no-mail"),
    (
        "this community sends no mail, so passwords cannot be reset by mail; ask the owner",
        "err-no-mail-reset",
    ),
    (
        "this community sends no mail; ask the owner to change your address",
        "err-no-mail-change-address",
    ),
    ("is not your current password", "err-not-current-password"),
    ("is already your address", "err-already-your-address"),
    // Community and branding.
    (
        "only admins can change the branding",
        "err-only-admins-branding",
    ),
    (
        "must be a PNG, JPEG, GIF or WebP image (got {content_type})",
        "err-logo-type",
    ),
    ("choose a language", "err-choose-language"),
    ("choose a time zone", "err-choose-time-zone"),
    // Discipline and restrictions.
    ("only moderators act on members", "err-only-moderators-act"),
    ("you cannot act on yourself", "err-act-on-yourself"),
    (
        "staff act only on members below them; ask an admin or the owner",
        "err-act-below",
    ),
    ("must be silence, suspend or ban", "err-restriction-kind"),
    ("a ban has no end; leave days out", "err-ban-no-end"),
    (
        "must be between 1 and {max}, or empty for no limit",
        "err-between-1-and-or-empty",
    ),
    ("must be between 1 and {max}", "err-between-1-and"),
    ("this restriction already ended", "err-restriction-ended"),
    (
        "only moderators read member records",
        "err-only-moderators-records",
    ),
    (
        "you are silenced until {until} UTC: {reason}",
        "err-silenced-until",
    ),
    (
        "you are suspended until {until} UTC: {reason}",
        "err-suspended-until",
    ),
    (
        "you are banned until {until} UTC: {reason}",
        "err-banned-until",
    ),
    ("you are silenced: {reason}", "err-silenced"),
    ("you are suspended: {reason}", "err-suspended"),
    ("you are banned: {reason}", "err-banned"),
    // Mail.
    ("{kind} is not a notification kind", "err-notification-kind"),
    (
        "{frequency} must be immediately, daily, weekly or never",
        "err-frequency",
    ),
    (
        "this unsubscribe link is not valid (was it copied completely?)",
        "err-unsubscribe-invalid",
    ),
    (
        "this unsubscribe link names nothing Hearth sends",
        "err-unsubscribe-nothing",
    ),
    ("only admins send test mail", "err-only-admins-test-mail"),
    (
        "no mail server is configured: set smtp_url and mail_from in hearth.toml",
        "err-no-mail-server",
    ),
    (
        "the test mail could not be sent: {e}",
        "err-test-mail-failed",
    ),
    // Events.
    ("must be in the future", "err-in-the-future"),
    (
        "must be an http:// or https:// link of at most 500 characters",
        "err-online-url",
    ),
    (
        "{other} must be going, maybe or not_going",
        "err-rsvp-status",
    ),
    ("guests read but do not take part", "err-guests-read-only"),
    ("this event was cancelled", "err-event-cancelled"),
    (
        "only the organiser and staff change an event",
        "err-event-change-organiser-only",
    ),
    (
        "only the organiser and staff cancel an event",
        "err-event-cancel-organiser-only",
    ),
    ("this event has ended", "err-event-ended"),
    ("this answer cannot be recorded", "err-answer-not-recorded"),
    (
        "only the organiser and staff check others in",
        "err-check-in-others",
    ),
    ("no member has the handle @{handle}", "err-no-member-handle"),
    ("type the event's code", "err-event-code-needed"),
    (
        "check-in opens an hour before the event for members who are going",
        "err-check-in-not-open",
    ),
    ("that is not this event's code", "err-wrong-event-code"),
    (
        "only members who answered can be checked in; RSVP first",
        "err-rsvp-first",
    ),
    (
        "only the organiser and staff see the attendee list",
        "err-attendee-list",
    ),
    // Forum: topics, polls, answers, ideas, spaces.
    ("must be activity, votes, newest or trending", "err-sort"),
    (
        "each option must be at most 100 characters",
        "err-poll-option-length",
    ),
    (
        "the option \"{label}\" is there twice",
        "err-poll-option-twice",
    ),
    ("a poll needs at least two options", "err-poll-two-options"),
    ("a poll takes at most {max} options", "err-poll-max-options"),
    (
        "closes_at {s} is not a time like 2026-12-01T18:00:00Z",
        "err-poll-closes-format",
    ),
    ("closes_at must be in the future", "err-poll-closes-future"),
    (
        "results must be after_vote or after_close",
        "err-poll-results",
    ),
    ("only polls take poll votes", "err-only-polls-votes"),
    ("choose at least one option", "err-choose-option"),
    ("this poll takes one choice", "err-one-choice"),
    ("the poll is closed", "err-poll-closed"),
    (
        "names an option that is not in this poll",
        "err-unknown-option",
    ),
    ("this space is archived", "err-space-archived"),
    (
        "only staff post announcements",
        "err-only-staff-announcements",
    ),
    (
        "only staff create events in this space",
        "err-only-staff-events",
    ),
    ("this space takes only: {allowed}", "err-space-kinds"),
    ("a poll needs its options", "err-poll-needs-options"),
    ("only topics of kind poll take a poll", "err-poll-only-kind"),
    ("an event needs its times", "err-event-needs-times"),
    (
        "only topics of kind event take event details",
        "err-event-only-kind",
    ),
    (
        "only questions have accepted answers",
        "err-only-questions-answers",
    ),
    (
        "only the asker or a moderator can accept an answer",
        "err-accept-answer",
    ),
    (
        "the question itself cannot be its answer",
        "err-question-not-answer",
    ),
    ("is not a reply in this question", "err-not-reply"),
    (
        "only the asker or a moderator can change the answer",
        "err-change-answer",
    ),
    ("this topic is closed to replies", "err-topic-closed"),
    ("you can only edit your own posts", "err-edit-own"),
    (
        "only the author and staff can make a post a wiki",
        "err-wiki",
    ),
    ("you can only delete your own posts", "err-delete-own"),
    ("only admins can manage spaces", "err-only-admins-spaces"),
    (
        "there is no group {slug}; create it first",
        "err-no-group-create",
    ),
    ("there is no group {slug}", "err-no-group"),
    (
        "{word} is neither a role nor a handle",
        "err-not-role-or-handle",
    ),
    ("choose at least one kind of topic", "err-choose-kind"),
    ("only ideas take votes", "err-only-ideas-votes"),
    (
        "this idea was merged into #{into}; vote there",
        "err-idea-merged",
    ),
    ("this idea takes no more votes", "err-idea-no-votes"),
    (
        "only staff can vote on a member's behalf",
        "err-vote-on-behalf",
    ),
    ("@{handle} cannot see this space", "err-cannot-see-space"),
    (
        "only staff can set an idea's status",
        "err-idea-status-staff",
    ),
    ("only ideas have a status", "err-only-ideas-status"),
    ("only staff can pin topics", "err-pin-staff"),
    ("only staff can merge ideas", "err-merge-staff"),
    ("is not an idea you can see", "err-merge-not-visible"),
    ("both topics must be ideas", "err-merge-both-ideas"),
    ("an idea cannot be merged into itself", "err-merge-itself"),
    (
        "already merged (into #{into}); merge into the surviving idea",
        "err-merge-already",
    ),
    // Groups and membership.
    ("only admins manage groups", "err-only-admins-groups"),
    (
        "this invite link has expired or was used up; ask for a new one",
        "err-invite-spent",
    ),
    ("only admins change how people join", "err-only-admins-join"),
    ("at most {max} questions, one per line", "err-max-questions"),
    (
        "each question must be at most {max} characters (\"{long}…\" is longer)",
        "err-question-length",
    ),
    (
        "customer-gated joining proves addresses by mail: configure a mail server first (docs/OPERATIONS.md)",
        "err-customers-need-mail",
    ),
    ("must be a percentage from 1 to 100", "err-spam-threshold"),
    ("write the guidelines first", "err-write-guidelines"),
    (
        "only admins write the guidelines",
        "err-only-admins-guidelines",
    ),
    (
        "this community has no guidelines to accept",
        "err-no-guidelines",
    ),
    (
        "the community guidelines changed: read and accept them first (at /guidelines)",
        "err-guidelines-changed",
    ),
    (
        "this community does not take applications: sign up instead",
        "err-no-applications",
    ),
    (
        "accept the community guidelines to apply",
        "err-accept-guidelines-apply",
    ),
    ("more answers than questions", "err-too-many-answers"),
    (
        "answer question {number}: {question}",
        "err-answer-question",
    ),
    (
        "this address already has an account or an application waiting for review",
        "err-application-waiting",
    ),
    (
        "only approvers and staff review applications",
        "err-only-reviewers",
    ),
    ("must be approve or decline", "err-review-action"),
    ("say why, so the applicant knows", "err-say-why-applicant"),
    (
        "you cannot review your own application; another approver must",
        "err-review-own",
    ),
    (
        "this application was already decided",
        "err-application-decided",
    ),
    (
        "a member with this address joined meanwhile; decline the application",
        "err-application-email-taken",
    ),
    (
        "a member took this handle meanwhile; decline the application",
        "err-application-handle-taken",
    ),
    ("only staff invite people", "err-only-staff-invite"),
    ("must be from 1 to 90", "err-from-1-to-90"),
    ("must be from 1 to 1000", "err-from-1-to-1000"),
    (
        "this community sends no mail: share an invite link instead",
        "err-invite-no-mail",
    ),
    (
        "is not UTF-8 text (byte {byte} is not valid); save it as CSV UTF-8",
        "err-csv-utf8",
    ),
    ("is empty", "err-file-empty"),
    (
        "line 1: no column named email; name one, or give one address per line",
        "err-csv-no-email-column",
    ),
    (
        "line {line}: {cell} must be at most 254 characters",
        "err-csv-email-length",
    ),
    (
        "line {line}: {cell} must look like name@example.com",
        "err-csv-email-shape",
    ),
    ("has more than {max} addresses", "err-customers-max"),
    (
        "only admins manage the customer list",
        "err-only-admins-customers",
    ),
    // Moderation.
    (
        "this post was deleted; there is nothing to flag",
        "err-post-deleted-flag",
    ),
    (
        "say what is wrong when the reason is other",
        "err-flag-other",
    ),
    ("you cannot flag your own post", "err-flag-own"),
    (
        "you already flagged this post; moderators will look at it",
        "err-already-flagged",
    ),
    (
        "only moderators work the moderation queue",
        "err-only-moderators-queue",
    ),
    (
        "decisions are made by a signed-in moderator",
        "err-signed-in-moderator",
    ),
    (
        "say why: the author and the moderation log will show it",
        "err-say-why-decision",
    ),
    ("this item was already decided", "err-item-decided"),
    (
        "staff act only on posts by members below them; ask an admin or the owner",
        "err-act-below-posts",
    ),
    ("only admins read the audit log", "err-only-admins-audit"),
    (
        "only admins publish the moderation log",
        "err-only-admins-publish-log",
    ),
    // Mentions, profiles, search, spam rules, trust.
    (
        "mention at most {max} members in one post",
        "err-mentions-max",
    ),
    (
        "mentions @{handle}, but no member has that handle",
        "err-mention-unknown",
    ),
    (
        "{line} is not a web address (https://…, at most {max} characters)",
        "err-link",
    ),
    ("at most {max} links", "err-max-links"),
    ("choose a picture to upload", "err-choose-picture"),
    (
        "is not a picture Hearth can read: upload a PNG, JPEG, GIF or WebP image",
        "err-avatar-unreadable",
    ),
    (
        "is too large: at most {width}×{height} pixels",
        "err-avatar-pixels",
    ),
    ("is too large: at most {max} MB", "err-avatar-mb"),
    ("is too long", "err-too-long"),
    ("only admins filter by group", "err-group-filter-admins"),
    ("must be from 0 to 4", "err-from-0-to-4"),
    ("must be a date like 2026-11-23", "err-date-format"),
    ("must not be before from", "err-to-before-from"),
    ("only admins see the spam filter", "err-only-admins-spam"),
    (
        "only admins manage keyword rules",
        "err-only-admins-keywords",
    ),
    ("must be from 2 to {max} characters", "err-keyword-length"),
    ("must be flag or hold", "err-keyword-action"),
    (
        "you can set the trust level only of members below you",
        "err-trust-below",
    ),
    (
        "on your first day you can start {count} topics; try again tomorrow",
        "err-first-day-topics",
    ),
    (
        "you have posted {posts} times in 24 hours, the most your trust level allows; try again later",
        "err-posts-per-day",
    ),
    (
        "new members cannot post links or images yet; they unlock after your first day and first post",
        "err-new-member-links",
    ),
    // Pages and the API (web).
    (
        "this link is incomplete: copy the whole address from the mail",
        "err-link-incomplete",
    ),
    ("only admins can open the admin pages", "err-admin-pages"),
    // People and imports (services/people.rs).
    (
        "only admins read people's records",
        "err-only-admins-people",
    ),
    ("only admins import data", "err-only-admins-import"),
    ("only admins merge people", "err-only-admins-merge"),
    ("must be 1 to 80 characters", "err-segment-name"),
    ("only the owner erases people", "err-only-owner-erases"),
    ("the owner cannot be erased", "err-owner-not-erased"),
    ("this person was already erased", "err-already-erased"),
    ("type ERASE to confirm", "err-type-erase"),
    (
        "must be a number of days from 1 to {max}, or empty to keep it",
        "err-retention-days",
    ),
    ("is the same record", "err-same-record"),
    (
        "one of the records was already merged",
        "err-already-merged",
    ),
    (
        "both records are accounts that sign in; Hearth does not merge two accounts",
        "err-two-accounts",
    ),
    ("an erased record cannot be merged", "err-erased-merge"),
    ("this merge was already undone", "err-merge-undone"),
    ("must be UTF-8 JSON", "err-utf8-json"),
    ("has no activities", "err-no-activities"),
    (
        "must be 1 to 64 characters, without commas",
        "err-tag-format",
    ),
    (
        "must be 1 to 64 letters, digits, _ or -",
        "err-field-name-format",
    ),
    ("the form could not be read: {error}", "err-form-unreadable"),
    ("the file could not be read: {error}", "err-file-unreadable"),
    (
        "the upload could not be read: {error}",
        "err-upload-unreadable",
    ),
    ("must be true or false", "err-true-or-false"),
    ("must be after from", "err-to-after-from"),
    ("must be a month like 2026-12", "err-month-format"),
    (
        "must be a whole number, or empty for no limit",
        "err-capacity-number",
    ),
    (
        "say how many times it happens",
        "err-recurrence-count-needed",
    ),
    ("must be a post number", "err-post-number"),
    ("must be option numbers", "err-option-numbers"),
    ("must be the number of an idea, like 42", "err-idea-number"),
    ("must be add or remove", "err-add-or-remove"),
    (
        "must be a whole number from 1 to 100",
        "err-whole-number-1-to-100",
    ),
    ("must be a whole number of days", "err-whole-number-of-days"),
    ("must be a whole number", "err-whole-number"),
    ("choose a CSV file", "err-choose-csv"),
    ("a question is one line", "err-question-one-line"),
    ("must be on or off", "err-on-or-off"),
    (
        "the Authorization header must be `Bearer <token>`",
        "err-auth-header",
    ),
    (
        "the API token is not valid (revoked or mistyped)",
        "err-api-token",
    ),
    (
        "the JSON does not have the expected fields: {error}",
        "err-json-fields",
    ),
    ("the body is not valid JSON: {error}", "err-json-syntax"),
    (
        "send the body as JSON with Content-Type: application/json",
        "err-json-content-type",
    ),
    ("the request body is too large", "err-body-too-large"),
    (
        "the request body is larger than the limit of {limit} bytes",
        "err-body-over-limit",
    ),
    ("what you sent is too large", "err-sent-too-large"),
    (
        "the form contains text that is not valid UTF-8",
        "err-form-utf8",
    ),
    (
        "the community is not set up yet; open /setup or run `hearth setup`",
        "err-not-set-up-api",
    ),
    (
        "something went wrong on our side; it has been logged",
        "err-something-went-wrong",
    ),
    (
        "this page could not be shown; the error has been logged",
        "err-page-failed",
    ),
    // Notices after an action (`done`).
    ("Saved: your mail preferences.", "done-prefs-saved"),
    ("Saved: your privacy choice.", "done-privacy-saved"),
    (
        "We sent a link to the new address. Your address changes when you follow it.",
        "done-email-link-sent",
    ),
    (
        "We sent the confirmation link again.",
        "done-confirm-resent",
    ),
    ("Saved.", "done-saved"),
    (
        "Guidelines saved (version {v}). Members will be asked to accept them again.",
        "done-guidelines-saved",
    ),
    ("The customer list now has {n} addresses.", "done-customers"),
    (
        "Invite link created. Copy it now: it is shown once.",
        "done-invite-link",
    ),
    ("Invitation mailed to {email}.", "done-invite-mailed"),
    ("Invite revoked.", "done-invite-revoked"),
    ("Keyword rule added.", "done-keyword-added"),
    ("Keyword rule removed.", "done-keyword-removed"),
    ("A test mail went to {email}.", "done-test-mail"),
    // "… not found": the things services and pages name, then any other.
    ("accepted answer not found", "err-not-found-accepted-answer"),
    ("application not found", "err-not-found-application"),
    ("community not found", "err-not-found-community"),
    ("endpoint not found", "err-not-found-endpoint"),
    ("event not found", "err-not-found-event"),
    ("failed job not found", "err-not-found-failed-job"),
    ("file not found", "err-not-found-file"),
    ("group not found", "err-not-found-group"),
    ("invite not found", "err-not-found-invite"),
    ("job not found", "err-not-found-job"),
    ("keyword rule not found", "err-not-found-keyword-rule"),
    (
        "member with that email not found",
        "err-not-found-member-email",
    ),
    ("member not found", "err-not-found-member"),
    ("page not found", "err-not-found-page"),
    ("poll not found", "err-not-found-poll"),
    ("post not found", "err-not-found-post"),
    ("queue item not found", "err-not-found-queue-item"),
    ("record not found", "err-not-found-record"),
    ("restriction not found", "err-not-found-restriction"),
    ("space not found", "err-not-found-space"),
    ("topic not found", "err-not-found-topic"),
    (
        "unanswered warning not found",
        "err-not-found-unanswered-warning",
    ),
    ("warning not found", "err-not-found-warning"),
    ("token not found", "err-not-found-token"),
    (
        "only the member and admins above them manage their API tokens",
        "err-tokens-forbidden",
    ),
    ("must be 1 to {max} days", "err-token-days"),
    ("must be a number of days", "err-number-of-days"),
    (
        "is too large: {w}×{h} pixels; at most {max} megapixels",
        "err-picture-too-large",
    ),
    (
        "this download opens only from its link",
        "err-download-embedded",
    ),
    (
        "the request took too long; try again",
        "err-request-timeout",
    ),
    (
        "Your password is changed. Your other sessions and your API tokens were ended.",
        "done-password-changed",
    ),
    (
        "The token was revoked; it no longer works.",
        "done-token-revoked",
    ),
    (
        "staff act only on topics by members below them; ask an admin or the owner",
        "err-staff-below-topics",
    ),
    ("{thing} not found", "err-not-found"),
];
