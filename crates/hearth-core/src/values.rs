//! Parsed values: handles, slugs, emails, titles, bodies, colours, roles and visibilities.
//!
//! Each type has one `parse` that is the only way to build it from outside input, so a
//! `Handle` inside Hearth is always a valid handle.

use crate::error::Invalid;
use std::fmt;

macro_rules! string_value {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
            pub fn into_string(self) -> String {
                self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

fn reject_control(field: &'static str, s: &str) -> Result<(), Invalid> {
    if s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(Invalid::new(field, "err-control-characters"));
    }
    Ok(())
}

/// A member's handle: 2–30 characters, lowercase ASCII letters, digits, `_`, `-` and `.`,
/// starting with a letter or digit. Stored lowercase, so `@Ana` and `@ana` are one member.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Handle(String);
string_value!(Handle);

impl Handle {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = input.trim().trim_start_matches('@').to_ascii_lowercase();
        if s.len() < 2 || s.len() > 30 {
            return Err(Invalid::new("handle", "err-handle-length"));
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.'))
        {
            return Err(Invalid::new("handle", "err-handle-characters"));
        }
        if !s.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(Invalid::new("handle", "err-handle-start"));
        }
        Ok(Handle(s))
    }
}

/// A URL slug for a space: 1–64 characters of lowercase ASCII letters, digits and single
/// hyphens, not starting or ending with a hyphen.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slug(String);
string_value!(Slug);

impl From<Handle> for crate::Arg {
    fn from(h: Handle) -> Self {
        crate::Arg::Text(h.0)
    }
}

impl From<&Handle> for crate::Arg {
    fn from(h: &Handle) -> Self {
        crate::Arg::Text(h.0.clone())
    }
}

impl Slug {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = input.trim();
        if s.is_empty() || s.len() > 64 {
            return Err(Invalid::new("slug", "err-slug-length"));
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(Invalid::new("slug", "err-slug-characters"));
        }
        if s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(Invalid::new("slug", "err-slug-dashes"));
        }
        Ok(Slug(s.to_string()))
    }

    /// Makes a slug from any title: ASCII letters and digits kept, the rest joined by
    /// hyphens. Used for the decorative part of `/t/{id}/{slug}`; may be empty.
    pub fn from_title(title: &str) -> String {
        let mut out = String::new();
        for c in title.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            if out.len() >= 60 {
                break;
            }
        }
        out.trim_end_matches('-').to_string()
    }
}

/// An email address, trimmed and lowercased. The check is deliberately loose (one `@`, a
/// dot in the domain, no spaces): the real proof is the confirmation mail.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);
string_value!(Email);

impl Email {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = input.trim().to_lowercase();
        if s.len() > 254 {
            return Err(Invalid::new("email", "err-at-most-254-characters"));
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(Invalid::new("email", "err-email-shape"));
        };
        if local.is_empty()
            || domain.len() < 3
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains('@')
            || s.chars().any(|c| {
                c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ',' | ';')
            })
        {
            return Err(Invalid::new("email", "err-email-shape"));
        }
        Ok(Email(s))
    }
}

/// A password as typed. Only its length is checked; it is never stored, only its hash.
#[derive(Clone)]
pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<hidden>)")
    }
}

