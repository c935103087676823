use super::*;
use chrono::NaiveDate;

use crate::domain::customers::CustomerId;
use crate::domain::orders::CostKind;
use crate::domain::orders::{CostEntry, CurrencyCode, Money, Order, OrderStatus};
use proptest::prelude::*;
use std::hash::Hasher;

fn code(s: &str) -> CurrencyCode {
    CurrencyCode::parse(s).expect("valid test currency")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn id(s: &str) -> CustomerId {
    CustomerId(s.to_owned())
}

fn rate(text: &str) -> DecimalRate {
    DecimalRate::parse(text).expect("valid test rate")
}

fn rates(reporting: &str, pairs: &[(&str, &str)]) -> ExchangeRates {
    let mut r = ExchangeRates::new(code(reporting));
    for (c, v) in pairs {
        r.rates.insert(code(c), rate(v));
    }
    r
}

fn cv(name: &str, revenue: i64, profit: i64) -> CustomerValue {
    CustomerValue {
        id: id(name),
        revenue,
        cost_of_goods: 0,
        cost_to_serve: revenue - profit,
        profit,
        orders: u32::from(revenue != 0),
        last_order: None,
    }
}

fn numbered(profits: &[i64]) -> Vec<CustomerValue> {
    profits
        .iter()
        .enumerate()
        .map(|(i, &p)| cv(&format!("c{i:05}"), p, p))
        .collect()
}

fn count(tiers: &[ValueTier], tier: ValueTier) -> usize {
    tiers.iter().filter(|&&t| t == tier).count()
}

// ----- decimal rates and conversion -----

#[test]
fn rates_parse_exact_decimals() {
    assert_eq!(
        rate("1.0832"),
        DecimalRate {
            mantissa: 10832,
            scale: 4
        }
    );
    assert_eq!(
        rate("0.0067"),
        DecimalRate {
            mantissa: 67,
            scale: 4
        }
    );
    assert_eq!(
        rate("2"),
        DecimalRate {
            mantissa: 2,
            scale: 0
        }
    );
    assert_eq!(
        rate(" 1.5 "),
        DecimalRate {
            mantissa: 15,
            scale: 1
        }
    );
    assert_eq!(rate("1.50"), rate("1.5"));
    assert_eq!(
        rate(".5"),
        DecimalRate {
            mantissa: 5,
            scale: 1
        }
    );
    assert_eq!(
        rate("0.000000000001"),
        DecimalRate {
            mantissa: 1,
            scale: 12
        }
    );
    assert_eq!(
        rate("150.000"),
        DecimalRate {
            mantissa: 150,
            scale: 0
        }
    );
}

#[test]
fn rates_reject_bad_text() {
    for bad in [
        "",
        "   ",
        "0",
        "0.000",
        "-1",
        "+1",
        "1,2",
        "1 000",
        "abc",
        "1.2.3",
        ".",
        "1e3",
        "0.0000000000001",
        "1.0000000000000",
        "99999999999999999999",
    ] {
        assert!(
            matches!(DecimalRate::parse(bad), Err(ValueError::BadRate(_))),
            "{bad:?} should be rejected"
        );
    }
}

#[test]
fn rates_print_plainly() {
    for text in ["1.0832", "0.0067", "2", "0.000000000001", "123.45"] {
        assert_eq!(rate(text).to_string_plain(), text);
    }
    assert_eq!(
        DecimalRate {
            mantissa: 5,
            scale: 3
        }
        .to_string_plain(),
        "0.005"
    );
    assert_eq!(
        DecimalRate {
            mantissa: -15,
            scale: 1
        }
        .to_string_plain(),
        "-1.5"
    );
}

#[test]
fn converts_yen_to_dollars_across_minor_digits() {
    let r = rates("USD", &[("JPY", "0.0067")]);
    // 1500 yen * 0.0067 = 10.05 USD = 1005 cents.
    assert_eq!(r.convert(Money::new(1500, code("JPY"))), Ok(1005));
}

#[test]
fn converts_dollars_to_three_digit_dinars() {
    let r = rates("KWD", &[("USD", "0.3075")]);
    // 100.00 USD * 0.3075 = 30.750 KWD.
    assert_eq!(r.convert(Money::new(10_000, code("USD"))), Ok(30_750));
    // 0.01 USD = 3.075 fils -> 3.
    assert_eq!(r.convert(Money::new(1, code("USD"))), Ok(3));
    // Dinars to yen: 1.000 KWD at 480 -> 480 yen.
    let r = rates("JPY", &[("KWD", "480")]);
    assert_eq!(r.convert(Money::new(1_000, code("KWD"))), Ok(480));
}

#[test]
fn conversion_rounds_half_away_from_zero() {
    let r = rates("USD", &[("EUR", "1.5"), ("GBP", "1.4"), ("JPY", "0.005")]);
    let eur = |m| r.convert(Money::new(m, code("EUR")));
    assert_eq!(eur(1), Ok(2)); // 1.5
    assert_eq!(eur(-1), Ok(-2));
    assert_eq!(eur(3), Ok(5)); // 4.5
    assert_eq!(eur(-3), Ok(-5));
    assert_eq!(eur(0), Ok(0));
    let gbp = |m| r.convert(Money::new(m, code("GBP")));
    assert_eq!(gbp(1), Ok(1)); // 1.4
    assert_eq!(gbp(-1), Ok(-1));
    let jpy = |m| r.convert(Money::new(m, code("JPY")));
    assert_eq!(jpy(1), Ok(1)); // 0.5 cent
    assert_eq!(jpy(-1), Ok(-1));
    assert_eq!(jpy(3), Ok(2)); // 1.5 cents
    assert_eq!(jpy(-3), Ok(-2));
}

#[test]
fn same_currency_is_unchanged_and_missing_rates_are_reported() {
    let r = rates("USD", &[]);
    assert_eq!(r.convert(Money::new(-12_345, code("USD"))), Ok(-12_345));
    assert_eq!(r.convert(Money::new(i64::MIN, code("USD"))), Ok(i64::MIN));
    assert_eq!(
        r.convert(Money::new(1, code("EUR"))),
        Err(ValueError::MissingRate(code("EUR")))
    );
    assert_eq!(
        ValueError::MissingRate(code("EUR")).to_string(),
        "no exchange rate from EUR to the reporting currency"
    );
}

#[test]
fn conversion_overflow_is_an_error_not_a_panic() {
    let r = rates("USD", &[("EUR", "2"), ("JPY", "1")]);
    assert_eq!(
        r.convert(Money::new(i64::MAX, code("EUR"))),
        Err(ValueError::Overflow)
    );
    assert_eq!(
        r.convert(Money::new(i64::MIN, code("EUR"))),
        Err(ValueError::Overflow)
    );
    // Yen have no minor digits: one yen at rate 1 is 100 cents.
    assert_eq!(
        r.convert(Money::new(i64::MAX, code("JPY"))),
        Err(ValueError::Overflow)
    );
    let mut huge = ExchangeRates::new(code("USD"));
    huge.rates.insert(
        code("JPY"),
        DecimalRate {
            mantissa: i64::MAX,
            scale: 0,
        },
    );
    assert_eq!(
        huge.convert(Money::new(i64::MAX, code("JPY"))),
        Err(ValueError::Overflow)
    );
    // Just inside the range still works.
    let r = rates("USD", &[("EUR", "0.5")]);
    assert_eq!(
        r.convert(Money::new(i64::MAX, code("EUR"))),
        Ok(i64::MAX / 2 + 1)
    );
}

#[test]
fn deserialised_nonsense_rates_are_errors() {
    let mut r = ExchangeRates::new(code("USD"));
    r.rates.insert(
        code("EUR"),
        DecimalRate {
            mantissa: 0,
            scale: 0,
        },
    );
    assert!(matches!(
        r.convert(Money::new(1, code("EUR"))),
        Err(ValueError::BadRate(_))
    ));
    // A tiny rate with an enormous scale rounds to zero instead of overflowing.
    r.rates.insert(
        code("EUR"),
        DecimalRate {
            mantissa: 1,
            scale: 4_000_000_000,
        },
    );
    assert_eq!(r.convert(Money::new(i64::MAX, code("EUR"))), Ok(0));
}

#[test]
fn exchange_rates_round_trip_through_json() {
    let r = rates("USD", &[("EUR", "1.0832"), ("JPY", "0.0067")]);
    let json = serde_json::to_string(&r).expect("serialises");
    assert!(json.contains("\"EUR\""), "{json}");
    let back: ExchangeRates = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, r);
}

