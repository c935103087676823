//! Store operations only tests and the benchmark use: bulk seeding and lookups the
//! app never needs. Kept off the [`CrmStore`](super::CrmStore) port so the app
//! cannot come to depend on them; both adapters implement them so one test can run
//! against either.

use super::StoreError;
use crate::domain::customers::Customer;
use crate::domain::orders::Order;

/// Test-only operations of a store.
#[allow(async_fn_in_trait)]
pub trait StoreTestSupport {
    /// Writes many records at once, all or nothing (seeding a test database).
    async fn put_many(&self, customers: &[Customer], orders: &[Order]) -> Result<(), StoreError>;
    async fn count_customers(&self) -> Result<usize, StoreError>;
    async fn customers_in_country(&self, country: &str) -> Result<Vec<Customer>, StoreError>;
}
