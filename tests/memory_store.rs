//! The in-memory adapter follows the same rules as IndexedDB (native tests).
#![cfg(not(target_arch = "wasm32"))]

use chrono::{TimeZone, Utc};
use crm::domain::customer::{Customer, CustomerId, IndividualProfile, Profile};
use crm::domain::demo;
use crm::domain::lifecycle::RelationshipStage;
use crm::storage::memory::MemoryStore;
use crm::storage::{next_revision, CrmStore, StoreError};
use proptest::prelude::*;

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    // The memory store never suspends, so one poll completes every call.
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => panic!("memory store future suspended"),
    }
}

fn customer(id: &str) -> Customer {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    Customer {
        id: CustomerId(id.into()),
        name: format!("Customer {id}"),
        email: String::new(),
        phone: String::new(),
        messaging: String::new(),
        country: "ES".into(),
        language: String::new(),
        time_zone: String::new(),
        address: String::new(),
        tags: vec![],
        notes: String::new(),
        lead_source: None,
        profile: Profile::Individual(IndividualProfile::default()),
        stage: RelationshipStage::Potential,
        stage_history: vec![],
        created_at: at,
        updated_at: at,
        last_contact_at: None,
        revision: 0,
    }
}

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