// ----- customer values -----

fn order(
    customer: &str,
    placed_on: NaiveDate,
    minor: i64,
    currency: &str,
    status: OrderStatus,
) -> Order {
    Order {
        id: format!("shop:{customer}-{placed_on}-{minor}"),
        customer_id: id(customer),
        number: format!("{minor}"),
        channel: "shop".to_owned(),
        placed_on,
        total: Money::new(minor, code(currency)),
        status,
        cost_of_goods: 0,
        shipping_cost: 0,
        discount: 0,
        refunded: 0,
        details: Default::default(),
    }
}

fn cost(customer: &str, on: NaiveDate, minor: i64, currency: &str) -> CostEntry {
    CostEntry {
        id: format!("cost:{customer}-{on}"),
        customer_id: id(customer),
        on,
        kind: CostKind::ComplaintHandling,
        amount: Money::new(minor, code(currency)),
        note: String::new(),
    }
}

fn year_2025() -> Period {
    Period {
        from: day(2025, 1, 1),
        to: day(2025, 12, 31),
    }
}

#[test]
fn customer_values_follow_the_definitions() {
    use OrderStatus::*;
    let mut orders = vec![
        Order {
            cost_of_goods: 4_000,
            shipping_cost: 500,
            discount: 200,
            ..order("a", day(2025, 3, 1), 10_000, "USD", Delivered)
        },
        // Fully refunded: revenue 0, costs still count, not counted as an order.
        Order {
            cost_of_goods: 2_000,
            shipping_cost: 300,
            refunded: 5_000,
            details: Default::default(),
            ..order("a", day(2025, 5, 1), 5_000, "USD", Refunded)
        },
        // Cancelled: ignored entirely, including for recency.
        Order {
            cost_of_goods: 9_999,
            ..order("a", day(2025, 11, 1), 9_999, "USD", Cancelled)
        },
        // Partial refund reduces revenue.
        Order {
            refunded: 500,
            details: Default::default(),
            ..order("a", day(2025, 7, 1), 2_000, "USD", Paid)
        },
        // Before and after the period.
        order("a", day(2024, 12, 1), 7_777, "USD", Delivered),
        order("a", day(2026, 1, 5), 8_888, "USD", Delivered),
        // Unknown customer, in a currency without a rate: ignored, no error.
        order("x", day(2025, 6, 1), 1_000, "GBP", Paid),
        order("b", day(2024, 11, 15), 3_000, "USD", Delivered),
        Order {
            cost_of_goods: 500,
            ..order("b", day(2025, 2, 2), 1_000, "EUR", Shipped)
        },
    ];
    orders.rotate_left(3); // input order must not matter
    let costs = vec![
        cost("a", day(2025, 4, 1), 150, "USD"),
        cost("a", day(2024, 12, 31), 999, "USD"),
        cost("b", day(2025, 12, 31), 100, "EUR"),
        cost("b", day(2026, 1, 1), 100, "EUR"),
        cost("x", day(2025, 4, 1), 100, "GBP"),
    ];
    let r = rates("USD", &[("EUR", "1.1")]);
    let ids = [id("b"), id("z"), id("a")];
    let values = customer_values(&ids, &orders, &costs, &r, year_2025()).expect("no errors");
    assert_eq!(
        values,
        vec![
            CustomerValue {
                id: id("b"),
                revenue: 1_100,
                cost_of_goods: 550,
                cost_to_serve: 110,
                profit: 440,
                orders: 1,
                last_order: Some(day(2025, 2, 2)),
            },
            CustomerValue {
                id: id("z"),
                revenue: 0,
                cost_of_goods: 0,
                cost_to_serve: 0,
                profit: 0,
                orders: 0,
                last_order: None,
            },
            CustomerValue {
                id: id("a"),
                revenue: 11_500,
                cost_of_goods: 6_000,
                cost_to_serve: 500 + 200 + 300 + 150,
                profit: 11_500 - 6_000 - 1_150,
                orders: 2,
                last_order: Some(day(2025, 7, 1)),
            },
        ]
    );
}

