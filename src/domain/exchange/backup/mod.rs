//! Full backups: every store in one JSON file, so a rep can move to another browser
//! or recover after the browser profile was wiped.
//!
//! The file carries its own format marker and versions, a SHA-256 checksum of its
//! data and the per-store counts (for people reading the file; a restore recomputes
//! them). [`parse_backup`] checks the whole file and turns it into typed,
//! current-schema records before the caller writes anything, so a damaged or foreign
//! file can never leave the database half restored.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

use crate::domain::complaints::{Complaint, ComplaintDraft};
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::Customer;
use crate::domain::exchange::record_migrations::{RecordMigrationError, CURRENT_RECORDS_VERSION};
use crate::domain::orders::{CostEntry, Order};
use crate::domain::replies::ReplyEdit;
use crate::domain::value::TierChange;

mod checksum;
mod reading;
mod stores;

use checksum::*;
use reading::*;
use stores::*;

pub const BACKUP_FORMAT: &str = "cross-border-crm-backup";
pub const BACKUP_FORMAT_VERSION: u32 = 1;
const CHECKSUM_PREFIX: &str = "sha256:";

/// One entry of the `settings` store: the setting's value is kept as the JSON text
/// the app stored, so a backup never needs to know every setting's type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingRecord {
    pub key: String,
    pub json: String,
}

/// Everything the app stores, typed. Default = empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackupData {
    pub customers: Vec<Customer>,
    pub orders: Vec<Order>,
    pub costs: Vec<CostEntry>,
    pub tier_changes: Vec<TierChange>,
    pub settings: Vec<SettingRecord>,
    pub complaints: Vec<Complaint>,
    pub contacts: Vec<Contact>,
    pub follow_ups: Vec<FollowUp>,
    pub complaint_drafts: Vec<ComplaintDraft>,
    pub reply_edits: Vec<ReplyEdit>,
}

impl BackupData {
    /// Sorts every list by its key (id / key / complaint_id) so two exports of the
    /// same data are byte-identical.
    pub fn normalise(&mut self) {
        sort_by_record_key(&mut self.customers);
        sort_by_record_key(&mut self.orders);
        sort_by_record_key(&mut self.costs);
        sort_by_record_key(&mut self.tier_changes);
        sort_by_record_key(&mut self.settings);
        sort_by_record_key(&mut self.complaints);
        sort_by_record_key(&mut self.contacts);
        sort_by_record_key(&mut self.follow_ups);
        sort_by_record_key(&mut self.complaint_drafts);
        sort_by_record_key(&mut self.reply_edits);
    }

    pub fn counts(&self) -> BackupCounts {
        BackupCounts {
            customers: self.customers.len(),
            orders: self.orders.len(),
            costs: self.costs.len(),
            tier_changes: self.tier_changes.len(),
            settings: self.settings.len(),
            complaints: self.complaints.len(),
            contacts: self.contacts.len(),
            follow_ups: self.follow_ups.len(),
            complaint_drafts: self.complaint_drafts.len(),
            reply_edits: self.reply_edits.len(),
        }
    }

    /// True when no store holds a record: nothing to back up yet.
    pub fn is_empty(&self) -> bool {
        self.counts().total() == 0
    }

