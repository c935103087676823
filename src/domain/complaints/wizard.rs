//! The complaint wizard: the form state per step, its validation and `apply_step`,
//! which writes a valid step into the complaint.

use super::*;
use crate::domain::customers::parse_iso_date;
use crate::domain::orders::{CurrencyCode, Money};
use crate::domain::shared::amounts::{parse_amount, DecimalStyle};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// The wizard's form state: exact text as typed (so nothing is lost while invalid).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ComplaintDraft {
    pub complaint_id: String,
    /// The step the rep is on.
    pub step: WizardStep,
    /// The complaint revision the draft was started from, to detect a concurrent save.
    pub revision_base: u32,
    pub customer_words: String,
    pub channel: String,
    pub order_ref: String,
    /// A [`Temperament`] code or "".
    pub temperament: String,
    pub complainant: String,
    pub cause: String,
    pub what_happened: String,
    /// YYYY-MM-DD or "".
    pub happened_on: String,
    pub product: String,
    pub purchased_on: String,
    pub usage: String,
    pub wanted_outcome: String,
    pub wanted_how: String,
    pub validity: String,
    pub validity_reason: String,
    pub remedy: String,
    /// "12.50" or "12,50".
    pub remedy_amount: String,
    pub remedy_currency: String,
    pub remedy_note: String,
    /// HTML datetime-local "2026-11-24T15:30" in the REP's local time.
    pub follow_up_at: String,
    pub outcome: String,
    /// "" or "1".."5".
    pub satisfaction: String,
}

