//! The import preview: valid rows, rejected rows and possible duplicates of existing
//! customers (same email or phone, or a similar name).

use super::*;
use crate::domain::customers::fold_for_matching;
use crate::domain::customers::{validate_draft, CustomerDraft, FieldError, TimeZoneCheck};
use crate::domain::customers::{Customer, CustomerId, CustomerKind};
use crate::domain::shared::csv::ParsedFile;
use crate::domain::shared::sort::sort_stable_by_key;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One reason a row cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowIssue {
    /// A field the customer form would refuse (including unknown stage and lead
    /// source text, as [`Problem::UnknownChoice`](crate::domain::customers::Problem::UnknownChoice)).
    Field(FieldError),
    /// The kind cell is neither individual nor company; the cell as found.
    UnknownKind(String),
    /// Same email or phone as an earlier accepted row of this file.
    DuplicateInFile { first_row: usize },
}

/// Why a row is rejected: the spreadsheet row number (header = row 1) and every
/// problem of the row, so the UI can say "row 7, Email: …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedCustomerRow {
    pub row: usize,
    pub issues: Vec<RowIssue>,
    /// The row as found in the file, for the rep to correct.
    pub cells: Vec<String>,
}

/// Why an imported row looks like an existing customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum DuplicateReason {
    /// Same email, ignoring case.
    SameEmail,
    /// Same digits (ignoring +, spaces, dashes…), at least [`MIN_PHONE_DIGITS`].
    SamePhone,
    /// Same country and Jaro-Winkler similarity of the accent-folded names of at
    /// least [`SIMILAR_NAME_THRESHOLD`].
    SimilarName { similarity_percent: u8 },
}

