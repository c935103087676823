//! The complaint card and its state machine: the choices (cause, validity, remedy
//! kind...), the states and the moves between them.

use crate::domain::customers::CustomerId;
use crate::domain::orders::Money;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

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
pub(super) fn record_move(c: &mut Complaint, to: ComplaintState, now: DateTime<Utc>) {
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
