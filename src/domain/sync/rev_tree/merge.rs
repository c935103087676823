//! `pouchdb-merge/src/merge.js` ported: `doMerge`, `mergeTree` and `stem`.
//!
//! PouchDB merges nested arrays in place and shares subtrees between them by
//! reference; what one branch absorbs can show up in another that holds the same
//! subtree object. The port keeps that behaviour exactly by working on a heap of
//! nodes addressed by index (an index shared is a reference shared), then rebuilds
//! the canonical pre-order form from the root-to-leaf paths, as `stem` does.

use std::collections::BTreeMap;

use super::{Branch, MergeOutcome, Node};
use crate::domain::shared::sort::sort_stable_by;
use crate::domain::sync::rev::Rev;

struct HeapNode {
    hash: String,
    deleted: bool,
    /// Ascending by hash, as `insertSorted` keeps them.
    children: Vec<usize>,
}

#[derive(Clone, Copy)]
struct Root {
    pos: u64,
    node: usize,
}

#[derive(Default)]
struct Heap {
    nodes: Vec<HeapNode>,
}

impl Heap {
    fn load(&mut self, branch: &Branch) -> Root {
        // `open[d]` is the latest node at depth `d`: the parent of the next node one
        // level deeper, in pre-order.
        let mut open: Vec<usize> = Vec::new();
        let first = self.nodes.len();
        for node in &branch.nodes {
            let index = self.nodes.len();
            self.nodes.push(HeapNode {
                hash: node.hash.clone(),
                deleted: node.deleted,
                children: Vec::new(),
            });
            let depth = node.depth as usize;
            open.truncate(depth);
            if let Some(&parent) = open.last() {
                self.nodes[parent].children.push(index);
            }
            open.push(index);
        }
        Root {
            pos: branch.pos,
            node: first,
        }
    }

    fn hash(&self, node: usize) -> &str {
        &self.nodes[node].hash
    }

    /// `mergeTree`: grafts the subtree at `theirs` onto `ours`, which hold the same
    /// revision. Returns the last event, as PouchDB does.
    fn merge_tree(&mut self, ours: usize, theirs: usize) -> Option<MergeOutcome> {
        let mut queue = vec![(ours, theirs)];
        let mut outcome = None;
        while let Some((ours, theirs)) = queue.pop() {
            if self.nodes[theirs].deleted {
                self.nodes[ours].deleted = true;
            }
            for position in 0..self.nodes[theirs].children.len() {
                let their_child = self.nodes[theirs].children[position];
                if self.nodes[ours].children.is_empty() {
                    outcome = Some(MergeOutcome::NewLeaf);
                    self.nodes[ours].children.push(their_child);
                    continue;
                }
                let mut merged = false;
                for &our_child in &self.nodes[ours].children {
                    if self.hash(our_child) == self.hash(their_child) {
                        queue.push((our_child, their_child));
                        merged = true;
                    }
                }
                if !merged {
                    outcome = Some(MergeOutcome::NewBranch);
                    let hash = self.hash(their_child);
                    let at = self.nodes[ours]
                        .children
                        .partition_point(|&child| self.nodes[child].hash.as_str() < hash);
                    self.nodes[ours].children.insert(at, their_child);
                }
            }
        }
        outcome
    }

    /// The node `diff` levels below `top` holding `hash`: PouchDB's
    /// `candidateParents[0]`, the first found by a stack walk that visits the last
    /// child first.
    fn find_at_depth(&self, top: usize, diff: u64, hash: &str) -> Option<usize> {
        let mut stack = vec![(top, diff)];
        while let Some((node, diff)) = stack.pop() {
            if diff == 0 {
                if self.hash(node) == hash {
                    return Some(node);
                }
                continue;
            }
            for &child in &self.nodes[node].children {
                stack.push((child, diff - 1));
            }
        }
        None
    }

