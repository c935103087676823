//! Per-customer value over a period: revenue, cost and margin of each customer, summed
//! in one pass over orders and costs through a fast-hashed id index.

use super::*;
use crate::domain::customers::CustomerId;
use crate::domain::orders::{CostEntry, CurrencyCode, Order, OrderStatus};
use crate::domain::shared::fast_hash::FastBuild as FxBuild;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::hash::Hasher;

/// An analysed period, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// Per-customer value in the reporting currency over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerValue {
    pub id: CustomerId,
    pub revenue: i64,
    pub cost_of_goods: i64,
    pub cost_to_serve: i64,
    pub profit: i64,
    pub orders: u32,
    pub last_order: Option<NaiveDate>,
}

/// A borrowed customer id as a hash key, compared 8 bytes at a time (`str ==` is a
/// byte-by-byte `memcmp` loop in wasm32).
#[derive(Clone, Copy)]
pub(super) struct IdKey<'a>(pub(super) &'a str);

impl PartialEq for IdKey<'_> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        same_bytes(self.0, other.0)
    }
}

impl Eq for IdKey<'_> {}

impl std::hash::Hash for IdKey<'_> {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(self.0.as_bytes());
    }
}

#[inline(always)]
pub(super) fn same_bytes(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    // Index loops rather than iterator adapters: `opt-level = "z"` does not inline
    // those in wasm32.
    let mut at = 0;
    while at + 8 <= a.len() {
        if word_le(&a[at..at + 8]) != word_le(&b[at..at + 8]) {
            return false;
        }
        at += 8;
    }
    word_le(&a[at..]) == word_le(&b[at..])
}

/// Up to the first 8 bytes as a little-endian word, zero-padded. Written so that
/// `opt-level = "z"` still compiles the 8-byte case to a single load in wasm32.
#[inline(always)]
fn word_le(bytes: &[u8]) -> u64 {
    if let [b0, b1, b2, b3, b4, b5, b6, b7, ..] = *bytes {
        return u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]);
    }
    let mut word = 0;
    let mut at = bytes.len();
    while at > 0 {
        at -= 1;
        word = (word << 8) | u64::from(bytes[at]);
    }
    word
}

/// Running totals for one customer (kept small: 32 bytes, randomly accessed).
#[derive(Clone, Copy, Default)]
struct Acc {
    revenue: i64,
    cost_of_goods: i64,
    cost_to_serve: i64,
    orders: u32,
    last_order: Option<NaiveDate>,
}

#[inline(always)]
fn add_checked(total: &mut i64, part: i64) -> Result<(), ValueError> {
    *total = total.checked_add(part).ok_or(ValueError::Overflow)?;
    Ok(())
}

/// Per-customer value in the reporting currency over `period`:
///
/// - revenue = Σ (total − refunded) over non-cancelled orders placed in the period;
/// - cost_of_goods = Σ cost_of_goods of those orders;
/// - cost_to_serve = Σ (shipping_cost + discount) of those orders + Σ cost entries
///   dated in the period;
/// - profit = revenue − cost_of_goods − cost_to_serve;
/// - orders = count of non-cancelled, non-refunded orders in the period;
/// - last_order = latest such order placed on or before `period.to` (also before the
///   period, for recency).
///
/// Conversion is per order and per amount, as [`ExchangeRates::convert`] does it:
/// `total − refunded`, `cost_of_goods` and `shipping_cost + discount` of each order
/// and each cost entry are converted (and rounded) separately, then summed with
/// checked `i64` additions in input order (orders first, then cost entries). Every
/// counted amount of a currency without a rate is an error, even a zero; the first
/// error wins. The output is aligned with `customer_ids`, zeros for customers
/// without orders (a repeated id repeats the values of its first occurrence); orders
/// and costs of other customers are ignored.
pub fn customer_values(
    customer_ids: &[CustomerId],
    orders: &[Order],
    costs: &[CostEntry],
    rates: &ExchangeRates,
    period: Period,
) -> Result<Vec<CustomerValue>, ValueError> {
    customer_values_of(
        customer_ids,
        orders.iter().map(OrderAmounts::from),
        costs,
        rates,
        period,
    )
}

/// The figures of one order that the value analysis reads, borrowed from an
/// [`Order`] or from a compact store of them (see `order_facts`), so both go
/// through the one aggregation below.
#[derive(Debug, Clone, Copy)]
pub struct OrderAmounts<'a> {
    pub customer: &'a str,
    pub status: OrderStatus,
    pub placed_on: NaiveDate,
    pub currency: CurrencyCode,
    pub total: i64,
    pub refunded: i64,
    pub cost_of_goods: i64,
    pub shipping_cost: i64,
    pub discount: i64,
}

impl<'a> From<&'a Order> for OrderAmounts<'a> {
    fn from(order: &'a Order) -> Self {
        Self {
            customer: order.customer_id.as_str(),
            status: order.status,
            placed_on: order.placed_on,
            currency: order.total.currency,
            total: order.total.minor,
            refunded: order.refunded,
            cost_of_goods: order.cost_of_goods,
            shipping_cost: order.shipping_cost,
            discount: order.discount,
        }
    }
}

