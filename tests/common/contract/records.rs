//! The contract of the value, complaint, contact, settings and snapshot contexts.

use crm::domain::complaints::{Complaint, ComplaintDraft, WizardStep};
use crm::domain::exchange::backup::BackupData;
use crm::domain::orders::CostEntry;
use crm::storage::prelude::*;
use crm::storage::StoreError;

use super::fixtures::{at, buyer, contact, cost, follow_up, full_snapshot, id, tier_change};

// ---- value ----

pub async fn costs_and_tier_changes_round_trip<S: CrmStore>(store: &S) {
    assert!(store.load_costs().await.unwrap().is_empty());
    assert!(store.load_tier_changes().await.unwrap().is_empty());
    store
        .put_costs(&[cost("k1", "a", 100), cost("k2", "b", 200)])
        .await
        .unwrap();
    // Same id = replaced.
    store.put_costs(&[cost("k1", "a", 150)]).await.unwrap();
    assert_eq!(
        store.load_costs().await.unwrap(),
        vec![cost("k1", "a", 150), cost("k2", "b", 200)]
    );
    store
        .put_tier_changes(&[tier_change("t1", "a"), tier_change("t2", "b")])
        .await
        .unwrap();
    assert_eq!(
        store.load_tier_changes().await.unwrap(),
        vec![tier_change("t1", "a"), tier_change("t2", "b")]
    );
}

// ---- complaints ----

pub async fn complaint_saves_follow_the_revision_rule<S: CrmStore>(store: &S) {
    let complaint = Complaint::open("c1".into(), id("a"), at(24, 8));
    store.insert_complaint(&complaint).await.unwrap();
    assert!(store.insert_complaint(&complaint).await.is_err());
    let saved = store.save_complaint(&complaint, None).await.unwrap();
    assert_eq!(saved.revision, 1);
    assert_eq!(
        store.save_complaint(&complaint, None).await,
        Err(StoreError::StaleRevision {
            stored: 1,
            yours: 0
        })
    );
    assert_eq!(store.get_complaint("c1").await.unwrap(), Some(saved));
    assert_eq!(store.get_complaint("other").await.unwrap(), None);
}

pub async fn a_stale_complaint_save_is_refused_and_books_no_cost<S: CrmStore>(store: &S) {
    let complaint = Complaint::open("c1".into(), id("a"), at(24, 8));
    store.insert_complaint(&complaint).await.unwrap();
    let cost = cost("complaint:c1", "a", 1250);
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
    let ghost = Complaint::open("ghost".into(), id("a"), at(24, 8));
    assert!(matches!(
        store.save_complaint(&ghost, None).await,
        Err(StoreError::ComplaintNotFound(_))
    ));
    assert_eq!(store.load_complaints().await.unwrap(), vec![saved]);
}

pub async fn complaint_drafts_keep_the_last_save<S: CrmStore>(store: &S) {
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
    assert_eq!(store.load_complaint_draft("c1").await.unwrap(), Some(draft));
    assert_eq!(store.load_complaint_draft("other").await.unwrap(), None);
}

// ---- contacts ----

pub async fn contacts_advance_last_contact_and_leave_with_the_customer<S: CrmStore>(store: &S) {
    store.insert_customer(&buyer("a")).await.unwrap();
    store
        .log_contact(&contact("k1", "a", at(20, 9)))
        .await
        .unwrap();
    let after_old = store
        .log_contact(&contact("k0", "a", at(3, 9)))
        .await
        .unwrap();
    assert_eq!(after_old.last_contact_at, Some(at(20, 9)));
    assert_eq!(after_old.revision, 2, "each logged contact is a change");
    // A newer contact moves it forward again.
    let after_new = store
        .log_contact(&contact("k2", "a", at(22, 9)))
        .await
        .unwrap();
    assert_eq!(after_new.last_contact_at, Some(at(22, 9)));
    store.put_follow_up(&follow_up("f1", "a")).await.unwrap();
    let deleted = store.delete_customer(&id("a")).await.unwrap();
    assert_eq!(deleted.contacts.len(), 3);
    assert_eq!(deleted.follow_ups.len(), 1);
    assert!(store.load_follow_ups().await.unwrap().is_empty());
    store.undo_delete(&deleted).await.unwrap();
    assert_eq!(
        store.contacts_for_customer(&id("a")).await.unwrap().len(),
        3
    );
    assert_eq!(store.load_follow_ups().await.unwrap().len(), 1);
}

pub async fn logging_a_contact_moves_last_contact_forward_only<S: CrmStore>(store: &S) {
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
    let stored = store.get_customer(&id("a")).await.unwrap();
    assert_eq!(stored, Some(updated));
    let mut logged = store.contacts_for_customer(&id("a")).await.unwrap();
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
        .contacts_for_customer(&id("nobody"))
        .await
        .unwrap()
        .is_empty());
}

pub async fn deleting_a_customer_takes_their_service_records_and_undo_restores_them<S: CrmStore>(
    store: &S,
) {
    store.insert_customer(&buyer("a")).await.unwrap();
    store.insert_customer(&buyer("b")).await.unwrap();
    let complaint = Complaint::open("c1".into(), id("a"), at(24, 8));
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

    let deleted = store.delete_customer(&id("a")).await.unwrap();
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
        store.contacts_for_customer(&id("a")).await.unwrap().len(),
        1
    );
    assert_eq!(store.load_follow_ups().await.unwrap().len(), 2);
}

// ---- settings ----