    /// `doMerge` without `dontExpand` (stemming regroups on its own, below).
    fn do_merge(&mut self, tree: &[Root], path: Root) -> (Vec<Root>, MergeOutcome) {
        if tree.is_empty() {
            return (vec![path], MergeOutcome::NewLeaf);
        }
        let mut result = Vec::with_capacity(tree.len() + 1);
        let mut outcome = None;
        let mut merged = false;
        for &branch in tree {
            if branch.pos == path.pos && self.hash(branch.node) == self.hash(path.node) {
                outcome = outcome.or(self.merge_tree(branch.node, path.node));
                result.push(branch);
                merged = true;
                continue;
            }
            // The later-starting one may hang inside the earlier one, `diff` below
            // its root; only its root is looked for, as in PouchDB.
            let (earlier, later) = if branch.pos < path.pos {
                (branch, path)
            } else {
                (path, branch)
            };
            let diff = later.pos - earlier.pos;
            let later_hash = self.hash(later.node).to_owned();
            match self.find_at_depth(earlier.node, diff, &later_hash) {
                None => result.push(branch),
                Some(graft) => {
                    outcome = outcome.or(self.merge_tree(graft, later.node));
                    result.push(earlier);
                    merged = true;
                }
            }
        }
        if !merged {
            result.push(path);
        }
        (result, outcome.unwrap_or(MergeOutcome::InternalNode))
    }

    /// `rootToLeaf`: every root-to-leaf path as (generation of its first node,
    /// nodes). Iterative: histories run a thousand deep.
    fn paths(&self, roots: &[Root]) -> Vec<(u64, Vec<usize>)> {
        let mut paths = Vec::new();
        for root in roots {
            let mut current: Vec<usize> = Vec::new();
            let mut stack = vec![(root.node, 0usize)];
            while let Some((node, depth)) = stack.pop() {
                current.truncate(depth);
                current.push(node);
                let children = &self.nodes[node].children;
                if children.is_empty() {
                    paths.push((root.pos, current.clone()));
                }
                stack.extend(children.iter().rev().map(|&child| (child, depth + 1)));
            }
        }
        paths
    }
}

/// PouchDB's `merge`: `doMerge`, then `stem` to `limit` revisions per path.
pub(super) fn merge(
    tree: &[Branch],
    path: &Branch,
    limit: usize,
) -> (Vec<Branch>, MergeOutcome, Vec<Rev>) {
    let mut heap = Heap::default();
    let roots: Vec<Root> = tree.iter().map(|branch| heap.load(branch)).collect();
    let path = heap.load(path);
    let (merged, outcome) = heap.do_merge(&roots, path);
    let (branches, stemmed) = stem(&heap, &merged, limit);
    (branches, outcome, stemmed)
}

/// A trie being rebuilt from paths that share a root.
struct Trie {
    nodes: Vec<(String, bool, Vec<usize>)>,
}

impl Trie {
    fn insert(&mut self, path: &[(&str, bool)]) {
        let mut at = 0;
        if let Some(&(_, deleted)) = path.first() {
            self.nodes[0].1 |= deleted;
        }
        for &(hash, deleted) in path.iter().skip(1) {
            let children = &self.nodes[at].2;
            let slot = children.partition_point(|&child| self.nodes[child].0.as_str() < hash);
            let existing = children
                .get(slot)
                .copied()
                .filter(|&child| self.nodes[child].0 == hash);
            at = match existing {
                Some(child) => {
                    self.nodes[child].1 |= deleted;
                    child
                }
                None => {
                    let child = self.nodes.len();
                    self.nodes.push((hash.to_owned(), deleted, Vec::new()));
                    self.nodes[at].2.insert(slot, child);
                    child
                }
            };
        }
    }

    fn into_branch(self, pos: u64) -> Branch {
        let mut nodes = Vec::with_capacity(self.nodes.len());
        let mut stack = vec![(0usize, 0u32)];
        while let Some((index, depth)) = stack.pop() {
            let (hash, deleted, children) = &self.nodes[index];
            nodes.push(Node {
                hash: hash.clone(),
                depth,
                deleted: *deleted && children.is_empty(),
            });
            stack.extend(children.iter().rev().map(|&child| (child, depth + 1)));
        }
        Branch { pos, nodes }
    }
}

