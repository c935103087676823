//! Helpers shared by the integration tests, and the storage contract suite
//! ([`contract`]) run against both adapters.
#![allow(dead_code)]

pub mod contract;
pub mod couch_double;

use chrono::{TimeZone, Utc};
use crm::domain::customers::{Customer, CustomerId};

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

/// A database name no other test run uses, so browser tests never share state.
#[cfg(target_arch = "wasm32")]
pub fn unique_db_name(test: &str) -> String {
    format!("crm-test-{test}-{}", uuid::Uuid::new_v4())
}

/// Opens (creating) the named test database; a test cannot go on without it.
#[cfg(target_arch = "wasm32")]
pub async fn open_db(name: &str) -> crm::storage::idb::IdbStore {
    match crm::storage::idb::IdbStore::open(name, || {}).await {
        Ok((store, _)) => store,
        Err(e) => panic!("open {name}: {e}"),
    }
}

/// A new, empty database for one test.
#[cfg(target_arch = "wasm32")]
pub async fn open_fresh_db(test: &str) -> crm::storage::idb::IdbStore {
    open_db(&unique_db_name(test)).await
}
