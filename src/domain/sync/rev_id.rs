//! The revision id of a local edit: `{N+1}-` and 32 lowercase hex digits, the first
//! 16 bytes of SHA-256(parent revision ‖ canonical JSON of
//! `{type, schema, data, deleted}`), where `N` is the parent's generation (0 for a
//! document's first revision, whose parent part is empty).
//!
//! Deterministic, like PouchDB's default (`pouchdb-utils/src/rev.js` hashes the
//! body): the same edit from the same parent is the same revision on every replica,
//! so two browsers importing one export converge instead of conflicting. `by`, `at`
//! and `fr` stay outside the hash: who typed an edit does not make it another edit.

use serde_json::Value;
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::rev::Rev;
use crate::domain::shared::sort::sort_stable_by;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RevIdError {
    #[error("revision {0} is the last generation there is")]
    GenerationOverflow(Rev),
}

/// What a revision's id is a digest of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RevContent<'a> {
    /// The document type (`customer`, `order`, ...).
    pub doc_type: &'a str,
    /// The writer's `CURRENT_RECORDS_VERSION`.
    pub schema: u32,
    /// The record as serde writes it (without the local-only fields).
    pub data: &'a Value,
    pub deleted: bool,
}

/// The id of the revision `content` makes on top of `parent` (`None`: a new
/// document).
pub fn next_rev(parent: Option<&Rev>, content: &RevContent<'_>) -> Result<Rev, RevIdError> {
    let generation = match parent {
        None => 1,
        Some(parent) => parent
            .pos()
            .checked_add(1)
            .ok_or_else(|| RevIdError::GenerationOverflow(parent.clone()))?,
    };
    let body = serde_json::json!({
        "type": content.doc_type,
        "schema": content.schema,
        "data": content.data,
        "deleted": content.deleted,
    });
    let mut hasher = Sha256::new();
    if let Some(parent) = parent {
        hasher.update(parent.to_string().as_bytes());
    }
    hasher.update(canonical_json(&body).as_bytes());
    let digest = hasher.finalize();
    let hash: String = digest[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    Ok(Rev::from_checked(generation, &hash))
}

/// Compact JSON with every object's keys sorted by their UTF-8 bytes, recursively:
/// one text per value, whatever order the map kept (serde_json's `preserve_order`,
/// if a dependency ever enabled it, would keep insertion order). Scalars are written
/// by serde_json, whose float formatting is the same natively and in wasm.
///
/// The same bytes as the backup checksum's canonical form
/// (`exchange::backup::checksum`); the tests check one vector against both.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

/// Recursion depth is bounded by serde_json's parser limit (128) for parsed values
/// and by the record types for ours.
fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            sort_stable_by(&mut entries, |a, b| a.0.cmp(b.0));
            out.push('{');
            for (position, (key, item)) in entries.into_iter().enumerate() {
                if position > 0 {
                    out.push(',');
                }
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (position, item) in items.iter().enumerate() {
                if position > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
#[path = "rev_id_tests.rs"]
mod tests;
