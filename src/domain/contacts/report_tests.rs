//! The revisit report: validation, what it writes, editing a follow-up, the week's
//! window in the rep's offset and the lead's review.

use super::*;
use crate::domain::customers::CustomerId;
use chrono::{DateTime, FixedOffset, TimeZone, Utc};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn hours(h: i32) -> FixedOffset {
    FixedOffset::east_opt(h * 3600).unwrap()
}

fn planned() -> FollowUp {
    FollowUp {
        id: "f1".into(),
        customer_id: CustomerId("cust-1".into()),
        rep: "Mei".into(),
        due_at: utc(2026, 11, 24, 9, 0),
        duration_minutes: 45,
        purpose: " Check the spring catalogue landed ".into(),
        complaint_id: Some("k1".into()),
        done_at: None,
        created_at: utc(2026, 11, 20, 9, 0),
        talking_points: "new colours".into(),
        materials: "catalogue".into(),
        kind: FollowUpKind::WinBack,
    }
}

fn ids() -> ReportIds {
    ReportIds {
        contact: "r1".into(),
        next_follow_up: "f2".into(),
    }
}

fn good_draft() -> ReportDraft {
    ReportDraft {
        channel: "phone".into(),
        outcome: " Liked the blue range ".into(),
        next_step: "Send a quote".into(),
        satisfaction: "4".into(),
        next_at: "2026-12-03T10:00".into(),
        next_purpose: String::new(),
    }
}

fn problems(errors: &[ContactError]) -> Vec<(ContactField, ContactProblem)> {
    errors.iter().map(|e| (e.field, e.problem)).collect()
}

const NOW: fn() -> DateTime<Utc> = || utc(2026, 11, 24, 9, 40);

#[test]
fn a_report_marks_done_logs_the_contact_and_plans_the_next() {
    let report = validate_report(&good_draft(), &planned(), ids(), NOW(), hours(8)).unwrap();
    assert_eq!(report.done.done_at, Some(NOW()));
    assert_eq!(report.done.id, "f1");
    let contact = &report.contact;
    assert_eq!(contact.id, "r1");
    assert_eq!(contact.customer_id, CustomerId("cust-1".into()));
    assert_eq!(contact.at, NOW());
    assert_eq!(contact.channel, ContactChannel::Phone);
    assert_eq!(contact.direction, Direction::Outbound);
    assert_eq!(contact.rep, "Mei");
    assert_eq!(contact.summary, "Check the spring catalogue landed");
    assert_eq!(contact.outcome, "Liked the blue range");
    assert_eq!(contact.next_step, "Send a quote");
    assert_eq!(contact.satisfaction, Some(4));
    assert_eq!(contact.follow_up_id.as_deref(), Some("f1"));
    assert_eq!(contact.complaint_id.as_deref(), Some("k1"));
    assert_eq!(contact.review, None);
    let next = report.next.unwrap();
    assert_eq!(next.id, "f2");
    // 10:00 at UTC+8 is 02:00 UTC.
    assert_eq!(next.due_at, utc(2026, 12, 3, 2, 0));
    assert_eq!(
        next.purpose, "Send a quote",
        "the purpose defaults to the next step"
    );
    assert_eq!(next.rep, "Mei");
    assert_eq!(next.duration_minutes, 45);
    assert_eq!(next.complaint_id.as_deref(), Some("k1"));
    assert_eq!(next.created_at, NOW());
    assert_eq!(next.kind, FollowUpKind::General);
    assert!(next.is_open());
}

#[test]
fn a_typed_purpose_wins_and_no_time_plans_nothing() {
    let typed = ReportDraft {
        next_purpose: " Call about the quote ".into(),
        ..good_draft()
    };
    let report = validate_report(&typed, &planned(), ids(), NOW(), hours(0)).unwrap();
    assert_eq!(report.next.unwrap().purpose, "Call about the quote");
    let none = ReportDraft {
        next_at: "  ".into(),
        next_step: String::new(),
        satisfaction: String::new(),
        ..good_draft()
    };
    let report = validate_report(&none, &planned(), ids(), NOW(), hours(0)).unwrap();
    assert_eq!(report.next, None);
    assert_eq!(report.contact.satisfaction, None, "not asked");
}