#[test]
fn recency_reaches_back_before_the_period() {
    let orders = [
        order("old", day(2023, 6, 1), 100, "USD", OrderStatus::Delivered),
        order("old", day(2024, 6, 1), 100, "USD", OrderStatus::Refunded),
    ];
    let values =
        customer_values(&[id("old")], &orders, &[], &rates("USD", &[]), year_2025()).unwrap();
    assert_eq!(values[0].orders, 0);
    assert_eq!(values[0].revenue, 0);
    assert_eq!(values[0].last_order, Some(day(2023, 6, 1)));
}

#[test]
fn customer_values_report_the_first_missing_rate() {
    let orders = [
        order("a", day(2025, 1, 1), 100, "USD", OrderStatus::Paid),
        order("a", day(2025, 1, 2), 100, "GBP", OrderStatus::Paid),
        order("a", day(2025, 1, 3), 100, "EUR", OrderStatus::Paid),
    ];
    let got = customer_values(&[id("a")], &orders, &[], &rates("USD", &[]), year_2025());
    assert_eq!(got, Err(ValueError::MissingRate(code("GBP"))));
    // Costs need rates too.
    let costs = [cost("a", day(2025, 1, 1), 5, "CHF")];
    let got = customer_values(
        &[id("a")],
        &orders[..1],
        &costs,
        &rates("USD", &[]),
        year_2025(),
    );
    assert_eq!(got, Err(ValueError::MissingRate(code("CHF"))));
}

#[test]
fn customer_values_mix_currencies_and_round_per_order() {
    let orders = [
        order("a", day(2025, 1, 1), 1, "JPY", OrderStatus::Paid),
        order("a", day(2025, 1, 2), 1, "JPY", OrderStatus::Paid),
        order("a", day(2025, 1, 3), 1_000, "USD", OrderStatus::Paid),
        order("a", day(2025, 1, 4), 1_000, "EUR", OrderStatus::Paid),
        order("a", day(2025, 1, 5), 1, "JPY", OrderStatus::Paid),
    ];
    let r = rates("USD", &[("JPY", "0.005"), ("EUR", "2")]);
    let values = customer_values(&[id("a")], &orders, &[], &r, year_2025()).unwrap();
    // Each yen is 0.5 cent -> 1 cent; plus 1000 cents; plus 2000 cents.
    assert_eq!(values[0].revenue, 3_003);
    assert_eq!(values[0].orders, 5);
    // Each amount is converted exactly as `convert` does it.
    let expected: i64 = orders.iter().map(|o| r.convert(o.total).unwrap()).sum();
    assert_eq!(values[0].revenue, expected);
}

#[test]
fn a_missing_rate_is_an_error_even_for_zero_amounts() {
    let r = rates("USD", &[]);
    assert_eq!(
        r.convert(Money::new(0, code("EUR"))),
        Err(ValueError::MissingRate(code("EUR")))
    );
    let orders = [Order {
        refunded: 100,
        details: Default::default(),
        ..order("a", day(2025, 1, 1), 100, "EUR", OrderStatus::Refunded)
    }];
    assert_eq!(
        customer_values(&[id("a")], &orders, &[], &r, year_2025()),
        Err(ValueError::MissingRate(code("EUR")))
    );
}

#[test]
fn customer_values_overflow_is_reported() {
    let orders = [
        order("a", day(2025, 1, 1), i64::MAX, "USD", OrderStatus::Paid),
        order("a", day(2025, 1, 2), i64::MAX, "USD", OrderStatus::Paid),
    ];
    let got = customer_values(&[id("a")], &orders, &[], &rates("USD", &[]), year_2025());
    assert_eq!(got, Err(ValueError::Overflow));
}

#[test]
fn repeated_ids_repeat_their_values() {
    let orders = [order("a", day(2025, 1, 1), 100, "USD", OrderStatus::Paid)];
    let values = customer_values(
        &[id("a"), id("b"), id("a")],
        &orders,
        &[],
        &rates("USD", &[]),
        year_2025(),
    )
    .unwrap();
    assert_eq!(values.len(), 3);
    assert_eq!(values[0], values[2]);
    assert_eq!(values[0].revenue, 100);
}

// ----- tiers -----

#[test]
fn codes_round_trip() {
    for t in ValueTier::ALL {
        assert_eq!(ValueTier::from_code(t.code()), Some(t));
    }
    for r in RankBy::ALL {
        assert_eq!(RankBy::from_code(r.code()), Some(r));
    }
    assert_eq!(RankBy::from_code("profit"), Some(RankBy::Profit));
    assert_eq!(RankBy::from_code("revenue"), Some(RankBy::Revenue));
    assert_eq!(RankBy::from_code("nope"), None);
    for s in RfmSegment::ALL {
        assert_eq!(RfmSegment::from_code(s.code()), Some(s));
    }
    assert_eq!(
        serde_json::to_string(&ValueTier::Vip).unwrap(),
        "\"vip\"",
        "serde names match codes"
    );
}

