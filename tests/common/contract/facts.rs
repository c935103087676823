//! The order facts a store keeps beside the orders (issue 17): after every kind of
//! order write they read back as the facts of the orders stored, built from scratch.

use chrono::NaiveDate;
use crm::domain::demo;
use crm::domain::exchange::backup::BackupData;
use crm::domain::orders::{FactRow, OrderFacts};
use crm::storage::prelude::*;
use crm::storage::test_support::StoreTestSupport;

use super::fixtures::{buyer, order};

/// The facts of the orders as stored now, built from the order records.
async fn facts_of_stored_orders<S: CrmStore>(store: &S) -> Vec<FactRow> {
    let mut facts = OrderFacts::default();
    store
        .for_each_order_page(1_000, &mut |page| facts.push_orders(&page))
        .await
        .unwrap();
    facts.rows()
}

async fn assert_facts_in_step<S: CrmStore>(store: &S, after: &str) {
    let loaded = store.load_order_facts(&|_| {}).await.unwrap();
    assert_eq!(
        loaded.rows(),
        facts_of_stored_orders(store).await,
        "after {after}"
    );
}

pub async fn order_facts_follow_every_order_write<S: CrmStore + StoreTestSupport>(store: &S) {
    let anchor = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let data = demo::generate(120, 8, anchor);
    // Seeded before the facts exist: the first read builds them.
    store
        .put_many(&data.customers[..60], &data.orders[..200])
        .await
        .unwrap();
    assert_facts_in_step(store, "the first build").await;
    assert_eq!(store.load_order_facts(&|_| {}).await.unwrap().len(), 200);

    store
        .put_many(&data.customers[60..], &data.orders[200..])
        .await
        .unwrap();
    assert_facts_in_step(store, "seeding more").await;

    // An import replacing an order (now another buyer's, another amount) and adding one.
    let mut moved = data.orders[3].clone();
    moved.customer_id = data.orders[250].customer_id.clone();
    moved.total.minor += 999;
    let mut fresh = order("import:new-1", "new-buyer", 4_200);
    fresh.placed_on = anchor;
    store
        .import_orders(&[buyer("new-buyer")], &[moved, fresh], &|_, _| {})
        .await
        .unwrap();
    assert_facts_in_step(store, "an import").await;

    // A refused import (the customer exists) changes neither orders nor facts.
    let before = store.load_order_facts(&|_| {}).await.unwrap().rows();
    let refused = store
        .import_orders(
            &[buyer("new-buyer")],
            &[order("import:new-2", "new-buyer", 1)],
            &|_, _| {},
        )
        .await;
    assert!(refused.is_err());
    assert_eq!(
        store.load_order_facts(&|_| {}).await.unwrap().rows(),
        before
    );
    assert_facts_in_step(store, "a refused import").await;

    let gone = data.orders[0].customer_id.clone();
    let deleted = store.delete_customer(&gone).await.unwrap();
    assert!(!deleted.orders.is_empty());
    assert_facts_in_step(store, "a deletion").await;
    store.undo_delete(&deleted).await.unwrap();
    assert_facts_in_step(store, "its undo").await;

    let demo_part = BackupData {
        customers: vec![buyer("demo-1")],
        orders: vec![order("demo:1", "demo-1", 10), data.orders[5].clone()],
        ..BackupData::default()
    };
    store.put_records(&demo_part).await.unwrap();
    assert_facts_in_step(store, "adding records").await;

    let snapshot = BackupData {
        customers: data.customers[..5].to_vec(),
        orders: data
            .orders
            .iter()
            .filter(|o| data.customers[..5].iter().any(|c| c.id == o.customer_id))
            .cloned()
            .collect(),
        ..BackupData::default()
    };
    store.replace_all(&snapshot).await.unwrap();
    assert_facts_in_step(store, "a restore").await;
    assert_eq!(
        store.load_order_facts(&|_| {}).await.unwrap().len(),
        snapshot.orders.len()
    );
}
