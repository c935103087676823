use super::*;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::Serialize;

use crate::domain::customers::CustomerId;

use crate::domain::orders::{CostKind, CurrencyCode, Money};
use crate::domain::value::ValueTier;
use chrono::TimeZone;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn offset_hours(hours: i32) -> FixedOffset {
    FixedOffset::east_opt(hours * 3600).unwrap()
}

fn opened() -> Complaint {
    Complaint::open(
        "c-1".into(),
        CustomerId("cust-1".into()),
        at(2026, 3, 1, 8, 0),
    )
}

fn full_draft() -> ComplaintDraft {
    ComplaintDraft {
        complaint_id: "c-1".into(),
        customer_words: "  The kettle leaks and nobody answers me!  ".into(),
        channel: " Amazon ".into(),
        order_ref: "302-1234567".into(),
        temperament: "emotional".into(),
        complainant: "Anna Schmidt".into(),
        cause: "product_quality".into(),
        what_happened: "Water leaks from the base after two uses.".into(),
        happened_on: "2026-02-27".into(),
        product: "Steel kettle 1.7 l".into(),
        purchased_on: "2026-02-20".into(),
        usage: "Boiled water twice a day".into(),
        wanted_outcome: "A working kettle".into(),
        wanted_how: "Replacement shipped this week".into(),
        validity: "valid".into(),
        validity_reason: "Photos show a cracked seal".into(),
        remedy: "partial_refund".into(),
        remedy_amount: "12,50".into(),
        remedy_currency: "eur".into(),
        remedy_note: "Keeps the kettle".into(),
        follow_up_at: "2026-03-05T09:00".into(),
        outcome: "Refund accepted".into(),
        satisfaction: "4".into(),
        ..ComplaintDraft::default()
    }
}

fn now() -> DateTime<Utc> {
    at(2026, 3, 1, 9, 0)
}

fn apply_all(c: &Complaint, draft: &ComplaintDraft, offset: FixedOffset) -> Complaint {
    WizardStep::ALL.into_iter().fold(c.clone(), |c, step| {
        apply_step(&c, draft, step, now(), offset).unwrap_or_else(|e| panic!("{step:?}: {e:?}"))
    })
}

fn errors_of(result: Result<Complaint, Vec<StepError>>) -> Vec<StepError> {
    result.expect_err("the step should be refused")
}

fn has(errors: &[StepError], field: ComplaintField, problem: StepProblem) -> bool {
    errors.contains(&StepError { field, problem })
}

fn in_state(state: ComplaintState) -> Complaint {
    let mut c = apply_all(&opened(), &full_draft(), offset_hours(0));
    c.state = state;
    c.history.clear();
    c
}

// --- codes -------------------------------------------------------------

#[test]
fn every_code_round_trips_and_matches_serde() {
    fn check<T: Copy + PartialEq + std::fmt::Debug + Serialize>(
        all: &[T],
        code: fn(T) -> &'static str,
        from_code: fn(&str) -> Option<T>,
    ) {
        for &value in all {
            assert_eq!(from_code(code(value)), Some(value));
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json, format!("\"{}\"", code(value)));
        }
        assert_eq!(from_code("nonsense"), None);
    }
    check(&Temperament::ALL, Temperament::code, Temperament::from_code);
    check(
        &ComplaintCause::ALL,
        ComplaintCause::code,
        ComplaintCause::from_code,
    );
    check(&Validity::ALL, Validity::code, Validity::from_code);
    check(&RemedyKind::ALL, RemedyKind::code, RemedyKind::from_code);
    check(
        &ComplaintState::ALL,
        ComplaintState::code,
        ComplaintState::from_code,
    );
    check(&WizardStep::ALL, WizardStep::code, WizardStep::from_code);
    check(
        &ComplaintField::ALL,
        ComplaintField::code,
        ComplaintField::from_code,
    );
}

#[test]
fn remedy_amount_rules() {
    use RemedyKind::*;
    let required: Vec<_> = RemedyKind::ALL
        .into_iter()
        .filter(|k| k.requires_amount())
        .collect();
    assert_eq!(required, [Refund, PartialRefund, Coupon, Compensation]);
    let not_allowed: Vec<_> = RemedyKind::ALL
        .into_iter()
        .filter(|k| !k.allows_amount())
        .collect();
    assert_eq!(not_allowed, [Apology]);
}

#[test]
fn wizard_steps_are_numbered_and_linked() {
    assert_eq!(WizardStep::ALL.map(WizardStep::number), [1, 2, 3, 4]);
    for pair in WizardStep::ALL.windows(2) {
        assert_eq!(pair[0].next(), Some(pair[1]));
        assert_eq!(pair[1].previous(), Some(pair[0]));
        assert!(pair[0] < pair[1]);
    }
    assert_eq!(WizardStep::Listen.previous(), None);
    assert_eq!(WizardStep::FollowUp.next(), None);
}

#[test]
fn every_field_belongs_to_one_step_and_the_draft_exposes_it() {
    let mut draft = ComplaintDraft::default();
    for (i, field) in ComplaintField::ALL.into_iter().enumerate() {
        *draft.field_mut(field) = format!("value {i}");
    }
    for (i, field) in ComplaintField::ALL.into_iter().enumerate() {
        assert_eq!(draft.field(field), format!("value {i}"), "{field:?}");
    }
    let per_step = |step| {
        ComplaintField::ALL
            .iter()
            .filter(|f| f.step() == step)
            .count()
    };
    assert_eq!(WizardStep::ALL.map(per_step), [4, 11, 4, 3]);
}

// --- state machine ------------------------------------------------------

#[test]
fn allowed_moves_follow_the_table() {
    use ComplaintState::*;
    assert_eq!(
        Open.allowed_moves(),
        [InProgress, AwaitingCustomer, Resolved, Closed]
    );
    assert_eq!(
        InProgress.allowed_moves(),
        [AwaitingCustomer, Resolved, Closed]
    );
    assert_eq!(
        AwaitingCustomer.allowed_moves(),
        [InProgress, Resolved, Closed]
    );
    assert_eq!(Resolved.allowed_moves(), [Closed, Reopened]);
    assert_eq!(Closed.allowed_moves(), [Reopened]);
    assert_eq!(
        Reopened.allowed_moves(),
        [InProgress, AwaitingCustomer, Resolved, Closed]
    );
    let active: Vec<_> = ComplaintState::ALL
        .into_iter()
        .filter(|s| s.is_active())
        .collect();
    assert_eq!(active, [Open, InProgress, AwaitingCustomer, Reopened]);
}

