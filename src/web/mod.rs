//! Thin wrappers over browser services the UI needs: the Intl time-zone database,
//! and small preferences in localStorage.

pub mod care;
pub mod files;
pub mod intl;
pub mod prefs;
pub mod pwa;
pub mod replies;
pub mod sync;
