//! The in-memory customer directory behind the list: search as you type, filters,
//! sorting and paging, fast enough for 100,000 records on every keystroke.
//!
//! Search and sort keys are computed once per record when it enters the directory,
//! not per keystroke.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

use crate::domain::customers::{Customer, CustomerId, CustomerKind};
use crate::domain::customers::{RelationshipStage, SearchText};
use crate::domain::value::ValueTier;

coded_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum SortKey {
        #[default]
        Name = "name",
        LastContact = "last_contact",
        Created = "created",
    }
}

/// A named set of customers the list is narrowed to (a pyramid tier, an ABC class…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subset {
    pub label: String,
    pub ids: std::sync::Arc<std::collections::HashSet<CustomerId>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    pub subset: Option<Subset>,
    pub text: String,
    pub stage: Option<RelationshipStage>,
    pub country: Option<String>,
    pub kind: Option<CustomerKind>,
    /// The customer's current value tier (see [`Directory::query_valued`]).
    pub tier: Option<ValueTier>,
    /// The account owner's name, compared trimmed and case-insensitively ("my
    /// customers" is the rep's own name here).
    pub owner: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
}

/// Customers indexed per step by [`Directory::extend_in_steps`]: about 20 ms each.
const INDEX_STEP: usize = 5_000;

#[derive(Debug, Clone, Default)]
pub struct Directory {
    customers: Vec<Customer>,
    /// Each record's [`search_key`], in the records' order.
    search_text: SearchText,
    name_keys: Vec<String>,
    position: HashMap<CustomerId, usize>,
    /// Every record's index in the list's default order (folded name, then id),
    /// made on the first query after a change: a keystroke then only filters,
    /// instead of sorting its hits by name (8,000 hits of 100,000 customers).
    name_order: std::sync::OnceLock<Vec<u32>>,
}

/// How owner names compare: trimmed, case-insensitive (as rep names do elsewhere).
pub fn owner_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Lower-cases and strips the accents of Latin letters, so "garcia" finds "García"
/// and "Álvaro" sorts among the A's. Other scripts pass through lower-cased.
pub fn fold_for_matching(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        let base = match ch {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' | 'ă' | 'ā' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' | 'đ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' | 'ē' => 'e',
            'ğ' => 'g',
            'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
            'ł' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' | 'ō' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' | 'ș' => 's',
            'ť' | 'ţ' | 'ț' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            'ß' => {
                out.push_str("ss");
                continue;
            }
            other => other,
        };
        out.push(base);
    }
    out
}

/// A customer's place in the list's default order (by name, then id) as one string
/// that sorts the same way when compared by UTF-16 code units, as IndexedDB
/// compares keys: the folded name's UTF-8 bytes in hex, a dot, the id's in hex.
/// Hex keeps byte order (IndexedDB alone would put some CJK-compatibility and
/// emoji names differently), and the dot, below every hex digit, puts "Ana"
/// before "Anabel" as Rust does.
pub fn list_order_key(c: &Customer) -> String {
    let name = fold_for_matching(&c.name);
    let mut key = String::with_capacity(2 * (name.len() + c.id.as_str().len()) + 1);
    let hex = |key: &mut String, bytes: &[u8]| {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        for &b in bytes {
            key.push(char::from(DIGITS[usize::from(b >> 4)]));
            key.push(char::from(DIGITS[usize::from(b & 15)]));
        }
    };
    hex(&mut key, name.as_bytes());
    key.push('.');
    hex(&mut key, c.id.as_str().as_bytes());
    key
}

/// What a customer is found by: its searchable fields folded, then the phone's digits.
pub(super) fn search_key(c: &Customer) -> String {
    let mut key = fold_for_matching(&c.search_text());
    let digits: String = c.phone.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        key.push('\u{1f}');
        key.push_str(&digits);
    }
    key
}

impl Directory {
    pub fn new(customers: Vec<Customer>) -> Self {
        let mut dir = Self::default();
        dir.customers.reserve(customers.len());
        for c in customers {
            dir.upsert(c);
        }
        dir
    }

    /// Adds `customers` (or replaces those with the same id) a slice at a time,
    /// awaiting `pause` between slices: 100,000 customers take about half a second
    /// to index, which would hold the page in one task. An empty directory takes
    /// the vector itself instead of moving each record into a second one (at
    /// 100,000 customers both would be held at once: 40 MB more at the peak).
    pub async fn extend_in_steps<P: std::future::Future<Output = ()>>(
        &mut self,
        customers: Vec<Customer>,
        pause: impl Fn() -> P,
    ) {
        if self.customers.is_empty() {
            self.adopt_in_steps(customers, &pause).await;
            return;
        }
        self.customers.reserve(customers.len());
        let mut customers = customers.into_iter().peekable();
        while customers.peek().is_some() {
            for c in customers.by_ref().take(INDEX_STEP) {
                self.upsert(c);
            }
            if customers.peek().is_some() {
                pause().await;
            }
        }
    }

