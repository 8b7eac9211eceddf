//! Languages: every UI string and mail lives in Fluent files (`locales/{lang}/*.ftl`,
//! embedded in the binary), looked up by templates through `t("key", name=value)`. Each
//! page and mail carries `lang` and `tz` in its context; dates show on that zone's clock,
//! with month and day names in that language.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rust_embed::RustEmbed;
use std::sync::OnceLock;

#[derive(RustEmbed)]
#[folder = "locales/"]
struct Files;

/// The languages Hearth speaks: (code, name in that language). English is complete by
/// definition; a test fails when another language misses a key or has one nobody uses.
pub const LANGUAGES: &[(&str, &str)] = &[("en", "English"), ("es", "Español")];

/// The language used when nothing else says.
pub const DEFAULT: &str = "en";

struct Bundles(Vec<(&'static str, FluentBundle<FluentResource>)>);

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        install();
        Bundles(
            LANGUAGES
                .iter()
                .map(|(code, _)| (*code, load(code)))
                .collect(),
        )
    })
}

/// Every `.ftl` file of a language in one bundle. A file that does not parse is a
/// programming error caught by the tests; its good messages are still used.
fn load(code: &str) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    let mut names: Vec<String> = Files::iter()
        .filter(|n| n.starts_with(&format!("{code}/")) && n.ends_with(".ftl"))
        .map(|n| n.to_string())
        .collect();
    names.sort();
    for name in names {
        let Some(file) = Files::get(&name) else {
            continue;
        };
        let source = String::from_utf8_lossy(&file.data).into_owned();
        let resource = match FluentResource::try_new(source) {
            Ok(r) => r,
            Err((r, errors)) => {
                tracing::error!(file = name, ?errors, "Fluent file has errors");
                r
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(file = name, ?errors, "Fluent file repeats keys");
        }
    }
    bundle
}

/// A supported language code for `wanted` (`es`, `es-MX`, `ES`), or `None`.
pub fn supported(wanted: &str) -> Option<&'static str> {
    let primary = wanted
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(code, _)| *code == primary)
        .map(|(code, _)| *code)
}

pub use hearth_core::Arg;

/// The message `key` in `lang` (falling back to English), or `None` when no language has it.
pub fn message(lang: &str, key: &str, args: &[(&str, Arg)]) -> Option<String> {
    let all = bundles();
    let order = [supported(lang).unwrap_or(DEFAULT), DEFAULT];
    for code in order {
        let Some((_, bundle)) = all.0.iter().find(|(c, _)| *c == code) else {
            continue;
        };
        let Some(msg) = bundle.get_message(key) else {
            continue;
        };
        let pattern = msg.value()?;
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fargs.set(*name, FluentValue::from(s.clone())),
                Arg::Number(n) => fargs.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                key,
                lang = code,
                ?errors,
                "Fluent message formatted with errors"
            );
        }
        return Some(text.into_owned());
    }
    None
}

/// A message built in Rust (a validation error, a refusal, a notice: `hearth_core::Message`)
/// said in `lang`; its key when no language has it (a test checks that every key used
/// exists in every language).
pub fn say(lang: &str, m: &hearth_core::Message) -> String {
    message(lang, m.key, &m.args).unwrap_or_else(|| m.key.to_string())
}

/// A message said in English: what the API and the command line answer, and what
/// `Display` writes for every `hearth_core::Message` once [`install`] has run.
pub fn english(m: &hearth_core::Message) -> String {
    say(DEFAULT, m)
}

/// An input error said whole in `lang`: the field's name and the message ("title: must
/// not be empty"; in Spanish the field's name is said in Spanish too).
pub fn say_invalid(lang: &str, e: &hearth_core::Invalid) -> String {
    let name = if lang == DEFAULT {
        e.field.to_string()
    } else {
        message(
            lang,
            "macro-field-name",
            &[
                ("field", Arg::Text(e.field.to_string())),
                ("label", Arg::Text(e.field.replace('_', " "))),
            ],
        )
        .unwrap_or_else(|| e.field.to_string())
    };
    format!("{name}: {}", say(lang, &e.message))
}

