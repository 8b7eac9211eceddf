//! CSV files as the sources export them: a header row named by the source, a BOM or not,
//! commas, or the semicolons or tabs a spreadsheet re-saves them with (found from the
//! header line), and the errors a person can act on (a missing column, a file that is not
//! UTF-8). Also the date and money formats the sources write.

use super::sources::LineGuard;
use super::{Counting, ImportError, Source, bad};
use std::collections::HashMap;
use std::io::BufReader;

type Inner = LineGuard<BufReader<Counting<BufReader<std::fs::File>>>>;

/// A CSV file being read row by row.
pub struct Table {
    reader: csv::Reader<Inner>,
    columns: HashMap<String, usize>,
    pub headers: Vec<String>,
    record: csv::StringRecord,
    pub line: u64,
    /// The separator found in the header: `,`, `;` or a tab.
    pub delimiter: u8,
}

/// The separator of a header line: whichever of `,`, `;` and tab it has most of outside
/// quotes (a comma when none).
pub fn delimiter(header: &[u8]) -> u8 {
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for &b in header {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

/// The first line of a file (at most 64 KiB of it).
fn first_line(source: &Source) -> Result<Vec<u8>, ImportError> {
    use std::io::Read;
    let mut head = Vec::new();
    source
        .open()?
        .take(64 * 1024)
        .read_to_end(&mut head)
        .map_err(|e| bad(Some(1), None, e.to_string()))?;
    let end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
    head.truncate(end);
    Ok(head)
}

/// Opens a CSV file and checks that every `required` column is in its header (compared
/// without case, surrounding spaces or a byte-order mark). An entry may name the column's
/// other spellings after `||` (`Created date (UTC)||Created (UTC)`): any one will do.
pub fn open(source: &Source, required: &[&str]) -> Result<Table, ImportError> {
    let head = first_line(source)?;
    let delimiter = delimiter(&head);
    let reader = LineGuard::new(BufReader::new(source.open()?));
    let mut builder = csv::ReaderBuilder::new();
    builder
        .flexible(true)
        .has_headers(true)
        .delimiter(delimiter);
    // A file with CRLF line ends (a spreadsheet's) is split on LF alone, so that rows
    // keep their line numbers; the CR left at a row's end is trimmed like any space.
    if head.ends_with(b"\r") {
        builder.terminator(csv::Terminator::Any(b'\n'));
    }
    let mut reader = builder.from_reader(reader);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(e, 1))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let has = |want: &str| {
        want.split("||")
            .any(|w| headers.iter().any(|h| h.eq_ignore_ascii_case(w)))
    };
    let missing = required.iter().any(|want| !has(want));
    if headers.len() == 1 && missing {
        for (sep, name) in [('|', "bars")] {
            if headers[0].contains(sep) {
                return Err(bad(
                    Some(1),
                    None,
                    format!(
                        "the columns are separated by {name}; Hearth reads files separated by commas, semicolons or tabs (export again as CSV)"
                    ),
                ));
            }
        }
    }
    let columns: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.to_lowercase(), i))
        .collect();
    for want in required {
        if !has(want) {
            let mut names = want.split("||");
            let first = names.next().unwrap_or(want);
            let others: Vec<String> = names.map(|n| format!(" (or {n:?})")).collect();
            return Err(bad(
                Some(1),
                Some(first),
                format!(
                    "the header has no {first:?}{} column (it has: {})",
                    others.concat(),
                    headers.join(", ")
                ),
            ));
        }
    }
    Ok(Table {
        reader,
        columns,
        headers,
        record: csv::StringRecord::new(),
        line: 1,
        delimiter,
    })
}

fn csv_error(e: csv::Error, line: u64) -> ImportError {
    let line = e.position().map_or(line, |p| p.line());
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => bad(
            Some(line),
            None,
            "this line is not UTF-8 text; save the file as UTF-8 and import it again",
        ),
        csv::ErrorKind::Io(io) => bad(Some(line), None, io.to_string()),
        _ => bad(Some(line), None, format!("not readable as CSV: {e}")),
    }
}

impl Table {
    /// Reads the next row; false at the end of the file.
    pub fn next(&mut self) -> Result<bool, ImportError> {
        let more = self
            .reader
            .read_record(&mut self.record)
            .map_err(|e| csv_error(e, self.line + 1))?;
        if more {
            self.line = self.record.position().map_or(self.line + 1, |p| p.line());
        }
        Ok(more)
    }

