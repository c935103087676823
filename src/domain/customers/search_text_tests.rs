use super::*;
use proptest::prelude::*;

/// The rule the one text must keep: a record matches when its own key holds
/// every word.
fn naive(keys: &[String], words: &[String]) -> Vec<bool> {
    keys.iter()
        .map(|k| words.iter().all(|w| k.contains(w.as_str())))
        .collect()
}

#[derive(Debug, Clone)]
enum Op {
    Push(String),
    Replace(usize, String),
    Remove(usize),
}

/// Short keys over a small alphabet, with the separator and a multi-byte
/// letter in it, so words often match, span keys and land mid-character.
fn key() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![Just('a'), Just('b'), Just('\n'), Just('é')],
        0..6,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => key().prop_map(Op::Push),
        2 => (any::<usize>(), key()).prop_map(|(i, k)| Op::Replace(i, k)),
        1 => any::<usize>().prop_map(Op::Remove),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Through any pushes, replacements and removals (and the rewrites they
    /// set off), the text finds exactly what each key alone would.
    #[test]
    fn finds_what_each_key_alone_finds(
        ops in proptest::collection::vec(op(), 0..40),
        words in proptest::collection::vec(key(), 0..3),
    ) {
        let mut text = SearchText::default();
        let mut keys: Vec<String> = Vec::new();
        for op in ops {
            match op {
                Op::Push(k) => {
                    text.push(&k);
                    keys.push(k);
                }
                Op::Replace(i, k) if !keys.is_empty() => {
                    let i = i % keys.len();
                    text.replace(i, &k);
                    keys[i] = k;
                }
                Op::Remove(i) if !keys.is_empty() => {
                    let i = i % keys.len();
                    text.swap_remove(i);
                    keys.swap_remove(i);
                }
                _ => {}
            }
            prop_assert_eq!(text.len(), keys.len());
        }
        for (i, k) in keys.iter().enumerate() {
            prop_assert_eq!(text.key(i), k.as_str());
        }
        prop_assert_eq!(text.matching(&words), naive(&keys, &words));
        prop_assert!(text.text.len() <= 2 * (keys.iter().map(|k| k.len() + 1).sum::<usize>()) + MIN_COMPACT_BYTES + 8);
    }
}

#[test]
fn a_word_across_two_keys_matches_neither() {
    let mut text = SearchText::default();
    text.push("ana");
    text.push("bel");
    assert_eq!(text.matching(&["a\nb".into()]), [false, false]);
    assert_eq!(text.matching(&["nab".into()]), [false, false]);
    assert_eq!(text.matching(&["el".into()]), [false, true]);
}

#[test]
fn a_replaced_key_is_found_by_its_new_text_only() {
    let mut text = SearchText::default();
    text.push("marta");
    text.push("ben");
    text.replace(0, "lucia");
    assert_eq!(text.matching(&["mar".into()]), [false, false]);
    assert_eq!(text.matching(&["luc".into()]), [true, false]);
    text.swap_remove(0);
    assert_eq!(text.matching(&["ben".into()]), [true]);
}

#[test]
fn mostly_dead_text_is_rewritten() {
    let mut text = SearchText::default();
    text.push("keep");
    for round in 0..50 {
        text.push(&format!("gone {round}"));
        text.swap_remove(1);
    }
    assert_eq!(text.len(), 1);
    assert!(text.text.len() < 40, "dead places dropped: {:?}", text.text);
    assert_eq!(text.matching(&["kee".into()]), [true]);
}

#[test]
fn reserving_from_the_keys_so_far_leaves_room_for_the_rest() {
    let mut text = SearchText::default();
    for n in 0..100 {
        text.push(&format!("customer number {n:04}"));
    }
    text.reserve_for(1_000);
    let room = text.text.capacity();
    for n in 100..1_000 {
        text.push(&format!("customer number {n:04}"));
    }
    assert_eq!(text.text.capacity(), room, "no regrowth");
    assert!(room < 2 * text.text.len(), "not far beyond what was needed");
}
