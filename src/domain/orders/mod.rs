//! Orders: the order record with its money and status, and the facts derived from a
//! customer's orders.
//!
//! The parts are re-exported, so users write `domain::orders::Order`.

mod cost_form;
mod facts;
mod order;
mod stored_facts;

pub use cost_form::*;
pub use facts::*;
pub use order::*;
pub use stored_facts::*;
