//! Customer value: what the analysis reads (orders as compact facts, costs, tier
//! history), booking a cost to serve, and recording tier movements.

use std::collections::HashMap;

use crate::domain::customers::CustomerId;
use crate::domain::orders::{CostEntry, OrderFacts};
use crate::domain::shared::sort::sort_stable_by_key;
use crate::domain::value::{latest_tiers, TierChange, ValueTier};
use crate::storage::{OrderStore, StoreError, ValueStore};

/// What the value analysis computes from. The tier history is read on its own
/// ([`tier_changes`]): recording tiers must not read a million orders again.
#[derive(Debug, Clone, Default)]
pub struct ValueInputs {
    pub facts: OrderFacts,
    pub costs: Vec<CostEntry>,
}

/// Every order as compact facts (grouped by customer), then the costs. The store
/// keeps the facts beside the orders; `progress(orders_read)` runs only when it has
/// to build them from the orders (the first start after an upgrade).
pub async fn load_value_inputs<S: OrderStore + ValueStore>(
    store: &S,
    progress: &dyn Fn(usize),
) -> Result<ValueInputs, StoreError> {
    Ok(ValueInputs {
        facts: store.load_order_facts(progress).await?,
        costs: store.load_costs().await?,
    })
}

/// Every recorded tier movement.
pub async fn tier_changes<S: ValueStore>(store: &S) -> Result<Vec<TierChange>, StoreError> {
    store.load_tier_changes().await
}

/// Books a cost to serve on a customer; the value analysis picks it up.
pub async fn add_cost<S: ValueStore>(store: &S, entry: &CostEntry) -> Result<(), StoreError> {
    store.put_costs(std::slice::from_ref(entry)).await
}

/// Records the planned tier movements; returns every customer's latest tier after
/// them, as stored.
pub async fn record_tier_changes<S: ValueStore>(
    store: &S,
    changes: &[TierChange],
) -> Result<HashMap<CustomerId, ValueTier>, StoreError> {
    store.put_tier_changes(changes).await?;
    Ok(latest_tiers(&store.load_tier_changes().await?))
}

/// One customer's tier movements, newest first.
pub async fn tier_history<S: ValueStore>(
    store: &S,
    id: &CustomerId,
) -> Result<Vec<TierChange>, StoreError> {
    let mut mine: Vec<TierChange> = store
        .load_tier_changes()
        .await?
        .into_iter()
        .filter(|c| &c.customer_id == id)
        .collect();
    sort_stable_by_key(&mut mine, |c| std::cmp::Reverse(c.at));
    Ok(mine)
}

/// One customer's costs to serve, newest first.
pub async fn costs_of<S: ValueStore>(
    store: &S,
    id: &CustomerId,
) -> Result<Vec<CostEntry>, StoreError> {
    let mut mine: Vec<CostEntry> = store
        .load_costs()
        .await?
        .into_iter()
        .filter(|c| &c.customer_id == id)
        .collect();
    sort_stable_by_key(&mut mine, |c| std::cmp::Reverse(c.on));
    Ok(mine)
}
