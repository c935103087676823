//! Fuzzing the customers import with files a shop could really export: valid rows
//! (names with accents, CJK, Arabic and emoji, unique emails and phones of 6-15
//! digits, two-letter countries) with the faults real exports have injected (see
//! `fuzz_support::CsvFaults`). Arbitrary text never got past `parse_csv` with a
//! mapped header; these files reach validation, look-alike search and the plan.

use super::*;
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::shared::csv::{parse_csv, FileError, ParsedFile, MAX_ROW_BYTES};
use crate::domain::shared::fuzz_support::{
    app_text, csv_faults, export_csv, fuzz_reach, with_nul, CsvFaults, CsvShape,
};
use chrono::DateTime;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::cell::Cell;

const HEADER: [&str; 6] = ["Name", "Email", "Phone", "Country", "Tags", "Notes"];
/// Any text is a valid name or note; names never need quoting.
const SHAPE: CsvShape = CsvShape {
    free_cells: &[0, 5],
    plain_cell: 0,
    multiline_cell: 5,
};
const NAMES: [&str; 8] = [
    "Lucía García",
    "王伟",
    "Zoë 🚀",
    "محمد علي",
    "Ольга",
    "Nguyễn Văn A",
    "👩‍💻 Ana",
    "O'Brien & Sons Ltd.",
];

#[derive(Debug, Clone)]
struct Row {
    name: &'static str,
    email: Option<(&'static str, &'static str)>,
    /// Digits (6-15 with the row number) and a layout.
    phone: Option<(String, usize)>,
    country: &'static str,
    tags: &'static str,
    notes: String,
}

fn row() -> impl Strategy<Value = Row> {
    (
        prop::sample::select(NAMES.to_vec()),
        proptest::option::of((
            prop::sample::select(vec!["ana", "josé", "王", "o'brien", "a.b+tag"]),
            prop::sample::select(vec!["example.com", "correo.es", "例子.中国"]),
        )),
        proptest::option::of(("[0-9]{4,13}", 0usize..4)),
        prop::sample::select(vec!["es", "ES", " cn ", "De", "BR"]),
        prop::sample::select(vec!["", "vip", "vip, 批发", "🎁 gift"]),
        prop_oneof![
            Just(String::new()),
            crate::domain::shared::fuzz_support::human_text(5000)
        ],
    )
        .prop_map(|(name, email, phone, country, tags, notes)| Row {
            name,
            email,
            phone,
            country,
            tags,
            notes,
        })
}

