//! The team's reply texts.

use super::MemoryStore;
use crate::domain::replies::ReplyEdit;
use crate::storage::{ReplyStore, StoreError};

impl ReplyStore for MemoryStore {
    async fn load_reply_edits(&self) -> Result<Vec<ReplyEdit>, StoreError> {
        Ok(self.reply_edits.borrow().values().cloned().collect())
    }

    async fn add_reply_edits(&self, edits: &[ReplyEdit]) -> Result<(), StoreError> {
        let mut stored = self.reply_edits.borrow_mut();
        for edit in edits {
            stored.insert(edit.id.clone(), edit.clone());
        }
        Ok(())
    }
}
