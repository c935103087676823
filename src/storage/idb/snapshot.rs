//! Every store at once, in one transaction: backups, restores, the demo set.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::codec::{parse_all_strict, put_all};
use super::facts::{replace_order_facts, write_order_facts};
use super::list_views::{note_customers, replace_views};
use super::schema::{
    COMPLAINTS, COMPLAINT_DRAFTS, CONTACTS, COSTS, CUSTOMERS, DATA_AND_DERIVED, DATA_STORES,
    FOLLOW_UPS, ORDERS, REPLY_EDITS, SETTINGS, TIER_CHANGES,
};
use super::sync_outbox::REPLICATED_STORES;
use super::IdbStore;
use crate::domain::exchange::backup::{BackupData, SettingRecord};
use crate::storage::{SnapshotStore, StoreError};

impl IdbStore {
    /// Writes every record of `data` in one transaction, after emptying every data
    /// store when `clear_first` (a restore).
    async fn write_records(&self, data: &BackupData, clear_first: bool) -> Result<(), StoreError> {
        let tx = self.write_tx(&DATA_AND_DERIVED)?;
        if clear_first {
            // What goes is marked as much as what comes.
            for (store, kind) in REPLICATED_STORES {
                tx.mark_stored(store, kind).await?;
            }
            for name in DATA_STORES {
                tx.object_store(name)?.clear()?;
            }
        }
        put_all(&tx.object_store(CUSTOMERS)?, &data.customers)?;
        if clear_first {
            replace_views(&tx, &data.customers)?;
        } else {
            note_customers(&tx, &data.customers).await?;
        }
        put_all(&tx.object_store(ORDERS)?, &data.orders)?;
        if clear_first {
            replace_order_facts(&tx, &data.orders)?;
        } else {
            write_order_facts(&tx, &data.orders, &[]).await?;
        }
        put_all(&tx.object_store(COSTS)?, &data.costs)?;
        put_all(&tx.object_store(TIER_CHANGES)?, &data.tier_changes)?;
        put_all(&tx.object_store(SETTINGS)?, &data.settings)?;
        put_all(&tx.object_store(COMPLAINTS)?, &data.complaints)?;
        put_all(&tx.object_store(CONTACTS)?, &data.contacts)?;
        put_all(&tx.object_store(FOLLOW_UPS)?, &data.follow_ups)?;
        put_all(&tx.object_store(COMPLAINT_DRAFTS)?, &data.complaint_drafts)?;
        put_all(&tx.object_store(REPLY_EDITS)?, &data.reply_edits)?;
        tx.mark_snapshot(data).await?;
        // Nothing is visible to anyone until this commit: a failure anywhere above
        // rolls the whole write back and the old data stays.
        tx.commit().await?;
        Ok(())
    }
}

impl SnapshotStore for IdbStore {
    async fn export_all(&self) -> Result<BackupData, StoreError> {
        // One read-only transaction: the backup is a consistent snapshot even while
        // another tab writes.
        let tx = self.tx(&DATA_STORES, TransactionMode::Readonly)?;
        async fn all<T: DeserializeOwned>(
            tx: &indexed_db_futures::transaction::Transaction<'_>,
            store: &str,
        ) -> Result<Vec<T>, StoreError> {
            parse_all_strict(
                tx.object_store(store)?
                    .get_all::<JsValue>()
                    .primitive()?
                    .await?,
            )
        }
        Ok(BackupData {
            customers: all(&tx, CUSTOMERS).await?,
            orders: all(&tx, ORDERS).await?,
            costs: all(&tx, COSTS).await?,
            tier_changes: all(&tx, TIER_CHANGES).await?,
            settings: all::<SettingRecord>(&tx, SETTINGS).await?,
            complaints: all(&tx, COMPLAINTS).await?,
            contacts: all(&tx, CONTACTS).await?,
            follow_ups: all(&tx, FOLLOW_UPS).await?,
            complaint_drafts: all(&tx, COMPLAINT_DRAFTS).await?,
            reply_edits: all(&tx, REPLY_EDITS).await?,
        })
    }

    async fn replace_all(&self, data: &BackupData) -> Result<(), StoreError> {
        self.write_records(data, true).await
    }

    async fn put_records(&self, data: &BackupData) -> Result<(), StoreError> {
        self.write_records(data, false).await
    }
}
