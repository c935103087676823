//! How safe this browser keeps the data: the offline copy, persistence, private
//! windows, waiting updates and the backup reminder.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::services::exchange::backup::DEFAULT_REMINDER_DAYS;
use crate::web::pwa::{self, Persistence};

#[derive(Clone, Copy)]
pub struct Device {
    pub persistence: RwSignal<Persistence>,
    /// Storage looks temporary (private window): everything vanishes when it closes.
    pub private_window: RwSignal<bool>,
    /// `None` while the offline copy is being set up; the error says why it failed.
    pub offline_ready: RwSignal<Option<Result<(), String>>>,
    /// A new build is installed and this page still runs the old one.
    pub update_ready: RwSignal<bool>,
    /// The browser just said no to keeping the data: explain once, until dismissed.
    pub persistence_refused: RwSignal<bool>,
    pub last_backup: RwSignal<Option<DateTime<Utc>>>,
    /// Days after which the app reminds the rep to export a backup (0 = never).
    pub reminder_days: RwSignal<u32>,
    persistence_requested: StoredValue<bool>,
}

impl Device {
    pub fn new() -> Self {
        Self {
            persistence: RwSignal::new(Persistence::Unknown),
            private_window: RwSignal::new(false),
            offline_ready: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            persistence_refused: RwSignal::new(false),
            last_backup: RwSignal::new(None),
            reminder_days: RwSignal::new(DEFAULT_REMINDER_DAYS),
            persistence_requested: StoredValue::new(false),
        }
    }

    /// Sets up the offline copy and reads how safe the stored data is.
    pub async fn check_storage(self) {
        let update_ready = self.update_ready;
        let offline = pwa::register_service_worker(move || update_ready.set(true)).await;
        // The footer says what it means in the rep's language; the browser's own
        // (English) reason goes to the console for whoever debugs it.
        if let Err(why) = &offline {
            leptos::logging::warn!("offline copy not set up: {why}");
        }
        self.offline_ready.set(Some(offline));
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
        let device = *self;
        leptos::task::spawn_local(async move {
            let answer = pwa::request_persistence().await;
            device.persistence.set(answer);
            // Explained in a notice of its own, so it never hides the toast that
            // confirms what the rep just saved.
            device
                .persistence_refused
                .set(answer == Persistence::BestEffort);
        });
    }
}

impl Default for Device {
    fn default() -> Self {
        Self::new()
    }
}
