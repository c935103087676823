//! The replicator (issue 18), natively: two browsers' stores (the in-memory
//! adapter) syncing through a CouchDB double, in the situations the issue
//! names: a new customer reaching a teammate, edits both ways, concurrent
//! edits converging with the loser kept, deletion, an unpushed edit never
//! overwritten, interruptions, oversized batches, checkpoints.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::{DateTime, TimeZone, Utc};
use common::block_on;
use common::contract::{buyer, contact, id, order};
use common::couch_double::CouchDouble;
use crm::domain::sync::outbox::replicated_docs;
use crm::domain::sync::peer::PeerError;
use crm::services::sync::replicator::{pull, push, Session, SyncError};
use crm::storage::memory::MemoryStore;
use crm::storage::prelude::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 10, 0, 0)
        .single()
        .expect("valid")
}

fn session(by: &str) -> Session {
    Session {
        by: by.into(),
        pull_id: format!("pull-{by}"),
        session_id: format!("session-{by}"),
    }
}

/// A browser with sync turned on.
fn replica() -> MemoryStore {
    let store = MemoryStore::new();
    block_on(store.set_sync_marking(true)).unwrap();
    store
}

fn sync(store: &MemoryStore, server: &CouchDouble, by: &str) {
    block_on(push(store, server, &session(by), now())).unwrap();
    block_on(pull(store, server, &session(by))).unwrap();
}

fn docs(store: &MemoryStore) -> std::collections::BTreeMap<String, serde_json::Value> {
    replicated_docs(&block_on(store.export_all()).unwrap()).unwrap()
}

#[test]
fn a_new_customer_with_orders_and_contacts_reaches_a_teammate() {
    let server = CouchDouble::default();
    let (ana, ben) = (replica(), replica());
    block_on(ana.insert_customer(&buyer("a"))).unwrap();
    block_on(ana.import_orders(&[], &[order("o1", "a", 1200)], &|_, _| {})).unwrap();
    block_on(ana.log_contact(&contact("k1", "a", common::contract::at(20, 9)))).unwrap();
    let report = block_on(push(&ana, &server, &session("ana"), now())).unwrap();
    assert_eq!(report.sent, 3);
    assert!(
        block_on(ana.sync_outbox()).unwrap().is_empty(),
        "acknowledged"
    );
    let pulled = block_on(pull(&ben, &server, &session("ben"))).unwrap();
    assert_eq!(pulled.applied.len(), 3);
    assert_eq!(docs(&ben), docs(&ana));
    assert!(
        block_on(ben.sync_outbox()).unwrap().is_empty(),
        "what arrives is not pushed back"
    );
}

#[test]
fn edits_travel_both_ways_and_a_form_open_here_sees_a_stale_save() {
    let server = CouchDouble::default();
    let (ana, ben) = (replica(), replica());
    block_on(ana.insert_customer(&buyer("a"))).unwrap();
    sync(&ana, &server, "ana");
    sync(&ben, &server, "ben");
    let open_form = block_on(ana.get_customer(&id("a"))).unwrap().unwrap();
    let mut edited = block_on(ben.get_customer(&id("a"))).unwrap().unwrap();
    edited.phone = "+34 600 999 000".into();
    block_on(ben.save_customer(&edited)).unwrap();
    sync(&ben, &server, "ben");
    sync(&ana, &server, "ana");
    let at_ana = block_on(ana.get_customer(&id("a"))).unwrap().unwrap();
    assert_eq!(at_ana.phone, "+34 600 999 000");
    assert!(
        block_on(ana.save_customer(&open_form)).is_err(),
        "a form opened before the pull is refused as stale, not saved over the teammate's edit"
    );
    assert_eq!(docs(&ana), docs(&ben));
}

