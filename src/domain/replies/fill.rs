//! Filling a reply from what the app knows: the buyer, the order, the rep's
//! signature and the buyer's local date, and choosing the scenario to preselect.
//!
//! Formatting that depends on the buyer's locale (money, dates) is injected as
//! [`BuyerFormat`]: the browser's `Intl` in the app, a plain stand-in in tests.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::library::{NameForm, Suggestion};
use super::template::Placeholder;
use crate::domain::complaints::{Complaint, Temperament};
use crate::domain::customers::{Customer, RelationshipStage};
use crate::domain::orders::{Money, Order, OrderStatus};

/// Formats values the way the buyer's locale writes them.
pub trait BuyerFormat {
    fn money(&self, amount: Money) -> String;
    fn date(&self, date: NaiveDate) -> String;
    fn number(&self, n: u64) -> String;
}

/// The rep's sign-off, remembered on this device.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Signature {
    pub rep_name: String,
    pub shop_name: String,
}

/// What a reply is about.
#[derive(Debug, Clone, Copy)]
pub struct ReplyFacts<'a> {
    pub customer: &'a Customer,
    pub order: Option<&'a Order>,
    pub signature: &'a Signature,
    /// Today's date where the buyer is (for days of delay).
    pub buyer_today: NaiveDate,
}

/// The name as the greeting of a language uses it. Names are stored as one string
/// in the buyer's own order; "given" takes the first word and "family" the last,
/// which suits names written in Latin script. A name without spaces (most Chinese,
/// Japanese and Korean names as buyers type them) stays whole.
pub fn buyer_name(full_name: &str, form: NameForm) -> String {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    match (form, words.first(), words.last()) {
        (NameForm::Given, Some(first), _) => (*first).to_owned(),
        (NameForm::Family, _, Some(last)) => (*last).to_owned(),
        _ => words.join(" "),
    }
}

/// The carrier's public tracking page for a parcel; carriers we do not know get a
/// multi-carrier tracker, so the link is never missing when a number is known.
pub fn tracking_link(carrier: &str, number: &str) -> Option<String> {
    let number: String = number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if number.is_empty() {
        return None;
    }
    let carrier: String = carrier
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let link = match carrier.as_str() {
        "dhl" | "dhlexpress" | "dhlecommerce" => {
            format!("https://www.dhl.com/global-en/home/tracking.html?tracking-id={number}")
        }
        "ups" => format!("https://www.ups.com/track?tracknum={number}"),
        "fedex" => format!("https://www.fedex.com/fedextrack/?trknbr={number}"),
        "usps" => format!("https://tools.usps.com/go/TrackConfirmAction?tLabels={number}"),
        "royalmail" => format!("https://www.royalmail.com/track-your-item#/tracking-results/{number}"),
        "deutschepost" | "dhlpaket" => {
            format!("https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode={number}")
        }
        "laposte" | "colissimo" => format!("https://www.laposte.fr/outils/suivre-vos-envois?code={number}"),
        "japanpost" => format!(
            "https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1={number}&locale=en"
        ),
        "yunexpress" => format!("https://www.yuntrack.com/parcelTracking?id={number}"),
        "4px" => format!("https://track.4px.com/#/result/0/{number}"),
        _ => format!("https://t.17track.net/en#nums={number}"),
    };
    Some(link)
}

/// Days a shipped order is past its promised date, where the buyer is; `None`
/// when it is not late (or has no promise, or has arrived).
pub fn delay_days(order: &Order, buyer_today: NaiveDate) -> Option<u64> {
    if order.status != OrderStatus::Shipped {
        return None;
    }
    let promised = order.details.promised_on?;
    let days = (buyer_today - promised).num_days();
    (days > 0).then_some(days as u64)
}

/// Every value the app can fill by itself. Placeholders only the rep can fill
/// (an answer, an alternative product, a shipping quote) are never here.
pub fn known_values(
    facts: &ReplyFacts<'_>,
    name_form: NameForm,
    format: &dyn BuyerFormat,
) -> BTreeMap<Placeholder, String> {
    let mut values = BTreeMap::new();
    let mut put = |p: Placeholder, value: String| {
        if !value.trim().is_empty() {
            values.insert(p, value);
        }
    };
    put(
        Placeholder::BuyerName,
        buyer_name(&facts.customer.name, name_form),
    );
    put(
        Placeholder::RepName,
        facts.signature.rep_name.trim().to_owned(),
    );
    put(
        Placeholder::ShopName,
        facts.signature.shop_name.trim().to_owned(),
    );
    if let Some(order) = facts.order {
        let details = &order.details;
        put(Placeholder::OrderNumber, order.number.clone());
        put(Placeholder::Amount, format.money(order.total));
        put(Placeholder::OrderDate, format.date(order.placed_on));
        put(Placeholder::Product, details.product.clone());
        if let Some(quantity) = details.quantity {
            put(Placeholder::Quantity, format.number(u64::from(quantity)));
        }
        if let Some(promised) = details.promised_on {
            put(Placeholder::PromisedDate, format.date(promised));
        }
        put(Placeholder::Carrier, details.carrier.clone());
        put(Placeholder::TrackingNumber, details.tracking_number.clone());
        if let Some(link) = tracking_link(&details.carrier, &details.tracking_number) {
            put(Placeholder::TrackingLink, link);
        }
        if let Some(days) = delay_days(order, facts.buyer_today) {
            put(Placeholder::DelayDays, format.number(days));
        }
    }
    values
}

/// The situation the reply panel preselects a scenario for: an open complaint
/// first (its acknowledgement fits the buyer's temperament), then a lost buyer
/// (win back), then the state of the order the reply is about, else pre-sale.
pub fn situation(
    customer: &Customer,
    order: Option<&Order>,
    open_complaint: Option<&Complaint>,
    buyer_today: NaiveDate,
) -> Suggestion {
    if let Some(complaint) = open_complaint {
        return acknowledgement_for(complaint.temperament);
    }
    if customer.stage == RelationshipStage::Lost {
        return Suggestion::StageLost;
    }
    match order.map(|o| (o.status, o)) {
        None => Suggestion::NoOrders,
        Some((OrderStatus::Paid, _)) => Suggestion::OrderPaid,
        Some((OrderStatus::Shipped, o)) if delay_days(o, buyer_today).is_some() => {
            Suggestion::OrderLate
        }
        Some((OrderStatus::Shipped, _)) => Suggestion::OrderShipped,
        Some((OrderStatus::Delivered, _)) => Suggestion::OrderDelivered,
        Some((OrderStatus::Refunded | OrderStatus::Cancelled, _)) => Suggestion::NoOrders,
    }
}

/// The acknowledgement that fits a complaining buyer's temperament.
pub fn acknowledgement_for(temperament: Option<Temperament>) -> Suggestion {
    match temperament {
        Some(Temperament::Stubborn) => Suggestion::ComplaintStubborn,
        Some(Temperament::Prepared) => Suggestion::ComplaintPrepared,
        // Not judged yet: empathy first is the safe opening.
        Some(Temperament::Emotional) | None => Suggestion::ComplaintEmotional,
    }
}

/// The order a reply from the record is about: the latest one placed.
pub fn latest_order(orders: &[Order]) -> Option<&Order> {
    orders
        .iter()
        .max_by(|a, b| (a.placed_on, &a.id).cmp(&(b.placed_on, &b.id)))
}