    /// Expects normalised data: duplicates are then neighbours.
    fn ensure_unique_keys(&self) -> Result<(), BackupError> {
        ensure_unique_keys(&self.customers)?;
        ensure_unique_keys(&self.orders)?;
        ensure_unique_keys(&self.costs)?;
        ensure_unique_keys(&self.tier_changes)?;
        ensure_unique_keys(&self.settings)?;
        ensure_unique_keys(&self.complaints)?;
        ensure_unique_keys(&self.contacts)?;
        ensure_unique_keys(&self.follow_ups)?;
        ensure_unique_keys(&self.complaint_drafts)?;
        ensure_unique_keys(&self.reply_edits)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BackupCounts {
    pub customers: usize,
    pub orders: usize,
    pub costs: usize,
    pub tier_changes: usize,
    pub settings: usize,
    pub complaints: usize,
    pub contacts: usize,
    pub follow_ups: usize,
    pub complaint_drafts: usize,
    pub reply_edits: usize,
}

impl BackupCounts {
    /// Records across all stores.
    pub fn total(&self) -> usize {
        Store::ALL.into_iter().map(|store| self.of(store)).sum()
    }

    fn of(&self, store: Store) -> usize {
        match store {
            Store::Customers => self.customers,
            Store::Orders => self.orders,
            Store::Costs => self.costs,
            Store::TierChanges => self.tier_changes,
            Store::Settings => self.settings,
            Store::Complaints => self.complaints,
            Store::Contacts => self.contacts,
            Store::FollowUps => self.follow_ups,
            Store::ComplaintDrafts => self.complaint_drafts,
            Store::ReplyEdits => self.reply_edits,
        }
    }
}

/// Largest backup file a restore reads: about the most a browser tab can hold as one
/// string beside the parsed records.
pub const MAX_BACKUP_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BackupError {
    /// Not JSON, wrong format marker or missing parts.
    #[error("the file is not a backup of this app: {0}")]
    NotABackup(NotABackupReason),
    #[error("the backup was made by a newer version of the app (backup format {found}, this app reads up to {supported})")]
    NewerFormat { found: u32, supported: u32 },
    #[error("the backup comes from a newer database version ({found}; this app knows up to {supported})")]
    NewerSchema { found: u32, supported: u32 },
    #[error("the backup is damaged or incomplete: its checksum does not match")]
    ChecksumMismatch,
    /// `detail` is the parser's own (English) text, kept for the console and bug
    /// reports; what the rep reads is built from `problem` in their language.
    #[error("record {index} in \"{store}\" cannot be read: {problem} ({detail})")]
    BadRecord {
        store: String,
        index: usize,
        problem: RecordProblem,
        detail: String,
    },
    #[error("\"{store}\" has two records with the id {id}")]
    DuplicateId { store: String, id: String },
    /// The serialiser's text, for logs only.
    #[error("could not write the backup: {0}")]
    Serialise(String),
}

/// A top-level field of the backup file; its name is the file's own key, shown as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePart {
    FormatVersion,
    SchemaVersion,
    ExportedAt,
    Checksum,
    Data,
}

impl FilePart {
    /// The key in the file.
    pub fn key(self) -> &'static str {
        match self {
            Self::FormatVersion => "format_version",
            Self::SchemaVersion => "schema_version",
            Self::ExportedAt => "exported_at",
            Self::Checksum => "checksum",
            Self::Data => "data",
        }
    }
}

/// Why a file is not a backup this app can read. Typed so the UI can say it in the
/// rep's language; the English `Display` is for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NotABackupReason {
    /// Not JSON at all (a spreadsheet, an image, a text note). 1-based position.
    #[error("it is not valid JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    /// Valid so far but ends too early: an interrupted download or partial copy.
    #[error("it ends too early, as if cut off")]
    CutOff,
    #[error("it is not a JSON object")]
    NotAnObject,
    #[error("it has no \"format\" marker of this app")]
    NoFormatMarker,
    #[error("it has no \"{}\"", .0.key())]
    Missing(FilePart),
    /// Present but unusable: a version that is not a whole number from 1 up, a time
    /// that is not RFC 3339, a checksum that is not text, data that is not an object.
    #[error("its \"{}\" has the wrong form", .0.key())]
    Malformed(FilePart),
    /// The data is too deeply nested to recompute its checksum.
    #[error("its data cannot be checked")]
    DataUncheckable,
    #[error("it holds an unknown store \"{name}\"")]
    UnknownStore { name: String },
    #[error("its \"{store}\" is not a list of records")]
    StoreNotAList { store: String },
    /// Our exporter always writes every store its version has.
    #[error("it has no \"{store}\" store")]
    StoreMissing { store: String },
    #[error(
        "it has records in \"{store}\", a store version {schema_version} databases did not have"
    )]
    StoreNewerThanBackup { store: String, schema_version: u32 },
}

/// Why one record of a backup cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecordProblem {
    #[error("the record is not a JSON object")]
    NotAnObject,
    /// The field's name is the file's own key, shown as is.
    #[error("the field \"{0}\" is missing or unusable")]
    MissingField(String),
    #[error("a field holds the wrong kind of value")]
    WrongType,
    #[error("a field holds a choice this app does not know")]
    UnknownChoice,
    #[error("a field holds a value that is not allowed")]
    InvalidValue,
    #[error("a setting's value is not JSON")]
    SettingNotJson,
    #[error("a reply text has a placeholder problem")]
    ReplyTemplate,
}

