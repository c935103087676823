//! The backend context: the open database, the channel to other tabs, and the glue
//! between them and the screens. Every write calls a use case in `services/`,
//! then applies what it returned to the view contexts and publishes the change,
//! in that order, so the screen never shows what was not saved.

mod care;
mod exchange;
mod records;
mod replies;
mod reports;
mod sync;

pub use replies::LibraryLoadError;

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::{CustomersView, Device, ServiceDesk, Shell, SyncView, ToastKind};
use crate::domain::customers::Directory;

/// Customers put in the directory per task after an import or the demo.
const DIRECTORY_STEP: usize = 5_000;
use crate::i18n::Key;
use crate::services::workspace::{load_service_data, ServiceData};
use crate::storage::idb::{ConnectionLost, IdbStore, OpenReport, DEFAULT_DB_NAME};
use crate::storage::prelude::*;
use crate::storage::StoreError;
use crate::web::sync::{Change, SyncChannel};

#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    Opening,
    /// Another tab keeps an older database version open.
    Blocked,
    /// The connection was taken away: a newer version opened elsewhere, or the
    /// browser deleted the data. Only a reload helps.
    Lost(ConnectionLost),
    Ready,
    Failed(StoreError),
}

/// What changed, here or in another tab, for the resources that read records the
/// view contexts do not hold (orders, costs, tier movements, contact logs). Only
/// [`Backend::publish`] and [`Backend::receive`] notify it, from a [`Change`], so a
/// resource re-reads exactly when what it reads was written.
#[derive(Clone, Copy)]
pub struct DataChanges {
    orders: Trigger,
    costs: Trigger,
    tiers: Trigger,
    contacts: Trigger,
    replies: Trigger,
}

impl DataChanges {
    fn new() -> Self {
        Self {
            orders: Trigger::new(),
            costs: Trigger::new(),
            tiers: Trigger::new(),
            contacts: Trigger::new(),
            replies: Trigger::new(),
        }
    }

    /// Re-run when the reply library is edited.
    pub fn track_replies(&self) {
        self.replies.track();
    }

    /// Re-run when orders are imported or restored.
    pub fn track_orders(&self) {
        self.orders.track();
    }

    /// Re-run when a cost to serve is booked.
    pub fn track_costs(&self) {
        self.costs.track();
    }

    /// Re-run when tier movements are recorded.
    pub fn track_tiers(&self) {
        self.tiers.track();
    }

    /// Re-run when a contact is logged anywhere.
    pub fn track_contacts(&self) {
        self.contacts.track();
    }

    fn record(&self, change: &Change) {
        match change {
            Change::Contacts { .. } => self.contacts.notify(),
            Change::Costs => self.costs.notify(),
            Change::Tiers => self.tiers.notify(),
            Change::Replies => self.replies.notify(),
            Change::Everything => {
                for trigger in [
                    self.orders,
                    self.costs,
                    self.tiers,
                    self.contacts,
                    self.replies,
                ] {
                    trigger.notify();
                }
            }
            Change::Customer { .. } | Change::Complaints | Change::FollowUps | Change::Settings => {
            }
        }
    }
}

#[derive(Clone, Copy)]
pub struct Backend {
    pub load: RwSignal<LoadState>,
    pub changes: DataChanges,
    shell: Shell,
    device: Device,
    customers: CustomersView,
    desk: ServiceDesk,
    sync: StoredValue<Option<Rc<SyncChannel>>, LocalStorage>,
    store: StoredValue<Option<Rc<IdbStore>>, LocalStorage>,
    sync_view: SyncView,
    sync_loop: StoredValue<Rc<sync::SyncLoop>, LocalStorage>,
}

impl Backend {
    pub fn new(
        shell: Shell,
        device: Device,
        customers: CustomersView,
        desk: ServiceDesk,
        sync_view: SyncView,
    ) -> Self {
        Self {
            load: RwSignal::new(LoadState::Opening),
            changes: DataChanges::new(),
            shell,
            device,
            customers,
            desk,
            sync: StoredValue::new_local(None),
            store: StoredValue::new_local(None),
            sync_view,
            sync_loop: StoredValue::new_local(Rc::new(sync::SyncLoop::default())),
        }
    }

    fn store(&self) -> Result<Rc<IdbStore>, StoreError> {
        self.store
            .get_value()
            .ok_or_else(|| StoreError::Open("the database is not open yet".into()))
    }

