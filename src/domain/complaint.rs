//! Complaint handling: the complaint card, its state machine, the four-step handling
//! wizard (listen, record and judge, remedy, follow up), response-time targets, the
//! prioritised queue, statistics by cause and ready-to-copy acknowledgements.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, Timelike, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::customers::parse_iso_date;
use crate::domain::customers::CustomerId;
use crate::domain::order_import::{parse_amount, DecimalStyle};
use crate::domain::orders::{CostEntry, CostKind, CurrencyCode, Money};
use crate::domain::value::ValueTier;

// ---------------------------------------------------------------------------
// Choices
// ---------------------------------------------------------------------------

coded_enum! {
    /// The three kinds of difficult complainant, each calling for its own stance.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Temperament {
        /// Upset and venting: stay calm, let them speak, promise a satisfying solution.
        Emotional = "emotional",
        /// Insists on their own view: show understanding, explain the options patiently.
        Stubborn = "stubborn",
        /// Has collected evidence, may escalate: careful wording, no loose commitments.
        Prepared = "prepared",
    }
}

coded_enum! {
    /// What the complaint is about; statistics by cause feed product and process fixes.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ComplaintCause {
        ProductQuality = "product_quality",
        ServiceAttitude = "service_attitude",
        /// Exaggerated advertising, hidden conditions.
        Misleading = "misleading",
        /// Late, lost or damaged shipments.
        Logistics = "logistics",
        PriceBilling = "price_billing",
        /// After-sale service refused.
        AfterSale = "after_sale",
    }
}

coded_enum! {
    /// The rep's judgement of whether the complaint is justified.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Validity {
        Valid = "valid",
        Partly = "partly",
        NotValid = "not_valid",
    }
}

coded_enum! {
    /// What the company offers to settle the complaint.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum RemedyKind {
        Refund = "refund",
        /// Partial refund or discount.
        PartialRefund = "partial_refund",
        Replacement = "replacement",
        Resend = "resend",
        Repair = "repair",
        Coupon = "coupon",
        Apology = "apology",
        Compensation = "compensation",
    }
}

impl RemedyKind {
    /// Remedies that are money by nature cannot be recorded without their amount.
    pub fn requires_amount(self) -> bool {
        matches!(
            self,
            Self::Refund | Self::PartialRefund | Self::Coupon | Self::Compensation
        )
    }

    /// Goods-based remedies may carry what they cost us (a replacement, the
    /// resend's shipping); an apology costs nothing.
    pub fn allows_amount(self) -> bool {
        self != Self::Apology
    }
}

// ---------------------------------------------------------------------------
// State machine
// ---------------------------------------------------------------------------

coded_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ComplaintState {
        Open = "open",
        InProgress = "in_progress",
        AwaitingCustomer = "awaiting_customer",
        Resolved = "resolved",
        Closed = "closed",
        Reopened = "reopened",
    }
}

impl ComplaintState {
    /// The moves a rep (or the customer writing again) may make from this state.
    /// Nothing leads back to `Open`: once touched, a complaint is being handled, and
    /// a settled one comes back as `Reopened` so the history shows it failed once.
    pub fn allowed_moves(self) -> &'static [ComplaintState] {
        use ComplaintState::*;
        match self {
            Open => &[InProgress, AwaitingCustomer, Resolved, Closed],
            InProgress => &[AwaitingCustomer, Resolved, Closed],
            AwaitingCustomer => &[InProgress, Resolved, Closed],
            Resolved => &[Closed, Reopened],
            Closed => &[Reopened],
            Reopened => &[InProgress, AwaitingCustomer, Resolved, Closed],
        }
    }

    pub fn can_move_to(self, to: ComplaintState) -> bool {
        self.allowed_moves().contains(&to)
    }

    /// Still needs work from us or the customer.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            Self::Open | Self::InProgress | Self::AwaitingCustomer | Self::Reopened
        )
    }
}

/// One recorded move between states. The history is append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintStateChange {
    pub from: ComplaintState,
    pub to: ComplaintState,
    pub at: DateTime<Utc>,
}

coded_enum! {
    /// The handling wizard's steps, in handling order.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
    )]
    #[serde(rename_all = "snake_case")]
    pub enum WizardStep {
        /// Let the customer vent; acknowledge and empathise.
        #[default]
        Listen = "listen",
        /// Record the key points and judge whether the complaint is valid.
        Record = "record",
        /// Propose a remedy the customer accepts.
        Remedy = "remedy",
        /// Confirm the customer is satisfied.
        FollowUp = "follow_up",
    }
}

impl WizardStep {
    /// 1-based, as shown to the rep ("step 2 of 4").
    pub fn number(self) -> u8 {
        match self {
            Self::Listen => 1,
            Self::Record => 2,
            Self::Remedy => 3,
            Self::FollowUp => 4,
        }
    }

