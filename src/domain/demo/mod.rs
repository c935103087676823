//! A deterministic, realistic demo data set: the same seed and anchor date always
//! give the same customers and orders, so demos, screenshots and tests agree.
//!
//! `generator` makes the customers and orders from the country and word `tables`;
//! `service_records` adds the complaints, contacts and follow-ups a service screen
//! shows. Both draw from `DemoRng`, so the order of the draws is part of the output.

mod generator;
mod service_records;
mod tables;

pub use generator::*;
pub use service_records::*;
use tables::*;

/// SplitMix64: tiny, fast and good enough for sample data; no dependency needed.
pub struct DemoRng(u64);

impl DemoRng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    use crate::domain::customers::RelationshipStage;

    use std::collections::HashSet;

    fn anchor() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    }

    #[test]
    fn same_seed_same_data() {
        let a = generate(50, 7, anchor());
        let b = generate(50, 7, anchor());
        assert_eq!(a.customers, b.customers);
        assert_eq!(a.orders, b.orders);
        let c = generate(50, 8, anchor());
        assert_ne!(a.customers, c.customers);
    }

    #[test]
    fn demo_set_is_big_and_varied_enough() {
        let data = generate(DEMO_CUSTOMERS, DEMO_SEED, anchor());
        assert!(data.customers.len() >= 500);
        let countries: HashSet<_> = data.customers.iter().map(|c| c.country.as_str()).collect();
        assert!(countries.len() >= 15, "{} countries", countries.len());
        let companies = data
            .customers
            .iter()
            .filter(|c| c.kind() == crate::domain::customers::CustomerKind::Company)
            .count();
        assert!(
            companies > 50 && companies < data.customers.len() - 50,
            "{companies} companies"
        );
        let ids: HashSet<_> = data.customers.iter().map(|c| &c.id).collect();
        assert_eq!(ids.len(), data.customers.len(), "ids are unique");
        let order_ids: HashSet<_> = data.orders.iter().map(|o| &o.id).collect();
        assert_eq!(order_ids.len(), data.orders.len(), "order ids are unique");
        let first = data.orders.iter().map(|o| o.placed_on).min().unwrap();
        let last = data.orders.iter().map(|o| o.placed_on).max().unwrap();
        assert!(
            (last - first).num_days() > 600,
            "orders span {} days",
            (last - first).num_days()
        );
        assert!(last <= anchor());
        for stage in RelationshipStage::ALL {
            assert!(
                data.customers.iter().any(|c| c.stage == stage),
                "no {stage:?} customer"
            );
        }
    }

    #[test]
    fn demo_records_pass_the_form_validation() {
        use crate::domain::customers::{validate_draft, CustomerDraft};
        let data = generate(200, DEMO_SEED, anchor());
        let zones = |z: &str| z.contains('/');
        let now = at_noon(anchor());
        for c in &data.customers {
            let draft = CustomerDraft::from_customer(c);
            let result = validate_draft(&draft, Some(c), now, &zones);
            assert!(result.is_ok(), "{}: {:?}", c.name, result.err());
        }
    }

    #[test]
    fn stage_history_ends_at_the_current_stage() {
        let data = generate(300, DEMO_SEED, anchor());
        for c in &data.customers {
            if let Some(last) = c.stage_history.last() {
                assert_eq!(last.to, c.stage, "{}", c.name);
                for change in &c.stage_history {
                    assert!(change.from.can_move_to(change.to), "{change:?}");
                }
            }
        }
    }
}
