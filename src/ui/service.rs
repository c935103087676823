//! Actions of the daily service work: complaints, the contact log and follow-ups.
//! Like every action, they write to storage first and update the signals only after
//! the write succeeded, so the screen never shows what was not saved.

use chrono::Utc;
use leptos::prelude::*;

use super::state::{AppState, RESPONSE_TARGETS_KEY};
use crate::domain::complaints::{Complaint, ComplaintDraft, ResponseTargets};
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::CustomerId;
use crate::domain::exchange::backup::{BackupCounts, RestorePlan};
use crate::domain::exchange::customers_import::CustomerImportPlan;
use crate::domain::orders::CostEntry;
use crate::domain::value::ValueTier;
use crate::i18n::Key;
use crate::services::backup::BackupServiceError;
use crate::storage::prelude::*;
use crate::storage::StoreError;
use crate::web::prefs;
use crate::web::sync::Change;

impl AppState {
    pub fn tier_of(&self, id: &CustomerId) -> Option<ValueTier> {
        self.tiers.with_untracked(|t| t.get(id).copied())
    }

    pub fn complaint(&self, id: &str) -> Option<Complaint> {
        self.complaints
            .with(|all| all.iter().find(|c| c.id == id).cloned())
    }

    /// Starts a complaint for the customer now: the response clock runs from here.
    pub async fn open_complaint(&self, customer: &CustomerId) -> Result<Complaint, StoreError> {
        let complaint = Complaint::open(
            uuid::Uuid::new_v4().to_string(),
            customer.clone(),
            Utc::now(),
        );
        self.store()?.insert_complaint(&complaint).await?;
        self.complaints.update(|all| all.push(complaint.clone()));
        self.after_user_save();
        self.announce(Change::Complaints);
        Ok(complaint)
    }

    /// Saves the complaint (refused if another tab saved first) and, with it, the
    /// remedy's cost to serve.
    pub async fn save_complaint(
        &self,
        complaint: &Complaint,
        cost: Option<&CostEntry>,
    ) -> Result<Complaint, StoreError> {
        let saved = self.store()?.save_complaint(complaint, cost).await?;
        self.upsert_complaint(saved.clone());
        self.announce(Change::Complaints);
        if cost.is_some() {
            self.data_version.update(|v| *v += 1);
        }
        Ok(saved)
    }

    /// Re-reads one complaint (after a stale save).
    pub async fn reload_complaint(&self, id: &str) -> Result<Option<Complaint>, StoreError> {
        let fresh = self.store()?.get_complaint(id).await?;
        if let Some(c) = &fresh {
            self.upsert_complaint(c.clone());
        }
        Ok(fresh)
    }

    fn upsert_complaint(&self, complaint: Complaint) {
        self.complaints
            .update(|all| match all.iter_mut().find(|c| c.id == complaint.id) {
                Some(slot) => *slot = complaint,
                None => all.push(complaint),
            });
    }

    pub async fn load_complaint_draft(
        &self,
        complaint_id: &str,
    ) -> Result<Option<ComplaintDraft>, StoreError> {
        self.store()?.load_complaint_draft(complaint_id).await
    }

    pub async fn save_complaint_draft(&self, draft: &ComplaintDraft) -> Result<(), StoreError> {
        self.store()?.save_complaint_draft(draft).await
    }

    pub async fn contacts_for(&self, id: &CustomerId) -> Result<Vec<Contact>, StoreError> {
        self.store()?.contacts_for_customer(id).await
    }

    /// Logs a contact; the customer's "last contact" moves with it.
    pub async fn log_contact(&self, contact: &Contact) -> Result<(), StoreError> {
        let customer = self.store()?.log_contact(contact).await?;
        self.directory.update(|d| d.upsert(customer));
        self.remember_rep(&contact.rep);
        self.after_user_save();
        self.announce(Change::Contacts {
            id: contact.customer_id.clone(),
        });
        Ok(())
    }

    pub async fn save_follow_up(&self, follow_up: &FollowUp) -> Result<(), StoreError> {
        self.store()?.put_follow_up(follow_up).await?;
        self.follow_ups
            .update(|all| match all.iter_mut().find(|f| f.id == follow_up.id) {
                Some(slot) => *slot = follow_up.clone(),
                None => all.push(follow_up.clone()),
            });
        self.remember_rep(&follow_up.rep);
        self.announce(Change::FollowUps);
        Ok(())
    }

    pub async fn save_response_targets(&self, targets: &ResponseTargets) -> Result<(), StoreError> {
        self.save_setting(RESPONSE_TARGETS_KEY, targets).await?;
        self.response_targets.set(targets.clone());
        Ok(())
    }

    fn remember_rep(&self, rep: &str) {
        let rep = rep.trim();
        if rep.is_empty() || self.rep_name.with_untracked(|r| r == rep) {
            return;
        }
        self.rep_name.set(rep.to_owned());
        if let Err(e) = prefs::remember_rep_name(rep) {
            self.notify_browser_failure(Key::LocalSaveFailed, &e);
        }
    }
}

impl AppState {
    /// Writes the whole database into a backup file's text.
    pub async fn create_backup(&self) -> Result<(String, BackupCounts), BackupServiceError> {
        let now = Utc::now();
        let made = crate::services::backup::create_backup(&*self.store()?, now).await?;
        self.last_backup.set(Some(now));
        Ok(made)
    }

    /// What is stored now, to show beside what a restore would bring.
    pub async fn current_counts(&self) -> Result<BackupCounts, StoreError> {
        Ok(self.store()?.export_all().await?.counts())
    }

    /// Replaces everything with a validated backup, then shows it in every tab.
    pub async fn restore_backup(&self, plan: &RestorePlan) -> Result<(), StoreError> {
        crate::services::backup::restore_backup(&*self.store()?, plan).await?;
        self.reload_everything().await?;
        self.announce(Change::Everything);
        Ok(())
    }

    pub async fn save_reminder_days(&self, days: u32) -> Result<(), StoreError> {
        self.save_setting(crate::services::backup::REMINDER_DAYS_KEY, &days)
            .await?;
        self.reminder_days.set(days);
        Ok(())
    }

    /// Creates and merges the planned customers in one transaction.
    pub async fn import_customers(&self, plan: &CustomerImportPlan) -> Result<(), StoreError> {
        let merged = self
            .store()?
            .import_customers(&plan.create, &plan.merge)
            .await?;
        self.directory.update(|d| {
            for c in plan.create.iter().cloned().chain(merged) {
                d.upsert(c);
            }
        });
        self.after_user_save();
        self.announce(Change::Everything);
        Ok(())
    }
}