/// [`customer_values`] over any source of order figures.
pub fn customer_values_of<'a>(
    customer_ids: &[CustomerId],
    orders: impl IntoIterator<Item = OrderAmounts<'a>>,
    costs: &[CostEntry],
    rates: &ExchangeRates,
    period: Period,
) -> Result<Vec<CustomerValue>, ValueError> {
    let mut sums = ValueSums::new(customer_ids, rates, period);
    sums.add_orders(orders)?;
    sums.finish(costs)
}

/// [`customer_values_of`] fed a slice of orders at a time, so a million orders are
/// summed with the page painting in between. Feeding the same orders in any slices
/// gives the same sums and the same first error: they are added in input order.
pub struct ValueSums<'a> {
    customer_ids: &'a [CustomerId],
    // Keyed by the id's `&str` (pointer and length inline in the table): one memory
    // hop less per lookup than `&CustomerId`, which matters for a million lookups.
    index: HashMap<IdKey<'a>, usize, FxBuild>,
    /// Position of the first occurrence of each id (itself unless repeated).
    first_of: Vec<usize>,
    accs: Vec<Acc>,
    converter: Converter<'a>,
    period: Period,
    /// The customer of the last order summed: exports list a customer's orders
    /// together, so the hash is skipped while the id repeats.
    last_hit: Option<usize>,
}

impl<'a> ValueSums<'a> {
    pub fn new(customer_ids: &'a [CustomerId], rates: &'a ExchangeRates, period: Period) -> Self {
        let mut index: HashMap<IdKey<'a>, usize, FxBuild> =
            HashMap::with_capacity_and_hasher(customer_ids.len(), FxBuild::default());
        let first_of: Vec<usize> = customer_ids
            .iter()
            .enumerate()
            .map(|(i, id)| *index.entry(IdKey(id.as_str())).or_insert(i))
            .collect();
        ValueSums {
            customer_ids,
            index,
            first_of,
            accs: vec![Acc::default(); customer_ids.len()],
            converter: Converter::new(rates),
            period,
            last_hit: None,
        }
    }

    /// Adds these orders; the first amount that cannot be counted is the error.
    pub fn add_orders<'o>(
        &mut self,
        orders: impl IntoIterator<Item = OrderAmounts<'o>>,
    ) -> Result<(), ValueError> {
        let period = self.period;
        for order in orders {
            let order = &order;
            if order.status == OrderStatus::Cancelled || order.placed_on > period.to {
                continue;
            }
            let customer = order.customer;
            let i = match self.last_hit {
                Some(i) if same_bytes(self.customer_ids[i].as_str(), customer) => i,
                _ => match self.index.get(&IdKey(customer)) {
                    Some(&i) => {
                        self.last_hit = Some(i);
                        i
                    }
                    None => continue,
                },
            };
            let acc = &mut self.accs[i];
            let counted = order.status != OrderStatus::Refunded;
            if counted && acc.last_order.is_none_or(|last| last < order.placed_on) {
                acc.last_order = Some(order.placed_on);
            }
            if order.placed_on < period.from {
                continue;
            }
            let converter = &mut self.converter;
            let currency = order.currency;
            let revenue = order
                .total
                .checked_sub(order.refunded)
                .ok_or(ValueError::Overflow)?;
            add_checked(&mut acc.revenue, converter.convert(revenue, currency)?)?;
            add_checked(
                &mut acc.cost_of_goods,
                converter.convert(order.cost_of_goods, currency)?,
            )?;
            let to_serve = order
                .shipping_cost
                .checked_add(order.discount)
                .ok_or(ValueError::Overflow)?;
            add_checked(
                &mut acc.cost_to_serve,
                converter.convert(to_serve, currency)?,
            )?;
            if counted {
                acc.orders += 1;
            }
        }
        Ok(())
    }

    /// Adds the cost entries and gives each customer's value, aligned with the ids.
    pub fn finish(mut self, costs: &[CostEntry]) -> Result<Vec<CustomerValue>, ValueError> {
        for cost in costs {
            if !self.period.contains(cost.on) {
                continue;
            }
            let Some(&i) = self.index.get(&IdKey(cost.customer_id.as_str())) else {
                continue;
            };
            let amount = self
                .converter
                .convert(cost.amount.minor, cost.amount.currency)?;
            add_checked(&mut self.accs[i].cost_to_serve, amount)?;
        }

        let mut out: Vec<CustomerValue> = Vec::with_capacity(self.customer_ids.len());
        for (p, id) in self.customer_ids.iter().enumerate() {
            let first = self.first_of[p];
            if first != p {
                let repeat = out[first].clone();
                out.push(repeat);
                continue;
            }
            let acc = &self.accs[p];
            let profit = i128::from(acc.revenue)
                - i128::from(acc.cost_of_goods)
                - i128::from(acc.cost_to_serve);
            out.push(CustomerValue {
                id: id.clone(),
                revenue: acc.revenue,
                cost_of_goods: acc.cost_of_goods,
                cost_to_serve: acc.cost_to_serve,
                profit: i64::try_from(profit).map_err(|_| ValueError::Overflow)?,
                orders: acc.orders,
                last_order: acc.last_order,
            });
        }
        Ok(out)
    }
}
