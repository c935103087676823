//! Team sync's outbox in IndexedDB (the rule: [`crate::domain::sync::outbox`]).
//!
//! Every write path that changes a replicated record opens its transaction with
//! [`IdbStore::write_tx`] and calls one of [`WriteTx`]'s `mark` methods for what
//! it changed, so the mark commits or rolls back with the record. The contract
//! suite runs every write of the port with marking on and checks that the
//! outbox names every document whose replicated data changed.

use std::cell::Cell;
use std::ops::Deref;

use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

use super::codec::{js_error, keys_and_values, stored_record, to_js};
use super::schema::{
    MetaEntry, COMPLAINTS, CONTACTS, COSTS, CUSTOMERS, FOLLOW_UPS, META, ORDERS, SETTINGS,
    SYNC_OUTBOX, TIER_CHANGES,
};
use super::IdbStore;
use crate::domain::exchange::backup::BackupData;
use crate::domain::sync::docs::{DocKind, Replicated};
use crate::domain::sync::outbox::{is_team_setting, OutboxEntry};
use crate::storage::{DeletedCustomer, StoreError, SyncOutboxStore};

/// In `meta`: 1 while sync is on (marking), absent or 0 while off.
const MARKING_KEY: &str = "sync_marking";
/// In `meta`: the sequence number of the last transaction that marked.
const SEQ_KEY: &str = "sync_seq";

/// The stores that replicate, with the kind of document each record is.
pub(super) const REPLICATED_STORES: [(&str, DocKind); 8] = [
    (CUSTOMERS, DocKind::Customer),
    (ORDERS, DocKind::Order),
    (COSTS, DocKind::Cost),
    (TIER_CHANGES, DocKind::TierChange),
    (COMPLAINTS, DocKind::Complaint),
    (CONTACTS, DocKind::Contact),
    (FOLLOW_UPS, DocKind::FollowUp),
    (SETTINGS, DocKind::Setting),
];

/// A read-write transaction whose scope includes the outbox and `meta`, with the
/// marks its writer makes. Derefs to the transaction, so the stores' helpers
/// take it as they take any transaction.
pub(super) struct WriteTx<'a> {
    tx: Transaction<'a>,
    /// `None` until the first mark reads the flag; then `Some(None)` while
    /// marking is off, `Some(Some(seq))` while on (one sequence number per
    /// transaction).
    seq: Cell<Option<Option<u32>>>,
}

impl<'a> Deref for WriteTx<'a> {
    type Target = Transaction<'a>;
    fn deref(&self) -> &Transaction<'a> {
        &self.tx
    }
}

impl WriteTx<'_> {
    /// Marks `records` as changed (written or deleted) by this transaction.
    pub(super) async fn mark<R: Replicated>(&self, records: &[R]) -> Result<(), StoreError> {
        let Some(seq) = self.seq().await? else {
            return Ok(());
        };
        let outbox = self.tx.object_store(SYNC_OUTBOX)?;
        for record in records {
            put_mark(&outbox, &record.doc_id(), seq)?;
        }
        Ok(())
    }

    /// Marks the records of `kind` with these ids (for deletions by id).
    pub(super) async fn mark_ids<'i>(
        &self,
        kind: DocKind,
        ids: impl IntoIterator<Item = &'i str>,
    ) -> Result<(), StoreError> {
        let Some(seq) = self.seq().await? else {
            return Ok(());
        };
        let outbox = self.tx.object_store(SYNC_OUTBOX)?;
        for id in ids {
            put_mark(&outbox, &kind.doc_id(id), seq)?;
        }
        Ok(())
    }

    /// Marks every record now in `store`, of `kind`, read by key only and only
    /// while marking: what a restore is about to remove. Per-device settings
    /// are left out.
    pub(super) async fn mark_stored(
        &self,
        store: &str,
        kind: DocKind,
    ) -> Result<usize, StoreError> {
        let Some(seq) = self.seq().await? else {
            return Ok(0);
        };
        let keys: Vec<JsValue> = self
            .tx
            .object_store(store)?
            .get_all_keys::<JsValue>()
            .primitive()?
            .await?
            .collect::<Result<_, _>>()?;
        let outbox = self.tx.object_store(SYNC_OUTBOX)?;
        // Every replicated store is keyed by its records' string ids; any other
        // key was not written by this app and names no document.
        let mut marked = 0;
        for id in keys.iter().filter_map(JsValue::as_string) {
            if kind != DocKind::Setting || is_team_setting(&id) {
                put_mark(&outbox, &kind.doc_id(&id), seq)?;
                marked += 1;
            }
        }
        Ok(marked)
    }

    /// Marks a customer and everything deleted (or put back) with it.
    pub(super) async fn mark_deleted(&self, deleted: &DeletedCustomer) -> Result<(), StoreError> {
        self.mark(std::slice::from_ref(&deleted.customer)).await?;
        self.mark(&deleted.orders).await?;
        self.mark(&deleted.complaints).await?;
        self.mark(&deleted.contacts).await?;
        self.mark(&deleted.follow_ups).await
    }

    /// Marks every replicated record of `data` (team settings only).
    pub(super) async fn mark_snapshot(&self, data: &BackupData) -> Result<(), StoreError> {
        self.mark(&data.customers).await?;
        self.mark(&data.orders).await?;
        self.mark(&data.costs).await?;
        self.mark(&data.tier_changes).await?;
        self.mark(&data.complaints).await?;
        self.mark(&data.contacts).await?;
        self.mark(&data.follow_ups).await?;
        let team: Vec<&str> = data
            .settings
            .iter()
            .map(|s| s.key.as_str())
            .filter(|key| is_team_setting(key))
            .collect();
        self.mark_ids(DocKind::Setting, team).await
    }

    pub(super) async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }

    /// Reads the flag once per transaction and, when on, takes the next
    /// sequence number.
    async fn seq(&self) -> Result<Option<u32>, StoreError> {
        if let Some(known) = self.seq.get() {
            return Ok(known);
        }
        let meta = self.tx.object_store(META)?;
        let on: Option<MetaEntry> = stored_record(&meta, MARKING_KEY).await?;
        let seq = if on.is_some_and(|e| e.value != 0) {
            let last: Option<MetaEntry> = stored_record(&meta, SEQ_KEY).await?;
            let next = last.map_or(0, |e| e.value).saturating_add(1);
            meta.put(to_js(&MetaEntry {
                key: SEQ_KEY.into(),
                value: next,
            })?)
            .primitive()?;
            Some(next)
        } else {
            None
        };
        self.seq.set(Some(seq));
        Ok(seq)
    }
}

