use chrono::{Duration, NaiveDate, TimeZone, Utc};

use super::attention::*;
use crate::domain::complaints::Complaint;
use crate::domain::customers::{CustomerId, RelationshipStage};
use crate::domain::orders::{CurrencyCode, Money, Order, OrderFacts, OrderStatus};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 12, 1)
}

fn id(s: &str) -> CustomerId {
    CustomerId(s.to_owned())
}

fn order(customer: &str, placed_on: NaiveDate, minor: i64, status: OrderStatus) -> Order {
    order_in(customer, placed_on, minor, "USD", status)
}

fn order_in(
    customer: &str,
    placed_on: NaiveDate,
    minor: i64,
    currency: &str,
    status: OrderStatus,
) -> Order {
    Order {
        id: format!("shop:{customer}-{placed_on}-{minor}-{currency}"),
        customer_id: id(customer),
        number: format!("{minor}"),
        channel: "shop".to_owned(),
        placed_on,
        total: Money::new(minor, CurrencyCode::parse(currency).unwrap()),
        status,
        cost_of_goods: 0,
        shipping_cost: 0,
        discount: 0,
        refunded: 0,
        details: Default::default(),
    }
}

/// Orders `days_ago` days before today, all delivered, of `minor` each.
fn every(customer: &str, days_ago: &[i64], minor: i64) -> Vec<Order> {
    days_ago
        .iter()
        .map(|&d| {
            order(
                customer,
                today() - Duration::days(d),
                minor,
                OrderStatus::Delivered,
            )
        })
        .collect()
}

fn facts(orders: &[Order]) -> OrderFacts {
    let mut facts = OrderFacts::default();
    // Pushed in reverse and in two pages: grouping must not depend on input order.
    let mut reversed = orders.to_vec();
    reversed.reverse();
    let (a, b) = reversed.split_at(reversed.len() / 2);
    facts.push_orders(a);
    facts.push_orders(b);
    facts.group_by_customer();
    facts
}

fn flags_of(orders: &[Order], settings: &RhythmSettings) -> Vec<Attention> {
    let facts = facts(orders);
    let mut out = Vec::new();
    for run in facts.grouped_runs() {
        rhythm_flags(&run, today(), settings, &mut out);
    }
    out
}

fn repeat(_: &CustomerId) -> Option<RelationshipStage> {
    Some(RelationshipStage::Repeat)
}

#[test]
fn a_buyer_silent_for_twice_their_usual_gap_is_flagged_with_both_numbers() {
    // Gaps 34, 30, 40 days: median 34. Last order 71 days ago.
    let orders = every("ana", &[71, 105, 135, 175], 5_000);
    assert_eq!(
        flags_of(&orders, &RhythmSettings::default()),
        vec![Attention::Silent {
            usual_gap_days: 34,
            silent_days: 71
        }]
    );
}

#[test]
fn silence_counts_only_beyond_the_factor_of_the_usual_gap() {
    // Usual gap 30 days; 1.5 × 30 = 45 days.
    let at = |last: i64| every("ana", &[last, last + 30, last + 60, last + 90], 5_000);
    let defaults = RhythmSettings::default();
    assert!(
        flags_of(&at(45), &defaults).is_empty(),
        "45 days is not beyond 45"
    );
    assert_eq!(
        flags_of(&at(46), &defaults),
        vec![Attention::Silent {
            usual_gap_days: 30,
            silent_days: 46
        }]
    );
    let patient = defaults.with(RhythmField::SilenceFactor, 20).unwrap();
    assert!(flags_of(&at(59), &patient).is_empty());
    assert_eq!(flags_of(&at(61), &patient).len(), 1);
}

#[test]
fn fewer_orders_than_the_minimum_have_no_rhythm() {
    let two = every("ana", &[200, 230], 5_000);
    assert!(flags_of(&two, &RhythmSettings::default()).is_empty());
    let three = every("ana", &[200, 230, 260], 5_000);
    assert_eq!(flags_of(&three, &RhythmSettings::default()).len(), 1);
    let demanding = RhythmSettings::default()
        .with(RhythmField::MinOrders, 4)
        .unwrap();
    assert!(flags_of(&three, &demanding).is_empty());
}

