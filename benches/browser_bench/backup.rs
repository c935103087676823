//! Backup and restore at scale against raw IndexedDB + JSON in plain JS.

use super::baselines::*;
use super::*;

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
