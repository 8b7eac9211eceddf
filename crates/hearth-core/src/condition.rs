//! The condition language: one small language for "which members" — segments now, badges
//! and automation rules later. A condition is predicates joined by `and`, `or`, `not` and
//! parentheses (`not` binds tightest, then `and`, then `or`):
//!
//! ```text
//! activity message_sent on discord >= 5 in 30d     how often, of a kind, on a channel, lately
//! activity >= 1 in 7d                              any activity
//! last_active < 30d     last_active > 90d          active within / not within
//! channel = slack                                  has an identity there
//! tag = "vip"           tag != wholesale           tags
//! field.city = "Madrid" field.city != ""           custom fields (= and !=)
//! trust_level >= 2                                 trust level (accounts)
//! customer              not customer               has an order or payment
//! spend >= 100.00                                  lifetime spend, paid less refunded
//! joined < 30d          joined > 365d              joined within / longer ago than
//! kind = contact                                   account or contact
//! slipping                                         were in the top quarter by activity,
//!                                                  and have been quiet for 7 to 28 days
//! posts >= 1                                       posts written (topics and replies)
//! accepted_answers >= 10                           replies accepted as the answer
//! ideas_shipped >= 1                               ideas of theirs marked done
//! welcomed >= 10                                   first replies to a newcomer's first topic
//! points >= 500         level >= 3                 points earned, level reached
//! badge = welcomer      badge != first-post        holds a badge (by its short name)
//! ```
//!
//! Durations are a number and `h`, `d` or `w`. Words are lower-case; values with spaces
//! or punctuation are quoted with `"`. A parse error says where (the column, from 1) and
//! what was expected.

use std::fmt;

/// How a count or level compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    pub fn sql(self) -> &'static str {
        match self {
            Cmp::Eq => "=",
            Cmp::Ne => "<>",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }
}

/// A parsed condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Not(Box<Condition>),
    /// How many activities (of a kind, on a channel, within a span) compare to `count`.
    Activity {
        kind: Option<String>,
        channel: Option<String>,
        cmp: Cmp,
        count: i64,
        within_ms: Option<i64>,
    },
    /// Some activity within the span (`active` true), or none (`false`).
    LastActive {
        active: bool,
        within_ms: i64,
    },
    Channel(String),
    Tag {
        tag: String,
        has: bool,
    },
    Field {
        name: String,
        value: String,
        equal: bool,
    },
    TrustLevel {
        cmp: Cmp,
        level: i64,
    },
    Customer,
    /// Lifetime spend in hundredths.
    Spend {
        cmp: Cmp,
        cents: i64,
    },
    /// Joined within the span (`recent` true), or longer ago (`false`).
    Joined {
        recent: bool,
        within_ms: i64,
    },
    Kind(String),
    /// In the top quarter of members by participation in the 90 days before they went
    /// quiet, and quiet (no participation) for the last 7 to 28 days.
    Slipping,
    /// A count of what the member did in the forum, or their points and level.
    Count {
        what: Counted,
        cmp: Cmp,
        count: i64,
    },
    /// Holds the badge with this short name (`has` true), or does not.
    Badge {
        slug: String,
        has: bool,
    },
}

/// What [`Condition::Count`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Posts written and still shown (a topic's first post and replies).
    Posts,
    /// Replies accepted as a question's answer.
    AcceptedAnswers,
    /// Ideas of theirs marked done.
    IdeasShipped,
    /// Topics that were their author's first, where this member gave the first reply.
    Welcomed,
    /// Points earned (spending does not lower it).
    Points,
    /// Level reached.
    Level,
}

impl Counted {
    pub const ALL: &'static [Counted] = &[
        Counted::Posts,
        Counted::AcceptedAnswers,
        Counted::IdeasShipped,
        Counted::Welcomed,
        Counted::Points,
        Counted::Level,
    ];

    /// The word in the language.
    pub fn word(self) -> &'static str {
        match self {
            Counted::Posts => "posts",
            Counted::AcceptedAnswers => "accepted_answers",
            Counted::IdeasShipped => "ideas_shipped",
            Counted::Welcomed => "welcomed",
            Counted::Points => "points",
            Counted::Level => "level",
        }
    }
}

