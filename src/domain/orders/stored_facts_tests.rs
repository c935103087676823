use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::domain::demo;
use crate::domain::orders::{Money, OrderDetails, OrderStatus};
use chrono::NaiveDate;

fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

/// Facts built the old way, straight from the order records: the reference.
fn facts_of(orders: &[Order]) -> OrderFacts {
    let mut facts = OrderFacts::default();
    facts.push_orders(orders);
    facts.group_by_customer();
    facts
}

/// The stored values as the IndexedDB adapter keeps them.
#[derive(Default)]
struct Stored {
    table: Vec<u8>,
    buckets: BTreeMap<u16, (Vec<u8>, Vec<u8>)>,
}

impl Stored {
    fn built_from(orders: &[Order]) -> Self {
        let mut builder = StoredFactsBuilder::default();
        for page in orders.chunks(37) {
            builder.push_orders(page);
        }
        let (table, buckets) = builder.finish();
        Self {
            table: table.encode(),
            buckets: buckets
                .iter()
                .enumerate()
                .map(|(n, b)| (n as u16, b.encode()))
                .collect(),
        }
    }

    /// Reads what a write touches, applies it and writes back: the adapter's steps.
    fn write(&mut self, put: &[Order], removed: &[&str]) {
        let touched = buckets_of(
            put.iter()
                .map(|o| o.id.as_str())
                .chain(removed.iter().copied()),
        );
        let read = touched
            .iter()
            .map(|&n| (n, self.buckets.get(&n).cloned()))
            .collect();
        let write = write_orders(&self.table, read, put, removed).unwrap();
        if let Some(table) = write.table {
            self.table = table;
        }
        for (n, numbers, ids) in write.buckets {
            self.buckets.insert(n, (numbers, ids));
        }
    }

    fn load(&self) -> OrderFacts {
        let numbers: Vec<Vec<u8>> = self.buckets.values().map(|(n, _)| n.clone()).collect();
        OrderFacts::from_stored(FactTable::decode(&self.table).unwrap(), &numbers).unwrap()
    }
}

#[test]
fn stored_facts_read_back_as_the_facts_of_their_orders() {
    let data = demo::generate(400, 5, anchor());
    let stored = Stored::built_from(&data.orders);
    let loaded = stored.load();
    assert_eq!(loaded.len(), data.orders.len());
    assert_eq!(loaded.rows(), facts_of(&data.orders).rows());
    // Grouped as the analysis expects: one run per customer, oldest first.
    let runs: Vec<_> = loaded.grouped_runs().collect();
    assert_eq!(runs.len(), facts_of(&data.orders).grouped_runs().count());
    for run in runs {
        let days: Vec<NaiveDate> = run.iter().map(|o| o.placed_on).collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
    }
}

#[test]
fn the_numbers_take_about_fourteen_bytes_an_order() {
    let data = demo::generate(400, 5, anchor());
    let stored = Stored::built_from(&data.orders);
    let bytes: usize = stored.buckets.values().map(|(n, _)| n.len()).sum();
    let per_order = bytes as f64 / data.orders.len() as f64;
    assert!(per_order < 20.0, "{per_order} bytes an order");
}

#[test]
fn a_reimported_order_replaces_its_fact_even_for_another_customer() {
    let data = demo::generate(50, 3, anchor());
    let mut stored = Stored::built_from(&data.orders);
    let mut changed = data.orders[7].clone();
    changed.customer_id = data.orders[200].customer_id.clone();
    changed.total = Money::new(123_456, CurrencyCode::parse("JPY").unwrap());
    changed.status = OrderStatus::Refunded;
    stored.write(std::slice::from_ref(&changed), &[]);
    let mut expected = data.orders.clone();
    expected[7] = changed;
    assert_eq!(stored.load().len(), data.orders.len());
    assert_eq!(stored.load().rows(), facts_of(&expected).rows());
}

