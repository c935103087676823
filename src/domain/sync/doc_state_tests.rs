use chrono::TimeZone;
use serde_json::json;

use super::*;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
        .single()
        .expect("valid")
}

fn edit(state: &mut DocState, data: Option<Value>) -> Option<SyncDoc> {
    local_revision(
        "customer:a",
        DocKind::Customer,
        state,
        data.as_ref(),
        "Ana",
        at(),
    )
    .expect("a revision")
}

#[test]
fn a_local_write_makes_one_revision_per_change_of_data() {
    let mut state = DocState::default();
    let first = edit(&mut state, Some(json!({"name": "Ana", "phone": "1"}))).expect("new");
    assert_eq!(first.rev.pos(), 1);
    let body = first.body.as_ref().expect("live");
    assert_eq!(body.fr.get("name"), Some(&short_rev(&first.rev)));
    assert_eq!(body.fr.get("phone"), Some(&short_rev(&first.rev)));
    // Saved again without a replicated change: no revision.
    assert_eq!(
        edit(&mut state, Some(json!({"phone": "1", "name": "Ana"}))),
        None
    );
    let second = edit(&mut state, Some(json!({"name": "Ana", "phone": "2"}))).expect("edit");
    assert_eq!(second.rev.pos(), 2);
    let fr = &second.body.as_ref().expect("live").fr;
    assert_eq!(
        fr.get("name"),
        Some(&short_rev(&first.rev)),
        "name kept its marker"
    );
    assert_eq!(fr.get("phone"), Some(&short_rev(&second.rev)));
    assert_eq!(
        second.revisions.as_ref().map(|r| r.ids.len()),
        Some(2),
        "travels with its history"
    );
    let gone = edit(&mut state, None).expect("tombstone");
    assert!(gone.is_deleted());
    assert_eq!(gone.rev.pos(), 3);
    assert_eq!(edit(&mut state, None), None, "deleted twice: one tombstone");
}

#[test]
fn the_same_edits_make_the_same_revisions_on_every_replica() {
    let (mut here, mut there) = (DocState::default(), DocState::default());
    for data in [json!({"name": "Ana"}), json!({"name": "Ana B"})] {
        let a = edit(&mut here, Some(data.clone())).expect("rev");
        let b = edit(&mut there, Some(data)).expect("rev");
        assert_eq!(a.rev, b.rev);
    }
}

#[test]
fn a_record_created_and_deleted_between_pushes_makes_nothing() {
    let mut state = DocState::default();
    assert_eq!(edit(&mut state, None), None);
}

/// A teammate's edit on top of ours wins and is applied; hearing of it again
/// changes nothing.
#[test]
fn a_teammates_child_revision_is_applied_once() {
    let mut mine = DocState::default();
    let base = edit(&mut mine, Some(json!({"name": "Ana"}))).expect("rev");
    let mut theirs = mine.clone();
    let child = edit(&mut theirs, Some(json!({"name": "Ana Gómez"}))).expect("rev");
    let data = json!({"name": "Ana Gómez"});
    let received = receive(mine, &child, Some(&data), Some(&json!({"name": "Ana"}))).expect("ok");
    let (apply, applied) = received.apply.expect("the child wins");
    assert_eq!(apply, Apply::Put(data.clone()));
    assert_eq!(applied.applied, Some(child.rev.clone()));
    assert!(applied.losers.is_empty(), "{:?}", applied.losers);
    assert!(applied.tree.contains(&base.rev));
    let again = receive(applied.clone(), &child, Some(&data), Some(&data)).expect("ok");
    assert_eq!(again.apply, None);
    assert_eq!(again.merged, applied);
}

/// Two offline edits of one revision: both replicas pick the same winner, and
/// the losing data is kept for the conflict view on both.
#[test]
fn concurrent_edits_pick_one_winner_and_keep_the_loser() {
    let mut base = DocState::default();
    edit(&mut base, Some(json!({"name": "Ana"}))).expect("rev");
    let (mut a, mut b) = (base.clone(), base);
    let ours = json!({"name": "Ana A"});
    let theirs = json!({"name": "Ana B"});
    let rev_a = edit(&mut a, Some(ours.clone())).expect("rev");
    let rev_b = edit(&mut b, Some(theirs.clone())).expect("rev");
    let at_a = receive(a, &rev_b, Some(&theirs), Some(&ours)).expect("ok");
    let at_b = receive(b, &rev_a, Some(&ours), Some(&theirs)).expect("ok");
    let final_a = at_a.apply.clone().map_or(at_a.merged.clone(), |(_, s)| s);
    let final_b = at_b.apply.clone().map_or(at_b.merged.clone(), |(_, s)| s);
    assert_eq!(final_a.tree, final_b.tree);
    assert_eq!(final_a.applied, final_b.applied, "one winner everywhere");
    assert_eq!(final_a.losers, final_b.losers, "the loser kept on both");
    assert_eq!(final_a.losers.len(), 1);
    assert!(
        at_a.apply.is_some() != at_b.apply.is_some(),
        "exactly one replica changes its record"
    );
}

/// CouchDB prefers a live leaf to a tombstone: a teammate's deletion of a
/// record edited here meanwhile does not delete it.
#[test]
fn a_deletion_loses_to_a_concurrent_edit() {
    let mut base = DocState::default();
    edit(&mut base, Some(json!({"name": "Ana"}))).expect("rev");
    let (mut here, mut there) = (base.clone(), base);
    edit(&mut here, Some(json!({"name": "Ana edited"}))).expect("rev");
    let tombstone = edit(&mut there, None).expect("rev");
    let received =
        receive(here, &tombstone, None, Some(&json!({"name": "Ana edited"}))).expect("ok");
    assert_eq!(received.apply, None);
    assert!(
        received.merged.losers.is_empty(),
        "a tombstone is not a loser to show"
    );
}

#[test]
fn a_state_round_trips_through_its_stored_json() {
    let mut state = DocState::default();
    let rev = edit(&mut state, Some(json!({"name": "Ana"}))).expect("rev");
    state.server_has.push(rev.rev);
    let text = serde_json::to_string(&state).expect("serialises");
    let back: DocState = serde_json::from_str(&text).expect("reads");
    assert_eq!(back, state);
}
