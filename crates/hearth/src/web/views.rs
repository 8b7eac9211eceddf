//! What pages and the API show: serialisable views built from domain records. Domain and
//! store types never derive `Serialize`; these do.

use hearth_core::model::{Author, Community, Member, Revision, Space, Topic};
use hearth_core::values::Slug;
use hearth_store::topics::TopicListing;
use serde::Serialize;

pub use crate::render::rfc3339;

#[derive(Serialize, Clone, Debug)]
pub struct CommunityView {
    pub name: String,
    pub tagline: Option<String>,
    pub accent_color: String,
    pub logo_url: Option<String>,
    pub created_at: String,
    pub public_mod_log: bool,
    /// `open`, `approval`, `invite` or `customers`.
    pub join_mode: &'static str,
    /// The questions applicants answer (approval mode).
    pub join_questions: Vec<String>,
    pub guidelines_html: String,
    /// 0 while there are no guidelines; goes up each time they change.
    pub guidelines_version: i64,
    /// The language and time zone pages use unless a member chose theirs.
    pub default_language: String,
    pub default_time_zone: String,
}

impl From<&Community> for CommunityView {
    fn from(c: &Community) -> Self {
        CommunityView {
            name: c.name.clone(),
            tagline: c.tagline.clone(),
            accent_color: c.accent_color.clone(),
            logo_url: c.logo_upload_id.map(upload_url),
            created_at: rfc3339(c.created_at),
            public_mod_log: c.public_mod_log,
            join_mode: c.join_mode.as_str(),
            join_questions: c.join_questions.clone(),
            guidelines_html: c.guidelines_html.clone(),
            guidelines_version: c.guidelines_version,
            default_language: c.default_language.clone(),
            default_time_zone: c.default_time_zone.clone(),
        }
    }
}

#[derive(Serialize, Clone, Debug)]
pub struct MemberView {
    pub id: i64,
    pub handle: String,
    pub display_name: String,
    pub role: &'static str,
    pub joined_at: String,
    /// 0 (new) to 4 (leader).
    pub trust_level: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The resized picture, or none (initials show).
    pub avatar_url: Option<String>,
}

impl MemberView {
    /// `with_email` only for the member themselves and for admins.
    pub fn new(m: &Member, with_email: bool) -> Self {
        MemberView {
            id: m.id,
            handle: m.handle.clone(),
            display_name: m.display_name.clone(),
            role: m.role.as_str(),
            joined_at: rfc3339(m.created_at),
            trust_level: m.trust_level,
            email: with_email.then(|| m.email.clone()),
            avatar_url: m.avatar_upload_id.map(upload_url),
        }
    }
}

#[derive(Serialize, Clone, Debug)]
pub struct AuthorView {
    pub id: i64,
    pub handle: String,
    pub display_name: String,
    pub avatar_url: Option<String>,
}

/// Where an upload (a logo, an avatar) is served; uploads never change, so the address
/// is stable.
pub fn upload_url(upload_id: i64) -> String {
    format!("/uploads/{upload_id}")
}

impl From<&Author> for AuthorView {
    fn from(a: &Author) -> Self {
        AuthorView {
            id: a.id,
            handle: a.handle.clone(),
            display_name: a.display_name.clone(),
            avatar_url: a.avatar_id.map(upload_url),
        }
    }
}

#[derive(Serialize, Clone, Debug)]
pub struct SpaceView {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    pub visibility: &'static str,
    pub archived: bool,
    pub topic_count: i64,
    pub post_count: i64,
    pub url: String,
    /// The kinds of topic the space takes: `discussion`, `question`.
    pub kinds: Vec<&'static str>,
    /// The space's picture, when it has one.
    pub icon_url: Option<String>,
}

impl From<&Space> for SpaceView {
    fn from(s: &Space) -> Self {
        SpaceView {
            id: s.id,
            slug: s.slug.clone(),
            name: s.name.clone(),
            description: s.description.clone(),
            visibility: s.visibility.as_str(),
            archived: s.archived_at.is_some(),
            topic_count: s.topic_count,
            post_count: s.post_count,
            url: format!("/s/{}", s.slug),
            kinds: s.allowed_kinds.iter().map(|k| k.as_str()).collect(),
            icon_url: s.icon_upload_id.map(upload_url),
        }
    }
}

pub fn topic_url(id: i64, title: &str) -> String {
    let slug = Slug::from_title(title);
    if slug.is_empty() {
        format!("/t/{id}")
    } else {
        format!("/t/{id}/{slug}")
    }
}

