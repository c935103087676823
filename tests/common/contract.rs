//! The storage port's contract: what every adapter must do, written once, generic
//! over the store. `tests/memory_store.rs` runs every check natively against the
//! in-memory adapter, `tests/idb_store.rs` in the browser against IndexedDB, both
//! through [`contract_checks!`], so a check cannot be added for one and forgotten
//! for the other.
//!
//! Each check gets a new, empty store. Where the adapters report the same failure
//! in different words (a duplicate key is the browser's ConstraintError in
//! IndexedDB), a check asserts only that it failed and that nothing changed.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use crm::domain::backup::{BackupData, SettingRecord};
use crm::domain::complaint::{Complaint, ComplaintDraft, WizardStep};
use crm::domain::contact::{Contact, ContactChannel, Direction, FollowUp};
use crm::domain::customer::{Customer, CustomerId};
use crm::domain::demo;
use crm::domain::order::{CostEntry, CostKind, CurrencyCode, Money, Order, OrderStatus};
use crm::domain::tiering::TierChange;
use crm::domain::value::{RankBy, ValueTier};
use crm::storage::prelude::*;
use crm::storage::test_support::StoreTestSupport;
use crm::storage::StoreError;

/// Calls `$run!(check)` for every check of the contract.
#[allow(unused_macros)]
macro_rules! contract_checks {
    ($run:ident) => {
        $run!(customer_round_trips_exactly);
        $run!(inserting_an_existing_id_is_refused);
        $run!(saves_bump_the_revision_and_stale_saves_are_refused);
        $run!(saving_a_missing_customer_reports_not_found);
        $run!(indices_find_orders_by_customer_and_customers_by_country);
        $run!(delete_removes_customer_and_orders_and_undo_restores_both);
        $run!(delete_and_undo_restore_a_demo_customer_and_orders);
        $run!(a_customer_import_merges_revision_checked_and_is_all_or_nothing);
        $run!(order_pages_hold_every_order_once);
        $run!(an_order_import_creates_customers_with_the_orders_all_or_nothing);
        $run!(costs_and_tier_changes_round_trip);
        $run!(complaint_saves_follow_the_revision_rule);
        $run!(a_stale_complaint_save_is_refused_and_books_no_cost);
        $run!(complaint_drafts_keep_the_last_save);
        $run!(contacts_advance_last_contact_and_leave_with_the_customer);
        $run!(logging_a_contact_moves_last_contact_forward_only);
        $run!(deleting_a_customer_takes_their_service_records_and_undo_restores_them);
        $run!(settings_round_trip);
        $run!(export_then_replace_all_round_trips_everything);
        $run!(put_records_adds_and_replaces_leaving_the_rest);
    };
}
#[allow(unused_imports)]
pub(crate) use contract_checks;

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

/// A customer with every text field filled, including markup and CJK text.
pub fn rich_customer(id: &str, name: &str, country: &str) -> Customer {
    let at = Utc.with_ymd_and_hms(2026, 5, 1, 9, 30, 0).unwrap();
    let mut c = Customer::minimal(CustomerId(id.into()), name, country, at);
    c.email = format!("{id}@example.com");
    c.phone = "+34 612 345 678".into();
    c.language = "es".into();
    c.time_zone = "Europe/Madrid".into();
    c.address = "Calle Mayor 1".into();
    c.tags = vec!["vip".into(), "电子产品".into()];
    c.notes = "<img src=x onerror=alert(1)>".into();
    c
}

pub fn buyer(id: &str) -> Customer {
    Customer::minimal(CustomerId(id.into()), "Lucía García", "ES", at(1, 9))
}

pub fn order(id: &str, customer: &str, cents: i64) -> Order {
    Order {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        number: id.into(),
        channel: "AliExpress".into(),
        placed_on: NaiveDate::from_ymd_opt(2026, 4, 2).unwrap(),
        total: Money::new(cents, CurrencyCode::parse("EUR").unwrap()),
        status: OrderStatus::Delivered,
        cost_of_goods: cents / 2,
        shipping_cost: 0,
        discount: 0,
        refunded: 0,
    }
}