#[test]
fn every_pair_of_states_is_accepted_or_rejected_as_the_table_says() {
    let later = at(2026, 3, 2, 10, 0);
    let mut accepted = 0;
    for from in ComplaintState::ALL {
        for to in ComplaintState::ALL {
            let c = in_state(from);
            let result = move_state(&c, to, later);
            if from.allowed_moves().contains(&to) {
                let moved = result.unwrap_or_else(|e| panic!("{from:?} -> {to:?}: {e}"));
                assert_eq!(moved.state, to);
                assert_eq!(moved.updated_at, later);
                assert_eq!(
                    moved.history,
                    [ComplaintStateChange {
                        from,
                        to,
                        at: later
                    }]
                );
                accepted += 1;
            } else {
                assert_eq!(result, Err(ComplaintError::IllegalMove { from, to }));
            }
        }
    }
    assert_eq!(accepted, 17);
}

#[test]
fn resolving_needs_the_remedy_step_and_an_outcome() {
    let mut c = in_state(ComplaintState::InProgress);
    c.completed_step = Some(WizardStep::Record);
    assert_eq!(
        move_state(&c, ComplaintState::Resolved, now()),
        Err(ComplaintError::StepsIncomplete)
    );
    c.completed_step = None;
    assert_eq!(
        move_state(&c, ComplaintState::Resolved, now()),
        Err(ComplaintError::StepsIncomplete)
    );
    c.completed_step = Some(WizardStep::Remedy);
    c.outcome = "   ".into();
    assert_eq!(
        move_state(&c, ComplaintState::Resolved, now()),
        Err(ComplaintError::OutcomeMissing)
    );
    c.outcome = "Refunded".into();
    assert!(move_state(&c, ComplaintState::Resolved, now()).is_ok());
    // Closing without resolving (a duplicate, say) needs neither.
    c.outcome.clear();
    c.completed_step = None;
    assert!(move_state(&c, ComplaintState::Closed, now()).is_ok());
}

#[test]
fn resolving_stamps_resolved_at_and_reopening_clears_it() {
    let c = in_state(ComplaintState::InProgress);
    let resolved_time = at(2026, 3, 2, 10, 0);
    let resolved = move_state(&c, ComplaintState::Resolved, resolved_time).unwrap();
    assert_eq!(resolved.resolved_at, Some(resolved_time));
    let closed = move_state(&resolved, ComplaintState::Closed, at(2026, 3, 3, 10, 0)).unwrap();
    assert_eq!(closed.resolved_at, Some(resolved_time), "closing keeps it");
    let reopened = move_state(&closed, ComplaintState::Reopened, at(2026, 3, 4, 10, 0)).unwrap();
    assert_eq!(reopened.resolved_at, None);
    assert_eq!(reopened.history.len(), 3, "history only grows");
    assert_eq!(reopened.history[..2], closed.history[..]);
}

#[test]
fn customer_writing_reopens_settled_and_resumes_waiting_complaints() {
    let later = at(2026, 3, 5, 7, 0);
    for settled in [ComplaintState::Resolved, ComplaintState::Closed] {
        let mut c = in_state(settled);
        c.resolved_at = Some(now());
        let after = customer_wrote(&c, later);
        assert_eq!(after.state, ComplaintState::Reopened);
        assert_eq!(after.resolved_at, None);
        assert_eq!(after.last_customer_message_at, later);
        assert_eq!(after.history.last().map(|h| h.from), Some(settled));
    }
    let waiting = customer_wrote(&in_state(ComplaintState::AwaitingCustomer), later);
    assert_eq!(waiting.state, ComplaintState::InProgress);
    assert_eq!(waiting.history.len(), 1);
    for running in [
        ComplaintState::Open,
        ComplaintState::InProgress,
        ComplaintState::Reopened,
    ] {
        let after = customer_wrote(&in_state(running), later);
        assert_eq!(after.state, running);
        assert!(after.history.is_empty());
        assert_eq!(after.last_customer_message_at, later);
    }
}

#[test]
fn first_contact_means_no_waiting_and_no_reopening() {
    let c = in_state(ComplaintState::InProgress);
    let direct = move_state(&c, ComplaintState::Resolved, now()).unwrap();
    assert!(direct.resolved_at_first_contact());
    assert!(!c.resolved_at_first_contact(), "still open");
    let waited = move_state(&c, ComplaintState::AwaitingCustomer, now()).unwrap();
    let waited = move_state(&waited, ComplaintState::Resolved, now()).unwrap();
    assert!(!waited.resolved_at_first_contact());
    let reopened = move_state(&direct, ComplaintState::Reopened, now()).unwrap();
    let again = move_state(&reopened, ComplaintState::Resolved, now()).unwrap();
    assert!(!again.resolved_at_first_contact());
    let closed = move_state(&direct, ComplaintState::Closed, now()).unwrap();
    assert!(closed.resolved_at_first_contact());
}

// --- apply_step ---------------------------------------------------------

#[test]
fn each_step_reports_all_its_missing_fields_at_once() {
    use ComplaintField as F;
    let empty = ComplaintDraft::default();
    let expected = [
        (
            WizardStep::Listen,
            vec![F::CustomerWords, F::Channel, F::Temperament],
        ),
        (
            WizardStep::Record,
            vec![
                F::Complainant,
                F::Cause,
                F::WhatHappened,
                F::WantedOutcome,
                F::Validity,
                F::ValidityReason,
            ],
        ),
        (WizardStep::Remedy, vec![F::Remedy]),
        (WizardStep::FollowUp, vec![F::FollowUpAt]),
    ];
    for (step, fields) in expected {
        let errors = errors_of(apply_step(&opened(), &empty, step, now(), offset_hours(0)));
        let want: Vec<_> = fields
            .into_iter()
            .map(|field| StepError {
                field,
                problem: StepProblem::Required,
            })
            .collect();
        assert_eq!(errors, want, "{step:?}");
        // Only this step's fields are judged.
        let full_but_this_step_empty = {
            let mut d = full_draft();
            for f in ComplaintField::ALL.into_iter().filter(|f| f.step() == step) {
                d.field_mut(f).clear();
            }
            d
        };
        for other in WizardStep::ALL.into_iter().filter(|&s| s != step) {
            assert!(
                apply_step(
                    &opened(),
                    &full_but_this_step_empty,
                    other,
                    now(),
                    offset_hours(0)
                )
                .is_ok(),
                "{other:?} with {step:?} empty"
            );
        }
    }
}

