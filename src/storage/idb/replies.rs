//! The team's reply texts: one record per edit, never overwritten.

use super::schema::REPLY_EDITS;
use super::IdbStore;
use crate::domain::replies::ReplyEdit;
use crate::storage::{ReplyStore, StoreError};

impl ReplyStore for IdbStore {
    async fn load_reply_edits(&self) -> Result<Vec<ReplyEdit>, StoreError> {
        self.read_all(REPLY_EDITS).await
    }

    async fn add_reply_edits(&self, edits: &[ReplyEdit]) -> Result<(), StoreError> {
        self.write_all(REPLY_EDITS, edits).await
    }
}
