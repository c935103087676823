//! The storage port, split by bounded context. Each service asks only for the
//! contexts it uses; [`CrmStore`] is all of them together (the app's one store).
//!
//! Async because IndexedDB is; the futures are not `Send` (the browser is
//! single-threaded).

use super::{DeletedCustomer, LoadedCustomers, StoreError};
use crate::domain::complaints::{Complaint, ComplaintDraft};
use crate::domain::contacts::{Contact, FollowUp, ReportReview, RevisitReport};
use crate::domain::customers::{Customer, CustomerId, CustomerSummary};
use crate::domain::exchange::backup::BackupData;
use crate::domain::orders::{CostEntry, Order, OrderFacts};
use crate::domain::replies::ReplyEdit;
use crate::domain::sync::doc_state::{DocState, Received};
use crate::domain::sync::outbox::OutboxEntry;
use crate::domain::value::TierChange;
use chrono::{DateTime, Utc};
use serde_json::Value;

/// Customer records: the directory, revision-checked edits, deletion with undo.
#[allow(async_fn_in_trait)]
pub trait CustomerStore {
    async fn load_customers(&self) -> Result<LoadedCustomers, StoreError>;
    /// The first `limit` customers in the list's default order (by name, then id),
    /// read without reading every customer, for the first screen at start; `None`
    /// while the store cannot tell (an upgraded database, until
    /// [`prepare_list_views`](Self::prepare_list_views) ran).
    async fn first_customers(&self, limit: u32) -> Result<Option<Vec<Customer>>, StoreError>;
    /// Every customer's search summary, read without reading the records, so
    /// search is ready at start before the full records are; `None` while the
    /// store cannot tell (an upgraded database, until
    /// [`prepare_list_views`](Self::prepare_list_views) ran).
    async fn customer_summaries(&self) -> Result<Option<Vec<CustomerSummary>>, StoreError>;
    /// Builds what [`first_customers`](Self::first_customers) and
    /// [`customer_summaries`](Self::customer_summaries) read when either is
    /// incomplete (once after an upgrade); returns whether it had to.
    async fn prepare_list_views(&self) -> Result<bool, StoreError>;
    async fn get_customer(&self, id: &CustomerId) -> Result<Option<Customer>, StoreError>;
    /// Adds a new customer; refuses an id that exists.
    async fn insert_customer(&self, customer: &Customer) -> Result<(), StoreError>;
    /// Saves changes made on top of `customer.revision`; returns the stored record
    /// with its new revision, or [`StoreError::StaleRevision`] if someone saved first.
    async fn save_customer(&self, customer: &Customer) -> Result<Customer, StoreError>;
    /// Saves the customer like [`save_customer`](Self::save_customer) and adds or
    /// replaces `follow_ups` in ONE transaction (a stage move with its win-back
    /// plan): a refused save writes no follow-up.
    async fn save_customer_with_follow_ups(
        &self,
        customer: &Customer,
        follow_ups: &[FollowUp],
    ) -> Result<Customer, StoreError>;
    /// Removes the customer with its orders, complaints, contacts and follow-ups in one
    /// step, returning them for undo.
    async fn delete_customer(&self, id: &CustomerId) -> Result<DeletedCustomer, StoreError>;
    /// Puts a deleted customer and everything removed with it back exactly as it was.
    async fn undo_delete(&self, deleted: &DeletedCustomer) -> Result<(), StoreError>;
    /// Saves `customers` (each revision-checked) and puts `follow_ups` in ONE
    /// transaction, all or nothing: a batch of stage moves with the win-back steps
    /// they close. Returns the customers as stored.
    async fn save_customers_with_follow_ups(
        &self,
        customers: &[Customer],
        follow_ups: &[FollowUp],
    ) -> Result<Vec<Customer>, StoreError>;
    /// Adds `create` and saves `merge` (revision-checked) in one transaction, all or
    /// nothing; returns the merged records as stored.
    async fn import_customers(
        &self,
        create: &[Customer],
        merge: &[Customer],
    ) -> Result<Vec<Customer>, StoreError>;
}

