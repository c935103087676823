//! Orders reduced to the numbers the value analysis needs, so a million of them fit
//! comfortably in browser memory (about 56 bytes each instead of ~300 for a full
//! [`Order`] with its strings) and the period, rates or rules can change without
//! reading storage again.
//!
//! The value itself is computed by the same code as for full orders
//! ([`customer_values_of`]); facts only change how the orders are held.

use std::collections::HashMap;

use chrono::NaiveDate;

mod grouping;

pub use grouping::{group_in_steps, GroupingSteps, FACTS_PER_GROUPING_STEP};

use crate::domain::customers::{CustomerId, OrderSummary};
use crate::domain::orders::{CostEntry, CurrencyCode, Money, Order, OrderStatus};
use crate::domain::value::{
    customer_values_of, CustomerValue, ExchangeRates, OrderAmounts, Period, ValueError,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fact {
    pub(super) customer: u32,
    pub(super) currency: u16,
    pub(super) status: OrderStatus,
    pub(super) placed_on: NaiveDate,
    pub(super) total: i64,
    pub(super) refunded: i64,
    pub(super) cost_of_goods: i64,
    pub(super) shipping_cost: i64,
    pub(super) discount: i64,
}

#[derive(Debug, Clone, Default)]
pub struct OrderFacts {
    customers: Vec<CustomerId>,
    customer_index: HashMap<CustomerId, u32>,
    currencies: Vec<CurrencyCode>,
    facts: Vec<Fact>,
    /// Whether `facts` are sorted by customer, then day.
    grouped: bool,
}

/// One order as the buying rhythm sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatedOrder {
    pub placed_on: NaiveDate,
    pub status: OrderStatus,
    pub total: Money,
}

/// One customer's orders, oldest first.
#[derive(Debug, Clone, Copy)]
pub struct CustomerOrders<'a> {
    pub id: &'a CustomerId,
    currencies: &'a [CurrencyCode],
    run: &'a [Fact],
}

impl CustomerOrders<'_> {
    pub fn len(&self) -> usize {
        self.run.len()
    }

    pub fn is_empty(&self) -> bool {
        self.run.is_empty()
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = DatedOrder> + '_ {
        self.run.iter().map(|f| DatedOrder {
            placed_on: f.placed_on,
            status: f.status,
            total: Money {
                minor: f.total,
                currency: self.currencies[f.currency as usize],
            },
        })
    }
}

impl Fact {
    /// The order's numbers, with its customer and currency already numbered.
    pub(super) fn of(order: &Order, customer: u32, currency: u16) -> Self {
        Self {
            customer,
            currency,
            status: order.status,
            placed_on: order.placed_on,
            total: order.total.minor,
            refunded: order.refunded,
            cost_of_goods: order.cost_of_goods,
            shipping_cost: order.shipping_cost,
            discount: order.discount,
        }
    }
}

/// One order's fact with its customer and currency spelled out: what two sets of
/// facts are compared by ([`OrderFacts::rows`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FactRow {
    pub customer: CustomerId,
    pub placed_on: NaiveDate,
    pub currency: CurrencyCode,
    pub status: &'static str,
    /// Total, refunded, cost of goods, shipping cost, discount.
    pub amounts: [i64; 5],
}

impl OrderFacts {
    pub(super) fn from_parts(
        customers: Vec<CustomerId>,
        customer_index: HashMap<CustomerId, u32>,
        currencies: Vec<CurrencyCode>,
        facts: Vec<Fact>,
    ) -> Self {
        Self {
            customers,
            customer_index,
            currencies,
            facts,
            grouped: false,
        }
    }

