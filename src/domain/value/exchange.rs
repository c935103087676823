//! Exchange rates: typed decimal rates, the rates into the reporting currency and the
//! converter that applies them with exact integer rounding.

use super::*;
use crate::domain::orders::{CurrencyCode, Money};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An exact positive decimal: `mantissa / 10^scale`.
///
/// [`DecimalRate::parse`] normalises trailing fractional zeros away, so "1.50" and
/// "1.5" are the same rate (`{15, 1}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecimalRate {
    pub mantissa: i64,
    pub scale: u32,
}

impl DecimalRate {
    /// Parses a plain decimal such as "1.0832", "0.0067", "2" or ".5" (surrounding
    /// whitespace is ignored). Rejects empty text, zero, negatives, signs, thousands
    /// or decimal commas, exponents, more than [`MAX_RATE_FRACTION_DIGITS`] digits
    /// after the point, and values whose digits do not fit in an `i64`.
    pub fn parse(text: &str) -> Result<DecimalRate, ValueError> {
        let trimmed = text.trim();
        let bad = ValueError::BadRate;
        if trimmed.is_empty() {
            return Err(bad(RateProblem::Empty));
        }
        if trimmed.starts_with('-') {
            return Err(bad(RateProblem::NotPositive));
        }
        let (int_part, frac_part) = match trimmed.split_once('.') {
            Some((i, f)) => (i, f),
            None => (trimmed, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int_part) || !all_digits(frac_part) || int_part.len() + frac_part.len() == 0
        {
            return Err(bad(RateProblem::NotPlainDecimal));
        }
        if frac_part.len() > MAX_RATE_FRACTION_DIGITS {
            return Err(bad(RateProblem::TooManyFractionDigits {
                max: MAX_RATE_FRACTION_DIGITS,
            }));
        }
        let frac_part = frac_part.trim_end_matches('0');
        let mut mantissa: i64 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(b - b'0')))
                .ok_or(bad(RateProblem::TooManyDigits))?;
        }
        if mantissa == 0 {
            return Err(bad(RateProblem::NotPositive));
        }
        Ok(DecimalRate {
            mantissa,
            // At most MAX_RATE_FRACTION_DIGITS, checked above.
            scale: frac_part.len() as u32,
        })
    }

    /// Plain decimal text, e.g. `{10832, 4}` -> "1.0832", `{67, 4}` -> "0.0067".
    pub fn to_string_plain(&self) -> String {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return format!("{sign}{digits}");
        }
        let padded = if digits.len() <= scale {
            format!("{}{digits}", "0".repeat(scale + 1 - digits.len()))
        } else {
            digits
        };
        let (int_part, frac_part) = padded.split_at(padded.len() - scale);
        format!("{sign}{int_part}.{frac_part}")
    }

    /// `amount` minor units of a currency with `from_digits` minor digits, times this
    /// rate, in minor units of a currency with `to_digits`, rounded half away from
    /// zero. Exact: the only division is the final one. Plain `i64` maths when the
    /// product fits (the common case, and much cheaper than `i128` division in wasm).
    fn apply(&self, amount: i64, from_digits: u32, to_digits: u32) -> Result<i64, ValueError> {
        if self.mantissa <= 0 {
            return Err(ValueError::BadRate(RateProblem::NotPositive));
        }
        // result = amount * mantissa * 10^to / (10^scale * 10^from) = product * 10^exp
        let exp = i64::from(to_digits) - i64::from(self.scale) - i64::from(from_digits);
        if let Some(product) = mul_i64(amount, self.mantissa) {
            if exp >= 0 {
                // No division: overflowing here is a real overflow of the result.
                return POW10_I64
                    .get(exp as usize)
                    .and_then(|&factor| mul_i64(product, factor))
                    .ok_or(ValueError::Overflow);
            }
            if let Some(&divisor) = POW10_I64.get(exp.unsigned_abs() as usize) {
                return Ok(div_round_half_away_i64(product, divisor));
            }
        }
        let product = i128::from(amount) * i128::from(self.mantissa);
        let wide = if exp >= 0 {
            let factor = pow10(exp as u32).ok_or(ValueError::Overflow)?;
            product.checked_mul(factor).ok_or(ValueError::Overflow)?
        } else {
            match pow10((-exp).min(39) as u32) {
                Some(divisor) => div_round_half_away(product, divisor),
                // |product| < 2^127 < 10^39 / 2: rounds to zero.
                None => 0,
            }
        };
        i64::try_from(wide).map_err(|_| ValueError::Overflow)
    }
}

