//! Orders: per customer, streamed in pages, imported in bulk.

use super::{customer_records, MemoryStore};
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::orders::{Order, OrderFacts};
use crate::storage::{OrderStore, StoreError};

impl OrderStore for MemoryStore {
    async fn orders_for_customer(&self, id: &CustomerId) -> Result<Vec<Order>, StoreError> {
        Ok(customer_records(&self.orders, |o| &o.customer_id, id))
    }

    async fn for_each_order_page(
        &self,
        page_size: u32,
        on_page: &mut dyn FnMut(Vec<Order>),
    ) -> Result<(), StoreError> {
        let all: Vec<Order> = self.orders.borrow().values().cloned().collect();
        for page in all.chunks(page_size.max(1) as usize) {
            on_page(page.to_vec());
        }
        Ok(())
    }

    /// The reference the IndexedDB adapter's stored facts are checked against:
    /// built from the order records every time.
    async fn load_order_facts(&self, progress: &dyn Fn(usize)) -> Result<OrderFacts, StoreError> {
        let mut facts = OrderFacts::default();
        let all: Vec<Order> = self.orders.borrow().values().cloned().collect();
        facts.push_orders(&all);
        progress(all.len());
        facts.group_by_customer();
        Ok(facts)
    }

    async fn import_orders(
        &self,
        new_customers: &[Customer],
        orders: &[Order],
        progress: &dyn Fn(usize, usize),
    ) -> Result<(), StoreError> {
        // Stage everything first, commit at the end: the same all-or-nothing
        // behaviour as the IndexedDB transaction.
        let mut staged_customers = self.customers.borrow().clone();
        let mut staged_orders = self.orders.borrow().clone();
        for c in new_customers {
            if staged_customers.contains_key(&c.id) {
                return Err(StoreError::AlreadyExists(c.id.clone()));
            }
            staged_customers.insert(c.id.clone(), c.clone());
        }
        for (done, order) in orders.iter().enumerate() {
            if self.fail_import_after.get() == Some(done) {
                return Err(StoreError::Backend("simulated crash during import".into()));
            }
            staged_orders.insert(order.id.clone(), order.clone());
            if (done + 1) % 1000 == 0 {
                progress(done + 1, orders.len());
            }
        }
        progress(orders.len(), orders.len());
        *self.customers.borrow_mut() = staged_customers;
        *self.orders.borrow_mut() = staged_orders;
        self.mark(new_customers);
        self.mark(orders);
        Ok(())
    }
}
