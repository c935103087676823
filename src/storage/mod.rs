//! Persistence behind one small interface: [`CrmStore`]. The app uses the IndexedDB
//! adapter; tests and the native build use [`memory::MemoryStore`]. Both share the
//! conflict rule in [`next_revision`], so they cannot drift apart.

use thiserror::Error;

use crate::domain::complaints::{Complaint, ComplaintDraft};
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::exchange::backup::BackupData;
use crate::domain::orders::{CostEntry, Order};
use crate::domain::value::TierChange;

#[cfg(target_arch = "wasm32")]
pub mod idb;
pub mod memory;
mod message;

pub use message::{store_error_message, technical_detail};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    #[error("the record was changed elsewhere (stored revision {stored}, yours {yours})")]
    StaleRevision { stored: u32, yours: u32 },
    #[error("a customer with id {0} already exists")]
    AlreadyExists(CustomerId),
    #[error("no customer with id {0}")]
    NotFound(CustomerId),
    #[error("no complaint with id {0}")]
    ComplaintNotFound(String),
    #[error("the browser refused to open the database: {0}")]
    Open(String),
    #[error("another tab holds an older version of the database open; close other tabs of this app and reload")]
    Blocked,
    #[error("the browser's storage is full; free disk space or delete old data, then try again")]
    QuotaExceeded,
    #[error("storage failed: {0}")]
    Backend(String),
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
}

/// Customers as loaded, plus how many stored records could not be read. Unreadable
/// records stay in storage untouched; the UI reports their number.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadedCustomers {
    pub customers: Vec<Customer>,
    pub unreadable: usize,
}

/// A deleted customer with everything removed alongside, for undo.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedCustomer {
    pub customer: Customer,
    pub orders: Vec<Order>,
    pub complaints: Vec<Complaint>,
    pub contacts: Vec<Contact>,
    pub follow_ups: Vec<FollowUp>,
}

/// The revision a save will be stored under, or why it must be refused.
pub fn next_revision(stored: Option<&Customer>, incoming: &Customer) -> Result<u32, StoreError> {
    match stored {
        None => Err(StoreError::NotFound(incoming.id.clone())),
        Some(stored) if stored.revision != incoming.revision => Err(StoreError::StaleRevision {
            stored: stored.revision,
            yours: incoming.revision,
        }),
        Some(stored) => Ok(stored.revision.wrapping_add(1)),
    }
}

/// The same rule for complaints: a save must be based on the stored revision.
pub fn next_complaint_revision(
    stored: Option<&Complaint>,
    incoming: &Complaint,
) -> Result<u32, StoreError> {
    match stored {
        None => Err(StoreError::ComplaintNotFound(incoming.id.clone())),
        Some(stored) if stored.revision != incoming.revision => Err(StoreError::StaleRevision {
            stored: stored.revision,
            yours: incoming.revision,
        }),
        Some(stored) => Ok(stored.revision.wrapping_add(1)),
    }
}

/// The customer after `contact` was logged: the last contact only ever moves
/// forward (a back-dated entry must not make a customer look neglected), and the
/// revision counts the change so an open edit form elsewhere notices it.
pub fn with_contact_logged(mut customer: Customer, contact: &Contact) -> Customer {
    if customer
        .last_contact_at
        .is_none_or(|last| last < contact.at)
    {
        customer.last_contact_at = Some(contact.at);
    }
    customer.revision = customer.revision.wrapping_add(1);
    customer
}

/// Async because IndexedDB is; the futures are not `Send` (the browser is single-threaded).
#[allow(async_fn_in_trait)]
pub trait CrmStore {
    async fn load_customers(&self) -> Result<LoadedCustomers, StoreError>;
    async fn get_customer(&self, id: &CustomerId) -> Result<Option<Customer>, StoreError>;
    /// Adds a new customer; refuses an id that exists.
    async fn insert_customer(&self, customer: &Customer) -> Result<(), StoreError>;
    /// Saves changes made on top of `customer.revision`; returns the stored record
    /// with its new revision, or [`StoreError::StaleRevision`] if someone saved first.
    async fn save_customer(&self, customer: &Customer) -> Result<Customer, StoreError>;
    /// Removes the customer with its orders, complaints, contacts and follow-ups in one
    /// step, returning them for undo.
    async fn delete_customer(&self, id: &CustomerId) -> Result<DeletedCustomer, StoreError>;
    /// Puts a deleted customer and everything removed with it back exactly as it was.
    async fn undo_delete(&self, deleted: &DeletedCustomer) -> Result<(), StoreError>;
    async fn orders_for_customer(&self, id: &CustomerId) -> Result<Vec<Order>, StoreError>;
    async fn customers_in_country(&self, country: &str) -> Result<Vec<Customer>, StoreError>;
    /// Writes many records at once, all or nothing (demo data, imports).
    async fn put_many(&self, customers: &[Customer], orders: &[Order]) -> Result<(), StoreError>;
    async fn count_customers(&self) -> Result<usize, StoreError>;

