//! Application state (signals) and the actions that change it. Components read the
//! signals and call these actions; only actions talk to storage.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::Utc;
use leptos::prelude::*;

use super::route::Route;
use crate::domain::complaints::{Complaint, ResponseTargets};
use crate::domain::contacts::FollowUp;
use crate::domain::customers::{plan_stage_move, RelationshipStage, StageMoveError};
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::customers::{Directory, ListQuery};
use crate::domain::orders::Order;
use crate::domain::value::latest_tiers;
use crate::domain::value::ValueTier;
use crate::i18n::{text, Key, Lang};
use crate::storage::idb::{ConnectionLost, IdbStore, OpenReport, DEFAULT_DB_NAME};
use crate::storage::prelude::*;
pub use crate::storage::store_error_message;
use crate::storage::{DeletedCustomer, StoreError};
use crate::web::pwa::{self, Persistence};
use crate::web::sync::{Change, SyncChannel};
use crate::web::{intl, prefs};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub kind: ToastKind,
    pub message: String,
    /// Present on "deleted" notices: what Undo puts back.
    pub undo: Option<DeletedCustomer>,
    /// Distinguishes toasts so an old auto-hide timer never hides a newer toast.
    pub serial: u64,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub directory: RwSignal<Directory>,
    pub load: RwSignal<LoadState>,
    pub route: RwSignal<Route>,
    pub toast: RwSignal<Option<Toast>>,
    pub query: RwSignal<ListQuery>,
    pub page: RwSignal<usize>,
    /// Browser clock in ms, ticking every 30 s so local times stay current.
    pub now: RwSignal<f64>,
    pub demo_loading: RwSignal<bool>,
    /// Bumped whenever orders or costs change, so the value analysis reloads them.
    pub data_version: RwSignal<u64>,
    /// Every complaint (few enough to keep in memory for the queue and statistics).
    pub complaints: RwSignal<Vec<Complaint>>,
    pub follow_ups: RwSignal<Vec<FollowUp>>,
    /// Each customer's latest value tier, from the recorded tier movements.
    pub tiers: RwSignal<HashMap<CustomerId, ValueTier>>,
    pub response_targets: RwSignal<ResponseTargets>,
    /// The rep using this browser, remembered so contacts and follow-ups name them.
    pub rep_name: RwSignal<String>,
    pub persistence: RwSignal<Persistence>,
    /// Storage looks temporary (private window): everything vanishes when it closes.
    pub private_window: RwSignal<bool>,
    /// `None` while the offline copy is being set up; the error says why it failed.
    pub offline_ready: RwSignal<Option<Result<(), String>>>,
    /// A new build is installed and this page still runs the old one.
    pub update_ready: RwSignal<bool>,
    persistence_requested: StoredValue<bool>,
    /// The browser just said no to keeping the data: explain once, until dismissed.
    pub persistence_refused: RwSignal<bool>,
    pub last_backup: RwSignal<Option<chrono::DateTime<Utc>>>,
    /// Days after which the app reminds the rep to export a backup (0 = never).
    pub reminder_days: RwSignal<u32>,
    /// Bumped when another tab logged a contact, so open timelines re-read theirs.
    pub contacts_changed: RwSignal<u64>,
    sync: StoredValue<Option<Rc<SyncChannel>>, LocalStorage>,
    store: StoredValue<Option<Rc<IdbStore>>, LocalStorage>,
    toast_serial: StoredValue<u64>,
}

pub const PAGE_SIZE: usize = 50;
pub const RESPONSE_TARGETS_KEY: &str = "response_targets";