#[test]
fn satisfaction_is_one_to_five_or_not_asked() {
    let score = |text: &str| {
        let draft = ReportDraft {
            satisfaction: text.into(),
            ..good_draft()
        };
        validate_report(&draft, &planned(), ids(), NOW(), hours(0))
            .map(|r| r.contact.satisfaction)
            .map_err(|e| problems(&e))
    };
    assert_eq!(score("1"), Ok(Some(1)));
    assert_eq!(score(" 5 "), Ok(Some(5)));
    assert_eq!(score(""), Ok(None));
    for bad in ["0", "6", "4.5", "four", "-1", "300"] {
        assert_eq!(
            score(bad),
            Err(vec![(
                ContactField::Satisfaction,
                ContactProblem::UnknownChoice
            )]),
            "{bad}"
        );
    }
}

#[test]
fn a_bad_report_names_every_field() {
    let draft = ReportDraft {
        channel: "pigeon".into(),
        outcome: "  ".into(),
        next_step: "n".repeat(MAX_NOTE_CHARS + 1),
        satisfaction: "9".into(),
        next_at: "soon".into(),
        next_purpose: String::new(),
    };
    let errors = validate_report(&draft, &planned(), ids(), NOW(), hours(0)).unwrap_err();
    assert_eq!(
        problems(&errors),
        vec![
            (ContactField::Channel, ContactProblem::UnknownChoice),
            (ContactField::Outcome, ContactProblem::Required),
            (
                ContactField::NextStep,
                ContactProblem::TooLong { max: 1000 }
            ),
            (ContactField::Satisfaction, ContactProblem::UnknownChoice),
            (ContactField::NextAt, ContactProblem::DateTimeShape),
            (
                ContactField::NextPurpose,
                ContactProblem::TooLong { max: 500 }
            ),
        ]
    );
    let no_channel = ReportDraft {
        channel: String::new(),
        outcome: "x".repeat(MAX_NOTE_CHARS + 1),
        ..good_draft()
    };
    let errors = validate_report(&no_channel, &planned(), ids(), NOW(), hours(0)).unwrap_err();
    assert_eq!(
        problems(&errors),
        vec![
            (ContactField::Channel, ContactProblem::Required),
            (ContactField::Outcome, ContactProblem::TooLong { max: 1000 }),
        ]
    );
}

#[test]
fn the_next_follow_up_must_be_later_than_now_and_have_a_purpose() {
    // 09:40 UTC is 17:40 at UTC+8: 17:40 there is "now", not later.
    let at_now = ReportDraft {
        next_at: "2026-11-24T17:40".into(),
        ..good_draft()
    };
    assert_eq!(
        problems(&validate_report(&at_now, &planned(), ids(), NOW(), hours(8)).unwrap_err()),
        vec![(ContactField::NextAt, ContactProblem::NotInFuture)]
    );
    let a_minute_later = ReportDraft {
        next_at: "2026-11-24T17:41".into(),
        ..good_draft()
    };
    assert!(validate_report(&a_minute_later, &planned(), ids(), NOW(), hours(8)).is_ok());
    let no_purpose = ReportDraft {
        next_step: String::new(),
        next_purpose: " ".into(),
        ..good_draft()
    };
    assert_eq!(
        problems(&validate_report(&no_purpose, &planned(), ids(), NOW(), hours(0)).unwrap_err()),
        vec![(ContactField::NextPurpose, ContactProblem::Required)]
    );
}

