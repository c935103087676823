//! The shipped care files: the holiday table against the rules (computus, weekday
//! rules) and its coverage, the greetings' completeness, and damaged files.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::calendar::{CareFileProblem, GreetingKind, HolidayTable};
use super::greetings::{base_language, Greetings};

const HOLIDAYS: &str = include_str!("../../../static/care/holidays.json");
const GREETINGS: &str = include_str!("../../../static/care/greetings.json");
const REPLY_CATALOG: &str = include_str!("../../../static/replies/catalog.json");
const DEMO_TABLES: &str = include_str!("../demo/tables.rs");

fn table() -> HolidayTable {
    HolidayTable::parse(HOLIDAYS, "holidays.json").unwrap()
}

fn greetings() -> Greetings {
    Greetings::parse(GREETINGS, "greetings.json").unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

// ---- the holiday file against the rules ----

/// Western Easter by the anonymous Gregorian computus, written independently of the
/// generator script (which uses the same algorithm in Python).
fn computus(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let dd = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - dd - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    d(year, month as u32, day as u32)
}

/// Orthodox Easter: Meeus's Julian computus, shifted 13 days to the Gregorian calendar.
fn orthodox_computus(year: i32) -> NaiveDate {
    let a = year % 4;
    let b = year % 7;
    let c = year % 19;
    let dd = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - dd + 34) % 7;
    let month = (dd + e + 114) / 31;
    let day = (dd + e + 114) % 31 + 1;
    d(year, month as u32, day as u32) + Duration::days(13)
}

fn dates_of(table: &HolidayTable, country: &str, key: &str) -> Vec<NaiveDate> {
    table
        .of(country)
        .iter()
        .filter(|h| h.key == key)
        .map(|h| h.date)
        .collect()
}

#[test]
fn computus_matches_known_easters() {
    // Published dates, so the test's own computus is checked too.
    assert_eq!(computus(2024), d(2024, 3, 31));
    assert_eq!(computus(2025), d(2025, 4, 20));
    assert_eq!(orthodox_computus(2024), d(2024, 5, 5));
    assert_eq!(orthodox_computus(2025), d(2025, 4, 20));
}

#[test]
fn the_shipped_holiday_file_parses_and_covers_2026_to_2028() {
    let t = table();
    assert_eq!(t.years, vec![2026, 2027, 2028]);
    assert!(t.countries.len() >= 20, "{} countries", t.countries.len());
}

#[test]
fn every_demo_country_and_every_common_buyer_country_has_holidays_every_year() {
    let t = table();
    let mut wanted: Vec<String> = DEMO_TABLES
        .lines()
        .filter_map(|l| l.trim().strip_prefix("code: \""))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect();
    assert!(wanted.len() >= 15, "the demo tables were read: {wanted:?}");
    for code in [
        "US", "GB", "DE", "FR", "ES", "IT", "NL", "PL", "RU", "TR", "SA", "AE", "IN", "JP", "KR",
        "CN", "BR", "MX", "CA", "AU",
    ] {
        wanted.push(code.to_owned());
    }
    for code in wanted {
        for year in &t.years {
            let count = t
                .of(&code)
                .iter()
                .filter(|h| h.date.year() == *year)
                .count();
            assert!(count >= 3, "{code} has {count} holidays in {year}");
        }
        let c = &t.countries[&code];
        assert!(c.shipping_days > 0, "{code} has shipping days");
    }
}

#[test]
fn every_country_has_the_same_holidays_each_year() {
    let t = table();
    for (code, c) in &t.countries {
        let keys = |year: i32| {
            let mut k: Vec<&str> = c
                .holidays
                .iter()
                .filter(|h| h.date.year() == year)
                .map(|h| h.key.as_str())
                .collect();
            k.sort_unstable();
            k
        };
        for year in &t.years {
            assert_eq!(keys(*year), keys(t.years[0]), "{code} {year}");
        }
    }
}

#[test]
fn easter_follows_the_computus_in_every_country_and_year() {
    let t = table();
    let mut checked = 0;
    for code in t.countries.keys() {
        for date in dates_of(&t, code, "easter") {
            assert_eq!(date, computus(date.year()), "{code}");
            assert_eq!(date.weekday(), Weekday::Sun);
            checked += 1;
        }
        for date in dates_of(&t, code, "orthodox_easter") {
            assert_eq!(date, orthodox_computus(date.year()), "{code}");
            checked += 1;
        }
    }
    assert!(checked >= 3 * 15, "{checked} Easters checked");
    assert_eq!(dates_of(&t, "RU", "orthodox_easter").len(), 3);
    assert!(
        dates_of(&t, "RU", "easter").is_empty(),
        "Russia keeps the Orthodox date"
    );
}

#[test]
fn thanksgiving_is_the_fourth_thursday_of_november_in_the_us_and_the_second_monday_of_october_in_canada(
) {
    let t = table();
    let us = dates_of(&t, "US", "thanksgiving");
    let ca = dates_of(&t, "CA", "thanksgiving");
    assert_eq!((us.len(), ca.len()), (3, 3));
    for date in us {
        assert_eq!((date.month(), date.weekday()), (11, Weekday::Thu));
        assert!(
            (22..=28).contains(&date.day()),
            "{date} is the fourth Thursday"
        );
    }
    for date in ca {
        assert_eq!((date.month(), date.weekday()), (10, Weekday::Mon));
        assert!(
            (8..=14).contains(&date.day()),
            "{date} is the second Monday"
        );
    }
}

