//! Customers: the customer record, its lifecycle stage, the customer form's
//! validation and the directory (search, filters, sorting).
//!
//! The parts are re-exported, so users write `domain::customers::Customer`.

mod directory;
mod first_page;
mod form;
mod lifecycle;
mod record;
mod search_text;
mod stage_offers;
#[cfg(test)]
mod stage_offers_tests;
mod summaries;
#[cfg(test)]
mod summaries_tests;
mod winback;

pub use directory::*;
pub use first_page::*;
pub use form::*;
pub use lifecycle::*;
pub use record::*;
pub use search_text::SearchText;
pub use stage_offers::*;
pub use summaries::*;
pub use winback::*;
