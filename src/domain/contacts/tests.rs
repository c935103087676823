use super::*;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

use crate::domain::customers::CustomerId;
use crate::domain::customers::RelationshipStage;
use crate::domain::customers::StageChange;
use crate::domain::orders::Order;
use crate::domain::orders::{CurrencyCode, Money, OrderStatus};
use proptest::prelude::*;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn offset_hours(hours: i32) -> FixedOffset {
    FixedOffset::east_opt(hours * 3600).unwrap()
}

fn customer() -> CustomerId {
    CustomerId("cust-1".to_owned())
}

fn good_contact_draft() -> ContactDraft {
    ContactDraft {
        channel: "email".to_owned(),
        direction: "inbound".to_owned(),
        rep: "  Mei  ".to_owned(),
        summary: " asked about tracking ".to_owned(),
        outcome: "sent link".to_owned(),
        next_step: String::new(),
        at: String::new(),
    }
}

fn good_follow_up_draft() -> FollowUpDraft {
    FollowUpDraft {
        rep: "Mei".to_owned(),
        due_at: "2026-11-24T09:00".to_owned(),
        duration_minutes: String::new(),
        purpose: "check delivery".to_owned(),
        talking_points: String::new(),
        materials: String::new(),
    }
}

fn follow_up(id: &str, rep: &str, due_at: DateTime<Utc>, minutes: u32) -> FollowUp {
    FollowUp {
        id: id.to_owned(),
        customer_id: customer(),
        rep: rep.to_owned(),
        due_at,
        duration_minutes: minutes,
        purpose: format!("purpose {id}"),
        complaint_id: None,
        done_at: None,
        created_at: utc(2026, 1, 1, 0, 0),
        talking_points: String::new(),
        materials: String::new(),
        kind: crate::domain::contacts::FollowUpKind::General,
    }
}

fn problems(errors: &[ContactError]) -> Vec<(ContactField, ContactProblem)> {
    errors.iter().map(|e| (e.field, e.problem)).collect()
}

#[test]
fn enum_codes_round_trip_and_match_serde() {
    for c in ContactChannel::ALL {
        assert_eq!(ContactChannel::from_code(c.code()), Some(c));
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            format!("\"{}\"", c.code())
        );
        assert_eq!(ContactChannel::from_quick_key(c.quick_key()), Some(c));
    }
    for d in Direction::ALL {
        assert_eq!(Direction::from_code(d.code()), Some(d));
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            format!("\"{}\"", d.code())
        );
    }
    for f in ContactField::ALL {
        assert_eq!(ContactField::from_code(f.code()), Some(f));
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            format!("\"{}\"", f.code())
        );
    }
    for b in FollowUpBucket::ALL {
        assert_eq!(FollowUpBucket::from_code(b.code()), Some(b));
        assert_eq!(
            serde_json::to_string(&b).unwrap(),
            format!("\"{}\"", b.code())
        );
    }
    for k in TimelineKind::ALL {
        assert_eq!(TimelineKind::from_code(k.code()), Some(k));
        assert_eq!(
            serde_json::to_string(&k).unwrap(),
            format!("\"{}\"", k.code())
        );
    }
    assert_eq!(ContactChannel::from_code("fax"), None);
}

#[test]
fn valid_contact_is_trimmed_and_defaults_to_now() {
    let now = utc(2026, 11, 24, 3, 0);
    let contact = validate_contact(
        &good_contact_draft(),
        "c1".to_owned(),
        customer(),
        Some("  ".to_owned()),
        now,
        offset_hours(8),
    )
    .unwrap();
    assert_eq!(contact.at, now);
    assert_eq!(contact.rep, "Mei");
    assert_eq!(contact.summary, "asked about tracking");
    assert_eq!(contact.channel, ContactChannel::Email);
    assert_eq!(contact.direction, Direction::Inbound);
    assert_eq!(
        contact.complaint_id, None,
        "a blank complaint id is no link"
    );
}

#[test]
fn empty_direction_means_outbound() {
    let draft = ContactDraft {
        direction: String::new(),
        ..good_contact_draft()
    };
    let contact = validate_contact(
        &draft,
        "c1".to_owned(),
        customer(),
        Some("cmp-1".to_owned()),
        utc(2026, 1, 1, 0, 0),
        offset_hours(0),
    )
    .unwrap();
    assert_eq!(contact.direction, Direction::Outbound);
    assert_eq!(contact.complaint_id.as_deref(), Some("cmp-1"));
}

