//! The backup checksum: SHA-256 over the canonical JSON of the backed-up data.

use super::*;
use crate::domain::shared::canonical_json::{write_canonical_object, HashWriter};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// `"sha256:<hex>"` of the compact serialisation of `data` with object keys sorted.
///
/// Keys are sorted here rather than relying on serde_json's map order: if any
/// dependency ever enabled serde_json's `preserve_order`, the map would keep file
/// order and checksums would stop being reproducible from the parsed data.
pub(super) fn data_checksum(data: &Map<String, Value>) -> Result<String, serde_json::Error> {
    let mut hasher = Sha256::new();
    write_canonical_object(data, &mut HashWriter(&mut hasher)).map_err(serde_json::Error::io)?;
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    Ok(format!("{CHECKSUM_PREFIX}{hex}"))
}
