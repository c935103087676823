//! IndexedDB adapter tests, run in headless Chromium by wasm-bindgen-test-runner: the
//! shared storage contract, plus what only IndexedDB has (connections, schema and
//! record upgrades).
#![cfg(target_arch = "wasm32")]

use crm::domain::customers::CustomerId;
use crm::domain::customers::RelationshipStage;
use crm::storage::idb::{
    create_schema_up_to, create_v1_stores, IdbStore, CUSTOMERS, FIRST_PAGE, ORDERS, ORDER_FACTS,
};
use crm::storage::prelude::*;
use crm::storage::test_support::StoreTestSupport;
use crm::storage::StoreError;
use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{open_db as open, unique_db_name as unique_name};

use common::contract::{order, rich_customer as customer};

#[path = "idb_store/summaries.rs"]
mod summaries;
#[path = "idb_store/sync_outbox.rs"]
mod sync_outbox;

/// The storage contract (tests/common/contract.rs), in the browser against IndexedDB:
/// each check on a new database of its own.
mod contract_suite {
    use super::common::{contract, open_fresh_db};
    use wasm_bindgen_test::*;

    macro_rules! against_indexed_db {
        ($check:ident) => {
            #[wasm_bindgen_test]
            async fn $check() {
                let store = open_fresh_db(stringify!($check)).await;
                contract::$check(&store).await;
                store.close();
            }
        };
    }
    contract::contract_checks!(against_indexed_db);
}

