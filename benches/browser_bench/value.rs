//! The value analysis at scale: importing marketplace exports, the order facts,
//! classification, attention, and opening the value page over 1,000,000 orders.

use super::baselines::*;
use super::*;

fn orders_per_customer() -> usize {
    option_env!("CRM_BENCH_ORDERS_PER_CUSTOMER")
        .and_then(|n| n.parse().ok())
        .unwrap_or(10)
}

/// 100,000 customers × 10 orders as marketplace CSV exports, 100,000 rows per file
/// (exports are split like this in practice, and it bounds memory).
fn export_files(
    customers: &[crm::domain::customers::Customer],
    per_customer: usize,
    anchor: NaiveDate,
) -> Vec<String> {
    let mut rng = demo::DemoRng::new(7);
    let currencies = ["EUR", "USD", "GBP"];
    let rows_per_file = 100_000;
    let mut files = Vec::new();
    let mut file = String::new();
    let mut rows = 0;
    let header =
        "Order ID,Buyer ID,Order Date,Currency,Order Amount,Product Cost,Shipping,Status\n";
    for (c, customer) in customers.iter().enumerate() {
        for k in 0..per_customer {
            if rows == 0 {
                file.push_str(header);
            }
            let amount = 500 + rng.below(40_000);
            let day = anchor - chrono::Duration::days(rng.below(720) as i64);
            file.push_str(&format!(
                "B{c:06}-{k:02},{},{},{},{}.{:02},{}.{:02},{}.{:02},delivered\n",
                customer.id,
                day,
                currencies[(c + k) % 3],
                amount / 100,
                amount % 100,
                amount * 45 / 10_000,
                (amount * 45 / 100) % 100,
                amount / 2_000,
                (amount / 20) % 100
            ));
            rows += 1;
            if rows == rows_per_file {
                files.push(std::mem::take(&mut file));
                rows = 0;
            }
        }
    }
    if rows > 0 {
        files.push(file);
    }
    files
}

