//! The one place where Hearth decides who may do what.
//!
//! Services build an [`Actor`] from the request (session or API token) and ask these
//! functions; handlers and templates never filter by hand. A space the actor may not see is
//! reported as missing (404), never as forbidden, so its existence does not leak.

use crate::model::{Grant, Member, Post, Space, Topic};
use crate::trust;
use crate::values::{Role, Scope, Visibility};

/// Who is acting: nobody, or a signed-in member (through a session or an API token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Member {
        id: i64,
        role: Role,
        /// Trust level, 0–4 (`trust::LEVELS`).
        trust: u8,
        /// The groups the member belongs to (for spaces granted to a group).
        groups: Vec<i64>,
    },
    /// Someone at the server's console (the `hearth` CLI): whoever can run it can already
    /// read the database, so it acts with the owner's rights but as no member.
    Operator,
}

impl From<&Member> for Actor {
    fn from(m: &Member) -> Actor {
        Actor::Member {
            id: m.id,
            role: m.role,
            trust: m.trust_level,
            groups: m.groups.clone(),
        }
    }
}

impl Actor {
    pub fn member_id(&self) -> Option<i64> {
        match self {
            Actor::Anonymous | Actor::Operator => None,
            Actor::Member { id, .. } => Some(*id),
        }
    }

    pub fn role(&self) -> Option<Role> {
        match self {
            Actor::Anonymous => None,
            Actor::Member { role, .. } => Some(*role),
            Actor::Operator => Some(Role::Owner),
        }
    }

    fn at_least(&self, wanted: Role) -> bool {
        self.role().is_some_and(|r| r >= wanted)
    }

    pub fn is_staff(&self) -> bool {
        self.at_least(Role::Moderator)
    }

    pub fn is_admin(&self) -> bool {
        self.at_least(Role::Admin)
    }

    /// The privileges of the actor's trust level. Staff and the console have the highest.
    pub fn trust(&self) -> trust::Level {
        match self {
            Actor::Member { trust, .. } if !self.is_staff() => trust::level(*trust),
            _ => trust::level(4),
        }
    }
}

/// Every permission Hearth checks, named once. The docs table is generated from
/// [`PERMISSIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ViewSpace,
    StartTopic,
    Reply,
    EditOwnPost,
    EditAnyPost,
    DeleteOwnPost,
    DeleteAnyPost,
    ManageSpaces,
    ManageBranding,
    ManageMembers,
    SeeDeletedPosts,
    AcceptAnswer,
    VoteOnIdeas,
    SetIdeaStatus,
    PostAnnouncements,
    CreateEvents,
    FlagPost,
    Moderate,
    ViewAuditLog,
    PostLinks,
    EditWikiPost,
    ReviewApplications,
    InviteMembers,
    SetTrustLevel,
    ManageMembership,
    ManageGroups,
    ViewPeople,
    ImportData,
    MergePeople,
    ErasePeople,
    ViewInsights,
}

/// (permission, description, lowest role that holds it everywhere it applies).
pub const PERMISSIONS: &[(Permission, &str, &str)] = &[
    (
        Permission::ViewSpace,
        "See a space and its topics",
        "anyone for public spaces; members for members-only; granted members and roles, admins and the owner for private",
    ),
    (
        Permission::StartTopic,
        "Start a topic in a space they can see (guests only read)",
        "member",
    ),
    (
        Permission::Reply,
        "Reply to a topic they can see; also react, vote and answer polls",
        "member",
    ),
    (
        Permission::PostLinks,
        "Put links to other sites and images in posts",
        "trust level 1; staff",
    ),
    (
        Permission::EditWikiPost,
        "Edit a post marked as wiki",
        "trust level 2; staff",
    ),
    (
        Permission::ReviewApplications,
        "Accept or decline applications to join, with a message",
        "approver",
    ),
    (
        Permission::InviteMembers,
        "Create invite links and send email invitations",
        "moderator",
    ),
    (
        Permission::SetTrustLevel,
        "Promote a member to a trust level and lock it, or unlock it (members below them)",
        "moderator",
    ),
    (
        Permission::EditOwnPost,
        "Edit their own posts (history is kept)",
        "member",
    ),
    (
        Permission::DeleteOwnPost,
        "Delete their own posts",
        "member",
    ),
    (
        Permission::EditAnyPost,
        "Edit any post they can see",
        "moderator",
    ),
    (
        Permission::DeleteAnyPost,
        "Delete any post they can see",
        "moderator",
    ),
    (
        Permission::SeeDeletedPosts,
        "Read deleted posts",
        "moderator",
    ),
    (
        Permission::AcceptAnswer,
        "Accept (or withdraw) the answer to a question",
        "the asker; moderators for any question",
    ),
    (
        Permission::VoteOnIdeas,
        "Vote for an idea they can see (one vote each)",
        "member",
    ),
    (
        Permission::PostAnnouncements,
        "Post announcements, and pin or unpin any topic",
        "moderator",
    ),
    (
        Permission::CreateEvents,
        "Create events (RSVPs, a waitlist, check-in) in a space",
        "moderators and up everywhere; members where the space takes events",
    ),
    (
        Permission::SetIdeaStatus,
        "Set an idea's status with a note, and vote on a member's behalf",
        "moderator",
    ),
    (
        Permission::FlagPost,
        "Flag someone else's post they can see (spam, off-topic, inappropriate, other); each member once per post",
        "member",
    ),
    (
        Permission::Moderate,
        "Work the moderation queue: approve, hide or delete flagged posts (of members; admins' posts only by admins and the owner) and read hidden posts",
        "moderator",
    ),
    (
        Permission::ViewAuditLog,
        "Read and export the audit log of staff actions",
        "admin",
    ),
    (
        Permission::ManageSpaces,
        "Create, edit and archive spaces and their access",
        "admin",
    ),
    (
        Permission::ManageBranding,
        "Set the community name, tagline, logo and colour",
        "admin",
    ),
    (
        Permission::ManageMembers,
        "Add members and see the member list",
        "admin",
    ),
    (
        Permission::ManageMembership,
        "Set the join mode, applicants' questions, the customer list, the guidelines, trust thresholds, keyword rules and the spam threshold",
        "admin",
    ),
    (
        Permission::ManageGroups,
        "Create groups, add and remove their members, and grant spaces to groups",
        "admin",
    ),
    (
        Permission::ViewPeople,
        "Read the people list and each person's record: identities on every channel, timeline, orders, tags, fields and notes",
        "admin",
    ),
    (
        Permission::MergePeople,
        "Merge two records of one person (with the evidence), undo a merge, and dismiss a suggestion; each is audited",
        "admin",
    ),
    (
        Permission::ErasePeople,
        "Erase a person's personal data everywhere; the record stays as an anonymous id so counts stay right",
        "owner",
    ),
    (
        Permission::ViewInsights,
        "Open Insights: the community's numbers over time, their CSV downloads and the insights API (admins may grant it to moderators too, on the Insights page)",
        "admin",
    ),
    (
        Permission::ImportData,
        "Import files (members, activities, shop, mailing list, Discord, Slack), push activities through the API, and tag people",
        "admin",
    ),
];

