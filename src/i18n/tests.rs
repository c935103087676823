#[test]
fn lang_codes_round_trip_and_serde_uses_the_variant_name() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
    // Pinned as it is today. The stored preference uses the code (web/prefs.rs).
    assert_eq!(serde_json::to_string(&Lang::Zh).unwrap(), "\"Zh\"");
    assert_eq!(Lang::Zh.code(), "zh-CN");
    assert_eq!(Lang::ALL, [Lang::En, Lang::Zh]);
}

use super::*;
use crate::domain::complaints::{ComplaintCause, ComplaintState, RemedyKind, Temperament};
use crate::domain::contacts::ContactChannel;
use crate::domain::customers::LeadSource;
use crate::domain::customers::{RelationshipStage, StageMoveError};
use crate::domain::exchange::backup::{BackupError, FilePart, NotABackupReason, RecordProblem};
use crate::domain::exchange::orders_import::{OrderField, RowProblem};
use crate::domain::shared::csv::FileError;
use crate::domain::shared::text_file::{BinaryKind, TextFileError};
use crate::domain::value::{RateProblem, SharesProblem, ValueError};

use super::test_support::{ends_with_next_step, foreign_words};
use crate::domain::orders::CurrencyCode;

/// Store names, field names and ids are data the rep may need to quote.
const BACKUP_DATA: &[&str] = &["orders", "follow_ups", "notes", "total", "abc"];

pub(super) fn every_backup_error() -> Vec<BackupError> {
    use NotABackupReason as R;
    let parts = [
        FilePart::FormatVersion,
        FilePart::SchemaVersion,
        FilePart::ExportedAt,
        FilePart::Checksum,
        FilePart::Data,
    ];
    let mut reasons = vec![
        R::NotJson { line: 1, column: 2 },
        R::CutOff,
        R::NotAnObject,
        R::NoFormatMarker,
        R::DataUncheckable,
        R::UnknownStore {
            name: "notes".into(),
        },
        R::StoreNotAList {
            store: "orders".into(),
        },
        R::StoreMissing {
            store: "orders".into(),
        },
        R::StoreNewerThanBackup {
            store: "follow_ups".into(),
            schema_version: 3,
        },
    ];
    reasons.extend(parts.map(R::Missing));
    reasons.extend(parts.map(R::Malformed));
    let mut errors: Vec<BackupError> = reasons.into_iter().map(BackupError::NotABackup).collect();
    for problem in [
        RecordProblem::NotAnObject,
        RecordProblem::MissingField("total".into()),
        RecordProblem::WrongType,
        RecordProblem::UnknownChoice,
        RecordProblem::InvalidValue,
        RecordProblem::SettingNotJson,
        RecordProblem::ReplyTemplate,
    ] {
        errors.push(BackupError::BadRecord {
            store: "orders".into(),
            index: 4,
            problem,
            detail: "invalid type: string \"abc\", expected u32".into(),
        });
    }
    errors.extend([
        BackupError::NewerFormat {
            found: 2,
            supported: 1,
        },
        BackupError::NewerSchema {
            found: 5,
            supported: 4,
        },
        BackupError::ChecksumMismatch,
        BackupError::DuplicateId {
            store: "orders".into(),
            id: "abc".into(),
        },
        BackupError::Serialise("key must be a string".into()),
    ]);
    errors
}

#[test]
fn chinese_backup_messages_carry_no_english_text() {
    for error in every_backup_error() {
        let zh = backup_error_message(Lang::Zh, &error);
        assert_eq!(
            foreign_words(&zh, BACKUP_DATA),
            Vec::<String>::new(),
            "{error:?}: {zh}"
        );
    }
    // The parser's own words never reach the rep, in either language.
    let not_json = BackupError::NotABackup(NotABackupReason::NotJson { line: 1, column: 2 });
    for lang in [Lang::En, Lang::Zh] {
        let message = backup_error_message(lang, &not_json);
        assert!(
            !message.contains("JSON (") && !message.contains("not valid"),
            "{message}"
        );
    }
}

