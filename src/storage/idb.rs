//! IndexedDB adapter for [`CrmStore`].
//!
//! Schema history (the database version equals the record version):
//! - v1: `customers` (key `id`; indices `country`, `updated_at`).
//! - v2: adds `orders` (key `id`; index `customer_id`) and `meta` (key `key`), and
//!   upgrades v1 customer records (see [`crate::domain::exchange::record_migrations`]).
//! - v3: adds `costs` (cost-to-serve entries; index `customer_id`), `tier_changes`
//!   (index `customer_id`) and `settings` (key `key`).
//! - v4: adds `complaints`, `contacts` and `follow_ups` (index `customer_id` each) and
//!   `complaint_drafts` (key `complaint_id`): the wizard's autosaved form text.
//!
//! Structural changes happen in the version-change callback; record rewrites happen
//! right after opening, in one read-write transaction together with the version
//! stamp in `meta`, so a crash mid-upgrade leaves the old data and reruns next time.

use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::{KeyPath, KeyRange};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use wasm_bindgen::{JsCast, JsValue};

use super::{
    next_complaint_revision, next_revision, with_contact_logged, CrmStore, DeletedCustomer,
    LoadedCustomers, StoreError,
};
use crate::domain::complaints::{Complaint, ComplaintDraft};
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::exchange::backup::{BackupData, SettingRecord};
use crate::domain::exchange::record_migrations::{
    records_need_rewrite, upgrade_customer_record, CURRENT_RECORDS_VERSION,
};
use crate::domain::orders::{CostEntry, Order};
use crate::domain::value::TierChange;

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
/// Every store that holds the user's data (not `meta`, which describes the schema).
const DATA_STORES: [&str; 9] = [
    CUSTOMERS,
    ORDERS,
    COSTS,
    TIER_CHANGES,
    SETTINGS,
    COMPLAINTS,
    CONTACTS,
    FOLLOW_UPS,
    COMPLAINT_DRAFTS,
];

/// The stores a customer's deletion (and its undo) touches together.
const CUSTOMER_OWNED: [&str; 6] = [
    CUSTOMERS,
    ORDERS,
    COMPLAINTS,
    CONTACTS,
    FOLLOW_UPS,
    COMPLAINT_DRAFTS,
];
/// Orders written between progress reports during an import.
const IMPORT_CHUNK: usize = 10_000;

#[derive(Debug, Serialize, Deserialize)]
struct SettingEntry {
    key: String,
    json: String,
}
const RECORDS_VERSION_KEY: &str = "records_version";

#[derive(Debug, Serialize, Deserialize)]
struct MetaEntry {
    key: String,
    value: u32,
}

/// What opening the database did, for the UI to report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// Version the stored records were at before this start (equal to the current
    /// version when nothing needed upgrading).
    pub records_version_before: u32,
    pub records_upgraded: usize,
    /// Records that could not be upgraded; they are kept unchanged in storage.
    pub records_not_upgraded: usize,
}

pub struct IdbStore {
    db: Database,
}

/// Why the database connection went away under this tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionLost {
    NewerVersionOpened,
    Deleted,
}

fn dom_name(e: &IdbError) -> Option<String> {
    match e {
        IdbError::DomException(d) => Some(d.as_sys().name()),
        _ => None,
    }
}

impl From<IdbError> for StoreError {
    fn from(e: IdbError) -> Self {
        match dom_name(&e).as_deref() {
            Some("QuotaExceededError") => StoreError::QuotaExceeded,
            _ => match e {
                IdbError::Serialisation(s) => StoreError::Corrupt(s.to_string()),
                IdbError::DomException(DomException::ConstraintError(d)) => {
                    StoreError::Backend(format!("ConstraintError: {}", d.message()))
                }
                other => StoreError::Backend(other.to_string()),
            },
        }
    }
}

impl From<OpenDbError> for StoreError {
    fn from(e: OpenDbError) -> Self {
        match e {
            OpenDbError::Base(base) => StoreError::Open(StoreError::from(base).to_string()),
            other => StoreError::Open(other.to_string()),
        }
    }
}

fn js_error(e: JsValue) -> StoreError {
    match e.dyn_into::<web_sys::DomException>() {
        Ok(d) if d.name() == "QuotaExceededError" => StoreError::QuotaExceeded,
        Ok(d) => StoreError::Backend(format!("{}: {}", d.name(), d.message())),
        Err(other) => StoreError::Backend(format!("{other:?}")),
    }
}

