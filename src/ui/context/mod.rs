//! The app's state, in narrow contexts: a component asks only for what it reads.
//!
//! - [`Shell`]: language, route, toasts, clock.
//! - [`CustomersView`]: the directory, the list's query and page, value tiers.
//! - [`ServiceDesk`]: complaints, follow-ups, response limits, the rep's name.
//! - [`Device`]: offline copy, persistence, updates, the backup reminder.
//! - [`SyncView`]: team sync's settings and status.
//! - [`Backend`]: the database and other tabs; every write goes through it.

mod backend;
mod customers;
mod desk;
mod device;
mod insight;
mod shell;
mod sync;

pub use backend::{Backend, DataChanges, LibraryLoadError, LoadState};
pub use customers::{CustomersView, PAGE_SIZE, SEARCH_INPUT_ID};
pub use desk::ServiceDesk;
pub use device::Device;
pub use insight::{Insight, InsightKeeper, Shared};
pub use shell::{Shell, Toast, ToastKind, Undoable};
pub use sync::{SyncState, SyncView};

use leptos::prelude::*;

/// Creates every context and provides it to the component tree below.
pub fn provide_app_contexts() -> Backend {
    let shell = Shell::new();
    let device = Device::new();
    let customers = CustomersView::new();
    let desk = ServiceDesk::new();
    let insight = Insight::new();
    let sync = SyncView::new();
    let backend = Backend::new(shell, device, customers, desk, sync);
    provide_context(shell);
    provide_context(device);
    provide_context(customers);
    provide_context(desk);
    provide_context(insight);
    provide_context(sync);
    provide_context(backend);
    backend
}
