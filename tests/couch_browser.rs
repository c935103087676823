//! `web::couch` in headless Chromium against a real pouchdb-server, through the
//! browser's fetch, CORS and cookie jar. Run by scripts/test-couch-browser.sh, which
//! starts the server and compiles its URL in as `CRM_SYNC_URL` (a wasm test has no
//! environment at run time). Built without it, every test fails saying so.
//!
//! Tests run one at a time in one page and share its cookie jar, so each signs in
//! as the user it needs first, and writes documents under ids of its own.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use crm::domain::sync::checkpoint::Seq;
use crm::domain::sync::peer::{ChangesBatch, CouchPeer, PeerError};
use crm::domain::sync::rev::Rev;
use crm::web::couch::{self, CouchDb};
use serde_json::{json, Value};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DB: &str = "crm-team";
const PASSWORD: &str = "crm-test-pass";
const A1: &str = "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const B2: &str = "2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const C2: &str = "2-cccccccccccccccccccccccccccccccc";

fn server() -> &'static str {
    match option_env!("CRM_SYNC_URL") {
        Some(url) if !url.is_empty() => url,
        _ => panic!(
            "set CRM_SYNC_URL (scripts/sync-server.sh start) when building these tests; \
             scripts/test-couch-browser.sh does it all"
        ),
    }
}

fn db() -> CouchDb {
    CouchDb::new(server(), DB)
}

fn rev(text: &str) -> Rev {
    text.parse().expect("valid rev")
}

fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::new_v4().simple())
}

async fn sign_in(user: &str) {
    let info = couch::sign_in(server(), user, PASSWORD)
        .await
        .unwrap_or_else(|e| panic!("sign in as {user}: {e}"));
    assert_eq!(info.name, user);
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("a timer");
    });
    JsFuture::from(promise).await.expect("timers resolve");
}

/// Where the feed ends now (the test database holds a few dozen changes).
async fn current_seq(db: &CouchDb) -> Seq {
    db.changes(&Seq::zero(), 100_000)
        .await
        .expect("changes")
        .last_seq
}

/// A revision written as a replica would: at its own `_rev`, with its history.
fn branch(id: &str, rev: &str, ancestors: &[&str], value: &str) -> Value {
    let (pos, hash) = rev.split_once('-').expect("N-hash");
    let mut ids = vec![hash];
    ids.extend(
        ancestors
            .iter()
            .map(|a| a.split_once('-').expect("N-hash").1),
    );
    json!({
        "_id": id,
        "_rev": rev,
        "_revisions": {"start": pos.parse::<u64>().expect("generation"), "ids": ids},
        "v": value
    })
}

fn row<'a>(batch: &'a ChangesBatch, id: &str) -> &'a crm::domain::sync::peer::ChangeRow {
    batch
        .rows
        .iter()
        .find(|row| row.id == id)
        .unwrap_or_else(|| panic!("{id} in {batch:?}"))
}

#[wasm_bindgen_test]
async fn a_member_signs_in_and_the_session_names_her() {
    let info = couch::sign_in(server(), "ana", PASSWORD)
        .await
        .expect("sign in");
    assert_eq!(info.name, "ana");
    assert!(info.roles.iter().any(|role| role == "crm-team"), "{info:?}");
    let session = couch::session(server()).await.expect("session");
    assert_eq!(session.map(|s| s.name).as_deref(), Some("ana"));
    // A trailing slash on the server address changes nothing.
    let session = couch::session(&format!("{}/", server()))
        .await
        .expect("session");
    assert!(session.is_some());
    let uuid = db().server_uuid().await.expect("GET /");
    assert!(!uuid.is_empty());
}

#[wasm_bindgen_test]
async fn a_wrong_password_is_unauthorized() {
    let result = couch::sign_in(server(), "ana", "not-the-password").await;
    assert_eq!(result, Err(PeerError::Unauthorized));
}

#[wasm_bindgen_test]
async fn a_non_member_is_forbidden() {
    sign_in("eve").await;
    assert_eq!(
        db().changes(&Seq::zero(), 10).await,
        Err(PeerError::Forbidden)
    );
    assert_eq!(db().get_local("anything").await, Err(PeerError::Forbidden));
}

#[wasm_bindgen_test]
async fn after_signing_out_the_database_asks_to_sign_in() {
    sign_in("ana").await;
    couch::sign_out(server()).await.expect("sign out");
    assert_eq!(couch::session(server()).await, Ok(None));
    assert_eq!(
        db().changes(&Seq::zero(), 10).await,
        Err(PeerError::Unauthorized)
    );
    assert_eq!(
        db().bulk_docs(&[json!({"_id": "x"})]).await,
        Err(PeerError::Unauthorized)
    );
}

