//! Activities from other systems, one format for the API and for files: the items of
//! `POST /api/v1/activities` and of `hearth import activities FILE` (NDJSON, one item a
//! line, or CSV with the same fields as columns: `member`, `member_channel`,
//! `member_external_id`, `channel`, `kind`, `occurred_at`, `target`, `weight`,
//! `properties`, `idempotency_key`).
//!
//! An item without an `idempotency_key` gets one derived from its content, so replaying a
//! batch adds nothing twice either way.

use super::sources::LineGuard;
use super::tabular;
use super::{Activity, ImportError, Out, Person, Record, Source, Who, bad};
use hearth_core::people;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::io::BufRead;

/// The largest `properties` object accepted, serialised.
pub const MAX_PROPERTIES: usize = 8 * 1024;

/// An item's error: which field, and what is wrong with it.
pub type ItemError = (&'static str, String);

/// Reads one item (a JSON object) into the activity to write.
pub fn item(v: &Value, line: u64, now: i64) -> Result<Activity, ItemError> {
    let Some(obj) = v.as_object() else {
        return Err(("item", "must be a JSON object".into()));
    };
    for key in obj.keys() {
        if !matches!(
            key.as_str(),
            "member"
                | "channel"
                | "kind"
                | "occurred_at"
                | "target"
                | "weight"
                | "properties"
                | "idempotency_key"
        ) {
            return Err(("item", format!("unknown field {key:?}")));
        }
    }
    let text = |name: &'static str| -> Result<Option<&str>, ItemError> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err((name, "must be a string".into())),
        }
    };
    let channel = people::channel(text("channel")?.ok_or(("channel", "is required".to_string()))?)
        .map_err(|e| ("channel", e.message))?;
    let kind = text("kind")?.ok_or(("kind", "is required".to_string()))?;
    if !hearth_core::activity::is_ingestible(kind) {
        return Err((
            "kind",
            format!(
                "{kind:?} is not a kind other systems may send: use one of the documented external kinds or custom:<name>"
            ),
        ));
    }
    let at_text = text("occurred_at")?.ok_or(("occurred_at", "is required".to_string()))?;
    let occurred_at = tabular::rfc3339(at_text).ok_or((
        "occurred_at",
        format!("{at_text:?} is not an RFC 3339 time like 2024-03-05T14:22:31Z"),
    ))?;
    if occurred_at > now + 24 * 3_600_000 {
        return Err(("occurred_at", "is more than a day in the future".into()));
    }
    let who = match obj.get("member") {
        Some(Value::String(s)) if s.contains('@') && !s.starts_with('@') => {
            let email =
                tabular::email(s).ok_or(("member", format!("{s:?} is not an email address")))?;
            Who::Seen(Person {
                channel: String::new(),
                external_id: String::new(),
                email,
                ..Person::default()
            })
        }
        Some(Value::String(s)) => {
            let handle = s.trim_start_matches('@');
            if hearth_core::values::Handle::parse(handle).is_err() {
                return Err((
                    "member",
                    format!("{s:?} is neither an email address nor a handle"),
                ));
            }
            Who::Handle(handle.to_string())
        }
        Some(Value::Object(m)) => {
            let field = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("");
            let member_channel =
                people::channel(field("channel")).map_err(|e| ("member.channel", e.message))?;
            let external_id = people::external_id(field("external_id"))
                .map_err(|e| ("member.external_id", e.message))?;
            Who::Seen(Person {
                channel: member_channel,
                external_id,
                email: String::new(),
                handle: String::new(),
                name: String::new(),
            })
        }
        None | Some(Value::Null) => return Err(("member", "is required".into())),
        Some(_) => {
            return Err((
                "member",
                "must be an email, a handle, or {\"channel\", \"external_id\"}".into(),
            ));
        }
    };
    let weight = match obj.get("weight") {
        None | Some(Value::Null) => 1,
        Some(v) => v
            .as_i64()
            .filter(|w| w.abs() <= 1_000_000_000_000)
            .ok_or(("weight", "must be a whole number".to_string()))?,
    };
    let mut properties = match obj.get("properties") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Err(("properties", "must be a JSON object".into())),
    };
    if let Some(target) = text("target")? {
        if target.chars().count() > 200 {
            return Err(("target", "must be at most 200 characters".into()));
        }
        properties.insert("target".into(), Value::from(target));
    }
    let properties = (!properties.is_empty()).then(|| Value::Object(properties).to_string());
    if properties
        .as_ref()
        .is_some_and(|p| p.len() > MAX_PROPERTIES)
    {
        return Err((
            "properties",
            format!("must be at most {MAX_PROPERTIES} bytes"),
        ));
    }
    let key = match text("idempotency_key")? {
        Some(k) if (1..=200).contains(&k.chars().count()) => format!("ext:{k}"),
        Some(_) => return Err(("idempotency_key", "must be 1 to 200 characters".into())),
        None => {
            let mut h = Sha256::new();
            h.update(serde_json::to_vec(v).unwrap_or_default());
            let digest: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
            format!("ext:sha256:{digest}")
        }
    };
    let who = match who {
        // A member named by email is met on the item's channel.
        Who::Seen(mut p) if p.external_id.is_empty() => {
            p.channel = channel.clone();
            Who::Seen(p)
        }
        other => other,
    };
    Ok(Activity {
        line,
        who,
        kind: kind.to_string(),
        channel,
        target_person: None,
        weight,
        properties,
        key,
        occurred_at,
    })
}

