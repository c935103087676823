//! Team sync's document states (`sync_docs`), its small values (`sync_state`:
//! checkpoints) and the records as replication reads and writes them, in
//! IndexedDB. The rules are the domain's (`domain::sync::doc_state`); this file
//! only keeps each batch in one transaction with the records it concerns.

use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::codec::{js_error, keys_and_values, put_json_text, stored_record, to_js};
use super::facts::write_order_facts;
use super::list_views::{forget_customers, note_customers};
use super::schema::{
    COMPLAINTS, CONTACTS, COSTS, CUSTOMERS, CUSTOMER_SUMMARIES, FIRST_PAGE, FOLLOW_UPS, ORDERS,
    ORDER_FACTS, SETTINGS, SYNC_DOCS, SYNC_OUTBOX, SYNC_STATE, TIER_CHANGES,
};
use super::sync_outbox::{acknowledge_in, REPLICATED_STORES};
use super::{records_of_customer, IdbStore};
use crate::domain::contacts::Contact;
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::exchange::backup::SettingRecord;
use crate::domain::orders::Order;
use crate::domain::sync::doc_state::{Apply, DocState};
use crate::domain::sync::docs::{parse_doc_id, record_data, DocKind, Record};
use crate::domain::sync::outbox::OutboxEntry;
use crate::domain::sync::records::{record_to_apply, with_latest_contact};
use crate::storage::{Pulled, StoreError, SyncDocStore};

fn corrupt(error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(error.to_string())
}

fn store_of(kind: DocKind) -> &'static str {
    REPLICATED_STORES
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or(CUSTOMERS, |(store, _)| store)
}

/// A JSON text stored under `key` by [`put_json_text`], parsed; junk is an
/// error naming the key.
async fn json_text<T: DeserializeOwned>(
    store: &ObjectStore<'_>,
    key: &str,
) -> Result<Option<T>, StoreError> {
    let Some(value) = store.get::<JsValue, _, _>(key).primitive()?.await? else {
        return Ok(None);
    };
    let text = value
        .as_string()
        .ok_or_else(|| corrupt(format!("sync value {key:?} is not a JSON text")))?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| corrupt(format!("sync value {key:?}: {e}")))
}

/// The record stored under `doc_id`, typed, read in the caller's transaction.
async fn read_record(tx: &Transaction<'_>, doc_id: &str) -> Result<Option<Record>, StoreError> {
    let (kind, id) = parse_doc_id(doc_id).map_err(corrupt)?;
    let store = tx.object_store(store_of(kind))?;
    Ok(match kind {
        DocKind::Customer => stored_record(&store, id).await?.map(Record::Customer),
        DocKind::Order => stored_record(&store, id).await?.map(Record::Order),
        DocKind::Cost => stored_record(&store, id).await?.map(Record::Cost),
        DocKind::TierChange => stored_record(&store, id).await?.map(Record::TierChange),
        DocKind::Complaint => stored_record(&store, id).await?.map(Record::Complaint),
        DocKind::Contact => stored_record(&store, id).await?.map(Record::Contact),
        DocKind::FollowUp => stored_record(&store, id).await?.map(Record::FollowUp),
        DocKind::Setting => stored_record::<SettingRecord>(&store, id)
            .await?
            .map(Record::Setting),
    })
}

/// Puts `record` into its store in the caller's transaction.
fn put_record(tx: &Transaction<'_>, record: &Record) -> Result<(), StoreError> {
    let (store, value) = match record {
        Record::Customer(r) => (CUSTOMERS, to_js(r)?),
        Record::Order(r) => (ORDERS, to_js(r)?),
        Record::Cost(r) => (COSTS, to_js(r)?),
        Record::TierChange(r) => (TIER_CHANGES, to_js(r)?),
        Record::Complaint(r) => (COMPLAINTS, to_js(r)?),
        Record::Contact(r) => (CONTACTS, to_js(r)?),
        Record::FollowUp(r) => (FOLLOW_UPS, to_js(r)?),
        Record::Setting(r) => (SETTINGS, to_js(r)?),
    };
    tx.object_store(store)?.put(value).primitive()?;
    Ok(())
}

impl SyncDocStore for IdbStore {
    async fn doc_states(&self, doc_ids: &[String]) -> Result<Vec<Option<DocState>>, StoreError> {
        let tx = self.tx(&[SYNC_DOCS], TransactionMode::Readonly)?;
        let store = tx.object_store(SYNC_DOCS)?;
        let mut states = Vec::with_capacity(doc_ids.len());
        for id in doc_ids {
            states.push(json_text(&store, id).await?);
        }
        Ok(states)
    }

    async fn replicated_data(&self, doc_ids: &[String]) -> Result<Vec<Option<Value>>, StoreError> {
        let stores: Vec<&str> = REPLICATED_STORES.iter().map(|(s, _)| *s).collect();
        let tx = self.tx(&stores, TransactionMode::Readonly)?;
        let mut data = Vec::with_capacity(doc_ids.len());
        for id in doc_ids {
            let record = read_record(&tx, id).await?;
            data.push(
                record
                    .map(|r| record_data(&r).map_err(corrupt))
                    .transpose()?,
            );
        }
        Ok(data)
    }

