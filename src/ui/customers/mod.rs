//! The customer list, the record page and the customer form.

pub mod form;
pub mod list;
pub mod record;
