//! The value page's classification of every customer for one period and its
//! settings: tiers, ranks, ABC classes, RFM segments, the Pareto and whale curves.
//! Computed from the order facts and costs; the page and its tables read it.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::customers::CustomerId;
use crate::domain::orders::{CostEntry, OrderFacts};
use crate::domain::value::{
    abc_classes, assign_tiers, effective_rates, pareto, pareto_bars, rfm_scores, tier_summary,
    whale_curve, AbcClass, AbcCounts, ParetoBar, Period, RfmSegment, ValueError, ValueSettings,
    ValueTier,
};

/// Bars of the Pareto chart and points of the whale curve: enough to read the
/// shape, few enough to draw at once.
const PARETO_BARS: usize = 60;
const WHALE_POINTS: usize = 200;

/// Pointer-equality wrapper so large results can live in memos without deep compares.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

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

/// Runs the whole classification; pure apart from the clock used for timing.
pub fn analyse(
    ids: Vec<CustomerId>,
    facts: &OrderFacts,
    costs: &[CostEntry],
    settings: &ValueSettings,
    today: NaiveDate,
) -> Result<Analysis, ValueError> {
    let started = js_sys::Date::now();
    settings.shares.validate()?;
    settings.abc.validate()?;
    let period = Period {
        from: settings.from,
        to: settings.to,
    };
    // The rep's rates win; the shipped reference table fills the rest.
    let rates = effective_rates(&settings.rates, facts.currencies());
    let values = facts.customer_values(&ids, costs, &rates, period)?;
    let ranking = assign_tiers(&values, settings.rank_by, settings.shares);
    let mut ranks = vec![0u32; values.len()];
    for (rank, &i) in ranking.order.iter().enumerate() {
        ranks[i] = rank as u32 + 1;
    }
    let abc = abc_classes(&values, settings.abc);
    let segments = rfm_scores(&values, today)
        .into_iter()
        .map(|s| s.segment)
        .collect();
    let summary = tier_summary(&values, &ranking.tiers);

    let abc_counts = AbcCounts::of(&abc);
    let pareto = pareto_bars(&pareto(&values), &abc, PARETO_BARS);

    let whale = whale_curve(&values);
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
    Ok(Analysis {
        ids,
        tiers: ranking.tiers,
        ranks,
        abc,
        segments,
        summary,
        pareto,
        abc_counts,
        whale: whale_points,
        whale_peak: (whale.peak_rank as f64 / n * 100.0, whale.peak_percent),
        elapsed_ms: js_sys::Date::now() - started,
    })
}
