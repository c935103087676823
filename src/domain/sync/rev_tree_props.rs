//! Properties of the merge over random histories: order does not matter, stemming
//! keeps leaves, the winner follows CouchDB's rule, `_revisions` round-trips and
//! replicas exchanging histories in any order converge.

use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use proptest::prelude::*;

use super::*;

/// A document's whole history as the reference: who is whose parent, independent of
/// the tree code under test.
#[derive(Debug, Clone)]
struct History {
    nodes: Vec<HistoryNode>,
}

#[derive(Debug, Clone)]
struct HistoryNode {
    parent: Option<usize>,
    hash: String,
    pos: u64,
    deleted: bool,
}

impl History {
    fn rev(&self, index: usize) -> Rev {
        let node = &self.nodes[index];
        Rev::new(node.pos, &node.hash).expect("valid")
    }

    fn path(&self, index: usize) -> RevPath {
        let mut ids = Vec::new();
        let mut at = Some(index);
        while let Some(node) = at {
            ids.push(self.nodes[node].hash.clone());
            at = self.nodes[node].parent;
        }
        ids.reverse();
        RevPath::new(1, ids, self.nodes[index].deleted).expect("valid")
    }

    fn is_leaf(&self, index: usize) -> bool {
        !self.nodes.iter().any(|node| node.parent == Some(index))
    }

    fn leaves(&self) -> BTreeSet<(Rev, bool)> {
        (0..self.nodes.len())
            .filter(|&index| self.is_leaf(index))
            .map(|index| (self.rev(index), self.nodes[index].deleted))
            .collect()
    }

    /// Every leaf's path, then prefixes ending at the nodes `extra` picks.
    fn paths(&self, extra: &[u64]) -> Vec<RevPath> {
        let mut paths: Vec<RevPath> = (0..self.nodes.len())
            .filter(|&index| self.is_leaf(index))
            .map(|index| self.path(index))
            .collect();
        for pick in extra {
            paths.push(self.path(*pick as usize % self.nodes.len()));
        }
        paths
    }
}

/// Node `i` hangs under an earlier node, or (now and then) starts a new root: a
/// document created on two replicas before they met. Hashes carry a random prefix
/// so their text order is unrelated to creation order.
fn history() -> impl Strategy<Value = History> {
    prop::collection::vec(
        (any::<u8>(), any::<u16>(), prop::bool::weighted(0.25)),
        1..24,
    )
    .prop_map(|steps| {
        let mut nodes: Vec<HistoryNode> = Vec::new();
        for (index, (salt, choice, deleted)) in steps.into_iter().enumerate() {
            let parent = match (index, choice % 10) {
                (0, _) | (_, 0) => None,
                _ => Some(usize::from(choice) % index),
            };
            let pos = parent.map_or(1, |parent| nodes[parent].pos + 1);
            nodes.push(HistoryNode {
                parent,
                hash: format!("{salt:02x}{index}"),
                pos,
                deleted,
            });
        }
        History { nodes }
    })
}

/// `items` reordered by sorting on `keys` (cycled).
fn shuffled<T: Clone>(items: &[T], keys: &[u64]) -> Vec<T> {
    let mut keyed: Vec<(u64, usize)> = (0..items.len())
        .map(|index| {
            (
                keys.get(index % keys.len().max(1)).copied().unwrap_or(0) ^ index as u64,
                index,
            )
        })
        .collect();
    keyed.sort();
    keyed
        .into_iter()
        .map(|(_, index)| items[index].clone())
        .collect()
}

fn merged_all(paths: &[RevPath], limit: RevsLimit) -> RevTree {
    let mut tree = RevTree::new();
    for path in paths {
        tree.merge(path, limit);
    }
    tree
}

fn leaf_set(tree: &RevTree) -> BTreeSet<(Rev, bool)> {
    tree.leaves()
        .into_iter()
        .map(|leaf| (leaf.rev, leaf.deleted))
        .collect()
}