#[wasm_bindgen_test]
async fn value_at_scale() {
    use crm::domain::exchange::orders_import::guess_mapping;
    use crm::domain::orders::CurrencyCode;
    use crm::domain::orders::OrderFacts;
    use crm::domain::value::{
        abc_classes, assign_tiers, rfm_scores, AbcThresholds, DecimalRate, ExchangeRates, Period,
        RankBy, TierShares,
    };
    use crm::services::exchange::in_steps::{plan_orders_import, read_table};

    let n = customers_count();
    let per = orders_per_customer();
    let anchor = NaiveDate::from_ymd_opt(2026, 11, 1).expect("valid date");
    // Customers only: the demo's own 400,000 orders would set the page's memory
    // high-water mark before anything is measured.
    let customers = demo::generate_customers(n, demo::DEMO_SEED, anchor);
    let files = export_files(&customers, per, anchor);
    let mut figures: BTreeMap<&str, Figure> = BTreeMap::new();

    // Import path: parse + map + write, file by file, one transaction per file.
    let db_name = format!("crm-bench-value-{}", uuid::Uuid::new_v4());
    let (store, _) = IdbStore::open(&db_name, || {})
        .await
        .expect("bench database opens");
    store.put_many(&customers, &[]).await.expect("customers");
    // A database in use has its order facts built (the app reads them at start), so
    // every import below also keeps them up to date, as in the app.
    store.load_order_facts(&|_| {}).await.expect("facts");
    let raw_name = format!("{db_name}-raw");
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    let (mut parse_ms, mut write_ms, mut raw_ms, mut orders_total) = (0.0, 0.0, 0.0, 0usize);
    // As the app does it: reading and checking in steps with a pause between them,
    // the write with a pause between chunks; the Long Tasks API measures the
    // longest stretch the page could not paint or take input.
    let mut longest_import = 0.0f64;
    for text in &files {
        long_tasks_start();
        let started = now();
        let parsed = read_table(text, crm::web::next_task, &|_, _| {})
            .await
            .expect("bench csv parses");
        let plan = plan_orders_import(
            &parsed,
            &guess_mapping(&parsed.headers),
            crm::web::next_task,
            &|_, _| {},
        )
        .await;
        parse_ms += now() - started;
        assert!(
            plan.rejected.is_empty(),
            "bench rows are valid: {:?}",
            plan.rejected.first()
        );
        let started = now();
        store
            .import_orders(&[], &plan.orders, &|_, _| {})
            .await
            .expect("import");
        write_ms += now() - started;
        // Only our parts are observed: the raw baseline below issues its puts in
        // one long task of its own.
        longest_import = longest_import.max(long_tasks_stop().await.as_f64().unwrap_or(0.0));
        orders_total += plan.orders.len();
        let js_orders = plan
            .orders
            .serialize(&serializer)
            .expect("orders convert to JS");
        raw_ms += raw_put_all(&raw_name, js_orders)
            .await
            .expect("raw put")
            .as_f64()
            .unwrap_or(f64::NAN);
    }
    figures.insert("longest_task_ms_import", figure(longest_import, None, None));
    figures.insert(
        "import_parse_and_map",
        figure(parse_ms, None, Some(orders_total)),
    );
    figures.insert(
        "import_write_vs_raw_idb_put",
        figure(write_ms, Some(raw_ms), Some(orders_total)),
    );
    figures.insert(
        "import_total_vs_raw_idb_put",
        figure(parse_ms + write_ms, Some(raw_ms), Some(orders_total)),
    );

    // Load the orders back as compact facts (what the value view did on open before
    // the facts were stored beside the orders; now the upgrade path).
    let started = now();
    let mut facts = OrderFacts::default();
    store
        .for_each_order_page(50_000, &mut |page| facts.push_orders(&page))
        .await
        .expect("orders load");
    facts.group_by_customer();
    figures.insert(
        "load_orders_into_facts",
        figure(now() - started, None, Some(facts.len())),
    );

    // Attention: every buyer against their own rhythm (issue 16's "under 300 ms").
    {
        use chrono::Datelike;
        use crm::domain::care::attention::{needing_attention, Attention, RhythmSettings};
        use crm::domain::customers::RelationshipStage;
        let started = now();
        let flagged = needing_attention(
            &facts,
            &[],
            &[],
            &|_| Some(RelationshipStage::Repeat),
            anchor,
            &RhythmSettings::default(),
        );
        let ours_ms = now() - started;
        let silent = flagged
            .iter()
            .filter(|f| {
                f.flags
                    .iter()
                    .any(|a| matches!(a, Attention::Silent { .. }))
            })
            .count();
        let (mut js_customer, mut js_day) = (Vec::new(), Vec::new());
        for (i, run) in facts.grouped_runs().enumerate() {
            for order in run.iter() {
                if order.status != crm::domain::orders::OrderStatus::Cancelled {
                    js_customer.push(i as u32);
                    js_day.push(order.placed_on.num_days_from_ce());
                }
            }
        }
        let js = js_rhythm(&js_customer, &js_day, anchor.num_days_from_ce());
        assert_eq!(
            js.get(1).as_f64(),
            Some(silent as f64),
            "the baseline flags the same silent buyers"
        );
        figures.insert(
            "attention_flags_every_customer",
            figure(ours_ms, js.get(0).as_f64(), Some(n)),
        );
        console_log!("attention: {} flagged, {silent} silent", flagged.len());
    }

    let mut rates = ExchangeRates::new(CurrencyCode::parse("USD").expect("USD"));
    rates.rates.insert(
        CurrencyCode::parse("EUR").expect("EUR"),
        DecimalRate::parse("1.08").expect("rate"),
    );
    rates.rates.insert(
        CurrencyCode::parse("GBP").expect("GBP"),
        DecimalRate::parse("1.27").expect("rate"),
    );
    let ids: Vec<_> = customers.iter().map(|c| c.id.clone()).collect();
    let period = Period {
        from: anchor - chrono::Duration::days(730),
        to: anchor,
    };

    let started = now();
    let values = facts
        .customer_values(&ids, &[], &rates, period)
        .expect("values");
    let aggregate_ms = now() - started;
    // Same aggregation in plain JS over typed arrays (the cheapest JS can do).
    let mut js_customer = Vec::with_capacity(orders_total);
    let mut js_currency = Vec::with_capacity(orders_total);
    let mut js_total = Vec::with_capacity(orders_total);
    let mut js_cost = Vec::with_capacity(orders_total);
    let index: std::collections::HashMap<_, _> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), i as u32))
        .collect();
    store
        .for_each_order_page(50_000, &mut |page| {
            for o in page {
                js_customer.push(index.get(&o.customer_id).copied().unwrap_or(0));
                js_currency.push(match o.total.currency.as_str() {
                    "EUR" => 1,
                    "GBP" => 2,
                    _ => 0,
                });
                js_total.push(o.total.minor as f64);
                js_cost.push((o.cost_of_goods + o.shipping_cost) as f64);
            }
        })
        .await
        .expect("orders for baseline");
    let js = js_aggregate(
        &js_customer,
        &js_currency,
        &js_total,
        &js_cost,
        &[1.0, 1.08, 1.27],
        n as u32,
    );
    figures.insert(
        "aggregate_orders_to_values",
        figure(aggregate_ms, js.get(0).as_f64(), Some(orders_total)),
    );

    let started = now();
    let ranking = assign_tiers(&values, RankBy::Profit, TierShares::default());
    let abc = abc_classes(&values, AbcThresholds::default());
    let rfm = rfm_scores(&values, anchor);
    let classify_ms = now() - started;
    assert_eq!((ranking.tiers.len(), abc.len(), rfm.len()), (n, n, n));
    let profit: Vec<f64> = values.iter().map(|v| v.profit as f64).collect();
    let revenue: Vec<f64> = values.iter().map(|v| v.revenue as f64).collect();
    let orders: Vec<f64> = values.iter().map(|v| f64::from(v.orders)).collect();
    let recency: Vec<f64> = values
        .iter()
        .map(|v| v.last_order.map_or(1e9, |d| (anchor - d).num_days() as f64))
        .collect();
    let js = js_classify(&profit, &revenue, &orders, &recency);
    figures.insert(
        "classify_pyramid_abc_rfm",
        figure(classify_ms, js.get(0).as_f64(), Some(n)),
    );
    figures.insert(
        "classification_total_from_facts",
        figure(aggregate_ms + classify_ms, None, Some(n)),
    );

    // Filtering the customer list to the VIP and Major tiers.
    let directory = crm::domain::customers::Directory::new(customers);
    let subset: std::collections::HashSet<_> = ids
        .iter()
        .zip(&ranking.tiers)
        .filter(|(_, t)| {
            matches!(
                t,
                crm::domain::value::ValueTier::Vip | crm::domain::value::ValueTier::Major
            )
        })
        .map(|(id, _)| id.clone())
        .collect();
    let query = ListQuery {
        subset: Some(crm::domain::customers::Subset {
            label: "key".into(),
            ids: std::sync::Arc::new(subset),
        }),
        ..ListQuery::default()
    };
    let started = now();
    let hits = directory.query(&query);
    figures.insert(
        "filter_list_by_tier",
        figure(now() - started, None, Some(hits.len())),
    );

    // First render of the pyramid view's charts from the classification.
    let summary = crm::domain::value::tier_summary(&values, &ranking.tiers);
    let started = now();
    let host = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
        .expect("host element");
    let host: web_sys::HtmlElement = host.unchecked_into();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        use leptos::prelude::*;
        provide_context(crm::ui::context::Shell::new());
        view! { <crm::ui::value::charts::PyramidChart summary=summary.clone() on_tier=Callback::new(|_| {})/> }
    });
    let render_ms = now() - started;
    assert!(host.inner_html().contains("<svg"), "the pyramid rendered");
    drop(handle);
    figures.insert("first_render_pyramid_chart", figure(render_ms, None, None));

    let report = serde_json::json!({
        "benchmark": "value_at_scale",
        "customers": n,
        "orders": orders_total,
        "files": files.len(),
        "figures": figures,
        "wasm_memory_mb": round(wasm_memory_mb()),
        "js_heap_mb": round(heap_bytes() / 1_048_576.0),
    });
    console_log!("BENCH {}", report);
    store.close();
}

