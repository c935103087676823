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
pub use crate::domain::shared::canonical_json::canonical_json;

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

#[cfg(test)]
#[path = "rev_id_tests.rs"]
mod tests;
