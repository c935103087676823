//! The browser's [`CouchPeer`]: `fetch` against a CouchDB database with the
//! session cookie, plus `/_session` sign-in (design `team-sync.md` §3, §7).
//!
//! Every request is sent with `credentials: include`, so the browser attaches the
//! HttpOnly `AuthSession` cookie: this code never sees it, and never keeps the
//! password past the sign-in request. What the server answers is read by the pure
//! functions in [`crate::domain::sync::wire`]; this module only moves bytes and
//! turns the browser's failures into [`PeerError`]s.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, Request, RequestCredentials, RequestInit, RequestMode, Response,
    Window, WorkerGlobalScope,
};

use crate::domain::sync::checkpoint::Seq;
use crate::domain::sync::peer::{ChangesBatch, CouchPeer, DocWriteError, PeerError};
use crate::domain::sync::rev::Rev;
use crate::domain::sync::wire::{self, SessionInfo, Target};

/// How long an ordinary request may take, body included.
pub const REQUEST_TIMEOUT_MS: u32 = 30_000;

/// How long a longpoll may hang before the client gives up and reads it as "no
/// changes": pouchdb-server ignores the `timeout` asked for and keeps the request
/// open with `\n` heartbeats, so the client's own timer is the only end.
pub const LONGPOLL_TIMEOUT_MS: u32 = 35_000;

/// A CouchDB database on a server, as the replicator talks to it.
#[derive(Debug, Clone)]
pub struct CouchDb {
    /// The server URL without a trailing slash.
    base: String,
    db: String,
    request_timeout_ms: u32,
    longpoll_timeout_ms: u32,
}

impl CouchDb {
    pub fn new(base: &str, db: &str) -> CouchDb {
        CouchDb {
            base: trim_base(base),
            db: db.to_owned(),
            request_timeout_ms: REQUEST_TIMEOUT_MS,
            longpoll_timeout_ms: LONGPOLL_TIMEOUT_MS,
        }
    }

    /// Other time limits, in milliseconds: for tests, which cannot wait 35 s to
    /// see a longpoll end.
    pub fn with_timeouts(mut self, request_ms: u32, longpoll_ms: u32) -> CouchDb {
        self.request_timeout_ms = request_ms;
        self.longpoll_timeout_ms = longpoll_ms;
        self
    }

    /// `{base}/{db}{rest}`, the database name URL-encoded (CouchDB allows `/` in
    /// it, which must reach the server as `%2F`).
    fn url(&self, rest: &str) -> String {
        format!("{}/{}{rest}", self.base, encode(&self.db))
    }

    fn local_url(&self, id: &str) -> String {
        self.url(&format!("/_local/{}", encode(wire::local_id(id))))
    }

    async fn call(&self, method: &str, url: &str, body: Option<&str>) -> Result<String, PeerError> {
        let answer = send(method, url, body, self.request_timeout_ms).await?;
        answer.ok_text(Target::Database)
    }

    async fn changes_feed(
        &self,
        since: &Seq,
        limit: u32,
        longpoll: bool,
    ) -> Result<ChangesBatch, PeerError> {
        let mut url = self.url(&format!(
            "/_changes?style=all_docs&since={}&limit={limit}",
            encode(&wire::seq_param(since))
        ));
        let timeout_ms = if longpoll {
            let server_ms = wire::longpoll_server_timeout(self.longpoll_timeout_ms);
            url.push_str(&format!("&feed=longpoll&timeout={server_ms}"));
            self.longpoll_timeout_ms
        } else {
            self.request_timeout_ms
        };
        let text = send("GET", &url, None, timeout_ms)
            .await?
            .ok_text(Target::Database)?;
        wire::parse_changes(&text)
    }

    /// The current `_rev` of a `_local` document, `None` when there is none.
    async fn local_current_rev(&self, url: &str) -> Result<Option<String>, PeerError> {
        match self.read_local(url).await? {
            Some(doc) => wire::local_rev(&doc).map(Some),
            None => Ok(None),
        }
    }

    async fn read_local(&self, url: &str) -> Result<Option<Value>, PeerError> {
        let answer = send("GET", url, None, self.request_timeout_ms).await?;
        if answer.status == 404 && !wire::not_found_is_no_database(&answer.text) {
            return Ok(None);
        }
        wire::parse_local(&answer.ok_text(Target::Database)?).map(Some)
    }
}

impl CouchPeer for CouchDb {
    async fn server_uuid(&self) -> Result<String, PeerError> {
        let url = format!("{}/", self.base);
        let text = send("GET", &url, None, self.request_timeout_ms)
            .await?
            .ok_text(Target::Server)?;
        wire::parse_server_uuid(&text)
    }