/// Where and why a condition does not parse.
/// The message names the column too (its `column` argument), so it reads whole.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// 1-based column of the offending token (the end of the text when it ran out).
    pub column: usize,
    pub message: crate::Message,
}

impl ParseError {
    fn new(column: usize, message: crate::Message) -> Self {
        ParseError {
            column,
            message: message.with("column", column),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message.fmt(f)
    }
}

/// The longest condition accepted, and how deep it may nest.
pub const MAX_CHARS: usize = 2000;
const MAX_DEPTH: usize = 20;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Num(String),
    Op(&'static str),
    Open,
    Close,
    Dot,
}

fn tokens(input: &str) -> Result<Vec<(usize, Tok)>, ParseError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push((col, Tok::Open));
            i += 1;
        } else if c == ')' {
            out.push((col, Tok::Close));
            i += 1;
        } else if c == '.' && !chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            out.push((col, Tok::Dot));
            i += 1;
        } else if c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => {
                        return Err(ParseError::new(
                            col,
                            crate::Message::new("err-condition-unclosed-quote"),
                        ));
                    }
                    Some('"') => break,
                    Some('\\') if chars.get(i + 1) == Some(&'"') => {
                        s.push('"');
                        i += 2;
                    }
                    Some(ch) => {
                        s.push(*ch);
                        i += 1;
                    }
                }
            }
            i += 1;
            out.push((col, Tok::Str(s)));
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
            out.push((col, Tok::Num(chars[start..i].iter().collect())));
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | ':' | '-'))
            {
                i += 1;
            }
            out.push((col, Tok::Word(chars[start..i].iter().collect())));
        } else {
            let two: String = chars[i..chars.len().min(i + 2)].iter().collect();
            let op = match two.as_str() {
                ">=" => Some(">="),
                "<=" => Some("<="),
                "!=" => Some("!="),
                _ => None,
            };
            if let Some(op) = op {
                out.push((col, Tok::Op(op)));
                i += 2;
                continue;
            }
            let op = match c {
                '=' => "=",
                '<' => "<",
                '>' => ">",
                _ => {
                    return Err(ParseError::new(
                        col,
                        crate::message!("err-condition-character", value = format!("{c:?}")),
                    ));
                }
            };
            out.push((col, Tok::Op(op)));
            i += 1;
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    at: usize,
    end: usize,
}

