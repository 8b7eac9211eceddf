//! Events in time: when an event happens, in which time zone, how it repeats, and the
//! instants of each occurrence. Times are kept as UTC milliseconds beside the IANA zone
//! the organiser chose; repeats are computed on the zone's wall clock, so a weekly
//! 18:00 event stays at 18:00 across daylight-saving changes, as calendar apps expect.

use crate::Invalid;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, Zoned};

/// Most occurrences a repeating event may have (a year of weekly meetings).
pub const MAX_OCCURRENCES: u32 = 52;

/// Longest an event (one occurrence) may last: two weeks.
pub const MAX_DURATION_MS: i64 = 14 * 86_400_000;

/// An IANA time zone name checked against the bundled database.
pub fn time_zone(name: &str) -> Result<TimeZone, Invalid> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Invalid::new("time_zone", "err-time-zone-required"));
    }
    TimeZone::get(name).map_err(|_| {
        Invalid::new(
            "time_zone",
            crate::message!("err-time-zone-unknown", name = format!("{name:?}")),
        )
    })
}

/// Every IANA zone name Hearth knows, sorted, for pickers.
pub fn zone_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|n| n.as_str().to_string())
        .filter(|n| n.contains('/') || n == "UTC")
        .filter(|n| !n.starts_with("Etc/") && !n.starts_with("SystemV/"))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Parses a time: RFC 3339 with an offset (`2026-12-01T18:00:00Z`), or a wall-clock time
/// in `tz` as forms send it (`2026-12-01T18:00`). Returns UTC milliseconds.
pub fn parse_time(field: &'static str, input: &str, tz: &TimeZone) -> Result<i64, Invalid> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Invalid::new(field, "err-required"));
    }
    if let Ok(t) = s.parse::<Timestamp>() {
        return Ok(t.as_millisecond());
    }
    s.parse::<DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned(tz.clone()).ok())
        .map(|z| z.timestamp().as_millisecond())
        .ok_or_else(|| {
            Invalid::new(
                field,
                crate::message!("err-time-format", s = format!("{s:?}")),
            )
        })
}

/// How an event repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Weekly,
    Monthly,
}

impl Frequency {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        match input.trim() {
            "weekly" => Ok(Frequency::Weekly),
            "monthly" => Ok(Frequency::Monthly),
            other => Err(Invalid::new(
                "recurrence",
                crate::message!("err-recurrence-freq", other = format!("{other:?}")),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
        }
    }

    /// The iCalendar `FREQ` value.
    pub fn rrule(self) -> &'static str {
        match self {
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
        }
    }
}

/// A repeat: how often and how many occurrences in all (the first included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    pub freq: Frequency,
    pub count: u32,
}

impl Recurrence {
    pub fn new(freq: &str, count: i64) -> Result<Self, Invalid> {
        let freq = Frequency::parse(freq)?;
        if !(2..=i64::from(MAX_OCCURRENCES)).contains(&count) {
            return Err(Invalid::new(
                "recurrence",
                crate::message!("err-recurrence-count", max = MAX_OCCURRENCES),
            ));
        }
        Ok(Recurrence {
            freq,
            count: count as u32,
        })
    }

    /// The iCalendar `RRULE` value.
    pub fn rrule(&self) -> String {
        format!("FREQ={};COUNT={}", self.freq.rrule(), self.count)
    }
}

/// When an event happens: its first occurrence, its zone and how it repeats.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub starts_at: i64,
    pub ends_at: i64,
    pub time_zone: TimeZone,
    pub recurrence: Option<Recurrence>,
}

impl Schedule {
    /// Checks an event's times: a known zone, an end after the start, at most
    /// [`MAX_DURATION_MS`] long.
    pub fn new(
        starts_at: i64,
        ends_at: i64,
        time_zone: TimeZone,
        recurrence: Option<Recurrence>,
    ) -> Result<Self, Invalid> {
        if ends_at <= starts_at {
            return Err(Invalid::new("ends_at", "err-ends-after-start"));
        }
        if ends_at - starts_at > MAX_DURATION_MS {
            return Err(Invalid::new("ends_at", "err-event-too-long"));
        }
        Ok(Schedule {
            starts_at,
            ends_at,
            time_zone,
            recurrence,
        })
    }

    /// The zone's IANA name.
    pub fn zone_name(&self) -> &str {
        self.time_zone.iana_name().unwrap_or("UTC")
    }

    /// Every occurrence as (start, end) in UTC milliseconds, in order. A monthly repeat
    /// on a day a month lacks (the 31st) skips that month, as RFC 5545 says.
    pub fn occurrences(&self) -> Vec<(i64, i64)> {
        let duration = self.ends_at - self.starts_at;
        let Some(first) = zoned(self.starts_at, &self.time_zone) else {
            return vec![(self.starts_at, self.ends_at)];
        };
        let Some(rec) = self.recurrence else {
            return vec![(self.starts_at, self.ends_at)];
        };
        let local = first.datetime();
        let mut out = Vec::with_capacity(rec.count as usize);
        let mut step: i64 = 0;
        while out.len() < rec.count as usize && step < i64::from(MAX_OCCURRENCES) * 12 {
            let next = match rec.freq {
                Frequency::Weekly => local.checked_add((step * 7).days()).ok(),
                Frequency::Monthly => {
                    let months = i64::from(local.month()) - 1 + step;
                    let year = i64::from(local.year()) + months.div_euclid(12);
                    let month = months.rem_euclid(12) + 1;
                    Date::new(year as i16, month as i8, local.day())
                        .ok()
                        .map(|d| d.to_datetime(local.time()))
                }
            };
            step += 1;
            let Some(start) = next
                .and_then(|dt| dt.to_zoned(self.time_zone.clone()).ok())
                .map(|z| z.timestamp().as_millisecond())
            else {
                continue;
            };
            out.push((start, start + duration));
        }
        out
    }