    pub fn next(self) -> Option<Self> {
        match self {
            Self::Listen => Some(Self::Record),
            Self::Record => Some(Self::Remedy),
            Self::Remedy => Some(Self::FollowUp),
            Self::FollowUp => None,
        }
    }

    pub fn previous(self) -> Option<Self> {
        match self {
            Self::Listen => None,
            Self::Record => Some(Self::Listen),
            Self::Remedy => Some(Self::Record),
            Self::FollowUp => Some(Self::Remedy),
        }
    }
}

// ---------------------------------------------------------------------------
// The complaint card
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remedy {
    pub kind: RemedyKind,
    /// What the remedy costs us (always positive); `None` for an apology or when the
    /// cost of a goods-based remedy is not known.
    #[serde(default)]
    pub amount: Option<Money>,
    #[serde(default)]
    pub note: String,
}

/// One complaint of one customer. Text fields hold trimmed text; empty means "not
/// given".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    pub id: String,
    pub customer_id: CustomerId,
    pub state: ComplaintState,
    /// Append-only.
    #[serde(default)]
    pub history: Vec<ComplaintStateChange>,
    pub opened_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The response clock runs from here: a new message from the customer restarts it.
    pub last_customer_message_at: DateTime<Utc>,
    /// When the complaint was last resolved; cleared when it is reopened.
    #[serde(default)]
    pub resolved_at: Option<DateTime<Utc>>,
    /// Furthest wizard step the rep has completed (None = nothing saved yet).
    #[serde(default)]
    pub completed_step: Option<WizardStep>,

    // Step 1, listen.
    /// The customer's own words, kept verbatim as evidence.
    #[serde(default)]
    pub customer_words: String,
    /// Marketplace the complaint came through, e.g. "Amazon".
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub order_ref: String,
    #[serde(default)]
    pub temperament: Option<Temperament>,

    // Step 2, record and judge.
    /// Who is complaining (may differ from the customer on record, e.g. the recipient).
    #[serde(default)]
    pub complainant: String,
    #[serde(default)]
    pub cause: Option<ComplaintCause>,
    #[serde(default)]
    pub what_happened: String,
    #[serde(default)]
    pub happened_on: Option<NaiveDate>,
    #[serde(default)]
    pub product: String,
    #[serde(default)]
    pub purchased_on: Option<NaiveDate>,
    /// How the product was used, which often decides validity.
    #[serde(default)]
    pub usage: String,
    #[serde(default)]
    pub wanted_outcome: String,
    #[serde(default)]
    pub wanted_how: String,
    #[serde(default)]
    pub validity: Option<Validity>,
    #[serde(default)]
    pub validity_reason: String,

    // Step 3, remedy.
    #[serde(default)]
    pub remedy: Option<Remedy>,

    // Step 4, follow up.
    #[serde(default)]
    pub follow_up_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub outcome: String,
    /// 1..=5, as the customer rated the handling.
    #[serde(default)]
    pub satisfaction: Option<u8>,

    /// Counts successful saves, for the storage layer's stale-write check.
    #[serde(default)]
    pub revision: u32,
}

impl Complaint {
    /// A new complaint in state Open, opened and last customer message at `now`, history empty.
    pub fn open(id: String, customer_id: CustomerId, now: DateTime<Utc>) -> Self {
        Self {
            id,
            customer_id,
            state: ComplaintState::Open,
            history: Vec::new(),
            opened_at: now,
            updated_at: now,
            last_customer_message_at: now,
            resolved_at: None,
            completed_step: None,
            customer_words: String::new(),
            channel: String::new(),
            order_ref: String::new(),
            temperament: None,
            complainant: String::new(),
            cause: None,
            what_happened: String::new(),
            happened_on: None,
            product: String::new(),
            purchased_on: None,
            usage: String::new(),
            wanted_outcome: String::new(),
            wanted_how: String::new(),
            validity: None,
            validity_reason: String::new(),
            remedy: None,
            follow_up_at: None,
            outcome: String::new(),
            satisfaction: None,
            revision: 0,
        }
    }

    /// True when the complaint never waited on the customer and was never reopened, and is Resolved/Closed.
    pub fn resolved_at_first_contact(&self) -> bool {
        matches!(
            self.state,
            ComplaintState::Resolved | ComplaintState::Closed
        ) && !self.history.iter().any(|change| {
            matches!(
                change.to,
                ComplaintState::AwaitingCustomer | ComplaintState::Reopened
            )
        })
    }
}

#[derive(Error, Debug, Clone, PartialEq, Eq)]
pub enum ComplaintError {
    #[error("a complaint cannot move from {from:?} to {to:?}")]
    IllegalMove {
        from: ComplaintState,
        to: ComplaintState,
    },
    #[error("finish the earlier steps first")]
    StepsIncomplete,
    #[error("record the outcome before resolving")]
    OutcomeMissing,
}

