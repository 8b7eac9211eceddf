//! The point-and-click condition builder: the plain-language choices an owner picks from,
//! and the condition-language text each one writes. The builder only writes text; the
//! text is what is saved and parsed (`condition::parse`), so the power user's text box
//! and the builder can never disagree. Pure: no I/O.

use crate::condition::{Condition, ParseError, parse};
use crate::{Invalid, message};

/// What a choice needs typed beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    Nothing,
    /// A whole number of days (1 to 3650).
    Days,
    /// A number of times, and a number of days in `days`.
    TimesInDays,
    /// An amount of money, such as `100` or `49.50`.
    Amount,
    /// A tag or a channel's name.
    Word,
    /// A trust level, 0 to 4.
    Level,
}

/// One choice of the builder: its name in forms (and its message key, `segments-rule-…`),
/// what it needs, and how it writes itself.
#[derive(Debug, Clone, Copy)]
pub struct Choice {
    pub name: &'static str,
    pub needs: Needs,
}

/// Every choice, in the order the form lists them.
pub const CHOICES: &[Choice] = &[
    Choice {
        name: "active_within",
        needs: Needs::Days,
    },
    Choice {
        name: "inactive_for",
        needs: Needs::Days,
    },
    Choice {
        name: "active_times",
        needs: Needs::TimesInDays,
    },
    Choice {
        name: "joined_within",
        needs: Needs::Days,
    },
    Choice {
        name: "joined_before",
        needs: Needs::Days,
    },
    Choice {
        name: "customer",
        needs: Needs::Nothing,
    },
    Choice {
        name: "not_customer",
        needs: Needs::Nothing,
    },
    Choice {
        name: "slipping",
        needs: Needs::Nothing,
    },
    Choice {
        name: "spend_at_least",
        needs: Needs::Amount,
    },
    Choice {
        name: "has_tag",
        needs: Needs::Word,
    },
    Choice {
        name: "lacks_tag",
        needs: Needs::Word,
    },
    Choice {
        name: "on_channel",
        needs: Needs::Word,
    },
    Choice {
        name: "trust_at_least",
        needs: Needs::Level,
    },
    Choice {
        name: "has_account",
        needs: Needs::Nothing,
    },
    Choice {
        name: "contact_only",
        needs: Needs::Nothing,
    },
];

/// Ready conditions an owner can start from: (name, message key of its description,
/// condition). Every one parses (unit test).
pub const EXAMPLES: &[(&str, &str)] = &[
    ("regulars", "activity >= 5 in 30d"),
    ("slipping", "slipping"),
    ("new_this_month", "joined < 30d"),
    ("big_spenders", "customer and spend >= 100"),
    ("quiet_customers", "customer and last_active > 60d"),
    ("discord_regulars", "activity on discord >= 5 in 30d"),
];

/// How a new piece joins what is already written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    And,
    Or,
}

impl Join {
    pub fn parse(s: &str) -> Join {
        if s == "or" { Join::Or } else { Join::And }
    }
}

fn number(field: &'static str, text: &str, min: i64, max: i64) -> Result<i64, Invalid> {
    let n: i64 = text
        .trim()
        .parse()
        .map_err(|_| Invalid::new(field, "err-whole-number"))?;
    if !(min..=max).contains(&n) {
        return Err(Invalid::new(
            field,
            message!("err-builder-range", min = min, max = max),
        ));
    }
    Ok(n)
}

/// A value quoted for the condition language (`"` inside is escaped).
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\\\""))
}

/// The text of one choice with its values, or an error naming the field (`rule`, `value`
/// or `days`) that is wrong.
pub fn piece(rule: &str, value: &str, days: &str) -> Result<String, Invalid> {
    let choice = CHOICES
        .iter()
        .find(|c| c.name == rule)
        .ok_or_else(|| Invalid::new("rule", "err-builder-choose"))?;
    let days_in = |field| number(field, value_or(field, value, days), 1, 3650);
    let text = match choice.name {
        "active_within" => format!("last_active < {}d", days_in("value")?),
        "inactive_for" => format!("last_active > {}d", days_in("value")?),
        "active_times" => format!(
            "activity >= {} in {}d",
            number("value", value, 1, 100_000)?,
            days_in("days")?
        ),
        "joined_within" => format!("joined < {}d", days_in("value")?),
        "joined_before" => format!("joined > {}d", days_in("value")?),
        "customer" => "customer".to_string(),
        "not_customer" => "not customer".to_string(),
        "slipping" => "slipping".to_string(),
        "spend_at_least" => {
            let amount = value.trim().replace(',', ".");
            let ok = !amount.is_empty()
                && amount.split('.').count() <= 2
                && amount.split('.').next().is_some_and(|w| !w.is_empty())
                && amount.split('.').nth(1).is_none_or(|c| c.len() <= 2)
                && amount.chars().all(|c| c.is_ascii_digit() || c == '.')
                && amount.len() <= 12;
            if !ok {
                return Err(Invalid::new("value", "err-builder-amount"));
            }
            format!("spend >= {amount}")
        }
        "has_tag" | "lacks_tag" | "on_channel" => {
            let word = value.trim();
            if word.is_empty() {
                return Err(Invalid::new("value", "err-required"));
            }
            // The language escapes a quote with a backslash, so a backslash at the end
            // would swallow the closing quote.
            if word.ends_with('\\') {
                return Err(Invalid::new("value", "err-builder-backslash"));
            }
            if word.chars().count() > 80 {
                return Err(Invalid::new(
                    "value",
                    message!("err-at-most-characters", max = 80),
                ));
            }
            match choice.name {
                "has_tag" => format!("tag = {}", quoted(word)),
                "lacks_tag" => format!("tag != {}", quoted(word)),
                _ => format!("channel = {}", quoted(&word.to_lowercase())),
            }
        }
        "trust_at_least" => format!("trust_level >= {}", number("value", value, 0, 4)?),
        "has_account" => "kind = account".to_string(),
        _ => "kind = contact".to_string(),
    };
    Ok(text)
}

