//! Glue for the records a rep works on: customers, complaints, contacts and
//! follow-ups. Each method calls one use case and applies its outcome.

use chrono::Utc;
use leptos::prelude::*;

use super::Backend;
use crate::domain::complaints::{Complaint, ComplaintDraft, ComplaintState, ResponseTargets};
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::{plan_win_back, win_back_effort, win_back_follow_ups, win_back_rep};
use crate::domain::customers::{Customer, CustomerId, LossCause, RelationshipStage};
use crate::domain::customers::{PlannedStep, WinBackEffort};
use crate::domain::orders::Order;
use crate::domain::value::TierChange;
use crate::i18n::{customer_deleted, customer_restored, text, win_back_step_words, Key};
use crate::services::complaints::{self as complaints, ComplaintActionError, FollowUpPlanned};
use crate::services::complaints::{ResumedDraft, StepContext, StepSaved};
use crate::services::customers::{self as customers, StageActionError, StageMove, StageMoved};
use crate::services::settings::{save_setting, RESPONSE_TARGETS};
use crate::services::{contacts, value};
use crate::storage::prelude::*;
use crate::storage::{DeletedCustomer, StoreError};
use crate::ui::context::{ToastKind, Undoable};
use crate::web::sync::Change;
use crate::web::{intl, prefs};

impl Backend {
    fn show_customer(&self, customer: Customer) {
        let id = customer.id.clone();
        self.customers.directory.update(|d| d.upsert(customer));
        self.device.after_user_save();
        self.publish(Change::Customer { id });
    }

    pub async fn create_customer(&self, customer: Customer) -> Result<Customer, StoreError> {
        let created = customers::create_customer(&*self.store()?, customer).await?;
        self.show_customer(created.clone());
        Ok(created)
    }

    pub async fn save_customer(&self, customer: Customer) -> Result<Customer, StoreError> {
        let saved = customers::save_customer(&*self.store()?, &customer).await?;
        self.show_customer(saved.clone());
        Ok(saved)
    }

    /// Re-reads one record from storage (after a stale save, or another tab's change).
    pub async fn reload_customer(&self, id: &CustomerId) -> Result<Option<Customer>, StoreError> {
        let fresh = self.store()?.get_customer(id).await?;
        self.customers.directory.update(|d| match &fresh {
            Some(c) => d.upsert(c.clone()),
            None => {
                d.remove(id);
            }
        });
        Ok(fresh)
    }

    /// The win-back a move to Lost with `cause` would plan now: the effort the
    /// customer's tier deserves and its steps, due in the buyer's daytime, and who
    /// they are for.
    pub fn win_back_preview(
        &self,
        customer: &Customer,
        cause: LossCause,
    ) -> (WinBackEffort, Vec<PlannedStep>, String) {
        let effort = win_back_effort(self.customers.tier_of(&customer.id), cause);
        let zone = customer.time_zone.clone();
        let lang = self.shell.lang.get_untracked();
        let buyer_hour = move |at: chrono::DateTime<Utc>| {
            intl::local_clock(&zone, lang.code(), at.timestamp_millis() as f64).map(|c| c.hour)
        };
        let steps = plan_win_back(effort, Utc::now(), &buyer_hour);
        (effort, steps, self.win_back_rep(customer))
    }

    fn win_back_rep(&self, customer: &Customer) -> String {
        let rep = win_back_rep(customer, &self.desk.rep_name.get_untracked());
        if rep.is_empty() {
            text(self.shell.lang.get_untracked(), Key::WinBackUnassigned).to_owned()
        } else {
            rep
        }
    }

