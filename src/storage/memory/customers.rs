//! Customers: the directory, revision-checked edits, deletion with undo, imports.

use super::{take_customer_records, MemoryStore};
use crate::domain::contacts::FollowUp;
use crate::domain::customers::{fold_for_matching, Customer, CustomerId, CustomerSummary};
use crate::storage::{next_revision, CustomerStore, DeletedCustomer, LoadedCustomers, StoreError};

impl CustomerStore for MemoryStore {
    async fn load_customers(&self) -> Result<LoadedCustomers, StoreError> {
        Ok(LoadedCustomers {
            customers: self.customers.borrow().values().cloned().collect(),
            unreadable: 0,
        })
    }

    /// The reference: every customer sorted as the list sorts them.
    async fn first_customers(&self, limit: u32) -> Result<Option<Vec<Customer>>, StoreError> {
        let mut all: Vec<(String, Customer)> = self
            .customers
            .borrow()
            .values()
            .map(|c| (fold_for_matching(&c.name), c.clone()))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        Ok(Some(
            all.into_iter()
                .take(limit as usize)
                .map(|(_, c)| c)
                .collect(),
        ))
    }

    /// The reference: every customer's summary, made now.
    async fn customer_summaries(&self) -> Result<Option<Vec<CustomerSummary>>, StoreError> {
        Ok(Some(
            self.customers
                .borrow()
                .values()
                .map(CustomerSummary::of)
                .collect(),
        ))
    }

    async fn prepare_list_views(&self) -> Result<bool, StoreError> {
        Ok(false)
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
        self.mark(std::slice::from_ref(customer));
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
        self.mark(std::slice::from_ref(&stored));
        Ok(stored)
    }

    async fn save_customer_with_follow_ups(
        &self,
        customer: &Customer,
        follow_ups: &[FollowUp],
    ) -> Result<Customer, StoreError> {
        // The save checks the revision first; nothing is written when it refuses.
        let saved = self.save_customer(customer).await?;
        let mut stored = self.follow_ups.borrow_mut();
        for follow_up in follow_ups {
            stored.insert(follow_up.id.clone(), follow_up.clone());
        }
        self.mark(follow_ups);
        Ok(saved)
    }

    async fn delete_customer(&self, id: &CustomerId) -> Result<DeletedCustomer, StoreError> {
        let customer = self
            .customers
            .borrow_mut()
            .remove(id)
            .ok_or_else(|| StoreError::NotFound(id.clone()))?;
        let complaints = take_customer_records(&self.complaints, |c| &c.customer_id, id);
        let mut drafts = self.complaint_drafts.borrow_mut();
        for complaint in &complaints {
            drafts.remove(&complaint.id);
        }
        let deleted = DeletedCustomer {
            customer,
            orders: take_customer_records(&self.orders, |o| &o.customer_id, id),
            complaints,
            contacts: take_customer_records(&self.contacts, |c| &c.customer_id, id),
            follow_ups: take_customer_records(&self.follow_ups, |f| &f.customer_id, id),
        };
        self.mark_deleted(&deleted);
        Ok(deleted)
    }

    async fn undo_delete(&self, deleted: &DeletedCustomer) -> Result<(), StoreError> {
        self.insert_customer(&deleted.customer).await?;
        for order in &deleted.orders {
            self.orders
                .borrow_mut()
                .insert(order.id.clone(), order.clone());
        }
        for complaint in &deleted.complaints {
            self.complaints
                .borrow_mut()
                .insert(complaint.id.clone(), complaint.clone());
        }
        for contact in &deleted.contacts {
            self.contacts
                .borrow_mut()
                .insert(contact.id.clone(), contact.clone());
        }
        for follow_up in &deleted.follow_ups {
            self.follow_ups
                .borrow_mut()
                .insert(follow_up.id.clone(), follow_up.clone());
        }
        self.mark_deleted(deleted);
        Ok(())
    }

    async fn save_customers_with_follow_ups(
        &self,
        customers: &[Customer],
        follow_ups: &[FollowUp],
    ) -> Result<Vec<Customer>, StoreError> {
        // Every revision is checked before anything changes: all or nothing.
        let saved = self.import_customers(&[], customers).await?;
        let mut stored = self.follow_ups.borrow_mut();
        for follow_up in follow_ups {
            stored.insert(follow_up.id.clone(), follow_up.clone());
        }
        self.mark(follow_ups);
        Ok(saved)
    }

    async fn import_customers(
        &self,
        create: &[Customer],
        merge: &[Customer],
    ) -> Result<Vec<Customer>, StoreError> {
        // Check everything before changing anything: all or nothing.
        let mut staged = self.customers.borrow().clone();
        let mut merged = Vec::with_capacity(merge.len());
        for customer in merge {
            let revision = next_revision(staged.get(&customer.id), customer)?;
            let saved = Customer {
                revision,
                ..customer.clone()
            };
            staged.insert(saved.id.clone(), saved.clone());
            merged.push(saved);
        }
        for customer in create {
            if staged.contains_key(&customer.id) {
                return Err(StoreError::AlreadyExists(customer.id.clone()));
            }
            staged.insert(customer.id.clone(), customer.clone());
        }
        *self.customers.borrow_mut() = staged;
        self.mark(&merged);
        self.mark(create);
        Ok(merged)
    }
}
