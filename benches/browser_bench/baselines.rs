//! The plain-JS baselines measured in the same page (raw IndexedDB, plain-JS
//! search, classification, rhythm and aggregation), the long-task observer, and the
//! figure every benchmark prints: ours, the baseline and their ratio.

use super::*;

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
    pub fn now() -> f64;
    pub fn heap_bytes() -> f64;
    #[wasm_bindgen(catch)]
    pub async fn raw_put_all(name: &str, records: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub async fn raw_get_all(name: &str) -> Result<JsValue, JsValue>;
    pub fn js_search(records: &JsValue, text: &str) -> js_sys::Array;
    #[wasm_bindgen(catch)]
    pub async fn raw_read_store(name: &str, store: &str) -> Result<JsValue, JsValue>;
    pub fn long_tasks_start();
    pub async fn long_tasks_stop() -> JsValue;
    #[wasm_bindgen(catch)]
    pub async fn raw_backup(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub async fn raw_restore(name: &str, text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub async fn raw_backup_text(name: &str) -> Result<JsValue, JsValue>;
    pub fn js_classify(
        profit: &[f64],
        revenue: &[f64],
        orders: &[f64],
        recency: &[f64],
    ) -> js_sys::Array;
    pub fn js_rhythm(customer: &[u32], day: &[i32], today: i32) -> js_sys::Array;
    pub fn js_aggregate(
        customer: &[u32],
        currency: &[u32],
        total: &[f64],
        cost: &[f64],
        rates: &[f64],
        customers: u32,
    ) -> js_sys::Array;
}

#[derive(Serialize)]
pub struct Figure {
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

pub fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub fn figure(ours_ms: f64, baseline_ms: Option<f64>, items: Option<usize>) -> Figure {
    let per_second = |ms: f64| items.map(|n| round(n as f64 / (ms / 1000.0)));
    Figure {
        ours_ms: round(ours_ms),
        baseline_ms: baseline_ms.map(round),
        ratio: baseline_ms.map(|b| round(ours_ms / b)),
        ours_per_second: per_second(ours_ms),
        baseline_per_second: baseline_ms.and_then(per_second),
    }
}

pub fn customers_count() -> usize {
    option_env!("CRM_BENCH_CUSTOMERS")
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// The wasm memory's size now (it only grows: the page's high-water mark).
pub fn wasm_memory_mb() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
        / 1_048_576.0
}
