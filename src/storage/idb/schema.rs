//! The database's structure: the object stores and indices, created step by step
//! as versions went by. [`SCHEMA_STEPS`] is the table of those steps, one per
//! version, like the record steps in [`crate::domain::exchange::record_migrations`].
//!
//! Schema history (the database version equals the record version):
//! - v1: `customers` (key `id`; indices `country`, `updated_at`).
//! - v2: adds `orders` (key `id`; index `customer_id`) and `meta` (key `key`), and
//!   upgrades v1 customer records (see [`crate::domain::exchange::record_migrations`]).
//! - v3: adds `costs` (cost-to-serve entries; index `customer_id`), `tier_changes`
//!   (index `customer_id`) and `settings` (key `key`).
//! - v4: adds `complaints`, `contacts` and `follow_ups` (index `customer_id` each) and
//!   `complaint_drafts` (key `complaint_id`): the wizard's autosaved form text.
//! - v5: adds `reply_edits` (key `id`): the team's reply texts, append-only.
//! - v6: adds `order_facts` (out-of-line keys): the orders' compact facts, derived
//!   data written with every order write (see `facts`), built on first use; and
//!   `customer_order` (key `id`, index `list_key`): the list's default order, written
//!   with every customer write, built after the first full load.
//! - v7: replaces `customer_order` with `first_page` (out-of-line key): the list's
//!   first 200 customers as one value, rewritten once per customer write (see
//!   `first_page`), built after the first full load.
//! - v8: adds `customer_summaries` (out-of-line keys 0–63): every customer's list
//!   row and search key, in 64 buckets, written with every customer write.
//! - v9: adds team sync's `sync_outbox` (the replicated documents changed while
//!   sync was on and not pushed yet), `sync_docs` (each document's revision tree
//!   and applied revision) and `sync_state` (checkpoints); out-of-line keys.
//!
//! Structural changes happen in the version-change callback ([`upgrade_schema`]);
//! record rewrites happen right after opening (see `IdbStore::open`).

use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::codec::to_js;
use crate::domain::customers::{FirstPage, SummaryBucket, SUMMARY_BUCKETS};
use crate::domain::exchange::record_migrations::CURRENT_RECORDS_VERSION;

pub const DEFAULT_DB_NAME: &str = "cross-border-crm";
pub const CUSTOMERS: &str = "customers";
pub const ORDERS: &str = "orders";
pub const META: &str = "meta";
pub const COSTS: &str = "costs";
pub const TIER_CHANGES: &str = "tier_changes";
pub const SETTINGS: &str = "settings";
pub const COMPLAINTS: &str = "complaints";
pub const CONTACTS: &str = "contacts";
pub const FOLLOW_UPS: &str = "follow_ups";
pub const COMPLAINT_DRAFTS: &str = "complaint_drafts";
pub const REPLY_EDITS: &str = "reply_edits";
/// Derived from `orders`, never backed up: see `facts`.
pub const ORDER_FACTS: &str = "order_facts";
/// v6's per-customer list entries, replaced by `first_page` in v7.
const CUSTOMER_ORDER_V6: &str = "customer_order";
/// Derived from `customers`, never backed up: see `first_page`.
pub const FIRST_PAGE: &str = "first_page";
/// Derived from `customers`, never backed up: see `summaries`. Keys are bucket numbers.
pub const CUSTOMER_SUMMARIES: &str = "customer_summaries";
/// Team sync's outbox: document id → the sequence number of the last
/// transaction that marked it (see `sync_outbox`). Never backed up.
pub const SYNC_OUTBOX: &str = "sync_outbox";
/// Team sync's state per document (revision tree, applied revision, field
/// markers): document id → JSON text. Never backed up.
pub const SYNC_DOCS: &str = "sync_docs";
/// Team sync's small values kept on this device (checkpoints): key → JSON text.
pub const SYNC_STATE: &str = "sync_state";
/// The one key in `first_page`.
pub(super) const FIRST_PAGE_KEY: &str = "first_page";
/// Every store that holds the user's data (not `meta`, which describes the schema).
pub(super) const DATA_STORES: [&str; 10] = [
    CUSTOMERS,
    ORDERS,
    COSTS,
    TIER_CHANGES,
    SETTINGS,
    COMPLAINTS,
    CONTACTS,
    FOLLOW_UPS,
    COMPLAINT_DRAFTS,
    REPLY_EDITS,
];

/// The stores a customer's deletion (and its undo) touches together, with the
/// list's order and the order facts that must follow them.
pub(super) const CUSTOMER_OWNED: [&str; 9] = [
    CUSTOMERS,
    FIRST_PAGE,
    CUSTOMER_SUMMARIES,
    ORDERS,
    ORDER_FACTS,
    COMPLAINTS,
    CONTACTS,
    FOLLOW_UPS,
    COMPLAINT_DRAFTS,
];

