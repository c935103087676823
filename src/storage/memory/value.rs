//! Customer value: cost-to-serve entries and tier changes.

use super::MemoryStore;
use crate::domain::orders::CostEntry;
use crate::domain::value::TierChange;
use crate::storage::{StoreError, ValueStore};

impl ValueStore for MemoryStore {
    async fn load_costs(&self) -> Result<Vec<CostEntry>, StoreError> {
        Ok(self.costs.borrow().values().cloned().collect())
    }

    async fn put_costs(&self, costs: &[CostEntry]) -> Result<(), StoreError> {
        let mut stored = self.costs.borrow_mut();
        for c in costs {
            stored.insert(c.id.clone(), c.clone());
        }
        self.mark(costs);
        Ok(())
    }

    async fn load_tier_changes(&self) -> Result<Vec<TierChange>, StoreError> {
        Ok(self.tier_changes.borrow().values().cloned().collect())
    }

    async fn put_tier_changes(&self, changes: &[TierChange]) -> Result<(), StoreError> {
        let mut stored = self.tier_changes.borrow_mut();
        for c in changes {
            stored.insert(c.id.clone(), c.clone());
        }
        self.mark(changes);
        Ok(())
    }
}
