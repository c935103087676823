use super::*;
use chrono::TimeZone;
use std::collections::HashMap;

use RelationshipStage::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, 12, 0, 0).unwrap()
}

fn change(
    from: RelationshipStage,
    to: RelationshipStage,
    at: DateTime<Utc>,
    cause: Option<LossCause>,
) -> StageChange {
    StageChange {
        from,
        to,
        at,
        reason: "r".into(),
        loss_cause: cause,
    }
}

fn customer(id: &str, stage: RelationshipStage, history: Vec<StageChange>) -> Customer {
    let mut c = Customer::minimal(CustomerId(id.into()), id, "ES", at(1, 1));
    c.stage = stage;
    c.stage_history = history;
    c
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

fn report(
    customers: &[Customer],
    tiers: &[(&str, ValueTier)],
    from: NaiveDate,
    to: NaiveDate,
) -> LossReport {
    let tiers: HashMap<CustomerId, ValueTier> = tiers
        .iter()
        .map(|(id, t)| (CustomerId((*id).into()), *t))
        .collect();
    loss_report(customers, &|id| tiers.get(id).copied(), from, to, utc())
}

#[test]
fn losses_are_counted_by_cause_and_tier_in_the_period_only() {
    let customers = [
        customer(
            "vip",
            Lost,
            vec![change(Repeat, Lost, at(3, 5), Some(LossCause::Competitor))],
        ),
        customer(
            "ord",
            Lost,
            vec![change(Loyal, Lost, at(3, 31), Some(LossCause::Competitor))],
        ),
        customer(
            "small",
            Lost,
            vec![change(
                FirstTime,
                Lost,
                at(3, 1),
                Some(LossCause::ProductFault),
            )],
        ),
        // Before and after the period: not counted.
        customer(
            "early",
            Lost,
            vec![change(Repeat, Lost, at(2, 28), Some(LossCause::Natural))],
        ),
        customer(
            "late",
            Lost,
            vec![change(Repeat, Lost, at(4, 1), Some(LossCause::Natural))],
        ),
    ];
    let r = report(
        &customers,
        &[
            ("vip", ValueTier::Vip),
            ("ord", ValueTier::Ordinary),
            ("early", ValueTier::Vip),
        ],
        day(3, 1),
        day(3, 31),
    );
    assert_eq!(r.count(LossCause::Competitor, ValueTier::Vip), 1);
    assert_eq!(r.count(LossCause::Competitor, ValueTier::Ordinary), 1);
    assert_eq!(
        r.count(LossCause::ProductFault, ValueTier::Small),
        1,
        "no tier counts as small"
    );
    assert_eq!(r.count(LossCause::Natural, ValueTier::Vip), 0);
    assert_eq!(r.cause_total(LossCause::Competitor), 2);
    assert_eq!(r.tier_total(ValueTier::Small), 1);
    assert_eq!(r.losses(), 3);
}

#[test]
fn an_old_loss_without_a_cause_counts_as_unknown() {
    let customers = [customer(
        "old",
        Lost,
        vec![change(Repeat, Lost, at(3, 5), None)],
    )];
    let r = report(
        &customers,
        &[("old", ValueTier::Major)],
        day(3, 1),
        day(3, 31),
    );
    assert_eq!(r.count(LossCause::Unknown, ValueTier::Major), 1);
    assert_eq!(r.losses(), 1);
}

#[test]
fn the_period_is_the_reps_local_calendar() {
    // 23:30 UTC on 31 March is 1 April in Shanghai.
    let late = Utc.with_ymd_and_hms(2026, 3, 31, 23, 30, 0).unwrap();
    let customers = [customer(
        "a",
        Lost,
        vec![change(Repeat, Lost, late, Some(LossCause::Natural))],
    )];
    let tiers = |_: &CustomerId| None;
    let shanghai = FixedOffset::east_opt(8 * 3600).unwrap();
    assert_eq!(
        loss_report(&customers, &tiers, day(3, 1), day(3, 31), utc()).losses(),
        1
    );
    assert_eq!(
        loss_report(&customers, &tiers, day(3, 1), day(3, 31), shanghai).losses(),
        0
    );
    assert_eq!(
        loss_report(&customers, &tiers, day(4, 1), day(4, 30), shanghai).losses(),
        1
    );
}

#[test]
fn won_back_rate_is_won_back_over_everyone_lost_during_the_period() {
    let customers = [
        // Lost before the period, won back in it.
        customer(
            "back",
            Repeat,
            vec![
                change(Repeat, Lost, at(2, 1), Some(LossCause::Competitor)),
                change(Lost, Repeat, at(3, 10), None),
            ],
        ),
        // Lost before the period and still lost.
        customer(
            "still",
            Lost,
            vec![change(Loyal, Lost, at(1, 10), Some(LossCause::Natural))],
        ),
        // Lost and won back inside the period, twice: one customer, once.
        customer(
            "twice",
            Loyal,
            vec![
                change(Repeat, Lost, at(3, 2), Some(LossCause::ServiceFault)),
                change(Lost, Repeat, at(3, 3), None),
                change(Repeat, Lost, at(3, 4), Some(LossCause::ServiceFault)),
                change(Lost, Loyal, at(3, 5), None),
            ],
        ),
        // Given up in the period: lost during it, not won back.
        customer(
            "given_up",
            NonCustomer,
            vec![
                change(Repeat, Lost, at(2, 1), Some(LossCause::LetGo)),
                change(Lost, NonCustomer, at(3, 20), None),
            ],
        ),
        // Won back before the period: not lost during it.
        customer(
            "before",
            Repeat,
            vec![
                change(Repeat, Lost, at(1, 1), Some(LossCause::Natural)),
                change(Lost, Repeat, at(2, 1), None),
            ],
        ),
        // Never lost.
        customer(
            "fine",
            Repeat,
            vec![change(FirstTime, Repeat, at(3, 2), None)],
        ),
    ];
    let r = report(&customers, &[], day(3, 1), day(3, 31));
    assert_eq!(r.won_back, 2);
    assert_eq!(r.lost_in_period, 4, "back, still, twice, given_up");
    assert_eq!(r.won_back_percent(), Some(50.0));
    assert_eq!(r.losses(), 2, "twice's two losses");
}

#[test]
fn no_one_lost_means_no_rate_and_a_lost_customer_without_history_counts() {
    let nobody = report(&[customer("a", Repeat, vec![])], &[], day(3, 1), day(3, 31));
    assert_eq!(nobody.won_back_percent(), None);
    assert_eq!(nobody.lost_in_period, 0);
    // A customer created as Lost (no history) was lost all along.
    let created_lost = report(&[customer("b", Lost, vec![])], &[], day(3, 1), day(3, 31));
    assert_eq!(created_lost.lost_in_period, 1);
    assert_eq!(created_lost.won_back_percent(), Some(0.0));
    assert_eq!(created_lost.losses(), 0);
    // Lost only after the period: the stage at the start is the first change's `from`.
    let later = report(
        &[customer(
            "c",
            Lost,
            vec![change(Repeat, Lost, at(5, 1), Some(LossCause::Natural))],
        )],
        &[],
        day(3, 1),
        day(3, 31),
    );
    assert_eq!(later.lost_in_period, 0);
}