#[test]
fn whitespace_only_counts_as_missing_and_text_is_stored_trimmed() {
    let mut d = full_draft();
    d.channel = " \t ".into();
    let errors = errors_of(apply_step(
        &opened(),
        &d,
        WizardStep::Listen,
        now(),
        offset_hours(0),
    ));
    assert_eq!(
        errors,
        [StepError {
            field: ComplaintField::Channel,
            problem: StepProblem::Required
        }]
    );
    let c = apply_step(
        &opened(),
        &full_draft(),
        WizardStep::Listen,
        now(),
        offset_hours(0),
    )
    .unwrap();
    assert_eq!(c.channel, "Amazon");
    assert_eq!(c.customer_words, "The kettle leaks and nobody answers me!");
}

#[test]
fn lengths_are_counted_in_characters() {
    let mut d = full_draft();
    d.channel = "é".repeat(100);
    assert!(apply_step(&opened(), &d, WizardStep::Listen, now(), offset_hours(0)).is_ok());
    d.channel = "é".repeat(101);
    d.order_ref = "x".repeat(101);
    let errors = errors_of(apply_step(
        &opened(),
        &d,
        WizardStep::Listen,
        now(),
        offset_hours(0),
    ));
    assert!(has(
        &errors,
        ComplaintField::Channel,
        StepProblem::TooLong { max: 100 }
    ));
    assert!(has(
        &errors,
        ComplaintField::OrderRef,
        StepProblem::TooLong { max: 100 }
    ));
}

#[test]
fn unknown_choices_are_reported() {
    let mut d = full_draft();
    d.temperament = "angry".into();
    let errors = errors_of(apply_step(
        &opened(),
        &d,
        WizardStep::Listen,
        now(),
        offset_hours(0),
    ));
    assert!(has(
        &errors,
        ComplaintField::Temperament,
        StepProblem::UnknownChoice
    ));
    d.cause = "weather".into();
    d.validity = "maybe".into();
    let errors = errors_of(apply_step(
        &opened(),
        &d,
        WizardStep::Record,
        now(),
        offset_hours(0),
    ));
    assert!(has(
        &errors,
        ComplaintField::Cause,
        StepProblem::UnknownChoice
    ));
    assert!(has(
        &errors,
        ComplaintField::Validity,
        StepProblem::UnknownChoice
    ));
}

#[test]
fn dates_cannot_lie_in_the_rep_s_future() {
    // 20:00 UTC on 1 March is already 2 March at +08:00.
    let evening = at(2026, 3, 1, 20, 0);
    let mut d = full_draft();
    d.happened_on = "2026-03-02".into();
    d.purchased_on = "2026-03-01".into();
    assert!(apply_step(&opened(), &d, WizardStep::Record, evening, offset_hours(8)).is_ok());
    let errors = errors_of(apply_step(
        &opened(),
        &d,
        WizardStep::Record,
        evening,
        offset_hours(0),
    ));
    assert_eq!(
        errors,
        [StepError {
            field: ComplaintField::HappenedOn,
            problem: StepProblem::DateInFuture
        }]
    );
    d.purchased_on = "2026-03-03".into();
    let errors = errors_of(apply_step(
        &opened(),
        &d,
        WizardStep::Record,
        evening,
        offset_hours(8),
    ));
    assert!(has(
        &errors,
        ComplaintField::PurchasedOn,
        StepProblem::DateInFuture
    ));
}

#[test]
fn purchase_after_incident_and_bad_dates_are_refused() {
    let mut d = full_draft();
    d.happened_on = "2026-02-10".into();
    d.purchased_on = "2026-02-11".into();
    let errors = errors_of(apply_step(
        &opened(),
        &d,
        WizardStep::Record,
        now(),
        offset_hours(0),
    ));
    assert_eq!(
        errors,
        [StepError {
            field: ComplaintField::PurchasedOn,
            problem: StepProblem::PurchaseAfterIncident
        }]
    );
    d.purchased_on = "2026-02-10".into();
    assert!(apply_step(&opened(), &d, WizardStep::Record, now(), offset_hours(0)).is_ok());
    d.happened_on = "10/02/2026".into();
    d.purchased_on = "2025-02-29".into();
    let errors = errors_of(apply_step(
        &opened(),
        &d,
        WizardStep::Record,
        now(),
        offset_hours(0),
    ));
    assert!(has(
        &errors,
        ComplaintField::HappenedOn,
        StepProblem::DateShape
    ));
    assert!(has(
        &errors,
        ComplaintField::PurchasedOn,
        StepProblem::DateShape
    ));
    d.happened_on.clear();
    d.purchased_on.clear();
    let c = apply_step(&opened(), &d, WizardStep::Record, now(), offset_hours(0)).unwrap();
    assert_eq!((c.happened_on, c.purchased_on), (None, None));
}

fn remedy_result(kind: &str, amount: &str, currency: &str) -> Result<Complaint, Vec<StepError>> {
    let d = ComplaintDraft {
        remedy: kind.into(),
        remedy_amount: amount.into(),
        remedy_currency: currency.into(),
        ..full_draft()
    };
    apply_step(&opened(), &d, WizardStep::Remedy, now(), offset_hours(0))
}

fn remedy_minor(kind: &str, amount: &str, currency: &str) -> Option<i64> {
    remedy_result(kind, amount, currency)
        .unwrap_or_else(|e| panic!("{amount} {currency}: {e:?}"))
        .remedy
        .and_then(|r| r.amount)
        .map(|m| m.minor)
}

fn remedy_problems(kind: &str, amount: &str, currency: &str) -> Vec<StepError> {
    errors_of(remedy_result(kind, amount, currency))
}

