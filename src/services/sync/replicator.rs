//! One push and one pull of the CouchDB replication protocol (design §3),
//! between the app's store and a [`CouchPeer`].
//!
//! Every step can be interrupted anywhere and run again: a push saves the
//! documents' states and acknowledges the outbox only after the server stored
//! the batch (and revision ids are deterministic, so a batch sent twice is the
//! same batch); a pull writes each batch in one transaction and moves the
//! checkpoints after it, and merging a revision twice changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde_json::Value;
use thiserror::Error;

use crate::domain::sync::checkpoint::{start_point, Checkpoint, CheckpointError, Seq};
use crate::domain::sync::doc_state::{local_revision, receive, DocState, DocStateError};
use crate::domain::sync::docs::{parse_doc_id, validate, DocError, SyncDoc, Validated};
use crate::domain::sync::outbox::OutboxEntry;
use crate::domain::sync::peer::{ChangeRow, CouchPeer, DocWriteError, PeerError};
use crate::domain::sync::rev::Rev;
use crate::storage::{CrmStore, Pulled, StoreError};

/// Documents per request: PouchDB sends 100; ours cost one IndexedDB
/// transaction per batch, so fewer, larger batches (design §3).
pub const BATCH: usize = 500;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum SyncError {
    #[error(transparent)]
    Peer(#[from] PeerError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Doc(#[from] DocStateError),
    #[error("a marked document has an id this app never writes: {0}")]
    BadOutboxId(DocError),
    #[error("a checkpoint could not be read: {0}")]
    Checkpoint(#[from] CheckpointError),
}

/// Who and where: what the replicator writes into revisions and checkpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The rep's name, shown beside a teammate's revision (`by`).
    pub by: String,
    /// Names this replication's checkpoints: one per server, database,
    /// browser and direction (`domain::sync::checkpoint::replication_id`).
    pub pull_id: String,
    /// Fresh for each run of the replicator: checkpoints compare sessions.
    pub session_id: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PushReport {
    /// Revisions the server stored.
    pub sent: usize,
    /// Marked documents with no new replicated data (nothing to send).
    pub unchanged: usize,
    /// Documents the server refused (a validation function): never retried.
    pub refused: Vec<DocWriteError>,
}

/// Pushes every marked document, [`BATCH`] at a time, halving a batch the
/// server finds too large.
pub async fn push<S: CrmStore, P: CouchPeer>(
    store: &S,
    peer: &P,
    session: &Session,
    now: DateTime<Utc>,
) -> Result<PushReport, SyncError> {
    let outbox = store.sync_outbox().await?;
    let mut report = PushReport::default();
    let mut batch = BATCH;
    let mut rest: &[OutboxEntry] = &outbox;
    while !rest.is_empty() {
        let take = batch.min(rest.len());
        match push_batch(store, peer, session, now, &rest[..take], &mut report).await {
            Err(SyncError::Peer(PeerError::TooLarge)) if take > 1 => batch = take / 2,
            Err(error) => return Err(error),
            Ok(()) => rest = &rest[take..],
        }
    }
    Ok(report)
}

async fn push_batch<S: CrmStore, P: CouchPeer>(
    store: &S,
    peer: &P,
    session: &Session,
    now: DateTime<Utc>,
    entries: &[OutboxEntry],
    report: &mut PushReport,
) -> Result<(), SyncError> {
    let ids: Vec<String> = entries.iter().map(|e| e.doc_id.clone()).collect();
    let states = store.doc_states(&ids).await?;
    let data = store.replicated_data(&ids).await?;
    let mut new_states: Vec<(String, DocState)> = Vec::with_capacity(ids.len());
    let mut docs: BTreeMap<String, SyncDoc> = BTreeMap::new();
    for ((id, state), data) in ids.iter().zip(states).zip(data) {
        let (kind, _) = parse_doc_id(id).map_err(SyncError::BadOutboxId)?;
        let mut state = state.unwrap_or_default();
        match local_revision(id, kind, &mut state, data.as_ref(), &session.by, now)? {
            Some(doc) => {
                docs.insert(id.clone(), doc);
            }
            None => report.unchanged += 1,
        }
        new_states.push((id.clone(), state));
    }
    if !docs.is_empty() {
        let asked: BTreeMap<String, Vec<Rev>> = docs
            .iter()
            .map(|(id, doc)| (id.clone(), vec![doc.rev.clone()]))
            .collect();
        let missing = peer.revs_diff(&asked).await?;
        let to_send: Vec<Value> = docs
            .iter()
            .filter(|(id, doc)| missing.get(*id).is_some_and(|revs| revs.contains(&doc.rev)))
            .map(|(_, doc)| doc.to_json())
            .collect();
        let refused = if to_send.is_empty() {
            Vec::new()
        } else {
            peer.bulk_docs(&to_send).await?
        };
        let refused_ids: BTreeSet<&str> = refused.iter().map(|r| r.id.as_str()).collect();
        for (id, state) in &mut new_states {
            if let Some(doc) = docs.get(id) {
                if !refused_ids.contains(id.as_str()) {
                    if !state.server_has.contains(&doc.rev) {
                        state.server_has.push(doc.rev.clone());
                    }
                    state.server_has.retain(|rev| state.tree.is_leaf(rev));
                }
            }
        }
        report.sent += to_send.len() - refused.len().min(to_send.len());
        report.refused.extend(refused);
    }
    store.save_pushed(&new_states, entries).await?;
    Ok(())
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PullReport {
    /// Teammates' revisions received.
    pub received: usize,
    /// Documents whose record here changed.
    pub applied: Vec<String>,
    /// Documents that failed the checks, with why: left out, never applied.
    pub rejected: Vec<(String, String)>,
    /// Documents from a newer build of the app: kept out until this one updates.
    pub newer_schema: usize,
    pub last_seq: Option<Seq>,
}

/// The local key of the pull checkpoint.
fn local_checkpoint_key(pull_id: &str) -> String {
    format!("checkpoint:{pull_id}")
}

/// Pulls every change since the checkpoint both sides agree on, a batch at a
/// time, each batch applied in one transaction, then the checkpoints.
pub async fn pull<S: CrmStore, P: CouchPeer>(
    store: &S,
    peer: &P,
    session: &Session,
) -> Result<PullReport, SyncError> {
    let local_key = local_checkpoint_key(&session.pull_id);
    let server_key = format!("crm-{}", session.pull_id);
    let local: Option<Checkpoint> = store
        .sync_value(&local_key)
        .await?
        .map(|doc| Checkpoint::from_document(&doc))
        .transpose()?;
    // A damaged checkpoint on the server only costs a pull from the start.
    let server: Option<Checkpoint> = peer
        .get_local(&server_key)
        .await?
        .and_then(|doc| Checkpoint::from_document(&doc).ok());
    let start = start_point(server.as_ref(), local.as_ref());
    let mut previous = local.map(|mut c| {
        c.history = start.history.clone();
        c
    });
    let mut since = start.seq;
    let mut report = PullReport::default();
    loop {
        let batch = peer.changes(&since, BATCH as u32).await?;
        let full = batch.rows.len() >= BATCH;
        pull_batch(store, peer, &batch.rows, &mut report).await?;
        if let Some(checkpoint) = Checkpoint::record(
            previous.as_ref(),
            &session.session_id,
            batch.last_seq.clone(),
        ) {
            let body = serde_json::to_value(&checkpoint).unwrap_or(Value::Null);
            peer.put_local(&server_key, &body).await?;
            store.save_sync_value(&local_key, &body).await?;
            previous = Some(checkpoint);
        }
        report.last_seq = Some(batch.last_seq.clone());
        if !full || batch.last_seq == since {
            return Ok(report);
        }
        since = batch.last_seq;
    }
}

async fn pull_batch<S: CrmStore, P: CouchPeer>(
    store: &S,
    peer: &P,
    rows: &[ChangeRow],
    report: &mut PullReport,
) -> Result<(), SyncError> {
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r.id.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let states: BTreeMap<String, DocState> = ids
        .iter()
        .cloned()
        .zip(store.doc_states(&ids).await?)
        .map(|(id, state)| (id, state.unwrap_or_default()))
        .collect();
    let mut wanted: Vec<(String, Rev)> = Vec::new();
    for row in rows {
        // Design documents and ids this app never writes are not ours to read.
        if parse_doc_id(&row.id).is_err() {
            continue;
        }
        let Some(state) = states.get(&row.id) else {
            continue;
        };
        for rev in state.tree.revs_diff(&row.revs).missing {
            if !wanted.iter().any(|(id, r)| id == &row.id && r == &rev) {
                wanted.push((row.id.clone(), rev));
            }
        }
    }
    let mut arrived = fetch(peer, &wanted, report).await?;
    // Every new revision merged; then a winner that is neither applied here nor
    // among what arrived (ours lost to a revision known before, or a deletion
    // uncovered an older live leaf) is fetched too: its body is on the server only.
    let mut merged: BTreeMap<String, DocState> = BTreeMap::new();
    let mut winners: Vec<(String, Rev)> = Vec::new();
    for (id, state) in &states {
        if parse_doc_id(id).is_err() {
            continue;
        }
        let mut state = state.clone();
        for (doc, data) in arrived.get(id).map(Vec::as_slice).unwrap_or_default() {
            state = receive(state, doc, data.as_ref(), None)?.merged;
            report.received += 1;
        }
        if let Some(winner) = state.tree.winning_rev() {
            let arrived_now = arrived
                .get(id)
                .is_some_and(|docs| docs.iter().any(|(doc, _)| doc.rev == winner));
            if state.applied.as_ref() != Some(&winner) && !arrived_now {
                winners.push((id.clone(), winner));
            }
        }
        merged.insert(id.clone(), state);
    }
    for (id, docs) in fetch(peer, &winners, report).await? {
        arrived.entry(id).or_default().extend(docs);
    }
    let touched: Vec<String> = merged
        .iter()
        .filter(|(id, state)| arrived.contains_key(*id) || Some(*state) != states.get(*id))
        .map(|(id, _)| id.clone())
        .collect();
    let now_data = store.replicated_data(&touched).await?;
    let mut pulled = Vec::with_capacity(touched.len());
    for (id, record_now) in touched.into_iter().zip(now_data) {
        let Some(state) = merged.remove(&id) else {
            continue;
        };
        let winner = state.tree.winning_rev();
        let docs = arrived.get(&id).map(Vec::as_slice).unwrap_or_default();
        let received = match docs
            .iter()
            .find(|(doc, _)| Some(&doc.rev) == winner.as_ref())
        {
            Some((doc, data)) => receive(state, doc, data.as_ref(), record_now.as_ref())?,
            None => crate::domain::sync::doc_state::Received {
                merged: state,
                apply: None,
            },
        };
        pulled.push(Pulled {
            doc_id: id,
            received,
        });
    }
    report.applied.extend(store.apply_pulled(&pulled).await?);
    Ok(())
}

/// The revisions `wanted`, checked, by document; what fails the checks is
/// reported and left out.
async fn fetch<P: CouchPeer>(
    peer: &P,
    wanted: &[(String, Rev)],
    report: &mut PullReport,
) -> Result<BTreeMap<String, Vec<(SyncDoc, Option<Value>)>>, SyncError> {
    let mut arrived: BTreeMap<String, Vec<(SyncDoc, Option<Value>)>> = BTreeMap::new();
    if wanted.is_empty() {
        return Ok(arrived);
    }
    for text in peer.bulk_get(wanted).await? {
        match validate(&text) {
            Ok(Validated::Live { doc, data, .. }) => {
                arrived
                    .entry(doc.id.clone())
                    .or_default()
                    .push((doc, Some(data)));
            }
            Ok(Validated::Deleted(doc)) => {
                arrived.entry(doc.id.clone()).or_default().push((doc, None));
            }
            Ok(Validated::NeedsNewerApp { .. }) => report.newer_schema += 1,
            Err(error) => report.rejected.push((doc_id_of(&text), error.to_string())),
        }
    }
    Ok(arrived)
}

/// The `_id` of a document that failed its checks, for the report.
fn doc_id_of(text: &str) -> String {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| v.get("_id").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| "(no id)".to_owned())
}
