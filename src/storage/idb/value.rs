//! Customer value: cost-to-serve entries and tier changes.

use super::schema::{COSTS, TIER_CHANGES};
use super::IdbStore;
use crate::domain::orders::CostEntry;
use crate::domain::value::TierChange;
use crate::storage::{StoreError, ValueStore};

impl ValueStore for IdbStore {
    async fn load_costs(&self) -> Result<Vec<CostEntry>, StoreError> {
        self.read_all(COSTS).await
    }

    async fn put_costs(&self, costs: &[CostEntry]) -> Result<(), StoreError> {
        self.write_replicated(COSTS, costs).await
    }

    async fn load_tier_changes(&self) -> Result<Vec<TierChange>, StoreError> {
        self.read_all(TIER_CHANGES).await
    }

    async fn put_tier_changes(&self, changes: &[TierChange]) -> Result<(), StoreError> {
        self.write_replicated(TIER_CHANGES, changes).await
    }
}