/// A reply's *Undo*: the contact goes and the last contact returns to what it was,
/// in one step; a contact logged later stays the last one.
pub async fn removing_a_logged_contact_puts_the_last_contact_back<S: CrmStore>(store: &S) {
    store.insert_customer(&buyer("a")).await.unwrap();
    store
        .log_contact(&contact("k1", "a", at(10, 9)))
        .await
        .unwrap();
    let reply = contact("k2", "a", at(20, 9));
    let logged = store.log_contact(&reply).await.unwrap();
    assert_eq!(logged.last_contact_at, Some(at(20, 9)));
    let undone = store.remove_contact(&reply, Some(at(10, 9))).await.unwrap();
    assert_eq!(undone.last_contact_at, Some(at(10, 9)));
    assert!(undone.revision > logged.revision);
    assert_eq!(store.get_customer(&id("a")).await.unwrap(), Some(undone));
    let left: Vec<String> = store
        .contacts_for_customer(&id("a"))
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(left, ["k1"]);
    // Undoing an older contact while a newer one is the last leaves the newer one.
    let old = contact("k0", "a", at(5, 9));
    store.log_contact(&old).await.unwrap();
    let undone = store.remove_contact(&old, None).await.unwrap();
    assert_eq!(undone.last_contact_at, Some(at(10, 9)));
    assert!(matches!(
        store
            .remove_contact(&contact("k9", "nobody", at(5, 9)), None)
            .await,
        Err(StoreError::NotFound(_))
    ));
}

/// Reply edits are added, never replaced by a later one, and a batch lands whole.
pub async fn reply_edits_accumulate<S: CrmStore>(store: &S) {
    use crm::domain::replies::{ReplyChange, ReplyEdit};
    let edit = |id: &str, text: &str| ReplyEdit {
        id: id.into(),
        at: at(3, 9),
        change: ReplyChange::Text {
            scenario: "win_back".into(),
            language: "de".into(),
            text: text.into(),
        },
    };
    assert!(store.load_reply_edits().await.unwrap().is_empty());
    store
        .add_reply_edits(&[edit("e1", "eins {buyer_name}")])
        .await
        .unwrap();
    store
        .add_reply_edits(&[edit("e2", "zwei {buyer_name}"), edit("e3", "drei")])
        .await
        .unwrap();
    let mut stored = store.load_reply_edits().await.unwrap();
    stored.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        stored,
        vec![
            edit("e1", "eins {buyer_name}"),
            edit("e2", "zwei {buyer_name}"),
            edit("e3", "drei")
        ]
    );
}

pub async fn settings_round_trip<S: CrmStore>(store: &S) {
    assert_eq!(store.load_setting("value_settings").await.unwrap(), None);
    store
        .save_setting("value_settings", r#"{"a":1}"#)
        .await
        .unwrap();
    store.save_setting("other", "2").await.unwrap();
    assert_eq!(
        store
            .load_setting("value_settings")
            .await
            .unwrap()
            .as_deref(),
        Some(r#"{"a":1}"#)
    );
    // Saving again replaces.
    store
        .save_setting("value_settings", r#"{"a":2}"#)
        .await
        .unwrap();
    assert_eq!(
        store
            .load_setting("value_settings")
            .await
            .unwrap()
            .as_deref(),
        Some(r#"{"a":2}"#)
    );
    assert_eq!(
        store.load_setting("other").await.unwrap().as_deref(),
        Some("2")
    );
}

// ---- snapshot ----

pub async fn export_then_replace_all_round_trips_everything<S: CrmStore>(store: &S) {
    assert_eq!(store.export_all().await.unwrap(), BackupData::default());
    let snapshot = full_snapshot();
    store.replace_all(&snapshot).await.unwrap();
    assert_eq!(store.export_all().await.unwrap(), snapshot);

    // Anything written afterwards is gone after restoring the snapshot again.
    store.insert_customer(&buyer("z")).await.unwrap();
    store.save_setting("later", "1").await.unwrap();
    store.put_follow_up(&follow_up("f9", "z")).await.unwrap();
    store.replace_all(&snapshot).await.unwrap();
    assert_eq!(store.export_all().await.unwrap(), snapshot);
    assert_eq!(store.get_customer(&id("z")).await.unwrap(), None);
    assert_eq!(store.load_setting("later").await.unwrap(), None);

    store.replace_all(&BackupData::default()).await.unwrap();
    assert_eq!(store.export_all().await.unwrap(), BackupData::default());
}

pub async fn put_records_adds_and_replaces_leaving_the_rest<S: CrmStore>(store: &S) {
    let keep = buyer("keep");
    store.insert_customer(&keep).await.unwrap();
    store.save_setting("mine", "1").await.unwrap();
    let snapshot = full_snapshot();
    let mut changed = snapshot.customers[0].clone();
    changed.name = "Before".into();
    store.insert_customer(&changed).await.unwrap();
    store.put_records(&snapshot).await.unwrap();

    assert_eq!(store.get_customer(&keep.id).await.unwrap(), Some(keep));
    assert_eq!(
        store.get_customer(&changed.id).await.unwrap().as_ref(),
        snapshot.customers.first(),
        "same id = replaced"
    );
    assert_eq!(
        store.load_setting("mine").await.unwrap().as_deref(),
        Some("1")
    );
    let all = store.export_all().await.unwrap();
    assert_eq!(all.customers.len(), 3);
    assert_eq!(all.orders, snapshot.orders);
    assert_eq!(all.complaint_drafts, snapshot.complaint_drafts);
    assert_eq!(all.settings.len(), 2);
}
