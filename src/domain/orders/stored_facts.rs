//! The order facts as storage keeps them, so the value analysis opens without
//! reading a million order records: a small table of the customers and currencies
//! the facts refer to by number, and [`FACT_BUCKETS`] buckets of facts, each the
//! orders whose id hashes to it.
//!
//! Why buckets by order id: an import `put`s orders by id, so a re-imported order
//! replaces its old fact in the one bucket both hash to, even when the file now
//! names another customer; a write rewrites only the buckets its orders touch. Each
//! bucket keeps the order ids apart from the numbers, so opening the analysis reads
//! only the numbers (about 14 bytes an order) and only writes read the ids.
//!
//! The encoding is this module's own (LEB128 varints, zig-zag for signed values): it
//! is pure, so every byte of it is tested natively, and a damaged value is an error
//! to rebuild from the orders, never a panic or a wrong figure.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::future::Future;

use thiserror::Error;

use super::facts::Fact;
use super::{group_in_steps, CurrencyCode, Order, OrderFacts};
use crate::domain::customers::CustomerId;
use crate::domain::shared::fast_hash::FastBuild;
use encoding::{date_of, days_of, put_signed, put_str, put_varint, status_code, status_of, Reader};

/// How many buckets the facts are spread over. Part of the stored format: a new
/// count needs a new [`FORMAT`] (older databases then rebuild once).
pub const FACT_BUCKETS: u16 = 64;

/// The encoding's version, the second byte of every stored value.
pub const FORMAT: u8 = 1;

mod encoding;

const TABLE_TAG: u8 = b'T';
const NUMBERS_TAG: u8 = b'N';
const IDS_TAG: u8 = b'I';

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoredFactsError {
    #[error("the stored order facts end early")]
    Truncated,
    #[error("the stored order facts are in format {found}; this version reads {FORMAT}")]
    Format { found: u8 },
    #[error("the stored order facts are damaged ({0})")]
    Damaged(&'static str),
}

/// The bucket an order's fact lives in. Stable forever for [`FORMAT`] 1 (FNV-1a).
pub fn bucket_of(order_id: &str) -> u16 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in order_id.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash % u32::from(FACT_BUCKETS)) as u16
}

/// The buckets a write of these order ids touches, each once, in order.
pub fn buckets_of<'a>(order_ids: impl IntoIterator<Item = &'a str>) -> BTreeSet<u16> {
    order_ids.into_iter().map(bucket_of).collect()
}

/// Customers and currencies the buckets refer to by number. It only grows: a
/// deleted customer's entry stays, unused, until the facts are rebuilt.
#[derive(Debug, Clone, Default)]
pub struct FactTable {
    customers: Vec<CustomerId>,
    index: HashMap<CustomerId, u32>,
    currencies: Vec<CurrencyCode>,
    /// Whether entries were added since it was read (then it must be written back).
    grown: bool,
}

impl PartialEq for FactTable {
    fn eq(&self, other: &Self) -> bool {
        self.customers == other.customers && self.currencies == other.currencies
    }
}

/// One bucket: the facts of the orders whose id hashes to it, with those ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FactBucket {
    facts: Vec<Fact>,
    ids: Vec<String>,
}

impl FactTable {
    pub fn customers(&self) -> usize {
        self.customers.len()
    }

    /// Whether entries were added since the table was read or built.
    pub fn has_grown(&self) -> bool {
        self.grown
    }

    fn customer_number(&mut self, id: &CustomerId) -> u32 {
        if let Some(&n) = self.index.get(id) {
            return n;
        }
        let n = self.customers.len() as u32;
        self.customers.push(id.clone());
        self.index.insert(id.clone(), n);
        self.grown = true;
        n
    }

    fn currency_number(&mut self, code: CurrencyCode) -> u16 {
        match self.currencies.iter().position(|c| *c == code) {
            Some(n) => n as u16,
            None => {
                self.currencies.push(code);
                self.grown = true;
                (self.currencies.len() - 1) as u16
            }
        }
    }

