//! The contract of the revisit report: filing one in a single transaction, reading
//! the reports since a time across customers, and storing a lead's review.

use crm::domain::contacts::{ReportReview, RevisitReport};
use crm::storage::prelude::*;
use crm::storage::StoreError;

use super::fixtures::{at, buyer, contact, follow_up, id};

/// The report on follow-up `f1` of customer `a`, filed at `when`, planning `f2`.
pub fn report_on_f1(when: chrono::DateTime<chrono::Utc>) -> RevisitReport {
    let planned = follow_up("f1", "a");
    let mut report_contact = contact("r1", "a", when);
    report_contact.outcome = "liked the blue range".into();
    report_contact.next_step = "send a quote".into();
    report_contact.satisfaction = Some(4);
    report_contact.follow_up_id = Some("f1".into());
    let mut next = follow_up("f2", "a");
    next.due_at = at(28, 9);
    next.purpose = "send a quote".into();
    RevisitReport {
        done: crm::domain::contacts::complete(&planned, when),
        contact: report_contact,
        next: Some(next),
    }
}

pub async fn a_report_writes_done_contact_last_contact_and_next_together<S: CrmStore>(store: &S) {
    store.insert_customer(&buyer("a")).await.unwrap();
    store.put_follow_up(&follow_up("f1", "a")).await.unwrap();
    let report = report_on_f1(at(25, 10));
    let customer = store.record_report(&report).await.unwrap();
    assert_eq!(customer.last_contact_at, Some(at(25, 10)));
    assert_eq!(customer.revision, 1, "the report's contact is a change");
    assert_eq!(store.get_customer(&id("a")).await.unwrap(), Some(customer));
    assert_eq!(
        store.contacts_for_customer(&id("a")).await.unwrap(),
        vec![report.contact.clone()]
    );
    let mut follow_ups = store.load_follow_ups().await.unwrap();
    follow_ups.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(follow_ups, vec![report.done.clone(), report.next.unwrap()]);
    // Filed again (a second tab, a double click): refused, nothing more written.
    let mut again = report_on_f1(at(25, 11));
    again.contact.id = "r2".into();
    again.next = None;
    assert_eq!(
        store.record_report(&again).await,
        Err(StoreError::FollowUpNotOpen("f1".into()))
    );
    assert_eq!(
        store.contacts_for_customer(&id("a")).await.unwrap().len(),
        1
    );
    assert_eq!(
        store
            .get_customer(&id("a"))
            .await
            .unwrap()
            .unwrap()
            .revision,
        1
    );
}

pub async fn a_refused_report_writes_nothing<S: CrmStore>(store: &S) {
    // No such follow-up stored: refused before anything is written.
    store.insert_customer(&buyer("a")).await.unwrap();
    assert_eq!(
        store.record_report(&report_on_f1(at(25, 10))).await,
        Err(StoreError::FollowUpNotOpen("f1".into()))
    );
    // No such customer: refused too.
    store.put_follow_up(&follow_up("f1", "a")).await.unwrap();
    let mut orphan = report_on_f1(at(25, 10));
    orphan.contact.customer_id = id("gone");
    assert_eq!(
        store.record_report(&orphan).await,
        Err(StoreError::NotFound(id("gone")))
    );
    assert!(store
        .contacts_for_customer(&id("a"))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store.load_follow_ups().await.unwrap(),
        vec![follow_up("f1", "a")],
        "still open, no next follow-up"
    );
    let customer = store.get_customer(&id("a")).await.unwrap().unwrap();
    assert_eq!((customer.last_contact_at, customer.revision), (None, 0));
}

pub async fn reports_since_reads_report_contacts_across_customers<S: CrmStore>(store: &S) {
    store.insert_customer(&buyer("a")).await.unwrap();
    store.insert_customer(&buyer("b")).await.unwrap();
    let mut old = contact("old", "a", at(10, 9));
    old.follow_up_id = Some("f0".into());
    let plain = contact("plain", "a", at(24, 9));
    let mut on_b = contact("on-b", "b", at(23, 9));
    on_b.follow_up_id = Some("fb".into());
    let mut edge = contact("edge", "a", at(23, 0));
    edge.follow_up_id = Some("fe".into());
    for c in [&old, &plain, &on_b, &edge] {
        store.log_contact(c).await.unwrap();
    }
    let mut found = store.reports_since(at(23, 0)).await.unwrap();
    found.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(found, vec![edge, on_b], "from `since` on, reports only");
    assert!(store.reports_since(at(25, 0)).await.unwrap().is_empty());
}

pub async fn a_review_is_stored_on_the_one_contact<S: CrmStore>(store: &S) {
    store.insert_customer(&buyer("a")).await.unwrap();
    store.put_follow_up(&follow_up("f1", "a")).await.unwrap();
    let report = report_on_f1(at(25, 10));
    store.record_report(&report).await.unwrap();
    store
        .log_contact(&contact("other", "a", at(25, 12)))
        .await
        .unwrap();
    let review = ReportReview {
        by: "Ana".into(),
        at: at(26, 9),
        comment: "good call; quote by Friday".into(),
    };
    let reviewed = store.review_report("r1", &review).await.unwrap();
    let mut expected = report.contact.clone();
    expected.review = Some(review.clone());
    assert_eq!(reviewed, expected);
    let mut stored = store.contacts_for_customer(&id("a")).await.unwrap();
    stored.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(stored, vec![contact("other", "a", at(25, 12)), expected]);
    // A later review replaces the earlier one.
    let second = ReportReview {
        comment: String::new(),
        ..review
    };
    assert_eq!(
        store.review_report("r1", &second).await.unwrap().review,
        Some(second)
    );
    assert_eq!(
        store
            .review_report(
                "nobody",
                &ReportReview {
                    by: "Ana".into(),
                    at: at(26, 9),
                    comment: String::new(),
                }
            )
            .await,
        Err(StoreError::ContactNotFound("nobody".into()))
    );
}
