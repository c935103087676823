//! Examples of the field merge; the random-history properties are in
//! `field_merge_props.rs`, which reuses the builders here.

use chrono::{Duration, TimeZone};
use serde_json::json;

use super::*;
use crate::domain::complaints::Complaint;
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::sync::docs::Replicated;

pub(super) fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
        .single()
        .expect("valid")
}

pub(super) fn customer_data() -> Value {
    let customer = Customer::minimal(CustomerId("c1".into()), "Ana", "ES", base_time());
    customer.to_data().expect("serialises")
}

/// A document's first revision, as `stamp` would write it.
pub(super) fn create(kind: DocKind, record_id: &str, data: Value, by: &str) -> ConflictLeaf {
    let content = RevContent {
        doc_type: kind.type_name(),
        schema: CURRENT_RECORDS_VERSION,
        data: &data,
        deleted: false,
    };
    let rev = next_rev(None, &content).expect("first revision");
    let fr = stamp_fr(None, &data, &rev);
    ConflictLeaf {
        history: RevPath::first(rev.hash(), false).expect("valid"),
        doc: SyncDoc {
            id: kind.doc_id(record_id),
            rev,
            kind,
            by: by.to_owned(),
            at: base_time(),
            body: Some(LiveBody {
                schema: CURRENT_RECORDS_VERSION,
                fr,
                data,
            }),
            revisions: None,
        },
    }
}

/// An edit on top of `parent` (a live leaf), as `stamp` would write it.
pub(super) fn edit(
    parent: &ConflictLeaf,
    by: &str,
    change: impl FnOnce(&mut Value),
) -> ConflictLeaf {
    let body = parent
        .doc
        .body
        .as_ref()
        .expect("edits start from a live leaf");
    let mut data = body.data.clone();
    change(&mut data);
    let content = RevContent {
        doc_type: parent.doc.kind.type_name(),
        schema: CURRENT_RECORDS_VERSION,
        data: &data,
        deleted: false,
    };
    let rev = next_rev(Some(&parent.doc.rev), &content).expect("next revision");
    let fr = stamp_fr(Some((&body.fr, &body.data)), &data, &rev);
    ConflictLeaf {
        history: parent.history.child(rev.hash(), false).expect("valid"),
        doc: SyncDoc {
            rev,
            by: by.to_owned(),
            body: Some(LiveBody {
                schema: CURRENT_RECORDS_VERSION,
                fr,
                data,
            }),
            ..parent.doc.clone()
        },
    }
}

/// A rep deleting the record on top of `parent`.
pub(super) fn delete(parent: &ConflictLeaf, by: &str) -> ConflictLeaf {
    let content = RevContent {
        doc_type: parent.doc.kind.type_name(),
        schema: CURRENT_RECORDS_VERSION,
        data: &Value::Null,
        deleted: true,
    };
    let rev = next_rev(Some(&parent.doc.rev), &content).expect("next revision");
    ConflictLeaf {
        history: parent.history.child(rev.hash(), true).expect("valid"),
        doc: SyncDoc {
            rev,
            by: by.to_owned(),
            body: None,
            ..parent.doc.clone()
        },
    }
}

/// The leaves after writing a resolution: the written revisions replace the leaves
/// they continue.
pub(super) fn apply(leaves: &[ConflictLeaf], resolved: &Resolved) -> Vec<ConflictLeaf> {
    let mut next: Vec<ConflictLeaf> = leaves
        .iter()
        .filter(|leaf| {
            !resolved.writes.iter().any(|write| {
                let ids = write.path.ids();
                ids.len() >= 2 && ids[ids.len() - 2] == leaf.doc.rev.hash()
            })
        })
        .cloned()
        .collect();
    for write in &resolved.writes {
        next.push(ConflictLeaf {
            history: write.path.clone(),
            doc: write.doc.clone(),
        });
    }
    next
}

fn set(field: &'static str, value: &'static str) -> impl FnOnce(&mut Value) {
    move |data| data[field] = json!(value)
}

fn resolved(leaves: &[ConflictLeaf]) -> Resolved {
    resolve(leaves, "Cleo", base_time())
        .expect("valid leaves")
        .expect("a conflict")
}

