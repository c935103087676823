//! Application services: use cases that combine the pure domain with the storage
//! port ([`CrmStore`] and its per-context traits). Generic over the store, asking
//! only for the contexts they use, so they run natively against the in-memory
//! adapter in tests and against IndexedDB in the app.
//!
//! [`CrmStore`]: crate::storage::CrmStore

pub mod backup;
pub mod csv_export;
pub mod demo;
pub mod import_orders;
