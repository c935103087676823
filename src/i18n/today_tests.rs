//! The Today sentences: every reason carries its numbers in both languages, and a
//! refused threshold says what to type.

use chrono::NaiveDate;

use super::test_support::{ends_with_next_step, foreign_words};
use super::*;
use crate::domain::care::attention::{Attention, RhythmField, RhythmSettingProblem};
use crate::domain::orders::{CurrencyCode, Money};

fn every_reason() -> Vec<Attention> {
    let usd = CurrencyCode::parse("USD").unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    vec![
        Attention::Silent {
            usual_gap_days: 34,
            silent_days: 71,
        },
        Attention::UnusualOrder {
            placed_on: on,
            amount: Money::new(120_000, usd),
            usual: Money::new(30_050, usd),
            larger: true,
        },
        Attention::UnusualOrder {
            placed_on: on,
            amount: Money::new(1_000, usd),
            usual: Money::new(30_050, usd),
            larger: false,
        },
        Attention::ComplaintsRising {
            recent: 3,
            before: 1,
            window_days: 90,
        },
        Attention::LowSatisfaction { score: 2, on },
    ]
}

#[test]
fn every_reason_says_why_with_its_numbers_in_both_languages() {
    let expected: [&[&str]; 5] = [
        &["34", "71"],
        &["1200.00 USD", "300.50 USD", "2026-11-20"],
        &["10.00 USD", "300.50 USD"],
        &["3", "1", "90"],
        &["2/5", "2026-11-20"],
    ];
    for (flag, numbers) in every_reason().iter().zip(expected) {
        for lang in Lang::ALL {
            let sentence = attention_reason(lang, flag);
            for n in numbers {
                assert!(sentence.contains(n), "{lang:?} {flag:?}: {sentence}");
            }
            assert!(sentence.ends_with(['.', '。']), "{sentence}");
        }
        let zh = attention_reason(Lang::Zh, flag);
        assert!(foreign_words(&zh, &["USD"]).is_empty(), "{zh}");
    }
    assert_eq!(
        attention_reason(Lang::En, &every_reason()[0]),
        "Usually orders every 34 days; nothing for 71 days."
    );
    assert_ne!(
        attention_reason(Lang::En, &every_reason()[1]),
        attention_reason(Lang::En, &every_reason()[2]).replace("10.00", "1200.00"),
        "above and below read differently"
    );
}

#[test]
fn a_refused_threshold_names_it_gives_the_range_and_what_to_do() {
    for field in RhythmField::ALL {
        let (min, max) = field.range();
        let problem = RhythmSettingProblem { field, min, max };
        for lang in Lang::ALL {
            let message = rhythm_problem_message(lang, &problem);
            assert!(
                message.contains(rhythm_field_label(lang, field)),
                "{message}"
            );
            assert!(message.contains(&min.to_string()) && message.contains(&max.to_string()));
            assert!(ends_with_next_step(lang, &message), "{message}");
        }
    }
}

#[test]
fn the_navigation_names_the_days_count() {
    assert_eq!(nav_today_label(Lang::En, 0), "Today");
    assert_eq!(nav_today_label(Lang::En, 12), "Today, 12 to do");
    assert!(nav_today_label(Lang::Zh, 12).contains("12"));
}