impl Password {
    pub const MIN_CHARS: usize = 10;

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let n = input.chars().count();
        if n < Self::MIN_CHARS {
            return Err(Invalid::new(
                "password",
                crate::message!("err-at-least-characters", min = Self::MIN_CHARS),
            ));
        }
        if input.len() > 1024 {
            return Err(Invalid::new("password", "err-at-most-1024-bytes"));
        }
        Ok(Password(input.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A single line of text with a maximum length in characters: titles, names, taglines.
fn single_line(
    field: &'static str,
    input: &str,
    min: usize,
    max: usize,
) -> Result<String, Invalid> {
    let s = input.trim();
    reject_control(field, s)?;
    if s.contains('\n') || s.contains('\r') {
        return Err(Invalid::new(field, "err-single-line"));
    }
    let n = s.chars().count();
    if n < min {
        return Err(Invalid::new(
            field,
            if min <= 1 {
                crate::Message::new("err-not-empty")
            } else {
                crate::message!("err-at-least-characters", min = min)
            },
        ));
    }
    if n > max {
        return Err(Invalid::new(
            field,
            crate::message!("err-at-most-characters", max = max),
        ));
    }
    Ok(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A topic title: one line, 3 characters up to the configured maximum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title(String);
string_value!(Title);

impl Title {
    pub fn parse(input: &str, max_chars: usize) -> Result<Self, Invalid> {
        single_line("title", input, 3, max_chars).map(Title)
    }
}

/// A display name, space name, or community name: one line, 1 to `max` characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name(String);
string_value!(Name);

impl Name {
    pub fn parse(field: &'static str, input: &str, max_chars: usize) -> Result<Self, Invalid> {
        single_line(field, input, 1, max_chars).map(Name)
    }
}

/// Bytes as lowercase hexadecimal (digests, tokens, signatures).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Optional one-line or multi-line text (descriptions, taglines); empty means none.
pub fn optional_text(
    field: &'static str,
    input: &str,
    max_chars: usize,
) -> Result<Option<String>, Invalid> {
    let s = input.trim();
    reject_control(field, s)?;
    if s.chars().count() > max_chars {
        return Err(Invalid::new(
            field,
            crate::message!("err-at-most-characters", max = max_chars),
        ));
    }
    Ok(if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    })
}

/// A post body in Markdown: not blank, at most the configured number of bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markdown(String);
string_value!(Markdown);

impl Markdown {
    pub fn parse(input: &str, max_bytes: usize) -> Result<Self, Invalid> {
        let s = input.trim_end();
        reject_control("body", s)?;
        if s.trim().chars().count() < 2 {
            return Err(Invalid::new("body", "err-not-empty"));
        }
        if s.len() > max_bytes {
            return Err(Invalid::new(
                "body",
                crate::message!("err-at-most-bytes", max = max_bytes),
            ));
        }
        Ok(Markdown(s.replace("\r\n", "\n")))
    }
}

/// An accent colour as `#rrggbb`, stored lowercase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccentColor(String);
string_value!(AccentColor);

impl AccentColor {
    pub const DEFAULT: &'static str = "#c2410c";

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = input.trim().to_ascii_lowercase();
        let ok =
            s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            return Err(Invalid::new("accent_color", "err-colour"));
        }
        Ok(AccentColor(s))
    }
}

/// Who can see a space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Anyone, signed in or not, and search engines.
    Public,
    /// Any signed-in member.
    Members,
    /// Only members or roles that were granted access, plus admins and the owner.
    Private,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Visibility::Public, Visibility::Members, Visibility::Private];

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        match input.trim() {
            "public" => Ok(Visibility::Public),
            "members" => Ok(Visibility::Members),
            "private" => Ok(Visibility::Private),
            _ => Err(Invalid::new("visibility", "err-visibility")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Members => "members",
            Visibility::Private => "private",
        }
    }
}

/// What a topic is. The space's settings choose which kinds it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TopicKind {
    /// A conversation.
    Discussion,
    /// A question that can have one accepted answer.
    Question,
    /// A suggestion members vote on, with a status set by staff.
    Idea,
    /// News from staff, pinned until unpinned.
    Announcement,
    /// A question with options members vote on.
    Poll,
    /// Something happening at a time, online or in person, that members RSVP to.
    Event,
}

impl TopicKind {
    pub const ALL: [TopicKind; 6] = [
        TopicKind::Discussion,
        TopicKind::Question,
        TopicKind::Idea,
        TopicKind::Announcement,
        TopicKind::Poll,
        TopicKind::Event,
    ];

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        match input.trim() {
            "" | "discussion" => Ok(TopicKind::Discussion),
            "question" => Ok(TopicKind::Question),
            "idea" => Ok(TopicKind::Idea),
            "announcement" => Ok(TopicKind::Announcement),
            "poll" => Ok(TopicKind::Poll),
            "event" => Ok(TopicKind::Event),
            _ => Err(Invalid::new("kind", "err-topic-kind")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TopicKind::Discussion => "discussion",
            TopicKind::Question => "question",
            TopicKind::Idea => "idea",
            TopicKind::Announcement => "announcement",
            TopicKind::Poll => "poll",
            TopicKind::Event => "event",
        }
    }