/// Orders: per customer, streamed in pages, imported in bulk.
#[allow(async_fn_in_trait)]
pub trait OrderStore {
    async fn orders_for_customer(&self, id: &CustomerId) -> Result<Vec<Order>, StoreError>;
    /// Streams every order in pages of about `page_size`, so a million orders never
    /// sit in memory as full records at once.
    async fn for_each_order_page(
        &self,
        page_size: u32,
        on_page: &mut dyn FnMut(Vec<Order>),
    ) -> Result<(), StoreError>;
    /// Every order as compact facts, grouped by customer: read from the facts the
    /// store keeps beside the orders, or built from the orders once when it has none
    /// yet (an upgraded database) or they are damaged, with `progress(orders_read)`.
    async fn load_order_facts(&self, progress: &dyn Fn(usize)) -> Result<OrderFacts, StoreError>;
    /// Creates `new_customers` and writes `orders` in ONE transaction: all or
    /// nothing. `progress(done, total)` is called as orders are written.
    async fn import_orders(
        &self,
        new_customers: &[Customer],
        orders: &[Order],
        progress: &dyn Fn(usize, usize),
    ) -> Result<(), StoreError>;
}

/// Customer value: cost-to-serve entries and tier changes.
#[allow(async_fn_in_trait)]
pub trait ValueStore {
    async fn load_costs(&self) -> Result<Vec<CostEntry>, StoreError>;
    async fn put_costs(&self, costs: &[CostEntry]) -> Result<(), StoreError>;
    async fn load_tier_changes(&self) -> Result<Vec<TierChange>, StoreError>;
    async fn put_tier_changes(&self, changes: &[TierChange]) -> Result<(), StoreError>;
}

/// Complaints and the wizard's autosaved drafts.
#[allow(async_fn_in_trait)]
pub trait ComplaintStore {
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
}

/// The contact log and follow-ups.
#[allow(async_fn_in_trait)]
pub trait ContactStore {
    async fn contacts_for_customer(&self, id: &CustomerId) -> Result<Vec<Contact>, StoreError>;
    /// Stores the contact and moves the customer's last contact forward in one
    /// transaction (see [`with_contact_logged`]); returns the updated customer.
    ///
    /// [`with_contact_logged`]: crate::domain::contacts::with_contact_logged
    async fn log_contact(&self, contact: &Contact) -> Result<Customer, StoreError>;
    /// Takes back a contact just logged (a reply's *Undo*) and, in the same
    /// transaction, puts the customer's last contact back to `previous_last_contact`
    /// if the removed contact was it (see [`with_contact_unlogged`]).
    ///
    /// [`with_contact_unlogged`]: crate::domain::contacts::with_contact_unlogged
    async fn remove_contact(
        &self,
        contact: &Contact,
        previous_last_contact: Option<DateTime<Utc>>,
    ) -> Result<Customer, StoreError>;
    async fn load_follow_ups(&self) -> Result<Vec<FollowUp>, StoreError>;
    /// Adds or replaces one follow-up (planning, rescheduling, marking done).
    async fn put_follow_up(&self, follow_up: &FollowUp) -> Result<(), StoreError>;
    /// Files a revisit report in ONE transaction: the follow-up marked done, the
    /// report's contact, the customer's last contact moved forward (see
    /// [`with_contact_logged`]) and the next follow-up if planned. Refuses, writing
    /// nothing, when the customer is gone ([`StoreError::NotFound`]) or the stored
    /// follow-up is gone or already done ([`StoreError::FollowUpNotOpen`], e.g. done
    /// in another tab). Returns the customer as stored now.
    ///
    /// [`with_contact_logged`]: crate::domain::contacts::with_contact_logged
    async fn record_report(&self, report: &RevisitReport) -> Result<Customer, StoreError>;
    /// Every report (a contact with a `follow_up_id`) at or after `since`, across
    /// customers, in no particular order.
    async fn reports_since(&self, since: DateTime<Utc>) -> Result<Vec<Contact>, StoreError>;
    /// Stores a team lead's review on one contact in one transaction (a later review
    /// replaces an earlier one); returns the contact as stored now, or
    /// [`StoreError::ContactNotFound`].
    async fn review_report(
        &self,
        contact_id: &str,
        review: &ReportReview,
    ) -> Result<Contact, StoreError>;
}

/// Small JSON settings the user entered (exchange rates, tier shares…).
#[allow(async_fn_in_trait)]
pub trait SettingsStore {
    async fn load_setting(&self, key: &str) -> Result<Option<String>, StoreError>;
    async fn save_setting(&self, key: &str, json: &str) -> Result<(), StoreError>;
}

/// The team's reply texts: append-only, each edit its own record.
#[allow(async_fn_in_trait)]
pub trait ReplyStore {
    async fn load_reply_edits(&self) -> Result<Vec<ReplyEdit>, StoreError>;
    /// Adds every edit in ONE transaction (a translator's file: all or nothing).
    async fn add_reply_edits(&self, edits: &[ReplyEdit]) -> Result<(), StoreError>;
}