/// `stem`: cuts every root-to-leaf path to its last `limit` revisions and merges
/// the pieces back only where they start at the same revision (`dontExpand`), so
/// stemmed paths never reconnect beyond the limit. Keeps every leaf: a cut drops
/// only a path's oldest revisions.
fn stem(heap: &Heap, roots: &[Root], limit: usize) -> (Vec<Branch>, Vec<Rev>) {
    let limit = limit.max(1);
    let mut stemmed: Vec<Rev> = Vec::new();
    let mut kept_paths: Vec<(u64, Vec<(&str, bool)>)> = Vec::new();
    for (pos, nodes) in heap.paths(roots) {
        let cut = nodes.len().saturating_sub(limit);
        for (offset, &node) in nodes[..cut].iter().enumerate() {
            let generation = pos.saturating_add(offset as u64);
            stemmed.push(Rev::from_checked(generation, heap.hash(node)));
        }
        let kept: Vec<(&str, bool)> = nodes[cut..]
            .iter()
            .map(|&node| (heap.hash(node), heap.nodes[node].deleted))
            .collect();
        kept_paths.push((pos.saturating_add(cut as u64), kept));
    }
    drop_tails(&mut kept_paths);
    let mut groups: BTreeMap<(u64, String), Trie> = BTreeMap::new();
    for (start, kept) in &kept_paths {
        let Some(&(root, root_deleted)) = kept.first() else {
            continue;
        };
        let start = *start;
        groups
            .entry((start, root.to_owned()))
            .or_insert_with(|| Trie {
                nodes: vec![(root.to_owned(), root_deleted, Vec::new())],
            })
            .insert(kept);
    }
    let branches: Vec<Branch> = groups
        .into_iter()
        .map(|((pos, _), trie)| trie.into_branch(pos))
        .collect();
    // A revision cut from one path may live on in another.
    stemmed.retain(|rev| !branches.iter().any(|branch| branch.find(rev).is_some()));
    sort_stable_by(&mut stemmed, Rev::cmp);
    stemmed.dedup();
    (branches, stemmed)
}

/// Drops every path that is the tail of a longer path to the same leaf: it holds
/// nothing the longer one lacks. Not in PouchDB, where such a tail can stay a root
/// of its own or not depending on the order paths arrived in (a stemmed history
/// merged before or after the one that reconnects it); dropping it makes the tree
/// depend only on the paths merged.
fn drop_tails(paths: &mut Vec<(u64, Vec<(&str, bool)>)>) {
    let leaf = |(start, nodes): &(u64, Vec<(&str, bool)>)| {
        let last = nodes.last().map(|node| node.0).unwrap_or_default();
        (
            start.saturating_add(nodes.len().saturating_sub(1) as u64),
            last.to_owned(),
        )
    };
    let mut by_leaf: BTreeMap<(u64, String), Vec<usize>> = BTreeMap::new();
    for (index, path) in paths.iter().enumerate() {
        by_leaf.entry(leaf(path)).or_default().push(index);
    }
    let mut redundant = vec![false; paths.len()];
    for indices in by_leaf.values().filter(|indices| indices.len() > 1) {
        for &short in indices {
            let tail: Vec<&str> = paths[short].1.iter().map(|node| node.0).collect();
            redundant[short] = indices.iter().any(|&long| {
                let nodes = &paths[long].1;
                nodes.len() > tail.len()
                    && nodes[nodes.len() - tail.len()..]
                        .iter()
                        .map(|node| node.0)
                        .eq(tail.iter().copied())
            });
        }
    }
    let mut index = 0;
    paths.retain(|_| {
        index += 1;
        !redundant[index - 1]
    });
}
