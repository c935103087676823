//! Fuzzing the orders import with files a marketplace could really export: valid
//! rows first, then the faults real exports have (CRLF, TAB or ';' delimiters, a
//! byte-order mark, NULs, bytes that are not UTF-8, very wide or very long lines).
//! Arbitrary text almost never parses as CSV with a mapped header, so it never
//! reaches row validation; these files do (see `fuzz_support`).

use super::*;
use crate::domain::shared::csv::*;
use crate::domain::shared::fuzz_support::{
    app_text, csv_faults, export_csv, fuzz_reach, with_nul, CsvFaults, CsvShape,
};
use chrono::NaiveDate;
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

const HEADER: [&str; 7] = [
    "Order ID",
    "Buyer ID",
    "Order Date",
    "Currency",
    "Order Amount",
    "Buyer Name",
    "Country",
];

/// Number, buyer, name and country take any text; the country is never quoted.
const SHAPE: CsvShape = CsvShape {
    free_cells: &[0, 1, 5, 6],
    plain_cell: 6,
    multiline_cell: 5,
};

fn cells(row: &Row) -> Vec<String> {
    vec![
        row.number.clone(),
        row.buyer.clone(),
        row.date.clone(),
        row.currency.to_owned(),
        row.amount.clone(),
        row.name.to_owned(),
        row.country.to_owned(),
    ]
}

fn file() -> impl Strategy<Value = (Vec<Row>, CsvFaults)> {
    let rows = prop::collection::vec(row(), 1..=8).prop_map(|mut rows| {
        // The row index keeps numbers unique: every row is a new order.
        for (i, row) in rows.iter_mut().enumerate() {
            row.number.push_str(&i.to_string());
        }
        rows
    });
    (rows, csv_faults(8, MAX_ROW_BYTES + 1))
}

fn check_file((rows, faults): (Vec<Row>, CsvFaults)) -> Result<bool, TestCaseError> {
    let table: Vec<Vec<String>> = rows.iter().map(cells).collect();
    let bytes = export_csv(&HEADER, &table, &SHAPE, &faults);
    let text = if faults.is_broken() {
        app_text(&bytes)
    } else {
        String::from_utf8(bytes).map_err(|e| TestCaseError::fail(e.to_string()))?
    };
    let file = match parse_csv(&text) {
        Ok(file) => file,
        Err(FileError::RowTooLong { .. }) if faults.too_long(rows.len(), MAX_ROW_BYTES) => {
            return Ok(false)
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
    if !faults.is_broken() {
        // Nothing a valid row holds was touched: every row is an order, in order.
        prop_assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
        let numbers: Vec<&str> = plan.orders.iter().map(|o| o.number.as_str()).collect();
        let expected: Vec<String> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| match faults.nul_cell(SHAPE.free_cells) {
                Some((row, 0)) if row == i => with_nul(&r.number),
                _ => r.number.clone(),
            })
            .collect();
        prop_assert_eq!(numbers, expected);
    }
    Ok(!plan.orders.is_empty())
}

/// Reach: at least one order planned. Files with a line over the byte limit are
/// refused by design (one in ~20).
#[test]
fn valid_exports_with_faults_reach_row_validation() {
    fuzz_reach("orders CSV", 400, 80, file(), check_file);
}