#[test]
fn every_backup_message_ends_with_a_next_step() {
    for error in every_backup_error() {
        for lang in [Lang::En, Lang::Zh] {
            let message = backup_error_message(lang, &error);
            assert!(
                ends_with_next_step(lang, &message),
                "{lang:?} {error:?}: {message}"
            );
            assert!(!message.contains("expected u32"), "{message}");
        }
    }
}

#[test]
fn bad_record_counts_from_one_in_both_languages() {
    let error = BackupError::BadRecord {
        store: "orders".into(),
        index: 4,
        problem: RecordProblem::MissingField("total".into()),
        detail: String::new(),
    };
    assert!(backup_error_message(Lang::En, &error).contains("record 5 in “orders”"));
    assert!(backup_error_message(Lang::Zh, &error).contains("第 5 条记录"));
    assert!(backup_error_message(Lang::Zh, &error).contains("“total”"));
}

#[test]
fn refused_stage_moves_name_both_stages_in_the_ui_language() {
    let error = StageMoveError::NotAllowed {
        from: RelationshipStage::Potential,
        to: RelationshipStage::Loyal,
    };
    let zh = stage_move_error_message(Lang::Zh, &error);
    assert_eq!(foreign_words(&zh, &[]), Vec::<String>::new(), "{zh}");
    assert!(
        zh.contains(stage_name(Lang::Zh, RelationshipStage::Loyal)),
        "{zh}"
    );
    for lang in [Lang::En, Lang::Zh] {
        for error in [error.clone(), StageMoveError::MissingReason] {
            let message = stage_move_error_message(lang, &error);
            assert!(ends_with_next_step(lang, &message), "{lang:?}: {message}");
        }
    }
}

pub(super) fn every_value_error() -> Vec<ValueError> {
    let mut errors = vec![
        ValueError::MissingRate(CurrencyCode::parse("EUR").expect("code")),
        ValueError::Overflow,
    ];
    errors.extend(
        [
            RateProblem::Empty,
            RateProblem::NotPositive,
            RateProblem::NotPlainDecimal,
            RateProblem::TooManyFractionDigits { max: 12 },
            RateProblem::TooManyDigits,
        ]
        .map(ValueError::BadRate),
    );
    errors.extend(
        [
            SharesProblem::VipBelowOne,
            SharesProblem::TierSharesOver100 { sum: 110 },
            SharesProblem::AThresholdBelowOne,
            SharesProblem::AThresholdNotBelowB { a: 60, b: 50 },
            SharesProblem::BThresholdOver100 { b: 101 },
        ]
        .map(ValueError::BadShares),
    );
    errors
}

#[test]
fn value_messages_are_translated_and_say_what_to_do() {
    for error in every_value_error() {
        let zh = value_error_message(Lang::Zh, &error);
        assert_eq!(
            // "VIP" is part of the tier's Chinese name (VIP 客户, glossary).
            foreign_words(&zh, &["EUR", "VIP"]),
            Vec::<String>::new(),
            "{error:?}: {zh}"
        );
        for lang in [Lang::En, Lang::Zh] {
            let message = value_error_message(lang, &error);
            assert!(
                ends_with_next_step(lang, &message),
                "{lang:?} {error:?}: {message}"
            );
        }
    }
    let over = ValueError::BadShares(SharesProblem::AThresholdNotBelowB { a: 60, b: 50 });
    assert!(value_error_message(Lang::Zh, &over).contains("（60%）"));
}

#[test]
fn browser_language_picks_chinese_only_for_zh() {
    assert_eq!(Lang::from_browser_tag("zh-CN"), Lang::Zh);
    assert_eq!(Lang::from_browser_tag("ZH-tw"), Lang::Zh);
    assert_eq!(Lang::from_browser_tag("en-GB"), Lang::En);
    assert_eq!(Lang::from_browser_tag("de"), Lang::En);
    assert_eq!(Lang::from_browser_tag(""), Lang::En);
}

