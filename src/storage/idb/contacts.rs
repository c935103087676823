//! The contact log and follow-ups.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use super::codec::{stored_record, to_js};
use super::schema::{CONTACTS, CUSTOMERS, FOLLOW_UPS};
use super::{records_of_customer, IdbStore};
use crate::domain::contacts::{with_contact_logged, with_contact_unlogged, Contact, FollowUp};
use crate::domain::customers::{Customer, CustomerId};
use crate::storage::{ContactStore, StoreError};
use chrono::{DateTime, Utc};

impl ContactStore for IdbStore {
    async fn contacts_for_customer(&self, id: &CustomerId) -> Result<Vec<Contact>, StoreError> {
        let tx = self.tx(&[CONTACTS], TransactionMode::Readonly)?;
        records_of_customer(&tx.object_store(CONTACTS)?, id).await
    }

    async fn log_contact(&self, contact: &Contact) -> Result<Customer, StoreError> {
        let tx = self.tx(&[CUSTOMERS, CONTACTS], TransactionMode::Readwrite)?;
        let customers = tx.object_store(CUSTOMERS)?;
        let stored: Option<Customer> =
            stored_record(&customers, contact.customer_id.as_str()).await?;
        let stored = stored.ok_or_else(|| StoreError::NotFound(contact.customer_id.clone()))?;
        let updated = with_contact_logged(stored, contact);
        customers.put(to_js(&updated)?).primitive()?;
        tx.object_store(CONTACTS)?
            .put(to_js(contact)?)
            .primitive()?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn remove_contact(
        &self,
        contact: &Contact,
        previous_last_contact: Option<DateTime<Utc>>,
    ) -> Result<Customer, StoreError> {
        let tx = self.tx(&[CUSTOMERS, CONTACTS], TransactionMode::Readwrite)?;
        let customers = tx.object_store(CUSTOMERS)?;
        let stored: Option<Customer> =
            stored_record(&customers, contact.customer_id.as_str()).await?;
        let stored = stored.ok_or_else(|| StoreError::NotFound(contact.customer_id.clone()))?;
        let updated = with_contact_unlogged(stored, contact, previous_last_contact);
        customers.put(to_js(&updated)?).primitive()?;
        tx.object_store(CONTACTS)?
            .delete(contact.id.as_str())
            .build()?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn load_follow_ups(&self) -> Result<Vec<FollowUp>, StoreError> {
        self.read_all(FOLLOW_UPS).await
    }

    async fn put_follow_up(&self, follow_up: &FollowUp) -> Result<(), StoreError> {
        self.write_all(FOLLOW_UPS, std::slice::from_ref(follow_up))
            .await
    }
}
