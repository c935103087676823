//! The contract of the customer and order contexts.

use chrono::NaiveDate;
use crm::domain::demo;
use crm::domain::orders::Order;
use crm::storage::prelude::*;
use crm::storage::test_support::StoreTestSupport;
use crm::storage::StoreError;

use super::fixtures::{buyer, id, order, rich_customer, sorted_ids};

// ---- customers ----

pub async fn customer_round_trips_exactly<S: CrmStore + StoreTestSupport>(store: &S) {
    let original = rich_customer("a", "Lucía García", "ES");
    store.insert_customer(&original).await.unwrap();
    assert_eq!(
        store.get_customer(&original.id).await.unwrap(),
        Some(original.clone())
    );
    let loaded = store.load_customers().await.unwrap();
    assert_eq!(loaded.customers, vec![original]);
    assert_eq!(loaded.unreadable, 0);
    assert_eq!(store.count_customers().await.unwrap(), 1);
    assert_eq!(store.get_customer(&id("nobody")).await.unwrap(), None);
}

pub async fn inserting_an_existing_id_is_refused<S: CrmStore>(store: &S) {
    let c = rich_customer("a", "Ana", "ES");
    store.insert_customer(&c).await.unwrap();
    let mut other = c.clone();
    other.name = "Someone else".into();
    assert_eq!(
        store.insert_customer(&other).await,
        Err(StoreError::AlreadyExists(c.id.clone()))
    );
    assert_eq!(
        store.get_customer(&c.id).await.unwrap().map(|c| c.name),
        Some("Ana".into())
    );
}

pub async fn saves_bump_the_revision_and_stale_saves_are_refused<S: CrmStore>(store: &S) {
    let c = rich_customer("a", "Ana", "ES");
    store.insert_customer(&c).await.unwrap();

    // Two tabs read revision 0; the first save wins.
    let mut tab_one = c.clone();
    tab_one.name = "Ana Tab One".into();
    let mut tab_two = c.clone();
    tab_two.name = "Ana Tab Two".into();
    let saved = store.save_customer(&tab_one).await.unwrap();
    assert_eq!(saved.revision, 1);
    assert_eq!(
        store.save_customer(&tab_two).await,
        Err(StoreError::StaleRevision {
            stored: 1,
            yours: 0
        })
    );
    let stored = store.get_customer(&c.id).await.unwrap().unwrap();
    assert_eq!(stored, saved);
    assert_eq!(
        stored.name, "Ana Tab One",
        "the refused save changed nothing"
    );

    // Re-applying on top of the fresh record works.
    let mut reapplied = stored.clone();
    reapplied.name = "Ana Tab Two".into();
    assert_eq!(store.save_customer(&reapplied).await.unwrap().revision, 2);
}

pub async fn saving_a_missing_customer_reports_not_found<S: CrmStore + StoreTestSupport>(
    store: &S,
) {
    let c = rich_customer("ghost", "Ghost", "ES");
    assert_eq!(
        store.save_customer(&c).await,
        Err(StoreError::NotFound(c.id.clone()))
    );
    assert_eq!(store.count_customers().await.unwrap(), 0);
}

pub async fn indices_find_orders_by_customer_and_customers_by_country<
    S: CrmStore + StoreTestSupport,
>(
    store: &S,
) {
    let customers = vec![
        rich_customer("a", "Ana", "ES"),
        rich_customer("b", "Bo", "SE"),
        rich_customer("c", "Carla", "ES"),
    ];
    let orders = vec![
        order("o1", "a", 1999),
        order("o2", "a", 500),
        order("o3", "b", 42),
    ];
    store.put_many(&customers, &orders).await.unwrap();

    let for_a = store.orders_for_customer(&id("a")).await.unwrap();
    assert_eq!(sorted_ids(for_a, |o| o.id.clone()), ["o1", "o2"]);
    assert!(store
        .orders_for_customer(&id("c"))
        .await
        .unwrap()
        .is_empty());

    let spanish = store.customers_in_country("ES").await.unwrap();
    assert_eq!(sorted_ids(spanish, |c| c.name.clone()), ["Ana", "Carla"]);
    assert!(store.customers_in_country("FR").await.unwrap().is_empty());
}

pub async fn delete_removes_customer_and_orders_and_undo_restores_both<
    S: CrmStore + StoreTestSupport,