#[test]
fn every_key_has_distinct_non_empty_texts_in_both_languages() {
    for &key in Key::ALL {
        let en = text(Lang::En, key);
        let zh = text(Lang::Zh, key);
        assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{key:?}");
        assert_ne!(en, zh, "{key:?} is not translated");
    }
}

#[test]
fn chinese_texts_are_actually_chinese() {
    let has_han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for &key in Key::ALL {
        if key == Key::LanguageSwitch {
            continue; // names the *other* language
        }
        assert!(has_han(text(Lang::Zh, key)), "{key:?}");
    }
    for stage in RelationshipStage::ALL {
        assert!(has_han(stage_name(Lang::Zh, stage)));
    }
    for source in LeadSource::ALL {
        assert!(has_han(lead_source_name(Lang::Zh, source)));
    }
}

#[test]
fn durations_show_the_two_largest_units() {
    use chrono::Duration;
    assert_eq!(duration_text(Lang::En, Duration::minutes(12)), "12 min");
    assert_eq!(
        duration_text(Lang::En, Duration::minutes(185)),
        "3 h 05 min"
    );
    assert_eq!(
        duration_text(Lang::En, Duration::minutes(3 * 1440 + 125)),
        "3 d 2 h"
    );
    assert_eq!(
        duration_text(Lang::En, Duration::minutes(-90)),
        "1 h 30 min"
    );
    assert_eq!(
        duration_text(Lang::Zh, Duration::minutes(61)),
        "1 小时 1 分钟"
    );
}

#[test]
fn file_messages_name_the_line_and_limit_in_both_languages() {
    assert_eq!(grouped(0), "0");
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(200_001), "200,001");
    assert_eq!(grouped(1_234_567), "1,234,567");
    let wide = FileError::TooManyColumns {
        line: 1,
        found: 200_001,
        limit: 500,
    };
    assert!(
        csv_file_error_message(Lang::En, &wide).contains("Line 1 has 200,001 columns; at most 500")
    );
    assert!(
        csv_file_error_message(Lang::Zh, &wide).contains("第 1 行有 200,001 列，最多可读取 500 列")
    );
    let big = TextFileError::TooLarge {
        bytes: 300 * 1024 * 1024 + 1,
        limit: 200 * 1024 * 1024,
    };
    assert!(text_file_error_message(Lang::En, &big).contains("300.1 MB; files up to 200.0 MB"));
    let xlsx = TextFileError::NotText(BinaryKind::ZipOrXlsx);
    assert!(text_file_error_message(Lang::En, &xlsx).contains("save it as CSV"));
    assert!(text_file_error_message(Lang::Zh, &xlsx).contains("另存为 CSV"));
    // Chinese messages carry no English words besides format names.
    let errors = [
        FileError::Empty,
        FileError::NoRows,
        FileError::Csv { line: 3 },
        wide,
        FileError::RowTooLong {
            line: 2,
            bytes: 300_000,
            limit: 262_144,
        },
    ];
    for e in &errors {
        let zh = csv_file_error_message(Lang::Zh, e);
        let english = zh
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 3)
            .collect::<Vec<_>>();
        assert!(english.is_empty(), "{zh}");
        assert_ne!(zh, csv_file_error_message(Lang::En, e));
    }
}

#[test]
fn service_names_are_distinct_and_chinese_is_chinese() {
    let has_han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut seen = std::collections::HashSet::new();
    for state in ComplaintState::ALL {
        assert!(has_han(complaint_state_name(Lang::Zh, state)));
        assert!(seen.insert(complaint_state_name(Lang::En, state)));
    }
    for cause in ComplaintCause::ALL {
        assert!(has_han(cause_name(Lang::Zh, cause)));
        assert!(seen.insert(cause_name(Lang::En, cause)));
    }
    for remedy in RemedyKind::ALL {
        assert!(has_han(remedy_name(Lang::Zh, remedy)));
        assert!(seen.insert(remedy_name(Lang::En, remedy)));
    }
    for t in Temperament::ALL {
        assert_ne!(stance_text(Lang::En, t), stance_text(Lang::Zh, t));
    }
    for c in ContactChannel::ALL {
        assert!(has_han(channel_name(Lang::Zh, c)));
    }
}

