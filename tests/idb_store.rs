//! IndexedDB adapter tests, run in headless Chromium by wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use crm::domain::customers::RelationshipStage;
use crm::domain::customers::{Customer, CustomerId};
use crm::domain::orders::{CurrencyCode, Money, Order, OrderStatus};
use crm::storage::idb::{create_schema_up_to, create_v1_stores, IdbStore, CUSTOMERS, ORDERS};
use crm::storage::{CrmStore, StoreError};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{open_db as open, unique_db_name as unique_name};

fn customer(id: &str, name: &str, country: &str) -> Customer {
    let at = Utc.with_ymd_and_hms(2026, 5, 1, 9, 30, 0).unwrap();
    let mut c = Customer::minimal(CustomerId(id.into()), name, country, at);
    c.email = format!("{id}@example.com");
    c.phone = "+34 612 345 678".into();
    c.language = "es".into();
    c.time_zone = "Europe/Madrid".into();
    c.address = "Calle Mayor 1".into();
    c.tags = vec!["vip".into(), "电子产品".into()];
    c.notes = "<img src=x onerror=alert(1)>".into();
    c
}

fn order(id: &str, customer: &str, cents: i64) -> Order {
    Order {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        number: id.into(),
        channel: "AliExpress".into(),
        placed_on: chrono::NaiveDate::from_ymd_opt(2026, 4, 2).unwrap(),
        total: Money::new(cents, CurrencyCode::parse("EUR").unwrap()),
        status: OrderStatus::Delivered,
        cost_of_goods: cents / 2,
        shipping_cost: 0,
        discount: 0,
        refunded: 0,
    }
}

#[wasm_bindgen_test]
async fn customer_round_trips_exactly() {
    let name = unique_name("roundtrip");
    let store = open(&name).await;
    let original = customer("a", "Lucía García", "ES");
    store.insert_customer(&original).await.unwrap();
    assert_eq!(
        store.get_customer(&original.id).await.unwrap(),
        Some(original.clone())
    );
    let loaded = store.load_customers().await.unwrap();
    assert_eq!(loaded.customers, vec![original.clone()]);
    assert_eq!(loaded.unreadable, 0);
    assert_eq!(store.count_customers().await.unwrap(), 1);
    store.close();

    // A fresh connection (as after a reload) sees the same record.
    let reopened = open(&name).await;
    assert_eq!(
        reopened.get_customer(&original.id).await.unwrap(),
        Some(original)
    );
    reopened.close();
}

#[wasm_bindgen_test]
async fn inserting_an_existing_id_is_refused() {
    let store = open(&unique_name("dup")).await;
    let c = customer("a", "Ana", "ES");
    store.insert_customer(&c).await.unwrap();
    let mut other = c.clone();
    other.name = "Someone else".into();
    assert_eq!(
        store.insert_customer(&other).await,
        Err(StoreError::AlreadyExists(c.id.clone()))
    );
    assert_eq!(
        store.get_customer(&c.id).await.unwrap().map(|c| c.name),
        Some("Ana".into())
    );
}

#[wasm_bindgen_test]
async fn saves_bump_the_revision_and_stale_saves_are_refused() {
    let store = open(&unique_name("revision")).await;
    let c = customer("a", "Ana", "ES");
    store.insert_customer(&c).await.unwrap();

    // Two tabs read revision 0; the first save wins.
    let mut tab_one = c.clone();
    tab_one.name = "Ana Tab One".into();
    let mut tab_two = c.clone();
    tab_two.name = "Ana Tab Two".into();
    let saved = store.save_customer(&tab_one).await.unwrap();
    assert_eq!(saved.revision, 1);
    assert_eq!(
        store.save_customer(&tab_two).await,
        Err(StoreError::StaleRevision {
            stored: 1,
            yours: 0
        })
    );
    let stored = store.get_customer(&c.id).await.unwrap().unwrap();
    assert_eq!(
        stored.name, "Ana Tab One",
        "the refused save changed nothing"
    );

    // Re-applying on top of the fresh record works.
    let mut reapplied = stored.clone();
    reapplied.name = "Ana Tab Two".into();
    assert_eq!(store.save_customer(&reapplied).await.unwrap().revision, 2);
}

