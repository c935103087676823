//! Reach measurement for the domain's fuzzers.
//!
//! A fuzzer whose inputs are all refused at the door (the CSV does not parse, the
//! checksum does not match, the draft does not validate) passes whatever the code
//! behind the door does: the test review found five planted panics that survived
//! every fuzzer for that reason. So each fuzzer here says, per input, whether it
//! reached the code under test, and the test fails when too few did.
//!
//! The run is deterministic (fixed seed, no persistence file) so a share measured
//! once is the share measured on every machine, and the floor can sit close to it
//! without flaking.

use std::cell::Cell;
use std::fmt::Debug;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRng, TestRunner};

/// Runs `check` on `cases` inputs drawn from `strategy` with a fixed seed. `check`
/// returns `Ok(true)` when the input reached the code under test, `Ok(false)` when
/// it was (rightly) refused before, and an error when a property is broken; a panic
/// inside counts as a broken property. Panics with the minimal failing input on
/// any failure, and when fewer than `floor_percent` % of the inputs reached the
/// subject. Returns the reached share in percent.
pub(crate) fn fuzz_reach<S>(
    name: &str,
    cases: u32,
    floor_percent: u32,
    strategy: S,
    check: impl Fn(S::Value) -> Result<bool, TestCaseError>,
) -> u32
where
    S: Strategy,
    S::Value: Debug,
{
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(config.rng_algorithm);
    let mut runner = TestRunner::new_with_rng(config, rng);
    // Shrinking calls `check` again, but only after a failure, when the counts no
    // longer matter; on success there is exactly one call per case.
    let (calls, reached) = (Cell::new(0u32), Cell::new(0u32));
    let result = runner.run(&strategy, |value| {
        calls.set(calls.get() + 1);
        let hit = check(value)?;
        reached.set(reached.get() + u32::from(hit));
        Ok(())
    });
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, minimal)) => {
            panic!("{name}: {reason}\nminimal input: {minimal:#?}")
        }
        Err(TestError::Abort(reason)) => panic!("{name}: aborted: {reason}"),
    }
    let (calls, reached) = (calls.get(), reached.get());
    let percent = reached * 100 / calls.max(1);
    println!("{name}: reached {reached} of {calls} ({percent} %), floor {floor_percent} %");
    assert!(
        percent >= floor_percent,
        "{name}: only {reached} of {calls} inputs ({percent} %) reached the code under test; floor {floor_percent} %"
    );
    percent
}

/// Text as reps and customers type it: emoji (with joiners, skin tones and flags),
/// right-to-left scripts and direction marks, CJK, combining accents, line breaks.
/// Never blank after trimming and at most `max_chars` characters, so a required
/// field with that limit accepts it: the point is to get past validation.
pub(crate) fn human_text(max_chars: usize) -> impl Strategy<Value = String> {
    const PIECES: [&str; 16] = [
        "Call back",
        "😀",
        "👨‍👩‍👧",
        "👍🏽",
        "🇪🇸",
        "مرحبا بك",
        "שלום",
        "\u{200F}\u{202E}reversed\u{202C}",
        "王小明 退款",
        "e\u{301}",
        "Ñandú",
        " ",
        "\n",
        "☎ 12:30",
        "<b>&amp;</b>",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    ];
    proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 1..8).prop_map(
        move |pieces| {
            let text: String = pieces.concat().chars().take(max_chars).collect();
            if text.trim().is_empty() {
                "🙂".to_owned()
            } else {
                text
            }
        },
    )
}

/// Faults real CSV exports have, to inject into a table of valid rows. Row indexes
/// past the table's end simply inject nothing.
#[derive(Debug, Clone)]
pub(crate) struct CsvFaults {
    pub crlf: bool,
    pub delimiter: char,
    pub bom: bool,
    /// Every line has this many columns (101..=200: past any "100 is plenty").
    pub wide: Option<usize>,
    /// (row, n): a NUL in the middle of the row's n-th free-text cell (modulo).
    pub nul: Option<(usize, usize)>,
    /// (row, bytes): the row's plain cell ends in bytes that are not UTF-8.
    pub broken: Option<(usize, Vec<u8>)>,
    /// (row, bytes): one more cell, this long, at the end of the row.
    pub long: Option<(usize, usize)>,
    /// A blank line before this row.
    pub blank_before: Option<usize>,
    /// The row's multiline cell gets a second line (and quotes), so it is quoted.
    pub multiline: Option<usize>,
}

impl CsvFaults {
    /// (row, column) of the NUL, given the table's free-text columns.
    pub fn nul_cell(&self, free_cells: &[usize]) -> Option<(usize, usize)> {
        self.nul
            .map(|(row, n)| (row, free_cells[n % free_cells.len()]))
    }

    /// True when the bytes of the file are not UTF-8, so the app's encoding
    /// detection decides how every row reads.
    pub fn is_broken(&self) -> bool {
        self.broken.is_some()
    }