    /// Moves the customer along the flow; a move to Lost saves the kept win-back
    /// `steps` as follow-ups (purposes in the rep's language) in the same transaction.
    pub async fn move_stage(
        &self,
        id: &CustomerId,
        to: RelationshipStage,
        reason: &str,
        loss_cause: Option<LossCause>,
        steps: Vec<PlannedStep>,
    ) -> Result<StageMoved, StageActionError> {
        let current = self
            .customers
            .directory
            .with_untracked(|d| d.get(id).cloned())
            .ok_or_else(|| StageActionError::Store(StoreError::NotFound(id.clone())))?;
        let store = self.store().map_err(StageActionError::Store)?;
        let now = Utc::now();
        let lang = self.shell.lang.get_untracked();
        let win_back = match loss_cause {
            Some(cause) if to == RelationshipStage::Lost => win_back_follow_ups(
                &current,
                &steps,
                &self.win_back_rep(&current),
                now,
                &mut || uuid::Uuid::new_v4().to_string(),
                &|step| win_back_step_words(lang, step, cause),
            ),
            _ => Vec::new(),
        };
        let request = StageMove {
            to,
            reason: reason.to_owned(),
            loss_cause,
            win_back,
        };
        let moved = customers::move_stage(&*store, &current, &request, now).await?;
        self.show_customer(moved.customer.clone());
        if !moved.planned.is_empty() || !moved.closed.is_empty() {
            for follow_up in moved.planned.iter().chain(&moved.closed) {
                self.desk.upsert_follow_up(follow_up);
            }
            self.publish(Change::FollowUps);
        }
        Ok(moved)
    }

    /// Deletes the customer with everything that belongs to them; the toast offers
    /// Undo.
    pub async fn delete_customer(&self, id: &CustomerId) -> Result<(), StoreError> {
        let deleted = customers::delete_customer(&*self.store()?, id).await?;
        self.customers.directory.update(|d| {
            d.remove(id);
        });
        self.desk
            .complaints
            .update(|all| all.retain(|c| &c.customer_id != id));
        self.desk
            .follow_ups
            .update(|all| all.retain(|f| &f.customer_id != id));
        self.publish(Change::Customer { id: id.clone() });
        let lang = self.shell.lang.get_untracked();
        let message = customer_deleted(lang, &deleted.customer.name);
        self.shell
            .notify(ToastKind::Info, message, Some(Undoable::Deletion(deleted)));
        Ok(())
    }

    pub async fn undo_delete(&self, deleted: DeletedCustomer) -> Result<(), StoreError> {
        customers::undo_delete(&*self.store()?, &deleted).await?;
        let name = deleted.customer.name.clone();
        let id = deleted.customer.id.clone();
        self.desk
            .complaints
            .update(|all| all.extend(deleted.complaints.iter().cloned()));
        self.desk
            .follow_ups
            .update(|all| all.extend(deleted.follow_ups.iter().cloned()));
        self.customers
            .directory
            .update(|d| d.upsert(deleted.customer));
        self.publish(Change::Customer { id });
        let lang = self.shell.lang.get_untracked();
        self.shell
            .notify(ToastKind::Info, customer_restored(lang, &name), None);
        Ok(())
    }

    pub async fn orders_for(&self, id: CustomerId) -> Result<Vec<Order>, StoreError> {
        customers::orders_newest_first(&*self.store()?, &id).await
    }

    pub async fn tier_history(&self, id: CustomerId) -> Result<Vec<TierChange>, StoreError> {
        value::tier_history(&*self.store()?, &id).await
    }

    /// Starts a complaint for the customer now: the response clock runs from here.
    pub async fn open_complaint(&self, customer: &CustomerId) -> Result<Complaint, StoreError> {
        let id = uuid::Uuid::new_v4().to_string();
        let complaint =
            complaints::open_complaint(&*self.store()?, id, customer, Utc::now()).await?;
        self.desk.upsert_complaint(complaint.clone());
        self.device.after_user_save();
        self.publish(Change::Complaints);
        Ok(complaint)
    }

    /// The wizard's draft for this complaint (the saved one wins).
    pub async fn resume_draft(&self, complaint: Complaint) -> Result<ResumedDraft, StoreError> {
        Ok(complaints::resume_draft(&*self.store()?, &complaint, intl::rep_offset_at("")).await)
    }

    pub async fn save_complaint_draft(&self, draft: &ComplaintDraft) -> Result<(), StoreError> {
        self.store()?.save_complaint_draft(draft).await
    }

