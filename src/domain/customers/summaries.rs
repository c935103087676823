//! Search summaries kept beside the customers: what the list shows of a customer
//! and the directory's search key, packed [`SUMMARY_BUCKETS`] buckets to a store,
//! so search is ready at start after reading a few dozen values instead of every
//! full record (100,000 customers: 20 MB of summaries against 80 MB of records,
//! and 64 reads instead of 100,000 structured clones).
//!
//! Invariant: while every bucket is stored, the buckets hold exactly one summary
//! of every customer, as [`CustomerSummary::of`] makes it from the stored record.
//! Every transaction that writes customers applies the same change to the buckets
//! it touches; a missing bucket means "not built" (an upgraded database) and writes
//! leave it missing until the next start builds them all from the records.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    fold_for_matching, search_key, Customer, CustomerId, CustomerKind, RelationshipStage,
    SearchText,
};

/// How many packed values hold the summaries. A single save rewrites one bucket
/// (100,000 customers: about 300 KB of JSON); a bulk write rewrites each once.
pub const SUMMARY_BUCKETS: u16 = 64;

/// One customer as the list shows it before the full records are read. Short
/// field names: 100,000 of them are read at every start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSummary {
    #[serde(rename = "i")]
    pub id: CustomerId,
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "e", default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(rename = "c")]
    pub country: String,
    #[serde(rename = "z", default, skip_serializing_if = "String::is_empty")]
    pub time_zone: String,
    #[serde(rename = "k")]
    pub kind: CustomerKind,
    #[serde(rename = "s")]
    pub stage: RelationshipStage,
    #[serde(
        rename = "l",
        default,
        with = "chrono::serde::ts_milliseconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_contact_at: Option<DateTime<Utc>>,
    /// The directory's search key, folded when the customer is written so a start
    /// does not fold 100,000 records.
    #[serde(rename = "q")]
    pub search: String,
}

impl CustomerSummary {
    pub fn of(c: &Customer) -> Self {
        CustomerSummary {
            id: c.id.clone(),
            name: c.name.clone(),
            email: c.email.clone(),
            country: c.country.clone(),
            time_zone: c.time_zone.clone(),
            kind: c.kind(),
            stage: c.stage,
            // Stored to the millisecond: what the list shows, and what a round trip keeps.
            last_contact_at: c
                .last_contact_at
                .and_then(|at| DateTime::from_timestamp_millis(at.timestamp_millis())),
            search: search_key(c),
        }
    }
}

/// The bucket a customer's summary lives in: FNV-1a of the id's bytes. Stored
/// data depends on it, so it never changes (a test pins it).
pub fn summary_bucket(id: &CustomerId) -> u16 {
    let mut hash: u32 = 0x811c_9dc5;
    for &b in id.as_str().as_bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash % u32::from(SUMMARY_BUCKETS)) as u16
}

/// One bucket's summaries, sorted by id (so a bucket's text is the same whatever
/// order the writes came in).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SummaryBucket(Vec<CustomerSummary>);

impl SummaryBucket {
    /// Every bucket, built from every customer; index = bucket number.
    pub fn build_all<'a>(customers: impl IntoIterator<Item = &'a Customer>) -> Vec<SummaryBucket> {
        let mut buckets = vec![SummaryBucket::default(); usize::from(SUMMARY_BUCKETS)];
        for c in customers {
            buckets[usize::from(summary_bucket(&c.id))]
                .0
                .push(CustomerSummary::of(c));
        }
        for bucket in &mut buckets {
            bucket.0.sort_by(|a, b| a.id.cmp(&b.id));
            // A customer given twice keeps its last summary, as a store would.
            bucket.0.dedup_by(|later, earlier| {
                if later.id == earlier.id {
                    std::mem::swap(later, earlier);
                    true
                } else {
                    false
                }
            });
        }
        buckets
    }

    /// Takes in a customer created or saved.
    pub fn note(&mut self, c: &Customer) {
        let summary = CustomerSummary::of(c);
        match self.0.binary_search_by(|s| s.id.cmp(&c.id)) {
            Ok(i) => self.0[i] = summary,
            Err(i) => self.0.insert(i, summary),
        }
    }

    pub fn forget(&mut self, id: &CustomerId) {
        if let Ok(i) = self.0.binary_search_by(|s| s.id.cmp(id)) {
            self.0.remove(i);
        }
    }

    /// Sorted by id, no id twice, each in the bucket its id belongs to: what
    /// [`Self::build_all`] and the writes keep. A stored bucket that is not is
    /// damaged and gets rebuilt.
    pub fn is_well_formed(&self, bucket: u16) -> bool {
        self.0.windows(2).all(|w| w[0].id < w[1].id)
            && self.0.iter().all(|s| summary_bucket(&s.id) == bucket)
    }

    pub fn summaries(&self) -> &[CustomerSummary] {
        &self.0
    }

    pub fn into_summaries(self) -> Vec<CustomerSummary> {
        self.0
    }
}