pub fn contact(id: &str, customer: &str, when: DateTime<Utc>) -> Contact {
    Contact {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        at: when,
        channel: ContactChannel::Email,
        direction: Direction::Outbound,
        rep: "Mei".into(),
        summary: "sent tracking number".into(),
        outcome: String::new(),
        next_step: String::new(),
        complaint_id: None,
    }
}

pub fn follow_up(id: &str, customer: &str) -> FollowUp {
    FollowUp {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        rep: "Mei".into(),
        due_at: at(25, 2),
        duration_minutes: 30,
        purpose: "check the refund arrived".into(),
        complaint_id: None,
        done_at: None,
        created_at: at(24, 2),
    }
}

pub fn cost(id: &str, customer: &str, cents: i64) -> CostEntry {
    CostEntry {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        on: at(24, 8).date_naive(),
        kind: CostKind::ComplaintHandling,
        amount: Money::new(cents, CurrencyCode::parse("EUR").unwrap()),
        note: "partial refund".into(),
    }
}

pub fn tier_change(id: &str, customer: &str) -> TierChange {
    TierChange {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        at: at(30, 12),
        period: "2025-12-01 – 2026-11-30".into(),
        from: None,
        to: ValueTier::Vip,
        rank: 1,
        rank_by: RankBy::Profit,
    }
}

fn id(s: &str) -> CustomerId {
    CustomerId(s.into())
}

fn sorted_ids<T>(items: Vec<T>, key: impl Fn(&T) -> String) -> Vec<String> {
    let mut ids: Vec<String> = items.iter().map(key).collect();
    ids.sort();
    ids
}

// ---- customers ----

pub async fn customer_round_trips_exactly<S: CrmStore + StoreTestSupport>(store: &S) {
    let original = rich_customer("a", "Lucía García", "ES");
    store.insert_customer(&original).await.unwrap();
    assert_eq!(
        store.get_customer(&original.id).await.unwrap(),
        Some(original.clone())
    );
    let loaded = store.load_customers().await.unwrap();
    assert_eq!(loaded.customers, vec![original]);
    assert_eq!(loaded.unreadable, 0);
    assert_eq!(store.count_customers().await.unwrap(), 1);
    assert_eq!(store.get_customer(&id("nobody")).await.unwrap(), None);
}

pub async fn inserting_an_existing_id_is_refused<S: CrmStore>(store: &S) {
    let c = rich_customer("a", "Ana", "ES");
    store.insert_customer(&c).await.unwrap();
    let mut other = c.clone();
    other.name = "Someone else".into();
    assert_eq!(
        store.insert_customer(&other).await,
        Err(StoreError::AlreadyExists(c.id.clone()))
    );
    assert_eq!(
        store.get_customer(&c.id).await.unwrap().map(|c| c.name),
        Some("Ana".into())
    );
}

pub async fn saves_bump_the_revision_and_stale_saves_are_refused<S: CrmStore>(store: &S) {
    let c = rich_customer("a", "Ana", "ES");
    store.insert_customer(&c).await.unwrap();

    // Two tabs read revision 0; the first save wins.
    let mut tab_one = c.clone();
    tab_one.name = "Ana Tab One".into();
    let mut tab_two = c.clone();
    tab_two.name = "Ana Tab Two".into();
    let saved = store.save_customer(&tab_one).await.unwrap();
    assert_eq!(saved.revision, 1);
    assert_eq!(
        store.save_customer(&tab_two).await,
        Err(StoreError::StaleRevision {
            stored: 1,
            yours: 0
        })
    );
    let stored = store.get_customer(&c.id).await.unwrap().unwrap();
    assert_eq!(stored, saved);
    assert_eq!(
        stored.name, "Ana Tab One",
        "the refused save changed nothing"
    );

    // Re-applying on top of the fresh record works.
    let mut reapplied = stored.clone();
    reapplied.name = "Ana Tab Two".into();
    assert_eq!(store.save_customer(&reapplied).await.unwrap().revision, 2);
}

