//! The use cases of the daily work (customers, complaints, contacts, settings,
//! value, the start-up read), natively over the in-memory adapter: what each one
//! writes, what it returns for the screen, and that a refused action writes nothing.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use common::block_on;
use common::contract::{at, buyer, cost, follow_up, id, order, tier_change};
use crm::domain::complaints::{Complaint, ComplaintDraft, ComplaintError, ComplaintState};
use crm::domain::complaints::{ResponseTargets, WizardStep};
use crm::domain::contacts::ContactChannel;
use crm::domain::customers::{RelationshipStage, StageMoveError};
use crm::domain::exchange::customers_import::{
    CustomerColumn, CustomerImportPlan, CustomerMapping,
};
use crm::domain::value::ValueTier;
use crm::services::complaints::{
    change_state, complaint_follow_up_id, open_complaint, resume_draft, save_wizard_step,
    ComplaintActionError, FollowUpPlanned, StepContext,
};
use crm::services::contacts::{complete_follow_up, log_contact};
use crm::services::customers::{
    create_customer, delete_customer, move_stage, orders_newest_first, save_customer, undo_delete,
    StageActionError, StageMove,
};
use crm::services::exchange::customers_import::{
    import_customers, remember_mapping, remembered_mapping,
};
use crm::services::settings::{load_setting, save_setting, RESPONSE_TARGETS, VALUE_SETTINGS};
use crm::services::value::{
    add_cost, costs_of, load_value_inputs, record_tier_changes, tier_changes, tier_history,
};
use crm::services::workspace::load_service_data;
use crm::storage::memory::MemoryStore;
use crm::storage::prelude::*;
use crm::storage::StoreError;

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("zero offset")
}

/// A move that is not to Lost: no cause, no win-back plan.
fn plain_move(to: RelationshipStage, reason: &str) -> StageMove {
    StageMove {
        to,
        reason: reason.into(),
        loss_cause: None,
        win_back: Vec::new(),
    }
}

fn store_with(ids: &[&str]) -> MemoryStore {
    let store = MemoryStore::new();
    for i in ids {
        block_on(store.insert_customer(&buyer(i))).expect("insert");
    }
    store
}

// --- customers ---------------------------------------------------------------

#[test]
fn create_then_save_bumps_the_revision_and_a_stale_save_is_refused() {
    let store = MemoryStore::new();
    let created = block_on(create_customer(&store, buyer("a"))).unwrap();
    let mut edited = created.clone();
    edited.notes = "prefers WhatsApp".into();
    let saved = block_on(save_customer(&store, &edited)).unwrap();
    assert_eq!(saved.revision, created.revision + 1);
    assert!(matches!(
        block_on(save_customer(&store, &edited)),
        Err(StoreError::StaleRevision { .. })
    ));
    let stored = block_on(store.get_customer(&id("a"))).unwrap().unwrap();
    assert_eq!(stored.notes, "prefers WhatsApp");
    assert!(block_on(create_customer(&store, buyer("a"))).is_err());
}

#[test]
fn a_stage_move_records_why_and_saves_on_the_record_the_rep_saw() {
    let store = store_with(&["a"]);
    let seen = block_on(store.get_customer(&id("a"))).unwrap().unwrap();
    let when = at(20, 9);
    let moved = block_on(move_stage(
        &store,
        &seen,
        &plain_move(RelationshipStage::Target, " asked for a quote "),
        when,
    ))
    .unwrap()
    .customer;
    assert_eq!(moved.stage, RelationshipStage::Target);
    let last = moved.stage_history.last().expect("history entry");
    assert_eq!(
        (last.from, last.to, last.reason.as_str(), last.at),
        (
            RelationshipStage::Potential,
            RelationshipStage::Target,
            "asked for a quote",
            when
        )
    );
    assert_eq!(moved.updated_at, when);
    // The rep's screen still shows the old record: the move is refused, not merged.
    let stale = block_on(move_stage(
        &store,
        &seen,
        &plain_move(RelationshipStage::FirstTime, "bought"),
        when,
    ));
    assert!(matches!(
        stale,
        Err(StageActionError::Store(StoreError::StaleRevision { .. }))
    ));
}

