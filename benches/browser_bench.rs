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

#[path = "browser_bench/backup.rs"]
mod backup;
#[path = "browser_bench/baselines.rs"]
mod baselines;
#[path = "browser_bench/list.rs"]
mod list;
#[path = "browser_bench/value.rs"]
mod value;
