//! Orders: per customer, streamed in pages, imported in bulk.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use wasm_bindgen::JsValue;

use super::codec::{add_all, parse_all_strict, put_all};
use super::facts::write_order_facts;
use super::list_views::note_customers;
use super::schema::{CUSTOMERS, CUSTOMER_SUMMARIES, FIRST_PAGE, ORDERS, ORDER_FACTS};
use super::{records_of_customer, IdbStore};
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::orders::{Order, OrderFacts};
use crate::storage::{OrderStore, StoreError};

/// Orders written between progress reports during an import. Each put is cloned
/// on the page's thread, about 0.1 ms with our conversion, so 500 keep each stretch
/// without a paint near 50 ms (5,000 measured 906 ms at worst).
const IMPORT_CHUNK: usize = 500;

type Store<'a> = indexed_db_futures::object_store::ObjectStore<'a>;

/// Writes `items` with `write`, [`IMPORT_CHUNK`] at a time, reporting how many are
/// written after each chunk. Each chunk's writes are issued, then the previous
/// chunk's marker (a cheap read of its last key; requests run in order) is
/// awaited: IndexedDB always has a chunk queued, never idles, and the page gets a
/// task between chunks to paint the progress bar instead of freezing.
async fn write_in_chunks<T>(
    store: &Store<'_>,
    items: &[T],
    key_of: impl Fn(&T) -> &str,
    write: impl Fn(&Store<'_>, &[T]) -> Result<(), StoreError>,
    mut written: impl FnMut(usize),
) -> Result<(), StoreError> {
    let mut done = 0;
    let mut previous: Option<(_, usize)> = None;
    for chunk in items.chunks(IMPORT_CHUNK) {
        write(store, chunk)?;
        let marker = match chunk.last() {
            Some(last) => Some((
                store.get::<JsValue, _, _>(key_of(last)).primitive()?,
                chunk.len(),
            )),
            None => None,
        };
        if let Some((pending, count)) = std::mem::replace(&mut previous, marker) {
            pending.await?;
            done += count;
            written(done);
        }
    }
    if let Some((pending, count)) = previous {
        pending.await?;
        done += count;
        written(done);
    }
    Ok(())
}

impl OrderStore for IdbStore {
    async fn orders_for_customer(&self, id: &CustomerId) -> Result<Vec<Order>, StoreError> {
        let tx = self.tx(&[ORDERS], TransactionMode::Readonly)?;
        records_of_customer(&tx.object_store(ORDERS)?, id).await
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

    async fn load_order_facts(&self, progress: &dyn Fn(usize)) -> Result<OrderFacts, StoreError> {
        self.order_facts(progress).await
    }

    async fn import_orders(
        &self,
        new_customers: &[Customer],
        orders: &[Order],
        progress: &dyn Fn(usize, usize),
    ) -> Result<(), StoreError> {
        let tx = self.write_tx(&[
            CUSTOMERS,
            FIRST_PAGE,
            CUSTOMER_SUMMARIES,
            ORDERS,
            ORDER_FACTS,
        ])?;
        // `add`, not `put`: a customer created meanwhile in another tab aborts the
        // whole import instead of being overwritten. In chunks too: 30,000 new
        // buyers held the page 3 s in one task.
        let customers = tx.object_store(CUSTOMERS)?;
        write_in_chunks(
            &customers,
            new_customers,
            |c| c.id.as_str(),
            add_all,
            |_| {},
        )
        .await?;
        note_customers(&tx, new_customers).await?;
        let store = tx.object_store(ORDERS)?;
        write_in_chunks(
            &store,
            orders,
            |o| o.id.as_str(),
            put_all,
            |done| progress(done, orders.len()),
        )
        .await?;
        write_order_facts(&tx, orders, &[]).await?;
        tx.mark(new_customers).await?;
        tx.mark(orders).await?;
        tx.commit().await?;
        Ok(())
    }
}
