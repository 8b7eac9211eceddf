//! `hearth import mailchimp FILE`: a Mailchimp audience export. Mailchimp writes one CSV
//! per status (subscribed, unsubscribed, cleaned) with the columns `Email Address`,
//! `First Name`, `Last Name`, …, `MEMBER_RATING`, `OPTIN_TIME`, `CONFIRM_TIME`,
//! `LAST_CHANGED`, `LEID`, `EUID`, `TAGS`; the unsubscribed file adds `UNSUB_TIME` and
//! `UNSUB_REASON`, the cleaned file `CLEAN_TIME`. The status is read from a `Status` column
//! when there is one, else from which of those columns the file has. Each contact gets an
//! `email` identity and one activity: subscribed, unsubscribed or email_cleaned.

use super::tabular::{self, Table};
use super::{Activity, ImportError, Out, Person, Record, Source, Who};
use hearth_core::activity::{EMAIL_CLEANED, SUBSCRIBED, UNSUBSCRIBED};

const FORMAT: &str = "2024-03-05 19:22:07 (UTC)";

pub fn parse(source: &Source, out: &Out) -> Result<(), ImportError> {
    let mut t = tabular::open(source, &["Email Address"])?;
    let by_file = if t.has("CLEAN_TIME") {
        "cleaned"
    } else if t.has("UNSUB_TIME") {
        "unsubscribed"
    } else {
        "subscribed"
    };
    while t.next()? {
        if t.blank() {
            continue;
        }
        out.row()?;
        let raw = t.get("Email Address");
        let Some(email) = tabular::email(raw) else {
            return Err(t.error("Email Address", format!("{raw:?} is not an email address")));
        };
        let status = match t.get("Status").to_lowercase().as_str() {
            "" => by_file.to_string(),
            s @ ("subscribed" | "unsubscribed" | "cleaned") => s.to_string(),
            "pending" | "transactional" | "archived" => {
                out.skip(
                    t.line,
                    format!("status {} is not a list membership", t.get("Status")),
                )?;
                continue;
            }
            other => {
                return Err(t.error(
                    "Status",
                    format!(
                        "{other:?} is not a Mailchimp status (subscribed, unsubscribed, cleaned)"
                    ),
                ));
            }
        };
        let (kind, when) = match status.as_str() {
            "unsubscribed" => (
                UNSUBSCRIBED,
                first_time(&t, &["UNSUB_TIME", "LAST_CHANGED"])?,
            ),
            "cleaned" => (
                EMAIL_CLEANED,
                first_time(&t, &["CLEAN_TIME", "LAST_CHANGED"])?,
            ),
            _ => (
                SUBSCRIBED,
                first_time(&t, &["CONFIRM_TIME", "OPTIN_TIME", "LAST_CHANGED"])?,
            ),
        };
        let name = format!("{} {}", t.get("First Name"), t.get("Last Name"))
            .trim()
            .to_string();
        let person = Person {
            channel: "email".into(),
            external_id: email.clone(),
            email: email.clone(),
            handle: String::new(),
            name,
        };
        let mut fields = Vec::new();
        if !t.get("MEMBER_RATING").is_empty() {
            fields.push((
                "mailchimp_rating".to_string(),
                t.get("MEMBER_RATING").to_string(),
            ));
        }
        out.send(Record::Person {
            person: person.clone(),
            tags: tabular::list(&t.get("TAGS").replace('"', "")),
            fields,
        })?;
        let Some(occurred_at) = when else {
            out.skip(t.line, "no date for the list status (OPTIN_TIME, CONFIRM_TIME, UNSUB_TIME, CLEAN_TIME and LAST_CHANGED are empty)")?;
            continue;
        };
        out.send(Record::Activity(Activity {
            line: t.line,
            who: Who::Seen(person),
            kind: kind.to_string(),
            channel: "email".into(),
            target: None,
            weight: 1,
            properties: None,
            key: format!("mailchimp:{kind}:{email}:{occurred_at}"),
            occurred_at,
        }))?;
    }
    Ok(())
}

/// The first of these columns that has a date (each one present must parse).
fn first_time(t: &Table, columns: &[&str]) -> Result<Option<i64>, ImportError> {
    for c in columns {
        if let Some(at) = t.opt_time(c, tabular::utc_time, FORMAT)? {
            return Ok(Some(at));
        }
    }
    Ok(None)
}