#[test]
fn a_forbidden_or_unexplained_stage_move_writes_nothing() {
    let store = store_with(&["a"]);
    let seen = block_on(store.get_customer(&id("a"))).unwrap().unwrap();
    let loyal = block_on(move_stage(
        &store,
        &seen,
        &plain_move(RelationshipStage::Loyal, "why not"),
        at(2, 1),
    ));
    assert_eq!(
        loyal,
        Err(StageActionError::Rule(StageMoveError::NotAllowed {
            from: RelationshipStage::Potential,
            to: RelationshipStage::Loyal
        }))
    );
    let blank = block_on(move_stage(
        &store,
        &seen,
        &plain_move(RelationshipStage::Target, "  "),
        at(2, 1),
    ));
    assert_eq!(
        blank,
        Err(StageActionError::Rule(StageMoveError::MissingReason))
    );
    assert_eq!(block_on(store.get_customer(&id("a"))).unwrap(), Some(seen));
}

#[test]
fn undo_puts_back_the_customer_with_everything_deleted_alongside() {
    let store = store_with(&["a", "b"]);
    block_on(store.import_orders(&[], &[order("o1", "a", 900)], &|_, _| {})).unwrap();
    block_on(store.put_follow_up(&follow_up("f1", "a"))).unwrap();
    block_on(store.insert_complaint(&Complaint::open("c1".into(), id("a"), at(3, 1)))).unwrap();
    let deleted = block_on(delete_customer(&store, &id("a"))).unwrap();
    assert_eq!(
        (
            deleted.orders.len(),
            deleted.follow_ups.len(),
            deleted.complaints.len()
        ),
        (1, 1, 1)
    );
    assert_eq!(block_on(store.get_customer(&id("a"))).unwrap(), None);
    assert!(block_on(store.load_follow_ups()).unwrap().is_empty());
    block_on(undo_delete(&store, &deleted)).unwrap();
    assert_eq!(
        block_on(store.get_customer(&id("a"))).unwrap(),
        Some(deleted.customer.clone())
    );
    assert_eq!(
        block_on(store.orders_for_customer(&id("a"))).unwrap().len(),
        1
    );
    assert_eq!(block_on(store.load_complaints()).unwrap().len(), 1);
    assert_eq!(block_on(store.load_follow_ups()).unwrap().len(), 1);
}

#[test]
fn a_customers_orders_come_newest_first_with_ties_by_id() {
    let store = store_with(&["a"]);
    let on = |o: &str, day: u32| {
        let mut x = order(o, "a", 100);
        x.placed_on = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        x
    };
    let orders = [on("o2", 5), on("o1", 9), on("o3", 5), on("o0", 1)];
    block_on(store.import_orders(&[], &orders, &|_, _| {})).unwrap();
    let listed: Vec<String> = block_on(orders_newest_first(&store, &id("a")))
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(listed, ["o1", "o2", "o3", "o0"]);
}

// --- complaints --------------------------------------------------------------

fn listen_draft(complaint_id: &str) -> ComplaintDraft {
    ComplaintDraft {
        complaint_id: complaint_id.into(),
        step: WizardStep::Listen,
        customer_words: "The kettle leaks".into(),
        channel: "Amazon".into(),
        temperament: "emotional".into(),
        complainant: "Anna".into(),
        cause: "product_quality".into(),
        what_happened: "Leaks from the base".into(),
        happened_on: "2026-11-02".into(),
        wanted_outcome: "A working kettle".into(),
        wanted_how: "Replacement".into(),
        validity: "valid".into(),
        validity_reason: "Photos".into(),
        remedy: "partial_refund".into(),
        remedy_amount: "12,50".into(),
        remedy_currency: "EUR".into(),
        follow_up_at: "2026-11-30T09:00".into(),
        outcome: "Refund accepted".into(),
        ..ComplaintDraft::default()
    }
}

