//! A dated table of reference exchange rates shipped with the app, so the value
//! analysis has a rate for the common currencies before anybody types one. A rate the
//! rep typed always wins over the table; the table only fills the gaps, and the UI
//! shows which rates came from it and of which date.

use chrono::NaiveDate;

use crate::domain::orders::CurrencyCode;
use crate::domain::value::{DecimalRate, ExchangeRates, MAX_RATE_FRACTION_DIGITS};

/// Where a reference rate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateSource {
    /// The European Central Bank's euro foreign exchange reference rates.
    Ecb,
    /// A currency pegged to the US dollar by law: the peg applied to the ECB's
    /// US dollar rate of the same day (SAR 3.75, AED 3.6725 per dollar).
    UsdPeg,
    /// The Bank of Russia's official rate (the ECB has published none for the
    /// rouble since March 2022).
    BankOfRussia,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferenceRate {
    pub currency: &'static str,
    /// Units of `currency` one euro buys, as an exact decimal.
    pub per_euro: &'static str,
    /// (year, month, day) the rate was published for.
    pub date: (i32, u32, u32),
    pub source: RateSource,
}

impl ReferenceRate {
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.date.0, self.date.1, self.date.2)
    }
}

const ECB_DAY: (i32, u32, u32) = (2025, 2, 28);

/// The ECB's reference rates of 28 February 2025, plus the two dollar pegs and the
/// rouble (see [`RateSource`]). The euro itself is 1.
pub const REFERENCE_RATES: [ReferenceRate; 33] = [
    ecb("USD", "1.0411"),
    ecb("JPY", "156.96"),
    ecb("BGN", "1.9558"),
    ecb("CZK", "25.029"),
    ecb("DKK", "7.4583"),
    ecb("GBP", "0.82608"),
    ecb("HUF", "399.50"),
    ecb("PLN", "4.1503"),
    ecb("RON", "4.9768"),
    ecb("SEK", "11.1880"),
    ecb("CHF", "0.9394"),
    ecb("ISK", "145.70"),
    ecb("NOK", "11.7245"),
    ecb("TRY", "38.0186"),
    ecb("AUD", "1.6741"),
    ecb("BRL", "6.0712"),
    ecb("CAD", "1.5019"),
    ecb("CNY", "7.5782"),
    ecb("HKD", "8.0980"),
    ecb("IDR", "17228.17"),
    ecb("ILS", "3.7457"),
    ecb("INR", "90.9710"),
    ecb("KRW", "1519.92"),
    ecb("MXN", "21.2191"),
    ecb("MYR", "4.6459"),
    ecb("NZD", "1.8579"),
    ecb("PHP", "60.355"),
    ecb("SGD", "1.4037"),
    ecb("THB", "35.567"),
    ecb("ZAR", "19.1917"),
    // 1.0411 × 3.75 and 1.0411 × 3.6725, exactly.
    ReferenceRate {
        currency: "SAR",
        per_euro: "3.904125",
        date: ECB_DAY,
        source: RateSource::UsdPeg,
    },
    ReferenceRate {
        currency: "AED",
        per_euro: "3.82343975",
        date: ECB_DAY,
        source: RateSource::UsdPeg,
    },
    ReferenceRate {
        currency: "RUB",
        per_euro: "92.5162",
        date: (2025, 2, 25),
        source: RateSource::BankOfRussia,
    },
];

const fn ecb(currency: &'static str, per_euro: &'static str) -> ReferenceRate {
    ReferenceRate {
        currency,
        per_euro,
        date: ECB_DAY,
        source: RateSource::Ecb,
    }
}

/// The table's day, for the "reference rates of …" line.
pub fn reference_day() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(ECB_DAY.0, ECB_DAY.1, ECB_DAY.2)
}

/// The table's entry for a currency; the euro has none (it is the base).
pub fn reference_entry(currency: CurrencyCode) -> Option<&'static ReferenceRate> {
    REFERENCE_RATES
        .iter()
        .find(|r| r.currency == currency.as_str())
}

fn per_euro(currency: CurrencyCode) -> Option<DecimalRate> {
    if currency.as_str() == "EUR" {
        return Some(DecimalRate {
            mantissa: 1,
            scale: 0,
        });
    }
    DecimalRate::parse(reference_entry(currency)?.per_euro).ok()
}

