//! Small JSON settings, one entry per key.

use super::MemoryStore;
use crate::domain::sync::docs::DocKind;
use crate::domain::sync::outbox::is_team_setting;
use crate::storage::{SettingsStore, StoreError};

impl SettingsStore for MemoryStore {
    async fn load_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.settings.borrow().get(key).cloned())
    }

    async fn save_setting(&self, key: &str, json: &str) -> Result<(), StoreError> {
        self.settings
            .borrow_mut()
            .insert(key.to_owned(), json.to_owned());
        if is_team_setting(key) {
            self.mark_ids(DocKind::Setting, [key]);
        }
        Ok(())
    }
}
