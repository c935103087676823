//! IndexedDB tests of the service stores (schema v4): complaint drafts survive a new
//! connection, v3 databases upgrade. (Revision-checked complaint saves, logged
//! contacts and deleting with undo are in the storage contract, run by idb_store.rs.)
#![cfg(target_arch = "wasm32")]

use crm::domain::complaints::{Complaint, ComplaintDraft, WizardStep};
use crm::domain::customers::CustomerId;
use crm::storage::idb::{create_schema_up_to, IdbStore, CUSTOMERS};
use crm::storage::prelude::*;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::contract::{at, buyer, follow_up};
use common::{open_db as open, unique_db_name as unique_name};

#[wasm_bindgen_test]
async fn a_complaint_draft_survives_a_new_connection_keystroke_for_keystroke() {
    let name = unique_name("draft");
    let store = open(&name).await;
    let complaint = Complaint::open("c1".into(), CustomerId("a".into()), at(24, 8));
    store.insert_complaint(&complaint).await.unwrap();
    let mut draft = ComplaintDraft {
        complaint_id: "c1".into(),
        step: WizardStep::Remedy,
        ..ComplaintDraft::default()
    };
    // Every keystroke is a save; only the last one must come back.
    for typed in ["1", "12", "12,", "12,5", "12,50"] {
        draft.remedy_amount = typed.into();
        store.save_complaint_draft(&draft).await.unwrap();
    }
    draft.customer_words = "¡Llegó roto! <script>alert(1)</script>".into();
    store.save_complaint_draft(&draft).await.unwrap();
    store.close();

    // As after a reload or a crash: a fresh connection resumes the wizard.
    let reopened = open(&name).await;
    let resumed = reopened.load_complaint_draft("c1").await.unwrap();
    assert_eq!(resumed, Some(draft));
    assert_eq!(resumed.map(|d| d.step), Some(WizardStep::Remedy));
    assert_eq!(reopened.load_complaint_draft("other").await.unwrap(), None);
    assert_eq!(
        reopened.load_complaints().await.unwrap(),
        vec![complaint.clone()]
    );
}

#[wasm_bindgen_test]
async fn v3_database_gains_the_service_stores_with_data_intact() {
    let name = unique_name("v3-to-v4");
    let db = Database::open(name.as_str())
        .with_version(3u32)
        .with_on_upgrade_needed(|event, db| create_schema_up_to(&db, event.old_version() as u32, 3))
        .await
        .unwrap();
    let tx = db
        .transaction([CUSTOMERS])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store(CUSTOMERS)
        .unwrap()
        .put(buyer("a"))
        .serde()
        .unwrap();
    tx.commit().await.unwrap();
    db.close();

    let (store, report) = IdbStore::open(&name, || {}).await.unwrap();
    assert_eq!(report.records_version_before, 3);
    assert_eq!(report.records_upgraded, 0, "v4 changes no customer record");
    assert_eq!(
        store.get_customer(&CustomerId("a".into())).await.unwrap(),
        Some(buyer("a"))
    );
    assert!(store.load_complaints().await.unwrap().is_empty());
    store.put_follow_up(&follow_up("f1", "a")).await.unwrap();
    assert_eq!(
        store.load_follow_ups().await.unwrap(),
        vec![follow_up("f1", "a")]
    );
}
