//! ABC classes, the Pareto chart, the whale curve and the pyramid's summary table.

use super::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AbcClass {
    A,
    B,
    C,
}

impl AbcClass {
    pub const ALL: [AbcClass; 3] = [Self::A, Self::B, Self::C];
}

/// Cumulative-revenue cut-offs in percent for classes A and B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbcThresholds {
    pub a: u32,
    pub b: u32,
}

impl Default for AbcThresholds {
    fn default() -> Self {
        Self { a: 55, b: 85 }
    }
}

impl AbcThresholds {
    /// 1 <= a < b <= 100.
    pub fn validate(&self) -> Result<(), ValueError> {
        if self.a < 1 {
            return Err(ValueError::BadShares(SharesProblem::AThresholdBelowOne));
        }
        if self.a >= self.b {
            return Err(ValueError::BadShares(SharesProblem::AThresholdNotBelowB {
                a: self.a,
                b: self.b,
            }));
        }
        if self.b > 100 {
            return Err(ValueError::BadShares(SharesProblem::BThresholdOver100 {
                b: self.b,
            }));
        }
        Ok(())
    }
}

/// ABC by revenue: ranked descending (ties by id); a customer is A if the cumulative
/// revenue of everybody ranked above it is below a% of the total, B if below b%, else
/// C. Everybody is C when total revenue <= 0. Aligned with the input.
pub fn abc_classes(values: &[CustomerValue], thresholds: AbcThresholds) -> Vec<AbcClass> {
    let total: i128 = values.iter().map(|v| i128::from(v.revenue)).sum();
    let mut classes = vec![AbcClass::C; values.len()];
    if total <= 0 {
        return classes;
    }
    let a_limit = i128::from(thresholds.a) * total;
    let b_limit = i128::from(thresholds.b) * total;
    let mut above: i128 = 0;
    for ranked in rank_desc_keyed(values, |v| v.revenue) {
        let index = ranked.index;
        let scaled = above * 100;
        classes[index] = if scaled < a_limit {
            AbcClass::A
        } else if scaled < b_limit {
            AbcClass::B
        } else {
            AbcClass::C
        };
        above += i128::from(ranked.key);
    }
    classes
}

/// One bar of the Pareto chart; `index` points into the input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParetoPoint {
    pub index: usize,
    pub revenue: i64,
    pub cumulative_percent: f64,
}

/// Revenue descending (ties by id) with the cumulative share of total revenue in
/// percent. Shares are 0.0 when total revenue is not positive.
pub fn pareto(values: &[CustomerValue]) -> Vec<ParetoPoint> {
    let total: i128 = values.iter().map(|v| i128::from(v.revenue)).sum();
    let mut cumulative: i128 = 0;
    rank_desc_keyed(values, |v| v.revenue)
        .into_iter()
        .map(|ranked| {
            let revenue = ranked.key;
            cumulative += i128::from(revenue);
            ParetoPoint {
                index: ranked.index,
                revenue,
                cumulative_percent: percent(cumulative, total),
            }
        })
        .collect()
}

/// How many customers fall in each ABC class, counted from the classes themselves
/// (never from chart bars), so a button, its table row and the filtered list agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AbcCounts {
    pub a: usize,
    pub b: usize,
    pub c: usize,
}

impl AbcCounts {
    pub fn of(classes: &[AbcClass]) -> Self {
        let mut counts = Self::default();
        for class in classes {
            match class {
                AbcClass::A => counts.a += 1,
                AbcClass::B => counts.b += 1,
                AbcClass::C => counts.c += 1,
            }
        }
        counts
    }

    pub fn get(&self, class: AbcClass) -> usize {
        match class {
            AbcClass::A => self.a,
            AbcClass::B => self.b,
            AbcClass::C => self.c,
        }
    }
}

/// One bar of the Pareto chart: consecutive customers of the ranking, all of one class.
#[derive(Debug, Clone, PartialEq)]
pub struct ParetoBar {
    pub revenue: i64,
    pub cumulative_percent: f64,
    pub class: AbcClass,
    pub customers: usize,
}