/// The sentences moved here from the views: each shows its numbers, in both languages,
/// and the Chinese one carries no English words.
#[test]
fn assembled_sentences_show_their_numbers_in_both_languages() {
    for lang in Lang::ALL {
        let sentences = [
            (
                orders_imported_message(lang, 12, 3, 4),
                vec!["12", "3", "4"],
            ),
            (orders_plan_summary(lang, 20, 17, 3), vec!["20", "17", "3"]),
            (records_upgraded_message(lang, 9), vec!["9"]),
            (result_count(lang, 41), vec!["41"]),
            (days_ago(lang, 5), vec!["5"]),
        ];
        for (sentence, numbers) in sentences {
            for n in numbers {
                assert!(sentence.contains(n), "{lang:?}: {sentence}");
            }
            if lang == Lang::Zh {
                assert_eq!(
                    foreign_words(&sentence, &[]),
                    Vec::<String>::new(),
                    "{sentence}"
                );
            }
        }
    }
    assert_eq!(days_ago(Lang::En, 0), "today");
    assert_eq!(days_ago(Lang::En, 1), "1 day ago");
    assert_eq!(days_ago(Lang::Zh, 0), "今天");
    assert_ne!(result_count(Lang::En, 2), result_count(Lang::Zh, 2));
}

#[test]
fn sentences_side_by_side_are_spaced_only_in_english() {
    assert_eq!(
        format!(
            "{}{}{}",
            text(Lang::En, Key::OfflineReady),
            sentence_gap(Lang::En),
            "Next."
        ),
        "Works offline. Next."
    );
    assert_eq!(
        format!(
            "{}{}{}",
            text(Lang::Zh, Key::OfflineReady),
            sentence_gap(Lang::Zh),
            "下一句。"
        ),
        "可离线使用。下一句。"
    );
}

/// Every problem of an orders-import row, once, for the message tests of every file.
pub(super) fn every_row_problem() -> Vec<RowProblem> {
    vec![
        RowProblem::Missing,
        RowProblem::BadDate,
        RowProblem::DateDoesNotExist,
        RowProblem::BadAmount,
        RowProblem::TooManyDecimals { allowed: 2 },
        RowProblem::NegativeAmount,
        RowProblem::UnknownCurrency,
        RowProblem::UnknownStatus,
        RowProblem::BadQuantity,
        RowProblem::TooLong { max: 80 },
        RowProblem::DuplicateInFile { first_row: 7 },
    ]
}