    /// True when a line is over `limit` bytes (a file the parser must refuse).
    pub fn too_long(&self, rows: usize, limit: usize) -> bool {
        self.long
            .is_some_and(|(row, bytes)| row < rows && bytes > limit)
    }
}

pub(crate) fn csv_faults(rows: usize, long_bytes: usize) -> impl Strategy<Value = CsvFaults> {
    use proptest::prelude::*;
    let broken_bytes = prop_oneof![
        // Windows-1252, as a legacy spreadsheet saves text.
        proptest::sample::select(vec!["Zamówienie", "Ñandú", "Crème brûlée", "Øre"])
            .prop_map(|text| encoding_rs::WINDOWS_1252.encode(text).0.into_owned()),
        proptest::collection::vec(0x80u8..=0xFF, 1..6),
    ];
    (
        (
            any::<bool>(),
            proptest::sample::select(vec![',', ';', '\t']),
            any::<bool>(),
        ),
        proptest::option::weighted(0.3, 101usize..=200),
        proptest::option::weighted(0.3, (0..rows, 0usize..6)),
        proptest::option::weighted(0.3, (0..rows, broken_bytes)),
        proptest::option::weighted(
            0.2,
            (
                0..rows,
                proptest::sample::select(vec![1_000usize, 60_000, long_bytes]),
            ),
        ),
        proptest::option::weighted(0.2, 0..rows),
        proptest::option::weighted(0.2, 0..rows),
    )
        .prop_map(
            |((crlf, delimiter, bom), wide, nul, broken, long, blank_before, multiline)| {
                CsvFaults {
                    crlf,
                    delimiter,
                    bom,
                    wide,
                    nul,
                    broken,
                    long,
                    blank_before,
                    multiline,
                }
            },
        )
}

/// The text with a NUL in its middle (by characters).
pub(crate) fn with_nul(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (a, b) = chars.split_at(chars.len() / 2);
    let (a, b): (String, String) = (a.iter().collect(), b.iter().collect());
    format!("{a}\0{b}")
}

/// Where faults may go in a table without making a valid row invalid.
pub(crate) struct CsvShape<'a> {
    /// Columns where any text is valid (a NUL goes there).
    pub free_cells: &'a [usize],
    /// A column that is never quoted (broken bytes are appended to it).
    pub plain_cell: usize,
    /// A free-text column that may span two lines.
    pub multiline_cell: usize,
}

/// Writes header and rows as a spreadsheet would, quoting cells that need it, with
/// `faults` injected; returns the file's bytes.
pub(crate) fn export_csv(
    header: &[&str],
    rows: &[Vec<String>],
    shape: &CsvShape,
    faults: &CsvFaults,
) -> Vec<u8> {
    let d = faults.delimiter;
    let newline = if faults.crlf { "\r\n" } else { "\n" };
    let extra = faults.wide.map_or(0, |w| w.saturating_sub(header.len()));
    let quote = |text: &str| {
        if text.contains([d, '"', '\r', '\n']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_owned()
        }
    };
    let mut out: Vec<u8> = Vec::new();
    if faults.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut names: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    names.extend((0..extra).map(|i| format!("extra {i}")));
    out.extend_from_slice(names.join(&d.to_string()).as_bytes());
    let nul = faults.nul_cell(shape.free_cells);
    for (i, row) in rows.iter().enumerate() {
        out.extend_from_slice(newline.as_bytes());
        if faults.blank_before == Some(i) {
            out.extend_from_slice(newline.as_bytes());
        }
        let mut cells = row.clone();
        cells.extend((0..extra).map(|c| format!("v{c}")));
        if faults.multiline == Some(i) {
            let at = shape.multiline_cell;
            cells[at] = format!("{}{newline}second line, \"quoted\"", cells[at]);
        }
        if let Some((_, at)) = nul.filter(|(r, _)| *r == i) {
            cells[at] = with_nul(&cells[at]);
        }
        if let Some((_, bytes)) = faults.long.filter(|(r, _)| *r == i) {
            cells.push("L".repeat(bytes));
        }
        let broken = faults.broken.as_ref().filter(|(r, _)| *r == i);
        for (c, text) in cells.iter().enumerate() {
            if c > 0 {
                out.extend_from_slice(d.to_string().as_bytes());
            }
            out.extend_from_slice(quote(text).as_bytes());
            if let Some((_, bytes)) = broken.filter(|_| c == shape.plain_cell) {
                out.extend_from_slice(bytes);
            }
        }
    }
    out.extend_from_slice(newline.as_bytes());
    out
}

/// What the app reads from a file's bytes: the browser's decoding after the app's
/// encoding detection. A file it would refuse as binary (a NUL and no BOM) is read
/// as lossy UTF-8 so the parser still meets it: the parser must cope either way.
pub(crate) fn app_text(bytes: &[u8]) -> String {
    use crate::domain::shared::text_file::{decode_detected, tests::StandardDecoder};
    match decode_detected(bytes, &StandardDecoder) {
        Ok(decoded) => decoded.text,
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}
