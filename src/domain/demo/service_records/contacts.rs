//! Routine demo contacts: calls, emails and visits with notes that fit the customer
//! and their orders.

use super::*;
use crate::domain::contacts::{Contact, ContactChannel, Direction};
use crate::domain::customers::RelationshipStage;
use crate::domain::customers::{Customer, CustomerId, Profile};
use crate::domain::demo::DemoRng;
use crate::domain::orders::{Order, OrderStatus};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::BTreeMap;

/// Everyday cross-border service work, pre-sale to after-sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Topic {
    TrackingSent,
    AddressChange,
    DelayNotice,
    OutOfStock,
    ReviewRequest,
    RepeatThanks,
    CustomsQuestion,
    PreSaleQuestion,
    PaymentProblem,
    HolidayGreeting,
    BirthdayGreeting,
    WholesaleQuote,
    WinBack,
}

/// One logged contact before it gets its id.
struct ContactNote {
    at: DateTime<Utc>,
    channel: ContactChannel,
    direction: Direction,
    summary: String,
    outcome: String,
    next_step: String,
}

/// One to four contacts for about half the customers.
pub(super) fn routine_contacts(
    people: &[&Customer],
    orders_of: &BTreeMap<CustomerId, Vec<&Order>>,
    seed: u64,
    clock: DateTime<Utc>,
    numbers: &mut PerCustomerNumbers,
) -> Vec<Contact> {
    let mut rng = DemoRng::new(seed ^ CONTACT_STREAM);
    let mut contacts = Vec::new();
    for customer in people {
        if !rng.chance(50) {
            continue;
        }
        let orders = orders_for(orders_of, customer);
        let owner = account_rep(customer);
        let count = 1 + rng.below(4);
        let mut notes: Vec<ContactNote> = (0..count)
            .filter_map(|_| {
                let topic = pick_topic(&mut rng, customer, &orders)?;
                contact_note(&mut rng, topic, customer, &orders, clock)
            })
            .collect();
        notes.sort_by_key(|note| note.at);
        for note in notes {
            // Mostly the account's own rep; colleagues cover days off.
            let rep = if rng.chance(75) {
                owner
            } else {
                *rng.pick(&DEMO_REPS)
            };
            contacts.push(Contact {
                id: numbers.id("contact", &customer.id),
                customer_id: customer.id.clone(),
                at: note.at,
                channel: note.channel,
                direction: note.direction,
                rep: rep.to_owned(),
                summary: note.summary,
                outcome: note.outcome,
                next_step: note.next_step,
                complaint_id: None,
            });
        }
    }
    contacts
}

/// A topic that fits the customer: order topics need an order, a win-back a lost
/// customer, a wholesale quote a company, a birthday greeting a birthday.
fn pick_topic(rng: &mut DemoRng, customer: &Customer, orders: &[&Order]) -> Option<Topic> {
    let has_order = !orders.is_empty();
    let has_birthday = matches!(
        &customer.profile,
        Profile::Individual(person) if person.birthday.is_some()
    );
    let is_company = matches!(customer.profile, Profile::Company(_));
    let candidates: Vec<(Topic, u64)> = [
        (Topic::TrackingSent, 5, has_order),
        (Topic::AddressChange, 2, has_order),
        (Topic::DelayNotice, 2, has_order),
        (Topic::OutOfStock, 1, has_order),
        (Topic::ReviewRequest, 3, has_order),
        (Topic::RepeatThanks, 2, orders.len() >= 2),
        (Topic::CustomsQuestion, 3, true),
        (Topic::PreSaleQuestion, 2, true),
        (Topic::PaymentProblem, 1, true),
        (Topic::HolidayGreeting, 2, true),
        (Topic::BirthdayGreeting, 1, has_birthday),
        (Topic::WholesaleQuote, 3, is_company),
        (Topic::WinBack, 3, customer.stage == RelationshipStage::Lost),
    ]
    .into_iter()
    .filter(|&(_, _, fits)| fits)
    .map(|(topic, weight, _)| (topic, weight))
    .collect();
    let first = candidates.first()?.0;
    Some(weighted(rng, &candidates, first))
}

