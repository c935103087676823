//! Fuzzing the orders import with files a marketplace could really export: valid
//! rows first, then the faults real exports have (CRLF, TAB or ';' delimiters, a
//! byte-order mark, NULs, bytes that are not UTF-8, very wide or very long lines).
//! Arbitrary text almost never parses as CSV with a mapped header, so it never
//! reaches row validation; these files do (see `fuzz_support`).

use super::*;
use crate::domain::fuzz_support::fuzz_reach;
use crate::domain::text_file::{decode_detected, tests::StandardDecoder};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const ORDER_NUMBERS: [&str; 6] = ["A", "订单", "Zamówienie-ł", "№", "🛒", "طلب"];
const BUYERS: [&str; 5] = ["b", "买家", "ümit", "👤", "Ольга"];
const NAMES: [&str; 6] = ["Ana", "José Núñez", "王小明", "Zoë 🚀", "محمد", ""];
const CURRENCIES: [&str; 8] = ["USD", "eur", "JPY", "CNY", "€", "人民币", "rmb", "GBP"];

#[derive(Debug, Clone)]
struct Row {
    number: String,
    buyer: String,
    date: String,
    currency: &'static str,
    amount: String,
    name: &'static str,
    country: &'static str,
}

fn row() -> impl Strategy<Value = Row> {
    (
        prop::sample::select(ORDER_NUMBERS.to_vec()),
        prop::sample::select(BUYERS.to_vec()),
        0usize..4,
        0i64..60_000,
        0usize..6,
        prop::sample::select(CURRENCIES.to_vec()),
        (0u32..1_000_000, any::<bool>()),
        prop::sample::select(NAMES.to_vec()),
        prop::sample::select(vec!["es", "DE", "cn", ""]),
    )
        .prop_map(
            |(number, buyer, b, days, format, currency, (units, cents), name, country)| {
                let day = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default()
                    + chrono::Duration::days(days);
                let date = match format {
                    0 => day.format("%Y-%m-%d"),
                    1 => day.format("%Y%m%d"),
                    2 => day.format("%d.%m.%Y"),
                    3 => day.format("%d/%m/%Y 13:45"),
                    4 => day.format("%Y年%-m月%-d日"),
                    _ => day.format("%Y-%m-%dT08:30:00Z"),
                };
                Row {
                    number: number.to_owned(),
                    buyer: format!("{buyer}{b}"),
                    date: date.to_string(),
                    currency,
                    // "12.00" is valid for zero-digit currencies too (extra zeros).
                    amount: if cents {
                        format!("{units}.00")
                    } else {
                        units.to_string()
                    },
                    name,
                    country,
                }
            },
        )
}

/// Faults injected into an otherwise valid file.
#[derive(Debug, Clone)]
struct Faults {
    crlf: bool,
    delimiter: char,
    bom: bool,
    /// Extra columns on every line: 0, or enough for 101..=200 in all.
    extra_columns: usize,
    /// (row, cell) gets a NUL inside.
    nul: Option<(usize, usize)>,
    /// (row, bytes): the country cell of that row ends in bytes that are not UTF-8.
    broken: Option<(usize, Vec<u8>)>,
    /// (row, bytes): one extra cell of that row is this long.
    long: Option<(usize, usize)>,
    /// A blank line before the row with this index.
    blank_before: Option<usize>,
    /// The name cell of this row is quoted and spans two lines.
    multiline: Option<usize>,
}

fn faults() -> impl Strategy<Value = Faults> {
    let broken_bytes = prop_oneof![
        // Windows-1252 as a legacy spreadsheet saves it.
        prop::sample::select(vec!["Zamówienie", "Ñandú", "Crème brûlée", "Øre"])
            .prop_map(|text| encoding_rs::WINDOWS_1252.encode(text).0.into_owned()),
        prop::collection::vec(0x80u8..=0xFF, 1..6),
    ];
    (
        (
            any::<bool>(),
            prop::sample::select(vec![',', ';', '\t']),
            any::<bool>(),
        ),
        prop_oneof![2 => Just(0usize), 1 => 94usize..=193],
        proptest::option::weighted(0.3, (0usize..8, 0usize..7)),
        proptest::option::weighted(0.3, (0usize..8, broken_bytes)),
        proptest::option::weighted(
            0.2,
            (
                0usize..8,
                prop::sample::select(vec![1_000usize, 60_000, MAX_ROW_BYTES + 1]),
            ),
        ),
        proptest::option::weighted(0.2, 0usize..8),
        proptest::option::weighted(0.2, 0usize..8),
    )
        .prop_map(
            |(
                (crlf, delimiter, bom),
                extra_columns,
                nul,
                broken,
                long,
                blank_before,
                multiline,
            )| {
                Faults {
                    crlf,
                    delimiter,
                    bom,
                    extra_columns,
                    nul,
                    broken,
                    long,
                    blank_before,
                    multiline,
                }
            },
        )
}

const NUL_CELLS: [usize; 4] = [0, 1, 5, 6];

/// The text with a NUL in its middle (by characters).
fn with_nul(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (a, b) = chars.split_at(chars.len() / 2);
    format!(
        "{}\0{}",
        a.iter().collect::<String>(),
        b.iter().collect::<String>()
    )
}