#[test]
fn orders_of_one_day_are_one_purchase_and_cancelled_ones_none() {
    let mut orders = every("ana", &[200, 200, 200], 5_000);
    assert!(
        flags_of(&orders, &RhythmSettings::default()).is_empty(),
        "three orders on one day are one purchase"
    );
    orders.push(order(
        "ana",
        today() - Duration::days(1),
        5_000,
        OrderStatus::Cancelled,
    ));
    orders.extend(every("ana", &[230, 260], 5_000));
    // Cancelled yesterday does not end the silence: last real order 200 days ago.
    assert_eq!(
        flags_of(&orders, &RhythmSettings::default()),
        vec![Attention::Silent {
            usual_gap_days: 30,
            silent_days: 200
        }]
    );
}

#[test]
fn orders_dated_after_today_are_ignored() {
    let mut orders = every("ana", &[100, 130, 160], 5_000);
    orders.push(order(
        "ana",
        today() + Duration::days(3),
        5_000,
        OrderStatus::Paid,
    ));
    assert_eq!(
        flags_of(&orders, &RhythmSettings::default()),
        vec![Attention::Silent {
            usual_gap_days: 30,
            silent_days: 100
        }]
    );
}

#[test]
fn a_recent_order_far_above_the_usual_amount_is_flagged() {
    let mut orders = every("ana", &[40, 70, 100, 130], 5_000);
    orders.push(order(
        "ana",
        today() - Duration::days(5),
        15_000,
        OrderStatus::Paid,
    ));
    let usd = CurrencyCode::parse("USD").unwrap();
    assert_eq!(
        flags_of(&orders, &RhythmSettings::default()),
        vec![Attention::UnusualOrder {
            placed_on: today() - Duration::days(5),
            amount: Money::new(15_000, usd),
            usual: Money::new(5_000, usd),
            larger: true
        }]
    );
    // Just under three times: nothing.
    orders.pop();
    orders.push(order(
        "ana",
        today() - Duration::days(5),
        14_999,
        OrderStatus::Paid,
    ));
    assert!(flags_of(&orders, &RhythmSettings::default()).is_empty());
}

#[test]
fn a_recent_order_far_below_the_usual_amount_is_flagged_too() {
    let mut orders = every("ana", &[40, 70, 100], 9_000);
    orders.push(order(
        "ana",
        today() - Duration::days(2),
        3_000,
        OrderStatus::Shipped,
    ));
    let flags = flags_of(&orders, &RhythmSettings::default());
    assert!(
        matches!(flags.as_slice(), [Attention::UnusualOrder { larger: false, amount, usual, .. }]
            if amount.minor == 3_000 && usual.minor == 9_000),
        "{flags:?}"
    );
    orders.pop();
    orders.push(order(
        "ana",
        today() - Duration::days(2),
        3_001,
        OrderStatus::Shipped,
    ));
    assert!(flags_of(&orders, &RhythmSettings::default()).is_empty());
}

#[test]
fn an_unusual_order_older_than_the_recent_window_is_not_news() {
    let mut orders = every("ana", &[60, 70, 80, 90], 5_000);
    orders.push(order(
        "ana",
        today() - Duration::days(31),
        50_000,
        OrderStatus::Delivered,
    ));
    let flags = flags_of(&orders, &RhythmSettings::default());
    assert!(
        !flags
            .iter()
            .any(|f| matches!(f, Attention::UnusualOrder { .. })),
        "{flags:?}"
    );
    let wider = RhythmSettings::default()
        .with(RhythmField::RecentOrderDays, 31)
        .unwrap();
    assert!(flags_of(&orders, &wider)
        .iter()
        .any(|f| matches!(f, Attention::UnusualOrder { .. })));
}

