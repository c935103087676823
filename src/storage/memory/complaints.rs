//! Complaints and the wizard's autosaved drafts.

use super::MemoryStore;
use crate::domain::complaints::{Complaint, ComplaintDraft};
use crate::domain::orders::CostEntry;
use crate::storage::{next_complaint_revision, ComplaintStore, StoreError};

impl ComplaintStore for MemoryStore {
    async fn load_complaints(&self) -> Result<Vec<Complaint>, StoreError> {
        Ok(self.complaints.borrow().values().cloned().collect())
    }

    async fn get_complaint(&self, id: &str) -> Result<Option<Complaint>, StoreError> {
        Ok(self.complaints.borrow().get(id).cloned())
    }

    async fn insert_complaint(&self, complaint: &Complaint) -> Result<(), StoreError> {
        let mut complaints = self.complaints.borrow_mut();
        if complaints.contains_key(&complaint.id) {
            return Err(StoreError::Backend(format!(
                "a complaint with id {} already exists",
                complaint.id
            )));
        }
        complaints.insert(complaint.id.clone(), complaint.clone());
        self.mark(std::slice::from_ref(complaint));
        Ok(())
    }

    async fn save_complaint(
        &self,
        complaint: &Complaint,
        cost: Option<&CostEntry>,
    ) -> Result<Complaint, StoreError> {
        let mut complaints = self.complaints.borrow_mut();
        let revision = next_complaint_revision(complaints.get(&complaint.id), complaint)?;
        let saved = Complaint {
            revision,
            ..complaint.clone()
        };
        complaints.insert(saved.id.clone(), saved.clone());
        if let Some(cost) = cost {
            self.costs
                .borrow_mut()
                .insert(cost.id.clone(), cost.clone());
        }
        self.mark(std::slice::from_ref(&saved));
        if let Some(cost) = cost {
            self.mark(std::slice::from_ref(cost));
        }
        Ok(saved)
    }

    async fn load_complaint_draft(
        &self,
        complaint_id: &str,
    ) -> Result<Option<ComplaintDraft>, StoreError> {
        Ok(self.complaint_drafts.borrow().get(complaint_id).cloned())
    }

    async fn save_complaint_draft(&self, draft: &ComplaintDraft) -> Result<(), StoreError> {
        self.complaint_drafts
            .borrow_mut()
            .insert(draft.complaint_id.clone(), draft.clone());
        Ok(())
    }
}