    /// The trimmed value of a column in the current row ("" when absent or short).
    pub fn get(&self, column: &str) -> &str {
        self.columns
            .get(&column.to_lowercase())
            .and_then(|i| self.record.get(*i))
            .map_or("", str::trim)
    }

    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(&column.to_lowercase())
    }

    /// The first of a column's spellings that the header has (the first when none).
    pub fn pick(&self, spellings: &[&'static str]) -> &'static str {
        spellings
            .iter()
            .copied()
            .find(|c| self.has(c))
            .unwrap_or(spellings[0])
    }

    /// Is the current row empty (every cell blank)?
    pub fn blank(&self) -> bool {
        self.record.iter().all(|c| c.trim().is_empty())
    }

    /// Every (header, value) of the current row.
    pub fn cells(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers
            .iter()
            .map(String::as_str)
            .zip(self.record.iter().map(str::trim))
    }

    /// An error about a column of the current row.
    pub fn error(&self, column: &str, message: impl Into<String>) -> ImportError {
        bad(Some(self.line), Some(column), message)
    }

    /// A required, parsed column of the current row.
    pub fn time(
        &self,
        column: &str,
        parse: fn(&str) -> Option<i64>,
        format: &str,
    ) -> Result<i64, ImportError> {
        let value = self.get(column);
        parse(value).ok_or_else(|| {
            self.error(
                column,
                format!("{value:?} is not a date and time like {format}"),
            )
        })
    }

    /// An optional date column: empty is None, anything else must parse.
    pub fn opt_time(
        &self,
        column: &str,
        parse: fn(&str) -> Option<i64>,
        format: &str,
    ) -> Result<Option<i64>, ImportError> {
        if self.get(column).is_empty() {
            return Ok(None);
        }
        self.time(column, parse, format).map(Some)
    }

    /// An amount of money in hundredths (`12.50` is 1250); empty is 0. In a file separated
    /// by semicolons or tabs, a decimal comma (`12,50`) is read too, as a spreadsheet in
    /// much of Europe writes it.
    pub fn money(&self, column: &str) -> Result<i64, ImportError> {
        let value = self.get(column);
        let decimal_comma = self.delimiter != b','
            && !value.contains('.')
            && value.matches(',').count() == 1
            && value
                .rsplit(',')
                .next()
                .is_some_and(|f| (1..=2).contains(&f.len()));
        let value: std::borrow::Cow<'_, str> = if decimal_comma {
            value.replace(',', ".").into()
        } else {
            value.into()
        };
        let value = value.as_ref();
        money(value)
            .ok_or_else(|| self.error(column, format!("{value:?} is not an amount like 12.50")))
    }
}

/// RFC 3339 (`2024-03-05T14:22:31Z`, `…+01:00`) to milliseconds.
pub fn rfc3339(s: &str) -> Option<i64> {
    s.trim()
        .parse::<jiff::Timestamp>()
        .ok()
        .map(|t| t.as_millisecond())
}

/// Shopify's `2024-03-05 14:22:31 -0500` (or RFC 3339).
pub fn shopify_time(s: &str) -> Option<i64> {
    jiff::fmt::strtime::parse("%Y-%m-%d %H:%M:%S %z", s.trim())
        .ok()
        .and_then(|p| p.to_timestamp().ok())
        .map(|t| t.as_millisecond())
        .or_else(|| rfc3339(s))
}

/// A wall-clock time in UTC: Stripe's `2024-03-05 19:22` or `2024-03-05 19:22:07`,
/// Mailchimp's `2024-03-05 19:22:07` (or RFC 3339).
pub fn utc_time(s: &str) -> Option<i64> {
    let s = s.trim();
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| jiff::civil::DateTime::strptime(f, s).ok())
        .and_then(|dt| dt.to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp().as_millisecond())
        .or_else(|| rfc3339(s))
}

/// `12.50`, `-3`, `1234.5` in hundredths; empty is 0. No thousands separators.
pub fn money(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return Some(0);
    }
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty()
        || whole.len() > 13
        || fraction.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let cents = whole.parse::<i64>().ok()? * 100 + format!("{fraction:0<2}").parse::<i64>().ok()?;
    Some(if negative { -cents } else { cents })
}

/// A list cell: tags separated by commas or semicolons, trimmed, empty ones dropped.
pub fn list(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().take(64).collect())
        .collect()
}

/// An email cell, lower-cased, or None when it is not an address.
pub fn email(s: &str) -> Option<String> {
    hearth_core::values::Email::parse(s)
        .ok()
        .map(|e| e.into_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_formats_parse() {
        assert_eq!(money("12.50"), Some(1250));
        assert_eq!(money("12.5"), Some(1250));
        assert_eq!(money("-3"), Some(-300));
        assert_eq!(money(""), Some(0));
        for bad in ["1,234.00", "12.345", "abc", "-", "1e3"] {
            assert_eq!(money(bad), None, "{bad}");
        }
        assert_eq!(
            shopify_time("2024-03-05 14:22:31 -0500"),
            rfc3339("2024-03-05T19:22:31Z")
        );
        assert_eq!(
            utc_time("2024-03-05 19:22"),
            rfc3339("2024-03-05T19:22:00Z")
        );
        assert_eq!(
            utc_time("2024-03-05 19:22:07"),
            rfc3339("2024-03-05T19:22:07Z")
        );
        assert_eq!(utc_time("05/03/2024"), None);
        assert_eq!(list("vip; early , ,x"), vec!["vip", "early", "x"]);
    }

    #[test]
    fn the_separator_is_the_one_the_header_has_most_of_outside_quotes() {
        assert_eq!(delimiter(b"id,Created date (UTC),Amount"), b',');
        assert_eq!(delimiter(b"Created date (UTC);Amount;Currency\r"), b';');
        assert_eq!(delimiter(b"email\tname"), b'\t');
        assert_eq!(
            delimiter(b"\"a;b\",c"),
            b',',
            "a semicolon inside quotes is a name's"
        );
        assert_eq!(delimiter(b"email"), b',');
        assert_eq!(delimiter(b""), b',');
    }
}
