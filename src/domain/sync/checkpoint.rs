//! Where a replication resumes: the replication id naming the checkpoint documents,
//! the checkpoint kept on both sides (`_local/crm-<id>` on the server, a record in
//! `sync_state` here) and their comparison, ported from CouchDB's
//! `compare_replication_logs` as PouchDB's `pouchdb-checkpointer` has it
//! (replication/protocol.rst, "Compare Replication Logs").
//!
//! Resuming from a checkpoint the other side never saw could skip changes, so every
//! doubt falls back to sequence 0: the rev diff then filters what both sides have,
//! which costs requests, never data.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use thiserror::Error;

/// Part of the replication id: a new version names new checkpoints, so a build that
/// changes what a checkpoint means starts over instead of misreading old ones.
pub const PROTOCOL_VERSION: u32 = 1;

/// History entries a checkpoint keeps, as PouchDB (`CHECKPOINT_HISTORY_SIZE`): more
/// make the document big, fewer make a full restart likelier after a failed write.
pub const HISTORY_LIMIT: usize = 5;

/// The checkpoint document's format, compared before anything else: a format we do
/// not know is a checkpoint we cannot trust.
pub const CHECKPOINT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CheckpointError {
    #[error("the replication id needs a non-empty {0}")]
    EmptyPart(&'static str),
    #[error("checkpoint document is not readable: {0}")]
    Malformed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Push,
    Pull,
}

impl Direction {
    fn code(self) -> &'static str {
        match self {
            Direction::Push => "push",
            Direction::Pull => "pull",
        }
    }
}

/// 64 lowercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReplicationId(String);

impl ReplicationId {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The server-side checkpoint's id: `_local` documents never replicate.
    pub fn local_doc_id(&self) -> String {
        format!("_local/crm-{}", self.0)
    }
}

/// SHA-256 of server uuid ‖ database ‖ install id ‖ direction ‖ protocol version.
/// Each part is preceded by its length, so no two different lists of parts hash
/// the same text ("ab"+"c" against "a"+"bc").
pub fn replication_id(
    server_uuid: &str,
    database: &str,
    install_id: &str,
    direction: Direction,
) -> Result<ReplicationId, CheckpointError> {
    for (part, name) in [
        (server_uuid, "server uuid"),
        (database, "database name"),
        (install_id, "install id"),
    ] {
        if part.is_empty() {
            return Err(CheckpointError::EmptyPart(name));
        }
    }
    let version = PROTOCOL_VERSION.to_string();
    let mut hasher = Sha256::new();
    for part in [
        server_uuid,
        database,
        install_id,
        direction.code(),
        version.as_str(),
    ] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    let hex = hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    Ok(ReplicationId(hex))
}

/// A position in a `_changes` feed. Opaque: an integer on pouchdb-server, a string
/// on CouchDB 3; only ever handed back to the server that gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seq(pub Value);

impl Seq {
    /// The start of every feed.
    pub fn zero() -> Seq {
        Seq(Value::from(0))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub session_id: String,
    pub recorded_seq: Seq,
}

/// The checkpoint document's body, field names as CouchDB's replicator writes them
/// (`_id` and `_rev` are the adapter's business).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub version: u32,
    pub session_id: String,
    pub source_last_seq: Seq,
    /// Newest first, at most [`HISTORY_LIMIT`].
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

impl Checkpoint {
    /// Reads a checkpoint document as fetched; fields it does not know (`_id`,
    /// `_rev`, CouchDB's statistics) are ignored.
    pub fn from_document(document: &Value) -> Result<Checkpoint, CheckpointError> {
        Checkpoint::deserialize(document)
            .map_err(|error| CheckpointError::Malformed(error.to_string()))
    }

    /// The checkpoint after `session_id` reached `seq`; `None` when `previous`
    /// already says so and there is nothing to write (PouchDB's `updateCheckpoint`).
    pub fn record(previous: Option<&Checkpoint>, session_id: &str, seq: Seq) -> Option<Checkpoint> {
        if let Some(previous) = previous {
            if previous.session_id == session_id && previous.source_last_seq == seq {
                return None;
            }
        }
        // One entry per session: its latest position.
        let mut history: Vec<HistoryEntry> = previous
            .map(|previous| previous.history.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(|entry| entry.session_id != session_id)
            .cloned()
            .collect();
        history.insert(
            0,
            HistoryEntry {
                session_id: session_id.to_owned(),
                recorded_seq: seq.clone(),
            },
        );
        history.truncate(HISTORY_LIMIT);
        Some(Checkpoint {
            version: CHECKPOINT_VERSION,
            session_id: session_id.to_owned(),
            source_last_seq: seq,
            history,
        })
    }
}

/// Where to resume, and the history the next checkpoint builds on.
#[derive(Debug, Clone, PartialEq)]
pub struct StartPoint {
    pub seq: Seq,
    pub history: Vec<HistoryEntry>,
}

impl StartPoint {
    fn from_scratch() -> StartPoint {
        StartPoint {
            seq: Seq::zero(),
            history: Vec::new(),
        }
    }
}

/// The protocol's comparison: the same last session on both sides means both
/// recorded `source_last_seq`; otherwise the newest session both histories share
/// gives its `recorded_seq`; otherwise replication starts from 0. A missing side or
/// an unknown format also starts from 0.
pub fn start_point(source: Option<&Checkpoint>, target: Option<&Checkpoint>) -> StartPoint {
    let (Some(source), Some(target)) = (source, target) else {
        return StartPoint::from_scratch();
    };
    if source.version != CHECKPOINT_VERSION || target.version != CHECKPOINT_VERSION {
        return StartPoint::from_scratch();
    }
    if !source.session_id.is_empty() && source.session_id == target.session_id {
        return StartPoint {
            seq: source.source_last_seq.clone(),
            history: source.history.clone(),
        };
    }
    compare_histories(&source.history, &target.history)
}

/// `compare_rep_history`: walks both histories newest first, one step on each side
/// per round, so the first match found is the newest session both recorded.
fn compare_histories(source: &[HistoryEntry], target: &[HistoryEntry]) -> StartPoint {
    let mut source = source;
    let mut target = target;
    while let (Some((ours, source_rest)), Some((theirs, target_rest))) =
        (source.split_first(), target.split_first())
    {
        if has_session(&ours.session_id, target) {
            return StartPoint {
                seq: ours.recorded_seq.clone(),
                history: source_rest.to_vec(),
            };
        }
        if has_session(&theirs.session_id, source_rest) {
            return StartPoint {
                seq: theirs.recorded_seq.clone(),
                history: target_rest.to_vec(),
            };
        }
        source = source_rest;
        target = target_rest;
    }
    StartPoint::from_scratch()
}

/// An empty session id never matches: it is what a damaged entry would carry.
fn has_session(session_id: &str, history: &[HistoryEntry]) -> bool {
    !session_id.is_empty() && history.iter().any(|entry| entry.session_id == session_id)
}

#[cfg(test)]
#[path = "checkpoint_tests.rs"]
mod tests;