/// Quotes a cell when the delimiter, a quote or a line break is in it.
fn cell(text: &str, delimiter: char) -> String {
    if text.contains([delimiter, '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The file's bytes; `rows` is never empty.
fn export(rows: &[Row], faults: &Faults) -> Vec<u8> {
    let d = faults.delimiter;
    let newline = if faults.crlf { "\r\n" } else { "\n" };
    let mut header = vec![
        "Order ID".to_owned(),
        "Buyer ID".to_owned(),
        "Order Date".to_owned(),
        "Currency".to_owned(),
        "Order Amount".to_owned(),
        "Buyer Name".to_owned(),
        "Country".to_owned(),
    ];
    header.extend((0..faults.extra_columns).map(|i| format!("extra {i}")));
    let mut out: Vec<u8> = Vec::new();
    if faults.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    out.extend_from_slice(header.join(&d.to_string()).as_bytes());
    for (i, row) in rows.iter().enumerate() {
        out.extend_from_slice(newline.as_bytes());
        if faults.blank_before == Some(i) {
            out.extend_from_slice(newline.as_bytes());
        }
        let mut cells = vec![
            row.number.clone(),
            row.buyer.clone(),
            row.date.clone(),
            row.currency.to_owned(),
            row.amount.clone(),
            row.name.to_owned(),
            row.country.to_owned(),
        ];
        cells.extend((0..faults.extra_columns).map(|c| format!("v{c}")));
        if faults.multiline == Some(i) {
            cells[5] = format!("{}{newline}second line, \"quoted\"", row.name);
        }
        if let Some((_, at)) = faults.nul.filter(|(r, _)| *r == i) {
            // Only in cells where any text is valid: number, buyer, name, country.
            cells[NUL_CELLS[at % 4]] = with_nul(&cells[NUL_CELLS[at % 4]]);
        }
        if let Some((_, bytes)) = faults.long.filter(|(r, _)| *r == i) {
            cells.push("L".repeat(bytes));
        }
        let broken = faults.broken.as_ref().filter(|(r, _)| *r == i);
        for (c, text) in cells.iter().enumerate() {
            if c > 0 {
                out.extend_from_slice(d.to_string().as_bytes());
            }
            out.extend_from_slice(cell(text, d).as_bytes());
            // After the country, which is never quoted: the row keeps its shape.
            if let Some((_, bytes)) = broken.filter(|_| c == 6) {
                out.extend_from_slice(bytes);
            }
        }
    }
    out.extend_from_slice(newline.as_bytes());
    out
}

/// What the app reads from the bytes: the browser's decoding after encoding
/// detection; a file it would refuse as binary (a NUL) is read as lossy UTF-8 so the
/// parser still meets it.
fn app_text(bytes: &[u8]) -> String {
    match decode_detected(bytes, &StandardDecoder) {
        Ok(decoded) => decoded.text,
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn file() -> impl Strategy<Value = (Vec<Row>, Faults)> {
    let rows = prop::collection::vec(row(), 1..=8).prop_map(|mut rows| {
        // The row index keeps numbers unique: every row is a new order.
        for (i, row) in rows.iter_mut().enumerate() {
            row.number.push_str(&i.to_string());
        }
        rows
    });
    (rows, faults())
}

fn check_file((rows, faults): (Vec<Row>, Faults)) -> Result<bool, TestCaseError> {
    let bytes = export(&rows, &faults);
    let text = match &faults.broken {
        Some(_) => app_text(&bytes),
        None => String::from_utf8(bytes).map_err(|e| TestCaseError::fail(e.to_string()))?,
    };
    let file = match parse_csv(&text) {
        Ok(file) => file,
        Err(FileError::RowTooLong { .. })
            if faults
                .long
                .is_some_and(|(r, b)| r < rows.len() && b > MAX_ROW_BYTES) =>
        {
            return Ok(false);
        }
        Err(error) => return Err(TestCaseError::fail(format!("a valid export: {error}"))),
    };
    let mapping = guess_mapping(&file.headers);
    prop_assert!(
        mapping_problems(&mapping, file.headers.len()).is_empty(),
        "{:?}",
        file.headers
    );
    let plan = plan_import(&file, &mapping);
    prop_assert_eq!(plan.rows_total, rows.len());
    let mut rejected: Vec<usize> = plan.rejected.iter().map(|e| e.row).collect();
    prop_assert!(rejected.windows(2).all(|w| w[0] <= w[1]));
    rejected.dedup();
    prop_assert_eq!(rejected.len() + plan.orders.len(), plan.rows_total);
    prop_assert!(rejected.iter().all(|&r| r >= 2 && r < file.rows.len() + 2));
    if faults.broken.is_none() {
        // Nothing a valid row holds was touched: every row is an order, in order.
        prop_assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
        let numbers: Vec<&str> = plan.orders.iter().map(|o| o.number.as_str()).collect();
        let expected: Vec<String> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| match faults.nul {
                Some((row, at)) if row == i && NUL_CELLS[at % 4] == 0 => with_nul(&r.number),
                _ => r.number.clone(),
            })
            .collect();
        prop_assert_eq!(numbers, expected);
    }
    Ok(!plan.orders.is_empty())
}

/// Reach: at least one order planned. Files with a line over the byte limit are
/// refused by design (one in ~15).
#[test]
fn valid_exports_with_faults_reach_row_validation() {
    fuzz_reach("orders CSV", 400, 80, file(), check_file);
}
