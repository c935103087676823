//! The customer's timeline: contacts, complaints, stage changes, orders and follow-ups
//! as one list of items.

use super::*;
use crate::domain::customers::StageChange;
use crate::domain::orders::Order;
use crate::domain::shared::sort::sort_stable_by;
use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// What a line of the customer's contact timeline records. The declaration order
    /// (= `ALL`) is also the tie-break order of the timeline.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum TimelineKind {
        Contact = "contact",
        Complaint = "complaint",
        StageChange = "stage_change",
        Order = "order",
        FollowUp = "follow_up",
    }
}

impl TimelineKind {
    fn tie_rank(self) -> usize {
        Self::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(Self::ALL.len())
    }
}

/// One line of the customer's contact timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineItem {
    pub at: DateTime<Utc>,
    pub kind: TimelineKind,
    /// Id of the underlying record (order id, contact id, complaint id…), for keys
    /// and links. Stage changes have no id of their own: theirs is
    /// [`stage_change_ref`] of their position in the append-only history.
    pub ref_id: String,
    pub title: String,
    pub detail: String,
}

/// A complaint reduced to what the timeline shows (the complaint module builds
/// these), so this module does not depend on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintMark {
    pub id: String,
    pub at: DateTime<Utc>,
    pub title: String,
    pub detail: String,
}

/// The timeline `ref_id` of the stage change at `index` in a customer's history.
pub fn stage_change_ref(index: usize) -> String {
    format!("stage-{index}")
}

/// Separator between the data pieces of a timeline detail line; a symbol rather
/// than a word so the line needs no translation.
const DETAIL_SEPARATOR: &str = " · ";

fn join_present(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(DETAIL_SEPARATOR)
}

fn contact_item(contact: &Contact) -> TimelineItem {
    let next_step = if contact.next_step.trim().is_empty() {
        String::new()
    } else {
        format!("→ {}", contact.next_step.trim())
    };
    TimelineItem {
        at: contact.at,
        kind: TimelineKind::Contact,
        ref_id: contact.id.clone(),
        title: contact.summary.clone(),
        detail: join_present(&[
            contact.channel.code(),
            contact.direction.code(),
            &contact.rep,
            &contact.outcome,
            &next_step,
        ]),
    }
}

fn complaint_item(mark: &ComplaintMark) -> TimelineItem {
    TimelineItem {
        at: mark.at,
        kind: TimelineKind::Complaint,
        ref_id: mark.id.clone(),
        title: mark.title.clone(),
        detail: mark.detail.clone(),
    }
}

fn stage_item(index: usize, change: &StageChange) -> TimelineItem {
    TimelineItem {
        at: change.at,
        kind: TimelineKind::StageChange,
        ref_id: stage_change_ref(index),
        title: format!("{} → {}", change.from.code(), change.to.code()),
        detail: change.reason.clone(),
    }
}

fn order_item(order: &Order) -> TimelineItem {
    TimelineItem {
        at: order.placed_on.and_time(NaiveTime::MIN).and_utc(),
        kind: TimelineKind::Order,
        ref_id: order.id.clone(),
        title: order.number.clone(),
        detail: join_present(&[
            &order.channel,
            &order.total.format_plain(),
            order.status.code(),
        ]),
    }
}

fn follow_up_item(follow_up: &FollowUp) -> TimelineItem {
    let state = if follow_up.is_open() { "open" } else { "done" };
    TimelineItem {
        at: follow_up.due_at,
        kind: TimelineKind::FollowUp,
        ref_id: follow_up.id.clone(),
        title: follow_up.purpose.clone(),
        detail: join_present(&[
            &follow_up.rep,
            &format!("{} min", follow_up.duration_minutes),
            state,
        ]),
    }
}

/// Every contact, complaint, stage change, order and follow-up, newest first; ties
/// broken deterministically (kind order as in [`TimelineKind::ALL`], then ref_id).
///
/// Orders are placed at 00:00 UTC of placed_on; follow-ups at their due time.
/// Titles/details are plain language-neutral data (codes, numbers, summary text):
/// the UI translates kind names.
pub fn timeline(
    contacts: &[Contact],
    complaints: &[ComplaintMark],
    stages: &[StageChange],
    orders: &[Order],
    follow_ups: &[FollowUp],
) -> Vec<TimelineItem> {
    let mut items: Vec<TimelineItem> = contacts
        .iter()
        .map(contact_item)
        .chain(complaints.iter().map(complaint_item))
        .chain(
            stages
                .iter()
                .enumerate()
                .map(|(index, change)| stage_item(index, change)),
        )
        .chain(orders.iter().map(order_item))
        .chain(follow_ups.iter().map(follow_up_item))
        .collect();
    sort_stable_by(&mut items, |a, b| {
        b.at.cmp(&a.at)
            .then_with(|| a.kind.tie_rank().cmp(&b.kind.tie_rank()))
            .then_with(|| a.ref_id.cmp(&b.ref_id))
    });
    items
}
