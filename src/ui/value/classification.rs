//! The value page's classification of every customer for one period and its
//! settings: tiers, ranks, ABC classes, RFM segments, the Pareto and whale curves.
//! Drawn from the classification every screen shares; the page and its tables read it.

use std::collections::HashSet;

use crate::domain::customers::CustomerId;
use crate::domain::value::{
    pareto, pareto_bars, tier_summary, whale_curve, AbcClass, AbcCounts, Classification, ParetoBar,
    RfmSegment, ValueTier,
};

/// Bars of the Pareto chart and points of the whale curve: enough to read the
/// shape, few enough to draw at once.
const PARETO_BARS: usize = 60;
const WHALE_POINTS: usize = 200;

pub struct Analysis {
    pub ids: Vec<CustomerId>,
    pub tiers: Vec<ValueTier>,
    pub ranks: Vec<u32>,
    pub abc: Vec<AbcClass>,
    pub segments: Vec<RfmSegment>,
    pub summary: Vec<crate::domain::value::TierSummary>,
    pub pareto: Vec<ParetoBar>,
    pub abc_counts: AbcCounts,
    pub whale: Vec<(f64, f64)>,
    pub whale_peak: (f64, f64),
    pub elapsed_ms: f64,
}

impl Analysis {
    /// The customers at the positions `keep` accepts.
    pub fn ids_where(&self, keep: impl Fn(usize) -> bool) -> HashSet<CustomerId> {
        self.ids
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, id)| id.clone())
            .collect()
    }
}

/// The charts and tables of one classification (computed once for every screen, see
/// [`crate::ui::context::Insight`]).
pub fn analyse(c: &Classification, classify_ms: f64) -> Analysis {
    let values = &c.values;
    let summary = tier_summary(values, &c.tiers);
    let abc_counts = AbcCounts::of(&c.abc);
    let pareto = pareto_bars(&pareto(values), &c.abc, PARETO_BARS);

    let whale = whale_curve(values);
    let n = whale.points.len().max(1) as f64;
    let step = (whale.points.len() / WHALE_POINTS).max(1);
    let mut whale_points: Vec<(f64, f64)> = whale
        .points
        .iter()
        .enumerate()
        .step_by(step)
        .map(|(i, y)| ((i + 1) as f64 / n * 100.0, *y))
        .collect();
    if let Some(last) = whale.points.last() {
        whale_points.push((100.0, *last));
    }
    Analysis {
        ids: c.ids.clone(),
        tiers: c.tiers.clone(),
        ranks: c.ranks.clone(),
        abc: c.abc.clone(),
        segments: c.rfm.iter().map(|s| s.segment).collect(),
        summary,
        pareto,
        abc_counts,
        whale: whale_points,
        whale_peak: (whale.peak_rank as f64 / n * 100.0, whale.peak_percent),
        elapsed_ms: classify_ms,
    }
}