/// Moves the state, appending to history and setting updated_at; Resolved sets resolved_at, Reopened clears it.
/// Resolving requires completed_step >= Remedy and a non-empty outcome (OutcomeMissing / StepsIncomplete).
pub fn move_state(
    c: &Complaint,
    to: ComplaintState,
    now: DateTime<Utc>,
) -> Result<Complaint, ComplaintError> {
    if !c.state.can_move_to(to) {
        return Err(ComplaintError::IllegalMove { from: c.state, to });
    }
    if to == ComplaintState::Resolved {
        if c.completed_step < Some(WizardStep::Remedy) {
            return Err(ComplaintError::StepsIncomplete);
        }
        if c.outcome.trim().is_empty() {
            return Err(ComplaintError::OutcomeMissing);
        }
    }
    let mut moved = c.clone();
    record_move(&mut moved, to, now);
    Ok(moved)
}

/// The customer wrote again: last_customer_message_at = now; if AwaitingCustomer, moves to InProgress; if Resolved/Closed, moves to Reopened.
pub fn customer_wrote(c: &Complaint, now: DateTime<Utc>) -> Complaint {
    let mut next = c.clone();
    next.last_customer_message_at = now;
    next.updated_at = now;
    match c.state {
        ComplaintState::AwaitingCustomer => record_move(&mut next, ComplaintState::InProgress, now),
        ComplaintState::Resolved | ComplaintState::Closed => {
            record_move(&mut next, ComplaintState::Reopened, now)
        }
        ComplaintState::Open | ComplaintState::InProgress | ComplaintState::Reopened => {}
    }
    next
}