    /// The end of the last occurrence.
    pub fn last_end(&self) -> i64 {
        self.occurrences()
            .last()
            .map_or(self.ends_at, |(_, end)| *end)
    }

    /// The first occurrence that has not ended at `now`.
    pub fn next_occurrence(&self, now: i64) -> Option<(i64, i64)> {
        self.occurrences().into_iter().find(|(_, end)| *end > now)
    }
}

/// `ms` on the wall clock of `tz`.
pub fn zoned(ms: i64, tz: &TimeZone) -> Option<Zoned> {
    Timestamp::from_millisecond(ms)
        .ok()
        .map(|t| t.to_zoned(tz.clone()))
}

/// `ms` as a form's `datetime-local` value on the wall clock of `tz`.
pub fn local_input(ms: i64, tz: &TimeZone) -> String {
    zoned(ms, tz)
        .map(|z| z.strftime("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// The short code attendees type at the door: six characters, no look-alikes.
pub fn checkin_code(random: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut n = random;
    (0..6)
        .map(|_| {
            let c = ALPHABET[(n % ALPHABET.len() as u64) as usize] as char;
            n /= ALPHABET.len() as u64;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn madrid() -> TimeZone {
        time_zone("Europe/Madrid").unwrap()
    }

    #[test]
    fn times_parse_with_an_offset_or_on_the_zone_clock() {
        let tz = madrid();
        let utc = parse_time("starts_at", "2026-12-01T17:00:00Z", &tz).unwrap();
        let local = parse_time("starts_at", "2026-12-01T18:00", &tz).unwrap();
        assert_eq!(utc, local, "18:00 in Madrid in December is 17:00 UTC");
        let e = parse_time("starts_at", "tomorrow", &tz).unwrap_err();
        assert_eq!(e.field, "starts_at");
        assert_eq!(e.message.key, "err-time-format");
        assert_eq!(e.message.arg("s"), Some(&crate::Arg::from("\"tomorrow\"")));
    }

    #[test]
    fn unknown_zones_are_named() {
        let e = time_zone("Mars/Olympus").unwrap_err();
        assert_eq!(
            e.message.arg("name"),
            Some(&crate::Arg::from("\"Mars/Olympus\""))
        );
        assert!(time_zone("").is_err());
        assert!(zone_names().iter().any(|n| n == "America/New_York"));
    }

    #[test]
    fn an_event_ends_after_it_starts() {
        let e = Schedule::new(10, 10, madrid(), None).unwrap_err();
        assert_eq!(e.field, "ends_at");
        assert!(Schedule::new(0, MAX_DURATION_MS + 1, madrid(), None).is_err());
    }

    #[test]
    fn weekly_repeats_keep_the_wall_clock_across_dst() {
        let tz = madrid();
        // 18:00 on Thursday 19 March 2026; Spain moves its clocks on 29 March.
        let start = parse_time("s", "2026-03-19T18:00", &tz).unwrap();
        let s = Schedule::new(
            start,
            start + 3_600_000,
            tz.clone(),
            Some(Recurrence::new("weekly", 3).unwrap()),
        )
        .unwrap();
        let occ = s.occurrences();
        assert_eq!(occ.len(), 3);
        for (start, _) in &occ {
            assert_eq!(local_input(*start, &tz)[11..], *"18:00");
        }
        // Across the change, a week is an hour shorter in UTC.
        assert_eq!(occ[2].0 - occ[1].0, 7 * 86_400_000 - 3_600_000);
        assert_eq!(s.last_end(), occ[2].1);
    }

    #[test]
    fn monthly_repeats_skip_months_without_the_day() {
        let tz = TimeZone::UTC;
        let start = parse_time("s", "2027-01-31T10:00", &tz).unwrap();
        let s = Schedule::new(
            start,
            start + 3_600_000,
            tz.clone(),
            Some(Recurrence::new("monthly", 3).unwrap()),
        )
        .unwrap();
        let days: Vec<String> = s
            .occurrences()
            .iter()
            .map(|(s, _)| local_input(*s, &tz)[..10].to_string())
            .collect();
        assert_eq!(days, ["2027-01-31", "2027-03-31", "2027-05-31"]);
    }

    #[test]
    fn recurrences_are_bounded() {
        assert!(Recurrence::new("daily", 3).is_err());
        assert!(Recurrence::new("weekly", 1).is_err());
        assert!(Recurrence::new("weekly", 53).is_err());
        assert_eq!(
            Recurrence::new("monthly", 6).unwrap().rrule(),
            "FREQ=MONTHLY;COUNT=6"
        );
    }

    #[test]
    fn codes_avoid_look_alikes() {
        let c = checkin_code(123_456_789_012);
        assert_eq!(c.len(), 6);
        assert!(!c.contains(['0', 'O', '1', 'I']));
    }
}
