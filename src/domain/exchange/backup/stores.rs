//! The stores a backup holds and their records: keys, order and uniqueness.

use super::*;
use crate::domain::complaints::{Complaint, ComplaintDraft};
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::Customer;
use crate::domain::orders::{CostEntry, Order};
use crate::domain::replies::{ReplyChange, ReplyEdit, Template};
use crate::domain::shared::sort::sort_stable_by;
use crate::domain::value::TierChange;
use serde::Serialize;
use serde_json::{Map, Value};

/// The backed-up object stores, named as in IndexedDB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Store {
    Customers,
    Orders,
    Costs,
    TierChanges,
    Settings,
    Complaints,
    Contacts,
    FollowUps,
    ComplaintDrafts,
    ReplyEdits,
}

impl Store {
    pub(super) const ALL: [Store; 10] = [
        Self::Customers,
        Self::Orders,
        Self::Costs,
        Self::TierChanges,
        Self::Settings,
        Self::Complaints,
        Self::Contacts,
        Self::FollowUps,
        Self::ComplaintDrafts,
        Self::ReplyEdits,
    ];

    pub(super) fn name(self) -> &'static str {
        match self {
            Self::Customers => "customers",
            Self::Orders => "orders",
            Self::Costs => "costs",
            Self::TierChanges => "tier_changes",
            Self::Settings => "settings",
            Self::Complaints => "complaints",
            Self::Contacts => "contacts",
            Self::FollowUps => "follow_ups",
            Self::ComplaintDrafts => "complaint_drafts",
            Self::ReplyEdits => "reply_edits",
        }
    }

    pub(super) fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|store| store.name() == name)
    }

    /// The database version that created the store: an older backup cannot hold
    /// its records.
    pub(super) fn introduced_in(self) -> u32 {
        match self {
            Self::Customers => 1,
            Self::Orders => 2,
            Self::Costs | Self::TierChanges | Self::Settings => 3,
            Self::Complaints | Self::Contacts | Self::FollowUps | Self::ComplaintDrafts => 4,
            Self::ReplyEdits => 5,
        }
    }
}

/// A record of one store: which store it lives in and its IndexedDB key.
pub(super) trait StoredRecord {
    const STORE: Store;

    fn key(&self) -> &str;

    /// Checks serde cannot express: the problem is shown to the user, the text is
    /// kept for logs.
    fn check(&self) -> Result<(), (RecordProblem, String)> {
        Ok(())
    }
}

impl StoredRecord for Customer {
    const STORE: Store = Store::Customers;
    fn key(&self) -> &str {
        self.id.as_str()
    }
}

impl StoredRecord for Order {
    const STORE: Store = Store::Orders;
    fn key(&self) -> &str {
        &self.id
    }
}

impl StoredRecord for CostEntry {
    const STORE: Store = Store::Costs;
    fn key(&self) -> &str {
        &self.id
    }
}

impl StoredRecord for TierChange {
    const STORE: Store = Store::TierChanges;
    fn key(&self) -> &str {
        &self.id
    }
}

impl StoredRecord for SettingRecord {
    const STORE: Store = Store::Settings;
    fn key(&self) -> &str {
        &self.key
    }
    /// A setting the app cannot read back would silently fall back to its default
    /// after the restore; better to refuse the file while nothing is written.
    fn check(&self) -> Result<(), (RecordProblem, String)> {
        serde_json::from_str::<serde::de::IgnoredAny>(&self.json)
            .map(|_| ())
            .map_err(|e| (RecordProblem::SettingNotJson, e.to_string()))
    }
}

impl StoredRecord for Complaint {
    const STORE: Store = Store::Complaints;
    fn key(&self) -> &str {
        &self.id
    }
}

impl StoredRecord for Contact {
    const STORE: Store = Store::Contacts;
    fn key(&self) -> &str {
        &self.id
    }
}

impl StoredRecord for FollowUp {
    const STORE: Store = Store::FollowUps;
    fn key(&self) -> &str {
        &self.id
    }
}