/// Applies a move already known to be legal, so internal callers need no `Result`.
fn record_move(c: &mut Complaint, to: ComplaintState, now: DateTime<Utc>) {
    c.history.push(ComplaintStateChange {
        from: c.state,
        to,
        at: now,
    });
    c.state = to;
    c.updated_at = now;
    match to {
        ComplaintState::Resolved => c.resolved_at = Some(now),
        ComplaintState::Reopened => c.resolved_at = None,
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Wizard form state and validation
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Cost to serve
// ---------------------------------------------------------------------------

/// Cost to serve booked for the remedy: None without a remedy amount (Apology, or none given).
/// The id is derived from the complaint so booking again replaces rather than duplicates.
pub fn remedy_cost(c: &Complaint, on: NaiveDate) -> Option<CostEntry> {
    let remedy = c.remedy.as_ref()?;
    let amount = remedy.amount.filter(|money| money.minor > 0)?;
    if !remedy.kind.allows_amount() {
        return None;
    }
    let kind = match remedy.kind {
        RemedyKind::Compensation | RemedyKind::Coupon => CostKind::Compensation,
        _ => CostKind::ComplaintHandling,
    };
    let note = if c.order_ref.is_empty() {
        format!("complaint remedy: {}", remedy.kind.code())
    } else {
        format!(
            "complaint remedy: {} (order {})",
            remedy.kind.code(),
            c.order_ref
        )
    };
    Some(CostEntry {
        id: format!("complaint:{}", c.id),
        customer_id: c.customer_id.clone(),
        on,
        kind,
        amount,
        note,
    })
}

// ---------------------------------------------------------------------------
// Response targets and the response clock
// ---------------------------------------------------------------------------

/// Response targets in hours: per marketplace (matched case-insensitively, trimmed), default otherwise; per tier (None = no tier-specific target).
/// The effective target is the MIN of the marketplace/default target and the tier target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResponseTargets {
    pub default_hours: u32,
    pub by_marketplace: Vec<(String, u32)>,
    pub vip_hours: Option<u32>,
    pub major_hours: Option<u32>,
    pub ordinary_hours: Option<u32>,
    pub small_hours: Option<u32>,
}

impl Default for ResponseTargets {
    /// Key customers get priority and speed; marketplaces' own deadlines are for
    /// the rep to add.
    fn default() -> Self {
        Self {
            default_hours: 24,
            by_marketplace: Vec::new(),
            vip_hours: Some(4),
            major_hours: Some(8),
            ordinary_hours: None,
            small_hours: None,
        }
    }
}

/// A month: long enough for any marketplace's deadline, short enough to catch a typo.
const MAX_TARGET_HOURS: u32 = 720;

impl ResponseTargets {
    pub fn target_for(&self, marketplace: &str, tier: Option<ValueTier>) -> Duration {
        let marketplace = marketplace.trim().to_lowercase();
        let channel_hours = self
            .by_marketplace
            .iter()
            .find(|(name, _)| name.trim().to_lowercase() == marketplace)
            .map_or(self.default_hours, |(_, hours)| *hours);
        let tier_hours = tier.and_then(|tier| self.tier_hours(tier));
        let hours = tier_hours.map_or(channel_hours, |tier_hours| tier_hours.min(channel_hours));
        Duration::hours(i64::from(hours))
    }

    pub fn tier_hours(&self, tier: ValueTier) -> Option<u32> {
        match tier {
            ValueTier::Vip => self.vip_hours,
            ValueTier::Major => self.major_hours,
            ValueTier::Ordinary => self.ordinary_hours,
            ValueTier::Small => self.small_hours,
        }
    }

    /// Every hours value must lie in 1..=720; marketplace names must be non-empty
    /// and distinct (ignoring case), or one of two entries would silently never apply.
    pub fn validate(&self) -> Result<(), String> {
        let in_range = |hours: u32| (1..=MAX_TARGET_HOURS).contains(&hours);
        if !in_range(self.default_hours) {
            return Err(format!(
                "the default response target must be between 1 and {MAX_TARGET_HOURS} hours"
            ));
        }
        for (tier, hours) in ValueTier::ALL.map(|tier| (tier, self.tier_hours(tier))) {
            if let Some(hours) = hours {
                if !in_range(hours) {
                    return Err(format!(
                        "the {} response target must be between 1 and {MAX_TARGET_HOURS} hours",
                        tier.code()
                    ));
                }
            }
        }
        let mut seen: Vec<String> = Vec::new();
        for (name, hours) in &self.by_marketplace {
            let key = name.trim().to_lowercase();
            if key.is_empty() {
                return Err("a marketplace response target needs the marketplace's name".into());
            }
            if !in_range(*hours) {
                return Err(format!(
                    "the response target for {} must be between 1 and {MAX_TARGET_HOURS} hours",
                    name.trim()
                ));
            }
            if seen.contains(&key) {
                return Err(format!("{} has more than one response target", name.trim()));
            }
            seen.push(key);
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseClock {
    pub since_opened: Duration,
    pub since_customer_message: Duration,
    pub target: Duration,
    /// None when the clock is paused (AwaitingCustomer) or stopped (Resolved/Closed);
    /// negative when overdue.
    pub remaining: Option<Duration>,
    pub overdue: bool,
}

/// The clock runs from `last_customer_message_at` while the complaint waits on us.
pub fn response_clock(
    c: &Complaint,
    tier: Option<ValueTier>,
    targets: &ResponseTargets,
    now: DateTime<Utc>,
) -> ResponseClock {
    let since_customer_message = now - c.last_customer_message_at;
    let target = targets.target_for(&c.channel, tier);
    let running = c.state.is_active() && c.state != ComplaintState::AwaitingCustomer;
    let remaining = if running {
        target.checked_sub(&since_customer_message)
    } else {
        None
    };
    ResponseClock {
        since_opened: now - c.opened_at,
        since_customer_message,
        target,
        remaining,
        overdue: running && since_customer_message > target,
    }
}

// ---------------------------------------------------------------------------
// Queue
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueFilter {
    pub state: Option<ComplaintState>,
    pub cause: Option<ComplaintCause>,
    pub tier: Option<ValueTier>,
    pub overdue_only: bool,
    pub active_only: bool,
}

impl QueueFilter {
    fn accepts(&self, entry: &QueueEntry<'_>) -> bool {
        let c = entry.complaint;
        self.state.is_none_or(|state| c.state == state)
            && self.cause.is_none_or(|cause| c.cause == Some(cause))
            && self.tier.is_none_or(|tier| entry.tier == Some(tier))
            && (!self.overdue_only || entry.clock.overdue)
            && (!self.active_only || c.state.is_active())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry<'a> {
    pub complaint: &'a Complaint,
    pub tier: Option<ValueTier>,
    pub clock: ResponseClock,
}

fn is_key_customer(tier: Option<ValueTier>) -> bool {
    matches!(tier, Some(ValueTier::Vip | ValueTier::Major))
}

fn queue_order(a: &QueueEntry<'_>, b: &QueueEntry<'_>) -> Ordering {
    let a_active = a.complaint.state.is_active();
    let b_active = b.complaint.state.is_active();
    let by_urgency = if a_active && b_active {
        // A paused clock (awaiting the customer) needs nothing from us yet: last.
        let remaining_key = |e: &QueueEntry<'_>| (e.clock.remaining.is_none(), e.clock.remaining);
        is_key_customer(b.tier)
            .cmp(&is_key_customer(a.tier))
            .then_with(|| remaining_key(a).cmp(&remaining_key(b)))
    } else {
        b.complaint.updated_at.cmp(&a.complaint.updated_at)
    };
    b_active
        .cmp(&a_active)
        .then(by_urgency)
        .then_with(|| a.complaint.opened_at.cmp(&b.complaint.opened_at))
        .then_with(|| a.complaint.id.cmp(&b.complaint.id))
}

/// Filters and orders the queue: active before inactive; among active, key customers (Vip, Major) first, then by remaining time ascending (most overdue first); inactive newest-updated first. Ties by opened_at then id (deterministic).
pub fn complaint_queue<'a>(
    complaints: &'a [Complaint],
    tier_of: &dyn Fn(&CustomerId) -> Option<ValueTier>,
    targets: &ResponseTargets,
    filter: &QueueFilter,
    now: DateTime<Utc>,
) -> Vec<QueueEntry<'a>> {
    let mut entries: Vec<QueueEntry<'a>> = complaints
        .iter()
        .map(|complaint| {
            let tier = tier_of(&complaint.customer_id);
            QueueEntry {
                complaint,
                tier,
                clock: response_clock(complaint, tier, targets, now),
            }
        })
        .filter(|entry| filter.accepts(entry))
        .collect();
    entries.sort_by(queue_order);
    entries
}

// ---------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComplaintStats {
    pub total: usize,
    /// Every cause in `ComplaintCause::ALL` order, zeros included.
    pub by_cause: Vec<(ComplaintCause, usize)>,
    /// "YYYY-MM" of opened_at, ascending, only months that have complaints.
    pub by_month: Vec<(String, usize)>,
    /// Complaints with a `resolved_at` (resolved and not reopened since).
    pub resolved: usize,
    /// Over complaints with resolved_at; even count -> mean of the two middle values (integer division).
    pub median_minutes_to_resolve: Option<i64>,
    /// Among resolved.
    pub resolved_first_contact: usize,
    /// Over resolved/closed complaints with a satisfaction.
    pub satisfaction_count: usize,
    pub satisfaction_sum: u32,
}

impl ComplaintStats {
    /// Average satisfaction in tenths (43 for 4.3), rounded half up.
    pub fn average_satisfaction_tenths(&self) -> Option<u32> {
        let count = u64::try_from(self.satisfaction_count)
            .ok()
            .filter(|&n| n > 0)?;
        let rounded = (u64::from(self.satisfaction_sum) * 20 + count) / (2 * count);
        u32::try_from(rounded).ok()
    }

    /// Share of resolved complaints settled at first contact, in whole percent.
    pub fn first_contact_percent(&self) -> Option<u32> {
        let resolved = u64::try_from(self.resolved).ok().filter(|&n| n > 0)?;
        let first = u64::try_from(self.resolved_first_contact).ok()?;
        u32::try_from((first * 200 + resolved) / (2 * resolved)).ok()
    }
}

pub fn complaint_stats(complaints: &[Complaint]) -> ComplaintStats {
    let mut by_cause: Vec<(ComplaintCause, usize)> = ComplaintCause::ALL
        .iter()
        .map(|&cause| (cause, 0))
        .collect();
    let mut by_month: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    let mut minutes_to_resolve: Vec<i64> = Vec::new();
    let mut stats = ComplaintStats {
        total: complaints.len(),
        ..ComplaintStats::default()
    };
    for c in complaints {
        if let Some(cause) = c.cause {
            if let Some(slot) = by_cause.iter_mut().find(|(known, _)| *known == cause) {
                slot.1 += 1;
            }
        }
        *by_month
            .entry((c.opened_at.year(), c.opened_at.month()))
            .or_insert(0) += 1;
        if let Some(resolved_at) = c.resolved_at {
            stats.resolved += 1;
            minutes_to_resolve.push((resolved_at - c.opened_at).num_minutes());
            if c.resolved_at_first_contact() {
                stats.resolved_first_contact += 1;
            }
        }
        if let (Some(score), ComplaintState::Resolved | ComplaintState::Closed) =
            (c.satisfaction, c.state)
        {
            stats.satisfaction_count += 1;
            stats.satisfaction_sum = stats.satisfaction_sum.saturating_add(u32::from(score));
        }
    }
    stats.by_cause = by_cause;
    stats.by_month = by_month
        .into_iter()
        .map(|((year, month), count)| (format!("{year:04}-{month:02}"), count))
        .collect();
    stats.median_minutes_to_resolve = median(&mut minutes_to_resolve);
    stats
}

fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    let middle = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => values.get(middle).copied(),
        _ => {
            let (low, high) = (*values.get(middle - 1)?, *values.get(middle)?);
            // i128 so two extreme values cannot overflow while averaging.
            i64::try_from((i128::from(low) + i128::from(high)) / 2).ok()
        }
    }
}

