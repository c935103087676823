//! Customers: the customer record, its lifecycle stage, the customer form's
//! validation and the directory (search, filters, sorting).
//!
//! The parts are re-exported, so users write `domain::customers::Customer`.

mod directory;
mod form;
mod lifecycle;
mod record;
mod stage_offers;
#[cfg(test)]
mod stage_offers_tests;

pub use directory::*;
pub use form::*;
pub use lifecycle::*;
pub use record::*;
pub use stage_offers::*;
