//! The orders import against real IndexedDB in headless Chromium.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use crm::domain::customers::CustomerId;
use crm::domain::exchange::orders_import::{guess_mapping, plan_import};
use crm::domain::shared::csv::parse_csv;
use crm::i18n::Lang;
use crm::services::exchange::orders_import::{
    customer_from_import, run_order_import, ImportError, ImportMode,
};
use crm::storage::idb::IdbStore;
use crm::storage::prelude::*;
use crm::storage::test_support::StoreTestSupport;
use crm::storage::StoreError;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::open_fresh_db as open;

const CSV: &str = "Order ID,Buyer ID,Buyer Name,Country,Order Date,Currency,Order Amount,Status\n\
A-1,b1,Ana Ruiz,ES,2026-03-01,EUR,25.90,delivered\n\
A-2,b1,Ana Ruiz,ES,2026-04-01,EUR,\"1.234,50\",delivered\n\
A-3,b2,Bo Berg,SE,2026-04-02,SEK,99,shipped\n\
A-4,b3,Cy,FR,2026-02-30,EUR,10,delivered\n";

async fn order_count(store: &IdbStore) -> usize {
    let mut n = 0;
    store
        .for_each_order_page(2, &mut |page| n += page.len())
        .await
        .expect("read orders");
    n
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn plan() -> crm::domain::exchange::orders_import::ImportPlan {
    let file = parse_csv(CSV).expect("valid csv");
    let plan = plan_import(&file, &guess_mapping(&file.headers));
    assert_eq!(plan.rows_total, 4);
    assert_eq!(plan.orders.len(), 3, "row 5 has a date that does not exist");
    plan
}

#[wasm_bindgen_test]
async fn skip_bad_rows_writes_every_valid_row_and_pages_read_them_back() {
    let store = open("import-skip").await;
    let outcome = run_order_import(
        &store,
        &plan(),
        &|_| false,
        ImportMode::SkipBadRows,
        now(),
        Lang::En,
        &|_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(
        (
            outcome.orders_written,
            outcome.created.len(),
            outcome.rows_skipped
        ),
        (3, 2, 1)
    );
    assert_eq!(order_count(&store).await, 3);
    let ana = store
        .get_customer(&CustomerId("b1".into()))
        .await
        .unwrap()
        .expect("created");
    assert_eq!(ana.name, "Ana Ruiz");
    let amounts: Vec<i64> = store
        .orders_for_customer(&ana.id)
        .await
        .unwrap()
        .iter()
        .map(|o| o.total.minor)
        .collect();
    assert!(
        amounts.contains(&123_450),
        "1.234,50 EUR is 123450 cents: {amounts:?}"
    );
}

#[wasm_bindgen_test]
async fn all_or_nothing_with_a_bad_row_writes_nothing() {
    let store = open("import-all").await;
    let result = run_order_import(
        &store,
        &plan(),
        &|_| false,
        ImportMode::AllOrNothing,
        now(),
        Lang::En,
        &|_, _| {},
    )
    .await;
    assert_eq!(
        result.map(|o| o.orders_written),
        Err(ImportError::RowsRejected(1))
    );
    assert_eq!(order_count(&store).await, 0);
    assert_eq!(store.count_customers().await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn a_failure_inside_the_transaction_rolls_everything_back() {
    let store = open("import-abort").await;
    // Another tab created buyer b2 after the preview was computed: the import's
    // `add` of b2 fails inside the transaction, so no order and no customer lands.
    let b2 = customer_from_import(&CustomerId("b2".into()), "Bo", "SE", 1, now(), Lang::En);
    store.insert_customer(&b2).await.unwrap();
    let result = run_order_import(
        &store,
        &plan(),
        &|_| false,
        ImportMode::SkipBadRows,
        now(),
        Lang::En,
        &|_, _| {},
    )
    .await;
    assert!(
        matches!(result, Err(ImportError::Store(StoreError::Backend(_)))),
        "{result:?}"
    );
    assert_eq!(order_count(&store).await, 0);
    assert_eq!(
        store.count_customers().await.unwrap(),
        1,
        "only the customer that already existed"
    );
    assert!(store
        .get_customer(&CustomerId("b1".into()))
        .await
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn reimporting_the_same_file_updates_instead_of_duplicating() {
    let store = open("import-twice").await;
    run_order_import(
        &store,
        &plan(),
        &|_| false,
        ImportMode::SkipBadRows,
        now(),
        Lang::En,
        &|_, _| {},
    )
    .await
    .unwrap();
    let again = run_order_import(
        &store,
        &plan(),
        &|id| id.as_str().starts_with('b'),
        ImportMode::SkipBadRows,
        now(),
        Lang::En,
        &|_, _| {},
    )
    .await
    .unwrap();
    assert!(again.created.is_empty());
    assert_eq!(order_count(&store).await, 3);
}