/// 10^0 ..= 10^18, every power of ten an `i64` holds.
const POW10_I64: [i64; 19] = {
    let mut table = [1i64; 19];
    let mut i = 1;
    while i < table.len() {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// `a * b` if it fits. Operands that fit in 31 bits skip the overflow check, which
/// wasm32 can only do through a 128-bit multiplication routine.
#[inline]
fn mul_i64(a: i64, b: i64) -> Option<i64> {
    const SMALL: u64 = 1 << 31;
    if a.unsigned_abs() < SMALL && b.unsigned_abs() < SMALL {
        Some(a * b)
    } else {
        a.checked_mul(b)
    }
}

fn pow10(exp: u32) -> Option<i128> {
    10i128.checked_pow(exp)
}

/// `n / d` rounded half away from zero; `d > 0`.
fn div_round_half_away(n: i128, d: i128) -> i128 {
    let q = n / d;
    let r_abs = (n % d).unsigned_abs();
    let d = d.unsigned_abs();
    // 2|r| >= d, written so it cannot overflow.
    if r_abs >= d - r_abs {
        q + n.signum()
    } else {
        q
    }
}

/// `n / d` rounded half away from zero; `d >= 10`, so `q ± 1` cannot overflow.
/// The i64 twin of [`div_round_half_away`] for the per-order hot path: i128 division
/// is a slow library call in wasm, and most conversions fit in i64.
fn div_round_half_away_i64(n: i64, d: i64) -> i64 {
    let q = n / d;
    let r_abs = (n % d).unsigned_abs();
    let d = d.unsigned_abs();
    if r_abs >= d - r_abs {
        q + n.signum()
    } else {
        q
    }
}

/// Exchange rates typed by the user: how many units of the reporting currency one
/// unit of `from` is worth, as an exact decimal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRates {
    pub reporting: CurrencyCode,
    pub rates: BTreeMap<CurrencyCode, DecimalRate>,
}

impl ExchangeRates {
    pub fn new(reporting: CurrencyCode) -> Self {
        Self {
            reporting,
            rates: BTreeMap::new(),
        }
    }

    /// Converts minor units of `money.currency` to minor units of the reporting
    /// currency: exact integer maths, rounding half away from zero, accounting for
    /// both currencies' minor digits (1500 JPY at 0.0067 -> 10.05 USD -> 1005).
    /// The reporting currency itself needs no rate and is returned unchanged.
    pub fn convert(&self, money: Money) -> Result<i64, ValueError> {
        if money.currency == self.reporting {
            return Ok(money.minor);
        }
        let rate = self
            .rates
            .get(&money.currency)
            .ok_or(ValueError::MissingRate(money.currency))?;
        rate.apply(
            money.minor,
            money.currency.minor_digits(),
            self.reporting.minor_digits(),
        )
    }
}

/// [`ExchangeRates::convert`] remembering the last rate used, for long runs of
/// orders in the same currency.
pub(super) struct Converter<'a> {
    rates: &'a ExchangeRates,
    to_digits: u32,
    last: Option<(CurrencyCode, DecimalRate, u32)>,
}

impl<'a> Converter<'a> {
    pub(super) fn new(rates: &'a ExchangeRates) -> Self {
        Self {
            rates,
            to_digits: rates.reporting.minor_digits(),
            last: None,
        }
    }

    #[inline(always)]
    pub(super) fn convert(
        &mut self,
        minor: i64,
        currency: CurrencyCode,
    ) -> Result<i64, ValueError> {
        if currency == self.rates.reporting {
            return Ok(minor);
        }
        let (rate, from_digits) = match self.last {
            Some((c, rate, digits)) if c == currency => (rate, digits),
            _ => {
                let rate = *self
                    .rates
                    .rates
                    .get(&currency)
                    .ok_or(ValueError::MissingRate(currency))?;
                let digits = currency.minor_digits();
                self.last = Some((currency, rate, digits));
                (rate, digits)
            }
        };
        rate.apply(minor, from_digits, self.to_digits)
    }
}
