//! Every customer classified for one period and one set of value settings: tier and
//! rank, ABC class and RFM scores. The value page draws from it, and the badges on
//! every other screen (record header, list, complaint queue, follow-ups, Today)
//! show it, so a buyer is the same VIP wherever a rep meets them.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::*;
use crate::domain::customers::CustomerId;
use crate::domain::orders::{CostEntry, OrderFacts};

/// The classification of `ids`, aligned by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub ids: Vec<CustomerId>,
    pub values: Vec<CustomerValue>,
    pub tiers: Vec<ValueTier>,
    /// Ranking position, 1 = best, by the settings' metric.
    pub ranks: Vec<u32>,
    pub abc: Vec<AbcClass>,
    pub rfm: Vec<RfmScore>,
}

/// Classifies `ids` from the order facts and costs. The rep's typed rates win, the
/// shipped reference table fills the rest; `today` anchors RFM recency.
///
/// The same three parts run a slice at a time in `services::value::classify_in_steps`.
pub fn classify(
    ids: Vec<CustomerId>,
    facts: &OrderFacts,
    costs: &[CostEntry],
    settings: &ValueSettings,
    today: NaiveDate,
) -> Result<Classification, ValueError> {
    let (rates, period) = classification_inputs(facts, settings)?;
    let mut sums = ValueSums::new(&ids, &rates, period);
    sums.add_orders(facts.amounts(0..facts.len()))?;
    let values = sums.finish(costs)?;
    Ok(Classification::of_values(ids, values, settings, today))
}

/// The settings checked, and the rates and period the sums need.
pub fn classification_inputs(
    facts: &OrderFacts,
    settings: &ValueSettings,
) -> Result<(ExchangeRates, Period), ValueError> {
    settings.shares.validate()?;
    settings.abc.validate()?;
    let period = Period {
        from: settings.from,
        to: settings.to,
    };
    Ok((effective_rates(&settings.rates, facts.currencies()), period))
}

impl Classification {
    /// Tiers, ranks, ABC classes and RFM scores of summed values.
    pub fn of_values(
        ids: Vec<CustomerId>,
        values: Vec<CustomerValue>,
        settings: &ValueSettings,
        today: NaiveDate,
    ) -> Self {
        let ranking = assign_tiers(&values, settings.rank_by, settings.shares);
        let abc = abc_classes(&values, settings.abc);
        let rfm = rfm_scores(&values, today);
        Self::from_parts(ids, values, ranking, abc, rfm)
    }

    /// The classification of its computed parts (each part a sort of every
    /// customer, so the page may compute them in separate tasks).
    pub fn from_parts(
        ids: Vec<CustomerId>,
        values: Vec<CustomerValue>,
        ranking: Ranking,
        abc: Vec<AbcClass>,
        rfm: Vec<RfmScore>,
    ) -> Self {
        let mut ranks = vec![0u32; values.len()];
        for (rank, &i) in ranking.order.iter().enumerate() {
            // Ranking orders positions of `values`, so `i` is in range.
            if let Some(slot) = ranks.get_mut(i) {
                *slot = rank as u32 + 1;
            }
        }
        Classification {
            ids,
            values,
            tiers: ranking.tiers,
            ranks,
            abc,
            rfm,
        }
    }
}

/// What a badge shows of one customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueBadge {
    pub tier: ValueTier,
    pub rank: u32,
    pub abc: AbcClass,
    pub rfm: RfmScore,
}

/// Key customers (VIP and major) get priority in every queue.
pub fn is_key_tier(tier: Option<ValueTier>) -> bool {
    matches!(tier, Some(ValueTier::Vip | ValueTier::Major))
}

/// Each customer's badge, looked up by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueBadges {
    by_id: HashMap<CustomerId, ValueBadge>,
}

impl ValueBadges {
    pub fn get(&self, id: &CustomerId) -> Option<ValueBadge> {
        self.by_id.get(id).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Each customer's current tier.
    pub fn tiers(&self) -> HashMap<CustomerId, ValueTier> {
        self.by_id
            .iter()
            .map(|(id, badge)| (id.clone(), badge.tier))
            .collect()
    }
}

impl Classification {
    pub fn badges(&self) -> ValueBadges {
        let by_id = self
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                (
                    id.clone(),
                    ValueBadge {
                        tier: self.tiers[i],
                        rank: self.ranks[i],
                        abc: self.abc[i],
                        rfm: self.rfm[i],
                    },
                )
            })
            .collect();
        ValueBadges { by_id }
    }
}
