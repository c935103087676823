//! The deterministic per-field merge of a conflicted document (design `team-sync.md`
//! §4, §5).
//!
//! CouchDB keeps every concurrent leaf and names the same winner everywhere; this
//! module folds the live leaves into one body and writes the revisions that close the
//! conflict. Everything here is a function of the set of leaves (their histories and
//! bodies) alone, never of the order they arrived in or of the replica computing it,
//! so two browsers resolving the same conflict write identical revisions and the
//! second upload is a no-op (`_revs_diff`).
//!
//! - **Per field** (top-level keys of `data`): a leaf whose `fr` marker for the field
//!   appears in another leaf's history, where that leaf has a different marker, was
//!   seen and then overwritten: it drops out. One value left: taken. Several: the
//!   winning leaf's, the others recorded as lost.
//! - **Append-only histories** (`stage_history`, complaint `history`): the union of
//!   all live leaves, ordered by time; `stage` / `state` is the last entry's `to`, and
//!   breaks of the flow model are flagged.
//! - **`updated_at`, `last_customer_message_at`**: the latest, never reported as lost
//!   (every edit changes `updated_at`; reporting it would bury real conflicts).
//! - **Deletion** (§5): a deletion wins over concurrent edits: every live leaf gets a
//!   tombstone and the merged live body is kept in the resolution for *Restore*.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use thiserror::Error;

use super::docs::{DocKind, LiveBody, SyncDoc};
use super::rev::Rev;
use super::rev_id::{next_rev, RevContent, RevIdError};
use super::rev_tree::{RevPath, RevTree, RevTreeError, DEFAULT_REVS_LIMIT};
use crate::domain::exchange::record_migrations::CURRENT_RECORDS_VERSION;
use crate::domain::shared::sort::sort_stable_by;
#[cfg(test)]
use history::parse_time;
use history::{flow_check, latest, union_history};

mod history;

/// Hex digits of the hash kept in an `fr` marker (`3-9b2e41aa`, as in the design).
pub const SHORT_HASH_LEN: usize = 8;