impl AppState {
    pub fn new() -> Self {
        let initial_route = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .map(|h| Route::parse(&h))
            .unwrap_or(Route::List);
        Self {
            lang: RwSignal::new(prefs::initial_language()),
            directory: RwSignal::new(Directory::default()),
            load: RwSignal::new(LoadState::Opening),
            route: RwSignal::new(initial_route),
            toast: RwSignal::new(None),
            query: RwSignal::new(ListQuery::default()),
            page: RwSignal::new(0),
            now: RwSignal::new(intl::now_millis()),
            demo_loading: RwSignal::new(false),
            data_version: RwSignal::new(0),
            complaints: RwSignal::new(Vec::new()),
            follow_ups: RwSignal::new(Vec::new()),
            tiers: RwSignal::new(HashMap::new()),
            response_targets: RwSignal::new(ResponseTargets::default()),
            rep_name: RwSignal::new(prefs::rep_name()),
            persistence: RwSignal::new(Persistence::Unknown),
            private_window: RwSignal::new(false),
            offline_ready: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            persistence_requested: StoredValue::new(false),
            persistence_refused: RwSignal::new(false),
            contacts_changed: RwSignal::new(0),
            last_backup: RwSignal::new(None),
            reminder_days: RwSignal::new(crate::services::backup::DEFAULT_REMINDER_DAYS),
            sync: StoredValue::new_local(None),
            store: StoredValue::new_local(None),
            toast_serial: StoredValue::new(0),
        }
    }