impl RecordProblem {
    /// serde's messages are its stable defaults ("missing field `x`", "invalid type:
    /// …", "unknown variant …"); anything else (our own checks, e.g. a currency
    /// code) is an invalid value.
    fn from_serde(error: &serde_json::Error) -> Self {
        let text = error.to_string();
        if let Some(field) = text
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split_once('`'))
            .map(|(field, _)| field)
        {
            return Self::MissingField(field.to_owned());
        }
        if text.starts_with("invalid type") {
            Self::WrongType
        } else if text.starts_with("unknown variant") {
            Self::UnknownChoice
        } else {
            Self::InvalidValue
        }
    }

    fn from_migration(error: &RecordMigrationError) -> Self {
        match error {
            RecordMigrationError::NotAnObject => Self::NotAnObject,
            RecordMigrationError::MissingField(field) => Self::MissingField((*field).to_owned()),
            RecordMigrationError::UnknownVersion(_) | RecordMigrationError::Shape(_) => {
                Self::InvalidValue
            }
        }
    }
}

/// What a restore would do, before anything is written: shown to the user to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestorePlan {
    /// Typed, migrated to the current schema, normalised.
    pub data: BackupData,
    pub exported_at: DateTime<Utc>,
    /// The backup's, before migration.
    pub schema_version: u32,
    pub counts: BackupCounts,
    /// Customer records whose stored shape had to be rewritten to reach the current
    /// schema (0 when the backup's version changed no customer record, e.g. v3).
    pub migrated_customers: usize,
}

/// "Last backup N days ago" and whether to nag about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupReminder {
    /// Whole days since the last backup; `None` = never backed up.
    pub days_since: Option<i64>,
    pub due: bool,
}

/// Writes the whole database as one backup file (compact JSON).
///
/// The file: `{"format": BACKUP_FORMAT, "format_version": 1, "schema_version": 4,
/// "exported_at": RFC 3339, "checksum": "sha256:<64 lowercase hex>", "counts": {...},
/// "data": {"customers": [...], "orders": [...], ...}}`. The checksum is SHA-256 of
/// the compact serde_json serialisation of `data` with object keys sorted, so it can
/// be recomputed from the parsed file. Records are sorted by key first, so the same
/// data always gives the same bytes (apart from `exported_at`).
pub fn export_backup(data: &BackupData, exported_at: DateTime<Utc>) -> Result<String, BackupError> {
    let stores = StoresView::sorted_and_unique(data)?;
    // Through text, not `to_value`: the IndexedDB adapter already compiles every record
    // type's `Serialize` for the text writer, and `to_value` compiled it all again for
    // the `Value` serializer. Records hold no floats, so the round trip is exact.
    let data_value: Value = serde_json::to_string(&stores)
        .and_then(|text| serde_json::from_str(&text))
        .map_err(|e| BackupError::Serialise(e.to_string()))?;
    let Value::Object(data_map) = &data_value else {
        return Err(BackupError::Serialise(
            "the stores did not serialise to a JSON object".to_owned(),
        ));
    };
    let checksum = data_checksum(data_map).map_err(|e| BackupError::Serialise(e.to_string()))?;
    let counts = data.counts();
    let counts: Map<String, Value> = Store::ALL
        .into_iter()
        .map(|store| (store.name().to_owned(), Value::from(counts.of(store))))
        .collect();
    let file = FileView {
        format: BACKUP_FORMAT,
        format_version: BACKUP_FORMAT_VERSION,
        schema_version: CURRENT_RECORDS_VERSION,
        exported_at: exported_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        checksum,
        counts,
        data: &data_value,
    };
    serde_json::to_string(&file).map_err(|e| BackupError::Serialise(e.to_string()))
}