    fn fact_of(&mut self, order: &Order) -> Fact {
        let customer = self.customer_number(&order.customer_id);
        let currency = self.currency_number(order.total.currency);
        Fact::of(order, customer, currency)
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![TABLE_TAG, FORMAT];
        put_varint(&mut out, self.customers.len() as u64);
        for id in &self.customers {
            put_str(&mut out, id.as_str());
        }
        put_varint(&mut out, self.currencies.len() as u64);
        for code in &self.currencies {
            out.extend_from_slice(code.as_str().as_bytes());
        }
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, StoredFactsError> {
        let mut r = Reader::new(bytes, TABLE_TAG)?;
        let count = r.count()?;
        let mut table = Self::default();
        table.customers.reserve(count);
        for _ in 0..count {
            let id = CustomerId(r.string()?);
            if table.index.contains_key(&id) {
                return Err(StoredFactsError::Damaged("a customer is listed twice"));
            }
            table.index.insert(id.clone(), table.customers.len() as u32);
            table.customers.push(id);
        }
        let currencies = r.count()?;
        if currencies > usize::from(u16::MAX) {
            return Err(StoredFactsError::Damaged("too many currencies"));
        }
        for _ in 0..currencies {
            let code = std::str::from_utf8(r.bytes(3)?)
                .ok()
                .and_then(CurrencyCode::parse)
                .ok_or(StoredFactsError::Damaged("a currency code"))?;
            table.currencies.push(code);
        }
        r.end()?;
        Ok(table)
    }
}

impl FactBucket {
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// Adds the orders' facts, each replacing the fact of an order with the same id.
    pub fn put(&mut self, table: &mut FactTable, orders: &[&Order]) {
        // Looked up by borrowed ids, not copies: a bucket of a million-order store
        // holds some 16,000 ids, and an import touches every bucket.
        let stored: Vec<Option<usize>> = {
            let at: HashMap<&str, usize, FastBuild> = self
                .ids
                .iter()
                .enumerate()
                .map(|(i, id)| (id.as_str(), i))
                .collect();
            orders
                .iter()
                .map(|o| at.get(o.id.as_str()).copied())
                .collect()
        };
        // Ids new to the bucket, so a second row with one id replaces the first.
        let mut added: HashMap<&str, usize, FastBuild> = HashMap::default();
        for (order, found) in orders.iter().zip(stored) {
            let fact = table.fact_of(order);
            match found.or_else(|| added.get(order.id.as_str()).copied()) {
                Some(i) => self.facts[i] = fact,
                None => {
                    added.insert(order.id.as_str(), self.facts.len());
                    self.facts.push(fact);
                    self.ids.push(order.id.clone());
                }
            }
        }
    }

