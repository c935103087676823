//! Files in and out: orders and customers imports side by side, backup and
//! restore, and the one CSV file picker they share.

pub mod backup;
pub mod csv_file;
pub mod customers_import;
pub mod orders_import;
pub mod stage_offers;
pub mod sync;
