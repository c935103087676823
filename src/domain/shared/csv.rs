//! Reading CSV exports into cells, shared by the orders and the customers import:
//! delimiter detection, limits on columns and row length, and matching headers
//! against a list of known names.

use csv::{ReaderBuilder, StringRecord};

use crate::domain::shared::sort::sort_stable_by_key;

/// A CSV file split into cells (each trimmed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedFile {
    pub headers: Vec<String>,
    /// Data rows, excluding the header: `rows[i]` is spreadsheet row `i + 2`. Blank
    /// lines inside the file are kept as empty rows so numbering matches; trailing
    /// completely-empty lines are dropped. Rows may have fewer or more cells than
    /// the header.
    pub rows: Vec<Vec<String>>,
}

/// Most columns a row may have. Marketplace exports have a few dozen; a row with
/// thousands is a broken export, and a mapping screen for it would not fit in memory.
pub const MAX_COLUMNS: usize = 500;
/// Longest row, in bytes. A long note in one cell fits many times over; a line of
/// megabytes is a file that is not a table.
pub const MAX_ROW_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is empty")]
    Empty,
    /// The csv reader's own complaint; `line` is 1-based.
    #[error("the file is not valid CSV (line {line})")]
    Csv { line: u64 },
    #[error("the file has a header but no data rows")]
    NoRows,
    #[error("line {line} has {found} columns; at most {limit} are read")]
    TooManyColumns {
        line: u64,
        found: usize,
        limit: usize,
    },
    #[error("line {line} is {bytes} bytes long; at most {limit} are read")]
    RowTooLong {
        line: u64,
        bytes: usize,
        limit: usize,
    },
}

/// Parses an export. Handles a UTF-8 byte-order mark and detects the delimiter
/// (`,`, `;` or tab) from the header line: whichever appears most outside quotes
/// (ties and none: comma).
pub fn parse_csv(text: &str) -> Result<ParsedFile, FileError> {
    let mut parser = CsvParser::new(text)?;
    while !parser.read_rows(usize::MAX)? {}
    parser.finish()
}

/// [`parse_csv`] a few thousand rows at a time, so the page can paint and show
/// progress between steps (a 100,000-row export takes seconds to read).
pub struct CsvParser<'t> {
    bytes: &'t [u8],
    reader: csv::Reader<&'t [u8]>,
    record: StringRecord,
    headers: Option<Vec<String>>,
    rows: Vec<Vec<String>>,
    /// Byte offset where the previous record's reading stopped; the csv crate skips
    /// blank lines silently, so they are counted from the text in between.
    previous_end: usize,
    lines: LineCounter,
}

impl<'t> CsvParser<'t> {
    pub fn new(text: &'t str) -> Result<Self, FileError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(FileError::Empty);
        }
        let bytes = text.as_bytes();
        let reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(detect_delimiter(bytes))
            .from_reader(bytes);
        Ok(Self {
            bytes,
            reader,
            record: StringRecord::new(),
            headers: None,
            rows: Vec::new(),
            previous_end: 0,
            lines: LineCounter::default(),
        })
    }

    /// (bytes read, bytes in all): for a progress bar.
    pub fn progress(&self) -> (usize, usize) {
        (self.previous_end, self.bytes.len())
    }

    /// Reads up to `max_records` more records; `Ok(true)` once the file is read.
    pub fn read_rows(&mut self, max_records: usize) -> Result<bool, FileError> {
        let bytes = self.bytes;
        for _ in 0..max_records {
            match self.reader.read_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return Ok(true),
                Err(error) => {
                    let at = error
                        .position()
                        .and_then(|p| usize::try_from(p.byte()).ok())
                        .unwrap_or(0);
                    return Err(FileError::Csv {
                        line: self.lines.line_at(bytes, at),
                    });
                }
            }
            let record = &self.record;
            // Checked before the cells are copied, so a broken export is refused with a
            // message instead of filling the page's memory.
            let start = record
                .position()
                .and_then(|p| usize::try_from(p.byte()).ok())
                .unwrap_or(0);
            let line = self.lines.line_at(bytes, start);
            if record.len() > MAX_COLUMNS {
                return Err(FileError::TooManyColumns {
                    line,
                    found: record.len(),
                    limit: MAX_COLUMNS,
                });
            }
            if record.as_byte_record().as_slice().len() > MAX_ROW_BYTES {
                return Err(FileError::RowTooLong {
                    line,
                    bytes: record.as_byte_record().as_slice().len(),
                    limit: MAX_ROW_BYTES,
                });
            }
            let blank_lines = count_blank_lines(bytes, self.previous_end);
            self.previous_end =
                usize::try_from(self.reader.position().byte()).unwrap_or(bytes.len());
            let cells: Vec<String> = record.iter().map(|cell| cell.trim().to_owned()).collect();
            if self.headers.is_none() {
                self.headers = Some(cells);
            } else {
                self.rows
                    .extend(std::iter::repeat_n(Vec::new(), blank_lines));
                self.rows.push(cells);
            }
        }
        Ok(false)
    }

    /// The file, once [`Self::read_rows`] said it is read.
    pub fn finish(mut self) -> Result<ParsedFile, FileError> {
        let headers = self.headers.ok_or(FileError::Empty)?;
        while self
            .rows
            .last()
            .is_some_and(|row| row.iter().all(|cell| cell.is_empty()))
        {
            self.rows.pop();
        }
        if self.rows.is_empty() {
            return Err(FileError::NoRows);
        }
        Ok(ParsedFile {
            headers,
            rows: self.rows,
        })
    }
}