pub async fn saving_a_missing_customer_reports_not_found<S: CrmStore + StoreTestSupport>(
    store: &S,
) {
    let c = rich_customer("ghost", "Ghost", "ES");
    assert_eq!(
        store.save_customer(&c).await,
        Err(StoreError::NotFound(c.id.clone()))
    );
    assert_eq!(store.count_customers().await.unwrap(), 0);
}

pub async fn indices_find_orders_by_customer_and_customers_by_country<
    S: CrmStore + StoreTestSupport,
>(
    store: &S,
) {
    let customers = vec![
        rich_customer("a", "Ana", "ES"),
        rich_customer("b", "Bo", "SE"),
        rich_customer("c", "Carla", "ES"),
    ];
    let orders = vec![
        order("o1", "a", 1999),
        order("o2", "a", 500),
        order("o3", "b", 42),
    ];
    store.put_many(&customers, &orders).await.unwrap();

    let for_a = store.orders_for_customer(&id("a")).await.unwrap();
    assert_eq!(sorted_ids(for_a, |o| o.id.clone()), ["o1", "o2"]);
    assert!(store
        .orders_for_customer(&id("c"))
        .await
        .unwrap()
        .is_empty());

    let spanish = store.customers_in_country("ES").await.unwrap();
    assert_eq!(sorted_ids(spanish, |c| c.name.clone()), ["Ana", "Carla"]);
    assert!(store.customers_in_country("FR").await.unwrap().is_empty());
}

pub async fn delete_removes_customer_and_orders_and_undo_restores_both<
    S: CrmStore + StoreTestSupport,
>(
    store: &S,
) {
    let a = rich_customer("a", "Ana", "ES");
    store
        .put_many(
            &[a.clone(), rich_customer("b", "Bo", "SE")],
            &[order("o1", "a", 10), order("o2", "b", 20)],
        )
        .await
        .unwrap();

    let deleted = store.delete_customer(&a.id).await.unwrap();
    assert_eq!(deleted.customer, a);
    assert_eq!(deleted.orders, vec![order("o1", "a", 10)]);
    assert_eq!(store.get_customer(&a.id).await.unwrap(), None);
    assert!(store.orders_for_customer(&a.id).await.unwrap().is_empty());
    assert_eq!(
        store.orders_for_customer(&id("b")).await.unwrap().len(),
        1,
        "other customers' orders stay"
    );

    store.undo_delete(&deleted).await.unwrap();
    assert_eq!(store.get_customer(&a.id).await.unwrap(), Some(a.clone()));
    assert_eq!(
        store.orders_for_customer(&a.id).await.unwrap(),
        deleted.orders
    );
    // Undoing twice would overwrite the restored customer: refused.
    assert_eq!(
        store.undo_delete(&deleted).await,
        Err(StoreError::AlreadyExists(a.id.clone()))
    );

    assert_eq!(
        store.delete_customer(&id("nobody")).await,
        Err(StoreError::NotFound(id("nobody")))
    );
}

