//! Team sync's document states and the records as replication writes them
//! (issue 18), on every adapter: through the replicator itself, with a
//! teammate (an in-memory store) on the other side of a CouchDB double.

use chrono::{TimeZone, Utc};
use crm::domain::customers::CustomerId;
use crm::domain::sync::doc_state::DocState;
use crm::services::sync::replicator::{pull, push, Session};
use crm::storage::memory::MemoryStore;
use crm::storage::prelude::*;
use serde_json::json;

use super::fixtures::{at, buyer, contact, order};
use crate::common::couch_double::CouchDouble;

fn session(by: &str) -> Session {
    Session {
        by: by.into(),
        pull_id: format!("pull-{by}"),
        session_id: format!("session-{by}"),
    }
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 10, 0, 0)
        .single()
        .expect("valid")
}

pub async fn sync_states_and_values_round_trip<S: CrmStore>(store: &S) {
    let ids = vec!["customer:a".to_owned(), "order:o1".to_owned()];
    assert_eq!(store.doc_states(&ids).await.unwrap(), vec![None, None]);
    let teammate = MemoryStore::new();
    teammate.set_sync_marking(true).await.unwrap();
    teammate.insert_customer(&buyer("a")).await.unwrap();
    let server = CouchDouble::default();
    push(&teammate, &server, &session("ben"), now())
        .await
        .unwrap();
    let state: DocState = teammate
        .doc_states(&ids[..1])
        .await
        .unwrap()
        .remove(0)
        .unwrap();
    store
        .save_pushed(&[(ids[0].clone(), state.clone())], &[])
        .await
        .unwrap();
    assert_eq!(
        store.doc_states(&ids).await.unwrap(),
        vec![Some(state), None]
    );
    assert_eq!(store.sync_value("checkpoint:x").await.unwrap(), None);
    let value = json!({"session_id": "s", "seq": "12-g1AAAA"});
    store.save_sync_value("checkpoint:x", &value).await.unwrap();
    assert_eq!(store.sync_value("checkpoint:x").await.unwrap(), Some(value));
}

pub async fn replicated_data_leaves_local_fields_out<S: CrmStore>(store: &S) {
    store.insert_customer(&buyer("a")).await.unwrap();
    store
        .log_contact(&contact("k1", "a", at(20, 9)))
        .await
        .unwrap();
    let data = store
        .replicated_data(&[
            "customer:a".to_owned(),
            "contact:k1".to_owned(),
            "order:none".to_owned(),
        ])
        .await
        .unwrap();
    let customer = data[0].as_ref().expect("the customer");
    assert!(customer.get("last_contact_at").is_none(), "{customer}");
    assert!(customer.get("revision").is_none(), "{customer}");
    assert_eq!(
        data[1].as_ref().and_then(|c| c.get("id")),
        Some(&json!("k1"))
    );
    assert_eq!(data[2], None);
}

