//! Customer records: create, save, move along the customer flow, delete and undo.
//! Every write is revision-checked by the store; the caller shows what came back.

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::domain::customers::{apply_offer, Customer, CustomerId, OfferReason, StageOffer};
use crate::domain::customers::{plan_stage_move, RelationshipStage, StageMoveError};
use crate::domain::orders::Order;
use crate::storage::{CustomerStore, DeletedCustomer, OrderStore, StoreError};

/// Why a stage move was not saved: the flow forbids it, or storage refused it.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StageActionError {
    #[error(transparent)]
    Rule(StageMoveError),
    #[error(transparent)]
    Store(StoreError),
}

pub async fn create_customer<S: CustomerStore>(
    store: &S,
    customer: Customer,
) -> Result<Customer, StoreError> {
    store.insert_customer(&customer).await?;
    Ok(customer)
}

/// Saves edits made on top of `customer.revision`; returns the stored record.
pub async fn save_customer<S: CustomerStore>(
    store: &S,
    customer: &Customer,
) -> Result<Customer, StoreError> {
    store.save_customer(customer).await
}

/// Moves `current` (the record the rep is looking at) to `to`, recording why. The
/// save is based on `current`'s revision, so a move made on a record another tab
/// has changed since is refused rather than silently applied to newer data.
pub async fn move_stage<S: CustomerStore>(
    store: &S,
    current: &Customer,
    to: RelationshipStage,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Customer, StageActionError> {
    let change = plan_stage_move(current.stage, to, reason, now).map_err(StageActionError::Rule)?;
    let mut moved = current.clone();
    moved.stage = to;
    moved.stage_history.push(change);
    moved.updated_at = now;
    store
        .save_customer(&moved)
        .await
        .map_err(StageActionError::Store)
}

/// Removes the customer and everything that belongs to them in one step; what comes
/// back is exactly what [`undo_delete`] needs to put it all back.
pub async fn delete_customer<S: CustomerStore>(
    store: &S,
    id: &CustomerId,
) -> Result<DeletedCustomer, StoreError> {
    store.delete_customer(id).await
}

pub async fn undo_delete<S: CustomerStore>(
    store: &S,
    deleted: &DeletedCustomer,
) -> Result<(), StoreError> {
    store.undo_delete(deleted).await
}

/// The customer's orders, newest first (ties by order id, so the order is stable).
pub async fn orders_newest_first<S: OrderStore>(
    store: &S,
    id: &CustomerId,
) -> Result<Vec<Order>, StoreError> {
    let mut orders = store.orders_for_customer(id).await?;
    orders.sort_by(|a, b| b.placed_on.cmp(&a.placed_on).then_with(|| a.id.cmp(&b.id)));
    Ok(orders)
}

/// Applies the reviewed stage offers of an import in ONE transaction, each based on
/// the record the rep reviewed (`current`): all or nothing, and refused whole if
/// any of them was changed since. Returns the records as stored.
pub async fn apply_stage_offers<S: CustomerStore>(
    store: &S,
    current: &[Customer],
    offers: &[StageOffer],
    reason: &dyn Fn(OfferReason) -> String,
    now: DateTime<Utc>,
) -> Result<Vec<Customer>, StageActionError> {
    let moved = offers
        .iter()
        .map(|offer| {
            let customer = current
                .iter()
                .find(|c| c.id == offer.customer)
                .ok_or_else(|| {
                    StageActionError::Store(StoreError::NotFound(offer.customer.clone()))
                })?;
            apply_offer(customer, offer, reason, now).map_err(StageActionError::Rule)
        })
        .collect::<Result<Vec<Customer>, StageActionError>>()?;
    store
        .import_customers(&[], &moved)
        .await
        .map_err(StageActionError::Store)
}