>(
    store: &S,
) {
    let a = rich_customer("a", "Ana", "ES");
    store
        .put_many(
            &[a.clone(), rich_customer("b", "Bo", "SE")],
            &[order("o1", "a", 10), order("o2", "b", 20)],
        )
        .await
        .unwrap();

    let deleted = store.delete_customer(&a.id).await.unwrap();
    assert_eq!(deleted.customer, a);
    assert_eq!(deleted.orders, vec![order("o1", "a", 10)]);
    assert_eq!(store.get_customer(&a.id).await.unwrap(), None);
    assert!(store.orders_for_customer(&a.id).await.unwrap().is_empty());
    assert_eq!(
        store.orders_for_customer(&id("b")).await.unwrap().len(),
        1,
        "other customers' orders stay"
    );

    store.undo_delete(&deleted).await.unwrap();
    assert_eq!(store.get_customer(&a.id).await.unwrap(), Some(a.clone()));
    assert_eq!(
        store.orders_for_customer(&a.id).await.unwrap(),
        deleted.orders
    );
    // Undoing twice would overwrite the restored customer: refused.
    assert_eq!(
        store.undo_delete(&deleted).await,
        Err(StoreError::AlreadyExists(a.id.clone()))
    );

    assert_eq!(
        store.delete_customer(&id("nobody")).await,
        Err(StoreError::NotFound(id("nobody")))
    );
}

pub async fn delete_and_undo_restore_a_demo_customer_and_orders<S: CrmStore + StoreTestSupport>(
    store: &S,
) {
    let data = demo::generate(20, 1, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    store.put_many(&data.customers, &data.orders).await.unwrap();
    let with_orders = data
        .customers
        .iter()
        .find(|c| data.orders.iter().any(|o| o.customer_id == c.id))
        .expect("some demo customer has orders");
    let before = store.orders_for_customer(&with_orders.id).await.unwrap();
    let deleted = store.delete_customer(&with_orders.id).await.unwrap();
    assert_eq!(store.count_customers().await.unwrap(), 19);
    assert!(store
        .orders_for_customer(&with_orders.id)
        .await
        .unwrap()
        .is_empty());
    store.undo_delete(&deleted).await.unwrap();
    assert_eq!(
        store.orders_for_customer(&with_orders.id).await.unwrap(),
        before
    );
    assert_eq!(
        store.get_customer(&with_orders.id).await.unwrap().as_ref(),
        Some(with_orders)
    );
    assert_eq!(
        store.undo_delete(&deleted).await,
        Err(StoreError::AlreadyExists(with_orders.id.clone()))
    );
}

pub async fn a_customer_import_merges_revision_checked_and_is_all_or_nothing<
    S: CrmStore + StoreTestSupport,
>(
    store: &S,
) {
    store.insert_customer(&buyer("a")).await.unwrap();
    let mut merge = buyer("a");
    merge.email = "lucia@example.com".into();
    let merged = store
        .import_customers(&[buyer("b")], std::slice::from_ref(&merge))
        .await
        .unwrap();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].revision, 1);
    assert_eq!(
        store.get_customer(&id("a")).await.unwrap().as_ref(),
        merged.first()
    );
    assert_eq!(
        store.get_customer(&id("b")).await.unwrap(),
        Some(buyer("b"))
    );

    // A stale merge refuses the whole import: the new customer is not created.
    let refused = store.import_customers(&[buyer("c")], &[merge]).await;
    assert_eq!(
        refused,
        Err(StoreError::StaleRevision {
            stored: 1,
            yours: 0
        })
    );
    // Creating an id that exists refuses it too, and the merge is not saved.
    let mut fresh = merged[0].clone();
    fresh.notes = "merged again".into();
    assert!(store
        .import_customers(&[buyer("b")], &[fresh])
        .await
        .is_err());
    assert_eq!(
        store.get_customer(&id("a")).await.unwrap().as_ref(),
        merged.first()
    );
    assert_eq!(store.get_customer(&id("c")).await.unwrap(), None);
    assert_eq!(store.count_customers().await.unwrap(), 2);
}

// ---- orders ----

pub async fn order_pages_hold_every_order_once<S: CrmStore + StoreTestSupport>(store: &S) {
    let orders: Vec<Order> = (0..7)
        .map(|n| order(&format!("o{n}"), "a", 100 + n))
        .collect();
    store.put_many(&[buyer("a")], &orders).await.unwrap();
    let mut pages = Vec::new();
    store
        .for_each_order_page(3, &mut |page| pages.push(page))
        .await
        .unwrap();
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        [3, 3, 1],
        "full pages, then the rest"
    );
    assert_eq!(pages.concat(), orders, "every order once, in key order");

    let mut calls = 0;
    store
        .for_each_order_page(7, &mut |_| calls += 1)
        .await
        .unwrap();
    assert_eq!(
        calls, 1,
        "an exact last page is not followed by an empty one"
    );
}

pub async fn an_order_import_creates_customers_with_the_orders_all_or_nothing<
    S: CrmStore + StoreTestSupport,