/// Parses and validates the WHOLE file before the caller writes anything.
///
/// Checks, in order: JSON object, format marker, format version, schema version
/// (`1..=CURRENT_RECORDS_VERSION`), export time, the required checksum over `data`,
/// that `data` holds exactly the stores its schema version had (stores newer than the
/// backup may be absent or empty), every record parsed into its type (customers
/// upgraded from older schemas first), and unique keys per store. Orphans (an order
/// whose customer is not in the backup) are allowed, as in the app.
pub fn parse_backup(text: &str) -> Result<RestorePlan, BackupError> {
    let mut file = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(file)) => file,
        Ok(_) => return Err(not_a_backup(NotABackupReason::NotAnObject)),
        Err(e) => return Err(unreadable_json(&e)),
    };
    if file.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        return Err(not_a_backup(NotABackupReason::NoFormatMarker));
    }
    // Checked before anything else because a newer format may have moved every
    // other field.
    let format_version = version_field(&file, FilePart::FormatVersion)?;
    if format_version > BACKUP_FORMAT_VERSION {
        return Err(BackupError::NewerFormat {
            found: format_version,
            supported: BACKUP_FORMAT_VERSION,
        });
    }
    let schema_version = version_field(&file, FilePart::SchemaVersion)?;
    if schema_version > CURRENT_RECORDS_VERSION {
        return Err(BackupError::NewerSchema {
            found: schema_version,
            supported: CURRENT_RECORDS_VERSION,
        });
    }
    let exported_at = match file.get(FilePart::ExportedAt.key()) {
        None => {
            return Err(not_a_backup(NotABackupReason::Missing(
                FilePart::ExportedAt,
            )))
        }
        Some(value) => value
            .as_str()
            .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
            .map(|at| at.with_timezone(&Utc))
            .ok_or(not_a_backup(NotABackupReason::Malformed(
                FilePart::ExportedAt,
            )))?,
    };
    let stated_checksum = match file.get("checksum") {
        Some(Value::String(checksum)) => checksum.clone(),
        Some(_) => {
            return Err(not_a_backup(NotABackupReason::Malformed(
                FilePart::Checksum,
            )))
        }
        None => return Err(not_a_backup(NotABackupReason::Missing(FilePart::Checksum))),
    };
    let mut data = match file.remove("data") {
        Some(Value::Object(data)) => data,
        Some(_) => return Err(not_a_backup(NotABackupReason::Malformed(FilePart::Data))),
        None => return Err(not_a_backup(NotABackupReason::Missing(FilePart::Data))),
    };
    let actual_checksum =
        data_checksum(&data).map_err(|_| not_a_backup(NotABackupReason::DataUncheckable))?;
    if actual_checksum != stated_checksum {
        return Err(BackupError::ChecksumMismatch);
    }
    if let Some(unknown) = data.keys().find(|name| Store::named(name).is_none()) {
        return Err(not_a_backup(NotABackupReason::UnknownStore {
            name: unknown.clone(),
        }));
    }

    let (customers, migrated_customers) = parse_customers(&mut data, schema_version)?;
    let mut restored = BackupData {
        customers,
        orders: parse_records(&mut data, schema_version)?,
        costs: parse_records(&mut data, schema_version)?,
        tier_changes: parse_records(&mut data, schema_version)?,
        settings: parse_records(&mut data, schema_version)?,
        complaints: parse_records(&mut data, schema_version)?,
        contacts: parse_records(&mut data, schema_version)?,
        follow_ups: parse_records(&mut data, schema_version)?,
        complaint_drafts: parse_records(&mut data, schema_version)?,
        reply_edits: parse_records(&mut data, schema_version)?,
    };
    restored.normalise();
    restored.ensure_unique_keys()?;
    let counts = restored.counts();
    Ok(RestorePlan {
        data: restored,
        exported_at,
        schema_version,
        counts,
        migrated_customers,
    })
}

/// "Last backup N days ago": whole days between the last backup and now (`None` =
/// never backed up), and whether the reminder is due: never backed up but has data,
/// or `days >= remind_after_days`. `remind_after_days` 0 disables the reminder.
pub fn backup_reminder(
    last_backup: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    remind_after_days: u32,
    has_data: bool,
) -> BackupReminder {
    // A last backup "in the future" means the clock was changed; showing a negative
    // age would only confuse, and the backup is certainly recent.
    let days_since = last_backup.map(|last| now.signed_duration_since(last).num_days().max(0));
    let due = remind_after_days > 0
        && match days_since {
            None => has_data,
            Some(days) => days >= i64::from(remind_after_days),
        };
    BackupReminder { days_since, due }
}

// ---------------------------------------------------------------------------
#[cfg(test)]
mod tests;