/// A teammate's customer, order and contact arrive in one write: the records,
/// the list's first page and search summaries, the order facts, and nothing
/// marked to push back; their deletion takes them out of all of these.
pub async fn a_teammates_records_apply_with_the_views_and_without_marks<S: CrmStore>(store: &S) {
    store.set_sync_marking(true).await.unwrap();
    let teammate = MemoryStore::new();
    teammate.set_sync_marking(true).await.unwrap();
    teammate.insert_customer(&buyer("a")).await.unwrap();
    teammate
        .import_orders(&[], &[order("o1", "a", 1200)], &|_, _| {})
        .await
        .unwrap();
    teammate
        .log_contact(&contact("k1", "a", at(20, 9)))
        .await
        .unwrap();
    let server = CouchDouble::default();
    push(&teammate, &server, &session("ben"), now())
        .await
        .unwrap();
    let report = pull(store, &server, &session("ana")).await.unwrap();
    assert_eq!(report.applied.len(), 3, "{report:?}");
    let a = CustomerId("a".into());
    assert!(store.get_customer(&a).await.unwrap().is_some());
    let first = store
        .first_customers(10)
        .await
        .unwrap()
        .expect("the first page");
    assert_eq!(first.len(), 1);
    let summaries = store
        .customer_summaries()
        .await
        .unwrap()
        .expect("summaries");
    assert_eq!(summaries.len(), 1);
    let facts = store.load_order_facts(&|_| {}).await.unwrap();
    assert_eq!(facts.len(), 1, "the order's facts are kept with it");
    assert!(
        store.sync_outbox().await.unwrap().is_empty(),
        "nothing to push back"
    );

    teammate.delete_customer(&a).await.unwrap();
    push(&teammate, &server, &session("ben"), now())
        .await
        .unwrap();
    pull(store, &server, &session("ana")).await.unwrap();
    assert!(store.get_customer(&a).await.unwrap().is_none());
    assert_eq!(store.first_customers(10).await.unwrap(), Some(vec![]));
    assert_eq!(store.customer_summaries().await.unwrap(), Some(vec![]));
    assert_eq!(store.load_order_facts(&|_| {}).await.unwrap().len(), 0);
    assert!(store.contacts_for_customer(&a).await.unwrap().is_empty());
}

/// A teammate's revision arriving while this browser has an edit of the same
/// buyer not pushed yet: the record keeps the edit.
pub async fn a_pull_never_overwrites_a_marked_edit<S: CrmStore>(store: &S) {
    store.set_sync_marking(true).await.unwrap();
    store.insert_customer(&buyer("a")).await.unwrap();
    let server = CouchDouble::default();
    push(store, &server, &session("ana"), now()).await.unwrap();
    let teammate = MemoryStore::new();
    teammate.set_sync_marking(true).await.unwrap();
    pull(&teammate, &server, &session("ben")).await.unwrap();
    let a = CustomerId("a".into());
    let mut theirs = teammate.get_customer(&a).await.unwrap().unwrap();
    theirs.phone = "222".into();
    teammate.save_customer(&theirs).await.unwrap();
    push(&teammate, &server, &session("ben"), now())
        .await
        .unwrap();
    let mut mine = store.get_customer(&a).await.unwrap().unwrap();
    mine.notes = "call after 6pm".into();
    store.save_customer(&mine).await.unwrap();
    pull(store, &server, &session("ana")).await.unwrap();
    assert_eq!(
        store.get_customer(&a).await.unwrap().unwrap().notes,
        "call after 6pm"
    );
}

/// The last contact is not replicated: each browser derives it from the
/// contacts it holds, whichever arrives first, the customer or the contact.
pub async fn a_teammates_contact_moves_the_last_contact_here<S: CrmStore>(store: &S) {
    let teammate = MemoryStore::new();
    teammate.set_sync_marking(true).await.unwrap();
    teammate.insert_customer(&buyer("a")).await.unwrap();
    teammate
        .log_contact(&contact("k1", "a", at(20, 9)))
        .await
        .unwrap();
    let server = CouchDouble::default();
    push(&teammate, &server, &session("ben"), now())
        .await
        .unwrap();
    pull(store, &server, &session("ana")).await.unwrap();
    let a = CustomerId("a".into());
    assert_eq!(
        store
            .get_customer(&a)
            .await
            .unwrap()
            .unwrap()
            .last_contact_at,
        Some(at(20, 9)),
        "a customer arriving with its contact"
    );
    teammate
        .log_contact(&contact("k2", "a", at(22, 9)))
        .await
        .unwrap();
    push(&teammate, &server, &session("ben"), now())
        .await
        .unwrap();
    pull(store, &server, &session("ana")).await.unwrap();
    assert_eq!(
        store
            .get_customer(&a)
            .await
            .unwrap()
            .unwrap()
            .last_contact_at,
        Some(at(22, 9)),
        "a later contact alone"
    );
    let summaries = store
        .customer_summaries()
        .await
        .unwrap()
        .expect("summaries");
    assert_eq!(summaries[0].last_contact_at, Some(at(22, 9)));
}