    /// Parses a stored comma-separated list, ignoring kinds this version does not know.
    pub fn parse_list(stored: &str) -> Vec<TopicKind> {
        let mut kinds: Vec<TopicKind> = stored
            .split(',')
            .filter_map(|k| TopicKind::parse(k).ok().filter(|_| !k.trim().is_empty()))
            .collect();
        kinds.dedup();
        kinds
    }

    pub fn join(kinds: &[TopicKind]) -> String {
        kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Where a pinned topic shows: the top of its space, or also the top of the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinScope {
    Space,
    Community,
}

impl PinScope {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        match input.trim() {
            "space" => Ok(PinScope::Space),
            "community" => Ok(PinScope::Community),
            _ => Err(Invalid::new("scope", "err-pin-scope")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PinScope::Space => "space",
            PinScope::Community => "community",
        }
    }
}

/// Where an idea stands, set by staff with a note voters see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdeaStatus {
    Open,
    UnderReview,
    Planned,
    InProgress,
    Done,
    Declined,
}

impl IdeaStatus {
    pub const ALL: [IdeaStatus; 6] = [
        IdeaStatus::Open,
        IdeaStatus::UnderReview,
        IdeaStatus::Planned,
        IdeaStatus::InProgress,
        IdeaStatus::Done,
        IdeaStatus::Declined,
    ];

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        IdeaStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == input.trim())
            .ok_or_else(|| Invalid::new("status", "err-idea-status"))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            IdeaStatus::Open => "open",
            IdeaStatus::UnderReview => "under_review",
            IdeaStatus::Planned => "planned",
            IdeaStatus::InProgress => "in_progress",
            IdeaStatus::Done => "done",
            IdeaStatus::Declined => "declined",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            IdeaStatus::Open => "Open",
            IdeaStatus::UnderReview => "Under review",
            IdeaStatus::Planned => "Planned",
            IdeaStatus::InProgress => "In progress",
            IdeaStatus::Done => "Done",
            IdeaStatus::Declined => "Declined",
        }
    }
}

/// A reaction from the fixed set: (name used in URLs and the API, emoji, label).
pub const REACTIONS: &[(&str, &str, &str)] = &[
    ("like", "👍", "Like"),
    ("heart", "❤️", "Love"),
    ("laugh", "😂", "Funny"),
    ("celebrate", "🎉", "Celebrate"),
    ("insightful", "💡", "Insightful"),
    ("thanks", "🙏", "Thanks"),
];

/// One of [`REACTIONS`], by name or by its emoji.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reaction(usize);

impl Reaction {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = input.trim();
        REACTIONS
            .iter()
            .position(|(name, emoji, _)| {
                *name == s || *emoji == s || emoji.trim_end_matches('\u{fe0f}') == s
            })
            .map(Reaction)
            .ok_or_else(|| {
                let names: Vec<&str> = REACTIONS.iter().map(|r| r.0).collect();
                Invalid::new(
                    "emoji",
                    crate::message!("err-one-of", names = names.join(", ")),
                )
            })
    }

    pub fn name(self) -> &'static str {
        REACTIONS[self.0].0
    }

    pub fn emoji(self) -> &'static str {
        REACTIONS[self.0].1
    }

    pub fn label(self) -> &'static str {
        REACTIONS[self.0].2
    }

    pub fn all() -> impl Iterator<Item = Reaction> {
        (0..REACTIONS.len()).map(Reaction)
    }
}

/// How people join the community, set by the owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinMode {
    /// Anyone may sign up.
    Open,
    /// Applicants answer the owner's questions; an approver accepts or declines.
    Approval,
    /// Only with an invite link or an email invitation.
    Invite,
    /// Only addresses on the owner's customer list.
    Customers,
}