pub async fn delete_and_undo_restore_a_demo_customer_and_orders<S: CrmStore + StoreTestSupport>(
    store: &S,
) {
    let data = demo::generate(20, 1, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    store.put_many(&data.customers, &data.orders).await.unwrap();
    let with_orders = data
        .customers
        .iter()
        .find(|c| data.orders.iter().any(|o| o.customer_id == c.id))
        .expect("some demo customer has orders");
    let before = store.orders_for_customer(&with_orders.id).await.unwrap();
    let deleted = store.delete_customer(&with_orders.id).await.unwrap();
    assert_eq!(store.count_customers().await.unwrap(), 19);
    assert!(store
        .orders_for_customer(&with_orders.id)
        .await
        .unwrap()
        .is_empty());
    store.undo_delete(&deleted).await.unwrap();
    assert_eq!(
        store.orders_for_customer(&with_orders.id).await.unwrap(),
        before
    );
    assert_eq!(
        store.get_customer(&with_orders.id).await.unwrap().as_ref(),
        Some(with_orders)
    );
    assert_eq!(
        store.undo_delete(&deleted).await,
        Err(StoreError::AlreadyExists(with_orders.id.clone()))
    );
}

pub async fn a_customer_import_merges_revision_checked_and_is_all_or_nothing<
    S: CrmStore + StoreTestSupport,
>(
    store: &S,
) {
    store.insert_customer(&buyer("a")).await.unwrap();
    let mut merge = buyer("a");
    merge.email = "lucia@example.com".into();
    let merged = store
        .import_customers(&[buyer("b")], std::slice::from_ref(&merge))
        .await
        .unwrap();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].revision, 1);
    assert_eq!(
        store.get_customer(&id("a")).await.unwrap().as_ref(),
        merged.first()
    );
    assert_eq!(
        store.get_customer(&id("b")).await.unwrap(),
        Some(buyer("b"))
    );

    // A stale merge refuses the whole import: the new customer is not created.
    let refused = store.import_customers(&[buyer("c")], &[merge]).await;
    assert_eq!(
        refused,
        Err(StoreError::StaleRevision {
            stored: 1,
            yours: 0
        })
    );
    // Creating an id that exists refuses it too, and the merge is not saved.
    let mut fresh = merged[0].clone();
    fresh.notes = "merged again".into();
    assert!(store
        .import_customers(&[buyer("b")], &[fresh])
        .await
        .is_err());
    assert_eq!(
        store.get_customer(&id("a")).await.unwrap().as_ref(),
        merged.first()
    );
    assert_eq!(store.get_customer(&id("c")).await.unwrap(), None);
    assert_eq!(store.count_customers().await.unwrap(), 2);
}

// ---- orders ----

pub async fn order_pages_hold_every_order_once<S: CrmStore + StoreTestSupport>(store: &S) {
    let orders: Vec<Order> = (0..7)
        .map(|n| order(&format!("o{n}"), "a", 100 + n))
        .collect();
    store.put_many(&[buyer("a")], &orders).await.unwrap();
    let mut pages = Vec::new();
    store
        .for_each_order_page(3, &mut |page| pages.push(page))
        .await
        .unwrap();
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        [3, 3, 1],
        "full pages, then the rest"
    );
    assert_eq!(pages.concat(), orders, "every order once, in key order");

    let mut calls = 0;
    store
        .for_each_order_page(7, &mut |_| calls += 1)
        .await
        .unwrap();
    assert_eq!(
        calls, 1,
        "an exact last page is not followed by an empty one"
    );
}

pub async fn an_order_import_creates_customers_with_the_orders_all_or_nothing<
    S: CrmStore + StoreTestSupport,
>(
    store: &S,
) {
    store.insert_customer(&buyer("known")).await.unwrap();
    let orders = [order("o1", "known", 100), order("o2", "new", 200)];
    let reported = std::cell::RefCell::new(Vec::new());
    store
        .import_orders(&[buyer("new")], &orders, &|done, total| {
            reported.borrow_mut().push((done, total))
        })
        .await
        .unwrap();
    assert_eq!(reported.borrow().last(), Some(&(2, 2)));
    assert_eq!(
        store.get_customer(&id("new")).await.unwrap(),
        Some(buyer("new"))
    );
    assert_eq!(
        store.orders_for_customer(&id("new")).await.unwrap().len(),
        1
    );

    // A customer that exists meanwhile aborts the whole import.
    let refused = store
        .import_orders(&[buyer("known")], &[order("o3", "known", 300)], &|_, _| {})
        .await;
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(
        store.orders_for_customer(&id("known")).await.unwrap(),
        vec![order("o1", "known", 100)]
    );
    assert_eq!(store.count_customers().await.unwrap(), 2);
}

// ---- value ----

