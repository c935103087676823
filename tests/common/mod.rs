//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use crm::domain::customer::{Customer, CustomerId, IndividualProfile, Profile};
use crm::domain::lifecycle::RelationshipStage;

/// Drives a future that never waits on anything external (the memory store).
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => panic!("memory store future suspended"),
    }
}

pub fn customer(id: &str) -> Customer {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    Customer {
        id: CustomerId(id.into()),
        name: format!("Customer {id}"),
        email: String::new(),
        phone: String::new(),
        messaging: String::new(),
        country: "ES".into(),
        language: String::new(),
        time_zone: String::new(),
        address: String::new(),
        tags: vec![],
        notes: String::new(),
        lead_source: None,
        profile: Profile::Individual(IndividualProfile::default()),
        stage: RelationshipStage::Potential,
        stage_history: vec![],
        created_at: at,
        updated_at: at,
        last_contact_at: None,
        revision: 0,
    }
}