// ---------------------------------------------------------------------------
// Acknowledgement texts
// ---------------------------------------------------------------------------

/// A short acknowledgement the rep can copy as step 1's reply, in the BUYER's language (BCP 47 tag: match the primary subtag
/// en, es, fr, de, pt, ru, ja, it; anything else -> English) adapted to the temperament (emotional: empathy + promise of a solution;
/// stubborn: understanding + will explain options; prepared: careful, factual wording, no loose commitments).
pub fn acknowledgement(
    temperament: Temperament,
    buyer_language: &str,
    buyer_name: &str,
    order_ref: &str,
) -> String {
    let name = buyer_name.trim();
    let order_ref = order_ref.trim();
    let primary = buyer_language
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let order_mention = |prefix: &str, suffix: &str| {
        if order_ref.is_empty() {
            String::new()
        } else {
            format!("{prefix}{order_ref}{suffix}")
        }
    };
    use Temperament::*;
    let (greeting, body) = match primary.as_str() {
        "es" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Hola, ", ":", "Hola:");
            let body = match temperament {
                Emotional => format!("Lamento sinceramente lo ocurrido con su pedido{order} y entiendo perfectamente lo frustrante que resulta. Gracias por contarnos todo con detalle. Me encargo personalmente de su caso y le propondré una solución que le resulte satisfactoria."),
                Stubborn => format!("Gracias por explicarnos lo sucedido con su pedido{order}; entiendo su punto de vista. Voy a revisarlo con atención y después le explicaré con calma las opciones que podemos ofrecerle y cómo funciona cada una."),
                Prepared => format!("Gracias por su mensaje sobre su pedido{order}. Hemos registrado los datos que nos ha facilitado y los estamos revisando cuidadosamente junto con el historial del pedido. Le escribiremos con el resultado de la revisión y las opciones disponibles en cuanto esta concluya."),
            };
            (greeting, body)
        }
        "fr" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Bonjour ", ",", "Bonjour,");
            let body = match temperament {
                Emotional => format!("Nous sommes sincèrement désolés pour ce qui s'est passé avec votre commande{order} et comprenons tout à fait votre frustration. Merci de nous avoir tout expliqué en détail. Je m'occupe personnellement de votre dossier et reviens vers vous avec une solution qui vous donnera satisfaction."),
                Stubborn => format!("Merci de nous avoir expliqué la situation concernant votre commande{order} ; je comprends votre point de vue. Je vais examiner votre demande attentivement, puis je vous présenterai calmement les options possibles et leur déroulement."),
                Prepared => format!("Nous vous remercions de votre message concernant votre commande{order}. Les informations que vous nous avez transmises ont été enregistrées et sont examinées attentivement au regard des données de la commande. Nous vous communiquerons par écrit nos conclusions et les options disponibles à l'issue de cet examen."),
            };
            (greeting, body)
        }
        "de" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Guten Tag ", ",", "Guten Tag,");
            let body = match temperament {
                Emotional => format!("es tut uns aufrichtig leid, was bei Ihrer Bestellung{order} schiefgelaufen ist, und wir verstehen gut, wie ärgerlich das für Sie ist. Vielen Dank, dass Sie uns alles so genau geschildert haben. Ich kümmere mich persönlich darum und melde mich mit einer Lösung bei Ihnen, mit der Sie zufrieden sein werden."),
                Stubborn => format!("danke, dass Sie uns die Situation bei Ihrer Bestellung{order} erklärt haben; ich kann Ihre Sichtweise gut nachvollziehen. Ich prüfe den Fall sorgfältig und erläutere Ihnen anschließend in Ruhe, welche Möglichkeiten wir Ihnen anbieten können und wie sie jeweils ablaufen."),
                Prepared => format!("vielen Dank für Ihre Nachricht zu Ihrer Bestellung{order}. Wir haben Ihre Angaben aufgenommen und prüfen sie sorgfältig anhand der Bestelldaten. Sobald die Prüfung abgeschlossen ist, informieren wir Sie schriftlich über das Ergebnis und die möglichen Optionen."),
            };
            (greeting, body)
        }
        "pt" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Olá, ", ".", "Olá.");
            let body = match temperament {
                Emotional => format!("Lamentamos sinceramente o que aconteceu com o seu pedido{order} e entendemos perfeitamente a sua frustração. Obrigado por nos contar tudo em detalhe. Vou cuidar pessoalmente do seu caso e retornarei com uma solução que atenda às suas expectativas."),
                Stubborn => format!("Obrigado por explicar a situação do seu pedido{order}; entendo o seu ponto de vista. Vou analisar o caso com atenção e, em seguida, explicarei com calma as opções que podemos oferecer e como cada uma funciona."),
                Prepared => format!("Agradecemos a sua mensagem sobre o seu pedido{order}. Registramos as informações fornecidas e estamos analisando-as cuidadosamente junto com os dados do pedido. Assim que a análise for concluída, informaremos por escrito o resultado e as opções disponíveis."),
            };
            (greeting, body)
        }
        "ru" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Здравствуйте, ", "!", "Здравствуйте!");
            let body = match temperament {
                Emotional => format!("Нам искренне жаль, что так вышло с вашим заказом{order}, и мы прекрасно понимаем ваше недовольство. Спасибо, что подробно всё рассказали. Я лично займусь вашим вопросом и вернусь к вам с решением, которое вас устроит."),
                Stubborn => format!("Спасибо, что объяснили ситуацию с заказом{order}; я понимаю вашу точку зрения. Я внимательно всё проверю, а затем спокойно расскажу, какие варианты мы можем предложить и как работает каждый из них."),
                Prepared => format!("Благодарим вас за обращение по заказу{order}. Мы зафиксировали предоставленные вами сведения и тщательно сверяем их с данными заказа. По завершении проверки мы письменно сообщим вам её результаты и доступные варианты."),
            };
            (greeting, body)
        }
        "ja" => {
            let order = order_mention("（注文番号：", "）");
            let greeting = salute(name, "", "様", "お客様");
            let body = match temperament {
                Emotional => format!("この度はご注文{order}の件で大変ご不快な思いをおかけし、誠に申し訳ございません。詳しくお知らせいただき、ありがとうございます。責任を持って対応し、ご満足いただける解決策をご提案いたします。"),
                Stubborn => format!("ご注文{order}の件について詳しくご説明いただき、ありがとうございます。お客様のお考えはよく理解しております。内容を丁寧に確認したうえで、ご提案できる対応方法とそれぞれの流れを改めてご説明いたします。"),
                Prepared => format!("ご注文{order}に関するお問い合わせをいただき、ありがとうございます。いただいた内容は記録のうえ、注文情報と照らし合わせて慎重に確認しております。確認が完了しましたら、結果と可能な対応方法について書面でご連絡いたします。"),
            };
            (greeting, body)
        }
        "it" => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Gentile ", ",", "Gentile cliente,");
            let body = match temperament {
                Emotional => format!("ci dispiace sinceramente per quanto accaduto con il suo ordine{order} e comprendiamo bene la sua frustrazione. Grazie per averci raccontato tutto nei dettagli. Mi occupo personalmente del suo caso e le proporrò una soluzione che la soddisfi."),
                Stubborn => format!("grazie per averci spiegato la situazione relativa al suo ordine{order}; comprendo il suo punto di vista. Esaminerò il caso con attenzione e poi le illustrerò con calma le opzioni che possiamo offrirle e come funziona ciascuna."),
                Prepared => format!("la ringraziamo per il suo messaggio riguardante l'ordine{order}. Abbiamo registrato le informazioni fornite e le stiamo verificando attentamente con i dati dell'ordine. Al termine della verifica le comunicheremo per iscritto l'esito e le opzioni disponibili."),
            };
            (greeting, body)
        }
        _ => {
            let order = order_mention(" ", "");
            let greeting = salute(name, "Dear ", ",", "Hello,");
            let body = match temperament {
                Emotional => format!("I am truly sorry about what happened with your order{order}, and I completely understand how frustrating this must be. Thank you for telling us everything in detail. I am personally taking care of this and will come back to you with a solution you are happy with."),
                Stubborn => format!("Thank you for explaining the situation with your order{order}; I understand why you see it this way. I will look into it carefully and then walk you through the options we can offer and how each of them would work for you."),
                Prepared => format!("Thank you for your message regarding your order{order}. We have recorded the details you provided and are reviewing them carefully against the order records. Once the review is complete, we will write to you with our findings and the options available."),
            };
            (greeting, body)
        }
    };
    format!("{greeting}\n{body}")
}

