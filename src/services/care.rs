//! The care calendar's use cases: which occasions a logged contact already
//! answered, and logging an occasion as done (with what Undo needs).

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::domain::care::occasions::CareAction;
use crate::domain::contacts::{Contact, Direction};
use crate::domain::customers::{Customer, CustomerId};
use crate::services::replies::SentReply;
use crate::storage::{ContactStore, StoreError};

/// The occasion keys already answered by a contact of these customers.
pub async fn done_occasions<S: ContactStore>(
    store: &S,
    customers: &[CustomerId],
) -> Result<HashSet<String>, StoreError> {
    let mut done = HashSet::new();
    for id in customers {
        for contact in store.contacts_for_customer(id).await? {
            if let Some(key) = contact.occasion {
                done.insert(key);
            }
        }
    }
    Ok(done)
}

/// An occasion taken care of, as the contact to log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccasionDone<'a> {
    pub customer: &'a Customer,
    pub occasion_key: &'a str,
    pub action: CareAction,
    pub rep: &'a str,
    /// What the occasion was, in the rep's words.
    pub summary: &'a str,
}

/// Logs the occasion on the timeline (channel from the action, the occasion's key
/// on the contact, so it is not offered again). Returns what Undo needs.
pub async fn log_occasion<S: ContactStore>(
    store: &S,
    done: &OccasionDone<'_>,
    now: DateTime<Utc>,
) -> Result<SentReply, StoreError> {
    let contact = Contact {
        id: uuid::Uuid::new_v4().to_string(),
        customer_id: done.customer.id.clone(),
        at: now,
        channel: done.action.channel(),
        direction: Direction::Outbound,
        rep: done.rep.trim().to_owned(),
        summary: done.summary.to_owned(),
        outcome: String::new(),
        next_step: String::new(),
        complaint_id: None,
        satisfaction: None,
        follow_up_id: None,
        review: None,
        occasion: Some(done.occasion_key.to_owned()),
    };
    let customer = store.log_contact(&contact).await?;
    Ok(SentReply {
        contact,
        previous_last_contact: done.customer.last_contact_at,
        customer,
    })
}