impl DuplicateReason {
    /// Smaller is stronger evidence: email, then phone, then the most similar name.
    fn strength_rank(self) -> (u8, u8) {
        match self {
            Self::SameEmail => (0, 0),
            Self::SamePhone => (1, 0),
            Self::SimilarName { similarity_percent } => {
                (2, 100u8.saturating_sub(similarity_percent))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateMatch {
    pub existing: CustomerId,
    pub reason: DuplicateReason,
    /// `Some(row)` when the look-alike is an earlier row of the same file rather
    /// than a stored customer; `existing` is then the id that row will be created
    /// with (it cannot be merged into: it does not exist yet).
    pub earlier_row: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCustomerRow {
    pub row: usize,
    pub customer: Customer,
    /// Best first, at most [`MAX_DUPLICATES_SHOWN`].
    pub duplicates: Vec<DuplicateMatch>,
}

impl ValidCustomerRow {
    /// Rows with look-alikes wait for the rep's [`DuplicateChoice`].
    pub fn needs_choice(&self) -> bool {
        !self.duplicates.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerImportPreview {
    pub valid: Vec<ValidCustomerRow>,
    pub rejected: Vec<RejectedCustomerRow>,
}

/// Fewer digits than this are an extension or a typo, not a number two customers
/// could meaningfully share.
pub const MIN_PHONE_DIGITS: usize = 6;
/// Jaro-Winkler similarity from which two names in one country are shown as a
/// possible duplicate.
pub const SIMILAR_NAME_THRESHOLD: f64 = 0.92;
/// More look-alikes than this would not help the rep decide.
pub const MAX_DUPLICATES_SHOWN: usize = 3;

/// Mapping resolved once: field index → column.
struct ResolvedColumns([Option<usize>; CustomerColumn::ALL.len()]);

impl ResolvedColumns {
    fn new(mapping: &CustomerMapping) -> Self {
        let mut columns = [None; CustomerColumn::ALL.len()];
        for field in CustomerColumn::ALL {
            columns[field.index()] = mapping.column(field);
        }
        Self(columns)
    }

    /// The trimmed cell for `field`; "" when unmapped or the row is short.
    fn cell<'r>(&self, row: &'r [String], field: CustomerColumn) -> &'r str {
        self.0[field.index()]
            .and_then(|column| row.get(column))
            .map_or("", |cell| without_formula_guard(cell.trim()))
    }
}

/// Our own export prefixes cells that a spreadsheet would run as a formula with `'`
/// (so "+34 612…" stays text); re-importing that file must give the phone back.
pub(super) fn without_formula_guard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.trim(),
        _ => cell,
    }
}

/// The draft the customer form would hold for this row, and the kind cell when it
/// names no kind we know (the row is then validated as an individual, so its other
/// problems are still listed).
fn draft_from_row(
    row: &[String],
    columns: &ResolvedColumns,
    names: &ChoiceNames,
) -> (CustomerDraft, Option<String>) {
    use CustomerColumn as C;
    let kind_text = columns.cell(row, C::Kind);
    let (kind, unknown_kind) = if kind_text.is_empty() {
        (CustomerKind::Individual, None)
    } else {
        match parse_kind(kind_text, names) {
            Some(kind) => (kind, None),
            None => (CustomerKind::Individual, Some(kind_text.to_owned())),
        }
    };
    let mut draft = CustomerDraft::empty(kind);
    draft.name = columns.cell(row, C::Name).to_owned();
    draft.email = columns.cell(row, C::Email).to_owned();
    draft.phone = columns.cell(row, C::Phone).to_owned();
    draft.messaging = columns.cell(row, C::Messaging).to_owned();
    draft.country = columns.cell(row, C::Country).to_owned();
    draft.language = columns.cell(row, C::Language).to_owned();
    draft.time_zone = columns.cell(row, C::TimeZone).to_owned();
    draft.address = columns.cell(row, C::Address).to_owned();
    // The form splits tags on commas only; other tools export lists with these.
    draft.tags = columns
        .cell(row, C::Tags)
        .replace([';', '；', '、', '|'], ",");
    draft.notes = columns.cell(row, C::Notes).to_owned();
    // Unrecognised text is passed on as typed: validate_draft then reports it as an
    // unknown choice on the right field, exactly as the form would.
    let lead_source = columns.cell(row, C::LeadSource);
    draft.lead_source = parse_lead_source(lead_source, names)
        .map_or_else(|| lead_source.to_owned(), |s| s.code().to_owned());
    let stage = columns.cell(row, C::Stage);
    if !stage.is_empty() {
        draft.stage =
            parse_stage(stage, names).map_or_else(|| stage.to_owned(), |s| s.code().to_owned());
    }
    (draft, unknown_kind)
}

pub(super) fn email_key(email: &str) -> Option<String> {
    let email = email.trim();
    (!email.is_empty()).then(|| email.to_lowercase())
}

pub(super) fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= MIN_PHONE_DIGITS).then_some(digits)
}

/// Accent- and case-folded with single spaces, so "Lucía  García" and "lucia garcia"
/// are the same name.
fn name_key(name: &str) -> String {
    fold_for_matching(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn country_key(country: &str) -> String {
    country.trim().to_ascii_uppercase()
}

/// Whether two names of these lengths (in characters) are too different in length to
/// reach [`SIMILAR_NAME_THRESHOLD`], so the costly comparison can be skipped, against
/// most of a large customer base, without changing any result. Jaro-Winkler adds at
/// most 0.4·(1 − Jaro) for a shared prefix (0.1 a character, up to four), and
/// Jaro ≤ (2 + shorter/longer) / 3, so Jaro-Winkler ≤ 0.8 + 0.2·shorter/longer:
/// reaching 0.92 needs shorter/longer ≥ 0.6.
pub(super) fn lengths_rule_out_similarity(a_chars: usize, b_chars: usize) -> bool {
    let (shorter, longer) = (a_chars.min(b_chars), a_chars.max(b_chars));
    shorter.saturating_mul(5) < longer.saturating_mul(3)
}

/// The similarity in percent when two folded names count as similar. Two empty
/// names (nothing left after folding) are not similar: there is nothing to compare.
pub(super) fn name_similarity_percent(
    a: &str,
    a_chars: usize,
    b: &str,
    b_chars: usize,
) -> Option<u8> {
    if lengths_rule_out_similarity(a_chars, b_chars) {
        return None;
    }
    if a == b {
        return (!a.is_empty()).then_some(100);
    }
    let similarity = strsim::jaro_winkler(a, b);
    (similarity >= SIMILAR_NAME_THRESHOLD)
        .then(|| (similarity * 100.0).round().clamp(0.0, 100.0) as u8)
}

/// Someone an imported row may duplicate: a stored customer or an earlier row.
struct Candidate {
    id: CustomerId,
    earlier_row: Option<usize>,
    name: String,
    name_chars: usize,
}

/// Look-ups built once per preview so each row costs a few hash look-ups plus name
/// comparisons within its own country only.
#[derive(Default)]
struct DuplicateIndex {
    candidates: Vec<Candidate>,
    existing_by_email: HashMap<String, Vec<usize>>,
    existing_by_phone: HashMap<String, Vec<usize>>,
    by_country: HashMap<String, Vec<usize>>,
    first_row_by_email: HashMap<String, usize>,
    first_row_by_phone: HashMap<String, usize>,
}

impl DuplicateIndex {
    fn new(existing: &[Customer]) -> Self {
        let mut index = Self::default();
        for customer in existing {
            let position = index.add_candidate(customer, None);
            if let Some(key) = email_key(&customer.email) {
                index
                    .existing_by_email
                    .entry(key)
                    .or_default()
                    .push(position);
            }
            if let Some(key) = phone_key(&customer.phone) {
                index
                    .existing_by_phone
                    .entry(key)
                    .or_default()
                    .push(position);
            }
        }
        index
    }

    fn add_candidate(&mut self, customer: &Customer, earlier_row: Option<usize>) -> usize {
        let position = self.candidates.len();
        let name = name_key(&customer.name);
        self.candidates.push(Candidate {
            id: customer.id.clone(),
            earlier_row,
            name_chars: name.chars().count(),
            name,
        });
        self.by_country
            .entry(country_key(&customer.country))
            .or_default()
            .push(position);
        position
    }

    /// Remembers an accepted row so later rows are checked against it.
    fn add_file_row(&mut self, row: usize, customer: &Customer) {
        self.add_candidate(customer, Some(row));
        if let Some(key) = email_key(&customer.email) {
            self.first_row_by_email.entry(key).or_insert(row);
        }
        if let Some(key) = phone_key(&customer.phone) {
            self.first_row_by_phone.entry(key).or_insert(row);
        }
    }

    /// The earliest accepted row sharing this email or phone.
    fn earlier_row_with(&self, email: &str, phone: &str) -> Option<usize> {
        let by_email = email_key(email).and_then(|k| self.first_row_by_email.get(&k).copied());
        let by_phone = phone_key(phone).and_then(|k| self.first_row_by_phone.get(&k).copied());
        match (by_email, by_phone) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn duplicates_of(&self, customer: &Customer) -> Vec<DuplicateMatch> {
        let mut best: HashMap<usize, DuplicateReason> = HashMap::new();
        let mut offer = |position: usize, reason: DuplicateReason| {
            let slot = best.entry(position).or_insert(reason);
            if reason.strength_rank() < slot.strength_rank() {
                *slot = reason;
            }
        };
        if let Some(positions) =
            email_key(&customer.email).and_then(|k| self.existing_by_email.get(&k))
        {
            for &position in positions {
                offer(position, DuplicateReason::SameEmail);
            }
        }
        if let Some(positions) =
            phone_key(&customer.phone).and_then(|k| self.existing_by_phone.get(&k))
        {
            for &position in positions {
                offer(position, DuplicateReason::SamePhone);
            }
        }
        if let Some(positions) = self.by_country.get(&country_key(&customer.country)) {
            let name = name_key(&customer.name);
            let name_chars = name.chars().count();
            for &position in positions {
                let other = &self.candidates[position];
                if let Some(similarity_percent) =
                    name_similarity_percent(&name, name_chars, &other.name, other.name_chars)
                {
                    offer(
                        position,
                        DuplicateReason::SimilarName { similarity_percent },
                    );
                }
            }
        }
        let mut ranked: Vec<(usize, DuplicateReason)> = best.into_iter().collect();
        sort_stable_by_key(&mut ranked, |&(position, reason)| {
            (reason.strength_rank(), position)
        });
        ranked
            .into_iter()
            .take(MAX_DUPLICATES_SHOWN)
            .map(|(position, reason)| DuplicateMatch {
                existing: self.candidates[position].id.clone(),
                reason,
                earlier_row: self.candidates[position].earlier_row,
            })
            .collect()
    }
}

/// Builds every row into a new customer (ids from `new_id(row)`, called only for
/// accepted rows), validates it like the customer form, and finds look-alikes among
/// `existing` customers and earlier rows of the same file. A later row with the
/// same email or phone as an earlier accepted row is rejected
/// ([`RowIssue::DuplicateInFile`]): one file cannot hold the same buyer twice.
/// Completely blank rows are skipped silently.
pub fn preview_customer_import(
    file: &ParsedFile,
    mapping: &CustomerMapping,
    existing: &[Customer],
    now: DateTime<Utc>,
    zones: &dyn TimeZoneCheck,
    names: &ChoiceNames,
    new_id: &mut dyn FnMut(usize) -> CustomerId,
) -> CustomerImportPreview {
    let columns = ResolvedColumns::new(mapping);
    let mut index = DuplicateIndex::new(existing);
    let mut preview = CustomerImportPreview::default();
    for (offset, cells) in file.rows.iter().enumerate() {
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let row = offset.saturating_add(2);
        let (draft, unknown_kind) = draft_from_row(cells, &columns, names);
        let mut issues: Vec<RowIssue> = unknown_kind
            .map(RowIssue::UnknownKind)
            .into_iter()
            .collect();
        let validated = validate_draft(&draft, None, now, zones);
        if let Err(errors) = &validated {
            issues.extend(errors.iter().copied().map(RowIssue::Field));
        }
        if let Some(first_row) = index.earlier_row_with(&draft.email, &draft.phone) {
            issues.push(RowIssue::DuplicateInFile { first_row });
        }
        match validated {
            Ok(mut customer) if issues.is_empty() => {
                customer.id = new_id(row);
                let duplicates = index.duplicates_of(&customer);
                index.add_file_row(row, &customer);
                preview.valid.push(ValidCustomerRow {
                    row,
                    customer,
                    duplicates,
                });
            }
            _ => preview.rejected.push(RejectedCustomerRow {
                row,
                issues,
                cells: cells.clone(),
            }),
        }
    }
    preview
}
