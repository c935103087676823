//! Team sync's outbox in memory: the reference for the IndexedDB adapter's
//! (`storage/idb/sync_outbox.rs`), held to the same contract.

use super::MemoryStore;
use crate::domain::sync::docs::{DocKind, Replicated};
use crate::domain::sync::outbox::OutboxEntry;
use crate::storage::{StoreError, SyncOutboxStore};

impl MemoryStore {
    /// Marks `records` as changed by the write being made, while marking is on.
    /// Called once a write can no longer be refused, as the IndexedDB adapter's
    /// marks commit only with their write.
    pub(super) fn mark<R: Replicated>(&self, records: &[R]) {
        if let Some(seq) = self.next_seq() {
            let mut outbox = self.outbox.borrow_mut();
            for record in records {
                outbox.insert(record.doc_id(), seq);
            }
        }
    }

    /// Marks the records of `kind` with these ids (for deletions by id).
    pub(super) fn mark_ids<'i>(&self, kind: DocKind, ids: impl IntoIterator<Item = &'i str>) {
        if let Some(seq) = self.next_seq() {
            let mut outbox = self.outbox.borrow_mut();
            for id in ids {
                outbox.insert(kind.doc_id(id), seq);
            }
        }
    }

    fn next_seq(&self) -> Option<u32> {
        if !self.sync_marking.get() {
            return None;
        }
        let seq = self.sync_seq.get().saturating_add(1);
        self.sync_seq.set(seq);
        Some(seq)
    }
}

impl SyncOutboxStore for MemoryStore {
    async fn set_sync_marking(&self, on: bool) -> Result<(), StoreError> {
        self.sync_marking.set(on);
        Ok(())
    }

    async fn sync_marking(&self) -> Result<bool, StoreError> {
        Ok(self.sync_marking.get())
    }

    async fn sync_outbox(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        Ok(self
            .outbox
            .borrow()
            .iter()
            .map(|(doc_id, &seq)| OutboxEntry {
                doc_id: doc_id.clone(),
                seq,
            })
            .collect())
    }

    async fn acknowledge_outbox(&self, pushed: &[OutboxEntry]) -> Result<(), StoreError> {
        let mut outbox = self.outbox.borrow_mut();
        for entry in pushed {
            if outbox.get(&entry.doc_id) == Some(&entry.seq) {
                outbox.remove(&entry.doc_id);
            }
        }
        Ok(())
    }
}

impl MemoryStore {
    /// Marks a customer and everything deleted (or put back) with it.
    pub(super) fn mark_deleted(&self, deleted: &crate::storage::DeletedCustomer) {
        self.mark(std::slice::from_ref(&deleted.customer));
        self.mark(&deleted.orders);
        self.mark(&deleted.complaints);
        self.mark(&deleted.contacts);
        self.mark(&deleted.follow_ups);
    }

    /// Marks every replicated record of `data` (team settings only).
    pub(super) fn mark_snapshot(&self, data: &crate::domain::exchange::backup::BackupData) {
        self.mark(&data.customers);
        self.mark(&data.orders);
        self.mark(&data.costs);
        self.mark(&data.tier_changes);
        self.mark(&data.complaints);
        self.mark(&data.contacts);
        self.mark(&data.follow_ups);
        self.mark_ids(
            DocKind::Setting,
            data.settings
                .iter()
                .map(|s| s.key.as_str())
                .filter(|key| crate::domain::sync::outbox::is_team_setting(key)),
        );
    }
}
