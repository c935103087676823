//! Installable, offline app: service-worker registration and the browser's storage
//! persistence (whether the browser may clear IndexedDB under disk pressure).

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn navigator_member(name: &str) -> Option<JsValue> {
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    Reflect::get(&navigator, &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Calls `target[method]()` and awaits the promise it returns.
async fn call_async(target: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let func = Reflect::get(target, &method.into())?.dyn_into::<Function>()?;
    let promise = func.call0(target)?.dyn_into::<Promise>()?;
    JsFuture::from(promise).await
}

/// Registers `sw.js`, which caches the app shell for offline use. Browsers without
/// service workers (or an insecure origin) simply run online-only.
pub async fn register_service_worker() -> Result<(), String> {
    let Some(container) = navigator_member("serviceWorker") else {
        return Err("this browser offers no service workers: the app will not open offline".into());
    };
    let register = Reflect::get(&container, &"register".into())
        .and_then(|f| f.dyn_into::<Function>())
        .map_err(|e| format!("{e:?}"))?;
    let promise = register
        .call1(&container, &"./sw.js".into())
        .and_then(|p| p.dyn_into::<Promise>())
        .map_err(|e| format!("{e:?}"))?;
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| format!("the offline copy could not be set up: {e:?}"))
}

/// Whether the browser keeps this site's data until the user deletes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    Unknown,
    Persistent,
    /// "Best effort": the browser may evict the data when disk space runs low.
    BestEffort,
    Unsupported,
}

fn persistence_of(answer: Result<JsValue, JsValue>) -> Persistence {
    match answer.map(|v| v.as_bool()) {
        Ok(Some(true)) => Persistence::Persistent,
        Ok(Some(false)) => Persistence::BestEffort,
        _ => Persistence::Unsupported,
    }
}

pub async fn storage_persistence() -> Persistence {
    match navigator_member("storage") {
        Some(storage) => persistence_of(call_async(&storage, "persisted").await),
        None => Persistence::Unsupported,
    }
}

/// Asks the browser to keep the data (`navigator.storage.persist()`); the answer may
/// be a silent "no" (Chromium decides by site engagement).
pub async fn request_persistence() -> Persistence {
    match navigator_member("storage") {
        Some(storage) => persistence_of(call_async(&storage, "persist").await),
        None => Persistence::Unsupported,
    }
}

/// Private windows get a small, temporary storage quota; a quota under this many
/// bytes is taken as a sign of one (a normal profile gets a share of the disk).
const PRIVATE_WINDOW_QUOTA: f64 = 200.0 * 1024.0 * 1024.0;

/// True when storage looks temporary (a private/incognito window).
pub async fn looks_like_private_window() -> bool {
    let Some(storage) = navigator_member("storage") else {
        return false;
    };
    let Ok(estimate) = call_async(&storage, "estimate").await else {
        return false;
    };
    Reflect::get(&estimate, &"quota".into())
        .ok()
        .and_then(|q| q.as_f64())
        .is_some_and(|quota| quota < PRIVATE_WINDOW_QUOTA)
}
