//! Reading a backup file: its envelope, each store and each record, with errors that
//! name where the problem is.

use super::*;
use crate::domain::customers::Customer;
use crate::domain::exchange::record_migrations::{
    records_need_rewrite, upgrade_customer_record, CURRENT_RECORDS_VERSION,
};
use serde::de::DeserializeOwned;
use serde_json::error::Category;
use serde_json::{Map, Value};

pub(super) fn not_a_backup(reason: NotABackupReason) -> BackupError {
    BackupError::NotABackup(reason)
}

pub(super) fn unreadable_json(error: &serde_json::Error) -> BackupError {
    match error.classify() {
        // The usual cause is an interrupted download or a partial copy; saying so
        // points the user at the fix.
        Category::Eof => not_a_backup(NotABackupReason::CutOff),
        _ => not_a_backup(NotABackupReason::NotJson {
            line: error.line(),
            column: error.column(),
        }),
    }
}

/// A version number from 1 up; larger than `u32` saturates so it still reads as
/// "newer".
pub(super) fn version_field(file: &Map<String, Value>, part: FilePart) -> Result<u32, BackupError> {
    let Some(value) = file.get(part.key()) else {
        return Err(not_a_backup(NotABackupReason::Missing(part)));
    };
    match value.as_u64() {
        Some(0) | None => Err(not_a_backup(NotABackupReason::Malformed(part))),
        Some(version) => Ok(u32::try_from(version).unwrap_or(u32::MAX)),
    }
}

/// The raw records of one store, checked against the backup's schema version.
fn take_store(
    data: &mut Map<String, Value>,
    store: Store,
    schema_version: u32,
) -> Result<Vec<Value>, BackupError> {
    let existed = store.introduced_in() <= schema_version;
    let records = match data.remove(store.name()) {
        Some(Value::Array(records)) => records,
        Some(_) => {
            return Err(not_a_backup(NotABackupReason::StoreNotAList {
                store: store.name().to_owned(),
            }))
        }
        // Our exporter always writes every store its version has; a missing one
        // means the file was cut down by hand and may be missing data.
        None if existed => {
            return Err(not_a_backup(NotABackupReason::StoreMissing {
                store: store.name().to_owned(),
            }))
        }
        None => Vec::new(),
    };
    if !existed && !records.is_empty() {
        return Err(not_a_backup(NotABackupReason::StoreNewerThanBackup {
            store: store.name().to_owned(),
            schema_version,
        }));
    }
    Ok(records)
}

fn bad_record(store: Store, index: usize, problem: RecordProblem, detail: String) -> BackupError {
    BackupError::BadRecord {
        store: store.name().to_owned(),
        index,
        problem,
        detail,
    }
}

fn unreadable_record(store: Store, index: usize, error: &serde_json::Error) -> BackupError {
    // The position is within the one record's text, which the user never sees.
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let detail = text.strip_suffix(&position).unwrap_or(&text).to_owned();
    bad_record(store, index, RecordProblem::from_serde(error), detail)
}

/// Reads one record through serde_json's text parser, as the IndexedDB adapter does:
/// `from_value` compiled every record type's `Deserialize` a second time, for the
/// `Value` deserializer. Printing the value and parsing it again gives the same record.
fn record_from_value<T: DeserializeOwned>(raw: &Value) -> Result<T, serde_json::Error> {
    serde_json::from_str(&raw.to_string())
}

pub(super) fn parse_records<T: StoredRecord + DeserializeOwned>(
    data: &mut Map<String, Value>,
    schema_version: u32,
) -> Result<Vec<T>, BackupError> {
    take_store(data, T::STORE, schema_version)?
        .into_iter()
        .enumerate()
        .map(|(index, raw)| {
            let record: T =
                record_from_value(&raw).map_err(|e| unreadable_record(T::STORE, index, &e))?;
            record
                .check()
                .map_err(|(problem, detail)| bad_record(T::STORE, index, problem, detail))?;
            Ok(record)
        })
        .collect()
}

/// Customers, upgraded from the backup's schema; also how many needed rewriting.
pub(super) fn parse_customers(
    data: &mut Map<String, Value>,
    schema_version: u32,
) -> Result<(Vec<Customer>, usize), BackupError> {
    let store = Store::Customers;
    let raw_customers = take_store(data, store, schema_version)?;
    let is_older = schema_version < CURRENT_RECORDS_VERSION;
    let customers = raw_customers
        .into_iter()
        .enumerate()
        .map(|(index, raw)| {
            let current = if is_older {
                upgrade_customer_record(raw, schema_version).map_err(|e| {
                    bad_record(
                        store,
                        index,
                        RecordProblem::from_migration(&e),
                        e.to_string(),
                    )
                })?
            } else {
                raw
            };
            record_from_value::<Customer>(&current).map_err(|e| unreadable_record(store, index, &e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let migrated = if records_need_rewrite(schema_version) {
        customers.len()
    } else {
        0
    };
    Ok((customers, migrated))
}