/// Both offline, both edit one buyer, both sync: one winner everywhere, the
/// other value kept for the conflict view on both.
#[test]
fn concurrent_edits_converge_and_keep_the_loser() {
    let server = CouchDouble::default();
    let (ana, ben) = (replica(), replica());
    block_on(ana.insert_customer(&buyer("a"))).unwrap();
    sync(&ana, &server, "ana");
    sync(&ben, &server, "ben");
    for (store, phone) in [(&ana, "111"), (&ben, "222")] {
        let mut c = block_on(store.get_customer(&id("a"))).unwrap().unwrap();
        c.phone = phone.into();
        block_on(store.save_customer(&c)).unwrap();
    }
    sync(&ana, &server, "ana");
    sync(&ben, &server, "ben");
    sync(&ana, &server, "ana");
    assert_eq!(docs(&ana), docs(&ben), "converged");
    assert_eq!(
        server.leaves("customer:a"),
        2,
        "both branches on the server"
    );
    let ids = vec!["customer:a".to_owned()];
    let state_a = block_on(ana.doc_states(&ids)).unwrap().remove(0).unwrap();
    let state_b = block_on(ben.doc_states(&ids)).unwrap().remove(0).unwrap();
    assert_eq!(state_a.applied, server.winner("customer:a"));
    assert_eq!(state_a.applied, state_b.applied);
    assert_eq!(state_a.losers, state_b.losers);
    let lost: Vec<&serde_json::Value> = state_a.losers.values().collect();
    assert_eq!(lost.len(), 1);
    let kept = block_on(ana.get_customer(&id("a"))).unwrap().unwrap().phone;
    assert_ne!(
        lost[0]["phone"],
        serde_json::json!(kept),
        "the loser is the other value"
    );
}

#[test]
fn a_deletion_takes_the_customers_records_on_the_teammates_side_too() {
    let server = CouchDouble::default();
    let (ana, ben) = (replica(), replica());
    block_on(ana.insert_customer(&buyer("a"))).unwrap();
    block_on(ana.import_orders(&[], &[order("o1", "a", 1200)], &|_, _| {})).unwrap();
    sync(&ana, &server, "ana");
    sync(&ben, &server, "ben");
    block_on(ana.delete_customer(&id("a"))).unwrap();
    sync(&ana, &server, "ana");
    sync(&ben, &server, "ben");
    assert!(docs(&ben).is_empty(), "{:?}", docs(&ben));
    assert!(block_on(ben.get_customer(&id("a"))).unwrap().is_none());
}

/// A teammate's revision arriving while this browser has an edit of the same
/// buyer not pushed yet: the edit stays, and goes out as a sibling.
#[test]
fn an_unpushed_edit_is_never_overwritten_by_a_pull() {
    let server = CouchDouble::default();
    let (ana, ben) = (replica(), replica());
    block_on(ana.insert_customer(&buyer("a"))).unwrap();
    sync(&ana, &server, "ana");
    sync(&ben, &server, "ben");
    let mut at_ben = block_on(ben.get_customer(&id("a"))).unwrap().unwrap();
    at_ben.notes = "call after 6pm".into();
    block_on(ben.save_customer(&at_ben)).unwrap();
    let mut at_ana = block_on(ana.get_customer(&id("a"))).unwrap().unwrap();
    at_ana.phone = "333".into();
    block_on(ana.save_customer(&at_ana)).unwrap();
    sync(&ana, &server, "ana");
    // Ben pulls before pushing.
    block_on(pull(&ben, &server, &session("ben"))).unwrap();
    let still = block_on(ben.get_customer(&id("a"))).unwrap().unwrap();
    assert_eq!(still.notes, "call after 6pm", "Ben's edit is still there");
    sync(&ben, &server, "ben");
    sync(&ana, &server, "ana");
    assert_eq!(docs(&ana), docs(&ben), "converged after both pushed");
}

