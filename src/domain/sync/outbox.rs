//! The outbox: which replicated documents this browser changed since the
//! replicator last pushed them.
//!
//! The design (`team-sync.md` §2) computes a revision in every write's
//! transaction. We mark instead: every write path that changes a replicated
//! record puts the document's id in the outbox, with the transaction's sequence
//! number, in the same transaction, and only while sync is on; the replicator
//! turns each marked document into one revision when it pushes (parent rev and
//! body hashed as [`super::rev_id`] does, so the ids stay deterministic). Why:
//!
//! - with sync off, a write costs one read of the marking flag per transaction,
//!   not a hash and a revision-tree update per record (a 1,000,000-order import
//!   stays as fast as without sync);
//! - edits between two pushes become one revision, not one per save;
//! - a document's revision is made from the record as stored when it is pushed,
//!   so a write that was marked can never disagree with the revision sent.
//!
//! A push acknowledges an entry only if its sequence number is still the one
//! pushed: a write during the push marks it again, and it goes in the next one.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::docs::{DocError, Replicated, REPLICATED_SETTINGS};
use crate::domain::exchange::backup::BackupData;

/// One marked document: its id (`customer:<id>`…) and the sequence number of
/// the last transaction that marked it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OutboxEntry {
    pub doc_id: String,
    pub seq: u32,
}

/// Every replicated record in `data` as its document id and replicated `data`
/// (local-only fields left out; settings kept per device left out).
pub fn replicated_docs(data: &BackupData) -> Result<BTreeMap<String, Value>, DocError> {
    let mut docs = BTreeMap::new();
    add_all(&mut docs, &data.customers)?;
    add_all(&mut docs, &data.orders)?;
    add_all(&mut docs, &data.costs)?;
    add_all(&mut docs, &data.tier_changes)?;
    add_all(&mut docs, &data.complaints)?;
    add_all(&mut docs, &data.contacts)?;
    add_all(&mut docs, &data.follow_ups)?;
    let team_settings: Vec<_> = data
        .settings
        .iter()
        .filter(|s| REPLICATED_SETTINGS.contains(&s.key.as_str()))
        .cloned()
        .collect();
    add_all(&mut docs, &team_settings)?;
    Ok(docs)
}

fn add_all<R: Replicated>(
    docs: &mut BTreeMap<String, Value>,
    records: &[R],
) -> Result<(), DocError> {
    for record in records {
        docs.insert(record.doc_id(), record.to_data()?);
    }
    Ok(())
}

/// The documents that differ between two sets: added, removed, or with other data.
/// What a write must have marked.
pub fn changed_docs(
    before: &BTreeMap<String, Value>,
    after: &BTreeMap<String, Value>,
) -> BTreeSet<String> {
    let removed_or_changed = before
        .iter()
        .filter(|(id, data)| after.get(*id) != Some(*data))
        .map(|(id, _)| id.clone());
    let added = after.keys().filter(|id| !before.contains_key(*id)).cloned();
    removed_or_changed.chain(added).collect()
}

/// Whether a setting with this key replicates (a team setting), so its writes
/// are marked.
pub fn is_team_setting(key: &str) -> bool {
    REPLICATED_SETTINGS.contains(&key)
}

#[cfg(test)]
#[path = "outbox_tests.rs"]
mod tests;
