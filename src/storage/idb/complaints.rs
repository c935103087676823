//! Complaints and the wizard's autosaved drafts.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use super::codec::{stored_record, to_js};
use super::schema::{COMPLAINTS, COMPLAINT_DRAFTS, COSTS};
use super::IdbStore;
use crate::domain::complaints::{Complaint, ComplaintDraft};
use crate::domain::orders::CostEntry;
use crate::storage::{next_complaint_revision, ComplaintStore, StoreError};

impl ComplaintStore for IdbStore {
    async fn load_complaints(&self) -> Result<Vec<Complaint>, StoreError> {
        self.read_all(COMPLAINTS).await
    }

    async fn get_complaint(&self, id: &str) -> Result<Option<Complaint>, StoreError> {
        let tx = self.tx(&[COMPLAINTS], TransactionMode::Readonly)?;
        stored_record(&tx.object_store(COMPLAINTS)?, id).await
    }

    async fn insert_complaint(&self, complaint: &Complaint) -> Result<(), StoreError> {
        let tx = self.write_tx(&[COMPLAINTS])?;
        // `add` refuses an existing key, so two tabs can never both create one id.
        tx.object_store(COMPLAINTS)?
            .add(to_js(complaint)?)
            .primitive()?;
        tx.mark(std::slice::from_ref(complaint)).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn save_complaint(
        &self,
        complaint: &Complaint,
        cost: Option<&CostEntry>,
    ) -> Result<Complaint, StoreError> {
        let tx = self.write_tx(&[COMPLAINTS, COSTS])?;
        let store = tx.object_store(COMPLAINTS)?;
        let stored: Option<Complaint> = stored_record(&store, complaint.id.as_str()).await?;
        let revision = next_complaint_revision(stored.as_ref(), complaint)?;
        let saved = Complaint {
            revision,
            ..complaint.clone()
        };
        store.put(to_js(&saved)?).primitive()?;
        tx.mark(std::slice::from_ref(&saved)).await?;
        if let Some(cost) = cost {
            tx.object_store(COSTS)?.put(to_js(cost)?).primitive()?;
            tx.mark(std::slice::from_ref(cost)).await?;
        }
        tx.commit().await?;
        Ok(saved)
    }

    async fn load_complaint_draft(
        &self,
        complaint_id: &str,
    ) -> Result<Option<ComplaintDraft>, StoreError> {
        let tx = self.tx(&[COMPLAINT_DRAFTS], TransactionMode::Readonly)?;
        stored_record(&tx.object_store(COMPLAINT_DRAFTS)?, complaint_id).await
    }

    async fn save_complaint_draft(&self, draft: &ComplaintDraft) -> Result<(), StoreError> {
        let tx = self.tx(&[COMPLAINT_DRAFTS], TransactionMode::Readwrite)?;
        tx.object_store(COMPLAINT_DRAFTS)?
            .put(to_js(draft)?)
            .primitive()?;
        tx.commit().await?;
        Ok(())
    }
}
