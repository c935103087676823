//! The care calendar's use cases natively over the in-memory adapter: *Done* logs
//! the occasion on the timeline with its key, the key hides it from then on, and
//! Undo takes the contact back; the care settings read back as saved.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::block_on;
use common::contract::{at, buyer, id};
use crm::domain::care::occasions::{CareAction, CareSettings};
use crm::domain::contacts::{ContactChannel, Direction};
use crm::domain::value::ValueTier;
use crm::services::care::{done_occasions, log_occasion, OccasionDone};
use crm::services::replies::undo_reply;
use crm::services::settings::{load_setting, save_setting, CARE_SETTINGS};
use crm::storage::memory::MemoryStore;
use crm::storage::prelude::*;

#[test]
fn done_logs_the_occasion_with_its_key_and_undo_takes_it_back() {
    let store = MemoryStore::new();
    block_on(store.insert_customer(&buyer("a"))).expect("inserted");
    block_on(store.insert_customer(&buyer("b"))).expect("inserted");
    let customer = block_on(store.get_customer(&id("a")))
        .expect("reads")
        .expect("stored");
    let key = "2026-11-26:birthday:a";
    assert!(block_on(done_occasions(&store, &[id("a"), id("b")]))
        .expect("reads")
        .is_empty());
    let sent = block_on(log_occasion(
        &store,
        &OccasionDone {
            customer: &customer,
            occasion_key: key,
            action: CareAction::Card,
            rep: " Mei ",
            summary: "Care: Birthday (Greeting card)",
        },
        at(20, 9),
    ))
    .expect("logged");
    let logged = block_on(store.contacts_for_customer(&id("a"))).expect("reads");
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].channel, ContactChannel::Letter);
    assert_eq!(logged[0].direction, Direction::Outbound);
    assert_eq!(logged[0].occasion.as_deref(), Some(key));
    assert_eq!(logged[0].rep, "Mei");
    assert_eq!(sent.customer.last_contact_at, Some(at(20, 9)));
    let done = block_on(done_occasions(&store, &[id("a"), id("b")])).expect("reads");
    assert_eq!(done.into_iter().collect::<Vec<_>>(), [key.to_owned()]);

    block_on(undo_reply(&store, &sent)).expect("undone");
    assert!(block_on(done_occasions(&store, &[id("a")]))
        .expect("reads")
        .is_empty());
}

#[test]
fn care_settings_are_a_saved_team_setting() {
    let store = MemoryStore::new();
    assert_eq!(
        block_on(load_setting(&store, &CARE_SETTINGS)).expect("reads"),
        None
    );
    let mut settings = CareSettings::default();
    settings.actions.set(ValueTier::Small, CareAction::Card);
    settings.shipping_days.insert("BR".into(), 25);
    block_on(save_setting(&store, &CARE_SETTINGS, &settings)).expect("saved");
    assert_eq!(
        block_on(load_setting(&store, &CARE_SETTINGS)).expect("reads"),
        Some(settings)
    );
}