/// CouchDB's rule stated over the leaves: the greatest (generation, hash) among the
/// live ones, or among all when every leaf is deleted.
fn reference_winner(leaves: &BTreeSet<(Rev, bool)>) -> Option<(Rev, bool)> {
    let live = leaves.iter().filter(|(_, deleted)| !deleted).max();
    live.or_else(|| leaves.iter().max()).cloned()
}

fn keys() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(any::<u64>(), 1..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn merge_is_commutative_and_idempotent(
        history in history(),
        extra in prop::collection::vec(any::<u64>(), 0..8),
        first_order in keys(),
        second_order in keys(),
    ) {
        let paths = history.paths(&extra);
        let first = merged_all(&shuffled(&paths, &first_order), RevsLimit::default());
        let second = merged_all(&shuffled(&paths, &second_order), RevsLimit::default());
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(first.winner(), second.winner());
        prop_assert_eq!(leaf_set(&first), history.leaves());
        for index in 0..history.nodes.len() {
            prop_assert!(first.contains(&history.rev(index)));
        }
        let mut again = first.clone();
        for path in shuffled(&paths, &second_order) {
            let merged = again.merge(&path, RevsLimit::default());
            prop_assert_eq!(merged.outcome, MergeOutcome::InternalNode);
        }
        prop_assert_eq!(&again, &first);
        let copy = first.clone();
        again.merge_tree(&copy, RevsLimit::default());
        prop_assert_eq!(again, first);
    }

    #[test]
    fn stemming_keeps_every_leaf(
        history in history(),
        revs_limit in 1u32..6,
        order in keys(),
    ) {
        let limit = RevsLimit::new(revs_limit).expect("not zero");
        let full = merged_all(&history.paths(&[]), RevsLimit::default());
        // Stemming one complete tree keeps exactly its leaves.
        let mut stemmed = RevTree::new();
        let merged = stemmed.merge_tree(&full, limit);
        prop_assert_eq!(leaf_set(&stemmed), history.leaves());
        for rev in &merged.stemmed {
            prop_assert!(!stemmed.contains(rev));
        }
        // Stemming while merging may add leaves (an old path arriving after its
        // continuation was cut is a root of its own) but never loses one.
        let mut incremental = RevTree::new();
        for path in shuffled(&history.paths(&[]), &order) {
            let merged = incremental.merge(&path, limit);
            for rev in &merged.stemmed {
                prop_assert!(!incremental.contains(rev));
            }
        }
        prop_assert!(leaf_set(&incremental).is_superset(&history.leaves()));
        for tree in [&stemmed, &incremental] {
            for path in tree.paths() {
                prop_assert!(path.ids().len() <= revs_limit as usize);
            }
        }
    }

    #[test]
    fn merge_is_commutative_for_histories_stemmed_at_the_start(
        history in history(),
        cuts in prop::collection::vec(0usize..4, 1..30),
        first_order in keys(),
        second_order in keys(),
    ) {
        // What a server with a smaller revs_limit sends: histories missing their
        // oldest revisions, which merge as roots of their own until reconnected.
        let paths: Vec<RevPath> = history
            .paths(&[])
            .into_iter()
            .enumerate()
            .map(|(index, path)| {
                let cut = cuts[index % cuts.len()].min(path.ids().len() - 1);
                let ids = path.ids()[cut..].to_vec();
                RevPath::new(path.start() + cut as u64, ids, path.is_deleted()).expect("valid")
            })
            .collect();
        let first = merged_all(&shuffled(&paths, &first_order), RevsLimit::default());
        let second = merged_all(&shuffled(&paths, &second_order), RevsLimit::default());
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(leaf_set(&first), history.leaves());
    }

    #[test]
    fn the_winner_is_couchdbs_rule_over_the_leaves(history in history()) {
        let tree = merged_all(&history.paths(&[]), RevsLimit::default());
        let winner = tree.winner().map(|leaf| (leaf.rev, leaf.deleted));
        prop_assert_eq!(winner.clone(), reference_winner(&history.leaves()));
        let winning_rev = winner.map(|(rev, _)| rev);
        let expected_conflicts: BTreeSet<Rev> = history
            .leaves()
            .into_iter()
            .filter(|(rev, deleted)| !deleted && Some(rev) != winning_rev.as_ref())
            .map(|(rev, _)| rev)
            .collect();
        let conflicts: BTreeSet<Rev> = tree.conflicts().into_iter().collect();
        prop_assert_eq!(conflicts, expected_conflicts);
    }

    #[test]
    fn revisions_round_trip(history in history(), start in 1u64..1_000_000) {
        let tree = merged_all(&history.paths(&[]), RevsLimit::default());
        let mut rebuilt = RevTree::new();
        for leaf in tree.leaves() {
            let revisions = tree.revisions(&leaf.rev).expect("a leaf has a history");
            prop_assert_eq!(revisions.start, leaf.rev.pos());
            let text = serde_json::to_string(&revisions).expect("serializes");
            let read: Revisions = serde_json::from_str(&text).expect("reads back");
            let path = RevPath::from_revisions(&read, leaf.deleted).expect("valid");
            prop_assert_eq!(Some(path.clone()), tree.path_to(&leaf.rev));
            prop_assert_eq!(path.leaf(), leaf.rev.clone());
            rebuilt.merge(&path, RevsLimit::default());
        }
        prop_assert_eq!(&rebuilt, &tree);
        let text = serde_json::to_string(&tree).expect("serializes");
        prop_assert_eq!(serde_json::from_str::<RevTree>(&text).expect("reads back"), tree);
        // Any path, wherever it starts.
        let path = history.path(history.nodes.len() - 1);
        let moved = RevPath::new(start, path.ids().to_vec(), path.is_deleted()).expect("valid");
        prop_assert_eq!(RevPath::from_revisions(&moved.revisions(), moved.is_deleted()), Ok(moved));
    }

    #[test]
    fn replicas_exchanging_histories_in_any_order_converge(
        replicas in 2usize..5,
        steps in prop::collection::vec((0u8..3, any::<u8>(), any::<u8>(), 0u8..6, prop::bool::weighted(0.15)), 1..50),
    ) {
        let mut trees = vec![RevTree::new(); replicas];
        for (kind, a, b, salt, deleted) in steps {
            let (a, b) = (usize::from(a) % replicas, usize::from(b) % replicas);
            if kind == 0 {
                sync(&mut trees, a, b, salt);
            } else {
                edit(&mut trees[a], salt, deleted);
            }
        }
        // Everyone tells everyone: the last replica hears from all before it speaks.
        for from in 0..replicas {
            for to in 0..replicas {
                if from != to {
                    sync(&mut trees, from, to, 0);
                }
            }
        }
        let union: Vec<RevPath> = trees.iter().flat_map(RevTree::paths).collect();
        let reference = merged_all(&union, RevsLimit::default());
        for tree in &trees {
            prop_assert_eq!(tree, &reference);
            prop_assert_eq!(tree.winner(), reference.winner());
        }
    }
}

/// An edit on top of the replica's winner. The new hash depends only on the parent
/// and the edit, so two replicas making the same edit make the same revision (as
/// deterministic revision ids do) and small `salt`s make that happen often.
fn edit(tree: &mut RevTree, salt: u8, deleted: bool) {
    let parent = tree.winning_rev();
    let mut hasher = DefaultHasher::new();
    (parent.as_ref().map(Rev::to_string), salt, deleted).hash(&mut hasher);
    let hash = format!("{:016x}", hasher.finish());
    let path = match parent.and_then(|rev| tree.path_to(&rev)) {
        Some(parent) => parent.child(&hash, deleted),
        None => RevPath::first(&hash, deleted),
    };
    tree.merge(&path.expect("valid"), RevsLimit::default());
}

/// `from` sends every root-to-leaf history it has, in an order `salt` picks.
fn sync(trees: &mut [RevTree], from: usize, to: usize, salt: u8) {
    let mut paths = trees[from].paths();
    let len = paths.len().max(1);
    paths.rotate_left(usize::from(salt) % len);
    if salt % 2 == 1 {
        paths.reverse();
    }
    for path in paths {
        trees[to].merge(&path, RevsLimit::default());
    }
}