#[test]
fn removing_a_customers_orders_drops_only_their_facts() {
    let data = demo::generate(50, 3, anchor());
    let mut stored = Stored::built_from(&data.orders);
    let gone = data.orders[0].customer_id.clone();
    let removed: Vec<&str> = data
        .orders
        .iter()
        .filter(|o| o.customer_id == gone)
        .map(|o| o.id.as_str())
        .collect();
    assert!(!removed.is_empty());
    stored.write(&[], &removed);
    let kept: Vec<Order> = data
        .orders
        .iter()
        .filter(|o| o.customer_id != gone)
        .cloned()
        .collect();
    assert_eq!(stored.load().rows(), facts_of(&kept).rows());
}

#[test]
fn a_write_that_read_too_few_buckets_is_refused() {
    let data = demo::generate(20, 3, anchor());
    let stored = Stored::built_from(&data.orders);
    let result = write_orders(&stored.table, Vec::new(), &data.orders[..3], &[]);
    assert_eq!(
        result,
        Err(StoredFactsError::Damaged("a touched bucket was not read"))
    );
}

#[test]
fn the_table_is_written_back_only_when_it_grew() {
    let data = demo::generate(20, 3, anchor());
    let mut stored = Stored::built_from(&data.orders);
    let mut same = data.orders[1].clone();
    same.total.minor += 1;
    let touched = buckets_of([same.id.as_str()]);
    let read = touched
        .iter()
        .map(|&n| (n, stored.buckets.get(&n).cloned()))
        .collect();
    let write = write_orders(&stored.table, read, std::slice::from_ref(&same), &[]).unwrap();
    assert_eq!(write.table, None);
    assert_eq!(write.buckets.len(), 1);

    let mut new_buyer = same.clone();
    new_buyer.id = "shop:new-1".into();
    new_buyer.customer_id = CustomerId("someone-new".into());
    stored.write(std::slice::from_ref(&new_buyer), &[]);
    let table = FactTable::decode(&stored.table).unwrap();
    assert_eq!(
        table.customers(),
        FactTable::decode(&Stored::built_from(&data.orders).table)
            .unwrap()
            .customers()
            + 1
    );
}

#[test]
fn bucket_numbers_are_fnv_1a_and_never_change() {
    // FNV-1a 32 of "a" is 0xe40c292c (the published test vector); 0x2c = 44.
    assert_eq!(bucket_of("a"), 44);
    // Of "" it is the offset basis 0x811c9dc5; 0x05 = 5.
    assert_eq!(bucket_of(""), 5);
    let spread = buckets_of(
        demo::generate(200, 9, anchor())
            .orders
            .iter()
            .map(|o| o.id.as_str()),
    );
    assert_eq!(
        spread.len(),
        usize::from(FACT_BUCKETS),
        "every bucket gets orders"
    );
}

fn order(id: &str, customer: &str, day: i64, total: i64, currency: &str) -> Order {
    Order {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        number: id.into(),
        channel: "shop".into(),
        placed_on: anchor() + chrono::Duration::days(day),
        total: Money::new(total, CurrencyCode::parse(currency).unwrap()),
        status: OrderStatus::Delivered,
        cost_of_goods: total.wrapping_neg() / 3,
        shipping_cost: total / 7,
        discount: 0,
        refunded: 0,
        details: OrderDetails::default(),
    }
}

#[test]
fn extreme_amounts_and_dates_survive_the_encoding() {
    let mut orders = vec![
        order("a", "c1", 0, i64::MAX, "USD"),
        order("b", "c1", 1, i64::MIN, "EUR"),
        order("c", "客户-二", 2, 0, "JPY"),
    ];
    orders[1].placed_on = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
    orders[2].placed_on = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    orders[2].refunded = -1;
    let stored = Stored::built_from(&orders);
    assert_eq!(stored.load().rows(), facts_of(&orders).rows());
}