#[test]
fn contact_validation_reports_all_problems_at_once() {
    let draft = ContactDraft {
        channel: String::new(),
        direction: "sideways".to_owned(),
        rep: "   ".to_owned(),
        summary: "x".repeat(MAX_SUMMARY_CHARS + 1),
        outcome: "é".repeat(MAX_NOTE_CHARS + 1),
        next_step: "y".repeat(MAX_NOTE_CHARS + 1),
        at: "24/11/2026 09:00".to_owned(),
    };
    let errors = validate_contact(
        &draft,
        "c1".to_owned(),
        customer(),
        None,
        utc(2026, 1, 1, 0, 0),
        offset_hours(0),
    )
    .unwrap_err();
    assert_eq!(
        problems(&errors),
        vec![
            (ContactField::Channel, ContactProblem::Required),
            (ContactField::Direction, ContactProblem::UnknownChoice),
            (ContactField::Rep, ContactProblem::Required),
            (ContactField::Summary, ContactProblem::TooLong { max: 2000 }),
            (ContactField::Outcome, ContactProblem::TooLong { max: 1000 }),
            (
                ContactField::NextStep,
                ContactProblem::TooLong { max: 1000 }
            ),
            (ContactField::At, ContactProblem::DateTimeShape),
        ]
    );
}

