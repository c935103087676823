//! Planned follow-ups: quiet hours, conflict warnings, due buckets and the board.

use super::*;
use crate::domain::customers::CustomerId;
use crate::domain::shared::sort::sort_stable_by;
use chrono::{DateTime, Days, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

/// Quiet hours in the CUSTOMER's zone: 21:00 to 07:59 local. The local hour comes
/// from the browser (Intl), so this takes the hour. Hours past 23 wrap around, as
/// some formatters report midnight as 24.
pub fn is_night_hour(local_hour: u32) -> bool {
    !CUSTOMER_WAKING_HOURS.contains(&(local_hour % 24))
}

/// Local hours in which a customer may be contacted; everything else is quiet.
pub const CUSTOMER_WAKING_HOURS: std::ops::Range<u32> = 8..21;

pub(super) fn same_rep(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Open follow-ups of the same rep (trimmed, case-insensitive) whose
/// [due_at, ends_at) overlaps the candidate's; never the candidate itself (same id),
/// never done ones. Sorted by due_at (ties by id).
pub fn conflicts<'a>(candidate: &FollowUp, existing: &'a [FollowUp]) -> Vec<&'a FollowUp> {
    let candidate_end = candidate.ends_at();
    let mut found: Vec<&FollowUp> = existing
        .iter()
        .filter(|other| other.id != candidate.id)
        .filter(|other| other.is_open())
        .filter(|other| same_rep(&other.rep, &candidate.rep))
        .filter(|other| other.due_at < candidate_end && candidate.due_at < other.ends_at())
        .collect();
    sort_stable_by(&mut found, |a, b| {
        a.due_at.cmp(&b.due_at).then_with(|| a.id.cmp(&b.id))
    });
    found
}

coded_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum FollowUpBucket {
        Overdue = "overdue",
        Today = "today",
        ThisWeek = "this_week",
        Later = "later",
        Done = "done",
    }
}

impl FollowUpBucket {
    /// The buckets shown on the board, in display order.
    pub const BOARD: [FollowUpBucket; 3] = [Self::Overdue, Self::Today, Self::ThisWeek];
}

/// Relative to the REP's local calendar (`rep_offset`): Done if done_at; Overdue if
/// due_at < now; Today if due on the rep's local today (and not overdue); ThisWeek
/// if due within the next 7 local days after today; Later otherwise.
pub fn bucket(f: &FollowUp, now: DateTime<Utc>, rep_offset: FixedOffset) -> FollowUpBucket {
    if !f.is_open() {
        return FollowUpBucket::Done;
    }
    if f.due_at < now {
        return FollowUpBucket::Overdue;
    }
    let (Some(today), Some(due_day)) = (
        local_date(now, rep_offset),
        local_date(f.due_at, rep_offset),
    ) else {
        // Only at the edges of representable time; nothing there is urgent.
        return FollowUpBucket::Later;
    };
    if due_day <= today {
        return FollowUpBucket::Today;
    }
    match today.checked_add_days(Days::new(7)) {
        Some(week_end) if due_day <= week_end => FollowUpBucket::ThisWeek,
        _ => FollowUpBucket::Later,
    }
}

/// The "due today / overdue / this week" board: open follow-ups grouped by bucket in
/// order Overdue, Today, ThisWeek, each sorted by due_at (ties by id); Later and
/// Done excluded. Empty groups are left out, so an empty board means nothing is due.
pub fn follow_up_board(
    all: &[FollowUp],
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Vec<(FollowUpBucket, Vec<&FollowUp>)> {
    FollowUpBucket::BOARD
        .into_iter()
        .filter_map(|wanted| {
            let mut group: Vec<&FollowUp> = all
                .iter()
                .filter(|f| bucket(f, now, rep_offset) == wanted)
                .collect();
            sort_stable_by(&mut group, |a, b| {
                a.due_at.cmp(&b.due_at).then_with(|| a.id.cmp(&b.id))
            });
            (!group.is_empty()).then_some((wanted, group))
        })
        .collect()
}

/// Marks done at `now` (idempotent: an already done follow-up keeps its first
/// done_at).
pub fn complete(f: &FollowUp, now: DateTime<Utc>) -> FollowUp {
    FollowUp {
        done_at: Some(f.done_at.unwrap_or(now)),
        ..f.clone()
    }
}

/// The customer's next follow-up: the open one due first (ties by id). What the
/// record's key facts show, overdue or not.
pub fn next_follow_up<'a>(all: &'a [FollowUp], customer: &CustomerId) -> Option<&'a FollowUp> {
    all.iter()
        .filter(|f| &f.customer_id == customer && f.is_open())
        .min_by(|a, b| a.due_at.cmp(&b.due_at).then_with(|| a.id.cmp(&b.id)))
}
