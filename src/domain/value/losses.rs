//! Losses and win-backs over a period (the value page): lost customers by loss cause
//! and value tier, and how many lost customers were won back.
//!
//! Definitions (also in the README):
//! - a **loss** is a stage change to Lost dated in the period (a customer lost twice
//!   counts twice); an old change recorded without a cause counts as `Unknown`; the
//!   tier is the customer's tier now, and a customer without one counts as small;
//! - **won back** = customers with a change from Lost to repeat or loyal dated in the
//!   period (each customer once);
//! - **lost in the period** = customers who were Lost at any moment of the period:
//!   Lost when it began, or moved to or out of Lost during it;
//! - **won-back rate** = won back ÷ lost in the period (none when nobody was lost).
//!
//! Dates are the rep's local calendar days (`rep_offset`), `from..=to` inclusive.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::ValueTier;
use crate::domain::customers::{
    is_win_back, Customer, CustomerId, LossCause, RelationshipStage, StageChange,
};

/// Losses by cause and tier, won back and lost in the period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LossReport {
    /// `counts[cause][tier]`, indexed by position in `LossCause::ALL` and
    /// `ValueTier::ALL`.
    counts: [[u32; ValueTier::ALL.len()]; LossCause::ALL.len()],
    pub won_back: u32,
    pub lost_in_period: u32,
}

fn cause_index(cause: LossCause) -> usize {
    LossCause::ALL
        .iter()
        .position(|c| *c == cause)
        .unwrap_or_default()
}

fn tier_index(tier: ValueTier) -> usize {
    ValueTier::ALL
        .iter()
        .position(|t| *t == tier)
        .unwrap_or_default()
}

impl LossReport {
    pub fn count(&self, cause: LossCause, tier: ValueTier) -> u32 {
        self.counts[cause_index(cause)][tier_index(tier)]
    }

    pub fn cause_total(&self, cause: LossCause) -> u32 {
        self.counts[cause_index(cause)].iter().sum()
    }

    pub fn tier_total(&self, tier: ValueTier) -> u32 {
        self.counts.iter().map(|row| row[tier_index(tier)]).sum()
    }

    /// Every loss in the period.
    pub fn losses(&self) -> u32 {
        self.counts.iter().flatten().sum()
    }

    /// Won back ÷ lost in the period, in percent; `None` when nobody was lost.
    pub fn won_back_percent(&self) -> Option<f64> {
        (self.lost_in_period > 0)
            .then(|| f64::from(self.won_back) * 100.0 / f64::from(self.lost_in_period))
    }
}

fn local_day(at: DateTime<Utc>, offset: FixedOffset) -> Option<NaiveDate> {
    at.naive_utc()
        .checked_add_offset(offset)
        .map(|local| local.date())
}

/// The customer's stage when the period began: the latest change before `from`
/// decides; without one, the stage before the first change; without any history,
/// the stage the customer has now.
fn stage_at_start(
    customer: &Customer,
    before_period: impl Fn(&StageChange) -> bool,
) -> RelationshipStage {
    let history = &customer.stage_history;
    if let Some(last) = history
        .iter()
        .enumerate()
        .filter(|(_, c)| before_period(c))
        .max_by_key(|(i, c)| (c.at, *i))
    {
        return last.1.to;
    }
    history
        .iter()
        .enumerate()
        .min_by_key(|(i, c)| (c.at, *i))
        .map_or(customer.stage, |(_, first)| first.from)
}

/// The report over every customer's stage history; `tier_of` gives the tier.
pub fn loss_report<'a>(
    customers: impl IntoIterator<Item = &'a Customer>,
    tier_of: &dyn Fn(&CustomerId) -> Option<ValueTier>,
    from: NaiveDate,
    to: NaiveDate,
    rep_offset: FixedOffset,
) -> LossReport {
    let mut report = LossReport::default();
    for customer in customers {
        let day = |c: &StageChange| local_day(c.at, rep_offset);
        let in_period = |c: &&StageChange| day(c).is_some_and(|d| from <= d && d <= to);
        let before_period = |c: &StageChange| day(c).is_some_and(|d| d < from);
        let tier = tier_of(&customer.id).unwrap_or(ValueTier::Small);
        let mut was_lost = stage_at_start(customer, before_period) == RelationshipStage::Lost;
        let mut won_back = false;
        for change in customer.stage_history.iter().filter(in_period) {
            if change.to == RelationshipStage::Lost {
                let cause = change.loss_cause.unwrap_or(LossCause::Unknown);
                report.counts[cause_index(cause)][tier_index(tier)] += 1;
                was_lost = true;
            }
            if change.from == RelationshipStage::Lost {
                was_lost = true;
            }
            won_back |= is_win_back(change);
        }
        report.lost_in_period += u32::from(was_lost);
        report.won_back += u32::from(won_back);
    }
    report
}

#[cfg(test)]
mod tests;
