//! The in-memory adapter follows the same rules as IndexedDB (native tests).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{block_on, customer};
use crm::domain::customer::CustomerId;
use crm::domain::demo;
use crm::storage::memory::MemoryStore;
use crm::storage::{next_revision, CrmStore, StoreError};
use proptest::prelude::*;

#[test]
fn stale_saves_are_refused_and_change_nothing() {
    let store = MemoryStore::new();
    block_on(store.insert_customer(&customer("a"))).unwrap();
    let mut first = customer("a");
    first.name = "First".into();
    let mut second = customer("a");
    second.name = "Second".into();
    assert_eq!(block_on(store.save_customer(&first)).unwrap().revision, 1);
    assert_eq!(
        block_on(store.save_customer(&second)),
        Err(StoreError::StaleRevision {
            stored: 1,
            yours: 0
        })
    );
    let stored = block_on(store.get_customer(&CustomerId("a".into())))
        .unwrap()
        .unwrap();
    assert_eq!(stored.name, "First");
}

#[test]
fn delete_and_undo_restore_customer_and_orders() {
    let store = MemoryStore::new();
    let data = demo::generate(20, 1, chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    block_on(store.put_many(&data.customers, &data.orders)).unwrap();
    let with_orders = data
        .customers
        .iter()
        .find(|c| data.orders.iter().any(|o| o.customer_id == c.id))
        .expect("some demo customer has orders");
    let before = block_on(store.orders_for_customer(&with_orders.id)).unwrap();
    let deleted = block_on(store.delete_customer(&with_orders.id)).unwrap();
    assert_eq!(block_on(store.count_customers()).unwrap(), 19);
    assert!(block_on(store.orders_for_customer(&with_orders.id))
        .unwrap()
        .is_empty());
    block_on(store.undo_delete(&deleted)).unwrap();
    assert_eq!(
        block_on(store.orders_for_customer(&with_orders.id)).unwrap(),
        before
    );
    assert_eq!(
        block_on(store.get_customer(&with_orders.id))
            .unwrap()
            .as_ref(),
        Some(with_orders)
    );
    assert_eq!(
        block_on(store.undo_delete(&deleted)),
        Err(StoreError::AlreadyExists(with_orders.id.clone()))
    );
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
            match block_on(store.save_customer(&attempt)) {
                Ok(saved) => { accepted += 1; fresh = saved; }
                Err(StoreError::StaleRevision { stored, yours }) => prop_assert_ne!(stored, yours),
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
