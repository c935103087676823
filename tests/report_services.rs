//! The revisit report's use cases natively over the in-memory adapter: a report is
//! one write of everything, a refused one writes nothing, an edit keeps the plan's
//! identity, and the week's reports and their review.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use common::block_on;
use common::contract::{at, buyer, contact, follow_up, id};
use crm::domain::contacts::{ContactField, ContactProblem, FollowUpDraft, ReportDraft, ReportIds};
use crm::services::contacts::{
    edit_follow_up, file_report, reports_this_week, review_report, ContactActionError,
};
use crm::storage::memory::MemoryStore;
use crm::storage::prelude::*;

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

fn ids() -> ReportIds {
    ReportIds {
        contact: "r1".into(),
        next_follow_up: "f2".into(),
    }
}

fn draft() -> ReportDraft {
    ReportDraft {
        channel: "phone".into(),
        outcome: "Liked the blue range".into(),
        next_step: "Send a quote".into(),
        satisfaction: "4".into(),
        next_at: "2026-11-28T10:00".into(),
        next_purpose: String::new(),
    }
}

fn store_with_plan() -> MemoryStore {
    let store = MemoryStore::new();
    block_on(async {
        store.insert_customer(&buyer("a")).await.unwrap();
        store.put_follow_up(&follow_up("f1", "a")).await.unwrap();
    });
    store
}

