//! Team sync in the app: connecting, disconnecting, and the loop that pushes
//! and pulls while sync is on (`services::sync` does the work; this only runs
//! it, shows its status and re-reads what a teammate changed).
//!
//! The loop pushes as soon as this tab writes (each write kicks it) and asks
//! the server for news every few seconds; when the server cannot be reached
//! it waits a random time in [d, 2d], d doubling from 1 s to 10 min, as
//! PouchDB does, and starts again at 1 s after a success.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::task::{Poll, Waker};

use chrono::Utc;
use leptos::prelude::*;

use super::Backend;
use crate::domain::sync::peer::PeerError;
use crate::domain::sync::settings::SyncSettings;
use crate::i18n::{sync_connected, text, Key};
use crate::services::sync::message::sync_error_message;
use crate::services::sync::replicator::SyncError;
use crate::services::sync::session::{round, start_session, turn_off, turn_on};
use crate::storage::prelude::*;
use crate::storage::StoreError;
use crate::ui::context::{SyncState, ToastKind};
use crate::web::couch::{sign_in, sign_out, CouchDb};
use crate::web::sync::Change;

/// How often the loop asks the server for news while all is well.
const POLL_MS: u32 = 2_000;
const BACKOFF_FIRST_MS: u32 = 1_000;
const BACKOFF_CAP_MS: u32 = 600_000;
/// The Web Lock held by the tab that runs the replicator.
const SYNC_LOCK: &str = "crm-team-sync";

/// The running loop's handle: a generation (a loop runs while its generation
/// is the current one, so *Disconnect* or a new *Connect* ends it) and the kick
/// a local write gives it.
#[derive(Default)]
pub(super) struct SyncLoop {
    generation: Cell<u64>,
    kicked: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl SyncLoop {
    fn kick(&self) {
        self.kicked.set(true);
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }

    /// Resolves when kicked or after `ms`, whichever comes first.
    async fn wait(&self, ms: u32) {
        let mut timer = Box::pin(crate::web::sleep(ms));
        std::future::poll_fn(|cx| {
            if self.kicked.replace(false) || timer.as_mut().poll(cx).is_ready() {
                return Poll::Ready(());
            }
            *self.waker.borrow_mut() = Some(cx.waker().clone());
            Poll::Pending
        })
        .await
    }
}

/// What the loop does after a failed round.
enum AfterError {
    Stop,
    Retry,
}

impl Backend {
    /// Signs in with `password` (sent once, never kept), turns marking on and
    /// marks everything held, then starts the loop. The error is the rep's
    /// message.
    pub async fn sync_connect(
        &self,
        settings: SyncSettings,
        password: String,
    ) -> Result<(), String> {
        let lang = self.shell.lang.get_untracked();
        let store = self.store().map_err(|e| self.shell.store_message(&e))?;
        self.sync_view.state.set(SyncState::Connecting);
        let signed_in = sign_in(&settings.server_url, &settings.user_name, &password).await;
        drop(password);
        if let Err(error) = signed_in {
            let message = match error {
                PeerError::Unauthorized => text(lang, Key::SyncWrongPassword).to_owned(),
                other => sync_error_message(lang, &SyncError::Peer(other)),
            };
            self.sync_view
                .state
                .set(if self.sync_view.on.get_untracked() {
                    SyncState::SignInAgain
                } else {
                    SyncState::Off
                });
            return Err(message);
        }
        if let Err(e) = crate::web::prefs::remember_sync_settings(&settings) {
            self.shell
                .notify_browser_failure(Key::SyncSettingsNotKept, &e);
        }
        let marked = turn_on(&*store)
            .await
            .map_err(|e| self.shell.store_message(&e))?;
        self.sync_view.settings.set(Some(settings));
        self.sync_view.on.set(true);
        self.sync_view.unsynced.set(marked);
        self.shell
            .notify(ToastKind::Info, sync_connected(lang, marked), None);
        self.start_sync_loop();
        // The other tabs turn Restore and the demo set off, and stand by.
        self.publish(Change::Settings);
        Ok(())
    }

    /// Stops the loop and marking; signs out of the server. Changes made from
    /// now on stay here; what was marked and not pushed stays marked.
    pub async fn sync_disconnect(&self) -> Result<(), StoreError> {
        let handle = self.sync_loop.get_value();
        handle.generation.set(handle.generation.get() + 1);
        handle.kick();
        turn_off(&*self.store()?).await?;
        self.sync_view.on.set(false);
        self.sync_view.state.set(SyncState::Off);
        if let Some(settings) = self.sync_view.settings.get_untracked() {
            // Offline, the server's cookie simply expires on its own.
            if let Err(e) = sign_out(&settings.server_url).await {
                self.shell.notify(
                    ToastKind::Info,
                    sync_error_message(self.shell.lang.get_untracked(), &SyncError::Peer(e)),
                    None,
                );
            }
        }
        self.shell.confirm(Key::SyncDisconnected);
        self.publish(Change::Settings);
        Ok(())
    }

    /// Another tab connected or disconnected: follow it (the store's flag is
    /// the truth). A loop started here waits for the lock that tab holds.
    pub(super) async fn follow_sync(&self, store: &crate::storage::idb::IdbStore) {
        let on = match store.sync_marking().await {
            Ok(on) => on,
            Err(e) => return self.shell.notify_error(&e),
        };
        if on == self.sync_view.on.get_untracked() {
            return;
        }
        if on {
            self.resume_sync(store).await;
        } else {
            let handle = self.sync_loop.get_value();
            handle.generation.set(handle.generation.get() + 1);
            handle.kick();
            self.sync_view.on.set(false);
            self.sync_view.state.set(SyncState::Off);
        }
    }

