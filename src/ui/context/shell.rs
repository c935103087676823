//! The shell: UI language, route, the toast region and the ticking clock. Every
//! component reads it; nothing here touches storage.

use leptos::prelude::*;

use crate::i18n::{text, Key, Lang};
use crate::services::replies::SentReply;
use crate::storage::{store_error_message, DeletedCustomer, StoreError};
use crate::ui::route::Route;
use crate::web::{intl, prefs};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

/// What a toast's Undo takes back.
#[derive(Debug, Clone, PartialEq)]
pub enum Undoable {
    /// A deleted customer, with everything removed along.
    Deletion(DeletedCustomer),
    /// A copied reply's contact log entry.
    Reply(SentReply),
    /// A care occasion's contact log entry (*Done* on Today).
    Occasion(SentReply),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub kind: ToastKind,
    pub message: String,
    /// Present on notices of an action that can be taken back.
    pub undo: Option<Undoable>,
    /// Distinguishes toasts so an old auto-hide timer never hides a newer toast.
    pub serial: u64,
}

#[derive(Clone, Copy)]
pub struct Shell {
    pub lang: RwSignal<Lang>,
    pub route: RwSignal<Route>,
    pub toast: RwSignal<Option<Toast>>,
    /// Browser clock in ms, ticking every 30 s so local times stay current.
    pub now: RwSignal<f64>,
    toast_serial: StoredValue<u64>,
}

impl Shell {
    pub fn new() -> Self {
        let initial_route = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .map(|h| Route::parse(&h))
            .unwrap_or(Route::List);
        Self {
            lang: RwSignal::new(prefs::initial_language()),
            route: RwSignal::new(initial_route),
            toast: RwSignal::new(None),
            now: RwSignal::new(intl::now_millis()),
            toast_serial: StoredValue::new(0),
        }
    }

    pub fn t(&self, key: Key) -> &'static str {
        text(self.lang.get(), key)
    }

    /// A label that follows the UI language. Every `move || shell.t(..)` written in a
    /// view is a closure type of its own, and Leptos compiles its reactive text code
    /// once per closure type; this one closure type serves every label.
    pub fn tr(self, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    pub fn locale(&self) -> &'static str {
        self.lang.get().code()
    }

    pub fn navigate(&self, route: Route) {
        if let Some(window) = web_sys::window() {
            // Setting the hash fires `hashchange`, which the app turns into the route;
            // setting the signal too keeps the UI snappy and works without a window.
            let _ = window.location().set_hash(&route.to_hash());
            // A new screen starts at its top, not where the last one was scrolled to.
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        self.route.set(route);
    }

    pub fn notify(&self, kind: ToastKind, message: String, undo: Option<Undoable>) {
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

    /// A one-line confirmation in the rep's language.
    pub fn confirm(&self, key: Key) {
        self.notify(
            ToastKind::Info,
            text(self.lang.get_untracked(), key).to_owned(),
            None,
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

    /// A storage error as the rep reads it, for a form's own error line.
    pub fn store_message(&self, e: &StoreError) -> String {
        store_error_message(self.lang.get_untracked(), e)
    }
}

impl Default for Shell {
    fn default() -> Self {
        Self::new()
    }
}