    /// Every fact spelled out and sorted: equal for two sets of facts of the same
    /// orders, however they were built or numbered (checks and tests).
    pub fn rows(&self) -> Vec<FactRow> {
        let mut rows: Vec<FactRow> = self
            .facts
            .iter()
            .map(|f| FactRow {
                customer: self.customers[f.customer as usize].clone(),
                placed_on: f.placed_on,
                currency: self.currencies[f.currency as usize],
                status: f.status.code(),
                amounts: [
                    f.total,
                    f.refunded,
                    f.cost_of_goods,
                    f.shipping_cost,
                    f.discount,
                ],
            })
            .collect();
        rows.sort();
        rows
    }

    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// Currencies that occur in the orders, sorted.
    pub fn currencies(&self) -> Vec<CurrencyCode> {
        let mut list = self.currencies.clone();
        list.sort();
        list
    }

    /// Groups each customer's orders together, oldest first. The aggregation then
    /// resolves a customer once per run of orders instead of once per order (1M hash
    /// lookups become about 100k), and each run is the customer's buying rhythm
    /// ([`Self::grouped_runs`]). Call once after loading; values are the same either way.
    ///
    /// A counting sort on customer numbers: one pass to count, one to copy each fact
    /// to its customer's place (reading in order), then each customer's few facts by
    /// day. A comparison sort of a million facts, or moving them in place along the
    /// permutation's cycles, held the page for half a second; this is a tenth of that,
    /// for a second copy of the facts while it runs. Equal days keep their order, as a
    /// stable sort by (customer, day) would. The same steps run with pauses between
    /// them in [`group_in_steps`].
    pub fn group_by_customer(&mut self) {
        *self = std::mem::take(self).grouping_steps().finish();
    }