#[derive(Serialize, Clone, Debug)]
pub struct TopicView {
    pub id: i64,
    pub space: String,
    pub title: String,
    pub kind: String,
    pub author: Option<AuthorView>,
    pub created_at: String,
    pub last_post_at: String,
    pub created_ms: i64,
    pub last_post_ms: i64,
    pub post_count: i64,
    pub reply_count: i64,
    pub deleted: bool,
    pub url: String,
    /// For questions: whether an answer is accepted, and which post it is.
    pub answered: bool,
    pub answer_post_id: Option<i64>,
    /// For ideas: votes, and the status staff set (`open`, `planned`, ...) with its note.
    pub vote_count: i64,
    pub status: Option<String>,
    pub status_label: Option<&'static str>,
    pub status_note: Option<String>,
    /// `space` or `community` when pinned.
    pub pinned: Option<String>,
    /// For a merged duplicate idea: where its votes went.
    pub merged_into: Option<i64>,
}

impl TopicView {
    pub fn new(t: &Topic, space_slug: &str, author: Option<&Author>) -> Self {
        TopicView {
            id: t.id,
            space: space_slug.to_string(),
            title: t.title.clone(),
            kind: t.kind.clone(),
            author: author.map(AuthorView::from),
            created_at: rfc3339(t.created_at),
            last_post_at: rfc3339(t.last_post_at),
            created_ms: t.created_at,
            last_post_ms: t.last_post_at,
            post_count: t.post_count,
            reply_count: (t.post_count - 1).max(0),
            deleted: t.deleted_at.is_some(),
            url: topic_url(t.id, &t.title),
            answered: t.answer_post_id.is_some(),
            answer_post_id: t.answer_post_id,
            vote_count: t.vote_count,
            status: t.idea_status.clone(),
            status_label: t
                .idea_status
                .as_deref()
                .and_then(|s| hearth_core::values::IdeaStatus::parse(s).ok())
                .map(|s| s.label()),
            status_note: t.status_note.clone(),
            pinned: t.pinned_at.and(t.pin_scope.clone()),
            merged_into: t.merged_into,
        }
    }

    pub fn listing(l: &TopicListing, space_slug: &str) -> Self {
        TopicView::new(&l.topic, space_slug, Some(&l.author))
    }
}

#[derive(Serialize, Clone, Debug)]
pub struct PostView {
    pub id: i64,
    pub topic_id: i64,
    pub position: i64,
    pub author: AuthorView,
    pub body: String,
    pub body_html: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub created_ms: i64,
    pub deleted: bool,
    /// Hidden for review (the body is empty unless the caller wrote it or is staff).
    pub hidden: bool,
    pub can_edit: bool,
    pub can_delete: bool,
    /// May the caller mark it as wiki: staff, and its author from trust level 2.
    pub can_wiki: bool,
    pub can_flag: bool,
    /// Members of trust level 2 and up may edit a wiki post.
    pub wiki: bool,
    pub reactions: Vec<ReactionView>,
}

#[derive(Serialize, Clone, Debug)]
pub struct ReactionView {
    /// The reaction's name, as used in `/api/v1/posts/{id}/reactions/{emoji}`.
    pub emoji: &'static str,
    pub symbol: &'static str,
    pub label: &'static str,
    pub count: i64,
    /// Did the caller give this reaction?
    pub mine: bool,
    /// The first members who gave it (display names).
    pub members: Vec<String>,
}

/// Every reaction one may give, for the palette.
pub fn reaction_choices() -> Vec<ReactionView> {
    hearth_core::values::Reaction::all()
        .map(|r| ReactionView {
            emoji: r.name(),
            symbol: r.emoji(),
            label: r.label(),
            count: 0,
            mine: false,
            members: Vec::new(),
        })
        .collect()
}