#[test]
fn damaged_values_are_errors_never_panics() {
    let data = demo::generate(30, 4, anchor());
    let stored = Stored::built_from(&data.orders);
    let table = FactTable::decode(&stored.table).unwrap();
    let (numbers, ids) = stored
        .buckets
        .values()
        .find(|(n, _)| n.len() > 40)
        .unwrap()
        .clone();
    // Every cut of a valid value is refused.
    for cut in 0..numbers.len() {
        assert!(
            OrderFacts::from_stored(table.clone(), &[numbers[..cut].to_vec()]).is_err(),
            "numbers cut at {cut}"
        );
    }
    for cut in 0..stored.table.len() {
        assert!(
            FactTable::decode(&stored.table[..cut]).is_err(),
            "table cut at {cut}"
        );
    }
    for cut in 0..ids.len() {
        assert!(
            FactBucket::decode(&numbers, &ids[..cut], &table).is_err(),
            "ids cut at {cut}"
        );
    }
    // A value of another format, or of another kind, is named as such.
    let mut newer = numbers.clone();
    newer[1] = FORMAT + 1;
    assert_eq!(
        OrderFacts::from_stored(table.clone(), &[newer]).unwrap_err(),
        StoredFactsError::Format { found: FORMAT + 1 }
    );
    assert!(FactTable::decode(&numbers).is_err());
    // A fact naming a customer the table lacks.
    let short_table = FactTable::default();
    assert!(OrderFacts::from_stored(short_table, std::slice::from_ref(&numbers)).is_err());
    // Trailing bytes.
    let mut longer = numbers;
    longer.push(0);
    assert_eq!(
        OrderFacts::from_stored(table, &[longer]).unwrap_err(),
        StoredFactsError::Damaged("bytes after the end")
    );
}

proptest! {
    #[test]
    fn flipped_bytes_never_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let data = demo::generate(12, 4, anchor());
        let stored = Stored::built_from(&data.orders);
        let mut numbers: Vec<Vec<u8>> = stored.buckets.values().map(|(n, _)| n.clone()).collect();
        let mut table = stored.table.clone();
        for (i, (at, byte)) in flips.iter().enumerate() {
            if i % 2 == 0 {
                let bucket = at.index(numbers.len());
                let len = numbers[bucket].len();
                numbers[bucket][at.index(len)] = *byte;
            } else {
                let len = table.len();
                table[at.index(len)] = *byte;
            }
        }
        if let Ok(table) = FactTable::decode(&table) {
            let _ = OrderFacts::from_stored(table, &numbers);
        }
    }

    /// Whatever sequence of imports (overlapping ids, customers changing) and
    /// deletions the stored facts go through, they read back as the facts of the
    /// orders that remain, built from scratch.
    #[test]
    fn incremental_writes_agree_with_a_rebuild(
        steps in proptest::collection::vec(
            prop_oneof![
                proptest::collection::vec((0u8..40, 0u8..6, 0i64..400, 0i64..100_000, 0usize..3), 1..25)
                    .prop_map(Step::Import),
                (0u8..6).prop_map(Step::DeleteCustomer),
            ],
            1..12,
        )
    ) {
        let currencies = ["USD", "EUR", "JPY"];
        let mut orders: BTreeMap<String, Order> = BTreeMap::new();
        let mut stored = Stored::built_from(&[]);
        for step in steps {
            match step {
                Step::Import(rows) => {
                    let batch: Vec<Order> = rows
                        .iter()
                        .map(|&(id, customer, day, total, currency)| {
                            order(&format!("shop:{id}"), &format!("c{customer}"), day, total, currencies[currency])
                        })
                        .collect();
                    // The store keeps the last of two rows with one id, as IndexedDB does.
                    for o in &batch {
                        orders.insert(o.id.clone(), o.clone());
                    }
                    stored.write(&batch, &[]);
                }
                Step::DeleteCustomer(customer) => {
                    let gone = CustomerId(format!("c{customer}"));
                    let ids: Vec<String> = orders.values().filter(|o| o.customer_id == gone).map(|o| o.id.clone()).collect();
                    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                    stored.write(&[], &refs);
                    orders.retain(|_, o| o.customer_id != gone);
                }
            }
            let remaining: Vec<Order> = orders.values().cloned().collect();
            prop_assert_eq!(stored.load().rows(), facts_of(&remaining).rows());
        }
    }
}

#[derive(Debug, Clone)]
enum Step {
    Import(Vec<(u8, u8, i64, i64, usize)>),
    DeleteCustomer(u8),
}
