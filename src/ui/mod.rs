//! Leptos components. They render signals from [`state::AppState`] and call its
//! actions; they never touch storage directly.

pub mod app;
pub mod charts;
mod complaint_labels;
pub mod complaint_queue;
pub mod complaints;
pub mod confirm;
pub mod costs;
pub mod csv_file;
pub mod customer_import;
pub mod data;
pub mod download;
pub mod followups;
pub mod form;
pub mod import;
pub mod list;
pub mod record;
pub mod route;
pub mod service;
pub mod state;
pub mod timeline;
pub mod value;

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
