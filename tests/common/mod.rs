//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use crm::domain::customer::{Customer, CustomerId};

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
    Customer::minimal(CustomerId(id.into()), &format!("Customer {id}"), "ES", at)
}