fn value_or<'a>(field: &str, value: &'a str, days: &'a str) -> &'a str {
    if field == "days" { days } else { value }
}

/// `existing` with `piece` added, joined by `and` or `or`, or the error (naming the column)
/// of what was written, which must parse first. Meaning is kept: since `and` binds tighter
/// than `or`, a condition that is an `or` at its top is put in parentheses before an `and`
/// is added; adding with `or` never needs them. The whole must parse too (its length).
pub fn add(existing: &str, join: Join, piece: &str) -> Result<String, ParseError> {
    let existing = existing.trim();
    if existing.is_empty() {
        return Ok(piece.to_string());
    }
    let parsed = parse(existing)?;
    // "(A or B)" is an or at its top but already in one pair of brackets: its inside
    // parses alone, which "(A) or (B)"'s inside, "A) or (B", does not.
    let grouped = existing.len() > 2
        && existing.starts_with('(')
        && existing.ends_with(')')
        && parse(&existing[1..existing.len() - 1]).is_ok();
    let text = match join {
        Join::Or => format!("{existing} or {piece}"),
        Join::And if matches!(parsed, Condition::Or(_)) && !grouped => {
            format!("({existing}) and {piece}")
        }
        Join::And => format!("{existing} and {piece}"),
    };
    parse(&text)?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_writes_a_condition_that_parses() {
        for c in CHOICES {
            let (value, days) = match c.needs {
                Needs::Nothing => ("", ""),
                Needs::Days => ("30", ""),
                Needs::TimesInDays => ("5", "30"),
                Needs::Amount => ("49.50", ""),
                Needs::Word => ("wholesale \"A\"", ""),
                Needs::Level => ("2", ""),
            };
            let text = piece(c.name, value, days).unwrap();
            parse(&text).unwrap_or_else(|e| panic!("{}: {text}: {e:?}", c.name));
        }
        for (_, text) in EXAMPLES {
            parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        }
    }

    #[test]
    fn the_builder_writes_what_the_owner_chose() {
        assert_eq!(
            piece("active_within", "30", "").unwrap(),
            "last_active < 30d"
        );
        assert_eq!(
            piece("active_times", "5", "14").unwrap(),
            "activity >= 5 in 14d"
        );
        assert_eq!(
            piece("spend_at_least", "99,5", "").unwrap(),
            "spend >= 99.5"
        );
        assert_eq!(piece("has_tag", " vip ", "").unwrap(), "tag = \"vip\"");
        assert_eq!(
            piece("on_channel", "Discord", "").unwrap(),
            "channel = \"discord\""
        );
        let add = |e, j, p| add(e, j, p).unwrap();
        assert_eq!(add("", Join::And, "customer"), "customer");
        assert_eq!(
            add("customer", Join::Or, "tag = \"vip\""),
            "customer or tag = \"vip\""
        );
        assert_eq!(
            add("customer or tag = \"vip\"", Join::And, "last_active < 30d"),
            "(customer or tag = \"vip\") and last_active < 30d"
        );
        // Regression (review): brackets were chosen by looking at the text, so "(A) or (B)"
        // looked grouped and a line break before "or" hid it; both changed the meaning.
        for or_at_top in [
            "(customer and spend >= 100) or (tag = \"vip\")",
            "customer\nor tag = vip",
        ] {
            let text = add(or_at_top, Join::And, "trust_level >= 2");
            assert!(
                text.starts_with('(') && text.ends_with(") and trust_level >= 2"),
                "{text}"
            );
            let Condition::And(parts) = parse(&text).unwrap() else {
                panic!("{text} is an and at its top");
            };
            assert!(matches!(parts[0], Condition::Or(_)), "{text}");
        }
        assert_eq!(
            add("(customer or tag = vip)", Join::And, "joined < 30d"),
            "(customer or tag = vip) and joined < 30d",
            "a grouped or needs no more brackets"
        );
        assert_eq!(
            add("customer and joined < 30d", Join::Or, "tag = vip"),
            "customer and joined < 30d or tag = vip"
        );
    }

    #[test]
    fn wrong_values_name_their_field() {
        let field = |r: Result<String, Invalid>| r.unwrap_err().field;
        assert_eq!(field(piece("nonsense", "", "")), "rule");
        assert_eq!(field(piece("active_within", "soon", "")), "value");
        assert_eq!(field(piece("active_within", "0", "")), "value");
        assert_eq!(field(piece("active_times", "5", "")), "days");
        assert_eq!(field(piece("active_times", "5", "99999")), "days");
        assert_eq!(field(piece("spend_at_least", "-3", "")), "value");
        assert_eq!(field(piece("spend_at_least", "1.234", "")), "value");
        assert_eq!(field(piece("spend_at_least", "", "")), "value");
        assert_eq!(field(piece("has_tag", "  ", "")), "value");
        assert_eq!(field(piece("trust_at_least", "5", "")), "value");
        assert_eq!(field(piece("has_tag", "vip\\", "")), "value");
        // What was written must parse before anything is added to it; the whole must fit.
        assert!(add("customer and (", Join::And, "joined < 30d").is_err());
        let long = format!("tag = \"{}\"", "x".repeat(1990));
        assert!(add(&long, Join::And, "joined < 30d").is_err());
    }
}
