//! The stored form of a revision tree, and the checks that let only the canonical
//! form back in.

use serde::{Deserialize, Serialize};

use super::{Branch, Node, RevTree, RevTreeError};
use crate::domain::sync::rev::Rev;

/// The stored form of one root: hashes in pre-order, their depths (left out for a
/// plain chain, the common case) and which of them are deleted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct StoredBranch {
    pos: u64,
    ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    depth: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    deleted: Vec<u32>,
}

impl From<RevTree> for Vec<StoredBranch> {
    fn from(tree: RevTree) -> Vec<StoredBranch> {
        tree.branches
            .into_iter()
            .map(|branch| {
                let chain = branch
                    .nodes
                    .iter()
                    .enumerate()
                    .all(|(index, node)| usize::try_from(node.depth).ok() == Some(index));
                let depth = if chain {
                    Vec::new()
                } else {
                    branch.nodes.iter().map(|node| node.depth).collect()
                };
                let deleted = (0u32..)
                    .zip(&branch.nodes)
                    .filter(|(_, node)| node.deleted)
                    .map(|(index, _)| index)
                    .collect();
                StoredBranch {
                    pos: branch.pos,
                    ids: branch.nodes.into_iter().map(|node| node.hash).collect(),
                    depth,
                    deleted,
                }
            })
            .collect()
    }
}

impl TryFrom<Vec<StoredBranch>> for RevTree {
    type Error = RevTreeError;

    /// Accepts only the canonical form this module writes, so a damaged record is an
    /// error to repair from the server, never a tree that compares unequal to its
    /// twin on another replica.
    fn try_from(stored: Vec<StoredBranch>) -> Result<RevTree, RevTreeError> {
        let mut branches: Vec<Branch> = Vec::with_capacity(stored.len());
        for (number, raw) in stored.into_iter().enumerate() {
            let branch = stored_branch(raw).map_err(|problem| RevTreeError::BadBranch {
                branch: number,
                problem,
            })?;
            for node in &branch.nodes {
                Rev::new(branch.node_pos(node), &node.hash)?;
            }
            if let Some(previous) = branches.last() {
                let ordered =
                    (previous.pos, previous.root_hash()) < (branch.pos, branch.root_hash());
                if !ordered {
                    return Err(RevTreeError::BranchOrder);
                }
            }
            branches.push(branch);
        }
        Ok(RevTree { branches })
    }
}

fn stored_branch(raw: StoredBranch) -> Result<Branch, &'static str> {
    let len = raw.ids.len();
    if len == 0 {
        return Err("no revisions");
    }
    if raw.pos == 0 {
        return Err("generation 0");
    }
    let depths: Vec<u32> = if raw.depth.is_empty() {
        (0..u32::try_from(len).map_err(|_| "too many revisions")?).collect()
    } else if raw.depth.len() == len {
        raw.depth
    } else {
        return Err("depth list and id list differ in length");
    };
    let deepest = depths.iter().copied().max().unwrap_or(0);
    if raw.pos.checked_add(u64::from(deepest)).is_none() {
        return Err("generation overflows");
    }
    let mut nodes: Vec<Node> = Vec::with_capacity(len);
    for (hash, depth) in raw.ids.into_iter().zip(depths) {
        let fits = match nodes.last() {
            None => depth == 0,
            Some(previous) => depth >= 1 && depth <= previous.depth + 1,
        };
        if !fits {
            return Err("depths are not a pre-order walk of one root");
        }
        nodes.push(Node {
            hash,
            depth,
            deleted: false,
        });
    }
    for index in raw.deleted {
        let node = usize::try_from(index)
            .ok()
            .and_then(|index| nodes.get_mut(index))
            .ok_or("deleted index out of range")?;
        node.deleted = true;
    }
    let inner_deleted = (0..nodes.len()).any(|index| {
        let leaf = nodes
            .get(index + 1)
            .is_none_or(|next| next.depth <= nodes[index].depth);
        nodes[index].deleted && !leaf
    });
    if inner_deleted {
        return Err("deleted flag on an inner revision");
    }
    if !siblings_ascend(&nodes) {
        return Err("siblings are not in ascending hash order");
    }
    Ok(Branch {
        pos: raw.pos,
        nodes,
    })
}

/// Each node's children strictly ascend by hash: `last_child[d]` is the latest
/// child seen at depth `d` under the current parent, cleared on leaving it.
pub(super) fn siblings_ascend(nodes: &[Node]) -> bool {
    let mut last_child: Vec<Option<&str>> = Vec::new();
    for node in nodes {
        let depth = node.depth as usize;
        last_child.truncate(depth + 1);
        last_child.resize(depth + 1, None);
        if let Some(previous) = last_child[depth] {
            if previous >= node.hash.as_str() {
                return false;
            }
        }
        last_child[depth] = Some(&node.hash);
    }
    true
}
