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
    fn customers_alone_are_the_customers_of_the_full_set() {
        let full = generate(300, DEMO_SEED, anchor());
        assert!(!full.orders.is_empty());
        assert_eq!(generate_customers(300, DEMO_SEED, anchor()), full.customers);
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

    /// Every demo order names a product and a quantity; every order on its way or
    /// delivered has a carrier, a tracking number in that carrier's shape and a
    /// promised date 7–20 days after the order. All of it fits the import's limits.
    #[test]
    fn demo_orders_have_the_details_a_reply_quotes() {
        use crate::domain::exchange::orders_import::{
            MAX_CARRIER_CHARS, MAX_PRODUCT_CHARS, MAX_TRACKING_CHARS,
        };
        use crate::domain::orders::OrderStatus;
        let data = generate(DEMO_CUSTOMERS, DEMO_SEED, anchor());
        let country: std::collections::HashMap<_, _> = data
            .customers
            .iter()
            .map(|c| (&c.id, c.country.as_str()))
            .collect();
        let mut carriers = HashSet::new();
        let mut tracking_numbers = HashSet::new();
        let mut shipped = 0;
        for order in &data.orders {
            let d = &order.details;
            assert!(PRODUCTS.contains(&d.product.as_str()), "{}", order.id);
            assert!(d.product.chars().count() <= MAX_PRODUCT_CHARS);
            assert!(matches!(d.quantity, Some(1..=3)), "{}", order.id);
            if matches!(order.status, OrderStatus::Shipped | OrderStatus::Delivered) {
                shipped += 1;
                assert!(!d.carrier.is_empty(), "{} has no carrier", order.id);
                assert!(
                    !d.tracking_number.is_empty(),
                    "{} has no tracking",
                    order.id
                );
                assert!(d.carrier.len() <= MAX_CARRIER_CHARS);
                assert!(d.tracking_number.len() <= MAX_TRACKING_CHARS);
                assert!(
                    d.tracking_number.bytes().all(|b| b.is_ascii_alphanumeric()),
                    "{}",
                    d.tracking_number
                );
                let days = d.promised_on.map(|p| (p - order.placed_on).num_days());
                assert!(matches!(days, Some(7..=20)), "{}: {days:?}", order.id);
                // A national post delivers in its own country only.
                let posts = [
                    ("USPS", "US"),
                    ("Royal Mail", "GB"),
                    ("Deutsche Post", "DE"),
                    ("La Poste", "FR"),
                    ("Japan Post", "JP"),
                ];
                if let Some((_, code)) = posts.iter().find(|(name, _)| *name == d.carrier) {
                    assert_eq!(country[&order.customer_id], *code, "{}", order.id);
                }
                carriers.insert(d.carrier.as_str());
                tracking_numbers.insert(d.tracking_number.as_str());
            } else {
                assert_eq!(
                    (
                        d.carrier.as_str(),
                        d.tracking_number.as_str(),
                        d.promised_on
                    ),
                    ("", "", None),
                    "{} was never shipped",
                    order.id
                );
            }
        }
        assert!(shipped > data.orders.len() / 2, "{shipped} shipped");
        assert_eq!(carriers.len(), 11, "{carriers:?}");
        // Tracking numbers are (almost) unique, as real ones are.
        assert!(
            tracking_numbers.len() + 5 > shipped,
            "{}",
            tracking_numbers.len()
        );
        let products: HashSet<_> = data.orders.iter().map(|o| &o.details.product).collect();
        assert_eq!(products.len(), PRODUCTS.len());
    }

    #[test]
    fn tracking_numbers_have_their_carriers_shape() {
        let mut rng = DemoRng::new(3);
        let shape = |carrier: &Carrier, rng: &mut DemoRng| tracking_number(rng, &carrier.tracking);
        let by_name = |name: &str| CARRIERS.iter().find(|c| c.name == name).unwrap();
        for _ in 0..50 {
            let dhl = shape(by_name("DHL"), &mut rng);
            assert!(
                dhl.len() == 10 && dhl.bytes().all(|b| b.is_ascii_digit()),
                "{dhl}"
            );
            let ups = shape(by_name("UPS"), &mut rng);
            assert!(ups.starts_with("1Z") && ups.len() == 18, "{ups}");
            let yun = shape(by_name("YunExpress"), &mut rng);
            assert!(yun.starts_with("YT") && yun.len() == 18, "{yun}");
            let px = shape(by_name("4PX"), &mut rng);
            assert!(
                px.starts_with("4PX") && px.ends_with("CN") && px.len() == 18,
                "{px}"
            );
            let usps = local_carrier("US").map(|c| shape(c, &mut rng)).unwrap();
            assert!(usps.starts_with("9400") && usps.len() == 22, "{usps}");
            let royal = local_carrier("GB").map(|c| shape(c, &mut rng)).unwrap();
            assert!(royal.starts_with("RR") && royal.ends_with("GB") && royal.len() == 13);
            // The ninth digit checks the eight before it.
            let serial: u32 = royal[2..10].parse().unwrap();
            let mut expected = String::new();
            push_s10_serial(&mut expected, serial);
            assert_eq!(&royal[2..11], expected, "{royal}");
        }
        // The UPU's own example, and both special cases of the check digit.
        let s10 = |serial| {
            let mut out = String::new();
            push_s10_serial(&mut out, serial);
            out
        };
        assert_eq!(s10(47_312_482), "473124829");
        assert_eq!(s10(12_345_678), "123456785");
        // Sum 0: 11 − 0 is written 5. Sum 56 (8 × 7): 11 − 1 is written 0.
        assert_eq!(s10(0), "000000005");
        assert_eq!(s10(8), "000000080");
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
