//! People across channels: the channels a member can be met on, how identities are
//! compared, and the evidence a merge suggestion shows.
//!
//! Hearth matches a person automatically only on the same identity (channel and external
//! id) or the same email address. Everything weaker (a handle seen on two channels, a
//! similar name) is only ever *suggested*, with its evidence, for the owner to merge or
//! dismiss: community tools that merge on names merge the wrong people.
//!
//! Names are compared without assuming Latin names: after Unicode compatibility
//! normalisation (NFKD), case folding and dropping combining marks, the name's words are
//! sorted (family name first or last is a cultural choice, not a difference), and two names
//! are similar when their character bigrams mostly agree (Sørensen–Dice), which works the
//! same for 山田太郎, Владимир and José.

use crate::error::Invalid;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The channels Hearth knows by name. Others are accepted as custom channels.
pub const CHANNELS: &[(&str, &str)] = &[
    ("hub", "This community hub: accounts, posts, events"),
    ("discord", "A Discord server (DiscordChatExporter JSON)"),
    ("slack", "A Slack workspace (its export zip)"),
    ("email", "A mailing list (Mailchimp audience export)"),
    (
        "shop",
        "Shop customers, orders and payments (Shopify, Stripe)",
    ),
];

/// A channel name: one of [`CHANNELS`] or a custom one, lower-case letters, digits, `_` and
/// `-`, starting with a letter, at most 32 characters.
pub fn channel(input: &str) -> Result<String, Invalid> {
    let s = input.trim();
    let ok = !s.is_empty()
        && s.len() <= 32
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !ok {
        return Err(Invalid::new("channel", "err-channel-name"));
    }
    Ok(s.to_string())
}

/// An external id on a channel: 1 to 200 characters, no control characters.
pub fn external_id(input: &str) -> Result<String, Invalid> {
    let s = input.trim();
    if s.is_empty() || s.chars().count() > 200 || s.chars().any(char::is_control) {
        return Err(Invalid::new("external_id", "err-external-id"));
    }
    Ok(s.to_string())
}

/// The comparable form of a name: NFKD, lower case, combining marks dropped, words (runs of
/// letters and digits in any script) sorted and joined by one space. Empty when the name
/// has no letters or digits.
pub fn name_key(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.join(" ")
}

/// How alike two name keys are, from 0 (nothing shared) to 1 (the same): the Sørensen–Dice
/// coefficient of their character bigrams, spaces ignored. A key of one character is only
/// like itself.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().filter(|c| *c != ' ').collect();
    let b: Vec<char> = b.chars().filter(|c| *c != ' ').collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let mut left: Vec<(char, char)> = a.windows(2).map(|w| (w[0], w[1])).collect();
    let mut right: Vec<(char, char)> = b.windows(2).map(|w| (w[0], w[1])).collect();
    left.sort_unstable();
    right.sort_unstable();
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    (2 * shared) as f64 / (left.len() + right.len()) as f64
}

/// Names at least this alike (and at least [`MIN_NAME_CHARS`] long) are suggested.
pub const SIMILAR_NAME: f64 = 0.8;
/// Shorter names ("Al", "李") are too common to suggest on, unless they are identical and
/// another piece of evidence agrees.
pub const MIN_NAME_CHARS: usize = 4;

/// One reason to think two member records are the same person.
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// Both have this email address (on any channel).
    SameEmail(String),
    /// This handle is used on two channels (lower-cased).
    SameHandle {
        handle: String,
        channels: (String, String),
    },
    /// Their names are alike after normalisation, with the score.
    SimilarName { names: (String, String), score: f64 },
}

impl Evidence {
    /// How strong the evidence is, for ordering suggestions: an address is stronger than a
    /// handle, which is stronger than a name.
    pub fn strength(&self) -> f64 {
        match self {
            Evidence::SameEmail(_) => 3.0,
            Evidence::SameHandle { .. } => 2.0,
            Evidence::SimilarName { score, .. } => *score,
        }
    }
}

/// A handle as compared across channels: trimmed, a leading `@` dropped, lower case.
pub fn handle_key(handle: &str) -> String {
    handle.trim().trim_start_matches('@').to_lowercase()
}

/// Blocks larger than this (a very common word) are not compared pair by pair.
const MAX_BLOCK: usize = 100;

