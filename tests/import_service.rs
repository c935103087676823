//! The orders import use case against the in-memory store (native).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{block_on, customer};
use crm::domain::customers::CustomerId;
use crm::domain::exchange::orders_import::{
    ImportPlan, OrderField, ReferencedCustomer, RowError, RowProblem,
};
use crm::domain::orders::{CurrencyCode, Money, Order, OrderStatus};
use crm::i18n::Lang;
use crm::services::exchange::orders_import::{run_order_import, ImportError, ImportMode};
use crm::storage::memory::MemoryStore;
use crm::storage::prelude::*;
use crm::storage::test_support::StoreTestSupport;
use crm::storage::StoreError;

fn order(number: &str, customer: &str) -> Order {
    Order {
        id: Order::key_for("eBay", number),
        customer_id: CustomerId(customer.into()),
        number: number.into(),
        channel: "eBay".into(),
        placed_on: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        total: Money::new(2599, CurrencyCode::parse("EUR").unwrap()),
        status: OrderStatus::Delivered,
        cost_of_goods: 1200,
        shipping_cost: 0,
        discount: 0,
        refunded: 0,
        details: Default::default(),
    }
}

/// Three good rows (two buyers, one of them known) and one rejected row.
fn plan() -> ImportPlan {
    ImportPlan {
        orders: vec![
            order("1", "known"),
            order("2", "new-buyer"),
            order("3", "new-buyer"),
        ],
        rejected: vec![RowError {
            row: 4,
            field: OrderField::Total,
            problem: RowProblem::BadAmount,
            value: "12,3,4".into(),
        }],
        customers: vec![
            ReferencedCustomer {
                id: CustomerId("known".into()),
                name: "Known".into(),
                country: "ES".into(),
            },
            ReferencedCustomer {
                id: CustomerId("new-buyer".into()),
                name: "Nadia Novak".into(),
                country: "pl".into(),
            },
        ],
        rows_total: 4,
    }
}

fn store_with_known_customer() -> MemoryStore {
    let store = MemoryStore::new();
    block_on(store.insert_customer(&customer("known"))).unwrap();
    store
}

fn exists_in(store: &MemoryStore) -> impl Fn(&CustomerId) -> bool + '_ {
    move |id| block_on(store.get_customer(id)).ok().flatten().is_some()
}

