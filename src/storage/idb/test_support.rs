//! Test-only operations (seeding, counting, the country index).

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;

use super::codec::{parse_all_strict, put_all};
use super::facts::write_order_facts;
use super::list_views::note_customers;
use super::schema::{CUSTOMERS, CUSTOMER_SUMMARIES, FIRST_PAGE, ORDERS, ORDER_FACTS};
use super::IdbStore;
use crate::domain::customers::Customer;
use crate::domain::orders::Order;
use crate::storage::test_support::StoreTestSupport;
use crate::storage::StoreError;

impl StoreTestSupport for IdbStore {
    async fn put_many(&self, customers: &[Customer], orders: &[Order]) -> Result<(), StoreError> {
        let tx = self.tx(
            &[
                CUSTOMERS,
                FIRST_PAGE,
                CUSTOMER_SUMMARIES,
                ORDERS,
                ORDER_FACTS,
            ],
            TransactionMode::Readwrite,
        )?;
        put_all(&tx.object_store(CUSTOMERS)?, customers)?;
        note_customers(&tx, customers).await?;
        put_all(&tx.object_store(ORDERS)?, orders)?;
        write_order_facts(&tx, orders, &[]).await?;
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

impl IdbStore {
    /// Writes `orders` and their facts in one transaction, then aborts it instead of
    /// committing: a crash after the facts were written. Tests check that neither
    /// the orders nor their facts remain.
    #[doc(hidden)]
    pub async fn write_orders_then_abort(&self, orders: &[Order]) -> Result<(), StoreError> {
        let tx = self.tx(&[ORDERS, ORDER_FACTS], TransactionMode::Readwrite)?;
        put_all(&tx.object_store(ORDERS)?, orders)?;
        write_order_facts(&tx, orders, &[]).await?;
        tx.abort().await?;
        Ok(())
    }

    /// Writes `customers` and their first-page update in one transaction, then
    /// aborts it instead of committing.
    #[doc(hidden)]
    pub async fn write_customers_then_abort(
        &self,
        customers: &[Customer],
    ) -> Result<(), StoreError> {
        let tx = self.tx(
            &[CUSTOMERS, FIRST_PAGE, CUSTOMER_SUMMARIES],
            TransactionMode::Readwrite,
        )?;
        put_all(&tx.object_store(CUSTOMERS)?, customers)?;
        note_customers(&tx, customers).await?;
        tx.abort().await?;
        Ok(())
    }
}

impl IdbStore {
    /// Drops the stored order facts, as a database upgraded from v5 has none: the
    /// next read builds them (benchmarks time that path).
    #[doc(hidden)]
    pub async fn forget_order_facts(&self) -> Result<(), StoreError> {
        let tx = self.tx(&[ORDER_FACTS], TransactionMode::Readwrite)?;
        tx.object_store(ORDER_FACTS)?.clear()?;
        tx.commit().await?;
        Ok(())
    }
}