#[test]
fn tier_shares_validate() {
    assert_eq!(TierShares::default().validate(), Ok(()));
    assert_eq!(TierShares::default().small(), 50);
    assert!(TierShares {
        vip: 0,
        major: 19,
        ordinary: 30
    }
    .validate()
    .is_err());
    assert!(TierShares {
        vip: 1,
        major: 0,
        ordinary: 0
    }
    .validate()
    .is_ok());
    assert!(TierShares {
        vip: 50,
        major: 50,
        ordinary: 0
    }
    .validate()
    .is_ok());
    let err = TierShares {
        vip: 10,
        major: 60,
        ordinary: 40,
    }
    .validate()
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid shares: VIP, major and ordinary shares add up to 110%, more than 100%"
    );
    assert!(TierShares {
        vip: u32::MAX,
        major: u32::MAX,
        ordinary: 1
    }
    .validate()
    .is_err());
}

#[test]
fn a_single_customer_is_vip() {
    let ranking = assign_tiers(&numbered(&[-5]), RankBy::Profit, TierShares::default());
    assert_eq!(ranking.order, vec![0]);
    assert_eq!(ranking.tiers, vec![ValueTier::Vip]);
}

#[test]
fn ninety_nine_customers_round_tier_bounds_up() {
    let profits: Vec<i64> = (0..99).collect();
    let ranking = assign_tiers(&numbered(&profits), RankBy::Profit, TierShares::default());
    let tiers = &ranking.tiers;
    assert_eq!(count(tiers, ValueTier::Vip), 1); // ceil(0.99)
    assert_eq!(count(tiers, ValueTier::Major), 19); // up to ceil(19.8) = 20
    assert_eq!(count(tiers, ValueTier::Ordinary), 30); // up to ceil(49.5) = 50
    assert_eq!(count(tiers, ValueTier::Small), 49);
    // Highest profit (index 98) first.
    assert_eq!(ranking.order[0], 98);
    assert_eq!(tiers[98], ValueTier::Vip);
    assert_eq!(tiers[98 - 19], ValueTier::Major); // rank 20
    assert_eq!(tiers[98 - 20], ValueTier::Ordinary); // rank 21
    assert_eq!(tiers[98 - 49], ValueTier::Ordinary); // rank 50
    assert_eq!(tiers[98 - 50], ValueTier::Small); // rank 51
}

#[test]
fn one_hundred_customers_split_1_19_30_50() {
    let profits: Vec<i64> = (0..100).map(|i| 1_000 - i * 7).collect();
    let ranking = assign_tiers(&numbered(&profits), RankBy::Profit, TierShares::default());
    let counts: Vec<usize> = ValueTier::ALL
        .iter()
        .map(|&t| count(&ranking.tiers, t))
        .collect();
    assert_eq!(counts, vec![1, 19, 30, 50]);
    assert_eq!(ranking.order, (0..100).collect::<Vec<_>>());
}

#[test]
fn ties_are_broken_by_id_and_all_equal_values_rank_by_id() {
    let values = vec![
        cv("d", 10, 10),
        cv("b", 10, 10),
        cv("c", 10, 10),
        cv("a", 10, 10),
    ];
    let ranking = assign_tiers(
        &values,
        RankBy::Profit,
        TierShares {
            vip: 25,
            major: 25,
            ordinary: 25,
        },
    );
    assert_eq!(ranking.order, vec![3, 1, 2, 0]);
    assert_eq!(
        ranking.tiers,
        vec![
            ValueTier::Small,
            ValueTier::Major,
            ValueTier::Ordinary,
            ValueTier::Vip
        ]
    );
}

#[test]
fn large_ties_are_ordered_by_full_id() {
    // 300 customers with equal revenue: ids share 8-byte prefixes in groups, and
    // appear in a scrambled order.
    let values: Vec<CustomerValue> = (0..300)
        .map(|i| (i * 7919) % 300)
        .map(|k| cv(&format!("customer-{:03}{}", k % 100, k / 100), 0, 0))
        .collect();
    let mut expected: Vec<usize> = (0..values.len()).collect();
    expected.sort_by(|&a, &b| values[a].id.cmp(&values[b].id));
    assert_eq!(rank_desc(&values, |v| v.revenue), expected);
    assert_eq!(pareto(&values).len(), 300);
}

#[test]
fn negative_profits_rank_last() {
    let values = vec![
        cv("a", 100, -50),
        cv("b", 10, 5),
        cv("c", 0, -1),
        cv("d", 50, 0),
    ];
    let ranking = assign_tiers(&values, RankBy::Profit, TierShares::default());
    assert_eq!(ranking.order, vec![1, 3, 2, 0]);
    let by_revenue = assign_tiers(&values, RankBy::Revenue, TierShares::default());
    assert_eq!(by_revenue.order, vec![0, 3, 1, 2]);
    assert_eq!(by_revenue.tiers[0], ValueTier::Vip);
    assert_eq!(ranking.tiers[1], ValueTier::Vip);
    assert_eq!(ranking.tiers[0], ValueTier::Small);
}

#[test]
fn empty_input_is_fine_everywhere() {
    let ranking = assign_tiers(&[], RankBy::Profit, TierShares::default());
    assert!(ranking.order.is_empty() && ranking.tiers.is_empty());
    assert!(abc_classes(&[], AbcThresholds::default()).is_empty());
    assert!(pareto(&[]).is_empty());
    let whale = whale_curve(&[]);
    assert!(whale.points.is_empty());
    assert_eq!((whale.peak_rank, whale.peak_percent), (0, 0.0));
    let summary = tier_summary(&[], &[]);
    assert_eq!(summary.len(), 4);
    assert!(summary
        .iter()
        .all(|s| s.customers == 0 && s.customer_share == 0.0));
    assert!(rfm_scores(&[], day(2025, 1, 1)).is_empty());
}

