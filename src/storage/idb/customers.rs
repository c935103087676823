//! Customers: the directory, revision-checked edits, deletion with undo, imports.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use wasm_bindgen::JsValue;

use super::codec::{parse_all, put_all, stored_record, to_js};
use super::facts::write_order_facts;
use super::list_views::{forget_customers, note_batches, note_customers};
use super::schema::{
    COMPLAINTS, COMPLAINT_DRAFTS, CONTACTS, CUSTOMERS, CUSTOMER_OWNED, CUSTOMER_SUMMARIES,
    FIRST_PAGE, FOLLOW_UPS, ORDERS,
};
use super::{records_of_customer, IdbStore};
use crate::domain::complaints::Complaint;
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::{Customer, CustomerId, CustomerSummary};
use crate::domain::orders::Order;
use crate::storage::{next_revision, CustomerStore, DeletedCustomer, LoadedCustomers, StoreError};

/// Customers read per page at start: IndexedDB hands a `getAll` over in one task
/// (100,000 customers held the page 6 s), and the page's JSON conversion is one
/// more. Pages of 5,000 measured 138 ms at worst, of 2,500 90–112 ms; 1,500 keep
/// each well under 100 ms. Each page is its own read, so a customer written
/// meanwhile by another tab is read once, before or after that write (the tab is
/// told of it).
const LOAD_PAGE: u32 = 1_500;

/// `customers` with their next revisions, each checked against the stored record
/// inside the caller's transaction (the one revision rule, [`next_revision`]).
async fn revision_checked(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    customers: &[Customer],
) -> Result<Vec<Customer>, StoreError> {
    let mut checked = Vec::with_capacity(customers.len());
    for customer in customers {
        let stored: Option<Customer> = stored_record(store, customer.id.as_str()).await?;
        checked.push(Customer {
            revision: next_revision(stored.as_ref(), customer)?,
            ..customer.clone()
        });
    }
    Ok(checked)
}

impl CustomerStore for IdbStore {
    async fn load_customers(&self) -> Result<LoadedCustomers, StoreError> {
        // Sized once: growing by doubling would hold the old and the new buffer
        // at once (tens of MB at 100,000 customers; wasm memory never shrinks).
        let count = {
            let tx = self.tx(&[CUSTOMERS], TransactionMode::Readonly)?;
            tx.object_store(CUSTOMERS)?.count().await?
        };
        let mut customers = Vec::with_capacity(count as usize);
        let mut unreadable = 0;
        let mut after: Option<JsValue> = None;
        loop {
            let tx = self.tx(&[CUSTOMERS], TransactionMode::Readonly)?;
            let store = tx.object_store(CUSTOMERS)?;
            let read = store.get_all::<JsValue>().with_limit(LOAD_PAGE);
            let values: Vec<JsValue> = match after.take() {
                None => read.primitive()?.await?,
                Some(key) => {
                    read.with_query::<JsValue, _>(KeyRange::LowerBound(key, true))
                        .primitive()?
                        .await?
                }
            }
            .collect::<Result<_, _>>()?;
            let full = values.len() == LOAD_PAGE as usize;
            // The key path is `id`, so the last record's `id` is where the next page starts.
            let last_key = values
                .last()
                .and_then(|v| js_sys::Reflect::get(v, &JsValue::from_str("id")).ok());
            let (page, bad) = parse_all(values.into_iter().map(Ok))?;
            customers.extend(page);
            unreadable += bad;
            match last_key {
                Some(key) if full => after = Some(key),
                _ => break,
            }
            crate::web::next_task().await;
        }
        Ok(LoadedCustomers {
            customers,
            unreadable,
        })
    }

    async fn first_customers(&self, limit: u32) -> Result<Option<Vec<Customer>>, StoreError> {
        self.first_page_customers(limit).await
    }

    async fn customer_summaries(&self) -> Result<Option<Vec<CustomerSummary>>, StoreError> {
        self.read_customer_summaries().await
    }

    async fn prepare_list_views(&self) -> Result<bool, StoreError> {
        self.prepare_list_views().await
    }

    async fn get_customer(&self, id: &CustomerId) -> Result<Option<Customer>, StoreError> {
        let tx = self.tx(&[CUSTOMERS], TransactionMode::Readonly)?;
        stored_record(&tx.object_store(CUSTOMERS)?, id.as_str()).await
    }

