//! Bounds of the form's shape checks (language tags, phone numbers, dates).

use super::{is_language_tag, is_phone_shaped, Checker, Field, Problem};
use chrono::NaiveDate;

#[test]
fn language_tags_are_bcp47_shaped() {
    for ok in ["en", "zh-CN", "es-419", "sr-Latn-RS", "ast", "de-1996"] {
        assert!(is_language_tag(ok), "{ok}");
    }
    for bad in [
        "",
        "e",
        "engl",
        "en_US",
        "en-",
        "en-x",
        "e1",
        "12",
        "en-abcdefghi",
        "zh-C!",
    ] {
        assert!(!is_language_tag(bad), "{bad}");
    }
}

#[test]
fn text_limits_and_future_dates_are_exact() {
    let mut check = Checker { errors: Vec::new() };
    let _ = check.text(Field::Name, &"字".repeat(10), 10);
    assert!(check.errors.is_empty(), "exactly the limit is fine");
    let _ = check.text(Field::Name, &"字".repeat(11), 10);
    assert_eq!(check.errors.len(), 1);
    assert_eq!(check.errors[0].problem, Problem::TooLong { max: 10 });

    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    let mut check = Checker { errors: Vec::new() };
    assert_eq!(
        check.optional_date(Field::Birthday, "2026-12-01", today),
        Some(today)
    );
    assert!(check.errors.is_empty(), "today is not in the future");
    assert_eq!(
        check.optional_date(Field::Birthday, "2026-12-02", today),
        None
    );
    assert_eq!(check.errors.len(), 1);
    assert_eq!(check.errors[0].problem, Problem::DateInFuture);
}

#[test]
fn phones_have_6_to_15_digits() {
    assert!(
        is_phone_shaped("+1 234 567 890 12345"),
        "15 digits (E.164 maximum)"
    );
    assert!(!is_phone_shaped("+1 234 567 890 123456"), "16 digits");
    assert!(is_phone_shaped("123-456"), "6 digits");
    assert!(!is_phone_shaped("12-345"), "5 digits");
    assert!(is_phone_shaped("(030) 123.456"));
    assert!(!is_phone_shaped("+49 30 1234 ext 5"));
}
