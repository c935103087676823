//! Records to and from IndexedDB: serde_json on the Rust side and the browser's
//! own JSON.parse / JSON.stringify across the wasm boundary, one record or a whole
//! batch at a time, so every record is stored in exactly one shape.

use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::value::RawValue;
use wasm_bindgen::{JsCast, JsValue};

use crate::storage::StoreError;

pub(super) fn js_error(e: JsValue) -> StoreError {
    match e.dyn_into::<web_sys::DomException>() {
        Ok(d) if d.name() == "QuotaExceededError" => StoreError::QuotaExceeded,
        Ok(d) => StoreError::Backend(format!("{}: {}", d.name(), d.message())),
        Err(other) => StoreError::Backend(format!("{other:?}")),
    }
}

/// One record to a JS object, through serde_json and the browser's JSON.parse: the
/// same path as bulk writes, so every record is stored in exactly one shape.
pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(js_error)
}

/// One stored record back, if there was one.
pub(super) fn from_js<T: DeserializeOwned>(
    value: Option<JsValue>,
) -> Result<Option<T>, StoreError> {
    let Some(value) = value.filter(|v| !v.is_undefined()) else {
        return Ok(None);
    };
    let text: String = js_sys::JSON::stringify(&value).map_err(js_error)?.into();
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The record stored under `key` in `store`, read inside the caller's transaction.
pub(super) async fn stored_record<T: DeserializeOwned>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    key: &str,
) -> Result<Option<T>, StoreError> {
    from_js(store.get::<JsValue, _, _>(key).primitive()?.await?)
}

/// Bulk writes: serialise the whole batch once with serde_json and let the browser's
/// native JSON.parse build the objects. Converting field by field across the wasm
/// boundary costs several times more than IndexedDB itself.
pub(super) fn put_all<T: Serialize>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    items: &[T],
) -> Result<(), StoreError> {
    if items.is_empty() {
        return Ok(());
    }
    let text = serde_json::to_string(items).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let objects: js_sys::Array = js_sys::JSON::parse(&text)
        .map_err(js_error)?
        .unchecked_into();
    let sys = store.as_sys();
    for object in objects.iter() {
        sys.put(&object).map_err(js_error)?;
    }
    Ok(())
}

/// Bulk reads, the mirror of [`put_all`]: one JSON.stringify, then serde_json per
/// record so one unreadable record is counted instead of failing the whole load.
pub(super) fn parse_all<T: DeserializeOwned>(
    values: impl Iterator<Item = indexed_db_futures::Result<JsValue>>,
) -> Result<(Vec<T>, usize), StoreError> {
    let array = js_sys::Array::new();
    for value in values {
        array.push(&value?);
    }
    let text: String = js_sys::JSON::stringify(&array).map_err(js_error)?.into();
    let raw: Vec<Box<RawValue>> =
        serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let mut parsed = Vec::with_capacity(raw.len());
    let mut unreadable = 0;
    for record in raw {
        match serde_json::from_str::<T>(record.get()) {
            Ok(value) => parsed.push(value),
            Err(_) => unreadable += 1,
        }
    }
    Ok((parsed, unreadable))
}

/// Like [`parse_all`], for reads where any unreadable record is an error.
pub(super) fn parse_all_strict<T: DeserializeOwned>(
    values: impl Iterator<Item = indexed_db_futures::Result<JsValue>>,
) -> Result<Vec<T>, StoreError> {
    match parse_all(values)? {
        (parsed, 0) => Ok(parsed),
        (_, unreadable) => Err(StoreError::Corrupt(format!(
            "{unreadable} stored records could not be read"
        ))),
    }
}
