//! Data in and out of the app: the orders and the customers import (CSV exports of
//! marketplaces and spreadsheets), the CSV export, backups and the migrations of
//! stored records. Each is an independent format, used by its module path
//! (`domain::exchange::backup::parse_backup`).

pub mod backup;
pub mod csv_export;
pub mod customers_import;
pub mod orders_import;
pub mod record_migrations;
