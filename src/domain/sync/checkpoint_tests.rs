use serde_json::json;

use super::*;

fn id(uuid: &str, database: &str, install: &str, direction: Direction) -> String {
    replication_id(uuid, database, install, direction)
        .expect("valid parts")
        .as_str()
        .to_owned()
}

fn entry(session_id: &str, seq: u64) -> HistoryEntry {
    HistoryEntry {
        session_id: session_id.to_owned(),
        recorded_seq: Seq(json!(seq)),
    }
}

fn checkpoint(session_id: &str, seq: u64, history: Vec<HistoryEntry>) -> Checkpoint {
    Checkpoint {
        version: CHECKPOINT_VERSION,
        session_id: session_id.to_owned(),
        source_last_seq: Seq(json!(seq)),
        history,
    }
}

#[test]
fn the_replication_id_is_a_stable_digest_of_its_length_prefixed_parts() {
    // Each part as an 8-byte big-endian length and its bytes; parts: server uuid,
    // database, install id, "pull", "1". Changing it restarts every replication.
    assert_eq!(
        id("7a3c0f9e2b", "crm-team", "install-1", Direction::Pull),
        "f9f86f9d3f625bbc18a2eee42be5fd4b27d5eb68b5d73374184d96e880b49967"
    );
    let push = replication_id("7a3c0f9e2b", "crm-team", "install-1", Direction::Push).expect("id");
    assert_eq!(push.local_doc_id(), format!("_local/crm-{}", push.as_str()));
}

#[test]
fn every_part_of_the_replication_id_counts() {
    let base = id("u", "db", "i", Direction::Pull);
    assert_ne!(base, id("u", "db", "i", Direction::Push));
    assert_ne!(base, id("v", "db", "i", Direction::Pull));
    assert_ne!(base, id("u", "db2", "i", Direction::Pull));
    assert_ne!(base, id("u", "db", "j", Direction::Pull));
    // Moving text from one part to the next is another id.
    assert_ne!(
        id("ab", "c", "i", Direction::Pull),
        id("a", "bc", "i", Direction::Pull)
    );
}

#[test]
fn an_empty_part_is_refused() {
    assert_eq!(
        replication_id("", "db", "i", Direction::Pull),
        Err(CheckpointError::EmptyPart("server uuid"))
    );
    assert_eq!(
        replication_id("u", "", "i", Direction::Pull),
        Err(CheckpointError::EmptyPart("database name"))
    );
    assert_eq!(
        replication_id("u", "db", "", Direction::Push),
        Err(CheckpointError::EmptyPart("install id"))
    );
}

#[test]
fn recording_keeps_one_entry_per_session_newest_first_and_at_most_five() {
    let first = Checkpoint::record(None, "s1", Seq(json!(10))).expect("new");
    assert_eq!(first, checkpoint("s1", 10, vec![entry("s1", 10)]));
    assert_eq!(
        Checkpoint::record(Some(&first), "s1", Seq(json!(10))),
        None,
        "nothing new"
    );
    let later = Checkpoint::record(Some(&first), "s1", Seq(json!(12))).expect("moved");
    assert_eq!(later.history, vec![entry("s1", 12)]);
    let mut current = later;
    for (session, seq) in [("s2", 20), ("s3", 30), ("s4", 40), ("s5", 50), ("s6", 60)] {
        current = Checkpoint::record(Some(&current), session, Seq(json!(seq))).expect("new");
    }
    let sessions: Vec<&str> = current
        .history
        .iter()
        .map(|e| e.session_id.as_str())
        .collect();
    assert_eq!(sessions, ["s6", "s5", "s4", "s3", "s2"]);
    assert_eq!(current.source_last_seq, Seq(json!(60)));
}

#[test]
fn a_checkpoint_reads_back_from_the_document_the_server_keeps() {
    let document = json!({
        "_id": "_local/crm-abc", "_rev": "0-3", "version": 1,
        "session_id": "s2", "source_last_seq": "42-g1AAAA",
        "history": [{"session_id": "s2", "recorded_seq": "42-g1AAAA", "docs_read": 3}],
    });
    let read = Checkpoint::from_document(&document).expect("readable");
    assert_eq!(read.source_last_seq, Seq(json!("42-g1AAAA")));
    assert_eq!(read.history.len(), 1);
    let written = serde_json::to_value(&read).expect("serializes");
    assert_eq!(
        written,
        json!({"version": 1, "session_id": "s2", "source_last_seq": "42-g1AAAA",
            "history": [{"session_id": "s2", "recorded_seq": "42-g1AAAA"}]})
    );
    let broken = json!({"version": 1, "source_last_seq": 3});
    assert!(matches!(
        Checkpoint::from_document(&broken),
        Err(CheckpointError::Malformed(_))
    ));
}

#[test]
fn the_same_last_session_on_both_sides_resumes_from_the_source_seq() {
    let source = checkpoint("s2", 42, vec![entry("s2", 42), entry("s1", 10)]);
    let target = checkpoint("s2", 40, vec![entry("s2", 40)]);
    let start = start_point(Some(&source), Some(&target));
    assert_eq!(start.seq, Seq(json!(42)));
    assert_eq!(start.history, source.history);
}

#[test]
fn a_missing_side_or_an_unknown_format_starts_from_zero() {
    let known = checkpoint("s1", 42, vec![entry("s1", 42)]);
    assert_eq!(start_point(None, Some(&known)).seq, Seq::zero());
    assert_eq!(start_point(Some(&known), None).seq, Seq::zero());
    let future = Checkpoint {
        version: 2,
        ..known.clone()
    };
    assert_eq!(start_point(Some(&known), Some(&future)).seq, Seq::zero());
    assert_eq!(start_point(Some(&future), Some(&known)).seq, Seq::zero());
}

#[test]
fn otherwise_the_newest_session_both_histories_share_gives_the_seq() {
    // The last write reached only the source; s2 is the newest both recorded.
    let source = checkpoint(
        "s3",
        30,
        vec![entry("s3", 30), entry("s2", 20), entry("s1", 10)],
    );
    let target = checkpoint(
        "t9",
        99,
        vec![entry("t9", 99), entry("s2", 21), entry("s1", 11)],
    );
    let start = start_point(Some(&source), Some(&target));
    assert_eq!(start.seq, Seq(json!(20)), "the source's record of s2");
    assert_eq!(start.history, vec![entry("s1", 10)]);
    // Found first from the target's side: its newest session is deeper in the source.
    let source = checkpoint("x", 5, vec![entry("x", 5), entry("y", 4), entry("c", 3)]);
    let target = checkpoint("c", 7, vec![entry("c", 7), entry("d", 2)]);
    let start = start_point(Some(&source), Some(&target));
    assert_eq!(start.seq, Seq(json!(7)), "the target's record of c");
    assert_eq!(start.history, vec![entry("d", 2)]);
}

#[test]
fn histories_with_nothing_in_common_start_from_zero() {
    let source = checkpoint("a", 5, vec![entry("a", 5), entry("b", 4)]);
    let target = checkpoint("c", 7, vec![entry("c", 7), entry("d", 2)]);
    assert_eq!(
        start_point(Some(&source), Some(&target)),
        StartPoint::from_scratch()
    );
    let empty = checkpoint("e", 1, vec![]);
    assert_eq!(start_point(Some(&source), Some(&empty)).seq, Seq::zero());
}

#[test]
fn empty_session_ids_never_match() {
    let source = checkpoint("", 5, vec![entry("", 5)]);
    let target = checkpoint("", 7, vec![entry("", 7)]);
    assert_eq!(start_point(Some(&source), Some(&target)).seq, Seq::zero());
}