/// The greeting line, with a polite fallback when the buyer's name is unknown.
fn salute(name: &str, before: &str, after: &str, without_name: &str) -> String {
    if name.is_empty() {
        without_name.to_owned()
    } else {
        format!("{before}{name}{after}")
    }
}

/// What is wrong with the response-targets form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetsFormError {
    /// An hours field is not a whole number from 1 to 720 (or the default is empty).
    Hours,
    /// The marketplace list is not "name=hours, …" with each name once.
    Marketplaces,
}

fn parse_target_hours(text: &str) -> Result<Option<u32>, TargetsFormError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(hours) if (1..=720).contains(&hours) => Ok(Some(hours)),
        _ => Err(TargetsFormError::Hours),
    }
}

impl ResponseTargets {
    /// Reads the targets form as typed: default hours (required), one field per tier
    /// (empty = no tier target) and "Amazon=12, eBay=24".
    pub fn from_form(
        default: &str,
        tiers: [&str; 4],
        marketplaces: &str,
    ) -> Result<ResponseTargets, TargetsFormError> {
        let default_hours = parse_target_hours(default)?.ok_or(TargetsFormError::Hours)?;
        let [vip_hours, major_hours, ordinary_hours, small_hours] = [
            parse_target_hours(tiers[0])?,
            parse_target_hours(tiers[1])?,
            parse_target_hours(tiers[2])?,
            parse_target_hours(tiers[3])?,
        ];
        let mut by_marketplace: Vec<(String, u32)> = Vec::new();
        for part in marketplaces.split([',', ';', '\n']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (name, hours) = part.split_once('=').ok_or(TargetsFormError::Marketplaces)?;
            let name = name.trim();
            let hours = parse_target_hours(hours).map_err(|_| TargetsFormError::Marketplaces)?;
            let duplicate = by_marketplace
                .iter()
                .any(|(seen, _)| seen.eq_ignore_ascii_case(name));
            match hours {
                Some(hours) if !name.is_empty() && !duplicate => {
                    by_marketplace.push((name.to_owned(), hours))
                }
                _ => return Err(TargetsFormError::Marketplaces),
            }
        }
        let targets = ResponseTargets {
            default_hours,
            by_marketplace,
            vip_hours,
            major_hours,
            ordinary_hours,
            small_hours,
        };
        // The domain's own rule has the last word.
        targets
            .validate()
            .map_err(|_| TargetsFormError::Marketplaces)?;
        Ok(targets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let reopened =
            move_state(&closed, ComplaintState::Reopened, at(2026, 3, 4, 10, 0)).unwrap();
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

    fn remedy_result(
        kind: &str,
        amount: &str,
        currency: &str,
    ) -> Result<Complaint, Vec<StepError>> {
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
        let west =
            apply_step(&opened(), &d, WizardStep::FollowUp, now(), offset_hours(-5)).unwrap();
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
            let c =
                apply_step(&opened(), &d, WizardStep::FollowUp, now(), offset_hours(0)).unwrap();
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

    // --- acknowledgement ----------------------------------------------------

    #[test]
    fn acknowledgements_name_the_buyer_and_order_in_their_language() {
        let languages = ["en", "es", "fr", "de", "pt", "ru", "ja", "it"];
        for temperament in Temperament::ALL {
            let texts: Vec<String> = languages
                .iter()
                .map(|lang| acknowledgement(temperament, lang, "Mika", "A-778"))
                .collect();
            for (lang, text) in languages.iter().zip(&texts) {
                assert!(text.contains("Mika"), "{lang} {temperament:?}: {text}");
                assert!(text.contains("A-778"), "{lang} {temperament:?}: {text}");
            }
            for (i, a) in texts.iter().enumerate() {
                for b in &texts[i + 1..] {
                    assert_ne!(a, b);
                }
            }
        }
    }

    #[test]
    fn acknowledgements_follow_the_primary_subtag_and_fall_back_to_english() {
        let english = acknowledgement(Temperament::Stubborn, "en", "Li", "9");
        assert_eq!(
            acknowledgement(Temperament::Stubborn, "zh-CN", "Li", "9"),
            english
        );
        assert_eq!(
            acknowledgement(Temperament::Stubborn, "", "Li", "9"),
            english
        );
        assert_eq!(
            acknowledgement(Temperament::Stubborn, "pt-BR", "Li", "9"),
            acknowledgement(Temperament::Stubborn, "pt", "Li", "9")
        );
        assert_eq!(
            acknowledgement(Temperament::Stubborn, "DE_at", "Li", "9"),
            acknowledgement(Temperament::Stubborn, "de", "Li", "9")
        );
        assert_ne!(
            acknowledgement(Temperament::Stubborn, "de", "Li", "9"),
            english
        );
    }

    #[test]
    fn acknowledgements_differ_by_temperament_and_cope_with_missing_details() {
        for lang in ["en", "es", "fr", "de", "pt", "ru", "ja", "it"] {
            let [a, b, c] = Temperament::ALL.map(|t| acknowledgement(t, lang, "Mika", ""));
            assert!(a != b && b != c && a != c, "{lang}");
            for text in [&a, &b, &c] {
                assert!(
                    !text.contains("  ")
                        && !text.contains("()")
                        && !text.contains("（注文番号：）"),
                    "{lang}: {text}"
                );
                assert!(text.contains("Mika"));
            }
            let anonymous = acknowledgement(Temperament::Emotional, lang, "  ", "");
            assert!(!anonymous.is_empty());
            assert!(
                !anonymous.contains(" ,") && !anonymous.contains(" :"),
                "{lang}: {anonymous}"
            );
        }
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
        let targets =
            ResponseTargets::from_form(" 24 ", ["4", "8", "", ""], "Amazon=12; eBay = 36")
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
        for list in ["Amazon twelve", "=12", "Amazon=0", "Amazon=12, amazon=8"] {
            assert_eq!(
                ResponseTargets::from_form("24", ["", "", "", ""], list),
                Err(TargetsFormError::Marketplaces),
                "{list:?}"
            );
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