#[test]
fn amounts_compare_within_the_latest_currency_and_per_day() {
    // Usual 5,000 USD per day; two 4,000 USD orders today sum to 8,000: not unusual.
    // A huge JPY history must not count as the usual for USD.
    let mut orders = every("ana", &[10, 20, 30], 5_000);
    orders.extend([40, 50, 60, 70].iter().map(|&d| {
        order_in(
            "ana",
            today() - Duration::days(d),
            900_000,
            "JPY",
            OrderStatus::Delivered,
        )
    }));
    orders.push(order("ana", today(), 4_000, OrderStatus::Paid));
    orders.push(order("ana", today(), 4_000, OrderStatus::Paid));
    assert!(flags_of(&orders, &RhythmSettings::default()).is_empty());
}

fn complaint(customer: &str, days_ago: i64) -> Complaint {
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap() - Duration::days(days_ago);
    Complaint::open(format!("{customer}-{days_ago}"), id(customer), at)
}

fn flagged(
    orders: &[Order],
    complaints: &[Complaint],
    scores: &[Score],
    settings: &RhythmSettings,
) -> Vec<Flagged> {
    let mut list = needing_attention(
        &facts(orders),
        complaints,
        scores,
        &repeat,
        today(),
        settings,
    );
    list.sort_by(|a, b| a.customer.cmp(&b.customer));
    list
}

#[test]
fn complaints_rising_compares_the_recent_span_with_the_one_before() {
    let defaults = RhythmSettings::default();
    let two_recent = [
        complaint("bo", 3),
        complaint("bo", 80),
        complaint("bo", 100),
    ];
    assert_eq!(
        flagged(&[], &two_recent, &[], &defaults),
        vec![Flagged {
            customer: id("bo"),
            flags: vec![Attention::ComplaintsRising {
                recent: 2,
                before: 1,
                window_days: 90
            }]
        }]
    );
    let level = [
        complaint("bo", 3),
        complaint("bo", 80),
        complaint("bo", 100),
        complaint("bo", 179),
    ];
    assert!(
        flagged(&[], &level, &[], &defaults).is_empty(),
        "2 vs 2 is not rising"
    );
    let old = [complaint("bo", 3), complaint("bo", 90)];
    assert!(
        flagged(&[], &old, &[], &defaults).is_empty(),
        "day 90 belongs to the span before"
    );
}

#[test]
fn the_latest_low_score_flags_and_a_later_good_one_clears_it() {
    let defaults = RhythmSettings::default();
    let mut resolved = complaint("cy", 20);
    resolved.satisfaction = Some(2);
    resolved.resolved_at = Some(resolved.opened_at + Duration::days(2));
    let list = flagged(&[], std::slice::from_ref(&resolved), &[], &defaults);
    assert_eq!(
        list[0].flags,
        vec![Attention::LowSatisfaction {
            score: 2,
            on: today() - Duration::days(18)
        }]
    );
    let later = Score {
        customer: id("cy"),
        on: today() - Duration::days(1),
        score: 4,
    };
    assert!(flagged(&[], std::slice::from_ref(&resolved), &[later], &defaults).is_empty());
    let three = Score {
        customer: id("cy"),
        on: today(),
        score: 3,
    };
    assert!(flagged(&[], &[], std::slice::from_ref(&three), &defaults).is_empty());
    let lenient = defaults.with(RhythmField::LowSatisfaction, 3).unwrap();
    assert_eq!(flagged(&[], &[], &[three], &lenient).len(), 1);
    let stale = Score {
        customer: id("cy"),
        on: today() - Duration::days(181),
        score: 1,
    };
    assert!(flagged(&[], &[], &[stale], &defaults).is_empty());
}

#[test]
fn only_actual_customers_are_followed() {
    let orders = every("ana", &[100, 130, 160], 5_000);
    let complaints = [complaint("ana", 1), complaint("ana", 2)];
    for stage in RelationshipStage::ALL {
        let list = needing_attention(
            &facts(&orders),
            &complaints,
            &[],
            &|_| Some(stage),
            today(),
            &RhythmSettings::default(),
        );
        assert_eq!(list.is_empty(), !stage.is_actual(), "{stage:?}");
        if stage.is_actual() {
            assert_eq!(list[0].flags.len(), 2, "silent and complaints rising");
        }
    }
    let unknown = needing_attention(
        &facts(&orders),
        &complaints,
        &[],
        &|_| None,
        today(),
        &RhythmSettings::default(),
    );
    assert!(
        unknown.is_empty(),
        "a deleted customer's orders raise nothing"
    );
}

