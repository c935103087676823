//! After an orders import: customers whose orders imply a later stage are offered
//! as one batch for the rep to review (a first order makes a first-time buyer, a
//! second a repeat buyer, an order after a loss a won-back repeat buyer). Offered,
//! not applied: the flow model is the rep's judgement, and an import can be wrong.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::customers::{
    plan_stage_move, Customer, CustomerId, RelationshipStage, StageChange, StageMoveError,
};

/// What a customer's orders amount to (cancelled orders left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderSummary {
    pub orders: u32,
    pub last_order: NaiveDate,
}

/// Why a move is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferReason {
    /// At least one order on file.
    FirstOrder { orders: u32 },
    /// At least two orders on file.
    SecondOrder { orders: u32 },
    /// An order placed after the customer was recorded as lost.
    OrderedAfterLoss { on: NaiveDate },
}

/// One offered move: the stages it passes through, in order (a prospect with two
/// orders passes first-time buyer on the way to repeat buyer, as the flow model
/// climbs one step at a time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageOffer {
    pub customer: CustomerId,
    pub from: RelationshipStage,
    pub steps: Vec<(RelationshipStage, OfferReason)>,
}

impl StageOffer {
    pub fn to(&self) -> RelationshipStage {
        self.steps.last().map_or(self.from, |(stage, _)| *stage)
    }
}

/// The moves the orders imply for `customers`, in the order given. Loyal buyers,
/// non-customers (given up on purpose) and buyers already where their orders put
/// them are left out.
pub fn stage_offers<'a>(
    customers: impl Iterator<Item = &'a Customer>,
    orders: &HashMap<CustomerId, OrderSummary>,
) -> Vec<StageOffer> {
    use RelationshipStage::*;
    customers
        .filter_map(|c| {
            let summary = orders.get(&c.id)?;
            let first = OfferReason::FirstOrder {
                orders: summary.orders,
            };
            let second = OfferReason::SecondOrder {
                orders: summary.orders,
            };
            let steps = match c.stage {
                Potential | Target if summary.orders >= 2 => {
                    vec![(FirstTime, first), (Repeat, second)]
                }
                Potential | Target if summary.orders >= 1 => vec![(FirstTime, first)],
                FirstTime if summary.orders >= 2 => vec![(Repeat, second)],
                Lost => {
                    let lost_on = c
                        .stage_history
                        .iter()
                        .rev()
                        .find(|h| h.to == Lost)
                        .map(|h| h.at.date_naive())?;
                    if summary.last_order <= lost_on {
                        return None;
                    }
                    vec![(
                        Repeat,
                        OfferReason::OrderedAfterLoss {
                            on: summary.last_order,
                        },
                    )]
                }
                _ => return None,
            };
            Some(StageOffer {
                customer: c.id.clone(),
                from: c.stage,
                steps,
            })
        })
        .collect()
}

/// `customer` moved through the offer's steps, each with its reason as the rep's
/// language words it (`reason`), dated `now`. Refused if the customer has moved
/// since the offer was made.
pub fn apply_offer(
    customer: &Customer,
    offer: &StageOffer,
    reason: &dyn Fn(OfferReason) -> String,
    now: DateTime<Utc>,
) -> Result<Customer, StageMoveError> {
    if customer.stage != offer.from {
        return Err(StageMoveError::NotAllowed {
            from: customer.stage,
            to: offer.to(),
        });
    }
    let mut moved = customer.clone();
    let mut at = moved.stage;
    let planned: Result<Vec<StageChange>, StageMoveError> = offer
        .steps
        .iter()
        .map(|&(to, why)| {
            let change = plan_stage_move(at, to, &reason(why), now)?;
            at = to;
            Ok(change)
        })
        .collect();
    moved.stage_history.extend(planned?);
    moved.stage = offer.to();
    moved.updated_at = now;
    Ok(moved)
}
