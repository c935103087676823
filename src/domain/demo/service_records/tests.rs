use super::*;
use crate::domain::complaints::{
    apply_step, complaint_stats, response_clock, ComplaintDraft, ResponseTargets,
};
use crate::domain::complaints::{ComplaintCause, ComplaintState, WizardStep};
use crate::domain::contacts::{bucket, FollowUpBucket};
use crate::domain::contacts::{conflicts, ContactChannel, FollowUp};
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::demo;
use chrono::FixedOffset;
use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};
use std::collections::HashMap;
use std::collections::HashSet;

/// Mid-morning, with seconds, like a real click on the button.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 30, 17).unwrap()
}

fn demo_data() -> demo::DemoData {
    demo::generate(600, demo::DEMO_SEED, now().date_naive())
}

fn demo_records(data: &demo::DemoData) -> DemoServiceRecords {
    generate_service_records(&data.customers, &data.orders, demo::DEMO_SEED, now())
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

#[test]
fn same_inputs_give_the_same_records() {
    let data = demo_data();
    let first = demo_records(&data);
    let second = demo_records(&data);
    assert_eq!(first, second);
    let other_seed = generate_service_records(&data.customers, &data.orders, 1, now());
    assert_ne!(first, other_seed);
}

#[test]
fn ids_are_unique_and_derived_from_customers() {
    let data = demo_data();
    let records = demo_records(&data);
    let mut seen = HashSet::new();
    let ids = records
        .complaints
        .iter()
        .map(|c| (&c.id, &c.customer_id))
        .chain(records.contacts.iter().map(|c| (&c.id, &c.customer_id)))
        .chain(records.follow_ups.iter().map(|f| (&f.id, &f.customer_id)));
    for (id, customer) in ids {
        assert!(seen.insert(id.clone()), "duplicate id {id}");
        assert!(
            id.contains(customer.as_str()),
            "{id} does not name its customer"
        );
    }
}

#[test]
fn complaint_histories_obey_the_state_machine_in_time_order() {
    let data = demo_data();
    let records = demo_records(&data);
    for c in &records.complaints {
        let mut state = ComplaintState::Open;
        let mut at = c.opened_at;
        for change in &c.history {
            assert_eq!(change.from, state, "{}", c.id);
            assert!(
                state.allowed_moves().contains(&change.to),
                "{}: {:?} -> {:?}",
                c.id,
                change.from,
                change.to
            );
            assert!(change.at > at, "{}: history out of order", c.id);
            state = change.to;
            at = change.at;
        }
        assert_eq!(c.state, state, "{}", c.id);
        assert_eq!(c.updated_at, at, "{}", c.id);
        assert!(c.last_customer_message_at >= c.opened_at);
        assert!(c.last_customer_message_at <= c.updated_at);
    }
}

#[test]
fn settled_complaints_are_complete_and_resolved_in_time() {
    let data = demo_data();
    let records = demo_records(&data);
    let currency_of: HashMap<&str, _> = data
        .orders
        .iter()
        .map(|o| (o.number.as_str(), o.total.currency))
        .collect();
    let mut settled = 0;
    for c in &records.complaints {
        if !matches!(c.state, ComplaintState::Resolved | ComplaintState::Closed) {
            assert!(c.resolved_at.is_none(), "{}", c.id);
            continue;
        }
        settled += 1;
        let resolved_at = c.resolved_at.expect("settled complaints have resolved_at");
        let took = resolved_at - c.opened_at;
        assert!(
            took >= TimeDelta::hours(2) && took <= TimeDelta::days(6),
            "{} took {took}",
            c.id
        );
        assert!(matches!(c.satisfaction, Some(1..=5)), "{}", c.id);
        assert_eq!(c.completed_step, Some(WizardStep::FollowUp), "{}", c.id);
        assert!(
            !c.outcome.is_empty() && c.follow_up_at.is_some(),
            "{}",
            c.id
        );
        let remedy = c.remedy.as_ref().expect("settled complaints have a remedy");
        if remedy.kind.requires_amount() {
            let amount = remedy.amount.expect("money remedies carry their amount");
            assert!(amount.minor > 0, "{}", c.id);
            assert_eq!(
                Some(&amount.currency),
                currency_of.get(c.order_ref.as_str()),
                "{}: remedy not in the order currency",
                c.id
            );
        }
    }
    assert!(settled >= 50, "{settled} settled");
}

#[test]
fn demo_complaints_pass_the_wizard_checks() {
    let data = demo_data();
    let records = demo_records(&data);
    for c in &records.complaints {
        let Some(done) = c.completed_step else {
            continue;
        };
        for step in WizardStep::ALL.into_iter().filter(|step| *step <= done) {
            let draft = ComplaintDraft::from_complaint(c, step, utc());
            let checked = apply_step(c, &draft, step, now(), utc());
            assert!(checked.is_ok(), "{} {step:?}: {:?}", c.id, checked.err());
        }
    }
}

/// Every record lies inside its customer's life: not before `created_at`, not
/// after `now`, except open follow-ups (three days overdue to ten days ahead).
fn assert_inside_customer_lives(customers: &[Customer], records: &DemoServiceRecords) {
    let created: HashMap<&CustomerId, DateTime<Utc>> =
        customers.iter().map(|c| (&c.id, c.created_at)).collect();
    let within = |customer: &CustomerId, at: DateTime<Utc>, what: &str| {
        let since = created[customer];
        assert!(
            at >= since,
            "{what} at {at} precedes customer created {since}"
        );
        assert!(at <= now(), "{what} at {at} is after now");
    };
    for c in &records.complaints {
        let mut moments = vec![c.opened_at, c.updated_at, c.last_customer_message_at];
        moments.extend(c.resolved_at);
        moments.extend(c.follow_up_at);
        moments.extend(c.history.iter().map(|change| change.at));
        for at in moments {
            within(&c.customer_id, at, &c.id);
        }
        for date in c.happened_on.iter().chain(c.purchased_on.iter()) {
            assert!(*date <= now().date_naive(), "{}", c.id);
        }
    }
    for contact in &records.contacts {
        within(&contact.customer_id, contact.at, &contact.id);
    }
    for f in &records.follow_ups {
        within(&f.customer_id, f.created_at, &f.id);
        assert!(f.due_at >= created[&f.customer_id], "{}", f.id);
        match f.done_at {
            Some(done_at) => {
                within(&f.customer_id, f.due_at, &f.id);
                within(&f.customer_id, done_at, &f.id);
            }
            None => {
                assert!(f.due_at >= now() - TimeDelta::days(3), "{}", f.id);
                assert!(f.due_at <= now() + TimeDelta::days(11), "{}", f.id);
            }
        }
        assert!((15..=45).contains(&f.duration_minutes), "{}", f.id);
        assert!(DEMO_REPS.contains(&f.rep.as_str()), "{}", f.id);
    }
}

#[test]
fn nothing_lies_after_now_or_before_its_customer() {
    let data = demo_data();
    let records = demo_records(&data);
    assert_inside_customer_lives(&data.customers, &records);
    let created: HashMap<&CustomerId, NaiveDate> = data
        .customers
        .iter()
        .map(|c| (&c.id, c.created_at.date_naive()))
        .collect();
    for c in &records.complaints {
        for date in c.happened_on.iter().chain(c.purchased_on.iter()) {
            assert!(*date >= created[&c.customer_id], "{}", c.id);
        }
    }
}

#[test]
fn young_customers_get_nothing_before_they_existed() {
    // Customers created from a few hours to five weeks ago, with older orders, as
    // after an import: every clamp to `created_at` is needed here.
    let mut data = demo::generate(240, 5, now().date_naive());
    for (index, customer) in data.customers.iter_mut().enumerate() {
        customer.created_at = now() - TimeDelta::hours(index as i64 * 3);
    }
    let records = generate_service_records(&data.customers, &data.orders, 5, now());
    assert!(!records.contacts.is_empty() && !records.follow_ups.is_empty());
    assert_inside_customer_lives(&data.customers, &records);
}

#[test]
fn every_record_belongs_to_a_known_customer() {
    let data = demo_data();
    let records = demo_records(&data);
    let customers: HashSet<&CustomerId> = data.customers.iter().map(|c| &c.id).collect();
    let complaint_owner: HashMap<&str, &CustomerId> = records
        .complaints
        .iter()
        .map(|c| (c.id.as_str(), &c.customer_id))
        .collect();
    let linked = |customer: &CustomerId, complaint: &Option<String>| {
        if let Some(id) = complaint {
            assert_eq!(complaint_owner.get(id.as_str()), Some(&customer), "{id}");
        }
    };
    for c in &records.complaints {
        assert!(customers.contains(&c.customer_id));
    }
    for contact in &records.contacts {
        assert!(customers.contains(&contact.customer_id));
        assert!(DEMO_REPS.contains(&contact.rep.as_str()));
        linked(&contact.customer_id, &contact.complaint_id);
    }
    for f in &records.follow_ups {
        assert!(customers.contains(&f.customer_id));
        linked(&f.customer_id, &f.complaint_id);
    }
    for c in &records.complaints {
        assert!(
            records.contacts.iter().any(|contact| {
                contact.complaint_id.as_deref() == Some(c.id.as_str())
                    && contact.at.date_naive() == c.opened_at.date_naive()
            }),
            "{} has no contact on its opening day",
            c.id
        );
    }
}

#[test]
fn the_600_customer_demo_has_the_expected_amounts() {
    let data = demo_data();
    let records = demo_records(&data);
    let complaints = &records.complaints;
    assert!(
        (60..=90).contains(&complaints.len()),
        "{}",
        complaints.len()
    );
    let active = complaints.iter().filter(|c| c.state.is_active()).count();
    assert!((5..=12).contains(&active), "{active} active");
    let reopened = complaints
        .iter()
        .filter(|c| c.state == ComplaintState::Reopened)
        .count();
    assert!((1..=2).contains(&reopened), "{reopened} reopened");
    for c in complaints.iter().filter(|c| {
        matches!(
            c.state,
            ComplaintState::Open | ComplaintState::InProgress | ComplaintState::AwaitingCustomer
        )
    }) {
        assert!(now() - c.opened_at <= TimeDelta::days(3), "{}", c.id);
    }

    let stats = complaint_stats(complaints);
    assert!(stats.by_month.len() >= 10, "{:?}", stats.by_month);
    let first_contact = stats.first_contact_percent().unwrap();
    assert!((50..=70).contains(&first_contact), "{first_contact}%");
    let satisfaction = stats.average_satisfaction_tenths().unwrap();
    assert!(satisfaction >= 38, "{satisfaction}");

    let contacts = &records.contacts;
    assert!((500..=1300).contains(&contacts.len()), "{}", contacts.len());
    let with_routine: HashSet<&CustomerId> = contacts
        .iter()
        .filter(|c| c.complaint_id.is_none())
        .map(|c| &c.customer_id)
        .collect();
    assert!(
        (240..=360).contains(&with_routine.len()),
        "{} customers with contacts",
        with_routine.len()
    );
    let channels: HashSet<ContactChannel> = contacts.iter().map(|c| c.channel).collect();
    assert!(channels.len() >= 6, "{channels:?}");

    let open: Vec<&FollowUp> = records.follow_ups.iter().filter(|f| f.is_open()).collect();
    assert!((35..=45).contains(&open.len()), "{} open", open.len());
    let done = records.follow_ups.len() - open.len();
    assert!(done >= 10, "{done} done");
    let on_board = |wanted| {
        open.iter()
            .filter(|f| bucket(f, now(), utc()) == wanted)
            .count()
    };
    assert!(on_board(FollowUpBucket::Overdue) >= 3);
    assert!(on_board(FollowUpBucket::Today) >= 3);
    assert!(on_board(FollowUpBucket::ThisWeek) >= 10);
}

#[test]
fn every_cause_occurs_and_logistics_leads() {
    let data = demo_data();
    let stats = complaint_stats(&demo_records(&data).complaints);
    for (cause, count) in &stats.by_cause {
        assert!(*count >= 1, "no {cause:?} complaint");
    }
    let most = stats
        .by_cause
        .iter()
        .max_by_key(|(_, count)| *count)
        .unwrap();
    assert_eq!(most.0, ComplaintCause::Logistics, "{:?}", stats.by_cause);
}

#[test]
fn the_queue_shows_overdue_complaints() {
    let data = demo_data();
    let records = demo_records(&data);
    let targets = ResponseTargets::default();
    let overdue = records
        .complaints
        .iter()
        .filter(|c| response_clock(c, None, &targets, now()).overdue)
        .count();
    assert!(overdue >= 1, "no overdue complaint");
    let running = records
        .complaints
        .iter()
        .filter(|c| {
            let clock = response_clock(c, None, &targets, now());
            clock.remaining.is_some() && !clock.overdue
        })
        .count();
    assert!(running >= 1, "no complaint still within its target");
}

#[test]
fn exactly_two_pairs_of_follow_ups_conflict() {
    let data = demo_data();
    let records = demo_records(&data);
    let clashing: Vec<&FollowUp> = records
        .follow_ups
        .iter()
        .filter(|f| f.is_open() && !conflicts(f, &records.follow_ups).is_empty())
        .collect();
    assert_eq!(clashing.len(), 4, "{clashing:#?}");
    for f in &clashing {
        assert_eq!(conflicts(f, &records.follow_ups).len(), 1);
    }
}

#[test]
fn buyers_write_in_their_own_language() {
    let data = demo_data();
    let records = demo_records(&data);
    let language: HashMap<&CustomerId, &str> = data
        .customers
        .iter()
        .map(|c| (&c.id, c.language.as_str()))
        .collect();
    let mut languages_used = HashSet::new();
    for c in &records.complaints {
        let index = STORIES
            .iter()
            .find_map(|s| s.words.iter().position(|w| *w == c.customer_words))
            .expect("words come from a story");
        let expected = match language[&c.customer_id].get(..2) {
            Some("es") => 1,
            Some("fr") => 2,
            Some("de") => 3,
            _ => 0,
        };
        assert_eq!(index, expected, "{}: {}", c.id, c.customer_words);
        languages_used.insert(index);
    }
    assert_eq!(languages_used.len(), 4, "{languages_used:?}");
}

#[test]
fn empty_and_odd_input_does_not_panic() {
    assert_eq!(
        generate_service_records(&[], &[], 7, now()),
        DemoServiceRecords::default()
    );
    let data = demo::generate(40, 3, now().date_naive());
    for moment in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC, now()] {
        let _ = generate_service_records(&data.customers, &data.orders, 3, moment);
    }
    // Customers without orders, created "in the future", and listed twice.
    let mut odd = data.customers.clone();
    odd.extend(data.customers.iter().cloned());
    if let Some(first) = odd.first_mut() {
        first.created_at = now() + TimeDelta::days(5);
    }
    let records = generate_service_records(&odd, &[], 3, now());
    let ids: HashSet<&str> = records
        .contacts
        .iter()
        .map(|c| c.id.as_str())
        .chain(records.follow_ups.iter().map(|f| f.id.as_str()))
        .chain(records.complaints.iter().map(|c| c.id.as_str()))
        .collect();
    assert_eq!(
        ids.len(),
        records.contacts.len() + records.follow_ups.len() + records.complaints.len()
    );
    for c in &records.complaints {
        assert!(c.order_ref.is_empty());
    }
    let one = generate_service_records(&data.customers[..1], &data.orders, 3, now());
    assert!(one
        .follow_ups
        .iter()
        .all(|f| f.customer_id == data.customers[0].id));
}

