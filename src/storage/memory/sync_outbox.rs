//! Team sync's outbox and document states in memory: the reference for the IndexedDB adapter's
//! (`storage/idb/sync_outbox.rs`), held to the same contract.

use serde_json::Value;

use super::{customer_records, MemoryStore};
use crate::domain::customers::CustomerId;
use crate::domain::exchange::backup::SettingRecord;
use crate::domain::sync::doc_state::{Apply, DocState};
use crate::domain::sync::docs::{parse_doc_id, record_data, DocKind, Record, Replicated};
use crate::domain::sync::outbox::OutboxEntry;
use crate::domain::sync::records::{record_to_apply, with_latest_contact};
use crate::storage::{Pulled, StoreError, SyncDocStore, SyncOutboxStore};

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

    async fn mark_everything(&self) -> Result<usize, StoreError> {
        if !self.sync_marking.get() {
            return Ok(0);
        }
        let data = crate::storage::SnapshotStore::export_all(self).await?;
        // Marks of records deleted before stay: their tombstones still go out.
        Ok(self.mark_snapshot(&data))
    }

    async fn outbox_len(&self) -> Result<usize, StoreError> {
        Ok(self.outbox.borrow().len())
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

    /// Marks every replicated record of `data` (team settings only); returns
    /// how many that is.
    pub(super) fn mark_snapshot(
        &self,
        data: &crate::domain::exchange::backup::BackupData,
    ) -> usize {
        self.mark(&data.customers);
        self.mark(&data.orders);
        self.mark(&data.costs);
        self.mark(&data.tier_changes);
        self.mark(&data.complaints);
        self.mark(&data.contacts);
        self.mark(&data.follow_ups);
        let team: Vec<&str> = data
            .settings
            .iter()
            .map(|s| s.key.as_str())
            .filter(|key| crate::domain::sync::outbox::is_team_setting(key))
            .collect();
        self.mark_ids(DocKind::Setting, team.iter().copied());
        data.customers.len()
            + data.orders.len()
            + data.costs.len()
            + data.tier_changes.len()
            + data.complaints.len()
            + data.contacts.len()
            + data.follow_ups.len()
            + team.len()
    }
}

impl MemoryStore {
    /// The record stored under `doc_id`, typed, if any.
    fn replicated_record(&self, doc_id: &str) -> Result<Option<Record>, StoreError> {
        let (kind, id) = parse_doc_id(doc_id).map_err(corrupt)?;
        Ok(match kind {
            DocKind::Customer => self
                .customers
                .borrow()
                .get(&CustomerId(id.to_owned()))
                .cloned()
                .map(Record::Customer),
            DocKind::Order => self.orders.borrow().get(id).cloned().map(Record::Order),
            DocKind::Cost => self.costs.borrow().get(id).cloned().map(Record::Cost),
            DocKind::TierChange => self
                .tier_changes
                .borrow()
                .get(id)
                .cloned()
                .map(Record::TierChange),
            DocKind::Complaint => self
                .complaints
                .borrow()
                .get(id)
                .cloned()
                .map(Record::Complaint),
            DocKind::Contact => self.contacts.borrow().get(id).cloned().map(Record::Contact),
            DocKind::FollowUp => self
                .follow_ups
                .borrow()
                .get(id)
                .cloned()
                .map(Record::FollowUp),
            DocKind::Setting => self.settings.borrow().get(id).map(|json| {
                Record::Setting(SettingRecord {
                    key: id.to_owned(),
                    json: json.clone(),
                })
            }),
        })
    }

    fn write_record(&self, record: Record) {
        match record {
            Record::Customer(c) => {
                self.customers.borrow_mut().insert(c.id.clone(), c);
            }
            Record::Order(o) => {
                self.orders.borrow_mut().insert(o.id.clone(), o);
            }
            Record::Cost(c) => {
                self.costs.borrow_mut().insert(c.id.clone(), c);
            }
            Record::TierChange(t) => {
                self.tier_changes.borrow_mut().insert(t.id.clone(), t);
            }
            Record::Complaint(c) => {
                self.complaints.borrow_mut().insert(c.id.clone(), c);
            }
            Record::Contact(c) => {
                self.contacts.borrow_mut().insert(c.id.clone(), c);
            }
            Record::FollowUp(f) => {
                self.follow_ups.borrow_mut().insert(f.id.clone(), f);
            }
            Record::Setting(s) => {
                self.settings.borrow_mut().insert(s.key, s.json);
            }
        }
    }