#[test]
fn different_fields_are_all_kept_and_the_same_field_goes_to_the_winner() {
    let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
    let a = edit(&base, "Ana", |data| {
        data["phone"] = json!("+34 611");
        data["notes"] = json!("A's note");
    });
    let b = edit(&base, "Ben", |data| {
        data["email"] = json!("ben@shop.example");
        data["notes"] = json!("B's note");
    });
    let (winner, loser) = if a.doc.rev > b.doc.rev {
        (a.clone(), b.clone())
    } else {
        (b.clone(), a.clone())
    };
    let result = resolved(&[a.clone(), b.clone()]);
    let Outcome::Live { rev, data } = &result.resolution.outcome else {
        panic!("live outcome");
    };
    assert_eq!(data["phone"], json!("+34 611"));
    assert_eq!(data["email"], json!("ben@shop.example"));
    let winner_notes = winner.doc.data().expect("live")["notes"].clone();
    assert_eq!(data["notes"], winner_notes);
    assert_eq!(result.resolution.kept_rev, winner.doc.rev);
    assert_eq!(
        result.resolution.merged,
        vec![MergedField {
            field: "notes".into(),
            kept: winner_notes,
            lost: vec![LostValue {
                value: loser.doc.data().expect("live")["notes"].clone(),
                by: loser.doc.by.clone(),
                rev: loser.doc.rev.clone(),
            }],
        }]
    );
    // A child of the winner with the merged body, a tombstone on the loser.
    assert_eq!(result.writes.len(), 2);
    assert_eq!(&result.writes[0].doc.rev, rev);
    assert_eq!(rev.pos(), winner.doc.rev.pos() + 1);
    assert_eq!(result.writes[0].path.ids()[..2], winner.history.ids()[..]);
    assert!(result.writes[1].doc.is_deleted());
    assert_eq!(result.writes[1].path.ids()[..2], loser.history.ids()[..]);
    // The same conflict resolved elsewhere, leaves in another order: identical.
    let elsewhere = resolve(&[b, a], "Cleo", base_time()).expect("valid");
    assert_eq!(elsewhere, Some(result.clone()));
    // Once written, nothing is left to resolve.
    let after = apply(&[winner, loser], &result);
    assert_eq!(resolve(&after, "Cleo", base_time()), Ok(None));
}

#[test]
fn a_change_the_other_leaf_saw_is_not_a_conflict() {
    let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
    let a1 = edit(&base, "Ana", set("phone", "+34 1"));
    // Ben synced a1, then changed the phone again; Ana meanwhile edited the email.
    let b2 = edit(&a1, "Ben", set("phone", "+34 2"));
    let a2 = edit(&a1, "Ana", set("email", "ana@shop.example"));
    for leaves in [[a2.clone(), b2.clone()], [b2.clone(), a2.clone()]] {
        let result = resolved(&leaves);
        let Outcome::Live { data, .. } = &result.resolution.outcome else {
            panic!("live");
        };
        assert_eq!(data["phone"], json!("+34 2"), "Ben saw Ana's phone");
        assert_eq!(data["email"], json!("ana@shop.example"));
        assert_eq!(result.resolution.merged, vec![]);
    }
}

#[test]
fn updated_at_takes_the_latest_and_is_never_a_lost_value() {
    let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
    let later = (base_time() + Duration::minutes(5)).to_rfc3339();
    let latest = (base_time() + Duration::minutes(9)).to_rfc3339();
    let a = edit(&base, "Ana", |data| data["updated_at"] = json!(later));
    let b = edit(&base, "Ben", |data| data["updated_at"] = json!(latest));
    let result = resolved(&[a, b]);
    let Outcome::Live { data, .. } = &result.resolution.outcome else {
        panic!("live");
    };
    assert_eq!(data["updated_at"], json!(latest));
    assert_eq!(result.resolution.merged, vec![]);
}

fn stage_change(from: &str, to: &str, minutes: i64) -> Value {
    json!({"from": from, "to": to, "at": (base_time() + Duration::minutes(minutes)).to_rfc3339(),
           "reason": format!("{from} to {to}")})
}

fn push(field: &'static str, entry: Value, state: &'static str) -> impl FnOnce(&mut Value) {
    move |data| {
        if let Some(history) = data[field].as_array_mut() {
            history.push(entry.clone());
        }
        data[state] = entry["to"].clone();
    }
}