pub async fn costs_and_tier_changes_round_trip<S: CrmStore>(store: &S) {
    assert!(store.load_costs().await.unwrap().is_empty());
    assert!(store.load_tier_changes().await.unwrap().is_empty());
    store
        .put_costs(&[cost("k1", "a", 100), cost("k2", "b", 200)])
        .await
        .unwrap();
    // Same id = replaced.
    store.put_costs(&[cost("k1", "a", 150)]).await.unwrap();
    assert_eq!(
        store.load_costs().await.unwrap(),
        vec![cost("k1", "a", 150), cost("k2", "b", 200)]
    );
    store
        .put_tier_changes(&[tier_change("t1", "a"), tier_change("t2", "b")])
        .await
        .unwrap();
    assert_eq!(
        store.load_tier_changes().await.unwrap(),
        vec![tier_change("t1", "a"), tier_change("t2", "b")]
    );
}

// ---- complaints ----

pub async fn complaint_saves_follow_the_revision_rule<S: CrmStore>(store: &S) {
    let complaint = Complaint::open("c1".into(), id("a"), at(24, 8));
    store.insert_complaint(&complaint).await.unwrap();
    assert!(store.insert_complaint(&complaint).await.is_err());
    let saved = store.save_complaint(&complaint, None).await.unwrap();
    assert_eq!(saved.revision, 1);
    assert_eq!(
        store.save_complaint(&complaint, None).await,
        Err(StoreError::StaleRevision {
            stored: 1,
            yours: 0
        })
    );
    assert_eq!(store.get_complaint("c1").await.unwrap(), Some(saved));
    assert_eq!(store.get_complaint("other").await.unwrap(), None);
}

pub async fn a_stale_complaint_save_is_refused_and_books_no_cost<S: CrmStore>(store: &S) {
    let complaint = Complaint::open("c1".into(), id("a"), at(24, 8));
    store.insert_complaint(&complaint).await.unwrap();
    let cost = cost("complaint:c1", "a", 1250);
    // The first tab saves with the cost: both land.
    let mut first = complaint.clone();
    first.outcome = "refunded".into();
    let saved = store.save_complaint(&first, Some(&cost)).await.unwrap();
    assert_eq!(saved.revision, complaint.revision + 1);
    assert_eq!(store.load_costs().await.unwrap(), vec![cost.clone()]);

    // The second tab still holds the old revision: refused, and its cost not booked.
    let mut second = complaint.clone();
    second.outcome = "replacement sent".into();
    let other_cost = CostEntry {
        id: "complaint:c1-other".into(),
        ..cost.clone()
    };
    let refused = store.save_complaint(&second, Some(&other_cost)).await;
    assert!(
        matches!(refused, Err(StoreError::StaleRevision { .. })),
        "{refused:?}"
    );
    assert_eq!(store.load_costs().await.unwrap(), vec![cost]);
    assert_eq!(
        store.get_complaint("c1").await.unwrap().map(|c| c.outcome),
        Some("refunded".into())
    );
    // Saving a complaint nobody created is an error, not a silent insert.
    let ghost = Complaint::open("ghost".into(), id("a"), at(24, 8));
    assert!(matches!(
        store.save_complaint(&ghost, None).await,
        Err(StoreError::ComplaintNotFound(_))
    ));
    assert_eq!(store.load_complaints().await.unwrap(), vec![saved]);
}

pub async fn complaint_drafts_keep_the_last_save<S: CrmStore>(store: &S) {
    let mut draft = ComplaintDraft {
        complaint_id: "c1".into(),
        step: WizardStep::Remedy,
        ..ComplaintDraft::default()
    };
    // Every keystroke is a save; only the last one must come back.
    for typed in ["1", "12", "12,", "12,5", "12,50"] {
        draft.remedy_amount = typed.into();
        store.save_complaint_draft(&draft).await.unwrap();
    }
    assert_eq!(store.load_complaint_draft("c1").await.unwrap(), Some(draft));
    assert_eq!(store.load_complaint_draft("other").await.unwrap(), None);
}

// ---- contacts ----