/// The row's cells; `i` keeps emails and phones unique (no in-file duplicates).
fn cells(i: usize, row: &Row) -> Vec<String> {
    let email = row
        .email
        .map(|(local, domain)| format!("{local}{i}@{domain}"))
        .unwrap_or_default();
    let phone = row
        .phone
        .as_ref()
        .map(|(digits, layout)| {
            let digits = format!("{digits}{i:02}");
            let grouped = |sep: &str| {
                let chars: Vec<char> = digits.chars().collect();
                chars
                    .chunks(3)
                    .map(|c| c.iter().collect::<String>())
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            match layout {
                0 => digits.clone(),
                1 => format!("+{digits}"),
                2 => format!("+{}", grouped(" ")),
                _ => grouped("-"),
            }
        })
        .unwrap_or_default();
    vec![
        row.name.to_owned(),
        email,
        phone,
        row.country.to_owned(),
        row.tags.to_owned(),
        row.notes.clone(),
    ]
}

fn existing() -> Vec<Customer> {
    let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
    let mut lucia = Customer::minimal(CustomerId("a".to_owned()), "Lucía García", "ES", at);
    lucia.email = "ana0@example.com".to_owned();
    let wang = Customer::minimal(CustomerId("b".to_owned()), "王伟", "CN", at);
    vec![lucia, wang]
}

/// The rep's decision per row, from a seed: none, create, skip, merge into a
/// stored customer or into an id that is not there.
fn choice(seed: u64, row: usize) -> Option<DuplicateChoice> {
    match (row as u64 ^ seed) % 5 {
        0 => None,
        1 => Some(DuplicateChoice::Create),
        2 => Some(DuplicateChoice::Skip),
        3 => Some(DuplicateChoice::MergeInto(CustomerId(
            ["a", "b"][(seed % 2) as usize].to_owned(),
        ))),
        _ => Some(DuplicateChoice::MergeInto(CustomerId("ghost".to_owned()))),
    }
}

fn check(
    (rows, faults, seed): (Vec<Row>, CsvFaults, u64),
    merges: &Cell<u32>,
) -> Result<bool, TestCaseError> {
    let table: Vec<Vec<String>> = rows.iter().enumerate().map(|(i, r)| cells(i, r)).collect();
    let bytes = export_csv(&HEADER, &table, &SHAPE, &faults);
    let text = if faults.is_broken() {
        app_text(&bytes)
    } else {
        String::from_utf8(bytes).map_err(|e| TestCaseError::fail(e.to_string()))?
    };
    let file: ParsedFile = match parse_csv(&text) {
        Ok(file) => file,
        Err(FileError::RowTooLong { .. }) if faults.too_long(rows.len(), MAX_ROW_BYTES) => {
            return Ok(false)
        }
        Err(error) => return Err(TestCaseError::fail(format!("a valid export: {error}"))),
    };
    let mapping = guess_customer_mapping(&file.headers);
    prop_assert!(
        customer_mapping_problems(&mapping, file.headers.len()).is_empty(),
        "{:?}",
        file.headers
    );
    let existing = existing();
    let zones = |zone: &str| zone == "Europe/Madrid";
    let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
    let preview = preview_customer_import(
        &file,
        &mapping,
        &existing,
        now,
        &zones,
        &super::tests::names(),
        &mut |row| CustomerId(format!("new-{row}")),
    );
    // Every row is accounted for once, by its spreadsheet row.
    let mut seen: Vec<usize> = preview
        .valid
        .iter()
        .map(|v| v.row)
        .chain(preview.rejected.iter().map(|r| r.row))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    prop_assert_eq!(seen.len(), rows.len());
    prop_assert!(seen.iter().all(|&r| r >= 2 && r < file.rows.len() + 2));
    if !faults.is_broken() {
        // Nothing a valid row holds was touched: every row is valid, as written.
        prop_assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
        let nul = faults.nul_cell(SHAPE.free_cells);
        for (i, (valid, row)) in preview.valid.iter().zip(&rows).enumerate() {
            let name = match nul {
                Some((r, 0)) if r == i => with_nul(row.name),
                _ => row.name.to_owned(),
            };
            prop_assert_eq!(&valid.customer.name, &name);
            prop_assert_eq!(&valid.customer.country, &row.country.trim().to_uppercase());
        }
    }
    let plan = plan_customer_import(&preview, &existing, &|row| choice(seed, row), now);
    // created + skipped + merged == valid rows (the review's missing property).
    let merged_rows: Vec<&CustomerId> = preview
        .valid
        .iter()
        .filter(|v| v.needs_choice())
        .filter_map(|v| match choice(seed, v.row) {
            Some(DuplicateChoice::MergeInto(id)) => {
                existing.iter().find(|c| c.id == id).map(|c| &c.id)
            }
            _ => None,
        })
        .collect();
    prop_assert_eq!(
        plan.create.len() + plan.skipped_rows.len() + merged_rows.len(),
        preview.valid.len()
    );
    let mut distinct = merged_rows.clone();
    distinct.sort();
    distinct.dedup();
    prop_assert_eq!(plan.merge.len(), distinct.len());
    merges.set(merges.get() + u32::from(!plan.merge.is_empty()));
    for valid in preview.valid.iter().filter(|v| !v.needs_choice()) {
        prop_assert!(plan.create.iter().any(|c| c.id == valid.customer.id));
    }
    Ok(!preview.valid.is_empty())
}

/// Reach: at least one valid row. Files with a line over the byte limit are
/// refused by design.
#[test]
fn valid_customer_exports_with_faults_reach_the_plan() {
    let strategy = (
        prop::collection::vec(row(), 1..=8),
        csv_faults(8, MAX_ROW_BYTES + 1),
        any::<u64>(),
    );
    let merges = Cell::new(0);
    fuzz_reach("customers CSV", 300, 80, strategy, |input| {
        check(input, &merges)
    });
    // Otherwise the plan property above would hold for want of merges.
    assert!(
        merges.get() >= 10,
        "only {} files merged into a stored customer",
        merges.get()
    );
}