    async fn save_pushed(
        &self,
        states: &[(String, DocState)],
        pushed: &[OutboxEntry],
    ) -> Result<(), StoreError> {
        let tx = self.tx(&[SYNC_DOCS, SYNC_OUTBOX], TransactionMode::Readwrite)?;
        let docs = tx.object_store(SYNC_DOCS)?;
        for (id, state) in states {
            put_json_text(&docs, &JsValue::from_str(id), state)?;
        }
        acknowledge_in(&tx.object_store(SYNC_OUTBOX)?, pushed).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn apply_pulled(&self, pulled: &[Pulled]) -> Result<Vec<String>, StoreError> {
        let mut scope: Vec<&str> = REPLICATED_STORES.iter().map(|(s, _)| *s).collect();
        scope.extend([
            FIRST_PAGE,
            CUSTOMER_SUMMARIES,
            ORDER_FACTS,
            SYNC_DOCS,
            SYNC_OUTBOX,
        ]);
        // No marks: what arrives from the team is not pushed back.
        let tx = self.tx(&scope, TransactionMode::Readwrite)?;
        let outbox = tx.object_store(SYNC_OUTBOX)?;
        let docs = tx.object_store(SYNC_DOCS)?;
        let mut changed = Vec::new();
        let (mut customers_put, mut customers_gone): (Vec<Customer>, Vec<CustomerId>) =
            (Vec::new(), Vec::new());
        let (mut orders_put, mut orders_gone): (Vec<Order>, Vec<String>) = (Vec::new(), Vec::new());
        let mut contacted: Vec<CustomerId> = Vec::new();
        for p in pulled {
            let pending = outbox
                .get::<JsValue, _, _>(p.doc_id.as_str())
                .primitive()?
                .await?
                .is_some();
            let state = match (&p.received.apply, pending) {
                (Some((apply, applied)), false) => {
                    let (kind, id) = parse_doc_id(&p.doc_id).map_err(corrupt)?;
                    match apply {
                        Apply::Put(data) => {
                            let local = read_record(&tx, &p.doc_id).await?;
                            let record = record_to_apply(&p.doc_id, data.clone(), local.as_ref())
                                .map_err(corrupt)?;
                            put_record(&tx, &record)?;
                            match record {
                                Record::Customer(c) => customers_put.push(c),
                                Record::Order(o) => orders_put.push(o),
                                Record::Contact(c) => contacted.push(c.customer_id),
                                _ => {}
                            }
                        }
                        Apply::Delete => {
                            tx.object_store(store_of(kind))?
                                .as_sys()
                                .delete(&JsValue::from_str(id))
                                .map_err(js_error)?;
                            match kind {
                                DocKind::Customer => customers_gone.push(CustomerId(id.to_owned())),
                                DocKind::Order => orders_gone.push(id.to_owned()),
                                _ => {}
                            }
                        }
                    }
                    changed.push(p.doc_id.clone());
                    applied
                }
                _ => &p.received.merged,
            };
            put_json_text(&docs, &JsValue::from_str(&p.doc_id), state)?;
        }
        // Each replica derives the last contact from the contacts it holds
        // (it is not replicated): a teammate's contact, or a customer arriving
        // after its contacts, moves it forward here.
        contacted.extend(customers_put.iter().map(|c| c.id.clone()));
        contacted.sort();
        contacted.dedup();
        let customers = tx.object_store(CUSTOMERS)?;
        let contacts = tx.object_store(CONTACTS)?;
        for id in &contacted {
            let Some(customer) = stored_record::<Customer>(&customers, id.as_str()).await? else {
                continue;
            };
            let held: Vec<Contact> = records_of_customer(&contacts, id).await?;
            if let Some(updated) = with_latest_contact(customer, &held) {
                customers.put(to_js(&updated)?).primitive()?;
                customers_put.retain(|c| &c.id != id);
                customers_put.push(updated);
            }
        }
        // The list's views and the order facts follow the records, in the same
        // transaction, as for every other write.
        note_customers(&tx, &customers_put).await?;
        let gone: Vec<&CustomerId> = customers_gone.iter().collect();
        forget_customers(&tx, &gone).await?;
        let removed: Vec<&str> = orders_gone.iter().map(String::as_str).collect();
        write_order_facts(&tx, &orders_put, &removed).await?;
        tx.commit().await?;
        Ok(changed)
    }

    async fn conflicted_docs(&self) -> Result<Vec<(String, DocState)>, StoreError> {
        let tx = self.tx(&[SYNC_DOCS], TransactionMode::Readonly)?;
        let store = tx.object_store(SYNC_DOCS)?;
        let mut open = Vec::new();
        for (key, value) in keys_and_values(&store).await? {
            let (Some(id), Some(text)) = (key.as_string(), value.as_string()) else {
                return Err(corrupt("a sync state is not a document id and a JSON text"));
            };
            let state: DocState = serde_json::from_str(&text)
                .map_err(|e| corrupt(format!("sync state {id:?}: {e}")))?;
            if !state.losers.is_empty() {
                open.push((id, state));
            }
        }
        Ok(open)
    }

    async fn sync_value(&self, key: &str) -> Result<Option<Value>, StoreError> {
        let tx = self.tx(&[SYNC_STATE], TransactionMode::Readonly)?;
        json_text(&tx.object_store(SYNC_STATE)?, key).await
    }

    async fn save_sync_value(&self, key: &str, value: &Value) -> Result<(), StoreError> {
        let tx = self.tx(&[SYNC_STATE], TransactionMode::Readwrite)?;
        put_json_text(
            &tx.object_store(SYNC_STATE)?,
            &JsValue::from_str(key),
            value,
        )?;
        tx.commit().await?;
        Ok(())
    }
}