    pub fn t(&self, key: Key) -> &'static str {
        text(self.lang.get(), key)
    }

    pub fn locale(&self) -> &'static str {
        self.lang.get().code()
    }

    pub(super) fn store(&self) -> Result<Rc<IdbStore>, StoreError> {
        self.store
            .get_value()
            .ok_or_else(|| StoreError::Open("the database is not open yet".into()))
    }

    pub fn navigate(&self, route: Route) {
        if let Some(window) = web_sys::window() {
            // Setting the hash fires `hashchange`, which the app turns into the route;
            // setting the signal too keeps the UI snappy and works without a window.
            let _ = window.location().set_hash(&route.to_hash());
        }
        self.route.set(route);
    }

    pub fn notify(&self, kind: ToastKind, message: String, undo: Option<DeletedCustomer>) {
        let serial = self.toast_serial.get_value() + 1;
        self.toast_serial.set_value(serial);
        self.toast.set(Some(Toast {
            kind,
            message,
            undo,
            serial,
        }));
        let toast = self.toast;
        set_timeout(
            move || {
                if toast.with_untracked(|t| t.as_ref().is_some_and(|t| t.serial == serial)) {
                    toast.set(None);
                }
            },
            std::time::Duration::from_secs(if kind == ToastKind::Error { 20 } else { 10 }),
        );
    }

    /// A browser service (localStorage, downloads, BroadcastChannel) failed: the rep
    /// reads what that means in their language; the browser's own English text goes
    /// to the console for whoever debugs it.
    pub fn notify_browser_failure(&self, key: Key, detail: &str) {
        leptos::logging::warn!("{detail}");
        self.notify(
            ToastKind::Error,
            text(self.lang.get_untracked(), key).to_owned(),
            None,
        );
    }

    pub fn notify_error(&self, e: &StoreError) {
        self.notify(
            ToastKind::Error,
            store_error_message(self.lang.get_untracked(), e),
            None,
        );
    }

    /// Sets up the offline copy and reads how safe the stored data is.
    pub async fn check_storage(self) {
        let update_ready = self.update_ready;
        self.offline_ready.set(Some(
            pwa::register_service_worker(move || update_ready.set(true)).await,
        ));
        self.persistence.set(pwa::storage_persistence().await);
        self.private_window
            .set(pwa::looks_like_private_window().await);
    }

    /// After the first thing the rep really saved, asks the browser to keep the data
    /// (once per session; the answer is shown in the footer).
    pub fn after_user_save(&self) {
        if self.persistence_requested.get_value()
            || self.persistence.get_untracked() == Persistence::Persistent
        {
            return;
        }
        self.persistence_requested.set_value(true);
        self.request_persistence();
    }

    pub fn request_persistence(&self) {
        let state = *self;
        leptos::task::spawn_local(async move {
            let answer = pwa::request_persistence().await;
            state.persistence.set(answer);
            // Explained in a notice of its own, so it never hides the toast that
            // confirms what the rep just saved.
            state
                .persistence_refused
                .set(answer == Persistence::BestEffort);
        });
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
        let state = self;
        self.sync.set_value(
            SyncChannel::open(move |change| {
                leptos::task::spawn_local(async move {
                    if let Err(e) = state.apply_remote_change(change).await {
                        state.notify_error(&e);
                    }
                });
            })
            .map(Rc::new),
        );
        match store.load_customers().await {
            Ok(loaded) => {
                self.directory.set(Directory::new(loaded.customers));
                self.load.set(LoadState::Ready);
                self.report_open(&report, loaded.unreadable);
            }
            Err(e) => {
                self.load.set(LoadState::Failed(e));
                return;
            }
        }
        if let Err(e) = self.load_service_data(&store).await {
            self.notify_error(&e);
        }
    }

    /// Tells the other tabs what this one just wrote.
    pub fn announce(&self, change: Change) {
        if let Some(channel) = self.sync.get_value() {
            if let Err(e) = channel.announce(&change) {
                self.notify_browser_failure(Key::SyncFailed, &e);
            }
        }
    }

    /// Re-reads what another tab changed.
    async fn apply_remote_change(&self, change: Change) -> Result<(), StoreError> {
        let store = self.store()?;
        match change {
            Change::Customer { id } => {
                self.reload_customer(&id).await?;
                // A deletion or its undo takes complaints and follow-ups along.
                self.complaints.set(store.load_complaints().await?);
                self.follow_ups.set(store.load_follow_ups().await?);
            }
            Change::Contacts { id } => {
                self.reload_customer(&id).await?;
                self.contacts_changed.update(|v| *v += 1);
            }
            Change::Complaints => self.complaints.set(store.load_complaints().await?),
            Change::FollowUps => self.follow_ups.set(store.load_follow_ups().await?),
            Change::Settings => {
                self.load_service_data(&store).await?;
                self.data_version.update(|v| *v += 1);
            }
            Change::Everything => self.reload_everything().await?,
        }
        Ok(())
    }

    /// Re-reads every store (after a restore, or another tab's bulk change).
    pub async fn reload_everything(&self) -> Result<(), StoreError> {
        let store = self.store()?;
        let loaded = store.load_customers().await?;
        self.directory.set(Directory::new(loaded.customers));
        self.load_service_data(&store).await?;
        self.contacts_changed.update(|v| *v += 1);
        self.data_version.update(|v| *v += 1);
        Ok(())
    }

    /// Complaints, follow-ups, tiers and response targets: what the service screens
    /// need besides the customers.
    async fn load_service_data(&self, store: &IdbStore) -> Result<(), StoreError> {
        self.complaints.set(store.load_complaints().await?);
        self.follow_ups.set(store.load_follow_ups().await?);
        self.tiers
            .set(latest_tiers(&store.load_tier_changes().await?));
        self.last_backup
            .set(crate::services::backup::last_backup(store).await?);
        if let Some(json) = store
            .load_setting(crate::services::backup::REMINDER_DAYS_KEY)
            .await?
        {
            let days: u32 =
                serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            self.reminder_days.set(days);
        }
        if let Some(json) = store.load_setting(RESPONSE_TARGETS_KEY).await? {
            let targets: ResponseTargets =
                serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            self.response_targets.set(targets);
        }
        Ok(())
    }

    fn report_open(&self, report: &OpenReport, unreadable: usize) {
        let lang = self.lang.get_untracked();
        let mut notes = Vec::new();
        if report.records_upgraded > 0 {
            notes.push(crate::i18n::records_upgraded_message(
                lang,
                report.records_upgraded,
            ));
        }
        let left = unreadable + report.records_not_upgraded;
        if left > 0 {
            notes.push(format!("{left} {}", text(lang, Key::UnreadableRecords)));
        }
        if !notes.is_empty() {
            let kind = if left > 0 {
                ToastKind::Error
            } else {
                ToastKind::Info
            };
            self.notify(kind, notes.join(" "), None);
        }
    }

    pub async fn create_customer(&self, customer: Customer) -> Result<Customer, StoreError> {
        self.store()?.insert_customer(&customer).await?;
        self.directory.update(|d| d.upsert(customer.clone()));
        self.after_user_save();
        self.announce(Change::Customer {
            id: customer.id.clone(),
        });
        Ok(customer)
    }

    pub async fn save_customer(&self, customer: Customer) -> Result<Customer, StoreError> {
        let saved = self.store()?.save_customer(&customer).await?;
        self.directory.update(|d| d.upsert(saved.clone()));
        self.after_user_save();
        self.announce(Change::Customer {
            id: saved.id.clone(),
        });
        Ok(saved)
    }

    /// Re-reads one record from storage (after a stale save, or another tab's change).
    pub async fn reload_customer(&self, id: &CustomerId) -> Result<Option<Customer>, StoreError> {
        let fresh = self.store()?.get_customer(id).await?;
        self.directory.update(|d| match &fresh {
            Some(c) => d.upsert(c.clone()),
            None => {
                d.remove(id);
            }
        });
        Ok(fresh)
    }

    pub async fn move_stage(
        &self,
        id: &CustomerId,
        to: RelationshipStage,
        reason: &str,
    ) -> Result<Customer, StageActionError> {
        let current = self
            .directory
            .with_untracked(|d| d.get(id).cloned())
            .ok_or_else(|| StageActionError::Store(StoreError::NotFound(id.clone())))?;
        let now = Utc::now();
        let change =
            plan_stage_move(current.stage, to, reason, now).map_err(StageActionError::Rule)?;
        let mut moved = current;
        moved.stage = to;
        moved.stage_history.push(change);
        moved.updated_at = now;
        self.save_customer(moved)
            .await
            .map_err(StageActionError::Store)
    }

    pub async fn delete_customer(&self, id: &CustomerId) -> Result<(), StoreError> {
        let deleted = self.store()?.delete_customer(id).await?;
        self.directory.update(|d| {
            d.remove(id);
        });
        self.complaints
            .update(|all| all.retain(|c| &c.customer_id != id));
        self.follow_ups
            .update(|all| all.retain(|f| &f.customer_id != id));
        let message = format!("{}: {}", self.t(Key::Deleted), deleted.customer.name);
        self.notify(ToastKind::Info, message, Some(deleted));
        Ok(())
    }

    pub async fn undo_delete(&self, deleted: DeletedCustomer) -> Result<(), StoreError> {
        self.store()?.undo_delete(&deleted).await?;
        let name = deleted.customer.name.clone();
        self.announce(Change::Customer {
            id: deleted.customer.id.clone(),
        });
        self.complaints
            .update(|all| all.extend(deleted.complaints.iter().cloned()));
        self.follow_ups
            .update(|all| all.extend(deleted.follow_ups.iter().cloned()));
        self.directory.update(|d| d.upsert(deleted.customer));
        self.notify(
            ToastKind::Info,
            format!("{}: {name}", self.t(Key::Restored)),
            None,
        );
        Ok(())
    }

    pub async fn orders_for(&self, id: &CustomerId) -> Result<Vec<Order>, StoreError> {
        let mut orders = self.store()?.orders_for_customer(id).await?;
        orders.sort_by(|a, b| b.placed_on.cmp(&a.placed_on).then_with(|| a.id.cmp(&b.id)));
        Ok(orders)
    }

    /// Adds the demo set. Customers already present (same id) are left as they are,
    /// so loading twice never duplicates or overwrites anything.
    pub async fn load_demo(&self) -> Result<usize, StoreError> {
        self.demo_loading.set(true);
        let result = self.load_demo_inner().await;
        self.demo_loading.set(false);
        result
    }

    async fn load_demo_inner(&self) -> Result<usize, StoreError> {
        let store = self.store()?;
        let directory = self.directory;
        let exists = move |id: &CustomerId| directory.with_untracked(|d| d.get(id).is_some());
        let records = crate::services::demo::load_demo(&*store, exists, Utc::now()).await?;
        if records.customers.is_empty() {
            return Ok(0);
        }
        self.announce(Change::Everything);
        let added = records.customers.len();
        self.directory.update(|d| {
            for c in records.customers {
                d.upsert(c);
            }
        });
        self.complaints.update(|all| all.extend(records.complaints));
        self.follow_ups.update(|all| all.extend(records.follow_ups));
        self.data_version.update(|v| *v += 1);
        Ok(added)
    }
}

