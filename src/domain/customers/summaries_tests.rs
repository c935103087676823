use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::domain::shared::test_futures::block_on;

fn customer(id: u32, name: &str, email: &str) -> Customer {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let mut c = Customer::minimal(CustomerId(format!("c{id:04}")), name, "ES", at);
    c.email = email.to_owned();
    c
}

#[derive(Clone, Debug)]
enum Op {
    /// Creates or saves these customers in one transaction (an id may come twice).
    Save(Vec<(u32, String, String)>),
    Delete(Vec<u32>),
}

fn words() -> impl Strategy<Value = String> {
    // Few words, so searches match several customers and names tie.
    // Long names sharing their first 8 bytes too, where the index's sort compares
    // past its numeric prefix.
    prop::sample::select(vec![
        "Ana",
        "ana",
        "Ben",
        "Álvaro",
        "王",
        "Zoë",
        "",
        "Bo lin",
        "Alexandra Smith",
        "Alexandra Smithers",
        "Alexandre",
        "alexandra",
    ])
    .prop_map(str::to_owned)
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    let save = prop::collection::vec((0u32..30, words(), words()), 1..6).prop_map(Op::Save);
    let delete = prop::collection::vec(0u32..30, 1..4).prop_map(Op::Delete);
    prop::collection::vec(prop_oneof![3 => save, 1 => delete], 1..25)
}

fn all_summaries(buckets: &[SummaryBucket]) -> Vec<CustomerSummary> {
    buckets
        .iter()
        .flat_map(|b| b.summaries().iter().cloned())
        .collect()
}

proptest! {
    /// The buckets kept by `note` and `forget`, write after write, equal the
    /// buckets built afresh from the customers that remain.
    #[test]
    fn writes_keep_the_buckets_equal_to_a_fresh_build(ops in ops()) {
        let mut all: BTreeMap<u32, Customer> = BTreeMap::new();
        let mut kept = SummaryBucket::build_all([]);
        for op in ops {
            match op {
                Op::Save(batch) => {
                    for (id, name, email) in batch {
                        let c = customer(id, &name, &email);
                        kept[usize::from(summary_bucket(&c.id))].note(&c);
                        all.insert(id, c);
                    }
                }
                Op::Delete(ids) => {
                    for id in ids {
                        let id_text = CustomerId(format!("c{id:04}"));
                        kept[usize::from(summary_bucket(&id_text))].forget(&id_text);
                        all.remove(&id);
                    }
                }
            }
            prop_assert_eq!(&kept, &SummaryBucket::build_all(all.values()));
        }
        for (n, bucket) in kept.iter().enumerate() {
            prop_assert!(bucket.is_well_formed(n as u16));
        }
    }

    /// Search over the summaries finds what the full directory finds for the same
    /// text, in the same order.
    #[test]
    fn search_over_summaries_equals_the_directorys(
        people in prop::collection::vec((0u32..40, words(), words()), 0..30),
        text in prop::sample::select(vec!["", "an", "ANA", "alvaro", "bo lin", "zoe", "王", "c00", "x"]),
    ) {
        let customers: BTreeMap<u32, Customer> = people
            .into_iter()
            .map(|(id, name, email)| (id, customer(id, &name, &email)))
            .collect();
        let directory = Directory::new(customers.values().cloned().collect());
        let expected: Vec<&CustomerId> = directory
            .query(&ListQuery { text: text.to_owned(), ..ListQuery::default() })
            .into_iter()
            .filter_map(|i| directory.at(i).map(|c| &c.id))
            .collect();
        let summaries = all_summaries(&SummaryBucket::build_all(customers.values()));
        let index = build_in_steps(summaries);
        let found: Vec<&CustomerId> = index.search(text).into_iter().map(|s| &s.id).collect();
        prop_assert_eq!(found, expected);
    }
}

/// Runs [`SummaryIndex::new_in_steps`] to the end (its pauses are ready at once).
fn build_in_steps(summaries: Vec<CustomerSummary>) -> SummaryIndex {
    block_on(SummaryIndex::new_in_steps(summaries, || {
        std::future::ready(())
    }))
}

