//! The browser's Intl, as the app asks it: names of countries and languages in the
//! UI language, money and dates per language, local clocks. In headless Chromium,
//! whose Intl data is the real thing the reps' browsers have.
#![cfg(target_arch = "wasm32")]

use chrono::{NaiveDate, TimeZone, Utc};
use crm::domain::orders::{CurrencyCode, Money};
use crm::web::intl::{display_name, format_date, format_money, local_clock, NameKind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn countries_and_languages_are_named_in_the_ui_language() {
    assert_eq!(
        display_name(NameKind::Region, "AE", "en").as_deref(),
        Some("United Arab Emirates")
    );
    assert_eq!(
        display_name(NameKind::Region, "AE", "zh-CN").as_deref(),
        Some("阿拉伯联合酋长国")
    );
    assert_eq!(
        display_name(NameKind::Language, "ar", "en").as_deref(),
        Some("Arabic")
    );
    assert_eq!(
        display_name(NameKind::Language, "ar", "zh-CN").as_deref(),
        Some("阿拉伯语")
    );
    assert_eq!(
        display_name(NameKind::Language, "pt-BR", "en").as_deref(),
        Some("Brazilian Portuguese")
    );
    // Nothing to name, a malformed code, or a well-formed unknown one: the caller
    // shows the code instead.
    assert_eq!(display_name(NameKind::Region, " ", "en"), None);
    assert_eq!(display_name(NameKind::Region, "not a code", "en"), None);
    assert_eq!(
        display_name(NameKind::Region, "ZZ", "en").as_deref(),
        Some("Unknown Region")
    );
    assert_eq!(display_name(NameKind::Language, "qqq", "en"), None);
}

#[wasm_bindgen_test]
fn money_is_written_as_each_language_writes_it_and_never_rounded() {
    let eur = |minor| Money::new(minor, CurrencyCode::parse("EUR").expect("EUR"));
    assert_eq!(format_money(&eur(123_450), "en"), "€1,234.50");
    assert_eq!(format_money(&eur(-5), "en"), "-€0.05");
    let yen = Money::new(1500, CurrencyCode::parse("JPY").expect("JPY"));
    assert_eq!(format_money(&yen, "en"), "¥1,500");
    let dinar = Money::new(1250, CurrencyCode::parse("KWD").expect("KWD"));
    assert_eq!(format_money(&dinar, "en"), "KWD\u{a0}1.250");
    // Beyond a float's 53 bits the exact decimal string still comes through.
    let huge = eur(9_007_199_254_740_993);
    assert_eq!(format_money(&huge, "en"), "€90,071,992,547,409.93");
    let cny = Money::new(19_900, CurrencyCode::parse("CNY").expect("CNY"));
    assert_eq!(format_money(&cny, "zh-CN"), "¥199.00");
}

#[wasm_bindgen_test]
fn calendar_dates_keep_their_day_in_every_language() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    assert_eq!(format_date(day, "en"), "Nov 23, 2026");
    assert_eq!(format_date(day, "zh-CN"), "2026年11月23日");
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    assert_eq!(format_date(first, "en"), "Jan 1, 2026");
}

#[wasm_bindgen_test]
fn local_clocks_read_the_zone_and_refuse_unknown_ones() {
    let at = Utc
        .with_ymd_and_hms(2026, 7, 1, 12, 30, 0)
        .unwrap()
        .timestamp_millis() as f64;
    let dubai = local_clock("Asia/Dubai", "en", at).expect("a known zone");
    assert_eq!(dubai.hour, 16);
    assert!(dubai.text.contains("16:30"), "{}", dubai.text);
    assert_eq!(local_clock("Mars/Olympus", "en", at), None);
    assert_eq!(local_clock("", "en", at), None);
}
