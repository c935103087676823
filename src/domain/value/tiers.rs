//! Ranking customers and cutting the ranking into value tiers (the pyramid), with radix
//! sorts of integer keys so 100,000 customers rank quickly in the browser.

use super::*;
use crate::domain::customers::CustomerId;
use serde::{Deserialize, Serialize};

/// `i64` mapped to `u64` preserving order.
#[inline]
pub(super) fn ascending_bits(key: i64) -> u64 {
    (key as u64) ^ (1 << 63)
}

/// Stable LSD radix sort of `(key, payload)` pairs by key, one byte per pass; a pass
/// is skipped when every key has the same byte there (small ranges such as order
/// counts or day numbers take one or two passes). `O(n)`, and no comparison
/// callbacks, which stay function calls in wasm at `opt-level = "z"`.
pub(super) fn radix_sort(pairs: &mut Vec<(u64, usize)>) {
    let n = pairs.len();
    if n < 64 {
        // Not worth the 8 × 256 counters.
        pairs.sort_by_key(|&(key, _)| key);
        return;
    }
    let mut counts = vec![[0usize; 256]; 8];
    for &(key, _) in pairs.iter() {
        for (pass, count) in counts.iter_mut().enumerate() {
            count[((key >> (8 * pass)) & 0xff) as usize] += 1;
        }
    }
    let first_key = pairs[0].0;
    let mut scratch = vec![(0u64, 0usize); n];
    for (pass, count) in counts.iter().enumerate() {
        let shift = 8 * pass;
        if count[((first_key >> shift) & 0xff) as usize] == n {
            continue;
        }
        let mut offsets = [0usize; 256];
        let mut total = 0;
        for (offset, &c) in offsets.iter_mut().zip(count.iter()) {
            *offset = total;
            total += c;
        }
        for &pair in pairs.iter() {
            let digit = ((pair.0 >> shift) & 0xff) as usize;
            scratch[offsets[digit]] = pair;
            offsets[digit] += 1;
        }
        std::mem::swap(pairs, &mut scratch);
    }
}

/// One customer in a ranking: its metric and input position.
#[derive(Clone, Copy)]
pub(super) struct Ranked {
    pub(super) key: i64,
    pub(super) index: usize,
}

/// The id's first 8 bytes, big-endian, zero-padded: ordering these agrees with
/// ordering the ids whenever they differ, so ties rarely read the (scattered) ids.
#[inline]
pub(super) fn id_prefix(id: &CustomerId) -> u64 {
    let bytes = id.as_str().as_bytes();
    if let [b0, b1, b2, b3, b4, b5, b6, b7, ..] = *bytes {
        u64::from_be_bytes([b0, b1, b2, b3, b4, b5, b6, b7])
    } else {
        bytes
            .iter()
            .fold(0u64, |word, &b| (word << 8) | u64::from(b))
            .checked_shl(8 * (8 - bytes.len() as u32))
            .unwrap_or(0)
    }
}

/// `values` descending by `key`, ties by customer id ascending (then by input
/// position, so the result is fully deterministic).
///
/// Radix-sorts the metric, then each run of equal metrics (customers without orders,
/// mostly) by 8-byte id prefix, comparing full ids only where prefixes are equal.
pub(super) fn rank_desc_keyed(
    values: &[CustomerValue],
    key: impl Fn(&CustomerValue) -> i64,
) -> Vec<Ranked> {
    let mut pairs: Vec<(u64, usize)> = values
        .iter()
        .enumerate()
        .map(|(index, v)| (!ascending_bits(key(v)), index))
        .collect();
    radix_sort(&mut pairs);
    let mut run: Vec<(u64, usize)> = Vec::new();
    for (start, len) in equal_runs(&pairs) {
        // Stable sorts so far: a run is in input order, as `run` will be.
        run.clear();
        run.extend(
            pairs[start..start + len]
                .iter()
                .map(|&(_, index)| (id_prefix(&values[index].id), index)),
        );
        radix_sort(&mut run);
        for (same_start, same_len) in equal_runs(&run) {
            run[same_start..same_start + same_len]
                .sort_by(|&(_, a), &(_, b)| values[a].id.cmp(&values[b].id));
        }
        for (slot, &(_, index)) in pairs[start..start + len].iter_mut().zip(&run) {
            slot.1 = index;
        }
    }
    pairs
        .into_iter()
        .map(|(order_key, index)| Ranked {
            key: (!order_key ^ (1 << 63)) as i64,
            index,
        })
        .collect()
}