#[wasm_bindgen_test]
async fn saving_a_missing_customer_reports_not_found() {
    let store = open(&unique_name("missing")).await;
    let c = customer("ghost", "Ghost", "ES");
    assert_eq!(
        store.save_customer(&c).await,
        Err(StoreError::NotFound(c.id.clone()))
    );
    assert_eq!(store.count_customers().await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn indices_find_orders_by_customer_and_customers_by_country() {
    let store = open(&unique_name("indices")).await;
    let customers = vec![
        customer("a", "Ana", "ES"),
        customer("b", "Bo", "SE"),
        customer("c", "Carla", "ES"),
    ];
    let orders = vec![
        order("o1", "a", 1999),
        order("o2", "a", 500),
        order("o3", "b", 42),
    ];
    store.put_many(&customers, &orders).await.unwrap();

    let mut for_a: Vec<String> = store
        .orders_for_customer(&CustomerId("a".into()))
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    for_a.sort();
    assert_eq!(for_a, ["o1", "o2"]);
    assert!(store
        .orders_for_customer(&CustomerId("c".into()))
        .await
        .unwrap()
        .is_empty());

    let mut spanish: Vec<String> = store
        .customers_in_country("ES")
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    spanish.sort();
    assert_eq!(spanish, ["Ana", "Carla"]);
    assert!(store.customers_in_country("FR").await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn delete_removes_customer_and_orders_and_undo_restores_both() {
    let store = open(&unique_name("delete")).await;
    let a = customer("a", "Ana", "ES");
    store
        .put_many(
            &[a.clone(), customer("b", "Bo", "SE")],
            &[order("o1", "a", 10), order("o2", "b", 20)],
        )
        .await
        .unwrap();

    let deleted = store.delete_customer(&a.id).await.unwrap();
    assert_eq!(deleted.customer, a);
    assert_eq!(deleted.orders.len(), 1);
    assert_eq!(store.get_customer(&a.id).await.unwrap(), None);
    assert!(store.orders_for_customer(&a.id).await.unwrap().is_empty());
    assert_eq!(
        store
            .orders_for_customer(&CustomerId("b".into()))
            .await
            .unwrap()
            .len(),
        1,
        "other customers' orders stay"
    );

    store.undo_delete(&deleted).await.unwrap();
    assert_eq!(store.get_customer(&a.id).await.unwrap(), Some(a.clone()));
    assert_eq!(
        store.orders_for_customer(&a.id).await.unwrap(),
        deleted.orders
    );

    assert_eq!(
        store.delete_customer(&CustomerId("nobody".into())).await,
        Err(StoreError::NotFound(CustomerId("nobody".into())))
    );
}

/// Writes a database exactly as the first (v1) build did.
async fn write_v1_database(name: &str, records: Vec<serde_json::Value>) {
    let db = Database::open(name)
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| create_v1_stores(&db))
        .await
        .unwrap();
    let tx = db
        .transaction(CUSTOMERS)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let store = tx.object_store(CUSTOMERS).unwrap();
    for record in records {
        store.put(record).serde().unwrap();
    }
    tx.commit().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn v1_database_is_upgraded_with_data_intact() {
    let name = unique_name("migrate");
    write_v1_database(
        &name,
        vec![
            json!({"id": "p1", "name": "Ana López", "email": "ana@example.com", "phone": "+34 600 000 001",
                   "country": "es", "stage": "customer", "tags": "vip, toys", "notes": "Prefers WhatsApp",
                   "created_at": "2025-03-01T10:00:00Z", "updated_at": "2025-04-01T10:00:00Z"}),
            json!({"id": "c1", "name": "Nova Trading", "country": "de", "stage": "regular", "is_company": true,
                   "company_contact": "Anna Weber", "created_at": "2025-01-01T00:00:00Z"}),
        ],
    )
    .await;

    let (store, report) = IdbStore::open(&name, || {}).await.unwrap();
    assert_eq!(report.records_version_before, 1);
    assert_eq!(report.records_upgraded, 2);
    assert_eq!(report.records_not_upgraded, 0);

    let loaded = store.load_customers().await.unwrap();
    assert_eq!(loaded.unreadable, 0);
    let ana = store
        .get_customer(&CustomerId("p1".into()))
        .await
        .unwrap()
        .expect("p1 kept");
    assert_eq!(ana.name, "Ana López");
    assert_eq!(ana.email, "ana@example.com");
    assert_eq!(ana.country, "ES");
    assert_eq!(ana.stage, RelationshipStage::FirstTime);
    assert_eq!(ana.tags, ["vip", "toys"]);
    assert_eq!(ana.notes, "Prefers WhatsApp");
    let nova = store
        .get_customer(&CustomerId("c1".into()))
        .await
        .unwrap()
        .expect("c1 kept");
    assert_eq!(nova.stage, RelationshipStage::Repeat);
    assert_eq!(nova.kind(), crm::domain::customers::CustomerKind::Company);

    // The v2 stores exist and the old index still works.
    store
        .put_many(&[], &[order("o1", "p1", 100)])
        .await
        .unwrap();
    assert_eq!(store.orders_for_customer(&ana.id).await.unwrap().len(), 1);
    assert_eq!(store.customers_in_country("ES").await.unwrap().len(), 1);
    store.close();

    // Opening again does not upgrade twice.
    let (again, report) = IdbStore::open(&name, || {}).await.unwrap();
    assert_eq!(
        report.records_version_before,
        crm::domain::exchange::record_migrations::CURRENT_RECORDS_VERSION
    );
    assert_eq!(report.records_upgraded, 0);
    assert_eq!(again.count_customers().await.unwrap(), 2);
}

#[wasm_bindgen_test]
async fn a_v1_record_that_cannot_be_upgraded_is_kept_and_reported() {
    let name = unique_name("migrate-broken");
    write_v1_database(
        &name,
        vec![
            json!({"id": "ok", "name": "Fine", "country": "fr", "created_at": "2025-01-01T00:00:00Z"}),
            json!({"id": "bad", "name": "", "country": "fr", "created_at": "2025-01-01T00:00:00Z"}),
        ],
    )
    .await;
    let (store, report) = IdbStore::open(&name, || {}).await.unwrap();
    assert_eq!(report.records_upgraded, 1);
    assert_eq!(report.records_not_upgraded, 1);
    let loaded = store.load_customers().await.unwrap();
    assert_eq!(loaded.customers.len(), 1);
    assert_eq!(
        loaded.unreadable, 1,
        "the broken record is still stored, just not readable"
    );
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_build_is_refused_with_an_open_error() {
    let name = unique_name("newer");
    let db = Database::open(name.as_str())
        .with_version(99u32)
        .with_on_upgrade_needed(|_, db| create_v1_stores(&db))
        .await
        .unwrap();
    db.close();
    match IdbStore::open(&name, || {}).await {
        Err(StoreError::Open(message)) => assert!(!message.is_empty()),
        Err(other) => panic!("expected an open error, got {other:?}"),
        Ok(_) => panic!("opening a newer database must fail"),
    }
    // Not damaged: still the newer version, with its stores as that build left them.
    let again = Database::open(name.as_str()).await.unwrap();
    assert_eq!(again.version(), 99.0);
    let stores: Vec<String> = again.object_store_names().collect();
    assert!(stores.contains(&"customers".to_owned()), "{stores:?}");
    again.close();
}

#[wasm_bindgen_test]
async fn v2_database_gains_the_v3_stores_with_data_intact() {
    let name = unique_name("v2-to-v3");
    // Exactly what the v2 build wrote: its schema, a customer and an order.
    let db = Database::open(name.as_str())
        .with_version(2u32)
        .with_on_upgrade_needed(|event, db| create_schema_up_to(&db, event.old_version() as u32, 2))
        .await
        .unwrap();
    let tx = db
        .transaction([CUSTOMERS, ORDERS])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store(CUSTOMERS)
        .unwrap()
        .put(customer("a", "Ana", "ES"))
        .serde()
        .unwrap();
    tx.object_store(ORDERS)
        .unwrap()
        .put(order("o1", "a", 700))
        .serde()
        .unwrap();
    tx.commit().await.unwrap();
    db.close();

    let (store, report) = IdbStore::open(&name, || {}).await.unwrap();
    assert_eq!(report.records_version_before, 2);
    assert_eq!(report.records_upgraded, 0, "v3 changes no customer record");
    assert_eq!(
        store.get_customer(&CustomerId("a".into())).await.unwrap(),
        Some(customer("a", "Ana", "ES"))
    );
    assert_eq!(
        store
            .orders_for_customer(&CustomerId("a".into()))
            .await
            .unwrap(),
        vec![order("o1", "a", 700)]
    );
    // The new stores work.
    store.save_setting("k", "1").await.unwrap();
    assert_eq!(store.load_setting("k").await.unwrap().as_deref(), Some("1"));
    assert!(store.load_tier_changes().await.unwrap().is_empty());
}
