//! Browser benchmark: our code against same-page baselines (raw IndexedDB from plain
//! JS, plain-JS filtering/sorting), printed as JSON with ratios ours/baseline.
//! Run with `scripts/bench.sh`; figures, not assertions: a noisy machine must not
//! fail a build.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crm::domain::customers::{Directory, ListQuery, SortKey};
use crm::domain::demo;
use crm::storage::idb::IdbStore;
use crm::storage::prelude::*;
use crm::storage::test_support::StoreTestSupport;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function now() { return performance.now(); }

export function heap_bytes() {
  return (performance.memory && performance.memory.usedJSHeapSize) || 0;
}

function open(name) {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('records', { keyPath: 'id' });
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

function read_all(db) {
  return new Promise((ok, fail) => {
    const req = db.transaction('records').objectStore('records').getAll();
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

// One transaction, every put issued at once, then wait for completion.
export async function raw_put_all(name, records) {
  const db = await open(name);
  const started = performance.now();
  await new Promise((ok, fail) => {
    const tx = db.transaction('records', 'readwrite');
    const store = tx.objectStore('records');
    for (const r of records) store.put(r);
    tx.oncomplete = ok;
    tx.onerror = () => fail(tx.error);
  });
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}

export async function raw_get_all(name) {
  const db = await open(name);
  const started = performance.now();
  const all = await read_all(db);
  const elapsed = performance.now() - started;
  db.close();
  return [elapsed, all.length];
}

// Raw read of one store of an existing database (ours): the baseline for reading
// what our code reads. Returns [ms, records].
export async function raw_read_store(name, storeName) {
  const db = await new Promise((ok, fail) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
  const started = performance.now();
  const all = await new Promise((ok, fail) => {
    const req = db.transaction(storeName).objectStore(storeName).getAll();
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
  const elapsed = performance.now() - started;
  db.close();
  return [elapsed, all.length];
}

// The Long Tasks API: the longest main-thread task (ms) between start and stop.
let longest = 0;
let observer = null;
export function long_tasks_start() {
  longest = 0;
  if (typeof PerformanceObserver === 'undefined') return;
  observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  try { observer.observe({ type: 'longtask', buffered: false }); } catch (_) { observer = null; }
}
export async function long_tasks_stop() {
  // Entries are delivered after the task ends: let one more task run first.
  await new Promise((ok) => setTimeout(ok, 50));
  if (observer) { for (const e of observer.takeRecords()) longest = Math.max(longest, e.duration); observer.disconnect(); }
  observer = null;
  return longest;
}

// Plain-JS backup baseline: every record with getAll, one JSON.stringify.
// Returns [ms, bytes].
export async function raw_backup(name) {
  const db = await open(name);
  const started = performance.now();
  const all = await read_all(db);
  const text = JSON.stringify({ records: all });
  const elapsed = performance.now() - started;
  db.close();
  return [elapsed, text.length];
}

// Plain-JS restore baseline: JSON.parse, clear, put everything in one transaction.
export async function raw_restore(name, text) {
  const db = await open(name);
  const started = performance.now();
  const records = JSON.parse(text).records;
  await new Promise((ok, fail) => {
    const tx = db.transaction('records', 'readwrite');
    const store = tx.objectStore('records');
    store.clear();
    for (const r of records) store.put(r);
    tx.oncomplete = ok;
    tx.onerror = () => fail(tx.error);
  });
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}

export async function raw_backup_text(name) {
  const db = await open(name);
  const all = await read_all(db);
  db.close();
  return JSON.stringify({ records: all });
}

// The list query in plain JS over the same records: precomputed lower-case keys,
// substring filter, sort by name key then id. Returns [build ms, query ms, hits].
export function js_search(records, text) {
  let started = performance.now();
  const rows = records.map((r) => ({
    id: r.id,
    name: r.name.toLowerCase(),
    key: [r.name, r.email, r.phone, r.country, ...(r.tags || [])].join('\u001f').toLowerCase(),
  }));
  const build = performance.now() - started;
  started = performance.now();
  const hits = rows.filter((r) => r.key.includes(text));
  hits.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [build, performance.now() - started, hits.length];
}

// Plain-JS sort + classify over the same per-customer values: tiers by profit
// (1/19/30/50), ABC by revenue (55/85), RFM quintiles (three sorts).
export function js_classify(profit, revenue, orders, recency) {
  const started = performance.now();
  const n = profit.length;
  const base = Array.from({ length: n }, (_, i) => i);
  const byProfit = base.slice().sort((a, b) => profit[b] - profit[a] || a - b);
  const tiers = new Uint8Array(n);
  const c1 = Math.ceil(n * 0.01), c2 = Math.ceil(n * 0.2), c3 = Math.ceil(n * 0.5);
  byProfit.forEach((i, r) => { tiers[i] = r < c1 ? 0 : r < c2 ? 1 : r < c3 ? 2 : 3; });
  const byRevenue = base.slice().sort((a, b) => revenue[b] - revenue[a] || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) total += revenue[i];
  const abc = new Uint8Array(n);
  let cumulative = 0;
  for (const i of byRevenue) { abc[i] = cumulative < 0.55 * total ? 0 : cumulative < 0.85 * total ? 1 : 2; cumulative += revenue[i]; }
  const quintile = (values, ascending) => {
    const order = base.slice().sort((a, b) => (ascending ? values[a] - values[b] : values[b] - values[a]) || a - b);
    const score = new Uint8Array(n);
    order.forEach((i, r) => { score[i] = 1 + Math.floor((r * 5) / n); });
    return score;
  };
  const r = quintile(recency, false), f = quintile(orders, true), m = quintile(revenue, true);
  return [performance.now() - started, tiers[0] + abc[0] + r[0] + f[0] + m[0]];
}

// Plain-JS rhythm pass over the same facts, grouped by customer and day as ours
// are: distinct order days, the median gap, silence beyond 1.5 times it.
export function js_rhythm(customer, day, today) {
  const started = performance.now();
  let flagged = 0;
  const days = [];
  let i = 0;
  while (i < customer.length) {
    const c = customer[i];
    days.length = 0;
    for (; i < customer.length && customer[i] === c; i++) {
      if (days.length === 0 || days[days.length - 1] !== day[i]) days.push(day[i]);
    }
    if (days.length < 3) continue;
    const gaps = new Int32Array(days.length - 1);
    for (let k = 1; k < days.length; k++) gaps[k - 1] = days[k] - days[k - 1];
    gaps.sort();
    const usual = gaps[(gaps.length - 1) >> 1];
    if ((today - days[days.length - 1]) * 10 > usual * 15) flagged++;
  }
  return [performance.now() - started, flagged];
}

// Plain-JS aggregation of the same order facts into per-customer profit.
export function js_aggregate(customer, currency, total, cost, rates, customers) {
  const started = performance.now();
  const profit = new Float64Array(customers);
  for (let i = 0; i < customer.length; i++) profit[customer[i]] += (total[i] - cost[i]) * rates[currency[i]];
  return [performance.now() - started, profit[0]];
}
"#)]
extern "C" {
    fn now() -> f64;
    fn heap_bytes() -> f64;
    #[wasm_bindgen(catch)]
    async fn raw_put_all(name: &str, records: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn raw_get_all(name: &str) -> Result<JsValue, JsValue>;
    fn js_search(records: &JsValue, text: &str) -> js_sys::Array;
    #[wasm_bindgen(catch)]
    async fn raw_read_store(name: &str, store: &str) -> Result<JsValue, JsValue>;
    fn long_tasks_start();
    async fn long_tasks_stop() -> JsValue;
    #[wasm_bindgen(catch)]
    async fn raw_backup(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn raw_restore(name: &str, text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn raw_backup_text(name: &str) -> Result<JsValue, JsValue>;
    fn js_classify(
        profit: &[f64],
        revenue: &[f64],
        orders: &[f64],
        recency: &[f64],
    ) -> js_sys::Array;
    fn js_rhythm(customer: &[u32], day: &[i32], today: i32) -> js_sys::Array;
    fn js_aggregate(
        customer: &[u32],
        currency: &[u32],
        total: &[f64],
        cost: &[f64],
        rates: &[f64],
        customers: u32,
    ) -> js_sys::Array;
}

#[derive(Serialize)]
struct Figure {
    ours_ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ratio: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ours_per_second: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_per_second: Option<f64>,
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn figure(ours_ms: f64, baseline_ms: Option<f64>, items: Option<usize>) -> Figure {
    let per_second = |ms: f64| items.map(|n| round(n as f64 / (ms / 1000.0)));
    Figure {
        ours_ms: round(ours_ms),
        baseline_ms: baseline_ms.map(round),
        ratio: baseline_ms.map(|b| round(ours_ms / b)),
        ours_per_second: per_second(ours_ms),
        baseline_per_second: baseline_ms.and_then(per_second),
    }
}

fn customers_count() -> usize {
    option_env!("CRM_BENCH_CUSTOMERS")
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

#[wasm_bindgen_test]
async fn list_at_scale() {
    let n = customers_count();
    let anchor = NaiveDate::from_ymd_opt(2026, 11, 1).expect("valid date");
    let started = now();
    let data = demo::generate(n, demo::DEMO_SEED, anchor);
    let generate_ms = now() - started;
    let mut figures: BTreeMap<&str, Figure> = BTreeMap::new();
    figures.insert(
        "generate_demo_customers",
        figure(generate_ms, None, Some(n)),
    );

    // Same records as plain JS objects for the baselines (conversion not timed).
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    let js_records = data
        .customers
        .serialize(&serializer)
        .expect("records convert to JS");

    let db_name = format!("crm-bench-{}", uuid::Uuid::new_v4());
    let (store, _) = IdbStore::open(&db_name, || {})
        .await
        .expect("bench database opens");
    let started = now();
    store
        .put_many(&data.customers, &[])
        .await
        .expect("put_many");
    let ours_put = now() - started;
    let raw_name = format!("{db_name}-raw");
    let raw_put = raw_put_all(&raw_name, js_records.clone())
        .await
        .expect("raw put")
        .as_f64()
        .unwrap_or(f64::NAN);
    figures.insert(
        "idb_put_customers",
        figure(ours_put, Some(raw_put), Some(n)),
    );

    let started = now();
    let loaded = store.load_customers().await.expect("load");
    let ours_load = now() - started;
    assert_eq!(loaded.customers.len(), n);
    let raw = raw_get_all(&raw_name).await.expect("raw getAll");
    let raw_load = js_sys::Array::from(&raw)
        .get(0)
        .as_f64()
        .unwrap_or(f64::NAN);
    figures.insert(
        "idb_load_customers",
        figure(ours_load, Some(raw_load), Some(n)),
    );

    // Where load time goes: stringify in JS, then serde_json in wasm.
    let started = now();
    let text: String = js_sys::JSON::stringify(&js_records)
        .expect("stringify")
        .into();
    let stringify_ms = now() - started;
    let started = now();
    let reparsed: Vec<crm::domain::customers::Customer> =
        serde_json::from_str(&text).expect("parse");
    let parse_ms = now() - started;
    let load_breakdown = serde_json::json!({
        "js_stringify_ms": round(stringify_ms),
        "serde_json_parse_ms": round(parse_ms),
        "json_mb": round(text.len() as f64 / 1_048_576.0),
        "records": reparsed.len(),
    });
    drop(reparsed);
    drop(text);

    let started = now();
    let directory = Directory::new(loaded.customers);
    let ours_build = now() - started;
    let js = js_search(&js_records, "mar");
    let js_build = js.get(0).as_f64().unwrap_or(f64::NAN);
    let js_query = js.get(1).as_f64().unwrap_or(f64::NAN);
    figures.insert(
        "directory_build",
        figure(ours_build, Some(js_build), Some(n)),
    );

    let query = ListQuery {
        text: "mar".into(),
        ..ListQuery::default()
    };
    let started = now();
    let hits = directory.query(&query);
    let ours_query = now() - started;
    // Ours also matches company contact persons and folds accents, so it may find a few more.
    let hit_counts = serde_json::json!({ "ours": hits.len(), "baseline": js.get(2).as_f64() });
    figures.insert(
        "search_keystroke_mar",
        figure(ours_query, Some(js_query), None),
    );

    let all = ListQuery {
        sort: SortKey::LastContact,
        descending: true,
        ..ListQuery::default()
    };
    let started = now();
    let sorted = directory.query(&all);
    figures.insert(
        "sort_all_by_last_contact",
        figure(now() - started, None, Some(sorted.len())),
    );

    let wasm_memory = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length();
    let report = serde_json::json!({
        "benchmark": "list_at_scale",
        "customers": n,
        "figures": figures,
        "search_hits": hit_counts,
        "load_breakdown": load_breakdown,
        "wasm_memory_mb": round(wasm_memory as f64 / 1_048_576.0),
        "js_heap_mb": round(heap_bytes() / 1_048_576.0),
    });
    console_log!("BENCH {}", report);
    store.close();
}

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
    let customers = demo::generate(n, demo::DEMO_SEED, anchor).customers;
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
        "wasm_memory_mb": round(wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64 / 1_048_576.0),
        "js_heap_mb": round(heap_bytes() / 1_048_576.0),
    });
    console_log!("BENCH {}", report);
    store.close();
}

/// Issue 17: a rep's morning at 100,000 customers. The customers are written
/// 10,000 at a time (so generating them does not inflate this page's memory), then
/// a fresh connection opens the database as a reload does: the clock runs until
/// the list's first page is read (what the app shows first) and until every
/// customer is read and indexed (search ready); memory is read after.
#[wasm_bindgen_test]
async fn startup_at_scale() {
    use crm::storage::idb::CUSTOMERS;
    let n = customers_count();
    let anchor = NaiveDate::from_ymd_opt(2026, 11, 1).expect("valid date");
    let db_name = format!("crm-bench-start-{}", uuid::Uuid::new_v4());
    let (store, _) = IdbStore::open(&db_name, || {})
        .await
        .expect("bench database opens");
    let mut written = 0;
    let mut k = 0;
    while written < n {
        let part = demo::generate((n - written).min(10_000), demo::DEMO_SEED + k, anchor).customers;
        store.put_many(&part, &[]).await.expect("customers");
        written += part.len();
        k += 1;
    }
    // What the app does once after its first full load: build the list's order.
    store.prepare_first_customers().await.expect("list order");
    store.close();
    let memory_before_mb = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
        / 1_048_576.0;

    let raw = raw_read_store(&db_name, CUSTOMERS).await.expect("raw read");
    let raw_ms = js_sys::Array::from(&raw).get(0).as_f64();
    let mut figures: BTreeMap<&str, Figure> = BTreeMap::new();
    long_tasks_start();
    let started = now();
    let (store, _) = IdbStore::open(&db_name, || {}).await.expect("reopens");
    let opened = now();
    // What the app shows first: the list's first page, read on its own.
    let first_page = store
        .first_customers(50)
        .await
        .expect("first page")
        .expect("the list's order is complete");
    let first_rows_ms = now() - opened;
    let loaded = store.load_customers().await.expect("load");
    let directory = Directory::new(loaded.customers);
    let listed: Vec<_> = directory
        .query(&ListQuery::default())
        .into_iter()
        .take(50)
        .map(|i| directory.at(i).map(|c| c.id.clone()))
        .collect();
    let search_ready_ms = now() - opened;
    let longest_start = long_tasks_stop().await.as_f64();
    assert_eq!(
        first_page
            .iter()
            .map(|c| Some(c.id.clone()))
            .collect::<Vec<_>>(),
        listed,
        "the quick first page is the list's first page"
    );
    assert_eq!(directory.len(), n, "every customer stored once");
    figures.insert("open_database", figure(opened - started, None, None));
    figures.insert(
        "startup_first_rows_ms",
        figure(first_rows_ms, None, Some(50)),
    );
    // The directory is the search index: search is ready once every customer is read.
    figures.insert(
        "startup_search_ready_ms",
        figure(search_ready_ms, raw_ms, Some(n)),
    );
    if let Some(ms) = longest_start {
        figures.insert("longest_task_ms_startup", figure(ms, None, None));
    }
    let memory_mb = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
        / 1_048_576.0;
    let report = serde_json::json!({
        "benchmark": "startup_at_scale",
        "customers": n,
        "figures": figures,
        "wasm_memory_mb_before_load": round(memory_before_mb),
        "wasm_memory_mb_100k": round(memory_mb),
        "js_heap_mb_100k": round(heap_bytes() / 1_048_576.0),
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
/// from the orders (an upgraded database's first start) beside it; memory after.
#[wasm_bindgen_test]
async fn value_open_at_scale() {
    use crm::domain::orders::CurrencyCode;
    use crm::domain::value::{DecimalRate, ValueSettings};
    use crm::services::value::{classify_in_steps, ValueInputs, FACTS_PER_STEP};
    use crm::storage::idb::{ORDERS, ORDER_FACTS};

    let n = customers_count();
    let per = orders_per_customer();
    let anchor = NaiveDate::from_ymd_opt(2026, 11, 1).expect("valid date");
    let customers = demo::generate(n, demo::DEMO_SEED, anchor).customers;
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
    let memory_mb = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
        / 1_048_576.0;
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
        "wasm_memory_mb_1m": round(memory_mb),
        "js_heap_mb_1m": round(heap_after_open),
    });
    console_log!("BENCH {}", report);
    store.close();
}

/// Full backup and restore of N customers (customers only, so the figures isolate
/// the per-record cost): ours against raw IndexedDB + JSON in plain JS.
async fn backup_figures(n: usize) -> serde_json::Value {
    use crm::services::exchange::backup::{create_backup, plan_restore, restore_backup};
    let anchor = NaiveDate::from_ymd_opt(2026, 11, 1).expect("valid date");
    let data = demo::generate(n, demo::DEMO_SEED, anchor);
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    let js_records = data
        .customers
        .serialize(&serializer)
        .expect("records convert to JS");
    let db_name = format!("crm-bench-backup-{}", uuid::Uuid::new_v4());
    let (store, _) = IdbStore::open(&db_name, || {})
        .await
        .expect("bench database opens");
    store
        .put_many(&data.customers, &[])
        .await
        .expect("put_many");
    drop(data);
    let raw_name = format!("{db_name}-raw");
    raw_put_all(&raw_name, js_records).await.expect("raw put");

    let started = now();
    let exported = store.export_all().await.expect("export_all");
    let read_ms = now() - started;
    drop(exported);
    let started = now();
    let (text, counts) = create_backup(&store, chrono::Utc::now())
        .await
        .expect("backup");
    let export_ms = now() - started;
    let raw = js_sys::Array::from(&raw_backup(&raw_name).await.expect("raw backup"));
    let raw_export_ms = raw.get(0).as_f64().unwrap_or(f64::NAN);
    let raw_bytes = raw.get(1).as_f64().unwrap_or(f64::NAN);

    let started = now();
    let plan = plan_restore(&text).expect("the backup parses");
    let validate_ms = now() - started;
    let (target, _) = IdbStore::open(&format!("{db_name}-restore"), || {})
        .await
        .expect("restore database opens");
    let started = now();
    restore_backup(&target, &plan).await.expect("restore");
    let write_ms = now() - started;
    let raw_text: String = raw_backup_text(&raw_name)
        .await
        .expect("raw text")
        .as_string()
        .unwrap_or_default();
    let raw_restore_ms = raw_restore(&format!("{raw_name}-restore"), &raw_text)
        .await
        .expect("raw restore")
        .as_f64()
        .unwrap_or(f64::NAN);
    store.close();
    target.close();
    serde_json::json!({
        "customers": counts.customers,
        "backup_mb": round(text.len() as f64 / 1_048_576.0),
        "baseline_json_mb": round(raw_bytes / 1_048_576.0),
        "export": figure(export_ms, Some(raw_export_ms), Some(n)),
        "export_read_part_ms": round(read_ms),
        "restore": figure(validate_ms + write_ms, Some(raw_restore_ms), Some(n)),
        "restore_validate_part_ms": round(validate_ms),
        "restore_write_part_ms": round(write_ms),
    })
}

#[wasm_bindgen_test]
async fn backup_at_scale() {
    let large = customers_count();
    let small = (large / 10).max(1);
    let report = serde_json::json!({
        "benchmark": "backup_at_scale",
        "runs": [backup_figures(small).await, backup_figures(large).await],
        "js_heap_mb": round(heap_bytes() / 1_048_576.0),
    });
    console_log!("BENCH {}", report);
}