/// The mapping screen and the error list name every order field, distinctly, in
/// both languages; every row problem is translated, and says what to do.
#[test]
fn order_fields_and_row_problems_in_both_languages() {
    let has_han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut seen = std::collections::HashSet::new();
    for field in OrderField::ALL {
        let (en, zh) = (
            order_field_name(Lang::En, field),
            order_field_name(Lang::Zh, field),
        );
        assert!(!en.trim().is_empty() && has_han(zh), "{field:?}");
        assert!(seen.insert(en) && seen.insert(zh), "{field:?} named twice");
    }
    let mut without_next_step = Vec::new();
    for problem in every_row_problem() {
        let zh = row_problem_message(Lang::Zh, &problem);
        // The status words are what a file may hold.
        let data = [
            "EUR",
            "paid",
            "shipped",
            "delivered",
            "refunded",
            "cancelled",
        ];
        assert_eq!(foreign_words(&zh, &data), Vec::<String>::new(), "{zh}");
        assert_ne!(zh, row_problem_message(Lang::En, &problem));
        for lang in Lang::ALL {
            if !ends_with_next_step(lang, &row_problem_message(lang, &problem)) {
                without_next_step.push((lang, problem.clone()));
            }
        }
    }
    // Written before the rule that every problem ends with the next step, these
    // state the problem only (English `BadAmount` does say what to do, but the check
    // takes "e.g. " for the end of a sentence). Problems added since follow the rule;
    // remove a line here when its message is reworded.
    assert_eq!(
        without_next_step,
        [
            (Lang::En, RowProblem::Missing),
            (Lang::Zh, RowProblem::Missing),
            (Lang::En, RowProblem::DateDoesNotExist),
            (Lang::En, RowProblem::BadAmount),
            (Lang::Zh, RowProblem::BadAmount),
            (Lang::En, RowProblem::TooManyDecimals { allowed: 2 }),
            (Lang::Zh, RowProblem::TooManyDecimals { allowed: 2 }),
            (Lang::En, RowProblem::DuplicateInFile { first_row: 7 }),
            (Lang::Zh, RowProblem::DuplicateInFile { first_row: 7 }),
        ]
    );
    let too_long = RowProblem::TooLong { max: 300 };
    assert!(row_problem_message(Lang::En, &too_long).contains("at most 300 characters"));
    assert!(row_problem_message(Lang::Zh, &too_long).starts_with("内容过长：最多 300 个字。"));
}

/// Every problem of the customer form, once, for the message tests of every file.
pub(super) fn every_field_problem() -> Vec<crate::domain::customers::Problem> {
    use crate::domain::customers::Problem as P;
    vec![
        P::Required,
        P::TooLong { max: 200 },
        P::EmailShape,
        P::PhoneShape,
        P::CountryCode,
        P::LanguageTag,
        P::UnknownTimeZone,
        P::DateShape,
        P::DateDoesNotExist,
        P::DateInFuture,
        P::YearOutOfRange,
        P::YearDiffersFromDate,
        P::WholeNumber,
        P::UnknownChoice,
    ]
}

/// Every problem of a complaint step.
pub(super) fn every_step_problem() -> Vec<crate::domain::complaints::StepProblem> {
    use crate::domain::complaints::StepProblem as S;
    vec![
        S::Required,
        S::TooLong { max: 2000 },
        S::DateShape,
        S::DateInFuture,
        S::PurchaseAfterIncident,
        S::AmountShape,
        S::AmountNotPositive,
        S::CurrencyCode,
        S::AmountNotAllowed,
        S::DateTimeShape,
        S::SatisfactionRange,
        S::UnknownChoice,
    ]
}

/// Every problem of the contact and follow-up forms.
pub(super) fn every_contact_problem() -> Vec<crate::domain::contacts::ContactProblem> {
    use crate::domain::contacts::ContactProblem as C;
    vec![
        C::Required,
        C::TooLong { max: 500 },
        C::UnknownChoice,
        C::DateTimeShape,
        C::InFuture,
        C::DurationRange,
    ]
}

/// Every reply problem of every layer, once.
pub(super) fn every_reply_error() -> Vec<crate::services::replies::ReplyActionError> {
    use crate::domain::replies::{LibraryFileProblem as F, TemplateProblem as T};
    use crate::services::replies::ReplyActionError as E;
    let templates = vec![
        T::Empty,
        T::TooLong { chars: 4_100 },
        T::UnknownPlaceholder {
            name: "kunde".into(),
            line: 2,
            column: 7,
        },
        T::Unclosed { line: 1, column: 3 },
        T::StrayClose { line: 3, column: 1 },
    ];
    let (scenario, language) = ("win_back".to_owned(), "de".to_owned());
    let mut files = vec![
        F::NotJson {
            line: 4,
            column: 2,
            detail: "expected `,`".into(),
        },
        F::NotALibraryFile {
            found: "crm-backup".into(),
        },
        F::BadCode {
            line: 3,
            what: "language",
            code: "De DE".into(),
        },
        F::BadCode {
            line: 3,
            what: "scenario",
            code: "Win Back".into(),
        },
        F::UnknownScenario {
            line: 9,
            scenario: scenario.clone(),
            language: language.clone(),
        },
        F::Repeated {
            line: 9,
            scenario: scenario.clone(),
            language: language.clone(),
        },
    ];
    files.extend(templates.iter().cloned().map(|problem| F::Template {
        line: 12,
        scenario: scenario.clone(),
        language: language.clone(),
        problem,
    }));
    let mut errors: Vec<E> = templates.into_iter().map(E::Template).collect();
    errors.extend(files.into_iter().map(E::File));
    errors.extend([
        E::BadLanguage("De DE".into()),
        E::UnknownScenario("gone".into()),
        E::MissingName,
        E::BadShortcut("track".into()),
        E::Store(crate::storage::StoreError::Corrupt("x".into())),
    ]);
    errors
}