/// One record to a JS object, through serde_json and the browser's JSON.parse: the
/// same path as bulk writes, so every record is stored in exactly one shape.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(js_error)
}

/// One stored record back, if there was one.
fn from_js<T: DeserializeOwned>(value: Option<JsValue>) -> Result<Option<T>, StoreError> {
    let Some(value) = value.filter(|v| !v.is_undefined()) else {
        return Ok(None);
    };
    let text: String = js_sys::JSON::stringify(&value).map_err(js_error)?.into();
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The record stored under `key` in `store`, read inside the caller's transaction.
async fn stored_record<T: DeserializeOwned>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    key: &str,
) -> Result<Option<T>, StoreError> {
    from_js(store.get::<JsValue, _, _>(key).primitive()?.await?)
}

/// Bulk writes: serialise the whole batch once with serde_json and let the browser's
/// native JSON.parse build the objects. Converting field by field across the wasm
/// boundary costs several times more than IndexedDB itself.
fn put_all<T: Serialize>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    items: &[T],
) -> Result<(), StoreError> {
    if items.is_empty() {
        return Ok(());
    }
    let text = serde_json::to_string(items).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let objects: js_sys::Array = js_sys::JSON::parse(&text)
        .map_err(js_error)?
        .unchecked_into();
    let sys = store.as_sys();
    for object in objects.iter() {
        sys.put(&object).map_err(js_error)?;
    }
    Ok(())
}

/// Bulk reads, the mirror of [`put_all`]: one JSON.stringify, then serde_json per
/// record so one unreadable record is counted instead of failing the whole load.
fn parse_all<T: DeserializeOwned>(
    values: impl Iterator<Item = indexed_db_futures::Result<JsValue>>,
) -> Result<(Vec<T>, usize), StoreError> {
    let array = js_sys::Array::new();
    for value in values {
        array.push(&value?);
    }
    let text: String = js_sys::JSON::stringify(&array).map_err(js_error)?.into();
    let raw: Vec<Box<RawValue>> =
        serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let mut parsed = Vec::with_capacity(raw.len());
    let mut unreadable = 0;
    for record in raw {
        match serde_json::from_str::<T>(record.get()) {
            Ok(value) => parsed.push(value),
            Err(_) => unreadable += 1,
        }
    }
    Ok((parsed, unreadable))
}

/// Like [`parse_all`], for reads where any unreadable record is an error.
fn parse_all_strict<T: DeserializeOwned>(
    values: impl Iterator<Item = indexed_db_futures::Result<JsValue>>,
) -> Result<Vec<T>, StoreError> {
    match parse_all(values)? {
        (parsed, 0) => Ok(parsed),
        (_, unreadable) => Err(StoreError::Corrupt(format!(
            "{unreadable} stored records could not be read"
        ))),
    }
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

fn upgrade_schema(event: VersionChangeEvent, db: Database) -> indexed_db_futures::Result<()> {
    // Versions are small integers stored as f64 by the browser.
    create_schema_up_to(&db, event.old_version() as u32, CURRENT_RECORDS_VERSION)
}

/// Applies the structural steps from `old` up to `target`. Public so tests can write a
/// genuine older database, exactly as that build would have.
pub fn create_schema_up_to(db: &Database, old: u32, target: u32) -> indexed_db_futures::Result<()> {
    if old < 1 && target >= 1 {
        create_v1_stores(db)?;
    }
    if old < 2 && target >= 2 {
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
    }
    if old < 3 && target >= 3 {
        create_store_by_customer(db, COSTS)?;
        create_store_by_customer(db, TIER_CHANGES)?;
        db.create_object_store(SETTINGS)
            .with_key_path(KeyPath::from("key"))
            .build()?;
    }
    if old < 4 && target >= 4 {
        create_store_by_customer(db, COMPLAINTS)?;
        create_store_by_customer(db, CONTACTS)?;
        create_store_by_customer(db, FOLLOW_UPS)?;
        db.create_object_store(COMPLAINT_DRAFTS)
            .with_key_path(KeyPath::from("complaint_id"))
            .build()?;
    }
    Ok(())
}

/// Every record of `store` whose `customer_id` is `id`, inside the caller's transaction.
async fn records_of_customer<T: DeserializeOwned>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    id: &CustomerId,
) -> Result<Vec<T>, StoreError> {
    parse_all_strict(
        store
            .index("customer_id")?
            .get_all::<JsValue>()
            .with_query(id.as_str())
            .primitive()?
            .await?,
    )
}