impl Parser {
    fn col(&self) -> usize {
        self.toks.get(self.at).map_or(self.end, |t| t.0)
    }
    fn fail<T>(&self, message: crate::Message) -> Result<T, ParseError> {
        Err(ParseError::new(self.col(), message))
    }
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|t| &t.1)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.at).map(|t| t.1.clone());
        self.at += 1;
        t
    }
    fn word_is(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(x)) if x == w)
    }

    fn or(&mut self, depth: usize) -> Result<Condition, ParseError> {
        let mut parts = vec![self.and(depth)?];
        while self.word_is("or") {
            self.at += 1;
            parts.push(self.and(depth)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Condition::Or(parts)
        })
    }

    fn and(&mut self, depth: usize) -> Result<Condition, ParseError> {
        let mut parts = vec![self.unary(depth)?];
        while self.word_is("and") {
            self.at += 1;
            parts.push(self.unary(depth)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Condition::And(parts)
        })
    }

    fn unary(&mut self, depth: usize) -> Result<Condition, ParseError> {
        if depth > MAX_DEPTH {
            return self.fail(crate::message!("err-condition-depth", max = MAX_DEPTH));
        }
        if self.word_is("not") {
            self.at += 1;
            return Ok(Condition::Not(Box::new(self.unary(depth + 1)?)));
        }
        if self.peek() == Some(&Tok::Open) {
            self.at += 1;
            let inner = self.or(depth + 1)?;
            if self.next() != Some(Tok::Close) {
                self.at -= 1;
                return self.fail(crate::Message::new("err-condition-close-paren"));
            }
            return Ok(inner);
        }
        self.predicate()
    }

    fn cmp(&mut self) -> Result<Cmp, ParseError> {
        match self.next() {
            Some(Tok::Op(op)) => Ok(match op {
                "=" => Cmp::Eq,
                "!=" => Cmp::Ne,
                "<" => Cmp::Lt,
                "<=" => Cmp::Le,
                ">" => Cmp::Gt,
                _ => Cmp::Ge,
            }),
            _ => {
                self.at -= 1;
                self.fail(crate::Message::new("err-condition-comparison"))
            }
        }
    }

    fn eq_or_ne(&mut self) -> Result<bool, ParseError> {
        match self.cmp()? {
            Cmp::Eq => Ok(true),
            Cmp::Ne => Ok(false),
            _ => {
                self.at -= 1;
                self.fail(crate::Message::new("err-condition-equality"))
            }
        }
    }

    fn number(&mut self) -> Result<i64, ParseError> {
        match self.next() {
            Some(Tok::Num(n)) if n.bytes().all(|b| b.is_ascii_digit()) && n.len() <= 12 => {
                Ok(n.parse().unwrap_or(0))
            }
            _ => {
                self.at -= 1;
                self.fail(crate::Message::new("err-condition-whole-number"))
            }
        }
    }

    fn duration(&mut self) -> Result<i64, ParseError> {
        let Some(Tok::Num(n)) = self.next() else {
            self.at -= 1;
            return self.fail(crate::Message::new("err-condition-span"));
        };
        let (digits, unit) = n.split_at(n.len().saturating_sub(1));
        let ms = match unit {
            "h" => 3_600_000,
            "d" => 86_400_000,
            "w" => 7 * 86_400_000,
            _ => 0,
        };
        match digits.parse::<i64>() {
            Ok(v) if ms > 0 && (1..=100_000).contains(&v) => Ok(v * ms),
            _ => {
                self.at -= 1;
                self.fail(crate::message!(
                    "err-condition-not-span",
                    value = format!("{n:?}")
                ))
            }
        }
    }

    fn value(&mut self) -> Result<String, ParseError> {
        match self.next() {
            Some(Tok::Str(s) | Tok::Word(s) | Tok::Num(s)) => Ok(s),
            _ => {
                self.at -= 1;
                self.fail(crate::Message::new("err-condition-value"))
            }
        }
    }

    fn predicate(&mut self) -> Result<Condition, ParseError> {
        let Some(Tok::Word(w)) = self.next() else {
            self.at = self.at.saturating_sub(1);
            return self.fail(crate::Message::new("err-condition-expected"));
        };
        match w.as_str() {
            "activity" => {
                let mut kind = None;
                let mut channel = None;
                if let Some(Tok::Word(k)) = self.peek()
                    && k != "on"
                {
                    kind = Some(k.clone());
                    self.at += 1;
                }
                if self.word_is("on") {
                    self.at += 1;
                    channel = Some(self.value()?);
                }
                let cmp = self.cmp()?;
                let count = self.number()?;
                let within_ms = if self.word_is("in") {
                    self.at += 1;
                    Some(self.duration()?)
                } else {
                    None
                };
                Ok(Condition::Activity {
                    kind,
                    channel,
                    cmp,
                    count,
                    within_ms,
                })
            }
            "last_active" | "joined" => {
                let cmp = self.cmp()?;
                let recent = match cmp {
                    Cmp::Lt | Cmp::Le => true,
                    Cmp::Gt | Cmp::Ge => false,
                    _ => {
                        self.at -= 1;
                        return self.fail(crate::Message::new("err-condition-within"));
                    }
                };
                let within_ms = self.duration()?;
                Ok(if w == "joined" {
                    Condition::Joined { recent, within_ms }
                } else {
                    Condition::LastActive {
                        active: recent,
                        within_ms,
                    }
                })
            }
            "channel" => {
                if !self.eq_or_ne()? {
                    self.at -= 1;
                    return self.fail(crate::Message::new("err-condition-channel-equals"));
                }
                Ok(Condition::Channel(self.value()?))
            }
            "tag" => {
                let has = self.eq_or_ne()?;
                Ok(Condition::Tag {
                    tag: self.value()?,
                    has,
                })
            }
            "field" => {
                if self.next() != Some(Tok::Dot) {
                    self.at -= 1;
                    return self.fail(crate::Message::new("err-condition-field"));
                }
                let Some(Tok::Word(name)) = self.next() else {
                    self.at -= 1;
                    return self.fail(crate::Message::new("err-condition-field-name"));
                };
                let equal = self.eq_or_ne()?;
                Ok(Condition::Field {
                    name,
                    value: self.value()?,
                    equal,
                })
            }
            "trust_level" => {
                let cmp = self.cmp()?;
                let level = self.number()?;
                if level > 4 {
                    self.at -= 1;
                    return self.fail(crate::Message::new("err-condition-trust-level"));
                }
                Ok(Condition::TrustLevel { cmp, level })
            }
            "customer" => Ok(Condition::Customer),
            "slipping" => Ok(Condition::Slipping),
            "badge" => {
                let has = self.eq_or_ne()?;
                Ok(Condition::Badge {
                    slug: self.value()?,
                    has,
                })
            }
            w if Counted::ALL.iter().any(|c| c.word() == w) => {
                let what = Counted::ALL
                    .iter()
                    .copied()
                    .find(|c| c.word() == w)
                    .unwrap_or(Counted::Posts);
                let cmp = self.cmp()?;
                Ok(Condition::Count {
                    what,
                    cmp,
                    count: self.number()?,
                })
            }
            "spend" => {
                let cmp = self.cmp()?;
                let Some(Tok::Num(n)) = self.next() else {
                    self.at -= 1;
                    return self.fail(crate::Message::new("err-condition-amount"));
                };
                let (whole, frac) = n.split_once('.').unwrap_or((&n, ""));
                let ok = !whole.is_empty()
                    && whole.len() <= 12
                    && frac.len() <= 2
                    && whole.bytes().all(|b| b.is_ascii_digit())
                    && frac.bytes().all(|b| b.is_ascii_digit());
                if !ok {
                    self.at -= 1;
                    return self.fail(crate::message!(
                        "err-condition-not-amount",
                        value = format!("{n:?}")
                    ));
                }
                let cents = whole.parse::<i64>().unwrap_or(0) * 100
                    + format!("{frac:0<2}").parse::<i64>().unwrap_or(0);
                Ok(Condition::Spend { cmp, cents })
            }
            "kind" => {
                if !self.eq_or_ne()? {
                    self.at -= 1;
                    return self.fail(crate::Message::new("err-condition-kind-equals"));
                }
                let v = self.value()?;
                if v != "account" && v != "contact" {
                    self.at -= 1;
                    return self.fail(crate::Message::new("err-condition-kind"));
                }
                Ok(Condition::Kind(v))
            }
            other => {
                self.at -= 1;
                self.fail(crate::message!(
                    "err-condition-unknown",
                    value = format!("{other:?}")
                ))
            }
        }
    }
}

