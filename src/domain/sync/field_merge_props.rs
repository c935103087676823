//! Properties of the field merge over random histories: replicas that edit offline
//! and exchange revisions in any order converge (design §4), the merge does not
//! depend on the order of its leaves, and merged stage histories are sorted and
//! free of duplicates.

use std::collections::BTreeMap;

use chrono::Duration;
use proptest::prelude::*;
use serde_json::json;

use super::tests::{base_time, create, customer_data, delete, edit};
use super::*;
use crate::domain::sync::rev_id::canonical_json;
use crate::domain::sync::rev_tree::RevTree;

const FIELDS: [&str; 4] = ["phone", "email", "notes", "name"];
const MOVES: [(&str, &str); 4] = [
    ("potential", "target"),
    ("target", "first_time"),
    ("first_time", "repeat"),
    ("repeat", "lost"),
];

#[derive(Debug, Clone)]
enum Op {
    Edit {
        replica: usize,
        field: usize,
        value: u8,
    },
    Stage {
        replica: usize,
        step: usize,
        minutes: u8,
    },
    Delete {
        replica: usize,
    },
    Sync {
        from: usize,
        to: usize,
    },
}

fn op(replicas: usize) -> impl Strategy<Value = Op> {
    let r = 0..replicas;
    prop_oneof![
        4 => (r.clone(), 0..FIELDS.len(), 0u8..3)
            .prop_map(|(replica, field, value)| Op::Edit { replica, field, value }),
        2 => (r.clone(), 0..MOVES.len(), 0u8..60)
            .prop_map(|(replica, step, minutes)| Op::Stage { replica, step, minutes }),
        1 => r.clone().prop_map(|replica| Op::Delete { replica }),
        3 => (r.clone(), r).prop_map(|(from, to)| Op::Sync { from, to }),
    ]
}

/// One browser's copy of the document: its tree and the body of every revision it
/// holds (first body wins, as with CouchDB's `new_edits:false`).
#[derive(Debug, Clone, Default)]
struct Replica {
    tree: RevTree,
    bodies: BTreeMap<Rev, SyncDoc>,
}

impl Replica {
    fn leaves(&self) -> Vec<ConflictLeaf> {
        self.tree
            .leaves()
            .into_iter()
            .map(|leaf| ConflictLeaf {
                history: self.tree.path_to(&leaf.rev).expect("a leaf has a path"),
                doc: self.bodies.get(&leaf.rev).expect("bodies travel").clone(),
            })
            .collect()
    }

    fn winner(&self) -> ConflictLeaf {
        let rev = self.tree.winning_rev().expect("not empty");
        let leaves = self.leaves();
        leaves
            .into_iter()
            .find(|leaf| leaf.doc.rev == rev)
            .expect("winner is a leaf")
    }

    /// Stores a revision. The same revision id must mean the same content on every
    /// replica: `by` and `at` aside, a second body for a known revision is a bug.
    fn put(&mut self, history: &RevPath, doc: &SyncDoc) {
        self.tree.merge(history, DEFAULT_REVS_LIMIT);
        match self.bodies.get(&doc.rev) {
            Some(known) => assert_eq!(
                known.body, doc.body,
                "revision {} written with two bodies",
                doc.rev
            ),
            None => {
                self.bodies.insert(doc.rev.clone(), doc.clone());
            }
        }
    }

    fn write(&mut self, leaf: &ConflictLeaf) {
        self.put(&leaf.history, &leaf.doc);
    }

    /// Runs the merge when the tree shows a conflict.
    fn resolve(&mut self, name: &str) {
        let leaves = self.leaves();
        let result = resolve(&leaves, name, base_time()).expect("valid leaves");
        if let Some(resolved) = result {
            for write in &resolved.writes {
                self.put(&write.path, &write.doc);
            }
        }
    }

    fn receive(&mut self, other: &Replica, name: &str) {
        for path in other.tree.paths() {
            self.tree.merge(&path, DEFAULT_REVS_LIMIT);
        }
        for (rev, doc) in &other.bodies {
            if let Some(path) = other.tree.path_to(rev) {
                self.put(&path, doc);
            }
        }
        self.resolve(name);
    }
}

