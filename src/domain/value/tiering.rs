//! Tier movements between periods and what each tier is owed (tiered care).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::customers::{Customer, CustomerId};
use crate::domain::value::{RankBy, ValueTier};

/// A recorded promotion or demotion (or first placement, when `from` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierChange {
    pub id: String,
    pub customer_id: CustomerId,
    pub at: DateTime<Utc>,
    /// The analysed period, e.g. "2025-12-01 – 2026-11-30".
    pub period: String,
    pub from: Option<ValueTier>,
    pub to: ValueTier,
    /// 1-based rank in that period's ranking.
    pub rank: u32,
    pub rank_by: RankBy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    FirstPlacement,
    Promotion,
    Demotion,
}

impl TierChange {
    pub fn movement(&self) -> Movement {
        match self.from {
            None => Movement::FirstPlacement,
            // Vip < Major < Ordinary < Small in declaration order: smaller is better.
            Some(from) if self.to < from => Movement::Promotion,
            Some(_) => Movement::Demotion,
        }
    }
}

/// The tier each customer was last recorded in.
pub fn latest_tiers(changes: &[TierChange]) -> HashMap<CustomerId, ValueTier> {
    let mut latest: HashMap<CustomerId, (DateTime<Utc>, ValueTier)> = HashMap::new();
    for change in changes {
        let entry = latest
            .entry(change.customer_id.clone())
            .or_insert((change.at, change.to));
        if change.at >= entry.0 {
            *entry = (change.at, change.to);
        }
    }
    latest
        .into_iter()
        .map(|(id, (_, tier))| (id, tier))
        .collect()
}

/// The changes to record for a new ranking: one per customer whose tier differs
/// from the last recorded one (or who was never placed).
pub fn plan_tier_changes(
    recorded: &HashMap<CustomerId, ValueTier>,
    ranked: &[(CustomerId, ValueTier, u32)],
    period: &str,
    rank_by: RankBy,
    at: DateTime<Utc>,
) -> Vec<TierChange> {
    ranked
        .iter()
        .filter(|(id, tier, _)| recorded.get(id) != Some(tier))
        .map(|(id, tier, rank)| TierChange {
            id: format!("{}@{}", id, at.timestamp_millis()),
            customer_id: id.clone(),
            at,
            period: period.to_owned(),
            from: recorded.get(id).copied(),
            to: *tier,
            rank: *rank,
            rank_by,
        })
        .collect()
}

/// How often each tier should hear from us (planned contact cadence); `None` means
/// no planned contact (cut cost to serve; react when they write).
pub fn contact_interval(tier: ValueTier) -> Option<Duration> {
    match tier {
        ValueTier::Vip => Some(Duration::days(30)),
        ValueTier::Major => Some(Duration::days(60)),
        ValueTier::Ordinary => Some(Duration::days(120)),
        ValueTier::Small => None,
    }
}

/// Whether the customer is due for the planned contact their tier gets.
pub fn is_due_for_care(customer: &Customer, tier: ValueTier, now: DateTime<Utc>) -> bool {
    match (contact_interval(tier), customer.last_contact_at) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(interval), Some(last)) => now - last >= interval,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
    }

    fn id(s: &str) -> CustomerId {
        CustomerId(s.into())
    }

    #[test]
    fn only_customers_whose_tier_changed_get_a_record() {
        let recorded = HashMap::from([(id("a"), ValueTier::Major), (id("b"), ValueTier::Small)]);
        let ranked = vec![
            (id("a"), ValueTier::Vip, 1),
            (id("b"), ValueTier::Small, 3),
            (id("c"), ValueTier::Major, 2),
        ];
        let changes = plan_tier_changes(&recorded, &ranked, "2026", RankBy::Profit, at(1));
        let summary: Vec<_> = changes
            .iter()
            .map(|c| (c.customer_id.as_str().to_owned(), c.movement()))
            .collect();
        assert_eq!(
            summary,
            [
                ("a".to_owned(), Movement::Promotion),
                ("c".to_owned(), Movement::FirstPlacement)
            ]
        );
        assert_eq!(changes[0].from, Some(ValueTier::Major));
        assert_eq!(changes[0].rank, 1);
    }

    #[test]
    fn demotion_is_recognised() {
        let recorded = HashMap::from([(id("a"), ValueTier::Vip)]);
        let changes = plan_tier_changes(
            &recorded,
            &[(id("a"), ValueTier::Ordinary, 40)],
            "p",
            RankBy::Revenue,
            at(2),
        );
        assert_eq!(changes[0].movement(), Movement::Demotion);
    }

    #[test]
    fn latest_tier_wins_regardless_of_input_order() {
        let mk = |day, to| TierChange {
            id: format!("x{day}"),
            customer_id: id("a"),
            at: at(day),
            period: String::new(),
            from: None,
            to,
            rank: 1,
            rank_by: RankBy::Profit,
        };
        let changes = vec![
            mk(5, ValueTier::Vip),
            mk(1, ValueTier::Small),
            mk(3, ValueTier::Major),
        ];
        assert_eq!(latest_tiers(&changes).get(&id("a")), Some(&ValueTier::Vip));
    }

    #[test]
    fn care_cadence_boundaries_are_30_60_120_days() {
        let mut c = crate::domain::customers::Customer::minimal(id("c"), "Ana", "ES", at(1));
        let now = at(20);
        for (tier, days) in [
            (ValueTier::Vip, 30),
            (ValueTier::Major, 60),
            (ValueTier::Ordinary, 120),
        ] {
            assert_eq!(contact_interval(tier), Some(Duration::days(days)));
            c.last_contact_at = Some(now - Duration::days(days));
            assert!(
                is_due_for_care(&c, tier, now),
                "{tier:?}: due after exactly {days} days"
            );
            c.last_contact_at = Some(now - Duration::days(days) + Duration::seconds(1));
            assert!(
                !is_due_for_care(&c, tier, now),
                "{tier:?}: not due a second earlier"
            );
        }
        c.last_contact_at = None;
        assert_eq!(contact_interval(ValueTier::Small), None);
        assert!(!is_due_for_care(&c, ValueTier::Small, now));
    }

    #[test]
    fn care_is_due_by_tier_cadence() {
        let mut c = crate::domain::demo::generate(
            1,
            3,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        )
        .customers
        .remove(0);
        c.last_contact_at = Some(at(20) - Duration::days(45));
        assert!(is_due_for_care(&c, ValueTier::Vip, at(20)), "VIP: 30 days");
        assert!(
            !is_due_for_care(&c, ValueTier::Major, at(20)),
            "Major: 60 days"
        );
        assert!(
            !is_due_for_care(&c, ValueTier::Small, at(20)),
            "Small: no planned contact"
        );
        c.last_contact_at = None;
        assert!(
            is_due_for_care(&c, ValueTier::Ordinary, at(20)),
            "never contacted"
        );
    }
}
