//! Days, weeks and months on a community's clock. A [`Day`] is a civil date counted from
//! 1970-01-01; weeks are ISO weeks (Monday first), months are calendar months. A [`Zone`]
//! turns instants into days on a time zone's clock, caching the offset between the zone's
//! transitions so a scan of sorted instants asks the zone database once per transition.

use std::fmt;

/// A civil date: days since 1970-01-01 (negative before).
pub type Day = i32;

/// The days from 1970-01-01 to `y-m-d` (proleptic Gregorian; Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> Day {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of `day`: (year, month 1–12, day 1–31).
pub fn civil_from_days(day: Day) -> (i32, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `YYYY-MM-DD`.
pub fn format_day(day: Day) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A `YYYY-MM-DD` date, or `None` when it is not one (a month 13, a 31 February).
pub fn parse_day(text: &str) -> Option<Day> {
    let mut parts = text.trim().splitn(3, '-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let day = days_from_civil(y, m, d);
    (civil_from_days(day) == (y, m, d)).then_some(day)
}

/// How activity is counted over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Day, Period::Week, Period::Month];

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    pub fn parse(text: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == text.trim())
    }

    /// The number of the period `day` falls in; consecutive periods have consecutive
    /// numbers.
    pub fn index(self, day: Day) -> i32 {
        match self {
            Period::Day => day,
            // 1970-01-01 was a Thursday: the Monday before it is day -3.
            Period::Week => (day + 3).div_euclid(7),
            Period::Month => {
                let (y, m, _) = civil_from_days(day);
                y * 12 + m as i32 - 1
            }
        }
    }

    /// The first day of period number `index`.
    pub fn start(self, index: i32) -> Day {
        match self {
            Period::Day => index,
            Period::Week => index * 7 - 3,
            Period::Month => {
                days_from_civil(index.div_euclid(12), (index.rem_euclid(12) + 1) as u32, 1)
            }
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Maps days to period numbers fast over a range: a month's number needs a civil date,
/// so a scan looks it up in a table instead.
pub struct PeriodTable {
    period: Period,
    first: Day,
    index: Vec<i32>,
}

impl PeriodTable {
    pub fn new(period: Period, first: Day, last: Day) -> PeriodTable {
        let index = match period {
            Period::Month => (first..=last.max(first)).map(|d| period.index(d)).collect(),
            _ => Vec::new(),
        };
        PeriodTable {
            period,
            first,
            index,
        }
    }

    #[inline]
    pub fn index(&self, day: Day) -> i32 {
        match self.period {
            Period::Day => day,
            Period::Week => (day + 3).div_euclid(7),
            Period::Month => self.index[(day - self.first) as usize],
        }
    }
}

/// A time zone, with the offset in force cached between its transitions.
#[derive(Clone)]
pub struct Zone {
    name: String,
    tz: jiff::tz::TimeZone,
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name)
    }
}

impl Zone {
    /// An IANA zone (`Europe/Madrid`, `UTC`), or `None` when the database has no such zone.
    pub fn new(name: &str) -> Option<Zone> {
        let tz = jiff::tz::TimeZone::get(name.trim()).ok()?;
        Some(Zone {
            name: name.trim().to_string(),
            tz,
        })
    }

    pub fn utc() -> Zone {
        Zone {
            name: "UTC".into(),
            tz: jiff::tz::TimeZone::UTC,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// A reader of days for many instants, fastest when they come in order.
    pub fn days(&self) -> DayReader<'_> {
        DayReader {
            zone: self,
            from: i64::MAX,
            until: i64::MIN,
            offset_ms: 0,
        }
    }

    /// Today on this zone's clock, at `now_ms`.
    pub fn day_of(&self, ms: i64) -> Day {
        self.days().day(ms)
    }
}

/// Turns instants into days on one zone's clock; see [`Zone::days`].
pub struct DayReader<'z> {
    zone: &'z Zone,
    /// The offset is `offset_ms` for instants in `[from, until)`.
    from: i64,
    until: i64,
    offset_ms: i64,
}

impl DayReader<'_> {
    /// The day on the zone's clock at `ms` (milliseconds since 1970 UTC).
    #[inline]
    pub fn day(&mut self, ms: i64) -> Day {
        if ms < self.from || ms >= self.until {
            self.refresh(ms);
        }
        (ms + self.offset_ms).div_euclid(86_400_000) as Day
    }

    #[cold]
    fn refresh(&mut self, ms: i64) {
        let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else {
            // Out of jiff's range: UTC, for this instant only.
            self.from = ms;
            self.until = ms.saturating_add(1);
            self.offset_ms = 0;
            return;
        };
        let tz = &self.zone.tz;
        self.offset_ms = i64::from(tz.to_offset(ts).seconds()) * 1000;
        self.until = tz
            .following(ts)
            .next()
            .map_or(i64::MAX, |t| t.timestamp().as_millisecond());
        // `preceding` gives transitions strictly before `ts`; one at exactly `ts` is the
        // start of this offset too.
        let after = ts
            .checked_add(jiff::SignedDuration::from_millis(1))
            .unwrap_or(ts);
        self.from = tz
            .preceding(after)
            .next()
            .map_or(i64::MIN, |t| t.timestamp().as_millisecond());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for day in -800_000..800_000 {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(format_day(20_454), "2026-01-01");
        assert_eq!(parse_day("2026-01-01"), Some(20_454));
        assert_eq!(parse_day("2026-02-30"), None);
        assert_eq!(parse_day("2026-13-01"), None);
        assert_eq!(parse_day("yesterday"), None);
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        let monday = parse_day("2026-11-30").unwrap();
        let sunday = parse_day("2026-12-06").unwrap();
        assert_eq!(Period::Week.index(monday), Period::Week.index(sunday));
        assert_eq!(
            Period::Week.index(sunday) + 1,
            Period::Week.index(sunday + 1)
        );
        assert_eq!(Period::Week.start(Period::Week.index(sunday)), monday);
        let dec = Period::Month.index(parse_day("2026-12-31").unwrap());
        assert_eq!(format_day(Period::Month.start(dec)), "2026-12-01");
        assert_eq!(format_day(Period::Month.start(dec + 1)), "2027-01-01");
        let table = PeriodTable::new(Period::Month, monday, sunday + 40);
        for d in monday..=sunday + 40 {
            assert_eq!(table.index(d), Period::Month.index(d));
        }
    }

    #[test]
    fn days_follow_the_zone_clock_across_transitions() {
        let madrid = Zone::new("Europe/Madrid").unwrap();
        let mut days = madrid.days();
        // 2026-03-28T23:30Z is 00:30 on the 29th in Madrid (UTC+1); the clocks go forward
        // at 01:00Z on the 29th, and 2026-03-29T22:30Z is 00:30 on the 30th (UTC+2).
        let ms = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_millisecond();
        assert_eq!(
            format_day(days.day(ms("2026-03-28T22:59:00Z"))),
            "2026-03-28"
        );
        assert_eq!(
            format_day(days.day(ms("2026-03-28T23:30:00Z"))),
            "2026-03-29"
        );
        assert_eq!(
            format_day(days.day(ms("2026-03-29T21:59:00Z"))),
            "2026-03-29"
        );
        assert_eq!(
            format_day(days.day(ms("2026-03-29T22:30:00Z"))),
            "2026-03-30"
        );
        // Backwards in time too.
        assert_eq!(
            format_day(days.day(ms("2026-01-01T00:00:00Z"))),
            "2026-01-01"
        );
        assert_eq!(
            format_day(days.day(ms("2025-12-31T22:59:00Z"))),
            "2025-12-31"
        );
        assert!(Zone::new("Mars/Olympus").is_none());
        assert_eq!(Zone::utc().day_of(0), 0);
    }
}