    async fn changes(&self, since: &Seq, limit: u32) -> Result<ChangesBatch, PeerError> {
        self.changes_feed(since, limit, false).await
    }

    async fn wait_for_changes(&self, since: &Seq, limit: u32) -> Result<ChangesBatch, PeerError> {
        match self.changes_feed(since, limit, true).await {
            Err(PeerError::Timeout) => Ok(ChangesBatch {
                rows: Vec::new(),
                last_seq: since.clone(),
            }),
            other => other,
        }
    }

    async fn revs_diff(
        &self,
        revs: &BTreeMap<String, Vec<Rev>>,
    ) -> Result<BTreeMap<String, Vec<Rev>>, PeerError> {
        if revs.is_empty() {
            return Ok(BTreeMap::new());
        }
        let body = wire::revs_diff_body(revs);
        let text = self
            .call("POST", &self.url("/_revs_diff"), Some(&body))
            .await?;
        wire::parse_revs_diff(&text)
    }

    async fn bulk_get(&self, wanted: &[(String, Rev)]) -> Result<Vec<String>, PeerError> {
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        // No `latest=true`: pouchdb-server 4.2.0 crashes (the whole process exits)
        // on an unknown revision of an existing document with it. The replicator
        // asks for leaves it saw in `_changes`, so `latest` adds nothing.
        let body = wire::bulk_get_body(wanted);
        let url = self.url("/_bulk_get?revs=true");
        let text = self.call("POST", &url, Some(&body)).await?;
        wire::parse_bulk_get(&text)
    }

    async fn bulk_docs(&self, docs: &[Value]) -> Result<Vec<DocWriteError>, PeerError> {
        if docs.is_empty() {
            return Ok(Vec::new());
        }
        let body = wire::bulk_docs_body(docs);
        let text = self
            .call("POST", &self.url("/_bulk_docs"), Some(&body))
            .await?;
        wire::parse_bulk_docs(&text)
    }

    async fn get_local(&self, id: &str) -> Result<Option<Value>, PeerError> {
        self.read_local(&self.local_url(id)).await
    }

    async fn put_local(&self, id: &str, body: &Value) -> Result<(), PeerError> {
        let url = self.local_url(id);
        // A 409 means another writer (this replicator in another tab, before the
        // lock moved) changed it between our read and write: read again, once.
        let mut retried = false;
        loop {
            let rev = self.local_current_rev(&url).await?;
            let doc = wire::local_put_body(id, body, rev.as_deref());
            let answer = send("PUT", &url, Some(&doc), self.request_timeout_ms).await?;
            if answer.status == 409 && !retried {
                retried = true;
                continue;
            }
            return answer.ok_text(Target::Database).map(drop);
        }
    }
}

/// Signs in with `POST /_session`; the browser keeps the HttpOnly cookie the
/// answer sets. A wrong name or password is [`PeerError::Unauthorized`].
pub async fn sign_in(base: &str, user: &str, password: &str) -> Result<SessionInfo, PeerError> {
    let url = format!("{}/_session", trim_base(base));
    let body = wire::sign_in_body(user, password);
    let text = send("POST", &url, Some(&body), REQUEST_TIMEOUT_MS)
        .await?
        .ok_text(Target::Server)?;
    wire::parse_sign_in(&text)
}

/// Who the session cookie belongs to; `None` when not signed in or the session
/// expired (the only way to tell that from a 401 on the database).
pub async fn session(base: &str) -> Result<Option<SessionInfo>, PeerError> {
    let url = format!("{}/_session", trim_base(base));
    let text = send("GET", &url, None, REQUEST_TIMEOUT_MS)
        .await?
        .ok_text(Target::Server)?;
    wire::parse_session(&text)
}

/// Ends the session: the server expires the cookie in this browser. CouchDB's
/// cookies are stateless, so a copy taken elsewhere stays valid until its timeout.
pub async fn sign_out(base: &str) -> Result<(), PeerError> {
    let url = format!("{}/_session", trim_base(base));
    send("DELETE", &url, None, REQUEST_TIMEOUT_MS)
        .await?
        .ok_text(Target::Server)
        .map(drop)
}

fn trim_base(base: &str) -> String {
    base.trim_end_matches('/').to_owned()
}

fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

/// A finished exchange: status and the whole body.
struct Answer {
    status: u16,
    status_text: String,
    text: String,
}

impl Answer {
    fn ok_text(self, target: Target) -> Result<String, PeerError> {
        if (200..300).contains(&self.status) {
            Ok(self.text)
        } else {
            Err(wire::error_for_status(
                self.status,
                &self.status_text,
                &self.text,
                target,
            ))
        }
    }
}

/// The browser's message for a rejected promise (a `TypeError` for fetch).
fn js_message(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return error.message().into();
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}

