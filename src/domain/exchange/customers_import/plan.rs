//! The rep's decisions on duplicates, merging an imported customer into an existing
//! one and the final import plan.

use super::*;
use crate::domain::customers::{Customer, CustomerId, Profile};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What the rep chose for one valid row that has duplicates (rows without
/// duplicates are always created).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "choice", content = "into", rename_all = "snake_case")]
pub enum DuplicateChoice {
    Create,
    Skip,
    MergeInto(CustomerId),
}

fn fill_blank(mine: &mut String, imported: &str) {
    if mine.trim().is_empty() && !imported.trim().is_empty() {
        *mine = imported.to_owned();
    }
}

fn unite_tags(mine: &mut Vec<String>, imported: &[String]) {
    for tag in imported {
        let lower = tag.to_lowercase();
        if !tag.trim().is_empty() && !mine.iter().any(|t| t.to_lowercase() == lower) {
            mine.push(tag.clone());
        }
    }
}

/// True when `block`'s lines appear, in order and adjacent, among `text`'s lines:
/// the same note imported twice is not appended twice.
fn contains_lines(text: &str, block: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let wanted: Vec<&str> = block.lines().map(str::trim).collect();
    !wanted.is_empty()
        && lines
            .windows(wanted.len())
            .any(|window| window == wanted.as_slice())
}

fn append_notes(mine: &mut String, imported: &str) {
    let imported = imported.trim();
    if imported.is_empty() || contains_lines(mine, imported) {
        return;
    }
    if mine.trim().is_empty() {
        *mine = imported.to_owned();
    } else {
        let kept = mine.trim_end().len();
        mine.truncate(kept);
        mine.push('\n');
        mine.push_str(imported);
    }
}

/// Details of another kind have nowhere to go, so only same-kind profiles are filled.
fn fill_profile(mine: &mut Profile, imported: &Profile) {
    match (mine, imported) {
        (Profile::Individual(mine), Profile::Individual(imported)) => {
            if mine.birthday.is_none() {
                mine.birthday = imported.birthday;
            }
            fill_blank(&mut mine.employer, &imported.employer);
            fill_blank(&mut mine.position, &imported.position);
            fill_blank(&mut mine.preferences, &imported.preferences);
            if mine.family_dates.is_empty() {
                mine.family_dates = imported.family_dates.clone();
            }
        }
        (Profile::Company(mine), Profile::Company(imported)) => {
            if mine.founded_on.is_none() {
                mine.founded_on = imported.founded_on;
            }
            if mine.founded_year.is_none() {
                mine.founded_year = imported.founded_year;
            }
            if mine.employees.is_none() {
                mine.employees = imported.employees;
            }
            fill_blank(&mut mine.business_type, &imported.business_type);
            fill_blank(&mut mine.service_area, &imported.service_area);
            fill_blank(&mut mine.business_status, &imported.business_status);
            fill_blank(&mut mine.payment_terms, &imported.payment_terms);
            fill_blank(&mut mine.credit_status, &imported.credit_status);
            if mine.contacts.is_empty() {
                mine.contacts = imported.contacts.clone();
            }
        }
        _ => {}
    }
}

/// Merge rule: the existing record keeps every non-empty value it has; empty fields
/// are filled from the import; tags are united (case-insensitive, existing order
/// first); imported notes are appended on a new line unless already there;
/// `updated_at = now`. Identity, kind, stage, history, creation time, last contact
/// and revision are the existing record's (the store bumps the revision and refuses
/// a stale one; stages only change through recorded moves).
pub fn merge_customer(existing: &Customer, imported: &Customer, now: DateTime<Utc>) -> Customer {
    let mut merged = existing.clone();
    fill_blank(&mut merged.name, &imported.name);
    fill_blank(&mut merged.email, &imported.email);
    fill_blank(&mut merged.phone, &imported.phone);
    fill_blank(&mut merged.messaging, &imported.messaging);
    fill_blank(&mut merged.country, &imported.country);
    fill_blank(&mut merged.language, &imported.language);
    fill_blank(&mut merged.time_zone, &imported.time_zone);
    fill_blank(&mut merged.address, &imported.address);
    if merged.lead_source.is_none() {
        merged.lead_source = imported.lead_source;
    }
    unite_tags(&mut merged.tags, &imported.tags);
    append_notes(&mut merged.notes, &imported.notes);
    fill_profile(&mut merged.profile, &imported.profile);
    merged.updated_at = now;
    merged
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerImportPlan {
    pub create: Vec<Customer>,
    /// Merged existing records, each once, in the order first merged into.
    pub merge: Vec<Customer>,
    /// Spreadsheet rows of valid rows that will not be imported.
    pub skipped_rows: Vec<usize>,
}

/// Turns the preview and the rep's decisions into records to save. `choice(row)`
/// gives the decision for rows with duplicates; without one the row is skipped (a
/// merge is never guessed). Merging into an id that is not in `existing` skips the
/// row; several rows merging into one customer are merged in row order.
pub fn plan_customer_import(
    preview: &CustomerImportPreview,
    existing: &[Customer],
    choice: &dyn Fn(usize) -> Option<DuplicateChoice>,
    now: DateTime<Utc>,
) -> CustomerImportPlan {
    let mut position_of: HashMap<&CustomerId, usize> = HashMap::with_capacity(existing.len());
    for (position, customer) in existing.iter().enumerate() {
        position_of.entry(&customer.id).or_insert(position);
    }
    let mut plan = CustomerImportPlan::default();
    let mut merged_slot: HashMap<CustomerId, usize> = HashMap::new();
    for valid in &preview.valid {
        if !valid.needs_choice() {
            plan.create.push(valid.customer.clone());
            continue;
        }
        match choice(valid.row).unwrap_or(DuplicateChoice::Skip) {
            DuplicateChoice::Create => plan.create.push(valid.customer.clone()),
            DuplicateChoice::Skip => plan.skipped_rows.push(valid.row),
            DuplicateChoice::MergeInto(id) => {
                if let Some(&slot) = merged_slot.get(&id) {
                    plan.merge[slot] = merge_customer(&plan.merge[slot], &valid.customer, now);
                } else if let Some(&position) = position_of.get(&id) {
                    merged_slot.insert(id, plan.merge.len());
                    plan.merge
                        .push(merge_customer(&existing[position], &valid.customer, now));
                } else {
                    plan.skipped_rows.push(valid.row);
                }
            }
        }
    }
    plan
}