#[test]
fn each_buyer_is_judged_by_their_own_rhythm() {
    // Weekly buyer silent 20 days: flagged. Quarterly buyer silent 100 days: not.
    let mut orders = every("weekly", &[20, 27, 34, 41], 1_000);
    orders.extend(every("quarterly", &[100, 190, 280, 370], 1_000));
    let list = flagged(&orders, &[], &[], &RhythmSettings::default());
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].customer, id("weekly"));
}

#[test]
fn settings_refuse_values_out_of_range_and_name_the_field() {
    let defaults = RhythmSettings::default();
    assert_eq!(defaults.validate(), Ok(()));
    for field in RhythmField::ALL {
        let (min, max) = field.range();
        assert_eq!(defaults.with(field, min).map(|s| s.get(field)), Ok(min));
        assert_eq!(defaults.with(field, max).map(|s| s.get(field)), Ok(max));
        for bad in [min - 1, max + 1] {
            assert_eq!(
                defaults.with(field, bad),
                Err(RhythmSettingProblem { field, min, max }),
                "{field:?} = {bad}"
            );
        }
    }
    let stored = RhythmSettings {
        low_satisfaction: 5,
        ..defaults
    };
    assert!(matches!(
        stored.validate(),
        Err(RhythmSettingProblem {
            field: RhythmField::LowSatisfaction,
            ..
        })
    ));
}

#[test]
fn open_orders_are_paid_or_shipped() {
    let orders = vec![
        order("ana", day(2026, 11, 1), 1, OrderStatus::Paid),
        order("ana", day(2026, 11, 2), 1, OrderStatus::Shipped),
        order("ana", day(2026, 11, 3), 1, OrderStatus::Delivered),
        order("bo", day(2026, 11, 3), 1, OrderStatus::Refunded),
        order("bo", day(2026, 11, 4), 1, OrderStatus::Cancelled),
    ];
    let open = facts(&orders).open_orders();
    assert_eq!(open.get(&id("ana")), Some(&2));
    assert_eq!(open.get(&id("bo")), None);
}

#[test]
fn the_usual_gap_is_the_lower_middle_gap_that_actually_happened() {
    // Gaps 20 and 10 days: the usual is 10, not 15 or 20.
    let orders = every("ana", &[100, 110, 130], 5_000);
    assert_eq!(
        flags_of(&orders, &RhythmSettings::default()),
        vec![Attention::Silent {
            usual_gap_days: 10,
            silent_days: 100
        }]
    );
}

#[test]
fn an_order_placed_today_is_the_latest_purchase() {
    let mut orders = every("ana", &[30, 60, 90], 5_000);
    orders.push(order("ana", today(), 50_000, OrderStatus::Paid));
    let flags = flags_of(&orders, &RhythmSettings::default());
    assert!(
        matches!(flags.as_slice(), [Attention::UnusualOrder { placed_on, larger: true, .. }] if *placed_on == today()),
        "{flags:?}"
    );
}

#[test]
fn on_a_day_with_two_currencies_the_smaller_code_is_compared() {
    // EUR history 1,000 a day and 9,000 today (unusual); USD history as usual.
    let mut history = Vec::new();
    for d in [30, 60, 90] {
        history.push(order_in(
            "ana",
            today() - Duration::days(d),
            1_000,
            "EUR",
            OrderStatus::Delivered,
        ));
        history.push(order_in(
            "ana",
            today() - Duration::days(d),
            90_000,
            "USD",
            OrderStatus::Delivered,
        ));
    }
    let eur = order_in("ana", today(), 9_000, "EUR", OrderStatus::Paid);
    let usd = order_in("ana", today(), 90_000, "USD", OrderStatus::Paid);
    for latest in [[eur.clone(), usd.clone()], [usd, eur]] {
        let mut orders = history.clone();
        orders.extend(latest);
        let flags = flags_of(&orders, &RhythmSettings::default());
        assert!(
            matches!(flags.as_slice(), [Attention::UnusualOrder { amount, .. }] if amount.currency.as_str() == "EUR" && amount.minor == 9_000),
            "{flags:?}"
        );
    }
}