/// Every reply sentence with a parameter, labelled for the glossary checks.
pub(super) fn reply_messages(lang: Lang) -> Vec<(String, String)> {
    use crate::domain::replies::{Phase, Placeholder, ShippedFileProblem};
    let mut all = Vec::new();
    for error in every_reply_error() {
        all.push((
            format!("reply_action_error_message({error:?})"),
            crate::services::replies::reply_action_error_message(lang, &error),
        ));
    }
    for p in Placeholder::ALL {
        all.push((
            format!("placeholder_name({p:?})"),
            placeholder_name(lang, p).to_owned(),
        ));
    }
    for phase in Phase::ALL {
        all.push((
            format!("phase_name({phase:?})"),
            phase_name(lang, phase).to_owned(),
        ));
    }
    all.push((
        "reply_fallback_note".into(),
        reply_fallback_note(lang, "瑞典语"),
    ));
    all.push((
        "reply_missing".into(),
        reply_missing(lang, &[Placeholder::Carrier, Placeholder::TrackingNumber]),
    ));
    all.push((
        "team_text_since".into(),
        team_text_since(lang, "2026年12月1日"),
    ));
    for n in [0, 1, 5] {
        all.push((format!("library_imported({n})"), library_imported(lang, n)));
    }
    let damaged = ShippedFileProblem::Shape {
        file: "de.json".into(),
        detail: "x".into(),
    };
    all.push((
        "shipped_file_message(fetch)".into(),
        shipped_file_message(lang, "de.json", None),
    ));
    all.push((
        "shipped_file_message(damaged)".into(),
        shipped_file_message(lang, "de.json", Some(&damaged)),
    ));
    all
}

#[test]
fn every_reply_problem_says_what_to_do_next() {
    for error in every_reply_error() {
        for lang in [Lang::En, Lang::Zh] {
            let message = crate::services::replies::reply_action_error_message(lang, &error);
            assert!(
                ends_with_next_step(lang, &message),
                "{lang:?} {error:?}: {message}"
            );
        }
    }
    for lang in [Lang::En, Lang::Zh] {
        for message in [
            reply_fallback_note(lang, "Swedish"),
            reply_missing(lang, &[crate::domain::replies::Placeholder::Carrier]),
            shipped_file_message(lang, "de.json", None),
        ] {
            assert!(ends_with_next_step(lang, &message), "{message}");
        }
    }
}

/// An unknown placeholder's message names it, where it is, and the ones to use.
#[test]
fn placeholder_problems_point_at_the_place_and_the_choices() {
    use crate::domain::replies::TemplateProblem;
    let problem = TemplateProblem::UnknownPlaceholder {
        name: "kunde".into(),
        line: 2,
        column: 7,
    };
    let en = template_problem_message(Lang::En, &problem);
    assert!(en.starts_with("Line 2, column 7: {kunde}"), "{en}");
    assert!(en.contains("{tracking_number}"), "{en}");
    let zh = template_problem_message(Lang::Zh, &problem);
    assert!(zh.starts_with("第 2 行第 7 列：{kunde}"), "{zh}");
}
