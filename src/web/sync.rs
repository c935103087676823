//! Tells the app's other open tabs what changed (BroadcastChannel), so every tab shows
//! the same data without a reload. Messages name what to re-read, never the data
//! itself: IndexedDB stays the one source of truth.

use js_sys::{Function, Reflect};
use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::customers::CustomerId;

const CHANNEL: &str = "cross-border-crm-sync";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// One customer was created, saved or deleted.
    Customer {
        id: CustomerId,
    },
    /// A contact was logged on this customer.
    Contacts {
        id: CustomerId,
    },
    Complaints,
    FollowUps,
    /// The rep's settings (response limits, reminder, value page choices).
    Settings,
    /// Costs to serve were booked.
    Costs,
    /// Tier movements were recorded.
    Tiers,
    /// The reply library was edited.
    Replies,
    /// Many records at once (demo data, imports, restore).
    Everything,
}

pub struct SyncChannel {
    channel: JsValue,
    // Kept alive for as long as the channel listens.
    _on_message: Closure<dyn FnMut(JsValue)>,
}

impl SyncChannel {
    /// Opens the channel; `on_change` runs for every change another tab announces.
    /// `None` where the browser has no BroadcastChannel (the tab then works alone).
    pub fn open(mut on_change: impl FnMut(Change) + 'static) -> Option<Self> {
        let ctor = Reflect::get(&js_sys::global(), &"BroadcastChannel".into())
            .ok()?
            .dyn_into::<Function>()
            .ok()?;
        let channel = Reflect::construct(&ctor, &js_sys::Array::of1(&CHANNEL.into())).ok()?;
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let text = Reflect::get(&event, &"data".into())
                .ok()
                .and_then(|d| d.as_string());
            // Messages from an older or newer build that do not parse are ignored:
            // the worst case is a tab that shows a change after its next reload.
            if let Some(change) = text.and_then(|t| serde_json::from_str::<Change>(&t).ok()) {
                on_change(change);
            }
        });
        Reflect::set(&channel, &"onmessage".into(), on_message.as_ref()).ok()?;
        Some(Self {
            channel,
            _on_message: on_message,
        })
    }

    pub fn announce(&self, change: &Change) -> Result<(), String> {
        let text = serde_json::to_string(change).map_err(|e| e.to_string())?;
        let post = Reflect::get(&self.channel, &"postMessage".into())
            .and_then(|f| f.dyn_into::<Function>())
            .map_err(|e| format!("{e:?}"))?;
        post.call1(&self.channel, &JsValue::from_str(&text))
            .map(|_| ())
            .map_err(|e| format!("{e:?}"))
    }
}
