//! Fuzzing follow-ups and contacts with drafts a rep could really submit: due times
//! typed as the datetime-local input sends them in the rep's zone, durations in
//! range, purposes and summaries with emoji and right-to-left text. Arbitrary text
//! is almost never a valid draft, so it never reaches the board or the conflict
//! check; these drafts do, and a few carry one fault to check the refusal too.

use super::*;
use crate::domain::customers::CustomerId;
use crate::domain::shared::fuzz_support::{fuzz_reach, human_text};
use chrono::Offset;
use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const REPS: [&str; 5] = ["Mei", " mei ", "Lía", "محمد", "李雷"];
const FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S%.3f",
];

/// One fault that makes a draft invalid, naming the field it must be refused for.
#[derive(Debug, Clone, Copy)]
enum Fault {
    None,
    DurationTooLong,
    PurposeTooLong,
    BlankPurpose,
    NoDueTime,
}

#[derive(Debug, Clone)]
struct Plan {
    /// Minutes from `now` (negative: overdue).
    due_in_minutes: i64,
    format: &'static str,
    draft: FollowUpDraft,
    fault: Fault,
}

#[derive(Debug, Clone)]
struct Case {
    now: DateTime<Utc>,
    offset: FixedOffset,
    plans: Vec<Plan>,
    contact: ContactDraft,
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        -20_000i64..20_000,
        prop::sample::select(FORMATS.to_vec()),
        prop::sample::select(REPS.to_vec()),
        prop_oneof![
            Just(String::new()),
            (MIN_DURATION_MINUTES..=MAX_DURATION_MINUTES).prop_map(|m| format!(" {m}"))
        ],
        human_text(MAX_PURPOSE_CHARS),
        prop_oneof![
            12 => Just(Fault::None),
            1 => Just(Fault::DurationTooLong),
            1 => Just(Fault::PurposeTooLong),
            1 => Just(Fault::BlankPurpose),
            1 => Just(Fault::NoDueTime),
        ],
    )
        .prop_map(|(due_in_minutes, format, rep, duration, purpose, fault)| {
            let mut draft = FollowUpDraft {
                rep: rep.to_owned(),
                due_at: String::new(), // filled in once `now` is known
                duration_minutes: duration,
                purpose,
                ..FollowUpDraft::default()
            };
            match fault {
                Fault::DurationTooLong => {
                    draft.duration_minutes = (MAX_DURATION_MINUTES + 1).to_string()
                }
                Fault::PurposeTooLong => draft.purpose = "🙂".repeat(MAX_PURPOSE_CHARS + 1),
                Fault::BlankPurpose => draft.purpose = " \n ".to_owned(),
                Fault::None | Fault::NoDueTime => {}
            }
            Plan {
                due_in_minutes,
                format,
                draft,
                fault,
            }
        })
}

fn case() -> impl Strategy<Value = Case> {
    (
        // 2000-01-01 .. 2100-01-01, whole minutes.
        (946_684_800i64 / 60)..(4_102_444_800i64 / 60),
        (-56i32..=56).prop_map(|quarters| quarters * 15 * 60),
        prop::collection::vec(plan(), 1..6),
        (
            prop::sample::select(vec!["email", "phone", "platform_message", "gift"]),
            prop::sample::select(vec!["", "inbound", "outbound"]),
            human_text(MAX_SUMMARY_CHARS),
            human_text(MAX_NOTE_CHARS),
            -600i64..=5,
        ),
    )
        .prop_map(
            |(
                now_minutes,
                offset_secs,
                mut plans,
                (channel, direction, summary, outcome, at_in),
            )| {
                let now = DateTime::<Utc>::from_timestamp(now_minutes * 60, 0).unwrap_or_default();
                let offset = FixedOffset::east_opt(offset_secs).unwrap_or_else(|| Utc.fix());
                let local = |minutes: i64, format: &str| {
                    (now.naive_utc()
                        + TimeDelta::minutes(minutes)
                        + TimeDelta::seconds(i64::from(offset_secs)))
                    .format(format)
                    .to_string()
                };
                for plan in &mut plans {
                    if !matches!(plan.fault, Fault::NoDueTime) {
                        plan.draft.due_at = local(plan.due_in_minutes, plan.format);
                    }
                }
                let contact = ContactDraft {
                    channel: channel.to_owned(),
                    direction: direction.to_owned(),
                    rep: "Lía".to_owned(),
                    summary,
                    outcome,
                    next_step: String::new(),
                    at: local(at_in, FORMATS[0]),
                };
                Case {
                    now,
                    offset,
                    plans,
                    contact,
                }
            },
        )
}