fn run(replica_count: usize, ops: &[Op]) -> Vec<Replica> {
    let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
    let mut replicas = vec![Replica::default(); replica_count];
    for replica in &mut replicas {
        replica.write(&base);
    }
    let name = |index: usize| format!("rep{index}");
    for (clock, op) in ops.iter().enumerate() {
        let minutes = i64::try_from(clock).unwrap_or(0);
        match *op {
            Op::Edit {
                replica,
                field,
                value,
            } => {
                let winner = replicas[replica].winner();
                if winner.doc.is_deleted() {
                    continue;
                }
                let updated = (base_time() + Duration::minutes(minutes)).to_rfc3339();
                let leaf = edit(&winner, &name(replica), |data| {
                    data[FIELDS[field]] = json!(format!("r{replica}-v{value}"));
                    data["updated_at"] = json!(updated);
                });
                replicas[replica].write(&leaf);
            }
            Op::Stage {
                replica,
                step,
                minutes,
            } => {
                let winner = replicas[replica].winner();
                if winner.doc.is_deleted() {
                    continue;
                }
                let (from, to) = MOVES[step];
                let at = (base_time() + Duration::minutes(i64::from(minutes))).to_rfc3339();
                let leaf = edit(&winner, &name(replica), |data| {
                    if let Some(history) = data["stage_history"].as_array_mut() {
                        history.push(json!({"from": from, "to": to, "at": at, "reason": "r"}));
                    }
                    data["stage"] = json!(to);
                });
                replicas[replica].write(&leaf);
            }
            Op::Delete { replica } => {
                let winner = replicas[replica].winner();
                if !winner.doc.is_deleted() {
                    replicas[replica].write(&delete(&winner, &name(replica)));
                }
            }
            Op::Sync { from, to } if from != to => {
                let source = replicas[from].clone();
                replicas[to].receive(&source, &name(to));
            }
            Op::Sync { .. } => {}
        }
    }
    // Everyone online: exchange until nothing changes.
    for _round in 0..20 {
        let before: Vec<RevTree> = replicas.iter().map(|r| r.tree.clone()).collect();
        for from in 0..replica_count {
            for to in 0..replica_count {
                if from != to {
                    let source = replicas[from].clone();
                    replicas[to].receive(&source, &name(to));
                }
            }
        }
        if replicas.iter().map(|r| &r.tree).eq(before.iter()) {
            return replicas;
        }
    }
    panic!("replicas kept making revisions after 20 rounds of exchange");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Design §4: random offline edits on 2–4 replicas, exchanged in random orders,
    /// each merging when it sees a conflict, end in one tree, one winner and one
    /// body everywhere, with no conflict left open.
    #[test]
    fn replicas_converge(ops in (2usize..=4).prop_flat_map(|n| {
        (Just(n), prop::collection::vec(op(n), 1..40))
    })) {
        let (count, ops) = ops;
        let replicas = run(count, &ops);
        let first = &replicas[0];
        let winner = first.winner();
        for other in &replicas[1..] {
            prop_assert_eq!(&other.tree, &first.tree);
            let theirs = other.winner();
            prop_assert_eq!(&theirs.doc.rev, &winner.doc.rev);
            prop_assert_eq!(&theirs.doc.body, &winner.doc.body);
        }
        let live = first.leaves().iter().filter(|leaf| !leaf.doc.is_deleted()).count();
        prop_assert!(live <= 1, "{} live leaves left", live);
        prop_assert_eq!(resolve(&first.leaves(), "x", base_time()), Ok(None));
    }

    /// The merge is a function of the set of leaves.
    #[test]
    fn leaf_order_does_not_matter(
        edits in prop::collection::vec((0usize..8, 0..FIELDS.len(), 0u8..3, any::<bool>()), 2..10),
        order in prop::collection::vec(any::<u32>(), 10),
    ) {
        let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
        let mut nodes = vec![base];
        for (parent, field, value, stage) in edits {
            let parent = nodes[parent % nodes.len()].clone();
            let by = format!("rep{value}");
            let child = edit(&parent, &by, |data| {
                data[FIELDS[field]] = json!(format!("v{value}-{}", nodes.len()));
                if stage {
                    let at = (base_time() + Duration::minutes(i64::from(value))).to_rfc3339();
                    if let Some(history) = data["stage_history"].as_array_mut() {
                        history.push(json!({"from": "potential", "to": "target", "at": at,
                                            "reason": format!("{}", nodes.len() % 2)}));
                    }
                }
            });
            nodes.push(child);
        }
        let mut leaves: Vec<ConflictLeaf> = nodes
            .iter()
            .filter(|node| !nodes.iter().any(|other| {
                other.history.ids().len() > node.history.ids().len()
                    && other.history.ids()[..node.history.ids().len()] == node.history.ids()[..]
            }))
            .cloned()
            .collect();
        let expected = resolve(&leaves, "x", base_time());
        let mut keyed: Vec<(u32, ConflictLeaf)> = leaves
            .drain(..)
            .enumerate()
            .map(|(index, leaf)| (order[index % order.len()], leaf))
            .collect();
        keyed.sort_by_key(|(key, _)| *key);
        let shuffled: Vec<ConflictLeaf> = keyed.into_iter().map(|(_, leaf)| leaf).collect();
        prop_assert_eq!(resolve(&shuffled, "x", base_time()), expected.clone());
        let reversed: Vec<ConflictLeaf> = shuffled.into_iter().rev().collect();
        prop_assert_eq!(resolve(&reversed, "x", base_time()), expected);
    }

    /// A merged stage history holds every entry of every leaf once, in time order,
    /// and the stage is its last entry's.
    #[test]
    fn stage_history_union_is_sorted_and_deduplicated(
        entries in prop::collection::vec((0..MOVES.len(), 0u8..30, 1u8..8), 1..12),
    ) {
        let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
        // Entry k goes to every leaf whose bit is set in its mask (1..8, 3 leaves).
        let entry = |(step, minutes, _): (usize, u8, u8)| {
            let (from, to) = MOVES[step];
            json!({"from": from, "to": to, "reason": "r",
                   "at": (base_time() + Duration::minutes(i64::from(minutes))).to_rfc3339()})
        };
        let leaves: Vec<ConflictLeaf> = (0..3u8)
            .map(|leaf| {
                let mine: Vec<Value> = entries.iter()
                    .filter(|(_, _, mask)| mask & (1 << leaf) != 0)
                    .map(|&e| entry(e))
                    .collect();
                edit(&base, &format!("rep{leaf}"), |data| {
                    data["stage_history"] = Value::Array(mine);
                    data["notes"] = json!(format!("leaf {leaf}"));
                })
            })
            .collect();
        let resolved = resolve(&leaves, "x", base_time()).expect("valid").expect("conflict");
        let Outcome::Live { data, .. } = &resolved.resolution.outcome else {
            panic!("live");
        };
        let merged = data["stage_history"].as_array().expect("array").clone();
        let times: Vec<DateTime<Utc>> = merged.iter()
            .map(|e| parse_time(&e["at"]).expect("time"))
            .collect();
        prop_assert!(times.windows(2).all(|pair| pair[0] <= pair[1]), "sorted by time");
        let mut canon: Vec<String> = merged.iter().map(canonical_json).collect();
        let before = canon.len();
        canon.sort();
        canon.dedup();
        prop_assert_eq!(canon.len(), before, "no duplicates");
        let mut expected: Vec<String> = entries.iter().map(|&e| canonical_json(&entry(e))).collect();
        expected.sort();
        expected.dedup();
        prop_assert_eq!(canon, expected, "every entry kept");
        prop_assert_eq!(&data["stage"], &merged.last().expect("not empty")["to"]);
    }
}