/// May `actor` do `permission` in `space` (with its `grants`), on content that is not their
/// own? The one implementation: each arm is the `can_*` helper the services call, the
/// matrix test asks this for every role, group, endpoint and visibility, and a unit test
/// checks it against the lowest role `PERMISSIONS` names. Permissions that are not about a
/// space ignore it.
pub fn allowed(permission: Permission, actor: &Actor, space: &Space, grants: &[Grant]) -> bool {
    let sees = can_view_space(actor, space, grants);
    let live = space.archived_at.is_none();
    match permission {
        Permission::ViewSpace => sees,
        Permission::StartTopic => sees && can_start_topic(actor, space),
        Permission::CreateEvents => sees && can_create_event(actor, space),
        Permission::Reply | Permission::VoteOnIdeas => sees && live && can_participate(actor),
        Permission::FlagPost => sees && can_participate(actor),
        Permission::EditOwnPost | Permission::DeleteOwnPost => sees && can_participate(actor),
        Permission::PostLinks => can_participate(actor) && actor.trust().links,
        Permission::EditWikiPost => sees && can_participate(actor) && actor.trust().edit_wiki,
        Permission::EditAnyPost | Permission::DeleteAnyPost => {
            sees && can_act_on(actor, Role::Member)
        }
        Permission::SeeDeletedPosts => sees && can_see_deleted(actor),
        Permission::AcceptAnswer | Permission::SetIdeaStatus => sees && can_manage_ideas(actor),
        Permission::PostAnnouncements => sees && can_pin(actor),
        Permission::Moderate => can_moderate(actor),
        Permission::InviteMembers => can_invite(actor),
        Permission::SetTrustLevel => can_act_on(actor, Role::Member),
        Permission::ReviewApplications => can_review_applications(actor),
        Permission::ViewAuditLog => can_view_audit_log(actor),
        Permission::ManageSpaces => can_manage_spaces(actor),
        Permission::ManageBranding => can_manage_branding(actor),
        Permission::ManageMembers => can_manage_members(actor),
        Permission::ManageMembership => can_manage_membership(actor),
        Permission::ManageGroups => can_manage_groups(actor),
        Permission::ViewPeople => can_view_people(actor),
        Permission::ImportData => can_import(actor),
        Permission::MergePeople => can_merge_people(actor),
        Permission::ErasePeople => can_erase_people(actor),
        // The community's default; `can_view_insights` takes the role the owner chose.
        Permission::ViewInsights => can_view_insights(actor, Role::Admin),
    }
}

/// May `actor` take part (post, reply, react, vote, flag)? Members and up; guests only read.
pub fn can_participate(actor: &Actor) -> bool {
    match actor {
        Actor::Member { role, .. } => *role >= Role::Member,
        Actor::Operator => true,
        Actor::Anonymous => false,
    }
}

/// May `actor` accept or decline applications to join?
pub fn can_review_applications(actor: &Actor) -> bool {
    actor.at_least(Role::Approver)
}

/// May `actor` invite people (links and email invitations)?
pub fn can_invite(actor: &Actor) -> bool {
    actor.is_staff()
}

