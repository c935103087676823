//! Small helpers: saturating time arithmetic in minutes.

use super::*;
use crate::domain::demo::DemoRng;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, TimeZone, Timelike, Utc};

/// Saturates at the ends of representable time, so odd input cannot panic.
pub(super) fn later(at: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
    TimeDelta::try_minutes(minutes)
        .and_then(|span| at.checked_add_signed(span))
        .unwrap_or(if minutes >= 0 {
            DateTime::<Utc>::MAX_UTC
        } else {
            DateTime::<Utc>::MIN_UTC
        })
}

pub(super) fn earlier(at: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
    later(at, minutes.saturating_neg())
}

pub(super) fn start_of(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN))
}

/// Orders carry a date only; noon is the demo's convention (as in `demo`).
pub(super) fn noon(date: NaiveDate) -> DateTime<Utc> {
    later(start_of(date), 12 * HOUR)
}

pub(super) fn whole_minute(at: DateTime<Utc>) -> DateTime<Utc> {
    at.with_second(0)
        .and_then(|at| at.with_nanosecond(0))
        .unwrap_or(at)
}

/// Reps book calls on the quarter hour.
pub(super) fn floor_to_quarter(at: DateTime<Utc>) -> DateTime<Utc> {
    let at = whole_minute(at);
    at.with_minute(at.minute() / 15 * 15).unwrap_or(at)
}

/// A whole-minute step in [from, to], or None when the range is empty.
pub(super) fn random_between(
    rng: &mut DemoRng,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let span = u64::try_from((to - from).num_minutes()).ok()?;
    let offset = i64::try_from(rng.below(span.saturating_add(1))).unwrap_or(0);
    Some(later(from, offset).min(to))
}

pub(super) fn shuffle<T>(rng: &mut DemoRng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

pub(super) fn pick_from<T: Copy>(rng: &mut DemoRng, items: &[T]) -> Option<T> {
    items.get(rng.below(items.len() as u64) as usize).copied()
}

pub(super) fn one_of(rng: &mut DemoRng, texts: &[&'static str]) -> &'static str {
    pick_from(rng, texts).unwrap_or_default()
}

pub(super) fn weighted<T: Copy>(rng: &mut DemoRng, choices: &[(T, u64)], fallback: T) -> T {
    let total: u64 = choices.iter().map(|(_, weight)| weight).sum();
    let mut roll = rng.below(total);
    for &(choice, weight) in choices {
        if roll < weight {
            return choice;
        }
        roll -= weight;
    }
    fallback
}