#[test]
fn one_days_orders_are_summed_into_one_purchase() {
    let mut orders = every("ana", &[30, 60, 90], 5_000);
    orders.push(order("ana", today(), 8_000, OrderStatus::Paid));
    orders.push(order("ana", today(), 8_000, OrderStatus::Shipped));
    let flags = flags_of(&orders, &RhythmSettings::default());
    assert!(
        matches!(flags.as_slice(), [Attention::UnusualOrder { amount, usual, larger: true, .. }] if amount.minor == 16_000 && usual.minor == 5_000),
        "{flags:?}"
    );
}

#[test]
fn a_cancelled_order_is_never_an_unusual_purchase() {
    let mut orders = every("ana", &[30, 60, 90], 5_000);
    orders.push(order("ana", today(), 50_000, OrderStatus::Cancelled));
    assert!(flags_of(&orders, &RhythmSettings::default()).is_empty());
}

#[test]
fn three_purchases_are_enough_to_judge_the_third() {
    let mut orders = every("ana", &[30, 60], 5_000);
    orders.push(order("ana", today(), 50_000, OrderStatus::Paid));
    let flags = flags_of(&orders, &RhythmSettings::default());
    assert!(
        matches!(
            flags.as_slice(),
            [Attention::UnusualOrder { larger: true, .. }]
        ),
        "{flags:?}"
    );
}

#[test]
fn free_orders_give_no_usual_amount_to_compare_with() {
    let mut orders = every("ana", &[30, 60, 90], 0);
    orders.push(order("ana", today(), 5_000, OrderStatus::Paid));
    assert!(flags_of(&orders, &RhythmSettings::default()).is_empty());
}

#[test]
fn the_usual_amount_leaves_the_order_being_judged_out() {
    // Earlier 1,000 and 9,000: usual 1,000, so 3,000 today is three times it.
    let orders = vec![
        order(
            "ana",
            today() - Duration::days(60),
            9_000,
            OrderStatus::Delivered,
        ),
        order(
            "ana",
            today() - Duration::days(30),
            1_000,
            OrderStatus::Delivered,
        ),
        order("ana", today(), 3_000, OrderStatus::Paid),
    ];
    let flags = flags_of(&orders, &RhythmSettings::default());
    assert!(
        matches!(flags.as_slice(), [Attention::UnusualOrder { usual, larger: true, .. }] if usual.minor == 1_000),
        "{flags:?}"
    );
}

