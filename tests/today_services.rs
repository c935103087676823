//! Issue 16's use cases on the in-memory store: the stage offers of an import land
//! all or nothing, the attention thresholds are a team setting, and the demo's
//! classification puts key customers first in the complaint queue as soon as the
//! orders are read (no "Record this period's tiers" needed).

mod common;

use std::collections::HashMap;

use chrono::{TimeZone, Utc};
use common::block_on;
use common::contract::{buyer, id};
use crm::domain::care::attention::{RhythmField, RhythmSettings};
use crm::domain::complaints::{complaint_queue, QueueFilter, ResponseTargets};
use crm::domain::customers::{
    stage_offers, CustomerId, OfferReason, OrderSummary, RelationshipStage,
};
use crm::domain::value::{classify, is_key_tier, ValueSettings};
use crm::services::customers::{apply_stage_offers, StageActionError};
use crm::services::demo::load_demo;
use crm::services::settings::{load_setting, save_setting, RHYTHM_SETTINGS};
use crm::services::value::load_value_inputs;
use crm::storage::memory::MemoryStore;
use crm::storage::prelude::*;
use crm::storage::StoreError;

fn reason(why: OfferReason) -> String {
    format!("{why:?}")
}

#[test]
fn reviewed_stage_offers_land_together_or_not_at_all() {
    let store = MemoryStore::new();
    for name in ["a", "b"] {
        block_on(store.insert_customer(&buyer(name))).expect("insert");
    }
    let current: Vec<_> = ["a", "b"]
        .iter()
        .map(|n| block_on(store.get_customer(&id(n))).unwrap().unwrap())
        .collect();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
    let orders: HashMap<CustomerId, OrderSummary> = [
        (
            id("a"),
            OrderSummary {
                orders: 1,
                last_order: day,
            },
        ),
        (
            id("b"),
            OrderSummary {
                orders: 2,
                last_order: day,
            },
        ),
    ]
    .into_iter()
    .collect();
    let offers = stage_offers(current.iter(), &orders);
    assert_eq!(offers.len(), 2);
    let now = Utc.with_ymd_and_hms(2026, 11, 4, 9, 0, 0).unwrap();

    // Someone edits b after the review: nothing of the batch is written.
    let mut edited = current[1].clone();
    edited.notes = "changed elsewhere".into();
    block_on(store.save_customer(&edited)).expect("save");
    let refused = block_on(apply_stage_offers(&store, &current, &offers, &reason, now));
    assert!(matches!(
        refused,
        Err(StageActionError::Store(StoreError::StaleRevision { .. }))
    ));
    let a = block_on(store.get_customer(&id("a"))).unwrap().unwrap();
    assert_eq!(a.stage, current[0].stage, "a was not moved alone");

    let fresh: Vec<_> = ["a", "b"]
        .iter()
        .map(|n| block_on(store.get_customer(&id(n))).unwrap().unwrap())
        .collect();
    let stored = block_on(apply_stage_offers(&store, &fresh, &offers, &reason, now)).unwrap();
    let stages: Vec<RelationshipStage> = stored.iter().map(|c| c.stage).collect();
    assert_eq!(
        stages,
        [RelationshipStage::FirstTime, RelationshipStage::Repeat]
    );
    let b = block_on(store.get_customer(&id("b"))).unwrap().unwrap();
    assert_eq!(b.stage_history.len(), fresh[1].stage_history.len() + 2);
    assert_eq!(
        b.notes, "changed elsewhere",
        "the stored record was the base"
    );
}

#[test]
fn attention_thresholds_are_saved_for_the_team() {
    let store = MemoryStore::new();
    assert_eq!(
        block_on(load_setting(&store, &RHYTHM_SETTINGS)).unwrap(),
        None
    );
    let patient = RhythmSettings::default()
        .with(RhythmField::SilenceFactor, 20)
        .unwrap();
    block_on(save_setting(&store, &RHYTHM_SETTINGS, &patient)).unwrap();
    assert_eq!(
        block_on(load_setting(&store, &RHYTHM_SETTINGS)).unwrap(),
        Some(patient)
    );
}

#[test]
fn the_demo_queue_puts_key_customers_first_from_the_first_read() {
    let store = MemoryStore::new();
    let now = Utc::now();
    block_on(load_demo(&store, |_| false, now)).expect("demo");
    // No tier was ever recorded: the tiers come from the orders alone.
    assert!(block_on(store.load_tier_changes()).unwrap().is_empty());
    let inputs = block_on(load_value_inputs(&store, &|_| {})).unwrap();
    let customers = block_on(store.load_customers()).unwrap().customers;
    let ids: Vec<CustomerId> = customers.iter().map(|c| c.id.clone()).collect();
    let today = now.date_naive();
    let classification = classify(
        ids,
        &inputs.facts,
        &inputs.costs,
        &ValueSettings::default_for(today),
        today,
    )
    .unwrap();
    let tiers = classification.badges().tiers();
    let complaints = block_on(store.load_complaints()).unwrap();
    let queue = complaint_queue(
        &complaints,
        &|id| tiers.get(id).copied(),
        &ResponseTargets::default(),
        &QueueFilter::default(),
        now,
    );
    let active: Vec<bool> = queue
        .iter()
        .filter(|e| e.complaint.state.is_active())
        .map(|e| is_key_tier(e.tier))
        .collect();
    assert!(
        active.contains(&true),
        "the demo has a key customer's open complaint"
    );
    assert!(active.contains(&false), "and an ordinary one's");
    let first_ordinary = active.iter().position(|key| !key).unwrap_or(active.len());
    assert!(
        active[first_ordinary..].iter().all(|key| !key),
        "every key customer's complaint comes before the others: {active:?}"
    );
}

#[test]
fn report_scores_feed_the_low_satisfaction_flag() {
    use common::contract::contact;
    use crm::services::contacts::report_scores_since;
    let store = MemoryStore::new();
    block_on(store.insert_customer(&buyer("a"))).expect("insert");
    let when = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    let mut report = contact("r1", "a", when);
    report.follow_up_id = Some("f1".into());
    report.satisfaction = Some(2);
    let mut unscored = contact("r2", "a", when);
    unscored.follow_up_id = Some("f2".into());
    let mut plain = contact("c1", "a", when);
    plain.satisfaction = Some(1);
    for c in [&report, &unscored, &plain] {
        block_on(store.log_contact(c)).expect("log");
    }
    let since = when - chrono::Duration::days(1);
    let scores = block_on(report_scores_since(&store, since)).unwrap();
    assert_eq!(scores.len(), 1, "only reports with a score: {scores:?}");
    assert_eq!((scores[0].customer.as_str(), scores[0].score), ("a", 2));
    assert_eq!(scores[0].on, when.date_naive());
    let later = block_on(report_scores_since(
        &store,
        when + chrono::Duration::hours(1),
    ))
    .unwrap();
    assert!(later.is_empty());
}
