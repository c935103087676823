//! Fuzzing every wizard step with drafts a rep could really save: known choices,
//! past dates in order, amounts written as reps write them in each currency's
//! precision, follow-up times as the datetime-local input sends them, and free text
//! with emoji and right-to-left scripts. Random field text almost never passes a
//! step (the Record step needs six fields right at once), so it never reaches what
//! a passing step does; these drafts pass, and each step has its own reach floor.

use super::*;
use crate::domain::customers::CustomerId;
use crate::domain::orders::{CurrencyCode, Money};
use crate::domain::shared::fuzz_support::{fuzz_reach, human_text};
use chrono::{DateTime, FixedOffset, Utc};
use chrono::{Days, Offset, TimeDelta};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Seconds of the wall clock and the rep's offset, shared by all steps.
fn clock() -> impl Strategy<Value = (DateTime<Utc>, FixedOffset)> {
    (
        946_684_800i64..4_102_444_800,
        (-56i32..=56).prop_map(|quarters| quarters * 15 * 60),
    )
        .prop_map(|(seconds, offset)| {
            (
                DateTime::from_timestamp(seconds, 0).unwrap_or_default(),
                FixedOffset::east_opt(offset).unwrap_or_else(|| Utc.fix()),
            )
        })
}

fn optional(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop_oneof![1 => Just(String::new()), 2 => text]
}

fn choice(codes: Vec<&'static str>) -> impl Strategy<Value = String> {
    // Padded as a hand-edited stored draft could be; the form trims.
    (prop::sample::select(codes), any::<bool>()).prop_map(|(code, pad)| {
        if pad {
            format!(" {code} ")
        } else {
            code.to_owned()
        }
    })
}

/// A valid draft for `step`, with the clock it is judged by.
fn draft(step: WizardStep) -> BoxedStrategy<(ComplaintDraft, DateTime<Utc>, FixedOffset)> {
    let base = ComplaintDraft {
        complaint_id: "cmp".to_owned(),
        step,
        ..ComplaintDraft::default()
    };
    match step {
        WizardStep::Listen => (
            clock(),
            human_text(5000),
            prop::sample::select(vec!["Amazon", "eBay 🛒", "WhatsApp", "微信", "بريد"]),
            optional(
                prop::sample::select(vec!["123-4567890", "订单#12", "№ 7"]).prop_map(str::to_owned),
            ),
            choice(Temperament::ALL.map(Temperament::code).to_vec()),
        )
            .prop_map(
                move |((now, offset), words, channel, order_ref, temperament)| {
                    let draft = ComplaintDraft {
                        customer_words: words,
                        channel: channel.to_owned(),
                        order_ref,
                        temperament,
                        ..base.clone()
                    };
                    (draft, now, offset)
                },
            )
            .boxed(),
        WizardStep::Record => (
            clock(),
            (
                human_text(200),
                choice(ComplaintCause::ALL.map(ComplaintCause::code).to_vec()),
                human_text(5000),
            ),
            // Days before today: the incident, and the purchase before it.
            (
                proptest::option::of(0u64..4000),
                proptest::option::of(0u64..4000),
            ),
            (
                optional(human_text(200)),
                optional(human_text(2000)),
                human_text(2000),
                optional(human_text(2000)),
            ),
            (
                choice(Validity::ALL.map(Validity::code).to_vec()),
                human_text(2000),
            ),
        )
            .prop_map(
                move |(
                    (now, offset),
                    (complainant, cause, what),
                    (incident, purchase),
                    (product, usage, wanted, how),
                    (validity, reason),
                )| {
                    let today = now.with_timezone(&offset).date_naive();
                    let day = |back: u64| {
                        today
                            .checked_sub_days(Days::new(back))
                            .map(|d| d.format("%Y-%m-%d").to_string())
                            .unwrap_or_default()
                    };
                    let draft = ComplaintDraft {
                        complainant,
                        cause,
                        what_happened: what,
                        happened_on: incident.map(day).unwrap_or_default(),
                        product,
                        purchased_on: purchase
                            .map(|p| day(p + incident.unwrap_or(0)))
                            .unwrap_or_default(),
                        usage,
                        wanted_outcome: wanted,
                        wanted_how: how,
                        validity,
                        validity_reason: reason,
                        ..base.clone()
                    };
                    (draft, now, offset)
                },
            )
            .boxed(),
        WizardStep::Remedy => (
            clock(),
            prop::sample::select(RemedyKind::ALL.to_vec()),
            (
                any::<bool>(),
                1i64..10_000_000,
                prop::sample::select(vec!["EUR", "JPY", "KWD", "usd", "CNY"]),
            ),
            (0usize..3, optional(human_text(2000))),
        )
            .prop_map(
                move |((now, offset), kind, (with_amount, minor, code), (shape, note))| {
                    let currency = CurrencyCode::parse(code);
                    let point = currency
                        .map(|c| Money::new(minor, c).format_amount())
                        .unwrap_or_default();
                    let amount = match shape {
                        0 => point,
                        1 => point.replace('.', ","),
                        _ => format!("{point} {}", code.to_uppercase()),
                    };
                    let amount_given =
                        kind.allows_amount() && (with_amount || kind.requires_amount());
                    let draft = ComplaintDraft {
                        remedy: kind.code().to_owned(),
                        remedy_amount: if amount_given { amount } else { String::new() },
                        // Left selected after switching to an apology: must not block.
                        remedy_currency: code.to_owned(),
                        remedy_note: note,
                        ..base.clone()
                    };
                    (draft, now, offset)
                },
            )
            .boxed(),
        WizardStep::FollowUp => (
            clock(),
            (-100_000i64..100_000, any::<bool>()),
            optional(human_text(2000)),
            optional((1u8..=5).prop_map(|s| s.to_string())),
        )
            .prop_map(
                move |((now, offset), (minutes, seconds), outcome, satisfaction)| {
                    let local =
                        now.with_timezone(&offset).naive_local() + TimeDelta::minutes(minutes);
                    let format = if seconds {
                        "%Y-%m-%dT%H:%M:%S"
                    } else {
                        "%Y-%m-%dT%H:%M"
                    };
                    let draft = ComplaintDraft {
                        follow_up_at: local.format(format).to_string(),
                        outcome,
                        satisfaction,
                        ..base.clone()
                    };
                    (draft, now, offset)
                },
            )
            .boxed(),
    }
}

