//! IndexedDB adapter for the storage port ([`crate::storage::CrmStore`]): opening
//! and the connection here, the structure in `schema`, the record codec in
//! `codec`, and one file per context implementing that context's trait.
//!
//! Structural changes happen in the version-change callback; record rewrites happen
//! right after opening, in one read-write transaction together with the version
//! stamp in `meta`, so a crash mid-upgrade leaves the old data and reruns next time.

use indexed_db_futures::database::Database;
use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use super::StoreError;
use crate::domain::customers::CustomerId;
use crate::domain::exchange::record_migrations::{
    records_need_rewrite, upgrade_customer_record, CURRENT_RECORDS_VERSION,
};
use codec::{parse_all, parse_all_strict, put_all, stored_record, to_js};
use schema::{upgrade_schema, MetaEntry, RECORDS_VERSION_KEY};

mod codec;
mod complaints;
mod contacts;
mod customers;
mod facts;
mod first_page;
mod list_views;
mod orders;
mod replies;
mod schema;
mod settings;
mod snapshot;
mod summaries;
mod sync_docs;
mod sync_outbox;
mod test_support;
mod value;

pub use schema::{
    create_schema_up_to, create_v1_stores, COMPLAINTS, COMPLAINT_DRAFTS, CONTACTS, COSTS,
    CUSTOMERS, CUSTOMER_SUMMARIES, DEFAULT_DB_NAME, FIRST_PAGE, FOLLOW_UPS, META, ORDERS,
    ORDER_FACTS, REPLY_EDITS, SETTINGS, SYNC_DOCS, SYNC_OUTBOX, SYNC_STATE, TIER_CHANGES,
};

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

    /// Puts every replicated record in one transaction, marking each.
    async fn write_replicated<T: Serialize + crate::domain::sync::docs::Replicated>(
        &self,
        store: &str,
        items: &[T],
    ) -> Result<(), StoreError> {
        let tx = self.write_tx(&[store])?;
        put_all(&tx.object_store(store)?, items)?;
        tx.mark(items).await?;
        tx.commit().await
    }

    /// Puts every item in one transaction (records that do not replicate).
    async fn write_all<T: Serialize>(&self, store: &str, items: &[T]) -> Result<(), StoreError> {
        let tx = self.tx(&[store], TransactionMode::Readwrite)?;
        put_all(&tx.object_store(store)?, items)?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes every record from every store (used by tests and "start over").
    pub async fn clear_all(&self) -> Result<(), StoreError> {
        let stores = [
            CUSTOMERS,
            FIRST_PAGE,
            CUSTOMER_SUMMARIES,
            ORDERS,
            ORDER_FACTS,
            COSTS,
            TIER_CHANGES,
            COMPLAINTS,
            CONTACTS,
            FOLLOW_UPS,
            COMPLAINT_DRAFTS,
            REPLY_EDITS,
            SYNC_OUTBOX,
            SYNC_DOCS,
            SYNC_STATE,
        ];
        let tx = self.tx(&stores, TransactionMode::Readwrite)?;
        for name in stores {
            tx.object_store(name)?.clear()?;
        }
        // No customers: the views of none are complete, and stay so as they come.
        list_views::replace_views(&tx, &[])?;
        tx.commit().await?;
        Ok(())
    }
}