/// The schema hashed into a resolution's tombstones. No build writes schema 0 (a
/// teammate's document with it is refused), so a tombstone whose id is the hash of
/// this content on its parent was written by a resolution, not by a rep deleting the
/// record: that is how every replica tells the two apart without extra fields.
pub const RESOLUTION_TOMBSTONE_SCHEMA: u32 = 0;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FieldMergeError {
    #[error("a conflict needs at least one leaf")]
    NoLeaves,
    #[error("leaf {rev} belongs to {found:?}, the conflict to {expected:?}")]
    WrongDocument {
        rev: Rev,
        expected: String,
        found: String,
    },
    #[error("leaf {0} is given twice")]
    DuplicateLeaf(Rev),
    #[error("leaf {rev}: its history ends at {history_leaf}")]
    HistoryMismatch { rev: Rev, history_leaf: Rev },
    #[error("leaf {0}: history and body disagree on whether it is deleted")]
    DeletedMismatch(Rev),
    #[error("{0} is not a leaf: another given history continues it")]
    NotALeaf(Rev),
    #[error("leaf {0}: data is not a JSON object")]
    NotAnObject(Rev),
    #[error(transparent)]
    RevId(#[from] RevIdError),
    #[error(transparent)]
    RevTree(#[from] RevTreeError),
}

/// One current leaf of the document: its history (`_revisions`) and its body, with
/// `data` already upgraded to this build's schema (`docs::Validated::Live::data`).
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictLeaf {
    pub history: RevPath,
    pub doc: SyncDoc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LostValue {
    /// `null` where the leaf had no such field.
    pub value: Value,
    pub by: String,
    pub rev: Rev,
}

/// A field changed concurrently: `kept` is the winning leaf's value.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedField {
    pub field: String,
    pub kept: Value,
    pub lost: Vec<LostValue>,
}

/// An entry of a merged history that does not follow from the one before it (or is
/// not a move the flow model allows, or is unreadable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowBreak {
    pub field: String,
    pub index: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// One live leaf is left: the merged child of the winner, or the winner itself
    /// when the merge changed nothing in its body.
    Live { rev: Rev, data: Value },
    /// A rep deleted the record while others edited it; the deletion won (§5).
    /// `last_live` is the merged body of the edits, for *Restore*.
    Deleted {
        deleted_rev: Rev,
        deleted_by: String,
        deleted_at: DateTime<Utc>,
        last_live: Value,
    },
}

/// What the conflict view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub doc_id: String,
    /// The leaf whose branch carries on: the live winner, or the winning deletion.
    pub kept_rev: Rev,
    pub merged: Vec<MergedField>,
    pub flow_breaks: Vec<FlowBreak>,
    pub outcome: Outcome,
    /// Who resolved it and when (display only, outside every revision hash).
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A revision to write: a child of one current leaf, with its history.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolutionWrite {
    pub path: RevPath,
    pub doc: SyncDoc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub resolution: Resolution,
    /// The merged child (if any) first, then tombstones in descending revision order.
    pub writes: Vec<ResolutionWrite>,
}

/// The `fr` marker of a revision: its generation and the first hex digits.
pub fn short_rev(rev: &Rev) -> String {
    let hash = rev.hash();
    let short = hash.get(..SHORT_HASH_LEN).unwrap_or(hash);
    format!("{}-{short}", rev.pos())
}

/// The `fr` of a new revision `rev` with body `data` on top of `parent`'s: every
/// top-level field whose value changed (added, removed or edited) is marked `rev`,
/// the others keep the parent's marker. A first revision marks every field.
pub fn stamp_fr(
    parent: Option<(&BTreeMap<String, String>, &Value)>,
    data: &Value,
    rev: &Rev,
) -> BTreeMap<String, String> {
    let marker = short_rev(rev);
    let empty = Map::new();
    let new_fields = data.as_object().unwrap_or(&empty);
    let Some((parent_fr, parent_data)) = parent else {
        return new_fields
            .keys()
            .map(|field| (field.clone(), marker.clone()))
            .collect();
    };
    let old_fields = parent_data.as_object().unwrap_or(&empty);
    let mut fr = parent_fr.clone();
    for field in old_fields.keys().chain(new_fields.keys()) {
        if old_fields.get(field) != new_fields.get(field) {
            fr.insert(field.clone(), marker.clone());
        }
    }
    fr
}

/// The tombstone a resolution puts on `leaf`.
pub fn resolution_tombstone(kind: DocKind, leaf: &Rev) -> Result<Rev, RevIdError> {
    next_rev(
        Some(leaf),
        &RevContent {
            doc_type: kind.type_name(),
            schema: RESOLUTION_TOMBSTONE_SCHEMA,
            data: &Value::Null,
            deleted: true,
        },
    )
}

/// Whether the deleted leaf of `path` closed a losing branch of an earlier
/// resolution (as opposed to a rep deleting the record). Needs the parent in the
/// history: a tombstone stemmed down to itself counts as a rep's deletion.
pub fn is_resolution_tombstone(kind: DocKind, path: &RevPath) -> bool {
    let ids = path.ids();
    if !path.is_deleted() || ids.len() < 2 {
        return false;
    }
    let leaf = path.leaf();
    let parent = leaf
        .pos()
        .checked_sub(1)
        .and_then(|pos| Rev::new(pos, &ids[ids.len() - 2]).ok());
    match parent.map(|parent| resolution_tombstone(kind, &parent)) {
        Some(Ok(expected)) => expected == leaf,
        _ => false,
    }
}

/// How a field is merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// The per-field rule with `fr` markers.
    Value,
    /// The latest timestamp.
    Latest,
    /// An append-only history; `state` is the field set from its last entry.
    History { state: &'static str },
    /// Set from a history (skipped in the field loop).
    DerivedState,
}

fn rule(kind: DocKind, field: &str) -> Rule {
    match (kind, field) {
        (DocKind::Customer, "stage_history") => Rule::History { state: "stage" },
        (DocKind::Customer, "stage") => Rule::DerivedState,
        (DocKind::Complaint, "history") => Rule::History { state: "state" },
        (DocKind::Complaint, "state") => Rule::DerivedState,
        (DocKind::Complaint, "last_customer_message_at") => Rule::Latest,
        (DocKind::Customer | DocKind::Complaint, "updated_at") => Rule::Latest,
        _ => Rule::Value,
    }
}

/// A live leaf, borrowed for the merge.
struct Live<'a> {
    rev: &'a Rev,
    history: &'a RevPath,
    by: &'a str,
    fr: &'a BTreeMap<String, String>,
    data: &'a Map<String, Value>,
}