// ----- ABC, Pareto, whale, pyramid -----

/// Revenues with many ties and a skew, for a customer count that is not a multiple
/// of the bar count, so buckets of equal size would straddle class boundaries.
fn skewed(n: usize) -> Vec<CustomerValue> {
    (0..n)
        .map(|i| {
            let revenue = ((i * 7919) % 1000) as i64 * ((i % 13) as i64 + 1);
            cv(&format!("c{i:05}"), revenue, revenue / 3)
        })
        .collect()
}

#[test]
fn pareto_bar_counts_equal_the_abc_counts_exactly() {
    for n in [1usize, 59, 61, 1237, 23_570] {
        let values = skewed(n);
        let classes = abc_classes(&values, AbcThresholds::default());
        let counts = AbcCounts::of(&classes);
        assert_eq!(counts.a + counts.b + counts.c, n);
        let bars = pareto_bars(&pareto(&values), &classes, 60);
        let mut from_bars = AbcCounts::default();
        for bar in &bars {
            match bar.class {
                AbcClass::A => from_bars.a += bar.customers,
                AbcClass::B => from_bars.b += bar.customers,
                AbcClass::C => from_bars.c += bar.customers,
            }
        }
        assert_eq!(from_bars, counts, "{n} customers");
        assert!(bars.len() <= 62, "{n} customers drew {} bars", bars.len());
        // Classes run A, then B, then C along the bars: no bar mixes two.
        assert!(bars
            .windows(2)
            .all(|w| w[0].class as u8 <= w[1].class as u8));
        let revenue: i64 = bars.iter().map(|b| b.revenue).sum();
        assert_eq!(revenue, values.iter().map(|v| v.revenue).sum::<i64>());
    }
}

/// A customer whose predecessors hold exactly 55 % (or 85 %) of sales is past the
/// cut-off: "A while the customers ranked above hold less than 55 %".
#[test]
fn abc_boundaries_are_exact_at_55_and_85_percent() {
    use AbcClass::*;
    let t = AbcThresholds::default();
    let values = [cv("a", 55, 0), cv("b", 30, 0), cv("c", 15, 0)];
    assert_eq!(abc_classes(&values, t), vec![A, B, C]);
    // One unit less above the line and the next customer is still inside it.
    let values = [
        cv("a", 549, 0),
        cv("b", 1, 0),
        cv("c", 300, 0),
        cv("d", 150, 0),
    ];
    // Ranked a 549, c 300, d 150, b 1 (total 1000): above c = 54.9 % -> A;
    // above d = 84.9 % -> B; above b = 99.9 % -> C.
    assert_eq!(abc_classes(&values, t), vec![A, C, A, B]);
    let values = [cv("a", 550, 0), cv("c", 300, 0), cv("d", 150, 0)];
    assert_eq!(abc_classes(&values, t), vec![A, B, C]);
}

#[test]
fn abc_counts_count_each_class() {
    use AbcClass::*;
    let counts = AbcCounts::of(&[A, C, B, C, C]);
    assert_eq!((counts.a, counts.b, counts.c), (1, 1, 3));
    assert_eq!((counts.get(A), counts.get(B), counts.get(C)), (1, 1, 3));
}

#[test]
fn abc_worked_example_55_85() {
    // Ranked: e 500, a 200, c 150, b 100, d 50; total 1000.
    // e: above 0    =  0% < 55%           -> A
    // a: above 500  = 50% < 55%           -> A
    // c: above 700  = 70% >= 55%, < 85%   -> B
    // b: above 850  = 85% not < 85%       -> C
    // d: above 950  = 95%                 -> C
    let values = vec![
        cv("a", 200, 0),
        cv("b", 100, 0),
        cv("c", 150, 0),
        cv("d", 50, 0),
        cv("e", 500, 0),
    ];
    let classes = abc_classes(&values, AbcThresholds::default());
    use AbcClass::*;
    assert_eq!(classes, vec![A, C, B, C, A]);
}

#[test]
fn abc_edge_cases() {
    use AbcClass::*;
    let t = AbcThresholds::default();
    assert_eq!(abc_classes(&[cv("a", 0, 0), cv("b", 0, 0)], t), vec![C, C]);
    assert_eq!(
        abc_classes(&[cv("a", 10, 0), cv("b", -20, 0)], t),
        vec![C, C]
    );
    assert_eq!(abc_classes(&[cv("solo", 1, 0)], t), vec![A]);
    // Negative revenue counts as-is: total 100 - 10 = 90, so b has 60/90 = 67%
    // above it (B) and c 100/90 = 111% (C).
    assert_eq!(
        abc_classes(&[cv("a", 60, 0), cv("b", 40, 0), cv("c", -10, 0)], t),
        vec![A, B, C]
    );
}

#[test]
fn abc_thresholds_validate() {
    assert_eq!(AbcThresholds::default().validate(), Ok(()));
    let refused = |a, b| AbcThresholds { a, b }.validate();
    assert_eq!(
        refused(0, 50),
        Err(ValueError::BadShares(SharesProblem::AThresholdBelowOne))
    );
    assert_eq!(
        refused(50, 50),
        Err(ValueError::BadShares(SharesProblem::AThresholdNotBelowB {
            a: 50,
            b: 50
        }))
    );
    assert_eq!(
        refused(60, 50),
        Err(ValueError::BadShares(SharesProblem::AThresholdNotBelowB {
            a: 60,
            b: 50
        }))
    );
    assert_eq!(
        refused(50, 101),
        Err(ValueError::BadShares(SharesProblem::BThresholdOver100 {
            b: 101
        }))
    );
    // The documented range is 1 <= a < b <= 100: both ends are allowed.
    assert!(AbcThresholds { a: 99, b: 100 }.validate().is_ok());
    assert!(AbcThresholds { a: 1, b: 2 }.validate().is_ok());
}

