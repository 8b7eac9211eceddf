//! A generated community for the reference tests and the benchmark: members who stay,
//! drift away and come back, on several channels, asking and answering questions, some of
//! them staff, some opted out. Deterministic for a seed.

#![allow(dead_code)]

use hearth_core::activity as k;
use hearth_core::rng::Rng;

pub const DAY_MS: i64 = 86_400_000;
/// 2025-01-06T00:00:00Z, a Monday.
pub const START_MS: i64 = 1_736_121_600_000;

#[derive(Debug, Clone)]
pub struct Row {
    pub member_id: i64,
    pub kind: &'static str,
    pub channel: &'static str,
    pub space_id: Option<i64>,
    pub topic_id: Option<i64>,
    pub post_author: Option<i64>,
    /// The member replied to (the asker, for a reply to a question).
    pub target_member: Option<i64>,
    /// Minor units, for commerce.
    pub weight: i64,
    pub at_ms: i64,
}

impl Row {
    pub fn input(&self) -> hearth_insights::Input<'_> {
        hearth_insights::Input {
            member_id: self.member_id,
            kind: self.kind,
            channel: self.channel,
            space_id: self.space_id,
            topic_id: self.topic_id,
            post_author: self.post_author,
            target_member: self.target_member,
            weight: self.weight,
            at_ms: self.at_ms,
        }
    }
}

pub struct Community {
    /// In time order.
    pub rows: Vec<Row>,
    pub staff: Vec<i64>,
    pub excluded: Vec<i64>,
    pub members: i64,
}

const KINDS: &[&str] = &[
    k::VISITED,
    k::VISITED,
    k::VISITED,
    k::REACTED,
    k::TOPIC_STARTED,
    k::REPLIED,
    k::REPLIED,
    k::POLL_VOTED,
    k::IDEA_VOTED,
    // Not a member's own doing: left out of every number.
    k::TRUST_LEVEL_CHANGED,
    k::ORDER_PLACED,
    k::MENTIONED,
];

/// `members` people over `days` days, about `per_member_day` activities a day while a
/// member is around.
pub fn generate(seed: u64, members: i64, days: i64, per_member_day: f64) -> Community {
    let mut rng = Rng::new(seed);
    let mut rows = Vec::new();
    let mut next_topic = 1i64;
    let mut open_questions: Vec<(i64, i64, i64)> = Vec::new(); // (topic, asker, asked)
    for id in 1..=members {
        let channel = *rng.pick(&["hub", "hub", "discord", "slack"]);
        let joined = rng.below(days as u64) as i64;
        // How long they stay, and whether they come back after a break.
        let stay =
            1 + rng.below(((days - joined) as u64).max(1)) as i64 / (1 + rng.below(4) as i64);
        let comeback = rng
            .chance(0.25)
            .then(|| joined + stay + 14 + rng.below(60) as i64);
        let mut spans = vec![(joined, joined + stay)];
        if let Some(back) = comeback {
            spans.push((back, back + 7 + rng.below(30) as i64));
        }
        for (from, to) in spans {
            for day in from..to.min(days) {
                if !rng.chance(per_member_day.min(1.0)) {
                    continue;
                }
                let n = 1 + rng.below(3);
                for _ in 0..n {
                    let at = START_MS + day * DAY_MS + rng.below(DAY_MS as u64) as i64;
                    let kind = *rng.pick(KINDS);
                    let space_id = Some(1 + rng.below(4) as i64);
                    let mut row = Row {
                        member_id: id,
                        kind,
                        channel,
                        space_id,
                        topic_id: None,
                        post_author: None,
                        target_member: None,
                        weight: 1,
                        at_ms: at,
                    };
                    if kind == k::TOPIC_STARTED && rng.chance(0.4) {
                        row.kind = k::QUESTION_ASKED;
                        row.topic_id = Some(next_topic);
                        open_questions.push((next_topic, id, at));
                        next_topic += 1;
                    } else if kind == k::REPLIED && !open_questions.is_empty() && rng.chance(0.6) {
                        let (topic, asker, asked) =
                            open_questions[rng.below(open_questions.len() as u64) as usize];
                        row.topic_id = Some(topic);
                        row.target_member = Some(asker);
                        row.at_ms = row
                            .at_ms
                            .max(asked + 1 + rng.below(3 * DAY_MS as u64) as i64);
                        if asker != id && rng.chance(0.2) {
                            rows.push(Row {
                                member_id: asker,
                                kind: k::ANSWER_ACCEPTED,
                                channel: "hub",
                                space_id,
                                topic_id: Some(topic),
                                post_author: Some(id),
                                target_member: None,
                                weight: 1,
                                at_ms: row.at_ms + 60_000,
                            });
                        }
                    }
                    rows.push(row);
                }
            }
        }
    }
    rows.sort_by_key(|r| r.at_ms);
    // Topics were numbered member by member above; a store numbers them as they are
    // created, so they are numbered again in the order they are asked.
    let mut number = vec![0i64; next_topic as usize];
    let mut created = 0;
    for row in &mut rows {
        if let Some(topic) = row.topic_id {
            let n = &mut number[topic as usize];
            if *n == 0 {
                created += 1;
                *n = created;
            }
            row.topic_id = Some(*n);
        }
    }
    let staff: Vec<i64> = (1..=members).filter(|id| id % 97 == 0).collect();
    let excluded: Vec<i64> = (1..=members).filter(|id| id % 89 == 0).collect();
    Community {
        rows,
        staff,
        excluded,
        members,
    }
}