/// Resolves the conflict among `leaves` (every current leaf of one document), or
/// `None` when there is nothing to resolve: at most one live leaf and no deletion
/// concurrent with it.
pub fn resolve(
    leaves: &[ConflictLeaf],
    by: &str,
    at: DateTime<Utc>,
) -> Result<Option<Resolved>, FieldMergeError> {
    let first = leaves.first().ok_or(FieldMergeError::NoLeaves)?;
    let doc_id = first.doc.id.clone();
    let kind = first.doc.kind;
    let tree = check_leaves(leaves, &doc_id)?;

    // Descending revision order: the order of the input never matters below.
    let mut ordered: Vec<&ConflictLeaf> = leaves.iter().collect();
    sort_stable_by(&mut ordered, |a, b| b.doc.rev.cmp(&a.doc.rev));
    let mut live = Vec::new();
    let mut deletions = Vec::new();
    for leaf in &ordered {
        match &leaf.doc.body {
            Some(body) => live.push(Live {
                rev: &leaf.doc.rev,
                history: &leaf.history,
                by: &leaf.doc.by,
                fr: &body.fr,
                data: body
                    .data
                    .as_object()
                    .ok_or_else(|| FieldMergeError::NotAnObject(leaf.doc.rev.clone()))?,
            }),
            None if is_resolution_tombstone(kind, &leaf.history) => {}
            None => deletions.push(*leaf),
        }
    }
    if live.is_empty() || (live.len() == 1 && deletions.is_empty()) {
        return Ok(None);
    }
    // Live leaves come before tombstones in CouchDB's rule, so this is a live leaf,
    // and it is `live[0]`: the rule among live leaves is the descending order.
    let winner = tree.winner().map(|leaf| leaf.rev);
    debug_assert_eq!(winner.as_ref(), Some(live[0].rev));

    let merged = merge_fields(kind, &live);
    let mut writes = Vec::new();
    let (kept_rev, outcome) = match deletions.first() {
        Some(deletion) => {
            for leaf in &live {
                writes.push(tombstone_write(kind, &doc_id, leaf.history, by, at)?);
            }
            let outcome = Outcome::Deleted {
                deleted_rev: deletion.doc.rev.clone(),
                deleted_by: deletion.doc.by.clone(),
                deleted_at: deletion.doc.at,
                last_live: merged.data.clone(),
            };
            (deletion.doc.rev.clone(), outcome)
        }
        None => {
            let winner = &live[0];
            let winner_data = Value::Object(winner.data.clone());
            let head = if merged.data == winner_data {
                winner.rev.clone()
            } else {
                let write = merged_child(kind, &doc_id, winner, &merged.data, by, at)?;
                let rev = write.doc.rev.clone();
                writes.push(write);
                rev
            };
            for leaf in &live[1..] {
                writes.push(tombstone_write(kind, &doc_id, leaf.history, by, at)?);
            }
            let outcome = Outcome::Live {
                rev: head,
                data: merged.data.clone(),
            };
            (winner.rev.clone(), outcome)
        }
    };
    Ok(Some(Resolved {
        resolution: Resolution {
            doc_id,
            kept_rev,
            merged: merged.fields,
            flow_breaks: merged.flow_breaks,
            outcome,
            by: by.to_owned(),
            at,
        },
        writes,
    }))
}