fn context(now: DateTime<Utc>) -> StepContext {
    StepContext {
        now,
        rep_offset: utc(),
        rep: "Mei".into(),
        follow_up_purpose: "Check the customer is satisfied".into(),
    }
}

/// Opens a complaint and saves its steps up to and including `last`.
fn complaint_through(store: &MemoryStore, last: Option<WizardStep>) -> Complaint {
    let mut c = block_on(open_complaint(store, "c1".into(), &id("a"), at(3, 8))).unwrap();
    for step in WizardStep::ALL {
        if Some(step) > last {
            break;
        }
        let draft = ComplaintDraft {
            step,
            ..listen_draft("c1")
        };
        c = block_on(save_wizard_step(
            store,
            &c,
            &draft,
            false,
            &context(at(4, 8)),
        ))
        .unwrap()
        .complaint;
    }
    c
}

#[test]
fn opening_a_complaint_starts_its_clock_and_refuses_a_second_with_the_same_id() {
    let store = store_with(&["a"]);
    let opened = block_on(open_complaint(&store, "c1".into(), &id("a"), at(3, 8))).unwrap();
    assert_eq!(
        (opened.opened_at, opened.state),
        (at(3, 8), ComplaintState::Open)
    );
    assert_eq!(block_on(store.get_complaint("c1")).unwrap(), Some(opened));
    assert!(block_on(open_complaint(&store, "c1".into(), &id("a"), at(3, 9))).is_err());
}

#[test]
fn the_wizard_resumes_after_the_last_saved_step_unless_a_draft_was_kept() {
    let store = store_with(&["a"]);
    let fresh = complaint_through(&store, None);
    assert_eq!(
        block_on(resume_draft(&store, &fresh, utc())).draft.step,
        WizardStep::Listen
    );
    let listened = complaint_through(&MemoryStore::new(), Some(WizardStep::Listen));
    assert_eq!(
        block_on(resume_draft(&store, &listened, utc())).draft.step,
        WizardStep::Record
    );
    let done = complaint_through(&MemoryStore::new(), Some(WizardStep::FollowUp));
    assert_eq!(
        block_on(resume_draft(&store, &done, utc())).draft.step,
        WizardStep::FollowUp
    );
    let typed = ComplaintDraft {
        step: WizardStep::Remedy,
        remedy_note: "half typed".into(),
        ..listen_draft("c1")
    };
    block_on(store.save_complaint_draft(&typed)).unwrap();
    let resumed = block_on(resume_draft(&store, &fresh, utc()));
    assert_eq!((resumed.draft, resumed.error), (typed, None));
}

#[test]
fn an_invalid_step_reports_every_field_and_writes_nothing() {
    let store = store_with(&["a"]);
    let opened = complaint_through(&store, None);
    let empty = ComplaintDraft {
        complaint_id: "c1".into(),
        ..ComplaintDraft::default()
    };
    match block_on(save_wizard_step(
        &store,
        &opened,
        &empty,
        false,
        &context(at(4, 8)),
    )) {
        Err(ComplaintActionError::Invalid(found)) => assert!(found.len() >= 2, "{found:?}"),
        other => panic!("expected field problems, got {other:?}"),
    }
    assert_eq!(block_on(store.get_complaint("c1")).unwrap(), Some(opened));
}