/// Names folded, sorted within shared prefixes or keys laid out, per step of
/// [`SummaryIndex::new_in_steps`].
const INDEX_STEP: usize = 10_000;

/// Search over the summaries while the full records load: the directory's text
/// search in the list's default order (by name, then id), which is all the list
/// offers before it is ready.
#[derive(Clone, Debug, Default)]
pub struct SummaryIndex {
    /// In the list's default order.
    rows: Vec<CustomerSummary>,
    /// The rows' search keys, in the same order.
    search_text: SearchText,
}

impl SummaryIndex {
    /// Indexes `summaries` in the list's order, a step at a time, awaiting `pause`
    /// between steps (names folded [`INDEX_STEP`] at a time, then the sort), so
    /// 100,000 summaries never hold the page long.
    pub async fn new_in_steps<P: std::future::Future<Output = ()>>(
        summaries: Vec<CustomerSummary>,
        pause: impl Fn() -> P,
    ) -> Self {
        let mut names = Vec::with_capacity(summaries.len());
        for slice in summaries.chunks(INDEX_STEP) {
            names.extend(slice.iter().map(|s| fold_for_matching(&s.name)));
            pause().await;
        }
        // The first 8 bytes of each name as a number: one quick sort of numbers
        // orders most names (UTF-8 compares as its bytes do, and a shorter name
        // padded with zeros still sorts first); only runs sharing a prefix need
        // their names compared, a few runs per step. One comparison sort of
        // 100,000 names held the page 130–170 ms.
        let prefix = |name: &str| {
            let mut bytes = [0u8; 8];
            let n = name.len().min(8);
            bytes[..n].copy_from_slice(&name.as_bytes()[..n]);
            u64::from_be_bytes(bytes)
        };
        let mut order: Vec<(u64, usize)> = names
            .iter()
            .enumerate()
            .map(|(i, name)| (prefix(name), i))
            .collect();
        order.sort_unstable_by_key(|&(p, _)| p);
        pause().await;
        let mut since_pause = 0;
        for run in order.chunk_by_mut(|a, b| a.0 == b.0) {
            if run.len() > 1 {
                run.sort_unstable_by(|&(_, a), &(_, b)| {
                    names[a]
                        .cmp(&names[b])
                        .then_with(|| summaries[a].id.cmp(&summaries[b].id))
                });
            }
            since_pause += run.len();
            if since_pause >= INDEX_STEP {
                since_pause = 0;
                pause().await;
            }
        }
        let mut slots: Vec<Option<CustomerSummary>> = summaries.into_iter().map(Some).collect();
        let rows: Vec<CustomerSummary> = order
            .into_iter()
            .filter_map(|(_, i)| slots[i].take())
            .collect();
        let bytes = rows.iter().map(|r| r.search.len()).sum();
        let mut search_text = SearchText::with_capacity(rows.len(), bytes);
        for slice in rows.chunks(INDEX_STEP) {
            pause().await;
            for row in slice {
                search_text.push(&row.search);
            }
        }
        SummaryIndex { rows, search_text }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The customers whose search key holds every word of `text` (folded), in the
    /// list's order, as the directory's query with only `text` set finds them.
    pub fn search(&self, text: &str) -> Vec<&CustomerSummary> {
        let tokens: Vec<String> = text.split_whitespace().map(fold_for_matching).collect();
        let hits = self.search_text.matching(&tokens);
        self.rows
            .iter()
            .zip(hits)
            .filter_map(|(row, hit)| hit.then_some(row))
            .collect()
    }
}