pub async fn contacts_advance_last_contact_and_leave_with_the_customer<S: CrmStore>(store: &S) {
    store.insert_customer(&buyer("a")).await.unwrap();
    store
        .log_contact(&contact("k1", "a", at(20, 9)))
        .await
        .unwrap();
    let after_old = store
        .log_contact(&contact("k0", "a", at(3, 9)))
        .await
        .unwrap();
    assert_eq!(after_old.last_contact_at, Some(at(20, 9)));
    assert_eq!(after_old.revision, 2, "each logged contact is a change");
    // A newer contact moves it forward again.
    let after_new = store
        .log_contact(&contact("k2", "a", at(22, 9)))
        .await
        .unwrap();
    assert_eq!(after_new.last_contact_at, Some(at(22, 9)));
    store.put_follow_up(&follow_up("f1", "a")).await.unwrap();
    let deleted = store.delete_customer(&id("a")).await.unwrap();
    assert_eq!(deleted.contacts.len(), 3);
    assert_eq!(deleted.follow_ups.len(), 1);
    assert!(store.load_follow_ups().await.unwrap().is_empty());
    store.undo_delete(&deleted).await.unwrap();
    assert_eq!(
        store.contacts_for_customer(&id("a")).await.unwrap().len(),
        3
    );
    assert_eq!(store.load_follow_ups().await.unwrap().len(), 1);
}