/// Every leaf names the same document, its body matches its history, no leaf twice,
/// and no given leaf continues in another's history.
fn check_leaves(leaves: &[ConflictLeaf], doc_id: &str) -> Result<RevTree, FieldMergeError> {
    let mut tree = RevTree::new();
    let mut seen = BTreeSet::new();
    for leaf in leaves {
        let rev = &leaf.doc.rev;
        if leaf.doc.id != doc_id {
            return Err(FieldMergeError::WrongDocument {
                rev: rev.clone(),
                expected: doc_id.to_owned(),
                found: leaf.doc.id.clone(),
            });
        }
        if !seen.insert(rev.clone()) {
            return Err(FieldMergeError::DuplicateLeaf(rev.clone()));
        }
        let history_leaf = leaf.history.leaf();
        if &history_leaf != rev {
            return Err(FieldMergeError::HistoryMismatch {
                rev: rev.clone(),
                history_leaf,
            });
        }
        if leaf.history.is_deleted() != leaf.doc.is_deleted() {
            return Err(FieldMergeError::DeletedMismatch(rev.clone()));
        }
        tree.merge(&leaf.history, DEFAULT_REVS_LIMIT);
    }
    for leaf in leaves {
        if !tree.is_leaf(&leaf.doc.rev) {
            return Err(FieldMergeError::NotALeaf(leaf.doc.rev.clone()));
        }
    }
    Ok(tree)
}

fn tombstone_write(
    kind: DocKind,
    doc_id: &str,
    history: &RevPath,
    by: &str,
    at: DateTime<Utc>,
) -> Result<ResolutionWrite, FieldMergeError> {
    let rev = resolution_tombstone(kind, &history.leaf())?;
    let path = history.child(rev.hash(), true)?;
    Ok(resolution_write(kind, doc_id, rev, path, by, at, None))
}

/// A resolution's document at the end of `path` (`body: None` is a tombstone).
fn resolution_write(
    kind: DocKind,
    doc_id: &str,
    rev: Rev,
    path: RevPath,
    by: &str,
    at: DateTime<Utc>,
    body: Option<LiveBody>,
) -> ResolutionWrite {
    ResolutionWrite {
        doc: SyncDoc {
            id: doc_id.to_owned(),
            rev,
            kind,
            by: by.to_owned(),
            at,
            body,
            revisions: Some(path.revisions()),
        },
        path,
    }
}

/// The merged body as a child of the winner. Its `fr` is the winner's with every
/// field the merge changed marked by the child itself: a function of the parent and
/// the body, like the revision id, so one revision never carries two different `fr`
/// on two replicas (which would make later merges disagree).
fn merged_child(
    kind: DocKind,
    doc_id: &str,
    winner: &Live<'_>,
    data: &Value,
    by: &str,
    at: DateTime<Utc>,
) -> Result<ResolutionWrite, FieldMergeError> {
    let content = RevContent {
        doc_type: kind.type_name(),
        schema: CURRENT_RECORDS_VERSION,
        data,
        deleted: false,
    };
    let rev = next_rev(Some(winner.rev), &content)?;
    let winner_data = Value::Object(winner.data.clone());
    let fr = stamp_fr(Some((winner.fr, &winner_data)), data, &rev);
    let path = winner.history.child(rev.hash(), false)?;
    let body = LiveBody {
        schema: CURRENT_RECORDS_VERSION,
        fr,
        data: data.clone(),
    };
    Ok(resolution_write(
        kind,
        doc_id,
        rev,
        path,
        by,
        at,
        Some(body),
    ))
}

struct MergedData {
    data: Value,
    fields: Vec<MergedField>,
    flow_breaks: Vec<FlowBreak>,
}