impl JoinMode {
    pub const ALL: [JoinMode; 4] = [
        JoinMode::Open,
        JoinMode::Approval,
        JoinMode::Invite,
        JoinMode::Customers,
    ];

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        match input.trim() {
            "open" => Ok(JoinMode::Open),
            "approval" => Ok(JoinMode::Approval),
            "invite" => Ok(JoinMode::Invite),
            "customers" => Ok(JoinMode::Customers),
            _ => Err(Invalid::new("join_mode", "err-join-mode")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            JoinMode::Open => "open",
            JoinMode::Approval => "approval",
            JoinMode::Invite => "invite",
            JoinMode::Customers => "customers",
        }
    }
}

/// What an API token may be used for. A token made without scopes has a member's full
/// rights (as every token had before scopes); one with scopes may call only the routes
/// whose scope it holds (`access::scope_needed`). Scopes do not imply one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Read what the member may read (every `GET` outside moderation and admin).
    Read,
    /// Take part: post, reply, react, vote, flag, RSVP, watch.
    Write,
    /// Staff's moderation: the queue, warnings, suspensions, notes, pins, merges.
    Moderate,
    /// The owner's and admins' settings, people records and insights.
    Admin,
    /// Push activity from other channels (`POST /api/v1/activities`).
    Ingest,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::Read,
        Scope::Write,
        Scope::Moderate,
        Scope::Admin,
        Scope::Ingest,
    ];

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let input = input.trim();
        Scope::ALL
            .into_iter()
            .find(|s| s.as_str() == input)
            .ok_or_else(|| {
                Invalid::new(
                    "scope",
                    crate::message!("err-scope", scope = input.to_string()),
                )
            })
    }

    /// A list such as `read,write` (commas or spaces between), each scope once, in the
    /// order of `ALL`. An empty list is refused: a token that may do nothing is a mistake.
    pub fn parse_list(input: &str) -> Result<Vec<Scope>, Invalid> {
        let mut out = Vec::new();
        for part in input.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
            let scope = Scope::parse(part)?;
            if !out.contains(&scope) {
                out.push(scope);
            }
        }
        if out.is_empty() {
            return Err(Invalid::new("scope", "err-scope-empty"));
        }
        out.sort();
        Ok(out)
    }

    /// `scopes` as stored and shown: `read,write`.
    pub fn join(scopes: &[Scope]) -> String {
        scopes
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Moderate => "moderate",
            Scope::Admin => "admin",
            Scope::Ingest => "ingest",
        }
    }
}

