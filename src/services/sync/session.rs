//! Turning sync on and off, and one round of it, as the app runs them.

use chrono::{DateTime, Utc};

use super::replicator::{pull, push, PullReport, PushReport, Session, SyncError};
use crate::domain::sync::checkpoint::{replication_id, Direction};
use crate::domain::sync::peer::CouchPeer;
use crate::domain::sync::settings::SyncSettings;
use crate::storage::{CrmStore, StoreError};

/// This browser's id in replication ids, made once and kept in `sync_state`.
const INSTALL_ID_KEY: &str = "install_id";

/// Turns marking on and marks everything held, so the first push gives the
/// team what this browser had. Returns how many documents are to go.
pub async fn turn_on<S: CrmStore>(store: &S) -> Result<usize, StoreError> {
    store.set_sync_marking(true).await?;
    store.mark_everything().await
}

/// Stops marking. What was marked and not pushed stays marked, so nothing is
/// lost if sync is turned on again.
pub async fn turn_off<S: CrmStore>(store: &S) -> Result<(), StoreError> {
    store.set_sync_marking(false).await
}

/// The session of one run of the replicator: this browser's install id (made
/// by `fresh_id` the first time), the pull's replication id for this server
/// and database, and a fresh session id.
pub async fn start_session<S: CrmStore, P: CouchPeer>(
    store: &S,
    peer: &P,
    settings: &SyncSettings,
    fresh_id: &mut dyn FnMut() -> String,
) -> Result<Session, SyncError> {
    let install_id = match store
        .sync_value(INSTALL_ID_KEY)
        .await?
        .and_then(|v| v.as_str().map(str::to_owned))
    {
        Some(id) => id,
        None => {
            let id = fresh_id();
            store
                .save_sync_value(INSTALL_ID_KEY, &serde_json::Value::from(id.clone()))
                .await?;
            id
        }
    };
    let server_uuid = peer.server_uuid().await?;
    let pull_id = replication_id(
        &server_uuid,
        &settings.database,
        &install_id,
        Direction::Pull,
    )?;
    Ok(Session {
        by: settings.user_name.clone(),
        pull_id: pull_id.as_str().to_owned(),
        session_id: fresh_id(),
    })
}

/// What one round did, and what is left for the footer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoundReport {
    pub push: PushReport,
    pub pull: PullReport,
    /// Changes made here not on the server yet.
    pub unsynced: usize,
}

/// Pushes what is marked, then pulls what is new.
pub async fn round<S: CrmStore, P: CouchPeer>(
    store: &S,
    peer: &P,
    session: &Session,
    now: DateTime<Utc>,
) -> Result<RoundReport, SyncError> {
    let push = push(store, peer, session, now).await?;
    let pull = pull(store, peer, session).await?;
    let unsynced = store.sync_outbox().await?.len();
    Ok(RoundReport {
        push,
        pull,
        unsynced,
    })
}
