//! Examples with the results PouchDB's own tests state (`tests/unit/test.merge.js`,
//! which ports CouchDB's `060-kt-merging.t`), then this module's own.

use super::*;

/// A root written as nested lists: `1 (2_0 (3 3_1) 2_1)` is revision 1 with children
/// 2_0 and 2_1, and 2_0 with children 3 and 3_1. A trailing `*` marks a deleted
/// revision. Children must be listed in ascending order (the canonical form).
fn branch(pos: u64, shape: &str) -> Branch {
    let spaced = shape.replace('(', " ( ").replace(')', " ) ");
    let mut nodes = Vec::new();
    let mut depth = 0u32;
    for token in spaced.split_whitespace() {
        match token {
            "(" => depth += 1,
            ")" => depth -= 1,
            name => {
                let (hash, deleted) = match name.strip_suffix('*') {
                    Some(hash) => (hash, true),
                    None => (name, false),
                };
                nodes.push(Node {
                    hash: hash.to_owned(),
                    depth,
                    deleted,
                });
            }
        }
    }
    assert!(siblings_ascend(&nodes), "{shape}: children out of order");
    Branch { pos, nodes }
}

fn tree(branches: &[(u64, &str)]) -> RevTree {
    let branches: Vec<Branch> = branches
        .iter()
        .map(|&(pos, shape)| branch(pos, shape))
        .collect();
    for pair in branches.windows(2) {
        assert!((pair[0].pos, pair[0].root_hash()) < (pair[1].pos, pair[1].root_hash()));
    }
    RevTree { branches }
}

fn limit(revs: u32) -> RevsLimit {
    RevsLimit::new(revs).expect("not zero")
}

/// PouchDB's `merge(tree, path, depth)`.
fn merged(
    start: &[(u64, &str)],
    path: (u64, &str),
    depth: u32,
) -> (RevTree, MergeOutcome, Vec<String>) {
    let mut result = tree(start);
    let merged = result.merge_branch(&branch(path.0, path.1), limit(depth));
    let stemmed = merged.stemmed.iter().map(Rev::to_string).collect();
    (result, merged.outcome, stemmed)
}

fn rev(text: &str) -> Rev {
    text.parse().expect("valid revision")
}

use MergeOutcome::{InternalNode, NewBranch, NewLeaf};

const SIMPLE: (u64, &str) = (1, "1");
const TWO0: (u64, &str) = (1, "1 (2_0)");
const TWO1: (u64, &str) = (1, "1 (2_1)");
const NEWLEAF: (u64, &str) = (2, "2_0 (3)");
const WITHNEWLEAF: (u64, &str) = (1, "1 (2_0 (3))");
const NEWBRANCH: (u64, &str) = (1, "1 (2_0 2_1)");
const NEWDEEPBRANCH: (u64, &str) = (2, "2_0 (3_1)");
const STEMMEDEDIT: (u64, &str) = (3, "3");
const NEWBRANCHLEAF: (u64, &str) = (1, "1 (2_0 (3) 2_1)");
const NEWBRANCHLEAFBRANCH: (u64, &str) = (1, "1 (2_0 (3 3_1) 2_1)");
const STEMMED2: [(u64, &str); 2] = [(1, "1 (2_1)"), (2, "2_0 (3 3_1)")];
const STEMMED3: [(u64, &str); 3] = [(2, "2_1"), (3, "3"), (3, "3_1")];
const PARTIALRECOVER: [(u64, &str); 3] = [(1, "1 (2_0 (3))"), (2, "2_1"), (3, "3_1")];

#[test]
fn merging_a_path_into_an_empty_tree_is_the_path() {
    assert_eq!(merged(&[], SIMPLE, 10), (tree(&[SIMPLE]), NewLeaf, vec![]));
}

#[test]
fn remerge_path_into_path_is_reflexive() {
    assert_eq!(
        merged(&[SIMPLE], SIMPLE, 10),
        (tree(&[SIMPLE]), InternalNode, vec![])
    );
}

#[test]
fn merging_a_path_with_multiple_entries_is_the_path() {
    assert_eq!(merged(&[], TWO0, 10), (tree(&[TWO0]), NewLeaf, vec![]));
}

#[test]
fn merging_a_path_with_multiple_entries_is_reflexive() {
    assert_eq!(
        merged(&[TWO0], TWO0, 10),
        (tree(&[TWO0]), InternalNode, vec![])
    );
}

#[test]
fn merging_a_subpath_into_a_path_results_in_the_path() {
    assert_eq!(
        merged(&[TWO0], SIMPLE, 10),
        (tree(&[TWO0]), InternalNode, vec![])
    );
}