fn contact_note(
    rng: &mut DemoRng,
    topic: Topic,
    customer: &Customer,
    orders: &[&Order],
    clock: DateTime<Utc>,
) -> Option<ContactNote> {
    let order = pick_from(rng, orders);
    let number = order.map_or_else(String::new, |o| o.number.clone());
    // Contacts about an order follow it by the given days; others fall anywhere in
    // the customer's recent history.
    let after_order = |rng: &mut DemoRng, from_days: i64, to_days: i64| {
        let placed = noon(order?.placed_on);
        within_history(
            rng,
            customer,
            clock,
            later(placed, from_days * DAY),
            later(placed, to_days * DAY),
        )
    };
    let note = |at, channel, direction, summary: String, outcome: &str, next_step: &str| {
        Some(ContactNote {
            at,
            channel,
            direction,
            summary,
            outcome: outcome.to_owned(),
            next_step: next_step.to_owned(),
        })
    };
    match topic {
        Topic::TrackingSent => {
            let at = after_order(rng, 1, 3)?;
            let tracking = format!("LP{:011}CN", rng.below(100_000_000_000));
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::PlatformMessage]),
                Direction::Outbound,
                format!("Sent tracking number {tracking} for order {number}"),
                "The buyer thanked us",
                "Check the delivery scan in 7 days",
            )
        }
        Topic::AddressChange => {
            let at = after_order(rng, 0, 1)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Chat, ContactChannel::PlatformMessage]),
                Direction::Inbound,
                format!("Asked to change the delivery address of order {number} before dispatch"),
                "The warehouse relabelled the parcel before pickup",
                "Confirm the new address in the shipping notice",
            )
        }
        Topic::DelayNotice => {
            let at = after_order(rng, 5, 15)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::Sms]),
                Direction::Outbound,
                format!("Warned of a carrier backlog: order {number} about 5 days late"),
                "The buyer accepted the new delivery estimate",
                "Send a tracking update when the parcel clears the hub",
            )
        }
        Topic::OutOfStock => {
            let at = after_order(rng, 0, 1)?;
            note(
                at,
                ContactChannel::PlatformMessage,
                Direction::Outbound,
                format!("Item of order {number} out of stock: offered a similar model or a refund"),
                one_of(
                    rng,
                    &[
                        "The buyer chose the similar model",
                        "The buyer preferred to wait for the restock",
                    ],
                ),
                "",
            )
        }
        Topic::ReviewRequest => {
            if order.is_some_and(|o| o.status != OrderStatus::Delivered) {
                return None;
            }
            let at = after_order(rng, 10, 25)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::PlatformMessage]),
                Direction::Outbound,
                format!("Asked for a review after delivery of order {number}"),
                one_of(
                    rng,
                    &[
                        "The buyer left a 5-star review",
                        "The buyer left 4 stars and a photo",
                        "No reply yet",
                    ],
                ),
                "",
            )
        }
        Topic::RepeatThanks => {
            let at = after_order(rng, 0, 2)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::Phone]),
                Direction::Outbound,
                format!("Thanked for repeat order {number} and suggested matching accessories"),
                one_of(
                    rng,
                    &[
                        "The buyer added a spare cable to the order",
                        "The buyer will think about it",
                    ],
                ),
                "",
            )
        }
        Topic::CustomsQuestion => {
            let at = anytime(rng, customer, clock)?;
            note(
                at,
                *rng.pick(&[
                    ContactChannel::Email,
                    ContactChannel::Chat,
                    ContactChannel::PlatformMessage,
                ]),
                Direction::Inbound,
                format!(
                    "Asked whether customs duties and import VAT are due on delivery to {}",
                    customer.country
                ),
                "Explained the duty-free threshold and sent the customs FAQ",
                "",
            )
        }
        Topic::PreSaleQuestion => {
            let at = anytime(rng, customer, clock)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Chat, ContactChannel::PlatformMessage]),
                Direction::Inbound,
                "Asked whether the charger fits local sockets and which voltage it takes"
                    .to_owned(),
                "Confirmed 100-240 V with a local plug included",
                "Send a discount code if no order in 3 days",
            )
        }
        Topic::PaymentProblem => {
            let at = anytime(rng, customer, clock)?;
            note(
                at,
                ContactChannel::Chat,
                Direction::Inbound,
                "Card payment failed at checkout; sent an alternative payment link".to_owned(),
                "Paid with the link the same day",
                "",
            )
        }
        Topic::HolidayGreeting => {
            let at = anytime(rng, customer, clock)?;
            let channel = if matches!(customer.profile, Profile::Company(_)) {
                *rng.pick(&[ContactChannel::Gift, ContactChannel::Letter])
            } else {
                ContactChannel::Email
            };
            note(
                at,
                channel,
                Direction::Outbound,
                format!("Sent {} greetings", buyer_holiday(&customer.country)),
                one_of(rng, &["The buyer replied with thanks", ""]),
                "",
            )
        }
        Topic::BirthdayGreeting => {
            let at = last_birthday(customer, clock)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::Sms]),
                Direction::Outbound,
                "Sent a birthday greeting with a 10% coupon".to_owned(),
                "",
                "",
            )
        }
        Topic::WholesaleQuote => {
            let at = anytime(rng, customer, clock)?;
            note(
                at,
                *rng.pick(&[
                    ContactChannel::Email,
                    ContactChannel::Phone,
                    ContactChannel::Visit,
                ]),
                Direction::Inbound,
                "The purchaser asked for a wholesale price list for 200+ units".to_owned(),
                "Sent the price list with tiered discounts",
                "Call back next week about a sample order",
            )
        }
        Topic::WinBack => {
            let last_order = orders.last().map(|o| noon(o.placed_on));
            let from = last_order.map_or(customer.created_at, |at| later(at, 300 * DAY));
            let at = within_history(rng, customer, clock, from, clock)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::Phone]),
                Direction::Outbound,
                "Win-back call: asked why the orders stopped".to_owned(),
                "Buys locally now for faster delivery; offered free express shipping",
                "Follow up on the offer in two weeks",
            )
        }
    }
}