/// The community as the engine holds it, fed in batches of `batch` rows.
pub fn log(c: &Community, zone: &str, batch: usize) -> hearth_insights::Log {
    let mut log = hearth_insights::Log::new(hearth_insights::Zone::new(zone).unwrap());
    for &id in &c.staff {
        log.set_person(
            id,
            hearth_insights::Facts {
                staff: true,
                excluded: false,
            },
        );
    }
    for &id in &c.excluded {
        log.set_person(
            id,
            hearth_insights::Facts {
                staff: false,
                excluded: true,
            },
        );
    }
    for chunk in c.rows.chunks(batch.max(1)) {
        log.append(chunk.iter().map(Row::input));
    }
    log
}

/// A normal draw (Box–Muller).
fn normal(rng: &mut Rng) -> f64 {
    let u = rng.unit().max(1e-12);
    let v = rng.unit();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// A shop's customers over `days` days, some of whom join the community: each buys at a
/// rate of their own (about once a month, spread log-normally) with a common season, and
/// the better customers are likelier to join (self-selection, as in real shops). From the
/// day they join, members buy `1 + lift` times as often: the planted effect. Members post
/// on Discord from the day they join. Deterministic for a seed.
pub fn shop(seed: u64, customers: i64, days: i64, lift: f64) -> Community {
    let mut rng = Rng::new(seed);
    let mut rows = Vec::new();
    for id in 1..=customers {
        let rate = (normal(&mut rng) * 0.7 - 30f64.ln()).exp();
        let ticket = 2_000.0 * (normal(&mut rng) * 0.3).exp();
        let joins = rng.chance((0.35 * rate * 30.0).min(0.8));
        let join = joins.then(|| 200 + rng.below((days - 300).max(1) as u64) as i64);
        for day in 0..days {
            let season = 1.0 + 0.3 * (std::f64::consts::TAU * day as f64 / 365.0).sin();
            let boost = if join.is_some_and(|j| day >= j) {
                1.0 + lift
            } else {
                1.0
            };
            let at = START_MS + day * DAY_MS + rng.below(DAY_MS as u64) as i64;
            if rng.chance(rate * season * boost) {
                let amount = (ticket * (normal(&mut rng) * 0.4).exp()).round() as i64;
                rows.push(Row {
                    member_id: id,
                    kind: k::ORDER_PLACED,
                    channel: "shop",
                    space_id: None,
                    topic_id: None,
                    post_author: None,
                    target_member: None,
                    weight: amount.max(1),
                    at_ms: at,
                });
            }
            if join.is_some_and(|j| day == j || (day > j && rng.chance(0.2))) {
                rows.push(Row {
                    member_id: id,
                    kind: k::MESSAGE_SENT,
                    channel: "discord",
                    space_id: None,
                    topic_id: None,
                    post_author: None,
                    target_member: None,
                    weight: 1,
                    at_ms: at + 1,
                });
            }
        }
    }
    rows.sort_by_key(|r| r.at_ms);
    Community {
        rows,
        staff: Vec::new(),
        excluded: Vec::new(),
        members: customers,
    }
}