fn check(case: Case) -> Result<bool, TestCaseError> {
    let Case {
        now,
        offset,
        plans,
        contact,
    } = case;
    let mut valid = Vec::new();
    for (i, plan) in plans.iter().enumerate() {
        let id = format!("f{i}");
        let result = validate_follow_up(
            &plan.draft,
            id,
            CustomerId("c".to_owned()),
            None,
            now,
            offset,
        );
        let refused_for =
            |field| matches!(&result, Err(errors) if errors.iter().any(|e| e.field == field));
        match plan.fault {
            Fault::None => {
                let f = result.map_err(|e| {
                    TestCaseError::fail(format!("a valid draft was refused: {e:?}"))
                })?;
                prop_assert_eq!(f.due_at, now + TimeDelta::minutes(plan.due_in_minutes));
                prop_assert_eq!(f.purpose.as_str(), plan.draft.purpose.trim());
                prop_assert!(
                    (MIN_DURATION_MINUTES..=MAX_DURATION_MINUTES).contains(&f.duration_minutes)
                );
                valid.push(f);
            }
            Fault::DurationTooLong => prop_assert!(refused_for(ContactField::Duration)),
            Fault::PurposeTooLong | Fault::BlankPurpose => {
                prop_assert!(refused_for(ContactField::Purpose))
            }
            Fault::NoDueTime => prop_assert!(refused_for(ContactField::DueAt)),
        }
    }
    for f in &valid {
        let b = bucket(f, now, offset);
        prop_assert_eq!(b == FollowUpBucket::Overdue, f.due_at < now);
        prop_assert_eq!(bucket(&complete(f, now), now, offset), FollowUpBucket::Done);
        for other in conflicts(f, &valid) {
            prop_assert!(other.id != f.id && same_rep(&other.rep, &f.rep));
            prop_assert!(other.due_at < f.ends_at() && f.due_at < other.ends_at());
            // Overlap is symmetric.
            prop_assert!(conflicts(other, &valid).iter().any(|back| back.id == f.id));
        }
    }
    let board = follow_up_board(&valid, now, offset);
    let on_board: usize = board.iter().map(|(_, group)| group.len()).sum();
    let expected = valid
        .iter()
        .filter(|f| FollowUpBucket::BOARD.contains(&bucket(f, now, offset)))
        .count();
    prop_assert_eq!(on_board, expected);
    for (wanted, group) in &board {
        prop_assert!(group.iter().all(|f| bucket(f, now, offset) == *wanted));
        prop_assert!(group
            .windows(2)
            .all(|w| (w[0].due_at, &w[0].id) <= (w[1].due_at, &w[1].id)));
    }
    let logged = validate_contact(
        &contact,
        "ct".to_owned(),
        CustomerId("c".to_owned()),
        None,
        now,
        offset,
    );
    let logged =
        logged.map_err(|e| TestCaseError::fail(format!("a valid contact was refused: {e:?}")))?;
    prop_assert_eq!(logged.summary.as_str(), contact.summary.trim());
    Ok(!valid.is_empty())
}

/// Reach: at least one follow-up validated, then bucketed, checked for conflicts
/// and put on the board (one draft in four carries a fault; cases have 1-5 drafts).
#[test]
fn valid_follow_ups_reach_the_board_and_conflicts() {
    fuzz_reach("follow-ups", 500, 80, case(), check);
}
