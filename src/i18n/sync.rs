//! Team sync: the status line, the counts, and every error a rep can meet,
//! each ending with what to do.

use super::*;
use crate::domain::sync::settings::SyncSettingsError;
use crate::services::sync::peer::PeerError;
use crate::services::sync::replicator::SyncError;

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

/// Why a round of sync stopped, for the status line: what happened and what
/// to do.
pub fn sync_error_message(lang: Lang, error: &SyncError) -> String {
    match error {
        SyncError::Peer(PeerError::Network(_) | PeerError::Timeout)
        | SyncError::Peer(PeerError::Server { .. }) => text(lang, Key::SyncOffline).into(),
        SyncError::Peer(PeerError::Unauthorized) => text(lang, Key::SyncSignInAgain).into(),
        SyncError::Peer(PeerError::Forbidden | PeerError::NoDatabase) => {
            text(lang, Key::SyncNoAccess).into()
        }
        SyncError::Store(e) => crate::storage::store_error_message(lang, e),
        SyncError::Peer(PeerError::TooLarge | PeerError::BadResponse(_))
        | SyncError::Doc(_)
        | SyncError::BadOutboxId(_)
        | SyncError::Checkpoint(_) => match lang {
            Lang::En => format!(
                "Sync stopped: {error}. Your changes are kept here. Try again later; if it keeps happening, tell your team lead."
            ),
            Lang::Zh => "同步已停止。你的更改已保存在本浏览器。请稍后重试；如果反复出现，请告知团队负责人。".into(),
        },
    }
}
