//! A document's revision tree, as CouchDB keeps it: every revision any replica made,
//! linked to its parent, so concurrent edits show up as sibling leaves and every
//! replica picks the same winner without talking to the others.
//!
//! A port of PouchDB's `pouchdb-merge` (`merge.js`, `winningRev.js`,
//! `collectLeaves.js`, `rootToLeaf.js`, `revExists.js`); the merge itself is in
//! `rev_tree/merge.rs`, the stored form in `rev_tree/storage.rs`. The tree is a
//! forest: stemming (keeping at most `revs_limit` revisions per root-to-leaf path)
//! cuts old revisions off, and a path whose start was cut on another replica
//! arrives as its own root.
//!
//! Differences from PouchDB, all so that the same set of paths gives the same tree
//! in any merge order (stored per document, compared across replicas):
//! - roots are ordered by generation and then hash (PouchDB keeps insertion order
//!   among roots of one generation);
//! - only leaves carry a deleted flag: a `_revisions` history knows the flag of its
//!   leaf alone, so an inner revision's flag would depend on which replica made it
//!   and which paths came in (PouchDB keeps whichever flag it saw first). The
//!   winner and the conflicts look at leaves only, and a revision that has a child
//!   stays inner for good (stemming cuts from the root end);
//! - a root-to-leaf path that is the tail of a longer path to the same leaf is
//!   dropped; PouchDB keeps it as a root of its own or not, depending on the order
//!   stemmed histories arrived in;
//! - no `status` (PouchDB's "body available" marker): bodies are stored elsewhere.
//!
//! Stored as a flat pre-order list per root, not nested arrays: a document edited a
//! thousand times would otherwise nest a thousand deep, past serde_json's recursion
//! limit and deep into the wasm stack.

use std::num::NonZeroU32;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::rev::{check_hash, Rev, RevError};
use crate::domain::shared::sort::sort_stable_by;

mod merge;
mod storage;

#[cfg(test)]
use storage::siblings_ascend;
use storage::StoredBranch;

/// CouchDB's and PouchDB's default `revs_limit`.
pub const DEFAULT_REVS_LIMIT: RevsLimit = RevsLimit(match NonZeroU32::new(1000) {
    Some(limit) => limit,
    None => panic!("1000 is not zero"),
});

/// How many revisions a root-to-leaf path keeps; never zero, as a path of no
/// revisions would lose its leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevsLimit(NonZeroU32);

impl RevsLimit {
    pub fn new(limit: u32) -> Option<RevsLimit> {
        NonZeroU32::new(limit).map(RevsLimit)
    }

    pub fn get(self) -> usize {
        usize::try_from(self.0.get()).unwrap_or(usize::MAX)
    }
}

impl Default for RevsLimit {
    fn default() -> Self {
        DEFAULT_REVS_LIMIT
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RevTreeError {
    #[error(transparent)]
    Rev(#[from] RevError),
    #[error("a revision path needs at least one revision")]
    EmptyPath,
    #[error("_revisions starts at generation {start} but lists {len} revisions")]
    StartTooSmall { start: u64, len: usize },
    #[error("stored branch {branch}: {problem}")]
    BadBranch {
        branch: usize,
        problem: &'static str,
    },
    #[error("stored branches are not ordered by generation and hash")]
    BranchOrder,
}

/// CouchDB's `_revisions`: the leaf's generation and the hashes from the leaf back
/// towards the root (newest first), as `_bulk_get?revs=true` returns them and
/// `_bulk_docs` with `new_edits:false` expects them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisions {
    pub start: u64,
    pub ids: Vec<String>,
}

/// One linear history, oldest first: what a replica sends for one leaf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevPath {
    start: u64,
    ids: Vec<String>,
    deleted: bool,
}

impl RevPath {
    /// `ids` oldest first; `start` is the generation of the oldest. `deleted` is the
    /// leaf's flag: a history carries no flag for its older revisions.
    pub fn new(start: u64, ids: Vec<String>, deleted: bool) -> Result<RevPath, RevTreeError> {
        if ids.is_empty() {
            return Err(RevTreeError::EmptyPath);
        }
        Rev::new(start, &ids[0])?;
        for id in &ids {
            check_hash(id)?;
        }
        let last = u64::try_from(ids.len() - 1)
            .ok()
            .and_then(|n| start.checked_add(n));
        if last.is_none() {
            return Err(RevError::GenerationOverflow {
                start,
                len: ids.len(),
            }
            .into());
        }
        Ok(RevPath {
            start,
            ids,
            deleted,
        })
    }

