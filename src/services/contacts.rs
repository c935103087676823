//! The contact log and follow-ups.

use chrono::{DateTime, FixedOffset, Utc};

use crate::domain::contacts::edit_follow_up as domain_edit;
use crate::domain::contacts::{
    complete, report_week, reports_in_week, validate_report, validate_review, Contact,
    ContactError, FollowUp, FollowUpDraft, ReportDraft, ReportIds, RevisitReport,
};
use crate::domain::customers::Customer;
use crate::storage::{ContactStore, StoreError};

/// Logs a contact; the customer's last contact moves with it in the same
/// transaction. Returns the customer as stored now.
pub async fn log_contact<S: ContactStore>(
    store: &S,
    contact: &Contact,
) -> Result<Customer, StoreError> {
    store.log_contact(contact).await
}

/// Plans a follow-up, or replaces one (rescheduling).
pub async fn save_follow_up<S: ContactStore>(
    store: &S,
    follow_up: &FollowUp,
) -> Result<(), StoreError> {
    store.put_follow_up(follow_up).await
}

/// Marks the follow-up done now; returns it as saved.
pub async fn complete_follow_up<S: ContactStore>(
    store: &S,
    follow_up: &FollowUp,
    now: DateTime<Utc>,
) -> Result<FollowUp, StoreError> {
    let done = complete(follow_up, now);
    store.put_follow_up(&done).await?;
    Ok(done)
}

/// Why a follow-up edit, a revisit report or a review was not saved: fields to
/// correct (nothing was written), or storage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactActionError {
    #[error("{} fields need correcting", .0.len())]
    Invalid(Vec<ContactError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Saves `original` as edited (rescheduled or reassigned) in `draft`, in one
/// transaction; returns it as saved.
pub async fn edit_follow_up<S: ContactStore>(
    store: &S,
    original: &FollowUp,
    draft: &FollowUpDraft,
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Result<FollowUp, ContactActionError> {
    let edited =
        domain_edit(original, draft, now, rep_offset).map_err(ContactActionError::Invalid)?;
    store.put_follow_up(&edited).await?;
    Ok(edited)
}

/// A filed revisit report and the customer as stored after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiledReport {
    pub report: RevisitReport,
    pub customer: Customer,
}

/// Files the report on `follow_up`: checks it, then writes the follow-up done, the
/// contact, the last contact and the next follow-up in ONE transaction. A refused
/// report writes nothing.
pub async fn file_report<S: ContactStore>(
    store: &S,
    follow_up: &FollowUp,
    draft: &ReportDraft,
    ids: ReportIds,
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Result<FiledReport, ContactActionError> {
    let report = validate_report(draft, follow_up, ids, now, rep_offset)
        .map_err(ContactActionError::Invalid)?;
    let customer = store.record_report(&report).await?;
    Ok(FiledReport { report, customer })
}

/// The reports of the rep's current local week, newest first.
pub async fn reports_this_week<S: ContactStore>(
    store: &S,
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Result<Vec<Contact>, StoreError> {
    let Some((start, _)) = report_week(now, rep_offset) else {
        return Ok(Vec::new());
    };
    let since = store.reports_since(start).await?;
    Ok(reports_in_week(&since, now, rep_offset))
}

/// A team lead marks the report `contact_id` reviewed by `by` with an optional
/// comment; returns the contact as stored.
pub async fn review_report<S: ContactStore>(
    store: &S,
    contact_id: &str,
    by: &str,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<Contact, ContactActionError> {
    let review = validate_review(by, comment, now).map_err(ContactActionError::Invalid)?;
    Ok(store.review_report(contact_id, &review).await?)
}

/// The satisfaction scores of the revisit reports since `since`, dated by the
/// report: what the attention flags read besides the complaints.
pub async fn report_scores_since<S: ContactStore>(
    store: &S,
    since: DateTime<Utc>,
) -> Result<Vec<crate::domain::care::attention::Score>, StoreError> {
    Ok(store
        .reports_since(since)
        .await?
        .into_iter()
        .filter_map(|c| {
            c.satisfaction
                .map(|score| crate::domain::care::attention::Score {
                    customer: c.customer_id,
                    on: c.at.date_naive(),
                    score,
                })
        })
        .collect())
}
