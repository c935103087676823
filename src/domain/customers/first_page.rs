//! The list's first page kept beside the customers: the first
//! [`FIRST_PAGE_CAPACITY`] customers in the list's default order, as one small value
//! updated once per transaction, so the first screen at start reads one value and
//! 50 records instead of every customer, and a write of 100,000 customers adds one
//! read and one write, not 100,000 index entries.
//!
//! Invariant ("complete up to its last entry"): every customer whose
//! [`list_order_key`] sorts at or before the last entry is in the entries, and
//! nothing else is. So a page of `limit` customers can be answered whenever the
//! entries hold at least `limit`, or hold every customer. Deletions may shrink it
//! below that; then [`FirstPage::first`] answers `None` and the caller rebuilds it
//! from a full read, which it does anyway on those rare starts.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{list_order_key, Customer, CustomerId};

/// How many customers the stored first page holds: four screens of 50, so
/// deletions and renames rarely shrink it below one screen.
pub const FIRST_PAGE_CAPACITY: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    key: String,
    id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstPage {
    /// Sorted by `key` (ids are part of the key, so keys are unique).
    entries: Vec<Entry>,
    /// Whether `entries` holds every customer (then new customers always enter).
    every_customer: bool,
}

impl FirstPage {
    /// The first page of `customers`, all of them.
    pub fn build<'a>(customers: impl IntoIterator<Item = &'a Customer>) -> Self {
        let mut entries: Vec<Entry> = customers.into_iter().map(entry_of).collect();
        let every_customer = entries.len() <= FIRST_PAGE_CAPACITY;
        if !every_customer {
            // Only the first CAPACITY need sorting.
            entries.select_nth_unstable_by(FIRST_PAGE_CAPACITY, |a, b| a.key.cmp(&b.key));
            entries.truncate(FIRST_PAGE_CAPACITY);
        }
        entries.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        FirstPage {
            entries,
            every_customer,
        }
    }

    /// Takes in customers created or saved (possibly renamed).
    pub fn note(&mut self, customers: &[Customer]) {
        if customers.is_empty() {
            return;
        }
        let ids: HashSet<&str> = customers.iter().map(|c| c.id.as_str()).collect();
        self.entries.retain(|e| !ids.contains(e.id.as_str()));
        // Removing entries keeps the invariant; a customer may enter only at or
        // before the last entry, unless every customer is here. An empty page
        // that is not complete knows nothing, so nobody enters it.
        let bound = if self.every_customer {
            None
        } else {
            match self.entries.last() {
                Some(last) => Some(last.key.clone()),
                None => return,
            }
        };
        // A batch may save one customer twice: the last save is the record, so
        // earlier saves are dropped before any is let in.
        let mut seen = HashSet::new();
        let mut entering: Vec<Entry> = customers
            .iter()
            .rev()
            .filter(|c| seen.insert(c.id.as_str()))
            .map(entry_of)
            .filter(|e| bound.as_ref().is_none_or(|b| e.key < *b))
            .collect();
        if entering.is_empty() {
            return;
        }
        self.entries.append(&mut entering);
        self.entries.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        if self.entries.len() > FIRST_PAGE_CAPACITY {
            self.entries.truncate(FIRST_PAGE_CAPACITY);
            self.every_customer = false;
        }
    }

    /// Lets go of deleted customers.
    pub fn forget<'a>(&mut self, ids: impl IntoIterator<Item = &'a CustomerId>) {
        let ids: HashSet<&str> = ids.into_iter().map(CustomerId::as_str).collect();
        self.entries.retain(|e| !ids.contains(e.id.as_str()));
    }

    /// The ids of the first `limit` customers in the list's order, or `None` when
    /// deletions left too few entries to know them.
    pub fn first(&self, limit: usize) -> Option<Vec<&str>> {
        (self.every_customer || self.entries.len() >= limit).then(|| {
            self.entries
                .iter()
                .take(limit)
                .map(|e| e.id.as_str())
                .collect()
        })
    }

    /// Whether a stored value keeps the invariant's shape (sorted, unique, within
    /// capacity); a value that does not is damaged and must be rebuilt.
    pub fn is_well_formed(&self) -> bool {
        self.entries.len() <= FIRST_PAGE_CAPACITY
            && self.entries.windows(2).all(|w| w[0].key < w[1].key)
    }
}

fn entry_of(c: &Customer) -> Entry {
    Entry {
        key: list_order_key(c),
        id: c.id.as_str().to_owned(),
    }
}

#[cfg(test)]
#[path = "first_page_tests.rs"]
mod tests;