    pub fn from_revisions(revisions: &Revisions, deleted: bool) -> Result<RevPath, RevTreeError> {
        let len = revisions.ids.len();
        if len == 0 {
            return Err(RevTreeError::EmptyPath);
        }
        let start = u64::try_from(len - 1)
            .ok()
            .and_then(|older| revisions.start.checked_sub(older))
            .filter(|&start| start >= 1)
            .ok_or(RevTreeError::StartTooSmall {
                start: revisions.start,
                len,
            })?;
        let oldest_first = revisions.ids.iter().rev().cloned().collect();
        RevPath::new(start, oldest_first, deleted)
    }

    /// The first revision of a document.
    pub fn first(hash: &str, deleted: bool) -> Result<RevPath, RevTreeError> {
        RevPath::new(1, vec![hash.to_owned()], deleted)
    }

    /// This history extended by one edit.
    pub fn child(&self, hash: &str, deleted: bool) -> Result<RevPath, RevTreeError> {
        let mut ids = self.ids.clone();
        ids.push(hash.to_owned());
        RevPath::new(self.start, ids, deleted)
    }

    pub fn revisions(&self) -> Revisions {
        Revisions {
            start: self.leaf_pos(),
            ids: self.ids.iter().rev().cloned().collect(),
        }
    }

    pub fn leaf(&self) -> Rev {
        let hash = self.ids.last().map(String::as_str).unwrap_or_default();
        Rev::from_checked(self.leaf_pos(), hash)
    }

    /// Generation of the oldest revision.
    pub fn start(&self) -> u64 {
        self.start
    }

    /// Oldest first.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted
    }

    /// Cannot overflow: `new` checked it.
    fn leaf_pos(&self) -> u64 {
        self.start + (self.ids.len() as u64 - 1)
    }
}

/// A leaf of the tree: a current revision, possibly a tombstone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    pub rev: Rev,
    pub deleted: bool,
}

/// What a merge added, PouchDB's `conflicts` value: `NewLeaf` when a leaf got a
/// child (or the tree was empty), `NewBranch` when an inner revision got a second
/// child, `InternalNode` when nothing new hangs off the tree (the path was known,
/// or it arrived as a root of its own: PouchDB's label for that case too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeOutcome {
    NewLeaf,
    NewBranch,
    InternalNode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub outcome: MergeOutcome,
    /// Revisions stemming dropped from the tree, ordered.
    pub stemmed: Vec<Rev>,
}

/// `_revs_diff`'s answer for one document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RevsDiff {
    /// The asked revisions this tree lacks, in the order asked, each once.
    pub missing: Vec<Rev>,
    /// Leaves older than some missing revision: the server may send those as the
    /// missing revisions' ancestors (CouchDB's `couch_db:find_missing`).
    pub possible_ancestors: Vec<Rev>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Node {
    hash: String,
    /// Generation minus the branch's `pos`.
    depth: u32,
    /// Only ever set on a leaf.
    deleted: bool,
}

/// One root and its descendants in pre-order, siblings by ascending hash (the
/// canonical form: equal trees compare equal).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Branch {
    pos: u64,
    nodes: Vec<Node>,
}

impl Branch {
    fn from_path(path: &RevPath) -> Branch {
        let last = path.ids.len().saturating_sub(1);
        let nodes = path
            .ids
            .iter()
            .enumerate()
            .map(|(index, hash)| Node {
                hash: hash.clone(),
                depth: u32::try_from(index).unwrap_or(u32::MAX),
                deleted: path.deleted && index == last,
            })
            .collect();
        Branch {
            pos: path.start,
            nodes,
        }
    }

    fn root_hash(&self) -> &str {
        self.nodes
            .first()
            .map(|node| node.hash.as_str())
            .unwrap_or_default()
    }

    fn node_pos(&self, node: &Node) -> u64 {
        self.pos.saturating_add(u64::from(node.depth))
    }

