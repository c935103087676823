//! The answers are pouchdb-server 4.2.0's as measured (couch-probe.md) and CouchDB
//! 3's as its documentation gives them (opaque string seqs, `{"error": …}` for a
//! missing `_bulk_get` revision).

use serde_json::json;

use super::*;

fn rev(text: &str) -> Rev {
    text.parse().expect("valid rev")
}

const B2: &str = "2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const C2: &str = "2-cccccccccccccccccccccccccccccccc";

fn is_bad(result: Result<impl std::fmt::Debug, PeerError>, mentions: &str) -> bool {
    match result {
        Err(PeerError::BadResponse(message)) => message.contains(mentions),
        _ => false,
    }
}

// --- _changes --------------------------------------------------------------------

#[test]
fn pouchdb_server_changes_have_integer_seqs_kept_as_numbers() {
    let text = r#"{"results":[{"id":"c","changes":[{"rev":"1-8aa766f4f39926687222356ddd6b4a08"}],"seq":3},{"id":"a","changes":[{"rev":"2-def189a953a36ecb752b266021685581"}],"seq":4}],"last_seq":4}"#;
    let batch = parse_changes(text).expect("parses");
    assert_eq!(batch.last_seq, Seq(json!(4)));
    assert_eq!(batch.rows.len(), 2);
    assert_eq!(batch.rows[0].id, "c");
    assert_eq!(batch.rows[0].seq, Seq(json!(3)));
    assert_eq!(
        batch.rows[1].revs,
        vec![rev("2-def189a953a36ecb752b266021685581")]
    );
    assert!(!batch.rows[1].deleted);
}

#[test]
fn couchdb_changes_have_opaque_string_seqs_echoed_verbatim() {
    let seq = "3-g1AAAABteJzLYWBgYMpgTmHgz8tPSTV0MDQy1zMAQsMcoEQiQ1L9____szKYE1lzgQLsZiaWZsbGydjUoKkEztXANTEoEzEm4AABbsB9oA";
    let text = json!({
        "results": [{"seq": seq, "id": "k", "changes": [{"rev": C2}, {"rev": B2}]}],
        "last_seq": seq,
        "pending": 0
    })
    .to_string();
    let batch = parse_changes(&text).expect("parses");
    assert_eq!(batch.last_seq, Seq(json!(seq)));
    assert_eq!(
        seq_param(&batch.last_seq),
        seq,
        "a string seq goes back as it came"
    );
    assert_eq!(
        batch.rows[0].revs,
        vec![rev(C2), rev(B2)],
        "every leaf, in order"
    );
}

#[test]
fn deleted_rows_are_flagged() {
    let text = json!({
        "results": [{"seq": 7, "id": "gone", "changes": [{"rev": "3-dead"}], "deleted": true}],
        "last_seq": 7
    })
    .to_string();
    let batch = parse_changes(&text).expect("parses");
    assert!(batch.rows[0].deleted);
    assert_eq!(batch.rows[0].revs, vec![rev("3-dead")]);
}

