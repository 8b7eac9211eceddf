//! Points: which activity earns how much, for whom, under which limits; levels; and the
//! ledger's hash chain and its verification. Pure: the `points` consumer of the activity
//! stream (`hearth::stream`) gathers the facts, asks [`award`], and writes the ledger; the
//! verifier here is what `hearth ledger verify`, the public page and the API all run.
//!
//! **Anti-farming.** Learnt from Stack Overflow's daily reputation cap and from admins who
//! found members liking years of old posts: points per member per day are capped, and so
//! is each kind per day; reactions from one member to one author count a few times a day;
//! a reaction to a post older than the owner's limit earns nothing; nobody earns from their
//! own post (a reaction, an accepted answer). Caps count what was earned, so a reversed
//! entry does not free its slot.

use sha2::{Digest, Sha256};
use std::collections::HashMap;

use crate::activity as k;

/// One rule: an activity of `kind` (on `channel`, or any channel when `None`) earns
/// `points`, at most `daily_cap` a day per member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointRule {
    pub kind: String,
    pub channel: Option<String>,
    pub points: i64,
    pub daily_cap: Option<i64>,
}

/// The limits that hold across every rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most points a member earns in one day (UTC), from every rule together.
    pub member_daily_cap: i64,
    /// How many reactions from one member to one author earn points in a day.
    pub same_pair_daily_reactions: i64,
    /// A reaction to a post older than this many days earns nothing.
    pub reaction_max_age_days: i64,
}

/// The owner's whole points policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub rules: Vec<PointRule>,
    pub limits: Limits,
    /// Points to the referrer when someone joins through their link.
    pub referral_joined: i64,
    /// Points to the referrer at the first purchase of someone they referred.
    pub referral_purchase: i64,
}

/// The most points one rule may give, and the largest cap.
pub const MAX_POINTS: i64 = 10_000;

/// What a rule's kind earns by default, with the documented reasons.
pub const DEFAULT_RULES: &[(&str, i64, Option<i64>)] = &[
    (k::TOPIC_STARTED, 5, Some(25)),
    (k::QUESTION_ASKED, 5, Some(25)),
    (k::REPLIED, 2, Some(40)),
    (k::ANSWER_ACCEPTED, 15, None),
    (k::REACTED, 1, Some(20)),
    (k::EVENT_ATTENDED, 5, None),
    (k::IDEA_STATUS_CHANGED, 20, None),
];

pub const DEFAULT_LIMITS: Limits = Limits {
    member_daily_cap: 200,
    same_pair_daily_reactions: 3,
    reaction_max_age_days: 30,
};

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            rules: DEFAULT_RULES
                .iter()
                .map(|(kind, points, cap)| PointRule {
                    kind: (*kind).to_string(),
                    channel: Some(k::HUB.to_string()),
                    points: *points,
                    daily_cap: *cap,
                })
                .collect(),
            limits: DEFAULT_LIMITS,
            referral_joined: 20,
            referral_purchase: 50,
        }
    }
}

impl Rules {
    /// The rule for `kind` on `channel`: one naming the channel first, then one for any.
    pub fn rule(&self, kind: &str, channel: &str) -> Option<&PointRule> {
        self.rules
            .iter()
            .find(|r| r.kind == kind && r.channel.as_deref() == Some(channel))
            .or_else(|| {
                self.rules
                    .iter()
                    .find(|r| r.kind == kind && r.channel.is_none())
            })
    }

    /// Checks the policy; the error names the field (`rules`, with the row from 1 and what
    /// is wrong with it, or `limits.member_daily_cap`).
    pub fn check(&self) -> Result<(), crate::Invalid> {
        let row = |i: usize, key: &'static str| {
            Err(crate::Invalid::new(
                "rules",
                crate::message!(key, row = i + 1),
            ))
        };
        for (i, r) in self.rules.iter().enumerate() {
            if !k::is_known(&r.kind) && !r.kind.starts_with(k::CUSTOM_PREFIX) {
                return row(i, "err-points-kind");
            }
            if !(0..=MAX_POINTS).contains(&r.points) {
                return row(i, "err-points-rule-amount");
            }
            if r.daily_cap
                .is_some_and(|c| !(1..=MAX_POINTS * 10).contains(&c))
            {
                return row(i, "err-points-rule-cap");
            }
            if self.rules[..i]
                .iter()
                .any(|o| o.kind == r.kind && o.channel == r.channel)
            {
                return row(i, "err-points-duplicate");
            }
        }
        let l = self.limits;
        let bad = |field: &'static str| Err(crate::Invalid::new(field, "err-points-amount"));
        if !(1..=MAX_POINTS * 10).contains(&l.member_daily_cap) {
            return bad("member_daily_cap");
        }
        if !(0..=1000).contains(&l.same_pair_daily_reactions) {
            return bad("same_pair_daily_reactions");
        }
        if !(1..=36_500).contains(&l.reaction_max_age_days) {
            return bad("reaction_max_age_days");
        }
        if !(0..=MAX_POINTS).contains(&self.referral_joined) {
            return bad("referral_joined");
        }
        if !(0..=MAX_POINTS).contains(&self.referral_purchase) {
            return bad("referral_purchase");
        }
        Ok(())
    }
}

