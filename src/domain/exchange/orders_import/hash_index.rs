//! A prehashed index for finding duplicates among a million rows quickly.

use crate::domain::shared::fast_hash::FastHasher;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub(super) fn hash_strs(parts: &[&str]) -> u64 {
    let mut hasher = FastHasher::default();
    for part in parts {
        hasher.write(part.as_bytes());
        hasher.write_u8(0xff);
    }
    hasher.finish()
}

/// For keys that already are well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A compact "seen" index: 64-bit hash → position (16 bytes per entry, so a
/// million rows stay cache- and memory-friendly). A hit is confirmed by the caller
/// comparing the real key at that position; different keys sharing a hash (about
/// one chance in 10^13 per file) go to an exact side table.
pub(super) struct HashIndex<K> {
    by_hash: HashMap<u64, usize, BuildHasherDefault<PrehashedHasher>>,
    collisions: HashMap<K, usize>,
}

impl<K> Default for HashIndex<K> {
    fn default() -> Self {
        Self {
            by_hash: HashMap::default(),
            collisions: HashMap::new(),
        }
    }
}

impl<K: Eq + std::hash::Hash> HashIndex<K> {
    /// The position recorded for `key`, if any. `same(position)` tells whether the
    /// key stored at `position` is `key`.
    pub(super) fn get(&self, hash: u64, key: &K, same: impl Fn(usize) -> bool) -> Option<usize> {
        match self.by_hash.get(&hash) {
            Some(&position) if same(position) => Some(position),
            Some(_) => self.collisions.get(key).copied(),
            None => None,
        }
    }

    /// The position recorded for `key`; if none, records `position` and returns `None`.
    pub(super) fn get_or_insert(
        &mut self,
        hash: u64,
        key: K,
        position: usize,
        same: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        match self.by_hash.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(position);
                None
            }
            Entry::Occupied(slot) if same(*slot.get()) => Some(*slot.get()),
            Entry::Occupied(_) => match self.collisions.entry(key) {
                Entry::Occupied(slot) => Some(*slot.get()),
                Entry::Vacant(slot) => {
                    slot.insert(position);
                    None
                }
            },
        }
    }
}