#[test]
fn lengths_count_characters_not_bytes() {
    let draft = ContactDraft {
        summary: "客".repeat(MAX_SUMMARY_CHARS),
        ..good_contact_draft()
    };
    let result = validate_contact(
        &draft,
        "c1".to_owned(),
        customer(),
        None,
        utc(2026, 1, 1, 0, 0),
        offset_hours(0),
    );
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn unknown_channel_is_an_unknown_choice() {
    let draft = ContactDraft {
        channel: "fax".to_owned(),
        ..good_contact_draft()
    };
    let errors = validate_contact(
        &draft,
        "c1".to_owned(),
        customer(),
        None,
        utc(2026, 1, 1, 0, 0),
        offset_hours(0),
    )
    .unwrap_err();
    assert_eq!(
        problems(&errors),
        vec![(ContactField::Channel, ContactProblem::UnknownChoice)]
    );
}

#[test]
fn typed_time_is_read_in_the_reps_zone() {
    let draft = ContactDraft {
        at: "2026-11-24T09:00".to_owned(),
        ..good_contact_draft()
    };
    let contact = validate_contact(
        &draft,
        "c1".to_owned(),
        customer(),
        None,
        utc(2026, 11, 24, 6, 0),
        offset_hours(8),
    )
    .unwrap();
    assert_eq!(contact.at, utc(2026, 11, 24, 1, 0));
}

#[test]
fn datetime_local_accepts_seconds_and_fractions_and_round_trips() {
    let plus8 = offset_hours(8);
    let expected = utc(2026, 11, 24, 1, 0);
    for text in [
        "2026-11-24T09:00",
        "2026-11-24T09:00:00",
        "2026-11-24T09:00:00.000",
        " 2026-11-24 09:00 ",
    ] {
        assert_eq!(parse_datetime_local(text, plus8), Ok(expected), "{text}");
    }
    assert_eq!(to_datetime_local(expected, plus8), "2026-11-24T09:00");
    for bad in [
        "2026-11-24",
        "2026-02-30T09:00",
        "09:00",
        "2026-11-24T25:00",
        "now",
    ] {
        assert_eq!(
            parse_datetime_local(bad, plus8),
            Err(ContactProblem::DateTimeShape),
            "{bad}"
        );
    }
}

#[test]
fn a_log_more_than_five_minutes_ahead_is_in_the_future() {
    let now = utc(2026, 11, 24, 1, 0);
    let draft_at = |at: &str| ContactDraft {
        at: at.to_owned(),
        ..good_contact_draft()
    };
    let validate = |draft: &ContactDraft| {
        validate_contact(
            draft,
            "c1".to_owned(),
            customer(),
            None,
            now,
            offset_hours(8),
        )
    };
    assert!(
        validate(&draft_at("2026-11-24T09:05")).is_ok(),
        "within slack"
    );
    let errors = validate(&draft_at("2026-11-24T09:06")).unwrap_err();
    assert_eq!(
        problems(&errors),
        vec![(ContactField::At, ContactProblem::InFuture)]
    );
}

#[test]
fn valid_follow_up_defaults_to_thirty_minutes_and_allows_the_past() {
    let now = utc(2026, 12, 1, 0, 0);
    let f = validate_follow_up(
        &good_follow_up_draft(),
        "f1".to_owned(),
        customer(),
        None,
        now,
        offset_hours(8),
    )
    .unwrap();
    assert_eq!(f.due_at, utc(2026, 11, 24, 1, 0));
    assert_eq!(f.duration_minutes, 30);
    assert_eq!(f.ends_at(), utc(2026, 11, 24, 1, 30));
    assert_eq!(f.created_at, now);
    assert!(f.is_open());
}

#[test]
fn duration_bounds() {
    let validate = |minutes: &str| {
        let draft = FollowUpDraft {
            duration_minutes: minutes.to_owned(),
            ..good_follow_up_draft()
        };
        validate_follow_up(
            &draft,
            "f1".to_owned(),
            customer(),
            None,
            utc(2026, 1, 1, 0, 0),
            offset_hours(0),
        )
        .map(|f| f.duration_minutes)
    };
    assert_eq!(validate("5"), Ok(5));
    assert_eq!(validate(" 480 "), Ok(480));
    let out_of_range = vec![ContactError {
        field: ContactField::Duration,
        problem: ContactProblem::DurationRange,
    }];
    for bad in [
        "4",
        "481",
        "0",
        "-10",
        "30.5",
        "half an hour",
        "99999999999",
    ] {
        assert_eq!(validate(bad), Err(out_of_range.clone()), "{bad}");
    }
}

#[test]
fn follow_up_validation_reports_all_problems_at_once() {
    let draft = FollowUpDraft {
        rep: String::new(),
        due_at: String::new(),
        duration_minutes: "1000".to_owned(),
        purpose: "p".repeat(MAX_PURPOSE_CHARS + 1),
        talking_points: "t".repeat(MAX_NOTE_CHARS + 1),
        materials: "m".repeat(MAX_NOTE_CHARS + 1),
    };
    let errors = validate_follow_up(
        &draft,
        "f1".to_owned(),
        customer(),
        None,
        utc(2026, 1, 1, 0, 0),
        offset_hours(0),
    )
    .unwrap_err();
    assert_eq!(
        problems(&errors),
        vec![
            (ContactField::Rep, ContactProblem::Required),
            (ContactField::DueAt, ContactProblem::Required),
            (ContactField::Duration, ContactProblem::DurationRange),
            (ContactField::Purpose, ContactProblem::TooLong { max: 500 }),
            (
                ContactField::TalkingPoints,
                ContactProblem::TooLong { max: 1000 }
            ),
            (
                ContactField::Materials,
                ContactProblem::TooLong { max: 1000 }
            ),
        ]
    );
    let bad_date = FollowUpDraft {
        due_at: "tomorrow".to_owned(),
        ..good_follow_up_draft()
    };
    let errors = validate_follow_up(
        &bad_date,
        "f1".to_owned(),
        customer(),
        None,
        utc(2026, 1, 1, 0, 0),
        offset_hours(0),
    )
    .unwrap_err();
    assert_eq!(
        problems(&errors),
        vec![(ContactField::DueAt, ContactProblem::DateTimeShape)]
    );
}

#[test]
fn quiet_hours_run_from_nine_pm_to_eight_am() {
    let night: Vec<u32> = (0..24).filter(|h| is_night_hour(*h)).collect();
    assert_eq!(night, vec![0, 1, 2, 3, 4, 5, 6, 7, 21, 22, 23]);
    assert!(is_night_hour(24), "midnight reported as 24");
    assert!(!is_night_hour(u32::MAX), "no overflow on nonsense hours");
}

#[test]
fn overlapping_slot_of_the_same_rep_conflicts() {
    let candidate = follow_up("new", "Mei", utc(2026, 11, 24, 1, 0), 30);
    let existing = vec![
        follow_up("late", "Mei", utc(2026, 11, 24, 1, 20), 30),
        follow_up("early", "Mei", utc(2026, 11, 24, 0, 45), 30),
    ];
    let ids: Vec<&str> = conflicts(&candidate, &existing)
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(ids, vec!["early", "late"], "sorted by due_at");
}

#[test]
fn touching_slots_do_not_conflict() {
    let candidate = follow_up("new", "Mei", utc(2026, 11, 24, 1, 0), 30);
    let existing = vec![
        follow_up("before", "Mei", utc(2026, 11, 24, 0, 30), 30),
        follow_up("after", "Mei", utc(2026, 11, 24, 1, 30), 30),
    ];
    assert!(conflicts(&candidate, &existing).is_empty());
}

#[test]
fn other_reps_done_ones_and_the_candidate_itself_do_not_conflict() {
    let at = utc(2026, 11, 24, 1, 0);
    let candidate = follow_up("new", "Mei", at, 30);
    let mut done = follow_up("done", "Mei", at, 30);
    done.done_at = Some(at);
    let existing = vec![
        follow_up("other", "Ana", at, 30),
        done,
        follow_up("new", "Mei", at, 30),
        follow_up("same", "  mEI ", at, 30),
    ];
    let ids: Vec<&str> = conflicts(&candidate, &existing)
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        ids,
        vec!["same"],
        "rep compared trimmed, case-insensitively"
    );
}