/// A complaint without a chosen order is about the latest order placed at least two
/// days before it was opened, not the one placed the day before.
#[test]
fn a_complaint_is_about_an_order_placed_two_days_before() {
    use crate::domain::orders::{CurrencyCode, Money, Order, OrderStatus};
    let order = |day: u32| Order {
        id: format!("eBay:{day}"),
        customer_id: CustomerId("c".into()),
        number: day.to_string(),
        channel: "eBay".into(),
        placed_on: NaiveDate::from_ymd_opt(2026, 3, day).expect("a March day"),
        total: Money::new(2599, CurrencyCode::parse("EUR").expect("EUR")),
        status: OrderStatus::Delivered,
        cost_of_goods: 0,
        shipping_cost: 0,
        discount: 0,
        refunded: 0,
        details: Default::default(),
    };
    let orders = [order(1), order(9), order(10)];
    let refs: Vec<&Order> = orders.iter().collect();
    let opened = Utc.with_ymd_and_hms(2026, 3, 11, 13, 0, 0).unwrap();
    let about = super::complaints::recent_order(&refs, opened).map(|o| o.number.as_str());
    assert_eq!(about, Some("9"));
    let too_early = Utc.with_ymd_and_hms(2026, 3, 2, 13, 0, 0).unwrap();
    assert_eq!(super::complaints::recent_order(&refs, too_early), None);
}

/// A demo follow-up that would clash with a booked one goes to the next rep at the
/// same time before it is moved in time.
#[test]
fn a_clashing_demo_follow_up_goes_to_the_next_rep_first() {
    let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let follow_up = |id: &str, rep: &str| FollowUp {
        id: id.into(),
        customer_id: CustomerId("c".into()),
        rep: rep.into(),
        due_at: at,
        duration_minutes: 30,
        purpose: "Check the parcel arrived".into(),
        complaint_id: None,
        done_at: None,
        created_at: at - TimeDelta::days(1),
        talking_points: String::new(),
        materials: String::new(),
        kind: crate::domain::contacts::FollowUpKind::General,
    };
    let reps = &crate::domain::demo::DEMO_REPS;
    let booked = [follow_up("a", reps[0])];
    let moved = super::follow_ups::without_conflict(
        follow_up("b", reps[0]),
        &booked,
        at - TimeDelta::days(1),
        at - TimeDelta::hours(1),
    );
    assert_eq!(moved.rep, reps[1]);
    assert_eq!(moved.due_at, at);
    assert!(conflicts(&moved, &booked).is_empty());
}
