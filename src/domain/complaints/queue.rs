//! The complaint queue: filters and the order in which complaints are worked on.

use super::*;
use crate::domain::customers::CustomerId;
use crate::domain::shared::sort::sort_stable_by;
use crate::domain::value::ValueTier;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueFilter {
    pub state: Option<ComplaintState>,
    pub cause: Option<ComplaintCause>,
    pub tier: Option<ValueTier>,
    pub overdue_only: bool,
    pub active_only: bool,
}

impl QueueFilter {
    fn accepts(&self, entry: &QueueEntry<'_>) -> bool {
        let c = entry.complaint;
        self.state.is_none_or(|state| c.state == state)
            && self.cause.is_none_or(|cause| c.cause == Some(cause))
            && self.tier.is_none_or(|tier| entry.tier == Some(tier))
            && (!self.overdue_only || entry.clock.overdue)
            && (!self.active_only || c.state.is_active())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry<'a> {
    pub complaint: &'a Complaint,
    pub tier: Option<ValueTier>,
    pub clock: ResponseClock,
}

fn queue_order(a: &QueueEntry<'_>, b: &QueueEntry<'_>) -> Ordering {
    let a_active = a.complaint.state.is_active();
    let b_active = b.complaint.state.is_active();
    let by_urgency = if a_active && b_active {
        // A paused clock (awaiting the customer) needs nothing from us yet: last.
        let remaining_key = |e: &QueueEntry<'_>| (e.clock.remaining.is_none(), e.clock.remaining);
        crate::domain::value::is_key_tier(b.tier)
            .cmp(&crate::domain::value::is_key_tier(a.tier))
            .then_with(|| remaining_key(a).cmp(&remaining_key(b)))
    } else {
        b.complaint.updated_at.cmp(&a.complaint.updated_at)
    };
    b_active
        .cmp(&a_active)
        .then(by_urgency)
        .then_with(|| a.complaint.opened_at.cmp(&b.complaint.opened_at))
        .then_with(|| a.complaint.id.cmp(&b.complaint.id))
}

/// Filters and orders the queue: active before inactive; among active, key customers (Vip, Major) first, then by remaining time ascending (most overdue first); inactive newest-updated first. Ties by opened_at then id (deterministic).
pub fn complaint_queue<'a>(
    complaints: &'a [Complaint],
    tier_of: &dyn Fn(&CustomerId) -> Option<ValueTier>,
    targets: &ResponseTargets,
    filter: &QueueFilter,
    now: DateTime<Utc>,
) -> Vec<QueueEntry<'a>> {
    let mut entries: Vec<QueueEntry<'a>> = complaints
        .iter()
        .map(|complaint| {
            let tier = tier_of(&complaint.customer_id);
            QueueEntry {
                complaint,
                tier,
                clock: response_clock(complaint, tier, targets, now),
            }
        })
        .filter(|entry| filter.accepts(entry))
        .collect();
    sort_stable_by(&mut entries, queue_order);
    entries
}