/// Parses a condition.
pub fn parse(input: &str) -> Result<Condition, ParseError> {
    let chars = input.chars().count();
    if chars > MAX_CHARS {
        return Err(ParseError::new(
            MAX_CHARS,
            crate::message!("err-condition-length", max = MAX_CHARS),
        ));
    }
    let toks = tokens(input)?;
    if toks.is_empty() {
        return Err(ParseError::new(
            1,
            crate::Message::new("err-condition-empty"),
        ));
    }
    let mut p = Parser {
        toks,
        at: 0,
        end: chars + 1,
    };
    let c = p.or(0)?;
    if p.at < p.toks.len() {
        return p.fail(crate::Message::new("err-condition-end"));
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_parse() {
        let c =
            parse("activity message_sent on discord >= 5 in 30d and not tag = \"do not contact\"")
                .unwrap();
        assert_eq!(
            c,
            Condition::And(vec![
                Condition::Activity {
                    kind: Some("message_sent".into()),
                    channel: Some("discord".into()),
                    cmp: Cmp::Ge,
                    count: 5,
                    within_ms: Some(30 * 86_400_000)
                },
                Condition::Not(Box::new(Condition::Tag {
                    tag: "do not contact".into(),
                    has: true
                })),
            ])
        );
        assert_eq!(
            parse("(customer or spend >= 99.5) and trust_level > 1").unwrap(),
            Condition::And(vec![
                Condition::Or(vec![
                    Condition::Customer,
                    Condition::Spend {
                        cmp: Cmp::Ge,
                        cents: 9950
                    }
                ]),
                Condition::TrustLevel {
                    cmp: Cmp::Gt,
                    level: 1
                },
            ])
        );
        assert_eq!(
            parse("slipping and not tag = staff").unwrap(),
            Condition::And(vec![
                Condition::Slipping,
                Condition::Not(Box::new(Condition::Tag {
                    tag: "staff".into(),
                    has: true
                })),
            ])
        );
        assert_eq!(
            parse("field.city = Madrid").unwrap(),
            Condition::Field {
                name: "city".into(),
                value: "Madrid".into(),
                equal: true
            }
        );
        assert!(parse("activity custom:visit >= 1 in 2w").is_ok());
        assert_eq!(
            parse("accepted_answers >= 10 and not badge = \"ten-answers\"").unwrap(),
            Condition::And(vec![
                Condition::Count {
                    what: Counted::AcceptedAnswers,
                    cmp: Cmp::Ge,
                    count: 10
                },
                Condition::Not(Box::new(Condition::Badge {
                    slug: "ten-answers".into(),
                    has: true
                })),
            ])
        );
        for c in Counted::ALL {
            assert!(parse(&format!("{} > 2", c.word())).is_ok(), "{c:?}");
        }
        assert!(
            parse("last_active > 90d or joined < 7d or kind = contact or channel = slack").is_ok()
        );
    }

    #[test]
    fn errors_say_where_and_what() {
        for (text, column, key) in [
            ("", 1, "err-condition-empty"),
            ("activity >= many", 13, "err-condition-whole-number"),
            ("tag = vip and", 14, "err-condition-expected"),
            ("spend >= 1,000", 11, "err-condition-character"),
            ("last_active = 30d", 13, "err-condition-within"),
            ("joined < 30 days", 10, "err-condition-not-span"),
            ("(customer", 10, "err-condition-close-paren"),
            ("karma > 3", 1, "err-condition-unknown"),
            ("tag = \"vip", 7, "err-condition-unclosed-quote"),
            ("trust_level >= 9", 16, "err-condition-trust-level"),
            ("customer customer", 10, "err-condition-end"),
            ("posts >= lots", 10, "err-condition-whole-number"),
            ("welcomed 3", 10, "err-condition-comparison"),
            ("badge > welcomer", 7, "err-condition-equality"),
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!(e.column, column, "{text}: {e}");
            assert_eq!(e.message.key, key, "{text}: {e}");
            assert_eq!(e.message.arg("column"), Some(&column.into()), "{text}");
        }
        assert_eq!(
            parse(&"(".repeat(30)).unwrap_err().message.key,
            "err-condition-depth"
        );
        assert!(parse(&"x".repeat(3000)).is_err());
    }
}