#[test]
fn fixed_days_and_table_dates_are_where_they_belong() {
    let t = table();
    for code in ["US", "FR", "BR", "AU"] {
        assert_eq!(
            dates_of(&t, code, "christmas"),
            [d(2026, 12, 25), d(2027, 12, 25), d(2028, 12, 25)]
        );
    }
    assert_eq!(
        dates_of(&t, "CN", "lunar_new_year"),
        [d(2026, 2, 17), d(2027, 2, 6), d(2028, 1, 26)]
    );
    assert_eq!(
        dates_of(&t, "IN", "diwali"),
        [d(2026, 11, 8), d(2027, 10, 29), d(2028, 10, 17)]
    );
    assert_eq!(
        dates_of(&t, "SA", "eid_al_fitr"),
        [d(2026, 3, 20), d(2027, 3, 9), d(2028, 2, 26)]
    );
    assert_eq!(
        dates_of(&t, "TR", "eid_al_adha"),
        [d(2026, 5, 27), d(2027, 5, 16), d(2028, 5, 5)]
    );
    let golden = t.of("JP").iter().find(|h| h.key == "golden_week").unwrap();
    assert_eq!(
        (golden.date.month(), golden.date.day(), golden.days),
        (4, 29, 7)
    );
    for code in ["US", "DE", "IT", "JP", "CN", "BR", "CA", "AU"] {
        for date in dates_of(&t, code, "mothers_day") {
            assert_eq!((date.month(), date.weekday()), (5, Weekday::Sun), "{code}");
            assert!(
                (8..=14).contains(&date.day()),
                "{code} {date}: second Sunday of May"
            );
        }
    }
}

#[test]
fn a_damaged_holiday_file_names_the_place() {
    let err = HolidayTable::parse("{\n \"format\": ", "holidays.json").unwrap_err();
    assert!(
        matches!(&err, CareFileProblem::Shape { place, .. } if place.starts_with("line 2")),
        "{err:?}"
    );
    let other = HOLIDAYS.replacen("crm-care-holidays", "crm-replies", 1);
    assert!(matches!(
        HolidayTable::parse(&other, "f").unwrap_err(),
        CareFileProblem::Format { .. }
    ));
    let newer = HOLIDAYS.replacen("\"version\": 1", "\"version\": 2", 1);
    assert!(matches!(
        HolidayTable::parse(&newer, "f").unwrap_err(),
        CareFileProblem::Format { version: 2, .. }
    ));
    let bad_days = HOLIDAYS.replacen("\"days\": 2", "\"days\": 0", 1);
    let err = HolidayTable::parse(&bad_days, "holidays.json").unwrap_err();
    assert!(
        matches!(&err, CareFileProblem::Content { place, .. } if place.starts_with("countries.") && place.contains(".holidays[")),
        "{err:?}"
    );
    assert_eq!(err.file(), "holidays.json");
    let out_of_years = HOLIDAYS.replacen("\"2026-01-01\"", "\"2031-01-01\"", 1);
    assert!(matches!(
        HolidayTable::parse(&out_of_years, "f").unwrap_err(),
        CareFileProblem::Content { .. }
    ));
    let unknown_kind = HOLIDAYS.replacen("\"greeting\": \"easter\"", "\"greeting\": \"party\"", 1);
    assert!(matches!(
        HolidayTable::parse(&unknown_kind, "f").unwrap_err(),
        CareFileProblem::Shape { .. }
    ));
}

// ---- greetings ----

#[test]
fn greetings_cover_every_reply_language_and_kind() {
    let catalog: serde_json::Value = serde_json::from_str(REPLY_CATALOG).unwrap();
    let g = greetings();
    let reply_languages: Vec<String> = catalog["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(reply_languages.len(), 14);
    for language in &reply_languages {
        assert!(g.languages.contains(language), "{language}");
        for kind in GreetingKind::ALL {
            let text = g.greeting(language, kind, "Ana", "Fiesta").text;
            assert!(text.contains("Ana"), "{language} {kind:?}: {text}");
            assert!(!text.contains('{'), "{language} {kind:?}: {text}");
        }
    }
}

#[test]
fn the_holiday_greeting_names_the_occasion_and_a_missing_language_falls_back_to_english() {
    let g = greetings();
    let es = g.greeting("es-MX", GreetingKind::Holiday, "Valeria", "Día de Reyes");
    assert!(
        es.text.contains("Día de Reyes") && !es.fallback && es.language == "es",
        "{es:?}"
    );
    let pt = g.greeting("pt-BR", GreetingKind::Birthday, "João", "");
    assert_eq!((pt.language.as_str(), pt.fallback), ("pt", false));
    let sv = g.greeting("sv", GreetingKind::Christmas, "Elsa", "Jul");
    assert!(
        sv.fallback && sv.language == "en" && sv.text.starts_with("Merry Christmas, Elsa"),
        "{sv:?}"
    );
    assert_eq!(base_language(" zh-Hans "), "zh");
}

#[test]
fn a_damaged_greetings_file_names_the_place() {
    let missing = GREETINGS.replacen("\"diwali\": \"Happy Diwali, {name}! May the festival of lights bring you joy and prosperity.\",", "", 1);
    let err = Greetings::parse(&missing, "greetings.json").unwrap_err();
    assert_eq!(
        err,
        CareFileProblem::Content {
            file: "greetings.json".into(),
            place: "greetings.en.diwali".into(),
            detail: "missing".into()
        }
    );
    let typo = GREETINGS.replacen("Happy birthday, {name}!", "Happy birthday, {nmae}!", 1);
    assert!(
        matches!(Greetings::parse(&typo, "g").unwrap_err(), CareFileProblem::Content { place, .. } if place == "greetings.en.birthday")
    );
    assert!(matches!(
        Greetings::parse("[]", "g").unwrap_err(),
        CareFileProblem::Shape { .. }
    ));
}