/// Groups the ranking into about `max_bars` bars for drawing. A bar never spans a
/// class boundary (a boundary starts a new bar), so every bar's colour is true for
/// every customer in it; that can add up to two bars beyond `max_bars`.
pub fn pareto_bars(
    points: &[ParetoPoint],
    classes: &[AbcClass],
    max_bars: usize,
) -> Vec<ParetoBar> {
    let per_bar = points.len().div_ceil(max_bars.max(1)).max(1);
    let mut bars: Vec<ParetoBar> = Vec::new();
    let mut in_bar = 0usize;
    for point in points {
        let class = classes.get(point.index).copied().unwrap_or(AbcClass::C);
        let revenue = point.revenue;
        match bars.last_mut() {
            Some(bar) if bar.class == class && in_bar < per_bar => {
                bar.revenue = bar.revenue.saturating_add(revenue);
                bar.cumulative_percent = point.cumulative_percent;
                bar.customers += 1;
                in_bar += 1;
            }
            _ => {
                bars.push(ParetoBar {
                    revenue,
                    cumulative_percent: point.cumulative_percent,
                    class,
                    customers: 1,
                });
                in_bar = 1;
            }
        }
    }
    bars
}

/// `part * 100 / whole` for charts; 0.0 when `whole` is not positive.
fn percent(part: i128, whole: i128) -> f64 {
    if whole > 0 {
        as_f64(part) * 100.0 / as_f64(whole)
    } else {
        0.0
    }
}

/// Through `i64` when it fits: `i128 as f64` is a library call in wasm32.
fn as_f64(x: i128) -> f64 {
    match i64::try_from(x) {
        Ok(small) => small as f64,
        Err(_) => x as f64,
    }
}

/// Cumulative profit curve ("whale curve").
#[derive(Debug, Clone, PartialEq)]
pub struct WhaleCurve {
    /// Cumulative profit after each rank (index 0 = rank 1), in percent.
    pub points: Vec<f64>,
    /// 1-based rank where cumulative profit is highest (the first such); 0 if empty.
    pub peak_rank: usize,
    pub peak_percent: f64,
    /// Percents are relative to the sum of positive profits (total profit <= 0).
    pub relative_to_positive: bool,
}

/// Customers ranked by profit descending (ties by id); cumulative profit after each
/// rank as a percent of total profit, or of the sum of positive profits when total
/// profit <= 0 (all 0.0 when nobody made a profit).
pub fn whale_curve(values: &[CustomerValue]) -> WhaleCurve {
    let total: i128 = values.iter().map(|v| i128::from(v.profit)).sum();
    let positive: i128 = values.iter().map(|v| i128::from(v.profit.max(0))).sum();
    let (whole, relative_to_positive) = if total > 0 {
        (total, false)
    } else {
        (positive, true)
    };
    let mut points = Vec::with_capacity(values.len());
    let mut cumulative: i128 = 0;
    let mut peak: Option<(usize, i128)> = None;
    for (rank0, ranked) in rank_desc_keyed(values, |v| v.profit)
        .into_iter()
        .enumerate()
    {
        cumulative += i128::from(ranked.key);
        points.push(percent(cumulative, whole));
        if peak.is_none_or(|(_, best)| cumulative > best) {
            peak = Some((rank0, cumulative));
        }
    }
    let (peak_rank, peak_percent) = peak.map_or((0, 0.0), |(rank0, _)| (rank0 + 1, points[rank0]));
    WhaleCurve {
        points,
        peak_rank,
        peak_percent,
        relative_to_positive,
    }
}

/// One row of the pyramid table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TierSummary {
    pub tier: ValueTier,
    pub customers: usize,
    /// Percent of all customers.
    pub customer_share: f64,
    pub profit: i64,
    /// Percent of total profit; 0.0 when total profit is 0.
    pub profit_share: f64,
    pub revenue: i64,
}

/// Per tier (always the four of [`ValueTier::ALL`], in that order): customer count and
/// share, profit and revenue sums (saturated to `i64`), share of total profit.
/// `tiers` is aligned with `values`.
pub fn tier_summary(values: &[CustomerValue], tiers: &[ValueTier]) -> Vec<TierSummary> {
    let mut counts = [0usize; 4];
    let mut profits = [0i128; 4];
    let mut revenues = [0i128; 4];
    for (value, &tier) in values.iter().zip(tiers) {
        let t = tier as usize;
        counts[t] += 1;
        profits[t] += i128::from(value.profit);
        revenues[t] += i128::from(value.revenue);
    }
    let customers: usize = counts.iter().sum();
    let total_profit: i128 = profits.iter().sum();
    let saturate = |x: i128| x.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
    ValueTier::ALL
        .into_iter()
        .map(|tier| {
            let t = tier as usize;
            TierSummary {
                tier,
                customers: counts[t],
                customer_share: if customers == 0 {
                    0.0
                } else {
                    counts[t] as f64 * 100.0 / customers as f64
                },
                profit: saturate(profits[t]),
                profit_share: if total_profit == 0 {
                    0.0
                } else {
                    profits[t] as f64 * 100.0 / total_profit as f64
                },
                revenue: saturate(revenues[t]),
            }
        })
        .collect()
}
