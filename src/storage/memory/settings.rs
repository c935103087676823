//! Small JSON settings, one entry per key.

use super::MemoryStore;
use crate::storage::{SettingsStore, StoreError};

impl SettingsStore for MemoryStore {
    async fn load_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.settings.borrow().get(key).cloned())
    }

    async fn save_setting(&self, key: &str, json: &str) -> Result<(), StoreError> {
        self.settings
            .borrow_mut()
            .insert(key.to_owned(), json.to_owned());
        Ok(())
    }
}
