//! What a failed round of sync means for the rep, in their language, ending
//! with what to do (beside the error type, as `storage::message` is).

use crate::domain::sync::peer::PeerError;
use crate::i18n::{text, Key, Lang};
use crate::services::sync::replicator::SyncError;

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