#[test]
fn merging_a_new_leaf_gives_us_a_new_leaf() {
    assert_eq!(
        merged(&[TWO0], NEWLEAF, 10),
        (tree(&[WITHNEWLEAF]), NewLeaf, vec![])
    );
}

#[test]
fn merging_a_new_branch_returns_a_proper_tree() {
    assert_eq!(
        merged(&[TWO0], TWO1, 10),
        (tree(&[NEWBRANCH]), NewBranch, vec![])
    );
}

#[test]
fn order_of_merging_does_not_affect_the_resulting_tree() {
    assert_eq!(
        merged(&[TWO1], TWO0, 10),
        (tree(&[NEWBRANCH]), NewBranch, vec![])
    );
}

#[test]
fn merging_a_new_leaf_does_not_return_new_branch_when_branches_exist() {
    let expected = (tree(&[NEWBRANCHLEAF]), NewLeaf, vec![]);
    assert_eq!(merged(&[NEWBRANCH], NEWLEAF, 10), expected);
}

#[test]
fn merging_a_deep_branch_with_branches_works() {
    let expected = (tree(&[NEWBRANCHLEAFBRANCH]), NewBranch, vec![]);
    assert_eq!(merged(&[NEWBRANCHLEAF], NEWDEEPBRANCH, 10), expected);
}

#[test]
fn new_information_reconnects_stemming_induced_conflicts() {
    let expected = (tree(&[WITHNEWLEAF]), NewLeaf, vec![]);
    assert_eq!(merged(&[SIMPLE, STEMMEDEDIT], WITHNEWLEAF, 10), expected);
}

#[test]
fn simple_stemming_works() {
    let expected = (tree(&[NEWLEAF]), NewLeaf, vec!["1-1".to_owned()]);
    assert_eq!(merged(&[TWO0], NEWLEAF, 2), expected);
}

#[test]
fn merge_with_stemming_works_correctly_for_branches() {
    let expected = (tree(&STEMMED2), InternalNode, vec![]);
    assert_eq!(merged(&[NEWBRANCHLEAFBRANCH], SIMPLE, 2), expected);
}

#[test]
fn merge_with_stemming_to_leaves_works_fine() {
    let stemmed = vec!["1-1".to_owned(), "2-2_0".to_owned()];
    let expected = (tree(&STEMMED3), InternalNode, stemmed);
    assert_eq!(merged(&[NEWBRANCHLEAFBRANCH], SIMPLE, 1), expected);
}

#[test]
fn merging_unstemmed_recovers_as_much_as_possible_without_losing_info() {
    let expected = (tree(&PARTIALRECOVER), InternalNode, vec![]);
    assert_eq!(merged(&STEMMED3, WITHNEWLEAF, 10), expected);
}

#[test]
fn winning_rev_returns_the_longest_leaf() {
    let longest = tree(&[(
        1,
        "bfe70372c90ded1087239e5191984f76 (44d71a718b90e4696c06a90e08912c8f \
         56e657612d55ab1a402dcb281c874f2a (93c3db16462f656f7172ccabd3cf6cd6))",
    )]);
    assert_eq!(
        longest.winning_rev(),
        Some(rev("3-93c3db16462f656f7172ccabd3cf6cd6"))
    );
}

#[test]
fn winning_rev_returns_the_longest_leaf_again() {
    // PouchDB issue #293.
    let longest = tree(&[
        (
            1,
            "203db1a1810a838895d561f67b224b5d (bf5e08a4f9fa6d33a53f4a00ae3ea399 \
             (28cd77a3ca30f79e1cfffcd6a41ca308))",
        ),
        (
            1,
            "c6d5cce35bcfbef90b20f140d723cbdb (1b8dfbb1267e213328920bae43f2f597 \
             59ed830b84b276ab776c3c51aaf93a16 (64a9842c6aea50bf24660378e496e853))",
        ),
    ]);
    assert_eq!(
        longest.winning_rev(),
        Some(rev("3-64a9842c6aea50bf24660378e496e853"))
    );
}

// CouchDB's kt-merging tests, as PouchDB ports them.

const ONE: (u64, &str) = (1, "1");
const TWO: (u64, &str) = (1, "2");
const THREE: (u64, &str) = (1, "3");
const TWO_CHILD: (u64, &str) = (1, "1 (1a (1aa))");
const TWO_CHILD_SIBS: (u64, &str) = (1, "1 (1a 1b)");
const TWO_CHILD_PLUS_SIBS: (u64, &str) = (1, "1 (1a (1aa) 1b)");
const STEMMED_1B: (u64, &str) = (2, "1a");
const TWO_CHILD_PLUS_SIBS2: (u64, &str) = (1, "1 (1a 1b (1bb))");
const STEMMED_1BB: (u64, &str) = (3, "1bb");
const STEMMED_TWO_CHILD_SIBS2: [(u64, &str); 2] = [(2, "1a"), (2, "1b (1bb)")];
const STEMMED_1AA: (u64, &str) = (3, "1aa");
const STEMMED_1A: (u64, &str) = (2, "1a (1aa)");
const ONE_CHILD: (u64, &str) = (1, "1 (1a)");