/// Who earns from an activity of `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Earner {
    /// The member who did it (a topic, a reply, attending).
    Actor,
    /// The author of what it points at (a reaction received, an accepted answer, a shipped
    /// idea); nobody when that is the actor.
    TargetAuthor,
}

pub fn earner(kind: &str) -> Earner {
    match kind {
        k::REACTED | k::ANSWER_ACCEPTED | k::IDEA_STATUS_CHANGED | k::REACTION_ADDED => {
            Earner::TargetAuthor
        }
        _ => Earner::Actor,
    }
}

/// Is `kind` a reaction, under the same-pair and age limits?
pub fn is_reaction(kind: &str) -> bool {
    matches!(kind, k::REACTED | k::REACTION_ADDED)
}

/// What the consumer knows about one activity when it decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact<'a> {
    pub kind: &'a str,
    pub channel: &'a str,
    /// The member who did it.
    pub actor: i64,
    /// Who would earn ([`earner`]); `None` when the target is gone, hidden or unknown.
    pub earner: Option<i64>,
    pub occurred_at: i64,
    /// When the target (a reacted-to post) was written, for the age limit.
    pub target_created_at: Option<i64>,
    /// For an idea's status change: did it ship?
    pub shipped: bool,
}

/// A day (UTC) as days since 1970, the unit of every cap.
pub fn day_of(millis: i64) -> i64 {
    millis.div_euclid(86_400_000)
}

/// What a member has earned so far, per day: all together, per kind, and reactions per
/// reacting member. The consumer loads it from the ledger for the members and days of a
/// batch; the reference and the replay build it as they go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub member_day: HashMap<(i64, i64), i64>,
    pub kind_day: HashMap<(i64, i64, String), i64>,
    pub pair_day: HashMap<(i64, i64, i64), i64>,
}

impl Tally {
    /// Records `amount` earned by `member` on `day` from `actor`'s activity of `kind`.
    pub fn add(&mut self, member: i64, day: i64, kind: &str, actor: i64, amount: i64) {
        *self.member_day.entry((member, day)).or_default() += amount;
        *self
            .kind_day
            .entry((member, day, kind.to_string()))
            .or_default() += amount;
        if is_reaction(kind) {
            *self.pair_day.entry((member, actor, day)).or_default() += 1;
        }
    }
}

/// How many points `fact` earns, and for whom, under `rules` and what `tally` says was
/// earned already that day; records the award in `tally`. `None` when it earns nothing.
pub fn award(rules: &Rules, fact: &Fact<'_>, tally: &mut Tally) -> Option<(i64, i64)> {
    let rule = rules.rule(fact.kind, fact.channel)?;
    let earner_id = fact.earner?;
    if earner(fact.kind) == Earner::TargetAuthor && earner_id == fact.actor {
        return None;
    }
    if fact.kind == k::IDEA_STATUS_CHANGED && !fact.shipped {
        return None;
    }
    let day = day_of(fact.occurred_at);
    if is_reaction(fact.kind) {
        let max_age = rules.limits.reaction_max_age_days * 86_400_000;
        if fact
            .target_created_at
            .is_some_and(|at| fact.occurred_at - at > max_age)
        {
            return None;
        }
        let pair = tally
            .pair_day
            .get(&(earner_id, fact.actor, day))
            .copied()
            .unwrap_or(0);
        if pair >= rules.limits.same_pair_daily_reactions {
            return None;
        }
    }
    let mut amount = rule.points;
    if let Some(cap) = rule.daily_cap {
        let so_far = tally
            .kind_day
            .get(&(earner_id, day, fact.kind.to_string()))
            .copied()
            .unwrap_or(0);
        amount = amount.min(cap - so_far);
    }
    let so_far = tally
        .member_day
        .get(&(earner_id, day))
        .copied()
        .unwrap_or(0);
    amount = amount.min(rules.limits.member_daily_cap - so_far);
    if amount <= 0 {
        return None;
    }
    tally.add(earner_id, day, fact.kind, fact.actor, amount);
    Some((earner_id, amount))
}