#[test]
fn ends_at_saturates_instead_of_panicking() {
    let f = follow_up("f", "Mei", DateTime::<Utc>::MAX_UTC, u32::MAX);
    assert_eq!(f.ends_at(), DateTime::<Utc>::MAX_UTC);
}

fn local_time(offset: FixedOffset, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    offset
        .with_ymd_and_hms(2026, mo, d, h, mi, 0)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn edges_of_representable_time_do_not_panic() {
    let far_east = offset_hours(14);
    let far_west = offset_hours(-12);
    assert_eq!(
        parse_datetime_local("+262142-12-31T23:59", far_west),
        Err(ContactProblem::DateTimeShape),
        "beyond the last instant once converted to UTC"
    );
    assert!(parse_datetime_local("+262142-12-31T23:59", far_east).is_ok());
    for at in [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
        for offset in [far_east, far_west] {
            let _ = to_datetime_local(at, offset);
            let f = follow_up("f", "Mei", at, MAX_DURATION_MINUTES);
            // Due right now is never overdue; where the local day cannot be
            // represented it falls back to Later.
            let now = bucket(&f, at, offset);
            assert!(
                matches!(now, FollowUpBucket::Today | FollowUpBucket::Later),
                "{now:?}"
            );
            let from_the_start = bucket(&f, DateTime::<Utc>::MIN_UTC, offset);
            if at == DateTime::<Utc>::MAX_UTC {
                assert_eq!(from_the_start, FollowUpBucket::Later, "aeons away");
            } else {
                assert!(matches!(
                    from_the_start,
                    FollowUpBucket::Today | FollowUpBucket::Later
                ));
            }
            let ancient = follow_up("g", "Mei", DateTime::<Utc>::MIN_UTC, 15);
            assert_eq!(
                bucket(&ancient, DateTime::<Utc>::MAX_UTC, offset),
                FollowUpBucket::Overdue
            );
        }
    }
    let at_the_end = ContactDraft {
        at: "2026-01-01T00:00".to_owned(),
        ..good_contact_draft()
    };
    let result = validate_contact(
        &at_the_end,
        "c".to_owned(),
        customer(),
        None,
        DateTime::<Utc>::MAX_UTC,
        far_east,
    );
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn buckets_follow_the_local_calendar_of_a_rep_east_of_utc() {
    let plus8 = offset_hours(8);
    let now = local_time(plus8, 11, 24, 10, 0);
    assert_eq!(now, utc(2026, 11, 24, 2, 0));
    let in_bucket = |mo: u32, d: u32, h: u32, mi: u32| {
        let f = follow_up("f", "Mei", local_time(plus8, mo, d, h, mi), 30);
        bucket(&f, now, plus8)
    };
    assert_eq!(in_bucket(11, 24, 0, 30), FollowUpBucket::Overdue);
    assert_eq!(
        in_bucket(11, 24, 23, 59),
        FollowUpBucket::Today,
        "already the 25th in UTC, still today for the rep"
    );
    assert_eq!(in_bucket(11, 25, 0, 0), FollowUpBucket::ThisWeek);
    assert_eq!(in_bucket(11, 25, 23, 30), FollowUpBucket::ThisWeek);
    assert_eq!(in_bucket(12, 1, 23, 59), FollowUpBucket::ThisWeek);
    assert_eq!(in_bucket(12, 2, 0, 0), FollowUpBucket::Later);

    let f = follow_up("f", "Mei", local_time(plus8, 11, 24, 0, 30), 30);
    let just_after_midnight = local_time(plus8, 11, 24, 0, 10);
    assert_eq!(
        bucket(&f, just_after_midnight, plus8),
        FollowUpBucket::Today
    );
    let before_midnight = local_time(plus8, 11, 23, 23, 50);
    assert_eq!(bucket(&f, before_midnight, plus8), FollowUpBucket::ThisWeek);
}

#[test]
fn buckets_follow_the_local_calendar_of_a_rep_west_of_utc() {
    let minus5 = offset_hours(-5);
    let now = local_time(minus5, 11, 24, 22, 0);
    assert_eq!(now, utc(2026, 11, 25, 3, 0));
    let in_bucket = |mo: u32, d: u32, h: u32, mi: u32| {
        let f = follow_up("f", "Mei", local_time(minus5, mo, d, h, mi), 30);
        bucket(&f, now, minus5)
    };
    assert_eq!(in_bucket(11, 24, 0, 30), FollowUpBucket::Overdue);
    assert_eq!(
        in_bucket(11, 24, 23, 30),
        FollowUpBucket::Today,
        "already the 25th in UTC, still today for the rep"
    );
    assert_eq!(in_bucket(11, 25, 0, 30), FollowUpBucket::ThisWeek);
    assert_eq!(in_bucket(11, 25, 23, 30), FollowUpBucket::ThisWeek);
    assert_eq!(in_bucket(12, 1, 23, 59), FollowUpBucket::ThisWeek);
    assert_eq!(in_bucket(12, 2, 0, 0), FollowUpBucket::Later);

    let f = follow_up("f", "Mei", local_time(minus5, 11, 24, 0, 30), 30);
    let just_after_midnight = local_time(minus5, 11, 24, 0, 10);
    assert_eq!(
        bucket(&f, just_after_midnight, minus5),
        FollowUpBucket::Today
    );
    let later_that_morning = local_time(minus5, 11, 24, 0, 40);
    assert_eq!(
        bucket(&f, later_that_morning, minus5),
        FollowUpBucket::Overdue
    );
}

#[test]
fn done_wins_over_every_other_bucket() {
    let now = utc(2026, 11, 24, 2, 0);
    let overdue = complete(&follow_up("f", "Mei", utc(2026, 1, 1, 0, 0), 30), now);
    assert_eq!(bucket(&overdue, now, offset_hours(0)), FollowUpBucket::Done);
}

#[test]
fn board_groups_open_follow_ups_in_order_and_skips_later_and_done() {
    let utc0 = offset_hours(0);
    let now = utc(2026, 11, 24, 12, 0);
    let mut done = follow_up("done", "Mei", utc(2026, 11, 24, 15, 0), 30);
    done.done_at = Some(now);
    let all = vec![
        follow_up("week-b", "Mei", utc(2026, 11, 26, 9, 0), 30),
        follow_up("today", "Mei", utc(2026, 11, 24, 18, 0), 30),
        follow_up("later", "Mei", utc(2026, 12, 20, 9, 0), 30),
        follow_up("overdue-2", "Mei", utc(2026, 11, 23, 9, 0), 30),
        done,
        follow_up("week-a", "Mei", utc(2026, 11, 26, 9, 0), 30),
        follow_up("overdue-1", "Mei", utc(2026, 11, 20, 9, 0), 30),
    ];
    let board: Vec<(FollowUpBucket, Vec<&str>)> = follow_up_board(&all, now, utc0)
        .into_iter()
        .map(|(b, group)| (b, group.iter().map(|f| f.id.as_str()).collect()))
        .collect();
    assert_eq!(
        board,
        vec![
            (FollowUpBucket::Overdue, vec!["overdue-1", "overdue-2"]),
            (FollowUpBucket::Today, vec!["today"]),
            (FollowUpBucket::ThisWeek, vec!["week-a", "week-b"]),
        ]
    );
}

#[test]
fn board_leaves_out_empty_groups() {
    let now = utc(2026, 11, 24, 12, 0);
    let all = vec![follow_up("week", "Mei", utc(2026, 11, 26, 9, 0), 30)];
    let board = follow_up_board(&all, now, offset_hours(0));
    assert_eq!(board.len(), 1);
    assert_eq!(board[0].0, FollowUpBucket::ThisWeek);
    assert!(follow_up_board(&[], now, offset_hours(0)).is_empty());
}

#[test]
fn completing_keeps_the_first_done_time() {
    let f = follow_up("f", "Mei", utc(2026, 11, 24, 1, 0), 30);
    let first = complete(&f, utc(2026, 11, 24, 2, 0));
    assert_eq!(first.done_at, Some(utc(2026, 11, 24, 2, 0)));
    assert!(!first.is_open());
    let again = complete(&first, utc(2026, 11, 25, 2, 0));
    assert_eq!(again, first);
    assert!(f.is_open(), "the input is not modified");
}

fn contact_at(id: &str, at: DateTime<Utc>) -> Contact {
    Contact {
        id: id.to_owned(),
        customer_id: customer(),
        at,
        channel: ContactChannel::Phone,
        direction: Direction::Inbound,
        rep: "Mei".to_owned(),
        summary: "called about refund".to_owned(),
        outcome: "refund issued".to_owned(),
        next_step: "check in a week".to_owned(),
        complaint_id: None,
        satisfaction: None,
        follow_up_id: None,
        review: None,
        occasion: None,
    }
}

fn order_on(id: &str, placed_on: NaiveDate) -> Order {
    Order {
        id: id.to_owned(),
        customer_id: customer(),
        number: "A-100".to_owned(),
        channel: "amazon".to_owned(),
        placed_on,
        total: Money::new(12_345, CurrencyCode::parse("EUR").unwrap()),
        status: OrderStatus::Delivered,
        cost_of_goods: 0,
        shipping_cost: 0,
        discount: 0,
        refunded: 0,
        details: Default::default(),
    }
}

#[test]
fn timeline_is_newest_first_with_all_five_kinds() {
    let contacts = vec![contact_at("c1", utc(2026, 3, 5, 10, 0))];
    let complaints = vec![ComplaintMark {
        id: "cmp1".to_owned(),
        at: utc(2026, 3, 4, 10, 0),
        title: "quality".to_owned(),
        detail: "open".to_owned(),
    }];
    let stages = vec![StageChange {
        from: RelationshipStage::FirstTime,
        to: RelationshipStage::Repeat,
        at: utc(2026, 3, 3, 10, 0),
        reason: "second order".to_owned(),
        loss_cause: None,
    }];
    let orders = vec![order_on(
        "amazon:A-100",
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
    )];
    let follow_ups = vec![follow_up("f1", "Mei", utc(2026, 3, 6, 10, 0), 45)];

    let items = timeline(&contacts, &complaints, &stages, &orders, &follow_ups);
    let kinds: Vec<TimelineKind> = items.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        vec![
            TimelineKind::FollowUp,
            TimelineKind::Contact,
            TimelineKind::Complaint,
            TimelineKind::StageChange,
            TimelineKind::Order,
        ]
    );
    let refs: Vec<&str> = items.iter().map(|i| i.ref_id.as_str()).collect();
    assert_eq!(refs, vec!["f1", "c1", "cmp1", "stage-0", "amazon:A-100"]);

    let order = &items[4];
    assert_eq!(order.at, utc(2026, 3, 2, 0, 0), "orders sit at 00:00 UTC");
    assert_eq!(order.title, "A-100");
    assert_eq!(order.detail, "amazon · 123.45 EUR · delivered");
    assert_eq!(items[3].title, "first_time → repeat");
    assert_eq!(items[3].detail, "second order");
    assert_eq!(items[1].title, "called about refund");
    assert_eq!(
        items[1].detail,
        "phone · inbound · Mei · refund issued · → check in a week"
    );
    assert_eq!(items[0].title, "purpose f1");
    assert_eq!(items[0].detail, "Mei · 45 min · open");
}

#[test]
fn timeline_ties_break_by_kind_then_ref_id() {
    let midnight = utc(2026, 3, 2, 0, 0);
    let contacts = vec![contact_at("c-b", midnight), contact_at("c-a", midnight)];
    let complaints = vec![ComplaintMark {
        id: "cmp".to_owned(),
        at: midnight,
        title: String::new(),
        detail: String::new(),
    }];
    let stages = vec![StageChange {
        from: RelationshipStage::Potential,
        to: RelationshipStage::FirstTime,
        at: midnight,
        reason: "first order".to_owned(),
        loss_cause: None,
    }];
    let orders = vec![
        order_on("z-order", midnight.date_naive()),
        order_on("a-order", midnight.date_naive()),
    ];
    let follow_ups = vec![follow_up("f", "Mei", midnight, 30)];

    let forward = timeline(&contacts, &complaints, &stages, &orders, &follow_ups);
    let refs: Vec<&str> = forward.iter().map(|i| i.ref_id.as_str()).collect();
    assert_eq!(
        refs,
        vec!["c-a", "c-b", "cmp", "stage-0", "a-order", "z-order", "f"]
    );

    let mut reversed_contacts = contacts.clone();
    reversed_contacts.reverse();
    let mut reversed_orders = orders.clone();
    reversed_orders.reverse();
    let backward = timeline(
        &reversed_contacts,
        &complaints,
        &stages,
        &reversed_orders,
        &follow_ups,
    );
    assert_eq!(forward, backward, "input order does not matter");
}

#[test]
fn quick_log_lines_parse() {
    assert_eq!(
        parse_quick_log("e> asked about tracking"),
        Some((
            ContactChannel::Email,
            Direction::Outbound,
            "asked about tracking".to_owned()
        ))
    );
    assert_eq!(
        parse_quick_log("  p<called about refund  "),
        Some((
            ContactChannel::Phone,
            Direction::Inbound,
            "called about refund".to_owned()
        ))
    );
    assert_eq!(
        parse_quick_log("M< 询问物流"),
        Some((
            ContactChannel::PlatformMessage,
            Direction::Inbound,
            "询问物流".to_owned()
        ))
    );
    for key in ["s", "c", "l", "v", "g", "o"] {
        let parsed = parse_quick_log(&format!("{key}> x")).map(|(c, _, _)| c.quick_key());
        assert_eq!(parsed.map(String::from).as_deref(), Some(key));
    }
}

#[test]
fn quick_log_rejects_garbage_without_panicking() {
    for line in [
        "",
        " ",
        "e",
        "e>",
        "e>   ",
        "x> hello",
        "e hello",
        "e=hello",
        ">e hello",
        "email> hello",
        "é> hello",
        "e\u{301}> hello",
        "客> 你好",
        "e》 你好",
        "🙂<🙂",
    ] {
        assert_eq!(parse_quick_log(line), None, "{line:?}");
    }
    assert_eq!(
        parse_quick_log("e>🙂"),
        Some((ContactChannel::Email, Direction::Outbound, "🙂".to_owned()))
    );
}

#[test]
fn drafts_survive_missing_fields_in_storage() {
    let draft: ContactDraft = serde_json::from_str(r#"{"summary":"hi"}"#).unwrap();
    assert_eq!(draft.summary, "hi");
    assert_eq!(draft.channel, "");
    let contact: Contact = serde_json::from_str(
        r#"{"id":"c","customer_id":"x","at":"2026-01-01T00:00:00Z","channel":"gift",
                "direction":"outbound","rep":"Mei","summary":"sent tea"}"#,
    )
    .unwrap();
    assert_eq!(contact.channel, ContactChannel::Gift);
    assert_eq!(contact.complaint_id, None);
}

proptest! {
    #[test]
    fn validation_and_quick_log_never_panic(
        texts in proptest::collection::vec(any::<String>(), 11),
        now_secs in -8_000_000_000_000i64..8_000_000_000_000i64,
        offset_secs in -86_399i32..86_400i32,
    ) {
        let now = DateTime::<Utc>::from_timestamp(now_secs, 0).unwrap_or(DateTime::<Utc>::MAX_UTC);
        let offset = FixedOffset::east_opt(offset_secs).unwrap();
        let contact = ContactDraft {
            channel: texts[0].clone(),
            direction: texts[1].clone(),
            rep: texts[2].clone(),
            summary: texts[3].clone(),
            outcome: texts[4].clone(),
            next_step: texts[5].clone(),
            at: texts[6].clone(),
        };
        let _ = validate_contact(&contact, "c".to_owned(), customer(), None, now, offset);
        let follow = FollowUpDraft {
            rep: texts[2].clone(),
            due_at: texts[7].clone(),
            duration_minutes: texts[8].clone(),
            purpose: texts[9].clone(),
            talking_points: texts[0].clone(),
            materials: texts[1].clone(),
        };
        if let Ok(f) = validate_follow_up(&follow, "f".to_owned(), customer(), None, now, offset) {
            let _ = bucket(&f, now, offset);
            let _ = f.ends_at();
        }
        let _ = parse_quick_log(&texts[10]);
    }

    #[test]
    fn shaped_datetimes_never_panic(
        year in -300_000i32..300_000i32,
        rest in "-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?",
        offset_secs in -86_399i32..86_400i32,
    ) {
        let offset = FixedOffset::east_opt(offset_secs).unwrap();
        let text = format!("{year:+}{rest}");
        if let Ok(at) = parse_datetime_local(&text, offset) {
            let _ = to_datetime_local(at, offset);
            let f = follow_up("f", "Mei", at, MAX_DURATION_MINUTES);
            let _ = bucket(&f, at, offset);
            let _ = f.ends_at();
        }
    }

    #[test]
    fn quick_log_summary_is_the_trimmed_rest(key in "[epsmclvgo]", out in any::<bool>(), summary in "\\PC*") {
        let mark = if out { '>' } else { '<' };
        let parsed = parse_quick_log(&format!("{key}{mark}{summary}"));
        prop_assert_eq!(parsed.map(|(_, _, s)| s), Some(summary.trim().to_owned()).filter(|s| !s.is_empty()));
    }
}

/// `with_contact_logged`, the rule both storage adapters apply when a contact is logged.
mod contact_logged {
    use super::*;
    use crate::domain::customers::Customer;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
    }

    fn customer(last: Option<u32>, revision: u32) -> Customer {
        let mut c = Customer::minimal(CustomerId("a".into()), "Ana", "ES", at(1));
        c.last_contact_at = last.map(at);
        c.revision = revision;
        c
    }

    fn contact(day: u32) -> Contact {
        Contact {
            id: format!("k{day}"),
            customer_id: CustomerId("a".into()),
            at: at(day),
            channel: ContactChannel::Phone,
            direction: Direction::Inbound,
            rep: "Mei".into(),
            summary: "asked about customs duties".into(),
            outcome: String::new(),
            next_step: String::new(),
            complaint_id: None,
            satisfaction: None,
            follow_up_id: None,
            review: None,
            occasion: None,
        }
    }

    #[test]
    fn a_first_or_newer_contact_sets_the_last_contact() {
        assert_eq!(
            with_contact_logged(customer(None, 0), &contact(20)).last_contact_at,
            Some(at(20))
        );
        assert_eq!(
            with_contact_logged(customer(Some(10), 0), &contact(20)).last_contact_at,
            Some(at(20))
        );
    }

    #[test]
    fn a_back_dated_contact_leaves_the_last_contact_but_still_counts_as_a_change() {
        let logged = with_contact_logged(customer(Some(20), 4), &contact(3));
        assert_eq!(logged.last_contact_at, Some(at(20)));
        assert_eq!(logged.revision, 5);
    }

    #[test]
    fn the_revision_wraps_instead_of_overflowing() {
        let logged = with_contact_logged(customer(None, u32::MAX), &contact(3));
        assert_eq!(logged.revision, 0);
    }

    #[test]
    fn nothing_but_last_contact_and_revision_changes() {
        let before = customer(Some(2), 7);
        let logged = with_contact_logged(before.clone(), &contact(9));
        assert_eq!(
            Customer {
                last_contact_at: before.last_contact_at,
                revision: before.revision,
                ..logged
            },
            before
        );
    }
}

#[test]
fn the_next_follow_up_is_the_open_one_due_first_for_that_customer() {
    let at = |h| utc(2026, 3, 2, h, 0);
    let mut done = follow_up("a-done", "Mei", at(8), 30);
    done.done_at = Some(at(9));
    let mut elsewhere = follow_up("b-other", "Mei", at(7), 30);
    elsewhere.customer_id = CustomerId("someone-else".into());
    let later = follow_up("c-later", "Mei", at(15), 30);
    let first = follow_up("d-first", "Mei", at(10), 30);
    let tie = follow_up("c-tie", "Mei", at(10), 30);
    let all = [done, elsewhere, later, first, tie];
    assert_eq!(
        next_follow_up(&all, &customer()).map(|f| f.id.as_str()),
        Some("c-tie")
    );
    assert_eq!(
        next_follow_up(&all[..3], &customer()).map(|f| f.id.as_str()),
        Some("c-later")
    );
    assert_eq!(next_follow_up(&all[..2], &customer()), None);
}
