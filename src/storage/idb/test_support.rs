//! Test-only operations (seeding, counting, the country index).

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;

use super::codec::{parse_all_strict, put_all};
use super::schema::{CUSTOMERS, ORDERS};
use super::IdbStore;
use crate::domain::customers::Customer;
use crate::domain::orders::Order;
use crate::storage::test_support::StoreTestSupport;
use crate::storage::StoreError;

impl StoreTestSupport for IdbStore {
    async fn put_many(&self, customers: &[Customer], orders: &[Order]) -> Result<(), StoreError> {
        let tx = self.tx(&[CUSTOMERS, ORDERS], TransactionMode::Readwrite)?;
        put_all(&tx.object_store(CUSTOMERS)?, customers)?;
        put_all(&tx.object_store(ORDERS)?, orders)?;
        tx.commit().await?;
        Ok(())
    }

    async fn count_customers(&self) -> Result<usize, StoreError> {
        let tx = self.tx(&[CUSTOMERS], TransactionMode::Readonly)?;
        let n = tx.object_store(CUSTOMERS)?.count().await?;
        Ok(n as usize)
    }

    async fn customers_in_country(&self, country: &str) -> Result<Vec<Customer>, StoreError> {
        let tx = self.tx(&[CUSTOMERS], TransactionMode::Readonly)?;
        let found = tx
            .object_store(CUSTOMERS)?
            .index("country")?
            .get_all::<JsValue>()
            .with_query(country)
            .primitive()?
            .await?;
        parse_all_strict(found)
    }
}
