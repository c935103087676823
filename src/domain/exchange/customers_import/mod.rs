//! Customers CSV import (客户导入): a rep uploads a customer list (a spreadsheet, a
//! marketplace or another CRM's export, or our own export), maps its columns to our
//! fields, previews every rejected row and every likely duplicate, decides what to do
//! with each duplicate, then imports.
//!
//! Parsing is shared with the orders import ([`parse_csv`](crate::domain::shared::csv::parse_csv));
//! a mapping can be remembered per [`header_signature`](crate::domain::shared::csv::header_signature).
//! Each row goes through the same [`validate_draft`] as the customer form, so an
//! imported record obeys exactly the rules of a typed one.
//!
//! Row numbers are spreadsheet rows: the header is row 1, the first data row is row 2.

mod choices;
mod mapping;
mod plan;
mod preview;

pub use choices::*;
pub use mapping::*;
pub use plan::*;
pub use preview::*;

// ---------------------------------------------------------------------------
#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