/// Every data store and the order facts derived from them: what a restore writes.
pub(super) const DATA_AND_DERIVED: [&str; 13] = [
    CUSTOMERS,
    FIRST_PAGE,
    CUSTOMER_SUMMARIES,
    ORDERS,
    ORDER_FACTS,
    COSTS,
    TIER_CHANGES,
    SETTINGS,
    COMPLAINTS,
    CONTACTS,
    FOLLOW_UPS,
    COMPLAINT_DRAFTS,
    REPLY_EDITS,
];

pub(super) const RECORDS_VERSION_KEY: &str = "records_version";

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct MetaEntry {
    pub(super) key: String,
    pub(super) value: u32,
}

/// Creates the v1 stores exactly as the first build did. Also used by the migration
/// test to write a genuine v1 database.
pub fn create_v1_stores(db: &Database) -> indexed_db_futures::Result<()> {
    let customers = db
        .create_object_store(CUSTOMERS)
        .with_key_path(KeyPath::from("id"))
        .build()?;
    customers
        .create_index("country", KeyPath::from("country"))
        .build()?;
    customers
        .create_index("updated_at", KeyPath::from("updated_at"))
        .build()?;
    Ok(())
}

/// A store keyed by `id` with an index on `customer_id` (orders, costs, tier changes).
fn create_store_by_customer(db: &Database, name: &str) -> indexed_db_futures::Result<()> {
    db.create_object_store(name)
        .with_key_path(KeyPath::from("id"))
        .build()?
        .create_index("customer_id", KeyPath::from("customer_id"))
        .build()?;
    Ok(())
}

/// v2: orders, and `meta` with the version the stored records are at.
fn add_orders_and_meta(db: &Database, old: u32, target: u32) -> indexed_db_futures::Result<()> {
    create_store_by_customer(db, ORDERS)?;
    let meta = db
        .create_object_store(META)
        .with_key_path(KeyPath::from("key"))
        .build()?;
    // A new database has no old records; an existing v1 database still does.
    let records_version = if old == 0 { target } else { 1 };
    let entry = to_js(&MetaEntry {
        key: RECORDS_VERSION_KEY.into(),
        value: records_version,
    })
    .map_err(|e| indexed_db_futures::error::Error::from(JsValue::from_str(&e.to_string())))?;
    meta.put(entry).primitive()?;
    Ok(())
}

/// v3: cost-to-serve entries, tier changes and settings.
fn add_value_and_settings(
    db: &Database,
    _old: u32,
    _target: u32,
) -> indexed_db_futures::Result<()> {
    create_store_by_customer(db, COSTS)?;
    create_store_by_customer(db, TIER_CHANGES)?;
    db.create_object_store(SETTINGS)
        .with_key_path(KeyPath::from("key"))
        .build()?;
    Ok(())
}

/// v4: complaints, contacts, follow-ups and the complaint wizard's drafts.
fn add_service_stores(db: &Database, _old: u32, _target: u32) -> indexed_db_futures::Result<()> {
    create_store_by_customer(db, COMPLAINTS)?;
    create_store_by_customer(db, CONTACTS)?;
    create_store_by_customer(db, FOLLOW_UPS)?;
    db.create_object_store(COMPLAINT_DRAFTS)
        .with_key_path(KeyPath::from("complaint_id"))
        .build()?;
    Ok(())
}

/// v5: the team's reply texts (every edit is its own record, never overwritten).
fn add_reply_edits(db: &Database, _old: u32, _target: u32) -> indexed_db_futures::Result<()> {
    db.create_object_store(REPLY_EDITS)
        .with_key_path(KeyPath::from("id"))
        .build()?;
    Ok(())
}

/// v6: the orders' compact facts and the list's order, both derived. Left empty:
/// they are built from the records after opening (with progress), so an upgrade
/// never stalls the version change.
fn add_derived_stores(db: &Database, _old: u32, _target: u32) -> indexed_db_futures::Result<()> {
    db.create_object_store(ORDER_FACTS).build()?;
    db.create_object_store(CUSTOMER_ORDER_V6)
        .with_key_path(KeyPath::from("id"))
        .build()?
        .create_index("list_key", KeyPath::from("list_key"))
        .build()?;
    Ok(())
}