fn order_count(store: &MemoryStore) -> usize {
    let mut n = 0;
    block_on(store.for_each_order_page(2, &mut |page| n += page.len())).unwrap();
    n
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

#[test]
fn skip_mode_writes_good_rows_and_creates_missing_customers() {
    let store = store_with_known_customer();
    let outcome = block_on(run_order_import(
        &store,
        &plan(),
        &exists_in(&store),
        ImportMode::SkipBadRows,
        now(),
        Lang::En,
        &|_, _| {},
    ))
    .unwrap();
    assert_eq!(outcome.orders_written, 3);
    assert_eq!(outcome.rows_skipped, 1);
    assert_eq!(outcome.created.len(), 1);
    let created = block_on(store.get_customer(&CustomerId("new-buyer".into())))
        .unwrap()
        .expect("created");
    assert_eq!(created.name, "Nadia Novak");
    assert_eq!(created.country, "PL");
    assert_eq!(
        created.stage,
        crm::domain::customers::RelationshipStage::Repeat,
        "two orders"
    );
    assert_eq!(
        block_on(store.get_customer(&CustomerId("known".into())))
            .unwrap()
            .map(|c| c.name),
        Some("Customer known".into())
    );
    assert_eq!(order_count(&store), 3);
}

#[test]
fn all_or_nothing_with_a_rejected_row_writes_nothing() {
    let store = store_with_known_customer();
    let result = block_on(run_order_import(
        &store,
        &plan(),
        &exists_in(&store),
        ImportMode::AllOrNothing,
        now(),
        Lang::En,
        &|_, _| {},
    ));
    assert_eq!(result, Err(ImportError::RowsRejected(1)));
    assert_eq!(order_count(&store), 0);
    assert_eq!(block_on(store.count_customers()).unwrap(), 1);
}

#[test]
fn importing_the_same_file_twice_does_not_duplicate() {
    let store = store_with_known_customer();
    let exists = exists_in(&store);
    block_on(run_order_import(
        &store,
        &plan(),
        &exists,
        ImportMode::SkipBadRows,
        now(),
        Lang::En,
        &|_, _| {},
    ))
    .unwrap();
    let again = block_on(run_order_import(
        &store,
        &plan(),
        &exists,
        ImportMode::SkipBadRows,
        now(),
        Lang::En,
        &|_, _| {},
    ))
    .unwrap();
    assert!(again.created.is_empty(), "the buyer exists now");
    assert_eq!(order_count(&store), 3);
    assert_eq!(block_on(store.count_customers()).unwrap(), 2);
}

/// What the service itself must do when the store fails mid-write: hand the whole
/// import to the store as one call and report the failure, not a partial outcome.
/// That nothing is left behind is the adapter's all-or-nothing contract, shown here
/// for the in-memory adapter; IndexedDB's own rollback is tested in the browser
/// (`import_idb`).
#[test]
fn a_store_failure_mid_import_is_reported_and_nothing_is_kept() {
    let store = store_with_known_customer();
    store.fail_import_after.set(Some(2));
    let result = block_on(run_order_import(
        &store,
        &plan(),
        &exists_in(&store),
        ImportMode::SkipBadRows,
        now(),
        Lang::En,
        &|_, _| {},
    ));
    assert!(
        matches!(result, Err(ImportError::Store(StoreError::Backend(_)))),
        "{result:?}"
    );
    assert_eq!(order_count(&store), 0);
    assert_eq!(
        block_on(store.count_customers()).unwrap(),
        1,
        "the new buyer was not half-created"
    );
}

#[test]
fn progress_reaches_the_total() {
    let store = store_with_known_customer();
    let last = std::cell::Cell::new((0, 0));
    block_on(run_order_import(
        &store,
        &plan(),
        &exists_in(&store),
        ImportMode::SkipBadRows,
        now(),
        Lang::En,
        &|d, t| last.set((d, t)),
    ))
    .unwrap();
    assert_eq!(last.get(), (3, 3));
}

#[test]
fn an_empty_plan_is_reported() {
    let store = MemoryStore::new();
    let empty = ImportPlan {
        orders: vec![],
        rejected: vec![],
        customers: vec![],
        rows_total: 0,
    };
    assert_eq!(
        block_on(run_order_import(
            &store,
            &empty,
            &|_| false,
            ImportMode::SkipBadRows,
            now(),
            Lang::En,
            &|_, _| {}
        )),
        Err(ImportError::NothingToImport)
    );
}

/// What an import writes into a created customer is stored text: it is in the
/// language of the rep who ran the import, and an unnamed buyer gets a name.
#[test]
fn created_customers_carry_the_reps_language() {
    use crm::domain::customers::RelationshipStage;
    use crm::services::exchange::orders_import::customer_from_import;
    let zh = customer_from_import(&CustomerId("b-7".into()), "  ", "cn", 3, now(), Lang::Zh);
    assert_eq!(zh.name, "客户 b-7");
    assert_eq!(zh.country, "CN");
    assert_eq!(zh.tags, vec!["订单导入".to_owned()]);
    assert_eq!(zh.stage, RelationshipStage::Repeat);
    assert_eq!(zh.stage_history[0].reason, "由订单导入创建，共 3 笔订单");
    let en = customer_from_import(
        &CustomerId("b-8".into()),
        "Ana",
        "Portugal",
        1,
        now(),
        Lang::En,
    );
    assert_eq!((en.name.as_str(), en.country.as_str()), ("Ana", "ZZ"));
    assert_eq!(en.tags, vec!["imported".to_owned()]);
    assert_eq!(en.stage, RelationshipStage::FirstTime);
    assert_eq!(
        en.stage_history[0].reason,
        "Created by an orders import with 1 orders"
    );
}

/// Issue 17: a large file is read and checked in steps with a pause between them,
/// and gives exactly what reading it at once gives.
#[test]
fn a_large_file_is_read_and_checked_in_steps_with_pauses_and_progress() {
    use crm::domain::exchange::orders_import::{guess_mapping, plan_import};
    use crm::domain::shared::csv::parse_csv;
    use crm::services::exchange::in_steps::{plan_orders_import, read_table, ROWS_PER_STEP};
    use std::cell::{Cell, RefCell};

    let rows = ROWS_PER_STEP * 3 + 17;
    let mut text = String::from("Order ID,Buyer ID,Order Date,Currency,Order Amount\n");
    for i in 0..rows {
        text.push_str(&format!(
            "N-{i},b{},2026-03-{:02},EUR,{}.25\n",
            i % 50,
            1 + i % 28,
            i % 900
        ));
    }
    let pauses = Cell::new(0);
    let reported = RefCell::new(Vec::new());
    let pause = || {
        pauses.set(pauses.get() + 1);
        std::future::ready(())
    };
    let file = block_on(read_table(&text, pause, &|done, total| {
        reported.borrow_mut().push((done, total))
    }))
    .unwrap();
    assert_eq!(file, parse_csv(&text).unwrap());
    // The header is a record too: rows + 1 records, ROWS_PER_STEP a step.
    assert_eq!(pauses.get(), (rows + 1) / ROWS_PER_STEP);
    let reported = reported.take();
    assert!(reported.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(reported
        .iter()
        .all(|&(done, total)| done < total && total == text.len()));

    pauses.set(0);
    let mapping = guess_mapping(&file.headers);
    let plan = block_on(plan_orders_import(&file, &mapping, pause, &|_, _| {}));
    assert_eq!(plan, plan_import(&file, &mapping));
    assert_eq!(plan.orders.len(), rows);
    assert_eq!(pauses.get(), rows / ROWS_PER_STEP);

    // A broken file stops at its problem, whichever step it falls in.
    let broken = format!("{text}N-x,b1,2026-03-01,EUR,\"1.00\n");
    assert_eq!(
        block_on(read_table(&broken, pause, &|_, _| {})),
        parse_csv(&broken)
    );
}