#[test]
fn stage_histories_are_unioned_in_time_order_and_flow_breaks_flagged() {
    let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
    let shared = edit(
        &base,
        "Ana",
        push(
            "stage_history",
            stage_change("potential", "target", 1),
            "stage",
        ),
    );
    // Ana records the first purchase; Ben, offline, gives up on the target.
    let a = edit(
        &shared,
        "Ana",
        push(
            "stage_history",
            stage_change("target", "first_time", 5),
            "stage",
        ),
    );
    let b = edit(
        &shared,
        "Ben",
        push(
            "stage_history",
            stage_change("target", "non_customer", 3),
            "stage",
        ),
    );
    let result = resolved(&[a, b]);
    let Outcome::Live { data, .. } = &result.resolution.outcome else {
        panic!("live");
    };
    assert_eq!(
        data["stage_history"],
        json!([
            stage_change("potential", "target", 1),
            stage_change("target", "non_customer", 3),
            stage_change("target", "first_time", 5)
        ])
    );
    assert_eq!(data["stage"], json!("first_time"), "the last entry's stage");
    assert_eq!(
        result.resolution.flow_breaks,
        vec![FlowBreak {
            field: "stage_history".into(),
            index: 2
        }],
        "first_time does not follow non_customer"
    );
    assert!(result.resolution.merged.is_empty(), "a union loses nothing");
}

#[test]
fn complaint_histories_union_and_set_the_state() {
    let complaint = Complaint::open("k1".into(), CustomerId("c1".into()), base_time());
    let data = complaint.to_data().expect("serialises");
    let base = create(DocKind::Complaint, "k1", data, "Ana");
    let change = |from: &str, to: &str, minutes: i64| {
        json!({"from": from, "to": to,
               "at": (base_time() + Duration::minutes(minutes)).to_rfc3339()})
    };
    let a = edit(
        &base,
        "Ana",
        push("history", change("open", "in_progress", 2), "state"),
    );
    let b = edit(
        &base,
        "Ben",
        push("history", change("open", "awaiting_customer", 1), "state"),
    );
    let result = resolved(&[a, b]);
    let Outcome::Live { data, .. } = &result.resolution.outcome else {
        panic!("live");
    };
    assert_eq!(data["history"].as_array().map(Vec::len), Some(2));
    assert_eq!(data["state"], json!("in_progress"));
    assert_eq!(
        result.resolution.flow_breaks,
        vec![FlowBreak {
            field: "history".into(),
            index: 1
        }],
        "the second entry starts from open, not awaiting_customer"
    );
}

#[test]
fn a_delete_wins_over_a_concurrent_edit_and_keeps_the_body_for_restore() {
    let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
    let deleted = delete(&base, "Ana");
    let edited = edit(&base, "Ben", set("phone", "+34 699"));
    let result = resolved(&[edited.clone(), deleted.clone()]);
    let Outcome::Deleted {
        deleted_rev,
        deleted_by,
        last_live,
        ..
    } = &result.resolution.outcome
    else {
        panic!("the delete wins");
    };
    assert_eq!(deleted_rev, &deleted.doc.rev);
    assert_eq!(deleted_by, "Ana");
    assert_eq!(last_live["phone"], json!("+34 699"));
    assert_eq!(result.writes.len(), 1);
    assert!(result.writes[0].doc.is_deleted());
    assert!(is_resolution_tombstone(
        DocKind::Customer,
        &result.writes[0].path
    ));
    assert!(!is_resolution_tombstone(
        DocKind::Customer,
        &deleted.history
    ));
    // Settled: the resolution's tombstone is not a second deletion.
    let after = apply(&[edited, deleted.clone()], &result);
    assert_eq!(resolve(&after, "Cleo", base_time()), Ok(None));
    // Restore: a live revision on the deletion's branch, no conflict.
    let content = RevContent {
        doc_type: "customer",
        schema: CURRENT_RECORDS_VERSION,
        data: last_live,
        deleted: false,
    };
    let restored_rev = next_rev(Some(&deleted.doc.rev), &content).expect("rev");
    let restored = ConflictLeaf {
        history: deleted
            .history
            .child(restored_rev.hash(), false)
            .expect("path"),
        doc: SyncDoc {
            rev: restored_rev,
            body: Some(LiveBody {
                schema: CURRENT_RECORDS_VERSION,
                fr: BTreeMap::new(),
                data: last_live.clone(),
            }),
            ..deleted.doc.clone()
        },
    };
    let mut restored_leaves: Vec<ConflictLeaf> = after
        .into_iter()
        .filter(|leaf| leaf.doc.rev != deleted.doc.rev)
        .collect();
    restored_leaves.push(restored);
    assert_eq!(resolve(&restored_leaves, "Cleo", base_time()), Ok(None));
}