pub async fn logging_a_contact_moves_last_contact_forward_only<S: CrmStore>(store: &S) {
    store.insert_customer(&buyer("a")).await.unwrap();
    let updated = store
        .log_contact(&contact("k1", "a", at(20, 9)))
        .await
        .unwrap();
    assert_eq!(updated.last_contact_at, Some(at(20, 9)));
    // A back-dated entry is logged but does not make the customer look neglected.
    let updated = store
        .log_contact(&contact("k0", "a", at(2, 9)))
        .await
        .unwrap();
    assert_eq!(updated.last_contact_at, Some(at(20, 9)));
    let stored = store.get_customer(&id("a")).await.unwrap();
    assert_eq!(stored, Some(updated));
    let mut logged = store.contacts_for_customer(&id("a")).await.unwrap();
    logged.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        logged,
        vec![contact("k0", "a", at(2, 9)), contact("k1", "a", at(20, 9))]
    );
    // Nobody to log against: refused, nothing stored.
    assert!(matches!(
        store.log_contact(&contact("k2", "nobody", at(20, 9))).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(store
        .contacts_for_customer(&id("nobody"))
        .await
        .unwrap()
        .is_empty());
}

pub async fn deleting_a_customer_takes_their_service_records_and_undo_restores_them<S: CrmStore>(
    store: &S,
) {
    store.insert_customer(&buyer("a")).await.unwrap();
    store.insert_customer(&buyer("b")).await.unwrap();
    let complaint = Complaint::open("c1".into(), id("a"), at(24, 8));
    store.insert_complaint(&complaint).await.unwrap();
    store
        .save_complaint_draft(&ComplaintDraft {
            complaint_id: "c1".into(),
            ..ComplaintDraft::default()
        })
        .await
        .unwrap();
    store
        .log_contact(&contact("k1", "a", at(20, 9)))
        .await
        .unwrap();
    store.put_follow_up(&follow_up("f1", "a")).await.unwrap();
    store.put_follow_up(&follow_up("f2", "b")).await.unwrap();

    let deleted = store.delete_customer(&id("a")).await.unwrap();
    assert_eq!(deleted.complaints.len(), 1);
    assert_eq!(deleted.contacts.len(), 1);
    assert_eq!(deleted.follow_ups, vec![follow_up("f1", "a")]);
    assert!(store.load_complaints().await.unwrap().is_empty());
    assert_eq!(store.load_complaint_draft("c1").await.unwrap(), None);
    assert_eq!(
        store.load_follow_ups().await.unwrap(),
        vec![follow_up("f2", "b")],
        "another customer's follow-up stays"
    );

    store.undo_delete(&deleted).await.unwrap();
    assert_eq!(store.load_complaints().await.unwrap(), vec![complaint]);
    assert_eq!(
        store.contacts_for_customer(&id("a")).await.unwrap().len(),
        1
    );
    assert_eq!(store.load_follow_ups().await.unwrap().len(), 2);
}

// ---- settings ----

pub async fn settings_round_trip<S: CrmStore>(store: &S) {
    assert_eq!(store.load_setting("value_settings").await.unwrap(), None);
    store
        .save_setting("value_settings", r#"{"a":1}"#)
        .await
        .unwrap();
    store.save_setting("other", "2").await.unwrap();
    assert_eq!(
        store
            .load_setting("value_settings")
            .await
            .unwrap()
            .as_deref(),
        Some(r#"{"a":1}"#)
    );
    // Saving again replaces.
    store
        .save_setting("value_settings", r#"{"a":2}"#)
        .await
        .unwrap();
    assert_eq!(
        store
            .load_setting("value_settings")
            .await
            .unwrap()
            .as_deref(),
        Some(r#"{"a":2}"#)
    );
    assert_eq!(
        store.load_setting("other").await.unwrap().as_deref(),
        Some("2")
    );
}

// ---- snapshot ----

/// One record of every kind, as a backup would hold them.
pub fn full_snapshot() -> BackupData {
    BackupData {
        customers: vec![rich_customer("a", "Ana", "ES"), buyer("b")],
        orders: vec![order("o1", "a", 100), order("o2", "b", 200)],
        costs: vec![cost("k1", "a", 100)],
        tier_changes: vec![tier_change("t1", "a")],
        settings: vec![SettingRecord {
            key: "exchange_rates".into(),
            json: r#"{"EUR":"1.08"}"#.into(),
        }],
        complaints: vec![Complaint::open("c1".into(), id("a"), at(24, 8))],
        contacts: vec![contact("k1", "a", at(20, 9))],
        follow_ups: vec![follow_up("f1", "b")],
        complaint_drafts: vec![ComplaintDraft {
            complaint_id: "c1".into(),
            customer_words: "¡Llegó roto!".into(),
            ..ComplaintDraft::default()
        }],
    }
}

pub async fn export_then_replace_all_round_trips_everything<S: CrmStore>(store: &S) {
    assert_eq!(store.export_all().await.unwrap(), BackupData::default());
    let snapshot = full_snapshot();
    store.replace_all(&snapshot).await.unwrap();
    assert_eq!(store.export_all().await.unwrap(), snapshot);

    // Anything written afterwards is gone after restoring the snapshot again.
    store.insert_customer(&buyer("z")).await.unwrap();
    store.save_setting("later", "1").await.unwrap();
    store.put_follow_up(&follow_up("f9", "z")).await.unwrap();
    store.replace_all(&snapshot).await.unwrap();
    assert_eq!(store.export_all().await.unwrap(), snapshot);
    assert_eq!(store.get_customer(&id("z")).await.unwrap(), None);
    assert_eq!(store.load_setting("later").await.unwrap(), None);

    store.replace_all(&BackupData::default()).await.unwrap();
    assert_eq!(store.export_all().await.unwrap(), BackupData::default());
}

pub async fn put_records_adds_and_replaces_leaving_the_rest<S: CrmStore>(store: &S) {
    let keep = buyer("keep");
    store.insert_customer(&keep).await.unwrap();
    store.save_setting("mine", "1").await.unwrap();
    let snapshot = full_snapshot();
    let mut changed = snapshot.customers[0].clone();
    changed.name = "Before".into();
    store.insert_customer(&changed).await.unwrap();
    store.put_records(&snapshot).await.unwrap();

    assert_eq!(store.get_customer(&keep.id).await.unwrap(), Some(keep));
    assert_eq!(
        store.get_customer(&changed.id).await.unwrap().as_ref(),
        snapshot.customers.first(),
        "same id = replaced"
    );
    assert_eq!(
        store.load_setting("mine").await.unwrap().as_deref(),
        Some("1")
    );
    let all = store.export_all().await.unwrap();
    assert_eq!(all.customers.len(), 3);
    assert_eq!(all.orders, snapshot.orders);
    assert_eq!(all.complaint_drafts, snapshot.complaint_drafts);
    assert_eq!(all.settings.len(), 2);
}