#[test]
fn amounts_accept_point_and_comma_and_follow_the_currency_precision() {
    assert_eq!(remedy_minor("refund", "12,50", "EUR"), Some(1250));
    assert_eq!(remedy_minor("refund", "12.50", "EUR"), Some(1250));
    assert_eq!(remedy_minor("refund", " 12.5 ", "usd"), Some(1250));
    assert_eq!(remedy_minor("refund", "1500", "JPY"), Some(1500));
    assert_eq!(remedy_minor("refund", "1,500", "JPY"), Some(1500));
    assert_eq!(remedy_minor("refund", "1.250", "KWD"), Some(1250));
    assert_eq!(remedy_minor("refund", "1,250", "KWD"), Some(1250));
    let c = remedy_result("coupon", "5", "gbp").unwrap();
    assert_eq!(
        c.remedy.unwrap().amount,
        Some(Money::new(500, CurrencyCode::parse("GBP").unwrap()))
    );
}

#[test]
fn bad_amounts_and_currencies_are_reported() {
    use ComplaintField::{RemedyAmount, RemedyCurrency};
    assert!(has(
        &remedy_problems("refund", "12,50", "JPY"),
        RemedyAmount,
        StepProblem::AmountShape
    ));
    assert!(has(
        &remedy_problems("refund", "twelve", "EUR"),
        RemedyAmount,
        StepProblem::AmountShape
    ));
    assert!(has(
        &remedy_problems("refund", "0", "EUR"),
        RemedyAmount,
        StepProblem::AmountNotPositive
    ));
    assert!(has(
        &remedy_problems("refund", "-5", "EUR"),
        RemedyAmount,
        StepProblem::AmountNotPositive
    ));
    assert!(has(
        &remedy_problems("refund", "12.50 USD", "EUR"),
        RemedyAmount,
        StepProblem::AmountShape
    ));
    assert_eq!(remedy_minor("refund", "12.50 eur", "EUR"), Some(1250));
    assert_eq!(remedy_minor("refund", "€12,50", "EUR"), Some(1250));
    assert!(has(
        &remedy_problems("refund", "", "EUR"),
        RemedyAmount,
        StepProblem::Required
    ));
    assert!(has(
        &remedy_problems("refund", "5", ""),
        RemedyCurrency,
        StepProblem::Required
    ));
    let both = remedy_problems("refund", "abc", "EURO");
    assert!(has(&both, RemedyCurrency, StepProblem::CurrencyCode));
    assert!(has(&both, RemedyAmount, StepProblem::AmountShape));
}

#[test]
fn apology_takes_no_amount_and_goods_remedies_may_omit_it() {
    assert_eq!(
        remedy_problems("apology", "5", "EUR"),
        [StepError {
            field: ComplaintField::RemedyAmount,
            problem: StepProblem::AmountNotAllowed
        }]
    );
    // A currency left over from an earlier choice does not block an apology.
    assert_eq!(remedy_minor("apology", "", "EURO"), None);
    assert_eq!(remedy_minor("replacement", "", ""), None);
    assert_eq!(remedy_minor("resend", "4.99", "USD"), Some(499));
    let c = remedy_result("apology", "", "").unwrap();
    assert_eq!(c.remedy.map(|r| r.kind), Some(RemedyKind::Apology));
}

#[test]
fn follow_up_time_is_the_rep_s_wall_clock() {
    let d = ComplaintDraft {
        follow_up_at: "2026-11-24T09:00".into(),
        ..full_draft()
    };
    let c = apply_step(&opened(), &d, WizardStep::FollowUp, now(), offset_hours(8)).unwrap();
    assert_eq!(c.follow_up_at, Some(at(2026, 11, 24, 1, 0)));
    let west = apply_step(&opened(), &d, WizardStep::FollowUp, now(), offset_hours(-5)).unwrap();
    assert_eq!(west.follow_up_at, Some(at(2026, 11, 24, 14, 0)));
    let d = ComplaintDraft {
        follow_up_at: "2026-11-24T09:00:30".into(),
        ..full_draft()
    };
    let c = apply_step(&opened(), &d, WizardStep::FollowUp, now(), offset_hours(0)).unwrap();
    assert_eq!(
        c.follow_up_at,
        Some(Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 30).unwrap())
    );
}

#[test]
fn follow_up_shapes_and_satisfaction_range() {
    use ComplaintField as F;
    for bad in ["24/11/2026 09:00", "2026-11-24", "2026-11-24T25:00", "soon"] {
        let d = ComplaintDraft {
            follow_up_at: bad.into(),
            ..full_draft()
        };
        let errors = errors_of(apply_step(
            &opened(),
            &d,
            WizardStep::FollowUp,
            now(),
            offset_hours(0),
        ));
        assert!(
            has(&errors, F::FollowUpAt, StepProblem::DateTimeShape),
            "{bad}"
        );
    }
    for bad in ["0", "6", "4.5", "five", "-1", "300"] {
        let d = ComplaintDraft {
            satisfaction: bad.into(),
            ..full_draft()
        };
        let errors = errors_of(apply_step(
            &opened(),
            &d,
            WizardStep::FollowUp,
            now(),
            offset_hours(0),
        ));
        assert_eq!(
            errors,
            [StepError {
                field: F::Satisfaction,
                problem: StepProblem::SatisfactionRange
            }],
            "{bad}"
        );
    }
    for (text, score) in [("", None), ("1", Some(1)), (" 5 ", Some(5))] {
        let d = ComplaintDraft {
            satisfaction: text.into(),
            ..full_draft()
        };
        let c = apply_step(&opened(), &d, WizardStep::FollowUp, now(), offset_hours(0)).unwrap();
        assert_eq!(c.satisfaction, score);
    }
}

#[test]
fn completing_listen_starts_handling() {
    let c = apply_step(
        &opened(),
        &full_draft(),
        WizardStep::Listen,
        now(),
        offset_hours(0),
    )
    .unwrap();
    assert_eq!(c.state, ComplaintState::InProgress);
    assert_eq!(
        c.history,
        [ComplaintStateChange {
            from: ComplaintState::Open,
            to: ComplaintState::InProgress,
            at: now()
        }]
    );
    assert_eq!(c.completed_step, Some(WizardStep::Listen));
    assert_eq!(c.updated_at, now());
    let waiting = in_state(ComplaintState::AwaitingCustomer);
    let again = apply_step(
        &waiting,
        &full_draft(),
        WizardStep::Listen,
        now(),
        offset_hours(0),
    )
    .unwrap();
    assert_eq!(again.state, ComplaintState::AwaitingCustomer);
    assert!(again.history.is_empty());
}

