//! Backup and restore through the in-memory adapter (native): the round trip is
//! exact, and a bad file changes nothing.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::{TimeZone, Utc};
use common::block_on;
use crm::domain::complaints::Complaint;
use crm::domain::customers::CustomerId;
use crm::domain::demo;
use crm::domain::exchange::backup::BackupError;
use crm::services::exchange::backup::{create_backup, last_backup, plan_restore, restore_backup};
use crm::storage::memory::MemoryStore;
use crm::storage::prelude::*;
use crm::storage::test_support::StoreTestSupport;

fn filled_store() -> MemoryStore {
    let store = MemoryStore::new();
    let data = demo::generate(
        40,
        7,
        Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
            .unwrap()
            .date_naive(),
    );
    block_on(store.put_many(&data.customers, &data.orders)).unwrap();
    let first = data.customers[0].id.clone();
    let opened = Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0).unwrap();
    block_on(store.insert_complaint(&Complaint::open("c1".into(), first, opened))).unwrap();
    block_on(store.save_setting("exchange_rates", r#"{"EUR":"1.08"}"#)).unwrap();
    store
}

#[test]
fn export_wipe_restore_export_gives_identical_content() {
    let store = filled_store();
    let made = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let (text, counts) = block_on(create_backup(&store, made)).unwrap();
    assert_eq!(counts.customers, 40);
    assert_eq!(counts.complaints, 1);
    assert!(counts.orders > 0);
    assert_eq!(block_on(last_backup(&store)).unwrap(), Some(made));

    let wiped = MemoryStore::new();
    let plan = plan_restore(&text).unwrap();
    block_on(restore_backup(&wiped, &plan)).unwrap();
    let (again, _) = block_on(create_backup(&wiped, made)).unwrap();
    let data_of = |t: &str| {
        let v: serde_json::Value = serde_json::from_str(t).unwrap();
        (v["data"].clone(), v["checksum"].clone())
    };
    // Same data, same checksum: the round trip is exact.
    assert_eq!(data_of(&text), data_of(&again));
    assert_eq!(
        block_on(wiped.get_customer(&CustomerId(plan.data.customers[3].id.0.clone()))).unwrap(),
        Some(plan.data.customers[3].clone())
    );
}

/// A damaged file never becomes a plan: `plan_restore` takes no store, so a refused
/// file cannot write anything (the write path is `restore_backup`, which only takes a
/// checked plan). What is tested here is that each kind of damage is refused, with
/// its own reason.
#[test]
fn a_truncated_or_altered_file_is_refused_with_its_reason() {
    let store = filled_store();
    let (text, _) = block_on(create_backup(&store, Utc::now())).unwrap();
    assert!(
        plan_restore(&text).is_ok(),
        "the undamaged file is accepted"
    );
    let truncated = &text[..text.len() / 2];
    assert!(matches!(
        plan_restore(truncated),
        Err(BackupError::NotABackup(_))
    ));
    let altered = text.replacen("\"country\":\"", "\"country\":\"X", 1);
    assert_ne!(altered, text);
    assert_eq!(plan_restore(&altered), Err(BackupError::ChecksumMismatch));
    assert!(matches!(
        plan_restore("not a backup"),
        Err(BackupError::NotABackup(_))
    ));
}

#[test]
fn put_records_adds_and_replaces_by_id_and_leaves_the_rest() {
    use crm::domain::exchange::backup::BackupData;
    let store = MemoryStore::new();
    let keep = common::customer("keep");
    block_on(store.insert_customer(&keep)).unwrap();
    let mut changed = common::customer("change");
    block_on(store.insert_customer(&changed)).unwrap();
    changed.notes = "from the batch".into();
    let added = common::customer("added");
    let opened = Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0).unwrap();
    let batch = BackupData {
        customers: vec![changed.clone(), added.clone()],
        complaints: vec![Complaint::open("c9".into(), added.id.clone(), opened)],
        ..BackupData::default()
    };
    block_on(store.put_records(&batch)).unwrap();
    let all = block_on(store.export_all()).unwrap();
    assert_eq!(all.customers.len(), 3);
    assert_eq!(block_on(store.get_customer(&keep.id)).unwrap(), Some(keep));
    assert_eq!(
        block_on(store.get_customer(&changed.id)).unwrap(),
        Some(changed)
    );
    assert_eq!(all.complaints.len(), 1);
}