/// 1-based line numbers of byte offsets, counted forward once over the file. The
/// csv reader's own line count lags by one after a CRLF, so it is not used.
#[derive(Default)]
struct LineCounter {
    counted_to: usize,
    breaks: u64,
}

impl LineCounter {
    /// The line where the first character at or after `offset` that is not a line
    /// break sits (a record's reported start may be the `\n` of the CRLF before it).
    fn line_at(&mut self, bytes: &[u8], offset: usize) -> u64 {
        let mut at = offset.min(bytes.len());
        while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at < self.counted_to {
            self.counted_to = 0;
            self.breaks = 0;
        }
        for i in self.counted_to..at {
            // CRLF counts once, at its `\n`; a lone CR (old Mac files) counts too.
            let is_break = match bytes[i] {
                b'\n' => true,
                b'\r' => bytes.get(i + 1) != Some(&b'\n'),
                _ => false,
            };
            self.breaks += u64::from(is_break);
        }
        self.counted_to = at;
        self.breaks + 1
    }
}

fn detect_delimiter(bytes: &[u8]) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let start = bytes
        .iter()
        .position(|b| !matches!(b, b'\r' | b'\n'))
        .unwrap_or(bytes.len());
    for &b in &bytes[start..] {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\r' | b'\n' if !in_quotes => break,
            _ if !in_quotes => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..CANDIDATES.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

/// Line breaks between where the reader stopped and the next record: a record's
/// own terminator is already consumed, except the `\n` of a `\r\n`.
fn count_blank_lines(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    if i > 0 && bytes.get(i - 1) == Some(&b'\r') && bytes.get(i) == Some(&b'\n') {
        i += 1;
    }
    let mut lines = 0;
    loop {
        match bytes.get(i) {
            Some(b'\r') => {
                lines += 1;
                i += 1;
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            Some(b'\n') => {
                lines += 1;
                i += 1;
            }
            _ => return lines,
        }
    }
}

/// A stable key for remembering a mapping: lower-cased trimmed headers joined by
/// `'\u{1f}'`.
pub fn header_signature(headers: &[String]) -> String {
    let mut signature = String::new();
    for (i, header) in headers.iter().enumerate() {
        if i > 0 {
            signature.push('\u{1f}');
        }
        signature.push_str(&header.trim().to_lowercase());
    }
    signature
}

/// The header matching both imports use. Pass 1: whole-header matches, per field in
/// `aliases` order, best alias first. Pass 2: headers containing an alias, longest
/// (most specific) alias first, unless `accept_partial(field, header)` vetoes it.
/// Aliases starting with `=` only ever match a whole header. Each column and each
/// field is used at most once. `normalized` holds the headers as the caller folds them.
pub fn match_header_aliases<F: Copy + PartialEq>(
    normalized: &[String],
    aliases: &[(F, &[&str])],
    accept_partial: impl Fn(F, &str) -> bool,
) -> Vec<(F, usize)> {
    let mut used = vec![false; normalized.len()];
    let mut found: Vec<(F, usize)> = Vec::new();
    for (field, names) in aliases {
        for alias in names.iter() {
            let alias = alias.trim_start_matches('=');
            if let Some(column) =
                (0..normalized.len()).find(|&i| !used[i] && normalized[i] == alias)
            {
                used[column] = true;
                found.push((*field, column));
                break;
            }
        }
    }
    // A stable sort keeps `aliases` order among equally long names, so ties go to
    // the field listed first.
    let mut partial: Vec<(F, &str)> = aliases
        .iter()
        .flat_map(|(field, names)| names.iter().map(move |a| (*field, *a)))
        .filter(|(_, alias)| !alias.starts_with('='))
        .collect();
    sort_stable_by_key(&mut partial, |(_, alias)| {
        std::cmp::Reverse(alias.chars().count())
    });
    for (field, alias) in partial {
        if found.iter().any(|(f, _)| *f == field) {
            continue;
        }
        let column = (0..normalized.len()).find(|&i| {
            !used[i] && normalized[i].contains(alias) && accept_partial(field, &normalized[i])
        });
        if let Some(column) = column {
            used[column] = true;
            found.push((field, column));
        }
    }
    found
}

#[cfg(test)]
#[path = "csv_tests.rs"]
mod tests;
