//! Customer records: create, save, move along the customer flow, delete and undo.
//! Every write is revision-checked by the store; the caller shows what came back.

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::domain::contacts::{FollowUp, FollowUpKind};
use crate::domain::customers::{apply_offer, Customer, CustomerId, OfferReason, StageOffer};
use crate::domain::customers::{close_win_back_steps, plan_stage_move, LossCause};
use crate::domain::customers::{RelationshipStage, StageMoveError};
use crate::domain::orders::Order;
use crate::domain::shared::sort::sort_stable_by;
use crate::storage::{ContactStore, CustomerStore, DeletedCustomer, OrderStore, StoreError};

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

/// A stage move as the rep asked for it.
#[derive(Debug, Clone, PartialEq)]
pub struct StageMove {
    pub to: RelationshipStage,
    pub reason: String,
    /// Required for a move to Lost, refused on any other.
    pub loss_cause: Option<LossCause>,
    /// The win-back follow-ups the rep kept (see `domain::customers::plan_win_back`);
    /// only a move to Lost plans them, and only win-back steps of this customer.
    pub win_back: Vec<FollowUp>,
}

/// What a stage move saved.
#[derive(Debug, Clone, PartialEq)]
pub struct StageMoved {
    pub customer: Customer,
    /// The win-back follow-ups created with a move to Lost.
    pub planned: Vec<FollowUp>,
    /// The open win-back steps marked done by a move out of Lost (won back or
    /// given up).
    pub closed: Vec<FollowUp>,
}

/// Moves `current` (the record the rep is looking at) along the flow, recording why
/// (and, to Lost, the cause). A move to Lost creates the win-back plan; a move out
/// of Lost closes the customer's open win-back steps. The customer and those
/// follow-ups are saved in ONE transaction, based on `current`'s revision, so a move
/// made on a record another tab has changed since is refused, and writes nothing.
pub async fn move_stage<S: CustomerStore + ContactStore>(
    store: &S,
    current: &Customer,
    request: &StageMove,
    now: DateTime<Utc>,
) -> Result<StageMoved, StageActionError> {
    let change = plan_stage_move(
        current.stage,
        request.to,
        &request.reason,
        request.loss_cause,
        now,
    )
    .map_err(StageActionError::Rule)?;
    let planned: Vec<FollowUp> = if request.to == RelationshipStage::Lost {
        request
            .win_back
            .iter()
            .filter(|f| f.customer_id == current.id && f.kind == FollowUpKind::WinBack)
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    let closed = if current.stage == RelationshipStage::Lost {
        let all = store
            .load_follow_ups()
            .await
            .map_err(StageActionError::Store)?;
        close_win_back_steps(&all, &current.id, now)
    } else {
        Vec::new()
    };
    let mut moved = current.clone();
    moved.stage = request.to;
    moved.stage_history.push(change);
    moved.updated_at = now;
    let written: Vec<FollowUp> = planned.iter().chain(&closed).cloned().collect();
    let customer = store
        .save_customer_with_follow_ups(&moved, &written)
        .await
        .map_err(StageActionError::Store)?;
    Ok(StageMoved {
        customer,
        planned,
        closed,
    })
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
    sort_stable_by(&mut orders, |a, b| {
        b.placed_on.cmp(&a.placed_on).then_with(|| a.id.cmp(&b.id))
    });
    Ok(orders)
}

/// Applies the reviewed stage offers of an import in ONE transaction, each based on
/// the record the rep reviewed (`current`): all or nothing, and refused whole if
/// any of them was changed since. A lost buyer won back by the offer has their open
/// win-back steps closed in the same transaction. Returns the records as stored.
pub async fn apply_stage_offers<S: CustomerStore + ContactStore>(
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
    let won_back: Vec<&CustomerId> = offers
        .iter()
        .filter(|o| o.from == RelationshipStage::Lost)
        .map(|o| &o.customer)
        .collect();
    let closed: Vec<FollowUp> = if won_back.is_empty() {
        Vec::new()
    } else {
        let all = store
            .load_follow_ups()
            .await
            .map_err(StageActionError::Store)?;
        won_back
            .into_iter()
            .flat_map(|id| close_win_back_steps(&all, id, now))
            .collect()
    };
    store
        .save_customers_with_follow_ups(&moved, &closed)
        .await
        .map_err(StageActionError::Store)
}
