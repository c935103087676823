//! Issue 18: team sync's outbox (schema v9). A v8 database gains an empty
//! outbox with marking off, and keeps every record; the marks are in the
//! write's transaction, so a write the browser aborts leaves none.

use super::*;

#[wasm_bindgen_test]
async fn a_v8_database_gains_an_empty_outbox_with_marking_off() {
    let name = unique_name("v8-to-v9");
    let db = Database::open(name.as_str())
        .with_version(8u32)
        .with_on_upgrade_needed(|event, db| create_schema_up_to(&db, event.old_version() as u32, 8))
        .await
        .unwrap();
    let tx = db
        .transaction([CUSTOMERS])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store(CUSTOMERS)
        .unwrap()
        .put(customer("a", "Ana", "ES"))
        .serde()
        .unwrap();
    tx.commit().await.unwrap();
    db.close();

    let (store, report) = IdbStore::open(&name, || {}).await.unwrap();
    assert_eq!(report.records_version_before, 8);
    assert_eq!(store.load_customers().await.unwrap().customers.len(), 1);
    assert!(!store.sync_marking().await.unwrap());
    assert!(store.sync_outbox().await.unwrap().is_empty());
    store.set_sync_marking(true).await.unwrap();
    let mut a = store
        .get_customer(&CustomerId("a".into()))
        .await
        .unwrap()
        .unwrap();
    a.name = "Ana Gómez".into();
    store.save_customer(&a).await.unwrap();
    let ids: Vec<String> = store
        .sync_outbox()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.doc_id)
        .collect();
    assert_eq!(ids, ["customer:a"]);
    store.close();
}

/// Junk under the outbox's key (another build, a damaged profile) is reported
/// by name, not read as a mark.
#[wasm_bindgen_test]
async fn a_damaged_outbox_entry_is_reported() {
    let name = unique_name("outbox-damaged");
    let store = open(&name).await;
    store.close();
    let db = Database::open(name.as_str()).await.unwrap();
    let tx = db
        .transaction([crm::storage::idb::SYNC_OUTBOX])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store(crm::storage::idb::SYNC_OUTBOX)
        .unwrap()
        .as_sys()
        .put_with_key(
            &wasm_bindgen::JsValue::from_str("not a number"),
            &wasm_bindgen::JsValue::from_str("customer:a"),
        )
        .unwrap();
    tx.commit().await.unwrap();
    db.close();
    let store = open(&name).await;
    match store.sync_outbox().await {
        Err(StoreError::Corrupt(message)) => assert!(message.contains("customer:a"), "{message}"),
        other => panic!("expected a corrupt outbox, got {other:?}"),
    }
    store.close();
}
