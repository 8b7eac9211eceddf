//! Trust levels: what a member has earned by taking part, and what each level unlocks.
//!
//! Levels 0–4 follow Discourse's (new, basic, member, regular, leader), with one change of
//! rule: Discourse asks a regular (level 3) to have read a share of *everything* posted in
//! the last 100 days, so on a busy forum the bar rises with the forum's volume and is nearly
//! unreachable. Hearth counts only the member's *own* participation in the last 100 days,
//! with thresholds scaled for a community of about 200 members, where a regular shows up
//! about once a week and answers others. Level 4 is earned too (Discourse grants it only by
//! hand). Levels 1 and 2 are kept once earned; 3 and 4 are recomputed and lost when the
//! member stops qualifying. Staff may promote a member and lock the level by hand.
//!
//! The owner can change every threshold: [`TrustSettings`] parses `key = value` lines, keys
//! as in [`REQUIREMENTS`]. The privileges of each level are in [`LEVELS`], and the docs
//! tables are generated from both.

use crate::error::Invalid;
use std::collections::BTreeMap;

/// The window of the "recent" measures, in days.
pub const RECENT_DAYS: i64 = 100;

/// One measure of a member's participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Days since the member joined.
    DaysSinceJoin,
    /// Distinct days with any activity, ever.
    DaysActive,
    /// Distinct days with any activity in the last 100 days.
    DaysActiveRecent,
    /// Live posts (topics and replies).
    Posts,
    /// Live replies.
    Replies,
    /// Live replies in the last 100 days.
    RepliesRecent,
    ReactionsGiven,
    ReactionsReceived,
    /// Reactions received in the last 100 days.
    ReactionsReceivedRecent,
    /// Answers of theirs accepted.
    AcceptedAnswers,
    /// Their posts hidden or deleted by moderators in the last 100 days (a maximum).
    ModeratedPostsRecent,
    /// Silences, suspensions and bans in the last 100 days (a maximum).
    RestrictionsRecent,
}

/// What the trust job measured for one member.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub days_since_join: i64,
    pub days_active: i64,
    pub days_active_recent: i64,
    pub posts: i64,
    pub replies: i64,
    pub replies_recent: i64,
    pub reactions_given: i64,
    pub reactions_received: i64,
    pub reactions_received_recent: i64,
    pub accepted_answers: i64,
    pub moderated_posts_recent: i64,
    pub restrictions_recent: i64,
}

impl Stats {
    fn get(&self, m: Measure) -> i64 {
        match m {
            Measure::DaysSinceJoin => self.days_since_join,
            Measure::DaysActive => self.days_active,
            Measure::DaysActiveRecent => self.days_active_recent,
            Measure::Posts => self.posts,
            Measure::Replies => self.replies,
            Measure::RepliesRecent => self.replies_recent,
            Measure::ReactionsGiven => self.reactions_given,
            Measure::ReactionsReceived => self.reactions_received,
            Measure::ReactionsReceivedRecent => self.reactions_received_recent,
            Measure::AcceptedAnswers => self.accepted_answers,
            Measure::ModeratedPostsRecent => self.moderated_posts_recent,
            Measure::RestrictionsRecent => self.restrictions_recent,
        }
    }
}

/// Whether a requirement is a floor (at least) or a ceiling (at most).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    AtLeast,
    AtMost,
}

/// (level, settings key, measure, bound, default). A level needs all of its rows, and the
/// levels below it.
pub const REQUIREMENTS: &[(u8, &str, Measure, Bound, i64)] = &[
    (
        1,
        "tl1.days_since_join",
        Measure::DaysSinceJoin,
        Bound::AtLeast,
        1,
    ),
    (1, "tl1.posts", Measure::Posts, Bound::AtLeast, 1),
    (
        2,
        "tl2.days_since_join",
        Measure::DaysSinceJoin,
        Bound::AtLeast,
        7,
    ),
    (2, "tl2.days_active", Measure::DaysActive, Bound::AtLeast, 5),
    (2, "tl2.replies", Measure::Replies, Bound::AtLeast, 3),
    (
        2,
        "tl2.reactions_given",
        Measure::ReactionsGiven,
        Bound::AtLeast,
        1,
    ),
    (
        2,
        "tl2.reactions_received",
        Measure::ReactionsReceived,
        Bound::AtLeast,
        1,
    ),
    (
        3,
        "tl3.days_active_recent",
        Measure::DaysActiveRecent,
        Bound::AtLeast,
        15,
    ),
    (
        3,
        "tl3.replies_recent",
        Measure::RepliesRecent,
        Bound::AtLeast,
        10,
    ),
    (
        3,
        "tl3.reactions_given",
        Measure::ReactionsGiven,
        Bound::AtLeast,
        5,
    ),
    (
        3,
        "tl3.reactions_received_recent",
        Measure::ReactionsReceivedRecent,
        Bound::AtLeast,
        5,
    ),
    (
        3,
        "tl3.max_moderated_posts_recent",
        Measure::ModeratedPostsRecent,
        Bound::AtMost,
        2,
    ),
    (
        3,
        "tl3.max_restrictions_recent",
        Measure::RestrictionsRecent,
        Bound::AtMost,
        0,
    ),
    (
        4,
        "tl4.days_active_recent",
        Measure::DaysActiveRecent,
        Bound::AtLeast,
        40,
    ),
    (
        4,
        "tl4.replies_recent",
        Measure::RepliesRecent,
        Bound::AtLeast,
        30,
    ),
    (
        4,
        "tl4.reactions_received_recent",
        Measure::ReactionsReceivedRecent,
        Bound::AtLeast,
        20,
    ),
    (
        4,
        "tl4.accepted_answers",
        Measure::AcceptedAnswers,
        Bound::AtLeast,
        3,
    ),
];