impl ComplaintDraft {
    /// The form as it would look for the stored complaint, with times in the rep's offset.
    pub fn from_complaint(c: &Complaint, step: WizardStep, rep_offset: FixedOffset) -> Self {
        let date_text = |date: Option<NaiveDate>| {
            date.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let amount = c.remedy.as_ref().and_then(|r| r.amount);
        Self {
            complaint_id: c.id.clone(),
            step,
            revision_base: c.revision,
            customer_words: c.customer_words.clone(),
            channel: c.channel.clone(),
            order_ref: c.order_ref.clone(),
            temperament: c
                .temperament
                .map(|t| t.code().to_owned())
                .unwrap_or_default(),
            complainant: c.complainant.clone(),
            cause: c.cause.map(|x| x.code().to_owned()).unwrap_or_default(),
            what_happened: c.what_happened.clone(),
            happened_on: date_text(c.happened_on),
            product: c.product.clone(),
            purchased_on: date_text(c.purchased_on),
            usage: c.usage.clone(),
            wanted_outcome: c.wanted_outcome.clone(),
            wanted_how: c.wanted_how.clone(),
            validity: c.validity.map(|v| v.code().to_owned()).unwrap_or_default(),
            validity_reason: c.validity_reason.clone(),
            remedy: c
                .remedy
                .as_ref()
                .map(|r| r.kind.code().to_owned())
                .unwrap_or_default(),
            // The point form ("12.50") reads back unambiguously whatever the locale.
            remedy_amount: amount.map(|m| m.format_amount()).unwrap_or_default(),
            remedy_currency: amount
                .map(|m| m.currency.as_str().to_owned())
                .unwrap_or_default(),
            remedy_note: c
                .remedy
                .as_ref()
                .map(|r| r.note.clone())
                .unwrap_or_default(),
            follow_up_at: c
                .follow_up_at
                .map(|at| datetime_local_text(at, rep_offset))
                .unwrap_or_default(),
            outcome: c.outcome.clone(),
            satisfaction: c.satisfaction.map(|s| s.to_string()).unwrap_or_default(),
        }
    }

    /// The text of one form field, for inputs bound generically by [`ComplaintField`].
    pub fn field(&self, field: ComplaintField) -> &str {
        match field {
            ComplaintField::CustomerWords => &self.customer_words,
            ComplaintField::Channel => &self.channel,
            ComplaintField::OrderRef => &self.order_ref,
            ComplaintField::Temperament => &self.temperament,
            ComplaintField::Complainant => &self.complainant,
            ComplaintField::Cause => &self.cause,
            ComplaintField::WhatHappened => &self.what_happened,
            ComplaintField::HappenedOn => &self.happened_on,
            ComplaintField::Product => &self.product,
            ComplaintField::PurchasedOn => &self.purchased_on,
            ComplaintField::Usage => &self.usage,
            ComplaintField::WantedOutcome => &self.wanted_outcome,
            ComplaintField::WantedHow => &self.wanted_how,
            ComplaintField::Validity => &self.validity,
            ComplaintField::ValidityReason => &self.validity_reason,
            ComplaintField::Remedy => &self.remedy,
            ComplaintField::RemedyAmount => &self.remedy_amount,
            ComplaintField::RemedyCurrency => &self.remedy_currency,
            ComplaintField::RemedyNote => &self.remedy_note,
            ComplaintField::FollowUpAt => &self.follow_up_at,
            ComplaintField::Outcome => &self.outcome,
            ComplaintField::Satisfaction => &self.satisfaction,
        }
    }

    pub fn field_mut(&mut self, field: ComplaintField) -> &mut String {
        match field {
            ComplaintField::CustomerWords => &mut self.customer_words,
            ComplaintField::Channel => &mut self.channel,
            ComplaintField::OrderRef => &mut self.order_ref,
            ComplaintField::Temperament => &mut self.temperament,
            ComplaintField::Complainant => &mut self.complainant,
            ComplaintField::Cause => &mut self.cause,
            ComplaintField::WhatHappened => &mut self.what_happened,
            ComplaintField::HappenedOn => &mut self.happened_on,
            ComplaintField::Product => &mut self.product,
            ComplaintField::PurchasedOn => &mut self.purchased_on,
            ComplaintField::Usage => &mut self.usage,
            ComplaintField::WantedOutcome => &mut self.wanted_outcome,
            ComplaintField::WantedHow => &mut self.wanted_how,
            ComplaintField::Validity => &mut self.validity,
            ComplaintField::ValidityReason => &mut self.validity_reason,
            ComplaintField::Remedy => &mut self.remedy,
            ComplaintField::RemedyAmount => &mut self.remedy_amount,
            ComplaintField::RemedyCurrency => &mut self.remedy_currency,
            ComplaintField::RemedyNote => &mut self.remedy_note,
            ComplaintField::FollowUpAt => &mut self.follow_up_at,
            ComplaintField::Outcome => &mut self.outcome,
            ComplaintField::Satisfaction => &mut self.satisfaction,
        }
    }
}

/// Seconds are shown only when present, so a minute-precision value keeps the
/// short form the browser's datetime-local input produces.
fn datetime_local_text(at: DateTime<Utc>, rep_offset: FixedOffset) -> String {
    let local = at.with_timezone(&rep_offset).naive_local();
    if local.second() == 0 {
        local.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        local.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

coded_enum! {
    /// One input of the wizard. Its code is also the suffix of the input's id in the UI.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ComplaintField {
        CustomerWords = "customer_words",
        Channel = "channel",
        OrderRef = "order_ref",
        Temperament = "temperament",
        Complainant = "complainant",
        Cause = "cause",
        WhatHappened = "what_happened",
        HappenedOn = "happened_on",
        Product = "product",
        PurchasedOn = "purchased_on",
        Usage = "usage",
        WantedOutcome = "wanted_outcome",
        WantedHow = "wanted_how",
        Validity = "validity",
        ValidityReason = "validity_reason",
        Remedy = "remedy",
        RemedyAmount = "remedy_amount",
        RemedyCurrency = "remedy_currency",
        RemedyNote = "remedy_note",
        FollowUpAt = "follow_up_at",
        Outcome = "outcome",
        Satisfaction = "satisfaction",
    }
}

impl ComplaintField {
    /// The wizard step whose form holds this field.
    pub fn step(self) -> WizardStep {
        match self {
            Self::CustomerWords | Self::Channel | Self::OrderRef | Self::Temperament => {
                WizardStep::Listen
            }
            Self::Complainant
            | Self::Cause
            | Self::WhatHappened
            | Self::HappenedOn
            | Self::Product
            | Self::PurchasedOn
            | Self::Usage
            | Self::WantedOutcome
            | Self::WantedHow
            | Self::Validity
            | Self::ValidityReason => WizardStep::Record,
            Self::Remedy | Self::RemedyAmount | Self::RemedyCurrency | Self::RemedyNote => {
                WizardStep::Remedy
            }
            Self::FollowUpAt | Self::Outcome | Self::Satisfaction => WizardStep::FollowUp,
        }
    }

    /// Longest accepted text in characters (for the input's `maxlength` too); `None`
    /// for choices, dates and numbers, whose shape is checked instead.
    pub fn max_len(self) -> Option<usize> {
        match self {
            Self::CustomerWords | Self::WhatHappened => Some(5000),
            Self::Channel | Self::OrderRef => Some(100),
            Self::Complainant | Self::Product => Some(200),
            Self::Usage
            | Self::WantedOutcome
            | Self::WantedHow
            | Self::ValidityReason
            | Self::RemedyNote
            | Self::Outcome => Some(2000),
            Self::Temperament
            | Self::Cause
            | Self::HappenedOn
            | Self::PurchasedOn
            | Self::Validity
            | Self::Remedy
            | Self::RemedyAmount
            | Self::RemedyCurrency
            | Self::FollowUpAt
            | Self::Satisfaction => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepProblem {
    Required,
    TooLong {
        max: usize,
    },
    /// Not a YYYY-MM-DD date, or no such day on the calendar.
    DateShape,
    DateInFuture,
    PurchaseAfterIncident,
    AmountShape,
    AmountNotPositive,
    CurrencyCode,
    AmountNotAllowed,
    DateTimeShape,
    SatisfactionRange,
    UnknownChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StepError {
    pub field: ComplaintField,
    pub problem: StepProblem,
}

/// Collects every problem of a step so the rep can fix them in one pass.
#[derive(Default)]
struct StepChecker {
    errors: Vec<StepError>,
}

impl StepChecker {
    fn fail(&mut self, field: ComplaintField, problem: StepProblem) {
        self.errors.push(StepError { field, problem });
    }

    fn text(&mut self, field: ComplaintField, raw: &str, required: bool) -> String {
        let text = raw.trim();
        if text.is_empty() {
            if required {
                self.fail(field, StepProblem::Required);
            }
        } else if let Some(max) = field.max_len() {
            if text.chars().count() > max {
                self.fail(field, StepProblem::TooLong { max });
            }
        }
        text.to_owned()
    }

    fn required_choice<T>(
        &mut self,
        field: ComplaintField,
        raw: &str,
        from_code: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let code = raw.trim();
        if code.is_empty() {
            self.fail(field, StepProblem::Required);
            return None;
        }
        let choice = from_code(code);
        if choice.is_none() {
            self.fail(field, StepProblem::UnknownChoice);
        }
        choice
    }

    /// An optional calendar date that cannot lie after `today`.
    fn past_date(
        &mut self,
        field: ComplaintField,
        raw: &str,
        today: NaiveDate,
    ) -> Option<NaiveDate> {
        let text = raw.trim();
        if text.is_empty() {
            return None;
        }
        match parse_iso_date(text) {
            Ok(date) if date > today => {
                self.fail(field, StepProblem::DateInFuture);
                None
            }
            Ok(date) => Some(date),
            Err(_) => {
                self.fail(field, StepProblem::DateShape);
                None
            }
        }
    }

    /// `amount_text` is non-empty here.
    fn money(&mut self, amount_text: &str, currency_text: &str) -> Option<Money> {
        let currency = if currency_text.is_empty() {
            self.fail(ComplaintField::RemedyCurrency, StepProblem::Required);
            None
        } else {
            let parsed = CurrencyCode::parse(currency_text);
            if parsed.is_none() {
                self.fail(ComplaintField::RemedyCurrency, StepProblem::CurrencyCode);
            }
            parsed
        };
        // Without a currency the amount's shape is still worth reporting now; the
        // most permissive precision avoids a false alarm that the currency may lift.
        let digits = currency.map_or(MAX_MINOR_DIGITS, |code| code.minor_digits());
        // `parse_amount` skips a currency code next to the number; one that
        // contradicts the chosen currency ("12.50 USD" booked as EUR) is a mistake.
        let letters: String = amount_text.chars().filter(|c| c.is_alphabetic()).collect();
        let names_other_currency = currency.is_some_and(|code| {
            !letters.is_empty() && !letters.eq_ignore_ascii_case(code.as_str())
        });
        if names_other_currency {
            self.fail(ComplaintField::RemedyAmount, StepProblem::AmountShape);
            return None;
        }
        match parse_amount(amount_text, decimal_style_for(amount_text, digits), digits) {
            Ok(minor) if minor > 0 => currency.map(|code| Money::new(minor, code)),
            Ok(_) => {
                self.fail(ComplaintField::RemedyAmount, StepProblem::AmountNotPositive);
                None
            }
            Err(_) => {
                self.fail(ComplaintField::RemedyAmount, StepProblem::AmountShape);
                None
            }
        }
    }
}

/// The most minor digits any currency we know has (the three-decimal dinars).
const MAX_MINOR_DIGITS: u32 = 3;

/// `parse_amount`'s automatic reading takes a lone separator before exactly three
/// digits as a thousands separator ("1,250" = 1250), which suits amounts in
/// two- and zero-decimal currencies whichever separator the rep's locale uses. For
/// the three-decimal currencies that reading would book a thousand times the
/// amount (1.250 KWD), so there a lone separator is the decimal one.
fn decimal_style_for(amount_text: &str, digits: u32) -> DecimalStyle {
    if digits == MAX_MINOR_DIGITS {
        match (
            amount_text.matches('.').count(),
            amount_text.matches(',').count(),
        ) {
            (1, 0) => return DecimalStyle::Point,
            (0, 1) => return DecimalStyle::Comma,
            _ => {}
        }
    }
    DecimalStyle::Auto
}

/// Reads the browser's datetime-local value (with or without seconds) as the rep's
/// wall-clock time.
fn parse_rep_datetime(text: &str, rep_offset: FixedOffset) -> Option<DateTime<Utc>> {
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Some(local.checked_sub_offset(rep_offset)?.and_utc())
}

/// Validates the fields of ONE step of the draft and writes them into a copy of the complaint.
/// Returns every problem of that step at once (not just the first). On success: completed_step = max(old, step),
/// updated_at = now; completing Listen while state is Open moves the state to InProgress (with a history entry).
///
/// Dates "not in the future" are judged against today in the rep's offset, the
/// calendar the rep is looking at.
pub fn apply_step(
    c: &Complaint,
    draft: &ComplaintDraft,
    step: WizardStep,
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Result<Complaint, Vec<StepError>> {
    let mut check = StepChecker::default();
    let mut next = c.clone();
    match step {
        WizardStep::Listen => read_listen(&mut check, draft, &mut next),
        WizardStep::Record => {
            let today = now.with_timezone(&rep_offset).date_naive();
            read_record(&mut check, draft, today, &mut next);
        }
        WizardStep::Remedy => read_remedy(&mut check, draft, &mut next),
        WizardStep::FollowUp => read_follow_up(&mut check, draft, rep_offset, &mut next),
    }
    if !check.errors.is_empty() {
        return Err(check.errors);
    }
    next.completed_step = next.completed_step.max(Some(step));
    next.updated_at = now;
    if step == WizardStep::Listen && next.state == ComplaintState::Open {
        record_move(&mut next, ComplaintState::InProgress, now);
    }
    Ok(next)
}

fn read_listen(check: &mut StepChecker, draft: &ComplaintDraft, into: &mut Complaint) {
    use ComplaintField as F;
    into.customer_words = check.text(F::CustomerWords, &draft.customer_words, true);
    into.channel = check.text(F::Channel, &draft.channel, true);
    into.order_ref = check.text(F::OrderRef, &draft.order_ref, false);
    into.temperament =
        check.required_choice(F::Temperament, &draft.temperament, Temperament::from_code);
}

fn read_record(
    check: &mut StepChecker,
    draft: &ComplaintDraft,
    today: NaiveDate,
    into: &mut Complaint,
) {
    use ComplaintField as F;
    into.complainant = check.text(F::Complainant, &draft.complainant, true);
    into.cause = check.required_choice(F::Cause, &draft.cause, ComplaintCause::from_code);
    into.what_happened = check.text(F::WhatHappened, &draft.what_happened, true);
    into.happened_on = check.past_date(F::HappenedOn, &draft.happened_on, today);
    into.product = check.text(F::Product, &draft.product, false);
    into.purchased_on = check.past_date(F::PurchasedOn, &draft.purchased_on, today);
    if let (Some(purchased), Some(happened)) = (into.purchased_on, into.happened_on) {
        if purchased > happened {
            check.fail(F::PurchasedOn, StepProblem::PurchaseAfterIncident);
        }
    }
    into.usage = check.text(F::Usage, &draft.usage, false);
    into.wanted_outcome = check.text(F::WantedOutcome, &draft.wanted_outcome, true);
    into.wanted_how = check.text(F::WantedHow, &draft.wanted_how, false);
    into.validity = check.required_choice(F::Validity, &draft.validity, Validity::from_code);
    into.validity_reason = check.text(F::ValidityReason, &draft.validity_reason, true);
}

fn read_remedy(check: &mut StepChecker, draft: &ComplaintDraft, into: &mut Complaint) {
    use ComplaintField as F;
    let kind = check.required_choice(F::Remedy, &draft.remedy, RemedyKind::from_code);
    let amount_text = draft.remedy_amount.trim();
    // The currency is only read alongside an amount: a currency left selected
    // after switching to an apology must not block the step.
    let currency_text = draft.remedy_currency.trim();
    let amount = match kind {
        Some(kind) if !kind.allows_amount() => {
            if !amount_text.is_empty() {
                check.fail(F::RemedyAmount, StepProblem::AmountNotAllowed);
            }
            None
        }
        Some(kind) if amount_text.is_empty() => {
            if kind.requires_amount() {
                check.fail(F::RemedyAmount, StepProblem::Required);
            }
            None
        }
        _ if amount_text.is_empty() => None,
        _ => check.money(amount_text, currency_text),
    };
    let note = check.text(F::RemedyNote, &draft.remedy_note, false);
    into.remedy = kind.map(|kind| Remedy { kind, amount, note });
}

fn read_follow_up(
    check: &mut StepChecker,
    draft: &ComplaintDraft,
    rep_offset: FixedOffset,
    into: &mut Complaint,
) {
    use ComplaintField as F;
    let follow_up_text = draft.follow_up_at.trim();
    into.follow_up_at = if follow_up_text.is_empty() {
        check.fail(F::FollowUpAt, StepProblem::Required);
        None
    } else {
        let parsed = parse_rep_datetime(follow_up_text, rep_offset);
        if parsed.is_none() {
            check.fail(F::FollowUpAt, StepProblem::DateTimeShape);
        }
        parsed
    };
    into.outcome = check.text(F::Outcome, &draft.outcome, false);
    let satisfaction_text = draft.satisfaction.trim();
    into.satisfaction = if satisfaction_text.is_empty() {
        None
    } else {
        match satisfaction_text.parse::<u8>() {
            Ok(score) if (1..=5).contains(&score) => Some(score),
            _ => {
                check.fail(F::Satisfaction, StepProblem::SatisfactionRange);
                None
            }
        }
    };
}