#[test]
fn completed_step_never_goes_backwards() {
    let done = apply_all(&opened(), &full_draft(), offset_hours(0));
    assert_eq!(done.completed_step, Some(WizardStep::FollowUp));
    for step in WizardStep::ALL {
        let redone = apply_step(&done, &full_draft(), step, now(), offset_hours(0)).unwrap();
        assert_eq!(
            redone.completed_step,
            Some(WizardStep::FollowUp),
            "{step:?}"
        );
    }
    let first = apply_step(
        &opened(),
        &full_draft(),
        WizardStep::Record,
        now(),
        offset_hours(0),
    )
    .unwrap();
    assert_eq!(first.completed_step, Some(WizardStep::Record));
}

#[test]
fn a_refused_step_changes_nothing() {
    let c = opened();
    let d = ComplaintDraft {
        channel: String::new(),
        ..full_draft()
    };
    assert!(apply_step(&c, &d, WizardStep::Listen, now(), offset_hours(0)).is_err());
    assert_eq!(c, opened());
}

#[test]
fn draft_round_trip_reproduces_the_complaint() {
    let offset = offset_hours(8);
    for (amount, currency) in [("12,50", "EUR"), ("1500", "JPY"), ("1.250", "KWD")] {
        let draft = ComplaintDraft {
            remedy_amount: amount.into(),
            remedy_currency: currency.into(),
            follow_up_at: "2026-03-05T09:15:45".into(),
            ..full_draft()
        };
        let original = apply_all(&opened(), &draft, offset);
        let back = ComplaintDraft::from_complaint(&original, WizardStep::Remedy, offset);
        assert_eq!(back.step, WizardStep::Remedy);
        assert_eq!(back.complaint_id, "c-1");
        let again = apply_all(&original, &back, offset);
        assert_eq!(again, original, "{amount} {currency}");
        let fresh = apply_all(&opened(), &back, offset);
        assert_eq!(fresh, original, "{amount} {currency}");
        // Read back in another offset, the same instant is stored.
        let elsewhere =
            ComplaintDraft::from_complaint(&original, WizardStep::Listen, offset_hours(-3));
        assert_eq!(apply_all(&opened(), &elsewhere, offset_hours(-3)), original);
    }
    let minutes_only = apply_all(&opened(), &full_draft(), offset);
    let back = ComplaintDraft::from_complaint(&minutes_only, WizardStep::Listen, offset);
    assert_eq!(back.follow_up_at, "2026-03-05T09:00");
    assert_eq!(back.remedy_amount, "12.50");
    assert_eq!(back.remedy_currency, "EUR");
}

#[test]
fn older_records_load_with_defaults() {
    let json = r#"{"id":"c-9","customer_id":"cust-9","state":"in_progress",
            "opened_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z",
            "last_customer_message_at":"2026-01-01T12:00:00Z"}"#;
    let c: Complaint = serde_json::from_str(json).unwrap();
    assert_eq!(c.state, ComplaintState::InProgress);
    assert_eq!(c.customer_id, CustomerId("cust-9".into()));
    assert!(c.history.is_empty() && c.remedy.is_none() && c.completed_step.is_none());
    let full = apply_all(&opened(), &full_draft(), offset_hours(0));
    let text = serde_json::to_string(&full).unwrap();
    assert_eq!(serde_json::from_str::<Complaint>(&text).unwrap(), full);
}

// --- cost ---------------------------------------------------------------

#[test]
fn remedy_cost_books_once_per_complaint() {
    let on = date(2026, 3, 2);
    let c = apply_all(&opened(), &full_draft(), offset_hours(0));
    let cost = remedy_cost(&c, on).unwrap();
    assert_eq!(cost.id, "complaint:c-1");
    assert_eq!(cost.customer_id, c.customer_id);
    assert_eq!(cost.on, on);
    assert_eq!(cost.kind, CostKind::ComplaintHandling);
    assert_eq!(cost.amount.minor, 1250);
    assert!(cost.note.contains("partial_refund") && cost.note.contains("302-1234567"));

    let coupon = apply_all(
        &opened(),
        &ComplaintDraft {
            remedy: "coupon".into(),
            ..full_draft()
        },
        offset_hours(0),
    );
    assert_eq!(
        remedy_cost(&coupon, on).map(|c| c.kind),
        Some(CostKind::Compensation)
    );
    let compensation = apply_all(
        &opened(),
        &ComplaintDraft {
            remedy: "compensation".into(),
            ..full_draft()
        },
        offset_hours(0),
    );
    assert_eq!(
        remedy_cost(&compensation, on).map(|c| c.kind),
        Some(CostKind::Compensation)
    );

    let apology = ComplaintDraft {
        remedy: "apology".into(),
        remedy_amount: String::new(),
        ..full_draft()
    };
    assert_eq!(
        remedy_cost(&apply_all(&opened(), &apology, offset_hours(0)), on),
        None
    );
    let replacement = ComplaintDraft {
        remedy: "replacement".into(),
        remedy_amount: String::new(),
        ..full_draft()
    };
    assert_eq!(
        remedy_cost(&apply_all(&opened(), &replacement, offset_hours(0)), on),
        None
    );
    assert_eq!(remedy_cost(&opened(), on), None);
}

// --- response clock -----------------------------------------------------

fn targets() -> ResponseTargets {
    ResponseTargets {
        by_marketplace: vec![("Amazon".into(), 12), (" eBay ".into(), 48)],
        ..ResponseTargets::default()
    }
}

#[test]
fn default_targets() {
    let t = ResponseTargets::default();
    assert_eq!(
        (
            t.default_hours,
            t.vip_hours,
            t.major_hours,
            t.ordinary_hours,
            t.small_hours
        ),
        (24, Some(4), Some(8), None, None)
    );
    assert!(t.by_marketplace.is_empty());
    assert!(t.validate().is_ok());
    let loaded: ResponseTargets = serde_json::from_str("{}").unwrap();
    assert_eq!(loaded, t);
}

