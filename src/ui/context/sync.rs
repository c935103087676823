//! Team sync as the screens see it: on or off, the settings, and the status
//! line the footer and *Data & backup → Sync* show. Only the backend's sync
//! loop writes it.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::sync::settings::SyncSettings;

#[derive(Debug, Clone, PartialEq)]
pub enum SyncState {
    Off,
    Connecting,
    Running,
    UpToDate,
    /// The server could not be reached; retried with backoff.
    Offline,
    /// 401: the session expired; the rep signs in again (edits wait).
    SignInAgain,
    /// 403 or no such database: the loop stops.
    NoAccess,
    /// Anything else, as the rep's message.
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct SyncView {
    /// Sync is connected: writes are marked, and Restore and the demo set are off.
    pub on: RwSignal<bool>,
    pub settings: RwSignal<Option<SyncSettings>>,
    pub state: RwSignal<SyncState>,
    pub last_sync: RwSignal<Option<DateTime<Utc>>>,
    pub unsynced: RwSignal<usize>,
    pub conflicts: RwSignal<usize>,
}

impl SyncView {
    pub fn new() -> Self {
        Self {
            on: RwSignal::new(false),
            settings: RwSignal::new(None),
            state: RwSignal::new(SyncState::Off),
            last_sync: RwSignal::new(None),
            unsynced: RwSignal::new(0),
            conflicts: RwSignal::new(0),
        }
    }
}

impl Default for SyncView {
    fn default() -> Self {
        Self::new()
    }
}
