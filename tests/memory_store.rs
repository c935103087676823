//! The in-memory adapter follows the same rules as IndexedDB (native tests): the
//! shared storage contract, plus property tests of the revision rule.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{block_on, customer};
use crm::domain::customers::CustomerId;
use crm::storage::memory::MemoryStore;
use crm::storage::prelude::*;
use crm::storage::{next_revision, StoreError};
use proptest::prelude::*;

/// The storage contract (tests/common/contract.rs), natively against memory.
mod contract_suite {
    use super::common::{block_on, contract};
    use crm::storage::memory::MemoryStore;

    macro_rules! against_memory {
        ($check:ident) => {
            #[test]
            fn $check() {
                block_on(contract::$check(&MemoryStore::new()));
            }
        };
    }
    contract::contract_checks!(against_memory);
}

proptest! {
    /// Whatever the interleaving of saves from two stale copies, exactly the saves
    /// based on the current revision succeed, and the revision counts them.
    #[test]
    fn revision_counts_exactly_the_accepted_saves(plan in proptest::collection::vec(any::<bool>(), 1..40)) {
        let store = MemoryStore::new();
        block_on(store.insert_customer(&customer("a"))).unwrap();
        let mut fresh = customer("a");
        let stale = customer("a");
        let mut accepted = 0u32;
        for use_fresh in plan {
            let attempt = if use_fresh { fresh.clone() } else { stale.clone() };
            // Only a save based on the revision stored right now may succeed.
            let current = accepted;
            match block_on(store.save_customer(&attempt)) {
                Ok(saved) => {
                    prop_assert_eq!(attempt.revision, current, "a stale save was accepted");
                    accepted += 1;
                    fresh = saved;
                }
                Err(StoreError::StaleRevision { stored, yours }) => {
                    prop_assert_ne!(attempt.revision, current, "a current save was refused");
                    prop_assert_eq!((stored, yours), (current, attempt.revision));
                }
                Err(other) => prop_assert!(false, "unexpected {other:?}"),
            }
        }
        let stored = block_on(store.get_customer(&CustomerId("a".into()))).unwrap().unwrap();
        prop_assert_eq!(stored.revision, accepted);
    }

    #[test]
    fn next_revision_accepts_only_the_stored_revision(stored in 0u32..1000, yours in 0u32..1000) {
        let mut s = customer("x");
        s.revision = stored;
        let mut y = customer("x");
        y.revision = yours;
        let result = next_revision(Some(&s), &y);
        if stored == yours {
            prop_assert_eq!(result, Ok(stored + 1));
        } else {
            prop_assert_eq!(result, Err(StoreError::StaleRevision { stored, yours }));
        }
    }
}

/// A long orders import reports progress every thousand orders and once at the end,
/// with the counts the progress bar shows.
#[test]
fn order_import_reports_progress_per_thousand_and_at_the_end() {
    use common::contract::{buyer, order};
    let store = MemoryStore::new();
    let orders: Vec<_> = (0..2_500)
        .map(|n| order(&format!("o{n}"), "b", 100))
        .collect();
    let seen = std::cell::RefCell::new(Vec::new());
    block_on(store.import_orders(&[buyer("b")], &orders, &|done, total| {
        seen.borrow_mut().push((done, total))
    }))
    .unwrap();
    assert_eq!(
        seen.into_inner(),
        [(1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]
    );
}
