//! Leptos components, grouped by bounded context like the layers below. They
//! render signals from the narrow contexts in [`context`] and call the
//! [`context::Backend`]'s actions, which call the use cases in `services/`;
//! components never touch storage directly.

pub mod app;
pub mod complaints;
pub mod contacts;
pub mod context;
pub mod customers;
pub mod exchange;
pub mod latest;
pub mod replies;
pub mod route;
pub mod today;
pub mod value;
pub mod widgets;

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