/// What a level unlocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level {
    pub level: u8,
    pub name: &'static str,
    /// Topics and replies in any 24 hours.
    pub posts_per_day: i64,
    /// Links to other sites and images in posts.
    pub links: bool,
    /// How much one flag weighs ([`FLAG_HIDES_AT`] hides a post until review). Nothing at
    /// level 0, so fresh sign-ups cannot hide posts together.
    pub flag_weight: i64,
    /// Posts flagged in any 24 hours (Discourse's cap, scaled by level the same way).
    pub flags_per_day: i64,
    /// Editing posts marked as wiki.
    pub edit_wiki: bool,
}

/// The weight of flags at which a post is hidden until a moderator decides.
pub const FLAG_HIDES_AT: i64 = 3;

/// The privileges of each level, 0 to 4.
pub const LEVELS: [Level; 5] = [
    Level {
        level: 0,
        name: "new",
        posts_per_day: 10,
        links: false,
        flag_weight: 0,
        flags_per_day: 5,
        edit_wiki: false,
    },
    Level {
        level: 1,
        name: "basic",
        posts_per_day: 30,
        links: true,
        flag_weight: 1,
        flags_per_day: 10,
        edit_wiki: false,
    },
    Level {
        level: 2,
        name: "member",
        posts_per_day: 100,
        links: true,
        flag_weight: 2,
        flags_per_day: 15,
        edit_wiki: true,
    },
    Level {
        level: 3,
        name: "regular",
        posts_per_day: 300,
        links: true,
        flag_weight: 3,
        flags_per_day: 20,
        edit_wiki: true,
    },
    Level {
        level: 4,
        name: "leader",
        posts_per_day: 1000,
        links: true,
        flag_weight: 3,
        flags_per_day: 30,
        edit_wiki: true,
    },
];

/// A new member's first 24 hours: at most this many topics, and this many posts in all.
pub const FIRST_DAY_TOPICS: i64 = 3;
pub const FIRST_DAY_POSTS: i64 = 10;

/// The privileges of `level` (levels above 4 are treated as 4).
pub fn level(level: u8) -> Level {
    LEVELS[usize::from(level.min(4))]
}

/// The owner's thresholds: defaults, overridden by `key = value` lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrustSettings {
    overrides: BTreeMap<&'static str, i64>,
}

