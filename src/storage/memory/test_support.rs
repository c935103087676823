//! Test-only operations (seeding, counting, the country index).

use super::MemoryStore;
use crate::domain::customers::Customer;
use crate::domain::orders::Order;
use crate::storage::test_support::StoreTestSupport;
use crate::storage::StoreError;

impl StoreTestSupport for MemoryStore {
    async fn put_many(&self, customers: &[Customer], orders: &[Order]) -> Result<(), StoreError> {
        let mut stored = self.customers.borrow_mut();
        for c in customers {
            stored.insert(c.id.clone(), c.clone());
        }
        let mut stored_orders = self.orders.borrow_mut();
        for o in orders {
            stored_orders.insert(o.id.clone(), o.clone());
        }
        Ok(())
    }

    async fn count_customers(&self) -> Result<usize, StoreError> {
        Ok(self.customers.borrow().len())
    }

    async fn customers_in_country(&self, country: &str) -> Result<Vec<Customer>, StoreError> {
        Ok(self
            .customers
            .borrow()
            .values()
            .filter(|c| c.country == country)
            .cloned()
            .collect())
    }
}