/// Removes the `pushed` entries from the outbox in the caller's transaction,
/// except those marked again since the push read them: they go in the next push.
pub(super) async fn acknowledge_in(
    outbox: &indexed_db_futures::object_store::ObjectStore<'_>,
    pushed: &[OutboxEntry],
) -> Result<(), StoreError> {
    for entry in pushed {
        let now = outbox
            .get::<JsValue, _, _>(entry.doc_id.as_str())
            .primitive()?
            .await?;
        if now.and_then(|v| v.as_f64()) == Some(f64::from(entry.seq)) {
            outbox.delete(entry.doc_id.as_str()).build()?;
        }
    }
    Ok(())
}

fn put_mark(
    outbox: &indexed_db_futures::object_store::ObjectStore<'_>,
    doc_id: &str,
    seq: u32,
) -> Result<(), StoreError> {
    outbox
        .as_sys()
        .put_with_key(&JsValue::from(seq), &JsValue::from_str(doc_id))
        .map_err(js_error)?;
    Ok(())
}

impl IdbStore {
    /// A read-write transaction over `stores`, the outbox and `meta`: what every
    /// write path that may change a replicated record opens.
    pub(super) fn write_tx(&self, stores: &[&str]) -> Result<WriteTx<'_>, StoreError> {
        let mut scope: Vec<&str> = stores.to_vec();
        for extra in [META, SYNC_OUTBOX] {
            if !scope.contains(&extra) {
                scope.push(extra);
            }
        }
        Ok(WriteTx {
            tx: self.tx(&scope, TransactionMode::Readwrite)?,
            seq: Cell::new(None),
        })
    }
}

impl SyncOutboxStore for IdbStore {
    async fn set_sync_marking(&self, on: bool) -> Result<(), StoreError> {
        let tx = self.tx(&[META], TransactionMode::Readwrite)?;
        tx.object_store(META)?
            .put(to_js(&MetaEntry {
                key: MARKING_KEY.into(),
                value: u32::from(on),
            })?)
            .primitive()?;
        tx.commit().await?;
        Ok(())
    }

    async fn sync_marking(&self) -> Result<bool, StoreError> {
        let tx = self.tx(&[META], TransactionMode::Readonly)?;
        let on: Option<MetaEntry> = stored_record(&tx.object_store(META)?, MARKING_KEY).await?;
        Ok(on.is_some_and(|e| e.value != 0))
    }

    async fn mark_everything(&self) -> Result<usize, StoreError> {
        let stores: Vec<&str> = REPLICATED_STORES.iter().map(|(s, _)| *s).collect();
        let tx = self.write_tx(&stores)?;
        let mut marked = 0;
        for (store, kind) in REPLICATED_STORES {
            marked += tx.mark_stored(store, kind).await?;
        }
        tx.commit().await?;
        Ok(marked)
    }

    async fn outbox_len(&self) -> Result<usize, StoreError> {
        let tx = self.tx(&[SYNC_OUTBOX], TransactionMode::Readonly)?;
        Ok(tx.object_store(SYNC_OUTBOX)?.count().await? as usize)
    }

    async fn sync_outbox(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        let tx = self.tx(&[SYNC_OUTBOX], TransactionMode::Readonly)?;
        let store = tx.object_store(SYNC_OUTBOX)?;
        // Keys and values in key order, read in the same transaction.
        keys_and_values(&store)
            .await?
            .into_iter()
            .map(|(key, value)| {
                let doc_id = key.as_string();
                let seq = value.as_f64().filter(|s| s.fract() == 0.0 && *s >= 0.0);
                match (doc_id, seq) {
                    (Some(doc_id), Some(seq)) if seq <= f64::from(u32::MAX) => Ok(OutboxEntry {
                        doc_id,
                        seq: seq as u32,
                    }),
                    _ => Err(StoreError::Corrupt(format!(
                        "sync outbox entry {:?} = {:?} is not a document id and a sequence number",
                        key.dyn_ref::<js_sys::JsString>().map(String::from),
                        value.as_f64()
                    ))),
                }
            })
            .collect()
    }

    async fn acknowledge_outbox(&self, pushed: &[OutboxEntry]) -> Result<(), StoreError> {
        let tx = self.tx(&[SYNC_OUTBOX], TransactionMode::Readwrite)?;
        let store = tx.object_store(SYNC_OUTBOX)?;
        acknowledge_in(&store, pushed).await?;
        tx.commit().await?;
        Ok(())
    }
}
