//! Customer value analysis (客户价值分析): what each customer brought in and cost over a
//! period, converted to one reporting currency, then ranked into value tiers (VIP /
//! major / ordinary / small), ABC classes, Pareto and whale curves, and RFM segments.
//!
//! Money stays in integer minor units throughout (`i64` with checked sums, `i128`
//! where products or totals could exceed it); `f64` only appears in the
//! shares/percentages handed to charts.
//!
//! Built for 100,000 customers and 1,000,000 orders in the browser (wasm32 at
//! `opt-level = "z"`, where iterator adapters, `memcmp` and comparison callbacks stay
//! out-of-line calls): one linear pass over orders and costs with a fast-hashed id
//! index, and `O(n)` radix sorts of integer keys instead of comparison sorts.
//!
//! The parts, re-exported here: `exchange` (typed rates and conversion),
//! `reference_rates` (the built-in rates), `customer_values` (per-customer sums),
//! `tiers` (ranking and the value pyramid), `abc` (ABC, Pareto, whale curve, tier
//! table), `rfm` (RFM scores and segments) and `tiering` (the tier-change history).

use crate::domain::orders::CurrencyCode;

mod abc;
mod classification;
mod customer_values;
mod exchange;
mod reference_rates;
mod rfm;
mod settings;
mod spending;
mod tiering;
mod tiers;

pub use abc::*;
pub use classification::*;
pub use customer_values::*;
pub use exchange::*;
pub use reference_rates::*;
pub use rfm::*;
pub use settings::ValueSettings;
pub use spending::{spending, Spending};
pub use tiering::*;
pub use tiers::*;

/// Most digits accepted after the decimal point of a typed exchange rate.
pub const MAX_RATE_FRACTION_DIGITS: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("no exchange rate from {} to the reporting currency", .0.as_str())]
    MissingRate(CurrencyCode),
    #[error("amount too large to calculate with")]
    Overflow,
    #[error("invalid exchange rate: {0}")]
    BadRate(RateProblem),
    #[error("invalid shares: {0}")]
    BadShares(SharesProblem),
}

/// Why a typed exchange rate is refused; the UI says it in the rep's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RateProblem {
    #[error("the rate is empty")]
    Empty,
    #[error("the rate must be greater than zero")]
    NotPositive,
    #[error("expected a plain decimal number with a dot, such as 1.0832")]
    NotPlainDecimal,
    #[error("at most {max} digits are allowed after the decimal point")]
    TooManyFractionDigits { max: usize },
    #[error("the rate has too many digits")]
    TooManyDigits,
}

/// Why tier shares or ABC thresholds are refused (all in percent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SharesProblem {
    #[error("the VIP share must be at least 1%")]
    VipBelowOne,
    #[error("VIP, major and ordinary shares add up to {sum}%, more than 100%")]
    TierSharesOver100 { sum: u64 },
    #[error("the A threshold must be at least 1%")]
    AThresholdBelowOne,
    #[error("the A threshold ({a}%) must be below the B threshold ({b}%)")]
    AThresholdNotBelowB { a: u32, b: u32 },
    #[error("the B threshold ({b}%) cannot exceed 100%")]
    BThresholdOver100 { b: u32 },
}

#[cfg(test)]
mod reference_checks;

#[cfg(test)]
mod tests;