#[test]
fn an_empty_feed_is_an_empty_batch() {
    let batch = parse_changes(r#"{"results":[],"last_seq":0}"#).expect("parses");
    assert!(batch.rows.is_empty());
    assert_eq!(batch.last_seq, Seq::zero());
}

#[test]
fn longpoll_heartbeats_before_and_inside_the_body_are_allowed() {
    // pouchdb-server's longpoll, as measured: `\n` heartbeats after `{"results":[`
    // until a change arrives, newlines around each row.
    let text = "\n\n{\"results\":[\n\n\n{\"id\":\"lp\",\"changes\":[{\"rev\":\"1-90082614a9cb9965b862a0b55bfa7217\"}],\"seq\":5}\n],\n\"last_seq\":5}\n";
    let batch = parse_changes(text).expect("parses");
    assert_eq!(batch.rows[0].id, "lp");
    assert_eq!(batch.last_seq, Seq(json!(5)));
}

#[test]
fn a_row_without_seq_keeps_null_and_last_seq_is_required() {
    // CouchDB's seq_interval leaves row seqs null.
    let text = r#"{"results":[{"id":"a","changes":[{"rev":"1-a"}],"seq":null},{"id":"b","changes":[{"rev":"1-b"}]}],"last_seq":"9-x"}"#;
    let batch = parse_changes(text).expect("parses");
    assert_eq!(batch.rows[0].seq, Seq(Value::Null));
    assert_eq!(batch.rows[1].seq, Seq(Value::Null));
    assert!(is_bad(
        parse_changes(r#"{"results":[],"last_seq":null}"#),
        "last_seq"
    ));
    assert!(is_bad(parse_changes(r#"{"results":[]}"#), "last_seq"));
}

#[test]
fn changes_with_wrong_shapes_are_bad_responses_naming_the_problem() {
    assert!(is_bad(parse_changes(""), "_changes"));
    assert!(is_bad(parse_changes("\n\n{\"results\":["), "_changes"));
    assert!(is_bad(parse_changes(r#"{"last_seq":1}"#), "results"));
    assert!(is_bad(
        parse_changes(r#"{"results":[{"id":"x","changes":[],"seq":1}],"last_seq":1}"#),
        "\"x\" lists no revisions"
    ));
    assert!(is_bad(
        parse_changes(
            r#"{"results":[{"id":"x","changes":[{"rev":"nodash"}],"seq":1}],"last_seq":1}"#
        ),
        "\"x\""
    ));
    assert!(is_bad(
        parse_changes(r#"{"results":[{"id":7,"changes":[{"rev":"1-a"}],"seq":1}],"last_seq":1}"#),
        "_changes"
    ));
    assert!(is_bad(
        parse_changes("<html>502 Bad Gateway</html>"),
        "_changes"
    ));
}

#[test]
fn seq_params_are_the_seq_as_text() {
    assert_eq!(seq_param(&Seq::zero()), "0");
    assert_eq!(seq_param(&Seq(json!(42))), "42");
    assert_eq!(seq_param(&Seq(json!("12-g1AAA"))), "12-g1AAA");
    // Opaque: any other JSON goes back as JSON.
    assert_eq!(seq_param(&Seq(json!([3, "x"]))), r#"[3,"x"]"#);
}

#[test]
fn the_server_longpoll_timeout_stays_under_the_client_abort() {
    assert_eq!(longpoll_server_timeout(35_000), 25_000);
    assert!(longpoll_server_timeout(1_500) < 1_500);
    assert!(longpoll_server_timeout(u32::MAX) < u32::MAX);
}

// --- _revs_diff -------------------------------------------------------------------

#[test]
fn revs_diff_lists_only_missing_revisions() {
    let pouchdb = r#"{"a":{"missing":["1-zzz","2-aaa"]},"new":{"missing":["1-abc"]}}"#;
    let missing = parse_revs_diff(pouchdb).expect("parses");
    assert_eq!(missing["a"], vec![rev("1-zzz"), rev("2-aaa")]);
    assert_eq!(missing["new"], vec![rev("1-abc")]);

    let couchdb = r#"{"190f":{"missing":["3-bb72","5-067a"],"possible_ancestors":["4-1026"]},"done":{"missing":[]}}"#;
    let missing = parse_revs_diff(couchdb).expect("parses");
    assert_eq!(missing.len(), 1, "an id with nothing missing is left out");
    assert_eq!(missing["190f"], vec![rev("3-bb72"), rev("5-067a")]);

    assert!(parse_revs_diff("{}").expect("parses").is_empty());
}

#[test]
fn revs_diff_with_wrong_shapes_is_a_bad_response() {
    assert!(is_bad(parse_revs_diff("[]"), "_revs_diff"));
    assert!(is_bad(parse_revs_diff(r#"{"a":["1-x"]}"#), "_revs_diff"));
    assert!(is_bad(
        parse_revs_diff(r#"{"a":{"missing":"1-x"}}"#),
        "_revs_diff"
    ));
    assert!(is_bad(
        parse_revs_diff(r#"{"doc-9":{"missing":["01-x"]}}"#),
        "\"doc-9\""
    ));
}

#[test]
fn the_revs_diff_body_maps_ids_to_rev_texts() {
    let revs = BTreeMap::from([("k".to_owned(), vec![rev(B2), rev(C2)])]);
    let body: Value = serde_json::from_str(&revs_diff_body(&revs)).expect("json");
    assert_eq!(body, json!({ "k": [B2, C2] }));
}

// --- _bulk_get --------------------------------------------------------------------

#[test]
fn pouchdb_server_bulk_get_leaves_out_missing_docs_and_revisions() {
    let text = r#"{"results":[{"id":"k","docs":[{"ok":{"v":"b","_id":"k","_rev":"2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","_revisions":{"start":2,"ids":["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]}}}]},{"id":"missing","docs":[{}]},{"id":"a","docs":[{"missing":"1-nosuchrev"}]}]}"#;
    let docs = parse_bulk_get(text).expect("parses");
    assert_eq!(docs.len(), 1);
    let doc: Value = serde_json::from_str(&docs[0]).expect("the text is JSON");
    assert_eq!(doc["_rev"], B2);
    assert_eq!(doc["_revisions"]["start"], 2);
}

#[test]
fn couchdb_bulk_get_errors_are_left_out_and_every_found_leaf_is_kept() {
    let text = json!({"results": [
        {"id": "k", "docs": [
            {"ok": {"_id": "k", "_rev": B2, "_revisions": {"start": 2, "ids": ["b", "a"]}}},
            {"ok": {"_id": "k", "_rev": C2, "_revisions": {"start": 2, "ids": ["c", "a"]}}}
        ]},
        {"id": "bar", "docs": [
            {"error": {"id": "bar", "rev": "1-x", "error": "not_found", "reason": "missing"}}
        ]}
    ]})
    .to_string();
    let docs = parse_bulk_get(&text).expect("parses");
    let revs: Vec<String> = docs
        .iter()
        .map(|doc| serde_json::from_str::<Value>(doc).expect("json")["_rev"].to_string())
        .collect();
    assert_eq!(revs, vec![format!("\"{B2}\""), format!("\"{C2}\"")]);
}

#[test]
fn a_found_document_keeps_its_text_exactly() {
    // Numbers and key order as the server wrote them: validation reads the text.
    let doc = r#"{"_id":"x","_rev":"1-a","n":1.50,"z":1,"a":2}"#;
    let text = format!(r#"{{"results":[{{"id":"x","docs":[{{"ok":{doc}}}]}}]}}"#);
    assert_eq!(parse_bulk_get(&text).expect("parses"), vec![doc.to_owned()]);
}

#[test]
fn bulk_get_with_wrong_shapes_is_a_bad_response() {
    assert!(is_bad(parse_bulk_get("{}"), "results"));
    assert!(is_bad(
        parse_bulk_get(r#"{"results":[{"id":"x"}]}"#),
        "docs"
    ));
    assert!(is_bad(
        parse_bulk_get(r#"{"results":[{"id":"x","docs":[{"ok":"text"}]}]}"#),
        "not a JSON object"
    ));
    assert!(is_bad(
        parse_bulk_get(r#"{"results":[{"id":"x","docs":[7]}]}"#),
        "_bulk_get"
    ));
}

#[test]
fn the_bulk_get_body_names_id_and_rev() {
    let body: Value = serde_json::from_str(&bulk_get_body(&[("k".into(), rev(B2))])).expect("json");
    assert_eq!(body, json!({"docs": [{"id": "k", "rev": B2}]}));
}

// --- _bulk_docs -------------------------------------------------------------------

#[test]
fn bulk_docs_lists_only_refused_documents() {
    assert_eq!(parse_bulk_docs("[]").expect("parses"), vec![]);
    let text = r#"[{"ok":true,"id":"fine","rev":"1-a"},{"id":"customer:1","rev":"2-b","error":"forbidden","reason":"unknown type"},{"id":"x","error":"unauthorized"}]"#;
    assert_eq!(
        parse_bulk_docs(text).expect("parses"),
        vec![
            DocWriteError {
                id: "customer:1".into(),
                error: "forbidden".into(),
                reason: "unknown type".into(),
            },
            DocWriteError {
                id: "x".into(),
                error: "unauthorized".into(),
                reason: String::new(),
            },
        ]
    );
}

#[test]
fn bulk_docs_with_wrong_shapes_is_a_bad_response() {
    assert!(is_bad(parse_bulk_docs(r#"{"ok":true}"#), "_bulk_docs"));
    assert!(is_bad(
        parse_bulk_docs(r#"[{"error":"forbidden"}]"#),
        "no id"
    ));
    assert!(is_bad(parse_bulk_docs("[1]"), "_bulk_docs"));
}

#[test]
fn the_bulk_docs_body_asks_for_no_new_edits() {
    let docs = [json!({"_id": "k", "_rev": B2})];
    let body: Value = serde_json::from_str(&bulk_docs_body(&docs)).expect("json");
    assert_eq!(
        body,
        json!({"docs": [{"_id": "k", "_rev": B2}], "new_edits": false})
    );
}

// --- _local -----------------------------------------------------------------------

#[test]
fn local_documents_are_objects_with_a_rev() {
    let doc = parse_local(r#"{"last_seq":5,"session_id":"s1","_id":"_local/cp1","_rev":"0-1"}"#)
        .expect("parses");
    assert_eq!(local_rev(&doc).expect("has one"), "0-1");
    assert!(is_bad(parse_local("[]"), "not an object"));
    assert!(is_bad(local_rev(&json!({"_rev": 3})), "_rev"));
    assert!(is_bad(local_rev(&json!({})), "_rev"));
}

#[test]
fn a_local_put_carries_its_own_id_and_the_current_rev() {
    let body = json!({"session_id": "s", "_rev": "0-9", "_id": "other"});
    let put: Value = serde_json::from_str(&local_put_body("cp", &body, Some("0-2"))).expect("json");
    assert_eq!(
        put,
        json!({"session_id": "s", "_rev": "0-2", "_id": "_local/cp"})
    );
    let put: Value = serde_json::from_str(&local_put_body("_local/cp", &body, None)).expect("json");
    assert_eq!(
        put,
        json!({"session_id": "s", "_id": "_local/cp"}),
        "no stale _rev"
    );
    assert_eq!(local_put_body("cp", &json!([1]), None), "[1]");
}

#[test]
fn local_ids_may_come_with_or_without_the_prefix() {
    assert_eq!(local_id("_local/crm-ab"), "crm-ab");
    assert_eq!(local_id("crm-ab"), "crm-ab");
}

#[test]
fn only_a_missing_database_404_is_told_from_a_missing_local_document() {
    assert!(not_found_is_no_database(
        r#"{"error":"not_found","reason":"no_db_file"}"#
    ));
    assert!(not_found_is_no_database(
        r#"{"error":"not_found","reason":"Database does not exist."}"#
    ));
    assert!(!not_found_is_no_database(
        r#"{"error":"not_found","reason":"missing"}"#
    ));
    assert!(!not_found_is_no_database(
        r#"{"error":"not_found","reason":"deleted"}"#
    ));
    assert!(!not_found_is_no_database("<html>404</html>"));
}

// --- errors -----------------------------------------------------------------------

#[test]
fn statuses_map_to_what_the_replicator_acts_on() {
    let db = Target::Database;
    let body = r#"{"error":"unauthorized","reason":"You are not authorized to access this db."}"#;
    assert_eq!(
        error_for_status(401, "Unauthorized", body, db),
        PeerError::Unauthorized
    );
    assert_eq!(error_for_status(403, "", "", db), PeerError::Forbidden);
    assert_eq!(error_for_status(404, "", "", db), PeerError::NoDatabase);
    assert_eq!(error_for_status(413, "", "", db), PeerError::TooLarge);
    assert_eq!(
        error_for_status(404, "Not Found", "", Target::Server),
        PeerError::Server {
            status: 404,
            reason: "Not Found".into()
        }
    );
    assert_eq!(
        error_for_status(
            409,
            "Conflict",
            r#"{"error":"conflict","reason":"Document update conflict"}"#,
            db
        ),
        PeerError::Server {
            status: 409,
            reason: "conflict: Document update conflict".into()
        }
    );
    assert_eq!(
        error_for_status(500, "", r#"{"error":"badarg"}"#, db),
        PeerError::Server {
            status: 500,
            reason: "badarg".into()
        }
    );
    assert_eq!(
        error_for_status(502, "", "<html>Bad Gateway</html>", db),
        PeerError::Server {
            status: 502,
            reason: "no reason given".into()
        }
    );
}

#[test]
fn server_reasons_are_clipped() {
    let long = "é".repeat(5 * MAX_REASON_CHARS);
    let body = json!({"error": "x", "reason": long}).to_string();
    let PeerError::Server { reason, .. } = error_for_status(500, "", &body, Target::Server) else {
        panic!("a server error");
    };
    assert!(reason.chars().count() <= MAX_REASON_CHARS + 4);
}

#[test]
fn error_bodies_need_error_or_reason() {
    assert_eq!(
        parse_error_body(r#"{"error":"forbidden","reason":"no"}"#),
        Some(ErrorBody {
            error: "forbidden".into(),
            reason: "no".into()
        })
    );
    assert_eq!(parse_error_body(r#"{"ok":true}"#), None);
    assert_eq!(parse_error_body("[]"), None);
    assert_eq!(parse_error_body(""), None);
}

// --- GET / and _session -----------------------------------------------------------

#[test]
fn the_server_uuid_comes_from_the_welcome() {
    let pouchdb = r#"{"express-pouchdb":"Welcome!","version":"4.2.0","pouchdb-adapters":["leveldb"],"vendor":{"name":"PouchDB authors","version":"4.2.0"},"uuid":"dd0a1300-ac13-4267-8603-e306522435ce"}"#;
    assert_eq!(
        parse_server_uuid(pouchdb).expect("parses"),
        "dd0a1300-ac13-4267-8603-e306522435ce"
    );
    let couchdb = r#"{"couchdb":"Welcome","version":"3.3.3","uuid":"85fb71bf700c17267fef77535820e371","features":[]}"#;
    assert_eq!(
        parse_server_uuid(couchdb).expect("parses"),
        "85fb71bf700c17267fef77535820e371"
    );
    assert!(is_bad(
        parse_server_uuid(r#"{"couchdb":"Welcome"}"#),
        "uuid"
    ));
    assert!(is_bad(parse_server_uuid(r#"{"uuid":""}"#), "uuid"));
}

#[test]
fn sessions_name_the_user_or_nobody() {
    let signed_in = parse_sign_in(r#"{"ok":true,"name":"ana","roles":["crm-team"]}"#).expect("ok");
    assert_eq!(
        signed_in,
        SessionInfo {
            name: "ana".into(),
            roles: vec!["crm-team".into()]
        }
    );
    assert!(is_bad(
        parse_sign_in(r#"{"ok":true,"name":null,"roles":[]}"#),
        "no user name"
    ));

    let session = r#"{"ok":true,"userCtx":{"name":"ben","roles":["crm-team"]},"info":{"authentication_handlers":["cookie","default"],"authenticated":"cookie"}}"#;
    assert_eq!(
        parse_session(session).expect("ok").expect("signed in").name,
        "ben"
    );
    let anonymous = r#"{"ok":true,"userCtx":{"name":null,"roles":[]},"info":{"authentication_handlers":["cookie","default"],"authentication_db":"_users"}}"#;
    assert_eq!(parse_session(anonymous).expect("ok"), None);
    assert!(is_bad(parse_session(r#"{"ok":true}"#), "userCtx"));
}

#[test]
fn the_sign_in_body_escapes_what_the_user_typed() {
    let body: Value = serde_json::from_str(&sign_in_body("a\"n", "p\\w\n")).expect("json");
    assert_eq!(body, json!({"name": "a\"n", "password": "p\\w\n"}));
}

#[test]
fn arrays_are_not_taken_for_objects() {
    // What serde's derived structs would accept (their fields in order, as an
    // array); found by `arbitrary_json_never_panics`.
    assert!(is_bad(parse_changes("[[],[]]"), "not an object"));
    assert!(is_bad(
        parse_changes(r#"{"results":[["x",1,[["1-a"]]]],"last_seq":1}"#),
        "results[0] is not an object"
    ));
    assert!(is_bad(
        parse_changes(r#"{"results":[{"id":"x","changes":[["1-a"]]}],"last_seq":1}"#),
        "not an object"
    ));
    assert!(is_bad(
        parse_revs_diff(r#"{"a":[["1-x"]]}"#),
        "not an object"
    ));
    assert!(is_bad(parse_bulk_get(r#"[[["x",[]]]]"#), "the answer"));
    assert!(is_bad(
        parse_bulk_get(r#"{"results":[["x",[{"ok":{}}]]]}"#),
        "results[0]"
    ));
    assert!(is_bad(
        parse_bulk_get(r#"{"results":[{"docs":[[{"_id":"x"}]]}]}"#),
        "results[0].docs[]"
    ));
    assert!(is_bad(
        parse_bulk_docs(r#"[["x","forbidden"]]"#),
        "not an object"
    ));
    assert!(is_bad(parse_server_uuid(r#"["u-1"]"#), "not an object"));
    assert!(is_bad(
        parse_sign_in(r#"["ana",["crm-team"]]"#),
        "not an object"
    ));
    assert!(is_bad(
        parse_session(r#"{"userCtx":["ana",["crm-team"]]}"#),
        "userCtx is not an object"
    ));
}
