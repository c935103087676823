//! The customer list, the record page (header card, key facts, action panels,
//! timeline) and the customer form.

pub mod form;
mod header;
pub mod list;
mod panels;
pub mod record;
mod stage;
