//! The list's first page kept beside the customers ([`FirstPage`]): one JSON text
//! in `first_page`, read and rewritten once by every transaction that creates,
//! renames or deletes customers, so the first screen at start reads one value and
//! 50 records instead of every customer.
//!
//! Invariant: every such transaction calls `list_views::note_customers` or
//! `list_views::forget_customers` before it commits. So once
//! `IdbStore::prepare_list_views` has built the value from every customer,
//! it stays true; while it is absent (a database just upgraded, or new) or damaged,
//! the quick read answers `None`, writes leave it absent, and the next start builds
//! it after the full load.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use wasm_bindgen::JsValue;

use super::codec::{parse_all, put_json_text};
use super::schema::{CUSTOMERS, FIRST_PAGE, FIRST_PAGE_KEY as KEY};
use super::IdbStore;
use crate::domain::customers::{Customer, CustomerId, FirstPage};
use crate::storage::StoreError;

/// The v6 stamp saying the per-customer list entries were complete; v7 replaced
/// those entries with the first page, so the stamp goes when the page is built.
pub(super) const V6_STAMP: &str = "customer_order_built";

type Store<'a> = indexed_db_futures::object_store::ObjectStore<'a>;

/// The stored page, `None` when absent or damaged (derived data: never trusted
/// over the customers, never a reason to fail the user's write).
pub(super) async fn stored_page(store: &Store<'_>) -> Result<Option<FirstPage>, StoreError> {
    Ok(parse_page(
        store.get::<JsValue, _, _>(KEY).primitive()?.await?,
    ))
}

fn parse_page(value: Option<JsValue>) -> Option<FirstPage> {
    value
        .and_then(|v| v.as_string())
        .and_then(|text| serde_json::from_str::<FirstPage>(&text).ok())
        .filter(FirstPage::is_well_formed)
}

/// Writes the page inside the caller's transaction.
pub(super) fn put_page(store: &Store<'_>, page: &FirstPage) -> Result<(), StoreError> {
    put_json_text(store, &JsValue::from_str(KEY), page)
}

/// Applies `change` to the stored page inside the caller's transaction. An absent
/// page stays absent; a damaged one is dropped, to be rebuilt at the next start.
async fn update(
    tx: &Transaction<'_>,
    change: impl FnOnce(&mut FirstPage),
) -> Result<(), StoreError> {
    let store = tx.object_store(FIRST_PAGE)?;
    let value = store.get::<JsValue, _, _>(KEY).primitive()?.await?;
    let Some(value) = value.filter(|v| !v.is_undefined()) else {
        return Ok(());
    };
    match parse_page(Some(value)) {
        Some(mut page) => {
            change(&mut page);
            put_page(&store, &page)
        }
        None => {
            store.delete(KEY).build()?;
            Ok(())
        }
    }
}

/// Records where the customers of `batches` (created or saved, possibly renamed)
/// now stand in the list's order, with one read and one write of the page.
pub(super) async fn note_page(
    tx: &Transaction<'_>,
    batches: &[&[Customer]],
) -> Result<(), StoreError> {
    if batches.iter().all(|b| b.is_empty()) {
        return Ok(());
    }
    update(tx, |page| {
        for batch in batches {
            page.note(batch);
        }
    })
    .await
}

/// Removes deleted customers from the list's order.
pub(super) async fn forget_on_page(
    tx: &Transaction<'_>,
    ids: &[&CustomerId],
) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    update(tx, |page| page.forget(ids.iter().copied())).await
}

impl IdbStore {
    /// The first `limit` customers in the list's default order, or `None` while the
    /// page is not built or no longer knows them.
    pub(super) async fn first_page_customers(
        &self,
        limit: u32,
    ) -> Result<Option<Vec<Customer>>, StoreError> {
        let tx = self.tx(&[CUSTOMERS, FIRST_PAGE], TransactionMode::Readonly)?;
        let Some(page) = stored_page(&tx.object_store(FIRST_PAGE)?).await? else {
            return Ok(None);
        };
        let Some(ids) = page.first(limit as usize) else {
            return Ok(None);
        };
        let customers = tx.object_store(CUSTOMERS)?;
        let mut reads = Vec::with_capacity(ids.len());
        for id in ids {
            reads.push(customers.get::<JsValue, _, _>(id).primitive()?);
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
}