    /// Each customer's orders as one run, oldest first, once the facts are grouped
    /// ([`Self::group_by_customer`]); nothing if they are not.
    pub fn grouped_runs(&self) -> impl Iterator<Item = CustomerOrders<'_>> {
        let facts = if self.grouped { &self.facts[..] } else { &[] };
        facts
            .chunk_by(|a, b| a.customer == b.customer)
            .map(move |run| CustomerOrders {
                id: &self.customers[run[0].customer as usize],
                currencies: &self.currencies,
                run,
            })
    }

    /// Each customer's order count and last order day, cancelled orders left out
    /// (what the stage offers after an import read).
    pub fn order_summaries(&self) -> HashMap<CustomerId, OrderSummary> {
        let mut summaries: HashMap<CustomerId, OrderSummary> = HashMap::new();
        for fact in self
            .facts
            .iter()
            .filter(|f| f.status != OrderStatus::Cancelled)
        {
            let id = &self.customers[fact.customer as usize];
            match summaries.get_mut(id) {
                Some(s) => {
                    s.orders += 1;
                    s.last_order = s.last_order.max(fact.placed_on);
                }
                None => {
                    summaries.insert(
                        id.clone(),
                        OrderSummary {
                            orders: 1,
                            last_order: fact.placed_on,
                        },
                    );
                }
            }
        }
        summaries
    }

    /// How many orders each customer has open: paid or shipped, not yet delivered,
    /// refunded or cancelled.
    pub fn open_orders(&self) -> HashMap<CustomerId, u32> {
        let mut counts: HashMap<CustomerId, u32> = HashMap::new();
        for fact in &self.facts {
            if matches!(fact.status, OrderStatus::Paid | OrderStatus::Shipped) {
                *counts
                    .entry(self.customers[fact.customer as usize].clone())
                    .or_default() += 1;
            }
        }
        counts
    }

    pub fn push_orders(&mut self, orders: &[Order]) {
        self.grouped = false;
        self.facts.reserve(orders.len());
        for order in orders {
            let customer = match self.customer_index.get(&order.customer_id) {
                Some(&i) => i,
                None => {
                    let i = self.customers.len() as u32;
                    self.customers.push(order.customer_id.clone());
                    self.customer_index.insert(order.customer_id.clone(), i);
                    i
                }
            };
            let currency = match self
                .currencies
                .iter()
                .position(|c| *c == order.total.currency)
            {
                Some(i) => i as u16,
                None => {
                    self.currencies.push(order.total.currency);
                    (self.currencies.len() - 1) as u16
                }
            };
            self.facts.push(Fact::of(order, customer, currency));
        }
    }

    /// Per-customer value, through the same aggregation as
    /// [`value::customer_values`](crate::domain::value::customer_values).
    pub fn customer_values(
        &self,
        customer_ids: &[CustomerId],
        costs: &[CostEntry],
        rates: &ExchangeRates,
        period: Period,
    ) -> Result<Vec<CustomerValue>, ValueError> {
        customer_values_of(
            customer_ids,
            self.amounts(0..self.len()),
            costs,
            rates,
            period,
        )
    }

    /// The figures of the facts at `range` (clamped to the facts), in stored order:
    /// a slice at a time for [`ValueSums`](crate::domain::value::ValueSums).
    pub fn amounts(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = OrderAmounts<'_>> {
        let end = range.end.min(self.facts.len());
        let start = range.start.min(end);
        self.facts[start..end].iter().map(|f| OrderAmounts {
            customer: self.customers[f.customer as usize].as_str(),
            status: f.status,
            placed_on: f.placed_on,
            currency: self.currencies[f.currency as usize],
            total: f.total,
            refunded: f.refunded,
            cost_of_goods: f.cost_of_goods,
            shipping_cost: f.shipping_cost,
            discount: f.discount,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo;
    use crate::domain::orders::Money;
    use crate::domain::value::{customer_values, DecimalRate};

    /// The counting sort groups exactly as a stable sort by (customer, day) does,
    /// ties in their original order, whatever order the orders came in.
    #[test]
    fn grouping_is_a_stable_sort_by_customer_and_day() {
        let anchor = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let mut orders = demo::generate(200, 5, anchor).orders;
        // Interleave customers: every 7th order first, then the rest.
        let (mut picked, rest): (Vec<_>, Vec<_>) =
            orders.drain(..).enumerate().partition(|(i, _)| i % 7 == 0);
        picked.extend(rest);
        let orders: Vec<Order> = picked.into_iter().map(|(_, o)| o).collect();
        let mut facts = OrderFacts::default();
        facts.push_orders(&orders);
        let mut expected = facts.facts.clone();
        expected.sort_by_key(|f| (f.customer, f.placed_on));
        facts.group_by_customer();
        assert_eq!(facts.facts, expected);
        assert!(facts.grouped_runs().count() > 100);
    }

    #[test]
    fn facts_give_the_same_values_as_the_orders_they_came_from() {
        let anchor = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let data = demo::generate(300, 11, anchor);
        let mut facts = OrderFacts::default();
        for page in data.orders.chunks(97) {
            facts.push_orders(page);
        }
        assert_eq!(facts.len(), data.orders.len());
        let mut grouped = facts.clone();
        grouped.group_by_customer();
        let mut rates = ExchangeRates::new(CurrencyCode::parse("USD").unwrap());
        for code in facts.currencies() {
            rates
                .rates
                .insert(code, DecimalRate::parse("1.2345").unwrap());
        }
        let ids: Vec<CustomerId> = data.customers.iter().map(|c| c.id.clone()).collect();
        let costs = vec![CostEntry {
            id: "c1".into(),
            customer_id: ids[0].clone(),
            on: anchor,
            kind: crate::domain::orders::CostKind::Compensation,
            amount: Money::new(1500, CurrencyCode::parse("EUR").unwrap()),
            note: String::new(),
        }];
        for days in [30, 365, 730] {
            let period = Period {
                from: anchor - chrono::Duration::days(days),
                to: anchor,
            };
            let reference = customer_values(&ids, &data.orders, &costs, &rates, period);
            assert_eq!(
                facts.customer_values(&ids, &costs, &rates, period),
                reference,
                "period of {days} days"
            );
            assert_eq!(
                grouped.customer_values(&ids, &costs, &rates, period),
                reference,
                "grouped, {days} days"
            );
        }
    }

    #[test]
    fn currencies_are_listed_once_sorted() {
        let data = demo::generate(60, 2, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        let mut facts = OrderFacts::default();
        facts.push_orders(&data.orders);
        let list = facts.currencies();
        let mut sorted = list.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(list, sorted);
        assert!(list.len() > 3);
    }
}
