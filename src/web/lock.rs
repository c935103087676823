//! One browser-wide holder of a named lock (the Web Locks API): the tab that runs
//! team sync's replicator, so two open tabs never push and pull side by side.
//! web-sys's `LockManager` needs `--cfg=web_sys_unstable_apis`; the three calls
//! used here go through `js_sys::Reflect` instead.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Holds the lock until dropped (or the tab closes, when the browser lets go).
pub struct LockGuard {
    release: Function,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Resolving the promise the lock's callback returned ends the hold;
        // resolving it twice is harmless.
        let _ = self.release.call0(&JsValue::NULL);
    }
}

/// Waits until this tab holds the lock `name`. `Err` names what the browser
/// lacks (no Web Locks: very old browsers, some embedded views); the caller
/// then carries on without it.
pub async fn hold(name: &str) -> Result<LockGuard, String> {
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    let locks = Reflect::get(&navigator, &JsValue::from_str("locks"))
        .ok()
        .filter(|l| !l.is_undefined() && !l.is_null())
        .ok_or("this browser has no Web Locks")?;
    let request: Function = Reflect::get(&locks, &JsValue::from_str("request"))
        .map_err(|_| "no locks.request")?
        .dyn_into()
        .map_err(|_| "locks.request is not a function")?;
    let mut release: Option<Function> = None;
    let held = Promise::new(&mut |resolve, _reject| release = Some(resolve));
    let release = release.ok_or("the hold promise did not start")?;
    let mut acquired_resolve: Option<Function> = None;
    let acquired = Promise::new(&mut |resolve, _reject| acquired_resolve = Some(resolve));
    let acquired_resolve = acquired_resolve.ok_or("the acquire promise did not start")?;
    let on_granted = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        let _ = acquired_resolve.call0(&JsValue::NULL);
        held.into()
    });
    request
        .call2(&locks, &JsValue::from_str(name), &on_granted)
        .map_err(|e| format!("locks.request failed: {e:?}"))?;
    JsFuture::from(acquired)
        .await
        .map_err(|e| format!("the lock was not granted: {e:?}"))?;
    Ok(LockGuard { release })
}