    fn delete_record(&self, kind: DocKind, id: &str) {
        match kind {
            DocKind::Customer => {
                self.customers
                    .borrow_mut()
                    .remove(&CustomerId(id.to_owned()));
            }
            DocKind::Order => {
                self.orders.borrow_mut().remove(id);
            }
            DocKind::Cost => {
                self.costs.borrow_mut().remove(id);
            }
            DocKind::TierChange => {
                self.tier_changes.borrow_mut().remove(id);
            }
            DocKind::Complaint => {
                self.complaints.borrow_mut().remove(id);
            }
            DocKind::Contact => {
                self.contacts.borrow_mut().remove(id);
            }
            DocKind::FollowUp => {
                self.follow_ups.borrow_mut().remove(id);
            }
            DocKind::Setting => {
                self.settings.borrow_mut().remove(id);
            }
        }
    }
}

fn corrupt(error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(error.to_string())
}

impl SyncDocStore for MemoryStore {
    async fn doc_states(&self, doc_ids: &[String]) -> Result<Vec<Option<DocState>>, StoreError> {
        let states = self.doc_states.borrow();
        Ok(doc_ids.iter().map(|id| states.get(id).cloned()).collect())
    }

    async fn replicated_data(&self, doc_ids: &[String]) -> Result<Vec<Option<Value>>, StoreError> {
        doc_ids
            .iter()
            .map(|id| {
                self.replicated_record(id)?
                    .map(|record| record_data(&record).map_err(corrupt))
                    .transpose()
            })
            .collect()
    }

    async fn save_pushed(
        &self,
        states: &[(String, DocState)],
        pushed: &[OutboxEntry],
    ) -> Result<(), StoreError> {
        {
            let mut stored = self.doc_states.borrow_mut();
            for (id, state) in states {
                stored.insert(id.clone(), state.clone());
            }
        }
        self.acknowledge_outbox(pushed).await
    }

    async fn apply_pulled(&self, pulled: &[Pulled]) -> Result<Vec<String>, StoreError> {
        // Every record converted before anything changes: all or nothing.
        let mut writes = Vec::with_capacity(pulled.len());
        for p in pulled {
            let pending = self.outbox.borrow().contains_key(&p.doc_id);
            let write = match (&p.received.apply, pending) {
                (Some((Apply::Put(data), state)), false) => {
                    let local = self.replicated_record(&p.doc_id)?;
                    let record = record_to_apply(&p.doc_id, data.clone(), local.as_ref())
                        .map_err(corrupt)?;
                    (Some(Some(record)), state.clone())
                }
                (Some((Apply::Delete, state)), false) => (Some(None), state.clone()),
                _ => (None, p.received.merged.clone()),
            };
            writes.push((p.doc_id.clone(), write));
        }
        let mut changed = Vec::new();
        let mut contacted: Vec<CustomerId> = Vec::new();
        for (doc_id, (record, state)) in writes {
            match record {
                Some(Some(record)) => {
                    match &record {
                        Record::Customer(c) => contacted.push(c.id.clone()),
                        Record::Contact(c) => contacted.push(c.customer_id.clone()),
                        _ => {}
                    }
                    self.write_record(record);
                    changed.push(doc_id.clone());
                }
                Some(None) => {
                    let (kind, id) = parse_doc_id(&doc_id).map_err(corrupt)?;
                    self.delete_record(kind, id);
                    changed.push(doc_id.clone());
                }
                None => {}
            }
            self.doc_states.borrow_mut().insert(doc_id, state);
        }
        // The last contact is derived here from the contacts held, as in IndexedDB.
        for id in contacted {
            let Some(customer) = self.customers.borrow().get(&id).cloned() else {
                continue;
            };
            let held = customer_records(&self.contacts, |c| &c.customer_id, &id);
            if let Some(updated) = with_latest_contact(customer, &held) {
                self.customers.borrow_mut().insert(id, updated);
            }
        }
        Ok(changed)
    }

    async fn conflicted_docs(&self) -> Result<Vec<(String, DocState)>, StoreError> {
        Ok(self
            .doc_states
            .borrow()
            .iter()
            .filter(|(_, state)| !state.losers.is_empty())
            .map(|(id, state)| (id.clone(), state.clone()))
            .collect())
    }

    async fn sync_value(&self, key: &str) -> Result<Option<Value>, StoreError> {
        Ok(self.sync_values.borrow().get(key).cloned())
    }

    async fn save_sync_value(&self, key: &str, value: &Value) -> Result<(), StoreError> {
        self.sync_values
            .borrow_mut()
            .insert(key.to_owned(), value.clone());
        Ok(())
    }
}
