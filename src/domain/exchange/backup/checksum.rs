//! The backup checksum: SHA-256 over the canonical JSON of the backed-up data.

use super::*;
use crate::domain::shared::sort::sort_stable_by;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// `"sha256:<hex>"` of the compact serialisation of `data` with object keys sorted.
///
/// Keys are sorted here rather than relying on serde_json's map order: if any
/// dependency ever enabled serde_json's `preserve_order`, the map would keep file
/// order and checksums would stop being reproducible from the parsed data.
pub(super) fn data_checksum(data: &Map<String, Value>) -> Result<String, serde_json::Error> {
    let mut hasher = Sha256::new();
    feed_canonical_object(data, &mut hasher)?;
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    Ok(format!("{CHECKSUM_PREFIX}{hex}"))
}

/// Streams into the hasher, so checking a large backup needs no second copy of it.
struct HashingWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashingWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Recursion depth is bounded by serde_json's parser limit (128) for parsed files,
/// and by the record types for exported ones.
fn feed_canonical(value: &Value, hasher: &mut Sha256) -> Result<(), serde_json::Error> {
    match value {
        Value::Object(map) => feed_canonical_object(map, hasher),
        Value::Array(items) => {
            hasher.update(b"[");
            for (position, item) in items.iter().enumerate() {
                if position > 0 {
                    hasher.update(b",");
                }
                feed_canonical(item, hasher)?;
            }
            hasher.update(b"]");
            Ok(())
        }
        scalar => serde_json::to_writer(HashingWriter(hasher), scalar),
    }
}

fn feed_canonical_object(
    map: &Map<String, Value>,
    hasher: &mut Sha256,
) -> Result<(), serde_json::Error> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    sort_stable_by(&mut entries, |a, b| a.0.cmp(b.0));
    hasher.update(b"{");
    for (position, (key, value)) in entries.into_iter().enumerate() {
        if position > 0 {
            hasher.update(b",");
        }
        serde_json::to_writer(HashingWriter(hasher), key)?;
        hasher.update(b":");
        feed_canonical(value, hasher)?;
    }
    hasher.update(b"}");
    Ok(())
}
