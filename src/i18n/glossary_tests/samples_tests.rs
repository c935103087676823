//! The Chinese texts the glossary checks run over: every key, and every message
//! function's Chinese output over the samples the other i18n tests build.

use super::super::tests::{every_backup_error, every_value_error};
use super::super::*;
use crate::domain::complaints::{
    ComplaintCause, ComplaintError, ComplaintState, RemedyKind, Temperament, Validity, WizardStep,
};
use crate::domain::contacts::{ContactChannel, Direction, FollowUpBucket, TimelineKind};
use crate::domain::customers::{
    ContactRole, CustomerKind, LeadSource, RelationshipStage, SortKey, StageMoveError,
};
use crate::domain::exchange::customers_import::{CustomerColumn, CustomerMappingProblem};
use crate::domain::exchange::orders_import::{MappingProblem, OrderField};
use crate::domain::shared::csv::FileError;
use crate::domain::shared::text_file::{BinaryKind, TextFileError};
use crate::domain::value::{RfmSegment, ValueTier};

/// Every Chinese text a rep can see from this module, named: every key, and every
/// message function over the samples the i18n tests use.
pub(super) fn chinese_texts() -> Vec<(String, String)> {
    let zh = Lang::Zh;
    let mut all: Vec<(String, String)> = Key::ALL
        .iter()
        .map(|&key| (format!("Key::{key:?}"), text(zh, key).to_owned()))
        .collect();
    let mut add = |name: String, text: String| all.push((name, text));
    // Issue 18: team sync.
    {
        use crate::domain::sync::peer::PeerError;
        use crate::domain::sync::settings::SyncSettingsError as E;
        use crate::services::sync::message::sync_error_message;
        use crate::services::sync::replicator::SyncError;
        for e in [
            E::EmptyUrl,
            E::NotHttp,
            E::NoHost,
            E::EmptyDatabase,
            E::BadDatabase,
            E::EmptyUserName,
        ] {
            add(
                format!("sync_settings_error({e:?})"),
                sync_settings_error(zh, &e).into(),
            );
        }
        add("sync_unsynced".into(), sync_unsynced(zh, 3));
        add("sync_conflicts".into(), sync_conflicts(zh, 2));
        add("sync_connected".into(), sync_connected(zh, 120));
        for e in [
            SyncError::Peer(PeerError::Timeout),
            SyncError::Peer(PeerError::Unauthorized),
            SyncError::Peer(PeerError::Forbidden),
            SyncError::Peer(PeerError::BadResponse("x".into())),
        ] {
            add(
                format!("sync_error_message({e:?})"),
                sync_error_message(zh, &e),
            );
        }
    }
    // Issue 16: care calendar.
    {
        use crate::domain::care::calendar::{CareFileProblem, GreetingKind, Holiday};
        use crate::domain::care::occasions::{CareAction, OccasionKind};
        let holiday = Holiday {
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 24).unwrap_or_default(),
            days: 3,
            key: "christmas".into(),
            name: "Christmas".into(),
            local_name: "Weihnachten".into(),
            greeting: GreetingKind::Christmas,
        };
        for kind in [
            OccasionKind::Birthday,
            OccasionKind::FamilyDate {
                label: "结婚纪念日".into(),
            },
            OccasionKind::CompanyAnniversary { years: 12 },
            OccasionKind::Holiday(holiday),
        ] {
            let title = occasion_title(zh, &kind);
            add(format!("occasion_title({kind:?})"), title.clone());
            add(
                format!("occasion_contact_summary({kind:?})"),
                occasion_contact_summary(zh, &title, CareAction::Card),
            );
            add(
                format!("occasion_done_label({kind:?})"),
                occasion_done_label(zh, "张伟", &title),
            );
        }
        for n in [0, 1, 5] {
            add(format!("days_until_text({n})"), days_until_text(zh, n));
        }
        add(
            "copy_greeting_label".into(),
            copy_greeting_label(zh, "张伟"),
        );
        for tier in crate::domain::value::ValueTier::ALL {
            add(
                format!("tier_action_label({tier:?})"),
                tier_action_label(zh, tier),
            );
        }
        for late in [false, true] {
            add(
                format!("cut_off_line({late})"),
                cut_off_line(zh, "2026年11月16日", "Thanksgiving", 2, late),
            );
        }
        for problem in [
            CareFileProblem::Shape {
                file: "holidays.json".into(),
                place: "line 2, column 3".into(),
                detail: "x".into(),
            },
            CareFileProblem::Format {
                file: "holidays.json".into(),
                found: "x".into(),
                version: 2,
                expected: "y".into(),
            },
            CareFileProblem::Content {
                file: "greetings.json".into(),
                place: "greetings.en.birthday".into(),
                detail: "x".into(),
            },
        ] {
            add(
                format!("care_file_problem_message({problem:?})"),
                care_file_problem_message(zh, &problem),
            );
        }
    }
    for error in every_backup_error() {
        add(
            format!("backup_error_message({error:?})"),
            backup_error_message(zh, &error),
        );
    }
    for error in every_value_error() {
        add(
            format!("value_error_message({error:?})"),
            value_error_message(zh, &error),
        );
    }
    // Complaints and value page compositions (zh-sites-b).
    for error in every_value_error() {
        add(
            format!("rate_input_error({error:?})"),
            rate_input_error(zh, "EUR", &error),
        );
    }
    // Issue 16: loss and win-back.
    for cause in crate::domain::customers::LossCause::ALL {
        add(
            format!("loss_cause_name({cause:?})"),
            loss_cause_name(zh, cause).to_owned(),
        );
        for step in crate::domain::customers::WinBackStep::ALL {
            let words = win_back_step_words(zh, step, cause);
            add(
                format!("win_back_step_words({step:?}, {cause:?})"),
                format!("{}{}", words.purpose, words.talking_points),
            );
        }
    }
    for effort in crate::domain::customers::WinBackEffort::ALL {
        add(
            format!("win_back_effort_name({effort:?})"),
            win_back_effort_name(zh, effort).to_owned(),
        );
        add(
            format!("win_back_effort_why({effort:?})"),
            win_back_effort_why(zh, effort).to_owned(),
        );
    }
    add(
        "won_back_rate_text".into(),
        won_back_rate_text(zh, 1, 3, Some(33.3)),
    );
    add(
        "won_back_rate_text(none)".into(),
        won_back_rate_text(zh, 0, 0, None),
    );
    add("stage_moved_message".into(), stage_moved_message(zh, 4, 2));
    for error in [
        StageMoveError::MissingLossCause,
        StageMoveError::LossCauseNotAllowed,
    ] {
        add(
            format!("stage_move_error_message({error:?})"),
            stage_move_error_message(zh, &error),
        );
    }
    let clock = crate::domain::complaints::ResponseClock {
        since_opened: chrono::Duration::minutes(3000),
        since_customer_message: chrono::Duration::minutes(302),
        target: chrono::Duration::hours(24),
        remaining: Some(chrono::Duration::minutes(190)),
        overdue: false,
    };
    add(
        "response_clock_text".into(),
        response_clock_text(zh, &clock, true),
    );
    let late = crate::domain::complaints::ResponseClock {
        remaining: Some(chrono::Duration::minutes(-190)),
        overdue: true,
        ..clock
    };
    add(
        "response_clock_text(overdue)".into(),
        response_clock_text(zh, &late, true),
    );
    let stopped = crate::domain::complaints::ResponseClock {
        remaining: None,
        ..clock
    };
    add(
        "response_clock_text(stopped)".into(),
        response_clock_text(zh, &stopped, false),
    );
    add(
        "mark_as_label".into(),
        mark_as_label(zh, ComplaintState::Resolved),
    );
    add("complaint_count".into(), complaint_count(zh, 3));
    for step in WizardStep::ALL {
        add(format!("step_title({step:?})"), step_title(zh, step));
    }
    add("complaint_heading".into(), complaint_heading(zh, "张三"));
    for t in ValueTier::ALL {
        add(
            format!("tier_target_hours_label({t:?})"),
            tier_target_hours_label(zh, t),
        );
        add(
            format!("tier_subset_label({t:?})"),
            tier_subset_label(zh, t, "2024-05-01 至 2025-04-30"),
        );
    }
    add(
        "class_subset_label".into(),
        class_subset_label(
            zh,
            crate::domain::value::AbcClass::A,
            "2024-05-01 至 2025-04-30",
        ),
    );
    add(
        "abc_class_button".into(),
        abc_class_button(zh, crate::domain::value::AbcClass::B, 5),
    );
    add(
        "rfm_subset_label".into(),
        rfm_subset_label(zh, RfmSegment::CannotLoseThem),
    );
    add(
        "tiers_recorded_message".into(),
        tiers_recorded_message(zh, 12),
    );
    add(
        "tiers_recorded_message(0)".into(),
        tiers_recorded_message(zh, 0),
    );
    add("loading_orders_text".into(), loading_orders_text(zh, 1200));
    add(
        "exchange_rates_legend".into(),
        exchange_rates_legend(zh, "USD"),
    );
    let summary = crate::domain::value::TierSummary {
        tier: ValueTier::Vip,
        customers: 12,
        customer_share: 5.0,
        profit: 4000,
        profit_share: 40.0,
        revenue: 9000,
    };
    add(
        "pyramid_description".into(),
        pyramid_description(zh, &[summary, summary]),
    );
    add(
        "pareto_description".into(),
        pareto_description(
            zh,
            &crate::domain::value::AbcCounts { a: 3, b: 5, c: 10 },
            80,
            95,
        ),
    );
    add("whale_peak_text".into(), whale_peak_text(zh, 12.0, 130.0));
    add(
        "unreadable_records_message".into(),
        crate::storage::unreadable_records_message(zh, 3),
    );
    let stage_errors = [
        StageMoveError::MissingReason,
        StageMoveError::NotAllowed {
            from: RelationshipStage::Potential,
            to: RelationshipStage::Loyal,
        },
    ];
    for error in stage_errors {
        add(
            format!("stage_move_error_message({error:?})"),
            stage_move_error_message(zh, &error),
        );
    }
    let file_errors = [
        FileError::Empty,
        FileError::NoRows,
        FileError::Csv { line: 3 },
        FileError::TooManyColumns {
            line: 1,
            found: 200_001,
            limit: 500,
        },
        FileError::RowTooLong {
            line: 2,
            bytes: 300_000,
            limit: 262_144,
        },
    ];
    for error in file_errors {
        add(
            format!("csv_file_error_message({error:?})"),
            csv_file_error_message(zh, &error),
        );
    }
    let mut text_errors = vec![
        TextFileError::Empty,
        TextFileError::TooLarge {
            bytes: 300 * 1024 * 1024 + 1,
            limit: 200 * 1024 * 1024,
        },
    ];
    text_errors.extend(
        [
            BinaryKind::ZipOrXlsx,
            BinaryKind::OldOffice,
            BinaryKind::Pdf,
            BinaryKind::Image,
            BinaryKind::Compressed,
            BinaryKind::Other,
        ]
        .map(TextFileError::NotText),
    );
    for error in text_errors {
        add(
            format!("text_file_error_message({error:?})"),
            text_file_error_message(zh, &error),
        );
    }
    add(
        "orders_imported_message".into(),
        orders_imported_message(zh, 12, 3, 4),
    );
    add(
        "orders_plan_summary".into(),
        orders_plan_summary(zh, 20, 17, 3),
    );
    add(
        "records_upgraded_message".into(),
        records_upgraded_message(zh, 9),
    );
    add("result_count".into(), result_count(zh, 41));
    add("days_ago".into(), days_ago(zh, 5));
    add(
        "duration_text".into(),
        duration_text(zh, chrono::Duration::minutes(3 * 1440 + 125)),
    );
    for s in RelationshipStage::ALL {
        add(format!("stage_name({s:?})"), stage_name(zh, s).into());
    }
    for s in LeadSource::ALL {
        add(
            format!("lead_source_name({s:?})"),
            lead_source_name(zh, s).into(),
        );
    }
    for s in ComplaintState::ALL {
        add(
            format!("complaint_state_name({s:?})"),
            complaint_state_name(zh, s).into(),
        );
    }
    for c in ComplaintCause::ALL {
        add(format!("cause_name({c:?})"), cause_name(zh, c).into());
    }
    for r in RemedyKind::ALL {
        add(format!("remedy_name({r:?})"), remedy_name(zh, r).into());
    }
    for t in Temperament::ALL {
        add(format!("stance_text({t:?})"), stance_text(zh, t).into());
        add(
            format!("temperament_name({t:?})"),
            temperament_name(zh, t).into(),
        );
    }
    for c in ContactChannel::ALL {
        add(format!("channel_name({c:?})"), channel_name(zh, c).into());
    }
    // The other names and messages of the module, beyond the existing tests' samples.
    for t in ValueTier::ALL {
        add(format!("tier_name({t:?})"), tier_name(zh, t).into());
        add(format!("care_policy({t:?})"), care_policy(zh, t).into());
    }
    for s in RfmSegment::ALL {
        add(
            format!("rfm_segment_name({s:?})"),
            rfm_segment_name(zh, s).into(),
        );
    }
    for d in Direction::ALL {
        add(
            format!("direction_name({d:?})"),
            direction_name(zh, d).into(),
        );
    }
    for b in FollowUpBucket::ALL {
        add(format!("bucket_name({b:?})"), bucket_name(zh, b).into());
    }
    for k in TimelineKind::ALL {
        add(
            format!("timeline_kind_name({k:?})"),
            timeline_kind_name(zh, k).into(),
        );
    }
    for k in SortKey::ALL {
        add(format!("sort_name({k:?})"), sort_name(zh, k).into());
    }
    for k in CustomerKind::ALL {
        add(format!("kind_name({k:?})"), kind_name(zh, k).into());
    }
    for r in ContactRole::ALL {
        add(format!("role_name({r:?})"), role_name(zh, r).into());
    }
    for v in Validity::ALL {
        add(format!("validity_name({v:?})"), validity_name(zh, v).into());
    }
    for s in WizardStep::ALL {
        add(format!("step_name({s:?})"), step_name(zh, s).into());
    }
    for f in OrderField::ALL {
        add(
            format!("order_field_name({f:?})"),
            order_field_name(zh, f).into(),
        );
        let problem = MappingProblem::Unmapped(f);
        add(
            format!("mapping_problem_message({problem:?})"),
            mapping_problem_message(zh, &problem, &[]),
        );
    }
    for c in CustomerColumn::ALL {
        add(
            format!("customer_column_name({c:?})"),
            customer_column_name(zh, c).into(),
        );
        let problem = CustomerMappingProblem::FieldMappedTwice(c);
        add(
            format!("customer_mapping_problem_message({problem:?})"),
            customer_mapping_problem_message(zh, &problem),
        );
    }
    for problem in [
        CustomerMappingProblem::NameNotMapped,
        CustomerMappingProblem::CountryNotMapped,
        CustomerMappingProblem::ColumnUsedTwice(2),
        CustomerMappingProblem::ColumnOutOfRange(9),
    ] {
        add(
            format!("customer_mapping_problem_message({problem:?})"),
            customer_mapping_problem_message(zh, &problem),
        );
    }
    let headers = ["订单号".to_owned()];
    for problem in [
        MappingProblem::ColumnUsedTwice(0),
        MappingProblem::ColumnUsedTwice(4),
        MappingProblem::BadDefaultCurrency("EU".into()),
    ] {
        add(
            format!("mapping_problem_message({problem:?})"),
            mapping_problem_message(zh, &problem, &headers),
        );
    }
    let problems = super::tests::every_field_problem();
    for p in problems {
        add(format!("problem_message({p:?})"), problem_message(zh, p));
    }
    let step_problems = super::tests::every_step_problem();
    for p in step_problems {
        add(
            format!("step_problem_message({p:?})"),
            step_problem_message(zh, p),
        );
    }
    let contact_problems = super::tests::every_contact_problem();
    for p in contact_problems {
        add(
            format!("contact_problem_message({p:?})"),
            contact_problem_message(zh, p),
        );
    }
    for p in super::tests::every_row_problem() {
        add(
            format!("row_problem_message({p:?})"),
            row_problem_message(zh, &p),
        );
    }
    let complaint_errors = [
        ComplaintError::IllegalMove {
            from: ComplaintState::Closed,
            to: ComplaintState::InProgress,
        },
        ComplaintError::StepsIncomplete,
        ComplaintError::OutcomeMissing,
    ];
    for e in complaint_errors {
        add(
            format!("complaint_error_message({e:?})"),
            complaint_error_message(zh, &e),
        );
    }
    // The replies a Chinese-speaking buyer receives, and the scenario names reps
    // read, follow the same conventions (they are data files, read from disk here).
    let read = |name: &str| {
        let path = format!("{}/static/replies/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let pack = crate::domain::replies::LanguagePack::parse(&read("zh.json"), "zh.json")
        .expect("zh.json reads");
    for (scenario, text) in pack.templates {
        add(format!("zh.json {scenario}"), text);
    }
    let catalog =
        crate::domain::replies::Catalog::parse(&read("catalog.json")).expect("catalog reads");
    for s in catalog.scenarios {
        for (part, text) in [
            ("name", s.name.zh),
            ("purpose", s.purpose.zh),
            ("when", s.when.zh),
        ] {
            add(format!("catalog.json {} {part}", s.id), text);
        }
    }
    for (label, message) in super::tests::reply_messages(zh) {
        add(label, message);
    }
    all.extend(super::sentence_tests::chinese_samples());
    // Issue 16: the revisit report.
    {
        use crate::domain::contacts::{ContactError, ContactField, ContactProblem};
        let zh = Lang::Zh;
        all.push((
            "edit_follow_up_label".into(),
            edit_follow_up_label(zh, "张三"),
        ));
        all.push((
            "mark_reviewed_label".into(),
            mark_reviewed_label(zh, "张三"),
        ));
        for score in 1..=5 {
            all.push((
                format!("satisfaction_choice({score})"),
                satisfaction_choice(zh, score),
            ));
        }
        all.push((
            "reviewed_mark".into(),
            reviewed_mark(zh, "李四", "很好，周五前报价"),
        ));
        all.push((
            "reviewed_mark(no comment)".into(),
            reviewed_mark(zh, "李四", ""),
        ));
        let errors: Vec<ContactError> = ContactField::ALL
            .into_iter()
            .map(|field| ContactError {
                field,
                problem: ContactProblem::NotInFuture,
            })
            .collect();
        all.push(("report_form_error".into(), report_form_error(zh, &errors)));
    }
    all
}
