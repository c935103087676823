//! The contact log and follow-ups.

use super::{customer_records, MemoryStore};
use crate::domain::contacts::{with_contact_logged, with_contact_unlogged, Contact, FollowUp};
use crate::domain::customers::{Customer, CustomerId};
use crate::storage::{ContactStore, StoreError};
use chrono::{DateTime, Utc};

impl ContactStore for MemoryStore {
    async fn contacts_for_customer(&self, id: &CustomerId) -> Result<Vec<Contact>, StoreError> {
        Ok(customer_records(&self.contacts, |c| &c.customer_id, id))
    }

    async fn log_contact(&self, contact: &Contact) -> Result<Customer, StoreError> {
        let mut customers = self.customers.borrow_mut();
        let stored = customers
            .get(&contact.customer_id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(contact.customer_id.clone()))?;
        let updated = with_contact_logged(stored, contact);
        customers.insert(updated.id.clone(), updated.clone());
        self.contacts
            .borrow_mut()
            .insert(contact.id.clone(), contact.clone());
        Ok(updated)
    }

    async fn remove_contact(
        &self,
        contact: &Contact,
        previous_last_contact: Option<DateTime<Utc>>,
    ) -> Result<Customer, StoreError> {
        let mut customers = self.customers.borrow_mut();
        let stored = customers
            .get(&contact.customer_id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(contact.customer_id.clone()))?;
        let updated = with_contact_unlogged(stored, contact, previous_last_contact);
        customers.insert(updated.id.clone(), updated.clone());
        self.contacts.borrow_mut().remove(&contact.id);
        Ok(updated)
    }

    async fn load_follow_ups(&self) -> Result<Vec<FollowUp>, StoreError> {
        Ok(self.follow_ups.borrow().values().cloned().collect())
    }

    async fn put_follow_up(&self, follow_up: &FollowUp) -> Result<(), StoreError> {
        self.follow_ups
            .borrow_mut()
            .insert(follow_up.id.clone(), follow_up.clone());
        Ok(())
    }
}