/// The global scope's `fetch` and timers: a page's window, or a worker's scope
/// if the replicator is ever moved into one.
enum Scope {
    Window(Window),
    Worker(WorkerGlobalScope),
}

impl Scope {
    fn current() -> Result<Scope, PeerError> {
        let global = js_sys::global();
        if let Some(window) = global.dyn_ref::<Window>() {
            return Ok(Scope::Window(window.clone()));
        }
        match global.dyn_into::<WorkerGlobalScope>() {
            Ok(worker) => Ok(Scope::Worker(worker)),
            Err(_) => Err(PeerError::Network(
                "no window or worker to fetch from".into(),
            )),
        }
    }

    fn fetch(&self, request: &Request) -> js_sys::Promise {
        match self {
            Scope::Window(window) => window.fetch_with_request(request),
            Scope::Worker(worker) => worker.fetch_with_request(request),
        }
    }

    fn set_timeout(&self, callback: &js_sys::Function, ms: u32) -> Result<i32, JsValue> {
        let ms = i32::try_from(ms).unwrap_or(i32::MAX);
        match self {
            Scope::Window(window) => {
                window.set_timeout_with_callback_and_timeout_and_arguments_0(callback, ms)
            }
            Scope::Worker(worker) => {
                worker.set_timeout_with_callback_and_timeout_and_arguments_0(callback, ms)
            }
        }
    }

    fn clear_timeout(&self, handle: i32) {
        match self {
            Scope::Window(window) => window.clear_timeout_with_handle(handle),
            Scope::Worker(worker) => worker.clear_timeout_with_handle(handle),
        }
    }
}

/// Aborts the request when its time is up, remembering that it was the timer
/// (an abort is otherwise indistinguishable from a network failure). It runs
/// until the body has been read, since a longpoll's headers arrive at once and
/// its body hangs. Dropping it aborts the request too, so a replicator that
/// stops waiting does not leave a connection open.
struct Deadline {
    scope: Scope,
    controller: AbortController,
    handle: i32,
    fired: Rc<Cell<bool>>,
    _on_timeout: Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(scope: Scope, controller: AbortController, ms: u32) -> Result<Deadline, PeerError> {
        let fired = Rc::new(Cell::new(false));
        let on_timeout = {
            let (fired, controller) = (fired.clone(), controller.clone());
            Closure::<dyn FnMut()>::new(move || {
                fired.set(true);
                controller.abort();
            })
        };
        let handle = scope
            .set_timeout(on_timeout.as_ref().unchecked_ref(), ms)
            .map_err(|e| PeerError::Network(format!("no timer: {}", js_message(&e))))?;
        Ok(Deadline {
            scope,
            controller,
            handle,
            fired,
            _on_timeout: on_timeout,
        })
    }

    /// The error for a rejected promise under this deadline.
    fn failure(&self, error: &JsValue) -> PeerError {
        if self.fired.get() {
            PeerError::Timeout
        } else {
            PeerError::Network(js_message(error))
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        self.scope.clear_timeout(self.handle);
        // A no-op once the body is read.
        self.controller.abort();
    }
}

fn build_request(
    method: &str,
    url: &str,
    body: Option<&str>,
    controller: &AbortController,
) -> Result<Request, JsValue> {
    let headers = Headers::new()?;
    // Without it both servers label JSON `text/plain`.
    headers.set("Accept", "application/json")?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Include);
    init.set_signal(Some(&controller.signal()));
    if let Some(body) = body {
        headers.set("Content-Type", "application/json")?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    Request::new_with_str_and_init(url, &init)
}

/// One request, the whole body read, within `timeout_ms`.
async fn send(
    method: &str,
    url: &str,
    body: Option<&str>,
    timeout_ms: u32,
) -> Result<Answer, PeerError> {
    let scope = Scope::current()?;
    let controller = AbortController::new()
        .map_err(|e| PeerError::Network(format!("no AbortController: {}", js_message(&e))))?;
    // A malformed URL (a typo in the server address) fails here, as no answer.
    let request = build_request(method, url, body, &controller)
        .map_err(|e| PeerError::Network(js_message(&e)))?;
    let deadline = Deadline::start(scope, controller, timeout_ms)?;
    let response: Response = JsFuture::from(deadline.scope.fetch(&request))
        .await
        .map_err(|e| deadline.failure(&e))?
        .dyn_into()
        .map_err(|_| PeerError::Network("fetch gave something other than a Response".into()))?;
    let text = response.text().map_err(|e| deadline.failure(&e))?;
    let text = JsFuture::from(text)
        .await
        .map_err(|e| deadline.failure(&e))?
        .as_string()
        .ok_or_else(|| PeerError::BadResponse("the body is not text".into()))?;
    Ok(Answer {
        status: response.status(),
        status_text: response.status_text(),
        text,
    })
}
