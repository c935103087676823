//! Customer value: what the analysis reads (orders as compact facts, costs, tier
//! history), booking a cost to serve, and recording tier movements.

use std::collections::HashMap;

use std::future::Future;

use chrono::NaiveDate;

use crate::domain::customers::CustomerId;
use crate::domain::orders::{CostEntry, OrderFacts};
use crate::domain::shared::sort::sort_stable_by_key;
use crate::domain::value::{
    abc_classes, assign_tiers, classification_inputs, latest_tiers, rfm_scores, Classification,
    TierChange, ValueError, ValueSettings, ValueSums, ValueTier,
};
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

/// Orders summed between two pauses: a million facts are summed in about a
/// quarter of a second here, so a tenth of them keeps each task near 25 ms.
pub const FACTS_PER_STEP: usize = 100_000;

/// [`classify`](crate::domain::value::classify), with a `pause` after every
/// `facts_per_step` orders (the page passes [`FACTS_PER_STEP`]) and between the
/// three sorts of every customer (tiers, ABC, RFM), so the page keeps painting
/// and answering keys while a million orders are analysed. The result is the
/// same as `classify`'s (same sums in the same order, same first error).
pub async fn classify_in_steps<P: Future<Output = ()>>(
    ids: Vec<CustomerId>,
    inputs: &ValueInputs,
    settings: &ValueSettings,
    today: NaiveDate,
    facts_per_step: usize,
    pause: impl Fn() -> P,
) -> Result<Classification, ValueError> {
    let (rates, period) = classification_inputs(&inputs.facts, settings)?;
    let mut sums = ValueSums::new(&ids, &rates, period);
    let mut start = 0;
    while start < inputs.facts.len() {
        let end = start.saturating_add(facts_per_step.max(1));
        sums.add_orders(inputs.facts.amounts(start..end))?;
        start = end;
        pause().await;
    }
    let values = sums.finish(&inputs.costs)?;
    // Each part sorts every customer: a task each.
    let ranking = assign_tiers(&values, settings.rank_by, settings.shares);
    pause().await;
    let abc = abc_classes(&values, settings.abc);
    pause().await;
    let rfm = rfm_scores(&values, today);
    Ok(Classification::from_parts(ids, values, ranking, abc, rfm))
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