/// May `actor` set the join mode, guidelines, thresholds and rules?
pub fn can_manage_membership(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` read people's records (the CRM)?
pub fn can_view_people(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` merge people's records, undo merges and dismiss suggestions?
pub fn can_merge_people(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` erase a person's personal data? The owner (and the console) only.
pub fn can_erase_people(actor: &Actor) -> bool {
    actor.at_least(Role::Owner)
}

/// May `actor` delete their own account (erased as the owner's erase does)? Any member
/// but the owner, who would leave the community without one.
pub fn can_delete_own_account(actor: &Actor) -> bool {
    matches!(actor, Actor::Member { role, .. } if *role != Role::Owner)
}

/// May `actor` import data, push activities and tag people?
pub fn can_import(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` create groups and change their members?
pub fn can_manage_groups(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` put links to other sites and images in a post?
pub fn can_post_links(actor: &Actor) -> bool {
    actor.trust().links
}

/// May `actor` see `space`? `grants` are the space's grants (only read for private spaces).
pub fn can_view_space(actor: &Actor, space: &Space, grants: &[Grant]) -> bool {
    match space.visibility {
        Visibility::Public => true,
        Visibility::Members => !matches!(actor, Actor::Anonymous),
        Visibility::Private => match actor {
            Actor::Anonymous => false,
            Actor::Operator => true,
            Actor::Member {
                id, role, groups, ..
            } => {
                *role >= Role::Admin
                    || grants.iter().any(|g| match g {
                        Grant::Member(m) => m == id,
                        Grant::Role(r) => role >= r,
                        Grant::Group(g) => groups.contains(g),
                    })
            }
        },
    }
}

/// May `actor` start a topic in `space` (which they can already see)?
pub fn can_start_topic(actor: &Actor, space: &Space) -> bool {
    matches!(actor, Actor::Member { .. }) && can_participate(actor) && space.archived_at.is_none()
}

/// May `actor` create an event in `space` (which they can already see)? Staff always;
/// members where the space takes topics of kind event.
pub fn can_create_event(actor: &Actor, space: &Space) -> bool {
    can_start_topic(actor, space)
        && (actor.is_staff()
            || space
                .allowed_kinds
                .contains(&crate::values::TopicKind::Event))
}

/// May `actor` change or cancel an event, see its attendee list and door code, and check
/// people in? Its organiser, and staff above the organiser.
pub fn can_manage_event(actor: &Actor, organiser_id: i64, organiser_role: Role) -> bool {
    can_act_on_content(actor, organiser_id, organiser_role)
}

/// May `actor` reply to `topic` in `space` (which they can already see)? Not while the
/// topic waits for review.
pub fn can_reply(actor: &Actor, space: &Space, topic: &Topic) -> bool {
    can_start_topic(actor, space) && topic.deleted_at.is_none() && topic.hidden_at.is_none()
}

/// May `actor` open a topic that waits for review? Its author and staff.
pub fn can_see_hidden_topic(actor: &Actor, topic: &Topic) -> bool {
    topic.hidden_at.is_none() || actor.is_staff() || actor.member_id() == Some(topic.author_id)
}

/// May `actor` edit `post`? Authors edit their own live posts; members of trust level 2
/// and up edit wiki posts; staff edit the posts of those below them (`can_act_on`), never
/// those of their equals or betters.
pub fn can_edit_post(actor: &Actor, post: &Post) -> bool {
    post.deleted_at.is_none()
        && (is_own(actor, post)
            || (post.wiki && can_participate(actor) && actor.trust().edit_wiki)
            || can_act_on_post(actor, post))
}

/// May `actor` delete `post`? Authors their own live posts; staff those of members below
/// them.
pub fn can_delete_post(actor: &Actor, post: &Post) -> bool {
    post.deleted_at.is_none() && (is_own(actor, post) || can_act_on_post(actor, post))
}

/// May `actor` mark `post` as wiki (or not)? Its author once trusted to edit wikis, and
/// staff above its author.
pub fn can_set_wiki(actor: &Actor, post: &Post) -> bool {
    post.deleted_at.is_none()
        && ((is_own(actor, post) && actor.trust().edit_wiki) || can_act_on_post(actor, post))
}

/// Is `post` the actor's own, and may they still take part?
fn is_own(actor: &Actor, post: &Post) -> bool {
    matches!(actor, Actor::Member { id, role, .. } if *id == post.author_id && *role >= Role::Member)
}

/// May `actor` act with staff powers on someone else's `post`? Only on posts by those below
/// them; the console and the owner on anyone's.
fn can_act_on_post(actor: &Actor, post: &Post) -> bool {
    actor.member_id() != Some(post.author_id) && can_act_on(actor, post.author_role)
}

/// May `actor` flag `post`? Members flag live posts that are not their own. Whether they
/// may flag *now* (silenced, suspended, unconfirmed, over the day's cap) is the service's
/// question; how much the flag counts is [`flag_effect`]'s.
pub fn can_flag(actor: &Actor, post: &Post) -> bool {
    match actor {
        Actor::Member { id, .. } => {
            can_participate(actor) && post.deleted_at.is_none() && post.author_id != *id
        }
        Actor::Anonymous | Actor::Operator => false,
    }
}

/// What a flag does: how much it weighs towards hiding the post, and whether flags may
/// hide this post at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagEffect {
    /// Added to the post's queue item.
    pub weight: i64,
    /// `false` when no weight of flags may hide the post: it only goes to the queue.
    pub may_hide: bool,
}

/// How `actor`'s flag on a post by someone of `author_role` and `author_trust` counts.
/// `confirmed` says whether the flagger proved their address.
///
/// Sockpuppets must not be able to hide anything: a flag from trust level 0 or from an
/// unconfirmed account weighs nothing (the post still goes to the queue); a post by staff
/// or by a member at trust level 3 or above is never hidden by members' flags, only
/// queued; staff hide at once only posts by those below them.
pub fn flag_effect(
    actor: &Actor,
    confirmed: bool,
    author_role: Role,
    author_trust: u8,
) -> FlagEffect {
    if actor.is_staff() {
        let hides = can_act_on(actor, author_role);
        return FlagEffect {
            weight: if hides { trust::FLAG_HIDES_AT } else { 0 },
            may_hide: hides,
        };
    }
    let weight = if confirmed {
        actor.trust().flag_weight
    } else {
        0
    };
    FlagEffect {
        weight,
        may_hide: author_role < Role::Moderator && author_trust < 3,
    }
}

impl FlagEffect {
    /// Does this flag alone hide the post (staff on a post by someone below them)?
    pub fn hides_at_once(&self) -> bool {
        self.may_hide && self.weight >= trust::FLAG_HIDES_AT
    }
}

/// How many posts `actor` may flag in any 24 hours; `None` for staff (no cap).
pub fn flags_per_day(actor: &Actor) -> Option<i64> {
    (!actor.is_staff()).then(|| actor.trust().flags_per_day)
}

/// May `actor` use staff powers on something `author_id` (with `author_role`) made: pin,
/// unpin or merge their topic, run their event? Their own, and what members below them
/// made (the owner's announcement stays pinned whatever a moderator does).
pub fn can_act_on_content(actor: &Actor, author_id: i64, author_role: Role) -> bool {
    actor.member_id() == Some(author_id) || can_act_on(actor, author_role)
}

/// May `actor` open the profile of a member who `hides_from_directory`? Signed-in members
/// may (they meet them in posts); anonymous visitors see only the profiles of members who
/// let themselves be listed.
pub fn can_view_profile(actor: &Actor, hides_from_directory: bool) -> bool {
    !hides_from_directory || !matches!(actor, Actor::Anonymous)
}

/// May `actor` list and revoke the API tokens of member `member_id` (with `member_role`)?
/// Their own; an admin those of members below them; the console anyone's.
pub fn can_manage_tokens(actor: &Actor, member_id: i64, member_role: Role) -> bool {
    actor.member_id() == Some(member_id)
        || matches!(actor, Actor::Operator)
        || (actor.is_admin() && can_act_on(actor, member_role))
}

/// May `actor` read the private staff notes on the record of `target_id` (with
/// `target_role`)? Only staff who may act on them: never their own notes, nor those of
/// their equals or betters.
pub fn can_read_mod_notes(actor: &Actor, target_id: i64, target_role: Role) -> bool {
    actor.member_id() != Some(target_id) && can_act_on(actor, target_role)
}

/// May `actor` work the moderation queue?
pub fn can_moderate(actor: &Actor) -> bool {
    actor.is_staff()
}

/// May `actor` take a moderation action against content or a member with `target` role?
/// Staff act on those below them; the owner on everyone.
pub fn can_act_on(actor: &Actor, target: Role) -> bool {
    match actor.role() {
        Some(Role::Owner) => true,
        Some(role) => role >= Role::Moderator && role > target,
        None => false,
    }
}

/// May `actor` read a hidden post? Its author and staff.
pub fn can_see_hidden(actor: &Actor, post: &Post) -> bool {
    actor.is_staff() || actor.member_id() == Some(post.author_id)
}

/// May `actor` open Insights (the numbers, their downloads, the insights API)? They span
/// every space, so admins and the owner, and moderators when the owner lowered `lowest`
/// to them (the community's `insights_role`).
pub fn can_view_insights(actor: &Actor, lowest: Role) -> bool {
    // Never below moderators: the numbers span every space, private ones too.
    actor.is_admin() || (lowest <= Role::Moderator && actor.at_least(Role::Moderator))
}

/// May `actor` choose who opens Insights (admins only, or moderators too)?
pub fn can_grant_insights(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` start an invitation experiment (which writes to customers)? Admins only;
/// whoever may open Insights reads the results.
pub fn can_run_experiments(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` correct a post's sentiment label? Staff (who must also be able to open
/// Insights and see the post).
pub fn can_correct_sentiment(actor: &Actor) -> bool {
    actor.is_staff()
}

/// May `actor` read the audit log?
pub fn can_view_audit_log(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` accept an answer to `topic`? The asker, or staff; never in a deleted topic.
pub fn can_accept_answer(actor: &Actor, topic: &Topic) -> bool {
    if topic.deleted_at.is_some() {
        return false;
    }
    match actor {
        Actor::Anonymous => false,
        Actor::Operator => true,
        Actor::Member { id, role, .. } => {
            *role >= Role::Moderator || (*role >= Role::Member && topic.author_id == *id)
        }
    }
}

/// May `actor` set an idea's status, or record a vote for a member? Staff only.
pub fn can_manage_ideas(actor: &Actor) -> bool {
    actor.is_staff()
}

/// May `actor` post announcements and pin topics? Staff only.
pub fn can_pin(actor: &Actor) -> bool {
    actor.is_staff()
}

/// May `actor` read what a deleted post said?
pub fn can_see_deleted(actor: &Actor) -> bool {
    actor.is_staff()
}

/// May `actor` open the admin pages (members, spaces, branding, membership settings, and
/// the background machinery: jobs and the activity stream's readers)?
pub fn can_open_admin(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` see the activity (topics, events they go to) of member `member_id`, who
/// `hides_activity`? Everyone, unless they hide it; then only they themselves and staff.
pub fn can_see_activity(actor: &Actor, member_id: i64, hides_activity: bool) -> bool {
    !hides_activity || actor.is_staff() || actor.member_id() == Some(member_id)
}

pub fn can_manage_spaces(actor: &Actor) -> bool {
    actor.is_admin()
}

pub fn can_manage_branding(actor: &Actor) -> bool {
    actor.is_admin()
}

pub fn can_manage_members(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` give someone `role`? Admins may give any role up to admin; only the owner may
/// make another owner.
pub fn can_assign_role(actor: &Actor, role: Role) -> bool {
    match actor.role() {
        Some(Role::Owner) => true,
        Some(Role::Admin) => role <= Role::Admin,
        _ => false,
    }
}

/// May `actor` make, change and read webhook subscriptions and their deliveries? Admins:
/// a subscription sends the community's activity to another system.
pub fn can_manage_webhooks(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` set the points rules, levels and seasons, make badges, keep the rewards
/// catalogue and fulfil redemptions? Admins: these decide what members are given.
pub fn can_manage_points(actor: &Actor) -> bool {
    actor.is_admin()
}

/// May `actor` read the review list of flagged points (voting rings, sudden jumps) and
/// reverse or dismiss a flag? Moderators and up.
pub fn can_review_points(actor: &Actor) -> bool {
    actor.at_least(Role::Moderator)
}

/// May `actor` read `member_id`'s ledger entries (what earned each point)? Themselves and
/// staff who review points; everyone else sees the balance and level only.
pub fn can_see_point_entries(actor: &Actor, member_id: i64) -> bool {
    actor.member_id() == Some(member_id) || can_review_points(actor)
}

/// May `actor` spend points on a reward? A signed-in member who may take part: guests,
/// may not (a silence or suspension is checked by the service, as for posting).
pub fn can_redeem(actor: &Actor) -> bool {
    actor.member_id().is_some() && can_participate(actor)
}

/// May a webhook subscription made by `creator` (as they are now), following
/// `subscribed_space` (`None`: the whole community) and naming `kind` itself or not
/// (`kind_named`), carry an activity of `kind` in `space`? Only while its creator may still
/// manage webhooks; a private space's activity only to a subscription that follows that
/// space; staff's and personal kinds (`activity::PRIVATE`) only when named.
pub fn webhook_may_carry(
    creator: &Actor,
    subscribed_space: Option<i64>,
    kind_named: bool,
    kind: &str,
    space: Option<&Space>,
) -> bool {
    let kind_ok = kind_named || !crate::activity::PRIVATE.contains(&kind);
    let space_ok =
        space.is_none_or(|s| s.visibility != Visibility::Private || subscribed_space == Some(s.id));
    can_manage_webhooks(creator) && kind_ok && space_ok
}

/// API routes (as the router names them, under `/api/v1`) that belong to staff's
/// moderation, whatever the method: a token needs `moderate` for them.
const MODERATE_ROUTES: &[&str] = &[
    "/api/v1/moderation/",
    "/api/v1/audit-log",
    "/api/v1/members/{id}/warnings",
    "/api/v1/members/{id}/suspensions",
    "/api/v1/members/{id}/notes",
    "/api/v1/topics/{id}/merge",
    "/api/v1/topics/{id}/pin",
    "/api/v1/topics/{id}/status",
];

/// API routes (or, ending in `/`, route prefixes) of the owner's and admins' work: settings,
/// people records, insights, webhooks. A token needs `admin` for them, whatever the method.
const ADMIN_ROUTES: &[&str] = &[
    "/api/v1/insights/",
    "/api/v1/members",
    "/api/v1/members/",
    "/api/v1/merges/",
    "/api/v1/groups",
    "/api/v1/groups/",
    "/api/v1/invites",
    "/api/v1/invites/",
    "/api/v1/people/",
    "/api/v1/mail/",
    "/api/v1/branding",
    "/api/v1/imports",
    "/api/v1/spaces/{slug}/icon",
    "/api/v1/membership/",
    "/api/v1/applications",
    "/api/v1/applications/",
    "/api/v1/spam-filter",
    "/api/v1/keyword-rules",
    "/api/v1/keyword-rules/",
    "/api/v1/webhooks",
    "/api/v1/webhooks/",
    "/api/v1/segments",
    "/api/v1/segments/",
    "/api/v1/settings/",
    "/api/v1/points/",
    "/api/v1/rewards/{id}/codes",
    "/api/v1/rewards/redemptions",
    "/api/v1/redemptions/",
];

/// Which scope an API token needs to call `route` (the router's pattern, such as
/// `/api/v1/topics/{id}`), read (`GET`/`HEAD`) or not. Exactly one scope per route:
/// `ingest` for pushing activity, `moderate` and `admin` for staff's routes whatever the
/// method, `read` for other reads and `write` for other changes. Space settings are
/// admin's (`POST`/`PATCH /api/v1/spaces…`), as is changing the community's.
pub fn scope_needed(read: bool, route: &str) -> Scope {
    let listed = |table: &[&str]| {
        table.iter().any(|r| {
            if r.ends_with('/') {
                route.starts_with(r)
            } else {
                route == *r
            }
        })
    };
    if route == "/api/v1/activities" && !read {
        Scope::Ingest
    } else if route == "/api/v1/members/{id}/points" {
        // A member's own points (and another's balance) are a member's read, not an
        // admin's people record.
        Scope::Read
    } else if listed(MODERATE_ROUTES) {
        Scope::Moderate
    } else if listed(ADMIN_ROUTES)
        || (!read
            && matches!(
                route,
                "/api/v1/spaces"
                    | "/api/v1/spaces/{slug}"
                    | "/api/v1/community"
                    | "/api/v1/rewards"
                    | "/api/v1/rewards/{id}"
                    | "/api/v1/badges"
                    | "/api/v1/badges/{id}"
            ))
    {
        Scope::Admin
    } else if read {
        Scope::Read
    } else {
        Scope::Write
    }
}

/// May a token with `scopes` (as stored, `read,write`; `None`: made before scopes, with the
/// member's full rights) call `route`? The scope it lacks when not. Read on every API call,
/// so it compares the stored names without parsing them.
pub fn token_may_call(scopes: Option<&str>, read: bool, route: &str) -> Result<(), Scope> {
    let needed = scope_needed(read, route);
    match scopes {
        Some(held) if !held.split(',').any(|s| s == needed.as_str()) => Err(needed),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    /// `allowed` and the docs table agree: for every permission whose table entry names one
    /// role, on a public space, exactly that role and those above hold it (at the trust level
    /// a member reaches by taking part).
    #[test]
    fn allowed_agrees_with_the_table() {
        use super::{Actor, PERMISSIONS, allowed};
        use crate::values::Role;
        let space = crate::model::Space {
            id: 1,
            slug: "s".into(),
            name: "S".into(),
            description: None,
            visibility: crate::values::Visibility::Public,
            archived_at: None,
            created_at: 0,
            topic_count: 0,
            post_count: 0,
            allowed_kinds: crate::values::TopicKind::ALL.to_vec(),
            icon_upload_id: None,
        };
        let roles = Role::ALL;
        for (permission, _, lowest) in PERMISSIONS {
            let Some(lowest) = roles.iter().find(|r| r.as_str() == *lowest) else {
                continue; // described in words (view space): the matrix test covers it
            };
            for role in roles {
                let actor = Actor::Member {
                    id: 7,
                    role,
                    trust: 3,
                    groups: Vec::new(),
                };
                assert_eq!(
                    allowed(*permission, &actor, &space, &[]),
                    role >= *lowest,
                    "{permission:?} for {role:?} (table says {lowest:?} and up)"
                );
            }
        }
    }

    use super::*;

    fn space(visibility: Visibility) -> Space {
        Space {
            id: 1,
            slug: "s".into(),
            name: "S".into(),
            description: None,
            visibility,
            archived_at: None,
            created_at: 0,
            topic_count: 0,
            post_count: 0,
            allowed_kinds: vec![crate::values::TopicKind::Discussion],
            icon_upload_id: None,
        }
    }

    fn member(id: i64, role: Role) -> Actor {
        Actor::Member {
            id,
            role,
            trust: 1,
            groups: Vec::new(),
        }
    }

    #[test]
    fn visibility_table() {
        let private_grants = [Grant::Member(7), Grant::Role(Role::Moderator)];
        let cases = [
            (Visibility::Public, Actor::Anonymous, true),
            (Visibility::Members, Actor::Anonymous, false),
            (Visibility::Members, member(1, Role::Member), true),
            (Visibility::Private, Actor::Anonymous, false),
            (Visibility::Private, member(1, Role::Member), false),
            (Visibility::Private, member(7, Role::Member), true),
            (Visibility::Private, member(2, Role::Moderator), true),
            (Visibility::Private, member(3, Role::Admin), true),
            (Visibility::Private, member(4, Role::Owner), true),
        ];
        for (vis, actor, expected) in cases {
            assert_eq!(
                can_view_space(&actor, &space(vis), &private_grants),
                expected,
                "{vis:?} {actor:?}"
            );
        }
        assert!(!can_view_space(
            &member(2, Role::Moderator),
            &space(Visibility::Private),
            &[]
        ));
    }

    #[test]
    fn authors_and_staff_edit_posts() {
        let post = Post {
            id: 1,
            topic_id: 1,
            author_id: 5,
            body_md: String::new(),
            body_html: String::new(),
            created_at: 0,
            edited_at: None,
            deleted_at: None,
            hidden_at: None,
            is_first: true,
            wiki: false,
            author_role: Role::Member,
        };
        assert!(can_edit_post(&member(5, Role::Member), &post));
        assert!(!can_edit_post(&member(6, Role::Member), &post));
        assert!(can_edit_post(&member(6, Role::Moderator), &post));
        assert!(!can_edit_post(&Actor::Anonymous, &post));
        let deleted = Post {
            deleted_at: Some(1),
            ..post
        };
        assert!(!can_delete_post(&member(5, Role::Member), &deleted));
    }

    #[test]
    fn archived_spaces_take_no_new_topics() {
        let mut s = space(Visibility::Public);
        assert!(can_start_topic(&member(1, Role::Member), &s));
        assert!(!can_start_topic(&Actor::Anonymous, &s));
        s.archived_at = Some(1);
        assert!(!can_start_topic(&member(1, Role::Owner), &s));
    }

    #[test]
    fn askers_and_staff_accept_answers() {
        let topic = Topic {
            id: 1,
            space_id: 1,
            author_id: 5,
            title: "Q".into(),
            kind: "question".into(),
            created_at: 0,
            last_post_at: 0,
            post_count: 1,
            deleted_at: None,
            answer_post_id: None,
            first_reply_at: None,
            answered_at: None,
            vote_count: 0,
            idea_status: None,
            status_note: None,
            pin_scope: None,
            pinned_at: None,
            merged_into: None,
            hidden_at: None,
        };
        assert!(can_accept_answer(&member(5, Role::Member), &topic));
        assert!(!can_accept_answer(&member(6, Role::Member), &topic));
        assert!(can_accept_answer(&member(6, Role::Moderator), &topic));
        assert!(!can_accept_answer(&Actor::Anonymous, &topic));
        assert!(!can_accept_answer(
            &member(5, Role::Member),
            &Topic {
                deleted_at: Some(1),
                ..topic
            }
        ));
    }

    #[test]
    fn flags_and_moderation_follow_roles() {
        let post = Post {
            id: 1,
            topic_id: 1,
            author_id: 5,
            body_md: String::new(),
            body_html: String::new(),
            created_at: 0,
            edited_at: None,
            deleted_at: None,
            hidden_at: Some(1),
            is_first: false,
            wiki: false,
            author_role: Role::Member,
        };
        assert!(can_flag(&member(6, Role::Member), &post));
        assert!(!can_flag(&member(5, Role::Member), &post), "not your own");
        assert!(!can_flag(&Actor::Anonymous, &post));
        assert!(!can_flag(
            &member(6, Role::Member),
            &Post {
                deleted_at: Some(2),
                ..post.clone()
            }
        ));
        assert!(can_see_hidden(&member(5, Role::Member), &post));
        assert!(can_see_hidden(&member(6, Role::Moderator), &post));
        assert!(!can_see_hidden(&member(6, Role::Member), &post));
        assert!(can_act_on(&member(1, Role::Moderator), Role::Member));
        assert!(!can_act_on(&member(1, Role::Moderator), Role::Moderator));
        assert!(!can_act_on(&member(1, Role::Moderator), Role::Admin));
        assert!(can_act_on(&member(1, Role::Admin), Role::Moderator));
        assert!(!can_act_on(&member(1, Role::Admin), Role::Owner));
        assert!(can_act_on(&member(1, Role::Owner), Role::Owner));
        assert!(!can_act_on(&member(1, Role::Member), Role::Member));
        assert!(can_view_audit_log(&member(1, Role::Admin)));
        assert!(!can_view_audit_log(&member(1, Role::Moderator)));
    }

    #[test]
    fn only_owners_make_owners() {
        assert!(can_assign_role(&member(1, Role::Owner), Role::Owner));
        assert!(!can_assign_role(&member(1, Role::Admin), Role::Owner));
        assert!(can_assign_role(&member(1, Role::Admin), Role::Moderator));
        assert!(!can_assign_role(&member(1, Role::Moderator), Role::Member));
    }

    #[test]
    fn guests_read_but_take_no_part() {
        let guest = member(9, Role::Guest);
        assert!(can_view_space(&guest, &space(Visibility::Members), &[]));
        assert!(!can_start_topic(&guest, &space(Visibility::Public)));
        assert!(!allowed(
            Permission::Reply,
            &guest,
            &space(Visibility::Public),
            &[]
        ));
        assert!(!allowed(
            Permission::FlagPost,
            &guest,
            &space(Visibility::Public),
            &[]
        ));
        assert!(!can_review_applications(&guest));
        assert!(can_review_applications(&member(1, Role::Approver)));
        assert!(!can_review_applications(&member(1, Role::Member)));
        assert!(!can_moderate(&member(1, Role::Approver)));
    }

    #[test]
    fn groups_open_private_spaces() {
        let partner = Actor::Member {
            id: 4,
            role: Role::Member,
            trust: 0,
            groups: vec![2],
        };
        let private = space(Visibility::Private);
        assert!(can_view_space(&partner, &private, &[Grant::Group(2)]));
        assert!(!can_view_space(&partner, &private, &[Grant::Group(3)]));
        assert!(!can_view_space(
            &member(5, Role::Member),
            &private,
            &[Grant::Group(2)]
        ));
    }

    #[test]
    fn trust_unlocks_links_and_wikis() {
        let wiki = Post {
            id: 1,
            topic_id: 1,
            author_id: 5,
            body_md: String::new(),
            body_html: String::new(),
            created_at: 0,
            edited_at: None,
            deleted_at: None,
            hidden_at: None,
            is_first: true,
            wiki: true,
            author_role: Role::Member,
        };
        let at = |trust| Actor::Member {
            id: 6,
            role: Role::Member,
            trust,
            groups: Vec::new(),
        };
        assert!(!can_post_links(&at(0)));
        assert!(can_post_links(&at(1)));
        assert!(
            can_post_links(&member(2, Role::Moderator)),
            "staff are not limited"
        );
        assert!(!can_edit_post(&at(1), &wiki));
        assert!(can_edit_post(&at(2), &wiki));
        assert!(
            !can_delete_post(&at(2), &wiki),
            "wiki editors do not delete"
        );
        assert!(!can_edit_post(
            &at(2),
            &Post {
                wiki: false,
                ..wiki.clone()
            }
        ));
        assert_eq!(at(3).trust().flag_weight, 3);
        // Issue 17: a new member was offered "Make wiki" on their own posts.
        let own = |trust| Actor::Member {
            id: 5,
            role: Role::Member,
            trust,
            groups: Vec::new(),
        };
        assert!(can_delete_post(&own(0), &wiki) && !can_set_wiki(&own(0), &wiki));
        assert!(can_set_wiki(&own(2), &wiki));
        assert!(can_set_wiki(&member(0, Role::Moderator), &wiki));
    }

    fn post_by(author_id: i64, author_role: Role) -> Post {
        Post {
            id: 1,
            topic_id: 1,
            author_id,
            body_md: String::new(),
            body_html: String::new(),
            created_at: 0,
            edited_at: None,
            deleted_at: None,
            hidden_at: None,
            is_first: false,
            wiki: false,
            author_role,
        }
    }

    #[test]
    fn a_moderator_cannot_edit_or_delete_the_owners_post() {
        let owners = post_by(1, Role::Owner);
        let moderator = member(2, Role::Moderator);
        assert!(!can_edit_post(&moderator, &owners));
        assert!(!can_delete_post(&moderator, &owners));
        assert!(!can_set_wiki(&moderator, &owners));
        assert!(
            !can_edit_post(&moderator, &post_by(3, Role::Moderator)),
            "equals neither"
        );
        assert!(can_edit_post(&moderator, &post_by(3, Role::Member)));
        assert!(can_delete_post(
            &member(9, Role::Admin),
            &post_by(3, Role::Moderator)
        ));
        assert!(can_delete_post(
            &member(1, Role::Owner),
            &post_by(5, Role::Owner)
        ));
        assert!(
            can_edit_post(&moderator, &post_by(2, Role::Moderator)),
            "their own"
        );
        assert!(can_delete_post(&Actor::Operator, &owners));
        let wiki = Post {
            wiki: true,
            ..owners
        };
        assert!(
            can_edit_post(&moderator, &wiki),
            "the owner opened it as a wiki"
        );
        assert!(!can_delete_post(&moderator, &wiki));
    }

    #[test]
    fn sockpuppet_flags_weigh_nothing_and_cannot_hide_trusted_posts() {
        let new = Actor::Member {
            id: 5,
            role: Role::Member,
            trust: 0,
            groups: Vec::new(),
        };
        let basic = member(6, Role::Member);
        let e = flag_effect(&new, true, Role::Member, 1);
        assert_eq!(e.weight, 0, "trust level 0");
        assert_eq!(
            flag_effect(&basic, false, Role::Member, 1).weight,
            0,
            "unconfirmed"
        );
        let e = flag_effect(&basic, true, Role::Member, 1);
        assert!(e.weight > 0 && e.may_hide && !e.hides_at_once());
        assert!(
            !flag_effect(&basic, true, Role::Owner, 4).may_hide,
            "staff's posts"
        );
        assert!(
            !flag_effect(&basic, true, Role::Member, 3).may_hide,
            "trust level 3"
        );
        let moderator = member(2, Role::Moderator);
        let e = flag_effect(&moderator, true, Role::Member, 1);
        assert!(e.hides_at_once() && e.may_hide);
        let e = flag_effect(&moderator, true, Role::Moderator, 4);
        assert!(
            !e.hides_at_once() && !e.may_hide && e.weight == 0,
            "an equal's post"
        );
        assert!(!flag_effect(&moderator, true, Role::Owner, 4).may_hide);
        assert_eq!(flags_per_day(&moderator), None);
        assert!(flags_per_day(&new) < flags_per_day(&member(7, Role::Member)));
    }

    #[test]
    fn a_moderator_cannot_unpin_or_merge_away_the_owners_topic() {
        let moderator = member(2, Role::Moderator);
        assert!(!can_act_on_content(&moderator, 1, Role::Owner));
        assert!(!can_act_on_content(&moderator, 3, Role::Admin));
        assert!(
            can_act_on_content(&moderator, 2, Role::Moderator),
            "their own"
        );
        assert!(can_act_on_content(&moderator, 5, Role::Member));
    }

    #[test]
    fn organisers_and_staff_above_them_manage_events() {
        assert!(can_manage_event(&member(5, Role::Member), 5, Role::Member));
        assert!(!can_manage_event(&member(6, Role::Member), 5, Role::Member));
        assert!(can_manage_event(
            &member(2, Role::Moderator),
            5,
            Role::Member
        ));
        assert!(!can_manage_event(
            &member(2, Role::Moderator),
            1,
            Role::Owner
        ));
        assert!(!can_manage_event(
            &member(2, Role::Moderator),
            3,
            Role::Moderator
        ));
    }

    #[test]
    fn moderators_do_not_read_notes_about_themselves_or_those_above() {
        let moderator = member(2, Role::Moderator);
        assert!(can_read_mod_notes(&moderator, 5, Role::Member));
        assert!(
            !can_read_mod_notes(&moderator, 2, Role::Moderator),
            "their own record"
        );
        assert!(!can_read_mod_notes(&moderator, 3, Role::Admin));
        assert!(can_read_mod_notes(&member(1, Role::Owner), 3, Role::Admin));
        assert!(!can_read_mod_notes(&member(1, Role::Owner), 1, Role::Owner));
    }

    #[test]
    fn each_api_route_needs_exactly_the_scope_of_its_kind_of_work() {
        assert_eq!(scope_needed(true, "/api/v1/topics/{id}"), Scope::Read);
        assert_eq!(
            scope_needed(false, "/api/v1/topics/{id}/posts"),
            Scope::Write
        );
        assert_eq!(scope_needed(false, "/api/v1/activities"), Scope::Ingest);
        assert_eq!(
            scope_needed(true, "/api/v1/moderation/queue"),
            Scope::Moderate
        );
        assert_eq!(
            scope_needed(false, "/api/v1/topics/{id}/pin"),
            Scope::Moderate
        );
        assert_eq!(scope_needed(true, "/api/v1/insights/summary"), Scope::Admin);
        assert_eq!(scope_needed(false, "/api/v1/spaces/{slug}"), Scope::Admin);
        assert_eq!(scope_needed(true, "/api/v1/spaces"), Scope::Read);
        assert_eq!(
            scope_needed(false, "/api/v1/spaces/{slug}/watch"),
            Scope::Write
        );
        assert_eq!(scope_needed(true, "/api/v1/community"), Scope::Read);
        assert_eq!(scope_needed(false, "/api/v1/community"), Scope::Admin);
        assert_eq!(scope_needed(true, "/api/v1/members/{id}"), Scope::Admin);
        assert_eq!(
            scope_needed(false, "/api/v1/members/{id}/warnings"),
            Scope::Moderate
        );
        assert_eq!(token_may_call(None, false, "/api/v1/community"), Ok(()));
        assert_eq!(
            token_may_call(Some("read"), false, "/api/v1/community"),
            Err(Scope::Admin)
        );
        assert_eq!(
            token_may_call(Some("admin,read"), false, "/api/v1/community"),
            Ok(())
        );
    }
}