fn check(
    step: WizardStep,
    (draft, now, offset): (ComplaintDraft, DateTime<Utc>, FixedOffset),
) -> Result<bool, TestCaseError> {
    let open = Complaint::open("cmp".to_owned(), CustomerId("c".to_owned()), now);
    let saved = apply_step(&open, &draft, step, now, offset).map_err(|errors| {
        TestCaseError::fail(format!(
            "a valid {} step was refused: {errors:?}",
            step.code()
        ))
    })?;
    prop_assert_eq!(saved.completed_step, Some(step));
    // Every text field of the step is stored trimmed, exactly.
    for field in ComplaintField::ALL
        .into_iter()
        .filter(|f| f.step() == step && f.max_len().is_some())
    {
        let back = ComplaintDraft::from_complaint(&saved, step, offset);
        prop_assert_eq!(back.field(field), draft.field(field).trim(), "{:?}", field);
    }
    match step {
        WizardStep::Record => prop_assert!(saved.cause.is_some() && saved.validity.is_some()),
        WizardStep::Remedy => {
            let remedy = saved.remedy.as_ref();
            prop_assert!(remedy.is_some());
            if let Some(money) = remedy.and_then(|r| r.amount) {
                prop_assert!(money.minor > 0);
                prop_assert_eq!(
                    remedy_cost(&saved, now.date_naive()).map(|c| c.amount),
                    Some(money)
                );
            }
        }
        WizardStep::FollowUp => prop_assert!(saved.follow_up_at.is_some()),
        WizardStep::Listen => prop_assert_eq!(saved.state, ComplaintState::InProgress),
    }
    // The form rebuilt from the saved complaint saves the same complaint again.
    let again = ComplaintDraft::from_complaint(&saved, step, offset);
    prop_assert_eq!(
        apply_step(&saved, &again, step, now, offset),
        Ok(saved.clone())
    );
    Ok(true)
}

/// Reach per step: the step validated and was written into the complaint. Every
/// generated draft is valid, so the floor is high; a refusal fails the test.
#[test]
fn valid_drafts_pass_every_wizard_step() {
    for step in WizardStep::ALL {
        let name = format!("complaint step {}", step.code());
        fuzz_reach(&name, 400, 90, draft(step), |input| check(step, input));
    }
}
