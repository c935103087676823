//! The form that books a cost to serve on a customer: exact text as typed, checked
//! field by field into a [`CostEntry`].

use chrono::NaiveDate;

use super::{CostEntry, CostKind, CurrencyCode, Money};
use crate::domain::customers::{parse_iso_date, CustomerId, Problem};
use crate::domain::shared::amounts::{parse_amount, AmountProblem, DecimalStyle};

/// The cost form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CostDraft {
    /// YYYY-MM-DD.
    pub on: String,
    /// A [`CostKind`] code; anything else books as "other".
    pub kind: String,
    pub amount: String,
    pub currency: String,
    pub note: String,
}

/// The fields that can be wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CostField {
    On,
    Amount,
    Currency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostProblem {
    /// Not a real date.
    Date(Problem),
    /// Costs are booked when they happened, never ahead.
    DateInFuture,
    UnknownCurrency,
    /// Zero or less: a refund to us is not a cost.
    NotPositive,
    Amount(AmountProblem),
}

/// Checks every field at once; on success the entry to book, with `id`.
/// "Future" is judged against `today` in the rep's own calendar.
pub fn validate_cost(
    draft: &CostDraft,
    id: String,
    customer: &CustomerId,
    today: NaiveDate,
) -> Result<CostEntry, Vec<(CostField, CostProblem)>> {
    let mut errors = Vec::new();
    let on = match parse_iso_date(draft.on.trim()) {
        Ok(d) if d > today => {
            errors.push((CostField::On, CostProblem::DateInFuture));
            None
        }
        Ok(d) => Some(d),
        Err(p) => {
            errors.push((CostField::On, CostProblem::Date(p)));
            None
        }
    };
    let currency = CurrencyCode::parse(&draft.currency);
    if currency.is_none() {
        errors.push((CostField::Currency, CostProblem::UnknownCurrency));
    }
    let minor = currency.and_then(|c| {
        match parse_amount(&draft.amount, DecimalStyle::Auto, c.minor_digits()) {
            Ok(m) if m > 0 => Some(m),
            Ok(_) => {
                errors.push((CostField::Amount, CostProblem::NotPositive));
                None
            }
            Err(p) => {
                errors.push((CostField::Amount, CostProblem::Amount(p)));
                None
            }
        }
    });
    let kind = CostKind::from_code(&draft.kind).unwrap_or(CostKind::Other);
    // Every problem above leaves its field `None`, so three values mean no errors.
    match (on, currency, minor) {
        (Some(on), Some(currency), Some(minor)) => Ok(CostEntry {
            id,
            customer_id: customer.clone(),
            on,
            kind,
            amount: Money::new(minor, currency),
            note: draft.note.trim().to_owned(),
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
    }

    fn draft(on: &str, amount: &str, currency: &str) -> CostDraft {
        CostDraft {
            on: on.into(),
            kind: "compensation".into(),
            amount: amount.into(),
            currency: currency.into(),
            note: "  voucher  ".into(),
        }
    }

    fn problems(d: &CostDraft) -> Vec<(CostField, CostProblem)> {
        match validate_cost(d, "k".into(), &CustomerId("a".into()), today()) {
            Ok(entry) => panic!("accepted {entry:?}"),
            Err(found) => found,
        }
    }

    #[test]
    fn a_good_cost_books_in_minor_units_of_its_currency() {
        let entry = validate_cost(
            &draft("2026-11-30", "12,50", "eur"),
            "k1".into(),
            &CustomerId("a".into()),
            today(),
        )
        .expect("valid");
        assert_eq!(entry.amount.minor, 1250);
        assert_eq!(entry.amount.currency.as_str(), "EUR");
        assert_eq!(
            (entry.kind, entry.note.as_str()),
            (CostKind::Compensation, "voucher")
        );
        assert_eq!(entry.on, today());
        let yen = validate_cost(
            &draft("2026-11-01", "1500", "JPY"),
            "k2".into(),
            &CustomerId("a".into()),
            today(),
        );
        assert_eq!(yen.map(|e| e.amount.minor), Ok(1500));
        let unknown_kind = CostDraft {
            kind: "bribe".into(),
            ..draft("2026-11-01", "1", "USD")
        };
        let booked = validate_cost(&unknown_kind, "k3".into(), &CustomerId("a".into()), today());
        assert_eq!(booked.map(|e| e.kind), Ok(CostKind::Other));
    }

    #[test]
    fn every_wrong_field_is_reported_at_once() {
        assert_eq!(
            problems(&draft("2026-12-01", "0", "EUR")),
            vec![
                (CostField::On, CostProblem::DateInFuture),
                (CostField::Amount, CostProblem::NotPositive)
            ]
        );
        assert_eq!(
            problems(&draft("30/11/2026", "abc", "EURO")),
            vec![
                (CostField::On, CostProblem::Date(Problem::DateShape)),
                (CostField::Currency, CostProblem::UnknownCurrency)
            ]
        );
        assert_eq!(
            problems(&draft("2026-11-30", "0.125", "EUR")),
            vec![(
                CostField::Amount,
                CostProblem::Amount(AmountProblem::TooManyDecimals { allowed: 2 })
            )]
        );
        assert_eq!(
            problems(&draft("2026-11-30", "-5", "USD")),
            vec![(CostField::Amount, CostProblem::NotPositive)]
        );
    }
}