#[test]
fn the_remedy_step_books_its_cost_with_the_complaint() {
    let store = store_with(&["a"]);
    let recorded = complaint_through(&store, Some(WizardStep::Record));
    assert!(block_on(store.load_costs()).unwrap().is_empty());
    let draft = ComplaintDraft {
        step: WizardStep::Remedy,
        ..listen_draft("c1")
    };
    let saved = block_on(save_wizard_step(
        &store,
        &recorded,
        &draft,
        false,
        &context(at(5, 8)),
    ))
    .unwrap();
    assert!(saved.cost_booked);
    assert_eq!(saved.follow_up, FollowUpPlanned::NotThisStep);
    let costs = block_on(store.load_costs()).unwrap();
    assert_eq!(costs.len(), 1);
    assert_eq!(
        (costs[0].amount.minor, costs[0].customer_id.clone()),
        (1250, id("a"))
    );
    assert_eq!(saved.complaint.completed_step, Some(WizardStep::Remedy));
}

#[test]
fn the_follow_up_step_plans_one_check_per_complaint_and_keeps_its_history() {
    let store = store_with(&["a"]);
    let remedied = complaint_through(&store, Some(WizardStep::Remedy));
    let draft = ComplaintDraft {
        step: WizardStep::FollowUp,
        ..listen_draft("c1")
    };
    let first = block_on(save_wizard_step(
        &store,
        &remedied,
        &draft,
        false,
        &context(at(6, 8)),
    ))
    .unwrap();
    let FollowUpPlanned::Planned(planned) = first.follow_up else {
        panic!("no follow-up planned: {:?}", first.follow_up);
    };
    // The stored id format: a check planned before this build is found again.
    assert_eq!(planned.id, "complaint-follow-up:c1");
    assert_eq!(complaint_follow_up_id("c1"), planned.id);
    assert_ne!(complaint_follow_up_id("c2"), planned.id);
    assert_eq!(
        planned.due_at,
        Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap()
    );
    assert_eq!(
        (planned.rep.as_str(), planned.created_at),
        ("Mei", at(6, 8))
    );
    assert_eq!(planned.complaint_id.as_deref(), Some("c1"));
    // Done, then planned again later: still one check, done and created as before.
    block_on(complete_follow_up(&store, &planned, at(7, 8))).unwrap();
    let later = ComplaintDraft {
        follow_up_at: "2026-12-02T10:00".into(),
        ..draft
    };
    let again = block_on(save_wizard_step(
        &store,
        &first.complaint,
        &later,
        false,
        &context(at(8, 8)),
    ))
    .unwrap();
    let all = block_on(store.load_follow_ups()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(again.follow_up, FollowUpPlanned::Planned(all[0].clone()));
    assert_eq!(
        (all[0].created_at, all[0].done_at),
        (at(6, 8), Some(at(7, 8)))
    );
}

#[test]
fn resolving_needs_the_remedy_and_an_outcome() {
    let store = store_with(&["a"]);
    let recorded = complaint_through(&store, Some(WizardStep::Record));
    let early = ComplaintDraft {
        step: WizardStep::Record,
        ..listen_draft("c1")
    };
    let refused = block_on(save_wizard_step(
        &store,
        &recorded,
        &early,
        true,
        &context(at(5, 8)),
    ));
    assert_eq!(
        refused,
        Err(ComplaintActionError::Rule(ComplaintError::StepsIncomplete))
    );
    assert_eq!(block_on(store.get_complaint("c1")).unwrap(), Some(recorded));
    let remedied = complaint_through(&MemoryStore::new(), Some(WizardStep::Remedy));
    let store = MemoryStore::new();
    block_on(store.insert_complaint(&remedied)).unwrap();
    let last = ComplaintDraft {
        step: WizardStep::FollowUp,
        ..listen_draft("c1")
    };
    let resolved = block_on(save_wizard_step(
        &store,
        &remedied,
        &last,
        true,
        &context(at(9, 8)),
    ))
    .unwrap();
    assert_eq!(resolved.complaint.state, ComplaintState::Resolved);
    assert_eq!(resolved.complaint.resolved_at, Some(at(9, 8)));
}

#[test]
fn state_moves_save_and_the_customer_writing_again_reopens() {
    let store = store_with(&["a"]);
    let opened = complaint_through(&store, None);
    let illegal = block_on(change_state(
        &store,
        &opened,
        Some(ComplaintState::Reopened),
        at(5, 1),
    ));
    assert!(matches!(
        illegal,
        Err(ComplaintActionError::Rule(
            ComplaintError::IllegalMove { .. }
        ))
    ));
    let remedied = complaint_through(&MemoryStore::new(), Some(WizardStep::FollowUp));
    let store = MemoryStore::new();
    block_on(store.insert_complaint(&remedied)).unwrap();
    let resolved = block_on(change_state(
        &store,
        &remedied,
        Some(ComplaintState::Resolved),
        at(9, 1),
    ))
    .unwrap();
    let wrote = block_on(change_state(&store, &resolved, None, at(10, 1))).unwrap();
    assert_eq!(wrote.state, ComplaintState::Reopened);
    assert_eq!(wrote.last_customer_message_at, at(10, 1));
    assert_eq!(block_on(store.get_complaint("c1")).unwrap(), Some(wrote));
}

// --- contacts ----------------------------------------------------------------

#[test]
fn logging_a_contact_moves_the_customers_last_contact() {
    let store = store_with(&["a"]);
    let contact = common::contract::contact("k1", "a", at(12, 10));
    let customer = block_on(log_contact(&store, &contact)).unwrap();
    assert_eq!(customer.last_contact_at, Some(at(12, 10)));
    assert_eq!(contact.channel, ContactChannel::Email);
    assert_eq!(
        block_on(store.contacts_for_customer(&id("a"))).unwrap(),
        vec![contact]
    );
}

#[test]
fn completing_a_follow_up_stores_when_it_was_done() {
    let store = store_with(&["a"]);
    let planned = follow_up("f1", "a");
    let done = block_on(complete_follow_up(&store, &planned, at(26, 3))).unwrap();
    assert_eq!(done.done_at, Some(at(26, 3)));
    assert_eq!(block_on(store.load_follow_ups()).unwrap(), vec![done]);
}

// --- settings, value, start-up -----------------------------------------------

#[test]
fn typed_settings_round_trip_and_a_corrupt_one_is_reported_by_name() {
    let store = MemoryStore::new();
    assert_eq!(
        block_on(load_setting(&store, &RESPONSE_TARGETS)).unwrap(),
        None
    );
    let targets = ResponseTargets {
        default_hours: 2,
        ..ResponseTargets::default()
    };
    block_on(save_setting(&store, &RESPONSE_TARGETS, &targets)).unwrap();
    assert_eq!(
        block_on(load_setting(&store, &RESPONSE_TARGETS)).unwrap(),
        Some(targets)
    );
    block_on(store.save_setting(VALUE_SETTINGS.name(), "{\"from\": 3}")).unwrap();
    match block_on(load_setting(&store, &VALUE_SETTINGS)) {
        Err(StoreError::Corrupt(why)) => assert!(why.contains("value_settings"), "{why}"),
        other => panic!("expected a corrupt setting, got {other:?}"),
    }
}

#[test]
fn a_customers_file_mapping_is_remembered_per_header_row() {
    let store = MemoryStore::new();
    let headers = vec!["Name".to_owned(), "E-mail".to_owned()];
    let mapping = CustomerMapping {
        columns: vec![(CustomerColumn::Name, 0), (CustomerColumn::Email, 1)],
    };
    block_on(remember_mapping(&store, &headers, &mapping)).unwrap();
    assert_eq!(
        block_on(remembered_mapping(&store, &headers)).unwrap(),
        Some(mapping)
    );
    let other = vec!["Name".to_owned(), "Phone".to_owned()];
    assert_eq!(block_on(remembered_mapping(&store, &other)).unwrap(), None);
}

#[test]
fn a_customers_import_returns_created_and_merged_records_as_stored() {
    let store = store_with(&["a"]);
    let mut merged = block_on(store.get_customer(&id("a"))).unwrap().unwrap();
    merged.email = "new@example.com".into();
    let plan = CustomerImportPlan {
        create: vec![buyer("n")],
        merge: vec![merged],
        skipped_rows: vec![],
    };
    let stored = block_on(import_customers(&store, &plan)).unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].id, id("n"));
    assert_eq!(
        (stored[1].email.as_str(), stored[1].revision),
        ("new@example.com", 1)
    );
    assert_eq!(
        block_on(store.get_customer(&id("a"))).unwrap(),
        Some(stored[1].clone())
    );
}

