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

/// What [`display_name`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// An ISO 3166 region code ("AE" → "United Arab Emirates" / "阿拉伯联合酋长国").
    Region,
    /// A BCP 47 language tag ("ar" → "Arabic" / "阿拉伯语").
    Language,
}

/// The name of a country or language in the UI language, from the browser's
/// `Intl.DisplayNames` (no name tables travel in the wasm). `None` for an empty or
/// malformed code, or where the browser lacks `DisplayNames`; the caller then shows
/// the code itself.
pub fn display_name(kind: NameKind, code: &str, ui_locale: &str) -> Option<String> {
    let code = code.trim();
    if code.is_empty() {
        return None;
    }
    let ctor = intl_constructor("DisplayNames").ok()?;
    let opts = Object::new();
    let kind = match kind {
        NameKind::Region => "region",
        NameKind::Language => "language",
    };
    Reflect::set(&opts, &"type".into(), &kind.into()).ok()?;
    // An unknown but well-formed code gives `undefined` instead of echoing it back.
    Reflect::set(&opts, &"fallback".into(), &"none".into()).ok()?;
    let names = Reflect::construct(&ctor, &Array::of2(&ui_locale.into(), &opts)).ok()?;
    let of = Reflect::get(&names, &"of".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    // A malformed code throws a RangeError: caught here as `None`.
    of.call1(&names, &code.into()).ok()?.as_string()
}

/// An amount in integer minor units as the UI language writes money
/// ("€1,234.50", "US$12.00" / "€1,234.50"), through `Intl.NumberFormat`; the plain
/// "1234.50 EUR" where the browser cannot.
pub fn format_money(money: &crate::domain::orders::Money, ui_locale: &str) -> String {
    // Handed over as the exact decimal string ("1234.50"): `format` reads strings as
    // exact decimals, so no amount ever passes through a float.
    let value = JsValue::from_str(&money.format_amount());
    let digits = money.currency.minor_digits();
    let formatted = intl_constructor("NumberFormat").and_then(|ctor| {
        let opts = Object::new();
        Reflect::set(&opts, &"style".into(), &"currency".into())?;
        Reflect::set(&opts, &"currency".into(), &money.currency.as_str().into())?;
        Reflect::set(&opts, &"minimumFractionDigits".into(), &digits.into())?;
        Reflect::set(&opts, &"maximumFractionDigits".into(), &digits.into())?;
        let formatter = Reflect::construct(&ctor, &Array::of2(&ui_locale.into(), &opts))?;
        let format = Reflect::get(&formatter, &"format".into())?.dyn_into::<Function>()?;
        format.call1(&formatter, &value)
    });
    formatted
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| money.format_plain())
}

/// A calendar date in the UI language ("Nov 23, 2026" / "2026年11月23日").
pub fn format_date(date: chrono::NaiveDate, ui_locale: &str) -> String {
    use chrono::Datelike;
    let formatted = intl_constructor("DateTimeFormat").and_then(|ctor| {
        let opts = Object::new();
        Reflect::set(&opts, &"dateStyle".into(), &"medium".into())?;
        // The date as a calendar day, not a moment: formatted in UTC so no zone
        // shifts it to the day before.
        Reflect::set(&opts, &"timeZone".into(), &"UTC".into())?;
        let formatter = Reflect::construct(&ctor, &Array::of2(&ui_locale.into(), &opts))?;
        let format = Reflect::get(&formatter, &"format".into())?.dyn_into::<Function>()?;
        let utc = Date::utc(f64::from(date.year()), f64::from(date.month0()));
        let day = Date::new(&JsValue::from_f64(
            utc + f64::from(date.day0()) * 86_400_000.0,
        ));
        format.call1(&formatter, &day)
    });
    formatted
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| date.format("%Y-%m-%d").to_string())
}

/// Today's calendar date in `zone` (the buyer's "today"), or `None` for an empty or
/// unknown zone.
pub fn local_date(zone: &str, at_millis: f64) -> Option<chrono::NaiveDate> {
    let zone = zone.trim();
    if zone.is_empty() {
        return None;
    }
    // en-CA writes dates as YYYY-MM-DD, which parses without locale guessing.
    let formatter = zone_formatter(
        "en-CA",
        zone,
        &[
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
        ],
    )
    .ok()?;
    let format = Reflect::get(&formatter, &"format".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let text = format
        .call1(&formatter, &Date::new(&JsValue::from_f64(at_millis)))
        .ok()?
        .as_string()?;
    chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
}

/// A whole number as `locale` writes it (digits and grouping).
pub fn format_number(n: u64, locale: &str) -> String {
    let formatted = intl_constructor("NumberFormat").and_then(|ctor| {
        let formatter = Reflect::construct(&ctor, &Array::of1(&locale.into()))?;
        let format = Reflect::get(&formatter, &"format".into())?.dyn_into::<Function>()?;
        // As a decimal string: exact for every u64.
        format.call1(&formatter, &JsValue::from_str(&n.to_string()))
    });
    formatted
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| n.to_string())
}

/// Money, dates and numbers as the buyer's locale writes them, for replies.
pub struct BuyerLocale(pub String);

impl crate::domain::replies::BuyerFormat for BuyerLocale {
    fn money(&self, amount: crate::domain::orders::Money) -> String {
        format_money(&amount, &self.0)
    }
    fn date(&self, date: chrono::NaiveDate) -> String {
        format_date(date, &self.0)
    }
    fn number(&self, n: u64) -> String {
        format_number(n, &self.0)
    }
}