fn fields(e: ContactActionError) -> Vec<(ContactField, ContactProblem)> {
    match e {
        ContactActionError::Invalid(errors) => {
            errors.iter().map(|e| (e.field, e.problem)).collect()
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn a_report_writes_the_done_follow_up_the_contact_and_the_next_at_once() {
    let store = store_with_plan();
    let now = at(25, 10);
    let filed = block_on(file_report(
        &store,
        &follow_up("f1", "a"),
        &draft(),
        ids(),
        now,
        utc(),
    ))
    .unwrap();
    assert_eq!(filed.customer.last_contact_at, Some(now));
    let contacts = block_on(store.contacts_for_customer(&id("a"))).unwrap();
    assert_eq!(contacts, vec![filed.report.contact.clone()]);
    let report = &contacts[0];
    assert_eq!(
        report.summary, "check the refund arrived",
        "the follow-up's purpose"
    );
    assert_eq!(report.outcome, "Liked the blue range");
    assert_eq!(report.satisfaction, Some(4));
    assert_eq!(report.follow_up_id.as_deref(), Some("f1"));
    assert_eq!(report.rep, "Mei");
    let mut follow_ups = block_on(store.load_follow_ups()).unwrap();
    follow_ups.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(follow_ups.len(), 2);
    assert_eq!(follow_ups[0].done_at, Some(now));
    assert_eq!(follow_ups[1].purpose, "Send a quote");
    assert_eq!(
        follow_ups[1].due_at,
        Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap()
    );
    assert!(follow_ups[1].is_open());
    assert_eq!(
        block_on(store.get_customer(&id("a")))
            .unwrap()
            .unwrap()
            .last_contact_at,
        Some(now)
    );
}

#[test]
fn a_refused_report_writes_nothing() {
    let store = store_with_plan();
    let bad = ReportDraft {
        outcome: " ".into(),
        satisfaction: "7".into(),
        ..draft()
    };
    let e = block_on(file_report(
        &store,
        &follow_up("f1", "a"),
        &bad,
        ids(),
        at(25, 10),
        utc(),
    ))
    .unwrap_err();
    assert_eq!(
        fields(e),
        vec![
            (ContactField::Outcome, ContactProblem::Required),
            (ContactField::Satisfaction, ContactProblem::UnknownChoice),
        ]
    );
    assert!(block_on(store.contacts_for_customer(&id("a")))
        .unwrap()
        .is_empty());
    assert_eq!(
        block_on(store.load_follow_ups()).unwrap(),
        vec![follow_up("f1", "a")]
    );
    let customer = block_on(store.get_customer(&id("a"))).unwrap().unwrap();
    assert_eq!((customer.last_contact_at, customer.revision), (None, 0));
    // A follow-up already done elsewhere: the store refuses, nothing is written.
    let done = crm::domain::contacts::complete(&follow_up("f1", "a"), at(25, 9));
    block_on(store.put_follow_up(&done)).unwrap();
    let e = block_on(file_report(
        &store,
        &follow_up("f1", "a"),
        &draft(),
        ids(),
        at(25, 10),
        utc(),
    ))
    .unwrap_err();
    assert!(
        matches!(
            e,
            ContactActionError::Store(crm::storage::StoreError::FollowUpNotOpen(_))
        ),
        "{e:?}"
    );
    assert!(block_on(store.contacts_for_customer(&id("a")))
        .unwrap()
        .is_empty());
    assert_eq!(block_on(store.load_follow_ups()).unwrap().len(), 1);
}

#[test]
fn an_edit_reassigns_and_is_refused_whole_when_a_field_is_wrong() {
    let store = store_with_plan();
    let original = follow_up("f1", "a");
    let draft = FollowUpDraft {
        rep: "Tomás".into(),
        due_at: "2026-11-26T15:00".into(),
        duration_minutes: "60".into(),
        purpose: "Walk through the quote".into(),
        talking_points: "discount for 50+".into(),
        materials: "price list".into(),
    };
    let saved = block_on(edit_follow_up(&store, &original, &draft, at(25, 10), utc())).unwrap();
    assert_eq!(
        block_on(store.load_follow_ups()).unwrap(),
        vec![saved.clone()]
    );
    assert_eq!(saved.rep, "Tomás");
    assert_eq!(saved.talking_points, "discount for 50+");
    assert_eq!(saved.created_at, original.created_at);
    let wrong = FollowUpDraft {
        duration_minutes: "1".into(),
        ..draft
    };
    let e = block_on(edit_follow_up(&store, &saved, &wrong, at(25, 10), utc())).unwrap_err();
    assert_eq!(
        fields(e),
        vec![(ContactField::Duration, ContactProblem::DurationRange)]
    );
    assert_eq!(block_on(store.load_follow_ups()).unwrap(), vec![saved]);
}

#[test]
fn the_weeks_reports_come_newest_first_and_a_review_is_stored() {
    let store = store_with_plan();
    let mut last_week = contact("last-week", "a", at(20, 9)); // Friday 20 Nov
    last_week.follow_up_id = Some("f0".into());
    block_on(store.log_contact(&last_week)).unwrap();
    block_on(file_report(
        &store,
        &follow_up("f1", "a"),
        &draft(),
        ids(),
        at(24, 10),
        utc(),
    ))
    .unwrap();
    let mut later = contact("later", "a", at(26, 9));
    later.follow_up_id = Some("f9".into());
    block_on(store.log_contact(&later)).unwrap();
    let now: DateTime<Utc> = at(26, 12); // Thursday 26 Nov 2026
    let week: Vec<String> = block_on(reports_this_week(&store, now, utc()))
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(week, vec!["later", "r1"]);

    let e = block_on(review_report(&store, "r1", " ", "ok", now)).unwrap_err();
    assert_eq!(
        fields(e),
        vec![(ContactField::Reviewer, ContactProblem::Required)]
    );
    assert_eq!(
        block_on(reports_this_week(&store, now, utc())).unwrap()[1].review,
        None
    );
    let reviewed = block_on(review_report(&store, "r1", "Ana", " good call ", now)).unwrap();
    let review = reviewed.review.unwrap();
    assert_eq!(
        (review.by.as_str(), review.comment.as_str(), review.at),
        ("Ana", "good call", now)
    );
    let stored = block_on(store.contacts_for_customer(&id("a"))).unwrap();
    let r1 = stored.iter().find(|c| c.id == "r1").unwrap();
    assert_eq!(r1.review.as_ref().map(|r| r.by.as_str()), Some("Ana"));
}
