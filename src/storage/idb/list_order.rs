//! The list's default order kept beside the customers, so the first page of the
//! list is read without reading every customer: one small entry per customer
//! (`id`, `list_key` = [`list_order_key`]) in `customer_order`, indexed by key.
//!
//! Invariant: every transaction that creates, renames or deletes a customer calls
//! [`note_customers`] or [`forget_customers`] before it commits (contacts and
//! reports change no name). So once [`IdbStore::prepare_list_order`] has built the
//! entries from every customer and stamped `meta` in the same transaction, they
//! stay complete; before that (a database just upgraded, or new) the quick read
//! answers `None`. A stamp, not a comparison of counts: IndexedDB counts a store
//! by walking it, about half a second for 100,000 customers.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::codec::{parse_all, parse_all_strict, put_all, stored_record, to_js};
use super::schema::{MetaEntry, BY_LIST_KEY, CUSTOMERS, CUSTOMER_ORDER, META};
use super::IdbStore;
use crate::domain::customers::{list_order_key, Customer, CustomerId};
use crate::storage::StoreError;

#[derive(Serialize, Deserialize)]
struct OrderEntry {
    id: String,
    list_key: String,
}

/// Records where `customers` (created or saved) now stand in the list's order.
pub(super) fn note_customers(
    tx: &Transaction<'_>,
    customers: &[Customer],
) -> Result<(), StoreError> {
    let entries: Vec<OrderEntry> = customers
        .iter()
        .map(|c| OrderEntry {
            id: c.id.as_str().to_owned(),
            list_key: list_order_key(c),
        })
        .collect();
    put_all(&tx.object_store(CUSTOMER_ORDER)?, &entries)
}

/// Removes deleted customers from the list's order.
pub(super) fn forget_customers(
    tx: &Transaction<'_>,
    ids: &[&CustomerId],
) -> Result<(), StoreError> {
    let store = tx.object_store(CUSTOMER_ORDER)?;
    for id in ids {
        store.delete(id.as_str()).build()?;
    }
    Ok(())
}

/// The `meta` entry saying the list's order was built from every customer.
const BUILT_KEY: &str = "customer_order_built";

async fn is_built(tx: &Transaction<'_>) -> Result<bool, StoreError> {
    let entry: Option<MetaEntry> = stored_record(&tx.object_store(META)?, BUILT_KEY).await?;
    Ok(entry.is_some_and(|e| e.value == 1))
}

impl IdbStore {
    /// The first `limit` customers in the list's default order, or `None` while the
    /// order is not complete.
    pub(super) async fn first_by_list_order(
        &self,
        limit: u32,
    ) -> Result<Option<Vec<Customer>>, StoreError> {
        let tx = self.tx(
            &[CUSTOMERS, CUSTOMER_ORDER, META],
            TransactionMode::Readonly,
        )?;
        let customers = tx.object_store(CUSTOMERS)?;
        let order = tx.object_store(CUSTOMER_ORDER)?;
        if !is_built(&tx).await? {
            return Ok(None);
        }
        let entries: Vec<OrderEntry> = parse_all_strict(
            order
                .index(BY_LIST_KEY)?
                .get_all::<JsValue>()
                .with_limit(limit)
                .primitive()?
                .await?,
        )?;
        let mut reads = Vec::with_capacity(entries.len());
        for entry in &entries {
            reads.push(
                customers
                    .get::<JsValue, _, _>(entry.id.as_str())
                    .primitive()?,
            );
        }
        let mut values = Vec::with_capacity(reads.len());
        for read in reads {
            match read.await? {
                Some(value) if !value.is_undefined() => values.push(Ok(value)),
                // An entry without its customer: not to be trusted; the full read decides.
                _ => return Ok(None),
            }
        }
        let (first, unreadable) = parse_all::<Customer>(values.into_iter())?;
        // An unreadable record would leave a gap the full load reports; show the
        // full load's page instead.
        Ok((unreadable == 0).then_some(first))
    }

    /// Builds the list's order from every customer in ONE read-write transaction if
    /// it is not complete; returns whether it had to.
    pub(super) async fn prepare_list_order(&self) -> Result<bool, StoreError> {
        let tx = self.tx(
            &[CUSTOMERS, CUSTOMER_ORDER, META],
            TransactionMode::Readwrite,
        )?;
        if is_built(&tx).await? {
            return Ok(false);
        }
        let customers = tx.object_store(CUSTOMERS)?;
        // Unreadable records are left out: they are not in the list either.
        let (all, _unreadable) =
            parse_all::<Customer>(customers.get_all::<JsValue>().primitive()?.await?)?;
        tx.object_store(CUSTOMER_ORDER)?.clear()?;
        note_customers(&tx, &all)?;
        tx.object_store(META)?
            .put(to_js(&MetaEntry {
                key: BUILT_KEY.into(),
                value: 1,
            })?)
            .primitive()?;
        tx.commit().await?;
        Ok(true)
    }
}
