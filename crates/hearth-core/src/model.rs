//! The domain records as the rest of Hearth sees them. The store builds them from rows; the
//! web layer turns them into pages and JSON. They carry no behaviour of their own beyond
//! small helpers.

use crate::values::{JoinMode, Role, TopicKind, Visibility};

/// Milliseconds since the Unix epoch, UTC. Hearth stores every instant this way on both
/// databases: one portable integer type, cheap to compare and to index.
pub type Millis = i64;

/// The day (`YYYY-MM-DD`, UTC) an instant falls on; the earliest day for an instant out of
/// range.
pub fn utc_day(at: Millis) -> String {
    jiff::Timestamp::from_millisecond(at)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .unwrap_or(jiff::civil::Date::MIN)
        .to_string()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Community {
    pub name: String,
    pub tagline: Option<String>,
    pub accent_color: String,
    /// The id of the uploaded logo, served at `/uploads/{id}`.
    pub logo_upload_id: Option<i64>,
    pub created_at: Millis,
    /// Whether `/moderation-log` shows what was removed and why (without personal data).
    pub public_mod_log: bool,
    pub join_mode: JoinMode,
    /// The questions applicants answer, one per line (approval mode).
    pub join_questions: Vec<String>,
    pub guidelines_md: String,
    pub guidelines_html: String,
    /// Goes up each time the guidelines change; 0 while there are none.
    pub guidelines_version: i64,
    /// The owner's trust thresholds as stored (`key = value` lines; empty for defaults).
    pub trust_settings: String,
    /// Posts the spam filter scores at or above this (percent) are held for review.
    pub spam_threshold: i64,
    /// The language pages and mail use unless a member chose one (`en`, `es`).
    pub default_language: String,
    /// The time zone dates show in unless a member chose one.
    pub default_time_zone: String,
    /// The lowest role that may open Insights: `Admin` (the default) or `Moderator`.
    pub insights_role: crate::values::Role,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: i64,
    pub email: String,
    pub handle: String,
    pub display_name: String,
    pub role: Role,
    pub created_at: Millis,
    /// Set when the member proved they own the address (email work, a later issue).
    pub email_confirmed_at: Option<Millis>,
    pub suspended_until: Option<Millis>,
    /// 0 (new) to 4 (leader): see `trust`.
    pub trust_level: u8,
    /// Set when staff fixed the level by hand; the trust job leaves it alone.
    pub trust_locked: bool,
    /// The version of the guidelines the member last accepted.
    pub guidelines_version: i64,
    /// The member's language (`en`, `es`), or empty for the community's default.
    pub language: String,
    /// The member's IANA time zone, or empty for the community's default.
    pub time_zone: String,
    /// The uploaded avatar (already resized), served at `/avatars/{member id}`.
    pub avatar_upload_id: Option<i64>,
    /// The groups the member belongs to. Filled by the loaders of one member (by id,
    /// session, token); empty in lists.
    pub groups: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Space {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    pub visibility: Visibility,
    pub archived_at: Option<Millis>,
    pub created_at: Millis,
    pub topic_count: i64,
    pub post_count: i64,
    /// The kinds of topic members may start here (never empty).
    pub allowed_kinds: Vec<TopicKind>,
    /// The space's square picture (an upload), shown beside its name.
    pub icon_upload_id: Option<i64>,
}

/// Who, besides staff, may see a private space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    Member(i64),
    Role(Role),
    Group(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub id: i64,
    pub space_id: i64,
    pub author_id: i64,
    pub title: String,
    pub kind: String,
    pub created_at: Millis,
    pub last_post_at: Millis,
    pub post_count: i64,
    pub deleted_at: Option<Millis>,
    /// For questions: the accepted answer, when one is.
    pub answer_post_id: Option<i64>,
    /// When someone other than the author first replied (time to first response).
    pub first_reply_at: Option<Millis>,
    /// When an answer was first accepted (time to answer).
    pub answered_at: Option<Millis>,
    /// For ideas: votes, and the status staff set (with its note).
    pub vote_count: i64,
    pub idea_status: Option<String>,
    pub status_note: Option<String>,
    /// Pinned to the top of its space (`space`) or also of the home page (`community`).
    pub pin_scope: Option<String>,
    pub pinned_at: Option<Millis>,
    /// For a duplicate idea: the idea it was merged into (its votes moved there).
    pub merged_into: Option<i64>,
    /// Set while the topic's first post waits for review: only its author and staff see it.
    pub hidden_at: Option<Millis>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub id: i64,
    pub topic_id: i64,
    pub author_id: i64,
    pub body_md: String,
    pub body_html: String,
    pub created_at: Millis,
    pub edited_at: Option<Millis>,
    pub deleted_at: Option<Millis>,
    /// Set while the post is hidden for review (enough flags, or a moderator's decision).
    pub hidden_at: Option<Millis>,
    /// True for the post that opened the topic.
    pub is_first: bool,
    /// Members of trust level 2 and up may edit a wiki post.
    pub wiki: bool,
    /// The author's role, read with the post: staff act only on posts by those below them
    /// (`access::can_act_on`), so every door that edits or deletes needs it.
    pub author_role: Role,
}

/// One earlier version of a post, kept when the post was edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub id: i64,
    pub post_id: i64,
    pub editor_id: i64,
    pub body_md: String,
    pub created_at: Millis,
}

/// A short view of a member for bylines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub id: i64,
    pub handle: String,
    pub display_name: String,
    /// The member's avatar (an upload), where the listing carries it.
    pub avatar_id: Option<i64>,
}
