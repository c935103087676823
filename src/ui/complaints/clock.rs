//! The response clock as one line of text (the wizard's header and the queue).

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::complaints::{response_clock, Complaint};
use crate::i18n::{duration_text, text, Key, Lang};
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
    let waited = format!(
        "{} {} · {} {}",
        text(lang, Key::OpenedAgo),
        duration_text(lang, clock.since_opened),
        duration_text(lang, clock.since_customer_message),
        text(lang, Key::SinceCustomerMessage)
    );
    let target = format!(
        "{} {}",
        text(lang, Key::ResponseTarget),
        duration_text(lang, clock.target)
    );
    let remaining = match clock.remaining {
        None if complaint.state.is_active() => text(lang, Key::ClockPaused).to_owned(),
        None => text(lang, Key::ClockStopped).to_owned(),
        Some(left) if clock.overdue => format!(
            "{} {}",
            text(lang, Key::OverdueBy),
            duration_text(lang, -left)
        ),
        Some(left) => format!("{} {}", duration_text(lang, left), text(lang, Key::Left)),
    };
    format!("{waited} · {target} · {remaining}")
}
