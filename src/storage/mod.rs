//! Persistence behind a port split by bounded context ([`ports`]): customers,
//! orders, value, complaints, contacts, settings and snapshots; [`CrmStore`] is all
//! of them. The app uses the IndexedDB adapter; tests and the native build use
//! [`memory::MemoryStore`]. Both share the conflict rule in [`next_revision`], so
//! they cannot drift apart.

use thiserror::Error;

use crate::domain::complaints::Complaint;
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::orders::Order;

#[cfg(target_arch = "wasm32")]
pub mod idb;
pub mod memory;
mod message;
pub mod ports;
mod revision;
pub mod test_support;

pub use message::{store_error_message, technical_detail, unreadable_records_message};
pub use ports::{
    ComplaintStore, ContactStore, CrmStore, CustomerStore, OrderStore, Pulled, ReplyStore,
    SettingsStore, SnapshotStore, SyncDocStore, SyncOutboxStore, ValueStore,
};
pub use revision::{next_complaint_revision, next_revision};

/// Every port trait, for callers that use a concrete store (`use
/// crate::storage::prelude::*;` brings all their methods into scope).
pub mod prelude {
    pub use super::ports::{
        ComplaintStore, ContactStore, CrmStore, CustomerStore, OrderStore, ReplyStore,
        SettingsStore, SnapshotStore, SyncDocStore, SyncOutboxStore, ValueStore,
    };
}

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
    #[error("follow-up {0} is gone or already done")]
    FollowUpNotOpen(String),
    #[error("no contact with id {0}")]
    ContactNotFound(String),
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
    /// Restore and the demo set would replace or add records for the whole team.
    #[error("team sync is on: restore and demo data are refused")]
    SyncIsOn,
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
