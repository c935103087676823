//! Canonical JSON: compact, with every object's keys sorted by their UTF-8 bytes,
//! recursively, so one value has one text whatever order its map kept (serde_json's
//! `preserve_order`, if a dependency ever enabled it, would keep insertion order).
//! Scalars are written by serde_json, whose formatting is the same natively and in
//! wasm. The backup checksum and the sync revision ids are digests of it; both
//! stream it into the hasher, so a large backup needs no second copy.

use std::io::{self, Write};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::sort::sort_stable_by;

/// The canonical text of `value`.
pub fn canonical_json(value: &Value) -> String {
    let mut out = Vec::new();
    // Memory takes every write, and every `Value` scalar serialises (numbers in a
    // `Value` are finite): whatever the data, this cannot fail.
    write_canonical(value, &mut out).expect("canonical JSON into memory");
    // serde_json writes UTF-8, and so do the punctuation writes.
    String::from_utf8_lossy(&out).into_owned()
}

/// Streams the canonical text of `value` into `out`. Recursion depth is bounded by
/// serde_json's parser limit (128) for parsed values and by the record types for ours.
pub fn write_canonical(value: &Value, out: &mut impl Write) -> io::Result<()> {
    match value {
        Value::Object(map) => write_canonical_object(map, out),
        Value::Array(items) => {
            out.write_all(b"[")?;
            for (position, item) in items.iter().enumerate() {
                if position > 0 {
                    out.write_all(b",")?;
                }
                write_canonical(item, out)?;
            }
            out.write_all(b"]")
        }
        scalar => serde_json::to_writer(out, scalar).map_err(io::Error::other),
    }
}

/// [`write_canonical`] of an object given as its map.
pub fn write_canonical_object(map: &Map<String, Value>, out: &mut impl Write) -> io::Result<()> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    sort_stable_by(&mut entries, |a, b| a.0.cmp(b.0));
    out.write_all(b"{")?;
    for (position, (key, value)) in entries.into_iter().enumerate() {
        if position > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, key).map_err(io::Error::other)?;
        out.write_all(b":")?;
        write_canonical(value, out)?;
    }
    out.write_all(b"}")
}

/// A SHA-256 hasher as a writer, to stream canonical text into it.
pub struct HashWriter<'a>(pub &'a mut Sha256);

impl Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_depth_and_the_text_is_compact() {
        let value = json!({"b": [{"z": 1, "a": "é\"x"}], "a": null, "ä": 2.5});
        assert_eq!(
            canonical_json(&value),
            r#"{"a":null,"b":[{"a":"é\"x","z":1}],"ä":2.5}"#
        );
    }

    #[test]
    fn streaming_into_a_hasher_digests_the_same_text() {
        let value = json!({"k": [1, {"y": true, "x": "v"}]});
        let mut streamed = Sha256::new();
        write_canonical(&value, &mut HashWriter(&mut streamed)).unwrap();
        let mut whole = Sha256::new();
        whole.update(canonical_json(&value).as_bytes());
        assert_eq!(streamed.finalize(), whole.finalize());
    }
}
