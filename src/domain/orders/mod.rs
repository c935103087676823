//! Orders: the order record with its money and status, and the facts derived from a
//! customer's orders.
//!
//! The parts are re-exported, so users write `domain::orders::Order`.

mod facts;
mod order;

pub use facts::*;
pub use order::*;
