//! The columnar copy of the activity log: one row per activity that is a member's own doing
//! (`hearth_core::activity::is_own_doing`), kept sorted by time, plus the questions and
//! their answers for the support numbers. Everything else (orders, things done *to* a
//! member, staff housekeeping) is left out at the door.
//!
//! A row is five columns: the member (an index into [`Log::people`]), the minute it
//! happened (UTC), its day on the community's clock, its kind and its channel, plus the
//! space. See [`Log::bytes_per_row`].

use crate::calendar::{Day, Zone};
use hearth_core::activity as kinds;
use std::collections::HashMap;

/// One activity as the store gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input<'a> {
    pub member_id: i64,
    pub kind: &'a str,
    pub channel: &'a str,
    pub space_id: Option<i64>,
    /// The topic the activity is about: the topic started or asked, or the topic of the
    /// post replied, accepted or reacted to.
    pub topic_id: Option<i64>,
    /// For an accepted answer: the answer's author.
    pub post_author: Option<i64>,
    pub at_ms: i64,
}

/// What the engine knows of a person besides their activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Facts {
    /// Moderators, admins and the owner: their replies are staff replies.
    pub staff: bool,
    /// Opted out of analytics: left out of every number.
    pub excluded: bool,
}

/// A person in the engine: their id in the store and their facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub facts: Facts,
}

/// How a kind counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KindClass {
    /// A visit (counts as active; a lurker visits and never posts).
    pub visit: bool,
    /// A contribution (CHAOSS): a topic, a question or a reply.
    pub post: bool,
    /// A reply (for the contributor funnel).
    pub reply: bool,
}

/// A question and what became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub topic_id: i64,
    pub asker: u32,
    pub asked_ms: i64,
    pub day: Day,
    pub channel: u8,
    pub space: u32,
    /// The first reply by someone other than the asker: (when, by staff?).
    pub first_reply: Option<(i64, bool)>,
    /// The first reply by someone other than the asker who is not staff.
    pub first_member_reply: Option<i64>,
    /// The accepted answer: (when accepted, its author's index), while it stands.
    pub accepted: Option<(i64, Option<u32>)>,
}