#[test]
fn nothing_to_resolve() {
    let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
    assert_eq!(
        resolve(std::slice::from_ref(&base), "Cleo", base_time()),
        Ok(None)
    );
    let gone = delete(&base, "Ana");
    let other_gone = delete(&edit(&base, "Ben", set("phone", "1")), "Ben");
    assert_eq!(resolve(&[gone, other_gone], "Cleo", base_time()), Ok(None));
}

#[test]
fn inconsistent_leaves_are_typed_errors() {
    let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
    let child = edit(&base, "Ana", set("phone", "1"));
    assert_eq!(
        resolve(&[], "x", base_time()),
        Err(FieldMergeError::NoLeaves)
    );
    assert_eq!(
        resolve(&[child.clone(), child.clone()], "x", base_time()),
        Err(FieldMergeError::DuplicateLeaf(child.doc.rev.clone()))
    );
    assert_eq!(
        resolve(&[base.clone(), child.clone()], "x", base_time()),
        Err(FieldMergeError::NotALeaf(base.doc.rev.clone()))
    );
    let mut wrong_history = child.clone();
    wrong_history.history = base.history.clone();
    assert!(matches!(
        resolve(&[wrong_history], "x", base_time()),
        Err(FieldMergeError::HistoryMismatch { .. })
    ));
    let mut other_doc = edit(&base, "Ben", set("phone", "2"));
    other_doc.doc.id = "customer:c2".into();
    assert!(matches!(
        resolve(&[child, other_doc], "x", base_time()),
        Err(FieldMergeError::WrongDocument { .. })
    ));
}

#[test]
fn markers_are_short_revisions() {
    let rev: Rev = "3-9b2e41aa07c3d5e6f7a8b9c0d1e2f3a4".parse().expect("valid");
    assert_eq!(short_rev(&rev), "3-9b2e41aa");
    let data = json!({"a": 1, "b": 2});
    let first = stamp_fr(None, &data, &rev);
    assert_eq!(first.len(), 2);
    let next: Rev = "4-0123456789".parse().expect("valid");
    let changed = json!({"a": 1, "c": 3});
    let fr = stamp_fr(Some((&first, &data)), &changed, &next);
    assert_eq!(fr["a"], "3-9b2e41aa");
    assert_eq!(fr["b"], "4-01234567", "a removed field is a change");
    assert_eq!(fr["c"], "4-01234567");
}

/// A value the merge took from the losing leaf is marked by the merge's own
/// revision, so a replica that edited the winner before seeing the merge cannot
/// silently bring the old value back.
#[test]
fn a_merged_value_survives_a_later_edit_that_had_not_seen_the_merge() {
    let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
    let a = edit(&base, "Ana", set("phone", "+34 611"));
    let b = edit(&base, "Ben", set("email", "ben@shop.example"));
    let (winner, loser) = if a.doc.rev > b.doc.rev {
        (a, b)
    } else {
        (b, a)
    };
    let result = resolved(&[winner.clone(), loser.clone()]);
    let merged = apply(&[winner.clone(), loser], &result);
    let head = merged
        .iter()
        .find(|leaf| !leaf.doc.is_deleted())
        .expect("the merged child");
    // Someone edits the merged document; someone else, who only ever had the
    // winner, makes three edits to other fields (a higher generation: that leaf wins).
    let after_merge = edit(head, "Cleo", set("name", "Ana Ruiz"));
    let mut offline = winner;
    for note in ["1", "2", "3"] {
        offline = edit(&offline, "Dan", move |data| data["notes"] = json!(note));
    }
    let tombstones: Vec<ConflictLeaf> = merged
        .into_iter()
        .filter(|leaf| leaf.doc.is_deleted())
        .collect();
    let mut leaves = vec![after_merge, offline];
    leaves.extend(tombstones);
    let again = resolved(&leaves);
    let Outcome::Live { data, .. } = &again.resolution.outcome else {
        panic!("live");
    };
    assert_eq!(data["phone"], json!("+34 611"));
    assert_eq!(data["email"], json!("ben@shop.example"));
    assert_eq!(data["name"], json!("Ana Ruiz"));
    assert_eq!(data["notes"], json!("3"));
    assert_eq!(again.resolution.merged, vec![]);
}
