//! Team sync: the settings' errors and the footer's counts (what a failed
//! round means for the rep is `services::sync::message`, beside its error type).

use super::*;
use crate::domain::sync::settings::SyncSettingsError;

/// The message under the field a setting's error belongs to.
pub fn sync_settings_error(lang: Lang, error: &SyncSettingsError) -> &'static str {
    let key = match error {
        SyncSettingsError::EmptyUrl => Key::SyncUrlEmpty,
        SyncSettingsError::NotHttp => Key::SyncUrlNotHttps,
        SyncSettingsError::NoHost => Key::SyncUrlNoHost,
        SyncSettingsError::EmptyDatabase => Key::SyncDatabaseEmpty,
        SyncSettingsError::BadDatabase => Key::SyncDatabaseBad,
        SyncSettingsError::EmptyUserName => Key::SyncUserEmpty,
    };
    text(lang, key)
}

/// "3 changes not synced" for the footer; empty when there are none.
pub fn sync_unsynced(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (_, 0) => String::new(),
        (Lang::En, 1) => "1 change not synced".into(),
        (Lang::En, n) => format!("{n} changes not synced"),
        (Lang::Zh, n) => format!("{n} 项更改未同步"),
    }
}

/// "2 conflicts to review" for the footer; empty when there are none.
pub fn sync_conflicts(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (_, 0) => String::new(),
        (Lang::En, 1) => "1 conflict to review".into(),
        (Lang::En, n) => format!("{n} conflicts to review"),
        (Lang::Zh, n) => format!("{n} 处冲突待查看"),
    }
}

/// After connecting: how much of this browser's data goes to the team.
pub fn sync_connected(lang: Lang, records: usize) -> String {
    match lang {
        Lang::En => format!(
            "Connected. {records} records from this browser are being shared with the team; the team's records arrive here."
        ),
        Lang::Zh => format!("已连接。本浏览器的 {records} 条记录正在与团队共享，团队的记录也会同步到这里。"),
    }
}
