//! The response clock as one line of text (the wizard's header and the queue).

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::complaints::{response_clock, Complaint};
use crate::i18n::{response_clock_text, Lang};
use crate::ui::context::{CustomersView, ServiceDesk};

/// How far the response clock has run, for a line of text. Reads the customer's
/// tier and the response limits, so the line follows changes to either.
pub fn clock_text(lang: Lang, complaint: &Complaint, now_ms: f64) -> String {
    let customers = expect_context::<CustomersView>();
    let desk = expect_context::<ServiceDesk>();
    let now = chrono::DateTime::from_timestamp_millis(now_ms as i64).unwrap_or_else(Utc::now);
    let tier = customers
        .tiers
        .with(|t| t.get(&complaint.customer_id).copied());
    let clock = desk
        .response_targets
        .with(|t| response_clock(complaint, tier, t, now));
    response_clock_text(lang, &clock, complaint.state.is_active())
}
