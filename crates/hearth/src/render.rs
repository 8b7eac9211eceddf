//! Rendering: the HTML and mail templates (minijinja, auto-escaping) loaded from the
//! embedded `templates/` folder, with the filters every page and mail uses, and the one
//! way instants are written out (RFC 3339). Both `web` (pages) and `mail` (messages) render
//! through here, so mail never needs the web layer; outside `web` and this module nothing
//! names minijinja: the rest of the binary builds contexts with the [`context!`] and
//! [`Value`] re-exported here.

use crate::i18n;
use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, State, Value};
pub use minijinja::{Value as Context, context};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "templates/"]
struct Files;

pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    pub fn new() -> anyhow::Result<Templates> {
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_loader(|name| {
            Ok(Files::get(name).map(|f| String::from_utf8_lossy(&f.data).into_owned()))
        });
        env.add_filter("ago", ago);
        env.add_filter("datetime", datetime);
        env.add_filter("local", local);
        env.add_filter("clock", clock);
        env.add_filter("day", day);
        env.add_function("t", t);
        env.add_global(
            "all_languages",
            Value::from(minijinja::value::Serde(i18n::LANGUAGES)),
        );
        env.add_filter("hue", hue);
        env.add_filter("initials", initials);
        env.add_filter("plural", plural);
        Ok(Templates { env })
    }

    pub fn render(&self, name: &str, ctx: Value) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(ctx)
    }

    /// Every template file name, for the test that renders them all.
    pub fn names() -> Vec<String> {
        Files::iter().map(|n| n.to_string()).collect()
    }
}

/// The page's language and time zone (`lang`, `tz` in every context).
fn viewer(state: &State) -> (String, String) {
    (lang(state), context_text(state, "tz", "UTC"))
}

/// The page's language alone (what `t` needs, once per string).
fn lang(state: &State) -> String {
    context_text(state, "lang", i18n::DEFAULT)
}

fn context_text(state: &State, name: &str, default: &str) -> String {
    state
        .lookup(name)
        .and_then(|v| v.as_str().map(str::to_string))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// `{{ t("key", name=value) }}`: the message in the page's language. A key no language
/// has is an error, so the test that renders every page catches it.
fn t(state: &State, key: &str, kwargs: Kwargs) -> Result<String, Error> {
    let lang = lang(state);
    let mut args = Vec::new();
    for name in kwargs.args() {
        let v: Value = kwargs.get(name)?;
        let arg = if let Some(n) = v.as_i64() {
            i18n::Arg::Number(n as f64)
        } else if let Ok(f) = f64::try_from(v.clone()) {
            i18n::Arg::Number(f)
        } else if v.is_undefined() || v.is_none() {
            i18n::Arg::Text(String::new())
        } else {
            i18n::Arg::Text(v.to_string())
        };
        args.push((name, arg));
    }
    kwargs.assert_all_used()?;
    i18n::message(&lang, key, &args).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("no message {key:?} in the Fluent files"),
        )
    })
}

/// "3 hours ago" from milliseconds since the epoch, in the page's language.
fn ago(state: &State, ms: i64) -> String {
    let lang = lang(state);
    let seconds = (hearth_store::now_millis() - ms) / 1000;
    let (n, key) = match seconds {
        s if s < 60 => return i18n::text(&lang, "time-just-now"),
        s if s < 3600 => (s / 60, "time-minutes-ago"),
        s if s < 86_400 => (s / 3600, "time-hours-ago"),
        s if s < 86_400 * 30 => (s / 86_400, "time-days-ago"),
        s if s < 86_400 * 365 => (s / (86_400 * 30), "time-months-ago"),
        s => (s / (86_400 * 365), "time-years-ago"),
    };
    i18n::message(&lang, key, &[("count", i18n::Arg::Number(n as f64))]).unwrap_or_default()
}

/// Milliseconds, or an RFC 3339 string from a view, as milliseconds.
fn millis(v: &Value) -> Option<i64> {
    if let Some(n) = v.as_i64() {
        return Some(n);
    }
    v.as_str()
        .and_then(|s| s.parse::<jiff::Timestamp>().ok())
        .map(|t| t.as_millisecond())
}

/// `{{ at|local }}`: a date and time on the viewer's clock, in their language;
/// `{{ at|local(zone) }}` on another zone's clock (an event's own).
fn local(state: &State, at: Value, zone: Option<String>) -> String {
    let (lang, tz) = viewer(state);
    let tz = zone.filter(|z| !z.is_empty()).unwrap_or(tz);
    millis(&at).map_or_else(String::new, |ms| i18n::date_time(ms, &lang, &tz))
}

/// `{{ at|day }}`: the date alone on the viewer's clock ("1 Dec 2026").
fn day(state: &State, at: Value) -> String {
    let (lang, tz) = viewer(state);
    millis(&at).map_or_else(String::new, |ms| i18n::date(ms, &lang, &tz))
}

/// `{{ at|clock }}`: the time of day on the viewer's clock ("18:00").
fn clock(state: &State, at: Value) -> String {
    let tz = context_text(state, "tz", "UTC");
    millis(&at).map_or_else(String::new, |ms| i18n::time_of_day(ms, &tz))
}

/// RFC 3339 in UTC, for `<time datetime>` and titles.
fn datetime(ms: i64) -> String {
    rfc3339(ms)
}

/// A stable hue (0–359) for a member's avatar colour.
fn hue(id: i64) -> i64 {
    (id.wrapping_mul(137)).rem_euclid(360)
}

/// Up to two letters for an avatar: the first letter or digit of each word, leaving out
/// what is in brackets ("Sam (owner)" is "S"), punctuation and emoji.
fn initials(name: &str) -> String {
    let mut depth = 0u32;
    let plain: String = name
        .chars()
        .map(|c| match c {
            '(' | '[' | '{' => {
                depth += 1;
                ' '
            }
            ')' | ']' | '}' => {
                depth = depth.saturating_sub(1);
                ' '
            }
            _ if depth > 0 => ' ',
            c => c,
        })
        .collect();
    let first_letter = |w: &str| w.chars().find(|c| c.is_alphanumeric());
    let mut out: String = plain
        .split_whitespace()
        .filter_map(first_letter)
        .take(2)
        .collect();
    if out.is_empty() {
        out.extend(first_letter(name));
    }
    if out.is_empty() {
        out.push('?');
    }
    out.to_uppercase()
}

/// `{{ n|plural("reply", "replies") }}` -> "1 reply", "2 replies".
fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An instant (ms since the epoch) as RFC 3339 in UTC; empty when out of range.
pub fn rfc3339(ms: i64) -> String {
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;
    OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// A serialisable view as a template value.
pub fn serialized<T: serde::Serialize>(view: &T) -> Context {
    Context::from(minijinja::value::Serde(view))
}

#[cfg(test)]
mod tests {
    use super::initials;

    /// Issue 17, bug 7: "Sam (owner)" showed as "S(".
    #[test]
    fn avatar_initials_leave_out_brackets_punctuation_and_emoji() {
        assert_eq!(initials("Sam (owner)"), "S");
        assert_eq!(initials("Ana Okafor"), "AO");
        assert_eq!(initials("🍞 Bakery \"Crumbs\""), "BC");
        assert_eq!(initials("— élodie"), "É");
        assert_eq!(initials("(staff)"), "S");
        assert_eq!(initials("🍞"), "?");
        assert_eq!(initials("r2 d2"), "RD");
    }
}