/// Something to say to a person, kept unsaid until the language is known: a page says it
/// in its reader's language, the API and the command line in English.
#[derive(Debug, Clone)]
pub enum Said {
    /// A message by key.
    Message(hearth_core::Message),
    /// An input error, said whole: its field's name, then its message.
    Invalid(hearth_core::Invalid),
    /// Words that have no key, said as they are in every language: an imported file's
    /// error in its parser's own words.
    Words(String),
}

impl Said {
    pub fn say(&self, lang: &str) -> String {
        match self {
            Said::Message(m) => say(lang, m),
            Said::Invalid(e) => say_invalid(lang, e),
            Said::Words(w) => w.clone(),
        }
    }

    pub fn english(&self) -> String {
        self.say(DEFAULT)
    }
}

impl From<&'static str> for Said {
    fn from(key: &'static str) -> Self {
        Said::Message(hearth_core::Message::new(key))
    }
}

impl From<hearth_core::Message> for Said {
    fn from(m: hearth_core::Message) -> Self {
        Said::Message(m)
    }
}

impl From<hearth_core::Invalid> for Said {
    fn from(e: hearth_core::Invalid) -> Self {
        Said::Invalid(e)
    }
}

/// Makes `Display` of every `hearth_core::Message` (and so of `hearth_core::Invalid`) say
/// English. Called when the services start (`services::Hearth::new`); harmless to repeat.
pub fn install() {
    hearth_core::message::install_renderer(english);
}

/// A message without arguments, or its key when it is missing (for Rust-side strings).
pub fn text(lang: &str, key: &str) -> String {
    message(lang, key, &[]).unwrap_or_else(|| key.to_string())
}

/// The keys of a language, file by file: (file, key).
pub fn keys(code: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in Files::iter().filter(|n| n.starts_with(&format!("{code}/"))) {
        let Some(file) = Files::get(&name) else {
            continue;
        };
        let source = String::from_utf8_lossy(&file.data).into_owned();
        let resource = match FluentResource::try_new(source) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                out.push((name.to_string(), m.id.name.to_string()));
            }
        }
    }
    out
}

/// Whether every file of every language parses without errors; the errors otherwise.
pub fn parse_errors() -> Vec<String> {
    let mut out = Vec::new();
    for name in Files::iter() {
        let Some(file) = Files::get(&name) else {
            continue;
        };
        let source = String::from_utf8_lossy(&file.data).into_owned();
        if let Err((_, errors)) = FluentResource::try_new(source) {
            out.push(format!("{name}: {errors:?}"));
        }
    }
    out
}

tokio::task_local! {
    /// The language a visitor chose with the footer's switch (the `hearth_lang` cookie),
    /// for the request being answered; set by [`visitor_language`].
    static VISITOR_LANG: &'static str;
}

/// The language chosen by the visitor of the request being answered, if any.
pub fn visitor_language() -> Option<&'static str> {
    VISITOR_LANG.try_with(|l| *l).ok()
}

/// Runs `work` (answering a request) with `lang` as the visitor's choice.
pub async fn as_visitor_choosing<F: std::future::Future>(lang: &'static str, work: F) -> F::Output {
    VISITOR_LANG.scope(lang, work).await
}

/// The language and time zone a member reads in: theirs, else the one a visitor chose
/// in the footer, else the community's.
pub fn locale(
    community: Option<&hearth_core::model::Community>,
    me: Option<&hearth_core::model::Member>,
) -> (String, String) {
    let lang = me
        .and_then(|m| supported(&m.language))
        .or_else(visitor_language)
        .or_else(|| community.and_then(|c| supported(&c.default_language)))
        .unwrap_or(DEFAULT);
    let tz = me
        .map(|m| m.time_zone.as_str())
        .filter(|t| !t.is_empty())
        .or_else(|| community.map(|c| c.default_time_zone.as_str()))
        .unwrap_or("UTC");
    (lang.to_string(), tz.to_string())
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_ES: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
];
const MONTHS_LONG_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_LONG_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const DAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const DAYS_ES: [&str; 7] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"];