/// The network drops mid-push: nothing is acknowledged; the retry sends the
/// same revision (deterministic ids), so the server holds one leaf, not two.
#[test]
fn an_interrupted_push_resumes_without_a_second_revision() {
    let server = CouchDouble::default();
    let ana = replica();
    block_on(ana.insert_customer(&buyer("a"))).unwrap();
    *server.fail_next.borrow_mut() = Some(PeerError::Network("offline".into()));
    let failed = block_on(push(&ana, &server, &session("ana"), now()));
    assert!(matches!(
        failed,
        Err(SyncError::Peer(PeerError::Network(_)))
    ));
    assert_eq!(
        block_on(ana.sync_outbox()).unwrap().len(),
        1,
        "still queued"
    );
    block_on(push(&ana, &server, &session("ana"), now())).unwrap();
    assert_eq!(server.leaves("customer:a"), 1);
    // Pushing again sends nothing: the server has it.
    let sent_before = server.bulk_docs_sent.get();
    block_on(push(&ana, &server, &session("ana"), now())).unwrap();
    assert_eq!(server.bulk_docs_sent.get(), sent_before);
}

#[test]
fn a_batch_the_server_finds_too_large_is_halved() {
    let server = CouchDouble::default();
    server.max_bulk_docs.set(Some(2));
    let ana = replica();
    for n in 0..5 {
        block_on(ana.insert_customer(&buyer(&format!("c{n}")))).unwrap();
    }
    let report = block_on(push(&ana, &server, &session("ana"), now())).unwrap();
    assert_eq!(report.sent, 5);
    assert!(block_on(ana.sync_outbox()).unwrap().is_empty());
}

/// After a pull, the next starts at the checkpoint: nothing is fetched again,
/// and a no-op sync costs the same few requests however much data there is.
#[test]
fn a_pull_resumes_from_its_checkpoint_in_a_constant_number_of_requests() {
    let server = CouchDouble::default();
    let (ana, ben) = (replica(), replica());
    for n in 0..30 {
        block_on(ana.insert_customer(&buyer(&format!("c{n}")))).unwrap();
    }
    sync(&ana, &server, "ana");
    let first = block_on(pull(&ben, &server, &session("ben"))).unwrap();
    assert_eq!(first.received, 30);
    let before = server.requests.get();
    let again = block_on(pull(&ben, &server, &session("ben"))).unwrap();
    assert_eq!(again.received, 0);
    let noop = server.requests.get() - before;
    assert!(
        noop <= 2,
        "checkpoint read and one changes request, not {noop}"
    );
    block_on(push(&ben, &server, &session("ben"), now())).unwrap();
    assert_eq!(
        server.requests.get() - before,
        noop,
        "an empty outbox sends nothing"
    );
}

mod convergence {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        /// Replica, customer, new phone (creates the customer if it is not there).
        Edit(usize, u8, u8),
        Delete(usize, u8),
        Sync(usize),
    }

    fn op(replicas: usize) -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0..replicas, 0..3u8, any::<u8>()).prop_map(|(r, c, p)| Op::Edit(r, c, p)),
            1 => (0..replicas, 0..3u8).prop_map(|(r, c)| Op::Delete(r, c)),
            3 => (0..replicas).prop_map(Op::Sync),
        ]
    }

    fn apply(store: &MemoryStore, op: &Op) {
        match *op {
            Op::Edit(_, c, phone) => {
                let cid = id(&format!("c{c}"));
                match block_on(store.get_customer(&cid)).unwrap() {
                    Some(mut found) => {
                        found.phone = phone.to_string();
                        block_on(store.save_customer(&found)).unwrap();
                    }
                    None => {
                        let mut new = buyer(&format!("c{c}"));
                        new.phone = phone.to_string();
                        block_on(store.insert_customer(&new)).unwrap();
                    }
                }
            }
            Op::Delete(_, c) => {
                let cid = id(&format!("c{c}"));
                if block_on(store.get_customer(&cid)).unwrap().is_some() {
                    block_on(store.delete_customer(&cid)).unwrap();
                }
            }
            Op::Sync(_) => {}
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// 2 to 4 replicas edit and delete offline and sync in any order;
        /// once each has synced twice more, all hold the same records, each
        /// document's server winner.
        #[test]
        fn replicas_converge_whatever_the_order(
            replicas in 2usize..=4,
            ops in proptest::collection::vec(op(4), 1..40),
        ) {
            let server = CouchDouble::default();
            let stores: Vec<MemoryStore> = (0..replicas).map(|_| replica()).collect();
            let name = |r: usize| format!("rep{r}");
            for op in &ops {
                let r = match *op {
                    Op::Edit(r, ..) | Op::Delete(r, _) | Op::Sync(r) => r % replicas,
                };
                match op {
                    Op::Sync(_) => sync(&stores[r], &server, &name(r)),
                    _ => apply(&stores[r], op),
                }
            }
            for _ in 0..2 {
                for (r, store) in stores.iter().enumerate() {
                    sync(store, &server, &name(r));
                }
            }
            let first = docs(&stores[0]);
            for store in &stores[1..] {
                prop_assert_eq!(&docs(store), &first);
            }
            for doc_id in first.keys() {
                let state = block_on(stores[0].doc_states(std::slice::from_ref(doc_id)))
                    .unwrap()
                    .remove(0)
                    .unwrap();
                prop_assert_eq!(state.applied, server.winner(doc_id));
            }
        }
    }
}

