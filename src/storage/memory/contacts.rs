//! The contact log and follow-ups.

use super::{customer_records, MemoryStore};
use crate::domain::contacts::{
    with_contact_logged, with_contact_unlogged, Contact, FollowUp, ReportReview, RevisitReport,
};
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
        self.mark(std::slice::from_ref(contact));
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
        self.mark(std::slice::from_ref(contact));
        Ok(updated)
    }

    async fn load_follow_ups(&self) -> Result<Vec<FollowUp>, StoreError> {
        Ok(self.follow_ups.borrow().values().cloned().collect())
    }

    async fn put_follow_up(&self, follow_up: &FollowUp) -> Result<(), StoreError> {
        self.follow_ups
            .borrow_mut()
            .insert(follow_up.id.clone(), follow_up.clone());
        self.mark(std::slice::from_ref(follow_up));
        Ok(())
    }

    async fn record_report(&self, report: &RevisitReport) -> Result<Customer, StoreError> {
        let customer_id = &report.contact.customer_id;
        let mut customers = self.customers.borrow_mut();
        let stored = customers
            .get(customer_id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(customer_id.clone()))?;
        let mut follow_ups = self.follow_ups.borrow_mut();
        // Checked before anything is written: all or nothing, as in IndexedDB.
        if !follow_ups
            .get(&report.done.id)
            .is_some_and(FollowUp::is_open)
        {
            return Err(StoreError::FollowUpNotOpen(report.done.id.clone()));
        }
        let updated = with_contact_logged(stored, &report.contact);
        customers.insert(updated.id.clone(), updated.clone());
        follow_ups.insert(report.done.id.clone(), report.done.clone());
        if let Some(next) = &report.next {
            follow_ups.insert(next.id.clone(), next.clone());
        }
        self.contacts
            .borrow_mut()
            .insert(report.contact.id.clone(), report.contact.clone());
        self.mark(std::slice::from_ref(&report.contact));
        self.mark(std::slice::from_ref(&report.done));
        self.mark(report.next.as_slice());
        Ok(updated)
    }

    async fn reports_since(&self, since: DateTime<Utc>) -> Result<Vec<Contact>, StoreError> {
        Ok(self
            .contacts
            .borrow()
            .values()
            .filter(|c| c.follow_up_id.is_some() && c.at >= since)
            .cloned()
            .collect())
    }

    async fn review_report(
        &self,
        contact_id: &str,
        review: &ReportReview,
    ) -> Result<Contact, StoreError> {
        let mut contacts = self.contacts.borrow_mut();
        let contact = contacts
            .get_mut(contact_id)
            .ok_or_else(|| StoreError::ContactNotFound(contact_id.to_owned()))?;
        contact.review = Some(review.clone());
        self.mark(std::slice::from_ref(&*contact));
        Ok(contact.clone())
    }
}
