//! Leptos components. They render signals from [`state::AppState`] and call its
//! actions; they never touch storage directly.

pub mod app;
pub mod charts;
pub mod costs;
pub mod download;
pub mod form;
pub mod import;
pub mod list;
pub mod record;
pub mod route;
pub mod state;
pub mod value;

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
