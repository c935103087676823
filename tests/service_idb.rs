//! IndexedDB tests of the service stores (schema v4): complaint drafts survive a new
//! connection, complaint saves are revision-checked and book their cost atomically,
//! deleting a customer takes and undo restores everything, v3 databases upgrade.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use crm::domain::complaints::{Complaint, ComplaintDraft, WizardStep};
use crm::domain::contacts::{Contact, ContactChannel, Direction, FollowUp};
use crm::domain::customers::{Customer, CustomerId};
use crm::domain::orders::{CostEntry, CostKind, CurrencyCode, Money};
use crm::storage::idb::{create_schema_up_to, IdbStore, CUSTOMERS};
use crm::storage::{CrmStore, StoreError};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{open_db as open, unique_db_name as unique_name};

fn at(day: u32, hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

fn buyer(id: &str) -> Customer {
    Customer::minimal(CustomerId(id.into()), "Lucía García", "ES", at(1, 9))
}

fn contact(id: &str, customer: &str, when: chrono::DateTime<Utc>) -> Contact {
    Contact {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        at: when,
        channel: ContactChannel::Email,
        direction: Direction::Outbound,
        rep: "Mei".into(),
        summary: "sent tracking number".into(),
        outcome: String::new(),
        next_step: String::new(),
        complaint_id: None,
    }
}

fn follow_up(id: &str, customer: &str) -> FollowUp {
    FollowUp {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        rep: "Mei".into(),
        due_at: at(25, 2),
        duration_minutes: 30,
        purpose: "check the refund arrived".into(),
        complaint_id: None,
        done_at: None,
        created_at: at(24, 2),
    }
}

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
async fn a_stale_complaint_save_is_refused_and_books_no_cost() {
    let store = open(&unique_name("stale-complaint")).await;
    let complaint = Complaint::open("c1".into(), CustomerId("a".into()), at(24, 8));
    store.insert_complaint(&complaint).await.unwrap();
    let cost = CostEntry {
        id: "complaint:c1".into(),
        customer_id: CustomerId("a".into()),
        on: at(24, 8).date_naive(),
        kind: CostKind::ComplaintHandling,
        amount: Money::new(1250, CurrencyCode::parse("EUR").unwrap()),
        note: "partial refund".into(),
    };
    // The first tab saves with the cost: both land.
    let mut first = complaint.clone();
    first.outcome = "refunded".into();
    let saved = store.save_complaint(&first, Some(&cost)).await.unwrap();
    assert_eq!(saved.revision, complaint.revision + 1);
    assert_eq!(store.load_costs().await.unwrap(), vec![cost.clone()]);

    // The second tab still holds the old revision: refused, and its cost not booked.
    let mut second = complaint.clone();
    second.outcome = "replacement sent".into();
    let other_cost = CostEntry {
        id: "complaint:c1-other".into(),
        ..cost.clone()
    };
    let refused = store.save_complaint(&second, Some(&other_cost)).await;
    assert!(
        matches!(refused, Err(StoreError::StaleRevision { .. })),
        "{refused:?}"
    );
    assert_eq!(store.load_costs().await.unwrap(), vec![cost]);
    assert_eq!(
        store.get_complaint("c1").await.unwrap().map(|c| c.outcome),
        Some("refunded".into())
    );
    // Saving a complaint nobody created is an error, not a silent insert.
    let ghost = Complaint::open("ghost".into(), CustomerId("a".into()), at(24, 8));
    assert!(matches!(
        store.save_complaint(&ghost, None).await,
        Err(StoreError::ComplaintNotFound(_))
    ));
}

#[wasm_bindgen_test]
async fn logging_a_contact_moves_last_contact_forward_only() {
    let store = open(&unique_name("contact")).await;
    store.insert_customer(&buyer("a")).await.unwrap();
    let updated = store
        .log_contact(&contact("k1", "a", at(20, 9)))
        .await
        .unwrap();
    assert_eq!(updated.last_contact_at, Some(at(20, 9)));
    // A back-dated entry is logged but does not make the customer look neglected.
    let updated = store
        .log_contact(&contact("k0", "a", at(2, 9)))
        .await
        .unwrap();
    assert_eq!(updated.last_contact_at, Some(at(20, 9)));
    let stored = store.get_customer(&CustomerId("a".into())).await.unwrap();
    assert_eq!(stored, Some(updated));
    let mut logged = store
        .contacts_for_customer(&CustomerId("a".into()))
        .await
        .unwrap();
    logged.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        logged,
        vec![contact("k0", "a", at(2, 9)), contact("k1", "a", at(20, 9))]
    );
    // Nobody to log against: refused, nothing stored.
    assert!(matches!(
        store.log_contact(&contact("k2", "nobody", at(20, 9))).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(store
        .contacts_for_customer(&CustomerId("nobody".into()))
        .await
        .unwrap()
        .is_empty());
}

#[wasm_bindgen_test]
async fn deleting_a_customer_takes_their_service_records_and_undo_restores_them() {
    let store = open(&unique_name("delete-service")).await;
    store.insert_customer(&buyer("a")).await.unwrap();
    store.insert_customer(&buyer("b")).await.unwrap();
    let complaint = Complaint::open("c1".into(), CustomerId("a".into()), at(24, 8));
    store.insert_complaint(&complaint).await.unwrap();
    store
        .save_complaint_draft(&ComplaintDraft {
            complaint_id: "c1".into(),
            ..ComplaintDraft::default()
        })
        .await
        .unwrap();
    store
        .log_contact(&contact("k1", "a", at(20, 9)))
        .await
        .unwrap();
    store.put_follow_up(&follow_up("f1", "a")).await.unwrap();
    store.put_follow_up(&follow_up("f2", "b")).await.unwrap();

    let deleted = store
        .delete_customer(&CustomerId("a".into()))
        .await
        .unwrap();
    assert_eq!(deleted.complaints.len(), 1);
    assert_eq!(deleted.contacts.len(), 1);
    assert_eq!(deleted.follow_ups, vec![follow_up("f1", "a")]);
    assert!(store.load_complaints().await.unwrap().is_empty());
    assert_eq!(store.load_complaint_draft("c1").await.unwrap(), None);
    assert_eq!(
        store.load_follow_ups().await.unwrap(),
        vec![follow_up("f2", "b")],
        "another customer's follow-up stays"
    );

    store.undo_delete(&deleted).await.unwrap();
    assert_eq!(store.load_complaints().await.unwrap(), vec![complaint]);
    assert_eq!(
        store
            .contacts_for_customer(&CustomerId("a".into()))
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(store.load_follow_ups().await.unwrap().len(), 2);
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