impl StoredRecord for ComplaintDraft {
    const STORE: Store = Store::ComplaintDrafts;
    fn key(&self) -> &str {
        &self.complaint_id
    }
}

impl StoredRecord for ReplyEdit {
    const STORE: Store = Store::ReplyEdits;
    fn key(&self) -> &str {
        &self.id
    }
    /// A team text the app could not parse would break the reply panel after the
    /// restore; refuse the file while nothing is written.
    fn check(&self) -> Result<(), (RecordProblem, String)> {
        match &self.change {
            ReplyChange::Text { text, .. } => Template::parse(text)
                .map(|_| ())
                .map_err(|e| (RecordProblem::ReplyTemplate, e.to_string())),
            _ => Ok(()),
        }
    }
}

pub(super) fn sort_by_record_key<T: StoredRecord>(records: &mut [T]) {
    sort_stable_by(records, |a, b| a.key().cmp(b.key()));
}

/// `records` must be sorted by key.
pub(super) fn ensure_unique_keys<T: StoredRecord>(records: &[T]) -> Result<(), BackupError> {
    reject_repeated_key::<T>(records.iter().map(StoredRecord::key))
}

/// References sorted by key, so exporting needs no copy of the whole database.
fn sorted_unique_refs<T: StoredRecord>(records: &[T]) -> Result<Vec<&T>, BackupError> {
    let mut sorted: Vec<&T> = records.iter().collect();
    sort_stable_by(&mut sorted, |a, b| a.key().cmp(b.key()));
    reject_repeated_key::<T>(sorted.iter().map(|record| record.key()))?;
    Ok(sorted)
}

/// `sorted_keys` must be sorted, so a repeated key shows up as two neighbours.
fn reject_repeated_key<'a, T: StoredRecord>(
    sorted_keys: impl Iterator<Item = &'a str>,
) -> Result<(), BackupError> {
    let mut previous: Option<&str> = None;
    for key in sorted_keys {
        if previous == Some(key) {
            return Err(BackupError::DuplicateId {
                store: T::STORE.name().to_owned(),
                id: key.to_owned(),
            });
        }
        previous = Some(key);
    }
    Ok(())
}

/// The `data` object as written; field names are the store names.
#[derive(Serialize)]
pub(super) struct StoresView<'a> {
    customers: Vec<&'a Customer>,
    orders: Vec<&'a Order>,
    costs: Vec<&'a CostEntry>,
    tier_changes: Vec<&'a TierChange>,
    settings: Vec<&'a SettingRecord>,
    complaints: Vec<&'a Complaint>,
    contacts: Vec<&'a Contact>,
    follow_ups: Vec<&'a FollowUp>,
    complaint_drafts: Vec<&'a ComplaintDraft>,
    reply_edits: Vec<&'a ReplyEdit>,
}

impl<'a> StoresView<'a> {
    /// A backup with a repeated key could never be restored, so it is refused here
    /// rather than discovered on the day it is needed.
    pub(super) fn sorted_and_unique(data: &'a BackupData) -> Result<Self, BackupError> {
        Ok(Self {
            customers: sorted_unique_refs(&data.customers)?,
            orders: sorted_unique_refs(&data.orders)?,
            costs: sorted_unique_refs(&data.costs)?,
            tier_changes: sorted_unique_refs(&data.tier_changes)?,
            settings: sorted_unique_refs(&data.settings)?,
            complaints: sorted_unique_refs(&data.complaints)?,
            contacts: sorted_unique_refs(&data.contacts)?,
            follow_ups: sorted_unique_refs(&data.follow_ups)?,
            complaint_drafts: sorted_unique_refs(&data.complaint_drafts)?,
            reply_edits: sorted_unique_refs(&data.reply_edits)?,
        })
    }
}

#[derive(Serialize)]
pub(super) struct FileView<'a> {
    pub(super) format: &'static str,
    pub(super) format_version: u32,
    pub(super) schema_version: u32,
    pub(super) exported_at: String,
    pub(super) checksum: String,
    pub(super) counts: Map<String, Value>,
    pub(super) data: &'a Value,
}