    /// Indexes `customers` in place, as the directory's own records. An id given
    /// twice (no store returns that) falls back to inserting one by one, where
    /// the later record replaces the earlier.
    async fn adopt_in_steps<P: std::future::Future<Output = ()>>(
        &mut self,
        customers: Vec<Customer>,
        pause: &impl Fn() -> P,
    ) {
        *self = Self::default();
        self.search_text = SearchText::default();
        self.name_keys.reserve(customers.len());
        self.position.reserve(customers.len());
        for (step, slice) in customers.chunks(INDEX_STEP).enumerate() {
            if step > 0 {
                // Sized once from the first slice's keys, not grown by doubling.
                if step == 1 {
                    self.search_text.reserve_for(customers.len());
                }
                pause().await;
            }
            for (i, c) in slice.iter().enumerate() {
                if self
                    .position
                    .insert(c.id.clone(), step * INDEX_STEP + i)
                    .is_some()
                {
                    *self = Self::new(customers);
                    return;
                }
                self.search_text.push(&search_key(c));
                self.name_keys.push(fold_for_matching(&c.name));
            }
        }
        self.customers = customers;
    }

    pub fn len(&self) -> usize {
        self.customers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }

    pub fn get(&self, id: &CustomerId) -> Option<&Customer> {
        self.position.get(id).map(|&i| &self.customers[i])
    }

    pub fn at(&self, index: usize) -> Option<&Customer> {
        self.customers.get(index)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Customer> {
        self.customers.iter()
    }

    /// Inserts or replaces the record with the same id.
    pub fn upsert(&mut self, c: Customer) {
        self.name_order = std::sync::OnceLock::new();
        let search = search_key(&c);
        let name = fold_for_matching(&c.name);
        match self.position.get(&c.id) {
            Some(&i) => {
                self.search_text.replace(i, &search);
                self.name_keys[i] = name;
                self.customers[i] = c;
            }
            None => {
                self.position.insert(c.id.clone(), self.customers.len());
                self.search_text.push(&search);
                self.name_keys.push(name);
                self.customers.push(c);
            }
        }
    }

    pub fn remove(&mut self, id: &CustomerId) -> Option<Customer> {
        let i = self.position.remove(id)?;
        self.name_order = std::sync::OnceLock::new();
        self.search_text.swap_remove(i);
        self.name_keys.swap_remove(i);
        let removed = self.customers.swap_remove(i);
        if let Some(moved) = self.customers.get(i) {
            self.position.insert(moved.id.clone(), i);
        }
        Some(removed)
    }

    fn name_order(&self) -> &[u32] {
        self.name_order.get_or_init(|| {
            let mut order: Vec<u32> = (0..self.customers.len() as u32).collect();
            order.sort_unstable_by(|&a, &b| {
                let (a, b) = (a as usize, b as usize);
                self.name_keys[a]
                    .cmp(&self.name_keys[b])
                    .then_with(|| self.customers[a].id.cmp(&self.customers[b].id))
            });
            order
        })
    }

    /// Distinct country codes present, sorted, for the country filter.
    pub fn countries(&self) -> Vec<String> {
        let mut countries: Vec<String> = self.customers.iter().map(|c| c.country.clone()).collect();
        countries.sort_unstable();
        countries.dedup();
        countries
    }

    /// Indices of the matching records in display order. Without tiers: a query for
    /// a tier matches nobody, use [`Self::query_valued`].
    pub fn query(&self, q: &ListQuery) -> Vec<usize> {
        self.query_valued(q, &|_| None)
    }

    /// [`Self::query`], with each customer's current tier from `tier_of`.
    pub fn query_valued(
        &self,
        q: &ListQuery,
        tier_of: &dyn Fn(&CustomerId) -> Option<ValueTier>,
    ) -> Vec<usize> {
        let tokens: Vec<String> = q.text.split_whitespace().map(fold_for_matching).collect();
        let country = q.country.as_deref();
        let owner = q.owner.as_deref().map(owner_key);
        // The words are looked for once across every key, before the other filters.
        let text_hits = (!tokens.is_empty()).then(|| self.search_text.matching(&tokens));
        let matches = |i: usize| {
            let c = &self.customers[i];
            if text_hits.as_ref().is_some_and(|hits| !hits[i]) {
                return false;
            }
            q.subset.as_ref().is_none_or(|s| s.ids.contains(&c.id))
                && q.stage.is_none_or(|s| c.stage == s)
                && q.kind.is_none_or(|k| c.kind() == k)
                && country.is_none_or(|k| c.country == k)
                && owner.as_deref().is_none_or(|o| owner_key(&c.owner) == o)
                && q.tier.is_none_or(|t| tier_of(&c.id) == Some(t))
        };
        // Never-contacted customers sort as the oldest contact.
        let when: fn(&Customer) -> Option<DateTime<Utc>> = match q.sort {
            SortKey::Name => {
                let mut hits: Vec<usize> = self
                    .name_order()
                    .iter()
                    .map(|&i| i as usize)
                    .filter(|&i| matches(i))
                    .collect();
                // By name then id, descending: the same order reversed.
                if q.descending {
                    hits.reverse();
                }
                return hits;
            }
            SortKey::LastContact => |c| c.last_contact_at,
            SortKey::Created => |c| Some(c.created_at),
        };
        let mut hits: Vec<usize> = (0..self.customers.len()).filter(|&i| matches(i)).collect();
        hits.sort_unstable_by(|&a, &b| {
            let (a, b) = (&self.customers[a], &self.customers[b]);
            let ordered = when(a).cmp(&when(b)).then_with(|| a.id.cmp(&b.id));
            if q.descending {
                ordered.reverse()
            } else {
                ordered
            }
        });
        hits
    }
}

#[cfg(test)]
#[path = "directory_tests.rs"]
mod tests;
