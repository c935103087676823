//! In-memory [`CrmStore`] for tests and native tools. Same rules as IndexedDB.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::{next_revision, CrmStore, DeletedCustomer, LoadedCustomers, StoreError};
use crate::domain::customer::{Customer, CustomerId};
use crate::domain::order::{CostEntry, Order};
use crate::domain::tiering::TierChange;

#[derive(Debug, Default)]
pub struct MemoryStore {
    customers: RefCell<BTreeMap<CustomerId, Customer>>,
    orders: RefCell<BTreeMap<String, Order>>,
    costs: RefCell<BTreeMap<String, CostEntry>>,
    tier_changes: RefCell<BTreeMap<String, TierChange>>,
    settings: RefCell<BTreeMap<String, String>>,
    /// Test hook: fail the next import after this many orders, as a crash would.
    pub fail_import_after: std::cell::Cell<Option<usize>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl CrmStore for MemoryStore {
    async fn load_customers(&self) -> Result<LoadedCustomers, StoreError> {
        Ok(LoadedCustomers {
            customers: self.customers.borrow().values().cloned().collect(),
            unreadable: 0,
        })
    }

    async fn get_customer(&self, id: &CustomerId) -> Result<Option<Customer>, StoreError> {
        Ok(self.customers.borrow().get(id).cloned())
    }

    async fn insert_customer(&self, customer: &Customer) -> Result<(), StoreError> {
        let mut customers = self.customers.borrow_mut();
        if customers.contains_key(&customer.id) {
            return Err(StoreError::AlreadyExists(customer.id.clone()));
        }
        customers.insert(customer.id.clone(), customer.clone());
        Ok(())
    }

    async fn save_customer(&self, customer: &Customer) -> Result<Customer, StoreError> {
        let mut customers = self.customers.borrow_mut();
        let revision = next_revision(customers.get(&customer.id), customer)?;
        let stored = Customer {
            revision,
            ..customer.clone()
        };
        customers.insert(stored.id.clone(), stored.clone());
        Ok(stored)
    }

    async fn delete_customer(&self, id: &CustomerId) -> Result<DeletedCustomer, StoreError> {
        let customer = self
            .customers
            .borrow_mut()
            .remove(id)
            .ok_or_else(|| StoreError::NotFound(id.clone()))?;
        let mut orders = self.orders.borrow_mut();
        let keys: Vec<String> = orders
            .values()
            .filter(|o| &o.customer_id == id)
            .map(|o| o.id.clone())
            .collect();
        let removed = keys.iter().filter_map(|k| orders.remove(k)).collect();
        Ok(DeletedCustomer {
            customer,
            orders: removed,
        })
    }

    async fn undo_delete(&self, deleted: &DeletedCustomer) -> Result<(), StoreError> {
        self.insert_customer(&deleted.customer).await?;
        let mut orders = self.orders.borrow_mut();
        for order in &deleted.orders {
            orders.insert(order.id.clone(), order.clone());
        }
        Ok(())
    }

    async fn orders_for_customer(&self, id: &CustomerId) -> Result<Vec<Order>, StoreError> {
        Ok(self
            .orders
            .borrow()
            .values()
            .filter(|o| &o.customer_id == id)
            .cloned()
            .collect())
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

    async fn load_costs(&self) -> Result<Vec<CostEntry>, StoreError> {
        Ok(self.costs.borrow().values().cloned().collect())
    }

    async fn put_costs(&self, costs: &[CostEntry]) -> Result<(), StoreError> {
        let mut stored = self.costs.borrow_mut();
        for c in costs {
            stored.insert(c.id.clone(), c.clone());
        }
        Ok(())
    }

    async fn load_tier_changes(&self) -> Result<Vec<TierChange>, StoreError> {
        Ok(self.tier_changes.borrow().values().cloned().collect())
    }

    async fn put_tier_changes(&self, changes: &[TierChange]) -> Result<(), StoreError> {
        let mut stored = self.tier_changes.borrow_mut();
        for c in changes {
            stored.insert(c.id.clone(), c.clone());
        }
        Ok(())
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
        Ok(())
    }

    async fn load_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.settings.borrow().get(key).cloned())
    }

    async fn save_setting(&self, key: &str, json: &str) -> Result<(), StoreError> {
        self.settings
            .borrow_mut()
            .insert(key.to_owned(), json.to_owned());
        Ok(())
    }
}