#[test]
fn the_value_inputs_hold_every_order_cost_and_tier_change() {
    let store = store_with(&["a", "b"]);
    let orders = [
        order("o1", "a", 100),
        order("o2", "b", 200),
        order("o3", "a", 300),
    ];
    block_on(store.import_orders(&[], &orders, &|_, _| {})).unwrap();
    block_on(add_cost(&store, &cost("k1", "a", 50))).unwrap();
    let seen = std::cell::Cell::new(0);
    let inputs = block_on(load_value_inputs(&store, &|n| seen.set(n))).unwrap();
    assert_eq!((inputs.facts.len(), seen.get()), (3, 3));
    assert_eq!(inputs.costs, vec![cost("k1", "a", 50)]);
}

#[test]
fn a_customers_costs_come_newest_first_and_only_theirs() {
    let store = store_with(&["a", "b"]);
    let on = |id: &str, customer: &str, day: u32| {
        let mut c = cost(id, customer, 100);
        c.on = NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        c
    };
    for entry in [
        on("k1", "a", 3),
        on("k2", "b", 9),
        on("k3", "a", 20),
        on("k4", "a", 11),
    ] {
        block_on(add_cost(&store, &entry)).unwrap();
    }
    let mine: Vec<String> = block_on(costs_of(&store, &id("a")))
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(mine, ["k3", "k4", "k1"]);
    assert!(block_on(costs_of(&store, &id("nobody")))
        .unwrap()
        .is_empty());
}