#[wasm_bindgen_test]
async fn a_customer_survives_a_new_connection_exactly() {
    let name = unique_name("roundtrip");
    let store = open(&name).await;
    let original = customer("a", "Lucía García", "ES");
    store.insert_customer(&original).await.unwrap();
    store.close();

    // A fresh connection (as after a reload) sees the same record.
    let reopened = open(&name).await;
    assert_eq!(
        reopened.get_customer(&original.id).await.unwrap(),
        Some(original)
    );
    reopened.close();
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

#[wasm_bindgen_test]
async fn v4_database_gains_the_reply_edits_store_with_data_intact() {
    use crm::domain::replies::{ReplyChange, ReplyEdit};
    let name = unique_name("v4-to-v5");
    // Exactly what the v4 build wrote: its schema, a customer and an order.
    let db = Database::open(name.as_str())
        .with_version(4u32)
        .with_on_upgrade_needed(|event, db| create_schema_up_to(&db, event.old_version() as u32, 4))
        .await
        .unwrap();
    assert!(!db.object_store_names().any(|n| n == "reply_edits"));
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
    assert_eq!(report.records_version_before, 4);
    assert_eq!(report.records_upgraded, 0, "v5 changes no customer record");
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
    // The new store is there, empty, and keeps what is added.
    assert!(store.load_reply_edits().await.unwrap().is_empty());
    let edit = ReplyEdit {
        id: "e1".into(),
        at: chrono::Utc::now(),
        change: ReplyChange::Enabled {
            scenario: "samples".into(),
            enabled: false,
        },
    };
    store
        .add_reply_edits(std::slice::from_ref(&edit))
        .await
        .unwrap();
    assert_eq!(store.load_reply_edits().await.unwrap(), vec![edit]);
}

/// Issue 17: a v5 database has no order facts; the first read builds them from the
/// orders, reporting progress, and later reads find them stored.
#[wasm_bindgen_test]
async fn v5_database_builds_its_order_facts_once_with_progress() {
    use crm::domain::orders::OrderFacts;
    let name = unique_name("v5-to-v6");
    let db = Database::open(name.as_str())
        .with_version(5u32)
        .with_on_upgrade_needed(|event, db| create_schema_up_to(&db, event.old_version() as u32, 5))
        .await
        .unwrap();
    assert!(!db.object_store_names().any(|n| n == ORDER_FACTS));
    let tx = db
        .transaction([CUSTOMERS, ORDERS])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    for (i, cents) in [700, 1_200, 90].into_iter().enumerate() {
        tx.object_store(ORDERS)
            .unwrap()
            .put(order(&format!("o{i}"), "a", cents))
            .serde()
            .unwrap();
    }
    tx.object_store(CUSTOMERS)
        .unwrap()
        .put(customer("a", "Ana", "ES"))
        .serde()
        .unwrap();
    tx.commit().await.unwrap();
    db.close();

    let (store, report) = IdbStore::open(&name, || {}).await.unwrap();
    assert_eq!(report.records_version_before, 5);
    let progress = std::cell::RefCell::new(Vec::new());
    let facts = store
        .load_order_facts(&|read| progress.borrow_mut().push(read))
        .await
        .unwrap();
    assert_eq!(facts.len(), 3);
    assert_eq!(
        *progress.borrow(),
        vec![3],
        "the build reports the orders read"
    );
    let mut reference = OrderFacts::default();
    reference.push_orders(&[
        order("o0", "a", 700),
        order("o1", "a", 1_200),
        order("o2", "a", 90),
    ]);
    assert_eq!(facts.rows(), reference.rows());
    // Stored now: the second read builds nothing.
    progress.borrow_mut().clear();
    let again = store
        .load_order_facts(&|read| progress.borrow_mut().push(read))
        .await
        .unwrap();
    assert_eq!(again.rows(), reference.rows());
    assert!(progress.borrow().is_empty(), "read, not rebuilt");
    // The list's order is not there yet either: the quick first page says so until
    // it is built once, then reads.
    assert_eq!(store.first_customers(10).await.unwrap(), None);
    assert!(store.prepare_list_views().await.unwrap(), "built");
    assert_eq!(
        store.first_customers(10).await.unwrap(),
        Some(vec![customer("a", "Ana", "ES")])
    );
    assert!(!store.prepare_list_views().await.unwrap(), "built once");
    store.close();
}

/// Damaged facts (a bug, a disk error) are derived data: the next read rebuilds
/// them from the orders, and a write over them does not fail the user's write.
#[wasm_bindgen_test]
async fn damaged_order_facts_are_rebuilt_from_the_orders() {
    let name = unique_name("facts-damaged");
    let store = open(&name).await;
    store
        .put_many(&[customer("a", "Ana", "ES")], &[order("o1", "a", 700)])
        .await
        .unwrap();
    assert_eq!(store.load_order_facts(&|_| {}).await.unwrap().len(), 1);
    store.close();

    let db = Database::open(name.as_str()).await.unwrap();
    let tx = db
        .transaction([ORDER_FACTS])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let facts = tx.object_store(ORDER_FACTS).unwrap();
    let junk = js_sys::Uint8Array::from(&b"T\x01\xff\xff"[..]);
    facts
        .as_sys()
        .put_with_key(&junk, &wasm_bindgen::JsValue::from_str("table"))
        .unwrap();
    tx.commit().await.unwrap();
    db.close();

    let store = open(&name).await;
    // A write over damaged facts succeeds (the facts are dropped, not trusted)…
    store.put_many(&[], &[order("o2", "a", 300)]).await.unwrap();
    // …and the next read rebuilds them from both orders.
    let rebuilt = store.load_order_facts(&|_| {}).await.unwrap();
    assert_eq!(rebuilt.len(), 2);
    store.close();
}

/// The facts are written in the same transaction as the orders: a crash (here an
/// abort) after both were written leaves neither.
#[wasm_bindgen_test]
async fn an_aborted_order_write_leaves_neither_orders_nor_facts() {
    let name = unique_name("facts-abort");
    let store = open(&name).await;
    store
        .put_many(&[customer("a", "Ana", "ES")], &[order("o1", "a", 700)])
        .await
        .unwrap();
    let before = store.load_order_facts(&|_| {}).await.unwrap().rows();
    store
        .write_orders_then_abort(&[order("o2", "a", 300), order("o1", "a", 1)])
        .await
        .expect("the abort went through");
    assert_eq!(
        store.load_order_facts(&|_| {}).await.unwrap().rows(),
        before
    );
    assert_eq!(
        store
            .orders_for_customer(&CustomerId("a".into()))
            .await
            .unwrap(),
        vec![order("o1", "a", 700)]
    );
    store.close();
}

/// Issue 17: v7 replaced v6's entry per customer with one first-page value. A v6
/// database loses the old store and its stamp, and builds the page once.
#[wasm_bindgen_test]
async fn v6_list_entries_give_way_to_the_first_page() {
    let name = unique_name("v6-to-v7");
    let db = Database::open(name.as_str())
        .with_version(6u32)
        .with_on_upgrade_needed(|event, db| create_schema_up_to(&db, event.old_version() as u32, 6))
        .await
        .unwrap();
    let tx = db
        .transaction([CUSTOMERS, "customer_order", "meta"])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    for (id, who) in [("b", "Ben"), ("a", "Ana")] {
        tx.object_store(CUSTOMERS)
            .unwrap()
            .put(customer(id, who, "ES"))
            .serde()
            .unwrap();
        tx.object_store("customer_order")
            .unwrap()
            .put(json!({"id": id, "list_key": who}))
            .serde()
            .unwrap();
    }
    tx.object_store("meta")
        .unwrap()
        .put(json!({"key": "customer_order_built", "value": 1}))
        .serde()
        .unwrap();
    tx.commit().await.unwrap();
    db.close();

    let (store, report) = IdbStore::open(&name, || {}).await.unwrap();
    assert_eq!(report.records_version_before, 6);
    assert_eq!(store.first_customers(10).await.unwrap(), None, "not built");
    assert!(store.prepare_list_views().await.unwrap());
    assert_eq!(
        store.first_customers(10).await.unwrap(),
        Some(vec![customer("a", "Ana", "ES"), customer("b", "Ben", "ES")])
    );
    store.close();

    let db = Database::open(name.as_str()).await.unwrap();
    assert!(!db.object_store_names().any(|n| n == "customer_order"));
    let tx = db.transaction(["meta"]).build().unwrap();
    let stamp: Option<serde_json::Value> = tx
        .object_store("meta")
        .unwrap()
        .get("customer_order_built")
        .serde()
        .unwrap()
        .await
        .unwrap();
    assert_eq!(stamp, None, "v6's stamp goes with its store");
    drop(tx);
    db.close();
}

/// A damaged first page is derived data: the quick read ignores it, a customer
/// write over it succeeds and drops it, and the next start rebuilds it.
#[wasm_bindgen_test]
async fn a_damaged_first_page_is_rebuilt() {
    let name = unique_name("first-page-damaged");
    let store = open(&name).await;
    store
        .put_many(&[customer("a", "Ana", "ES")], &[])
        .await
        .unwrap();
    assert!(store.first_customers(5).await.unwrap().is_some());
    store.close();
    for junk in ["{\"entries\":", "{\"entries\":[{\"key\":\"b\",\"id\":\"x\"},{\"key\":\"a\",\"id\":\"y\"}],\"every_customer\":true}"] {
        let db = Database::open(name.as_str()).await.unwrap();
        let tx = db
            .transaction([FIRST_PAGE])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .unwrap();
        tx.object_store(FIRST_PAGE)
            .unwrap()
            .as_sys()
            .put_with_key(
                &wasm_bindgen::JsValue::from_str(junk),
                &wasm_bindgen::JsValue::from_str("first_page"),
            )
            .unwrap();
        tx.commit().await.unwrap();
        db.close();

        let store = open(&name).await;
        assert_eq!(store.first_customers(5).await.unwrap(), None, "{junk}");
        store.insert_customer(&customer("c", "Cy", "ES")).await.unwrap();
        assert!(store.prepare_list_views().await.unwrap(), "rebuilt");
        let first = store.first_customers(5).await.unwrap().unwrap();
        assert_eq!(first.len(), 2);
        store.delete_customer(&CustomerId("c".into())).await.unwrap();
        store.close();
    }
}

/// The page is written in the same transaction as the customers: an abort after
/// both were written leaves neither.
#[wasm_bindgen_test]
async fn an_aborted_customer_write_leaves_the_first_page_as_it_was() {
    let name = unique_name("first-page-abort");
    let store = open(&name).await;
    store
        .put_many(&[customer("b", "Ben", "ES")], &[])
        .await
        .unwrap();
    let before = store.first_customers(5).await.unwrap();
    assert!(before.is_some());
    store
        .write_customers_then_abort(&[customer("a", "Aaron", "ES")])
        .await
        .expect("the abort went through");
    assert_eq!(store.first_customers(5).await.unwrap(), before);
    assert_eq!(
        store.get_customer(&CustomerId("a".into())).await.unwrap(),
        None
    );
    store.close();
}

/// Customers are read in pages of 1,500 at start (issue 17, a task each): a base
/// larger than a page comes back whole, in key order, each customer once.
#[wasm_bindgen_test]
async fn customers_are_read_whole_across_pages() {
    let name = unique_name("paged-load");
    let store = open(&name).await;
    let many: Vec<_> = (0..5_003)
        .map(|i| customer(&format!("c{i:05}"), "Ana", "ES"))
        .collect();
    store.put_many(&many, &[]).await.unwrap();
    let loaded = store.load_customers().await.unwrap();
    assert_eq!(loaded.unreadable, 0);
    let ids: Vec<String> = loaded.customers.iter().map(|c| c.id.to_string()).collect();
    let expected: Vec<String> = many.iter().map(|c| c.id.to_string()).collect();
    assert_eq!(ids, expected);
    store.close();
}
