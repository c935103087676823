//! Small preferences and unsaved form drafts in localStorage (gloo-storage).

use gloo_storage::{LocalStorage, Storage};
use serde::{de::DeserializeOwned, Serialize};

use crate::i18n::Lang;

const LANG_KEY: &str = "crm.ui-language";
const REP_KEY: &str = "crm.rep-name";

/// The remembered UI language, else the browser's language.
pub fn initial_language() -> Lang {
    if let Ok(code) = LocalStorage::get::<String>(LANG_KEY) {
        if let Some(lang) = Lang::from_code(&code) {
            return lang;
        }
    }
    super::intl::browser_language()
        .map(|tag| Lang::from_browser_tag(&tag))
        .unwrap_or_default()
}

pub fn remember_language(lang: Lang) -> Result<(), String> {
    LocalStorage::set(LANG_KEY, lang.code()).map_err(|e| e.to_string())
}

pub fn load_draft<T: DeserializeOwned>(key: &str) -> Option<T> {
    // A draft from an older build that no longer parses is simply not offered.
    LocalStorage::get::<T>(key).ok()
}

pub fn store_draft<T: Serialize>(key: &str, draft: &T) -> Result<(), String> {
    LocalStorage::set(key, draft).map_err(|e| e.to_string())
}

pub fn forget_draft(key: &str) {
    LocalStorage::delete(key);
}

/// The name this browser's rep last logged contacts under ("" the first time).
pub fn rep_name() -> String {
    LocalStorage::get::<String>(REP_KEY).unwrap_or_default()
}

pub fn remember_rep_name(name: &str) -> Result<(), String> {
    LocalStorage::set(REP_KEY, name.trim()).map_err(|e| e.to_string())
}

const SYNC_SETTINGS_KEY: &str = "crm.sync-settings";

/// The sync server, database and user name last connected with, on this
/// device only (never in a backup, which reads IndexedDB); no password.
pub fn sync_settings() -> Option<crate::domain::sync::settings::SyncSettings> {
    LocalStorage::get(SYNC_SETTINGS_KEY).ok()
}

pub fn remember_sync_settings(
    settings: &crate::domain::sync::settings::SyncSettings,
) -> Result<(), String> {
    LocalStorage::set(SYNC_SETTINGS_KEY, settings).map_err(|e| e.to_string())
}
