//! A stable sort that is compiled once for the whole app.
//!
//! `slice::sort_by` is generic over both the element and the comparison closure, so
//! every call site gets its own copy of the standard library's sorting code (about 3 KB
//! of wasm each; 56 copies were 170 KB of the release wasm). Here the sorting runs on
//! positions through a `dyn` comparison, so there is one copy, and only the small
//! permutation step below is generic. The result is the same as `sort_by`: equal
//! elements keep their order.

use std::cmp::Ordering;

/// Sorts `items` like `items.sort_by(compare)` (stable).
pub fn sort_stable_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = {
        let view: &[T] = items;
        sorted_positions(view.len(), &mut |a, b| compare(&view[a], &view[b]))
    };
    apply_order(items, order);
}

/// Sorts `items` like `items.sort_by_key(key)` (stable).
pub fn sort_stable_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_stable_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions of `len` elements in stable sorted order.
#[inline(never)]
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves `items[order[k]]` to position `k`, following each cycle of the permutation with
/// swaps (no clone, no extra buffer of `T`). A finished position is marked by
/// `order[k] == k`.
fn apply_order<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Same order as the standard stable sort, ties included (the key compares
        /// only the first half of each pair; the second tells equal keys apart).
        #[test]
        fn matches_the_standard_stable_sort(items in prop::collection::vec((0u8..6, any::<u32>()), 0..200)) {
            let mut expected = items.clone();
            expected.sort_by_key(|p| p.0);
            let mut ours = items.clone();
            sort_stable_by(&mut ours, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(ours, expected);

            let mut expected = items.clone();
            expected.sort_by_key(|p| std::cmp::Reverse(p.0));
            let mut ours = items;
            sort_stable_by_key(&mut ours, |p| std::cmp::Reverse(p.0));
            prop_assert_eq!(ours, expected);
        }
    }

    #[test]
    fn owned_elements_are_moved_not_lost() {
        let mut names: Vec<String> = ["d", "a", "c", "b", "a"].map(String::from).to_vec();
        sort_stable_by(&mut names, |a, b| a.cmp(b));
        assert_eq!(names, ["a", "a", "b", "c", "d"]);
        let mut empty: Vec<String> = Vec::new();
        sort_stable_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }
}