impl TrustSettings {
    /// Parses `key = value` lines (blank lines and `#` comments allowed). An unknown key or a
    /// value that is not a whole number from 0 to 100000 is an error naming the line.
    pub fn parse(text: &str) -> Result<TrustSettings, Invalid> {
        let mut overrides = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(Invalid::new(
                    "trust_settings",
                    crate::message!("err-trust-settings-line", line = n + 1),
                ));
            };
            let key = key.trim();
            let Some(known) = REQUIREMENTS.iter().find(|r| r.1 == key).map(|r| r.1) else {
                return Err(Invalid::new(
                    "trust_settings",
                    crate::message!(
                        "err-trust-settings-unknown",
                        line = n + 1,
                        key = format!("{key:?}")
                    ),
                ));
            };
            let value: i64 = value
                .trim()
                .parse()
                .ok()
                .filter(|v| (0..=100_000).contains(v))
                .ok_or_else(|| {
                    Invalid::new(
                        "trust_settings",
                        crate::message!("err-trust-settings-value", line = n + 1, key = key),
                    )
                })?;
            overrides.insert(known, value);
        }
        Ok(TrustSettings { overrides })
    }

    /// The threshold for `key` (the override, or the default).
    pub fn threshold(&self, key: &str) -> i64 {
        REQUIREMENTS
            .iter()
            .find(|r| r.1 == key)
            .map(|r| self.overrides.get(r.1).copied().unwrap_or(r.4))
            .unwrap_or(0)
    }

    /// Every threshold as `key = value` lines (the form the settings page edits).
    pub fn to_text(&self) -> String {
        REQUIREMENTS
            .iter()
            .map(|r| format!("{} = {}\n", r.1, self.threshold(r.1)))
            .collect()
    }

    /// Only the thresholds that differ from the defaults, as stored.
    pub fn overrides_text(&self) -> String {
        REQUIREMENTS
            .iter()
            .filter(|r| self.threshold(r.1) != r.4)
            .map(|r| format!("{} = {}\n", r.1, self.threshold(r.1)))
            .collect()
    }

    fn meets(&self, level: u8, stats: &Stats) -> bool {
        REQUIREMENTS
            .iter()
            .filter(|r| r.0 == level)
            .all(|r| match r.3 {
                Bound::AtLeast => stats.get(r.2) >= self.threshold(r.1),
                Bound::AtMost => stats.get(r.2) <= self.threshold(r.1),
            })
    }

    /// The level `stats` earn. Levels 1 and 2 are never taken back: a member already at
    /// `current` keeps min(current, 2) at least.
    pub fn earned(&self, stats: &Stats, current: u8) -> u8 {
        let mut earned = 0;
        for level in 1..=4 {
            if self.meets(level, stats) {
                earned = level;
            } else {
                break;
            }
        }
        earned.max(current.min(2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regular() -> Stats {
        Stats {
            days_since_join: 200,
            days_active: 60,
            days_active_recent: 20,
            posts: 40,
            replies: 35,
            replies_recent: 12,
            reactions_given: 9,
            reactions_received: 30,
            reactions_received_recent: 8,
            accepted_answers: 1,
            moderated_posts_recent: 0,
            restrictions_recent: 0,
        }
    }

    #[test]
    fn levels_are_earned_in_order() {
        let s = TrustSettings::default();
        assert_eq!(s.earned(&Stats::default(), 0), 0);
        let first_day = Stats {
            days_since_join: 0,
            posts: 5,
            ..Stats::default()
        };
        assert_eq!(s.earned(&first_day, 0), 0, "nothing on the first day");
        let basic = Stats {
            days_since_join: 1,
            posts: 1,
            days_active: 1,
            ..Stats::default()
        };
        assert_eq!(s.earned(&basic, 0), 1);
        assert_eq!(s.earned(&regular(), 1), 3);
        let leader = Stats {
            days_active_recent: 45,
            replies_recent: 31,
            reactions_received_recent: 25,
            accepted_answers: 3,
            ..regular()
        };
        assert_eq!(s.earned(&leader, 3), 4);
    }

    #[test]
    fn regulars_lose_level_three_but_keep_two() {
        let s = TrustSettings::default();
        let lapsed = Stats {
            days_active_recent: 2,
            replies_recent: 0,
            ..regular()
        };
        assert_eq!(s.earned(&lapsed, 3), 2);
        let punished = Stats {
            restrictions_recent: 1,
            ..regular()
        };
        assert_eq!(
            s.earned(&punished, 3),
            2,
            "a suspension in 100 days costs level 3"
        );
        assert_eq!(s.earned(&Stats::default(), 2), 2, "levels 1-2 are kept");
    }

    #[test]
    fn the_owner_changes_thresholds() {
        let s = TrustSettings::parse("# easier regulars\ntl3.days_active_recent = 5\n\n").unwrap();
        assert_eq!(s.threshold("tl3.days_active_recent"), 5);
        assert_eq!(s.threshold("tl2.replies"), 3, "others keep their default");
        assert_eq!(s.overrides_text(), "tl3.days_active_recent = 5\n");
        assert_eq!(TrustSettings::parse(&s.to_text()).unwrap(), {
            // Writing every value back equals the defaults plus the change.
            let mut all = TrustSettings::default();
            for r in REQUIREMENTS {
                all.overrides.insert(r.1, s.threshold(r.1));
            }
            all
        });
        let err = TrustSettings::parse("tl9.karma = 3").unwrap_err();
        assert!(
            err.message.arg("line") == Some(&1.into())
                && err.message.arg("key") == Some(&"\"tl9.karma\"".into()),
            "{err}"
        );
        let err = TrustSettings::parse("tl2.replies = -1").unwrap_err();
        assert_eq!(err.message.key, "err-trust-settings-value", "{err}");
        assert!(TrustSettings::parse("tl2.replies 3").is_err());
    }

    #[test]
    fn privileges_grow_with_level() {
        for pair in LEVELS.windows(2) {
            assert!(pair[0].posts_per_day < pair[1].posts_per_day);
            assert!(pair[0].flag_weight <= pair[1].flag_weight);
        }
        assert!(!level(0).links && level(1).links);
        assert!(level(2).edit_wiki && !level(1).edit_wiki);
        assert_eq!(level(9).level, 4);
    }
}
