//! In-memory [`CrmStore`](super::CrmStore) for tests and native tools. Same rules as
//! IndexedDB: the contract suite in `tests/common/contract.rs` runs against both.
//! One file per context, like the IndexedDB adapter.

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::domain::complaints::{Complaint, ComplaintDraft};
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::orders::{CostEntry, Order};
use crate::domain::replies::ReplyEdit;
use crate::domain::value::TierChange;

mod complaints;
mod contacts;
mod customers;
mod orders;
mod replies;
mod settings;
mod snapshot;
mod sync_outbox;
mod test_support;
mod value;

#[derive(Debug, Default)]
pub struct MemoryStore {
    customers: RefCell<BTreeMap<CustomerId, Customer>>,
    orders: RefCell<BTreeMap<String, Order>>,
    costs: RefCell<BTreeMap<String, CostEntry>>,
    tier_changes: RefCell<BTreeMap<String, TierChange>>,
    settings: RefCell<BTreeMap<String, String>>,
    complaints: RefCell<BTreeMap<String, Complaint>>,
    complaint_drafts: RefCell<BTreeMap<String, ComplaintDraft>>,
    contacts: RefCell<BTreeMap<String, Contact>>,
    follow_ups: RefCell<BTreeMap<String, FollowUp>>,
    reply_edits: RefCell<BTreeMap<String, ReplyEdit>>,
    /// Team sync: whether writes mark, the last sequence number, the outbox.
    sync_marking: std::cell::Cell<bool>,
    sync_seq: std::cell::Cell<u32>,
    outbox: RefCell<BTreeMap<String, u32>>,
    doc_states: RefCell<BTreeMap<String, crate::domain::sync::doc_state::DocState>>,
    sync_values: RefCell<BTreeMap<String, serde_json::Value>>,
    /// Test hook: fail the next import after this many orders, as a crash would.
    pub fail_import_after: std::cell::Cell<Option<usize>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

/// Removes and returns every value of `map` that belongs to customer `id`.
fn take_customer_records<T: Clone>(
    map: &RefCell<BTreeMap<String, T>>,
    owner: impl Fn(&T) -> &CustomerId,
    id: &CustomerId,
) -> Vec<T> {
    let mut map = map.borrow_mut();
    let keys: Vec<String> = map
        .iter()
        .filter(|(_, v)| owner(v) == id)
        .map(|(k, _)| k.clone())
        .collect();
    keys.iter().filter_map(|k| map.remove(k)).collect()
}

fn customer_records<T: Clone>(
    map: &RefCell<BTreeMap<String, T>>,
    owner: impl Fn(&T) -> &CustomerId,
    id: &CustomerId,
) -> Vec<T> {
    map.borrow()
        .values()
        .filter(|v| owner(v) == id)
        .cloned()
        .collect()
}