    /// At start: if sync was on when the app was last used, carry on.
    pub(super) async fn resume_sync(&self, store: &crate::storage::idb::IdbStore) {
        self.sync_view
            .settings
            .set(crate::web::prefs::sync_settings());
        match store.sync_marking().await {
            Ok(true) if self.sync_view.settings.get_untracked().is_some() => {
                self.sync_view.on.set(true);
                self.start_sync_loop();
            }
            // On, but the settings are gone (site data partly cleared): the
            // rep connects again; marks keep accumulating meanwhile.
            Ok(true) => {
                self.sync_view.on.set(true);
                self.sync_view.state.set(SyncState::SignInAgain);
            }
            Ok(false) => {}
            Err(e) => self.shell.notify_error(&e),
        }
    }

    /// A write (of this tab or another): push it soon, and count it in the
    /// footer at once, even while the loop waits for a sign-in.
    pub(super) fn kick_sync(&self) {
        if !self.sync_view.on.get_untracked() {
            return;
        }
        self.sync_loop.get_value().kick();
        let backend = *self;
        leptos::task::spawn_local(async move {
            let counted = match backend.store() {
                Ok(store) => store.outbox_len().await,
                Err(e) => Err(e),
            };
            match counted {
                Ok(n) => backend.sync_view.unsynced.set(n),
                Err(e) => backend.shell.notify_error(&e),
            }
        });
    }

    fn start_sync_loop(&self) {
        let handle = self.sync_loop.get_value();
        let generation = handle.generation.get() + 1;
        handle.generation.set(generation);
        let backend = *self;
        leptos::task::spawn_local(async move { backend.sync_loop(generation).await });
    }

    async fn sync_loop(self, generation: u64) {
        let handle = self.sync_loop.get_value();
        let current = || handle.generation.get() == generation;
        let Some(settings) = self.sync_view.settings.get_untracked() else {
            return;
        };
        let store = match self.store() {
            Ok(store) => store,
            Err(e) => {
                self.sync_view
                    .state
                    .set(SyncState::Failed(self.shell.store_message(&e)));
                return;
            }
        };
        self.sync_view.state.set(SyncState::Running);
        // One replicator per browser: another tab holding the lock syncs for this
        // one too (it hears this tab's writes on the BroadcastChannel). Without
        // Web Locks every tab syncs, which is safe (every step is idempotent).
        let _lock = crate::web::lock::hold(SYNC_LOCK).await.ok();
        if !current() {
            return;
        }
        let peer = CouchDb::new(&settings.server_url, &settings.database);
        let mut fresh_id = || uuid::Uuid::new_v4().to_string();
        let mut session = None;
        let mut backoff = BACKOFF_FIRST_MS;
        let mut first = true;
        while current() {
            let outcome = match &session {
                None => start_session(&*store, &peer, &settings, &mut fresh_id)
                    .await
                    .map(|s| {
                        session = Some(s);
                        None
                    }),
                Some(session) => round(&*store, &peer, session, Utc::now()).await.map(Some),
            };
            if !current() {
                return;
            }
            let pause = match outcome {
                Ok(None) => continue,
                Ok(Some(report)) => {
                    backoff = BACKOFF_FIRST_MS;
                    self.sync_view.last_sync.set(Some(Utc::now()));
                    self.sync_view.unsynced.set(report.unsynced);
                    if !report.pull.applied.is_empty() {
                        if let Err(e) = self.reload_everything().await {
                            self.shell.notify_error(&e);
                        }
                        self.publish_received();
                    }
                    if first || report.pull.received > 0 {
                        match store.conflicted_docs().await {
                            Ok(open) => self.sync_view.conflicts.set(open.len()),
                            Err(e) => self.shell.notify_error(&e),
                        }
                    }
                    first = false;
                    self.sync_view.state.set(SyncState::UpToDate);
                    POLL_MS
                }
                Err(error) => {
                    // What waits: the footer's count, even when the round failed.
                    match store.outbox_len().await {
                        Ok(waiting) => self.sync_view.unsynced.set(waiting),
                        Err(e) => self.shell.notify_error(&e),
                    }
                    match self.show_sync_error(&error) {
                        AfterError::Stop => return,
                        AfterError::Retry => {
                            let wait =
                                backoff + (js_sys::Math::random() * f64::from(backoff)) as u32;
                            backoff = (backoff * 2).min(BACKOFF_CAP_MS);
                            wait
                        }
                    }
                }
            };
            handle.wait(pause).await;
        }
    }

    fn show_sync_error(&self, error: &SyncError) -> AfterError {
        let lang = self.shell.lang.get_untracked();
        let (state, after) = match error {
            SyncError::Peer(PeerError::Unauthorized) => (SyncState::SignInAgain, AfterError::Stop),
            SyncError::Peer(PeerError::Forbidden | PeerError::NoDatabase) => {
                (SyncState::NoAccess, AfterError::Stop)
            }
            SyncError::Peer(e) if e.is_transient() => (SyncState::Offline, AfterError::Retry),
            other => (
                SyncState::Failed(sync_error_message(lang, other)),
                AfterError::Retry,
            ),
        };
        self.sync_view.state.set(state);
        after
    }

    /// A teammate's changes were applied here: the screens re-read, and the
    /// other tabs are told, as after a restore.
    fn publish_received(&self) {
        self.changes.record(&Change::Everything);
        if let Some(channel) = self.sync.get_value() {
            if let Err(e) = channel.announce(&Change::Everything) {
                self.shell.notify_browser_failure(Key::SyncFailed, &e);
            }
        }
    }
}
