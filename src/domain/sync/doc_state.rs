//! What this browser keeps per replicated document (the `sync_docs` store), and
//! the two pure steps of replication that change it: a local write becoming a
//! revision ([`local_revision`]), and a teammate's revision arriving
//! ([`receive`]).
//!
//! The record itself stays in its own store; the state keeps the revision tree,
//! which revision the record reflects (`applied`), and per field a digest and
//! the marker of the revision that last changed it (`fr`, for the field merge),
//! never a second copy of the record's data.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::docs::{DocKind, LiveBody, SyncDoc};
use super::field_merge::short_rev;
use super::rev::Rev;
use super::rev_id::{canonical_json, next_rev, RevContent, RevIdError};
use super::rev_tree::{RevPath, RevTree, RevTreeError, Revisions, DEFAULT_REVS_LIMIT};
use crate::domain::exchange::record_migrations::CURRENT_RECORDS_VERSION;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocStateError {
    #[error("document {id}: the revision {rev} its record reflects is not in its tree")]
    AppliedNotInTree { id: String, rev: Rev },
    #[error("document {id}: {source}")]
    Tree { id: String, source: RevTreeError },
    #[error("document {id}: {source}")]
    RevId { id: String, source: RevIdError },
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DocState {
    /// Every revision of the document this browser knows.
    pub tree: RevTree,
    /// The revision the record in the app's store reflects; `None` before the
    /// first push or pull of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied: Option<Rev>,
    /// Field → marker of the revision that last changed it, for `applied`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fr: BTreeMap<String, String>,
    /// Field → digest of its value in `applied`: tells which fields a local
    /// edit changed without keeping the old values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub digests: BTreeMap<String, String>,
    /// Leaves the server is known to have.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub server_has: Vec<Rev>,
    /// Live leaves that lost to the winner, with their data, while the conflict
    /// is open: what the conflict view shows as not kept.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub losers: BTreeMap<String, Value>,
}

/// Each top-level field's digest: 16 hex digits of FNV-1a over its canonical JSON.
/// Not a security boundary: it only tells this browser's own edits apart.
pub fn field_digests(data: &Value) -> BTreeMap<String, String> {
    let Some(fields) = data.as_object() else {
        return BTreeMap::new();
    };
    fields
        .iter()
        .map(|(field, value)| {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for byte in canonical_json(value).bytes() {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
            (field.clone(), format!("{hash:016x}"))
        })
        .collect()
}

impl DocState {
    /// Whether the applied revision is a tombstone (or there is none).
    fn applied_is_deleted(&self) -> bool {
        match &self.applied {
            None => true,
            Some(rev) => self.tree.leaf(rev).is_none_or(|leaf| leaf.deleted),
        }
    }

    /// Keeps only the server's and the losers' revisions that are still leaves.
    fn prune(&mut self) {
        let tree = &self.tree;
        self.server_has.retain(|rev| tree.is_leaf(rev));
        self.losers.retain(|rev, _| {
            rev.parse::<Rev>()
                .is_ok_and(|rev| tree.leaf(&rev).is_some_and(|leaf| !leaf.deleted))
        });
    }

    fn note_server_has(&mut self, rev: &Rev) {
        if !self.server_has.contains(rev) {
            self.server_has.push(rev.clone());
        }
        self.prune();
    }
}

/// The revision a local write makes of document `id`, whose record's data is
/// now `data` (`None`: deleted), on top of the revision the record reflected;
/// `None` when the data is what that revision already holds (a save without a
/// replicated change, or a record created and deleted between two pushes).
/// Updates `state` as if the revision were made; the caller keeps the old
/// state if the push fails.
pub fn local_revision(
    id: &str,
    kind: DocKind,
    state: &mut DocState,
    data: Option<&Value>,
    by: &str,
    at: DateTime<Utc>,
) -> Result<Option<SyncDoc>, DocStateError> {
    let digests = data.map(field_digests).unwrap_or_default();
    let unchanged = match data {
        None => state.applied_is_deleted(),
        Some(_) => !state.applied_is_deleted() && digests == state.digests,
    };
    if unchanged {
        return Ok(None);
    }
    let deleted = data.is_none();
    let parent = state.applied.clone();
    let rev = next_rev(
        parent.as_ref(),
        &RevContent {
            doc_type: kind.type_name(),
            schema: CURRENT_RECORDS_VERSION,
            data: data.unwrap_or(&Value::Null),
            deleted,
        },
    )
    .map_err(|source| DocStateError::RevId {
        id: id.to_owned(),
        source,
    })?;
    let tree_error = |source| DocStateError::Tree {
        id: id.to_owned(),
        source,
    };
    let path = match &parent {
        None => RevPath::first(rev.hash(), deleted).map_err(tree_error)?,
        Some(parent) => state
            .tree
            .path_to(parent)
            .ok_or_else(|| DocStateError::AppliedNotInTree {
                id: id.to_owned(),
                rev: parent.clone(),
            })?
            .child(rev.hash(), deleted)
            .map_err(tree_error)?,
    };
    state.tree.merge(&path, DEFAULT_REVS_LIMIT);
    let marker = short_rev(&rev);
    let mut fr = state.fr.clone();
    for field in state.digests.keys().chain(digests.keys()) {
        if state.digests.get(field) != digests.get(field) {
            fr.insert(field.clone(), marker.clone());
        }
    }
    fr.retain(|field, _| digests.contains_key(field));
    state.applied = Some(rev.clone());
    state.fr = fr.clone();
    state.digests = digests;
    state.prune();
    Ok(Some(SyncDoc {
        id: id.to_owned(),
        revisions: state.tree.revisions(&rev),
        rev,
        kind,
        by: by.to_owned(),
        at,
        body: data.map(|data| LiveBody {
            schema: CURRENT_RECORDS_VERSION,
            fr,
            data: data.clone(),
        }),
    }))
}

/// What the app's record should become after a teammate's revision arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum Apply {
    /// Write this `data` (current schema, local fields left out).
    Put(Value),
    Delete,
}

/// A teammate's revision merged into the document's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The state with the revision merged and the record left as it is.
    pub merged: DocState,
    /// When the revision won: the record's new content, and the state once
    /// it is applied. Not applied when this browser has an edit of the
    /// document not pushed yet: that edit becomes a sibling of the applied
    /// revision at the next push, a conflict resolved like any other.
    pub apply: Option<(Apply, DocState)>,
}