/// Skool's curve, which members know: level 1 at 0 points, then 5, 20, 65, 155, 515…
pub const DEFAULT_LEVELS: &[i64] = &[0, 5, 20, 65, 155, 515, 2015, 8015, 33015];

/// The most levels a community may have.
pub const MAX_LEVELS: usize = 20;

/// The level (from 1) of a member who has earned `earned` points.
pub fn level_for(thresholds: &[i64], earned: i64) -> i64 {
    thresholds.iter().filter(|t| **t <= earned).count().max(1) as i64
}

/// Thresholds start at 0 and rise strictly; at most [`MAX_LEVELS`]. The error names the
/// level (from 1) that breaks it.
pub fn check_levels(thresholds: &[i64]) -> Result<(), crate::Invalid> {
    if thresholds.is_empty() || thresholds.len() > MAX_LEVELS {
        return Err(crate::Invalid::new("levels", "err-levels-count"));
    }
    if thresholds[0] != 0 {
        return Err(crate::Invalid::new("levels", "err-levels-first"));
    }
    for i in 1..thresholds.len() {
        if thresholds[i] <= thresholds[i - 1] || thresholds[i] > 100_000_000 {
            return Err(crate::Invalid::new(
                "levels",
                crate::message!("err-levels-rising", level = i + 1),
            ));
        }
    }
    Ok(())
}

/// What kind of entry a ledger row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// Points earned by a rule from an activity.
    Earn,
    /// A change of rules applied to past activity: the difference, per activity.
    Correction,
    /// Points taken back: the content was deleted or hidden, a reaction withdrawn, an
    /// answer unaccepted, or staff reversed a flagged ring.
    Reversal,
    /// Points spent on a reward.
    Redeem,
    /// A redemption cancelled: its points given back.
    Refund,
    /// Points for bringing someone in.
    Referral,
}

impl EntryKind {
    pub const ALL: &'static [EntryKind] = &[
        EntryKind::Earn,
        EntryKind::Correction,
        EntryKind::Reversal,
        EntryKind::Redeem,
        EntryKind::Refund,
        EntryKind::Referral,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Earn => "earn",
            EntryKind::Correction => "correction",
            EntryKind::Reversal => "reversal",
            EntryKind::Redeem => "redeem",
            EntryKind::Refund => "refund",
            EntryKind::Referral => "referral",
        }
    }

    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.iter().copied().find(|e| e.as_str() == s)
    }

    /// Does it count towards what a member has earned (their level and the leaderboards)?
    /// Spending and refunds change only the balance.
    pub fn counts_as_earned(self) -> bool {
        !matches!(self, EntryKind::Redeem | EntryKind::Refund)
    }
}

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Every field of one ledger entry that its hash covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub member_id: i64,
    pub amount: i64,
    pub kind: String,
    /// The rule's activity kind, or what the entry is for (`reward:3`, `referral`).
    pub reason: String,
    pub activity_id: Option<i64>,
    /// The member whose activity it came from (the reactor for a reaction received).
    pub actor_id: Option<i64>,
    pub target_type: Option<String>,
    pub target_id: Option<i64>,
    pub space_id: Option<i64>,
    pub occurred_at: i64,
    pub created_at: i64,
    pub prev_hash: String,
    pub hash: String,
}

/// The entry's hash: SHA-256 (hex) over a version tag, then each field as its length, a
/// colon and its text, so no two different entries can read the same. Documented in
/// docs/POINTS.md so that anyone can recompute it.
pub fn entry_hash(e: &Entry) -> String {
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let fields = [
        e.id.to_string(),
        e.member_id.to_string(),
        e.amount.to_string(),
        e.kind.clone(),
        e.reason.clone(),
        opt(e.activity_id),
        opt(e.actor_id),
        e.target_type.clone().unwrap_or_default(),
        opt(e.target_id),
        opt(e.space_id),
        e.occurred_at.to_string(),
        e.created_at.to_string(),
        e.prev_hash.clone(),
    ];
    let mut h = Sha256::new();
    h.update(b"hearth-ledger-v1\n");
    for f in &fields {
        h.update(f.len().to_string().as_bytes());
        h.update(b":");
        h.update(f.as_bytes());
        h.update(b"\n");
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What is wrong with the first entry that does not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Its hash is not the hash of its fields: it was edited.
    Hash,
    /// Its previous hash is not the hash of the entry before: one was edited or removed.
    Link,
    /// Its number is not the one after the last: an entry before it is missing.
    Gap,
    /// An unknown kind of entry.
    Kind,
    /// The stored balance of its member is not the sum of their entries.
    Balance,
}

impl Problem {
    pub fn as_str(self) -> &'static str {
        match self {
            Problem::Hash => "hash",
            Problem::Link => "link",
            Problem::Gap => "gap",
            Problem::Kind => "kind",
            Problem::Balance => "balance",
        }
    }
}