    /// Drops the facts of these orders (a deleted customer's).
    pub fn remove(&mut self, order_ids: &HashSet<&str>) {
        let mut i = 0;
        while i < self.ids.len() {
            if order_ids.contains(self.ids[i].as_str()) {
                self.ids.swap_remove(i);
                self.facts.swap_remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// The numbers (read when the analysis opens) and the ids (read by writes).
    pub fn encode(&self) -> (Vec<u8>, Vec<u8>) {
        let mut numbers = vec![NUMBERS_TAG, FORMAT];
        put_varint(&mut numbers, self.facts.len() as u64);
        for fact in &self.facts {
            put_varint(&mut numbers, u64::from(fact.customer));
            put_varint(&mut numbers, u64::from(fact.currency));
            numbers.push(status_code(fact.status));
            put_signed(&mut numbers, days_of(fact.placed_on));
            for amount in [
                fact.total,
                fact.refunded,
                fact.cost_of_goods,
                fact.shipping_cost,
                fact.discount,
            ] {
                put_signed(&mut numbers, amount);
            }
        }
        let mut ids = vec![IDS_TAG, FORMAT];
        put_varint(&mut ids, self.ids.len() as u64);
        for id in &self.ids {
            put_str(&mut ids, id);
        }
        (numbers, ids)
    }

    /// A bucket as written by [`Self::encode`], checked against `table`.
    pub fn decode(numbers: &[u8], ids: &[u8], table: &FactTable) -> Result<Self, StoredFactsError> {
        let mut facts = Vec::new();
        decode_numbers(numbers, table, &mut facts)?;
        let mut r = Reader::new(ids, IDS_TAG)?;
        let count = r.count()?;
        if count != facts.len() {
            return Err(StoredFactsError::Damaged("ids and facts differ in number"));
        }
        let mut list = Vec::with_capacity(count);
        for _ in 0..count {
            list.push(r.string()?);
        }
        r.end()?;
        Ok(Self { facts, ids: list })
    }
}

/// Appends one bucket's facts (numbers only) to `into`, every reference checked.
fn decode_numbers(
    bytes: &[u8],
    table: &FactTable,
    into: &mut Vec<Fact>,
) -> Result<(), StoredFactsError> {
    let mut r = Reader::new(bytes, NUMBERS_TAG)?;
    let count = r.count()?;
    into.reserve(count);
    for _ in 0..count {
        let customer = r.varint()?;
        if customer >= table.customers.len() as u64 {
            return Err(StoredFactsError::Damaged("a fact names no listed customer"));
        }
        let currency = r.varint()?;
        if currency >= table.currencies.len() as u64 {
            return Err(StoredFactsError::Damaged("a fact names no listed currency"));
        }
        let status = status_of(r.byte()?).ok_or(StoredFactsError::Damaged("an order status"))?;
        let placed_on = date_of(r.signed()?).ok_or(StoredFactsError::Damaged("an order date"))?;
        into.push(Fact {
            customer: customer as u32,
            currency: currency as u16,
            status,
            placed_on,
            total: r.signed()?,
            refunded: r.signed()?,
            cost_of_goods: r.signed()?,
            shipping_cost: r.signed()?,
            discount: r.signed()?,
        });
    }
    r.end()
}

/// Builds every bucket from scratch, a page of orders at a time (a rebuild from the
/// order records, a restore, a first start after an upgrade).
#[derive(Debug, Clone)]
pub struct StoredFactsBuilder {
    table: FactTable,
    buckets: Vec<FactBucket>,
}

impl Default for StoredFactsBuilder {
    fn default() -> Self {
        Self {
            table: FactTable::default(),
            buckets: vec![FactBucket::default(); usize::from(FACT_BUCKETS)],
        }
    }
}

impl StoredFactsBuilder {
    pub fn push_orders(&mut self, orders: &[Order]) {
        let mut by_bucket: Vec<Vec<&Order>> = vec![Vec::new(); usize::from(FACT_BUCKETS)];
        for order in orders {
            by_bucket[usize::from(bucket_of(&order.id))].push(order);
        }
        for (bucket, orders) in self.buckets.iter_mut().zip(by_bucket) {
            if !orders.is_empty() {
                bucket.put(&mut self.table, &orders);
            }
        }
    }

    /// The table and every bucket, numbered from 0 (empty buckets included, so a
    /// rebuild overwrites whatever was stored before).
    pub fn finish(self) -> (FactTable, Vec<FactBucket>) {
        (self.table, self.buckets)
    }
}

/// A bucket's stored (numbers, ids), or `None` when it was never written.
pub type StoredBucket = Option<(Vec<u8>, Vec<u8>)>;

/// What a write of orders does to the stored facts: the values to put back.
#[derive(Debug, Clone, PartialEq)]
pub struct FactsWrite {
    /// The table, when the write added a customer or a currency.
    pub table: Option<Vec<u8>>,
    /// (bucket, numbers, ids) of every bucket the write touched.
    pub buckets: Vec<(u16, Vec<u8>, Vec<u8>)>,
}

/// The stored facts after `removed` orders are gone and `put` orders are written
/// (same id = replaced). `stored` holds every bucket of [`buckets_of`] the ids of
/// both, as read (`None`: never written); a bucket missing from it is an error, not
/// an empty bucket, so a caller that read too little cannot drop facts.
pub fn write_orders(
    table: &[u8],
    stored: Vec<(u16, StoredBucket)>,
    put: &[Order],
    removed: &[&str],
) -> Result<FactsWrite, StoredFactsError> {
    let mut writer = FactsWriter::new(table, put, removed)?;
    let mut buckets = Vec::with_capacity(stored.len());
    for (number, values) in stored {
        let (numbers, ids) = writer.bucket(number, values)?;
        buckets.push((number, numbers, ids));
    }
    let table = writer.finish()?;
    Ok(FactsWrite { table, buckets })
}

/// [`write_orders`] one bucket at a time, so a caller can let the page breathe
/// between buckets: [`Self::bucket`] for every bucket of [`Self::touched`], then
/// [`Self::finish`].
pub struct FactsWriter<'a> {
    table: FactTable,
    removed: HashSet<&'a str>,
    by_bucket: HashMap<u16, Vec<&'a Order>>,
    touched: BTreeSet<u16>,
    done: BTreeSet<u16>,
}

impl<'a> FactsWriter<'a> {
    pub fn new(
        table: &[u8],
        put: &'a [Order],
        removed: &[&'a str],
    ) -> Result<Self, StoredFactsError> {
        let mut by_bucket: HashMap<u16, Vec<&Order>> = HashMap::new();
        for order in put {
            by_bucket
                .entry(bucket_of(&order.id))
                .or_default()
                .push(order);
        }
        let removed: HashSet<&str> = removed.iter().copied().collect();
        let touched = buckets_of(
            put.iter()
                .map(|o| o.id.as_str())
                .chain(removed.iter().copied()),
        );
        Ok(Self {
            table: FactTable::decode(table)?,
            removed,
            by_bucket,
            touched,
            done: BTreeSet::new(),
        })
    }

    /// The buckets the write touches: each must go through [`Self::bucket`].
    pub fn touched(&self) -> &BTreeSet<u16> {
        &self.touched
    }

    /// One touched bucket as read; returns its (numbers, ids) to store.
    pub fn bucket(
        &mut self,
        number: u16,
        stored: StoredBucket,
    ) -> Result<(Vec<u8>, Vec<u8>), StoredFactsError> {
        let mut bucket = match stored {
            Some((numbers, ids)) => FactBucket::decode(&numbers, &ids, &self.table)?,
            None => FactBucket::default(),
        };
        if !self.removed.is_empty() {
            bucket.remove(&self.removed);
        }
        if let Some(orders) = self.by_bucket.get(&number) {
            bucket.put(&mut self.table, orders);
        }
        self.done.insert(number);
        Ok(bucket.encode())
    }

    /// The table to store if the write added to it. Refused when a touched bucket
    /// was left out, so a caller that read too little cannot drop facts.
    pub fn finish(self) -> Result<Option<Vec<u8>>, StoredFactsError> {
        if !self.touched.is_subset(&self.done) {
            return Err(StoredFactsError::Damaged("a touched bucket was not read"));
        }
        Ok(self.table.has_grown().then(|| self.table.encode()))
    }
}

impl OrderFacts {
    /// The facts of every bucket's numbers, grouped by customer
    /// ([`OrderFacts::group_by_customer`]).
    pub fn from_stored(table: FactTable, numbers: &[Vec<u8>]) -> Result<Self, StoredFactsError> {
        let mut reader = StoredFactsReader::new(table);
        for bucket in numbers {
            reader.add_bucket(bucket)?;
        }
        Ok(reader.finish())
    }
}

/// [`OrderFacts::from_stored`] a bucket at a time, as the buckets' reads arrive.
#[derive(Debug)]
pub struct StoredFactsReader {
    table: FactTable,
    facts: Vec<Fact>,
}

impl StoredFactsReader {
    pub fn new(table: FactTable) -> Self {
        Self {
            table,
            facts: Vec::new(),
        }
    }

    pub fn add_bucket(&mut self, numbers: &[u8]) -> Result<(), StoredFactsError> {
        decode_numbers(numbers, &self.table, &mut self.facts)
    }

    /// The facts read, grouped by customer.
    pub fn finish(self) -> OrderFacts {
        let mut loaded = self.ungrouped();
        loaded.group_by_customer();
        loaded
    }

    /// The facts read, grouped by customer with a `pause` after every step of at
    /// most `facts_per_step` facts ([`group_in_steps`]): grouping a million facts
    /// at once held the page for a fifth of a second.
    pub async fn finish_in_steps<P: Future<Output = ()>>(
        self,
        facts_per_step: usize,
        pause: impl Fn() -> P,
    ) -> OrderFacts {
        group_in_steps(self.ungrouped(), facts_per_step, pause).await
    }

    fn ungrouped(self) -> OrderFacts {
        OrderFacts::from_parts(
            self.table.customers,
            self.table.index,
            self.table.currencies,
            self.facts,
        )
    }
}

#[cfg(test)]
#[path = "stored_facts_tests.rs"]
mod tests;
