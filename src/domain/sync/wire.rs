//! What goes over the wire to a CouchDB database and what comes back, as pure
//! functions of text: request bodies out, typed answers in. `web::couch` only moves
//! the bytes, so both servers' shapes (pouchdb-server 4.2.0 and CouchDB 3, as
//! measured in couch-probe.md) and hostile input are tested natively.
//!
//! Every parser answers [`PeerError::BadResponse`] naming what was wrong: a server
//! (or a proxy in front of it) is untrusted input, never a reason to panic.

use std::collections::BTreeMap;

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

/// Reading an answer's JSON by hand rather than through derived structs: serde's
/// derive also accepts an array where a struct is expected (`[[], 0]` would be a
/// `_changes` answer), and a wrong shape must be refused, not guessed at. Each
/// failure names the answer and the place in it.
struct Reader {
    what: &'static str,
}

impl Reader {
    fn json(&self, text: &str) -> Result<Value, PeerError> {
        serde_json::from_str(text).map_err(|e| bad(self.what, e))
    }

    fn object<'v>(&self, value: &'v Value, at: &str) -> Result<&'v Map<String, Value>, PeerError> {
        value
            .as_object()
            .ok_or_else(|| bad(self.what, format_args!("{at} is not an object")))
    }

    fn array<'v>(&self, value: &'v Value, at: &str) -> Result<&'v [Value], PeerError> {
        value
            .as_array()
            .map(Vec::as_slice)
            .ok_or_else(|| bad(self.what, format_args!("{at} is not an array")))
    }

    fn string<'v>(&self, value: &'v Value, at: &str) -> Result<&'v str, PeerError> {
        value
            .as_str()
            .ok_or_else(|| bad(self.what, format_args!("{at} is not a string")))
    }

    fn required<'v>(
        &self,
        object: &'v Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<&'v Value, PeerError> {
        object
            .get(key)
            .ok_or_else(|| bad(self.what, format_args!("{at} has no {key}")))
    }

    /// An optional string member: absent and null are both `None`.
    fn optional_string<'v>(
        &self,
        object: &'v Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<Option<&'v str>, PeerError> {
        match object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => self.string(value, &format!("{at}.{key}")).map(Some),
        }
    }

    fn strings(&self, value: &Value, at: &str) -> Result<Vec<String>, PeerError> {
        let items = self.array(value, at)?;
        items
            .iter()
            .enumerate()
            .map(|(i, item)| self.string(item, &format!("{at}[{i}]")).map(str::to_owned))
            .collect()
    }

    fn rev(&self, id: &str, text: &str) -> Result<Rev, PeerError> {
        text.parse()
            .map_err(|e| bad(self.what, format_args!("document {id:?}: {e}")))
    }

    /// An object whose members are kept as their text, for answers that carry
    /// documents (a map only ever comes from `{`, unlike a derived struct).
    fn raw_object<'t>(
        &self,
        text: &'t str,
        at: &str,
    ) -> Result<BTreeMap<&'t str, &'t RawValue>, PeerError> {
        serde_json::from_str(text).map_err(|e| bad(self.what, format_args!("{at}: {e}")))
    }

    fn raw_array<'t>(&self, text: &'t str, at: &str) -> Result<Vec<&'t RawValue>, PeerError> {
        serde_json::from_str(text).map_err(|e| bad(self.what, format_args!("{at}: {e}")))
    }
}

/// `GET /`: the server's `uuid`.
pub fn parse_server_uuid(text: &str) -> Result<String, PeerError> {
    let read = Reader { what: "GET /" };
    let root = read.json(text)?;
    let root = read.object(&root, "the answer")?;
    match read.optional_string(root, "uuid", "the answer")? {
        Some(uuid) if !uuid.is_empty() => Ok(uuid.to_owned()),
        _ => Err(bad(read.what, "no server uuid")),
    }
}

