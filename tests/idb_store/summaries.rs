//! Issue 17: the customers' search summaries kept beside them (schema v8). An
//! older database builds them once; a damaged bucket is ignored, dropped by the
//! next write over it, and rebuilt; an aborted write leaves them as they were.

use super::*;
use crm::domain::customers::CustomerSummary;
use crm::storage::idb::CUSTOMER_SUMMARIES;

async fn sorted_summaries(store: &IdbStore) -> Option<Vec<CustomerSummary>> {
    let mut all = store.customer_summaries().await.unwrap()?;
    all.sort_by(|a, b| a.id.cmp(&b.id));
    Some(all)
}

fn summaries_of(customers: &[crm::domain::customers::Customer]) -> Vec<CustomerSummary> {
    let mut all: Vec<CustomerSummary> = customers.iter().map(CustomerSummary::of).collect();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

#[wasm_bindgen_test]
async fn a_new_database_has_every_bucket_empty() {
    let store = open(&unique_name("summaries-new")).await;
    assert_eq!(sorted_summaries(&store).await, Some(vec![]));
    assert!(
        !store.prepare_list_views().await.unwrap(),
        "nothing to build"
    );
    store.close();
}

#[wasm_bindgen_test]
async fn a_v7_database_builds_the_summaries_once() {
    let name = unique_name("v7-to-v8");
    let db = Database::open(name.as_str())
        .with_version(7u32)
        .with_on_upgrade_needed(|event, db| create_schema_up_to(&db, event.old_version() as u32, 7))
        .await
        .unwrap();
    let tx = db
        .transaction([CUSTOMERS])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let stored = [customer("b", "Ben", "ES"), customer("a", "Ana", "FR")];
    for c in &stored {
        tx.object_store(CUSTOMERS).unwrap().put(c).serde().unwrap();
    }
    tx.commit().await.unwrap();
    db.close();

    let (store, report) = IdbStore::open(&name, || {}).await.unwrap();
    assert_eq!(report.records_version_before, 7);
    assert_eq!(sorted_summaries(&store).await, None, "not built yet");
    // A write before the build leaves them unbuilt (no bucket half-filled).
    store
        .insert_customer(&customer("c", "Cy", "DE"))
        .await
        .unwrap();
    assert_eq!(sorted_summaries(&store).await, None);
    assert!(store.prepare_list_views().await.unwrap(), "built");
    let all = store.load_customers().await.unwrap().customers;
    assert_eq!(all.len(), 3);
    assert_eq!(sorted_summaries(&store).await, Some(summaries_of(&all)));
    assert!(!store.prepare_list_views().await.unwrap(), "built once");
    store.close();
}

/// Junk in one bucket: the read ignores every bucket (search waits for the full
/// list), a write over that bucket drops it, the next start rebuilds them all.
#[wasm_bindgen_test]
async fn a_damaged_bucket_is_rebuilt() {
    let name = unique_name("summaries-damaged");
    let store = open(&name).await;
    let a = customer("a", "Ana", "ES");
    store.put_many(std::slice::from_ref(&a), &[]).await.unwrap();
    assert_eq!(
        sorted_summaries(&store).await,
        Some(summaries_of(std::slice::from_ref(&a)))
    );
    store.close();
    let home = crm::domain::customers::summary_bucket(&a.id);
    let stranger = format!(
        "[{}]",
        serde_json::to_string(&CustomerSummary::of(&customer("zz", "Zed", "ES"))).unwrap()
    );
    for junk in ["[{\"i\":", stranger.as_str(), "42"] {
        if junk == stranger
            && crm::domain::customers::summary_bucket(&CustomerId("zz".into())) == home
        {
            continue;
        }
        let db = Database::open(name.as_str()).await.unwrap();
        let tx = db
            .transaction([CUSTOMER_SUMMARIES])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .unwrap();
        tx.object_store(CUSTOMER_SUMMARIES)
            .unwrap()
            .as_sys()
            .put_with_key(
                &wasm_bindgen::JsValue::from_str(junk),
                &wasm_bindgen::JsValue::from(u32::from(home)),
            )
            .unwrap();
        tx.commit().await.unwrap();
        db.close();

        let store = open(&name).await;
        assert_eq!(sorted_summaries(&store).await, None, "{junk}");
        let mut renamed = store.get_customer(&a.id).await.unwrap().unwrap();
        renamed.name = format!("Ana {}", junk.len());
        store.save_customer(&renamed).await.unwrap();
        assert!(store.prepare_list_views().await.unwrap(), "rebuilt");
        let all = store.load_customers().await.unwrap().customers;
        assert_eq!(
            sorted_summaries(&store).await,
            Some(summaries_of(&all)),
            "{junk}"
        );
        store.close();
    }
}

/// Summaries are written in the same transaction as the customers: an abort after
/// both were written leaves neither.
#[wasm_bindgen_test]
async fn an_aborted_customer_write_leaves_the_summaries_as_they_were() {
    let store = open(&unique_name("summaries-abort")).await;
    store
        .put_many(&[customer("b", "Ben", "ES")], &[])
        .await
        .unwrap();
    let before = sorted_summaries(&store).await;
    assert_eq!(before.as_ref().map(Vec::len), Some(1));
    store
        .write_customers_then_abort(&[customer("a", "Aaron", "ES"), customer("b", "Bea", "ES")])
        .await
        .expect("the abort went through");
    assert_eq!(sorted_summaries(&store).await, before);
    store.close();
}
