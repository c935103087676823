//! The value analysis run in steps (issue 17): a million orders are summed a slice
//! at a time with a pause between, and the result is exactly what one pass gives.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::cell::Cell;

use chrono::NaiveDate;
use common::block_on;
use crm::domain::customers::CustomerId;
use crm::domain::demo;
use crm::domain::orders::{CostEntry, CostKind, CurrencyCode, Money, OrderFacts};
use crm::domain::value::{classify, ValueError, ValueSettings};
use crm::services::value::{classify_in_steps, ValueInputs};

fn inputs(customers: usize) -> (Vec<CustomerId>, ValueInputs, NaiveDate) {
    let anchor = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let data = demo::generate(customers, 7, anchor);
    let mut facts = OrderFacts::default();
    facts.push_orders(&data.orders);
    let ids: Vec<CustomerId> = data.customers.iter().map(|c| c.id.clone()).collect();
    // A cost to serve inside the period, so the sums' last part counts too.
    let costs = vec![CostEntry {
        id: "cost-1".into(),
        customer_id: ids[3].clone(),
        on: anchor - chrono::Duration::days(3),
        kind: CostKind::Compensation,
        amount: Money::new(4_250, CurrencyCode::parse("EUR").unwrap()),
        note: String::new(),
    }];
    let inputs = ValueInputs { facts, costs };
    (ids, inputs, anchor)
}

#[test]
fn stepped_classification_equals_one_pass_at_any_step_size() {
    let (ids, inputs, today) = inputs(120);
    let settings = ValueSettings::default_for(today);
    let whole = classify(ids.clone(), &inputs.facts, &inputs.costs, &settings, today).unwrap();
    assert!(
        whole.values.iter().any(|v| v.revenue > 0),
        "the demo has sales"
    );
    let orders = inputs.facts.len();
    for step in [1, 7, 97, orders - 1, orders, orders + 5] {
        let pauses = Cell::new(0);
        let stepped = block_on(classify_in_steps(
            ids.clone(),
            &inputs,
            &settings,
            today,
            step,
            || {
                pauses.set(pauses.get() + 1);
                std::future::ready(())
            },
        ))
        .unwrap();
        assert_eq!(stepped, whole, "step {step}");
        // A pause a slice of orders, then one after the tiers and one after ABC.
        assert_eq!(pauses.get(), orders.div_ceil(step) + 2, "step {step}");
    }
}

/// The first amount that cannot be counted is the error, whichever step it is in.
#[test]
fn a_missing_rate_fails_the_stepped_analysis_as_it_fails_one_pass() {
    let (ids, inputs, today) = inputs(40);
    let mut settings = ValueSettings::default_for(today);
    // A reporting currency the shipped table has no rates into: every order's
    // amount lacks a rate.
    settings.rates.reporting = CurrencyCode::parse("XTS").unwrap();
    let whole = classify(ids.clone(), &inputs.facts, &inputs.costs, &settings, today);
    assert!(
        matches!(whole, Err(ValueError::MissingRate(_))),
        "{whole:?}"
    );
    let stepped = block_on(classify_in_steps(ids, &inputs, &settings, today, 5, || {
        std::future::ready(())
    }));
    assert_eq!(stepped, whole);
}