    fn is_leaf(&self, index: usize) -> bool {
        match (self.nodes.get(index), self.nodes.get(index + 1)) {
            (Some(node), Some(next)) => next.depth <= node.depth,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    fn find(&self, rev: &Rev) -> Option<usize> {
        let depth = u32::try_from(rev.pos().checked_sub(self.pos)?).ok()?;
        self.nodes
            .iter()
            .position(|node| node.depth == depth && node.hash == rev.hash())
    }

    /// Hashes from the root down to `index`, walking back through pre-order: a
    /// node's parent is the nearest earlier node one level up.
    fn history(&self, index: usize) -> Vec<String> {
        let mut ids = Vec::new();
        let mut wanted = match self.nodes.get(index) {
            Some(node) => node.depth,
            None => return ids,
        };
        for node in self.nodes[..=index].iter().rev() {
            if node.depth == wanted {
                ids.push(node.hash.clone());
                if wanted == 0 {
                    break;
                }
                wanted -= 1;
            }
        }
        ids.reverse();
        ids
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<StoredBranch>", into = "Vec<StoredBranch>")]
pub struct RevTree {
    /// Ordered by (`pos`, root hash), each pair once.
    branches: Vec<Branch>,
}

impl RevTree {
    pub fn new() -> RevTree {
        RevTree::default()
    }

    pub fn is_empty(&self) -> bool {
        self.branches.is_empty()
    }

    /// Merges one history in and stems every path to `limit` revisions.
    pub fn merge(&mut self, path: &RevPath, limit: RevsLimit) -> Merged {
        self.merge_branch(&Branch::from_path(path), limit)
    }

    /// Merges every root of `other`. The outcome is the most telling of the roots'
    /// (a new branch before a new leaf before nothing new).
    pub fn merge_tree(&mut self, other: &RevTree, limit: RevsLimit) -> Merged {
        let mut outcome = MergeOutcome::InternalNode;
        let mut stemmed = Vec::new();
        for branch in &other.branches {
            let merged = self.merge_branch(branch, limit);
            outcome = match (outcome, merged.outcome) {
                (MergeOutcome::NewBranch, _) | (_, MergeOutcome::NewBranch) => {
                    MergeOutcome::NewBranch
                }
                (MergeOutcome::NewLeaf, _) | (_, MergeOutcome::NewLeaf) => MergeOutcome::NewLeaf,
                _ => MergeOutcome::InternalNode,
            };
            stemmed.extend(merged.stemmed);
        }
        stemmed.retain(|rev| !self.contains(rev));
        sort_stable_by(&mut stemmed, Rev::cmp);
        stemmed.dedup();
        Merged { outcome, stemmed }
    }

    fn merge_branch(&mut self, branch: &Branch, limit: RevsLimit) -> Merged {
        let (branches, outcome, stemmed) = merge::merge(&self.branches, branch, limit.get());
        self.branches = branches;
        Merged { outcome, stemmed }
    }

    fn nodes(&self) -> impl Iterator<Item = (&Branch, usize, &Node)> {
        self.branches.iter().flat_map(|branch| {
            branch
                .nodes
                .iter()
                .enumerate()
                .map(move |(index, node)| (branch, index, node))
        })
    }

    /// Every leaf once, newest generation first, then by descending hash.
    pub fn leaves(&self) -> Vec<Leaf> {
        let mut leaves: Vec<Leaf> = self
            .nodes()
            .filter(|(branch, index, _)| branch.is_leaf(*index))
            .map(|(branch, _, node)| Leaf {
                rev: Rev::from_checked(branch.node_pos(node), &node.hash),
                deleted: node.deleted,
            })
            .collect();
        // Stemming can leave one revision as a leaf of two roots.
        sort_stable_by(&mut leaves, |a, b| {
            b.rev.cmp(&a.rev).then(b.deleted.cmp(&a.deleted))
        });
        leaves.dedup_by(|later, earlier| later.rev == earlier.rev);
        leaves
    }

    /// CouchDB's winner, the same on every replica holding the same tree: live
    /// leaves before tombstones, then the highest generation, then the greater hash
    /// as text (`winningRev.js`).
    pub fn winner(&self) -> Option<Leaf> {
        let mut winner: Option<Leaf> = None;
        for (branch, index, node) in self.nodes() {
            if !branch.is_leaf(index) {
                continue;
            }
            let pos = branch.node_pos(node);
            let beats = match &winner {
                None => true,
                Some(best) if best.deleted != node.deleted => best.deleted,
                Some(best) if best.rev.pos() != pos => best.rev.pos() < pos,
                Some(best) => best.rev.hash() < node.hash.as_str(),
            };
            if beats {
                winner = Some(Leaf {
                    rev: Rev::from_checked(pos, &node.hash),
                    deleted: node.deleted,
                });
            }
        }
        winner
    }

    pub fn winning_rev(&self) -> Option<Rev> {
        self.winner().map(|leaf| leaf.rev)
    }

    /// Live leaves other than the winner: the document's open conflicts
    /// (`collectConflicts.js`).
    pub fn conflicts(&self) -> Vec<Rev> {
        let winner = self.winning_rev();
        self.leaves()
            .into_iter()
            .filter(|leaf| !leaf.deleted && Some(&leaf.rev) != winner.as_ref())
            .map(|leaf| leaf.rev)
            .collect()
    }

    pub fn contains(&self, rev: &Rev) -> bool {
        self.branches
            .iter()
            .any(|branch| branch.find(rev).is_some())
    }

    pub fn is_leaf(&self, rev: &Rev) -> bool {
        self.leaf(rev).is_some()
    }

    /// The leaf `rev` with its deleted flag; `None` when `rev` is not a leaf.
    pub fn leaf(&self, rev: &Rev) -> Option<Leaf> {
        self.branches.iter().find_map(|branch| {
            let index = branch.find(rev).filter(|&index| branch.is_leaf(index))?;
            Some(Leaf {
                rev: rev.clone(),
                deleted: branch.nodes[index].deleted,
            })
        })
    }

    /// The known history of `rev`, oldest first; where stemming left the revision
    /// under two roots, the longer history.
    pub fn path_to(&self, rev: &Rev) -> Option<RevPath> {
        let mut best: Option<(u64, Vec<String>, bool)> = None;
        for branch in &self.branches {
            if let Some(index) = branch.find(rev) {
                let ids = branch.history(index);
                let deleted = branch.nodes[index].deleted;
                if best
                    .as_ref()
                    .is_none_or(|(_, known, _)| ids.len() > known.len())
                {
                    best = Some((branch.pos, ids, deleted));
                }
            }
        }
        let (start, ids, deleted) = best?;
        Some(RevPath {
            start,
            ids,
            deleted,
        })
    }

    /// `_revisions` of a revision, for `_bulk_docs` with `new_edits:false`.
    pub fn revisions(&self, rev: &Rev) -> Option<Revisions> {
        self.path_to(rev).map(|path| path.revisions())
    }

    /// Which of `revs` this tree lacks, as CouchDB's `_revs_diff` answers.
    pub fn revs_diff(&self, revs: &[Rev]) -> RevsDiff {
        let mut missing: Vec<Rev> = Vec::new();
        for rev in revs {
            if !self.contains(rev) && !missing.contains(rev) {
                missing.push(rev.clone());
            }
        }
        let newest_missing = missing.iter().map(Rev::pos).max();
        let possible_ancestors = match newest_missing {
            None => Vec::new(),
            Some(newest) => self
                .leaves()
                .into_iter()
                .filter(|leaf| leaf.rev.pos() < newest)
                .map(|leaf| leaf.rev)
                .collect(),
        };
        RevsDiff {
            missing,
            possible_ancestors,
        }
    }

    /// Every root-to-leaf path (oldest first), roots in order.
    pub fn paths(&self) -> Vec<RevPath> {
        let mut paths = Vec::new();
        for branch in &self.branches {
            for index in 0..branch.nodes.len() {
                if branch.is_leaf(index) {
                    paths.push(RevPath {
                        start: branch.pos,
                        ids: branch.history(index),
                        deleted: branch.nodes[index].deleted,
                    });
                }
            }
        }
        paths
    }
}

#[cfg(test)]
#[path = "rev_tree_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "rev_tree_props.rs"]
mod props;