    async fn insert_customer(&self, customer: &Customer) -> Result<(), StoreError> {
        let tx = self.write_tx(&[CUSTOMERS, FIRST_PAGE, CUSTOMER_SUMMARIES])?;
        let store = tx.object_store(CUSTOMERS)?;
        let existing: Option<Customer> = stored_record(&store, customer.id.as_str()).await?;
        if existing.is_some() {
            return Err(StoreError::AlreadyExists(customer.id.clone()));
        }
        store.add(to_js(&customer)?).primitive()?;
        note_customers(&tx, std::slice::from_ref(customer)).await?;
        tx.mark(std::slice::from_ref(customer)).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn save_customer(&self, customer: &Customer) -> Result<Customer, StoreError> {
        let tx = self.write_tx(&[CUSTOMERS, FIRST_PAGE, CUSTOMER_SUMMARIES])?;
        let store = tx.object_store(CUSTOMERS)?;
        let stored: Option<Customer> = stored_record(&store, customer.id.as_str()).await?;
        let revision = next_revision(stored.as_ref(), customer)?;
        let saved = Customer {
            revision,
            ..customer.clone()
        };
        store.put(to_js(&saved)?).primitive()?;
        note_customers(&tx, std::slice::from_ref(&saved)).await?;
        tx.mark(std::slice::from_ref(&saved)).await?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn save_customer_with_follow_ups(
        &self,
        customer: &Customer,
        follow_ups: &[FollowUp],
    ) -> Result<Customer, StoreError> {
        let tx = self.write_tx(&[CUSTOMERS, FIRST_PAGE, CUSTOMER_SUMMARIES, FOLLOW_UPS])?;
        let store = tx.object_store(CUSTOMERS)?;
        let stored: Option<Customer> = stored_record(&store, customer.id.as_str()).await?;
        // A stale revision returns here: the transaction is dropped uncommitted.
        let revision = next_revision(stored.as_ref(), customer)?;
        let saved = Customer {
            revision,
            ..customer.clone()
        };
        store.put(to_js(&saved)?).primitive()?;
        note_customers(&tx, std::slice::from_ref(&saved)).await?;
        put_all(&tx.object_store(FOLLOW_UPS)?, follow_ups)?;
        tx.mark(std::slice::from_ref(&saved)).await?;
        tx.mark(follow_ups).await?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn delete_customer(&self, id: &CustomerId) -> Result<DeletedCustomer, StoreError> {
        let tx = self.write_tx(&CUSTOMER_OWNED)?;
        let customers = tx.object_store(CUSTOMERS)?;
        let customer: Option<Customer> = stored_record(&customers, id.as_str()).await?;
        let customer = customer.ok_or_else(|| StoreError::NotFound(id.clone()))?;
        let orders_store = tx.object_store(ORDERS)?;
        let complaints_store = tx.object_store(COMPLAINTS)?;
        let contacts_store = tx.object_store(CONTACTS)?;
        let follow_ups_store = tx.object_store(FOLLOW_UPS)?;
        let orders: Vec<Order> = records_of_customer(&orders_store, id).await?;
        let complaints: Vec<Complaint> = records_of_customer(&complaints_store, id).await?;
        let contacts: Vec<Contact> = records_of_customer(&contacts_store, id).await?;
        let follow_ups: Vec<FollowUp> = records_of_customer(&follow_ups_store, id).await?;
        for order in &orders {
            orders_store.delete(order.id.as_str()).build()?;
        }
        let removed: Vec<&str> = orders.iter().map(|o| o.id.as_str()).collect();
        write_order_facts(&tx, &[], &removed).await?;
        let drafts = tx.object_store(COMPLAINT_DRAFTS)?;
        for complaint in &complaints {
            complaints_store.delete(complaint.id.as_str()).build()?;
            // A draft of a deleted complaint would resurface nowhere; it goes too.
            drafts.delete(complaint.id.as_str()).build()?;
        }
        for contact in &contacts {
            contacts_store.delete(contact.id.as_str()).build()?;
        }
        for follow_up in &follow_ups {
            follow_ups_store.delete(follow_up.id.as_str()).build()?;
        }
        customers.delete(id.as_str()).build()?;
        forget_customers(&tx, &[id]).await?;
        let deleted = DeletedCustomer {
            customer,
            orders,
            complaints,
            contacts,
            follow_ups,
        };
        tx.mark_deleted(&deleted).await?;
        tx.commit().await?;
        Ok(deleted)
    }

    async fn undo_delete(&self, deleted: &DeletedCustomer) -> Result<(), StoreError> {
        let tx = self.write_tx(&CUSTOMER_OWNED)?;
        let customers = tx.object_store(CUSTOMERS)?;
        let existing: Option<Customer> =
            stored_record(&customers, deleted.customer.id.as_str()).await?;
        if existing.is_some() {
            return Err(StoreError::AlreadyExists(deleted.customer.id.clone()));
        }
        customers.add(to_js(&deleted.customer)?).primitive()?;
        note_customers(&tx, std::slice::from_ref(&deleted.customer)).await?;
        put_all(&tx.object_store(ORDERS)?, &deleted.orders)?;
        write_order_facts(&tx, &deleted.orders, &[]).await?;
        put_all(&tx.object_store(COMPLAINTS)?, &deleted.complaints)?;
        put_all(&tx.object_store(CONTACTS)?, &deleted.contacts)?;
        put_all(&tx.object_store(FOLLOW_UPS)?, &deleted.follow_ups)?;
        tx.mark_deleted(deleted).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn save_customers_with_follow_ups(
        &self,
        customers: &[Customer],
        follow_ups: &[FollowUp],
    ) -> Result<Vec<Customer>, StoreError> {
        let tx = self.write_tx(&[CUSTOMERS, FIRST_PAGE, CUSTOMER_SUMMARIES, FOLLOW_UPS])?;
        let store = tx.object_store(CUSTOMERS)?;
        // A stale revision returns here: the transaction is dropped uncommitted.
        let saved = revision_checked(&store, customers).await?;
        put_all(&store, &saved)?;
        note_customers(&tx, &saved).await?;
        put_all(&tx.object_store(FOLLOW_UPS)?, follow_ups)?;
        tx.mark(&saved).await?;
        tx.mark(follow_ups).await?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn import_customers(
        &self,
        create: &[Customer],
        merge: &[Customer],
    ) -> Result<Vec<Customer>, StoreError> {
        let tx = self.write_tx(&[CUSTOMERS, FIRST_PAGE, CUSTOMER_SUMMARIES])?;
        let store = tx.object_store(CUSTOMERS)?;
        let merged = revision_checked(&store, merge).await?;
        put_all(&store, &merged)?;
        for customer in create {
            // `add`: an id that exists meanwhile aborts the whole import.
            store.add(to_js(customer)?).primitive()?;
        }
        note_batches(&tx, &[&merged, create]).await?;
        tx.mark(&merged).await?;
        tx.mark(create).await?;
        tx.commit().await?;
        Ok(merged)
    }
}
