//! The orders' compact facts kept beside them ([`crate::domain::orders::FactTable`]
//! and its buckets), so the value analysis reads a few MB instead of a million
//! order records.
//!
//! Invariant: every transaction that writes `orders` also calls
//! [`write_order_facts`] (or rebuilds the facts) before it commits, so the facts can
//! never disagree with the orders: an abort rolls both back. Without a stored table
//! the facts are "not built yet" (a database just upgraded): writes leave them alone
//! and the next read builds them from the orders, which then include every write.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyRange;
use wasm_bindgen::{JsCast, JsValue};

use indexed_db_futures::internals::SystemRepr;

use super::codec::{js_error, parse_all_strict};
use super::schema::{ORDERS, ORDER_FACTS};
use super::IdbStore;
use crate::domain::orders::{
    FactBucket, FactTable, FactsWriter, Order, OrderFacts, StoredFactsBuilder, StoredFactsReader,
    FACTS_PER_GROUPING_STEP, FACT_BUCKETS,
};
use crate::storage::StoreError;

const TABLE_KEY: &str = "table";

/// Orders read per request while building the facts from the orders.
const BUILD_PAGE: u32 = 50_000;

fn numbers_key(bucket: u16) -> String {
    format!("n{bucket:02}")
}

fn ids_key(bucket: u16) -> String {
    format!("i{bucket:02}")
}

fn bytes_of(value: Option<JsValue>) -> Result<Option<Vec<u8>>, StoreError> {
    match value.filter(|v| !v.is_undefined()) {
        None => Ok(None),
        Some(value) => value
            .dyn_into::<js_sys::Uint8Array>()
            .map(|bytes| Some(bytes.to_vec()))
            .map_err(|_| StoreError::Corrupt("stored order facts are not bytes".into())),
    }
}

fn put_bytes(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    key: &str,
    bytes: &[u8],
) -> Result<(), StoreError> {
    store
        .as_sys()
        .put_with_key(&js_sys::Uint8Array::from(bytes), &JsValue::from_str(key))
        .map_err(js_error)?;
    Ok(())
}

/// Brings the stored facts in line with a write that puts `put` and deletes the
/// orders `removed`, inside the caller's transaction (which must hold
/// [`ORDER_FACTS`]). Damaged facts are dropped instead (the next read rebuilds
/// them), so damaged derived data never blocks a write of the user's orders.
pub(super) async fn write_order_facts(
    tx: &Transaction<'_>,
    put: &[Order],
    removed: &[&str],
) -> Result<(), StoreError> {
    if put.is_empty() && removed.is_empty() {
        return Ok(());
    }
    let store = tx.object_store(ORDER_FACTS)?;
    let table = match bytes_of(store.get::<JsValue, _, _>(TABLE_KEY).primitive()?.await?) {
        Ok(Some(table)) => table,
        Ok(None) => return Ok(()),
        Err(_) => {
            store.clear()?;
            return Ok(());
        }
    };
    let mut writer = match FactsWriter::new(&table, put, removed) {
        Ok(writer) => writer,
        Err(_) => {
            store.clear()?;
            return Ok(());
        }
    };
    // Every read is issued before the first await: one round trip, not 2 × 64. Each
    // bucket is then merged as its reads arrive, one event at a time, so a large
    // write never holds the page for the whole merge.
    let mut reads = Vec::with_capacity(writer.touched().len());
    for &bucket in writer.touched() {
        reads.push((
            bucket,
            store
                .get::<JsValue, _, _>(numbers_key(bucket))
                .primitive()?,
            store.get::<JsValue, _, _>(ids_key(bucket)).primitive()?,
        ));
    }
    for (bucket, numbers, ids) in reads {
        let stored = match (bytes_of(numbers.await?), bytes_of(ids.await?)) {
            (Ok(Some(numbers)), Ok(Some(ids))) => Some((numbers, ids)),
            (Ok(None), Ok(None)) => None,
            _ => {
                store.clear()?;
                return Ok(());
            }
        };
        match writer.bucket(bucket, stored) {
            Ok((numbers, ids)) => {
                put_bytes(&store, &numbers_key(bucket), &numbers)?;
                put_bytes(&store, &ids_key(bucket), &ids)?;
            }
            Err(_) => {
                store.clear()?;
                return Ok(());
            }
        }
    }
    match writer.finish() {
        Ok(Some(table)) => put_bytes(&store, TABLE_KEY, &table)?,
        Ok(None) => {}
        Err(_) => {
            store.clear()?;
        }
    }
    Ok(())
}

/// Replaces the stored facts with the facts of exactly `orders` (a restore),
/// inside the caller's transaction.
pub(super) fn replace_order_facts(
    tx: &Transaction<'_>,
    orders: &[Order],
) -> Result<(), StoreError> {
    let mut builder = StoredFactsBuilder::default();
    builder.push_orders(orders);
    let (table, buckets) = builder.finish();
    write_built(tx, &table, &buckets)?;
    Ok(())
}

