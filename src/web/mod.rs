//! Thin wrappers over browser services the UI needs: the Intl time-zone database,
//! and small preferences in localStorage.

pub mod care;
pub mod couch;
pub mod files;
pub mod intl;
pub mod lock;
pub mod prefs;
pub mod pwa;
pub mod replies;
pub mod sync;

/// The text of a file shipped beside the app (reply texts, the care calendar), by
/// a URL relative to the page so the app works under any sub-path. The error is
/// the browser's reason, for the caller to name the file in.
pub(crate) async fn fetch_shipped_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    let detail = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let window = web_sys::window().ok_or_else(|| "no window".to_owned())?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(detail)?
        .dyn_into()
        .map_err(detail)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(detail)?)
        .await
        .map_err(detail)?;
    text.as_string().ok_or_else(|| "not text".to_owned())
}

/// The id of the element that has the keyboard focus, if it has one.
pub fn focused_element_id() -> Option<String> {
    web_sys::window()?
        .document()?
        .active_element()
        .map(|el| el.id())
        .filter(|id| !id.is_empty())
}

/// Resolves after about `ms` milliseconds (a timer; a hidden tab's may run late).
pub async fn sleep(ms: u32) {
    use wasm_bindgen::JsValue;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window().is_some_and(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
                .is_ok()
        });
        if !scheduled {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    // The promise only ever resolves.
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets the browser paint and handle input before the next piece of long work:
/// resolves in a new task, not a microtask, which would run before any paint. A
/// message on a fresh channel is such a task without the 4 ms that nested zero
/// timeouts are clamped to (64 steps would add a quarter of a second) and without
/// a hidden tab's one-second timer throttling; a zero timeout is the fallback.
pub async fn next_task() {
    use wasm_bindgen::{JsCast, JsValue};
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let posted = web_sys::MessageChannel::new().is_ok_and(|channel| {
            // The port with a handler and a message queued is kept alive until
            // the message is delivered.
            channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
            channel.port2().post_message(&JsValue::NULL).is_ok()
        });
        if posted {
            return;
        }
        let scheduled = web_sys::window()
            .map(|window| window.set_timeout_with_callback(&resolve).is_ok())
            .unwrap_or(false);
        if !scheduled {
            // Without a timer, carry on at once rather than wait forever.
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    // The promise only ever resolves.
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