/// `per` orders for each of `customers`, numbered from customer `first` (the same
/// spread of amounts, days and currencies as [`export_files`], without the CSV).
fn bench_orders(
    customers: &[crm::domain::customers::Customer],
    first: usize,
    per: usize,
    anchor: NaiveDate,
    rng: &mut demo::DemoRng,
) -> Vec<crm::domain::orders::Order> {
    use crm::domain::orders::{CurrencyCode, Money, Order, OrderDetails, OrderStatus};
    let currencies = ["EUR", "USD", "GBP"].map(|c| CurrencyCode::parse(c).expect("code"));
    let mut orders = Vec::with_capacity(customers.len() * per);
    for (i, customer) in customers.iter().enumerate() {
        let c = first + i;
        for k in 0..per {
            let amount = 500 + rng.below(40_000) as i64;
            orders.push(Order {
                id: format!("shop:B{c:06}-{k:02}"),
                customer_id: customer.id.clone(),
                number: format!("B{c:06}-{k:02}"),
                channel: "shop".into(),
                placed_on: anchor - chrono::Duration::days(rng.below(720) as i64),
                total: Money::new(amount, currencies[(c + k) % 3]),
                status: OrderStatus::Delivered,
                cost_of_goods: amount * 45 / 100,
                shipping_cost: amount / 20,
                discount: 0,
                refunded: 0,
                details: OrderDetails::default(),
            });
        }
    }
    orders
}

