//! iCalendar (RFC 5545) output: one calendar of events, each with its own time zone
//! described by a `VTIMEZONE` built from the zone database's real transitions, and
//! repeats as `RRULE`. Text is escaped and lines are folded at 75 octets.

use crate::events::{Schedule, zoned};
use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};
use std::fmt::Write;

/// One event as a calendar shows it.
#[derive(Debug, Clone)]
pub struct CalendarEvent<'a> {
    /// Globally unique and stable (`event-42@example.com`).
    pub uid: String,
    pub schedule: &'a Schedule,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: Option<&'a str>,
    pub url: &'a str,
    /// Last change, UTC milliseconds.
    pub stamp: i64,
    pub cancelled: bool,
}

/// A whole `VCALENDAR` with every zone the events use.
pub fn calendar(name: &str, events: &[CalendarEvent<'_>]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Hearth//Hearth community events//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    let mut zones: Vec<(&str, &TimeZone, i64, i64)> = Vec::new();
    for e in events {
        let name = e.schedule.zone_name();
        if name == "UTC" {
            continue;
        }
        let (from, to) = (e.schedule.starts_at, e.schedule.last_end());
        match zones.iter_mut().find(|z| z.0 == name) {
            Some(z) => {
                z.2 = z.2.min(from);
                z.3 = z.3.max(to);
            }
            None => zones.push((name, &e.schedule.time_zone, from, to)),
        }
    }
    for (name, tz, from, to) in zones {
        vtimezone(&mut out, name, tz, from, to);
    }
    for e in events {
        vevent(&mut out, e);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn vevent(out: &mut String, e: &CalendarEvent<'_>) {
    let s = e.schedule;
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", text(&e.uid)));
    line(out, &format!("DTSTAMP:{}", utc(e.stamp)));
    line(out, &format!("DTSTART{}", local(s.starts_at, s)));
    line(out, &format!("DTEND{}", local(s.ends_at, s)));
    if let Some(r) = s.recurrence {
        line(out, &format!("RRULE:{}", r.rrule()));
    }
    line(out, &format!("SUMMARY:{}", text(e.summary)));
    if !e.description.trim().is_empty() {
        line(out, &format!("DESCRIPTION:{}", text(e.description)));
    }
    if let Some(loc) = e.location.filter(|l| !l.trim().is_empty()) {
        line(out, &format!("LOCATION:{}", text(loc)));
    }
    line(out, &format!("URL:{}", e.url));
    line(
        out,
        if e.cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        },
    );
    line(out, "END:VEVENT");
}

/// `;TZID=Zone:YYYYMMDDTHHMMSS`, or `:YYYYMMDDTHHMMSSZ` for UTC.
fn local(ms: i64, s: &Schedule) -> String {
    let name = s.zone_name();
    if name == "UTC" {
        return format!(":{}", utc(ms));
    }
    match zoned(ms, &s.time_zone) {
        Some(z) => format!(";TZID={name}:{}", z.strftime("%Y%m%dT%H%M%S")),
        None => format!(":{}", utc(ms)),
    }
}

fn utc(ms: i64) -> String {
    Timestamp::from_millisecond(ms)
        .map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_else(|_| "19700101T000000Z".into())
}

/// A `VTIMEZONE` covering `from..=to`: the transition in force at `from` and every one
/// after it up to `to`, each as the `STANDARD` or `DAYLIGHT` block it is.
fn vtimezone(out: &mut String, name: &str, tz: &TimeZone, from: i64, to: i64) {
    line(out, "BEGIN:VTIMEZONE");
    line(out, &format!("TZID:{name}"));
    let (Ok(from_ts), Ok(to_ts)) = (
        Timestamp::from_millisecond(from),
        Timestamp::from_millisecond(to),
    ) else {
        line(out, "END:VTIMEZONE");
        return;
    };
    let mut blocks: Vec<(Timestamp, Offset, Offset, String, bool)> = Vec::new();
    let before = tz
        .preceding(
            from_ts
                .saturating_add(jiff::SignedDuration::from_secs(1))
                .unwrap_or(from_ts),
        )
        .next();
    let mut previous = match &before {
        Some(t) => tz
            .preceding(t.timestamp())
            .next()
            .map_or(t.offset(), |p| p.offset()),
        None => tz.to_offset(from_ts),
    };
    if let Some(t) = before {
        blocks.push((
            t.timestamp(),
            previous,
            t.offset(),
            t.abbreviation().to_string(),
            t.dst().is_dst(),
        ));
        previous = t.offset();
    }
    for t in tz.following(from_ts) {
        if t.timestamp() > to_ts {
            break;
        }
        blocks.push((
            t.timestamp(),
            previous,
            t.offset(),
            t.abbreviation().to_string(),
            t.dst().is_dst(),
        ));
        previous = t.offset();
    }
    if blocks.is_empty() {
        let info = tz.to_offset_info(from_ts);
        let offset = info.offset();
        blocks.push((
            Timestamp::UNIX_EPOCH,
            offset,
            offset,
            info.abbreviation().to_string(),
            false,
        ));
    }
    for (at, before, after, abbrev, dst) in blocks {
        let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
        line(out, &format!("BEGIN:{kind}"));
        // DTSTART is the wall-clock time of the change on the clock it changes from.
        let wall = at.to_zoned(TimeZone::fixed(before));
        line(out, &format!("DTSTART:{}", wall.strftime("%Y%m%dT%H%M%S")));
        line(out, &format!("TZOFFSETFROM:{}", offset(before)));
        line(out, &format!("TZOFFSETTO:{}", offset(after)));
        if !abbrev.is_empty() {
            line(out, &format!("TZNAME:{}", text(&abbrev)));
        }
        line(out, &format!("END:{kind}"));
    }
    line(out, "END:VTIMEZONE");
}

/// `+0100`, `-0430`.
fn offset(o: Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.unsigned_abs();
    format!("{sign}{:02}{:02}", secs / 3600, (secs % 3600) / 60)
}

/// TEXT escaping: backslash, semicolon, comma and line breaks.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (never inside a UTF-8 character), CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{Recurrence, parse_time, time_zone};

    #[test]
    fn a_weekly_event_in_madrid_carries_its_zone_and_rule() {
        let tz = time_zone("Europe/Madrid").unwrap();
        let start = parse_time("s", "2026-03-19T18:00", &tz).unwrap();
        let s = Schedule::new(
            start,
            start + 7_200_000,
            tz,
            Some(Recurrence::new("weekly", 4).unwrap()),
        )
        .unwrap();
        let ics = calendar(
            "Bakery, events",
            &[CalendarEvent {
                uid: "event-1@example.com".into(),
                schedule: &s,
                summary: "Sourdough; basics, for beginners",
                description: "Bring an apron.\nAnd a jar.",
                location: Some("12 Baker St"),
                url: "https://example.com/t/1",
                stamp: start,
                cancelled: false,
            }],
        );
        assert!(ics.contains("X-WR-CALNAME:Bakery\\, events\r\n"));
        assert!(ics.contains("DTSTART;TZID=Europe/Madrid:20260319T180000\r\n"));
        assert!(ics.contains("RRULE:FREQ=WEEKLY;COUNT=4\r\n"));
        assert!(ics.contains("SUMMARY:Sourdough\\; basics\\, for beginners\r\n"));
        assert!(ics.contains("DESCRIPTION:Bring an apron.\\nAnd a jar.\r\n"));
        assert!(ics.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"));
        assert!(ics.contains("BEGIN:STANDARD\r\n"));
    }

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "é".repeat(100)));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("SUMMARY:{}", "é".repeat(100))
        );
    }
}