    /// Saves the wizard's current step (and resolves the complaint if asked),
    /// booking the remedy's cost and planning the follow-up with it.
    pub async fn save_wizard_step(
        &self,
        current: &Complaint,
        draft: &ComplaintDraft,
        resolve: bool,
    ) -> Result<StepSaved, ComplaintActionError> {
        let context = StepContext {
            now: Utc::now(),
            rep_offset: intl::rep_offset_at(&draft.follow_up_at),
            rep: self.desk.rep_name.get_untracked(),
            follow_up_purpose: text(
                self.shell.lang.get_untracked(),
                Key::ComplaintFollowUpPurpose,
            )
            .to_owned(),
        };
        let store = self.store()?;
        let saved =
            complaints::save_wizard_step(&*store, current, draft, resolve, &context).await?;
        self.desk.upsert_complaint(saved.complaint.clone());
        self.publish(Change::Complaints);
        if saved.cost_booked {
            self.publish(Change::Costs);
        }
        if let FollowUpPlanned::Planned(follow_up) = &saved.follow_up {
            self.desk.upsert_follow_up(follow_up);
            self.publish(Change::FollowUps);
        }
        Ok(saved)
    }

    /// Moves the complaint's state, or records that the customer wrote again.
    pub async fn change_complaint_state(
        &self,
        current: &Complaint,
        to: Option<ComplaintState>,
    ) -> Result<Complaint, ComplaintActionError> {
        let store = self.store()?;
        let moved = complaints::change_state(&*store, current, to, Utc::now()).await?;
        self.desk.upsert_complaint(moved.clone());
        self.publish(Change::Complaints);
        Ok(moved)
    }

    /// Re-reads one complaint (after a stale save).
    pub async fn reload_complaint(&self, id: &str) -> Result<Option<Complaint>, StoreError> {
        let fresh = self.store()?.get_complaint(id).await?;
        if let Some(c) = &fresh {
            self.desk.upsert_complaint(c.clone());
        }
        Ok(fresh)
    }

    pub async fn contacts_for(&self, id: CustomerId) -> Result<Vec<Contact>, StoreError> {
        self.store()?.contacts_for_customer(&id).await
    }

    /// Logs a contact; the customer's "last contact" moves with it.
    pub async fn log_contact(&self, contact: &Contact) -> Result<(), StoreError> {
        let customer = contacts::log_contact(&*self.store()?, contact).await?;
        self.customers.directory.update(|d| d.upsert(customer));
        self.remember_rep(&contact.rep);
        self.device.after_user_save();
        self.publish(Change::Contacts {
            id: contact.customer_id.clone(),
        });
        Ok(())
    }

    pub async fn save_follow_up(&self, follow_up: &FollowUp) -> Result<(), StoreError> {
        contacts::save_follow_up(&*self.store()?, follow_up).await?;
        self.desk.upsert_follow_up(follow_up);
        self.remember_rep(&follow_up.rep);
        self.publish(Change::FollowUps);
        Ok(())
    }

    pub async fn complete_follow_up(&self, follow_up: &FollowUp) -> Result<(), StoreError> {
        let done = contacts::complete_follow_up(&*self.store()?, follow_up, Utc::now()).await?;
        self.desk.upsert_follow_up(&done);
        self.publish(Change::FollowUps);
        Ok(())
    }

    pub async fn save_response_targets(&self, targets: &ResponseTargets) -> Result<(), StoreError> {
        save_setting(&*self.store()?, &RESPONSE_TARGETS, targets).await?;
        self.desk.response_targets.set(targets.clone());
        self.publish(Change::Settings);
        Ok(())
    }

    pub(super) fn remember_rep(&self, rep: &str) {
        let rep = rep.trim();
        if rep.is_empty() || self.desk.rep_name.with_untracked(|r| r == rep) {
            return;
        }
        self.desk.rep_name.set(rep.to_owned());
        if let Err(e) = prefs::remember_rep_name(rep) {
            self.shell.notify_browser_failure(Key::LocalSaveFailed, &e);
        }
    }
}