#[test]
fn target_is_the_stricter_of_marketplace_and_tier() {
    let t = targets();
    assert_eq!(t.target_for(" AMAZON ", None), Duration::hours(12));
    assert_eq!(t.target_for("ebay", None), Duration::hours(48));
    assert_eq!(t.target_for("Shopify", None), Duration::hours(24));
    assert_eq!(
        t.target_for("Amazon", Some(ValueTier::Vip)),
        Duration::hours(4)
    );
    assert_eq!(
        t.target_for("Amazon", Some(ValueTier::Major)),
        Duration::hours(8)
    );
    assert_eq!(
        t.target_for("Amazon", Some(ValueTier::Ordinary)),
        Duration::hours(12)
    );
    let loose = ResponseTargets {
        vip_hours: Some(36),
        ..targets()
    };
    assert_eq!(
        loose.target_for("Amazon", Some(ValueTier::Vip)),
        Duration::hours(12)
    );
    assert_eq!(
        loose.target_for("eBay", Some(ValueTier::Vip)),
        Duration::hours(36)
    );
}

#[test]
fn validate_checks_ranges_and_names() {
    assert!(targets().validate().is_ok());
    let cases = [
        ResponseTargets {
            default_hours: 0,
            ..targets()
        },
        ResponseTargets {
            default_hours: 721,
            ..targets()
        },
        ResponseTargets {
            small_hours: Some(0),
            ..targets()
        },
        ResponseTargets {
            by_marketplace: vec![("Amazon".into(), 0)],
            ..targets()
        },
        ResponseTargets {
            by_marketplace: vec![(" ".into(), 5)],
            ..targets()
        },
        ResponseTargets {
            by_marketplace: vec![("Amazon".into(), 5), ("amazon ".into(), 6)],
            ..targets()
        },
    ];
    for case in cases {
        assert!(case.validate().is_err(), "{case:?}");
    }
    assert!(ResponseTargets {
        default_hours: 720,
        ordinary_hours: Some(1),
        ..targets()
    }
    .validate()
    .is_ok());
}

fn running_on(channel: &str, message_at: DateTime<Utc>) -> Complaint {
    let mut c = in_state(ComplaintState::InProgress);
    c.channel = channel.into();
    c.opened_at = at(2026, 3, 1, 0, 0);
    c.last_customer_message_at = message_at;
    c
}

#[test]
fn overdue_exactly_when_past_the_target() {
    let message = at(2026, 3, 1, 6, 0);
    let c = running_on("Amazon", message);
    let on_time = response_clock(&c, None, &targets(), message + Duration::hours(12));
    assert!(!on_time.overdue);
    assert_eq!(on_time.remaining, Some(Duration::zero()));
    assert_eq!(on_time.since_opened, Duration::hours(18));
    assert_eq!(on_time.since_customer_message, Duration::hours(12));
    let late = response_clock(
        &c,
        None,
        &targets(),
        message + Duration::hours(12) + Duration::minutes(1),
    );
    assert!(late.overdue);
    assert_eq!(late.remaining, Some(Duration::minutes(-1)));
    let vip = response_clock(
        &c,
        Some(ValueTier::Vip),
        &targets(),
        message + Duration::hours(5),
    );
    assert!(vip.overdue);
    assert_eq!(vip.target, Duration::hours(4));
}

#[test]
fn the_clock_pauses_while_waiting_and_stops_when_settled() {
    let message = at(2026, 3, 1, 6, 0);
    let much_later = message + Duration::days(10);
    for state in [
        ComplaintState::AwaitingCustomer,
        ComplaintState::Resolved,
        ComplaintState::Closed,
    ] {
        let mut c = running_on("Amazon", message);
        c.state = state;
        let clock = response_clock(&c, None, &targets(), much_later);
        assert_eq!(clock.remaining, None, "{state:?}");
        assert!(!clock.overdue, "{state:?}");
        assert_eq!(clock.since_customer_message, Duration::days(10));
    }
    let mut reopened = running_on("Amazon", message);
    reopened.state = ComplaintState::Reopened;
    assert!(response_clock(&reopened, None, &targets(), much_later).overdue);
}

// --- queue --------------------------------------------------------------

fn queued(id: &str, customer: &str, state: ComplaintState, hours_ago: i64) -> Complaint {
    let base = at(2026, 3, 10, 12, 0);
    let mut c = Complaint::open(
        id.into(),
        CustomerId(customer.into()),
        base - Duration::hours(hours_ago),
    );
    c.state = state;
    c.channel = "Shop".into();
    c.cause = Some(ComplaintCause::Logistics);
    c
}

fn tier_of(id: &CustomerId) -> Option<ValueTier> {
    match id.0.as_str() {
        "vip" => Some(ValueTier::Vip),
        "major" => Some(ValueTier::Major),
        "ordinary" => Some(ValueTier::Ordinary),
        _ => None,
    }
}

fn queue_ids(complaints: &[Complaint], filter: &QueueFilter) -> Vec<String> {
    complaint_queue(
        complaints,
        &tier_of,
        &ResponseTargets::default(),
        filter,
        at(2026, 3, 10, 12, 0),
    )
    .into_iter()
    .map(|e| e.complaint.id.clone())
    .collect()
}

fn sample_queue() -> Vec<Complaint> {
    use ComplaintState::*;
    let mut resolved_new = queued("resolved-new", "ordinary", Resolved, 100);
    resolved_new.updated_at = at(2026, 3, 10, 11, 0);
    let mut closed_old = queued("closed-old", "vip", Closed, 200);
    closed_old.updated_at = at(2026, 3, 9, 11, 0);
    let mut quality = queued("ord-quality", "ordinary", InProgress, 26);
    quality.cause = Some(ComplaintCause::ProductQuality);
    vec![
        closed_old,
        queued("ord-late-10h", "ordinary", InProgress, 34), // 24h target: 10h overdue
        queued("waiting", "ordinary", AwaitingCustomer, 90),
        queued("vip-fresh", "vip", Open, 1), // 4h target: 3h left
        resolved_new,
        queued("major-late-1h", "major", Reopened, 9), // 8h target: 1h overdue
        quality,                                       // 2h overdue
        queued("unknown-fresh", "nobody", Open, 2),    // 22h left
    ]
}

#[test]
fn queue_puts_key_customers_and_the_most_overdue_first() {
    assert_eq!(
        queue_ids(&sample_queue(), &QueueFilter::default()),
        [
            "major-late-1h",
            "vip-fresh",
            "ord-late-10h",
            "ord-quality",
            "unknown-fresh",
            "waiting",
            "resolved-new",
            "closed-old",
        ]
    );
}