/// How many units of `reporting` one unit of `from` is worth by the table: the
/// cross rate through the euro. `None` when either currency is not in the table.
pub fn reference_rate(from: CurrencyCode, reporting: CurrencyCode) -> Option<DecimalRate> {
    cross_rate(per_euro(from)?, per_euro(reporting)?)
}

/// `to / from` as a rate, rounded half up to the most fraction digits a rate may
/// have. A quotient too large for twelve fraction digits gives up fraction digits,
/// never whole units; `None` when even the whole units do not fit, or the quotient
/// rounds to zero (a rate must be positive).
fn cross_rate(from: DecimalRate, to: DecimalRate) -> Option<DecimalRate> {
    if from.mantissa <= 0 || to.mantissa <= 0 {
        return None;
    }
    // (to.m / 10^to.s) / (from.m / 10^from.s) = to.m · 10^from.s / (from.m · 10^to.s)
    let numerator = i128::from(to.mantissa).checked_mul(10i128.checked_pow(from.scale)?)?;
    let denominator = i128::from(from.mantissa).checked_mul(10i128.checked_pow(to.scale)?)?;
    let mut scale = MAX_RATE_FRACTION_DIGITS as u32;
    let scaled = numerator.checked_mul(10i128.pow(scale))?;
    let mut mantissa = (scaled + denominator / 2) / denominator;
    while i64::try_from(mantissa).is_err() && scale > 0 {
        mantissa = (mantissa + 5) / 10;
        scale -= 1;
    }
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    let mantissa = i64::try_from(mantissa).ok()?;
    (mantissa > 0).then_some(DecimalRate { mantissa, scale })
}