#[test]
fn building_in_steps_pauses_and_orders_as_the_directory() {
    // Names longer than 8 bytes sharing their first 8: the runs sorted by name.
    let names = [
        "Zoë",
        "ana",
        "Álvaro",
        "Ben",
        "Alexandra Smith",
        "Alexandra Smit",
    ];
    let customers: Vec<Customer> = (0..25_001u32)
        .map(|i| customer(i, names[(i % 6) as usize], ""))
        .collect();
    let summaries: Vec<CustomerSummary> = customers.iter().map(CustomerSummary::of).collect();
    let pauses = std::cell::Cell::new(0);
    let stepped = block_on(SummaryIndex::new_in_steps(summaries, || {
        pauses.set(pauses.get() + 1);
        std::future::ready(())
    }));
    // 3 while folding, 1 after the quick sort, 2 while sorting the runs, 3
    // while laying the keys into one text.
    assert_eq!(pauses.get(), 9);
    let directory = Directory::new(customers);
    let expected: Vec<CustomerId> = directory
        .query(&ListQuery::default())
        .into_iter()
        .map(|i| directory.at(i).unwrap().id.clone())
        .collect();
    let found: Vec<CustomerId> = stepped
        .search("")
        .into_iter()
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(found, expected);
    assert_eq!(
        stepped.search("").first().map(|s| s.name.as_str()),
        Some("Alexandra Smit")
    );
}

#[test]
fn a_bucket_round_trips_through_its_stored_text() {
    let mut c = customer(1, "Zoë Wang", "zoe@example.com");
    c.phone = "+34 612 34 56".into();
    c.time_zone = "Europe/Madrid".into();
    c.last_contact_at = Some(Utc.with_ymd_and_hms(2026, 3, 4, 5, 6, 7).unwrap());
    let buckets = SummaryBucket::build_all([&c, &customer(2, "Ana", "")]);
    for bucket in buckets {
        let text = serde_json::to_string(&bucket).unwrap();
        let back: SummaryBucket = serde_json::from_str(&text).unwrap();
        assert_eq!(back, bucket);
    }
    let summary = CustomerSummary::of(&c);
    assert!(summary.search.contains("zoe wang"), "{}", summary.search);
    assert!(summary.search.ends_with("346123456"), "the phone's digits");
}

#[test]
fn the_bucket_of_an_id_never_changes() {
    // Stored buckets depend on these: a change would misplace every summary.
    let pinned: Vec<u16> = ["", "a", "c0001", "customer-王"]
        .into_iter()
        .map(|id| summary_bucket(&CustomerId(id.into())))
        .collect();
    // FNV-1a of "a" is 0xe40c292c, its low six bits 44.
    assert_eq!(pinned, vec![5, 44, 5, 2]);
    let spread: std::collections::HashSet<u16> = (0..2_000)
        .map(|i| summary_bucket(&CustomerId(format!("c{i}"))))
        .collect();
    assert_eq!(
        spread.len(),
        usize::from(SUMMARY_BUCKETS),
        "every bucket used"
    );
}

#[test]
fn a_bucket_with_a_stranger_or_out_of_order_is_damaged() {
    let a = customer(1, "A", "");
    let b = customer(2, "B", "");
    let home = summary_bucket(&a.id);
    let mut bucket = SummaryBucket::default();
    bucket.note(&a);
    assert!(bucket.is_well_formed(home));
    assert!(!bucket.is_well_formed(home + 1), "in the wrong bucket");
    let twice: SummaryBucket = serde_json::from_str(
        &serde_json::to_string(&[CustomerSummary::of(&a), CustomerSummary::of(&a)]).unwrap(),
    )
    .unwrap();
    assert!(!twice.is_well_formed(home), "the same id twice");
    if summary_bucket(&b.id) == home {
        let reversed: SummaryBucket = serde_json::from_str(
            &serde_json::to_string(&[CustomerSummary::of(&b), CustomerSummary::of(&a)]).unwrap(),
        )
        .unwrap();
        assert!(!reversed.is_well_formed(home));
    }
}
