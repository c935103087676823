use std::cell::Cell;
use std::collections::HashMap;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::domain::customers::CustomerId;
use crate::domain::orders::{CurrencyCode, OrderStatus};
use crate::domain::shared::test_futures::block_on;

/// Facts of `customers` customers; each fact's `total` is its position, so a
/// reordering of equal (customer, day) facts shows.
fn facts_of(customers: u32, keys: &[(u32, u16)]) -> OrderFacts {
    let ids: Vec<CustomerId> = (0..customers)
        .map(|c| CustomerId(format!("c{c}")))
        .collect();
    let index: HashMap<CustomerId, u32> = ids.iter().cloned().zip(0..).collect();
    let first_day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let facts = keys
        .iter()
        .enumerate()
        .map(|(i, &(customer, day))| Fact {
            customer,
            currency: 0,
            status: OrderStatus::Delivered,
            placed_on: first_day + chrono::Duration::days(i64::from(day)),
            total: i as i64,
            refunded: 0,
            cost_of_goods: 0,
            shipping_cost: 0,
            discount: 0,
        })
        .collect();
    OrderFacts::from_parts(ids, index, vec![CurrencyCode::parse("EUR").unwrap()], facts)
}

/// What grouping must give: a stable sort by (customer, day).
fn stably_sorted(facts: &OrderFacts) -> Vec<Fact> {
    let mut expected = facts.facts.clone();
    expected.sort_by_key(|f| (f.customer, f.placed_on));
    expected
}

/// Runs the steps by hand, counting them.
fn grouped_in_steps(facts: OrderFacts, per_step: usize) -> (OrderFacts, usize) {
    let mut steps = facts.grouping_steps();
    let mut count = 1;
    while !steps.step(per_step) {
        count += 1;
    }
    (steps.finish(), count)
}

/// Customers and days from small ranges, so runs and equal days are common, in
/// any order; some customers have no facts.
fn keys() -> impl Strategy<Value = (u32, Vec<(u32, u16)>)> {
    (1u32..12).prop_flat_map(|customers| {
        (
            Just(customers),
            prop::collection::vec((0..customers, 0u16..6), 0..60),
        )
    })
}

proptest! {
    #[test]
    fn stepped_grouping_is_a_stable_sort_by_customer_and_day((customers, keys) in keys()) {
        let facts = facts_of(customers, &keys);
        let expected = stably_sorted(&facts);
        let n = keys.len();
        for per_step in [1, 7, n.saturating_sub(1), n, n + 5] {
            let (grouped, _) = grouped_in_steps(facts.clone(), per_step);
            prop_assert_eq!(&grouped.facts, &expected, "{} facts a step", per_step);
            prop_assert!(grouped.grouped);
        }
        // Stopped part way, the rest at once.
        let mut steps = facts.clone().grouping_steps();
        for _ in 0..3 {
            steps.step(7);
        }
        prop_assert_eq!(&steps.finish().facts, &expected);
        let mut one_shot = facts.clone();
        one_shot.group_by_customer();
        prop_assert_eq!(&one_shot.facts, &expected);
    }

    #[test]
    fn a_customer_outside_the_table_still_groups(
        (customers, mut keys) in keys(),
        at in any::<prop::sample::Index>(),
        beyond in 0u32..3,
    ) {
        keys.push((customers + beyond, 0));
        let last = keys.len() - 1;
        keys.swap(at.index(last + 1), last);
        let facts = facts_of(customers, &keys);
        let expected = stably_sorted(&facts);
        for per_step in [1, 7, keys.len()] {
            let (grouped, _) = grouped_in_steps(facts.clone(), per_step);
            prop_assert_eq!(&grouped.facts, &expected, "{} facts a step", per_step);
        }
    }
}

#[test]
fn each_pass_runs_a_slice_a_step() {
    // 4 passes over 1,000 facts: count, fill, scatter and day sorts, 100 a step.
    let keys: Vec<(u32, u16)> = (0..1000u32).map(|i| (i * 7 % 50, (i % 9) as u16)).collect();
    let (grouped, steps) = grouped_in_steps(facts_of(50, &keys), 100);
    assert_eq!(steps, 40);
    assert_eq!(grouped.grouped_runs().count(), 50);
}

#[test]
fn the_pause_comes_between_steps() {
    let keys: Vec<(u32, u16)> = (0..30u32).map(|i| (i % 4, (30 - i) as u16)).collect();
    let facts = facts_of(4, &keys);
    let expected = stably_sorted(&facts);
    let pauses = Cell::new(0);
    let grouped = block_on(group_in_steps(facts, 10, || {
        pauses.set(pauses.get() + 1);
        std::future::ready(())
    }));
    assert_eq!(grouped.facts, expected);
    // Three slices in each of the first three passes, then the day sorts of four
    // customers of 7 or 8 facts, two a step: 11 steps, a pause between each two.
    assert_eq!(pauses.get(), 10);
}

#[test]
fn nothing_to_group_is_grouped_at_once() {
    let (grouped, steps) = grouped_in_steps(facts_of(3, &[]), 5);
    assert_eq!(steps, 1);
    assert!(grouped.grouped);
    assert_eq!(grouped.grouped_runs().count(), 0);
}
