//! This module's own examples: queries, `_revisions`, `_revs_diff`, storage.

use super::*;

fn revs(texts: &[&str]) -> Vec<Rev> {
    texts.iter().map(|text| rev(text)).collect()
}

fn path(start: u64, ids: &[&str], deleted: bool) -> RevPath {
    let ids = ids.iter().map(|id| (*id).to_owned()).collect();
    RevPath::new(start, ids, deleted).expect("valid path")
}

#[test]
fn a_live_leaf_beats_a_longer_tombstone() {
    let tree = tree(&[(1, "a (b (c*) d)")]);
    assert_eq!(
        tree.winner(),
        Some(Leaf {
            rev: rev("2-d"),
            deleted: false
        })
    );
    assert!(tree.conflicts().is_empty());
}

#[test]
fn among_live_leaves_the_higher_generation_wins_then_the_greater_hash() {
    let tree = tree(&[(1, "a (b (c) y z)")]);
    assert_eq!(tree.winning_rev(), Some(rev("3-c")));
    assert_eq!(tree.conflicts(), revs(&["2-z", "2-y"]));
    let same_generation = self::tree(&[(1, "a (B b)")]);
    // Byte order: lower case after upper case.
    assert_eq!(same_generation.winning_rev(), Some(rev("2-b")));
}

#[test]
fn when_every_leaf_is_deleted_the_document_is_deleted_and_the_rule_still_picks_one() {
    let tree = tree(&[(1, "a (b* c (d*))")]);
    assert_eq!(
        tree.winner(),
        Some(Leaf {
            rev: rev("3-d"),
            deleted: true
        })
    );
    assert!(tree.conflicts().is_empty());
}

#[test]
fn the_empty_tree_has_no_winner_and_no_leaves() {
    let tree = RevTree::new();
    assert!(tree.is_empty());
    assert_eq!(tree.winner(), None);
    assert!(tree.leaves().is_empty());
    assert!(!tree.contains(&rev("1-a")));
}

#[test]
fn leaves_list_every_leaf_with_its_flag_newest_first() {
    let tree = tree(&[(1, "a (b (c*) d)"), (4, "x")]);
    let leaves: Vec<(String, bool)> = tree
        .leaves()
        .into_iter()
        .map(|leaf| (leaf.rev.to_string(), leaf.deleted))
        .collect();
    let expected = [("4-x", false), ("3-c", true), ("2-d", false)];
    let expected: Vec<(String, bool)> = expected
        .iter()
        .map(|(r, d)| ((*r).to_owned(), *d))
        .collect();
    assert_eq!(leaves, expected);
}

#[test]
fn contains_and_leaf_look_at_generation_and_hash() {
    let tree = tree(&[(1, "a (b (c*) d)")]);
    assert!(tree.contains(&rev("2-b")));
    assert!(!tree.contains(&rev("3-b")), "same hash, other generation");
    assert!(tree.is_leaf(&rev("3-c")));
    assert!(!tree.is_leaf(&rev("2-b")));
    assert!(!tree.is_leaf(&rev("9-zz")));
    assert_eq!(
        tree.leaf(&rev("3-c")),
        Some(Leaf {
            rev: rev("3-c"),
            deleted: true
        })
    );
    assert_eq!(
        tree.leaf(&rev("2-d")),
        Some(Leaf {
            rev: rev("2-d"),
            deleted: false
        })
    );
    assert_eq!(tree.leaf(&rev("2-b")), None, "inner");
    assert_eq!(tree.leaf(&rev("3-x")), None, "unknown");
}

#[test]
fn revisions_of_a_leaf_are_couchdb_revisions_newest_first() {
    let tree = tree(&[(2, "a (b (c) d)")]);
    let revisions = tree.revisions(&rev("4-c")).expect("known");
    assert_eq!(
        revisions,
        Revisions {
            start: 4,
            ids: vec!["c".into(), "b".into(), "a".into()]
        }
    );
    let json = serde_json::to_value(&revisions).expect("serializes");
    assert_eq!(
        json,
        serde_json::json!({"start": 4, "ids": ["c", "b", "a"]})
    );
    let back = RevPath::from_revisions(&revisions, false).expect("valid");
    assert_eq!(back, path(2, &["a", "b", "c"], false));
    assert_eq!(back.leaf(), rev("4-c"));
    assert_eq!(
        tree.revisions(&rev("3-d")).map(|r| r.ids),
        Some(vec!["d".into(), "a".into()])
    );
    assert_eq!(tree.revisions(&rev("3-zz")), None);
}

