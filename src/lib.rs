//! Cross-border CRM: an offline-first customer database for e-commerce service reps.
//!
//! - [`domain`]: pure logic (records, flow model, validation, search, demo data).
//! - [`i18n`]: every user-visible string and sentence, above the domain (the domain
//!   never imports it), compiled natively so its completeness tests run in `cargo test`.
//! - [`storage`]: the [`storage::CrmStore`] interface, in-memory and IndexedDB adapters.
//! - `web` / `ui` (wasm32 only): browser services (Intl time zones, preferences) and
//!   the Leptos components.

pub mod domain;
pub mod i18n;
pub mod services;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