>(
    store: &S,
) {
    store.insert_customer(&buyer("known")).await.unwrap();
    let orders = [order("o1", "known", 100), order("o2", "new", 200)];
    let reported = std::cell::RefCell::new(Vec::new());
    store
        .import_orders(&[buyer("new")], &orders, &|done, total| {
            reported.borrow_mut().push((done, total))
        })
        .await
        .unwrap();
    assert_eq!(reported.borrow().last(), Some(&(2, 2)));
    assert_eq!(
        store.get_customer(&id("new")).await.unwrap(),
        Some(buyer("new"))
    );
    assert_eq!(
        store.orders_for_customer(&id("new")).await.unwrap().len(),
        1
    );

    // A customer that exists meanwhile aborts the whole import.
    let refused = store
        .import_orders(&[buyer("known")], &[order("o3", "known", 300)], &|_, _| {})
        .await;
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(
        store.orders_for_customer(&id("known")).await.unwrap(),
        vec![order("o1", "known", 100)]
    );
    assert_eq!(store.count_customers().await.unwrap(), 2);
}

/// A stage move and its follow-ups (a win-back plan, or the steps it closes) are
/// one transaction: saved together, or, when the save is refused, neither.
pub async fn a_customer_saved_with_follow_ups_is_all_or_nothing<S: CrmStore>(store: &S) {
    use super::fixtures::follow_up;
    let c = rich_customer("a", "Ana", "ES");
    store.insert_customer(&c).await.unwrap();
    store.put_follow_up(&follow_up("old", "a")).await.unwrap();

    let mut lost = c.clone();
    lost.notes = "lost to a competitor".into();
    let mut closed = follow_up("old", "a");
    closed.done_at = Some(super::fixtures::at(26, 2));
    let plan = [follow_up("w1", "a"), follow_up("w2", "a"), closed.clone()];
    let saved = store
        .save_customer_with_follow_ups(&lost, &plan)
        .await
        .unwrap();
    assert_eq!(saved.revision, c.revision + 1);
    assert_eq!(store.get_customer(&c.id).await.unwrap(), Some(saved));
    let stored = store.load_follow_ups().await.unwrap();
    assert_eq!(
        sorted_ids(stored.clone(), |f| f.id.clone()),
        ["old", "w1", "w2"]
    );
    assert_eq!(
        stored.iter().find(|f| f.id == "old").map(|f| f.done_at),
        Some(closed.done_at),
        "an existing follow-up is replaced"
    );

    // The same move again from the stale record: refused, and no follow-up written.
    let stale = store
        .save_customer_with_follow_ups(&lost, &[follow_up("w3", "a")])
        .await;
    assert!(
        matches!(
            stale,
            Err(StoreError::StaleRevision {
                stored: 1,
                yours: 0
            })
        ),
        "{stale:?}"
    );
    assert_eq!(
        sorted_ids(store.load_follow_ups().await.unwrap(), |f| f.id.clone()),
        ["old", "w1", "w2"]
    );
    // A missing customer: refused too.
    let ghost = rich_customer("ghost", "Ghost", "ES");
    assert!(store
        .save_customer_with_follow_ups(&ghost, &[follow_up("w4", "ghost")])
        .await
        .is_err());
    assert_eq!(store.load_follow_ups().await.unwrap().len(), 3);
}

/// A batch of stage moves and the follow-ups they close: one transaction. One stale
/// customer refuses the whole batch, follow-ups included.
pub async fn customers_saved_with_follow_ups_are_all_or_nothing<S: CrmStore>(store: &S) {
    use super::fixtures::follow_up;
    let a = rich_customer("a", "Ana", "ES");
    let b = rich_customer("b", "Bo", "SE");
    store.insert_customer(&a).await.unwrap();
    store.insert_customer(&b).await.unwrap();
    let mut edited_b = b.clone();
    edited_b.notes = "changed in another tab".into();
    store.save_customer(&edited_b).await.unwrap();

    let (mut moved_a, mut moved_b) = (a.clone(), b.clone());
    moved_a.notes = "won back".into();
    moved_b.notes = "won back".into();
    let refused = store
        .save_customers_with_follow_ups(&[moved_a.clone(), moved_b], &[follow_up("w1", "a")])
        .await;
    assert!(
        matches!(refused, Err(StoreError::StaleRevision { .. })),
        "{refused:?}"
    );
    assert_eq!(store.get_customer(&a.id).await.unwrap(), Some(a.clone()));
    assert!(store.load_follow_ups().await.unwrap().is_empty());

    let mut fresh_b = edited_b.clone();
    fresh_b.revision = 1;
    fresh_b.notes = "won back too".into();
    let saved = store
        .save_customers_with_follow_ups(&[moved_a, fresh_b], &[follow_up("w1", "a")])
        .await
        .unwrap();
    let revisions: Vec<u32> = saved.iter().map(|c| c.revision).collect();
    assert_eq!(revisions, [a.revision + 1, 2]);
    assert_eq!(
        store.get_customer(&b.id).await.unwrap().map(|c| c.notes),
        Some("won back too".into())
    );
    assert_eq!(
        sorted_ids(store.load_follow_ups().await.unwrap(), |f| f.id.clone()),
        ["w1"]
    );
}
