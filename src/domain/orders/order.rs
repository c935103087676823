//! Orders and money. Amounts are integer minor units with an ISO 4217 code; never floats.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::customers::CustomerId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// Amount in the currency's minor unit (cents, yen…).
    pub minor: i64,
    pub currency: CurrencyCode,
}

/// Three upper-case ASCII letters, checked on construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CurrencyCode([u8; 3]);

impl CurrencyCode {
    pub const USD: CurrencyCode = CurrencyCode(*b"USD");

    pub fn parse(code: &str) -> Option<Self> {
        let bytes: [u8; 3] = code.trim().as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(u8::is_ascii_alphabetic)
            .then(|| Self(bytes.map(|b| b.to_ascii_uppercase())))
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored, see `parse`.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// Digits after the decimal point. ISO 4217 exponents for the currencies our
    /// buyers pay in; everything else uses the common 2.
    pub fn minor_digits(&self) -> u32 {
        match self.as_str() {
            "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "HUF" => 0,
            "KWD" | "BHD" | "OMR" | "JOD" | "TND" => 3,
            _ => 2,
        }
    }
}

impl Serialize for CurrencyCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CurrencyCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a currency code: {text:?}")))
    }
}

impl Money {
    pub fn new(minor: i64, currency: CurrencyCode) -> Self {
        Self { minor, currency }
    }

    /// "1234.56 EUR" style, exact (no float rounding).
    pub fn format_plain(&self) -> String {
        format!("{} {}", self.format_amount(), self.currency.as_str())
    }

    /// "1234.56": the amount in the currency's own decimals, without the code (what
    /// a rep types into an amount field).
    pub fn format_amount(&self) -> String {
        let digits = self.currency.minor_digits();
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if digits == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10u64.pow(digits);
        format!(
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = digits as usize
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Paid,
    Shipped,
    Delivered,
    Refunded,
    Cancelled,
}

impl OrderStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Paid => "paid",
            Self::Shipped => "shipped",
            Self::Delivered => "delivered",
            Self::Refunded => "refunded",
            Self::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// Unique per marketplace: "<channel>:<order number>", so re-importing the same
    /// export never duplicates an order.
    pub id: String,
    pub customer_id: CustomerId,
    pub number: String,
    pub channel: String,
    pub placed_on: NaiveDate,
    /// What the buyer paid, in the order currency.
    pub total: Money,
    pub status: OrderStatus,
    /// The following amounts are minor units in `total.currency`; 0 when unknown.
    #[serde(default)]
    pub cost_of_goods: i64,
    /// Shipping the seller paid for (subsidy), a cost to serve.
    #[serde(default)]
    pub shipping_cost: i64,
    /// Discounts granted, a cost to serve.
    #[serde(default)]
    pub discount: i64,
    /// Money given back; reduces revenue.
    #[serde(default)]
    pub refunded: i64,
    /// What was bought and how it travels: what replies to the buyer quote. Older
    /// records and exports without these columns read as empty details.
    #[serde(default, skip_serializing_if = "OrderDetails::is_empty")]
    pub details: OrderDetails,
}

/// The parts of an order a reply quotes. Every field is optional: marketplaces
/// export different columns, and a reply that needs a missing one asks the rep.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderDetails {
    /// Product title as the buyer saw it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub product: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub carrier: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub tracking_number: String,
    /// The delivery date promised to the buyer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promised_on: Option<NaiveDate>,
}

impl OrderDetails {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

coded_enum! {
    /// Why serving a customer cost money outside their orders. The codes are the
    /// serde names, so stored records and form values agree.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum CostKind {
        ComplaintHandling = "complaint_handling",
        ServiceContact = "service_contact",
        Compensation = "compensation",
        Other = "other",
    }
}

/// A cost-to-serve entry booked on a customer (complaint remedy, service time…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostEntry {
    pub id: String,
    pub customer_id: CustomerId,
    pub on: NaiveDate,
    pub kind: CostKind,
    pub amount: Money,
    #[serde(default)]
    pub note: String,
}

impl Order {
    pub fn key_for(channel: &str, number: &str) -> String {
        format!("{channel}:{number}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An order's id is its channel and number: the same number on two channels is
    /// two orders, and re-importing a file finds the same ids.
    #[test]
    fn order_ids_combine_channel_and_number() {
        assert_eq!(Order::key_for("amazon", "112-1"), "amazon:112-1");
        assert_ne!(Order::key_for("amazon", "1"), Order::key_for("ebay", "1"));
    }

    fn code(s: &str) -> CurrencyCode {
        CurrencyCode::parse(s).expect("valid test currency")
    }

    #[test]
    fn currency_codes_are_three_letters_upper_cased() {
        assert_eq!(code("eur").as_str(), "EUR");
        assert_eq!(CurrencyCode::parse("EU"), None);
        assert_eq!(CurrencyCode::parse("EURO"), None);
        assert_eq!(CurrencyCode::parse("E1R"), None);
        assert_eq!(CurrencyCode::parse("€€€"), None);
    }

    #[test]
    fn money_formats_exactly_by_currency_exponent() {
        assert_eq!(
            Money::new(123_456, code("EUR")).format_plain(),
            "1234.56 EUR"
        );
        assert_eq!(Money::new(-5, code("USD")).format_plain(), "-0.05 USD");
        assert_eq!(Money::new(1500, code("JPY")).format_plain(), "1500 JPY");
        assert_eq!(Money::new(1_234, code("KWD")).format_plain(), "1.234 KWD");
        assert_eq!(Money::new(-1_250, code("EUR")).format_amount(), "-12.50");
        assert_eq!(Money::new(1_500, code("JPY")).format_amount(), "1500");
        assert_eq!(
            Money::new(i64::MIN, code("USD")).format_plain(),
            "-92233720368547758.08 USD"
        );
    }

    #[test]
    fn currency_rejects_bad_codes_when_deserialised() {
        let ok: Result<Money, _> = serde_json::from_str(r#"{"minor":1,"currency":"gbp"}"#);
        assert_eq!(
            ok.map(|m| m.currency.as_str().to_owned()).ok(),
            Some("GBP".into())
        );
        let bad: Result<Money, _> = serde_json::from_str(r#"{"minor":1,"currency":"pounds"}"#);
        assert!(bad.is_err());
    }
}
