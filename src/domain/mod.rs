//! Pure domain logic: no web-sys, no leptos, no storage. Everything here is tested
//! natively with `cargo test`.
//!
//! Organised by bounded context: each folder is one part of the business (customers,
//! orders, value, ...), `shared` holds the building blocks several contexts use.
//! Contexts that are one model split over several files (customers, orders, value,
//! complaints, contacts, demo) re-export their parts, so users write
//! `domain::customers::Customer`; `shared`, `exchange` and `sync` are collections of
//! independent modules and are used by module path (`domain::shared::text_file`).

// First, so the `coded_enum!` macro is in textual scope for every later module.
#[macro_use]
pub mod shared;

pub mod care;
pub mod complaints;
pub mod contacts;
pub mod customers;
pub mod demo;
pub mod exchange;
pub mod orders;
pub mod replies;
pub mod sync;
pub mod value;