#[test]
fn editing_reassigns_and_reschedules_but_keeps_identity() {
    let original = planned();
    let mut draft = follow_up_draft(&original, hours(8));
    assert_eq!(draft.due_at, "2026-11-24T17:00");
    assert_eq!(draft.duration_minutes, "45");
    assert_eq!(draft.talking_points, "new colours");
    draft.rep = "Tomás".into();
    draft.due_at = "2026-11-25T11:30".into();
    draft.talking_points = " Ask about the trade fair ".into();
    draft.materials = "price list".into();
    let edited = edit_follow_up(&original, &draft, NOW(), hours(8)).unwrap();
    assert_eq!(edited.rep, "Tomás");
    assert_eq!(edited.due_at, utc(2026, 11, 25, 3, 30));
    assert_eq!(edited.talking_points, "Ask about the trade fair");
    assert_eq!(edited.materials, "price list");
    assert_eq!(edited.id, original.id);
    assert_eq!(edited.customer_id, original.customer_id);
    assert_eq!(edited.created_at, original.created_at);
    assert_eq!(edited.kind, FollowUpKind::WinBack);
    assert_eq!(edited.complaint_id, original.complaint_id);
    assert_eq!(edited.done_at, None);
    draft.materials = "m".repeat(MAX_NOTE_CHARS + 1);
    draft.rep = String::new();
    assert_eq!(
        problems(&edit_follow_up(&original, &draft, NOW(), hours(8)).unwrap_err()),
        vec![
            (ContactField::Rep, ContactProblem::Required),
            (
                ContactField::Materials,
                ContactProblem::TooLong { max: 1000 }
            ),
        ]
    );
}

#[test]
fn the_week_runs_monday_to_sunday_in_the_reps_offset() {
    // Sunday 29 Nov 2026 20:00 UTC is already Monday 30 Nov 04:00 at UTC+8.
    let now = utc(2026, 11, 29, 20, 0);
    assert_eq!(
        report_week(now, hours(8)),
        Some((utc(2026, 11, 29, 16, 0), utc(2026, 12, 6, 16, 0)))
    );
    // At UTC-5 it is still Sunday 15:00: the week that began Monday 23 Nov.
    assert_eq!(
        report_week(now, hours(-5)),
        Some((utc(2026, 11, 23, 5, 0), utc(2026, 11, 30, 5, 0)))
    );
    // A Monday at midnight starts its own week.
    assert_eq!(
        report_week(utc(2026, 11, 30, 0, 0), hours(0)),
        Some((utc(2026, 11, 30, 0, 0), utc(2026, 12, 7, 0, 0)))
    );
    assert_eq!(report_week(DateTime::<Utc>::MIN_UTC, hours(-12)), None);
}

#[test]
fn the_weeks_reports_are_follow_up_contacts_newest_first() {
    let contact = |id: &str, at: DateTime<Utc>, report: bool| Contact {
        id: id.into(),
        customer_id: CustomerId("c".into()),
        at,
        channel: ContactChannel::Phone,
        direction: Direction::Outbound,
        rep: "Mei".into(),
        summary: "s".into(),
        outcome: String::new(),
        next_step: String::new(),
        complaint_id: None,
        satisfaction: None,
        follow_up_id: report.then(|| "f".to_owned()),
        review: None,
        occasion: None,
    };
    let now = utc(2026, 12, 2, 12, 0); // Wednesday
    let all = vec![
        contact("monday-start", utc(2026, 11, 30, 0, 0), true),
        contact("sunday-before", utc(2026, 11, 29, 23, 59), true),
        contact("plain", utc(2026, 12, 1, 9, 0), false),
        contact("tuesday", utc(2026, 12, 1, 9, 0), true),
        contact("next-monday", utc(2026, 12, 7, 0, 0), true),
        contact("sunday-last", utc(2026, 12, 6, 23, 59), true),
    ];
    let ids: Vec<String> = reports_in_week(&all, now, hours(0))
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, vec!["sunday-last", "tuesday", "monday-start"]);
}

#[test]
fn a_review_needs_a_reviewer_and_keeps_the_comment_short() {
    let now = NOW();
    assert_eq!(
        validate_review(" Ana ", " good call ", now),
        Ok(ReportReview {
            by: "Ana".into(),
            at: now,
            comment: "good call".into()
        })
    );
    assert_eq!(
        validate_review("Ana", "", now).map(|r| r.comment),
        Ok(String::new())
    );
    assert_eq!(
        problems(&validate_review(" ", &"c".repeat(MAX_NOTE_CHARS + 1), now).unwrap_err()),
        vec![
            (ContactField::Reviewer, ContactProblem::Required),
            (ContactField::Comment, ContactProblem::TooLong { max: 1000 }),
        ]
    );
}
