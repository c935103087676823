//! Complaints through the four-step procedure: open one, resume the wizard where
//! the rep left it, save a step (booking the remedy's cost and planning the
//! follow-up contact with it), and move the complaint's state.

use chrono::{DateTime, FixedOffset, Utc};
use thiserror::Error;

use crate::domain::complaints::{apply_step, customer_wrote, move_state, remedy_cost};
use crate::domain::complaints::{Complaint, ComplaintDraft, ComplaintError, ComplaintState};
use crate::domain::complaints::{StepError, WizardStep};
use crate::domain::contacts::FollowUp;
use crate::domain::customers::CustomerId;
use crate::storage::{ComplaintStore, ContactStore, StoreError};

/// How long the planned after-complaint check is expected to take.
pub const FOLLOW_UP_MINUTES: u32 = 30;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ComplaintActionError {
    /// The step's fields have problems: every one of them, for the form to show.
    #[error("{} fields need attention", .0.len())]
    Invalid(Vec<StepError>),
    #[error(transparent)]
    Rule(ComplaintError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for ComplaintActionError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

/// Starts a complaint for the customer now: the response clock runs from `now`.
pub async fn open_complaint<S: ComplaintStore>(
    store: &S,
    id: String,
    customer: &CustomerId,
    now: DateTime<Utc>,
) -> Result<Complaint, StoreError> {
    let complaint = Complaint::open(id, customer.clone(), now);
    store.insert_complaint(&complaint).await?;
    Ok(complaint)
}

/// The wizard's draft to resume, and why the saved one could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ResumedDraft {
    pub draft: ComplaintDraft,
    pub error: Option<StoreError>,
}

/// The saved draft wins over the complaint: it holds what was typed last. Without
/// one the wizard opens on the step after the last completed one; when the saved
/// draft cannot be read, on the first step, with the error to show.
pub async fn resume_draft<S: ComplaintStore>(
    store: &S,
    complaint: &Complaint,
    rep_offset: FixedOffset,
) -> ResumedDraft {
    match store.load_complaint_draft(&complaint.id).await {
        Ok(Some(draft)) => ResumedDraft { draft, error: None },
        Ok(None) => {
            let step = complaint
                .completed_step
                .and_then(|s| s.next().or(Some(s)))
                .unwrap_or(WizardStep::Listen);
            ResumedDraft {
                draft: ComplaintDraft::from_complaint(complaint, step, rep_offset),
                error: None,
            }
        }
        Err(e) => ResumedDraft {
            draft: ComplaintDraft::from_complaint(complaint, WizardStep::Listen, rep_offset),
            error: Some(e),
        },
    }
}

/// Who saves a step, when, and in which words the planned follow-up is described.
#[derive(Debug, Clone, PartialEq)]
pub struct StepContext {
    pub now: DateTime<Utc>,
    /// The rep's UTC offset at the follow-up time they typed (dates are theirs).
    pub rep_offset: FixedOffset,
    pub rep: String,
    pub follow_up_purpose: String,
}

/// What saving a step did.
#[derive(Debug, Clone, PartialEq)]
pub struct StepSaved {
    pub complaint: Complaint,
    /// The remedy step booked its cost to serve with the complaint.
    pub cost_booked: bool,
    pub follow_up: FollowUpPlanned,
}

/// The after-complaint check is a second write: the complaint is saved even when
/// planning it fails, and the rep is told.
#[derive(Debug, Clone, PartialEq)]
pub enum FollowUpPlanned {
    NotThisStep,
    Planned(FollowUp),
    Failed(StoreError),
}

/// Validates the step on screen and writes it into the complaint, resolving it
/// when asked. The remedy step books the remedy's cost in the same transaction as
/// the complaint; the follow-up step puts the check on the follow-up board.
pub async fn save_wizard_step<S: ComplaintStore + ContactStore>(
    store: &S,
    current: &Complaint,
    draft: &ComplaintDraft,
    resolve: bool,
    context: &StepContext,
) -> Result<StepSaved, ComplaintActionError> {
    let step = draft.step;
    let now = context.now;
    let updated = apply_step(current, draft, step, now, context.rep_offset)
        .map_err(ComplaintActionError::Invalid)?;
    let updated = if resolve {
        move_state(&updated, ComplaintState::Resolved, now).map_err(ComplaintActionError::Rule)?
    } else {
        updated
    };
    let cost = (step == WizardStep::Remedy)
        .then(|| remedy_cost(&updated, now.date_naive()))
        .flatten();
    let saved = store.save_complaint(&updated, cost.as_ref()).await?;
    let follow_up = if step == WizardStep::FollowUp {
        match plan_complaint_follow_up(store, &saved, context).await {
            Ok(Some(planned)) => FollowUpPlanned::Planned(planned),
            Ok(None) => FollowUpPlanned::NotThisStep,
            Err(e) => FollowUpPlanned::Failed(e),
        }
    } else {
        FollowUpPlanned::NotThisStep
    };
    Ok(StepSaved {
        complaint: saved,
        cost_booked: cost.is_some(),
        follow_up,
    })
}

/// The id of a complaint's follow-up: one per complaint, so planning again moves it.
pub fn complaint_follow_up_id(complaint_id: &str) -> String {
    format!("complaint-follow-up:{complaint_id}")
}

/// Puts the complaint's follow-up date on the board (none without a date). A check
/// planned before keeps its creation time and whether it was done.
async fn plan_complaint_follow_up<S: ContactStore>(
    store: &S,
    complaint: &Complaint,
    context: &StepContext,
) -> Result<Option<FollowUp>, StoreError> {
    let Some(due_at) = complaint.follow_up_at else {
        return Ok(None);
    };
    let id = complaint_follow_up_id(&complaint.id);
    let existing = store
        .load_follow_ups()
        .await?
        .into_iter()
        .find(|f| f.id == id);
    let follow_up = FollowUp {
        id,
        customer_id: complaint.customer_id.clone(),
        rep: context.rep.clone(),
        due_at,
        duration_minutes: FOLLOW_UP_MINUTES,
        purpose: context.follow_up_purpose.clone(),
        complaint_id: Some(complaint.id.clone()),
        done_at: existing.as_ref().and_then(|f| f.done_at),
        created_at: existing.map_or(context.now, |f| f.created_at),
        talking_points: String::new(),
        materials: String::new(),
        kind: crate::domain::contacts::FollowUpKind::General,
    };
    store.put_follow_up(&follow_up).await?;
    Ok(Some(follow_up))
}

/// Moves the complaint to `to`, or (`None`) records that the customer wrote again,
/// which restarts the clock and reopens a closed complaint.
pub async fn change_state<S: ComplaintStore>(
    store: &S,
    current: &Complaint,
    to: Option<ComplaintState>,
    now: DateTime<Utc>,
) -> Result<Complaint, ComplaintActionError> {
    let moved = match to {
        Some(to) => move_state(current, to, now).map_err(ComplaintActionError::Rule)?,
        None => customer_wrote(current, now),
    };
    Ok(store.save_complaint(&moved, None).await?)
}