#[test]
fn pareto_accumulates_to_one_hundred() {
    let values = vec![cv("a", 100, 0), cv("b", 300, 0), cv("c", 100, 0)];
    let points = pareto(&values);
    let indices: Vec<usize> = points.iter().map(|p| p.index).collect();
    assert_eq!(indices, vec![1, 0, 2]);
    assert_eq!(points[0].revenue, 300);
    assert!((points[0].cumulative_percent - 60.0).abs() < 1e-9);
    assert!((points[1].cumulative_percent - 80.0).abs() < 1e-9);
    assert!((points[2].cumulative_percent - 100.0).abs() < 1e-9);
    assert!(pareto(&[cv("a", 0, 0)])[0].cumulative_percent == 0.0);
}

#[test]
fn whale_curve_peaks_above_one_hundred_with_loss_makers() {
    let values = vec![
        cv("a", 0, -30),
        cv("b", 0, 100),
        cv("c", 0, -20),
        cv("d", 0, 50),
    ];
    let whale = whale_curve(&values);
    // Ranked 100, 50, -20, -30 of a total of 100.
    assert_eq!(whale.points, vec![100.0, 150.0, 130.0, 100.0]);
    assert_eq!(whale.peak_rank, 2);
    assert_eq!(whale.peak_percent, 150.0);
    assert!(!whale.relative_to_positive);
}

#[test]
fn whale_curve_without_overall_profit_uses_positive_profits() {
    let whale = whale_curve(&[cv("a", 0, 50), cv("b", 0, -80)]);
    assert!(whale.relative_to_positive);
    assert_eq!(whale.points, vec![100.0, -60.0]);
    assert_eq!((whale.peak_rank, whale.peak_percent), (1, 100.0));

    let losses = whale_curve(&[cv("a", 0, -10), cv("b", 0, -20)]);
    assert!(losses.relative_to_positive);
    assert_eq!(losses.points, vec![0.0, 0.0]);
    assert_eq!(losses.peak_rank, 1);

    // First of equal peaks wins.
    let flat = whale_curve(&[cv("a", 0, 10), cv("b", 0, 0)]);
    assert_eq!(flat.peak_rank, 1);
}

#[test]
fn tier_summary_shares_sum_to_one_hundred() {
    let profits: Vec<i64> = (0..37).map(|i| (i * 37 % 23) - 5).collect();
    let values = numbered(&profits);
    let ranking = assign_tiers(&values, RankBy::Profit, TierShares::default());
    let summary = tier_summary(&values, &ranking.tiers);
    let tiers: Vec<ValueTier> = summary.iter().map(|s| s.tier).collect();
    assert_eq!(tiers, ValueTier::ALL.to_vec());
    let customers: usize = summary.iter().map(|s| s.customers).sum();
    assert_eq!(customers, 37);
    let customer_share: f64 = summary.iter().map(|s| s.customer_share).sum();
    let profit_share: f64 = summary.iter().map(|s| s.profit_share).sum();
    assert!((customer_share - 100.0).abs() < 1e-9);
    assert!((profit_share - 100.0).abs() < 1e-9);
    let profit: i64 = summary.iter().map(|s| s.profit).sum();
    assert_eq!(profit, profits.iter().sum::<i64>());
    let revenue: i64 = summary.iter().map(|s| s.revenue).sum();
    assert_eq!(revenue, profit); // numbered() sets revenue = profit
    assert_eq!(summary[0].customers, 1);

    let zero = tier_summary(&[cv("a", 0, 0)], &[ValueTier::Major]);
    assert_eq!(zero[1].customer_share, 100.0);
    assert_eq!(zero[1].profit_share, 0.0);
}

// ----- RFM -----

fn rfm_value(name: &str, orders: u32, revenue: i64, last: Option<NaiveDate>) -> CustomerValue {
    CustomerValue {
        orders,
        last_order: last,
        ..cv(name, revenue, revenue)
    }
}

#[test]
fn rfm_single_customer_with_orders_is_a_champion() {
    let scores = rfm_scores(
        &[rfm_value("a", 3, 900, Some(day(2025, 1, 1)))],
        day(2025, 6, 1),
    );
    assert_eq!(
        scores,
        vec![RfmScore {
            r: 5,
            f: 5,
            m: 5,
            segment: RfmSegment::Champions
        }]
    );
}

#[test]
fn rfm_all_equal_customers_share_scores() {
    let values: Vec<CustomerValue> = (0..7)
        .map(|i| rfm_value(&format!("c{i}"), 2, 500, Some(day(2025, 3, 3))))
        .collect();
    let scores = rfm_scores(&values, day(2025, 6, 1));
    assert!(scores.iter().all(|s| *s == scores[0]));
    assert_eq!((scores[0].r, scores[0].f, scores[0].m), (5, 5, 5));
}

#[test]
fn rfm_customers_without_orders_score_one() {
    let values = vec![
        rfm_value("never", 0, 0, None),
        rfm_value("lapsed", 0, 0, Some(day(2020, 1, 1))),
        rfm_value("active", 4, 1_000, Some(day(2025, 5, 30))),
    ];
    let scores = rfm_scores(&values, day(2025, 6, 1));
    assert_eq!((scores[0].r, scores[0].f, scores[0].m), (1, 1, 1));
    assert_eq!(scores[0].segment, RfmSegment::Lost);
    // Ranked on recency with "active": 2 customers -> ceil(5/2) = 3 and 5.
    assert_eq!((scores[1].r, scores[1].f, scores[1].m), (3, 1, 1));
    assert_eq!(scores[1].segment, RfmSegment::Promising);
    assert_eq!((scores[2].r, scores[2].f, scores[2].m), (5, 5, 5));
}