proptest! {
    /// Edits to different fields on two branches are all kept, whatever the order
    /// and length of each branch (the rule `rebase_draft` follows for two tabs).
    #[test]
    fn edits_to_different_fields_are_all_kept(
        edits in prop::collection::vec((any::<bool>(), 0..FIELDS.len(), 0u8..5), 1..12),
    ) {
        let base = create(DocKind::Customer, "c1", customer_data(), "Ana");
        let (mut left, mut right) = (base.clone(), base);
        let mut expected = BTreeMap::new();
        for (index, (on_left, field, value)) in edits.into_iter().enumerate() {
            // Fields 0 and 1 belong to the left branch, 2 and 3 to the right.
            let field = if on_left { field % 2 } else { 2 + field % 2 };
            let text = format!("{index}-{value}");
            let branch = if on_left { &mut left } else { &mut right };
            *branch = edit(branch, "rep", |data| data[FIELDS[field]] = json!(text));
            expected.insert(FIELDS[field], text);
        }
        // Both branches edited: two leaves (else one is the other's ancestor).
        prop_assume!(left.history.ids().len() > 1 && right.history.ids().len() > 1);
        let resolved = resolve(&[left, right], "x", base_time())
            .expect("valid")
            .expect("a conflict");
        let Outcome::Live { data, .. } = &resolved.resolution.outcome else {
            panic!("live");
        };
        for (field, text) in &expected {
            prop_assert_eq!(&data[*field], &json!(text));
        }
        prop_assert_eq!(&resolved.resolution.merged, &vec![]);
    }
}

/// The convergence property on a fixed case that needs several resolutions: three
/// replicas, each pair conflicting before all three meet.
#[test]
fn three_replicas_resolving_pairwise_converge() {
    let ops = [
        Op::Edit {
            replica: 0,
            field: 0,
            value: 0,
        },
        Op::Edit {
            replica: 1,
            field: 0,
            value: 1,
        },
        Op::Edit {
            replica: 2,
            field: 1,
            value: 2,
        },
        Op::Sync { from: 0, to: 1 },
        Op::Sync { from: 2, to: 0 },
        Op::Edit {
            replica: 2,
            field: 2,
            value: 0,
        },
        Op::Sync { from: 1, to: 2 },
    ];
    let replicas = run(3, &ops);
    let data = replicas[0].winner().doc.body.expect("live").data;
    for other in &replicas[1..] {
        assert_eq!(other.winner().doc.body.expect("live").data, data);
    }
    assert_eq!(
        data["email"],
        json!("r2-v2"),
        "the only email edit survives"
    );
    assert_eq!(data["notes"], json!("r2-v0"));
}