/// Walks the chain in id order and sums every member's balance and earnings as it goes.
#[derive(Debug, Clone)]
pub struct Verifier {
    prev_hash: String,
    last_id: i64,
    pub entries: i64,
    /// member → (balance, earned), from the entries.
    pub totals: HashMap<i64, (i64, i64)>,
    /// The first entry that does not match, and why.
    pub first_bad: Option<(i64, Problem)>,
    /// Each member's last entry, to name when their stored balance is wrong.
    last_of: HashMap<i64, i64>,
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier {
            prev_hash: GENESIS.to_string(),
            last_id: 0,
            entries: 0,
            totals: HashMap::new(),
            first_bad: None,
            last_of: HashMap::new(),
        }
    }
}

impl Verifier {
    /// Checks the next entry (they must come in id order).
    pub fn check(&mut self, e: &Entry) {
        self.entries += 1;
        let kind = EntryKind::parse(&e.kind);
        let problem = if e.id != self.last_id + 1 {
            Some(Problem::Gap)
        } else if e.prev_hash != self.prev_hash {
            Some(Problem::Link)
        } else if entry_hash(e) != e.hash {
            Some(Problem::Hash)
        } else if kind.is_none() {
            Some(Problem::Kind)
        } else {
            None
        };
        if let (Some(p), None) = (problem, self.first_bad) {
            self.first_bad = Some((e.id, p));
        }
        let t = self.totals.entry(e.member_id).or_default();
        t.0 += e.amount;
        if kind.is_some_and(EntryKind::counts_as_earned) {
            t.1 += e.amount;
        }
        self.last_of.insert(e.member_id, e.id);
        self.last_id = e.id;
        self.prev_hash = e.hash.clone();
    }

    /// The stored hash of the last entry the chain ends with.
    pub fn head(&self) -> &str {
        &self.prev_hash
    }