#[wasm_bindgen_test]
async fn two_branches_written_without_new_edits_come_back_in_changes_revs_diff_and_bulk_get() {
    sign_in("ana").await;
    let db = db();
    let start = current_seq(&db).await;
    let id = unique("k");
    let refused = db
        .bulk_docs(&[branch(&id, B2, &[A1], "b"), branch(&id, C2, &[A1], "c")])
        .await
        .expect("bulk_docs");
    assert_eq!(refused, vec![]);

    let batch = db.changes(&start, 100).await.expect("changes");
    let mut leaves = row(&batch, &id).revs.clone();
    leaves.sort();
    assert_eq!(
        leaves,
        vec![rev(B2), rev(C2)],
        "both leaves, style=all_docs"
    );
    assert_ne!(batch.last_seq, start);

    let unknown = "3-dddddddddddddddddddddddddddddddd";
    let other = unique("new");
    let asked = BTreeMap::from([
        (id.clone(), vec![rev(B2), rev(C2), rev(unknown)]),
        (other.clone(), vec![rev(A1)]),
    ]);
    let missing = db.revs_diff(&asked).await.expect("revs_diff");
    assert_eq!(
        missing,
        BTreeMap::from([
            (id.clone(), vec![rev(unknown)]),
            (other.clone(), vec![rev(A1)])
        ])
    );

    let wanted = [
        (id.clone(), rev(B2)),
        (id.clone(), rev(C2)),
        (id.clone(), rev("9-nosuchrev")),
        (other, rev(A1)),
    ];
    let docs = db.bulk_get(&wanted).await.expect("bulk_get");
    let mut docs: Vec<Value> = docs
        .iter()
        .map(|text| serde_json::from_str(text).expect("JSON"))
        .collect();
    // The protocol leaves the order of one document's leaves open.
    docs.sort_by_key(|doc| doc["_rev"].to_string());
    assert_eq!(docs.len(), 2, "the unknown rev and document are left out");
    assert_eq!(docs[0]["_rev"], B2);
    assert_eq!(docs[0]["v"], "b");
    assert_eq!(
        docs[1]["_revisions"],
        json!({"start": 2, "ids": [&C2[2..], &A1[2..]]})
    );
}

#[wasm_bindgen_test]
async fn a_local_checkpoint_written_twice_reads_back_the_second() {
    sign_in("ana").await;
    let db = db();
    let id = unique("crm-test");
    assert_eq!(db.get_local(&id).await, Ok(None));
    db.put_local(&id, &json!({"session_id": "s1", "last_seq": 5}))
        .await
        .expect("first write, no _rev yet");
    // The second write needs the first one's _rev, which put_local looks up.
    db.put_local(&id, &json!({"session_id": "s2", "last_seq": 9}))
        .await
        .expect("second write");
    let doc = db.get_local(&id).await.expect("read").expect("present");
    assert_eq!(doc["session_id"], "s2");
    assert_eq!(doc["last_seq"], 9);
    // The `_local/` prefix, as `ReplicationId::local_doc_id` gives it, is the same document.
    let same = db.get_local(&format!("_local/{id}")).await.expect("read");
    assert_eq!(same, Some(doc));
}

#[wasm_bindgen_test]
async fn changes_since_the_last_seq_bring_nothing_new() {
    sign_in("ana").await;
    let db = db();
    let last = current_seq(&db).await;
    let batch = db.changes(&last, 100).await.expect("changes");
    assert_eq!(batch.rows, vec![]);
    assert_eq!(batch.last_seq, last);
}

#[wasm_bindgen_test]
async fn a_longpoll_returns_when_a_write_lands() {
    sign_in("ana").await;
    let db = db();
    let last = current_seq(&db).await;
    let id = unique("lp");
    let writer = {
        let (db, id) = (db.clone(), id.clone());
        async move {
            sleep(700).await;
            let refused = db.bulk_docs(&[branch(&id, A1, &[], "later")]).await;
            assert_eq!(refused, Ok(vec![]));
        }
    };
    wasm_bindgen_futures::spawn_local(writer);
    let began = js_sys::Date::now();
    let batch = db.wait_for_changes(&last, 100).await.expect("longpoll");
    let waited = js_sys::Date::now() - began;
    assert_eq!(row(&batch, &id).revs, vec![rev(A1)]);
    assert!((500.0..5_000.0).contains(&waited), "waited {waited} ms");
}

#[wasm_bindgen_test]
async fn a_longpoll_with_nothing_new_ends_on_the_clients_timer_as_an_empty_batch() {
    sign_in("ana").await;
    // pouchdb-server ignores the timeout asked for and sends heartbeats: only
    // the client's abort ends this request.
    let db = db().with_timeouts(30_000, 1_500);
    let last = current_seq(&db).await;
    let began = js_sys::Date::now();
    let batch = db.wait_for_changes(&last, 100).await.expect("no error");
    let waited = js_sys::Date::now() - began;
    assert_eq!(batch.rows, vec![]);
    assert_eq!(batch.last_seq, last, "an empty batch at since");
    assert!((1_400.0..5_000.0).contains(&waited), "waited {waited} ms");
    // The aborted request left nothing behind: the next one works.
    assert!(db.changes(&last, 1).await.is_ok());
}

#[wasm_bindgen_test]
async fn a_missing_database_is_told_apart_from_a_missing_checkpoint() {
    sign_in("ana").await;
    let missing = CouchDb::new(server(), "no-such-db");
    assert_eq!(
        missing.changes(&Seq::zero(), 1).await,
        Err(PeerError::NoDatabase)
    );
    assert_eq!(missing.get_local("cp").await, Err(PeerError::NoDatabase));
}

#[wasm_bindgen_test]
async fn an_unreachable_server_is_a_network_error() {
    // Nothing listens on port 1 (and Chromium refuses it outright): either way
    // fetch rejects without an answer.
    let result = CouchDb::new("http://127.0.0.1:1", DB)
        .changes(&Seq::zero(), 1)
        .await;
    assert!(matches!(result, Err(PeerError::Network(_))), "{result:?}");
}
