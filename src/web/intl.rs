//! Time zones come from the browser's own Intl database: no zone data is bundled.

use js_sys::{Array, Date, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::customers::TimeZoneCheck;

/// The buyer's wall clock, as the browser computes it for their IANA zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalClock {
    /// e.g. "Tue 14:05 GMT+1", formatted for the UI language.
    pub text: String,
    /// 0–23 in the buyer's zone.
    pub hour: u32,
}

fn intl_constructor(name: &str) -> Result<Function, JsValue> {
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl"))?;
    Reflect::get(&intl, &JsValue::from_str(name))?.dyn_into::<Function>()
}

/// `new Intl.DateTimeFormat(locale, options)`, with the RangeError an unknown zone
/// throws turned into `Err` instead of a trap.
fn zone_formatter(locale: &str, zone: &str, options: &[(&str, &str)]) -> Result<JsValue, JsValue> {
    let ctor = intl_constructor("DateTimeFormat")?;
    let opts = Object::new();
    Reflect::set(&opts, &"timeZone".into(), &zone.into())?;
    for (key, value) in options {
        Reflect::set(&opts, &(*key).into(), &(*value).into())?;
    }
    let args = Array::of2(&locale.into(), &opts);
    Reflect::construct(&ctor, &args)
}

/// True when this browser's Intl accepts the zone name.
pub fn is_known_time_zone(zone: &str) -> bool {
    !zone.trim().is_empty() && zone_formatter("en", zone.trim(), &[]).is_ok()
}

/// The zone check the domain validation asks.
pub struct BrowserZones;

impl TimeZoneCheck for BrowserZones {
    fn is_known_time_zone(&self, name: &str) -> bool {
        is_known_time_zone(name)
    }
}

/// All IANA zones the browser lists (for the zone picker). Empty where the browser
/// lacks `Intl.supportedValuesOf`.
pub fn supported_time_zones() -> Vec<String> {
    let Ok(intl) = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")) else {
        return Vec::new();
    };
    let Ok(func) = Reflect::get(&intl, &JsValue::from_str("supportedValuesOf"))
        .and_then(|f| f.dyn_into::<Function>())
    else {
        return Vec::new();
    };
    match func.call1(&intl, &JsValue::from_str("timeZone")) {
        Ok(list) => Array::from(&list)
            .iter()
            .filter_map(|v| v.as_string())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The current local time in `zone`, or `None` for an empty or unknown zone.
pub fn local_clock(zone: &str, ui_locale: &str, at_millis: f64) -> Option<LocalClock> {
    let zone = zone.trim();
    if zone.is_empty() {
        return None;
    }
    let formatter = zone_formatter(
        ui_locale,
        zone,
        &[
            ("weekday", "short"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("hourCycle", "h23"),
            ("timeZoneName", "shortOffset"),
        ],
    )
    .ok()?;
    let date = Date::new(&JsValue::from_f64(at_millis));
    let format = Reflect::get(&formatter, &"format".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let text = format.call1(&formatter, &date).ok()?.as_string()?;
    let to_parts = Reflect::get(&formatter, &"formatToParts".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let parts = Array::from(&to_parts.call1(&formatter, &date).ok()?);
    let hour = parts.iter().find_map(|part| {
        let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
        (kind == "hour").then(|| {
            Reflect::get(&part, &"value".into())
                .ok()?
                .as_string()?
                .parse::<u32>()
                .ok()
        })?
    })?;
    Some(LocalClock {
        text,
        hour: hour % 24,
    })
}

/// Milliseconds since the epoch, from the browser clock.
pub fn now_millis() -> f64 {
    Date::now()
}

/// The browser's preferred language tag ("en-US"), if it tells.
pub fn browser_language() -> Option<String> {
    web_sys::window()?.navigator().language()
}

/// A moment shown in the rep's own time zone, in the UI language ("23 Nov 2026, 18:05").
pub fn format_instant(at: chrono::DateTime<chrono::Utc>, ui_locale: &str) -> String {
    let millis = at.timestamp_millis() as f64;
    let formatted = intl_constructor("DateTimeFormat").and_then(|ctor| {
        let opts = Object::new();
        Reflect::set(&opts, &"dateStyle".into(), &"medium".into())?;
        Reflect::set(&opts, &"timeStyle".into(), &"short".into())?;
        let formatter = Reflect::construct(&ctor, &Array::of2(&ui_locale.into(), &opts))?;
        let format = Reflect::get(&formatter, &"format".into())?.dyn_into::<Function>()?;
        format.call1(&formatter, &Date::new(&JsValue::from_f64(millis)))
    });
    match formatted.ok().and_then(|v| v.as_string()) {
        Some(text) => text,
        // Intl is missing or broken: still show an unambiguous UTC time.
        None => at.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// The rep's UTC offset at a local wall-clock time typed into a `datetime-local`
/// input ("2026-11-24T09:30"), from the browser's own zone rules, so a follow-up
/// planned across a daylight-saving change still lands at the hour typed. Falls
/// back to the offset right now when the text is not such a time.
pub fn rep_offset_at(local: &str) -> chrono::FixedOffset {
    let at = chrono::NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M")
        .ok()
        .map(|t| {
            use chrono::{Datelike, Timelike};
            Date::new_with_year_month_day_hr_min(
                t.year() as u32,
                t.month0() as i32,
                t.day() as i32,
                t.hour() as i32,
                t.minute() as i32,
            )
        })
        .unwrap_or_else(Date::new_0);
    // getTimezoneOffset is minutes WEST of UTC.
    let east_seconds = -(at.get_timezone_offset() * 60.0) as i32;
    chrono::FixedOffset::east_opt(east_seconds).unwrap_or_else(|| {
        use chrono::Offset;
        chrono::Utc.fix()
    })
}

/// `at` as the value of a `datetime-local` input in the rep's own zone.
pub fn to_local_input(at: chrono::DateTime<chrono::Utc>) -> String {
    let offset = rep_offset_at("");
    at.with_timezone(&offset)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Copies text to the clipboard (async in the browser; failures are reported by the
/// returned promise, which the caller may ignore: the text stays visible to copy by hand).
pub fn copy_to_clipboard(text: &str) -> Result<(), JsValue> {
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into())?;
    let clipboard = Reflect::get(&navigator, &"clipboard".into())?;
    let write = Reflect::get(&clipboard, &"writeText".into())?.dyn_into::<Function>()?;
    write.call1(&clipboard, &text.into())?;
    Ok(())
}