#[test]
fn rfm_quintiles_over_ten_customers() {
    let today = day(2025, 12, 31);
    // c0 is the oldest, fewest orders, least revenue; c9 the best.
    let values: Vec<CustomerValue> = (0..10u32)
        .map(|i| {
            rfm_value(
                &format!("c{i}"),
                i + 1,
                i64::from(i) * 100,
                Some(day(2025, 1, 1 + i)),
            )
        })
        .collect();
    let scores = rfm_scores(&values, today);
    let r: Vec<u8> = scores.iter().map(|s| s.r).collect();
    assert_eq!(r, vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    let f: Vec<u8> = scores.iter().map(|s| s.f).collect();
    assert_eq!(f, r);
    assert_eq!(scores[0].segment, RfmSegment::Lost);
    assert_eq!(scores[9].segment, RfmSegment::Champions);
    // Ties share the group's best score: two customers on the same last day.
    let mut tied = values.clone();
    tied[1].last_order = tied[0].last_order;
    assert_eq!(rfm_scores(&tied, today)[0].r, 1); // k = 2 of 10 -> 1
    tied[2].last_order = tied[0].last_order;
    let s = rfm_scores(&tied, today);
    assert_eq!((s[0].r, s[1].r, s[2].r), (2, 2, 2)); // k = 3 of 10 -> ceil(1.5)
}

#[test]
fn rfm_future_dates_count_as_today() {
    let values = vec![
        rfm_value("a", 1, 10, Some(day(2025, 7, 1))),
        rfm_value("b", 1, 10, Some(day(2025, 6, 1))),
    ];
    let scores = rfm_scores(&values, day(2025, 6, 1));
    assert_eq!((scores[0].r, scores[1].r), (5, 5));
}

/// The rules as stated in the brief, one predicate per segment.
fn stated_rules(r: u8, fm: u8) -> Vec<RfmSegment> {
    use RfmSegment::*;
    let champion = r >= 4 && fm >= 4;
    let cannot_lose = r <= 1 && fm >= 4;
    let rules: [(RfmSegment, bool); 11] = [
        (Champions, champion),
        (LoyalCustomers, r >= 3 && fm >= 4 && !champion),
        (CannotLoseThem, cannot_lose),
        (AtRisk, r <= 2 && fm >= 3 && !cannot_lose),
        (PotentialLoyalists, r >= 4 && (2..=3).contains(&fm)),
        (NewCustomers, r >= 4 && fm <= 1),
        (Promising, r == 3 && fm <= 1),
        (NeedAttention, r == 3 && (2..=3).contains(&fm)),
        (AboutToSleep, r == 2 && fm <= 2),
        (Hibernating, r == 1 && fm == 2),
        (Lost, r == 1 && fm <= 1),
    ];
    rules
        .into_iter()
        .filter(|(_, hit)| *hit)
        .map(|(s, _)| s)
        .collect()
}

#[test]
fn rfm_segments_cover_every_pair_exactly_once() {
    let mut seen = std::collections::HashSet::new();
    for r in 1..=5u8 {
        for fm in 1..=5u8 {
            let matching = stated_rules(r, fm);
            assert_eq!(matching.len(), 1, "R={r} FM={fm} matches {matching:?}");
            assert_eq!(RfmSegment::from_r_fm(r, fm), matching[0], "R={r} FM={fm}");
            seen.insert(matching[0]);
        }
    }
    assert_eq!(
        seen.len(),
        RfmSegment::ALL.len(),
        "every segment is reachable"
    );
    // FM is the floor of the mean of F and M.
    for r in 1..=5u8 {
        for f in 1..=5u8 {
            for m in 1..=5u8 {
                assert_eq!(
                    RfmSegment::from_scores(r, f, m),
                    RfmSegment::from_r_fm(r, (f + m) / 2)
                );
            }
        }
    }
}

// ----- properties -----

fn shares_strategy() -> impl Strategy<Value = TierShares> {
    (1u32..=100)
        .prop_flat_map(|vip| (Just(vip), 0..=100 - vip))
        .prop_flat_map(|(vip, major)| (Just(vip), Just(major), 0..=100 - vip - major))
        .prop_map(|(vip, major, ordinary)| TierShares {
            vip,
            major,
            ordinary,
        })
}

fn ceil_pct(p: u32, n: usize) -> usize {
    (p as usize * n).div_ceil(100)
}

proptest! {
    // Debug builds run these slowly; fewer cases keep `cargo test` quick.
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn tier_counts_respect_rank_bounds(
        profits in prop::collection::vec(-50i64..50, 1..500),
        shares in shares_strategy(),
        by_revenue in any::<bool>(),
    ) {
        let n = profits.len();
        let values = numbered(&profits);
        let rank_by = if by_revenue { RankBy::Revenue } else { RankBy::Profit };
        let ranking = assign_tiers(&values, rank_by, shares);
        let tiers = &ranking.tiers;
        prop_assert_eq!(tiers.len(), n);
        let vip_end = ceil_pct(shares.vip, n);
        let major_end = ceil_pct(shares.vip + shares.major, n);
        let ordinary_end = ceil_pct(shares.vip + shares.major + shares.ordinary, n);
        prop_assert_eq!(count(tiers, ValueTier::Vip), vip_end);
        prop_assert_eq!(count(tiers, ValueTier::Major), major_end - vip_end);
        prop_assert_eq!(count(tiers, ValueTier::Ordinary), ordinary_end - major_end);
        prop_assert_eq!(count(tiers, ValueTier::Small), n - ordinary_end);
        // The ranking is a permutation, sorted best first, tiers never improve.
        let mut seen = vec![false; n];
        for w in ranking.order.windows(2) {
            let (a, b) = (&values[w[0]], &values[w[1]]);
            prop_assert!(a.profit > b.profit || (a.profit == b.profit && a.id < b.id));
            prop_assert!(tiers[w[0]] <= tiers[w[1]]);
        }
        for &i in &ranking.order {
            prop_assert!(!seen[i]);
            seen[i] = true;
        }
    }

    #[test]
    fn abc_classes_are_monotone_along_the_ranking(
        revenues in prop::collection::vec(-1_000i64..100_000, 1..300),
        a in 1u32..99,
        gap in 1u32..100,
    ) {
        let thresholds = AbcThresholds { a, b: (a + gap).min(100) };
        prop_assume!(thresholds.validate().is_ok());
        let values = numbered(&revenues);
        let classes = abc_classes(&values, thresholds);
        let order = rank_desc(&values, |v| v.revenue);
        for w in order.windows(2) {
            prop_assert!(classes[w[0]] <= classes[w[1]]);
        }
        if revenues.iter().sum::<i64>() > 0 {
            prop_assert_eq!(classes[order[0]], AbcClass::A);
        }
    }

    #[test]
    fn rfm_scores_stay_in_range(
        data in prop::collection::vec((0u32..5, -100i64..1_000, prop::option::of(0u64..400)), 0..200),
    ) {
        let values: Vec<CustomerValue> = data
            .iter()
            .enumerate()
            .map(|(i, &(orders, revenue, days))| {
                let last = days.map(|d| day(2025, 1, 1) + chrono::Days::new(d));
                rfm_value(&format!("c{i}"), orders, revenue, last)
            })
            .collect();
        let scores = rfm_scores(&values, day(2025, 12, 31));
        prop_assert_eq!(scores.len(), values.len());
        for (s, v) in scores.iter().zip(&values) {
            for x in [s.r, s.f, s.m] {
                prop_assert!((1..=5).contains(&x));
            }
            if v.orders == 0 {
                prop_assert_eq!((s.f, s.m), (1, 1));
            }
            if v.last_order.is_none() {
                prop_assert_eq!(s.r, 1);
            }
            prop_assert_eq!(s.segment, RfmSegment::from_scores(s.r, s.f, s.m));
        }
    }

    #[test]
    fn radix_sort_is_a_stable_sort(keys in prop::collection::vec(
        prop_oneof![any::<u64>(), 0u64..4, Just(u64::MAX), Just(1u64 << 63)], 0..300)
    ) {
        let mut pairs: Vec<(u64, usize)> = keys.iter().copied().zip(0..).collect();
        let mut expected = pairs.clone();
        expected.sort_by_key(|p| p.0);
        radix_sort(&mut pairs);
        prop_assert_eq!(pairs, expected);
    }

    #[test]
    fn ranking_matches_a_plain_comparison_sort(
        rows in prop::collection::vec((
            prop_oneof![-3i64..3, Just(i64::MIN), Just(i64::MAX), any::<i64>()],
            "[ab]{0,3}|customer[ab]{0,3}|[ab]{8}x?",
        ), 0..120)
    ) {
        let values: Vec<CustomerValue> = rows
            .iter()
            .map(|(key, name)| cv(name, *key, 0))
            .collect();
        let mut expected: Vec<usize> = (0..values.len()).collect();
        expected.sort_by(|&a, &b| {
            values[b].revenue
                .cmp(&values[a].revenue)
                .then(values[a].id.cmp(&values[b].id))
                .then(a.cmp(&b))
        });
        let ranked = rank_desc_keyed(&values, |v| v.revenue);
        for r in &ranked {
            prop_assert_eq!(r.key, values[r.index].revenue);
        }
        let got: Vec<usize> = ranked.iter().map(|r| r.index).collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn fast_id_equality_and_prefix_agree_with_str(a in "[ab]{0,20}", b in "[ab]{0,20}") {
        prop_assert_eq!(same_bytes(&a, &b), a == b);
        let (pa, pb) = (id_prefix(&id(&a)), id_prefix(&id(&b)));
        if pa != pb {
            prop_assert_eq!(pa.cmp(&pb), a.cmp(&b));
        }
        if a == b {
            let hash = |s: &str| {
                let mut h = crate::domain::shared::fast_hash::FastHasher::default();
                std::hash::Hash::hash(&IdKey(s), &mut h);
                h.finish()
            };
            prop_assert_eq!(hash(&a), hash(&b));
        }
    }

    #[test]
    fn conversion_matches_a_rational_reference(
        minor in -1_000_000_000_000i64..1_000_000_000_000,
        mantissa in 1i64..10_000_000,
        scale in 0u32..=8,
    ) {
        let mut r = ExchangeRates::new(code("USD"));
        r.rates.insert(code("JPY"), DecimalRate { mantissa, scale });
        // yen (0 digits) -> cents (2 digits): minor * mantissa * 100 / 10^scale
        let num = i128::from(minor) * i128::from(mantissa) * 100;
        let den = 10i128.pow(scale);
        let twice = 2 * num.abs() + den;
        let expected = (twice / (2 * den)) * num.signum();
        let expected = i64::try_from(expected).map_err(|_| ValueError::Overflow);
        prop_assert_eq!(r.convert(Money::new(minor, code("JPY"))), expected);
    }
}

/// The fast id comparison used while totalling orders: whole 8-byte words, then the
/// rest, so ids longer than a word must compare every word.
#[test]
fn same_bytes_compares_every_word_of_long_ids() {
    use super::customer_values::same_bytes;
    let id = "customer-0000000000000000017";
    assert!(same_bytes(id, id));
    assert!(same_bytes("", ""));
    assert!(!same_bytes(id, "customer-0000000000000000018"));
    assert!(!same_bytes(id, "Customer-0000000000000000017"));
    assert!(!same_bytes("abcdefgh-1", "abcdefgh-2"));
    assert!(!same_bytes("abcdefgh", "abcdefgh-"));
    assert!(same_bytes("顾客编号一二三四五", "顾客编号一二三四五"));
}