impl From<&crate::services::posts::PostView> for PostView {
    fn from(v: &crate::services::posts::PostView) -> Self {
        let p = &v.listing.post;
        PostView {
            id: p.id,
            topic_id: p.topic_id,
            position: v.listing.position,
            author: AuthorView::from(&v.listing.author),
            body: p.body_md.clone(),
            body_html: p.body_html.clone(),
            created_at: rfc3339(p.created_at),
            edited_at: p.edited_at.map(rfc3339),
            created_ms: p.created_at,
            deleted: p.deleted_at.is_some(),
            hidden: v.hidden,
            can_edit: v.can_edit,
            can_delete: v.can_delete,
            can_wiki: v.can_wiki,
            can_flag: v.can_flag,
            wiki: v.listing.post.wiki,
            reactions: v
                .reactions
                .iter()
                .map(|r| ReactionView {
                    emoji: r.reaction.name(),
                    symbol: r.reaction.emoji(),
                    label: r.reaction.label(),
                    count: r.count,
                    mine: r.mine,
                    members: r.names.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize, Clone, Debug)]
pub struct RevisionView {
    pub id: i64,
    pub editor_id: i64,
    pub body: String,
    pub body_html: String,
    pub created_at: String,
    pub created_ms: i64,
}

impl From<&Revision> for RevisionView {
    fn from(r: &Revision) -> Self {
        RevisionView {
            id: r.id,
            editor_id: r.editor_id,
            body: r.body_md.clone(),
            body_html: hearth_core::markdown::render(&r.body_md),
            created_at: rfc3339(r.created_at),
            created_ms: r.created_at,
        }
    }
}

/// Views go into templates through serde, like any other value.
macro_rules! template_value {
    ($($t:ty),*) => {$(
        impl From<$t> for minijinja::Value {
            fn from(v: $t) -> Self {
                minijinja::Value::from(minijinja::value::Serde(v))
            }
        }
    )*};
}
template_value!(
    CommunityView,
    MemberView,
    AuthorView,
    SpaceView,
    TopicView,
    PostView,
    RevisionView,
    ReactionView
);

#[derive(Serialize, Clone, Debug)]
pub struct NotificationView {
    pub id: i64,
    /// `reply`, `mention` or `answer_accepted`.
    pub kind: String,
    pub actor: Option<String>,
    pub topic_id: Option<i64>,
    pub topic_title: Option<String>,
    pub post_id: Option<i64>,
    /// Where the notification leads.
    pub url: String,
    pub created_at: String,
    pub created_ms: i64,
    pub read: bool,
    /// The reader may no longer see its topic: no title, no link.
    pub gone: bool,
}

impl From<&crate::services::notifications::Shown> for NotificationView {
    fn from(shown: &crate::services::notifications::Shown) -> Self {
        let n = &shown.notification;
        let url = match (shown.gone, n.post_id, n.topic_id) {
            (true, _, _) => "/notifications".to_string(),
            (false, Some(post), _) => format!("/p/{post}"),
            (false, None, Some(topic)) => format!("/t/{topic}"),
            _ => "/".to_string(),
        };
        NotificationView {
            id: n.id,
            kind: n.kind.clone(),
            actor: n.actor_name.clone(),
            topic_id: n.topic_id,
            topic_title: n.topic_title.clone(),
            post_id: n.post_id,
            url,
            created_at: rfc3339(n.created_at),
            created_ms: n.created_at,
            read: n.read_at.is_some(),
            gone: shown.gone,
        }
    }
}
template_value!(NotificationView);

#[derive(Serialize, Clone, Debug)]
pub struct PollOptionView {
    pub id: i64,
    pub label: String,
    /// Hidden (`null`) until the caller may see results.
    pub votes: Option<i64>,
    pub percent: Option<i64>,
    pub chosen: bool,
}

#[derive(Serialize, Clone, Debug)]
pub struct PollView {
    pub options: Vec<PollOptionView>,
    pub multiple: bool,
    pub closes_at: Option<String>,
    /// `after_vote` or `after_close`.
    pub results: String,
    pub closed: bool,
    pub results_visible: bool,
    /// How many members voted (with the results).
    pub voters: Option<i64>,
    pub voted: bool,
}

impl From<&crate::services::polls::PollState> for PollView {
    fn from(p: &crate::services::polls::PollState) -> Self {
        let total: i64 = p.poll.options.iter().map(|o| o.2).sum();
        PollView {
            options: p
                .poll
                .options
                .iter()
                .map(|(id, label, votes)| PollOptionView {
                    id: *id,
                    label: label.clone(),
                    votes: p.results_visible.then_some(*votes),
                    percent: p
                        .results_visible
                        .then(|| if total == 0 { 0 } else { votes * 100 / total }),
                    chosen: p.mine.contains(id),
                })
                .collect(),
            multiple: p.poll.multiple,
            closes_at: p.poll.closes_at.map(rfc3339),
            results: p.poll.results.clone(),
            closed: p.closed,
            results_visible: p.results_visible,
            voters: p.results_visible.then_some(p.poll.voters),
            voted: !p.mine.is_empty(),
        }
    }
}
template_value!(PollView);

/// An API token as its owner or an admin sees it: name and dates, never the secret.
pub fn token_view(t: &hearth_store::members::ApiToken) -> minijinja::Value {
    minijinja::context! {
        id => t.id,
        name => t.name.clone(),
        created_at => rfc3339(t.created_at),
        last_used_ms => t.last_used_at,
        expires_at => t.expires_at.map(rfc3339),
        expired => t.expires_at.is_some_and(|e| e <= hearth_store::now_millis()),
        scopes => t.scopes.as_deref().map(|s| s.split(',').map(str::to_string).collect::<Vec<_>>()),
    }
}