/// Short weekday names, Monday first.
pub fn weekdays(lang: &str) -> [&'static str; 7] {
    if lang == "es" { DAYS_ES } else { DAYS_EN }
}

/// "December 2026" / "diciembre de 2026".
pub fn month_title(lang: &str, year: i16, month: i8) -> String {
    let i = (month.clamp(1, 12) - 1) as usize;
    if lang == "es" {
        format!("{} de {year}", MONTHS_LONG_ES[i])
    } else {
        format!("{} {year}", MONTHS_LONG_EN[i])
    }
}

/// The zone a viewer reads dates in: theirs, or UTC if unknown.
pub fn zone(tz: &str) -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get(tz).unwrap_or(jiff::tz::TimeZone::UTC)
}

/// A date and time on the viewer's clock: "Tue 1 Dec 2026, 18:00" (en),
/// "mar 1 dic 2026, 18:00" (es).
pub fn date_time(ms: i64, lang: &str, tz: &str) -> String {
    let Some(z) = hearth_core::events::zoned(ms, &zone(tz)) else {
        return String::new();
    };
    let d = z.date();
    let (days, months) = if lang == "es" {
        (DAYS_ES, MONTHS_ES)
    } else {
        (DAYS_EN, MONTHS_EN)
    };
    format!(
        "{} {} {} {}, {:02}:{:02}",
        days[d.weekday().to_monday_zero_offset() as usize],
        d.day(),
        months[(d.month() - 1) as usize],
        d.year(),
        z.hour(),
        z.minute()
    )
}

/// The date alone on the viewer's clock: "1 Dec 2026" / "1 dic 2026".
pub fn date(ms: i64, lang: &str, tz: &str) -> String {
    let Some(z) = hearth_core::events::zoned(ms, &zone(tz)) else {
        return String::new();
    };
    let months = if lang == "es" { MONTHS_ES } else { MONTHS_EN };
    format!(
        "{} {} {}",
        z.day(),
        months[(z.month() - 1) as usize],
        z.year()
    )
}

/// The time alone on the viewer's clock: "18:00".
pub fn time_of_day(ms: i64, tz: &str) -> String {
    hearth_core::events::zoned(ms, &zone(tz))
        .map(|z| format!("{:02}:{:02}", z.hour(), z.minute()))
        .unwrap_or_default()
}

/// The zone's abbreviation at `ms` ("CET", "EST"), for "18:00 CET".
pub fn zone_abbreviation(ms: i64, tz: &str) -> String {
    let zone = zone(tz);
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| zone.to_offset_info(t).abbreviation().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_said_with_its_arguments_and_falls_back_to_its_key() {
        let m = hearth_core::message!("err-at-most-characters", max = 80);
        assert_eq!(english(&m), "must be at most 80 characters");
        assert_eq!(say("es", &m), "debe tener como máximo 80 caracteres");
        assert_eq!(
            say("fr", &m),
            english(&m),
            "an unknown language says English"
        );
        let e = hearth_core::Invalid::new("title", m);
        assert_eq!(
            say_invalid("en", &e),
            "title: must be at most 80 characters"
        );
        assert!(
            say_invalid("es", &e).starts_with("Título: "),
            "{}",
            say_invalid("es", &e)
        );
        assert_eq!(
            english(&hearth_core::Message::new("no-such-key")),
            "no-such-key"
        );
    }

    #[test]
    fn languages_resolve_and_dates_localise() {
        assert_eq!(supported("es-MX"), Some("es"));
        assert_eq!(supported("EN"), Some("en"));
        assert_eq!(supported("fr"), None);
        // 2026-12-01T17:00:00Z is 18:00 in Madrid.
        let ms = 1_796_144_400_000;
        assert_eq!(
            date_time(ms, "en", "Europe/Madrid"),
            "Tue 1 Dec 2026, 18:00"
        );
        assert_eq!(
            date_time(ms, "es", "Europe/Madrid"),
            "mar 1 dic 2026, 18:00"
        );
        assert_eq!(date_time(ms, "en", "nowhere"), "Tue 1 Dec 2026, 17:00");
        assert_eq!(zone_abbreviation(ms, "Europe/Madrid"), "CET");
    }
}
