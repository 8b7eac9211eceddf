//! Reading import files safely: their digest, a guard against endless lines, and the
//! checks a zip must pass before anything in it is read (no paths out of the export, no
//! entry that inflates beyond reason).

use super::{ImportError, bad};
use sha2::{Digest, Sha256};
use std::io::{BufRead, Read};
use std::path::Path;

/// A line (a CSV record, an NDJSON item) longer than this is refused: a file that is one
/// endless line would otherwise be read whole into memory.
pub const MAX_LINE: usize = 1 << 20;

/// The SHA-256 of a file, read in blocks (for the audit: the same file twice is visible).
pub fn file_sha256(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hearth_core::values::hex(&hasher.finalize()))
}

/// Wraps a reader so that no line is longer than [`MAX_LINE`] bytes: the CSV reader keeps
/// a record in memory, so this is what keeps a 2 GB single-line file from being loaded.
pub struct LineGuard<R> {
    inner: R,
    line_len: usize,
    line: u64,
}

impl<R: BufRead> LineGuard<R> {
    pub fn new(inner: R) -> Self {
        LineGuard {
            inner,
            line_len: 0,
            line: 1,
        }
    }
}

impl<R: BufRead> Read for LineGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut rest = &buf[..n];
        loop {
            let (len, newline) = match rest.iter().position(|b| *b == b'\n') {
                Some(at) => (at, true),
                None => (rest.len(), false),
            };
            self.line_len += len;
            if self.line_len > MAX_LINE {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "line {} is longer than {} bytes: this is not a file of rows (is it the right file?)",
                        self.line, MAX_LINE
                    ),
                ));
            }
            if !newline {
                break;
            }
            self.line += 1;
            self.line_len = 0;
            rest = &rest[len + 1..];
        }
        Ok(n)
    }
}

/// Limits for what a zip may hold.
pub const ZIP_MAX_ENTRIES: usize = 200_000;
/// No entry may inflate to more than this (a Slack day file is kilobytes to megabytes).
pub const ZIP_MAX_ENTRY: u64 = 512 << 20;
/// Nor may all entries together.
pub const ZIP_MAX_TOTAL: u64 = 16 << 30;
/// An entry that inflates more than this many times its compressed size is a bomb.
pub const ZIP_MAX_RATIO: u64 = 200;

/// Checks every entry's name and announced size before any is read. Returns the entries'
/// safe relative paths, in archive order.
pub fn check_zip<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Result<Vec<String>, ImportError> {
    if zip.len() > ZIP_MAX_ENTRIES {
        return Err(bad(
            None,
            None,
            format!(
                "the zip holds {} entries, more than {ZIP_MAX_ENTRIES}",
                zip.len()
            ),
        ));
    }
    let mut names = Vec::with_capacity(zip.len());
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| bad(None, None, format!("not a readable zip: {e}")))?;
        let raw = entry
            .name()
            .map_err(|e| bad(None, None, format!("an entry's name is not readable: {e}")))?
            .into_owned();
        let Some(path) = entry.enclosed_name() else {
            return Err(bad(
                None,
                Some(&raw),
                "this entry's path leads outside the export (absolute or with ..); refusing the zip",
            ));
        };
        // The raw name, as the zip holds it: a leading `/` or `\` is refused even where
        // `enclosed_name` would have made it relative (the docs promise this).
        if raw.contains("..") || raw.starts_with('/') || raw.starts_with('\\') {
            return Err(bad(
                None,
                Some(&raw),
                "this entry's path leads outside the export (absolute or with ..); refusing the zip",
            ));
        }
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        if size > ZIP_MAX_ENTRY || (size > (1 << 20) && size / packed > ZIP_MAX_RATIO) {
            return Err(bad(
                None,
                Some(&raw),
                format!(
                    "this entry inflates to {size} bytes from {packed}: it looks like a zip bomb; refusing the zip"
                ),
            ));
        }
        total = total.saturating_add(size);
        if total > ZIP_MAX_TOTAL {
            return Err(bad(
                None,
                None,
                format!("the zip inflates to more than {ZIP_MAX_TOTAL} bytes; refusing it"),
            ));
        }
        names.push(path.to_string_lossy().replace('\\', "/"));
    }
    Ok(names)
}

/// Reads one zip entry, never more than its announced size (an entry whose data inflates
/// beyond what its header said is refused, not trusted).
pub fn read_entry<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Vec<u8>, ImportError> {
    let entry = zip
        .by_name(name)
        .map_err(|e| bad(None, Some(name), format!("cannot read this entry: {e}")))?;
    let announced = entry.size();
    let mut data = Vec::with_capacity(announced.min(ZIP_MAX_ENTRY) as usize);
    entry
        .take(announced.min(ZIP_MAX_ENTRY) + 1)
        .read_to_end(&mut data)
        .map_err(|e| bad(None, Some(name), format!("cannot inflate this entry: {e}")))?;
    if data.len() as u64 > announced {
        return Err(bad(
            None,
            Some(name),
            "this entry inflates beyond the size its header announces; refusing the zip",
        ));
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::{LineGuard, MAX_LINE};
    use std::io::Read;

    /// Regression: a Slack zip entry named `/users.json` or `\\users.json` was accepted.
    #[test]
    fn zip_entries_with_absolute_raw_names_are_refused() {
        use std::io::Write;
        for name in ["/users.json", "\\users.json", "ok/../../users.json"] {
            let mut bytes = Vec::new();
            {
                let mut w = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
                let options = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Stored);
                w.start_file(name, options).unwrap();
                w.write_all(b"[]").unwrap();
                w.finish().unwrap();
            }
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let e = super::check_zip(&mut zip).unwrap_err();
            assert!(e.to_string().contains("outside the export"), "{name}: {e}");
        }
    }

    #[test]
    fn the_line_guard_passes_lines_and_stops_the_first_one_too_long() {
        let mut text = b"short\n".repeat(3);
        text.extend(vec![b'x'; MAX_LINE]);
        text.extend(b"\nok\n");
        let mut out = Vec::new();
        // Read in small pieces: a line's length is counted across reads.
        let mut guard = LineGuard::new(std::io::BufReader::with_capacity(1000, &text[..]));
        guard
            .read_to_end(&mut out)
            .expect("a line of exactly MAX_LINE bytes passes");
        assert_eq!(out, text);

        let mut long = b"a\nb\n".to_vec();
        long.extend(vec![b'y'; MAX_LINE + 1]);
        let mut guard = LineGuard::new(std::io::BufReader::with_capacity(1000, &long[..]));
        let e = guard.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(e.to_string().starts_with("line 3 is longer than"), "{e}");
    }
}