/// `(start, len)` of every run of two or more equal keys in sorted `pairs`.
fn equal_runs(pairs: &[(u64, usize)]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < pairs.len() {
        let key = pairs[start].0;
        let mut end = start + 1;
        while end < pairs.len() && pairs[end].0 == key {
            end += 1;
        }
        if end - start > 1 {
            runs.push((start, end - start));
        }
        start = end;
    }
    runs
}

/// Indices of `values` in [`rank_desc_keyed`] order.
pub(super) fn rank_desc(
    values: &[CustomerValue],
    key: impl Fn(&CustomerValue) -> i64,
) -> Vec<usize> {
    rank_desc_keyed(values, key)
        .into_iter()
        .map(|r| r.index)
        .collect()
}

coded_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
    #[serde(rename_all = "snake_case")]
    pub enum RankBy {
        #[default]
        Profit = "profit",
        Revenue = "revenue",
    }
}

impl RankBy {
    fn metric(self, value: &CustomerValue) -> i64 {
        match self {
            Self::Profit => value.profit,
            Self::Revenue => value.revenue,
        }
    }
}

coded_enum! {
    /// Value tiers of the customer pyramid, best first (`Vip < Major < …` in `Ord`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ValueTier {
        Vip = "vip",
        Major = "major",
        Ordinary = "ordinary",
        Small = "small",
    }
}

/// Percent of customers in the top three tiers; small customers are the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierShares {
    pub vip: u32,
    pub major: u32,
    pub ordinary: u32,
}

impl Default for TierShares {
    fn default() -> Self {
        Self {
            vip: 1,
            major: 19,
            ordinary: 30,
        }
    }
}

impl TierShares {
    /// VIP share at least 1%, and the three shares together at most 100%.
    pub fn validate(&self) -> Result<(), ValueError> {
        if self.vip < 1 {
            return Err(ValueError::BadShares(SharesProblem::VipBelowOne));
        }
        let sum = u64::from(self.vip) + u64::from(self.major) + u64::from(self.ordinary);
        if sum > 100 {
            return Err(ValueError::BadShares(SharesProblem::TierSharesOver100 {
                sum,
            }));
        }
        Ok(())
    }

    /// Percent left for small customers.
    pub fn small(&self) -> u32 {
        100u32.saturating_sub(
            self.vip
                .saturating_add(self.major)
                .saturating_add(self.ordinary),
        )
    }
}

/// A ranking: `order` holds indices into the input, best first; `tiers` is aligned
/// with the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    pub order: Vec<usize>,
    pub tiers: Vec<ValueTier>,
}

/// Number of the first `percent`% of `n` customers, rounded up: `ceil(p * n / 100)`.
fn ceil_share(percent: u64, n: u64) -> u64 {
    (percent.min(100) * n).div_ceil(100)
}

/// Ranks descending by the metric (ties by customer id ascending). With N customers,
/// 1-based rank r is VIP if r <= ceil(vip·N/100), Major if r <= ceil((vip+major)·N/100),
/// Ordinary if r <= ceil((vip+major+ordinary)·N/100), else Small. Cumulative shares
/// above 100% count as 100%.
pub fn assign_tiers(values: &[CustomerValue], rank_by: RankBy, shares: TierShares) -> Ranking {
    let order = rank_desc(values, |v| rank_by.metric(v));
    let n = values.len() as u64;
    let vip = u64::from(shares.vip);
    let major = vip + u64::from(shares.major);
    let ordinary = major + u64::from(shares.ordinary);
    let (vip_end, major_end, ordinary_end) = (
        ceil_share(vip, n),
        ceil_share(major, n),
        ceil_share(ordinary, n),
    );
    let mut tiers = vec![ValueTier::Small; values.len()];
    for (rank0, &i) in order.iter().enumerate() {
        let rank = rank0 as u64 + 1;
        tiers[i] = if rank <= vip_end {
            ValueTier::Vip
        } else if rank <= major_end {
            ValueTier::Major
        } else if rank <= ordinary_end {
            ValueTier::Ordinary
        } else {
            ValueTier::Small
        };
    }
    Ranking { order, tiers }
}