impl AppState {
    /// Writes a checked import; new customers appear in the list at once.
    pub async fn import_orders(
        &self,
        plan: &crate::domain::exchange::orders_import::ImportPlan,
        mode: crate::services::import_orders::ImportMode,
        now: chrono::DateTime<Utc>,
        progress: &dyn Fn(usize, usize),
    ) -> Result<crate::services::import_orders::ImportOutcome, String> {
        let lang = self.lang.get_untracked();
        let store = self.store().map_err(|e| store_error_message(lang, &e))?;
        let directory = self.directory;
        let exists = move |id: &CustomerId| directory.with_untracked(|d| d.get(id).is_some());
        let outcome = crate::services::import_orders::run_order_import(
            &*store, plan, &exists, mode, now, progress,
        )
        .await
        .map_err(|e| crate::services::import_orders::import_error_message(lang, &e))?;
        self.directory.update(|d| {
            for c in &outcome.created {
                d.upsert(c.clone());
            }
        });
        self.data_version.update(|v| *v += 1);
        self.announce(Change::Everything);
        Ok(outcome)
    }

    /// Streams every order through `on_page` (for the value analysis).
    pub async fn for_each_order_page(
        &self,
        on_page: &mut dyn FnMut(Vec<Order>),
    ) -> Result<(), StoreError> {
        self.store()?.for_each_order_page(50_000, on_page).await
    }

