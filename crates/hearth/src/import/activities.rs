//! Activities from other systems, one format for the API and for files: the items of
//! `POST /api/v1/activities` and of `hearth import activities FILE` (NDJSON, one item a
//! line, or CSV with the same fields as columns: `member`, `member_channel`,
//! `member_external_id`, `channel`, `kind`, `occurred_at`, `target`, `target_member`,
//! `target_member_channel`, `target_member_external_id`, `weight`, `properties`,
//! `idempotency_key`).
//!
//! `target_member` names, in the same forms as `member`, the member a `message_replied`
//! or `reaction_added` answers: replies in other systems feed who helps whom.
//!
//! An item without an `idempotency_key` gets one derived from its content, so replaying a
//! batch adds nothing twice either way.

use super::sources::LineGuard;
use super::tabular;
use super::{Activity, ImportError, Out, Person, Record, Source, Who, bad};
use hearth_core::people;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::io::BufRead;

/// The largest `properties` object accepted, serialised.
pub const MAX_PROPERTIES: usize = 8 * 1024;

/// An item's error: which field, and what is wrong with it.
pub type ItemError = (&'static str, String);

/// Who an item names in `member`.
enum MemberRef<'a> {
    /// An email address or a handle.
    Text(&'a str),
    /// `{channel, external_id}` (a missing part is empty).
    Pair(&'a str, &'a str),
}

/// An item's fields, their JSON types checked: read from a parsed JSON value (the API, a
/// CSV row, an NDJSON line the fast path declined) or straight from an NDJSON line's text
/// ([`Typed`]). [`check`] does everything else, once for both.
struct Fields<'a> {
    member: Option<MemberRef<'a>>,
    channel: Option<&'a str>,
    kind: Option<&'a str>,
    occurred_at: Option<&'a str>,
    target: Option<&'a str>,
    target_member: Option<MemberRef<'a>>,
    weight: Option<i64>,
    properties: Option<Map<String, Value>>,
    idempotency_key: Option<&'a str>,
}

/// The kinds whose target may be a member (`target_member`).
pub const MEMBER_TARGET_KINDS: &[&str] = &[
    hearth_core::activity::MESSAGE_REPLIED,
    hearth_core::activity::REACTION_ADDED,
];

/// Reads one item (a JSON object) into the activity to write.
pub fn item(v: &Value, line: u64, now: i64) -> Result<Activity, ItemError> {
    let Some(obj) = v.as_object() else {
        return Err(("item", "must be a JSON object".into()));
    };
    for key in obj.keys() {
        if !FIELDS.contains(&key.as_str()) {
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
    let channel = text("channel")?;
    let kind = text("kind")?;
    let occurred_at = text("occurred_at")?;
    let member = member_ref(obj.get("member"), "member")?;
    let target_member = member_ref(obj.get("target_member"), "target_member")?;
    let weight = match obj.get("weight") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_i64()
                .ok_or(("weight", "must be a whole number".to_string()))?,
        ),
    };
    let properties = match obj.get("properties") {
        None | Some(Value::Null) => None,
        Some(Value::Object(m)) => Some(m.clone()),
        Some(_) => return Err(("properties", "must be a JSON object".into())),
    };
    let fields = Fields {
        member,
        channel,
        kind,
        occurred_at,
        target: text("target")?,
        target_member,
        weight,
        properties,
        idempotency_key: text("idempotency_key")?,
    };
    check(fields, line, now, || {
        let mut h = Sha256::new();
        h.update(serde_json::to_vec(v).unwrap_or_default());
        hearth_core::values::hex(&h.finalize())
    })
}

/// `member` or `target_member` as a parsed value names them.
fn member_ref<'a>(
    v: Option<&'a Value>,
    field: &'static str,
) -> Result<Option<MemberRef<'a>>, ItemError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(MemberRef::Text(s))),
        Some(Value::Object(m)) => {
            let part = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("");
            Ok(Some(MemberRef::Pair(part("channel"), part("external_id"))))
        }
        Some(_) => Err((
            field,
            "must be an email, a handle, or {\"channel\", \"external_id\"}".into(),
        )),
    }
}

