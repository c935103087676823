//! What the list reads at start instead of every customer, kept beside the
//! customers by every transaction that writes them: the first page
//! (`first_page`) and the search summaries (`summaries`). One entry point for
//! the writers, so no write path can update one and forget the other.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use wasm_bindgen::JsValue;

use super::codec::parse_all;
use super::first_page::{forget_on_page, note_page, put_page, stored_page, V6_STAMP};
use super::schema::{CUSTOMERS, CUSTOMER_SUMMARIES, FIRST_PAGE, META};
use super::summaries::{forget_summaries, note_summaries, replace_summaries, summaries_complete};
use super::IdbStore;
use crate::domain::customers::{Customer, CustomerId, FirstPage};
use crate::storage::StoreError;

/// Records customers created or saved by the caller's transaction.
pub(super) async fn note_customers(
    tx: &Transaction<'_>,
    customers: &[Customer],
) -> Result<(), StoreError> {
    note_batches(tx, &[customers]).await
}

/// [`note_customers`] for several batches written by one transaction, in the
/// order written.
pub(super) async fn note_batches(
    tx: &Transaction<'_>,
    batches: &[&[Customer]],
) -> Result<(), StoreError> {
    note_page(tx, batches).await?;
    note_summaries(tx, batches).await
}

/// Removes customers deleted by the caller's transaction.
pub(super) async fn forget_customers(
    tx: &Transaction<'_>,
    ids: &[&CustomerId],
) -> Result<(), StoreError> {
    forget_on_page(tx, ids).await?;
    forget_summaries(tx, ids).await
}

/// Replaces both with ones built from `customers`, all of them (a restore, a
/// cleared database).
pub(super) fn replace_views(
    tx: &Transaction<'_>,
    customers: &[Customer],
) -> Result<(), StoreError> {
    put_page(&tx.object_store(FIRST_PAGE)?, &FirstPage::build(customers))?;
    replace_summaries(&tx.object_store(CUSTOMER_SUMMARIES)?, customers)
}

impl IdbStore {
    /// Builds whichever of the two is absent or damaged from every customer, in
    /// ONE read-write transaction (so no write slips in between the read and the
    /// build); returns whether it had to. Once after an upgrade.
    pub(super) async fn prepare_list_views(&self) -> Result<bool, StoreError> {
        let tx = self.tx(
            &[CUSTOMERS, FIRST_PAGE, CUSTOMER_SUMMARIES, META],
            TransactionMode::Readwrite,
        )?;
        let page_store = tx.object_store(FIRST_PAGE)?;
        let summaries_store = tx.object_store(CUSTOMER_SUMMARIES)?;
        let page_ok = stored_page(&page_store).await?.is_some();
        let summaries_ok = summaries_complete(&summaries_store).await?;
        if page_ok && summaries_ok {
            return Ok(false);
        }
        // Unreadable records are left out: they are not in the list either.
        let (all, _unreadable) = parse_all::<Customer>(
            tx.object_store(CUSTOMERS)?
                .get_all::<JsValue>()
                .primitive()?
                .await?,
        )?;
        if !page_ok {
            put_page(&page_store, &FirstPage::build(&all))?;
            tx.object_store(META)?.delete(V6_STAMP).build()?;
        }
        if !summaries_ok {
            replace_summaries(&summaries_store, &all)?;
        }
        tx.commit().await?;
        Ok(true)
    }
}
