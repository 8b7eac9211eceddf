//! `hearth import members FILE`: the owner's own list of people as CSV. Columns `email`
//! (required), `name`, `handle` and `tags` (comma- or semicolon-separated); every other
//! column becomes a custom field of that name. A person is matched by email.

use super::tabular::{self, Table};
use super::{ImportError, Out, Person, Record, Source};

/// Columns that are not custom fields.
const KNOWN: &[&str] = &["email", "name", "handle", "tags"];

pub fn parse(source: &Source, out: &Out) -> Result<(), ImportError> {
    let mut t = tabular::open(source, &["email"])?;
    while t.next()? {
        if t.blank() {
            continue;
        }
        out.row()?;
        let Some(email) = tabular::email(t.get("email")) else {
            if t.get("email").is_empty() {
                out.skip(t.line, "no email address")?;
                continue;
            }
            return Err(t.error(
                "email",
                format!("{:?} is not an email address", t.get("email")),
            ));
        };
        out.send(person(&t, email))?;
    }
    Ok(())
}

fn person(t: &Table, email: String) -> Record {
    let fields = t
        .cells()
        .filter(|(h, v)| !v.is_empty() && !KNOWN.contains(&h.to_lowercase().as_str()))
        .map(|(h, v)| (field_name(h), v.chars().take(1000).collect()))
        .collect();
    Record::Person {
        person: Person {
            channel: "email".into(),
            external_id: email.clone(),
            email,
            handle: t.get("handle").trim_start_matches('@').to_string(),
            name: t.get("name").to_string(),
        },
        tags: tabular::list(t.get("tags")),
        fields,
    }
}

/// A custom field's name: the column's header, lower-cased, spaces as `_`.
pub fn field_name(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .take(64)
        .collect()
}