/// The fields an item may have.
const FIELDS: &[&str] = &[
    "member",
    "channel",
    "kind",
    "occurred_at",
    "target",
    "target_member",
    "weight",
    "properties",
    "idempotency_key",
];

/// Checks an item's fields and builds the activity. `digest` derives the idempotency key
/// from the item's content when it has none.
fn check(
    f: Fields<'_>,
    line: u64,
    now: i64,
    digest: impl FnOnce() -> String,
) -> Result<Activity, ItemError> {
    let channel = people::channel(f.channel.ok_or(("channel", "is required".to_string()))?)
        .map_err(|e| ("channel", e.message.to_string()))?;
    let kind = f.kind.ok_or(("kind", "is required".to_string()))?;
    if !hearth_core::activity::is_ingestible(kind) {
        return Err((
            "kind",
            format!(
                "{kind:?} is not a kind other systems may send: use one of the documented external kinds or custom:<name>"
            ),
        ));
    }
    let at_text = f
        .occurred_at
        .ok_or(("occurred_at", "is required".to_string()))?;
    let occurred_at = tabular::rfc3339(at_text).ok_or((
        "occurred_at",
        format!("{at_text:?} is not an RFC 3339 time like 2024-03-05T14:22:31Z"),
    ))?;
    if occurred_at > now + 24 * 3_600_000 {
        return Err(("occurred_at", "is more than a day in the future".into()));
    }
    let member = who(
        f.member.ok_or(("member", "is required".to_string()))?,
        &channel,
        ("member", "member.channel", "member.external_id"),
    )?;
    let target = match f.target_member {
        None => None,
        Some(_) if !MEMBER_TARGET_KINDS.contains(&kind) => {
            return Err((
                "target_member",
                format!(
                    "is only for kinds whose target is a member ({}), not {kind:?}",
                    MEMBER_TARGET_KINDS.join(", ")
                ),
            ));
        }
        Some(t) => Some(who(
            t,
            &channel,
            (
                "target_member",
                "target_member.channel",
                "target_member.external_id",
            ),
        )?),
    };
    let weight = match f.weight {
        None => 1,
        Some(w) if w.abs() <= 1_000_000_000_000 => w,
        Some(_) => return Err(("weight", "must be a whole number".into())),
    };
    let mut properties = f.properties.unwrap_or_default();
    if let Some(target) = f.target {
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
    let key = match f.idempotency_key {
        Some(k) if (1..=200).contains(&k.chars().count()) => format!("ext:{k}"),
        Some(_) => return Err(("idempotency_key", "must be 1 to 200 characters".into())),
        None => format!("ext:sha256:{}", digest()),
    };
    Ok(Activity {
        line,
        who: member,
        kind: kind.to_string(),
        channel,
        target,
        weight,
        properties,
        key,
        occurred_at,
    })
}

/// Who `member` (or `target_member`) names: an email met on the item's channel, a
/// handle, or a `{channel, external_id}` pair. `fields` names the field and its parts in
/// errors.
fn who(
    m: MemberRef<'_>,
    channel: &str,
    fields: (&'static str, &'static str, &'static str),
) -> Result<Who, ItemError> {
    let (field, channel_field, id_field) = fields;
    Ok(match m {
        MemberRef::Text(s) if s.contains('@') && !s.starts_with('@') => {
            let email =
                tabular::email(s).ok_or((field, format!("{s:?} is not an email address")))?;
            // A member named by email is met on the item's channel.
            Who::Seen(Person {
                channel: channel.to_string(),
                external_id: String::new(),
                email,
                ..Person::default()
            })
        }
        MemberRef::Text(s) => {
            let handle = s.trim_start_matches('@');
            if hearth_core::values::Handle::parse(handle).is_err() {
                return Err((
                    field,
                    format!("{s:?} is neither an email address nor a handle"),
                ));
            }
            Who::Handle(handle.to_string())
        }
        MemberRef::Pair(member_channel, external_id) => {
            let member_channel = people::channel(member_channel)
                .map_err(|e| (channel_field, e.message.to_string()))?;
            let external_id =
                people::external_id(external_id).map_err(|e| (id_field, e.message.to_string()))?;
            Who::Seen(Person {
                channel: member_channel,
                external_id,
                ..Person::default()
            })
        }
    })
}

/// An NDJSON line read straight from its text, strings borrowed where they have no
/// escapes: the fast path for large files. Anything it does not take — an unknown or
/// repeated field, a value of the wrong type, no `idempotency_key` (whose digest is of
/// the parsed value) — goes the way of [`item`], which names the problem.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Typed<'a> {
    #[serde(borrow, default)]
    member: Option<TypedMember<'a>>,
    #[serde(borrow, default)]
    channel: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    occurred_at: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    target: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    target_member: Option<TypedMember<'a>>,
    #[serde(default)]
    weight: Option<i64>,
    #[serde(default)]
    properties: Option<Map<String, Value>>,
    #[serde(borrow)]
    idempotency_key: Cow<'a, str>,
}

/// A JSON string, borrowed from the line when it has no escapes.
#[derive(serde::Deserialize)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

/// `member`: a string, or an object whose `channel` and `external_id` are strings.
enum TypedMember<'a> {
    Text(Cow<'a, str>),
    Pair(Cow<'a, str>, Cow<'a, str>),
}

impl<'de: 'a, 'a> serde::Deserialize<'de> for TypedMember<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = TypedMember<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or {channel, external_id}")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(TypedMember::Text(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
                Ok(TypedMember::Text(Cow::Owned(s.to_string())))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let (mut channel, mut external_id) = (Cow::Borrowed(""), Cow::Borrowed(""));
                while let Some(Text(key)) = map.next_key::<Text<'de>>()? {
                    match key.as_ref() {
                        "channel" => channel = map.next_value::<Text<'de>>()?.0,
                        "external_id" => external_id = map.next_value::<Text<'de>>()?.0,
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(TypedMember::Pair(channel, external_id))
            }
        }
        d.deserialize_any(Visit(std::marker::PhantomData))
    }
}

