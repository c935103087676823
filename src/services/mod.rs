//! Application services: use cases that combine the pure domain with a [`CrmStore`].
//! Generic over the store, so they run natively against the in-memory adapter in
//! tests and against IndexedDB in the app.
//!
//! [`CrmStore`]: crate::storage::CrmStore

pub mod backup;
pub mod csv_export;
pub mod demo;
pub mod import_orders;
