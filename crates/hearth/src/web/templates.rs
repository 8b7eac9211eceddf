//! HTML templates (minijinja, auto-escaping) loaded from the embedded `templates/` folder,
//! with the filters every page uses.

use minijinja::{Environment, Value};
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

/// "3 hours ago" from milliseconds since the epoch.
fn ago(ms: i64) -> String {
    let seconds = (hearth_store::now_millis() - ms) / 1000;
    let (n, unit) = match seconds {
        s if s < 60 => return "just now".into(),
        s if s < 3600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3600, "hour"),
        s if s < 86_400 * 30 => (s / 86_400, "day"),
        s if s < 86_400 * 365 => (s / (86_400 * 30), "month"),
        s => (s / (86_400 * 365), "year"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// RFC 3339 in UTC, for `<time datetime>` and titles.
fn datetime(ms: i64) -> String {
    crate::web::views::rfc3339(ms)
}

/// A stable hue (0–359) for a member's avatar colour.
fn hue(id: i64) -> i64 {
    (id.wrapping_mul(137)).rem_euclid(360)
}

fn initials(name: &str) -> String {
    let mut out: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    if out.is_empty() {
        out.push('?');
    }
    out.to_uppercase()
}

/// `{{ n|plural("reply", "replies") }}` -> "1 reply", "2 replies".
fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