/// `GET /{db}/_changes?style=all_docs`, either feed. Whitespace around and inside
/// the body is allowed: pouchdb-server's longpoll writes `\n` heartbeats before and
/// between the results.
pub fn parse_changes(text: &str) -> Result<ChangesBatch, PeerError> {
    let read = Reader { what: "_changes" };
    let feed = read.json(text)?;
    let feed = read.object(&feed, "the answer")?;
    let results = read.array(read.required(feed, "results", "the answer")?, "results")?;
    let last_seq = read.required(feed, "last_seq", "the answer")?;
    if last_seq.is_null() {
        return Err(bad(read.what, "last_seq is null"));
    }
    let mut rows = Vec::with_capacity(results.len());
    for (i, row) in results.iter().enumerate() {
        let at = format!("results[{i}]");
        let row = read.object(row, &at)?;
        let id = read.string(read.required(row, "id", &at)?, &format!("{at}.id"))?;
        let changes = read.required(row, "changes", &at)?;
        let changes = read.array(changes, &format!("{at}.changes"))?;
        if changes.is_empty() {
            return Err(bad(
                read.what,
                format_args!("document {id:?} lists no revisions"),
            ));
        }
        let revs = changes
            .iter()
            .map(|change| {
                let at = format!("{at}.changes[]");
                let change = read.object(change, &at)?;
                let rev = read.string(read.required(change, "rev", &at)?, &at)?;
                read.rev(id, rev)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let deleted = match row.get("deleted") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(deleted)) => *deleted,
            Some(_) => {
                return Err(bad(
                    read.what,
                    format_args!("{at}.deleted is not true or false"),
                ))
            }
        };
        rows.push(ChangeRow {
            id: id.to_owned(),
            // Absent or null with CouchDB's `seq_interval`; only `last_seq` is ever
            // checkpointed, so a row without one is still usable.
            seq: Seq(row.get("seq").cloned().unwrap_or(Value::Null)),
            revs,
            deleted,
        });
    }
    Ok(ChangesBatch {
        rows,
        last_seq: Seq(last_seq.clone()),
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
    let read = Reader { what: "_revs_diff" };
    let answer = read.json(text)?;
    let mut missing = BTreeMap::new();
    for (id, entry) in read.object(&answer, "the answer")? {
        let entry = read.object(entry, &format!("{id:?}"))?;
        let Some(revs) = entry.get("missing") else {
            continue;
        };
        let revs = read
            .strings(revs, &format!("{id:?}.missing"))?
            .iter()
            .map(|rev| read.rev(id, rev))
            .collect::<Result<Vec<_>, _>>()?;
        if !revs.is_empty() {
            missing.insert(id.clone(), revs);
        }
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

/// `POST /{db}/_bulk_get?revs=true`: each found document's JSON text, exactly as
/// sent (validation reads the text; nothing is rebuilt on the way).
///
/// What counts as not found differs by server: pouchdb-server answers `{}` for a
/// missing document and `{"missing": rev}` for a missing revision, CouchDB
/// `{"error": {...}}`. All are left out, as is any other per-document error: the
/// revision then stays missing here and is asked for again on a later pull.
pub fn parse_bulk_get(text: &str) -> Result<Vec<String>, PeerError> {
    let read = Reader { what: "_bulk_get" };
    let answer = read.raw_object(text, "the answer")?;
    let results = answer
        .get("results")
        .ok_or_else(|| bad(read.what, "the answer has no results"))?;
    let mut found = Vec::new();
    for (i, result) in read.raw_array(results.get(), "results")?.iter().enumerate() {
        let at = format!("results[{i}]");
        let result = read.raw_object(result.get(), &at)?;
        let docs = result
            .get("docs")
            .ok_or_else(|| bad(read.what, format_args!("{at} has no docs")))?;
        for doc in read.raw_array(docs.get(), &format!("{at}.docs"))? {
            let doc = read.raw_object(doc.get(), &format!("{at}.docs[]"))?;
            let Some(ok) = doc.get("ok") else { continue };
            // A RawValue has no whitespace before it: its first byte is the value's.
            if !ok.get().starts_with('{') {
                return Err(bad(
                    read.what,
                    format_args!("{at}: a found document is not a JSON object"),
                ));
            }
            found.push(ok.get().to_owned());
        }
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
    let read = Reader { what: "_bulk_docs" };
    let answer = read.json(text)?;
    let mut refused = Vec::new();
    for (i, row) in read.array(&answer, "the answer")?.iter().enumerate() {
        let at = format!("[{i}]");
        let row = read.object(row, &at)?;
        let Some(error) = read.optional_string(row, "error", &at)? else {
            continue;
        };
        let id = read.optional_string(row, "id", &at)?.ok_or_else(|| {
            bad(
                read.what,
                format_args!("a refused document ({error}) has no id"),
            )
        })?;
        let reason = read.optional_string(row, "reason", &at)?;
        refused.push(DocWriteError {
            id: id.to_owned(),
            error: clip(error),
            reason: clip(reason.unwrap_or_default()),
        });
    }
    Ok(refused)
}

/// `GET /{db}/_local/{id}`: the document, which must be an object.
pub fn parse_local(text: &str) -> Result<Value, PeerError> {
    let read = Reader { what: "_local" };
    let doc = read.json(text)?;
    read.object(&doc, "the document")?;
    Ok(doc)
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

/// A user context (`name`, `roles`), `None` for anonymous (`name` null or empty).
fn user_ctx(
    read: &Reader,
    user: &Map<String, Value>,
    at: &str,
) -> Result<Option<SessionInfo>, PeerError> {
    let roles = match user.get("roles") {
        None | Some(Value::Null) => Vec::new(),
        Some(roles) => read.strings(roles, &format!("{at}.roles"))?,
    };
    Ok(match read.optional_string(user, "name", at)? {
        Some(name) if !name.is_empty() => Some(SessionInfo {
            name: name.to_owned(),
            roles,
        }),
        _ => None,
    })
}

/// `POST /_session`, signed in: `{"ok": true, "name": ..., "roles": [...]}`.
pub fn parse_sign_in(text: &str) -> Result<SessionInfo, PeerError> {
    let read = Reader {
        what: "POST /_session",
    };
    let answer = read.json(text)?;
    user_ctx(&read, read.object(&answer, "the answer")?, "the answer")?
        .ok_or_else(|| bad(read.what, "signed in, but no user name"))
}

/// `GET /_session`: the user, `None` when the cookie is absent, expired or
/// forged (the server answers anonymous alike: `userCtx.name` null).
pub fn parse_session(text: &str) -> Result<Option<SessionInfo>, PeerError> {
    let read = Reader {
        what: "GET /_session",
    };
    let answer = read.json(text)?;
    let answer = read.object(&answer, "the answer")?;
    let user = read.object(read.required(answer, "userCtx", "the answer")?, "userCtx")?;
    user_ctx(&read, user, "userCtx")
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "wire_props.rs"]
mod props;
