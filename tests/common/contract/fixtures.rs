//! The records the contract checks store: one builder per kind.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use crm::domain::complaints::{Complaint, ComplaintDraft};
use crm::domain::contacts::{Contact, ContactChannel, Direction, FollowUp};
use crm::domain::customers::{Customer, CustomerId};
use crm::domain::exchange::backup::{BackupData, SettingRecord};
use crm::domain::orders::{CostEntry, CostKind, CurrencyCode, Money, Order, OrderStatus};
use crm::domain::replies::{ReplyChange, ReplyEdit};
use crm::domain::value::TierChange;
use crm::domain::value::{RankBy, ValueTier};

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

/// A customer with every text field filled, including markup and CJK text.
pub fn rich_customer(id: &str, name: &str, country: &str) -> Customer {
    let at = Utc.with_ymd_and_hms(2026, 5, 1, 9, 30, 0).unwrap();
    let mut c = Customer::minimal(CustomerId(id.into()), name, country, at);
    c.email = format!("{id}@example.com");
    c.phone = "+34 612 345 678".into();
    c.language = "es".into();
    c.time_zone = "Europe/Madrid".into();
    c.address = "Calle Mayor 1".into();
    c.tags = vec!["vip".into(), "电子产品".into()];
    c.notes = "<img src=x onerror=alert(1)>".into();
    c
}

pub fn buyer(id: &str) -> Customer {
    Customer::minimal(CustomerId(id.into()), "Lucía García", "ES", at(1, 9))
}

pub fn order(id: &str, customer: &str, cents: i64) -> Order {
    Order {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        number: id.into(),
        channel: "AliExpress".into(),
        placed_on: NaiveDate::from_ymd_opt(2026, 4, 2).unwrap(),
        total: Money::new(cents, CurrencyCode::parse("EUR").unwrap()),
        status: OrderStatus::Delivered,
        cost_of_goods: cents / 2,
        shipping_cost: 0,
        discount: 0,
        refunded: 0,
        details: Default::default(),
    }
}

pub fn contact(id: &str, customer: &str, when: DateTime<Utc>) -> Contact {
    Contact {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        at: when,
        channel: ContactChannel::Email,
        direction: Direction::Outbound,
        rep: "Mei".into(),
        summary: "sent tracking number".into(),
        outcome: String::new(),
        next_step: String::new(),
        complaint_id: None,
        satisfaction: None,
        follow_up_id: None,
        review: None,
        occasion: None,
    }
}

pub fn follow_up(id: &str, customer: &str) -> FollowUp {
    FollowUp {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        rep: "Mei".into(),
        due_at: at(25, 2),
        duration_minutes: 30,
        purpose: "check the refund arrived".into(),
        complaint_id: None,
        done_at: None,
        created_at: at(24, 2),
        talking_points: String::new(),
        materials: String::new(),
        kind: crm::domain::contacts::FollowUpKind::General,
    }
}

pub fn cost(id: &str, customer: &str, cents: i64) -> CostEntry {
    CostEntry {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        on: at(24, 8).date_naive(),
        kind: CostKind::ComplaintHandling,
        amount: Money::new(cents, CurrencyCode::parse("EUR").unwrap()),
        note: "partial refund".into(),
    }
}

pub fn tier_change(id: &str, customer: &str) -> TierChange {
    TierChange {
        id: id.into(),
        customer_id: CustomerId(customer.into()),
        at: at(30, 12),
        period: "2025-12-01 – 2026-11-30".into(),
        from: None,
        to: ValueTier::Vip,
        rank: 1,
        rank_by: RankBy::Profit,
    }
}

pub fn id(s: &str) -> CustomerId {
    CustomerId(s.into())
}

pub fn sorted_ids<T>(items: Vec<T>, key: impl Fn(&T) -> String) -> Vec<String> {
    let mut ids: Vec<String> = items.iter().map(key).collect();
    ids.sort();
    ids
}

/// One record of every kind, as a backup would hold them.
pub fn full_snapshot() -> BackupData {
    BackupData {
        customers: vec![rich_customer("a", "Ana", "ES"), buyer("b")],
        orders: vec![order("o1", "a", 100), order("o2", "b", 200)],
        costs: vec![cost("k1", "a", 100)],
        tier_changes: vec![tier_change("t1", "a")],
        settings: vec![SettingRecord {
            key: "exchange_rates".into(),
            json: r#"{"EUR":"1.08"}"#.into(),
        }],
        complaints: vec![Complaint::open("c1".into(), id("a"), at(24, 8))],
        contacts: vec![contact("k1", "a", at(20, 9))],
        follow_ups: vec![follow_up("f1", "b")],
        complaint_drafts: vec![ComplaintDraft {
            complaint_id: "c1".into(),
            customer_words: "¡Llegó roto!".into(),
            ..ComplaintDraft::default()
        }],
        reply_edits: vec![ReplyEdit {
            id: "r1".into(),
            at: at(21, 10),
            change: ReplyChange::Text {
                scenario: "shipped_tracking".into(),
                language: "de".into(),
                text: "Hallo {buyer_name}, {tracking_link}".into(),
            },
        }],
    }
}
