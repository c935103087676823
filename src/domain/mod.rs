//! Pure domain logic: no web-sys, no leptos, no storage. Everything here is tested
//! natively with `cargo test`.

#[macro_use]
pub mod coded_enum;

pub mod backup;
pub mod complaint;
pub mod contact;
pub mod csv_export;
pub mod customer;
pub mod customer_import;
pub mod demo;
pub mod demo_service;
pub mod directory;
pub mod fast_hash;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod fuzz_support;
pub mod lifecycle;
pub mod order;
pub mod order_facts;
pub mod order_import;
pub mod record_migrations;
pub mod reference_rates;
pub mod text_file;
pub mod tiering;
pub mod validation;
pub mod value;
