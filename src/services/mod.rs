//! Application services: the use cases. Each combines the pure domain with the
//! storage port, generic over the narrowest per-context traits it needs, so it runs
//! natively against the in-memory adapter in tests and against IndexedDB in the
//! app. The UI calls these and only applies what they return to its signals.
//!
//! One module per bounded context; `workspace` is what the app reads at start.

pub mod care;
pub mod complaints;
pub mod contacts;
pub mod customers;
pub mod demo;
pub mod exchange;
pub mod replies;
pub mod settings;
pub mod sync;
pub mod value;
pub mod workspace;