    /// Books a cost to serve on a customer; the value analysis picks it up.
    pub async fn add_cost(
        &self,
        entry: crate::domain::orders::CostEntry,
    ) -> Result<(), StoreError> {
        self.store()?.put_costs(&[entry]).await?;
        self.data_version.update(|v| *v += 1);
        self.announce(Change::Settings);
        Ok(())
    }

    pub async fn load_costs(&self) -> Result<Vec<crate::domain::orders::CostEntry>, StoreError> {
        self.store()?.load_costs().await
    }

    pub async fn load_tier_changes(
        &self,
    ) -> Result<Vec<crate::domain::value::TierChange>, StoreError> {
        self.store()?.load_tier_changes().await
    }

    pub async fn record_tier_changes(
        &self,
        changes: &[crate::domain::value::TierChange],
    ) -> Result<(), StoreError> {
        let store = self.store()?;
        store.put_tier_changes(changes).await?;
        self.tiers
            .set(latest_tiers(&store.load_tier_changes().await?));
        self.announce(Change::Settings);
        Ok(())
    }

    pub async fn load_setting<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, StoreError> {
        match self.store()?.load_setting(key).await? {
            None => Ok(None),
            Some(json) => serde_json::from_str(&json)
                .map(Some)
                .map_err(|e| StoreError::Corrupt(e.to_string())),
        }
    }

    pub async fn save_setting<T: serde::Serialize>(
        &self,
        key: &str,
        value: &T,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.store()?.save_setting(key, &json).await?;
        self.announce(Change::Settings);
        Ok(())
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum StageActionError {
    Rule(StageMoveError),
    Store(StoreError),
}