    /// Streams every order in pages of about `page_size`, so a million orders never
    /// sit in memory as full records at once.
    async fn for_each_order_page(
        &self,
        page_size: u32,
        on_page: &mut dyn FnMut(Vec<Order>),
    ) -> Result<(), StoreError>;
    async fn load_costs(&self) -> Result<Vec<CostEntry>, StoreError>;
    async fn put_costs(&self, costs: &[CostEntry]) -> Result<(), StoreError>;
    async fn load_tier_changes(&self) -> Result<Vec<TierChange>, StoreError>;
    async fn put_tier_changes(&self, changes: &[TierChange]) -> Result<(), StoreError>;
    /// Creates `new_customers` and writes `orders` in ONE transaction: all or
    /// nothing. `progress(done, total)` is called as orders are written.
    async fn import_orders(
        &self,
        new_customers: &[Customer],
        orders: &[Order],
        progress: &dyn Fn(usize, usize),
    ) -> Result<(), StoreError>;
    /// Small JSON settings the user entered (exchange rates, tier shares…).
    async fn load_setting(&self, key: &str) -> Result<Option<String>, StoreError>;
    async fn save_setting(&self, key: &str, json: &str) -> Result<(), StoreError>;

    /// Every complaint (the queue and the statistics need them all; they are few).
    async fn load_complaints(&self) -> Result<Vec<Complaint>, StoreError>;
    async fn get_complaint(&self, id: &str) -> Result<Option<Complaint>, StoreError>;
    /// Adds a new complaint; refuses an id that exists.
    async fn insert_complaint(&self, complaint: &Complaint) -> Result<(), StoreError>;
    /// Saves on top of `complaint.revision` (a stale save is refused) and books the
    /// remedy's `cost` in the same transaction, so the two never disagree.
    async fn save_complaint(
        &self,
        complaint: &Complaint,
        cost: Option<&CostEntry>,
    ) -> Result<Complaint, StoreError>;
    async fn load_complaint_draft(
        &self,
        complaint_id: &str,
    ) -> Result<Option<ComplaintDraft>, StoreError>;
    async fn save_complaint_draft(&self, draft: &ComplaintDraft) -> Result<(), StoreError>;
    async fn contacts_for_customer(&self, id: &CustomerId) -> Result<Vec<Contact>, StoreError>;
    /// Stores the contact and moves the customer's last contact forward in one
    /// transaction; returns the updated customer.
    async fn log_contact(&self, contact: &Contact) -> Result<Customer, StoreError>;
    async fn load_follow_ups(&self) -> Result<Vec<FollowUp>, StoreError>;
    /// Adds or replaces one follow-up (planning, rescheduling, marking done).
    async fn put_follow_up(&self, follow_up: &FollowUp) -> Result<(), StoreError>;

    /// Every record of every store, read in one transaction (a consistent snapshot).
    async fn export_all(&self) -> Result<BackupData, StoreError>;
    /// Replaces everything with `data` in ONE transaction: either the whole backup is
    /// in place afterwards, or nothing changed.
    async fn replace_all(&self, data: &BackupData) -> Result<(), StoreError>;
    /// Adds every record of `data` in ONE transaction (same id = replaced), leaving
    /// all other records as they are (the demo set).
    async fn put_records(&self, data: &BackupData) -> Result<(), StoreError>;
    /// Adds `create` and saves `merge` (revision-checked) in one transaction, all or
    /// nothing; returns the merged records as stored.
    async fn import_customers(
        &self,
        create: &[Customer],
        merge: &[Customer],
    ) -> Result<Vec<Customer>, StoreError>;
}
