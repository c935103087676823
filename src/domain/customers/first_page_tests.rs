use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;

use super::*;

fn customer(id: u32, name: &str) -> Customer {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    Customer::minimal(CustomerId(format!("c{id:04}")), name, "ES", at)
}

/// The reference: sort every customer by the list's key and take `limit`.
fn sort_and_take(all: &BTreeMap<u32, Customer>, limit: usize) -> Vec<String> {
    let mut keyed: Vec<(String, String)> = all
        .values()
        .map(|c| (list_order_key(c), c.id.as_str().to_owned()))
        .collect();
    keyed.sort();
    keyed.into_iter().take(limit).map(|(_, id)| id).collect()
}

fn ids(page: &FirstPage, limit: usize) -> Option<Vec<String>> {
    page.first(limit)
        .map(|ids| ids.into_iter().map(str::to_owned).collect())
}

#[derive(Clone, Debug)]
enum Op {
    /// Creates or renames (saves) these customers in one transaction.
    Save(Vec<(u32, String)>),
    Delete(Vec<u32>),
}

fn names() -> impl Strategy<Value = String> {
    // Few letters, so names collide and ties fall to the id; some non-ASCII.
    prop::sample::select(vec![
        "Ana", "ana", "Ben", "Álvaro", "王", "Zoë", "", "Bo", "Cy",
    ])
    .prop_map(str::to_owned)
}

fn ops() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => prop::collection::vec((0u32..500, names()), 1..40).prop_map(Op::Save),
        2 => prop::collection::vec(0u32..500, 1..80).prop_map(Op::Delete),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// After any mix of saves, renames and deletions, the page either answers
    /// exactly what sorting every customer would, or admits it cannot (`None`).
    #[test]
    fn the_page_agrees_with_sort_and_take(
        initial in prop::collection::vec((0u32..500, names()), 0..320),
        steps in prop::collection::vec(ops(), 0..25),
        limit in 1usize..=60,
    ) {
        let mut all: BTreeMap<u32, Customer> = BTreeMap::new();
        for (id, name) in &initial {
            all.insert(*id, customer(*id, name));
        }
        let mut page = FirstPage::build(all.values());
        prop_assert!(page.is_well_formed());
        prop_assert_eq!(ids(&page, limit), Some(sort_and_take(&all, limit)));
        for step in steps {
            match step {
                Op::Save(saves) => {
                    let batch: Vec<Customer> =
                        saves.iter().map(|(id, name)| customer(*id, name)).collect();
                    for c in &batch {
                        let id = c.id.as_str()[1..].parse::<u32>().unwrap();
                        all.insert(id, c.clone());
                    }
                    page.note(&batch);
                }
                Op::Delete(gone) => {
                    let ids: Vec<CustomerId> =
                        gone.iter().map(|id| CustomerId(format!("c{id:04}"))).collect();
                    for id in &gone {
                        all.remove(id);
                    }
                    page.forget(&ids);
                }
            }
            prop_assert!(page.is_well_formed());
            if let Some(got) = ids(&page, limit) {
                prop_assert_eq!(got, sort_and_take(&all, limit));
            }
        }
        // Rebuilding always answers.
        prop_assert_eq!(
            ids(&FirstPage::build(all.values()), limit),
            Some(sort_and_take(&all, limit))
        );
    }
}

/// Saves alone never make the page give up: it keeps answering as customers come.
#[test]
fn saves_keep_the_page_answering() {
    let mut all = BTreeMap::new();
    let mut page = FirstPage::build([]);
    for id in 0..600u32 {
        let c = customer(id, &format!("N{}", (id * 7919) % 613));
        all.insert(id, c.clone());
        page.note(std::slice::from_ref(&c));
        assert_eq!(ids(&page, 50), Some(sort_and_take(&all, 50)), "after {id}");
    }
    assert!(page.is_well_formed());
}

/// A rename out of the page and back in moves the customer both times.
#[test]
fn a_rename_moves_the_customer() {
    let everyone: Vec<Customer> = (0..300).map(|i| customer(i, &format!("M{i:03}"))).collect();
    let mut page = FirstPage::build(&everyone);
    assert_eq!(page.first(1), Some(vec!["c0000"]));
    page.note(&[customer(0, "Zz")]);
    assert_eq!(page.first(1), Some(vec!["c0001"]));
    page.note(&[customer(0, "A")]);
    assert_eq!(page.first(2), Some(vec!["c0000", "c0001"]));
}

/// A batch saving one customer twice keeps only its last save.
#[test]
fn the_last_save_in_a_batch_is_kept() {
    let mut page = FirstPage::build([]);
    page.note(&[customer(1, "Zed"), customer(2, "Bo"), customer(1, "Al")]);
    assert_eq!(page.first(5), Some(vec!["c0001", "c0002"]));
}

/// Deleting most of the page makes it admit it no longer knows the first screen.
#[test]
fn heavy_deletions_make_the_page_ask_for_a_rebuild() {
    let everyone: Vec<Customer> = (0..400).map(|i| customer(i, &format!("M{i:03}"))).collect();
    let mut page = FirstPage::build(&everyone);
    let gone: Vec<CustomerId> = everyone[..170].iter().map(|c| c.id.clone()).collect();
    page.forget(&gone);
    assert_eq!(page.first(30).map(|p| p.len()), Some(30));
    assert_eq!(page.first(31), None);
}

/// A damaged value (unsorted, or too long) is recognised.
#[test]
fn damaged_values_are_not_well_formed() {
    let everyone: Vec<Customer> = (0..3).map(|i| customer(i, &format!("M{i}"))).collect();
    let mut page = FirstPage::build(&everyone);
    assert!(page.is_well_formed());
    page.entries.swap(0, 2);
    assert!(!page.is_well_formed());
}

/// On a full page, an early save that would enter does not, when the batch's
/// last save of that customer sorts after the page.
#[test]
fn an_overtaken_save_does_not_enter_a_full_page() {
    let everyone: Vec<Customer> = (0..300).map(|i| customer(i, &format!("M{i:03}"))).collect();
    let mut page = FirstPage::build(&everyone);
    page.note(&[customer(999, "A"), customer(999, "Zz")]);
    assert_eq!(page.first(1), Some(vec!["c0000"]));
}
