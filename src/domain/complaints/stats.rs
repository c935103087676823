//! Complaint statistics: counts per cause and state, response and resolution times.

use super::*;
use chrono::Datelike;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComplaintStats {
    pub total: usize,
    /// Every cause in `ComplaintCause::ALL` order, zeros included.
    pub by_cause: Vec<(ComplaintCause, usize)>,
    /// "YYYY-MM" of opened_at, ascending, only months that have complaints.
    pub by_month: Vec<(String, usize)>,
    /// Complaints with a `resolved_at` (resolved and not reopened since).
    pub resolved: usize,
    /// Over complaints with resolved_at; even count -> mean of the two middle values (integer division).
    pub median_minutes_to_resolve: Option<i64>,
    /// Among resolved.
    pub resolved_first_contact: usize,
    /// Over resolved/closed complaints with a satisfaction.
    pub satisfaction_count: usize,
    pub satisfaction_sum: u32,
}

impl ComplaintStats {
    /// Average satisfaction in tenths (43 for 4.3), rounded half up.
    pub fn average_satisfaction_tenths(&self) -> Option<u32> {
        let count = u64::try_from(self.satisfaction_count)
            .ok()
            .filter(|&n| n > 0)?;
        let rounded = (u64::from(self.satisfaction_sum) * 20 + count) / (2 * count);
        u32::try_from(rounded).ok()
    }

    /// Share of resolved complaints settled at first contact, in whole percent.
    pub fn first_contact_percent(&self) -> Option<u32> {
        let resolved = u64::try_from(self.resolved).ok().filter(|&n| n > 0)?;
        let first = u64::try_from(self.resolved_first_contact).ok()?;
        u32::try_from((first * 200 + resolved) / (2 * resolved)).ok()
    }
}

pub fn complaint_stats(complaints: &[Complaint]) -> ComplaintStats {
    let mut by_cause: Vec<(ComplaintCause, usize)> = ComplaintCause::ALL
        .iter()
        .map(|&cause| (cause, 0))
        .collect();
    let mut by_month: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    let mut minutes_to_resolve: Vec<i64> = Vec::new();
    let mut stats = ComplaintStats {
        total: complaints.len(),
        ..ComplaintStats::default()
    };
    for c in complaints {
        if let Some(cause) = c.cause {
            if let Some(slot) = by_cause.iter_mut().find(|(known, _)| *known == cause) {
                slot.1 += 1;
            }
        }
        *by_month
            .entry((c.opened_at.year(), c.opened_at.month()))
            .or_insert(0) += 1;
        if let Some(resolved_at) = c.resolved_at {
            stats.resolved += 1;
            minutes_to_resolve.push((resolved_at - c.opened_at).num_minutes());
            if c.resolved_at_first_contact() {
                stats.resolved_first_contact += 1;
            }
        }
        if let (Some(score), ComplaintState::Resolved | ComplaintState::Closed) =
            (c.satisfaction, c.state)
        {
            stats.satisfaction_count += 1;
            stats.satisfaction_sum = stats.satisfaction_sum.saturating_add(u32::from(score));
        }
    }
    stats.by_cause = by_cause;
    stats.by_month = by_month
        .into_iter()
        .map(|((year, month), count)| (format!("{year:04}-{month:02}"), count))
        .collect();
    stats.median_minutes_to_resolve = median(&mut minutes_to_resolve);
    stats
}

fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    let middle = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => values.get(middle).copied(),
        _ => {
            let (low, high) = (*values.get(middle - 1)?, *values.get(middle)?);
            // i128 so two extreme values cannot overflow while averaging.
            i64::try_from((i128::from(low) + i128::from(high)) / 2).ok()
        }
    }
}
