//! The other side of replication: one CouchDB database, as the replicator sees
//! it. The browser's implementation is `web::couch` (fetch with the session
//! cookie); tests use a double that keeps revision trees as CouchDB does.
//!
//! Only the requests the replication protocol needs, each returning typed data
//! or a [`PeerError`] the UI can explain; never a panic on what a server sends.

use std::collections::BTreeMap;

use serde_json::Value;
use thiserror::Error;

use crate::domain::sync::checkpoint::Seq;
use crate::domain::sync::rev::Rev;

/// Why a request to the server failed, as the replicator acts on it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeerError {
    /// No answer: offline, DNS, refused connection, CORS refusal (the browser
    /// does not say which). Retried with backoff.
    #[error("the sync server could not be reached ({0})")]
    Network(String),
    /// No answer in time. Retried with backoff.
    #[error("the sync server did not answer in time")]
    Timeout,
    /// 401: not signed in, or the session expired. Edits wait; the rep signs in again.
    #[error("the sync server asks to sign in again")]
    Unauthorized,
    /// 403: signed in, but not a member of this database.
    #[error("this user may not use this database on the sync server")]
    Forbidden,
    /// 404 on the database itself.
    #[error("the database does not exist on the sync server")]
    NoDatabase,
    /// 413: the request was too large; the replicator halves its batch.
    #[error("the sync server refused a request as too large")]
    TooLarge,
    /// Any other error status, with CouchDB's `error` and `reason` when given.
    #[error("the sync server answered {status}: {reason}")]
    Server { status: u16, reason: String },
    /// An answer that is not what the protocol promises.
    #[error("the sync server's answer could not be read: {0}")]
    BadResponse(String),
}

impl PeerError {
    /// Whether trying again later may succeed without the rep doing anything.
    pub fn is_transient(&self) -> bool {
        match self {
            PeerError::Network(_) | PeerError::Timeout => true,
            PeerError::Server { status, .. } => *status >= 500,
            PeerError::Unauthorized
            | PeerError::Forbidden
            | PeerError::NoDatabase
            | PeerError::TooLarge
            | PeerError::BadResponse(_) => false,
        }
    }
}

/// One row of `_changes?style=all_docs`: a document and its leaf revisions.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    pub id: String,
    pub seq: Seq,
    pub revs: Vec<Rev>,
    pub deleted: bool,
}

/// One page of `_changes`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangesBatch {
    pub rows: Vec<ChangeRow>,
    pub last_seq: Seq,
}

/// A document `_bulk_docs` did not store (for `new_edits: false`, CouchDB
/// answers `[]` when every document was stored, and lists only failures).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocWriteError {
    pub id: String,
    /// CouchDB's `error`, e.g. `forbidden` (a validation function refused it:
    /// never retried, per the protocol).
    pub error: String,
    pub reason: String,
}

/// A CouchDB database, as the replication protocol uses it.
#[allow(async_fn_in_trait)]
pub trait CouchPeer {
    /// The server's `uuid` (`GET /`), part of the replication id.
    async fn server_uuid(&self) -> Result<String, PeerError>;

    /// `GET /{db}/_changes?style=all_docs&since=…&limit=…`: returns at once.
    async fn changes(&self, since: &Seq, limit: u32) -> Result<ChangesBatch, PeerError>;

    /// The same with `feed=longpoll`: waits until something changes after
    /// `since`, or about half a minute (then answers an empty batch at `since`).
    async fn wait_for_changes(&self, since: &Seq, limit: u32) -> Result<ChangesBatch, PeerError>;

    /// `POST /{db}/_revs_diff`: of `revs`, by document id, the ones the server
    /// does not have. Documents it has all of are left out.
    async fn revs_diff(
        &self,
        revs: &BTreeMap<String, Vec<Rev>>,
    ) -> Result<BTreeMap<String, Vec<Rev>>, PeerError>;

    /// `POST /{db}/_bulk_get?revs=true`: each wanted revision that exists, as
    /// the document's JSON text with `_revisions` (to be checked with
    /// `domain::sync::docs::validate`). Revisions the server does not have are
    /// left out.
    async fn bulk_get(&self, wanted: &[(String, Rev)]) -> Result<Vec<String>, PeerError>;

    /// `POST /{db}/_bulk_docs` with `new_edits: false`: stores each document at
    /// its own `_rev` with its `_revisions`. Returns the documents it refused.
    async fn bulk_docs(&self, docs: &[Value]) -> Result<Vec<DocWriteError>, PeerError>;

    /// `GET /{db}/_local/{id}`: a checkpoint, `None` if there is none yet.
    async fn get_local(&self, id: &str) -> Result<Option<Value>, PeerError>;

    /// `PUT /{db}/_local/{id}`: writes a checkpoint over whatever is there
    /// (the implementation supplies the current `_rev`).
    async fn put_local(&self, id: &str, body: &Value) -> Result<(), PeerError>;
}
