//! The contact log and follow-ups.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use super::codec::{stored_record, to_js};
use super::list_views::note_customers;
use super::schema::{CONTACTS, CUSTOMERS, CUSTOMER_SUMMARIES, FIRST_PAGE, FOLLOW_UPS};
use super::{records_of_customer, IdbStore};
use crate::domain::contacts::{
    with_contact_logged, with_contact_unlogged, Contact, FollowUp, ReportReview, RevisitReport,
};
use crate::domain::customers::{Customer, CustomerId};
use crate::storage::{ContactStore, StoreError};
use chrono::{DateTime, Utc};

impl ContactStore for IdbStore {
    async fn contacts_for_customer(&self, id: &CustomerId) -> Result<Vec<Contact>, StoreError> {
        let tx = self.tx(&[CONTACTS], TransactionMode::Readonly)?;
        records_of_customer(&tx.object_store(CONTACTS)?, id).await
    }

    async fn log_contact(&self, contact: &Contact) -> Result<Customer, StoreError> {
        let tx = self.write_tx(&[CUSTOMERS, FIRST_PAGE, CUSTOMER_SUMMARIES, CONTACTS])?;
        let customers = tx.object_store(CUSTOMERS)?;
        let stored: Option<Customer> =
            stored_record(&customers, contact.customer_id.as_str()).await?;
        let stored = stored.ok_or_else(|| StoreError::NotFound(contact.customer_id.clone()))?;
        let updated = with_contact_logged(stored, contact);
        customers.put(to_js(&updated)?).primitive()?;
        // The list shows the last contact: the summary follows it.
        note_customers(&tx, std::slice::from_ref(&updated)).await?;
        tx.object_store(CONTACTS)?
            .put(to_js(contact)?)
            .primitive()?;
        tx.mark(std::slice::from_ref(contact)).await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn remove_contact(
        &self,
        contact: &Contact,
        previous_last_contact: Option<DateTime<Utc>>,
    ) -> Result<Customer, StoreError> {
        let tx = self.write_tx(&[CUSTOMERS, FIRST_PAGE, CUSTOMER_SUMMARIES, CONTACTS])?;
        let customers = tx.object_store(CUSTOMERS)?;
        let stored: Option<Customer> =
            stored_record(&customers, contact.customer_id.as_str()).await?;
        let stored = stored.ok_or_else(|| StoreError::NotFound(contact.customer_id.clone()))?;
        let updated = with_contact_unlogged(stored, contact, previous_last_contact);
        customers.put(to_js(&updated)?).primitive()?;
        // The list shows the last contact: the summary follows it.
        note_customers(&tx, std::slice::from_ref(&updated)).await?;
        tx.object_store(CONTACTS)?
            .delete(contact.id.as_str())
            .build()?;
        tx.mark(std::slice::from_ref(contact)).await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn load_follow_ups(&self) -> Result<Vec<FollowUp>, StoreError> {
        self.read_all(FOLLOW_UPS).await
    }

    async fn put_follow_up(&self, follow_up: &FollowUp) -> Result<(), StoreError> {
        self.write_replicated(FOLLOW_UPS, std::slice::from_ref(follow_up))
            .await
    }

    async fn record_report(&self, report: &RevisitReport) -> Result<Customer, StoreError> {
        let tx = self.write_tx(&[
            CUSTOMERS,
            FIRST_PAGE,
            CUSTOMER_SUMMARIES,
            CONTACTS,
            FOLLOW_UPS,
        ])?;
        let customers = tx.object_store(CUSTOMERS)?;
        let follow_ups = tx.object_store(FOLLOW_UPS)?;
        let customer_id = &report.contact.customer_id;
        // Both checks read before anything is written, so a refusal writes nothing.
        let stored: Option<Customer> = stored_record(&customers, customer_id.as_str()).await?;
        let stored = stored.ok_or_else(|| StoreError::NotFound(customer_id.clone()))?;
        let planned: Option<FollowUp> = stored_record(&follow_ups, report.done.id.as_str()).await?;
        if !planned.as_ref().is_some_and(FollowUp::is_open) {
            return Err(StoreError::FollowUpNotOpen(report.done.id.clone()));
        }
        let updated = with_contact_logged(stored, &report.contact);
        customers.put(to_js(&updated)?).primitive()?;
        // The list shows the last contact: the summary follows it.
        note_customers(&tx, std::slice::from_ref(&updated)).await?;
        follow_ups.put(to_js(&report.done)?).primitive()?;
        if let Some(next) = &report.next {
            follow_ups.put(to_js(next)?).primitive()?;
        }
        tx.object_store(CONTACTS)?
            .put(to_js(&report.contact)?)
            .primitive()?;
        tx.mark(std::slice::from_ref(&report.contact)).await?;
        tx.mark(std::slice::from_ref(&report.done)).await?;
        tx.mark(report.next.as_slice()).await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn reports_since(&self, since: DateTime<Utc>) -> Result<Vec<Contact>, StoreError> {
        // Reports are few next to the whole log and need no index of their own
        // (no schema change): one read of the store, filtered here.
        let all: Vec<Contact> = self.read_all(CONTACTS).await?;
        Ok(all
            .into_iter()
            .filter(|c| c.follow_up_id.is_some() && c.at >= since)
            .collect())
    }

    async fn review_report(
        &self,
        contact_id: &str,
        review: &ReportReview,
    ) -> Result<Contact, StoreError> {
        let tx = self.write_tx(&[CONTACTS])?;
        let contacts = tx.object_store(CONTACTS)?;
        let stored: Option<Contact> = stored_record(&contacts, contact_id).await?;
        let mut contact =
            stored.ok_or_else(|| StoreError::ContactNotFound(contact_id.to_owned()))?;
        contact.review = Some(review.clone());
        contacts.put(to_js(&contact)?).primitive()?;
        tx.mark(std::slice::from_ref(&contact)).await?;
        tx.commit().await?;
        Ok(contact)
    }
}
