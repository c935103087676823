//! Orders CSV import (订单导入): a rep uploads a marketplace export, maps its columns
//! to ours, previews every rejected row, then imports.
//!
//! Everything here is pure and allocation-conscious: [`plan_import`] resolves the
//! mapping once and validates a million rows without per-row allocations beyond the
//! [`Order`] it produces. Amounts are parsed exactly into minor units (no floats).
//!
//! Row numbers reported to the rep are spreadsheet rows: the header is row 1, the
//! first data row is row 2, blank lines count as rows, and a quoted field spanning
//! several lines stays one row (as in Excel / WPS / Google Sheets).

mod dates;
mod hash_index;
mod mapping;
mod planner;
mod planning;

pub use crate::domain::shared::amounts::{parse_amount, AmountProblem, DecimalStyle};
pub use dates::*;
use hash_index::*;
pub use mapping::*;
pub use planner::*;
pub use planning::*;

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
