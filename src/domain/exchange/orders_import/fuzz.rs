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
const PRODUCTS: [&str; 6] = [
    "LED Desk Lamp, 3 \"modes\"",
    "真丝围巾",
    "Ободок 🎀",
    "Funda iPhone 15 – ñ",
    "حقيبة",
    "",
];
const CARRIERS: [&str; 5] = ["DHL", "顺丰速运", "La Poste", "4PX; Cainiao", ""];

#[derive(Debug, Clone)]
struct Row {
    number: String,
    buyer: String,
    date: String,
    currency: &'static str,
    amount: String,
    name: &'static str,
    country: &'static str,
    product: &'static str,
    /// Empty, or 1 to `MAX_QUANTITY`.
    quantity: String,
    carrier: &'static str,
    tracking: String,
    /// The promised date and its cell: empty, or one of the order date's shapes.
    promised: (Option<NaiveDate>, String),
}

/// A date in one of the shapes marketplace exports use (all read day first).
fn date_text(day: NaiveDate, format: usize) -> String {
    let format = match format {
        0 => "%Y-%m-%d",
        1 => "%Y%m%d",
        2 => "%d.%m.%Y",
        3 => "%d/%m/%Y 13:45",
        4 => "%Y年%-m月%-d日",
        _ => "%Y-%m-%dT08:30:00Z",
    };
    day.format(format).to_string()
}

/// Product, quantity, carrier, tracking number and promised date, as cells.
type Details = (
    &'static str,
    String,
    &'static str,
    String,
    (Option<NaiveDate>, String),
);

/// The details a row may carry, each sometimes empty (a quarter of the quantities,
/// tracking numbers and dates; one product and one carrier of the list).
fn details() -> impl Strategy<Value = Details> {
    (
        prop::sample::select(PRODUCTS.to_vec()),
        prop::option::weighted(0.75, 1..=MAX_QUANTITY),
        prop::sample::select(CARRIERS.to_vec()),
        prop::option::weighted(0.75, "[A-Z]{2}[0-9]{9,20}[A-Z]{0,2}"),
        prop::option::weighted(0.75, (0i64..60_000, 0usize..6)),
    )
        .prop_map(|(product, quantity, carrier, tracking, promised)| {
            let promised = promised.map(|(days, format)| {
                let day = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default()
                    + chrono::Duration::days(days);
                (day, date_text(day, format))
            });
            (
                product,
                quantity.map(|q| q.to_string()).unwrap_or_default(),
                carrier,
                tracking.unwrap_or_default(),
                match promised {
                    Some((day, text)) => (Some(day), text),
                    None => (None, String::new()),
                },
            )
        })
}

fn row() -> impl Strategy<Value = Row> {
    (
        (
            prop::sample::select(ORDER_NUMBERS.to_vec()),
            prop::sample::select(BUYERS.to_vec()),
            0usize..4,
        ),
        0i64..60_000,
        0usize..6,
        prop::sample::select(CURRENCIES.to_vec()),
        (0u32..1_000_000, any::<bool>()),
        prop::sample::select(NAMES.to_vec()),
        prop::sample::select(vec!["es", "DE", "cn", ""]),
        details(),
    )
        .prop_map(
            |(
                (number, buyer, b),
                days,
                format,
                currency,
                (units, cents),
                name,
                country,
                (product, quantity, carrier, tracking, promised),
            )| {
                let day = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default()
                    + chrono::Duration::days(days);
                Row {
                    number: number.to_owned(),
                    buyer: format!("{buyer}{b}"),
                    date: date_text(day, format),
                    currency,
                    // "12.00" is valid for zero-digit currencies too (extra zeros).
                    amount: if cents {
                        format!("{units}.00")
                    } else {
                        units.to_string()
                    },
                    name,
                    country,
                    product,
                    quantity,
                    carrier,
                    tracking,
                    promised,
                }
            },
        )
}

const HEADER: [&str; 12] = [
    "Order ID",
    "Buyer ID",
    "Order Date",
    "Currency",
    "Order Amount",
    "Buyer Name",
    "Country",
    "Product Name",
    "Quantity",
    "Shipping Carrier",
    "Tracking Number",
    "Promised Date",
];

/// The product's column.
const PRODUCT: usize = 7;
/// The carrier's column.
const CARRIER: usize = 9;

/// Number, buyer, name, country, product and carrier take any text; the country is
/// never quoted.
const SHAPE: CsvShape = CsvShape {
    free_cells: &[0, 1, 5, 6, PRODUCT, CARRIER],
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
        row.product.to_owned(),
        row.quantity.clone(),
        row.carrier.to_owned(),
        row.tracking.clone(),
        row.promised.1.clone(),
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
        // A free cell holds the NUL the faults put there.
        let as_written =
            |i: usize, column: usize, text: &str| match faults.nul_cell(SHAPE.free_cells) {
                Some((row, c)) if row == i && c == column => with_nul(text),
                _ => text.to_owned(),
            };
        let numbers: Vec<&str> = plan.orders.iter().map(|o| o.number.as_str()).collect();
        let expected: Vec<String> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| as_written(i, 0, &r.number))
            .collect();
        prop_assert_eq!(numbers, expected);
        // The details arrive as written; empty cells are empty details.
        for (i, (order, row)) in plan.orders.iter().zip(&rows).enumerate() {
            let details = &order.details;
            prop_assert_eq!(&details.product, &as_written(i, PRODUCT, row.product));
            prop_assert_eq!(&details.carrier, &as_written(i, CARRIER, row.carrier));
            prop_assert_eq!(&details.tracking_number, &row.tracking);
            let quantity = details.quantity.map(|q| q.to_string()).unwrap_or_default();
            prop_assert_eq!(quantity, row.quantity.clone());
            prop_assert_eq!(details.promised_on, row.promised.0);
        }
    }
    Ok(!plan.orders.is_empty())
}

/// Reach: at least one order planned. Files with a line over the byte limit are
/// refused by design (one in ~20).
#[test]
fn valid_exports_with_faults_reach_row_validation() {
    fuzz_reach("orders CSV", 400, 80, file(), check_file);
}
