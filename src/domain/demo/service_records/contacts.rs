//! Routine demo contacts: calls, emails and visits with notes that fit the customer
//! and their orders.

use super::*;
use crate::domain::contacts::{Contact, ContactChannel, Direction};
use crate::domain::customers::RelationshipStage;
use crate::domain::customers::{Customer, CustomerId, Profile};
use crate::domain::demo::DemoRng;
use crate::domain::orders::{Order, OrderStatus};
use crate::domain::shared::sort::sort_stable_by_key;
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
        sort_stable_by_key(&mut notes, |note| note.at);
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
                satisfaction: None,
                follow_up_id: None,
                review: None,
                occasion: None,
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

/// When a note's contact happens.
#[derive(Clone, Copy)]
enum When {
    /// Between the given days after a random order of the customer (no order, no note).
    AfterOrder(i64, i64),
    /// Anywhere in the customer's recent history.
    Anytime,
    /// On the customer's last birthday.
    LastBirthday,
    /// At least 300 days after the last order (or any time after creation without one).
    AfterOrdersStopped,
}

/// Which channel a note uses.
#[derive(Clone, Copy)]
enum Channels {
    Fixed(ContactChannel),
    /// One of these, drawn at random.
    OneOf(&'static [ContactChannel]),
    /// One of these for a company, email for a private buyer (no draw then).
    CompanyOneOf(&'static [ContactChannel]),
}

/// One kind of routine contact. In `summary`, `{number}` is the order number,
/// `{tracking}` a tracking number, `{country}` the customer's country and
/// `{holiday}` the buyer's holiday. One outcome is fixed; several are drawn from.
struct NoteTemplate {
    topic: Topic,
    when: When,
    channels: Channels,
    direction: Direction,
    summary: &'static str,
    outcomes: &'static [&'static str],
    next_step: &'static str,
}

use ContactChannel as Ch;

/// The routine contacts, one per topic. Their random draws happen in a fixed order
/// (time, tracking number, channel, outcome), which the pinned demo output relies on.
const NOTES: [NoteTemplate; 13] = [
    NoteTemplate {
        topic: Topic::TrackingSent,
        when: When::AfterOrder(1, 3),
        channels: Channels::OneOf(&[Ch::Email, Ch::PlatformMessage]),
        direction: Direction::Outbound,
        summary: "Sent tracking number {tracking} for order {number}",
        outcomes: &["The buyer thanked us"],
        next_step: "Check the delivery scan in 7 days",
    },
    NoteTemplate {
        topic: Topic::AddressChange,
        when: When::AfterOrder(0, 1),
        channels: Channels::OneOf(&[Ch::Chat, Ch::PlatformMessage]),
        direction: Direction::Inbound,
        summary: "Asked to change the delivery address of order {number} before dispatch",
        outcomes: &["The warehouse relabelled the parcel before pickup"],
        next_step: "Confirm the new address in the shipping notice",
    },
    NoteTemplate {
        topic: Topic::DelayNotice,
        when: When::AfterOrder(5, 15),
        channels: Channels::OneOf(&[Ch::Email, Ch::Sms]),
        direction: Direction::Outbound,
        summary: "Warned of a carrier backlog: order {number} about 5 days late",
        outcomes: &["The buyer accepted the new delivery estimate"],
        next_step: "Send a tracking update when the parcel clears the hub",
    },
    NoteTemplate {
        topic: Topic::OutOfStock,
        when: When::AfterOrder(0, 1),
        channels: Channels::Fixed(Ch::PlatformMessage),
        direction: Direction::Outbound,
        summary: "Item of order {number} out of stock: offered a similar model or a refund",
        outcomes: &[
            "The buyer chose the similar model",
            "The buyer preferred to wait for the restock",
        ],
        next_step: "",
    },
    NoteTemplate {
        topic: Topic::ReviewRequest,
        when: When::AfterOrder(10, 25),
        channels: Channels::OneOf(&[Ch::Email, Ch::PlatformMessage]),
        direction: Direction::Outbound,
        summary: "Asked for a review after delivery of order {number}",
        outcomes: &[
            "The buyer left a 5-star review",
            "The buyer left 4 stars and a photo",
            "No reply yet",
        ],
        next_step: "",
    },
    NoteTemplate {
        topic: Topic::RepeatThanks,
        when: When::AfterOrder(0, 2),
        channels: Channels::OneOf(&[Ch::Email, Ch::Phone]),
        direction: Direction::Outbound,
        summary: "Thanked for repeat order {number} and suggested matching accessories",
        outcomes: &[
            "The buyer added a spare cable to the order",
            "The buyer will think about it",
        ],
        next_step: "",
    },
    NoteTemplate {
        topic: Topic::CustomsQuestion,
        when: When::Anytime,
        channels: Channels::OneOf(&[Ch::Email, Ch::Chat, Ch::PlatformMessage]),
        direction: Direction::Inbound,
        summary: "Asked whether customs duties and import VAT are due on delivery to {country}",
        outcomes: &["Explained the duty-free threshold and sent the customs FAQ"],
        next_step: "",
    },
    NoteTemplate {
        topic: Topic::PreSaleQuestion,
        when: When::Anytime,
        channels: Channels::OneOf(&[Ch::Chat, Ch::PlatformMessage]),
        direction: Direction::Inbound,
        summary: "Asked whether the charger fits local sockets and which voltage it takes",
        outcomes: &["Confirmed 100-240 V with a local plug included"],
        next_step: "Send a discount code if no order in 3 days",
    },
    NoteTemplate {
        topic: Topic::PaymentProblem,
        when: When::Anytime,
        channels: Channels::Fixed(Ch::Chat),
        direction: Direction::Inbound,
        summary: "Card payment failed at checkout; sent an alternative payment link",
        outcomes: &["Paid with the link the same day"],
        next_step: "",
    },
    NoteTemplate {
        topic: Topic::HolidayGreeting,
        when: When::Anytime,
        channels: Channels::CompanyOneOf(&[Ch::Gift, Ch::Letter]),
        direction: Direction::Outbound,
        summary: "Sent {holiday} greetings",
        outcomes: &["The buyer replied with thanks", ""],
        next_step: "",
    },
    NoteTemplate {
        topic: Topic::BirthdayGreeting,
        when: When::LastBirthday,
        channels: Channels::OneOf(&[Ch::Email, Ch::Sms]),
        direction: Direction::Outbound,
        summary: "Sent a birthday greeting with a 10% coupon",
        outcomes: &[""],
        next_step: "",
    },
    NoteTemplate {
        topic: Topic::WholesaleQuote,
        when: When::Anytime,
        channels: Channels::OneOf(&[Ch::Email, Ch::Phone, Ch::Visit]),
        direction: Direction::Inbound,
        summary: "The purchaser asked for a wholesale price list for 200+ units",
        outcomes: &["Sent the price list with tiered discounts"],
        next_step: "Call back next week about a sample order",
    },
    NoteTemplate {
        topic: Topic::WinBack,
        when: When::AfterOrdersStopped,
        channels: Channels::OneOf(&[Ch::Email, Ch::Phone]),
        direction: Direction::Outbound,
        summary: "Win-back call: asked why the orders stopped",
        outcomes: &["Buys locally now for faster delivery; offered free express shipping"],
        next_step: "Follow up on the offer in two weeks",
    },
];

fn contact_note(
    rng: &mut DemoRng,
    topic: Topic,
    customer: &Customer,
    orders: &[&Order],
    clock: DateTime<Utc>,
) -> Option<ContactNote> {
    let order = pick_from(rng, orders);
    let number = order.map_or_else(String::new, |o| o.number.clone());
    let template = NOTES.iter().find(|t| t.topic == topic)?;
    // A review is only asked for once the order arrived.
    if topic == Topic::ReviewRequest && order.is_some_and(|o| o.status != OrderStatus::Delivered) {
        return None;
    }
    let at = match template.when {
        // Contacts about an order follow it by the given days.
        When::AfterOrder(from_days, to_days) => {
            let placed = noon(order?.placed_on);
            let (from, to) = (later(placed, from_days * DAY), later(placed, to_days * DAY));
            within_history(rng, customer, clock, from, to)?
        }
        When::Anytime => anytime(rng, customer, clock)?,
        When::LastBirthday => last_birthday(customer, clock)?,
        When::AfterOrdersStopped => {
            let last_order = orders.last().map(|o| noon(o.placed_on));
            let from = last_order.map_or(customer.created_at, |at| later(at, 300 * DAY));
            within_history(rng, customer, clock, from, clock)?
        }
    };
    let mut summary = template.summary.replace("{number}", &number);
    if summary.contains("{tracking}") {
        let tracking = format!("LP{:011}CN", rng.below(100_000_000_000));
        summary = summary.replace("{tracking}", &tracking);
    }
    if summary.contains("{country}") {
        summary = summary.replace("{country}", &customer.country);
    }
    if summary.contains("{holiday}") {
        summary = summary.replace("{holiday}", buyer_holiday(&customer.country));
    }
    let channel = match template.channels {
        Channels::Fixed(channel) => channel,
        Channels::OneOf(channels) => *rng.pick(channels),
        Channels::CompanyOneOf(channels) => {
            if matches!(customer.profile, Profile::Company(_)) {
                *rng.pick(channels)
            } else {
                ContactChannel::Email
            }
        }
    };
    let outcome = match template.outcomes {
        [only] => only,
        several => one_of(rng, several),
    };
    Some(ContactNote {
        at,
        channel,
        direction: template.direction,
        summary,
        outcome: outcome.to_owned(),
        next_step: template.next_step.to_owned(),
    })
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
