//! A CouchDB revision id, `"N-hash"`: the generation `N` (1 for a document's first
//! revision, one more for each edit) and an opaque hash naming the revision.
//!
//! Parsed strictly, because a revision read back from a server or from storage is
//! compared as text by the conflict rule: two spellings of one revision (`01-a` and
//! `1-a`) would make two replicas disagree on the winner.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Longest hash accepted. CouchDB and our own ids use 32 hex digits; the margin is
/// for other writers on the team database, the cap keeps a hostile server from
/// handing us megabyte "revisions".
pub const MAX_HASH_LEN: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RevError {
    #[error("revision {0:?} has no '-' between generation and hash")]
    NoDash(String),
    #[error("revision {0:?} has a generation that is not a positive integer")]
    BadGeneration(String),
    #[error(
        "revision hash {0:?} is empty, longer than {MAX_HASH_LEN} bytes or not printable ASCII"
    )]
    BadHash(String),
    #[error("generation {start} plus {len} revisions passes the largest generation")]
    GenerationOverflow { start: u64, len: usize },
}

/// `pos` before `hash` in the field order makes the derived `Ord` the CouchDB order of
/// live leaves: higher generation first, then the greater hash as text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rev {
    pos: u64,
    hash: String,
}

impl Rev {
    pub fn new(pos: u64, hash: &str) -> Result<Rev, RevError> {
        if pos == 0 {
            return Err(RevError::BadGeneration(format!("{pos}-{hash}")));
        }
        check_hash(hash)?;
        Ok(Rev {
            pos,
            hash: hash.to_owned(),
        })
    }

    /// For hashes the caller has already checked (they come out of a valid tree).
    pub(super) fn from_checked(pos: u64, hash: &str) -> Rev {
        Rev {
            pos,
            hash: hash.to_owned(),
        }
    }

    /// The generation, `N` in `N-hash`.
    pub fn pos(&self) -> u64 {
        self.pos
    }

    pub fn hash(&self) -> &str {
        &self.hash
    }
}

/// Printable ASCII without spaces: what survives a URL query, a JSON string and a
/// log line unchanged. Dashes are allowed, as CouchDB splits at the first one only.
pub fn check_hash(hash: &str) -> Result<(), RevError> {
    let printable = hash.bytes().all(|byte| byte.is_ascii_graphic());
    if hash.is_empty() || hash.len() > MAX_HASH_LEN || !printable {
        return Err(RevError::BadHash(hash.to_owned()));
    }
    Ok(())
}

/// Decimal digits without sign or leading zero, so the text form is unique.
fn parse_generation(digits: &str) -> Option<u64> {
    let canonical = !digits.is_empty()
        && digits.bytes().all(|byte| byte.is_ascii_digit())
        && !digits.starts_with('0');
    if canonical {
        digits.parse().ok()
    } else {
        None
    }
}

impl FromStr for Rev {
    type Err = RevError;

    fn from_str(text: &str) -> Result<Rev, RevError> {
        let (digits, hash) = text
            .split_once('-')
            .ok_or_else(|| RevError::NoDash(text.to_owned()))?;
        let pos =
            parse_generation(digits).ok_or_else(|| RevError::BadGeneration(text.to_owned()))?;
        check_hash(hash)?;
        Ok(Rev {
            pos,
            hash: hash.to_owned(),
        })
    }
}

impl TryFrom<String> for Rev {
    type Error = RevError;

    fn try_from(text: String) -> Result<Rev, RevError> {
        text.parse()
    }
}

impl From<Rev> for String {
    fn from(rev: Rev) -> String {
        rev.to_string()
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}-{}", self.pos, self.hash)
    }
}

#[cfg(test)]
#[path = "rev_tests.rs"]
mod tests;