#[test]
fn queue_ties_are_broken_by_opening_time_then_id() {
    let twins = vec![
        queued("b", "ordinary", ComplaintState::InProgress, 5),
        queued("a", "ordinary", ComplaintState::InProgress, 5),
        queued("c", "ordinary", ComplaintState::Resolved, 5),
        queued("d", "ordinary", ComplaintState::Closed, 6),
    ];
    // Same remaining time; among inactive the same updated_at, older first.
    let mut d_older = twins.clone();
    d_older[3].updated_at = d_older[2].updated_at;
    assert_eq!(
        queue_ids(&d_older, &QueueFilter::default()),
        ["a", "b", "d", "c"]
    );
}

#[test]
fn queue_filters_combine() {
    let complaints = sample_queue();
    let ids = |filter: QueueFilter| queue_ids(&complaints, &filter);
    assert_eq!(
        ids(QueueFilter {
            overdue_only: true,
            ..QueueFilter::default()
        }),
        ["major-late-1h", "ord-late-10h", "ord-quality"]
    );
    assert_eq!(
        ids(QueueFilter {
            tier: Some(ValueTier::Vip),
            ..QueueFilter::default()
        }),
        ["vip-fresh", "closed-old"]
    );
    assert_eq!(
        ids(QueueFilter {
            tier: Some(ValueTier::Vip),
            active_only: true,
            ..QueueFilter::default()
        }),
        ["vip-fresh"]
    );
    assert_eq!(
        ids(QueueFilter {
            cause: Some(ComplaintCause::ProductQuality),
            ..QueueFilter::default()
        }),
        ["ord-quality"]
    );
    assert_eq!(
        ids(QueueFilter {
            state: Some(ComplaintState::AwaitingCustomer),
            ..QueueFilter::default()
        }),
        ["waiting"]
    );
    assert_eq!(
        ids(QueueFilter {
            active_only: true,
            ..QueueFilter::default()
        })
        .len(),
        6
    );
    let entries = complaint_queue(
        &complaints,
        &tier_of,
        &ResponseTargets::default(),
        &QueueFilter::default(),
        at(2026, 3, 10, 12, 0),
    );
    let major = entries
        .iter()
        .find(|e| e.complaint.id == "major-late-1h")
        .unwrap();
    assert_eq!(major.tier, Some(ValueTier::Major));
    assert_eq!(major.clock.remaining, Some(Duration::hours(-1)));
}

// --- stats --------------------------------------------------------------

fn resolved_after(
    id: &str,
    opened: DateTime<Utc>,
    minutes: i64,
    satisfaction: Option<u8>,
) -> Complaint {
    let mut c = Complaint::open(id.into(), CustomerId("x".into()), opened);
    c.completed_step = Some(WizardStep::FollowUp);
    c.outcome = "done".into();
    c.satisfaction = satisfaction;
    let c = move_state(&c, ComplaintState::InProgress, opened).unwrap();
    move_state(
        &c,
        ComplaintState::Resolved,
        opened + Duration::minutes(minutes),
    )
    .unwrap()
}

#[test]
fn stats_count_by_cause_and_month() {
    let mut a = opened();
    a.cause = Some(ComplaintCause::Logistics);
    let mut b = Complaint::open("b".into(), CustomerId("y".into()), at(2026, 1, 31, 23, 0));
    b.cause = Some(ComplaintCause::Logistics);
    let mut c = Complaint::open("c".into(), CustomerId("y".into()), at(2025, 12, 5, 0, 0));
    c.cause = Some(ComplaintCause::PriceBilling);
    let d = Complaint::open("d".into(), CustomerId("y".into()), at(2026, 3, 30, 0, 0));
    let stats = complaint_stats(&[a, b, c, d]);
    assert_eq!(stats.total, 4);
    assert_eq!(
        stats.by_cause,
        ComplaintCause::ALL.map(|cause| (
            cause,
            match cause {
                ComplaintCause::Logistics => 2,
                ComplaintCause::PriceBilling => 1,
                _ => 0,
            }
        ))
    );
    assert_eq!(
        stats.by_month,
        [
            ("2025-12".to_string(), 1),
            ("2026-01".to_string(), 1),
            ("2026-03".to_string(), 2)
        ]
    );
    assert_eq!(stats.resolved, 0);
    assert_eq!(stats.median_minutes_to_resolve, None);
    assert_eq!(stats.first_contact_percent(), None);
    assert_eq!(stats.average_satisfaction_tenths(), None);
}

#[test]
fn median_time_to_resolve_odd_and_even() {
    let t = at(2026, 3, 1, 0, 0);
    let mut list = vec![
        resolved_after("a", t, 30, None),
        resolved_after("b", t, 90, None),
        resolved_after("c", t, 60, None),
        opened(),
    ];
    assert_eq!(complaint_stats(&list).median_minutes_to_resolve, Some(60));
    list.push(resolved_after("d", t, 121, None));
    // (60 + 90) / 2
    assert_eq!(complaint_stats(&list).median_minutes_to_resolve, Some(75));
    list.push(resolved_after("e", t, 1, None));
    assert_eq!(complaint_stats(&list).median_minutes_to_resolve, Some(60));
    list.push(resolved_after("f", t, 62, None));
    // Middle pair 60 and 62.
    assert_eq!(complaint_stats(&list).median_minutes_to_resolve, Some(61));
    list.pop();
    list.push(resolved_after("g", t, 61, None));
    // Middle pair 60 and 61: the half minute is dropped.
    assert_eq!(complaint_stats(&list).median_minutes_to_resolve, Some(60));
}

#[test]
fn first_contact_share_is_among_resolved() {
    let t = at(2026, 3, 1, 0, 0);
    let direct = resolved_after("a", t, 10, None);
    let also_direct = resolved_after("b", t, 20, None);
    let waited = {
        let c = move_state(&opened(), ComplaintState::AwaitingCustomer, t).unwrap();
        let mut c = move_state(&c, ComplaintState::InProgress, t).unwrap();
        c.completed_step = Some(WizardStep::FollowUp);
        c.outcome = "ok".into();
        move_state(&c, ComplaintState::Resolved, t + Duration::hours(1)).unwrap()
    };
    let stats = complaint_stats(&[direct, also_direct, waited, opened()]);
    assert_eq!((stats.resolved, stats.resolved_first_contact), (3, 2));
    assert_eq!(stats.first_contact_percent(), Some(67));
    let one_in_three = ComplaintStats {
        resolved: 3,
        resolved_first_contact: 1,
        ..stats.clone()
    };
    assert_eq!(one_in_three.first_contact_percent(), Some(33));
    let half = ComplaintStats {
        resolved: 8,
        resolved_first_contact: 1,
        ..stats
    };
    assert_eq!(half.first_contact_percent(), Some(13), "12.5 rounds up");
}

