//! `hearth import discord FILE`: one channel exported by DiscordChatExporter as JSON:
//! `{"guild": {…}, "channel": {"id", "name", …}, "messages": [{"id", "type", "timestamp",
//! "timestampEdited", "content", "author": {"id", "name", "nickname", "isBot"},
//! "reactions": [{"emoji": {"name"}, "count", "users": [author…]}], "reference":
//! {"messageId"}}, …], "messageCount"}`.
//!
//! The messages array is read one message at a time (serde's sequence visitor), so a
//! million-message export is never in memory. A reply to a message in the file is a
//! `message_replied` pointing at that message's author; each reacting user is a
//! `reaction_added` pointing at the author. Bots and system messages (joins, pins) are
//! skipped with their reason. A file cut off halfway is an error, and imports nothing.

use super::{Activity, ImportError, Out, Person, Record, Source, Who, bad, tabular};
use hearth_core::activity::{MESSAGE_REPLIED, MESSAGE_SENT, REACTION_ADDED};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::HashMap;
use std::fmt;

#[derive(Deserialize)]
struct Author {
    id: String,
    name: String,
    #[serde(default)]
    nickname: Option<String>,
    #[serde(default, rename = "isBot")]
    is_bot: bool,
}

#[derive(Deserialize)]
struct Emoji {
    name: String,
}

#[derive(Deserialize)]
struct Reaction {
    emoji: Emoji,
    #[serde(default)]
    users: Vec<Author>,
}

#[derive(Deserialize)]
struct Reference {
    #[serde(default, rename = "messageId")]
    message_id: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    timestamp: String,
    #[serde(default, rename = "timestampEdited")]
    edited: Option<String>,
    author: Author,
    #[serde(default)]
    reactions: Vec<Reaction>,
    #[serde(default)]
    reference: Option<Reference>,
}

#[derive(Deserialize)]
struct Channel {
    id: String,
    name: String,
}

fn person(a: &Author) -> Person {
    Person {
        channel: "discord".into(),
        external_id: a.id.clone(),
        email: String::new(),
        handle: a.name.clone(),
        name: a.nickname.clone().unwrap_or_default(),
    }
}

/// What the reader keeps across messages: the channel, and each message's author (for
/// replies), by snowflake.
struct State<'a> {
    out: &'a Out,
    channel: String,
    index: u64,
    authors: HashMap<u64, u64>,
    people: HashMap<u64, Person>,
    error: Option<ImportError>,
}

pub fn parse(source: &Source, out: &Out) -> Result<(), ImportError> {
    // serde_json reads a byte at a time: buffer in front of the counting reader.
    let reader = std::io::BufReader::with_capacity(1 << 16, source.open()?);
    let mut state = State {
        out,
        channel: String::new(),
        index: 0,
        authors: HashMap::new(),
        people: HashMap::new(),
        error: None,
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result = serde::Deserializer::deserialize_map(&mut de, Export(&mut state))
        .and_then(|found| de.end().map(|_| found));
    if let Some(e) = state.error.take() {
        return Err(e);
    }
    match result {
        Ok(true) => Ok(()),
        Ok(false) => Err(bad(
            None,
            Some("messages"),
            "this JSON has no \"messages\" array: is it a DiscordChatExporter JSON export?",
        )),
        Err(e) if e.is_eof() => Err(bad(
            Some(e.line() as u64),
            None,
            format!(
                "the file ends in the middle of the JSON (cut off at column {}): export it again",
                e.column()
            ),
        )),
        Err(e) => Err(bad(
            Some(e.line() as u64),
            None,
            format!("not a DiscordChatExporter JSON export: {e}"),
        )),
    }
}

struct Export<'s, 'a>(&'s mut State<'a>);

impl<'de> Visitor<'de> for Export<'_, '_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a DiscordChatExporter export object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "channel" => {
                    let c: Channel = map.next_value()?;
                    self.0.channel = if c.name.is_empty() { c.id } else { c.name };
                }
                "messages" => {
                    map.next_value_seed(Messages(self.0))?;
                    found = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }
}

struct Messages<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for Messages<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Messages<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of messages")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(m) = seq.next_element::<Message>()? {
            if let Err(e) = self.0.message(m) {
                self.0.error = Some(e);
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

fn snowflake(id: &str) -> u64 {
    id.parse().unwrap_or_else(|_| {
        // Not a number: fold the text into one, collisions only merge reply targets.
        id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
    })
}

impl State<'_> {
    fn message(&mut self, m: Message) -> Result<(), ImportError> {
        self.index += 1;
        let at = format!("messages[{}]", self.index - 1);
        self.out.row()?;
        if m.author.is_bot {
            return self
                .out
                .skip(self.index, format!("message {} was written by a bot", m.id));
        }
        if m.kind != "Default" && m.kind != "Reply" {
            return self.out.skip(
                self.index,
                format!("message {} is a system message ({})", m.id, m.kind),
            );
        }
        let occurred_at = tabular::rfc3339(&m.timestamp).ok_or_else(|| {
            bad(
                None,
                Some(&format!("{at}.timestamp")),
                format!(
                    "{:?} is not a time like 2024-03-05T14:22:31.000+00:00",
                    m.timestamp
                ),
            )
        })?;
        let author = person(&m.author);
        let author_key = snowflake(&m.author.id);
        self.people
            .entry(author_key)
            .or_insert_with(|| author.clone());
        let replied_to = m
            .reference
            .as_ref()
            .and_then(|r| r.message_id.as_deref())
            .and_then(|id| self.authors.get(&snowflake(id)))
            .and_then(|a| self.people.get(a))
            .cloned();
        self.authors.insert(snowflake(&m.id), author_key);
        let properties = serde_json::json!({
            "channel": self.channel,
            "message_id": m.id,
            "edited": m.edited.is_some(),
        })
        .to_string();
        self.out.send(Record::Activity(Activity {
            line: self.index,
            who: Who::Seen(author.clone()),
            kind: if replied_to.is_some() {
                MESSAGE_REPLIED
            } else {
                MESSAGE_SENT
            }
            .to_string(),
            channel: "discord".into(),
            target: replied_to.map(Who::Seen),
            weight: 1,
            properties: Some(properties),
            key: format!("discord:msg:{}", m.id),
            occurred_at,
        }))?;
        for r in &m.reactions {
            for u in &r.users {
                if u.is_bot {
                    continue;
                }
                self.out.send(Record::Activity(Activity {
                    line: self.index,
                    who: Who::Seen(person(u)),
                    kind: REACTION_ADDED.to_string(),
                    channel: "discord".into(),
                    target: Some(Who::Seen(author.clone())),
                    weight: 1,
                    properties: Some(
                        serde_json::json!({"emoji": r.emoji.name, "message_id": m.id}).to_string(),
                    ),
                    key: format!("discord:reaction:{}:{}:{}", m.id, r.emoji.name, u.id),
                    occurred_at,
                }))?;
            }
        }
        Ok(())
    }
}