/// Writes a whole build over whatever was stored; returns each bucket's numbers.
fn write_built(
    tx: &Transaction<'_>,
    table: &FactTable,
    buckets: &[FactBucket],
) -> Result<Vec<Vec<u8>>, StoreError> {
    let store = tx.object_store(ORDER_FACTS)?;
    store.clear()?;
    put_bytes(&store, TABLE_KEY, &table.encode())?;
    let mut all_numbers = Vec::with_capacity(buckets.len());
    for (bucket, facts) in (0..FACT_BUCKETS).zip(buckets) {
        if !facts.is_empty() {
            let (numbers, ids) = facts.encode();
            put_bytes(&store, &numbers_key(bucket), &numbers)?;
            put_bytes(&store, &ids_key(bucket), &ids)?;
            all_numbers.push(numbers);
        }
    }
    Ok(all_numbers)
}

impl IdbStore {
    /// The stored facts, or `None` when they are not built yet or damaged.
    async fn read_order_facts(&self) -> Result<Option<OrderFacts>, StoreError> {
        let tx = self.tx(&[ORDER_FACTS], TransactionMode::Readonly)?;
        let store = tx.object_store(ORDER_FACTS)?;
        let table_read = store.get::<JsValue, _, _>(TABLE_KEY).primitive()?;
        let mut reads = Vec::with_capacity(usize::from(FACT_BUCKETS));
        for bucket in 0..FACT_BUCKETS {
            reads.push(
                store
                    .get::<JsValue, _, _>(numbers_key(bucket))
                    .primitive()?,
            );
        }
        // Missing or damaged: `None`, and the caller rebuilds them from the orders.
        let Ok(Some(table)) = bytes_of(table_read.await?) else {
            return Ok(None);
        };
        let Ok(table) = FactTable::decode(&table) else {
            return Ok(None);
        };
        // The table (every customer id, 100,000 strings hashed into an index) is a
        // task's work of its own; the first bucket's decode would otherwise join it.
        crate::web::next_task().await;
        // Each bucket is decoded in a task of its own, so the page is never held for
        // the whole million: reads that have already arrived resolve as microtasks,
        // which would otherwise run every decode in one task. (The reads were all
        // issued above; the transaction may end meanwhile, their results are kept.)
        let mut reader = StoredFactsReader::new(table);
        for read in reads {
            match bytes_of(read.await?) {
                Ok(Some(bytes)) => {
                    if reader.add_bucket(&bytes).is_err() {
                        return Ok(None);
                    }
                }
                Ok(None) => {}
                Err(_) => return Ok(None),
            }
            crate::web::next_task().await;
        }
        // The grouping of a million facts was the read's longest task (220 ms): it
        // runs in slices too.
        Ok(Some(
            reader
                .finish_in_steps(FACTS_PER_GROUPING_STEP, crate::web::next_task)
                .await,
        ))
    }

    /// Builds the facts from every order in ONE read-write transaction (so no write
    /// slips in between reading the orders and storing their facts) and returns them.
    async fn build_order_facts(&self, progress: &dyn Fn(usize)) -> Result<OrderFacts, StoreError> {
        let tx = self.tx(&[ORDERS, ORDER_FACTS], TransactionMode::Readwrite)?;
        let orders = tx.object_store(ORDERS)?;
        let mut builder = StoredFactsBuilder::default();
        let mut read = 0;
        let mut after: Option<String> = None;
        loop {
            let values = match &after {
                None => {
                    orders
                        .get_all::<JsValue>()
                        .with_limit(BUILD_PAGE)
                        .primitive()?
                        .await?
                }
                Some(key) => {
                    orders
                        .get_all::<JsValue>()
                        .with_query::<&str, _>(KeyRange::LowerBound(key.as_str(), true))
                        .with_limit(BUILD_PAGE)
                        .primitive()?
                        .await?
                }
            };
            let page: Vec<Order> = parse_all_strict(values)?;
            read += page.len();
            progress(read);
            builder.push_orders(&page);
            if page.len() < BUILD_PAGE as usize {
                break;
            }
            after = page.last().map(|o| o.id.clone());
        }
        let (table, buckets) = builder.finish();
        let numbers = write_built(&tx, &table, &buckets)?;
        drop(buckets);
        tx.commit().await?;
        // Decoded and grouped in steps as a read of them is (`read_order_facts`).
        let mut reader = StoredFactsReader::new(table);
        for bucket in &numbers {
            reader
                .add_bucket(bucket)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            crate::web::next_task().await;
        }
        Ok(reader
            .finish_in_steps(FACTS_PER_GROUPING_STEP, crate::web::next_task)
            .await)
    }

    pub(super) async fn order_facts(
        &self,
        progress: &dyn Fn(usize),
    ) -> Result<OrderFacts, StoreError> {
        match self.read_order_facts().await? {
            Some(facts) => Ok(facts),
            None => self.build_order_facts(progress).await,
        }
    }
}
