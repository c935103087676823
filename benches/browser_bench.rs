//! Browser benchmark: our code against same-page baselines (raw IndexedDB from plain
//! JS, plain-JS filtering/sorting), printed as JSON with ratios ours/baseline.
//! Run with `scripts/bench.sh`; figures, not assertions: a noisy machine must not
//! fail a build.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crm::domain::demo;
use crm::domain::directory::{Directory, ListQuery, SortKey};
use crm::storage::idb::IdbStore;
use crm::storage::CrmStore;
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
  const all = await new Promise((ok, fail) => {
    const req = db.transaction('records').objectStore('records').getAll();
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
  const elapsed = performance.now() - started;
  db.close();
  return [elapsed, all.length];
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
"#)]
extern "C" {
    fn now() -> f64;
    fn heap_bytes() -> f64;
    #[wasm_bindgen(catch)]
    async fn raw_put_all(name: &str, records: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn raw_get_all(name: &str) -> Result<JsValue, JsValue>;
    fn js_search(records: &JsValue, text: &str) -> js_sys::Array;
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
    let text: String = js_sys::JSON::stringify(&js_records).expect("stringify").into();
    let stringify_ms = now() - started;
    let started = now();
    let reparsed: Vec<crm::domain::customer::Customer> = serde_json::from_str(&text).expect("parse");
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
