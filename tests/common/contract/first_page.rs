//! What the list reads at start without reading every customer (issue 17): after
//! every kind of customer write, the first page is the list's first page as the
//! full directory sorts it, and the search summaries are every customer's.

use chrono::NaiveDate;
use crm::domain::customers::{CustomerSummary, Directory, ListQuery};
use crm::domain::demo;
use crm::domain::exchange::backup::BackupData;
use crm::storage::prelude::*;
use crm::storage::test_support::StoreTestSupport;

use super::fixtures::{at, buyer, contact, order};

/// The ids of the first `n` customers as the full list shows them.
async fn listed<S: CrmStore>(store: &S, n: usize) -> Vec<String> {
    let dir = Directory::new(store.load_customers().await.unwrap().customers);
    dir.query(&ListQuery::default())
        .into_iter()
        .take(n)
        .map(|i| dir.at(i).unwrap().id.to_string())
        .collect()
}

async fn assert_first_page<S: CrmStore>(store: &S, after: &str) {
    let first = store
        .first_customers(7)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("the first page is readable after {after}"));
    let ids: Vec<String> = first.iter().map(|c| c.id.to_string()).collect();
    assert_eq!(ids, listed(store, 7).await, "after {after}");
    // Whole records, as stored.
    for c in &first {
        assert_eq!(Some(c), store.get_customer(&c.id).await.unwrap().as_ref());
    }
    let mut summaries = store
        .customer_summaries()
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("the summaries are readable after {after}"));
    summaries.sort_by(|a, b| a.id.cmp(&b.id));
    let mut expected: Vec<CustomerSummary> = store
        .load_customers()
        .await
        .unwrap()
        .customers
        .iter()
        .map(CustomerSummary::of)
        .collect();
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(summaries, expected, "summaries after {after}");
}

pub async fn the_first_page_follows_every_customer_write<S: CrmStore + StoreTestSupport>(
    store: &S,
) {
    let anchor = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let data = demo::generate(30, 12, anchor);
    store.put_many(&data.customers[..20], &[]).await.unwrap();
    store.prepare_list_views().await.unwrap();
    assert_first_page(store, "seeding").await;

    let mut early = buyer("zz-new");
    early.name = "Aaron Abbott".into();
    store.insert_customer(&early).await.unwrap();
    assert_first_page(store, "adding a customer").await;

    let mut renamed = store.get_customer(&early.id).await.unwrap().unwrap();
    renamed.name = "Zora Zimmer".into();
    store.save_customer(&renamed).await.unwrap();
    assert_first_page(store, "a rename").await;

    let logged = store
        .log_contact(&contact("k-first-page", "zz-new", at(20, 9)))
        .await
        .unwrap();
    assert!(logged.last_contact_at.is_some());
    assert_first_page(store, "a contact logged").await;
    store
        .remove_contact(&contact("k-first-page", "zz-new", at(20, 9)), None)
        .await
        .unwrap();
    assert_first_page(store, "a contact removed").await;

    let first = listed(store, 1).await.remove(0);
    let deleted = store
        .delete_customer(&crm::domain::customers::CustomerId(first))
        .await
        .unwrap();
    assert_first_page(store, "a deletion").await;
    store.undo_delete(&deleted).await.unwrap();
    assert_first_page(store, "its undo").await;

    let mut merged = store
        .get_customer(&data.customers[3].id)
        .await
        .unwrap()
        .unwrap();
    merged.name = "Aaaa Merged".into();
    store
        .import_customers(&data.customers[20..25], std::slice::from_ref(&merged))
        .await
        .unwrap();
    assert_first_page(store, "a customers import").await;

    let mut from_orders = buyer("aaa-from-orders");
    from_orders.name = "Aa Orders".into();
    store
        .import_orders(
            &[from_orders],
            &[order("o:1", "aaa-from-orders", 100)],
            &|_, _| {},
        )
        .await
        .unwrap();
    assert_first_page(store, "an orders import").await;

    let moved = store
        .get_customer(&data.customers[5].id)
        .await
        .unwrap()
        .unwrap();
    let mut moved = moved;
    moved.name = "Aab Moved".into();
    store
        .save_customers_with_follow_ups(std::slice::from_ref(&moved), &[])
        .await
        .unwrap();
    assert_first_page(store, "a batch of stage moves").await;

    store
        .put_records(&BackupData {
            customers: data.customers[25..].to_vec(),
            ..BackupData::default()
        })
        .await
        .unwrap();
    assert_first_page(store, "adding records").await;

    store
        .replace_all(&BackupData {
            customers: data.customers[..9].to_vec(),
            ..BackupData::default()
        })
        .await
        .unwrap();
    assert_first_page(store, "a restore").await;
    assert!(
        !store.prepare_list_views().await.unwrap(),
        "nothing to build"
    );
}
