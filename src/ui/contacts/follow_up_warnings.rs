//! The warnings on a planned follow-up: the buyer's local time at the due time
//! with the night warning, and clashes with the same rep's other follow-ups. Shown
//! on the board, the record and the edit dialog alike.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::contacts::{conflicts, is_night_hour, FollowUp};
use crate::i18n::{follow_up_clash_warning, labelled, text, Key, Lang};
use crate::ui::context::CustomersView;
use crate::web::intl;

/// The buyer's wall clock at `at`, and whether that falls in their night.
fn buyer_time(zone: &str, lang: Lang, at: DateTime<Utc>) -> Option<(String, bool)> {
    let clock = intl::local_clock(zone, lang.code(), at.timestamp_millis() as f64)?;
    Some((clock.text, is_night_hour(clock.hour)))
}

/// One line on a follow-up: when, for whom, the buyer's local time and warnings.
pub fn warnings(
    customers_view: CustomersView,
    lang: Lang,
    f: &FollowUp,
    all: &[FollowUp],
) -> impl IntoView {
    let zone = customers_view
        .directory
        .with_untracked(|d| d.get(&f.customer_id).map(|c| c.time_zone.clone()))
        .unwrap_or_default();
    let local = buyer_time(&zone, lang, f.due_at);
    let clashes: Vec<(String, String)> = conflicts(f, all)
        .into_iter()
        .map(|other| {
            let name = customers_view
                .directory
                .with_untracked(|d| d.get(&other.customer_id).map(|c| c.name.clone()))
                .unwrap_or_default();
            (name, intl::format_instant(other.due_at, lang.code()))
        })
        .collect();
    view! {
        {match local {
            Some((clock, night)) => view! {
                <span class="sub">{labelled(lang, text(lang, Key::BuyerLocalTime), &clock)}</span>
                {night.then(|| view! { <strong class="warning" role="note">{" ⚠ "}{text(lang, Key::NightWarning)}</strong> })}
            }.into_any(),
            None => view! { <span class="sub muted">{text(lang, Key::NoTimeZone)}</span> }.into_any(),
        }}
        {(!clashes.is_empty()).then(|| view! {
            <strong class="warning" role="note">{" ⚠ "}{follow_up_clash_warning(lang, &clashes)}</strong>
        })}
    }
}
