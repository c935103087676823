//! Team sync's outbox (issue 18): no write path skips the mark. Every write of
//! the port runs with marking on, and whatever replicated data it changed (by a
//! snapshot before and after, not by what the adapter says it wrote) must be in
//! the outbox with a newer sequence number.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;

use crm::domain::complaints::Complaint;
use crm::domain::contacts::ReportReview;
use crm::domain::exchange::backup::{BackupData, SettingRecord};
use crm::domain::sync::outbox::{changed_docs, replicated_docs, OutboxEntry};
use crm::storage::prelude::*;

use super::fixtures::{at, buyer, contact, cost, follow_up, full_snapshot, id, order, tier_change};
use super::reports::report_on_f1;

async fn docs<S: CrmStore>(store: &S) -> BTreeMap<String, serde_json::Value> {
    replicated_docs(&store.export_all().await.unwrap()).unwrap()
}

/// Runs `write` and checks that it marked every document it changed, and
/// nothing else. Returns what it changed.
async fn marks<S: CrmStore, T, E: std::fmt::Debug>(
    store: &S,
    what: &str,
    write: impl Future<Output = Result<T, E>>,
) -> BTreeSet<String> {
    let before = docs(store).await;
    let last_seq = store
        .sync_outbox()
        .await
        .unwrap()
        .iter()
        .map(|e| e.seq)
        .max()
        .unwrap_or(0);
    if let Err(error) = write.await {
        panic!("{what} failed: {error:?}");
    }
    let after = docs(store).await;
    let changed = changed_docs(&before, &after);
    let marked: BTreeSet<String> = store
        .sync_outbox()
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.seq > last_seq)
        .map(|e| e.doc_id)
        .collect();
    let missing: Vec<&String> = changed.difference(&marked).collect();
    assert!(
        missing.is_empty(),
        "{what} changed {missing:?} without marking them"
    );
    // Marking a document rewritten with the same data is harmless (the push
    // finds nothing new); marking one the write never touched is not.
    let strangers: Vec<&String> = marked
        .iter()
        .filter(|id| !before.contains_key(*id) && !after.contains_key(*id))
        .collect();
    assert!(
        strangers.is_empty(),
        "{what} marked {strangers:?}, which exist nowhere"
    );
    changed
}