    /// Opens the database and loads every customer into the directory.
    pub async fn start(self) {
        let load = self.load;
        let opened = IdbStore::open_watched(
            DEFAULT_DB_NAME,
            move || load.set(LoadState::Blocked),
            move |why| load.set(LoadState::Lost(why)),
        )
        .await;
        let (store, report) = match opened {
            Ok(ok) => ok,
            Err(e) => {
                self.load.set(LoadState::Failed(e));
                return;
            }
        };
        let store = Rc::new(store);
        self.store.set_value(Some(store.clone()));
        let backend = self;
        self.sync.set_value(
            SyncChannel::open(move |change| {
                leptos::task::spawn_local(async move {
                    if let Err(e) = backend.receive(change).await {
                        backend.shell.notify_error(&e);
                    }
                });
            })
            .map(Rc::new),
        );
        // The first screen first: a large customer base takes seconds to read in
        // full, the list's first page a few milliseconds.
        let opens_on_the_list = self.customers.page.get_untracked() == 0
            && self
                .customers
                .query
                .with_untracked(|q| *q == crate::domain::customers::ListQuery::default());
        if opens_on_the_list {
            // Nothing to show, or an error: the full read below shows the list or
            // reports what is wrong with the store.
            if let Ok(Some(rows)) = store.first_customers(super::PAGE_SIZE as u32).await {
                if !rows.is_empty() {
                    self.customers.first_page.set(Some(Arc::new(rows)));
                }
            }
            // Then search, over the summaries (a few dozen values, not every record).
            if let Ok(Some(summaries)) = store.customer_summaries().await {
                if !summaries.is_empty() {
                    let index = crate::domain::customers::SummaryIndex::new_in_steps(
                        summaries,
                        crate::web::next_task,
                    )
                    .await;
                    self.customers.preview.set(Some(Arc::new(index)));
                }
            }
        }
        let loaded = match store.load_customers().await {
            Ok(loaded) => loaded,
            Err(e) => {
                self.customers.first_page.set(None);
                self.customers.preview.set(None);
                self.load.set(LoadState::Failed(e));
                return;
            }
        };
        // The screens open with their service data (queues, targets, reminders) in
        // place, so no field shows empty and then fills under the rep's cursor.
        match load_service_data(&*store).await {
            Ok(data) => self.show_service_data(data),
            Err(e) => self.shell.notify_error(&e),
        }
        // Indexed a slice per task: 100,000 customers would hold the page half a second.
        let mut directory = Directory::default();
        directory
            .extend_in_steps(loaded.customers, crate::web::next_task)
            .await;
        self.customers.directory.set(directory);
        self.customers
            .refocus_search
            .set(crate::web::focused_element_id().as_deref() == Some(super::SEARCH_INPUT_ID));
        self.customers.first_page.set(None);
        self.customers.preview.set(None);
        self.load.set(LoadState::Ready);
        self.report_open(&report, loaded.unreadable);
        // After an upgrade, the quick first page needs the list's order built once.
        if let Err(e) = store.prepare_list_views().await {
            self.shell.notify_error(&e);
        }
        self.resume_sync(&store).await;
    }

    /// Puts `customers` in the directory a slice per task (30,000 from an import held
    /// the page for a quarter of a second), then tells the screens once.
    async fn add_to_directory(&self, customers: &[crate::domain::customers::Customer]) {
        for (i, slice) in customers.chunks(DIRECTORY_STEP).enumerate() {
            if i > 0 {
                crate::web::next_task().await;
            }
            self.customers.directory.update_untracked(|d| {
                for c in slice {
                    d.upsert(c.clone());
                }
            });
        }
        self.customers.directory.notify();
    }

    /// A write of this tab succeeded: resources that read what it touched re-run,
    /// and the other tabs are told.
    fn publish(&self, change: Change) {
        self.changes.record(&change);
        self.kick_sync();
        if let Some(channel) = self.sync.get_value() {
            if let Err(e) = channel.announce(&change) {
                self.shell.notify_browser_failure(Key::SyncFailed, &e);
            }
        }
    }

    /// Re-reads what another tab changed.
    async fn receive(&self, change: Change) -> Result<(), StoreError> {
        let store = self.store()?;
        match &change {
            Change::Customer { id } => {
                self.reload_customer(id).await?;
                // A deletion or its undo takes complaints and follow-ups along.
                self.desk.complaints.set(store.load_complaints().await?);
                self.desk.follow_ups.set(store.load_follow_ups().await?);
            }
            Change::Contacts { id } => {
                self.reload_customer(id).await?;
            }
            Change::Complaints => self.desk.complaints.set(store.load_complaints().await?),
            Change::FollowUps => self.desk.follow_ups.set(store.load_follow_ups().await?),
            Change::Settings => {
                self.show_service_data(load_service_data(&*store).await?);
                self.follow_sync(&store).await;
            }
            Change::Costs | Change::Tiers => {
                self.show_service_data(load_service_data(&*store).await?)
            }
            Change::Everything => self.reload_everything().await?,
            Change::Replies => {}
        }
        self.changes.record(&change);
        // Another tab wrote: if this tab runs the replicator, push it now.
        self.kick_sync();
        Ok(())
    }

    /// Re-reads the customers and the service data (after a restore, or another
    /// tab's bulk change).
    async fn reload_everything(&self) -> Result<(), StoreError> {
        let store = self.store()?;
        let loaded = store.load_customers().await?;
        let mut directory = Directory::default();
        directory
            .extend_in_steps(loaded.customers, crate::web::next_task)
            .await;
        self.customers.directory.set(directory);
        self.show_service_data(load_service_data(&*store).await?);
        Ok(())
    }

    fn show_service_data(&self, data: ServiceData) {
        self.desk.complaints.set(data.complaints);
        self.desk.follow_ups.set(data.follow_ups);
        self.desk.response_targets.set(data.response_targets);
        // Recorded tiers stand in until the orders are read and classified.
        if self.customers.badges.with_untracked(|b| b.is_empty()) {
            self.customers.tiers.set(data.tiers);
        }
        self.device.last_backup.set(data.last_backup);
        self.device.reminder_days.set(data.reminder_days);
    }

    fn report_open(&self, report: &OpenReport, unreadable: usize) {
        let lang = self.shell.lang.get_untracked();
        let mut notes = Vec::new();
        if report.records_upgraded > 0 {
            notes.push(crate::i18n::records_upgraded_message(
                lang,
                report.records_upgraded,
            ));
        }
        let left = unreadable + report.records_not_upgraded;
        if left > 0 {
            notes.push(crate::storage::unreadable_records_message(lang, left));
        }
        if !notes.is_empty() {
            let kind = if left > 0 {
                ToastKind::Error
            } else {
                ToastKind::Info
            };
            self.shell
                .notify(kind, crate::i18n::sentences(lang, &notes), None);
        }
    }
}