pub fn parse(source: &Source, out: &Out) -> Result<(), ImportError> {
    let lower = source.file_name.to_lowercase();
    if lower.ends_with(".csv") {
        return parse_csv(source, out);
    }
    let now = hearth_store::now_millis();
    let reader = std::io::BufReader::new(LineGuard::new(std::io::BufReader::new(source.open()?)));
    for (i, line) in reader.lines().enumerate() {
        let n = i as u64 + 1;
        let line = line.map_err(|e| bad(Some(n), None, not_text(&e)))?;
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        out.row()?;
        let v: Value = serde_json::from_str(line).map_err(|e| {
            bad(
                Some(n),
                None,
                format!("not a JSON object: {e} (NDJSON has one object per line)"),
            )
        })?;
        let a = item(&v, n, now).map_err(|(field, message)| bad(Some(n), Some(field), message))?;
        out.send(Record::Activity(a))?;
    }
    Ok(())
}

fn not_text(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::InvalidData && e.to_string().contains("UTF-8") {
        "this line is not UTF-8 text; save the file as UTF-8".into()
    } else {
        e.to_string()
    }
}

fn parse_csv(source: &Source, out: &Out) -> Result<(), ImportError> {
    let now = hearth_store::now_millis();
    let mut t = tabular::open(source, &["member", "channel", "kind", "occurred_at"])?;
    while t.next()? {
        if t.blank() {
            continue;
        }
        out.row()?;
        let mut obj = Map::new();
        let member = if t.get("member_channel").is_empty() {
            Value::from(t.get("member"))
        } else {
            serde_json::json!({"channel": t.get("member_channel"), "external_id": t.get("member_external_id")})
        };
        obj.insert("member".into(), member);
        for c in [
            "channel",
            "kind",
            "occurred_at",
            "target",
            "idempotency_key",
        ] {
            if !t.get(c).is_empty() {
                obj.insert(c.into(), Value::from(t.get(c)));
            }
        }
        if !t.get("weight").is_empty() {
            let w: i64 = t.get("weight").parse().map_err(|_| {
                t.error(
                    "weight",
                    format!("{:?} is not a whole number", t.get("weight")),
                )
            })?;
            obj.insert("weight".into(), Value::from(w));
        }
        if !t.get("properties").is_empty() {
            let p: Value = serde_json::from_str(t.get("properties"))
                .map_err(|e| t.error("properties", format!("not JSON: {e}")))?;
            obj.insert("properties".into(), p);
        }
        let a = item(&Value::Object(obj), t.line, now)
            .map_err(|(field, message)| t.error(field, message))?;
        out.send(Record::Activity(a))?;
    }
    Ok(())
}