pub async fn every_write_marks_what_it_changes<S: CrmStore>(store: &S) {
    assert!(
        !store.sync_marking().await.unwrap(),
        "off in a new database"
    );
    store.set_sync_marking(true).await.unwrap();
    assert!(store.sync_marking().await.unwrap());

    // Customers.
    let changed = marks(store, "insert_customer", store.insert_customer(&buyer("a"))).await;
    assert_eq!(changed, BTreeSet::from(["customer:a".to_owned()]));
    let mut a = store.get_customer(&id("a")).await.unwrap().unwrap();
    a.name = "Ana Gómez".into();
    marks(store, "save_customer", store.save_customer(&a)).await;
    let mut a = store.get_customer(&id("a")).await.unwrap().unwrap();
    a.notes = "prefers WhatsApp".into();
    let changed = marks(
        store,
        "save_customer_with_follow_ups",
        store.save_customer_with_follow_ups(&a, &[follow_up("f1", "a")]),
    )
    .await;
    assert_eq!(changed.len(), 2, "{changed:?}");
    let mut a = store.get_customer(&id("a")).await.unwrap().unwrap();
    a.phone = "+34 600 111 222".into();
    marks(
        store,
        "save_customers_with_follow_ups",
        store.save_customers_with_follow_ups(std::slice::from_ref(&a), &[follow_up("f9", "a")]),
    )
    .await;
    let mut a = store.get_customer(&id("a")).await.unwrap().unwrap();
    a.address = "Calle Feria 3, Sevilla".into();
    let changed = marks(
        store,
        "import_customers",
        store.import_customers(&[buyer("b")], std::slice::from_ref(&a)),
    )
    .await;
    assert_eq!(changed.len(), 2, "{changed:?}");

    // Orders, costs, tiers.
    let changed = marks(
        store,
        "import_orders",
        store.import_orders(
            &[buyer("c")],
            &[order("o1", "a", 1200), order("o2", "c", 800)],
            &|_, _| {},
        ),
    )
    .await;
    assert_eq!(changed.len(), 3, "{changed:?}");
    marks(store, "put_costs", store.put_costs(&[cost("k1", "a", 300)])).await;
    marks(
        store,
        "put_tier_changes",
        store.put_tier_changes(&[tier_change("t1", "a")]),
    )
    .await;

    // Complaints (a draft is per device: it changes nothing replicated).
    let complaint = Complaint::open("c1".into(), id("a"), at(24, 8));
    marks(
        store,
        "insert_complaint",
        store.insert_complaint(&complaint),
    )
    .await;
    let mut refunded = complaint.clone();
    refunded.outcome = "refunded".into();
    let changed = marks(
        store,
        "save_complaint",
        store.save_complaint(&refunded, Some(&cost("complaint:c1", "a", 1250))),
    )
    .await;
    assert_eq!(changed.len(), 2, "{changed:?}");
    let draft = crm::domain::complaints::ComplaintDraft {
        complaint_id: "c1".into(),
        customer_words: "still broken".into(),
        ..Default::default()
    };
    let changed = marks(
        store,
        "save_complaint_draft",
        store.save_complaint_draft(&draft),
    )
    .await;
    assert!(changed.is_empty());

    // Contacts and follow-ups. The customer's last contact is this device's, so
    // only the contact itself changes.
    let changed = marks(
        store,
        "log_contact",
        store.log_contact(&contact("k-a", "a", at(20, 9))),
    )
    .await;
    assert_eq!(changed, BTreeSet::from(["contact:k-a".to_owned()]));
    marks(
        store,
        "remove_contact",
        store.remove_contact(&contact("k-a", "a", at(20, 9)), None),
    )
    .await;
    marks(
        store,
        "put_follow_up",
        store.put_follow_up(&follow_up("f1", "a")),
    )
    .await;
    let changed = marks(
        store,
        "record_report",
        store.record_report(&report_on_f1(at(25, 10))),
    )
    .await;
    assert_eq!(changed.len(), 3, "done, contact, next: {changed:?}");
    let review = ReportReview {
        by: "Lead".into(),
        at: at(26, 9),
        comment: "good".into(),
    };
    marks(store, "review_report", store.review_report("r1", &review)).await;

    // Settings: the team's replicate, the device's do not.
    let changed = marks(
        store,
        "save_setting (team)",
        store.save_setting("response_targets", r#"{"first_reply_hours":12}"#),
    )
    .await;
    assert_eq!(changed.len(), 1);
    let before = store.sync_outbox().await.unwrap();
    store.save_setting("ui_language", r#""zh""#).await.unwrap();
    assert_eq!(
        store.sync_outbox().await.unwrap(),
        before,
        "a device setting is not marked"
    );

    // Deletion with everything it takes, and its undo.
    let changed = marks(store, "delete_customer", store.delete_customer(&id("a"))).await;
    assert!(
        changed.len() >= 6,
        "customer, orders, complaint, contacts, follow-ups: {changed:?}"
    );

    // Whole snapshots: the demo set and a restore.
    let demo = BackupData {
        customers: vec![buyer("d")],
        orders: vec![order("o9", "d", 500)],
        ..BackupData::default()
    };
    let changed = marks(store, "put_records", store.put_records(&demo)).await;
    assert_eq!(changed.len(), 2);
    let mut restored = full_snapshot();
    restored.settings.push(SettingRecord {
        key: "value_settings".into(),
        json: r#"{"shares":[1,19,30,50]}"#.into(),
    });
    let changed = marks(store, "replace_all", store.replace_all(&restored)).await;
    assert!(
        changed.contains("customer:d") && changed.contains("customer:c"),
        "what the restore removed is marked too: {changed:?}"
    );
}

/// *Undo* puts back what a deletion took: every document is marked again.
pub async fn undoing_a_deletion_marks_what_comes_back<S: CrmStore>(store: &S) {
    store.set_sync_marking(true).await.unwrap();
    store.put_records(&full_snapshot()).await.unwrap();
    let deleted = store.delete_customer(&id("a")).await.unwrap();
    let changed = marks(store, "undo_delete", store.undo_delete(&deleted)).await;
    assert!(
        changed.contains("customer:a") && changed.contains("order:o1"),
        "{changed:?}"
    );
}

/// A push acknowledges what it sent; a write during the push keeps its mark.
pub async fn acknowledging_keeps_marks_made_since<S: CrmStore>(store: &S) {
    store.set_sync_marking(true).await.unwrap();
    store.insert_customer(&buyer("a")).await.unwrap();
    store.insert_customer(&buyer("b")).await.unwrap();
    let pushed = store.sync_outbox().await.unwrap();
    assert_eq!(pushed.len(), 2);
    // Written again while the push was on the wire.
    let mut b = store.get_customer(&id("b")).await.unwrap().unwrap();
    b.name = "Berta".into();
    store.save_customer(&b).await.unwrap();
    assert_eq!(store.outbox_len().await.unwrap(), 2);
    store.acknowledge_outbox(&pushed).await.unwrap();
    assert_eq!(store.outbox_len().await.unwrap(), 1);
    let left: Vec<String> = store
        .sync_outbox()
        .await
        .unwrap()
        .into_iter()
        .map(|e: OutboxEntry| e.doc_id)
        .collect();
    assert_eq!(left, ["customer:b"]);
}

/// With sync off, writes mark nothing, and turning it off keeps earlier marks.
pub async fn marking_off_marks_nothing_and_keeps_marks<S: CrmStore>(store: &S) {
    store.insert_customer(&buyer("a")).await.unwrap();
    assert!(store.sync_outbox().await.unwrap().is_empty());
    store.set_sync_marking(true).await.unwrap();
    store.insert_customer(&buyer("b")).await.unwrap();
    store.set_sync_marking(false).await.unwrap();
    store.insert_customer(&buyer("c")).await.unwrap();
    store.put_costs(&[cost("k1", "c", 100)]).await.unwrap();
    let ids: Vec<String> = store
        .sync_outbox()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.doc_id)
        .collect();
    assert_eq!(ids, ["customer:b"]);
}

/// A refused write marks nothing: the marks are in its transaction.
pub async fn a_refused_write_marks_nothing<S: CrmStore>(store: &S) {
    store.set_sync_marking(true).await.unwrap();
    store.insert_customer(&buyer("a")).await.unwrap();
    let before = store.sync_outbox().await.unwrap();
    // A stale save (another tab saved first).
    let stale = store.get_customer(&id("a")).await.unwrap().unwrap();
    let mut first = stale.clone();
    first.name = "First".into();
    store.save_customer(&first).await.unwrap();
    let after_save = store.sync_outbox().await.unwrap();
    let mut second = stale;
    second.name = "Second".into();
    assert!(store.save_customer(&second).await.is_err());
    assert_eq!(store.sync_outbox().await.unwrap(), after_save, "stale save");
    // An import whose new buyer exists meanwhile: all or nothing, marks included.
    assert!(store
        .import_orders(&[buyer("a")], &[order("o1", "a", 100)], &|_, _| {})
        .await
        .is_err());
    assert_eq!(
        store.sync_outbox().await.unwrap(),
        after_save,
        "aborted import"
    );
    assert_ne!(before, after_save);
}

/// Connecting marks everything held before, so the team gets it; marks of
/// records deleted before stay.
pub async fn connecting_marks_everything_held<S: CrmStore>(store: &S) {
    let mut data = full_snapshot();
    data.settings.push(SettingRecord {
        key: "value_settings".into(),
        json: r#"{"shares":[1,19,30,50]}"#.into(),
    });
    store.put_records(&data).await.unwrap();
    assert_eq!(
        store.mark_everything().await.unwrap(),
        0,
        "nothing while off"
    );
    store.set_sync_marking(true).await.unwrap();
    store.insert_customer(&buyer("gone")).await.unwrap();
    store.delete_customer(&id("gone")).await.unwrap();
    let held = docs(store).await;
    assert_eq!(store.mark_everything().await.unwrap(), held.len());
    let marked: BTreeSet<String> = store
        .sync_outbox()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.doc_id)
        .collect();
    let mut expected: BTreeSet<String> = held.into_keys().collect();
    expected.insert("customer:gone".into());
    assert_eq!(marked, expected);
}