#[test]
fn average_satisfaction_counts_settled_complaints_only() {
    let t = at(2026, 3, 1, 0, 0);
    let mut open_rated = opened();
    open_rated.satisfaction = Some(1);
    let list = [
        resolved_after("a", t, 10, Some(5)),
        resolved_after("b", t, 10, Some(4)),
        resolved_after("c", t, 10, Some(4)),
        resolved_after("d", t, 10, None),
        open_rated,
    ];
    let stats = complaint_stats(&list);
    assert_eq!((stats.satisfaction_count, stats.satisfaction_sum), (3, 13));
    assert_eq!(stats.average_satisfaction_tenths(), Some(43));
    // 17 / 4 = 4.25 rounds half up to 4.3.
    let quarter = ComplaintStats {
        satisfaction_count: 4,
        satisfaction_sum: 17,
        ..stats.clone()
    };
    assert_eq!(quarter.average_satisfaction_tenths(), Some(43));
    let below = ComplaintStats {
        satisfaction_count: 3,
        satisfaction_sum: 14,
        ..stats
    };
    assert_eq!(below.average_satisfaction_tenths(), Some(47));
}

// --- properties ---------------------------------------------------------

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn field_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[-+() 0-9.,'$€¥A-Za-z]{0,16}",
            "[0-9+-]{1,7}-[0-9]{1,3}-[0-9]{1,3}(T[0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?)?",
            Just(String::new()),
        ]
    }

    fn valid_or_not(field: ComplaintField) -> BoxedStrategy<String> {
        let known: Vec<&'static str> = match field {
            ComplaintField::Temperament => Temperament::ALL.map(Temperament::code).to_vec(),
            ComplaintField::Cause => ComplaintCause::ALL.map(ComplaintCause::code).to_vec(),
            ComplaintField::Validity => Validity::ALL.map(Validity::code).to_vec(),
            ComplaintField::Remedy => RemedyKind::ALL.map(RemedyKind::code).to_vec(),
            ComplaintField::RemedyCurrency => vec!["EUR", "JPY", "KWD", "usd"],
            _ => vec!["x"],
        };
        prop_oneof![
            field_text(),
            proptest::sample::select(known).prop_map(str::to_owned)
        ]
        .boxed()
    }

    fn draft() -> impl Strategy<Value = ComplaintDraft> {
        ComplaintField::ALL
            .map(valid_or_not)
            .to_vec()
            .prop_map(|values| {
                let mut draft = ComplaintDraft::default();
                for (field, value) in ComplaintField::ALL.into_iter().zip(values) {
                    *draft.field_mut(field) = value;
                }
                draft
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn apply_step_never_panics(
            draft in draft(),
            step in proptest::sample::select(WizardStep::ALL.to_vec()),
            offset_seconds in -86_399i32..=86_399,
            now_seconds in 0i64..4_102_444_800,
        ) {
            let offset = FixedOffset::east_opt(offset_seconds).unwrap();
            let now = DateTime::from_timestamp(now_seconds, 0).unwrap();
            match apply_step(&opened(), &draft, step, now, offset) {
                Ok(c) => {
                    prop_assert_eq!(c.completed_step, Some(step));
                    let back = ComplaintDraft::from_complaint(&c, step, offset);
                    prop_assert_eq!(apply_step(&c, &back, step, now, offset).map(|x| x.completed_step), Ok(Some(step)));
                    if let Some(cost) = remedy_cost(&c, now.date_naive()) {
                        prop_assert!(cost.amount.minor > 0);
                    }
                }
                Err(errors) => {
                    prop_assert!(!errors.is_empty());
                    prop_assert!(errors.iter().all(|e| e.field.step() == step));
                }
            }
        }
    }
}

#[test]
fn the_targets_form_reads_tiers_and_marketplaces_and_rejects_nonsense() {
    let targets = ResponseTargets::from_form(" 24 ", ["4", "8", "", ""], "Amazon=12; eBay = 36")
        .expect("a valid form");
    assert_eq!(targets.default_hours, 24);
    assert_eq!(targets.vip_hours, Some(4));
    assert_eq!(targets.ordinary_hours, None);
    assert_eq!(
        targets.by_marketplace,
        vec![("Amazon".to_owned(), 12), ("eBay".to_owned(), 36)]
    );
    for default in ["", "0", "721", "1.5", "x"] {
        assert_eq!(
            ResponseTargets::from_form(default, ["", "", "", ""], ""),
            Err(TargetsFormError::Hours),
            "{default:?}"
        );
    }
    assert_eq!(
        ResponseTargets::from_form("24", ["", "", "0", ""], ""),
        Err(TargetsFormError::Hours)
    );
    for list in [
        "Amazon twelve",
        "=12",
        " =12",
        "Amazon=",
        "Amazon=0",
        "Amazon=12, amazon=8",
        "Ärger=2; ärger=3",
    ] {
        assert_eq!(
            ResponseTargets::from_form("24", ["", "", "", ""], list),
            Err(TargetsFormError::Marketplaces),
            "{list:?}"
        );
    }
}

#[test]
fn the_targets_form_reads_what_a_chinese_input_method_types() {
    let targets = ResponseTargets::from_form(
        "２４",
        ["４", "", "", ""],
        "Amazon＝12，eBay ＝ 24；京东＝８、淘宝=6",
    )
    .expect("full-width punctuation and digits are read as ASCII");
    assert_eq!(targets.default_hours, 24);
    assert_eq!(targets.vip_hours, Some(4));
    assert_eq!(
        targets.by_marketplace,
        vec![
            ("Amazon".to_owned(), 12),
            ("eBay".to_owned(), 24),
            ("京东".to_owned(), 8),
            ("淘宝".to_owned(), 6),
        ]
    );
    assert_eq!(
        ResponseTargets::from_form("24", ["", "", "", ""], "Amazon＝０"),
        Err(TargetsFormError::Marketplaces)
    );
}