/// The fast path for one NDJSON line: `None` when the line must go the way of [`item`].
fn typed_item(line: &str, n: u64, now: i64) -> Option<Result<Activity, ItemError>> {
    let t: Typed<'_> = serde_json::from_str(line).ok()?;
    fn borrow<'b>(m: &'b TypedMember<'_>) -> MemberRef<'b> {
        match m {
            TypedMember::Text(s) => MemberRef::Text(s),
            TypedMember::Pair(c, e) => MemberRef::Pair(c, e),
        }
    }
    let member = t.member.as_ref().map(borrow);
    let target_member = t.target_member.as_ref().map(borrow);
    let fields = Fields {
        member,
        channel: t.channel.as_deref(),
        kind: t.kind.as_deref(),
        occurred_at: t.occurred_at.as_deref(),
        target: t.target.as_deref(),
        target_member,
        weight: t.weight,
        properties: t.properties,
        idempotency_key: Some(&t.idempotency_key),
    };
    Some(check(fields, n, now, String::new))
}

pub fn parse(source: &Source, out: &Out) -> Result<(), ImportError> {
    let lower = source.file_name.to_lowercase();
    if lower.ends_with(".csv") {
        return parse_csv(source, out);
    }
    let now = hearth_store::now_millis();
    let mut reader =
        std::io::BufReader::new(LineGuard::new(std::io::BufReader::new(source.open()?)));
    let mut buf = String::new();
    let mut n: u64 = 0;
    loop {
        buf.clear();
        n += 1;
        let read = reader
            .read_line(&mut buf)
            .map_err(|e| bad(Some(n), None, not_text(&e)))?;
        if read == 0 {
            break;
        }
        let line = buf.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        out.row()?;
        let a = match typed_item(line, n, now) {
            Some(a) => a,
            None => {
                let v: Value = serde_json::from_str(line).map_err(|e| {
                    bad(
                        Some(n),
                        None,
                        format!("not a JSON object: {e} (NDJSON has one object per line)"),
                    )
                })?;
                item(&v, n, now)
            }
        }
        .map_err(|(field, message)| bad(Some(n), Some(field), message))?;
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
        if !t.get("target_member_channel").is_empty() {
            obj.insert(
                "target_member".into(),
                serde_json::json!({"channel": t.get("target_member_channel"), "external_id": t.get("target_member_external_id")}),
            );
        } else if !t.get("target_member").is_empty() {
            obj.insert("target_member".into(), Value::from(t.get("target_member")));
        }
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

#[cfg(test)]
mod tests {
    use super::{item, typed_item};
    use serde_json::Value;

    const NOW: i64 = 1_800_000_000_000;

    fn by_value(line: &str) -> String {
        let v: Value = serde_json::from_str(line).unwrap();
        format!("{:?}", item(&v, 3, NOW))
    }

    #[test]
    fn the_fast_path_reads_an_item_exactly_as_the_value_path_does() {
        for line in [
            r#"{"member":"Ana@Example.com","channel":"pos","kind":"purchased","occurred_at":"2024-03-05T14:22:31Z","weight":5,"properties":{"till":2,"z":[1]},"target":"bread","idempotency_key":"k1"}"#,
            r#"{"member":{"channel":"pos","external_id":"c\u00e91","extra":true},"channel":"pos","kind":"custom:visit","occurred_at":"2024-03-05T14:22:31+01:00","idempotency_key":"k\"2"}"#,
            r#"{"member":"@ana_b","channel":"pos","kind":"purchased","occurred_at":"2024-03-05T14:22:31Z","weight":null,"properties":null,"idempotency_key":"k3"}"#,
            // Checked alike: the errors are the same.
            r#"{"member":"ana@example.com","channel":"pos","kind":"replied","occurred_at":"2024-03-05T14:22:31Z","idempotency_key":"k4"}"#,
            r#"{"member":"ana@example.com","channel":"pos","kind":"purchased","occurred_at":"05/03/2024","idempotency_key":"k5"}"#,
            r#"{"member":{"channel":"POS"},"channel":"pos","kind":"purchased","occurred_at":"2024-03-05T14:22:31Z","idempotency_key":"k6"}"#,
            r#"{"channel":"pos","kind":"purchased","occurred_at":"2024-03-05T14:22:31Z","idempotency_key":""}"#,
        ] {
            let fast = typed_item(line, 3, NOW).expect("the fast path takes it");
            assert_eq!(format!("{fast:?}"), by_value(line), "{line}");
        }
    }

    #[test]
    fn the_fast_path_leaves_what_it_cannot_name_to_the_value_path() {
        for line in [
            r#"{"member":"a@b.io","channel":"pos","kind":"purchased","occurred_at":"2024-03-05T14:22:31Z"}"#,
            r#"{"member":"a@b.io","channel":"pos","kind":"purchased","occurred_at":"2024-03-05T14:22:31Z","idempotency_key":"k","colour":"red"}"#,
            r#"{"member":"a@b.io","channel":"pos","kind":"purchased","occurred_at":"2024-03-05T14:22:31Z","idempotency_key":"k","weight":1.5}"#,
            r#"{"member":5,"channel":"pos","kind":"purchased","occurred_at":"2024-03-05T14:22:31Z","idempotency_key":"k"}"#,
            r#"{"member":"a@b.io","channel":"pos","kind":7,"occurred_at":"2024-03-05T14:22:31Z","idempotency_key":"k"}"#,
            r#"{"member":"a@b.io","channel":"pos","kind":"purchased","occurred_at":"2024-03-05T14:22:31Z","idempotency_key":"k","properties":[1]}"#,
            r#"{"member":"a@b.io","channel":"pos","channel":"web","kind":"purchased","occurred_at":"2024-03-05T14:22:31Z","idempotency_key":"k"}"#,
            r#"[1, 2]"#,
        ] {
            assert!(typed_item(line, 3, NOW).is_none(), "{line}");
        }
    }
}
