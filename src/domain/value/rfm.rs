//! RFM: recency, frequency and monetary quintile scores and the segment they name.

use super::*;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// RFM segments, decided by R and FM = floor((F + M) / 2):
    ///
    /// | segment              | R      | FM      |
    /// |----------------------|--------|---------|
    /// | Champions            | 4–5    | 4–5     |
    /// | LoyalCustomers       | 3      | 4–5     |
    /// | PotentialLoyalists   | 4–5    | 2–3     |
    /// | NewCustomers         | 4–5    | 1       |
    /// | Promising            | 3      | 1       |
    /// | NeedAttention        | 3      | 2–3     |
    /// | AboutToSleep         | 2      | 1–2     |
    /// | AtRisk               | 2      | 3–5     |
    /// | AtRisk               | 1      | 3       |
    /// | CannotLoseThem       | 1      | 4–5     |
    /// | Hibernating          | 1      | 2       |
    /// | Lost                 | 1      | 1       |
    ///
    /// Every (R, FM) pair in 1..=5 × 1..=5 maps to exactly one segment.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum RfmSegment {
        Champions = "champions",
        LoyalCustomers = "loyal_customers",
        PotentialLoyalists = "potential_loyalists",
        NewCustomers = "new_customers",
        Promising = "promising",
        NeedAttention = "need_attention",
        AboutToSleep = "about_to_sleep",
        AtRisk = "at_risk",
        CannotLoseThem = "cannot_lose_them",
        Hibernating = "hibernating",
        Lost = "lost",
    }
}

impl RfmSegment {
    /// The segment for scores in 1..=5 (out-of-range scores are clamped), see the
    /// table on [`RfmSegment`].
    pub fn from_scores(r: u8, f: u8, m: u8) -> Self {
        let fm = (f.clamp(1, 5) + m.clamp(1, 5)) / 2;
        Self::from_r_fm(r.clamp(1, 5), fm)
    }

    pub(super) fn from_r_fm(r: u8, fm: u8) -> Self {
        match (r, fm) {
            (4.., 4..) => Self::Champions,
            (3, 4..) => Self::LoyalCustomers,
            (4.., 2..=3) => Self::PotentialLoyalists,
            (4.., _) => Self::NewCustomers,
            (3, 2..=3) => Self::NeedAttention,
            (3, _) => Self::Promising,
            (2, 3..) => Self::AtRisk,
            (2, _) => Self::AboutToSleep,
            (_, 4..) => Self::CannotLoseThem,
            (_, 3) => Self::AtRisk,
            (_, 2) => Self::Hibernating,
            (_, _) => Self::Lost,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RfmScore {
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub segment: RfmSegment,
}

/// Quintile scores by empirical cumulative share: sort the `n` keys ascending
/// (higher = better) and give each customer `ceil(5 · k / n)`, where `k` is the number
/// of customers whose key is less than or equal to theirs. Ties share a score (the
/// best one the group reaches), the best key always gets 5 (so a single customer, or
/// a group of all-equal customers, gets 5), and with n >= 5 distinct keys the worst
/// gets 1.
fn quintile_scores(keyed: &mut Vec<(u64, usize)>, scores: &mut [u8]) {
    radix_sort(keyed);
    let n = keyed.len();
    let mut start = 0;
    while start < n {
        let key = keyed[start].0;
        let end = start + keyed[start..].iter().take_while(|(k, _)| *k == key).count();
        let score = (5 * end).div_ceil(n) as u8;
        for &(_, i) in &keyed[start..end] {
            scores[i] = score;
        }
        start = end;
    }
}

/// RFM scores 1..=5 aligned with the input:
///
/// - R ranks customers by days from `last_order` to `today` (fewer days = better,
///   dates after `today` count as 0 days); customers who never ordered get R = 1 and
///   are left out of the ranking;
/// - F ranks by `orders`, M by `revenue`, both among customers with at least one
///   order; customers with 0 orders get F = 1 and M = 1.
///
/// Scores follow [`quintile_scores`]: `ceil(5 · k / n)` with `k` the number of ranked
/// customers at or below the customer's value.
pub fn rfm_scores(values: &[CustomerValue], today: NaiveDate) -> Vec<RfmScore> {
    let n = values.len();
    let mut r = vec![1u8; n];
    let mut f = vec![1u8; n];
    let mut m = vec![1u8; n];

    let today = today.num_days_from_ce();
    let mut keyed: Vec<(u64, usize)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let days = today - v.last_order?.num_days_from_ce();
            Some((ascending_bits(-i64::from(days.max(0))), i))
        })
        .collect();
    quintile_scores(&mut keyed, &mut r);

    keyed.clear();
    keyed.extend(
        values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.orders > 0)
            .map(|(i, v)| (u64::from(v.orders), i)),
    );
    quintile_scores(&mut keyed, &mut f);
    for entry in &mut keyed {
        entry.0 = ascending_bits(values[entry.1].revenue);
    }
    quintile_scores(&mut keyed, &mut m);

    (0..n)
        .map(|i| RfmScore {
            r: r[i],
            f: f[i],
            m: m[i],
            segment: RfmSegment::from_scores(r[i], f[i], m[i]),
        })
        .collect()
}