/// A member's role. Ordered: each role may do what the roles below it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reads what members read; takes no part (no posts, votes, reactions or flags).
    Guest,
    Member,
    /// A member who also reviews applications to join.
    Approver,
    Moderator,
    Admin,
    Owner,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Guest,
        Role::Member,
        Role::Approver,
        Role::Moderator,
        Role::Admin,
        Role::Owner,
    ];

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        match input.trim() {
            "guest" => Ok(Role::Guest),
            "member" => Ok(Role::Member),
            "approver" => Ok(Role::Approver),
            "moderator" => Ok(Role::Moderator),
            "admin" => Ok(Role::Admin),
            "owner" => Ok(Role::Owner),
            _ => Err(Invalid::new("role", "err-role")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Guest => "guest",
            Role::Member => "member",
            Role::Approver => "approver",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
            Role::Owner => "owner",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check<T: std::fmt::Debug>(result: Result<T, Invalid>, expected: Result<&str, &str>) {
        match (result, expected) {
            (Ok(v), Ok(want)) => assert_eq!(format!("{v:?}"), want),
            (Err(e), Err(want)) => assert_eq!(e.message.key, want, "{e}"),
            (got, want) => panic!("got {got:?}, wanted {want:?}"),
        }
    }

    #[test]
    fn hex_is_two_lowercase_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(hex(&[]), "");
    }

    #[test]
    fn handles_are_lowercased_and_checked() {
        check(Handle::parse("@Ana_B"), Ok("Handle(\"ana_b\")"));
        check(Handle::parse("a"), Err("err-handle-length"));
        check(Handle::parse("ana b"), Err("err-handle-characters"));
        check(Handle::parse("<script>"), Err("err-handle-characters"));
        check(Handle::parse("-ana"), Err("err-handle-start"));
    }

    #[test]
    fn slugs_are_strict() {
        check(Slug::parse("general"), Ok("Slug(\"general\")"));
        check(Slug::parse("Gen"), Err("err-slug-characters"));
        check(Slug::parse("a--b"), Err("err-slug-dashes"));
        check(
            Slug::parse("'; drop table spaces; --"),
            Err("err-slug-characters"),
        );
        assert_eq!(Slug::from_title("Hello, World! Ça va?"), "hello-world-a-va");
    }

    #[test]
    fn emails_titles_and_bodies() {
        check(
            Email::parse(" Ana@Example.COM "),
            Ok("Email(\"ana@example.com\")"),
        );
        check(Email::parse("ana"), Err("err-email-shape"));
        check(Email::parse("a@b.c\"<x>"), Err("err-email-shape"));
        check(
            Title::parse("  Hello   there ", 200),
            Ok("Title(\"Hello there\")"),
        );
        check(
            Title::parse(&"x".repeat(201), 200),
            Err("err-at-most-characters"),
        );
        check(Title::parse("two\nlines", 200), Err("err-single-line"));
        check(Markdown::parse("  ", 100), Err("err-not-empty"));
        check(
            Markdown::parse(&"x".repeat(101), 100),
            Err("err-at-most-bytes"),
        );
        check(
            AccentColor::parse("#ABCDEF"),
            Ok("AccentColor(\"#abcdef\")"),
        );
        check(AccentColor::parse("red"), Err("err-colour"));
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_input() {
        // A small property test: every parser returns Ok or Err for many odd strings.
        let mut rng = crate::rng::Rng::new(7);
        let alphabet: Vec<char> = "aZ09-_.@#<>\"'; \n\t\u{0}\u{202e}é漢🙂".chars().collect();
        for _ in 0..2000 {
            let len = rng.below(40) as usize;
            let s: String = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
                .collect();
            let _ = Handle::parse(&s);
            let _ = Slug::parse(&s);
            let _ = Email::parse(&s);
            let _ = Title::parse(&s, 50);
            let _ = Markdown::parse(&s, 50);
            if let Ok(h) = Handle::parse(&s) {
                assert_eq!(
                    Handle::parse(h.as_str()).ok(),
                    Some(h.clone()),
                    "parse is idempotent"
                );
            }
            if let Ok(slug) = Slug::parse(&s) {
                assert!(!slug.as_str().contains(' '));
            }
        }
    }
}

/// Why a member flags a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagReason {
    Spam,
    OffTopic,
    Inappropriate,
    /// Needs a few words from the flagger.
    Other,
}

impl FlagReason {
    pub const ALL: [FlagReason; 4] = [
        FlagReason::Spam,
        FlagReason::OffTopic,
        FlagReason::Inappropriate,
        FlagReason::Other,
    ];

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        FlagReason::ALL
            .into_iter()
            .find(|r| r.as_str() == input.trim())
            .ok_or_else(|| Invalid::new("reason", "err-flag-reason"))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FlagReason::Spam => "spam",
            FlagReason::OffTopic => "off_topic",
            FlagReason::Inappropriate => "inappropriate",
            FlagReason::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FlagReason::Spam => "Spam",
            FlagReason::OffTopic => "Off-topic",
            FlagReason::Inappropriate => "Inappropriate",
            FlagReason::Other => "Something else",
        }
    }
}

/// What a moderator decides about a post in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModerationAction {
    /// The post is fine: flags are dismissed and it shows again.
    Approve,
    /// The post stays hidden.
    Hide,
    /// The post is deleted.
    Delete,
}

impl ModerationAction {
    pub const ALL: [ModerationAction; 3] = [
        ModerationAction::Approve,
        ModerationAction::Hide,
        ModerationAction::Delete,
    ];

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        ModerationAction::ALL
            .into_iter()
            .find(|a| a.as_str() == input.trim())
            .ok_or_else(|| Invalid::new("action", "err-moderation-action"))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ModerationAction::Approve => "approve",
            ModerationAction::Hide => "hide",
            ModerationAction::Delete => "delete",
        }
    }
}
