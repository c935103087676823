//! The time-ordered parts of the field merge: the latest timestamp, and the union
//! of append-only histories with its flow-model check.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{FlowBreak, Live};
use crate::domain::complaints::ComplaintStateChange;
use crate::domain::customers::StageChange;
use crate::domain::shared::sort::sort_stable_by;
use crate::domain::sync::docs::DocKind;
use crate::domain::sync::rev_id::canonical_json;

pub(super) fn parse_time(value: &Value) -> Option<DateTime<Utc>> {
    let text = value.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

/// The latest readable timestamp among the leaves (the first leaf's spelling on a
/// tie); `None` when no leaf has a readable one.
pub(super) fn latest(live: &[Live<'_>], name: &str) -> Option<Value> {
    let mut best: Option<(DateTime<Utc>, &Value)> = None;
    for leaf in live {
        let Some(value) = leaf.data.get(name) else {
            continue;
        };
        if let Some(time) = parse_time(value) {
            if best.is_none_or(|(known, _)| time > known) {
                best = Some((time, value));
            }
        }
    }
    best.map(|(_, value)| value.clone())
}

/// Every entry of every live leaf's history once, ordered by `at` (unreadable times
/// first), then by canonical JSON so equal times have one order everywhere.
pub(super) fn union_history(live: &[Live<'_>], name: &str) -> Vec<Value> {
    let mut keyed: Vec<(Option<DateTime<Utc>>, String, Value)> = live
        .iter()
        .filter_map(|leaf| leaf.data.get(name).and_then(Value::as_array))
        .flatten()
        .map(|entry| {
            let at = entry.get("at").and_then(parse_time);
            (at, canonical_json(entry), entry.clone())
        })
        .collect();
    sort_stable_by(&mut keyed, |a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    keyed.dedup_by(|later, earlier| later.1 == earlier.1);
    keyed.into_iter().map(|(_, _, entry)| entry).collect()
}

/// Entries that break the flow model: not an allowed move, not starting where the
/// previous one ended, or unreadable.
pub(super) fn flow_check(kind: DocKind, name: &str, entries: &[Value]) -> Vec<FlowBreak> {
    // (from, to, allowed) as codes, `None` for an unreadable entry.
    let moves: Vec<Option<(&str, &str, bool)>> = entries
        .iter()
        .map(|entry| match kind {
            DocKind::Customer => serde_json::from_value::<StageChange>(entry.clone())
                .ok()
                .map(|c| (c.from.code(), c.to.code(), c.from.can_move_to(c.to))),
            DocKind::Complaint => serde_json::from_value::<ComplaintStateChange>(entry.clone())
                .ok()
                .map(|c| (c.from.code(), c.to.code(), c.from.can_move_to(c.to))),
            DocKind::Order
            | DocKind::Cost
            | DocKind::TierChange
            | DocKind::Contact
            | DocKind::FollowUp
            | DocKind::Setting => None,
        })
        .collect();
    let mut breaks = Vec::new();
    for (index, this) in moves.iter().enumerate() {
        let follows = match (index.checked_sub(1).map(|before| &moves[before]), this) {
            (_, None) => false,
            (None, Some((_, _, allowed))) => *allowed,
            (Some(None), Some((_, _, allowed))) => *allowed,
            (Some(Some((_, prev_to, _))), Some((from, _, allowed))) => *allowed && prev_to == from,
        };
        if !follows {
            breaks.push(FlowBreak {
                field: name.to_owned(),
                index,
            });
        }
    }
    breaks
}
