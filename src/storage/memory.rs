//! In-memory [`CrmStore`] for tests and native tools. Same rules as IndexedDB.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::{next_revision, CrmStore, DeletedCustomer, LoadedCustomers, StoreError};
use crate::domain::customer::{Customer, CustomerId};
use crate::domain::order::Order;

#[derive(Debug, Default)]
pub struct MemoryStore {
    customers: RefCell<BTreeMap<CustomerId, Customer>>,
    orders: RefCell<BTreeMap<String, Order>>,
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
}