#[test]
fn a_session_keeps_this_browsers_install_id_and_a_round_reports_whats_left() {
    use crm::domain::sync::settings::SyncSettings;
    use crm::services::sync::session::{round, start_session, turn_off, turn_on};
    let server = CouchDouble::default();
    let store = MemoryStore::new();
    block_on(store.insert_customer(&buyer("a"))).unwrap();
    assert_eq!(
        block_on(turn_on(&store)).unwrap(),
        1,
        "what was held before"
    );
    let settings = SyncSettings::check("https://couch.example.com", "crm-team", "ana").unwrap();
    let mut n = 0;
    let mut fresh = || {
        n += 1;
        format!("id-{n}")
    };
    let first = block_on(start_session(&store, &server, &settings, &mut fresh)).unwrap();
    let second = block_on(start_session(&store, &server, &settings, &mut fresh)).unwrap();
    assert_eq!(
        first.pull_id, second.pull_id,
        "one install id for this browser"
    );
    assert_ne!(first.session_id, second.session_id);
    assert_eq!(first.by, "ana");
    let report = block_on(round(&store, &server, &first, now())).unwrap();
    assert_eq!((report.push.sent, report.unsynced), (1, 0));
    block_on(turn_off(&store)).unwrap();
    block_on(store.insert_customer(&buyer("b"))).unwrap();
    assert_eq!(
        block_on(round(&store, &server, &first, now()))
            .unwrap()
            .push
            .sent,
        0
    );
}

/// Restore and the demo set would replace or add records for the whole team:
/// refused while sync is on, whichever tab asks.
#[test]
fn restore_and_demo_data_are_refused_while_sync_is_on() {
    use crm::domain::exchange::backup::BackupData;
    use crm::services::exchange::backup::{plan_restore, restore_backup};
    use crm::storage::StoreError;
    let store = replica();
    let demo = block_on(crm::services::demo::load_demo(&store, |_| false, now()));
    assert_eq!(demo.err(), Some(StoreError::SyncIsOn));
    assert!(block_on(store.load_customers())
        .unwrap()
        .customers
        .is_empty());
    let file = crm::domain::exchange::backup::export_backup(&BackupData::default(), now())
        .expect("exports");
    let plan = plan_restore(&file).expect("a valid backup");
    assert_eq!(
        block_on(restore_backup(&store, &plan)),
        Err(StoreError::SyncIsOn)
    );
    block_on(store.set_sync_marking(false)).unwrap();
    assert!(block_on(crm::services::demo::load_demo(&store, |_| false, now())).is_ok());
}