#[test]
fn recording_tiers_returns_each_customers_latest_and_history_is_newest_first() {
    let store = store_with(&["a", "b"]);
    let mut older = tier_change("t1", "a");
    older.to = ValueTier::Small;
    older.at = at(1, 1);
    let newer = tier_change("t2", "a");
    let other = tier_change("t3", "b");
    let latest = block_on(record_tier_changes(
        &store,
        &[newer.clone(), older.clone(), other],
    ))
    .unwrap();
    assert_eq!(latest.get(&id("a")), Some(&ValueTier::Vip));
    assert_eq!(latest.len(), 2);
    assert_eq!(
        block_on(tier_history(&store, &id("a"))).unwrap(),
        vec![newer, older]
    );
    assert_eq!(block_on(tier_changes(&store)).unwrap().len(), 3);
}

#[test]
fn the_start_up_read_takes_defaults_for_what_was_never_saved() {
    let store = store_with(&["a"]);
    let empty = block_on(load_service_data(&store)).unwrap();
    assert_eq!(empty.response_targets, ResponseTargets::default());
    assert_eq!((empty.reminder_days, empty.last_backup), (7, None));
    let targets = ResponseTargets {
        default_hours: 3,
        ..ResponseTargets::default()
    };
    block_on(save_setting(&store, &RESPONSE_TARGETS, &targets)).unwrap();
    block_on(save_setting(
        &store,
        &crm::services::settings::BACKUP_REMINDER_DAYS,
        &30,
    ))
    .unwrap();
    block_on(store.put_follow_up(&follow_up("f1", "a"))).unwrap();
    block_on(store.put_tier_changes(&[tier_change("t1", "a")])).unwrap();
    let read = block_on(load_service_data(&store)).unwrap();
    assert_eq!((read.response_targets, read.reminder_days), (targets, 30));
    assert_eq!(read.follow_ups.len(), 1);
    assert_eq!(read.tiers.get(&id("a")), Some(&ValueTier::Vip));
}
