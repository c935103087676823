//! Installable, offline app: service-worker registration and the browser's storage
//! persistence (whether the browser may clear IndexedDB under disk pressure).

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
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
///
/// The URL is relative to the page, so the worker's scope is the folder the app is
/// served from (`/` or a sub-path such as `/crm/`) and never reaches beyond it.
///
/// `on_update` runs when a new build's worker takes over while this page still runs
/// an older build, so the page can offer a reload.
pub async fn register_service_worker(on_update: impl Fn() + 'static) -> Result<(), String> {
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
    let registration = JsFuture::from(promise)
        .await
        .map_err(|e| format!("the offline copy could not be set up: {e:?}"))?;
    watch_for_updates(&container, registration, on_update);
    Ok(())
}

/// The worker installs a new build as soon as it finds one, takes over every open page
/// (`skipWaiting` + `clients.claim`) and then tells each page the name of its cache.
/// A page whose own files are missing from it runs an older build. The message also
/// comes on a first visit and to a page that was itself loaded from the new build (a
/// reload after a deploy fetches the page from the network before the new worker is
/// installed); their files are in the cache, so they stay quiet.
fn watch_for_updates(container: &JsValue, registration: JsValue, on_update: impl Fn() + 'static) {
    let on_update = std::rc::Rc::new(on_update);
    let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let data = Reflect::get(&event, &"data".into()).unwrap_or(JsValue::UNDEFINED);
        let is_activation = Reflect::get(&data, &"type".into())
            .ok()
            .and_then(|t| t.as_string())
            .is_some_and(|t| t == "crm-activated");
        let Some(cache) = Reflect::get(&data, &"cache".into())
            .ok()
            .and_then(|c| c.as_string())
            .filter(|_| is_activation)
        else {
            return;
        };
        let on_update = on_update.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if !page_files_cached_in(&cache).await {
                on_update();
            }
        });
    });
    if let Some(target) = container.dyn_ref::<web_sys::EventTarget>() {
        let _ =
            target.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    }
    // Browsers look for a new worker when a page is opened; a rep keeps the tab open
    // all day, so look again whenever the tab comes back into view.
    // Offline the check fails; that is no error worth reporting.
    let ignore = Closure::<dyn FnMut(JsValue)>::new(|_| {});
    let on_visible = Closure::<dyn FnMut()>::new(move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if visible {
            if let Ok(promise) = call_method(&registration, "update") {
                let _ = promise.catch(&ignore);
            }
        }
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visible.as_ref().unchecked_ref(),
        );
    }
    // Both listeners live as long as the page.
    on_message.forget();
    on_visible.forget();
}

fn call_method(target: &JsValue, method: &str) -> Result<Promise, JsValue> {
    let func = Reflect::get(target, &method.into())?.dyn_into::<Function>()?;
    func.call0(target)?.dyn_into::<Promise>()
}

/// Whether the worker's cache `cache` holds every file this page was built from (the
/// wasm, its JS glue and the CSS, found through the `<link>`s Trunk writes for them).
async fn page_files_cached_in(cache: &str) -> bool {
    let selector = r#"link[rel="preload"], link[rel="modulepreload"], link[rel="stylesheet"]"#;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(links) = Reflect::get(&document, &"querySelectorAll".into())
        .and_then(|f| f.dyn_into::<Function>())
        .and_then(|f| f.call1(&document, &selector.into()))
        .map(|list| js_sys::Array::from(&list))
    else {
        return false;
    };
    let Some(caches) = Reflect::get(&js_sys::global(), &"caches".into())
        .ok()
        .filter(|c| !c.is_undefined())
    else {
        return false;
    };
    let Ok(matcher) = Reflect::get(&caches, &"match".into()).and_then(|f| f.dyn_into::<Function>())
    else {
        return false;
    };
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"cacheName".into(), &cache.into());
    for link in links.iter() {
        // `href` as a property is the resolved, absolute URL, whatever folder the app
        // is served from.
        let Ok(href) = Reflect::get(&link, &"href".into()) else {
            return false;
        };
        let found = match matcher
            .call2(&caches, &href, &options)
            .and_then(|p| p.dyn_into::<Promise>())
        {
            Ok(promise) => JsFuture::from(promise)
                .await
                .is_ok_and(|r| !r.is_undefined()),
            Err(_) => false,
        };
        if !found {
            return false;
        }
    }
    true
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