/// Names interned to small numbers, in order of first sight.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Names {
    fn intern(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), self.names.len() - 1);
        self.names.len() - 1
    }

    pub fn get(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// The most channels kept apart; later ones share the last number.
pub const MAX_CHANNELS: usize = 255;
/// The most kinds kept apart.
pub const MAX_KINDS: usize = 65_535;

/// The columnar log. Rows are sorted by `minute` (ties in arrival order).
#[derive(Debug, Clone)]
pub struct Log {
    pub zone: Zone,
    pub people: Vec<Person>,
    person_index: HashMap<i64, u32>,
    pub kinds: Names,
    pub kind_class: Vec<KindClass>,
    pub channels: Names,
    spaces: HashMap<i64, u32>,
    pub space_ids: Vec<i64>,
    // The columns.
    pub member: Vec<u32>,
    pub minute: Vec<u32>,
    pub day: Vec<Day>,
    pub kind: Vec<u16>,
    pub channel: Vec<u8>,
    /// 0 for none, else 1 + an index into `space_ids`.
    pub space: Vec<u32>,
    /// Questions by topic id.
    pub questions: HashMap<i64, Question>,
}

impl Log {
    pub fn new(zone: Zone) -> Log {
        Log {
            zone,
            people: Vec::new(),
            person_index: HashMap::new(),
            kinds: Names::default(),
            kind_class: Vec::new(),
            channels: Names::default(),
            spaces: HashMap::new(),
            space_ids: Vec::new(),
            member: Vec::new(),
            minute: Vec::new(),
            day: Vec::new(),
            kind: Vec::new(),
            channel: Vec::new(),
            space: Vec::new(),
            questions: HashMap::new(),
        }
    }

    /// Rows held.
    pub fn len(&self) -> usize {
        self.member.len()
    }

    pub fn is_empty(&self) -> bool {
        self.member.is_empty()
    }

    /// The bytes one row takes in the columns.
    pub const fn bytes_per_row() -> usize {
        4 + 4 + 4 + 2 + 1 + 4
    }

    /// Sets what is known of a person (staff, opted out). A person first seen in an
    /// activity is neither until told.
    pub fn set_person(&mut self, id: i64, facts: Facts) {
        let i = self.person(id);
        self.people[i as usize].facts = facts;
    }

    /// The index of person `id`, added when new.
    pub fn person(&mut self, id: i64) -> u32 {
        if let Some(&i) = self.person_index.get(&id) {
            return i;
        }
        let i = self.people.len() as u32;
        self.people.push(Person {
            id,
            facts: Facts::default(),
        });
        self.person_index.insert(id, i);
        i
    }

    /// The index of person `id`, if the log knows them.
    pub fn person_of(&self, id: i64) -> Option<u32> {
        self.person_index.get(&id).copied()
    }

    fn kind_number(&mut self, kind: &str) -> u16 {
        let before = self.kinds.names.len();
        let n = if before >= MAX_KINDS && self.kinds.get(kind).is_none() {
            MAX_KINDS - 1
        } else {
            self.kinds.intern(kind)
        };
        if self.kinds.names.len() > before {
            self.kind_class.push(KindClass {
                visit: kind == kinds::VISITED,
                post: matches!(
                    kind,
                    kinds::TOPIC_STARTED | kinds::QUESTION_ASKED | kinds::REPLIED
                ),
                reply: kind == kinds::REPLIED,
            });
        }
        n as u16
    }

    fn channel_number(&mut self, channel: &str) -> u8 {
        if self.channels.names.len() >= MAX_CHANNELS && self.channels.get(channel).is_none() {
            return (MAX_CHANNELS - 1) as u8;
        }
        self.channels.intern(channel) as u8
    }

    fn space_number(&mut self, space: Option<i64>) -> u32 {
        let Some(id) = space else { return 0 };
        if let Some(&n) = self.spaces.get(&id) {
            return n;
        }
        self.space_ids.push(id);
        let n = self.space_ids.len() as u32;
        self.spaces.insert(id, n);
        n
    }

    /// The column number of space `id` (0 when the log has never seen it).
    pub fn space_of(&self, id: i64) -> Option<u32> {
        self.spaces.get(&id).copied()
    }

    /// Appends activities. Those that are not a member's own doing are skipped; the rest
    /// go in time order, wherever they fall (an import of old messages lands in the past).
    /// Returns how many rows were added.
    pub fn append<'a>(&mut self, batch: impl IntoIterator<Item = Input<'a>>) -> usize {
        let start = self.len();
        let mut sorted = true;
        let mut last = self.minute.last().copied().unwrap_or(0);
        let zone = self.zone.clone();
        let mut reader = zone.days();
        for a in batch {
            let own = kinds::is_own_doing(a.kind);
            if !own && a.kind != kinds::ANSWER_UNACCEPTED {
                continue;
            }
            let member = self.person(a.member_id);
            let minute = a.at_ms.div_euclid(60_000).clamp(0, i64::from(u32::MAX)) as u32;
            let day = reader.day(i64::from(minute) * 60_000);
            let channel = self.channel_number(a.channel);
            let space = self.space_number(a.space_id);
            self.track_question(&a, member, day, channel, space);
            if !own {
                continue;
            }
            let kind = self.kind_number(a.kind);
            sorted &= minute >= last;
            last = last.max(minute);
            self.member.push(member);
            self.minute.push(minute);
            self.day.push(day);
            self.kind.push(kind);
            self.channel.push(channel);
            self.space.push(space);
        }
        if !sorted {
            self.resort_from(start);
        }
        self.len() - start
    }

    /// Puts rows in time order again after rows from `start` on arrived out of order:
    /// only the suffix from the first row the new ones precede is rearranged.
    fn resort_from(&mut self, start: usize) {
        let first_new = self.minute[start..].iter().copied().min().unwrap_or(0);
        let from = self.minute[..start].partition_point(|&m| m <= first_new);
        let mut order: Vec<u32> = (from as u32..self.len() as u32).collect();
        order.sort_by_key(|&i| self.minute[i as usize]);
        fn permute<T: Copy>(col: &mut [T], from: usize, order: &[u32]) {
            let moved: Vec<T> = order.iter().map(|&i| col[i as usize]).collect();
            col[from..].copy_from_slice(&moved);
        }
        permute(&mut self.member, from, &order);
        permute(&mut self.minute, from, &order);
        permute(&mut self.day, from, &order);
        permute(&mut self.kind, from, &order);
        permute(&mut self.channel, from, &order);
        permute(&mut self.space, from, &order);
    }

    /// Keeps the questions and their answers up to date.
    fn track_question(&mut self, a: &Input<'_>, member: u32, day: Day, channel: u8, space: u32) {
        let Some(topic_id) = a.topic_id else { return };
        match a.kind {
            kinds::QUESTION_ASKED => {
                self.questions.entry(topic_id).or_insert(Question {
                    topic_id,
                    asker: member,
                    asked_ms: a.at_ms,
                    day,
                    channel,
                    space,
                    first_reply: None,
                    first_member_reply: None,
                    accepted: None,
                });
            }
            kinds::REPLIED => {
                let staff = self.people[member as usize].facts.staff;
                let Some(q) = self.questions.get_mut(&topic_id) else {
                    return;
                };
                if q.asker == member || a.at_ms < q.asked_ms {
                    return;
                }
                if q.first_reply.is_none_or(|(at, _)| a.at_ms < at) {
                    q.first_reply = Some((a.at_ms, staff));
                }
                if !staff && q.first_member_reply.is_none_or(|at| a.at_ms < at) {
                    q.first_member_reply = Some(a.at_ms);
                }
            }
            kinds::ANSWER_ACCEPTED => {
                let author = a.post_author.map(|id| self.person(id));
                if let Some(q) = self.questions.get_mut(&topic_id) {
                    q.accepted = Some((a.at_ms, author));
                }
            }
            kinds::ANSWER_UNACCEPTED => {
                if let Some(q) = self.questions.get_mut(&topic_id) {
                    q.accepted = None;
                }
            }
            _ => {}
        }
    }

    /// The first and last day with activity, if any.
    pub fn span(&self) -> Option<(Day, Day)> {
        Some((*self.day.first()?, *self.day.last()?))
    }

    /// The memory the log holds, roughly: columns, people, questions.
    pub fn heap_bytes(&self) -> usize {
        self.member.capacity() * 4
            + self.minute.capacity() * 4
            + self.day.capacity() * 4
            + self.kind.capacity() * 2
            + self.channel.capacity()
            + self.space.capacity() * 4
            + self.people.capacity() * std::mem::size_of::<Person>()
            + self.person_index.capacity() * 16
            + self.questions.capacity() * (8 + std::mem::size_of::<Question>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(member_id: i64, kind: &'static str, at_ms: i64) -> Input<'static> {
        Input {
            member_id,
            kind,
            channel: "hub",
            space_id: Some(7),
            topic_id: None,
            post_author: None,
            at_ms,
        }
    }

    #[test]
    fn only_a_members_own_doing_is_kept_and_rows_stay_in_time_order() {
        let mut log = Log::new(Zone::utc());
        let day = 86_400_000;
        let added = log.append([
            input(1, kinds::REPLIED, 3 * day),
            input(2, kinds::TRUST_LEVEL_CHANGED, 3 * day),
            input(2, kinds::ORDER_PLACED, 3 * day),
            input(2, kinds::VISITED, 4 * day),
        ]);
        assert_eq!(
            added, 2,
            "a trust change and an order are not participation"
        );
        // An import of old messages lands in the past.
        log.append([
            input(3, kinds::MESSAGE_SENT, day),
            input(1, kinds::REACTED, 5 * day),
        ]);
        assert_eq!(log.day, vec![1, 3, 4, 5]);
        assert_eq!(
            log.member
                .iter()
                .map(|&m| log.people[m as usize].id)
                .collect::<Vec<_>>(),
            vec![3, 1, 2, 1]
        );
        assert_eq!(log.span(), Some((1, 5)));
        assert_eq!(Log::bytes_per_row(), 19);
    }

    #[test]
    fn questions_keep_their_first_replies_and_accepted_answer() {
        let mut log = Log::new(Zone::utc());
        log.set_person(
            9,
            Facts {
                staff: true,
                excluded: false,
            },
        );
        let q = |kind, member, at, author| Input {
            topic_id: Some(100),
            post_author: author,
            ..input(member, kind, at)
        };
        log.append([
            q(kinds::QUESTION_ASKED, 1, 1_000, None),
            q(kinds::REPLIED, 1, 2_000, None),
            q(kinds::REPLIED, 9, 3_000, None),
            q(kinds::REPLIED, 2, 4_000, None),
            q(kinds::ANSWER_ACCEPTED, 1, 5_000, Some(2)),
        ]);
        let question = log.questions[&100];
        assert_eq!(
            question.first_reply,
            Some((3_000, true)),
            "the asker's own reply does not count"
        );
        assert_eq!(question.first_member_reply, Some(4_000));
        assert_eq!(question.accepted, Some((5_000, log.person_of(2))));
        log.append([q(kinds::ANSWER_UNACCEPTED, 1, 6_000, None)]);
        assert_eq!(log.questions[&100].accepted, None);
    }
}
