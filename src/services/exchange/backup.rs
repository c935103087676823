//! Full backups: the whole database to one file and back. Restore checks the whole
//! file before it writes anything, then replaces everything in one transaction.

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::domain::exchange::backup::{
    export_backup, parse_backup, BackupCounts, BackupError, RestorePlan,
};
use crate::services::settings::{load_setting, save_setting, LAST_BACKUP};
use crate::storage::{SettingsStore, SnapshotStore, StoreError, SyncOutboxStore};

/// Reminder interval until the rep chooses one.
pub const DEFAULT_REMINDER_DAYS: u32 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BackupServiceError {
    #[error(transparent)]
    Backup(#[from] BackupError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The backup file's text and what it holds. Records when it was made.
pub async fn create_backup<S: SnapshotStore + SettingsStore>(
    store: &S,
    now: DateTime<Utc>,
) -> Result<(String, BackupCounts), BackupServiceError> {
    let mut data = store.export_all().await?;
    // When this browser last backed up is bookkeeping about this copy, not the
    // rep's data: leaving it out keeps export → restore → export identical.
    data.settings.retain(|s| s.key != LAST_BACKUP.name());
    let text = export_backup(&data, now)?;
    remember_backup(store, now).await?;
    Ok((text, data.counts()))
}

/// Replaces everything with the plan's data (already fully validated by
/// [`parse_backup`]). The backup's own date becomes the "last backup".
pub async fn restore_backup<S: SnapshotStore + SettingsStore + SyncOutboxStore>(
    store: &S,
    plan: &RestorePlan,
) -> Result<(), StoreError> {
    // Checked in the store, not the screen: another tab may have connected.
    if store.sync_marking().await? {
        return Err(StoreError::SyncIsOn);
    }
    store.replace_all(&plan.data).await?;
    remember_backup(store, plan.exported_at).await
}

/// Reads a file for restoring: nothing is written here, whatever the file holds.
pub fn plan_restore(text: &str) -> Result<RestorePlan, BackupError> {
    parse_backup(text)
}

async fn remember_backup<S: SettingsStore>(store: &S, at: DateTime<Utc>) -> Result<(), StoreError> {
    save_setting(store, &LAST_BACKUP, &at).await
}

/// When the last backup was made, if ever.
pub async fn last_backup<S: SettingsStore>(store: &S) -> Result<Option<DateTime<Utc>>, StoreError> {
    load_setting(store, &LAST_BACKUP).await
}
