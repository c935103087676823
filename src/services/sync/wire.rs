//! What goes over the wire to a CouchDB database and what comes back, as pure
//! functions of text: request bodies out, typed answers in. `web::couch` only moves
//! the bytes, so both servers' shapes (pouchdb-server 4.2.0 and CouchDB 3, as
//! measured in couch-probe.md) and hostile input are tested natively.
//!
//! Every parser answers [`PeerError::BadResponse`] naming what was wrong: a server
//! (or a proxy in front of it) is untrusted input, never a reason to panic.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use super::peer::{ChangeRow, ChangesBatch, DocWriteError, PeerError};
use crate::domain::sync::checkpoint::Seq;
use crate::domain::sync::rev::Rev;

/// Longest server-given reason kept in an error: the UI shows it, and a hostile or
/// broken server could send megabytes.
pub const MAX_REASON_CHARS: usize = 300;

/// Who is signed in, as `/_session` tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub name: String,
    pub roles: Vec<String>,
}

/// What a request was addressed to, which decides what a 404 means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `/`, `/_session`: a 404 is just an odd server.
    Server,
    /// `/{db}/…`: a 404 means the database is missing.
    Database,
}

/// CouchDB's error body, `{"error": "...", "reason": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBody {
    pub error: String,
    pub reason: String,
}

fn bad(what: &str, detail: impl std::fmt::Display) -> PeerError {
    PeerError::BadResponse(format!("{what}: {detail}"))
}

