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

/// Puts `value` under `key` as one JSON text: how derived values (the first page,
/// the summary buckets) are stored, read back whole, never indexed.
pub(super) fn put_json_text<T: Serialize>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    key: &JsValue,
    value: &T,
) -> Result<(), StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    store
        .as_sys()
        .put_with_key(&JsValue::from_str(&text), key)
        .map_err(js_error)?;
    Ok(())
}

/// The record stored under `key` in `store`, read inside the caller's transaction.
pub(super) async fn stored_record<T: DeserializeOwned>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    key: &str,
) -> Result<Option<T>, StoreError> {
    from_js(store.get::<JsValue, _, _>(key).primitive()?.await?)
}

/// Every key of `store` with its value, in key order, read in the caller's
/// transaction (for out-of-line keys, which `get_all` alone does not give).
pub(super) async fn keys_and_values(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
) -> Result<Vec<(JsValue, JsValue)>, StoreError> {
    let keys: Vec<JsValue> = store
        .get_all_keys::<JsValue>()
        .primitive()?
        .await?
        .collect::<Result<_, _>>()?;
    let values: Vec<JsValue> = store
        .get_all::<JsValue>()
        .primitive()?
        .await?
        .collect::<Result<_, _>>()?;
    Ok(keys.into_iter().zip(values).collect())
}

/// Records converted per JSON text in bulk reads and writes. One text for the whole
/// batch would need the batch twice more in wasm memory at the peak (the text, then
/// its parts), and wasm memory never shrinks; a few thousand records per text keep
/// the peak to a few MB at the same speed.
const JSON_CHUNK: usize = 2_000;

/// Bulk writes: serialise a chunk of records at a time with serde_json and let the
/// browser's native JSON.parse build the objects. Converting field by field across
/// the wasm boundary costs several times more than IndexedDB itself.
pub(super) fn put_all<T: Serialize>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    items: &[T],
) -> Result<(), StoreError> {
    write_objects(store, items, |sys, object| sys.put(object))
}

/// [`put_all`] with `add`: a record whose key exists fails its request, which
/// aborts the caller's transaction instead of overwriting it.
pub(super) fn add_all<T: Serialize>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    items: &[T],
) -> Result<(), StoreError> {
    write_objects(store, items, |sys, object| sys.add(object))
}

fn write_objects<T: Serialize>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    items: &[T],
    write: impl Fn(&web_sys::IdbObjectStore, &JsValue) -> Result<web_sys::IdbRequest, JsValue>,
) -> Result<(), StoreError> {
    let sys = store.as_sys();
    for chunk in items.chunks(JSON_CHUNK) {
        let text = serde_json::to_string(chunk).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let objects: js_sys::Array = js_sys::JSON::parse(&text)
            .map_err(js_error)?
            .unchecked_into();
        drop(text);
        for object in objects.iter() {
            write(sys, &object).map_err(js_error)?;
        }
    }
    Ok(())
}

/// Bulk reads, the mirror of [`put_all`]: one JSON.stringify per chunk of records,
/// then serde_json per record, so one unreadable record is counted instead of failing
/// the whole load.
pub(super) fn parse_all<T: DeserializeOwned>(
    values: impl Iterator<Item = indexed_db_futures::Result<JsValue>>,
) -> Result<(Vec<T>, usize), StoreError> {
    let mut parsed = Vec::new();
    let mut unreadable = 0;
    let mut chunk = js_sys::Array::new();
    let mut flush = |chunk: &js_sys::Array| -> Result<(), StoreError> {
        let text: String = js_sys::JSON::stringify(chunk).map_err(js_error)?.into();
        let raw: Vec<&RawValue> =
            serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        parsed.reserve(raw.len());
        for record in raw {
            match serde_json::from_str::<T>(record.get()) {
                Ok(value) => parsed.push(value),
                Err(_) => unreadable += 1,
            }
        }
        Ok(())
    };
    for value in values {
        chunk.push(&value?);
        if chunk.length() as usize == JSON_CHUNK {
            flush(&chunk)?;
            chunk = js_sys::Array::new();
        }
    }
    if chunk.length() > 0 {
        flush(&chunk)?;
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
