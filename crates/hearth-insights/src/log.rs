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
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hash for the log's own keys (member ids from the store, kind and channel
/// names): FxHash's multiply-rotate. The keys are not chosen by an attacker in a way that
/// could flood one bucket (ids are the store's; names are few and checked on the way in).
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    #[inline]
    fn write_i64(&mut self, n: i64) {
        self.add(n as u64);
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Fast = BuildHasherDefault<FastHasher>;

/// Ids from the store to small numbers: a plain table for the ids a store hands out (dense,
/// from 1), a hash map past [`DenseIndex::LIMIT`].
#[derive(Debug, Clone, Default)]
pub struct DenseIndex {
    /// `small[id]` is the number + 1, or 0.
    small: Vec<u32>,
    large: HashMap<i64, u32, Fast>,
}

impl DenseIndex {
    const LIMIT: i64 = 1 << 24;

    #[inline]
    pub fn get(&self, id: i64) -> Option<u32> {
        if (0..Self::LIMIT).contains(&id) {
            match self.small.get(id as usize) {
                Some(&n) if n > 0 => Some(n - 1),
                _ => None,
            }
        } else {
            self.large.get(&id).copied()
        }
    }

    pub fn insert(&mut self, id: i64, n: u32) {
        if (0..Self::LIMIT).contains(&id) {
            let i = id as usize;
            if i >= self.small.len() {
                self.small.resize((i + 1).max(self.small.len() * 2), 0);
            }
            self.small[i] = n + 1;
        } else {
            self.large.insert(id, n);
        }
    }

    fn heap_bytes(&self) -> usize {
        self.small.capacity() * 4 + self.large.capacity() * 16
    }
}

/// One bit per topic id below [`DenseIndex::LIMIT`]: set while a reply to that topic can
/// still change a number (it is a question whose first replies are not both known). A reply
/// to any other topic is answered from this table, which stays in the processor's cache,
/// instead of from the questions, which do not.
#[derive(Debug, Clone, Default)]
struct TopicBits(Vec<u64>);

impl TopicBits {
    #[inline]
    fn get(&self, id: i64) -> Option<bool> {
        if !(0..DenseIndex::LIMIT).contains(&id) {
            return None;
        }
        let i = id as usize;
        Some(self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0))
    }

    fn set(&mut self, id: i64, on: bool) {
        if !(0..DenseIndex::LIMIT).contains(&id) {
            return;
        }
        let i = id as usize;
        if i / 64 >= self.0.len() {
            if !on {
                return;
            }
            self.0.resize((i / 64 + 1).max(self.0.len() * 2), 0);
        }
        if on {
            self.0[i / 64] |= 1 << (i % 64);
        } else {
            self.0[i / 64] &= !(1 << (i % 64));
        }
    }
}

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
    /// The member an activity answers or helps: the author of the topic replied to, the
    /// author of the message replied to on another channel, the asker whose question was
    /// answered. Feeds who helps whom.
    pub target_member: Option<i64>,
    /// The activity's weight: for commerce (orders, payments, refunds, purchases) the
    /// amount in minor units.
    pub weight: i64,
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

/// What a kind means for the questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuestionRole {
    #[default]
    None,
    Asked,
    Reply,
    Accepted,
    Unaccepted,
}

/// How a kind counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KindClass {
    /// A member's own doing: kept as a row.
    pub own: bool,
    pub question: QuestionRole,
    /// A visit (counts as active; a lurker visits and never posts).
    pub visit: bool,
    /// A contribution (CHAOSS): a topic, a question or a reply.
    pub post: bool,
    /// A reply (for the contributor funnel).
    pub reply: bool,
    /// Help given to its target member (a reply on the hub, a reply on another channel):
    /// an edge of who helps whom.
    pub help: bool,
    /// Money: +1 for spend (an order, a payment, a purchase), -1 for a refund, 0 else.
    pub spend: i8,
}

/// Money a person spent (or had refunded, negative) on a day, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spend {
    pub person: u32,
    pub day: Day,
    pub cents: i64,
}

/// One act of help: `helper` replied to `helped`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Help {
    pub helped: u32,
    pub helper: u32,
    pub minute: u32,
    pub day: Day,
    pub channel: u8,
    pub space: u32,
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

/// The part of a question every reply reads, kept apart so that a reply touches 32 bytes
/// (a reply's check is the engine's one random access into memory it cannot cache).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hot {
    asker: u32,
    first_reply_staff: bool,
    asked_ms: i64,
    /// `i64::MAX` until someone other than the asker replies.
    first_reply_ms: i64,
    /// `i64::MAX` until someone who is neither the asker nor staff replies.
    first_member_reply_ms: i64,
}