fn clip(text: &str) -> String {
    match text.char_indices().nth(MAX_REASON_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// CouchDB's `error` and `reason`, when the body is such an object (either may be
/// absent; a body with neither is not an error body).
pub fn parse_error_body(text: &str) -> Option<ErrorBody> {
    let value: Value = serde_json::from_str(text).ok()?;
    let object = value.as_object()?;
    let field = |name: &str| object.get(name).and_then(Value::as_str).map(clip);
    let (error, reason) = (field("error"), field("reason"));
    if error.is_none() && reason.is_none() {
        return None;
    }
    Some(ErrorBody {
        error: error.unwrap_or_default(),
        reason: reason.unwrap_or_default(),
    })
}

/// The error a non-2xx answer stands for. `status_text` is the HTTP reason phrase,
/// used when the body is not CouchDB's (a proxy's HTML page, say).
pub fn error_for_status(status: u16, status_text: &str, body: &str, target: Target) -> PeerError {
    match status {
        401 => PeerError::Unauthorized,
        403 => PeerError::Forbidden,
        404 if target == Target::Database => PeerError::NoDatabase,
        413 => PeerError::TooLarge,
        _ => {
            let reason = match parse_error_body(body) {
                Some(ErrorBody { error, reason }) if !error.is_empty() && !reason.is_empty() => {
                    format!("{error}: {reason}")
                }
                Some(ErrorBody { error, reason }) => format!("{error}{reason}"),
                None if !status_text.trim().is_empty() => clip(status_text.trim()),
                None => "no reason given".to_owned(),
            };
            PeerError::Server { status, reason }
        }
    }
}

/// Whether a 404 on `GET /{db}/_local/{id}` means the database is missing rather
/// than the document. Only the servers' known "no database" reasons count: any
/// other 404 reads as "no checkpoint yet", which costs a restart from 0, never data.
pub fn not_found_is_no_database(body: &str) -> bool {
    parse_error_body(body).is_some_and(|body| {
        // CouchDB 2/3, then pouchdb-server (and CouchDB 1.x).
        body.reason == "Database does not exist." || body.reason == "no_db_file"
    })
}

/// A seq as the `since` query value (before URL encoding): CouchDB 3's opaque
/// string as it is, pouchdb-server's integer as digits.
pub fn seq_param(seq: &Seq) -> String {
    match &seq.0 {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The `timeout` asked of CouchDB for a longpoll that the client aborts after
/// `abort_ms`: the same 25 s to 35 s ratio as the design, so a server that honours
/// it (CouchDB) answers an empty batch before the client gives up.
pub fn longpoll_server_timeout(abort_ms: u32) -> u32 {
    // u64: abort_ms * 5 overflows u32 above ~14 minutes.
    (u64::from(abort_ms) * 5 / 7) as u32
}

/// The id after `_local/`: callers may pass either (`ReplicationId::local_doc_id`
/// includes the prefix), and doubling it would address another document.
pub fn local_id(id: &str) -> &str {
    id.strip_prefix("_local/").unwrap_or(id)
}

/// `GET /`: the server's `uuid`.
pub fn parse_server_uuid(text: &str) -> Result<String, PeerError> {
    #[derive(Deserialize)]
    struct Root {
        uuid: Option<String>,
    }
    let root: Root = serde_json::from_str(text).map_err(|e| bad("GET /", e))?;
    match root.uuid {
        Some(uuid) if !uuid.is_empty() => Ok(uuid),
        _ => Err(bad("GET /", "no server uuid")),
    }
}

fn parse_rev(what: &str, id: &str, text: &str) -> Result<Rev, PeerError> {
    text.parse()
        .map_err(|e| bad(what, format_args!("document {id:?}: {e}")))
}

/// `GET /{db}/_changes?style=all_docs`, either feed. Whitespace around and inside
/// the body is allowed: pouchdb-server's longpoll writes `\n` heartbeats before and
/// between the results.
pub fn parse_changes(text: &str) -> Result<ChangesBatch, PeerError> {
    const WHAT: &str = "_changes";
    #[derive(Deserialize)]
    struct Feed {
        results: Vec<Row>,
        last_seq: Value,
    }
    #[derive(Deserialize)]
    struct Row {
        id: String,
        // Absent or null with CouchDB's `seq_interval`; only `last_seq` is ever
        // checkpointed, so a row without one is still usable.
        #[serde(default)]
        seq: Value,
        changes: Vec<Change>,
        #[serde(default)]
        deleted: bool,
    }
    #[derive(Deserialize)]
    struct Change {
        rev: String,
    }
    let feed: Feed = serde_json::from_str(text).map_err(|e| bad(WHAT, e))?;
    if feed.last_seq.is_null() {
        return Err(bad(WHAT, "last_seq is null"));
    }
    let mut rows = Vec::with_capacity(feed.results.len());
    for row in feed.results {
        if row.changes.is_empty() {
            return Err(bad(
                WHAT,
                format_args!("document {:?} lists no revisions", row.id),
            ));
        }
        let revs = row
            .changes
            .iter()
            .map(|change| parse_rev(WHAT, &row.id, &change.rev))
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(ChangeRow {
            id: row.id,
            seq: Seq(row.seq),
            revs,
            deleted: row.deleted,
        });
    }
    Ok(ChangesBatch {
        rows,
        last_seq: Seq(feed.last_seq),
    })
}

/// The body of `POST /{db}/_revs_diff`.
pub fn revs_diff_body(revs: &BTreeMap<String, Vec<Rev>>) -> String {
    let body: Map<String, Value> = revs
        .iter()
        .map(|(id, revs)| {
            let revs = revs.iter().map(|rev| Value::String(rev.to_string()));
            (id.clone(), Value::Array(revs.collect()))
        })
        .collect();
    Value::Object(body).to_string()
}

/// `POST /{db}/_revs_diff`: the missing revisions by id. `possible_ancestors` is
/// ignored (pouchdb-server never sends it, and the replicator sends whole paths);
/// ids with nothing missing are left out.
pub fn parse_revs_diff(text: &str) -> Result<BTreeMap<String, Vec<Rev>>, PeerError> {
    const WHAT: &str = "_revs_diff";
    #[derive(Deserialize)]
    struct Entry {
        #[serde(default)]
        missing: Vec<String>,
    }
    let entries: BTreeMap<String, Entry> = serde_json::from_str(text).map_err(|e| bad(WHAT, e))?;
    let mut missing = BTreeMap::new();
    for (id, entry) in entries {
        if entry.missing.is_empty() {
            continue;
        }
        let revs = entry
            .missing
            .iter()
            .map(|rev| parse_rev(WHAT, &id, rev))
            .collect::<Result<Vec<_>, _>>()?;
        missing.insert(id, revs);
    }
    Ok(missing)
}

/// The body of `POST /{db}/_bulk_get`.
pub fn bulk_get_body(wanted: &[(String, Rev)]) -> String {
    let docs: Vec<Value> = wanted
        .iter()
        .map(|(id, rev)| json!({ "id": id, "rev": rev.to_string() }))
        .collect();
    json!({ "docs": docs }).to_string()
}

/// `POST /{db}/_bulk_get?revs=true`: each found document's JSON text, as sent.
///
/// What counts as not found differs by server: pouchdb-server answers `{}` for a
/// missing document and `{"missing": rev}` for a missing revision, CouchDB
/// `{"error": {...}}`. All are left out, as is any other per-document error: the
/// revision then stays missing here and is asked for again on a later pull.
pub fn parse_bulk_get(text: &str) -> Result<Vec<String>, PeerError> {
    const WHAT: &str = "_bulk_get";
    #[derive(Deserialize)]
    struct Answer {
        results: Vec<Entry>,
    }
    #[derive(Deserialize)]
    struct Entry {
        docs: Vec<Doc>,
    }
    #[derive(Deserialize)]
    struct Doc {
        #[serde(default)]
        ok: Option<Box<RawValue>>,
    }
    let answer: Answer = serde_json::from_str(text).map_err(|e| bad(WHAT, e))?;
    let mut found = Vec::new();
    for doc in answer.results.into_iter().flat_map(|result| result.docs) {
        let Some(raw) = doc.ok else { continue };
        // A RawValue has no whitespace before it: its first byte is the value's.
        if !raw.get().starts_with('{') {
            return Err(bad(WHAT, "a found document is not a JSON object"));
        }
        found.push(raw.get().to_owned());
    }
    Ok(found)
}

/// The body of `POST /{db}/_bulk_docs` for replication: every document stored at
/// its own `_rev` with its `_revisions`, no new revisions made.
pub fn bulk_docs_body(docs: &[Value]) -> String {
    json!({ "docs": docs, "new_edits": false }).to_string()
}

/// `POST /{db}/_bulk_docs`: the documents refused. With `new_edits: false`
/// CouchDB lists only failures; an older server's `{"ok": true, ...}` rows are
/// skipped alike.
pub fn parse_bulk_docs(text: &str) -> Result<Vec<DocWriteError>, PeerError> {
    const WHAT: &str = "_bulk_docs";
    #[derive(Deserialize)]
    struct Row {
        id: Option<String>,
        error: Option<String>,
        reason: Option<String>,
    }
    let rows: Vec<Row> = serde_json::from_str(text).map_err(|e| bad(WHAT, e))?;
    let mut refused = Vec::new();
    for row in rows {
        let Some(error) = row.error else { continue };
        let id = row
            .id
            .ok_or_else(|| bad(WHAT, format_args!("a refused document ({error}) has no id")))?;
        refused.push(DocWriteError {
            id,
            error: clip(&error),
            reason: clip(&row.reason.unwrap_or_default()),
        });
    }
    Ok(refused)
}

/// `GET /{db}/_local/{id}`: the document, which must be an object.
pub fn parse_local(text: &str) -> Result<Value, PeerError> {
    let value: Value = serde_json::from_str(text).map_err(|e| bad("_local", e))?;
    if value.is_object() {
        Ok(value)
    } else {
        Err(bad("_local", "the document is not a JSON object"))
    }
}

/// The `_rev` of a fetched `_local` document (`0-N` on both servers).
pub fn local_rev(doc: &Value) -> Result<String, PeerError> {
    match doc.get("_rev") {
        Some(Value::String(rev)) if !rev.is_empty() => Ok(rev.clone()),
        _ => Err(bad("_local", "the document has no _rev")),
    }
}

/// The body of `PUT /{db}/_local/{id}`: `body` with the document's own `_id` and
/// the current `_rev` (without it the server answers 409; with none, a new
/// document). A body that is not an object is sent as it is, for the server to
/// refuse: it is the authority on what a document is.
pub fn local_put_body(id: &str, body: &Value, current_rev: Option<&str>) -> String {
    let mut doc = body.clone();
    if let Some(object) = doc.as_object_mut() {
        object.insert(
            "_id".into(),
            Value::String(format!("_local/{}", local_id(id))),
        );
        match current_rev {
            Some(rev) => object.insert("_rev".into(), Value::String(rev.to_owned())),
            None => object.remove("_rev"),
        };
    }
    doc.to_string()
}

/// The body of `POST /_session`.
pub fn sign_in_body(user: &str, password: &str) -> String {
    json!({ "name": user, "password": password }).to_string()
}

#[derive(Deserialize)]
struct UserCtx {
    name: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
}

/// `POST /_session`, signed in: `{"ok": true, "name": ..., "roles": [...]}`.
pub fn parse_sign_in(text: &str) -> Result<SessionInfo, PeerError> {
    let user: UserCtx = serde_json::from_str(text).map_err(|e| bad("POST /_session", e))?;
    match user.name {
        Some(name) if !name.is_empty() => Ok(SessionInfo {
            name,
            roles: user.roles,
        }),
        _ => Err(bad("POST /_session", "signed in, but no user name")),
    }
}

/// `GET /_session`: the user, `None` when the cookie is absent, expired or
/// forged (the server answers anonymous alike: `userCtx.name` null).
pub fn parse_session(text: &str) -> Result<Option<SessionInfo>, PeerError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Session {
        user_ctx: UserCtx,
    }
    let session: Session = serde_json::from_str(text).map_err(|e| bad("GET /_session", e))?;
    Ok(match session.user_ctx.name {
        Some(name) if !name.is_empty() => Some(SessionInfo {
            name,
            roles: session.user_ctx.roles,
        }),
        _ => None,
    })
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;
