//! Every store at once: backups, restores, the demo set.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::MemoryStore;
use crate::domain::exchange::backup::{BackupData, SettingRecord};
use crate::storage::{SnapshotStore, StoreError};

impl SnapshotStore for MemoryStore {
    async fn export_all(&self) -> Result<BackupData, StoreError> {
        Ok(BackupData {
            customers: self.customers.borrow().values().cloned().collect(),
            orders: self.orders.borrow().values().cloned().collect(),
            costs: self.costs.borrow().values().cloned().collect(),
            tier_changes: self.tier_changes.borrow().values().cloned().collect(),
            settings: self
                .settings
                .borrow()
                .iter()
                .map(|(key, json)| SettingRecord {
                    key: key.clone(),
                    json: json.clone(),
                })
                .collect(),
            complaints: self.complaints.borrow().values().cloned().collect(),
            contacts: self.contacts.borrow().values().cloned().collect(),
            follow_ups: self.follow_ups.borrow().values().cloned().collect(),
            complaint_drafts: self.complaint_drafts.borrow().values().cloned().collect(),
            reply_edits: self.reply_edits.borrow().values().cloned().collect(),
        })
    }

    async fn replace_all(&self, data: &BackupData) -> Result<(), StoreError> {
        // What goes is marked as much as what comes.
        self.mark_snapshot(&self.export_all().await?);
        *self.customers.borrow_mut() = BTreeMap::new();
        *self.orders.borrow_mut() = BTreeMap::new();
        *self.costs.borrow_mut() = BTreeMap::new();
        *self.tier_changes.borrow_mut() = BTreeMap::new();
        *self.settings.borrow_mut() = BTreeMap::new();
        *self.complaints.borrow_mut() = BTreeMap::new();
        *self.contacts.borrow_mut() = BTreeMap::new();
        *self.follow_ups.borrow_mut() = BTreeMap::new();
        *self.complaint_drafts.borrow_mut() = BTreeMap::new();
        *self.reply_edits.borrow_mut() = BTreeMap::new();
        self.put_records(data).await
    }

    async fn put_records(&self, data: &BackupData) -> Result<(), StoreError> {
        fn put<T: Clone>(
            map: &RefCell<BTreeMap<String, T>>,
            items: &[T],
            key: impl Fn(&T) -> String,
        ) {
            let mut map = map.borrow_mut();
            for item in items {
                map.insert(key(item), item.clone());
            }
        }
        let mut customers = self.customers.borrow_mut();
        for c in &data.customers {
            customers.insert(c.id.clone(), c.clone());
        }
        drop(customers);
        put(&self.orders, &data.orders, |o| o.id.clone());
        put(&self.costs, &data.costs, |c| c.id.clone());
        put(&self.tier_changes, &data.tier_changes, |t| t.id.clone());
        let mut settings = self.settings.borrow_mut();
        for s in &data.settings {
            settings.insert(s.key.clone(), s.json.clone());
        }
        drop(settings);
        put(&self.complaints, &data.complaints, |c| c.id.clone());
        put(&self.contacts, &data.contacts, |c| c.id.clone());
        put(&self.follow_ups, &data.follow_ups, |f| f.id.clone());
        put(&self.complaint_drafts, &data.complaint_drafts, |d| {
            d.complaint_id.clone()
        });
        put(&self.reply_edits, &data.reply_edits, |e| e.id.clone());
        self.mark_snapshot(data);
        Ok(())
    }
}
