//! The contact log and follow-ups.

use chrono::{DateTime, Utc};

use crate::domain::contacts::{complete, Contact, FollowUp};
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
