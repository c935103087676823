//! Moving records in and out: orders and customers files, full backups, CSV export.

pub mod backup;
pub mod csv_export;
pub mod customers_import;
pub mod in_steps;
pub mod orders_import;