#[test]
fn revisions_that_start_before_generation_one_are_refused() {
    let bad = Revisions {
        start: 2,
        ids: vec!["c".into(), "b".into(), "a".into()],
    };
    assert_eq!(
        RevPath::from_revisions(&bad, false),
        Err(RevTreeError::StartTooSmall { start: 2, len: 3 })
    );
    let empty = Revisions {
        start: 2,
        ids: vec![],
    };
    assert_eq!(
        RevPath::from_revisions(&empty, false),
        Err(RevTreeError::EmptyPath)
    );
    let bad_hash = Revisions {
        start: 1,
        ids: vec!["a b".into()],
    };
    assert!(matches!(
        RevPath::from_revisions(&bad_hash, false),
        Err(RevTreeError::Rev(_))
    ));
    let overflow = RevPath::new(u64::MAX, vec!["a".into(), "b".into()], false);
    assert!(matches!(
        overflow,
        Err(RevTreeError::Rev(RevError::GenerationOverflow { .. }))
    ));
    assert!(RevPath::new(u64::MAX, vec!["a".into()], false).is_ok());
}

#[test]
fn a_child_path_is_one_generation_on() {
    let first = RevPath::first("a", false).expect("valid");
    let second = first.child("b", true).expect("valid");
    assert_eq!(second.leaf(), rev("2-b"));
    assert!(second.is_deleted());
    assert_eq!(second.ids(), ["a".to_owned(), "b".to_owned()]);
    let mut tree = RevTree::new();
    assert_eq!(
        tree.merge(&first, RevsLimit::default()).outcome,
        MergeOutcome::NewLeaf
    );
    assert_eq!(
        tree.merge(&second, RevsLimit::default()).outcome,
        MergeOutcome::NewLeaf
    );
    assert_eq!(
        tree.winner(),
        Some(Leaf {
            rev: rev("2-b"),
            deleted: true
        })
    );
}

#[test]
fn a_tombstone_that_gets_a_child_keeps_no_flag_so_replicas_agree() {
    // Deleted, then recreated on top of the tombstone. A replica that only saw the
    // recreation got `b` inside `_revisions`, which carries no flag for it.
    let mut here = RevTree::new();
    here.merge(&path(1, &["a", "b"], true), RevsLimit::default());
    assert_eq!(
        here.winner(),
        Some(Leaf {
            rev: rev("2-b"),
            deleted: true
        })
    );
    here.merge(&path(1, &["a", "b", "c"], false), RevsLimit::default());
    let mut there = RevTree::new();
    there.merge(&path(1, &["a", "b", "c"], false), RevsLimit::default());
    assert_eq!(here, there);
    there.merge(&path(1, &["a", "b"], true), RevsLimit::default());
    assert_eq!(here, there);
    assert_eq!(
        here.winner(),
        Some(Leaf {
            rev: rev("3-c"),
            deleted: false
        })
    );
}

#[test]
fn revs_diff_lists_the_missing_and_older_leaves_as_possible_ancestors() {
    let tree = tree(&[(1, "a (b (c) d)")]);
    let asked = revs(&["3-c", "4-x", "2-y", "4-x", "1-a"]);
    let diff = tree.revs_diff(&asked);
    assert_eq!(diff.missing, revs(&["4-x", "2-y"]));
    assert_eq!(diff.possible_ancestors, revs(&["3-c", "2-d"]));
    let only_old = tree.revs_diff(&revs(&["2-y"]));
    assert!(
        only_old.possible_ancestors.is_empty(),
        "no leaf is older than 2-y"
    );
    assert_eq!(tree.revs_diff(&revs(&["3-c", "1-a"])), RevsDiff::default());
    let unknown_document = RevTree::new().revs_diff(&revs(&["1-a"]));
    assert_eq!(unknown_document.missing, revs(&["1-a"]));
}

#[test]
fn default_stemming_keeps_a_thousand_revisions_and_the_leaf() {
    let ids: Vec<String> = (0..1500).map(|n| format!("r{n}")).collect();
    let mut tree = RevTree::new();
    let merged = tree.merge(
        &RevPath::new(1, ids, false).expect("valid"),
        RevsLimit::default(),
    );
    assert_eq!(merged.stemmed.len(), 500);
    assert_eq!(merged.stemmed.first(), Some(&rev("1-r0")));
    let kept = tree.path_to(&rev("1500-r1499")).expect("leaf kept");
    assert_eq!((kept.start(), kept.ids().len()), (501, 1000));
}

#[test]
fn storage_is_a_flat_list_per_root_and_round_trips() {
    let tree = tree(&[(1, "a (b (c*) d)"), (3, "x (y)")]);
    let json = serde_json::to_value(&tree).expect("serializes");
    assert_eq!(
        json,
        serde_json::json!([
            {"pos": 1, "ids": ["a", "b", "c", "d"], "depth": [0, 1, 2, 1], "deleted": [2]},
            {"pos": 3, "ids": ["x", "y"]},
        ])
    );
    let back: RevTree = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, tree);
}