/// Issue 17: opening the value analysis over 1,000,000 stored orders, from the
/// facts kept beside them, in a fresh connection (as after a reload); the build
/// from the orders (an upgraded database's first start) beside it; wasm memory after
/// the writing and after the analysis, apart.
#[wasm_bindgen_test]
async fn value_open_at_scale() {
    use crm::domain::orders::CurrencyCode;
    use crm::domain::value::{DecimalRate, ValueSettings};
    use crm::services::value::{classify_in_steps, ValueInputs, FACTS_PER_STEP};
    use crm::storage::idb::{ORDERS, ORDER_FACTS};

    let n = customers_count();
    let per = orders_per_customer();
    let anchor = NaiveDate::from_ymd_opt(2026, 11, 1).expect("valid date");
    // Customers only: the demo's own 400,000 orders would set the page's memory
    // high-water mark before anything is measured.
    let customers = demo::generate_customers(n, demo::DEMO_SEED, anchor);
    let mut figures: BTreeMap<&str, Figure> = BTreeMap::new();
    let db_name = format!("crm-bench-open-{}", uuid::Uuid::new_v4());
    let raw_name = format!("{db_name}-raw");
    let (store, _) = IdbStore::open(&db_name, || {})
        .await
        .expect("bench database opens");
    store.load_order_facts(&|_| {}).await.expect("facts");
    store.put_many(&customers, &[]).await.expect("customers");

    // Orders written 100,000 at a time, each write keeping the facts in its transaction.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    let mut rng = demo::DemoRng::new(7);
    let (mut write_ms, mut raw_ms, mut written) = (0.0, 0.0, 0usize);
    let chunk = (100_000 / per.max(1)).max(1);
    for (k, part) in customers.chunks(chunk).enumerate() {
        let orders = bench_orders(part, k * chunk, per, anchor, &mut rng);
        let started = now();
        store.put_many(&[], &orders).await.expect("orders");
        write_ms += now() - started;
        written += orders.len();
        let js_orders = orders.serialize(&serializer).expect("orders convert to JS");
        raw_ms += raw_put_all(&raw_name, js_orders)
            .await
            .expect("raw put")
            .as_f64()
            .unwrap_or(f64::NAN);
    }
    figures.insert(
        "orders_write_with_facts_vs_raw_idb_put",
        figure(write_ms, Some(raw_ms), Some(written)),
    );
    store.close();
    // Wasm memory never shrinks: what the analysis below adds shows only above this
    // high-water mark of the writing.
    let memory_after_write = wasm_memory_mb();
    let heap_after_write = heap_bytes() / 1_048_576.0;

    // A fresh connection, as after a reload: read the stored facts.
    let (store, _) = IdbStore::open(&db_name, || {}).await.expect("reopens");
    let raw_facts = raw_read_store(&db_name, ORDER_FACTS)
        .await
        .expect("raw facts read");
    let raw_facts_ms = js_sys::Array::from(&raw_facts).get(0).as_f64();
    long_tasks_start();
    let started = now();
    let facts = store.load_order_facts(&|_| {}).await.expect("facts load");
    let costs = store.load_costs().await.expect("costs");
    let load_ms = now() - started;
    // The read and the classification measured apart (the 50 ms the observer
    // needs to report falls between them, outside both times).
    let longest_read = long_tasks_stop().await.as_f64();
    let memory_after_read = wasm_memory_mb();
    long_tasks_start();
    let started = now();
    // As the app does it: the classification in steps, the page painting between.
    let mut settings = ValueSettings::default_for(anchor);
    settings.from = anchor - chrono::Duration::days(730);
    for (code, rate) in [("EUR", "1.08"), ("GBP", "1.27")] {
        settings.rates.rates.insert(
            CurrencyCode::parse(code).expect("code"),
            DecimalRate::parse(rate).expect("rate"),
        );
    }
    let ids: Vec<_> = customers.iter().map(|c| c.id.clone()).collect();
    let inputs = ValueInputs { facts, costs };
    let classification = classify_in_steps(
        ids,
        &inputs,
        &settings,
        anchor,
        FACTS_PER_STEP,
        crm::web::next_task,
    )
    .await
    .expect("classified");
    let classify_ms = now() - started;
    let open_ms = load_ms + classify_ms;
    let longest_classify = long_tasks_stop().await.as_f64();
    let facts = &inputs.facts;
    assert_eq!(facts.len(), written);
    assert_eq!(
        (classification.tiers.len(), classification.abc.len()),
        (n, n)
    );
    figures.insert(
        "load_stored_facts_vs_raw_read",
        figure(load_ms, raw_facts_ms, Some(written)),
    );
    figures.insert("value_open_ms_1m", figure(open_ms, None, Some(written)));
    if let (Some(read), Some(classify)) = (longest_read, longest_classify) {
        figures.insert(
            "longest_task_ms_analysis",
            figure(read.max(classify), None, None),
        );
        figures.insert("longest_task_ms_facts_read", figure(read, None, None));
        figures.insert("longest_task_ms_classify", figure(classify, None, None));
    }
    figures.insert("classify_in_steps_ms_1m", figure(classify_ms, None, None));
    let memory_mb = wasm_memory_mb();
    let heap_after_open = heap_bytes() / 1_048_576.0;
    drop((classification, inputs));

    // The upgrade path: no stored facts, build them from the order records.
    store.forget_order_facts().await.expect("forget facts");
    let raw_orders = raw_read_store(&db_name, ORDERS)
        .await
        .expect("raw orders read");
    let raw_orders_ms = js_sys::Array::from(&raw_orders).get(0).as_f64();
    let started = now();
    let built = store.load_order_facts(&|_| {}).await.expect("build");
    figures.insert(
        "build_facts_from_orders_vs_raw_read",
        figure(now() - started, raw_orders_ms, Some(built.len())),
    );

    let report = serde_json::json!({
        "benchmark": "value_open_at_scale",
        "customers": n,
        "orders": written,
        "figures": figures,
        "wasm_memory_mb_after_write": round(memory_after_write),
        "wasm_memory_mb_after_read": round(memory_after_read),
        "wasm_memory_mb_1m": round(memory_mb),
        "js_heap_mb_after_write": round(heap_after_write),
        "js_heap_mb_1m": round(heap_after_open),
    });
    console_log!("BENCH {}", report);
    store.close();
}