/// The rest of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cold {
    topic_id: i64,
    day: Day,
    channel: u8,
    space: u32,
    accepted: Option<(i64, Option<u32>)>,
}

/// Names interned to small numbers, in order of first sight.
/// A name's key for the direct-mapped cache in front of the map: its first and last eight
/// bytes and its length. Names of at most sixteen bytes are equal exactly when their keys
/// are, so the cache answers them without comparing strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Key(u64, u64, usize);

#[inline]
fn key(name: &str) -> Key {
    let b = name.as_bytes();
    let len = b.len();
    if let (Some(head), Some(tail)) = (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        return Key(u64::from_le_bytes(*head), u64::from_le_bytes(*tail), len);
    }
    let mut x = 0u64;
    for (i, &c) in b.iter().enumerate() {
        x |= u64::from(c) << (8 * i);
    }
    Key(x, x, len)
}

#[inline]
fn slot(k: Key) -> usize {
    let mixed = k.0 ^ k.1.rotate_left(29) ^ k.2 as u64;
    (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

#[derive(Debug, Clone)]
pub struct Names {
    pub names: Vec<String>,
    index: HashMap<String, usize, Fast>,
    /// The key and number of the last name seen in each slot: most lookups end here.
    cache: Box<[(Key, u32); 256]>,
}

impl Default for Names {
    fn default() -> Self {
        Names {
            names: Vec::new(),
            index: HashMap::default(),
            cache: Box::new([(Key::default(), u32::MAX); 256]),
        }
    }
}

impl Names {
    fn intern(&mut self, name: &str) -> usize {
        if let Some(i) = self.get(name) {
            return i;
        }
        self.names.push(name.to_string());
        let i = self.names.len() - 1;
        self.index.insert(name.to_string(), i);
        let k = key(name);
        self.cache[slot(k)] = (k, i as u32);
        i
    }

    #[inline]
    pub fn get(&self, name: &str) -> Option<usize> {
        let k = key(name);
        let (cached, i) = self.cache[slot(k)];
        if cached == k && i != u32::MAX && (k.2 <= 16 || self.names[i as usize] == name) {
            return Some(i as usize);
        }
        self.index.get(name).copied()
    }
}

/// Numbers of names by the address and length of the name, for one call of
/// [`Log::append`]: a direct-mapped table of 64 slots. Sound because every name an
/// append reads is borrowed for the whole call, so the bytes at an address cannot change
/// while the table lives; a name never lies at address 0, so the empty table matches
/// nothing. A name whose copies lie at many addresses (one string a row) only misses.
struct ByAddress([(usize, usize, u16); 64]);

impl Default for ByAddress {
    fn default() -> Self {
        ByAddress([(0, 0, 0); 64])
    }
}

impl ByAddress {
    #[inline]
    fn slot(name: &str) -> usize {
        let address = name.as_ptr() as usize;
        ((address >> 3) ^ (address >> 11) ^ name.len()) & 63
    }

    /// The number remembered for `name`, or `look_up`'s answer, remembered.
    #[inline]
    fn number(&mut self, name: &str, look_up: impl FnOnce() -> u16) -> u16 {
        let key = (name.as_ptr() as usize, name.len());
        let slot = &mut self.0[Self::slot(name)];
        if (slot.0, slot.1) != key {
            *slot = (key.0, key.1, look_up());
        }
        slot.2
    }
}

/// The most channels kept apart; later ones share the last number.
pub const MAX_CHANNELS: usize = 255;
/// The name of the channel that stands for every channel past [`MAX_CHANNELS`] − 1.
pub const OTHER_CHANNELS: &str = "(other channels)";

/// The most kinds kept apart.
pub const MAX_KINDS: usize = 65_535;

/// The columnar log. Rows are sorted by `minute` (ties in arrival order).
#[derive(Debug, Clone)]
pub struct Log {
    pub zone: Zone,
    pub people: Vec<Person>,
    person_index: DenseIndex,
    pub kinds: Names,
    pub kind_class: Vec<KindClass>,
    pub channels: Names,
    spaces: DenseIndex,
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
    hot: Vec<Hot>,
    cold: Vec<Cold>,
    question_index: DenseIndex,
    /// Questions a reply may still change (see [`TopicBits`]).
    live_questions: TopicBits,
    /// The latest reply seen: a reply at or after it cannot be earlier than a first reply
    /// already recorded.
    latest_reply_ms: i64,
    /// Who helped whom, in arrival order (see [`Help`]).
    pub help: Vec<Help>,
    /// Money spent and refunded, in arrival order (see [`Spend`]).
    pub spend: Vec<Spend>,
}

impl Log {
    pub fn new(zone: Zone) -> Log {
        Log {
            zone,
            people: Vec::new(),
            person_index: DenseIndex::default(),
            kinds: Names::default(),
            kind_class: Vec::new(),
            channels: Names::default(),
            spaces: DenseIndex::default(),
            space_ids: Vec::new(),
            member: Vec::new(),
            minute: Vec::new(),
            day: Vec::new(),
            kind: Vec::new(),
            channel: Vec::new(),
            space: Vec::new(),
            hot: Vec::new(),
            cold: Vec::new(),
            question_index: DenseIndex::default(),
            live_questions: TopicBits::default(),
            latest_reply_ms: i64::MIN,
            help: Vec::new(),
            spend: Vec::new(),
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
        if let Some(i) = self.person_index.get(id) {
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
        self.person_index.get(id)
    }

    fn kind_number(&mut self, kind: &str) -> u16 {
        if let Some(n) = self.kinds.get(kind) {
            return n as u16;
        }
        let before = self.kinds.names.len();
        let n = if before >= MAX_KINDS {
            MAX_KINDS - 1
        } else {
            self.kinds.intern(kind)
        };
        if self.kinds.names.len() > before {
            self.kind_class.push(KindClass {
                own: kinds::is_own_doing(kind),
                question: match kind {
                    kinds::QUESTION_ASKED => QuestionRole::Asked,
                    kinds::REPLIED => QuestionRole::Reply,
                    kinds::ANSWER_ACCEPTED => QuestionRole::Accepted,
                    kinds::ANSWER_UNACCEPTED => QuestionRole::Unaccepted,
                    _ => QuestionRole::None,
                },
                visit: kind == kinds::VISITED,
                post: matches!(
                    kind,
                    kinds::TOPIC_STARTED | kinds::QUESTION_ASKED | kinds::REPLIED
                ),
                reply: kind == kinds::REPLIED,
                help: matches!(kind, kinds::REPLIED | kinds::MESSAGE_REPLIED),
                spend: match kind {
                    kinds::ORDER_PLACED | kinds::PAYMENT_MADE | kinds::PURCHASED => 1,
                    kinds::ORDER_REFUNDED | kinds::PAYMENT_REFUNDED => -1,
                    _ => 0,
                },
            });
        }
        n as u16
    }

    fn channel_number(&mut self, channel: &str) -> u8 {
        if let Some(n) = self.channels.get(channel) {
            return n as u8;
        }
        // Past the last number, every new channel shares one named for what it is.
        if self.channels.names.len() >= MAX_CHANNELS - 1 {
            return self.channels.intern(OTHER_CHANNELS) as u8;
        }
        self.channels.intern(channel) as u8
    }

    fn space_number(&mut self, space: Option<i64>) -> u32 {
        let Some(id) = space else { return 0 };
        if let Some(n) = self.spaces.get(id) {
            return n;
        }
        self.space_ids.push(id);
        let n = self.space_ids.len() as u32;
        self.spaces.insert(id, n);
        n
    }

    /// The column number of space `id` (0 when the log has never seen it).
    pub fn space_of(&self, id: i64) -> Option<u32> {
        self.spaces.get(id)
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
        let batch = batch.into_iter();
        let (lower, _) = batch.size_hint();
        self.reserve(lower);
        // Kinds and channels by where their name lies in memory: rows from one reader
        // usually share their names (a reader's interned strings, a generator's
        // constants), so an address and a length answer most rows without reading the
        // name. See [`ByAddress`].
        let mut kind_at = ByAddress::default();
        let mut channel_at = ByAddress::default();
        for a in batch {
            let kind = kind_at.number(a.kind, || self.kind_number(a.kind));
            let class = self.kind_class[kind as usize];
            if class.spend != 0 {
                let person = self.person(a.member_id);
                let day = reader.day(a.at_ms);
                self.spend.push(Spend {
                    person,
                    day,
                    cents: i64::from(class.spend) * a.weight.abs(),
                });
                continue;
            }
            if !class.own && class.question == QuestionRole::None {
                continue;
            }
            let member = self.person(a.member_id);
            let minute = a.at_ms.div_euclid(60_000).clamp(0, i64::from(u32::MAX)) as u32;
            let day = reader.day(i64::from(minute) * 60_000);
            let channel =
                channel_at.number(a.channel, || u16::from(self.channel_number(a.channel))) as u8;
            let space = self.space_number(a.space_id);
            if class.question != QuestionRole::None {
                self.track_question(&a, class.question, member, day, channel, space);
            }
            if !class.own {
                continue;
            }
            if class.help
                && let Some(target) = a.target_member
                && target != a.member_id
            {
                let helped = self.person(target);
                self.help.push(Help {
                    helped,
                    helper: member,
                    minute,
                    day,
                    channel,
                    space,
                });
            }
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
        // Stable: rows of one minute keep their arrival order.
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

    /// Makes room for `n` more rows.
    pub fn reserve(&mut self, n: usize) {
        // About one activity in ten is a reply to someone: room for that many acts of
        // help, left to grow past it.
        self.help.reserve(n / 8);
        self.member.reserve(n);
        self.minute.reserve(n);
        self.day.reserve(n);
        self.kind.reserve(n);
        self.channel.reserve(n);
        self.space.reserve(n);
    }

    /// Keeps the questions and their answers up to date.
    fn track_question(
        &mut self,
        a: &Input<'_>,
        role: QuestionRole,
        member: u32,
        day: Day,
        channel: u8,
        space: u32,
    ) {
        let Some(topic_id) = a.topic_id else { return };
        match role {
            QuestionRole::Asked => {
                if self.question_index.get(topic_id).is_none() {
                    self.question_index.insert(topic_id, self.hot.len() as u32);
                    self.live_questions.set(topic_id, true);
                    self.hot.push(Hot {
                        asker: member,
                        first_reply_staff: false,
                        asked_ms: a.at_ms,
                        first_reply_ms: i64::MAX,
                        first_member_reply_ms: i64::MAX,
                    });
                    self.cold.push(Cold {
                        topic_id,
                        day,
                        channel,
                        space,
                        accepted: None,
                    });
                }
            }
            QuestionRole::Reply => {
                // In time order (a build, or any batch that does not reach back), a reply to
                // a topic that is not a question, or to a question whose first replies are
                // known, changes nothing: one bit says so.
                let in_order = a.at_ms >= self.latest_reply_ms;
                self.latest_reply_ms = self.latest_reply_ms.max(a.at_ms);
                if in_order && self.live_questions.get(topic_id) == Some(false) {
                    return;
                }
                let Some(qi) = self.question_index.get(topic_id) else {
                    return;
                };
                let q = &mut self.hot[qi as usize];
                if q.asker == member || a.at_ms < q.asked_ms {
                    return;
                }
                if a.at_ms < q.first_reply_ms || a.at_ms < q.first_member_reply_ms {
                    let facts = self.people[member as usize].facts;
                    // A member who opted out of analytics is in no number, not even as
                    // the one who answered someone else.
                    if facts.excluded {
                        return;
                    }
                    let staff = facts.staff;
                    if a.at_ms < q.first_reply_ms {
                        q.first_reply_ms = a.at_ms;
                        q.first_reply_staff = staff;
                    }
                    if !staff && a.at_ms < q.first_member_reply_ms {
                        q.first_member_reply_ms = a.at_ms;
                    }
                    if q.first_reply_ms != i64::MAX && q.first_member_reply_ms != i64::MAX {
                        self.live_questions.set(topic_id, false);
                    }
                }
            }
            QuestionRole::Accepted => {
                let author = a.post_author.map(|id| self.person(id));
                if let Some(qi) = self.question_index.get(topic_id) {
                    self.cold[qi as usize].accepted = Some((a.at_ms, author));
                }
            }
            QuestionRole::Unaccepted => {
                if let Some(qi) = self.question_index.get(topic_id) {
                    self.cold[qi as usize].accepted = None;
                }
            }
            QuestionRole::None => {}
        }
    }

    /// Every question asked, in the order the log learnt of them.
    pub fn questions(&self) -> impl Iterator<Item = Question> + '_ {
        self.hot.iter().zip(&self.cold).map(|(h, c)| Question {
            topic_id: c.topic_id,
            asker: h.asker,
            asked_ms: h.asked_ms,
            day: c.day,
            channel: c.channel,
            space: c.space,
            first_reply: (h.first_reply_ms != i64::MAX)
                .then_some((h.first_reply_ms, h.first_reply_staff)),
            first_member_reply: (h.first_member_reply_ms != i64::MAX)
                .then_some(h.first_member_reply_ms),
            accepted: c.accepted,
        })
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
            + self.person_index.heap_bytes()
            + self.question_index.heap_bytes()
            + self.live_questions.0.capacity() * 8
            + self.hot.capacity() * std::mem::size_of::<Hot>()
            + self.cold.capacity() * std::mem::size_of::<Cold>()
            + self.help.capacity() * std::mem::size_of::<Help>()
            + self.spend.capacity() * std::mem::size_of::<Spend>()
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
            target_member: None,
            weight: 1,
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
    fn names_read_by_address_give_the_same_log_as_names_read_one_by_one() {
        // The same rows twice in one append: once sharing their names (constants), once
        // with every row's kind and channel in a string of its own.
        let rows = [
            (1, kinds::REPLIED, "hub"),
            (2, kinds::VISITED, "discord"),
            (1, kinds::VISITED, "hub"),
            (3, kinds::ORDER_PLACED, "shop"),
            (2, kinds::REPLIED, "slack"),
        ];
        let mut shared = Log::new(Zone::utc());
        shared.append(
            rows.iter()
                .enumerate()
                .map(|(i, &(m, kind, channel))| Input {
                    channel,
                    ..input(m, kind, i as i64 * 60_000)
                }),
        );
        let texts: Vec<String> = rows
            .iter()
            .map(|(_, kind, channel)| format!("{kind}{channel}"))
            .collect();
        let mut owned = Log::new(Zone::utc());
        owned.append(
            rows.iter()
                .zip(&texts)
                .enumerate()
                .map(|(i, (&(m, kind, _), text))| {
                    let (kind, channel) = text.split_at(kind.len());
                    Input {
                        member_id: m,
                        kind,
                        channel,
                        space_id: Some(7),
                        topic_id: None,
                        post_author: None,
                        target_member: None,
                        weight: 1,
                        at_ms: i as i64 * 60_000,
                    }
                }),
        );
        let named = |log: &Log| -> Vec<(String, String)> {
            (0..log.len())
                .map(|i| {
                    (
                        log.kinds.names[log.kind[i] as usize].clone(),
                        log.channels.names[log.channel[i] as usize].clone(),
                    )
                })
                .collect()
        };
        assert_eq!(named(&owned), named(&shared));
        assert_eq!(named(&shared).len(), 4, "the order is not a member's doing");
        assert_eq!(named(&shared)[1], ("visited".into(), "discord".into()));
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
        log.set_person(
            8,
            Facts {
                staff: false,
                excluded: true,
            },
        );
        let q = |kind, member, at, author| Input {
            topic_id: Some(100),
            post_author: author,
            target_member: None,
            weight: 1,
            ..input(member, kind, at)
        };
        log.append([
            q(kinds::QUESTION_ASKED, 1, 1_000, None),
            q(kinds::REPLIED, 1, 2_000, None),
            // Opted out of analytics: not a first response.
            q(kinds::REPLIED, 8, 2_500, None),
            q(kinds::REPLIED, 9, 3_000, None),
            q(kinds::REPLIED, 2, 4_000, None),
            q(kinds::ANSWER_ACCEPTED, 1, 5_000, Some(2)),
        ]);
        let question = log.questions().next().unwrap();
        assert_eq!(
            question.first_reply,
            Some((3_000, true)),
            "the asker's own reply does not count"
        );
        assert_eq!(question.first_member_reply, Some(4_000));
        assert_eq!(question.accepted, Some((5_000, log.person_of(2))));
        log.append([q(kinds::ANSWER_UNACCEPTED, 1, 6_000, None)]);
        assert_eq!(log.questions().next().unwrap().accepted, None);

        // Once both first replies are known, later replies are skipped on one bit; a reply
        // imported from the past still counts, as does a question asked after replies to
        // the same topic were skipped as not a question's.
        log.append([q(kinds::REPLIED, 3, 7_000, None)]);
        log.append([q(kinds::REPLIED, 4, 1_500, None)]);
        let question = log.questions().next().unwrap();
        assert_eq!(
            question.first_reply,
            Some((1_500, false)),
            "the backdated reply"
        );
        assert_eq!(question.first_member_reply, Some(1_500));
        let later = |kind, member, at| Input {
            topic_id: Some(200),
            ..input(member, kind, at)
        };
        log.append([
            later(kinds::REPLIED, 2, 8_000),
            later(kinds::QUESTION_ASKED, 5, 9_000),
            later(kinds::REPLIED, 2, 10_000),
        ]);
        let second = log.questions().nth(1).unwrap();
        assert_eq!(
            (second.topic_id, second.first_reply),
            (200, Some((10_000, false)))
        );
    }
}