impl IdbStore {
    /// Opens (creating or upgrading) the database. `on_blocked` runs if another tab
    /// keeps an older version open; the open then waits until that tab lets go.
    pub async fn open(
        name: &str,
        on_blocked: impl FnOnce() + 'static,
    ) -> Result<(Self, OpenReport), StoreError> {
        Self::open_watched(name, on_blocked, |_| {}).await
    }

    /// Like [`IdbStore::open`], and `on_lost` runs if the connection is taken away
    /// later (see [`IdbStore::on_connection_lost`]). The watch starts before the
    /// record upgrade, so a newer tab is never blocked by this one, even mid-start.
    pub async fn open_watched(
        name: &str,
        on_blocked: impl FnOnce() + 'static,
        on_lost: impl Fn(ConnectionLost) + 'static,
    ) -> Result<(Self, OpenReport), StoreError> {
        let db = Database::open(name)
            .with_version(CURRENT_RECORDS_VERSION)
            .with_on_blocked(move |_| {
                on_blocked();
                Ok(())
            })
            .with_on_upgrade_needed(upgrade_schema)
            .await?;
        let store = Self { db };
        store.on_connection_lost(on_lost);
        let report = store.upgrade_records().await?;
        Ok((store, report))
    }

    pub fn close(self) {
        self.db.close();
    }