/// The rates an analysis uses: every rate the rep typed, and the table's rate for
/// each of `currencies` the rep left empty.
pub fn effective_rates(
    typed: &ExchangeRates,
    currencies: impl IntoIterator<Item = CurrencyCode>,
) -> ExchangeRates {
    let mut rates = typed.clone();
    for currency in currencies {
        if currency == typed.reporting || rates.rates.contains_key(&currency) {
            continue;
        }
        if let Some(rate) = reference_rate(currency, typed.reporting) {
            rates.rates.insert(currency, rate);
        }
    }
    rates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::orders::Money;

    fn code(text: &str) -> CurrencyCode {
        CurrencyCode::parse(text).unwrap_or_else(|| panic!("{text}"))
    }

    #[test]
    fn every_table_rate_parses_and_is_dated() {
        let mut seen = std::collections::HashSet::new();
        for rate in REFERENCE_RATES {
            assert!(
                CurrencyCode::parse(rate.currency).is_some(),
                "{}",
                rate.currency
            );
            assert!(
                DecimalRate::parse(rate.per_euro).is_ok(),
                "{}",
                rate.currency
            );
            assert!(rate.date().is_some(), "{}", rate.currency);
            assert!(seen.insert(rate.currency), "{} twice", rate.currency);
        }
        assert_eq!(reference_day(), NaiveDate::from_ymd_opt(2025, 2, 28));
        let day = |code: &str| {
            REFERENCE_RATES
                .iter()
                .find(|r| r.currency == code)
                .and_then(ReferenceRate::date)
        };
        assert_eq!(day("USD"), NaiveDate::from_ymd_opt(2025, 2, 28));
        assert_eq!(day("RUB"), NaiveDate::from_ymd_opt(2025, 2, 25));
    }

    #[test]
    fn the_pegs_are_the_dollar_rate_times_the_peg() {
        let usd = 1.0411_f64;
        let sar = REFERENCE_RATES.iter().find(|r| r.currency == "SAR");
        let aed = REFERENCE_RATES.iter().find(|r| r.currency == "AED");
        assert_eq!(sar.map(|r| r.per_euro), Some("3.904125"));
        assert!((usd * 3.75 - 3.904125).abs() < 1e-12);
        assert!((usd * 3.6725 - 3.82343975).abs() < 1e-12);
        assert_eq!(aed.map(|r| r.source), Some(RateSource::UsdPeg));
    }

    #[test]
    fn cross_rates_go_through_the_euro() {
        let usd = code("USD");
        // 1 EUR = 1.0411 USD exactly.
        assert_eq!(
            reference_rate(code("EUR"), usd),
            DecimalRate::parse("1.0411").ok()
        );
        // 1 USD = 1 / 1.0411 EUR = 0.960522524253… → twelve digits, half up.
        assert_eq!(
            reference_rate(usd, code("EUR")),
            DecimalRate::parse("0.960522524253").ok()
        );
        // 1 JPY = 1.0411 / 156.96 USD = 0.006632900101…
        assert_eq!(
            reference_rate(code("JPY"), usd),
            DecimalRate::parse("0.006632900102").ok()
        );
        // A whole-number result loses its trailing zeros: 1 SAR = 1/3.75 USD.
        assert_eq!(
            reference_rate(code("SAR"), usd),
            DecimalRate::parse("0.266666666667").ok()
        );
        assert_eq!(
            reference_rate(usd, code("SAR")),
            DecimalRate::parse("3.75").ok()
        );
        // Large cross rates keep their whole units.
        let idr_per_gbp = reference_rate(code("GBP"), code("IDR"));
        assert!(
            matches!(idr_per_gbp, Some(r) if r.to_string_plain().starts_with("20855.")),
            "{idr_per_gbp:?}"
        );
        assert_eq!(reference_rate(code("CLP"), usd), None);
        assert_eq!(reference_rate(usd, code("CLP")), None);
    }

    fn rate(text: &str) -> DecimalRate {
        DecimalRate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn cross_rates_round_half_up_and_keep_whole_units() {
        // 2 / 3 = 0.666666666666|67 → …667; 1 / 3 → …333.
        assert_eq!(
            cross_rate(rate("3"), rate("2")),
            Some(rate("0.666666666667"))
        );
        assert_eq!(
            cross_rate(rate("3"), rate("1")),
            Some(rate("0.333333333333"))
        );
        // Exact quotients lose their trailing zeros.
        assert_eq!(cross_rate(rate("4"), rate("10")), Some(rate("2.5")));
        assert_eq!(cross_rate(rate("0.5"), rate("2")), Some(rate("4")));
        // 10^9 / 3 = 333333333.333…: only as many fraction digits as fit an i64
        // (mantissa < 9.2 · 10^18), rounded half up, whole units intact.
        let big = cross_rate(rate("3"), rate("1000000000"));
        assert_eq!(big, Some(rate("333333333.3333333333")));
        let huge = cross_rate(rate("0.000000000001"), rate("9000000"));
        assert_eq!(huge, Some(rate("9000000000000000000")));
        // Too large even without fraction digits, or rounding to zero: no rate.
        assert_eq!(cross_rate(rate("0.000000000001"), rate("10000000")), None);
        assert_eq!(cross_rate(rate("1000000000000"), rate("0.1")), None);
        // Exactly half of the last digit rounds up.
        assert_eq!(
            cross_rate(rate("2000000000000"), rate("1")),
            Some(rate("0.000000000001"))
        );
        assert_eq!(cross_rate(rate("3000000000000"), rate("1")), None);
    }

    #[test]
    fn typed_rates_win_and_the_table_fills_the_gaps() {
        let usd = code("USD");
        let mut typed = ExchangeRates::new(usd);
        let mine = DecimalRate::parse("0.0070").unwrap_or(DecimalRate {
            mantissa: 7,
            scale: 3,
        });
        typed.rates.insert(code("JPY"), mine);
        let rates = effective_rates(&typed, [code("JPY"), code("EUR"), code("CLP"), usd]);
        assert_eq!(rates.rates.get(&code("JPY")), Some(&mine));
        assert_eq!(
            rates.rates.get(&code("EUR")),
            DecimalRate::parse("1.0411").ok().as_ref()
        );
        assert!(!rates.rates.contains_key(&code("CLP")));
        assert!(!rates.rates.contains_key(&usd));
        // 150 000 yen at the rep's 0.007 is 1050.00 USD; CLP still has no rate.
        assert_eq!(
            rates.convert(Money {
                minor: 150_000,
                currency: code("JPY")
            }),
            Ok(105_000)
        );
        assert!(rates
            .convert(Money {
                minor: 1,
                currency: code("CLP")
            })
            .is_err());
    }
}