/// Team sync's outbox (see [`crate::domain::sync::outbox`]): while marking is
/// on, every write that changes a replicated record also marks its document,
/// in the same transaction.
#[allow(async_fn_in_trait)]
pub trait SyncOutboxStore {
    /// Turns marking on (sync connected) or off. Marks already made stay either
    /// way: what was changed and not pushed is still known on reconnecting.
    async fn set_sync_marking(&self, on: bool) -> Result<(), StoreError>;
    async fn sync_marking(&self) -> Result<bool, StoreError>;
    /// Marks every replicated record held (team settings only), in one
    /// transaction, while marking is on: on connecting, so the team gets what
    /// this browser held before. Returns how many were marked.
    async fn mark_everything(&self) -> Result<usize, StoreError>;
    /// How many documents are marked (changes not synced yet).
    async fn outbox_len(&self) -> Result<usize, StoreError>;
    /// Every marked document with the sequence number of its last mark, by id.
    async fn sync_outbox(&self) -> Result<Vec<OutboxEntry>, StoreError>;
    /// Removes the entries pushed, in one transaction, except those marked
    /// again since (their sequence number moved on): they go in the next push.
    async fn acknowledge_outbox(&self, pushed: &[OutboxEntry]) -> Result<(), StoreError>;
}

/// Team sync's state per document (`domain::sync::doc_state`) and the records
/// as replication reads and writes them.
#[allow(async_fn_in_trait)]
pub trait SyncDocStore {
    /// Each document's state, `None` where there is none yet.
    async fn doc_states(&self, doc_ids: &[String]) -> Result<Vec<Option<DocState>>, StoreError>;
    /// Each document's record as stored now, as replicated `data` (local-only
    /// fields left out); `None` where there is no such record.
    async fn replicated_data(&self, doc_ids: &[String]) -> Result<Vec<Option<Value>>, StoreError>;
    /// After a push: the documents' new states, and the outbox entries pushed
    /// acknowledged (see [`SyncOutboxStore::acknowledge_outbox`]), in ONE
    /// transaction.
    async fn save_pushed(
        &self,
        states: &[(String, DocState)],
        pushed: &[OutboxEntry],
    ) -> Result<(), StoreError>;
    /// After a pull, in ONE transaction and without marks: each document's
    /// state, and where a teammate's revision won, its record written or
    /// deleted (the tab lock `revision` moved on, so an open form sees a stale
    /// save) with the state once applied. A document marked meanwhile keeps
    /// its record and gets the merged state: the edit here is pushed as a
    /// sibling. Returns the ids whose records changed.
    async fn apply_pulled(&self, pulled: &[Pulled]) -> Result<Vec<String>, StoreError>;
    /// Every document with a conflict still open (losing leaves kept), for
    /// the conflict view and the footer's count.
    async fn conflicted_docs(&self) -> Result<Vec<(String, DocState)>, StoreError>;
    /// Small sync values kept on this device (checkpoints, the install id).
    async fn sync_value(&self, key: &str) -> Result<Option<Value>, StoreError>;
    async fn save_sync_value(&self, key: &str, value: &Value) -> Result<(), StoreError>;
}

/// One pulled document for [`SyncDocStore::apply_pulled`].
#[derive(Debug, Clone, PartialEq)]
pub struct Pulled {
    pub doc_id: String,
    pub received: Received,
}

/// Every store at once: backups, restores, the demo set.
#[allow(async_fn_in_trait)]
pub trait SnapshotStore {
    /// Every record of every store, read in one transaction (a consistent snapshot).
    async fn export_all(&self) -> Result<BackupData, StoreError>;
    /// Replaces everything with `data` in ONE transaction: either the whole backup is
    /// in place afterwards, or nothing changed.
    async fn replace_all(&self, data: &BackupData) -> Result<(), StoreError>;
    /// Adds every record of `data` in ONE transaction (same id = replaced), leaving
    /// all other records as they are (the demo set).
    async fn put_records(&self, data: &BackupData) -> Result<(), StoreError>;
}

/// The whole port: every context. Implemented automatically by any adapter that
/// implements them all.
pub trait CrmStore:
    CustomerStore
    + OrderStore
    + ValueStore
    + ComplaintStore
    + ContactStore
    + SettingsStore
    + ReplyStore
    + SnapshotStore
    + SyncOutboxStore
    + SyncDocStore
{
}

impl<T> CrmStore for T where
    T: CustomerStore
        + OrderStore
        + ValueStore
        + ComplaintStore
        + ContactStore
        + SettingsStore
        + ReplyStore
        + SnapshotStore
        + SyncOutboxStore
        + SyncDocStore
{
}
