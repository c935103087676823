//! Pyramid, ABC and RFM against plain reference implementations: each written from
//! its definition in the README, quadratic and without the production code's running
//! sums, sorting or radix tricks, then compared exactly on random data made of few
//! distinct values, so ties and exact threshold hits are common.

use super::*;
use crate::domain::customers::CustomerId;
use chrono::NaiveDate;
use proptest::prelude::*;

fn customer(
    i: usize,
    revenue: i64,
    profit: i64,
    orders: u32,
    days_ago: Option<u64>,
) -> CustomerValue {
    let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default();
    CustomerValue {
        id: CustomerId(format!("c{i:03}")),
        revenue,
        cost_of_goods: 0,
        cost_to_serve: revenue - profit,
        profit,
        orders,
        last_order: days_ago.map(|d| today - chrono::Days::new(d)),
    }
}

/// `j` is ranked above `i` by `key`: a larger key, or the same key and a smaller id.
fn above(values: &[CustomerValue], key: fn(&CustomerValue) -> i64, j: usize, i: usize) -> bool {
    let (a, b) = (&values[j], &values[i]);
    key(a) > key(b) || (key(a) == key(b) && a.id < b.id)
}

fn reference_tiers(
    values: &[CustomerValue],
    key: fn(&CustomerValue) -> i64,
    shares: TierShares,
) -> Vec<ValueTier> {
    let n = values.len() as u64;
    // ⌈p % of n⌉ customers, by exact integer arithmetic.
    let cut = |percent: u32| (u64::from(percent) * n).div_ceil(100);
    let vip = cut(shares.vip);
    let major = cut(shares.vip + shares.major);
    let ordinary = cut(shares.vip + shares.major + shares.ordinary);
    (0..values.len())
        .map(|i| {
            let rank = 1
                + (0..values.len())
                    .filter(|&j| above(values, key, j, i))
                    .count() as u64;
            if rank <= vip {
                ValueTier::Vip
            } else if rank <= major {
                ValueTier::Major
            } else if rank <= ordinary {
                ValueTier::Ordinary
            } else {
                ValueTier::Small
            }
        })
        .collect()
}

fn reference_abc(values: &[CustomerValue], t: AbcThresholds) -> Vec<AbcClass> {
    let total: i128 = values.iter().map(|v| i128::from(v.revenue)).sum();
    (0..values.len())
        .map(|i| {
            if total <= 0 {
                return AbcClass::C;
            }
            let before: i128 = (0..values.len())
                .filter(|&j| above(values, |v| v.revenue, j, i))
                .map(|j| i128::from(values[j].revenue))
                .sum();
            // "A while the customers ranked above hold less than a % of sales".
            if before * 100 < i128::from(t.a) * total {
                AbcClass::A
            } else if before * 100 < i128::from(t.b) * total {
                AbcClass::B
            } else {
                AbcClass::C
            }
        })
        .collect()
}

/// ⌈5 · (number of ranked keys ≤ mine) / (number ranked)⌉.
fn quintile(keys: &[i64], mine: i64) -> u8 {
    let at_or_below = keys.iter().filter(|&&k| k <= mine).count();
    (5 * at_or_below).div_ceil(keys.len()) as u8
}

fn reference_rfm(values: &[CustomerValue], today: NaiveDate) -> Vec<(u8, u8, u8, RfmSegment)> {
    let recency: Vec<i64> = values
        .iter()
        .filter_map(|v| v.last_order.map(|d| -(today - d).num_days().max(0)))
        .collect();
    let buyers: Vec<&CustomerValue> = values.iter().filter(|v| v.orders > 0).collect();
    let frequency: Vec<i64> = buyers.iter().map(|v| i64::from(v.orders)).collect();
    let monetary: Vec<i64> = buyers.iter().map(|v| v.revenue).collect();
    values
        .iter()
        .map(|v| {
            let r = v
                .last_order
                .map_or(1, |d| quintile(&recency, -(today - d).num_days().max(0)));
            let (f, m) = if v.orders > 0 {
                (
                    quintile(&frequency, i64::from(v.orders)),
                    quintile(&monetary, v.revenue),
                )
            } else {
                (1, 1)
            };
            (r, f, m, RfmSegment::from_scores(r, f, m))
        })
        .collect()
}

fn few_values() -> impl Strategy<Value = Vec<CustomerValue>> {
    prop::collection::vec(
        (0i64..6, -2i64..6, 0u32..4, prop::option::of(0u64..5)),
        0..120,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (revenue, profit, orders, days))| {
                // Hundreds, so sums often land exactly on 55 % or 85 %.
                customer(i, revenue * 100, profit * 100, orders, days.map(|d| d * 30))
            })
            .collect()
    })
}

#[test]
fn references_agree_on_hand_made_boundaries() {
    // 55 / 30 / 15: the second customer's predecessors hold exactly 55 %.
    let values = [
        customer(0, 55, 55, 1, Some(1)),
        customer(1, 30, 30, 1, Some(2)),
        customer(2, 15, 15, 1, Some(3)),
    ];
    assert_eq!(
        reference_abc(&values, AbcThresholds::default()),
        vec![AbcClass::A, AbcClass::B, AbcClass::C]
    );
    assert_eq!(
        abc_classes(&values, AbcThresholds::default()),
        reference_abc(&values, AbcThresholds::default())
    );
    // 100 customers: VIP 1, Major 19, Ordinary 30, Small 50.
    let hundred: Vec<CustomerValue> = (0..100)
        .map(|i| customer(i, 1, i as i64, 1, None))
        .collect();
    let tiers = reference_tiers(&hundred, |v| v.profit, TierShares::default());
    let count = |t| tiers.iter().filter(|&&x| x == t).count();
    assert_eq!(
        (
            count(ValueTier::Vip),
            count(ValueTier::Major),
            count(ValueTier::Ordinary),
            count(ValueTier::Small)
        ),
        (1, 19, 30, 50)
    );
    assert_eq!(
        assign_tiers(&hundred, RankBy::Profit, TierShares::default()).tiers,
        tiers
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn pyramid_equals_the_reference(values in few_values(), vip in 0u32..30, major in 0u32..40, ordinary in 0u32..40, by_revenue in any::<bool>()) {
        let shares = TierShares { vip, major, ordinary };
        let (rank_by, key): (RankBy, fn(&CustomerValue) -> i64) = if by_revenue {
            (RankBy::Revenue, |v| v.revenue)
        } else {
            (RankBy::Profit, |v| v.profit)
        };
        prop_assert_eq!(assign_tiers(&values, rank_by, shares).tiers, reference_tiers(&values, key, shares));
    }

    #[test]
    fn abc_equals_the_reference(values in few_values(), a in 1u32..99, gap in 1u32..60) {
        let thresholds = AbcThresholds { a, b: (a + gap).min(100) };
        prop_assume!(thresholds.validate().is_ok());
        prop_assert_eq!(abc_classes(&values, thresholds), reference_abc(&values, thresholds));
        prop_assert_eq!(abc_classes(&values, AbcThresholds::default()), reference_abc(&values, AbcThresholds::default()));
    }

    #[test]
    fn rfm_equals_the_reference(values in few_values()) {
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default();
        let ours: Vec<(u8, u8, u8, RfmSegment)> = rfm_scores(&values, today)
            .into_iter()
            .map(|s| (s.r, s.f, s.m, s.segment))
            .collect();
        prop_assert_eq!(ours, reference_rfm(&values, today));
    }
}
