//! One customer's spending for the record page's key facts: how many orders, what
//! they paid in total in the reporting currency, and when they last ordered.

use chrono::NaiveDate;

use super::{effective_rates, ExchangeRates, ValueError};
use crate::domain::orders::{CurrencyCode, Money, Order, OrderStatus};

/// What the key facts strip shows about a customer's orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spending {
    /// Orders placed, cancelled ones left out.
    pub orders: usize,
    /// What they paid minus refunds, in the reporting currency; `None` when an order
    /// is in a currency no typed or reference rate converts (see `unconverted`).
    pub total: Option<Money>,
    /// Currencies that could not be converted.
    pub unconverted: Vec<CurrencyCode>,
    /// The latest order that was not cancelled or refunded.
    pub last_order: Option<NaiveDate>,
}

/// Sums the customer's orders with the rep's rates, the reference table filling
/// the gaps (as the value analysis does). An overflowing sum counts as unconverted
/// rather than wrapping.
pub fn spending(orders: &[Order], typed_rates: &ExchangeRates) -> Spending {
    let counted: Vec<&Order> = orders
        .iter()
        .filter(|o| o.status != OrderStatus::Cancelled)
        .collect();
    let rates = effective_rates(typed_rates, counted.iter().map(|o| o.total.currency));
    let mut total: i64 = 0;
    let mut unconverted: Vec<CurrencyCode> = Vec::new();
    for order in &counted {
        let paid = order
            .total
            .minor
            .checked_sub(order.refunded)
            .map(|minor| Money::new(minor, order.total.currency));
        let converted = paid
            .ok_or(ValueError::Overflow)
            .and_then(|paid| rates.convert(paid))
            .and_then(|minor| total.checked_add(minor).ok_or(ValueError::Overflow));
        match converted {
            Ok(sum) => total = sum,
            Err(_) => {
                if !unconverted.contains(&order.total.currency) {
                    unconverted.push(order.total.currency);
                }
            }
        }
    }
    let last_order = counted
        .iter()
        .filter(|o| o.status != OrderStatus::Refunded)
        .map(|o| o.placed_on)
        .max();
    Spending {
        orders: counted.len(),
        total: unconverted
            .is_empty()
            .then(|| Money::new(total, rates.reporting)),
        unconverted,
        last_order,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customers::CustomerId;
    use crate::domain::value::DecimalRate;

    fn code(text: &str) -> CurrencyCode {
        CurrencyCode::parse(text).unwrap_or_else(|| panic!("{text}"))
    }

    fn order(id: &str, minor: i64, currency: &str, day: u32, status: OrderStatus) -> Order {
        Order {
            id: id.into(),
            customer_id: CustomerId("a".into()),
            number: id.into(),
            channel: "Shop".into(),
            placed_on: NaiveDate::from_ymd_opt(2026, 10, day).expect("date"),
            total: Money::new(minor, code(currency)),
            status,
            cost_of_goods: 0,
            shipping_cost: 0,
            discount: 0,
            refunded: 0,
            details: Default::default(),
        }
    }

    #[test]
    fn orders_are_summed_in_the_reporting_currency_without_cancelled_ones() {
        let mut rates = ExchangeRates::new(code("EUR"));
        rates
            .rates
            .insert(code("USD"), DecimalRate::parse("0.5").expect("rate"));
        let mut refunded = order("o3", 4_000, "EUR", 9, OrderStatus::Refunded);
        refunded.refunded = 1_000;
        let orders = [
            order("o1", 10_000, "EUR", 2, OrderStatus::Delivered),
            order("o2", 2_000, "USD", 5, OrderStatus::Paid),
            refunded,
            order("o4", 99_999, "EUR", 20, OrderStatus::Cancelled),
        ];
        let s = spending(&orders, &rates);
        assert_eq!(s.orders, 3);
        assert_eq!(
            s.total,
            Some(Money::new(10_000 + 1_000 + 3_000, code("EUR")))
        );
        assert!(s.unconverted.is_empty());
        // Neither the refunded nor the cancelled order is the "last order".
        assert_eq!(s.last_order, NaiveDate::from_ymd_opt(2026, 10, 5));
    }

    #[test]
    fn a_currency_nothing_converts_is_named_instead_of_guessed() {
        let rates = ExchangeRates::new(code("EUR"));
        let orders = [
            order("o1", 500, "EUR", 1, OrderStatus::Paid),
            order("o2", 700, "XAU", 2, OrderStatus::Paid),
            order("o3", 900, "XAU", 3, OrderStatus::Paid),
        ];
        let s = spending(&orders, &rates);
        assert_eq!((s.total, s.unconverted), (None, vec![code("XAU")]));
        assert_eq!(s.orders, 3);
        // The reference table converts what the rep left empty.
        let dollars = spending(&[order("o1", 500, "USD", 1, OrderStatus::Paid)], &rates);
        assert!(dollars
            .total
            .is_some_and(|m| m.currency == code("EUR") && m.minor > 0));
        let none = spending(&[], &rates);
        assert_eq!(
            (none.orders, none.total, none.last_order),
            (0, Some(Money::new(0, code("EUR"))), None)
        );
    }

    #[test]
    fn an_overflowing_sum_is_unconverted_not_wrapped() {
        let rates = ExchangeRates::new(code("EUR"));
        let orders = [
            order("o1", i64::MAX, "EUR", 1, OrderStatus::Paid),
            order("o2", 1, "EUR", 2, OrderStatus::Paid),
        ];
        let s = spending(&orders, &rates);
        assert_eq!((s.total, s.unconverted), (None, vec![code("EUR")]));
    }
}