/// A moment in [from, to] that is also after the customer was created, inside the
/// contact history and not after `clock`.
fn within_history(
    rng: &mut DemoRng,
    customer: &Customer,
    clock: DateTime<Utc>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let from = from
        .max(later(customer.created_at, 1))
        .max(earlier(clock, CONTACT_HISTORY));
    random_between(rng, from, to.min(clock))
}

fn anytime(rng: &mut DemoRng, customer: &Customer, clock: DateTime<Utc>) -> Option<DateTime<Utc>> {
    within_history(rng, customer, clock, customer.created_at, clock)
}

/// 09:00 UTC on the customer's most recent birthday that falls in their history.
fn last_birthday(customer: &Customer, clock: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let Profile::Individual(person) = &customer.profile else {
        return None;
    };
    let birthday = person.birthday?;
    let this_year = clock.year();
    [this_year, this_year - 1]
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, birthday.month(), birthday.day()))
        .map(|date| later(start_of(date), 9 * HOUR))
        .find(|at| *at <= clock && *at > customer.created_at)
}

/// The buyer's own holidays, not only ours.
fn buyer_holiday(country: &str) -> &'static str {
    match country {
        "US" => "Thanksgiving",
        "CA" => "Christmas and New Year",
        "JP" => "New Year (Oshōgatsu)",
        "KR" => "Chuseok",
        "SA" | "AE" | "TR" => "Eid al-Fitr",
        "RU" => "New Year",
        "MX" => "Día de Muertos",
        "CL" => "Fiestas Patrias",
        "SE" => "Midsummer",
        "NL" => "Sinterklaas",
        "PL" => "Easter",
        _ => "Christmas",
    }
}
