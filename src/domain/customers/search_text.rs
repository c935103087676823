//! Every record's search key in one text, so a typed word is looked for once
//! across all keys, one pass over contiguous memory, instead of once in each of
//! 100,000 separately allocated keys (the per-key loop measured 1.5× plain JS).

/// The search keys of records `0..len()`, laid end to end in one text.
///
/// A key that changes is appended anew and its old place left dead, and a
/// removed record's place is left dead; the text is rewritten without its dead
/// places once they are more than half of it, so edits cost what the new key
/// costs and memory stays within twice the live keys.
#[derive(Debug, Clone, Default)]
pub struct SearchText {
    /// The keys, each followed by [`SEPARATOR`] (which keeps a match from
    /// spanning two keys in the common case; [`Self::matching`] checks bounds
    /// anyway, as a key may hold any character).
    text: String,
    /// Where each place in `text` starts, increasing; live or dead.
    starts: Vec<u32>,
    /// The record each place belongs to, or [`DEAD`].
    owners: Vec<u32>,
    /// Each record's place.
    place_of: Vec<u32>,
    /// Bytes of `text` in dead places, separators included.
    dead_bytes: usize,
}

const SEPARATOR: char = '\n';
const DEAD: u32 = u32::MAX;
/// Below this, dead places are not worth a rewrite. Tests use a few bytes, so
/// their short keys go through rewrites too.
const MIN_COMPACT_BYTES: usize = if cfg!(test) { 8 } else { 1 << 16 };

impl SearchText {
    pub fn with_capacity(records: usize, bytes: usize) -> Self {
        SearchText {
            text: String::with_capacity(bytes + records),
            starts: Vec::with_capacity(records),
            owners: Vec::with_capacity(records),
            place_of: Vec::with_capacity(records),
            dead_bytes: 0,
        }
    }

    /// Reserves room for `records` records in all, guessing the rest's key
    /// length from the keys so far: reserving too little doubles the text (and
    /// wasm memory never shrinks), too much holds megabytes for nothing.
    pub fn reserve_for(&mut self, records: usize) {
        let so_far = self.place_of.len();
        if so_far == 0 || records <= so_far {
            return;
        }
        let per_record = self.text.len().div_ceil(so_far);
        let more = (records - so_far) * per_record;
        self.text.reserve(more + more / 16);
        self.starts.reserve(records - so_far);
        self.owners.reserve(records - so_far);
        self.place_of.reserve(records - so_far);
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.place_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.place_of.is_empty()
    }

    /// Adds the key of record `len()`.
    pub fn push(&mut self, key: &str) {
        let record = self.place_of.len() as u32;
        let place = self.append(key, record);
        self.place_of.push(place);
    }

    /// Record `record`'s key. Panics if there is no such record, as indexing does.
    pub fn key(&self, record: usize) -> &str {
        let place = self.place_of[record] as usize;
        let start = self.starts[place] as usize;
        &self.text[start..self.end_of(place)]
    }

    /// Gives record `record` a new key.
    pub fn replace(&mut self, record: usize, key: &str) {
        self.kill(self.place_of[record] as usize);
        self.place_of[record] = self.append(key, record as u32);
        self.compact_if_mostly_dead();
    }

    /// Removes record `record`; the last record takes its number, as
    /// `Vec::swap_remove` does with the records themselves.
    pub fn swap_remove(&mut self, record: usize) {
        self.kill(self.place_of[record] as usize);
        let last = self.place_of.len() - 1;
        if record != last {
            let moved = self.place_of[last];
            self.owners[moved as usize] = record as u32;
        }
        self.place_of.swap_remove(record);
        self.compact_if_mostly_dead();
    }

    /// Which records' keys hold every one of `words`, as one flag per record.
    /// The first word is looked for across the whole text; the others only in
    /// the keys the first one found.
    pub fn matching(&self, words: &[String]) -> Vec<bool> {
        let Some((first, rest)) = words.split_first() else {
            return vec![true; self.len()];
        };
        let mut hits = vec![false; self.len()];
        if first.is_empty() {
            hits.fill(true);
        } else {
            let mut from = 0;
            while let Some(found) = self.text[from..].find(first.as_str()) {
                let at = from + found;
                // The place holding the match's first byte: the last start at or before it.
                let place = self.starts.partition_point(|&s| s as usize <= at) - 1;
                let end = self.end_of(place);
                let owner = self.owners[place];
                if at + first.len() <= end {
                    if owner != DEAD {
                        hits[owner as usize] = true;
                    }
                    // One hit per key is enough: go on from the next key.
                    from = end + SEPARATOR.len_utf8();
                } else {
                    // The match ran into the next key; one starting later in this key still may not.
                    from = at + self.text[at..].chars().next().map_or(1, char::len_utf8);
                }
                if from >= self.text.len() {
                    break;
                }
            }
        }
        for word in rest {
            for (record, hit) in hits.iter_mut().enumerate() {
                if *hit {
                    *hit = self.key(record).contains(word.as_str());
                }
            }
        }
        hits
    }

    /// Where place `place`'s key ends (its separator's offset).
    fn end_of(&self, place: usize) -> usize {
        let next = self
            .starts
            .get(place + 1)
            .map_or(self.text.len(), |&s| s as usize);
        next - SEPARATOR.len_utf8()
    }

    fn append(&mut self, key: &str, record: u32) -> u32 {
        let place = self.starts.len() as u32;
        self.starts.push(self.text.len() as u32);
        self.owners.push(record);
        self.text.push_str(key);
        self.text.push(SEPARATOR);
        place
    }

    fn kill(&mut self, place: usize) {
        self.owners[place] = DEAD;
        self.dead_bytes += self.end_of(place) + SEPARATOR.len_utf8() - self.starts[place] as usize;
    }

    fn compact_if_mostly_dead(&mut self) {
        if self.dead_bytes < MIN_COMPACT_BYTES || self.dead_bytes * 2 < self.text.len() {
            return;
        }
        let live = self.text.len() - self.dead_bytes;
        let mut fresh = SearchText::with_capacity(self.len(), live);
        for record in 0..self.len() {
            fresh.push(self.key(record));
        }
        *self = fresh;
    }
}

#[cfg(test)]
#[path = "search_text_tests.rs"]
mod tests;