#[test]
fn a_history_deeper_than_serde_json_nesting_round_trips() {
    let ids: Vec<String> = (0..5000).map(|n| format!("r{n}")).collect();
    let mut tree = RevTree::new();
    tree.merge(&RevPath::new(1, ids, false).expect("valid"), limit(10_000));
    let text = serde_json::to_string(&tree).expect("serializes");
    let back: RevTree = serde_json::from_str(&text).expect("reads back");
    assert_eq!(back, tree);
    assert_eq!(back.winning_rev(), Some(rev("5000-r4999")));
}

#[test]
fn damaged_storage_is_an_error_never_a_different_tree() {
    let cases = [
        (r#"[{"pos":1,"ids":[]}]"#, "no revisions"),
        (r#"[{"pos":0,"ids":["a"]}]"#, "generation 0"),
        (r#"[{"pos":1,"ids":["a","b"],"depth":[0]}]"#, "length"),
        (r#"[{"pos":1,"ids":["a","b"],"depth":[1,0]}]"#, "pre-order"),
        (
            r#"[{"pos":1,"ids":["a","b","c"],"depth":[0,1,3]}]"#,
            "pre-order",
        ),
        (
            r#"[{"pos":1,"ids":["a","c","b"],"depth":[0,1,1]}]"#,
            "ascending",
        ),
        (
            r#"[{"pos":1,"ids":["a","b","b"],"depth":[0,1,1]}]"#,
            "ascending",
        ),
        (r#"[{"pos":1,"ids":["a"],"deleted":[1]}]"#, "out of range"),
        (
            r#"[{"pos":1,"ids":["a","b"],"deleted":[0]}]"#,
            "inner revision",
        ),
        (
            r#"[{"pos":18446744073709551615,"ids":["a","b"]}]"#,
            "overflows",
        ),
        (
            r#"[{"pos":2,"ids":["a"]},{"pos":1,"ids":["b"]}]"#,
            "ordered",
        ),
        (
            r#"[{"pos":1,"ids":["b"]},{"pos":1,"ids":["a"]}]"#,
            "ordered",
        ),
        (
            r#"[{"pos":1,"ids":["a"]},{"pos":1,"ids":["a"]}]"#,
            "ordered",
        ),
        (r#"[{"pos":1,"ids":["a b"]}]"#, "hash"),
    ];
    for (text, reason) in cases {
        let error = serde_json::from_str::<RevTree>(text)
            .expect_err(text)
            .to_string();
        assert!(error.contains(reason), "{text}: {error}");
    }
    // Cousins may share a hash; only siblings must differ.
    let cousins = r#"[{"pos":1,"ids":["a","b","x","c","x"],"depth":[0,1,2,1,2]}]"#;
    assert!(serde_json::from_str::<RevTree>(cousins).is_ok());
}

#[test]
fn merging_a_whole_tree_reports_the_most_telling_outcome() {
    // Root by root: `a (b d)` adds a branch, then `b (c)` (stemmed) extends leaf b.
    let mut ours = tree(&[(1, "a (b)")]);
    let theirs = tree(&[(1, "a (b d)"), (2, "b (c)")]);
    let merged = ours.merge_tree(&theirs, RevsLimit::default());
    assert_eq!(merged.outcome, MergeOutcome::NewBranch);
    assert_eq!(ours, tree(&[(1, "a (b (c) d)")]));
    let again = ours.merge_tree(&theirs, RevsLimit::default());
    assert_eq!(again.outcome, MergeOutcome::InternalNode);
    // Within one root PouchDB reports the last event of its walk, here the new leaf.
    let mut one_root = tree(&[(1, "a (b)")]);
    let merged = one_root.merge_tree(&tree(&[(1, "a (b (c) d)")]), RevsLimit::default());
    assert_eq!(merged.outcome, MergeOutcome::NewLeaf);
}

#[test]
fn paths_are_every_root_to_leaf_history() {
    let tree = tree(&[(1, "a (b (c*) d)"), (3, "x")]);
    let paths = tree.paths();
    assert_eq!(
        paths,
        vec![
            path(1, &["a", "b", "c"], true),
            path(1, &["a", "d"], false),
            path(3, &["x"], false)
        ]
    );
    let mut rebuilt = RevTree::new();
    for path in paths.iter().rev() {
        rebuilt.merge(path, RevsLimit::default());
    }
    assert_eq!(rebuilt, tree);
}