    /// Runs `on_lost` when this tab loses the database: another tab opened a newer
    /// version (this connection closes at once so that upgrade is not blocked), or
    /// the browser deleted the data (site data cleared).
    pub fn on_connection_lost(&self, on_lost: impl Fn(ConnectionLost) + 'static) {
        let on_lost = std::rc::Rc::new(on_lost);
        let sys = self.db.as_sys().clone();
        let closing = sys.clone();
        let upgrade_lost = on_lost.clone();
        let on_version_change = wasm_bindgen::closure::Closure::<
            dyn FnMut(web_sys::IdbVersionChangeEvent),
        >::new(move |event: web_sys::IdbVersionChangeEvent| {
            closing.close();
            upgrade_lost(match event.new_version() {
                Some(_) => ConnectionLost::NewerVersionOpened,
                None => ConnectionLost::Deleted,
            });
        });
        sys.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        let on_close = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            on_lost(ConnectionLost::Deleted);
        });
        sys.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        // The handlers live as long as the connection, which lives as long as the tab.
        on_version_change.forget();
        on_close.forget();
    }

    async fn upgrade_records(&self) -> Result<OpenReport, StoreError> {
        let tx = self
            .db
            .transaction([CUSTOMERS, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        let entry: Option<MetaEntry> = stored_record(&meta, RECORDS_VERSION_KEY).await?;
        let before = entry.map_or(1, |e| e.value);
        let mut report = OpenReport {
            records_version_before: before,
            ..OpenReport::default()
        };
        if before >= CURRENT_RECORDS_VERSION {
            return Ok(report);
        }
        if !records_need_rewrite(before) {
            meta.put(to_js(&MetaEntry {
                key: RECORDS_VERSION_KEY.into(),
                value: CURRENT_RECORDS_VERSION,
            })?)
            .primitive()?;
            tx.commit().await?;
            return Ok(report);
        }
        let customers = tx.object_store(CUSTOMERS)?;
        let raw = customers.get_all::<JsValue>().primitive()?.await?;
        // A record that is not even readable as JSON stays where it is, counted.
        let (records, unreadable) = parse_all::<serde_json::Value>(raw)?;
        report.records_not_upgraded += unreadable;
        for record in records {
            match upgrade_customer_record(record, before) {
                Ok(upgraded) => {
                    customers.put(to_js(&upgraded)?).primitive()?;
                    report.records_upgraded += 1;
                }
                Err(_) => report.records_not_upgraded += 1,
            }
        }
        meta.put(to_js(&MetaEntry {
            key: RECORDS_VERSION_KEY.into(),
            value: CURRENT_RECORDS_VERSION,
        })?)
        .primitive()?;
        tx.commit().await?;
        Ok(report)
    }

    fn tx(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> Result<indexed_db_futures::transaction::Transaction<'_>, StoreError> {
        Ok(self.db.transaction(stores).with_mode(mode).build()?)
    }

    /// Every record of a small store (costs, tier changes); any unreadable one is an error.
    async fn read_all<T: DeserializeOwned>(&self, store: &str) -> Result<Vec<T>, StoreError> {
        let tx = self.tx(&[store], TransactionMode::Readonly)?;
        parse_all_strict(
            tx.object_store(store)?
                .get_all::<JsValue>()
                .primitive()?
                .await?,
        )
    }

    /// Puts every item in one transaction.
    async fn write_all<T: Serialize>(&self, store: &str, items: &[T]) -> Result<(), StoreError> {
        let tx = self.tx(&[store], TransactionMode::Readwrite)?;
        put_all(&tx.object_store(store)?, items)?;
        tx.commit().await?;
        Ok(())
    }

    /// Writes every record of `data` in one transaction, after emptying every data
    /// store when `clear_first` (a restore).
    async fn write_records(&self, data: &BackupData, clear_first: bool) -> Result<(), StoreError> {
        let tx = self.tx(&DATA_STORES, TransactionMode::Readwrite)?;
        if clear_first {
            for name in DATA_STORES {
                tx.object_store(name)?.clear()?;
            }
        }
        put_all(&tx.object_store(CUSTOMERS)?, &data.customers)?;
        put_all(&tx.object_store(ORDERS)?, &data.orders)?;
        put_all(&tx.object_store(COSTS)?, &data.costs)?;
        put_all(&tx.object_store(TIER_CHANGES)?, &data.tier_changes)?;
        put_all(&tx.object_store(SETTINGS)?, &data.settings)?;
        put_all(&tx.object_store(COMPLAINTS)?, &data.complaints)?;
        put_all(&tx.object_store(CONTACTS)?, &data.contacts)?;
        put_all(&tx.object_store(FOLLOW_UPS)?, &data.follow_ups)?;
        put_all(&tx.object_store(COMPLAINT_DRAFTS)?, &data.complaint_drafts)?;
        // Nothing is visible to anyone until this commit: a failure anywhere above
        // rolls the whole write back and the old data stays.
        tx.commit().await?;
        Ok(())
    }

    /// Removes every record from every store (used by tests and "start over").
    pub async fn clear_all(&self) -> Result<(), StoreError> {
        let stores = [
            CUSTOMERS,
            ORDERS,
            COSTS,
            TIER_CHANGES,
            COMPLAINTS,
            CONTACTS,
            FOLLOW_UPS,
            COMPLAINT_DRAFTS,
        ];
        let tx = self.tx(&stores, TransactionMode::Readwrite)?;
        for name in stores {
            tx.object_store(name)?.clear()?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl CrmStore for IdbStore {
    async fn load_customers(&self) -> Result<LoadedCustomers, StoreError> {
        let tx = self.tx(&[CUSTOMERS], TransactionMode::Readonly)?;
        let records = tx
            .object_store(CUSTOMERS)?
            .get_all::<JsValue>()
            .primitive()?
            .await?;
        let (customers, unreadable) = parse_all(records)?;
        Ok(LoadedCustomers {
            customers,
            unreadable,
        })
    }

    async fn get_customer(&self, id: &CustomerId) -> Result<Option<Customer>, StoreError> {
        let tx = self.tx(&[CUSTOMERS], TransactionMode::Readonly)?;
        stored_record(&tx.object_store(CUSTOMERS)?, id.as_str()).await
    }

    async fn insert_customer(&self, customer: &Customer) -> Result<(), StoreError> {
        let tx = self.tx(&[CUSTOMERS], TransactionMode::Readwrite)?;
        let store = tx.object_store(CUSTOMERS)?;
        let existing: Option<Customer> = stored_record(&store, customer.id.as_str()).await?;
        if existing.is_some() {
            return Err(StoreError::AlreadyExists(customer.id.clone()));
        }
        store.add(to_js(&customer)?).primitive()?;
        tx.commit().await?;
        Ok(())
    }

    async fn save_customer(&self, customer: &Customer) -> Result<Customer, StoreError> {
        let tx = self.tx(&[CUSTOMERS], TransactionMode::Readwrite)?;
        let store = tx.object_store(CUSTOMERS)?;
        let stored: Option<Customer> = stored_record(&store, customer.id.as_str()).await?;
        let revision = next_revision(stored.as_ref(), customer)?;
        let saved = Customer {
            revision,
            ..customer.clone()
        };
        store.put(to_js(&saved)?).primitive()?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn delete_customer(&self, id: &CustomerId) -> Result<DeletedCustomer, StoreError> {
        let tx = self.tx(&CUSTOMER_OWNED, TransactionMode::Readwrite)?;
        let customers = tx.object_store(CUSTOMERS)?;
        let customer: Option<Customer> = stored_record(&customers, id.as_str()).await?;
        let customer = customer.ok_or_else(|| StoreError::NotFound(id.clone()))?;
        let orders_store = tx.object_store(ORDERS)?;
        let complaints_store = tx.object_store(COMPLAINTS)?;
        let contacts_store = tx.object_store(CONTACTS)?;
        let follow_ups_store = tx.object_store(FOLLOW_UPS)?;
        let orders: Vec<Order> = records_of_customer(&orders_store, id).await?;
        let complaints: Vec<Complaint> = records_of_customer(&complaints_store, id).await?;
        let contacts: Vec<Contact> = records_of_customer(&contacts_store, id).await?;
        let follow_ups: Vec<FollowUp> = records_of_customer(&follow_ups_store, id).await?;
        for order in &orders {
            orders_store.delete(order.id.as_str()).build()?;
        }
        let drafts = tx.object_store(COMPLAINT_DRAFTS)?;
        for complaint in &complaints {
            complaints_store.delete(complaint.id.as_str()).build()?;
            // A draft of a deleted complaint would resurface nowhere; it goes too.
            drafts.delete(complaint.id.as_str()).build()?;
        }
        for contact in &contacts {
            contacts_store.delete(contact.id.as_str()).build()?;
        }
        for follow_up in &follow_ups {
            follow_ups_store.delete(follow_up.id.as_str()).build()?;
        }
        customers.delete(id.as_str()).build()?;
        tx.commit().await?;
        Ok(DeletedCustomer {
            customer,
            orders,
            complaints,
            contacts,
            follow_ups,
        })
    }

    async fn undo_delete(&self, deleted: &DeletedCustomer) -> Result<(), StoreError> {
        let tx = self.tx(&CUSTOMER_OWNED, TransactionMode::Readwrite)?;
        let customers = tx.object_store(CUSTOMERS)?;
        let existing: Option<Customer> =
            stored_record(&customers, deleted.customer.id.as_str()).await?;
        if existing.is_some() {
            return Err(StoreError::AlreadyExists(deleted.customer.id.clone()));
        }
        customers.add(to_js(&deleted.customer)?).primitive()?;
        put_all(&tx.object_store(ORDERS)?, &deleted.orders)?;
        put_all(&tx.object_store(COMPLAINTS)?, &deleted.complaints)?;
        put_all(&tx.object_store(CONTACTS)?, &deleted.contacts)?;
        put_all(&tx.object_store(FOLLOW_UPS)?, &deleted.follow_ups)?;
        tx.commit().await?;
        Ok(())
    }

    async fn orders_for_customer(&self, id: &CustomerId) -> Result<Vec<Order>, StoreError> {
        let tx = self.tx(&[ORDERS], TransactionMode::Readonly)?;
        records_of_customer(&tx.object_store(ORDERS)?, id).await
    }

    async fn customers_in_country(&self, country: &str) -> Result<Vec<Customer>, StoreError> {
        let tx = self.tx(&[CUSTOMERS], TransactionMode::Readonly)?;
        let found = tx
            .object_store(CUSTOMERS)?
            .index("country")?
            .get_all::<JsValue>()
            .with_query(country)
            .primitive()?
            .await?;
        parse_all_strict(found)
    }

    async fn put_many(&self, customers: &[Customer], orders: &[Order]) -> Result<(), StoreError> {
        let tx = self.tx(&[CUSTOMERS, ORDERS], TransactionMode::Readwrite)?;
        put_all(&tx.object_store(CUSTOMERS)?, customers)?;
        put_all(&tx.object_store(ORDERS)?, orders)?;
        tx.commit().await?;
        Ok(())
    }

    async fn count_customers(&self) -> Result<usize, StoreError> {
        let tx = self.tx(&[CUSTOMERS], TransactionMode::Readonly)?;
        let n = tx.object_store(CUSTOMERS)?.count().await?;
        Ok(n as usize)
    }

    async fn for_each_order_page(
        &self,
        page_size: u32,
        on_page: &mut dyn FnMut(Vec<Order>),
    ) -> Result<(), StoreError> {
        let page_size = page_size.max(1);
        let mut after: Option<String> = None;
        loop {
            let tx = self.tx(&[ORDERS], TransactionMode::Readonly)?;
            let store = tx.object_store(ORDERS)?;
            let values = match &after {
                None => {
                    store
                        .get_all::<JsValue>()
                        .with_limit(page_size)
                        .primitive()?
                        .await?
                }
                Some(key) => {
                    store
                        .get_all::<JsValue>()
                        .with_query::<&str, _>(KeyRange::LowerBound(key.as_str(), true))
                        .with_limit(page_size)
                        .primitive()?
                        .await?
                }
            };
            let page: Vec<Order> = parse_all_strict(values)?;
            let full = page.len() as u32 == page_size;
            after = page.last().map(|o| o.id.clone());
            if !page.is_empty() {
                on_page(page);
            }
            if !full {
                return Ok(());
            }
        }
    }

    async fn load_costs(&self) -> Result<Vec<CostEntry>, StoreError> {
        self.read_all(COSTS).await
    }

    async fn put_costs(&self, costs: &[CostEntry]) -> Result<(), StoreError> {
        self.write_all(COSTS, costs).await
    }

    async fn load_tier_changes(&self) -> Result<Vec<TierChange>, StoreError> {
        self.read_all(TIER_CHANGES).await
    }

    async fn put_tier_changes(&self, changes: &[TierChange]) -> Result<(), StoreError> {
        self.write_all(TIER_CHANGES, changes).await
    }

    async fn import_orders(
        &self,
        new_customers: &[Customer],
        orders: &[Order],
        progress: &dyn Fn(usize, usize),
    ) -> Result<(), StoreError> {
        let tx = self.tx(&[CUSTOMERS, ORDERS], TransactionMode::Readwrite)?;
        let customers = tx.object_store(CUSTOMERS)?;
        for c in new_customers {
            // `add`, not `put`: a customer created meanwhile in another tab aborts the
            // whole import instead of being overwritten.
            customers.add(to_js(&c)?).primitive()?;
        }
        let store = tx.object_store(ORDERS)?;
        // Issue every write at once, with a cheap read of each chunk's last key in
        // between: requests run in order, so each read answers when its chunk is
        // written. Awaiting those reads reports progress without ever leaving
        // IndexedDB idle between chunks.
        let mut markers = Vec::new();
        for chunk in orders.chunks(IMPORT_CHUNK) {
            put_all(&store, chunk)?;
            if let Some(last) = chunk.last() {
                markers.push((
                    store.get::<JsValue, _, _>(last.id.as_str()).primitive()?,
                    chunk.len(),
                ));
            }
        }
        let mut done = 0;
        for (marker, written) in markers {
            marker.await?;
            done += written;
            progress(done, orders.len());
        }
        tx.commit().await?;
        Ok(())
    }

    async fn load_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readonly)?;
        let entry: Option<SettingEntry> = stored_record(&tx.object_store(SETTINGS)?, key).await?;
        Ok(entry.map(|e| e.json))
    }

    async fn save_setting(&self, key: &str, json: &str) -> Result<(), StoreError> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        tx.object_store(SETTINGS)?
            .put(to_js(&SettingEntry {
                key: key.to_owned(),
                json: json.to_owned(),
            })?)
            .primitive()?;
        tx.commit().await?;
        Ok(())
    }

    async fn load_complaints(&self) -> Result<Vec<Complaint>, StoreError> {
        self.read_all(COMPLAINTS).await
    }

    async fn get_complaint(&self, id: &str) -> Result<Option<Complaint>, StoreError> {
        let tx = self.tx(&[COMPLAINTS], TransactionMode::Readonly)?;
        stored_record(&tx.object_store(COMPLAINTS)?, id).await
    }

    async fn insert_complaint(&self, complaint: &Complaint) -> Result<(), StoreError> {
        let tx = self.tx(&[COMPLAINTS], TransactionMode::Readwrite)?;
        // `add` refuses an existing key, so two tabs can never both create one id.
        tx.object_store(COMPLAINTS)?
            .add(to_js(complaint)?)
            .primitive()?;
        tx.commit().await?;
        Ok(())
    }

    async fn save_complaint(
        &self,
        complaint: &Complaint,
        cost: Option<&CostEntry>,
    ) -> Result<Complaint, StoreError> {
        let tx = self.tx(&[COMPLAINTS, COSTS], TransactionMode::Readwrite)?;
        let store = tx.object_store(COMPLAINTS)?;
        let stored: Option<Complaint> = stored_record(&store, complaint.id.as_str()).await?;
        let revision = next_complaint_revision(stored.as_ref(), complaint)?;
        let saved = Complaint {
            revision,
            ..complaint.clone()
        };
        store.put(to_js(&saved)?).primitive()?;
        if let Some(cost) = cost {
            tx.object_store(COSTS)?.put(to_js(cost)?).primitive()?;
        }
        tx.commit().await?;
        Ok(saved)
    }

    async fn load_complaint_draft(
        &self,
        complaint_id: &str,
    ) -> Result<Option<ComplaintDraft>, StoreError> {
        let tx = self.tx(&[COMPLAINT_DRAFTS], TransactionMode::Readonly)?;
        stored_record(&tx.object_store(COMPLAINT_DRAFTS)?, complaint_id).await
    }

    async fn save_complaint_draft(&self, draft: &ComplaintDraft) -> Result<(), StoreError> {
        let tx = self.tx(&[COMPLAINT_DRAFTS], TransactionMode::Readwrite)?;
        tx.object_store(COMPLAINT_DRAFTS)?
            .put(to_js(draft)?)
            .primitive()?;
        tx.commit().await?;
        Ok(())
    }

    async fn contacts_for_customer(&self, id: &CustomerId) -> Result<Vec<Contact>, StoreError> {
        let tx = self.tx(&[CONTACTS], TransactionMode::Readonly)?;
        records_of_customer(&tx.object_store(CONTACTS)?, id).await
    }

    async fn log_contact(&self, contact: &Contact) -> Result<Customer, StoreError> {
        let tx = self.tx(&[CUSTOMERS, CONTACTS], TransactionMode::Readwrite)?;
        let customers = tx.object_store(CUSTOMERS)?;
        let stored: Option<Customer> =
            stored_record(&customers, contact.customer_id.as_str()).await?;
        let stored = stored.ok_or_else(|| StoreError::NotFound(contact.customer_id.clone()))?;
        let updated = with_contact_logged(stored, contact);
        customers.put(to_js(&updated)?).primitive()?;
        tx.object_store(CONTACTS)?
            .put(to_js(contact)?)
            .primitive()?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn load_follow_ups(&self) -> Result<Vec<FollowUp>, StoreError> {
        self.read_all(FOLLOW_UPS).await
    }

    async fn put_follow_up(&self, follow_up: &FollowUp) -> Result<(), StoreError> {
        self.write_all(FOLLOW_UPS, std::slice::from_ref(follow_up))
            .await
    }

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
        })
    }

    async fn replace_all(&self, data: &BackupData) -> Result<(), StoreError> {
        self.write_records(data, true).await
    }

    async fn put_records(&self, data: &BackupData) -> Result<(), StoreError> {
        self.write_records(data, false).await
    }

    async fn import_customers(
        &self,
        create: &[Customer],
        merge: &[Customer],
    ) -> Result<Vec<Customer>, StoreError> {
        let tx = self.tx(&[CUSTOMERS], TransactionMode::Readwrite)?;
        let store = tx.object_store(CUSTOMERS)?;
        let mut merged = Vec::with_capacity(merge.len());
        for customer in merge {
            let stored: Option<Customer> = stored_record(&store, customer.id.as_str()).await?;
            let revision = next_revision(stored.as_ref(), customer)?;
            merged.push(Customer {
                revision,
                ..customer.clone()
            });
        }
        put_all(&store, &merged)?;
        for customer in create {
            // `add`: an id that exists meanwhile aborts the whole import.
            store.add(to_js(customer)?).primitive()?;
        }
        tx.commit().await?;
        Ok(merged)
    }
}