/// v7: the list's first page as one value instead of an entry per customer (which
/// made saving 100,000 customers write 100,000 index entries more). Left empty:
/// built after the first full load.
fn replace_list_entries(db: &Database, old: u32, _target: u32) -> indexed_db_futures::Result<()> {
    // Present whether v6 was reached earlier or by the step before in this upgrade.
    if db.object_store_names().any(|n| n == CUSTOMER_ORDER_V6) {
        db.delete_object_store(CUSTOMER_ORDER_V6)?;
    }
    let store = db.create_object_store(FIRST_PAGE).build()?;
    if old == 0 {
        // A new database has no customers: its page is complete from the start.
        put_text(
            &store,
            &JsValue::from_str(FIRST_PAGE_KEY),
            &FirstPage::build([]),
        )?;
    }
    Ok(())
}

/// v8: the customers' search summaries, so search is ready at start without
/// reading every record. A new database gets every (empty) bucket; an upgraded
/// one gets them built after its first full load.
fn add_customer_summaries(db: &Database, old: u32, _target: u32) -> indexed_db_futures::Result<()> {
    let store = db.create_object_store(CUSTOMER_SUMMARIES).build()?;
    if old == 0 {
        for bucket in 0..SUMMARY_BUCKETS {
            put_text(&store, &summary_key(bucket), &SummaryBucket::default())?;
        }
    }
    Ok(())
}

/// The key of a bucket in `customer_summaries`.
pub(super) fn summary_key(bucket: u16) -> JsValue {
    JsValue::from(u32::from(bucket))
}

/// A new database's empty derived value, written by the schema step itself, as
/// `first_page` and `summaries` store theirs.
fn put_text<T: Serialize>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    key: &JsValue,
    value: &T,
) -> indexed_db_futures::Result<()> {
    super::codec::put_json_text(store, key, value)
        .map_err(|e| indexed_db_futures::error::Error::from(JsValue::from_str(&e.to_string())))
}

/// v9: team sync's stores, empty (marking starts when sync is turned on).
fn add_sync_stores(db: &Database, _old: u32, _target: u32) -> indexed_db_futures::Result<()> {
    db.create_object_store(SYNC_OUTBOX).build()?;
    db.create_object_store(SYNC_DOCS).build()?;
    db.create_object_store(SYNC_STATE).build()?;
    Ok(())
}

/// One structural step: what database version `version` added. `apply` gets the
/// version being upgraded from and the one being upgraded to.
struct SchemaStep {
    version: u32,
    apply: fn(&Database, u32, u32) -> indexed_db_futures::Result<()>,
}

/// Every structural step, oldest first. A new version appends one step here (and,
/// if it changes records, one in `record_migrations`); old steps never change, so a
/// database left at any old version still upgrades exactly as it always did.
const SCHEMA_STEPS: &[SchemaStep] = &[
    SchemaStep {
        version: 1,
        apply: add_v1_stores,
    },
    SchemaStep {
        version: 2,
        apply: add_orders_and_meta,
    },
    SchemaStep {
        version: 3,
        apply: add_value_and_settings,
    },
    SchemaStep {
        version: 4,
        apply: add_service_stores,
    },
    SchemaStep {
        version: 5,
        apply: add_reply_edits,
    },
    SchemaStep {
        version: 6,
        apply: add_derived_stores,
    },
    SchemaStep {
        version: 7,
        apply: replace_list_entries,
    },
    SchemaStep {
        version: 8,
        apply: add_customer_summaries,
    },
    SchemaStep {
        version: 9,
        apply: add_sync_stores,
    },
];

// The table covers versions 1 to the current one, in order, each exactly once.
const _: () = {
    assert!(SCHEMA_STEPS.len() == CURRENT_RECORDS_VERSION as usize);
    let mut i = 0;
    while i < SCHEMA_STEPS.len() {
        assert!(SCHEMA_STEPS[i].version == i as u32 + 1);
        i += 1;
    }
};

/// v1, as a table step.
fn add_v1_stores(db: &Database, _old: u32, _target: u32) -> indexed_db_futures::Result<()> {
    create_v1_stores(db)
}

/// The version-change callback of `Database::open`.
pub(super) fn upgrade_schema(
    event: VersionChangeEvent,
    db: Database,
) -> indexed_db_futures::Result<()> {
    // Versions are small integers stored as f64 by the browser.
    create_schema_up_to(&db, event.old_version() as u32, CURRENT_RECORDS_VERSION)
}

/// Applies the structural steps from `old` up to `target`. Public so tests can write a
/// genuine older database, exactly as that build would have.
pub fn create_schema_up_to(db: &Database, old: u32, target: u32) -> indexed_db_futures::Result<()> {
    for step in SCHEMA_STEPS {
        if old < step.version && target >= step.version {
            (step.apply)(db, old, target)?;
        }
    }
    Ok(())
}
