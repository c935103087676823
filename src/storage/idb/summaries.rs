//! The customers' search summaries kept beside them ([`SummaryBucket`]): one JSON
//! text per bucket in `customer_summaries`, keyed by bucket number, so search is
//! ready at start after 64 reads instead of every full record.
//!
//! Invariant (see `domain::customers::summaries`): every transaction that writes
//! customers calls [`note_summaries`] or [`forget_summaries`] before it commits
//! (through `list_views`, with the first page). While any bucket is missing (a
//! database just upgraded) or damaged, the read answers `None`, writes leave the
//! missing ones missing and drop damaged ones, and the next start builds them all
//! from the records.

use std::collections::BTreeMap;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use wasm_bindgen::JsValue;

use super::codec::put_json_text;
use super::schema::CUSTOMER_SUMMARIES;
use super::IdbStore;
use crate::domain::customers::{
    summary_bucket, Customer, CustomerId, CustomerSummary, SummaryBucket, SUMMARY_BUCKETS,
};
use crate::storage::StoreError;

type Store<'a> = indexed_db_futures::object_store::ObjectStore<'a>;

use super::schema::summary_key as key;

/// A stored bucket: `None` when absent, `Some(None)` when damaged.
fn parse_bucket(value: Option<JsValue>, bucket: u16) -> Option<Option<SummaryBucket>> {
    let value = value.filter(|v| !v.is_undefined())?;
    Some(
        value
            .as_string()
            .and_then(|text| serde_json::from_str::<SummaryBucket>(&text).ok())
            .filter(|b| b.is_well_formed(bucket)),
    )
}

fn put_bucket(store: &Store<'_>, bucket: u16, summaries: &SummaryBucket) -> Result<(), StoreError> {
    put_json_text(store, &key(bucket), summaries)
}

/// What one transaction does to the summaries, by bucket.
#[derive(Default)]
struct Changes<'a> {
    by_bucket: BTreeMap<u16, Vec<Change<'a>>>,
}

enum Change<'a> {
    Note(&'a Customer),
    Forget(&'a CustomerId),
}

impl<'a> Changes<'a> {
    fn add(&mut self, id: &CustomerId, change: Change<'a>) {
        self.by_bucket
            .entry(summary_bucket(id))
            .or_default()
            .push(change);
    }
}

/// Applies `changes` inside the caller's transaction: each touched bucket is read
/// once (all reads issued together) and written once.
async fn apply(tx: &Transaction<'_>, changes: Changes<'_>) -> Result<(), StoreError> {
    if changes.by_bucket.is_empty() {
        return Ok(());
    }
    let store = tx.object_store(CUSTOMER_SUMMARIES)?;
    let mut reads = Vec::with_capacity(changes.by_bucket.len());
    for &bucket in changes.by_bucket.keys() {
        reads.push(store.get::<JsValue, _, _>(key(bucket)).primitive()?);
    }
    for (read, (bucket, bucket_changes)) in reads.into_iter().zip(changes.by_bucket) {
        match parse_bucket(read.await?, bucket) {
            // Not built: stays so until the next start builds every bucket.
            None => {}
            Some(None) => {
                store.delete(key(bucket)).build()?;
            }
            Some(Some(mut summaries)) => {
                for change in bucket_changes {
                    match change {
                        Change::Note(c) => summaries.note(c),
                        Change::Forget(id) => summaries.forget(id),
                    }
                }
                put_bucket(&store, bucket, &summaries)?;
            }
        }
    }
    Ok(())
}

/// Records `batches` (created or saved customers, in the order written: a later
/// save of the same customer wins).
pub(super) async fn note_summaries(
    tx: &Transaction<'_>,
    batches: &[&[Customer]],
) -> Result<(), StoreError> {
    let mut changes = Changes::default();
    for c in batches.iter().flat_map(|b| b.iter()) {
        changes.add(&c.id, Change::Note(c));
    }
    apply(tx, changes).await
}

pub(super) async fn forget_summaries(
    tx: &Transaction<'_>,
    ids: &[&CustomerId],
) -> Result<(), StoreError> {
    let mut changes = Changes::default();
    for &id in ids {
        changes.add(id, Change::Forget(id));
    }
    apply(tx, changes).await
}

/// Writes every bucket from `customers`, all of them (a restore, a new database,
/// the build after an upgrade).
pub(super) fn replace_summaries(
    store: &Store<'_>,
    customers: &[Customer],
) -> Result<(), StoreError> {
    for (bucket, summaries) in (0..SUMMARY_BUCKETS).zip(SummaryBucket::build_all(customers)) {
        put_bucket(store, bucket, &summaries)?;
    }
    Ok(())
}

/// Whether every bucket is stored and readable (read inside the caller's transaction).
pub(super) async fn summaries_complete(store: &Store<'_>) -> Result<bool, StoreError> {
    let mut reads = Vec::with_capacity(usize::from(SUMMARY_BUCKETS));
    for bucket in 0..SUMMARY_BUCKETS {
        reads.push(store.get::<JsValue, _, _>(key(bucket)).primitive()?);
    }
    let mut complete = true;
    for (bucket, read) in (0..SUMMARY_BUCKETS).zip(reads) {
        complete &= matches!(parse_bucket(read.await?, bucket), Some(Some(_)));
    }
    Ok(complete)
}

impl IdbStore {
    /// Every customer's summary, or `None` while they are not built or one bucket is
    /// damaged (the caller waits for the full read then). Each bucket is decoded in a
    /// task of its own, so the page keeps painting.
    pub(super) async fn read_customer_summaries(
        &self,
    ) -> Result<Option<Vec<CustomerSummary>>, StoreError> {
        let tx = self.tx(&[CUSTOMER_SUMMARIES], TransactionMode::Readonly)?;
        let store = tx.object_store(CUSTOMER_SUMMARIES)?;
        let mut reads = Vec::with_capacity(usize::from(SUMMARY_BUCKETS));
        for bucket in 0..SUMMARY_BUCKETS {
            reads.push(store.get::<JsValue, _, _>(key(bucket)).primitive()?);
        }
        let mut all = Vec::new();
        for (bucket, read) in (0..SUMMARY_BUCKETS).zip(reads) {
            match parse_bucket(read.await?, bucket) {
                Some(Some(summaries)) => all.extend(summaries.into_summaries()),
                None | Some(None) => return Ok(None),
            }
            crate::web::next_task().await;
        }
        Ok(Some(all))
    }
}
