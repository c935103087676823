//! What the rep chose on the value page (period, ranking, tier shares, ABC
//! thresholds, exchange rates): user input, saved as one setting so the page
//! opens as it was left.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{AbcThresholds, ExchangeRates, RankBy, TierShares};
use crate::domain::orders::CurrencyCode;

/// The value page's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueSettings {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rank_by: RankBy,
    pub shares: TierShares,
    pub abc: AbcThresholds,
    pub rates: ExchangeRates,
}

impl ValueSettings {
    pub fn default_for(today: NaiveDate) -> Self {
        Self {
            from: today - Duration::days(364),
            to: today,
            rank_by: RankBy::Profit,
            shares: TierShares::default(),
            abc: AbcThresholds::default(),
            rates: ExchangeRates::new(CurrencyCode::parse("USD").unwrap_or(CurrencyCode::USD)),
        }
    }

    pub fn period_label(&self) -> String {
        format!("{} – {}", self.from, self.to)
    }
}