/// `live` is in descending revision order, the winner first.
fn merge_fields(kind: DocKind, live: &[Live<'_>]) -> MergedData {
    let names: BTreeSet<&String> = live.iter().flat_map(|leaf| leaf.data.keys()).collect();
    let mut data = Map::new();
    let mut fields = Vec::new();
    let mut flow_breaks = Vec::new();
    let mut derived: Vec<(&'static str, Value)> = Vec::new();
    for name in names {
        let value = match rule(kind, name) {
            Rule::DerivedState => continue,
            Rule::Latest => latest(live, name).or_else(|| by_markers(live, name, &mut fields)),
            Rule::Value => by_markers(live, name, &mut fields),
            Rule::History { state } => {
                let entries = union_history(live, name);
                flow_breaks.extend(flow_check(kind, name, &entries));
                if let Some(to) = entries.last().and_then(|entry| entry.get("to")) {
                    derived.push((state, to.clone()));
                }
                Some(Value::Array(entries))
            }
        };
        if let Some(value) = value {
            data.insert(name.clone(), value);
        }
    }
    // A state without history entries (as created) follows the per-field rule.
    if let Some(state) = rule_state(kind) {
        let value = match derived.into_iter().find(|(field, _)| *field == state) {
            Some((_, value)) => Some(value),
            None => by_markers(live, state, &mut fields),
        };
        if let Some(value) = value {
            data.insert(state.to_owned(), value);
        }
    }
    MergedData {
        data: Value::Object(data),
        fields,
        flow_breaks,
    }
}

fn rule_state(kind: DocKind) -> Option<&'static str> {
    match kind {
        DocKind::Customer => Some("stage"),
        DocKind::Complaint => Some("state"),
        DocKind::Order
        | DocKind::Cost
        | DocKind::TierChange
        | DocKind::Contact
        | DocKind::FollowUp
        | DocKind::Setting => None,
    }
}

/// A marker `N-prefix`; anything else counts as no marker.
fn parse_marker(text: &str) -> Option<(u64, &str)> {
    let (digits, prefix) = text.split_once('-')?;
    let pos: u64 = digits.parse().ok()?;
    (pos > 0 && !prefix.is_empty()).then_some((pos, prefix))
}

/// Whether the revision `marker` names is in `history`.
fn seen_by(marker: (u64, &str), history: &RevPath) -> bool {
    let (pos, prefix) = marker;
    pos.checked_sub(history.start())
        .and_then(|index| usize::try_from(index).ok())
        .and_then(|index| history.ids().get(index))
        .is_some_and(|id| id.starts_with(prefix))
}

/// The per-field rule. Leaf `i` is overwritten when some other leaf `j` has a
/// different marker and saw `i`'s (or `i` has none: it never changed the field while
/// `j` did). Among the rest, one value is taken; several are a concurrent change.
fn by_markers(live: &[Live<'_>], name: &str, fields: &mut Vec<MergedField>) -> Option<Value> {
    let markers: Vec<Option<&str>> = live
        .iter()
        .map(|leaf| leaf.fr.get(name).map(String::as_str))
        .map(|marker| marker.filter(|text| parse_marker(text).is_some()))
        .collect();
    let overwritten = |i: usize| {
        (0..live.len()).any(|j| {
            j != i
                && markers[j] != markers[i]
                && match markers[i].and_then(parse_marker) {
                    None => markers[j].is_some(),
                    Some(marker) => seen_by(marker, live[j].history),
                }
        })
    };
    let mut remaining: Vec<usize> = (0..live.len()).filter(|&i| !overwritten(i)).collect();
    if remaining.is_empty() {
        // Only possible with inconsistent markers from a peer: fall back to all.
        remaining = (0..live.len()).collect();
    }
    let value_of = |i: usize| live[i].data.get(name);
    // `remaining` is in descending revision order, so its first is the winner when
    // the winner is still in, else the best of the rest.
    let kept_index = remaining[0];
    let kept = value_of(kept_index);
    let lost: Vec<LostValue> = remaining
        .iter()
        .filter(|&&i| value_of(i) != kept)
        .map(|&i| LostValue {
            value: value_of(i).cloned().unwrap_or(Value::Null),
            by: live[i].by.to_owned(),
            rev: live[i].rev.clone(),
        })
        .collect();
    if !lost.is_empty() {
        fields.push(MergedField {
            field: name.to_owned(),
            kept: kept.cloned().unwrap_or(Value::Null),
            lost,
        });
    }
    kept.cloned()
}

#[cfg(test)]
#[path = "field_merge_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "field_merge_props.rs"]
mod props;