#[test]
fn the_empty_tree_is_the_identity_for_merge() {
    assert_eq!(merged(&[], ONE, 10), (tree(&[ONE]), NewLeaf, vec![]));
}

#[test]
fn merging_is_reflexive() {
    assert_eq!(
        merged(&[ONE], ONE, 10),
        (tree(&[ONE]), InternalNode, vec![])
    );
}

#[test]
fn merging_a_prefix_of_a_tree_with_the_tree_yields_the_tree() {
    assert_eq!(
        merged(&[ONE, TWO], ONE, 10),
        (tree(&[ONE, TWO]), InternalNode, vec![])
    );
}

#[test]
fn merging_a_third_unrelated_branch_leads_to_a_conflict() {
    let expected = (tree(&[ONE, TWO, THREE]), InternalNode, vec![]);
    assert_eq!(merged(&[ONE, TWO], THREE, 10), expected);
}

#[test]
fn merging_two_children_is_still_reflexive() {
    let expected = (tree(&[TWO_CHILD]), InternalNode, vec![]);
    assert_eq!(merged(&[TWO_CHILD], TWO_CHILD, 10), expected);
}

#[test]
fn merging_a_tree_to_itself_is_itself() {
    let expected = (tree(&[TWO_CHILD_SIBS]), InternalNode, vec![]);
    assert_eq!(merged(&[TWO_CHILD_SIBS], TWO_CHILD_SIBS, 10), expected);
}

#[test]
fn merging_tree_of_uneven_length_at_node_2() {
    let expected = (tree(&[TWO_CHILD_PLUS_SIBS]), NewBranch, vec![]);
    assert_eq!(merged(&[TWO_CHILD], TWO_CHILD_SIBS, 10), expected);
}

#[test]
fn merging_a_tree_with_a_stem() {
    let expected = (tree(&[TWO_CHILD_SIBS]), InternalNode, vec![]);
    assert_eq!(merged(&[TWO_CHILD_SIBS], STEMMED_1B, 10), expected);
}

#[test]
fn merging_a_stem_at_a_deeper_level() {
    let expected = (tree(&[TWO_CHILD_PLUS_SIBS2]), InternalNode, vec![]);
    assert_eq!(merged(&[TWO_CHILD_PLUS_SIBS2], STEMMED_1BB, 10), expected);
}

#[test]
fn merging_a_stem_at_a_deeper_level_against_paths_at_deeper_levels() {
    let expected = (tree(&STEMMED_TWO_CHILD_SIBS2), InternalNode, vec![]);
    assert_eq!(merged(&STEMMED_TWO_CHILD_SIBS2, STEMMED_1BB, 10), expected);
}

#[test]
fn merging_a_single_tree_with_a_deeper_stem() {
    let expected = (tree(&[TWO_CHILD]), InternalNode, vec![]);
    assert_eq!(merged(&[TWO_CHILD], STEMMED_1AA, 10), expected);
}

#[test]
fn merging_a_larger_stem() {
    let expected = (tree(&[TWO_CHILD]), InternalNode, vec![]);
    assert_eq!(merged(&[TWO_CHILD], STEMMED_1A, 10), expected);
}

#[test]
fn more_merging() {
    let expected = (tree(&[STEMMED_1A]), InternalNode, vec![]);
    assert_eq!(merged(&[STEMMED_1A], STEMMED_1AA, 10), expected);
}

#[test]
fn merging_should_create_conflicts() {
    let expected = (tree(&[ONE_CHILD, STEMMED_1AA]), InternalNode, vec![]);
    assert_eq!(merged(&[ONE_CHILD], STEMMED_1AA, 10), expected);
}

#[test]
fn merging_should_have_no_conflicts() {
    let expected = (tree(&[TWO_CHILD]), NewLeaf, vec![]);
    assert_eq!(merged(&[ONE_CHILD, STEMMED_1AA], TWO_CHILD, 10), expected);
}

#[test]
fn merging_trees_with_conflicts_ought_to_behave() {
    let foo = (1, "foo (foo2 foo3)");
    let bar = (1, "foo (foo3 (foo4))");
    let expected = (tree(&[(1, "foo (foo2 foo3 (foo4))")]), NewLeaf, vec![]);
    assert_eq!(merged(&[foo], bar, 10), expected);
}

#[path = "rev_tree_examples.rs"]
mod examples;
