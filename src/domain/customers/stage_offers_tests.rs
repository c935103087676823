use std::collections::HashMap;

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use super::*;
use RelationshipStage::*;

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap()
}

fn customer(id: &str, stage: RelationshipStage) -> Customer {
    let mut c = Customer::minimal(CustomerId(id.into()), id, "DE", at());
    c.stage = stage;
    c
}

fn summary(orders: u32, last: NaiveDate) -> OrderSummary {
    OrderSummary {
        orders,
        last_order: last,
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn offers_for(customers: &[Customer], orders: &[(&str, OrderSummary)]) -> Vec<StageOffer> {
    let orders: HashMap<CustomerId, OrderSummary> = orders
        .iter()
        .map(|(id, s)| (CustomerId((*id).into()), *s))
        .collect();
    stage_offers(customers.iter(), &orders)
}

fn moves(offers: &[StageOffer]) -> Vec<(&str, Vec<RelationshipStage>)> {
    offers
        .iter()
        .map(|o| (o.customer.as_str(), o.steps.iter().map(|s| s.0).collect()))
        .collect()
}

#[test]
fn orders_offer_the_stage_they_imply_one_step_at_a_time() {
    let customers = [
        customer("pot-1", Potential),
        customer("pot-2", Potential),
        customer("target", Target),
        customer("first-1", FirstTime),
        customer("first-2", FirstTime),
        customer("repeat", Repeat),
        customer("loyal", Loyal),
        customer("non", NonCustomer),
        customer("no-orders", Potential),
    ];
    let offers = offers_for(
        &customers,
        &[
            ("pot-1", summary(1, day(3))),
            ("pot-2", summary(2, day(3))),
            ("target", summary(1, day(3))),
            ("first-1", summary(1, day(3))),
            ("first-2", summary(3, day(3))),
            ("repeat", summary(9, day(3))),
            ("loyal", summary(9, day(3))),
            ("non", summary(4, day(3))),
        ],
    );
    assert_eq!(
        moves(&offers),
        [
            ("pot-1", vec![FirstTime]),
            ("pot-2", vec![FirstTime, Repeat]),
            ("target", vec![FirstTime]),
            ("first-2", vec![Repeat]),
        ]
    );
    assert_eq!(offers[1].steps[0].1, OfferReason::FirstOrder { orders: 2 });
    assert_eq!(offers[1].steps[1].1, OfferReason::SecondOrder { orders: 2 });
    assert_eq!(offers[1].to(), Repeat);
}

#[test]
fn a_lost_buyer_who_orders_after_the_loss_is_offered_as_won_back() {
    let mut lost = customer("lost", Lost);
    lost.stage_history.push(StageChange {
        from: Repeat,
        to: Lost,
        at: at(),
        reason: "moved".into(),
        loss_cause: Some(LossCause::Competitor),
    });
    assert!(offers_for(std::slice::from_ref(&lost), &[("lost", summary(5, day(1)))]).is_empty());
    let offers = offers_for(std::slice::from_ref(&lost), &[("lost", summary(6, day(2)))]);
    assert_eq!(
        offers[0].steps,
        [(Repeat, OfferReason::OrderedAfterLoss { on: day(2) })]
    );
    let no_history = customer("lost", Lost);
    assert!(offers_for(&[no_history], &[("lost", summary(6, day(2)))]).is_empty());
}

#[test]
fn applying_an_offer_records_every_step_with_its_reason() {
    let prospect = customer("pot", Potential);
    let offers = offers_for(
        std::slice::from_ref(&prospect),
        &[("pot", summary(2, day(3)))],
    );
    let now = at() + Duration::days(1);
    let reason = |why: OfferReason| format!("{why:?}");
    let moved = apply_offer(&prospect, &offers[0], &reason, now).unwrap();
    assert_eq!(moved.stage, Repeat);
    assert_eq!(moved.updated_at, now);
    let history: Vec<(RelationshipStage, RelationshipStage, &str)> = moved
        .stage_history
        .iter()
        .map(|h| (h.from, h.to, h.reason.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            (Potential, FirstTime, "FirstOrder { orders: 2 }"),
            (FirstTime, Repeat, "SecondOrder { orders: 2 }"),
        ]
    );
    let mut moved_since = prospect.clone();
    moved_since.stage = Target;
    assert_eq!(
        apply_offer(&moved_since, &offers[0], &reason, now),
        Err(StageMoveError::NotAllowed {
            from: Target,
            to: Repeat
        })
    );
}