mod today_lists {
    use super::*;
    use crate::domain::care::today::{today as rep_day, Whose};
    use crate::domain::contacts::{FollowUp, FollowUpKind};
    use crate::domain::customers::{Customer, Directory};
    use crate::domain::value::ValueTier;
    use chrono::{DateTime, FixedOffset};
    use std::collections::HashMap;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
    }

    fn customer(id_: &str, owner: &str) -> Customer {
        let mut c = Customer::minimal(id(id_), id_, "DE", now());
        c.owner = owner.to_owned();
        c
    }

    fn follow_up(id_: &str, customer: &str, rep: &str, hours: i64, kind: FollowUpKind) -> FollowUp {
        FollowUp {
            id: id_.to_owned(),
            customer_id: id(customer),
            rep: rep.to_owned(),
            due_at: now() + Duration::hours(hours),
            duration_minutes: 30,
            purpose: "call".into(),
            complaint_id: None,
            done_at: None,
            created_at: now() - Duration::days(3),
            talking_points: String::new(),
            materials: String::new(),
            kind,
        }
    }

    fn silent(customer: &str, usual: u32, days: u32) -> Flagged {
        Flagged {
            customer: id(customer),
            flags: vec![Attention::Silent {
                usual_gap_days: usual,
                silent_days: days,
            }],
        }
    }

    #[test]
    fn the_day_lists_due_work_in_order_and_key_customers_first() {
        let directory = Directory::new(vec![
            customer("ana", "Mei"),
            customer("bo", ""),
            customer("cy", "Tom"),
            customer("vip-a", ""),
            customer("vip-b", "Tom"),
        ]);
        let mut done = follow_up("done", "ana", "Mei", -2, FollowUpKind::General);
        done.done_at = Some(now());
        let follow_ups = vec![
            follow_up("later", "ana", "Mei", 48, FollowUpKind::General),
            follow_up("today", "ana", "Mei", 3, FollowUpKind::General),
            follow_up("overdue", "bo", "Tom", -30, FollowUpKind::General),
            follow_up("wb", "cy", "tom ", -1, FollowUpKind::WinBack),
            follow_up("gone", "nobody", "Mei", -1, FollowUpKind::General),
            done,
        ];
        let flagged = vec![
            silent("ana", 30, 60),
            silent("bo", 10, 100),
            Flagged {
                customer: id("cy"),
                flags: vec![
                    Attention::LowSatisfaction {
                        score: 1,
                        on: today(),
                    },
                    Attention::ComplaintsRising {
                        recent: 3,
                        before: 0,
                        window_days: 90,
                    },
                ],
            },
            silent("vip-a", 30, 50),
        ];
        let tiers: HashMap<CustomerId, ValueTier> = [
            (id("vip-a"), ValueTier::Vip),
            (id("vip-b"), ValueTier::Vip),
            (id("ana"), ValueTier::Small),
        ]
        .into_iter()
        .collect();
        let rank = |c: &CustomerId| if c.as_str() == "vip-a" { 1 } else { 2 };
        let utc = FixedOffset::east_opt(0).unwrap();
        let team = rep_day(
            &follow_ups,
            &flagged,
            &directory,
            &tiers,
            &rank,
            Whose::Team,
            now(),
            utc,
        );
        let ids = |list: &[&FollowUp]| list.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&team.follow_ups), ["overdue", "today"]);
        assert_eq!(ids(&team.win_back), ["wb"]);
        let flagged_ids: Vec<&str> = team.attention.iter().map(|f| f.customer.as_str()).collect();
        // The VIP first; then two reasons; then 10× their gap before 2×.
        assert_eq!(flagged_ids, ["vip-a", "cy", "bo", "ana"]);
        let vips: Vec<&str> = team.unowned_vips.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(vips, ["vip-a"]);
        assert_eq!(team.count(), 2 + 1 + 4 + 1);

        let toms = rep_day(
            &follow_ups,
            &flagged,
            &directory,
            &tiers,
            &rank,
            Whose::Rep("TOM"),
            now(),
            utc,
        );
        assert_eq!(ids(&toms.follow_ups), ["overdue"]);
        assert_eq!(ids(&toms.win_back), ["wb"], "rep names compare loosely");
        let mine: Vec<&str> = toms.attention.iter().map(|f| f.customer.as_str()).collect();
        assert_eq!(mine, ["cy"], "Tom owns cy and vip-b; only cy is flagged");
        assert!(toms.unowned_vips.is_empty());
    }

    #[test]
    fn today_ends_at_midnight_in_the_reps_zone() {
        let directory = Directory::new(vec![customer("ana", "")]);
        // 9:00 UTC; due 20:00 UTC. In UTC+5 that is 01:00 tomorrow: not today.
        let follow_ups = vec![follow_up("evening", "ana", "", 11, FollowUpKind::General)];
        let tiers = HashMap::new();
        let at = |hours: i32| {
            rep_day(
                &follow_ups,
                &[],
                &directory,
                &tiers,
                &|_| 0,
                Whose::Team,
                now(),
                FixedOffset::east_opt(hours * 3600).unwrap(),
            )
            .follow_ups
            .len()
        };
        assert_eq!(at(0), 1);
        assert_eq!(at(5), 0);
    }
}
