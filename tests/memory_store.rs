//! The in-memory adapter follows the same rules as IndexedDB (native tests).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{block_on, customer};
use crm::domain::customers::CustomerId;
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

mod service_records {
    use super::common::{block_on, customer};
    use chrono::{TimeZone, Utc};
    use crm::domain::complaints::Complaint;
    use crm::domain::contacts::{Contact, ContactChannel, Direction, FollowUp};
    use crm::domain::customers::CustomerId;
    use crm::storage::memory::MemoryStore;
    use crm::storage::{CrmStore, StoreError};

    fn contact(id: &str, day: u32) -> Contact {
        Contact {
            id: id.into(),
            customer_id: CustomerId("a".into()),
            at: Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap(),
            channel: ContactChannel::Phone,
            direction: Direction::Inbound,
            rep: "Mei".into(),
            summary: "asked about customs duties".into(),
            outcome: String::new(),
            next_step: String::new(),
            complaint_id: None,
        }
    }

    #[test]
    fn complaint_saves_follow_the_revision_rule() {
        let store = MemoryStore::new();
        let opened = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
        let complaint = Complaint::open("c1".into(), CustomerId("a".into()), opened);
        block_on(store.insert_complaint(&complaint)).unwrap();
        assert!(block_on(store.insert_complaint(&complaint)).is_err());
        let saved = block_on(store.save_complaint(&complaint, None)).unwrap();
        assert_eq!(saved.revision, 1);
        assert_eq!(
            block_on(store.save_complaint(&complaint, None)),
            Err(StoreError::StaleRevision {
                stored: 1,
                yours: 0
            })
        );
    }

    #[test]
    fn contacts_advance_last_contact_and_leave_with_the_customer() {
        let store = MemoryStore::new();
        block_on(store.insert_customer(&customer("a"))).unwrap();
        block_on(store.log_contact(&contact("k1", 20))).unwrap();
        let after_old = block_on(store.log_contact(&contact("k0", 3))).unwrap();
        assert_eq!(after_old.last_contact_at, contact("k1", 20).at.into());
        assert_eq!(after_old.revision, 2, "each logged contact is a change");
        // A newer contact moves it forward again.
        let after_new = block_on(store.log_contact(&contact("k2", 22))).unwrap();
        assert_eq!(after_new.last_contact_at, contact("k2", 22).at.into());
        block_on(store.put_follow_up(&FollowUp {
            id: "f1".into(),
            customer_id: CustomerId("a".into()),
            rep: "Mei".into(),
            due_at: contact("x", 25).at,
            duration_minutes: 30,
            purpose: "call back".into(),
            complaint_id: None,
            done_at: None,
            created_at: contact("x", 24).at,
        }))
        .unwrap();
        let deleted = block_on(store.delete_customer(&CustomerId("a".into()))).unwrap();
        assert_eq!(deleted.contacts.len(), 3);
        assert_eq!(deleted.follow_ups.len(), 1);
        assert!(block_on(store.load_follow_ups()).unwrap().is_empty());
        block_on(store.undo_delete(&deleted)).unwrap();
        assert_eq!(
            block_on(store.contacts_for_customer(&CustomerId("a".into())))
                .unwrap()
                .len(),
            3
        );
        assert_eq!(block_on(store.load_follow_ups()).unwrap().len(), 1);
    }
}