    /// Compares the stored balances with the sums; the first member whose stored balance
    /// differs is named by their last entry (or 0 when they have none).
    pub fn check_balances(&mut self, stored: &HashMap<i64, (i64, i64)>) {
        if self.first_bad.is_some() {
            return;
        }
        let mut members: Vec<i64> = stored.keys().chain(self.totals.keys()).copied().collect();
        members.sort_unstable();
        members.dedup();
        for m in members {
            let want = self.totals.get(&m).copied().unwrap_or((0, 0));
            let have = stored.get(&m).copied().unwrap_or((0, 0));
            if want != have {
                let entry = self.last_of.get(&m).copied().unwrap_or(0);
                self.first_bad = Some((entry, Problem::Balance));
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(kind: &'static str, actor: i64, earner: i64, at: i64) -> Fact<'static> {
        Fact {
            kind,
            channel: k::HUB,
            actor,
            earner: Some(earner),
            occurred_at: at,
            target_created_at: Some(at),
            shipped: false,
        }
    }

    #[test]
    fn self_dealing_earns_nothing() {
        let rules = Rules::default();
        let mut t = Tally::default();
        assert_eq!(award(&rules, &fact(k::REACTED, 1, 1, 0), &mut t), None);
        assert_eq!(
            award(&rules, &fact(k::ANSWER_ACCEPTED, 1, 1, 0), &mut t),
            None
        );
        assert_eq!(
            award(&rules, &fact(k::REACTED, 2, 1, 0), &mut t),
            Some((1, 1))
        );
    }

    #[test]
    fn reactions_from_one_member_to_one_author_are_capped_per_day() {
        let rules = Rules::default();
        let mut t = Tally::default();
        let got: Vec<_> = (0..5)
            .map(|i| award(&rules, &fact(k::REACTED, 2, 1, i), &mut t))
            .collect();
        assert_eq!(got.iter().flatten().count(), 3);
        // The next day counts again.
        assert!(award(&rules, &fact(k::REACTED, 2, 1, 86_400_000), &mut t).is_some());
    }

    #[test]
    fn a_reaction_to_an_old_post_earns_nothing() {
        let rules = Rules::default();
        let mut t = Tally::default();
        let mut f = fact(k::REACTED, 2, 1, 40 * 86_400_000);
        f.target_created_at = Some(0);
        assert_eq!(award(&rules, &f, &mut t), None);
    }

    #[test]
    fn the_daily_caps_hold_per_kind_and_per_member() {
        let rules = Rules::default();
        let mut t = Tally::default();
        let replies: i64 = (0..100)
            .filter_map(|i| award(&rules, &fact(k::REPLIED, 1, 1, i), &mut t))
            .map(|(_, n)| n)
            .sum();
        assert_eq!(replies, 40);
        let topics: i64 = (0..100)
            .filter_map(|i| award(&rules, &fact(k::TOPIC_STARTED, 1, 1, i), &mut t))
            .map(|(_, n)| n)
            .sum();
        assert_eq!(topics, 25);
        let accepted: i64 = (0..100)
            .filter_map(|i| award(&rules, &fact(k::ANSWER_ACCEPTED, 2, 1, i), &mut t))
            .map(|(_, n)| n)
            .sum();
        assert_eq!(replies + topics + accepted, 200);
    }

    #[test]
    fn only_a_shipped_idea_earns() {
        let rules = Rules::default();
        let mut t = Tally::default();
        let mut f = fact(k::IDEA_STATUS_CHANGED, 2, 1, 0);
        assert_eq!(award(&rules, &f, &mut t), None);
        f.shipped = true;
        assert_eq!(award(&rules, &f, &mut t), Some((1, 20)));
    }

    #[test]
    fn levels_follow_the_thresholds() {
        assert_eq!(level_for(DEFAULT_LEVELS, 0), 1);
        assert_eq!(level_for(DEFAULT_LEVELS, 4), 1);
        assert_eq!(level_for(DEFAULT_LEVELS, 5), 2);
        assert_eq!(level_for(DEFAULT_LEVELS, 100_000), 9);
        assert!(check_levels(DEFAULT_LEVELS).is_ok());
        let e = check_levels(&[0, 5, 5]).unwrap_err();
        assert_eq!(e.message.key, "err-levels-rising");
        assert_eq!(
            e.message.arg("level"),
            Some(&crate::message::Arg::Number(3.0))
        );
        assert_eq!(
            check_levels(&[1, 5]).unwrap_err().message.key,
            "err-levels-first"
        );
    }

    fn chain(n: i64) -> Vec<Entry> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|id| {
                let mut e = Entry {
                    id,
                    member_id: id % 3,
                    amount: id,
                    kind: "earn".into(),
                    reason: k::REPLIED.into(),
                    activity_id: Some(id),
                    actor_id: None,
                    target_type: Some("post".into()),
                    target_id: Some(id),
                    space_id: None,
                    occurred_at: id,
                    created_at: id,
                    prev_hash: prev.clone(),
                    hash: String::new(),
                };
                e.hash = entry_hash(&e);
                prev = e.hash.clone();
                e
            })
            .collect()
    }

    #[test]
    fn the_verifier_names_the_first_edited_entry() {
        let mut entries = chain(10);
        let mut v = Verifier::default();
        entries.iter().for_each(|e| v.check(e));
        assert_eq!(v.first_bad, None);
        entries[4].amount = 999;
        let mut v = Verifier::default();
        entries.iter().for_each(|e| v.check(e));
        assert_eq!(v.first_bad, Some((5, Problem::Hash)));
        // Rehashing the edited entry breaks the next one's link instead.
        entries[4].hash = entry_hash(&entries[4]);
        let mut v = Verifier::default();
        entries.iter().for_each(|e| v.check(e));
        assert_eq!(v.first_bad, Some((6, Problem::Link)));
        let mut gap = chain(5);
        gap.remove(2);
        let mut v = Verifier::default();
        gap.iter().for_each(|e| v.check(e));
        assert_eq!(v.first_bad, Some((4, Problem::Gap)));
    }

    #[test]
    fn a_wrong_stored_balance_is_named() {
        let entries = chain(6);
        let mut v = Verifier::default();
        entries.iter().for_each(|e| v.check(e));
        let mut stored = v.totals.clone();
        stored.insert(1, (0, 0));
        v.check_balances(&stored);
        assert_eq!(v.first_bad, Some((4, Problem::Balance)));
    }
}
