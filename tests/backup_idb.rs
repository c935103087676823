//! Backup, restore and customer import against real IndexedDB in Chromium.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use crm::domain::complaints::Complaint;
use crm::domain::customers::{Customer, CustomerId};
use crm::domain::demo;
use crm::services::exchange::backup::{create_backup, plan_restore, restore_backup};
use crm::storage::idb::IdbStore;
use crm::storage::prelude::*;
use crm::storage::test_support::StoreTestSupport;
use crm::storage::StoreError;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::open_fresh_db as open;

async fn filled(test: &str) -> IdbStore {
    let store = open(test).await;
    let day = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let data = demo::generate(60, 11, day.date_naive());
    store.put_many(&data.customers, &data.orders).await.unwrap();
    let complaint = Complaint::open("c1".into(), data.customers[0].id.clone(), day);
    store.insert_complaint(&complaint).await.unwrap();
    store.save_setting("exchange_rates", "{}").await.unwrap();
    store
}

#[wasm_bindgen_test]
async fn a_backup_restored_into_another_database_replaces_everything_exactly() {
    let source = filled("backup-source").await;
    let (text, counts) = create_backup(&source, Utc::now()).await.unwrap();
    assert_eq!(counts.customers, 60);

    // The target holds other data, which the restore must replace, not merge with.
    let target = open("backup-target").await;
    let stranger = Customer::minimal(CustomerId("stranger".into()), "Stranger", "US", Utc::now());
    target.insert_customer(&stranger).await.unwrap();
    let plan = plan_restore(&text).unwrap();
    restore_backup(&target, &plan).await.unwrap();

    // Export again from the restored database: byte for byte the same data.
    let (again, _) = create_backup(&target, Utc::now()).await.unwrap();
    let data_of = |t: &str| {
        let v: serde_json::Value = serde_json::from_str(t).unwrap();
        (v["data"].clone(), v["checksum"].clone())
    };
    assert_eq!(data_of(&again), data_of(&text));
    assert!(target.get_customer(&stranger.id).await.unwrap().is_none());
}

/// A real backup from IndexedDB, damaged in four ways, is refused before a plan (the
/// only thing `restore_backup` accepts) exists; the undamaged one is accepted.
#[wasm_bindgen_test]
async fn a_corrupted_or_truncated_backup_is_refused() {
    let source = filled("corrupt-source").await;
    let (text, _) = create_backup(&source, Utc::now()).await.unwrap();
    assert!(plan_restore(&text).is_ok());
    for bad in [
        text[..text.len() - 10].to_owned(),
        text[..text.len() / 3].to_owned(),
        text.replacen("\"name\":\"", "\"name\":\"~", 1),
        String::new(),
    ] {
        assert_ne!(bad, text);
        assert!(
            plan_restore(&bad).is_err(),
            "a damaged file must be refused"
        );
    }
}

#[wasm_bindgen_test]
async fn a_customer_import_that_fails_inside_its_transaction_changes_nothing() {
    let store = open("customer-import-abort").await;
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let existing = Customer::minimal(CustomerId("a".into()), "Ana", "ES", at);
    store.insert_customer(&existing).await.unwrap();
    let taken = Customer::minimal(CustomerId("taken".into()), "Taken", "ES", at);
    store.insert_customer(&taken).await.unwrap();

    let mut merged = existing.clone();
    merged.phone = "+34 600 000 000".into();
    let fresh = Customer::minimal(CustomerId("fresh".into()), "Fresh", "FR", at);
    // "taken" was created meanwhile (another tab): its add fails inside the
    // transaction, so neither the merge nor the other new customer may land.
    let result = store
        .import_customers(&[fresh.clone(), taken.clone()], &[merged])
        .await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(
        store.get_customer(&existing.id).await.unwrap(),
        Some(existing.clone())
    );
    assert!(store.get_customer(&fresh.id).await.unwrap().is_none());
    assert_eq!(store.count_customers().await.unwrap(), 2);

    // A stale merge (based on an old revision) is refused the same way.
    let mut edited = existing.clone();
    edited.notes = "edited in another tab".into();
    store.save_customer(&edited).await.unwrap();
    let stale = store
        .import_customers(std::slice::from_ref(&fresh), &[existing])
        .await;
    assert!(
        matches!(stale, Err(StoreError::StaleRevision { .. })),
        "{stale:?}"
    );
    assert!(store.get_customer(&fresh.id).await.unwrap().is_none());
}
