//! Demo service records: complaints, contact-log entries and follow-ups for the demo
//! customers, so the complaint queue, its statistics, the follow-up board and the
//! customers' timelines have realistic content right after "Load demo data".
//!
//! Like [`crate::domain::demo::generate`], the output depends only on the inputs, and every id
//! is derived from a customer id: loading the demo twice finds the same ids again and
//! adds nothing.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};

use crate::domain::complaints::Complaint;
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::orders::Order;
use crate::domain::shared::sort::sort_stable_by;

mod complaints;
mod contacts;
mod follow_ups;
mod stories;
mod time;

use complaints::*;
use contacts::*;
use follow_ups::*;
use stories::*;
use time::*;

/// The demo team: every demo contact and follow-up is handled by one of them.
pub const DEMO_REPS: [&str; 4] = ["Mei", "Tomás", "Aisha", "Lukas"];

/// Everything the service screens show for the demo customers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoServiceRecords {
    pub complaints: Vec<Complaint>,
    pub contacts: Vec<Contact>,
    pub follow_ups: Vec<FollowUp>,
}

// Time spans in minutes, the unit all demo arithmetic works in.
const HOUR: i64 = 60;
const DAY: i64 = 24 * HOUR;

/// A customer younger than this gets no complaint: a settled one needs two weeks of
/// history before `now`, and an account opened yesterday rarely has a dispute yet.
const COMPLAINT_MIN_CUSTOMER_AGE: i64 = 20 * DAY;
/// Settled complaints open at least this long before `now`, leaving room for
/// handling (up to 6 days), the follow-up call and the closing.
const SETTLED_LATEST_OPENING: i64 = 14 * DAY;
/// "By month" statistics cover a year.
const COMPLAINT_HISTORY: i64 = 365 * DAY;
/// Routine contacts reach back this far; older ones would not show on a timeline
/// anybody scrolls to.
const CONTACT_HISTORY: i64 = 540 * DAY;
/// Most open follow-ups the board gets, so it stays readable.
const MAX_OPEN_FOLLOW_UPS: usize = 40;

/// Deterministic, but with its own stream per kind of record, so adding a contact
/// topic does not reshuffle the complaints.
const COMPLAINT_STREAM: u64 = 0xC0A1_A1E7_5EED_0001;
const CONTACT_STREAM: u64 = 0xC0A1_A1E7_5EED_0002;
const FOLLOW_UP_STREAM: u64 = 0xC0A1_A1E7_5EED_0003;

/// Generates complaints, contacts and follow-ups for `customers` (orders of other
/// customers are ignored). `now` is the moment of loading: nothing lies after it
/// except open follow-ups, and nothing lies before its customer's `created_at`.
pub fn generate_service_records(
    customers: &[Customer],
    orders: &[Order],
    seed: u64,
    now: DateTime<Utc>,
) -> DemoServiceRecords {
    let clock = whole_minute(now);
    let people = known_customers(customers, clock);
    if people.is_empty() {
        return DemoServiceRecords::default();
    }
    let orders_of = orders_by_customer(&people, orders);
    let mut numbers = PerCustomerNumbers::default();
    let mut records = DemoServiceRecords::default();

    let handled = generate_complaints(&people, &orders_of, seed, clock);
    for item in &handled {
        records
            .contacts
            .extend(complaint_contacts(item, &mut numbers));
        records
            .follow_ups
            .extend(complaint_follow_up_done(item, clock));
    }
    records.contacts.extend(routine_contacts(
        &people,
        &orders_of,
        seed,
        clock,
        &mut numbers,
    ));
    records.follow_ups.extend(planned_follow_ups(
        &people,
        &handled,
        seed,
        clock,
        &mut numbers,
    ));
    records.complaints = handled.into_iter().map(|item| item.complaint).collect();
    records
}

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

/// Customers that existed before `clock`, each id once: a record may not predate its
/// customer, and a repeated id would produce repeated record ids.
fn known_customers(customers: &[Customer], clock: DateTime<Utc>) -> Vec<&Customer> {
    let mut seen: HashSet<&CustomerId> = HashSet::new();
    customers
        .iter()
        .filter(|c| c.created_at < clock)
        .filter(|c| seen.insert(&c.id))
        .collect()
}

/// Each customer's orders, oldest first (ties by id, so the result is stable).
fn orders_by_customer<'a>(
    people: &[&Customer],
    orders: &'a [Order],
) -> BTreeMap<CustomerId, Vec<&'a Order>> {
    let mut by_customer: BTreeMap<CustomerId, Vec<&'a Order>> =
        people.iter().map(|c| (c.id.clone(), Vec::new())).collect();
    for order in orders {
        if let Some(list) = by_customer.get_mut(&order.customer_id) {
            list.push(order);
        }
    }
    for list in by_customer.values_mut() {
        sort_stable_by(list, |a, b| {
            a.placed_on.cmp(&b.placed_on).then_with(|| a.id.cmp(&b.id))
        });
    }
    by_customer
}

fn orders_for<'a>(
    orders_of: &BTreeMap<CustomerId, Vec<&'a Order>>,
    customer: &Customer,
) -> Vec<&'a Order> {
    orders_of.get(&customer.id).cloned().unwrap_or_default()
}

/// The rep who looks after the account. Fixed by the customer id (FNV-1a), not by the
/// seed, so a customer keeps the same rep across the demo's records.
fn account_rep(customer: &Customer) -> &'static str {
    let hash = customer
        .id
        .as_str()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    DEMO_REPS[(hash % DEMO_REPS.len() as u64) as usize]
}

/// Ids like "demo-contact-<customer id>-<n>": numbered per customer, so loading the
/// same demo again yields the same ids and the store recognises them.
#[derive(Default)]
struct PerCustomerNumbers {
    next: BTreeMap<(&'static str, CustomerId), usize>,
}

impl PerCustomerNumbers {
    fn id(&mut self, kind: &'static str, customer: &CustomerId) -> String {
        let slot = self.next.entry((kind, customer.clone())).or_insert(0);
        *slot += 1;
        format!("demo-{kind}-{}-{}", customer.as_str(), slot)
    }
}

#[cfg(test)]
mod tests;