/// Pairs of different members whose names are alike: `(low id, high id, score, low's
/// name, high's name)`, best first. `names` holds `(member, name_key, name)`. Only names
/// sharing a word (or, for one-word names, their first two characters) are compared, so
/// the work grows with the community, not its square.
pub fn similar_names(names: &[(i64, String, String)]) -> Vec<(i64, i64, f64, String, String)> {
    use std::collections::{BTreeMap, HashMap};
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (_, key, _)) in names.iter().enumerate() {
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        if words.len() == 1 {
            let prefix: String = words[0].chars().take(2).collect();
            blocks.entry(format!("^{prefix}")).or_default().push(i);
        }
        for w in words {
            blocks.entry(w.to_string()).or_default().push(i);
        }
    }
    let mut best: BTreeMap<(i64, i64), (f64, String, String)> = BTreeMap::new();
    for members in blocks.values() {
        if members.len() > MAX_BLOCK {
            continue;
        }
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                let (a, b) = (&names[i], &names[j]);
                if a.0 == b.0 {
                    continue;
                }
                let chars = a.1.chars().filter(|c| *c != ' ').count();
                if chars < MIN_NAME_CHARS.min(3) {
                    continue;
                }
                let score = name_similarity(&a.1, &b.1);
                let long_enough = chars >= MIN_NAME_CHARS || score >= 1.0;
                if score < SIMILAR_NAME || !long_enough {
                    continue;
                }
                let (low, high) = if a.0 < b.0 { (a, b) } else { (b, a) };
                let entry =
                    best.entry((low.0, high.0))
                        .or_insert((score, low.2.clone(), high.2.clone()));
                if score > entry.0 {
                    *entry = (score, low.2.clone(), high.2.clone());
                }
            }
        }
    }
    let mut out: Vec<_> = best
        .into_iter()
        .map(|((l, h), (s, a, b))| (l, h, s, a, b))
        .collect();
    out.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_across_scripts_and_orders() {
        assert_eq!(name_key("José  Núñez"), "jose nunez");
        assert_eq!(name_key("Núñez, José"), name_key("jose nunez"));
        assert_eq!(name_key("ＴＡＮＡＫＡ Yuki"), "tanaka yuki");
        assert_eq!(name_key("山田 太郎"), name_key("太郎 山田"));
        assert_eq!(name_key("Владимир Петров"), "владимир петров");
        assert_eq!(name_key("— !"), "");
        assert!(name_similarity(&name_key("Jon Smith"), &name_key("John Smith")) >= SIMILAR_NAME);
        assert!(name_similarity(&name_key("山田太郎"), &name_key("山田次郎")) < SIMILAR_NAME);
        assert!(name_similarity(&name_key("Anna Berg"), &name_key("Hans Olsen")) < 0.3);
        assert_eq!(name_similarity("a", "a"), 1.0);
        assert_eq!(name_similarity("", ""), 0.0);
        // Devanagari keeps its letters: the vowel signs are marks, the consonants are not.
        assert!(!name_key("प्रिया शर्मा").is_empty());
    }

    #[test]
    fn similar_names_pair_across_orders_and_scripts() {
        let n = |id: i64, name: &str| (id, name_key(name), name.to_string());
        let names = vec![
            n(1, "Ana Lima"),
            n(2, "Lima, Ana"),
            n(3, "Jon Smith"),
            n(4, "John Smith"),
            n(5, "山田 太郎"),
            n(6, "太郎 山田"),
            n(7, "Hans Olsen"),
            n(8, "Al"),
            n(9, "Al"),
            n(1, "ana lima"),
        ];
        let pairs: Vec<(i64, i64)> = similar_names(&names).iter().map(|p| (p.0, p.1)).collect();
        assert!(pairs.contains(&(1, 2)));
        assert!(pairs.contains(&(3, 4)));
        assert!(pairs.contains(&(5, 6)));
        assert!(!pairs.iter().any(|p| p.0 == 7 || p.1 == 7));
        assert!(!pairs.contains(&(8, 9)), "two-letter names are too common");
        assert!(!pairs.contains(&(1, 1)));
    }

    #[test]
    fn channels_are_names() {
        assert_eq!(channel(" discord ").unwrap(), "discord");
        assert!(channel("pos-1").is_ok());
        for bad in ["", "Discord", "1x", "a b", &"x".repeat(33), "shop!"] {
            assert_eq!(channel(bad).unwrap_err().field, "channel", "{bad:?}");
        }
        assert!(external_id("").is_err());
        assert!(external_id("a\u{0}").is_err());
        assert_eq!(handle_key(" @Ana "), "ana");
    }
}