/// Merges a teammate's revision `doc` (validated; `data` upgraded to this
/// build's schema, `None` for a tombstone) into `state`. `record_now` is the
/// record's data as stored here: if the revision it reflects loses, that data
/// is what the conflict view shows as not kept.
pub fn receive(
    mut state: DocState,
    doc: &SyncDoc,
    data: Option<&Value>,
    record_now: Option<&Value>,
) -> Result<Received, DocStateError> {
    let deleted = data.is_none();
    let revisions = doc.revisions.clone().unwrap_or_else(|| Revisions {
        start: doc.rev.pos(),
        ids: vec![doc.rev.hash().to_owned()],
    });
    let path =
        RevPath::from_revisions(&revisions, deleted).map_err(|source| DocStateError::Tree {
            id: doc.id.clone(),
            source,
        })?;
    state.tree.merge(&path, DEFAULT_REVS_LIMIT);
    state.note_server_has(&doc.rev);
    let winner = state.tree.winner();
    let wins = winner.as_ref().is_some_and(|w| w.rev == doc.rev);
    if let (false, Some(data)) = (wins, data) {
        if state.tree.is_leaf(&doc.rev) {
            state.losers.insert(doc.rev.to_string(), data.clone());
        }
    }
    if !wins || state.applied.as_ref() == Some(&doc.rev) {
        state.prune();
        return Ok(Received {
            merged: state,
            apply: None,
        });
    }
    let mut applied = state.clone();
    if let (Some(old), Some(record_now)) = (&state.applied, record_now) {
        if state.tree.leaf(old).is_some_and(|leaf| !leaf.deleted) {
            applied.losers.insert(old.to_string(), record_now.clone());
        }
    }
    applied.applied = Some(doc.rev.clone());
    applied.digests = data.map(field_digests).unwrap_or_default();
    applied.fr = doc
        .body
        .as_ref()
        .map(|body| body.fr.clone())
        .unwrap_or_default();
    applied.losers.remove(&doc.rev.to_string());
    applied.prune();
    state.prune();
    let apply = match data {
        Some(data) => Apply::Put(data.clone()),
        None => Apply::Delete,
    };
    Ok(Received {
        merged: state,
        apply: Some((apply, applied)),
    })
}

#[cfg(test)]
#[path = "doc_state_tests.rs"]
mod tests;
